"""What the CLI writes: exports that never overwrite the database or another file, private and all-or-nothing;
buyer text and file names inert on a terminal; a closed pipe, a full device and endless input handled."""

from __future__ import annotations

import gc
import json
import os
import stat
import subprocess
import sys

import pytest

from fbdesk.cli import inert, main

from support import write_report

OSC52 = "\x1b]52;c;cm0gLXJmIH4vKg==\x07"  # sets the terminal's clipboard to `rm -rf ~/*`


@pytest.fixture
def db(tmp_path, capsys) -> str:
    path = str(tmp_path / "x.db")
    report = write_report(
        tmp_path / "r.tsv",
        [
            ["10/2/26", "1", f"bad{OSC52} seller", "", "111-1", ""],
            ["10/3/26", "2", "late", "", "111-2", "b@marketplace.amazon.com"],
        ],
    )
    assert main(["import", str(report), "--db", path]) == 0
    capsys.readouterr()
    return path


def test_a_command_leaves_the_database_whole_in_its_file_as_it_ends(tmp_path, capsys):
    # copied or backed up once fbdesk is done, the file holds everything: nothing waits in SQLite's write-ahead log
    # for the collector to close the connection (it is held off here, as it may be in any run)
    path = str(tmp_path / "x.db")
    report = write_report(tmp_path / "r.tsv", [["10/2/26", "1", "bad seller", "", "111-1", ""]])
    gc.disable()
    try:
        assert main(["import", str(report), "--db", path]) == 0
    finally:
        gc.enable()
    assert not os.path.exists(path + "-wal") or os.path.getsize(path + "-wal") == 0


def test_export_refuses_to_write_onto_the_database(db, capsys):
    size = os.path.getsize(db)
    for extra in ([], ["--force"]):
        assert main(["export", "--format", "json", "--db", db, "-o", db, *extra]) == 2
        assert "is the database itself" in capsys.readouterr().err
    assert os.path.getsize(db) == size
    assert main(["stats", "--db", db]) == 0


def test_export_refuses_an_existing_file_without_force(db, tmp_path, capsys):
    target = tmp_path / "out.json"
    target.write_text("keep me")
    assert main(["export", "--db", db, "-o", str(target)]) == 2
    assert "already exists" in capsys.readouterr().err and target.read_text() == "keep me"
    assert main(["export", "--format", "json", "--db", db, "-o", str(target), "--force"]) == 0
    assert len(json.loads(target.read_text())["cases"]) == 2


def test_export_files_are_readable_by_their_owner_only_and_exact(db, tmp_path):
    target = tmp_path / "out.json"
    assert main(["export", "--format", "json", "--db", db, "-o", str(target)]) == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert json.loads(target.read_text())["cases"][0]["feedback"]["comment"] == f"bad{OSC52} seller"  # exactly
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.json")] == []


def test_a_full_device_is_a_clear_error(db, capsys):
    assert main(["export", "--db", db, "-o", "/dev/full", "--force"]) == 2
    err = capsys.readouterr().err
    assert "cannot write /dev/full" in err and "No space left" in err


def test_buyer_text_and_file_names_are_inert_on_a_terminal(db, tmp_path):
    assert inert(f"bad{OSC52}") == "bad\\x1b]52;c;cm0gLXJmIH4vKg==\\x07"
    assert inert("line\nnext\ttab \u202eevil") == "line\nnext\ttab \\u202eevil"
    script = f"import sys; from fbdesk.cli import main; sys.exit(main(['export', '--db', {db!r}]))"
    shown = _run_on_a_terminal(script)
    assert "\x1b]52" not in shown and "\\x1b]52;c;" in shown
    hostile_name = str(tmp_path / f"r{OSC52}.tsv")
    code = subprocess.run(
        [sys.executable, "-m", "fbdesk", "import", hostile_name, "--db", db], capture_output=True, text=True
    )
    assert code.returncode == 2 and "\x1b" not in code.stderr and "\\x1b]52" in code.stderr


def _run_on_a_terminal(script: str) -> str:
    import pty

    master, slave = pty.openpty()
    process = subprocess.Popen([sys.executable, "-c", script], stdin=slave, stdout=slave, stderr=slave)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(master)
    return b"".join(chunks).decode("utf-8", "replace")


def test_export_into_a_closed_pipe_stops_quietly(db, tmp_path):
    many = write_report(
        tmp_path / "many.tsv", [["10/2/26", "1", "x" * 200, "", f"111-{i}", ""] for i in range(3, 3000)]
    )
    main(["import", str(many), "--db", db])
    shell = subprocess.run(
        f"{sys.executable} -m fbdesk export --db {db} | head -1", shell=True, capture_output=True, text=True
    )
    assert shell.stdout.startswith("order_id") or "," in shell.stdout
    assert "Traceback" not in shell.stderr and "BrokenPipe" not in shell.stderr


def test_lint_reads_at_most_a_mebibyte(tmp_path, capsys):
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"a" * ((1 << 20) + 1))
    assert main(["lint", str(huge), "--kind", "message"]) == 2
    assert "is over 1024 KiB" in capsys.readouterr().err
    endless = subprocess.run(
        f"yes | {sys.executable} -m fbdesk lint - --kind message",
        shell=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert endless.returncode == 2 and "is over" in endless.stderr
