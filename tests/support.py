"""Helpers shared by the tests: paths to the fixtures, a hand-moved clock, report writing and a
snapshot of the whole store."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)

POSTGRES_URL = os.environ.get("FBDESK_TEST_POSTGRES_URL")
# The Desk's tests run on SQLite always, and on PostgreSQL too where a server is given (.ci/run starts one).
# Without a server the PostgreSQL variants show as skipped, with the reason, rather than vanishing from the run.
NEEDS_POSTGRES = pytest.mark.skipif(
    not POSTGRES_URL, reason="PostgreSQL variant: set FBDESK_TEST_POSTGRES_URL to a server (.ci/run starts one)"
)
BACKENDS = ["sqlite", pytest.param("postgresql", marks=NEEDS_POSTGRES)]


@contextmanager
def new_postgres_database(prefix: str) -> Iterator[str]:
    """The URL of a new, empty database on the test server, dropped afterwards."""
    from sqlalchemy import create_engine, make_url, text

    assert POSTGRES_URL
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


FLAT_HEADER = ["Date", "Rating", "Comments", "Response", "Order ID", "Rater Email"]


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime = NOW):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def write_report(
    path: Path, rows: list[list[str]], header: list[str] = FLAT_HEADER, *, encoding: str = "utf-8", newline: str = "\n"
) -> Path:
    """A tab-delimited report; fields holding a tab, quote or line break are quoted as Amazon does."""

    def field(value: str) -> str:
        if any(c in value for c in '\t"\r\n'):
            return '"' + value.replace('"', '""') + '"'
        return value

    text = newline.join("\t".join(field(v) for v in row) for row in [header, *rows]) + newline
    path.write_bytes(text.encode(encoding))
    return path


def snapshot(desk) -> dict:
    """Everything the store holds, to compare before and after a refused operation."""
    from sqlalchemy import text

    tables = [
        "feedback",
        "feedback_revision",
        "response",
        "buyer_message",
        "note",
        "draft",
        "removal_request",
        "audit_event",
    ]
    with desk.engine.connect() as conn:
        return {t: conn.execute(text(f"SELECT * FROM {t} ORDER BY id")).all() for t in tables}


class HelpdeskInATerminal:
    """The real `fbdesk` helpdesk in a pseudo-terminal, for tests that end it the hard way (a hang-up, a kill).
    Its user folders are under `home`."""

    def __init__(self, db: str, home: Path):
        import fcntl
        import pty
        import subprocess
        import sys

        env = {**os.environ, "TERM": "xterm-256color", "XDG_DATA_HOME": str(home / "data")}
        self.spool = home / "data" / "fbdesk" / "drafts"
        self.master, slave = pty.openpty()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "fbdesk", "app", "--db", db, "--agent", "alex"],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
        )
        os.close(slave)
        fcntl.fcntl(self.master, fcntl.F_SETFL, os.O_NONBLOCK)
        self.output = b""  # what it drew since the last keys typed
        try:
            self.wait_for("sorted by")  # the inbox's status line: started, and its first rows shown
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> HelpdeskInATerminal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Kill the helpdesk if it still runs (a test that failed before ending it must not leave it running)."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        if self.master >= 0:
            os.close(self.master)
            self.master = -1

    def wait(self, seconds: float) -> None:
        """Let the helpdesk work for `seconds`, reading what it draws."""
        import time

        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self._read()

    def wait_for(self, text: str, timeout: float = 60) -> None:
        """Read what the helpdesk draws until it shows `text` (a waiting time, not a time limit the helpdesk must
        meet: a loaded machine may take long)."""
        assert self.shows(text, timeout), f"never drew {text!r}"

    def shows(self, text: str, timeout: float = 10) -> bool:
        """Whether the helpdesk draws `text` within `timeout` (it may redraw only the cells that changed, so a word
        typed into a long line is not always drawn whole); it must stay alive meanwhile."""
        import time

        deadline = time.monotonic() + timeout
        while text not in self.drawn():
            assert self.process.poll() is None, f"the helpdesk ended before it drew {text!r}"
            if time.monotonic() > deadline:
                return False
            self._read()
        return True

    def drawn(self) -> str:
        """The text drawn since the last keys typed, without colours and styles (a styled word is whole)."""
        import re

        return re.sub(r"\x1b\[[0-9;]*m", "", self.output.decode("utf-8", "replace"))

    def _read(self) -> None:
        import time

        try:
            self.output += os.read(self.master, 65536)
        except OSError:  # nothing drawn yet (BlockingIOError), or the helpdesk ended and closed the terminal
            time.sleep(0.02)

    def type(self, keys: str, then_wait: float = 0.0) -> None:
        self.output = b""
        os.write(self.master, keys.encode())
        self.wait(then_wait)

    def open_a_composer(self) -> None:
        """The first case of the inbox, then its composer."""
        self.type("\r")
        self.wait_for("Audit trail")
        self.type("m")
        self.wait_for("Message to the buyer")

    def end(self, signal_number: int) -> None:
        try:
            self.process.send_signal(signal_number)
            self.process.wait(timeout=20)
        finally:
            self.close()

    def drafts_kept(self, db: str) -> list[str]:
        """Every draft text kept, in the local spool or the database."""
        import sqlite3

        spooled = [p.read_text(encoding="utf-8") for p in self.spool.glob("*.txt")]
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            return spooled + [row[0] for row in conn.execute("SELECT body FROM draft")]
