"""Import a generated GET_SELLER_FEEDBACK_DATA report with realistic rows, side by side with the sqlite3 CLI.

The report: comments of 20-400 characters drawn from a varied vocabulary (some accented and other non-ASCII words,
some quoted fields holding quotes or tabs), Amazon order ids, two years of dates, all five ratings, some responses,
relay addresses ...@marketplace.amazon.com.

Each import runs in a process of its own, so that its resident memory (the process's peak RSS, VmHWM) is measured,
not Python's heap. Printed, with the budget each figure must meet:
- SQLite, 200,000 rows: fbdesk's rows/s against the sqlite3 CLI's `.import` of the same file into a fresh database,
  run alternately (median of the alternations); fbdesk must reach 0.3x the CLI's rows/s;
- the seconds fbdesk spends in each step of the import (medians);
- the floor: the seconds SQLite itself takes to build the desk's indexes and full-text index over the same rows, and
  the ratio to the CLI that an import costing nothing else would reach;
- peak RSS of the importing process at 200,000 and 1,000,000 rows: under 150 MiB, and flat (at most 10% more);
- PostgreSQL (when FBDESK_BENCH_POSTGRES_URL names a server; a database is created and dropped for each run):
  at least 50,000 rows/s for 200,000 rows; with the CPU seconds of the server's processes for that database when the
  server runs on this machine (its parallel index-build workers not included), since a loaded machine inflates the
  seconds; and the floor: the seconds the server takes to build the desk's indexes over the same rows.

Usage: python bench/import_bench.py [--rows N] [--big-rows N] [--runs N] [--no-big]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # this checkout's fbdesk, as the import's own process uses (PYTHONPATH)

RATIO_BUDGET = 0.3  # fbdesk's rows/s over the sqlite3 CLI's, at least
RSS_BUDGET_MIB = 150
RSS_GROWTH_BUDGET = 1.10  # peak RSS at the big size over the small size, at most
PG_ROWS_PER_SECOND_BUDGET = 50_000
SQLITE3_CLI = "/usr/bin/sqlite3"

_PROSE = (
    "the item arrived on time and was exactly as described in the listing seller shipped quickly packaging "
    "was damaged box crushed missing part wrong colour size smaller than expected works great would buy again "
    "terrible customer service never answered my messages refund took weeks battery died after two days "
    "screen cracked charger missing manual in another language instructions unclear product smells strange "
    "delivery driver left it in the rain late by a week tracking never updated excellent quality price fair "
    "not worth the money returned it cheap plastic broke first use fits perfectly my daughter loves it "
    "husband happy gift wrapped nicely communication prompt helpful polite replaced without fuss highly "
    "recommend avoid this seller counterfeit fake genuine original sealed opened used scratched dented "
    "stopped working after a month warranty refused support rude patient kind fast slow okay average fine"
)
WORDS = _PROSE.split()
ACCENTED = [
    "très",
    "déçu",
    "qualité",
    "Größe",
    "schön",
    "über",
    "niño",
    "regalo",
    "perfekt",
    "café",
    "naïve",
    "\u2019s",
]
OTHER = ["👍", "😡", "№", "½", "—", "\u201cgreat\u201d", "日本語", "€20"]


def _comment(rng: random.Random) -> str:
    length = rng.randint(20, 400)
    words: list[str] = []
    size = 0
    while size < length:
        roll = rng.random()
        word = rng.choice(ACCENTED) if roll < 0.03 else rng.choice(OTHER) if roll < 0.04 else rng.choice(WORDS)
        words.append(word)
        size += len(word) + 1
    text = " ".join(words)[:length].strip()
    text = text[0].upper() + text[1:] + rng.choice(".!.?")
    roll = rng.random()
    if roll < 0.02:
        text = text.replace(" ", ' "', 1) + '"'  # the buyer's own quotes: the field is quoted, quotes doubled
    elif roll < 0.03:
        text = text.replace(" ", "\t", 1)  # a tab inside the comment: only possible in a quoted field
    if '"' in text or "\t" in text:
        text = '"' + text.replace('"', '""') + '"'
    return text


RESPONSES = ["", "", "", "", "Thank you for your feedback!", "We are sorry, please contact us so we can make it right."]


def write_report(path: Path, rows: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    start = date(2025, 1, 1)
    days = [f"{d.month}/{d.day}/{d.year % 100:02d}" for d in (start + timedelta(days=n) for n in range(700))]
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write("Date\tRating\tComments\tResponse\tOrder ID\tRater Email\r\n")
        lines = []
        for i in range(rows):
            order = f"{rng.randrange(100, 1000)}-{rng.randrange(10**7):07d}-{i:07d}"
            email = f"{rng.getrandbits(52):013x}{i:x}@marketplace.amazon.com"
            rating = rng.choice("1223455555")
            lines.append(
                f"{rng.choice(days)}\t{rating}\t{_comment(rng)}\t{rng.choice(RESPONSES)}\t{order}\t{email}\r\n"
            )
            if len(lines) == 10_000:
                f.writelines(lines)
                lines.clear()
        f.writelines(lines)


def _peak_rss_mib() -> float:
    """The peak resident memory of this process (VmHWM), in MiB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _server_cpu(engine) -> dict[int, float]:
    """CPU seconds so far of each PostgreSQL backend serving this database, when the server runs on this machine."""
    from sqlalchemy import text

    if engine.dialect.name != "postgresql":
        return {}
    with engine.connect() as conn:
        pids = conn.execute(text("SELECT pid FROM pg_stat_activity WHERE datname = current_database()")).scalars()
        seconds = {}
        for pid in pids:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            seconds[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return seconds


def worker(url: str, report: str) -> None:
    """One import in this process; prints its figures as JSON."""
    from fbdesk.desk import open_desk

    desk = open_desk(url, agent="bench")
    server_before = _server_cpu(desk.engine)
    began = time.perf_counter()
    summary = desk.import_reports([report])
    elapsed = time.perf_counter() - began
    server_after = _server_cpu(desk.engine)
    desk.close()
    assert summary.added > 0 and summary.modified == summary.unchanged == 0, summary
    print(
        json.dumps(
            {
                "seconds": elapsed,
                "rows": summary.added,
                "steps": summary.steps,
                "steps_cpu": summary.steps_cpu,
                "rss": _peak_rss_mib(),
                "server_cpu": sum(cpu - server_before.get(pid, 0.0) for pid, cpu in server_after.items()),
            }
        )
    )


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run_fbdesk(url: str, report: Path, root: str = str(ROOT)) -> dict:
    """An import in a process of its own, by the fbdesk in `root` (by default this checkout's)."""
    cpu = _children_cpu()
    environment = os.environ | {"PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))}
    out = subprocess.run(
        [sys.executable, __file__, "--worker", url, str(report)],
        check=True,
        stdout=subprocess.PIPE,
        text=True,
        env=environment,
    ).stdout
    return json.loads(out.splitlines()[-1]) | {"cpu": _children_cpu() - cpu}


def _run_cli(db: Path, report: Path) -> tuple[float, float]:
    """Seconds of the sqlite3 CLI's `.import` of the report into a new database, whole process; and its CPU seconds."""
    began, cpu = time.perf_counter(), _children_cpu()
    subprocess.run(
        [SQLITE3_CLI, str(db)],
        input=f".mode tabs\n.import {report} feedback\n",
        check=True,
        capture_output=True,
        text=True,
    )
    return time.perf_counter() - began, _children_cpu() - cpu


def _fresh(folder: Path, name: str) -> Path:
    path = folder / name
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return path


def _steps_table(runs: list[dict]) -> str:
    """Seconds and CPU seconds of each step, medians of the runs."""
    names = list(dict.fromkeys(name for run in runs for name in run["steps"]))

    def median(key: str, name: str) -> float:
        return statistics.median(run[key].get(name, 0.0) for run in runs)

    lines = [f"    {name:<22} {median('steps', name):7.3f} s {median('steps_cpu', name):7.3f} s CPU" for name in names]
    total = [sum(run[key].values()) for key in ("steps", "steps_cpu") for run in runs]
    lines.append(f"    {'(all steps)':<22} {statistics.median(total[: len(runs)]):7.3f} s ")
    lines[-1] += f"{statistics.median(total[len(runs) :]):7.3f} s CPU"
    return "\n".join(lines)


def sqlite_side_by_side(folder: Path, report: Path, rows: int, runs: int) -> tuple[list[bool], float]:
    cli_runs, fbdesk_runs = [], []
    for n in range(runs):  # alternately, so that load from elsewhere falls on both
        cli_runs.append(_run_cli(_fresh(folder, "cli.db"), report))
        fbdesk_runs.append(_run_fbdesk(f"sqlite:///{_fresh(folder, 'fbdesk.db')}", report))
        print(
            f"  run {n + 1}: sqlite3 CLI {cli_runs[-1][0]:.2f} s ({cli_runs[-1][1]:.2f} s CPU), "
            f"fbdesk {fbdesk_runs[-1]['seconds']:.2f} s ({fbdesk_runs[-1]['cpu']:.2f} s CPU, whole process)",
            flush=True,
        )
    cli = rows / statistics.median(seconds for seconds, _cpu in cli_runs)
    ours = rows / statistics.median(run["seconds"] for run in fbdesk_runs)
    cpu_ratio = statistics.median(cpu for _seconds, cpu in cli_runs) / statistics.median(r["cpu"] for r in fbdesk_runs)
    rss = statistics.median(run["rss"] for run in fbdesk_runs)
    print(f"SQLite, {rows:,} rows: fbdesk {ours:,.0f} rows/s, sqlite3 CLI .import {cli:,.0f} rows/s")
    print(
        f"  ratio {ours / cli:.2f} (budget at least {RATIO_BUDGET}); in CPU seconds, whole processes: {cpu_ratio:.2f}"
    )
    print(f"  fbdesk steps (medians):\n{_steps_table(fbdesk_runs)}")
    print(f"  peak RSS of the importing process: {rss:.0f} MiB")
    count, floor = index_floor(folder / "fbdesk.db")
    cli_seconds = rows / cli
    print(
        f"  the floor: SQLite itself builds the desk's {count} indexes of feedback and its full-text index over these "
        f"rows in {floor:.2f} s; with the CLI's import that is {cli_seconds + floor:.2f} s, so even an import that "
        f"cost nothing else would reach {cli_seconds / (cli_seconds + floor):.2f}x the CLI's rows/s"
    )
    return [ours / cli >= RATIO_BUDGET], rss


def index_floor(db: Path) -> tuple[int, float]:
    """How many indexes the desk keeps on feedback, and the seconds SQLite itself takes to build them and the
    full-text index over the rows an import left in `db` (a copy: set aside, then built again in one transaction)."""
    import shutil

    from sqlalchemy import create_engine

    from fbdesk.db import dialect

    copy = db.with_name("floor.db")
    shutil.copy(db, copy)
    engine = create_engine(f"sqlite:///{copy}")
    with engine.begin() as conn:
        indexes = dialect.set_indexes_aside(conn, "feedback")
        conn.exec_driver_sql("INSERT INTO feedback_fts(feedback_fts) VALUES ('delete-all')")
    began = time.perf_counter()
    with engine.begin() as conn:
        for _name, definition in indexes:
            dialect.restore_index(conn, definition)
        dialect.index_new_comments(conn, 0)
    seconds = time.perf_counter() - began
    engine.dispose()
    copy.unlink()
    return len(indexes), seconds


def memory_growth(folder: Path, small_rss: float, big_report: Path, big_rows: int, small_rows: int) -> list[bool]:
    run = _run_fbdesk(f"sqlite:///{_fresh(folder, 'big.db')}", big_report)
    growth = run["rss"] / small_rss
    print(
        f"SQLite, {big_rows:,} rows: {big_rows / run['seconds']:,.0f} rows/s; peak RSS {run['rss']:.0f} MiB against "
        f"{small_rss:.0f} MiB at {small_rows:,} rows: x{growth:.2f} (budget under {RSS_BUDGET_MIB} MiB, "
        f"at most x{RSS_GROWTH_BUDGET})"
    )
    print(f"  fbdesk steps:\n{_steps_table([run])}")
    return [run["rss"] < RSS_BUDGET_MIB, small_rss < RSS_BUDGET_MIB, growth <= RSS_GROWTH_BUDGET]


def postgres(url: str, report: Path, rows: int, runs: int) -> list[bool]:
    from sqlalchemy import create_engine, make_url, text

    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    results, floors = [], []
    for _ in range(runs):
        name = f"fbdesk_bench_{uuid.uuid4().hex[:10]}"
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            desk_url = make_url(url).set(database=name).render_as_string(hide_password=False)
            results.append(_run_fbdesk(desk_url, report))
            floors.append(_postgres_index_floor(desk_url))
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()
    speed = rows / statistics.median(run["seconds"] for run in results)
    rss = statistics.median(run["rss"] for run in results)
    server = statistics.median(run["server_cpu"] for run in results)
    client = statistics.median(sum(run["steps_cpu"].values()) for run in results)
    print(f"PostgreSQL, {rows:,} rows: {speed:,.0f} rows/s (budget at least {PG_ROWS_PER_SECOND_BUDGET:,}), ", end="")
    print(f"peak RSS {rss:.0f} MiB; CPU seconds: fbdesk {client:.2f}, server {server:.2f}", end="")
    print(
        f" (together {rows / (client + server):,.0f} rows per CPU second)"
        if server
        else " (server not on this machine)"
    )
    print(f"  fbdesk steps (medians):\n{_steps_table(results)}")
    count, floor = floors[0][0], statistics.median(seconds for _count, seconds in floors)
    print(
        f"  the floor: PostgreSQL itself builds the desk's {count} indexes of feedback (the full-text one included) "
        f"over these rows in {floor:.2f} s: an import that cost nothing else would reach {rows / floor:,.0f} rows/s"
    )
    return [speed >= PG_ROWS_PER_SECOND_BUDGET]


def _postgres_index_floor(url: str) -> tuple[int, float]:
    """How many indexes the desk keeps on feedback (not those of constraints), and the seconds the server takes to
    build them again over the imported rows, in one transaction."""
    from sqlalchemy import create_engine

    from fbdesk.db import dialect

    engine = create_engine(url)
    with engine.begin() as conn:
        indexes = dialect.set_indexes_aside(conn, "feedback")
    began = time.perf_counter()
    with engine.begin() as conn:
        for _name, definition in indexes:
            dialect.restore_index(conn, definition)
    seconds = time.perf_counter() - began
    engine.dispose()
    return len(indexes), seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--big-rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-big", action="store_true", help="skip the memory run at --big-rows")
    parser.add_argument("--postgres-only", action="store_true", help="only the PostgreSQL import")
    parser.add_argument("--worker", nargs=2, metavar=("URL", "REPORT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(*args.worker)
        return
    met: list[bool] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        report = folder / "report.tsv"
        write_report(report, args.rows)
        print(f"report: {args.rows:,} rows, {report.stat().st_size / 2**20:.0f} MiB", flush=True)
        if not args.postgres_only:
            side_by_side, small_rss = sqlite_side_by_side(folder, report, args.rows, args.runs)
            met += side_by_side
        if not (args.no_big or args.postgres_only):
            big = folder / "big.tsv"
            write_report(big, args.big_rows, seed=2)
            met += memory_growth(folder, small_rss, big, args.big_rows, args.rows)
            big.unlink()
        if pg_url := os.environ.get("FBDESK_BENCH_POSTGRES_URL"):
            met += postgres(pg_url, report, args.rows, max(1, args.runs // 2))
        else:
            print("PostgreSQL: skipped (set FBDESK_BENCH_POSTGRES_URL)")
    print("all budgets met" if all(met) else "BUDGETS MISSED")
    sys.exit(0 if all(met) else 1)


if __name__ == "__main__":
    main()
