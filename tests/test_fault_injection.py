"""Faults injected at random moments (seeded, bounded): the import killed with SIGKILL, again and again, and the
helpdesk killed while an agent types. After each kill the desk opens, SQLite's integrity check passes, each
report's rows are all in or all out, and no typed text older than a second is lost."""

from __future__ import annotations

import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

from fbdesk.desk import open_desk

from support import HelpdeskInATerminal, write_report

KILLS = 8
IMPORT = "import sys; from fbdesk.cli import main; sys.exit(main(sys.argv[1:]))"


def test_an_import_killed_at_random_moments_leaves_all_or_nothing(tmp_path):
    rng = random.Random(20261201)
    db = tmp_path / "desk.db"
    open_desk(str(db), agent="alex").close()
    reports = [
        write_report(
            tmp_path / f"r{n}.tsv",
            [["10/3/26", "1", f"comment {n} {i} " * 5, "", f"11{n}-{i}", ""] for i in range(20_000)],
        )
        for n in range(KILLS)
    ]
    imported: set[int] = set()
    for n, report in enumerate(reports):
        process = subprocess.Popen(
            [sys.executable, "-c", IMPORT, "import", str(report), "--db", str(db)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        time.sleep(rng.uniform(0.3, 2.5))  # from start-up through reading to the merge and the commit
        process.send_signal(signal.SIGKILL)
        process.wait()
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            rows = conn.execute("SELECT count(*) FROM feedback WHERE order_id LIKE ?", (f"11{n}-%",)).fetchone()[0]
        assert rows in (0, 20_000), rows
        if rows:
            imported.add(n)
        desk = open_desk(str(db), agent="alex")
        assert desk.count_feedback() == 20_000 * len(imported)
        desk.close()


def test_the_helpdesk_killed_while_typing_loses_nothing_older_than_a_second(tmp_path, demo_db):
    db = str(tmp_path / "desk.db")
    shutil.copyfile(demo_db, db)
    rng = random.Random(7)
    for attempt in range(3):
        with HelpdeskInATerminal(db, tmp_path) as helpdesk:
            helpdesk.open_a_composer()  # the same case each time: its draft comes back and grows
            typed = ""
            shown: list[tuple[float, int]] = []  # when the helpdesk showed the text typed so far
            began = time.monotonic()
            stop_after = rng.uniform(1.5, 4.0)
            while time.monotonic() - began < stop_after:  # steady typing, never a pause
                word = f"w{attempt}{len(typed)} "
                helpdesk.type(word)
                typed += word
                if helpdesk.shows(word.strip()):  # the editor has it (paced by the screen; a word not seen whole counts
                    shown.append((time.monotonic(), len(typed)))  # as not shown, which only asks less of the helpdesk)
            killed = time.monotonic()
            helpdesk.end(signal.SIGKILL)
        typed_a_second_ago = typed[: max([n for moment, n in shown if moment <= killed - 1.0], default=0)]
        assert any(typed_a_second_ago in text for text in helpdesk.drafts_kept(db)), typed_a_second_ago
