"""The Desk: every operation an agent can do, one transaction each.

The CLI, the TUI and scripts all work through a Desk, so they obey one set of rules:

    from fbdesk.desk import open_desk
    desk = open_desk("sqlite:///team.db", agent="sam")
"""

from __future__ import annotations

import getpass
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError
from sqlmodel import Session

from fbdesk.db import dialect
from fbdesk.db.engine import create_schema, make_engine, resolve_url
from fbdesk.db.models import AuditEvent, Feedback, Response
from fbdesk.desk.cases import CaseOps
from fbdesk.desk.importing import ImportOps, ImportSummary
from fbdesk.desk.inbox import FeedbackQuery, InboxOps
from fbdesk.domain import lifecycle
from fbdesk.domain.lifecycle import DEFAULT_FIRST_RESPONSE_TARGET, RuleRefusal
from fbdesk.domain.reports import ReportError
from fbdesk.errors import DeskUnavailable
from fbdesk.settings import default_database_path, hide_password

Clock = Callable[[], datetime]

__all__ = ["Desk", "FeedbackQuery", "ImportSummary", "ReportError", "RuleRefusal", "open_desk", "utc_now"]


def utc_now() -> datetime:
    """The default clock. Every clock returns timezone-aware UTC datetimes, as the database stores them."""
    return datetime.now(UTC)


class Desk(ImportOps, InboxOps, CaseOps):
    def __init__(self, engine: Engine, agent: str, clock: Clock = utc_now,
                 first_response_target: timedelta = DEFAULT_FIRST_RESPONSE_TARGET):
        self.engine = engine
        self.agent = agent
        self.clock = clock
        self.first_response_target = first_response_target
        self._writer = engine.execution_options(**{dialect.WRITE_OPTION: True})

    @property
    def dialect_name(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def _read(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def _write(self) -> Iterator[Session]:
        """One write transaction: committed when the block ends, rolled back whole on any error."""
        with Session(self._writer, expire_on_commit=False) as session, session.begin():
            yield session

    def _audit(self, bind: Session | Connection, feedback_id: int | None, action: str, **details) -> None:
        """Append an audit event in the caller's transaction (a session or a core connection)."""
        bind.execute(insert(AuditEvent.__table__), [{
            "feedback_id": feedback_id, "agent": self.agent, "at": self.clock(), "action": action,
            "details": json.dumps(details, default=str, ensure_ascii=False),
        }])

    def _sync_response_state(self, bind: Session | Connection, feedback_id: int) -> None:
        """Set the feedback's response state, which the inbox shows and filters on, from its response rows."""
        revision = bind.execute(select(Feedback.revision).where(Feedback.id == feedback_id)).scalar_one()
        rows = bind.execute(select(Response.for_revision, Response.state, Response.submitted_at, Response.ended_at)
                            .where(Response.feedback_id == feedback_id).order_by(Response.id)).all()
        state = lifecycle.response_state([lifecycle.ResponseRecord(*row) for row in rows], revision)
        bind.execute(update(Feedback).where(Feedback.id == feedback_id).values(response_state=state))

    def close(self) -> None:
        self.engine.dispose()


def open_desk(url: str | None = None, *, agent: str | None = None, clock: Clock | None = None,
              first_response_target: timedelta = DEFAULT_FIRST_RESPONSE_TARGET) -> Desk:
    """Open (and create if needed) the desk at `url`, a database URL or a SQLite file path (default: fbdesk.db in
    the user data folder). The agent defaults to the login name. `fbdesk.settings.resolve` gives the values the
    command line, the environment and the config file set."""
    target = url or str(default_database_path())
    try:
        engine = make_engine(resolve_url(target))
        create_schema(engine)
    except (ArgumentError, NoSuchModuleError, OperationalError, OSError) as exc:
        raise DeskUnavailable(f"cannot open the database {hide_password(target)}: "
                              f"{hide_password(str(exc).splitlines()[0])}") from None
    return Desk(engine, lifecycle.check_agent_name(agent or getpass.getuser()), clock or utc_now,
                first_response_target)
