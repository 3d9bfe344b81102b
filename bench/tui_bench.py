"""TUI performance: inbox first paint with 100 vs 100,000 feedback rows, and the cold start of the `fbdesk` command to
a painted inbox. (The composer's keystrokes are measured by bench/composer_bench.py.)

    python bench/tui_bench.py [--rows 100000] [--runs 5]

Method
- First paint: in-process, headless at 120x36. The clock starts when the app is built and stops when the inbox
  reports that its first rows are on screen (`FbdeskApp.inbox_painted`, called after the refresh that drew them).
  Median of --runs runs, each on a freshly opened desk. The databases are filled through `desk.import_reports`.
- Cold start: `python -m fbdesk app` (what the `fbdesk` script runs) in a real pseudo-terminal of 120x36, with
  the hidden option --exit-after-paint, which makes the app exit right after the inbox's first paint. Wall time from
  spawning the process to its exit (so it includes interpreter start, imports, opening the database, the first paint and
  the shutdown), median of --runs.
"""

from __future__ import annotations

import argparse
import asyncio
import fcntl
import gc
import os
import pty
import random
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fbdesk.desk import open_desk  # noqa: E402
from fbdesk.domain.reports import format_report_date  # noqa: E402

SIZE = (120, 36)
COMMENTS = [
    "Package arrived open and one part was missing.",
    "Shipping took 12 days, estimate said 4.",
    "Seller sent the wrong colour and ignored my message",
    "ok",
    "Great seller, fast delivery!",
    "Terrible battery life, died after a day",
    "Box arrived crushed.",
]


def write_report(path: Path, rows: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    start = date(2025, 1, 1)
    with path.open("w", encoding="utf-8") as f:
        f.write("Date\tRating\tComments\tResponse\tOrder ID\tRater Email\n")
        for i in range(rows):
            day = format_report_date(start + timedelta(days=rng.randrange(600)), "US")
            f.write(
                f"{day}\t{rng.randint(1, 5)}\t{rng.choice(COMMENTS)}\t\t111-{i:07d}-{rng.randrange(10**7):07d}"
                f"\tb{i}@marketplace.amazon.com\n"
            )


def make_database(folder: Path, rows: int) -> Path:
    db = folder / f"bench_{rows}.db"
    report = folder / f"report_{rows}.tsv"
    write_report(report, rows)
    desk = open_desk(f"sqlite:///{db}", agent="bench")
    desk.import_reports([report])
    desk.close()
    return db


# --- first paint -----------------------------------------------------------------------------------------------


async def _first_paint(db: Path) -> float:
    from fbdesk.ui.app import build_app

    # Every run starts from the same garbage-collector state: the app freezes what is alive after its first
    # paint, and without this a full collection lands in some runs and not others (seen: 160 ms or 300 ms).
    gc.unfreeze()
    gc.collect()
    began = time.perf_counter()
    desk = open_desk(f"sqlite:///{db}", agent="bench")
    app = build_app(desk, cursor_blink=False)
    painted = []

    def inbox_painted() -> None:
        painted.append(time.perf_counter())
        app.exit()

    app.inbox_painted = inbox_painted
    await app.run_async(headless=True, size=SIZE)
    desk.close()
    return painted[0] - began


def first_paints(small: Path, large: Path, runs: int) -> tuple[float, float]:
    """Median first paint of each database, runs interleaved so that both see the same machine."""
    asyncio.run(_first_paint(small))  # warm the OS file cache and Python's imports
    asyncio.run(_first_paint(large))
    times: dict[Path, list[float]] = {small: [], large: []}
    for _ in range(runs):
        for db in (small, large):
            times[db].append(asyncio.run(_first_paint(db)))
    return statistics.median(times[small]), statistics.median(times[large])


# --- cold start ---------------------------------------------------------------------------------------------------


def cold_start(db: Path) -> float:
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
    }

    def drain() -> None:
        try:
            while os.read(master, 65536):
                pass
        except OSError:
            pass

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    began = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "fbdesk", "app", "--db", str(db), "--agent", "bench", "--exit-after-paint"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        cwd=ROOT,
    )
    code = process.wait(timeout=60)
    elapsed = time.perf_counter() - began
    os.close(slave)
    os.close(master)
    if code:
        raise SystemExit(f"fbdesk exited with {code}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        began = time.perf_counter()
        small, large = make_database(folder, 100), make_database(folder, args.rows)
        print(f"databases of 100 and {args.rows:,} rows made in {time.perf_counter() - began:.1f} s")

        paint_small, paint_large = first_paints(small, large, args.runs)
        ratio = paint_large / paint_small
        print(
            f"inbox first paint: {paint_small * 1000:.0f} ms with 100 rows, {paint_large * 1000:.0f} ms with "
            f"{args.rows:,} rows: {ratio:.2f}x ({'within' if ratio <= 1.5 else 'OVER'} the 1.5x budget)"
        )

        cold_start(small)  # warm the file cache
        for db, rows in ((small, 100), (large, args.rows)):
            times = [cold_start(db) for _ in range(args.runs)]
            median = statistics.median(times)
            print(
                f"cold start of `fbdesk app` to a painted inbox ({rows:,} rows): median {median:.2f} s, "
                f"best {min(times):.2f} s ({'under' if median < 1.5 else 'OVER'} the 1.5 s budget)"
            )


if __name__ == "__main__":
    main()
