"""First-response deadlines in the store: the lifecycle's rules (`lifecycle.deadline_state`) as SQL for the inbox
and the figures, what a new deadline does to the old one, and when the buyer was first contacted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from statistics import median
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, literal, or_, update
from sqlalchemy.engine import Connection
from sqlmodel import Session, col, select

from fbdesk.db.models import BuyerMessage, Feedback
from fbdesk.desk.core import table_of
from fbdesk.domain.lifecycle import ANSWERED_STATUSES, CONTACT, OPEN_STATUSES
from fbdesk.domain.metrics import week_start

_SINCE = col(Feedback.first_response_owed_since)
_DUE = col(Feedback.first_response_due)
_AT = col(Feedback.first_response_at)
_EARLIER = col(Feedback.first_response_missed_earlier)


def owes_first_response() -> ColumnElement[bool]:
    """`lifecycle.owes_first_response` as a WHERE clause (the open statuses named, not the answered ones excluded,
    so that the inbox's partial index of owed cases is used)."""
    return and_(_SINCE.is_not(None), _AT.is_(None), col(Feedback.case_status).in_(OPEN_STATUSES))


def missed(now: datetime) -> ColumnElement[bool]:
    """The case's current deadline is missed (`lifecycle.deadline_state` is missed or overdue) at `now`."""
    return and_(
        _SINCE.is_not(None),
        or_(
            _AT > _DUE,
            and_(_AT.is_(None), or_(now >= _DUE, col(Feedback.case_status).in_(ANSWERED_STATUSES))),
        ),
    )


def _moment(at: datetime) -> ColumnElement[Any]:
    return literal(at, table_of(Feedback).c.first_response_due.type)


def restarted(now: datetime, target: timedelta) -> dict[str, Any]:
    """The values, as SQL on the row as it is, that start a new first-response deadline at `now` (a buyer's reply, a
    case the buyer reopened). A deadline still owed stands: the buyer is still waiting for the first answer. One
    that was missed is kept in `first_response_missed_earlier`, so that the record of it does not vanish."""
    owed = owes_first_response()
    return {
        "first_response_owed_since": case((owed, _SINCE), else_=_moment(now)),
        "first_response_due": case((owed, _DUE), else_=_moment(now + target)),
        "first_response_at": None,
        "first_response_missed_earlier": case((and_(~owed, missed(now)), _DUE), else_=_EARLIER),
    }


def note_contact(bind: Session | Connection, feedback_id: int) -> None:
    """Record when the buyer was first contacted for the case's current deadline: when the first message that
    reached the buyer (see `lifecycle.CONTACT`) went out since the deadline started; None while none did. Called
    whenever a message's delivery changes to or from one that reached the buyer."""
    if isinstance(bind, Session):
        bind.flush()  # the message's new state
    went_out = func.coalesce(col(BuyerMessage.delivered_at), col(BuyerMessage.sent_at))
    first = (
        select(func.min(went_out))
        .where(
            col(BuyerMessage.feedback_id) == feedback_id,
            col(BuyerMessage.delivery_state).in_(CONTACT),
            went_out >= _SINCE,
        )
        .scalar_subquery()
    )
    bind.execute(update(Feedback).where(col(Feedback.id) == feedback_id).values(first_response_at=first))


@dataclass(frozen=True)
class DeadlineFigures:
    """First-response deadlines since a moment (the dashboard's: since Monday 00:00 UTC of this week)."""

    since: datetime
    missed: int  # cases with a deadline due since then that was missed (or is overdue now)
    contacted: int  # deadlines whose first contact went out since then
    median_to_first_contact: timedelta | None  # from the start of the deadline to the first contact, for those


def this_week(now: datetime) -> datetime:
    """Monday 00:00 UTC of the week `now` is in."""
    return datetime.combine(week_start(now.date()), datetime.min.time(), tzinfo=now.tzinfo)


def deadline_figures(session: Session, now: datetime, since: datetime) -> DeadlineFigures:
    missed_count = session.exec(
        select(func.count())
        .select_from(Feedback)
        .where(or_(and_(missed(now), since <= _DUE), and_(since <= _EARLIER, now >= _EARLIER)))
    ).one()
    times = session.exec(select(_AT, _SINCE).where(since <= _AT, now >= _AT, _SINCE.is_not(None))).all()
    waits = [(at - owed).total_seconds() for at, owed in times if at is not None and owed is not None]
    return DeadlineFigures(
        since=since,
        missed=missed_count,
        contacted=len(waits),
        median_to_first_contact=timedelta(seconds=median(waits)) if waits else None,
    )
