"""Helpers shared by the tests: paths to the fixtures, a hand-moved clock, report writing and a
snapshot of the whole store."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)

POSTGRES_URL = os.environ.get("FBDESK_TEST_POSTGRES_URL")
# The Desk's tests run on SQLite always, and on PostgreSQL too where a server is given (.ci/run starts one).
# Without a server the PostgreSQL variants show as skipped, with the reason, rather than vanishing from the run.
BACKENDS = [
    "sqlite",
    pytest.param(
        "postgresql",
        marks=pytest.mark.skipif(
            not POSTGRES_URL, reason="PostgreSQL variant: set FBDESK_TEST_POSTGRES_URL to a server (.ci/run starts one)"
        ),
    ),
]

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
