"""Opening a SQLite database while another process holds it."""

from __future__ import annotations

import sqlite3
import threading
import time

from fbdesk.desk import open_desk


def test_a_database_being_written_by_another_process_still_opens_in_wal_mode(tmp_path):
    path = tmp_path / "shared.db"
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")  # another agent's process, mid-write, before the file is in WAL mode
    other.execute("CREATE TABLE scratch (x)")
    threading.Timer(0.3, lambda: other.execute("ROLLBACK")).start()
    desk = open_desk(f"sqlite:///{path}", agent="alex")  # switching to WAL waits for the lock instead of failing
    with desk.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    assert desk.count_feedback() == 0
    other.close()


def test_an_up_to_date_database_is_only_read_on_open(tmp_path):
    url = f"sqlite:///{tmp_path / 'desk.db'}"
    open_desk(url, agent="alex").close()
    writer = sqlite3.connect(tmp_path / "desk.db", isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another agent mid-write: anything that wants to write would wait for it
    started = time.monotonic()
    desk = open_desk(url, agent="sam")
    assert time.monotonic() - started < 5  # busy_timeout is 30 s
    assert desk.count_feedback() == 0
    writer.execute("ROLLBACK")
    writer.close()
    desk.close()
