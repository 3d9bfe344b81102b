"""Clear errors, never tracebacks, when the database is not what fbdesk needs: not a database, another
application's file, a damaged version, read only, a full disk, a server that never answers; and imports by several
agents at once, serialised so that no change is lost."""

from __future__ import annotations

import socket
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from fbdesk.cli import main
from fbdesk.desk import DeskUnavailable, open_desk

from support import BACKENDS, write_report


def run_cli(*argv: str, preamble: str = "", cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    script = f"{preamble}\nimport sys\nfrom fbdesk.cli import main\nsys.exit(main({list(argv)!r}))"
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=cwd)


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path, capsys):
    notes = tmp_path / "notes.txt"
    notes.write_text("shopping list\n" * 100)
    before = notes.read_bytes()
    assert main(["stats", "--db", str(notes)]) == 2
    err = capsys.readouterr().err
    assert "cannot open the database" in err and "not a database" in err
    assert notes.read_bytes() == before


def test_another_applications_sqlite_file_is_refused_before_anything_is_added(tmp_path, capsys):
    other = tmp_path / "accounts.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
        conn.execute("INSERT INTO invoices VALUES (1, 9.99)")
    assert main(["stats", "--db", str(other)]) == 2
    assert "not an fbdesk desk (it holds other tables: invoices)" in capsys.readouterr().err
    with sqlite3.connect(other) as conn:
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")] == ["invoices"]


def test_a_damaged_schema_version_is_a_clear_error(tmp_path, capsys):
    damaged = tmp_path / "old.db"
    with sqlite3.connect(damaged) as conn:
        conn.execute("CREATE TABLE feedback (id INTEGER PRIMARY KEY)")
        conn.execute("CREATE TABLE schema_info (version INTEGER)")
        conn.execute("INSERT INTO schema_info VALUES ('abc')")
    assert main(["stats", "--db", str(damaged)]) == 2
    assert "records ('abc') is unreadable: the database is damaged" in capsys.readouterr().err


def test_a_read_only_database_on_import_is_a_clear_error(tmp_path):
    db = tmp_path / "desk.db"
    open_desk(str(db), agent="alex").close()
    report = write_report(tmp_path / "r.tsv", [["10/2/26", "1", "late", "", "111-1", ""]])
    workdir = tmp_path / "work"
    workdir.mkdir()
    result = run_cli("import", str(report), "--db", f"sqlite:///file:{db}?mode=ro&uri=true", cwd=workdir)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "read only" in result.stderr and "Nothing was changed" in result.stderr
    assert list(workdir.iterdir()) == []  # the URI names the desk; it is not a path to create


def test_a_file_size_limit_during_import_leaves_the_desk_as_it_was(tmp_path):
    db = tmp_path / "desk.db"
    desk = open_desk(str(db), agent="alex")
    desk.import_reports([write_report(tmp_path / "small.tsv", [["10/2/26", "1", "late", "", "111-1", ""]])])
    desk.close()
    big = write_report(
        tmp_path / "big.tsv", [["10/3/26", "1", "x" * 300, "", f"111-{i + 2}", ""] for i in range(20_000)]
    )
    limit = db.stat().st_size + 200_000
    result = run_cli(
        "import",
        str(big),
        "--db",
        str(db),
        preamble=f"import resource; resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))",
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert "could not be written (a full disk, or a file size limit)" in result.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert open_desk(str(db), agent="alex").count_feedback() == 1


def test_a_postgresql_server_that_never_answers_times_out_clearly():
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(4)
        port = silent.getsockname()[1]
        with pytest.raises(DeskUnavailable, match="cannot open the database"):
            open_desk(f"postgresql+psycopg://sam:pw@127.0.0.1:{port}/fbdesk?connect_timeout=1", agent="alex")


IMPORTER = textwrap.dedent("""
    import sys
    from fbdesk.cli import main
    sys.exit(main(["import", sys.argv[1], "--db", sys.argv[2], "--agent", sys.argv[3]]))
""")


@pytest.mark.parametrize("backend", BACKENDS)
def test_agents_importing_overlapping_reports_at_once_lose_nothing(request, tmp_path, backend):
    url = (
        f"sqlite:///{tmp_path / 'desk.db'}"
        if backend == "sqlite"
        else request.getfixturevalue("fresh_postgres_database")
    )
    open_desk(url, agent="setup").close()
    # Four reports of the same 400 orders, each from a later download than the one before (its last row is a day
    # later), with the ratings of the first 100 orders changed by the buyers in between.
    reports = []
    for n in range(4):
        rows = [
            ["11/2/26", str(1 + (n + i) % 3 if i < 100 else 2), f"comment {i}", "", f"111-0000000-{i:07d}", ""]
            for i in range(400)
        ] + [[f"11/{3 + n}/26", "5", "fine", "", f"222-0000000-{n:07d}", ""]]
        reports.append(write_report(tmp_path / f"r{n}.tsv", rows))
    agents = [
        subprocess.Popen(
            [sys.executable, "-c", IMPORTER, str(report), url, f"agent{n}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n, report in enumerate(reports)
    ]
    outcomes = [(agent.wait(timeout=180), *agent.communicate()) for agent in agents]
    assert all(code == 0 and "Traceback" not in err for code, _, err in outcomes), outcomes
    desk = open_desk(url, agent="check")
    assert desk.count_feedback() == 404
    added = sum(int(out.split(": ")[1].split(" added")[0]) for _, out, _ in outcomes)
    assert added == 404  # every order added exactly once
    for i in range(100):  # whatever order they ran in, the newest report's rating stands, each change recorded
        case = desk.get_case(desk.find_order(f"111-0000000-{i:07d}").id)
        assert case.feedback.rating == 1 + (3 + i) % 3
        assert len(case.revisions) + 1 == case.feedback.revision
    desk.close()


def test_reading_a_long_report_holds_no_lock_on_the_desk(tmp_path):
    """Agents keep writing (drafts, assignments) while an import reads and checks its file; only the short merge
    at the end takes the write lock."""
    db = tmp_path / "desk.db"
    desk = open_desk(str(db), agent="alex")
    big = write_report(tmp_path / "big.tsv", [["10/3/26", "1", "x" * 100, "", f"111-{i}", ""] for i in range(30_000)])
    writes_while_reading = []

    def progress(done: int, total: int, stage: str) -> None:
        if stage == "reading" and done < total:
            other = sqlite3.connect(db, timeout=0, isolation_level=None)
            other.execute("BEGIN IMMEDIATE")  # fails at once ("database is locked") if the import held the lock
            other.execute("ROLLBACK")
            other.close()
            writes_while_reading.append(done)

    assert desk.import_reports([big], progress=progress).added == 30_000
    assert writes_while_reading
