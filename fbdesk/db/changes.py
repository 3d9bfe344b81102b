"""Telling other helpdesks on the same desk that something changed, and hearing it.

Every write transaction that changes what an agent sees announces itself, as a `data` change (the cases: rows,
counts, a case's contents) or a `presence` change (who is viewing or writing where), in the same transaction, so
that the announcement counts only if the change is committed:

- PostgreSQL: NOTIFY on the channel `fbdesk_desk`, carrying the kind and the announcing engine's token; a listener
  on a connection of its own (`PostgresChanges`) receives it as the transaction commits.
- SQLite: the kind's counter in the one row of desk_change goes up. A listener (`SqliteChanges`) polls
  `PRAGMA data_version` on a connection of its own, which changes only when another connection commits, and reads
  the counters only then.

Each engine keeps what it announced itself (`OwnChanges`), so that its own listener passes over its own changes: the
helpdesk that made a change has already shown it.
"""

from __future__ import annotations

import contextlib
import threading
import uuid
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

Kind = Literal["data", "presence"]
KINDS: tuple[Kind, ...] = ("data", "presence")
CHANNEL = "fbdesk_desk"


@dataclass
class OwnChanges:
    """What one engine announced: its token (PostgreSQL) and its counter values (SQLite) not yet heard back."""

    token: str = field(default_factory=lambda: uuid.uuid4().hex)
    counted: dict[Kind, set[int]] = field(default_factory=lambda: {kind: set() for kind in KINDS})
    lock: threading.Lock = field(default_factory=threading.Lock)


def announce(conn: Connection, kind: Kind, own: OwnChanges) -> None:
    """Announce a change of `kind` in the caller's write transaction."""
    if conn.dialect.name == "postgresql":
        conn.execute(
            text("SELECT pg_notify(:channel, :payload)"), {"channel": CHANNEL, "payload": f"{kind}:{own.token}"}
        )
        return
    first = {k: int(k == kind) for k in KINDS}
    counted = conn.execute(
        text(
            f"INSERT INTO desk_change (id, data, presence) VALUES (1, {first['data']}, {first['presence']}) "
            f"ON CONFLICT (id) DO UPDATE SET {kind} = desk_change.{kind} + 1 RETURNING {kind}"
        )
    ).scalar_one()
    with own.lock:
        own.counted[kind].add(counted)


@dataclass(frozen=True)
class Heard:
    """Which kinds of change other helpdesks made since the last look."""

    data: bool = False
    presence: bool = False

    def __bool__(self) -> bool:
        return self.data or self.presence


class Changes:
    """A listener on a connection of its own, used by one thread (which also closes it): `wait` returns, after
    `timeout` seconds, what others changed meanwhile."""

    def wait(self, timeout: float) -> Heard:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


class SqliteChanges(Changes):
    def __init__(self, engine: Engine, own: OwnChanges, stop: threading.Event) -> None:
        self._own = own
        self._stop = stop  # ends a wait at once
        self._proxy = engine.raw_connection()  # in autocommit (isolation_level None, fbdesk.db.dialect)
        self._proxy.detach()  # out of the pool for good
        self._version = self._data_version()
        self._counts = self._counters()

    def _one(self, statement: str) -> tuple[Any, ...] | None:
        cursor = self._proxy.cursor()
        try:
            cursor.execute(statement)
            row = cursor.fetchone()
            return None if row is None else tuple(row)
        finally:
            cursor.close()

    def _data_version(self) -> int:
        row = self._one("PRAGMA data_version")
        assert row is not None
        return int(row[0])

    def _counters(self) -> dict[Kind, int]:
        row = self._one("SELECT data, presence FROM desk_change WHERE id = 1") or (0, 0)
        return {"data": int(row[0]), "presence": int(row[1])}

    def wait(self, timeout: float) -> Heard:
        if self._stop.wait(timeout):
            return Heard()
        version = self._data_version()  # cheap: no table is read
        if version == self._version:
            return Heard()
        self._version = version
        counts = self._counters()
        foreign: dict[Kind, bool] = {}
        with self._own.lock:
            for kind in KINDS:
                mine = self._own.counted[kind]
                foreign[kind] = any(n not in mine for n in range(self._counts[kind] + 1, counts[kind] + 1))
                mine.difference_update([n for n in mine if n <= counts[kind]])
        self._counts = counts
        return Heard(data=foreign["data"], presence=foreign["presence"])

    def close(self) -> None:
        self._proxy.close()


class PostgresChanges(Changes):
    def __init__(self, engine: Engine, own: OwnChanges) -> None:
        self._own = own
        self._proxy = engine.raw_connection()
        self._connection: Any = self._proxy.driver_connection
        assert self._connection is not None  # a live connection
        self._proxy.detach()  # out of the pool for good: it stays in autocommit, listening, until closed
        self._connection.rollback()
        self._connection.autocommit = True
        self._connection.execute(f"LISTEN {CHANNEL}")

    def wait(self, timeout: float) -> Heard:
        kinds: set[str] = set()
        # Everything that arrives within `timeout` is taken together (as SQLite's poll does): a burst is one change.
        for notify in self._connection.notifies(timeout=timeout):
            kind, _, token = notify.payload.partition(":")
            if token != self._own.token:
                kinds.add(kind)
        return Heard(data="data" in kinds, presence="presence" in kinds)

    def close(self) -> None:
        with contextlib.suppress(Exception):  # the server is gone already: nothing left to close
            self._proxy.close()


def listen(engine: Engine, own: OwnChanges, stop: threading.Event) -> Changes | None:
    """A listener for the changes others make to the desk of `engine`, whose waits `stop` ends (on SQLite; on
    PostgreSQL a wait ends with its timeout); None for an in-memory SQLite database, which no other process can
    open."""
    if engine.dialect.name == "postgresql":
        return PostgresChanges(engine, own)
    if (engine.url.database or "") in ("", ":memory:"):
        return None
    return SqliteChanges(engine, own, stop)
