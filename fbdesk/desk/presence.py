"""Who is viewing a case, and who is writing to its buyer, now: heartbeat rows in the presence table. A helpdesk
renews its rows every HEARTBEAT while the agent stays (fbdesk.desk.live does it in the background), removes them when
the agent leaves the case or quits; rows older than EXPIRY are disregarded, so a helpdesk that crashed simply
drops out, and are deleted by the next heartbeat of anyone."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import delete, insert, select, update

from fbdesk.db.models import Presence as PresenceRow
from fbdesk.desk.core import DeskCore, table_of
from fbdesk.errors import BadInput

HEARTBEAT = timedelta(seconds=10)
EXPIRY = timedelta(seconds=30)
P = table_of(PresenceRow)


class Activity(StrEnum):
    VIEWING = "viewing"
    WRITING = "writing"  # to the buyer: a message or the public response


@dataclass(frozen=True)
class Presence:
    """Another agent at a case."""

    agent: str
    activity: str
    last_seen: datetime


def activity_of(activity: str) -> Activity:
    try:
        return Activity(activity)
    except ValueError:
        raise BadInput(f"unknown presence {activity!r}; use viewing or writing") from None


class Presences:
    def __init__(self, core: DeskCore) -> None:
        self._core = core

    def be_present(self, feedback_ids: Iterable[int], activity: str) -> None:
        """A heartbeat: the agent is at these cases doing `activity` now."""
        activity = activity_of(activity)
        ids = sorted(set(feedback_ids))
        if not ids:
            return
        now = self._core.clock()
        agent = self._core.agent
        with self._core.write("presence") as session:
            conn = session.connection()
            conn.execute(delete(P).where(P.c.last_seen < now - EXPIRY))
            renewed = conn.execute(
                update(P)
                .where(P.c.agent == agent, P.c.activity == activity, P.c.feedback_id.in_(ids))
                .values(last_seen=now)
                .returning(P.c.feedback_id)
            ).scalars()
            new = set(ids) - set(renewed)
            if new:
                conn.execute(
                    insert(P),
                    [{"agent": agent, "feedback_id": i, "activity": activity, "last_seen": now} for i in sorted(new)],
                )

    def leave(self, feedback_ids: Iterable[int] | None = None, activity: str | None = None) -> None:
        """The agent is no longer at these cases (None: at any), doing `activity` (None: anything)."""
        statement = delete(P).where(P.c.agent == self._core.agent)
        if feedback_ids is not None:
            ids = sorted(set(feedback_ids))
            if not ids:
                return
            statement = statement.where(P.c.feedback_id.in_(ids))
        if activity is not None:
            statement = statement.where(P.c.activity == activity_of(activity))
        with self._core.write("presence") as session:
            session.connection().execute(statement)

    def present(self, feedback_ids: Iterable[int] | None = None) -> dict[int, list[Presence]]:
        """The other agents at these cases (None: at any) now, by case: writing before viewing, then by name. An
        agent both writing and viewing is shown writing only."""
        statement = select(P.c.feedback_id, P.c.agent, P.c.activity, P.c.last_seen).where(
            P.c.last_seen >= self._core.clock() - EXPIRY, P.c.agent != self._core.agent
        )
        if feedback_ids is not None:
            ids = sorted(set(feedback_ids))
            if not ids:
                return {}
            statement = statement.where(P.c.feedback_id.in_(ids))
        found: dict[int, dict[str, Presence]] = {}
        with self._core.read() as session:
            for feedback_id, agent, activity, last_seen in session.connection().execute(statement):
                at = found.setdefault(feedback_id, {})
                if agent not in at or activity == Activity.WRITING:
                    at[agent] = Presence(agent, activity, last_seen)
        return {
            feedback_id: sorted(at.values(), key=lambda p: (p.activity != Activity.WRITING, p.agent))
            for feedback_id, at in found.items()
        }
