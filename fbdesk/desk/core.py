"""What every part of the Desk shares: the store, who is working and when, and the steps many operations take
(a read or write transaction, an audit event, one feedback, the response state the inbox shows)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from sqlalchemy import Table, insert, inspect, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, SQLModel, col, select

from fbdesk.db import changes, dialect
from fbdesk.db.models import AuditEvent, Feedback, Response
from fbdesk.domain import lifecycle
from fbdesk.domain.lifecycle import DEFAULT_FIRST_RESPONSE_TARGET
from fbdesk.errors import DeskUnavailable, NotFound, RuleRefusal

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The default clock. Every clock returns timezone-aware UTC datetimes, as the database stores them."""
    return datetime.now(UTC)


class DeskCore:
    """The engine, the agent, the clock and the settings the operations need. `agent` and `clock` may be changed
    between operations (the demo loader acts as several agents at past moments)."""

    def __init__(
        self,
        engine: Engine,
        agent: str,
        clock: Clock = utc_now,
        first_response_target: timedelta = DEFAULT_FIRST_RESPONSE_TARGET,
    ) -> None:
        self.engine = engine
        self.agent = agent
        self.clock = clock
        self.first_response_target = first_response_target
        self._writer = engine.execution_options(**{dialect.WRITE_OPTION: True})
        self.own_changes = changes.OwnChanges()  # what this Desk announced, which its own watcher passes over

    @property
    def dialect_name(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def read(self) -> Iterator[Session]:
        with explained_database_trouble(), Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def write(self, change: changes.Kind | None = "data") -> Iterator[Session]:
        """One write transaction: committed when the block ends, rolled back whole on any error. It tells other
        helpdesks on the desk what kind of `change` it made (None: nothing they show, as a draft)."""
        with explained_database_trouble(), Session(self._writer, expire_on_commit=False) as session, session.begin():
            yield session
            if change is not None:
                self.announce(session.connection(), change)

    def announce(self, conn: Connection, change: changes.Kind = "data") -> None:
        """Tell other helpdesks, as the caller's write transaction commits, that it changed the desk."""
        changes.announce(conn, change, self.own_changes)

    def audit(self, bind: Session | Connection, feedback_id: int | None, action: str, **details: object) -> None:
        """Append an audit event in the caller's transaction (a session or a core connection)."""
        bind.execute(
            insert(AuditEvent),
            [
                {
                    "feedback_id": feedback_id,
                    "agent": self.agent,
                    "at": self.clock(),
                    "action": action,
                    "details": json.dumps(details, default=str, ensure_ascii=False),
                }
            ],
        )

    @staticmethod
    def feedback(session: Session, feedback_id: int, *, lock: bool = False) -> Feedback:
        """One feedback; with `lock`, its row is locked for the transaction on PostgreSQL (SQLite's BEGIN
        IMMEDIATE already serialises writers), so that a write's checks and changes see the same state."""
        statement = select(Feedback).where(col(Feedback.id) == feedback_id)
        found = session.exec(statement.with_for_update() if lock else statement).first()
        if found is None:
            raise NotFound(f"No feedback with id {feedback_id}.")
        return found

    def sync_response_state(self, bind: Session | Connection, feedback_id: int) -> None:
        """Set the feedback's response state, which the inbox shows and filters on, from its response rows."""
        revision = bind.execute(select(Feedback.revision).where(col(Feedback.id) == feedback_id)).scalar_one()
        rows = bind.execute(
            select(Response.for_revision, Response.state, Response.submitted_at, Response.ended_at)
            .where(col(Response.feedback_id) == feedback_id)
            .order_by(col(Response.id))
        ).all()
        state = lifecycle.response_state([lifecycle.ResponseRecord(*row) for row in rows], revision)
        bind.execute(update(Feedback).where(col(Feedback.id) == feedback_id).values(response_state=state))

    def close(self) -> None:
        self.engine.dispose()


@contextmanager
def explained_database_trouble() -> Iterator[None]:
    """What goes wrong with the database itself (busy past the timeout, full disk, read-only file, a server gone or
    a deadlock) reaches the user as DeskUnavailable: what happened and what to do, with nothing written."""
    try:
        yield
    except OperationalError as exc:
        raise DeskUnavailable(_explain(exc)) from exc


def _explain(exc: OperationalError) -> str:
    detail = str(exc.orig).splitlines()[0] if exc.orig is not None else str(exc).splitlines()[0]
    lowered = detail.lower()
    if "locked" in lowered or "lock timeout" in lowered:
        what = "the desk is busy (another agent's import or change held it too long); try again in a moment"
    elif "full" in lowered or "too large" in lowered or "i/o" in lowered:
        what = (
            "the database file could not be written (a full disk, or a file size limit); free some room and try again"
        )
    elif "readonly" in lowered or "read-only" in lowered:
        what = "the database is read only for you; fbdesk needs to write to it"
    elif "deadlock" in lowered:
        what = "another agent's change crossed this one; try again"
    else:
        what = "the database could not be used"
    return f"{what[0].upper()}{what[1:]} ({detail}). Nothing was changed."


def table_of(model: type[SQLModel]) -> Table:
    """A model's table, for Core statements (SQLModel does not declare `__table__` to type checkers)."""
    table = inspect(model).local_table
    assert isinstance(table, Table)
    return table


def response_records(responses: Iterable[Response]) -> list[lifecycle.ResponseRecord]:
    """What the lifecycle needs to know of a feedback's responses."""
    return [lifecycle.ResponseRecord(r.for_revision, r.state, r.submitted_at, r.ended_at) for r in responses]


def check_text(body: str, what: str) -> None:
    """A message, response or note must say something, and hold no NUL character (no database column takes it)."""
    if not body.strip():
        raise RuleRefusal(f"The {what} is empty.")
    if "\x00" in body:
        raise RuleRefusal(f"The {what} holds a NUL character (often pasted from another program); remove it.")
