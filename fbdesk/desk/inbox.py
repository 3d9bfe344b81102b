"""Queries: the inbox (filters, search, sort, pages), one case with its history, and the figures."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, TextIO

from sqlalchemy import ColumnElement, UnaryExpression, and_, case, false, func, literal, or_
from sqlalchemy.orm import Mapped
from sqlalchemy.sql import operators
from sqlmodel import col, select

from fbdesk.db import dialect
from fbdesk.db.models import BuyerMessage, BuyerReply, Feedback, RemovalRequest
from fbdesk.desk.core import DeskCore, table_of
from fbdesk.desk.deadlines import DeadlineFigures, deadline_figures, owes_first_response, this_week
from fbdesk.domain.lifecycle import DUE_SOON, CaseStatus, DeliveryState
from fbdesk.domain.metrics import COUNTED_STATES, WINDOWS, RatingFigure, weekly_counts, window_start
from fbdesk.errors import BadInput
from fbdesk.mail.notices import REASONS

SORT_COLUMNS: dict[str, Mapped[Any]] = {
    "date": col(Feedback.feedback_date),
    "rating": col(Feedback.rating),
    "order": col(Feedback.order_id),
    "marketplace": col(Feedback.marketplace),
    "channel": col(Feedback.channel),
    "status": col(Feedback.case_status),
    "assignee": col(Feedback.assignee),
    "response": col(Feedback.response_state),
    "due": col(Feedback.first_response_due),
    "comment": col(Feedback.comment),
}
DUE_FILTERS = ("overdue", "due-soon")
UNASSIGNED = "-"


@dataclass(frozen=True)
class FeedbackQuery:
    """What the inbox shows: every field narrows the list; empty means no restriction."""

    ratings: tuple[int, ...] = ()
    statuses: tuple[str, ...] = ()
    marketplaces: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    assignee: str | None = None  # an agent name, or UNASSIGNED
    text: str = ""
    date_from: date | None = None
    date_to: date | None = None
    due: str | None = None  # "overdue" or "due-soon"
    sort: str = "date"
    descending: bool = True

    def but(self, **changes: Any) -> FeedbackQuery:
        return replace(self, **changes)


EVERY_FEEDBACK = FeedbackQuery()  # no restriction, newest first


@dataclass(frozen=True)
class Stats:
    today: date
    figures: list[RatingFigure]
    by_rating: dict[int, int]
    by_status: dict[str, int]
    negative_per_week: list[tuple[date, int]]
    removal_outcomes: dict[str, int]
    overdue: int
    total: int = field(default=0)
    not_delivered: dict[str, int] = field(default_factory=dict)  # messages Amazon did not deliver, by reason
    unmatched_mail: int = 0  # fetched mail that matches no case
    deadlines: DeadlineFigures | None = None  # first-response deadlines this week


def _by_notice_reason(errors: Any) -> dict[str, int]:
    """Messages Amazon did not deliver, counted by the kind of Amazon's notice (its reason opens the error)."""
    counts: dict[str, int] = {}
    for error, count in errors:
        kind = next((str(kind) for kind, reason in REASONS.items() if (error or "").startswith(reason)), "other")
        counts[kind] = counts.get(kind, 0) + count
    return counts


def _term(term: ColumnElement[Any], reverse: bool) -> tuple[ColumnElement[Any], bool]:
    """An ORDER BY term as (expression, ascending), the direction flipped when `reverse`."""
    ascending = True
    if isinstance(term, UnaryExpression) and term.modifier in (operators.asc_op, operators.desc_op):
        ascending = term.modifier is operators.asc_op
        term = term.element
    return term, ascending != reverse


def _sorts_after(
    expression: ColumnElement[Any], value: object, ascending: bool, nulls_high: bool
) -> ColumnElement[bool]:
    """Rows whose `expression` comes after `value` in this direction, NULLs placed where the database sorts them."""
    nulls_after_values = ascending == nulls_high
    if value is None:
        return expression.is_not(None) if not nulls_after_values else false()
    beyond = expression > value if ascending else expression < value
    return or_(beyond, expression.is_(None)) if nulls_after_values else beyond


def _csv_cell(value: object) -> object:
    """A cell that a spreadsheet shows as text: buyer text starting with = + - @ would otherwise run as a
    formula when the export is opened (CSV injection), so it gets a leading apostrophe, as OWASP advises."""
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


class Inbox:
    def __init__(self, core: DeskCore) -> None:
        self._core = core

    def _where(self, q: FeedbackQuery) -> list[ColumnElement[bool]]:
        clauses: list[ColumnElement[bool]] = []
        if q.ratings:
            clauses.append(col(Feedback.rating).in_(q.ratings))
        if q.statuses:
            clauses.append(col(Feedback.case_status).in_(q.statuses))
        if q.marketplaces:
            clauses.append(col(Feedback.marketplace).in_(q.marketplaces))
        if q.channels:
            clauses.append(col(Feedback.channel).in_(q.channels))
        if q.assignee == UNASSIGNED:
            clauses.append(col(Feedback.assignee).is_(None))
        elif q.assignee:
            clauses.append(col(Feedback.assignee) == q.assignee)
        if q.date_from:
            clauses.append(col(Feedback.feedback_date) >= q.date_from)
        if q.date_to:
            clauses.append(col(Feedback.feedback_date) <= q.date_to)
        if q.due:
            now = self._core.clock()
            clauses.append(owes_first_response())
            clauses.append(col(Feedback.first_response_due) <= (now if q.due == "overdue" else now + DUE_SOON))
        if q.text.strip():
            match = dialect.comment_matches(self._core.dialect_name, table_of(Feedback).c.id, q.text)
            if match is not None:
                clauses.append(match)
        return clauses

    def _order(self, q: FeedbackQuery) -> list[ColumnElement[Any]]:
        """The inbox's order for `q`: its sort column, ties broken by id."""
        if q.sort not in SORT_COLUMNS:
            raise BadInput(f"cannot sort by {q.sort!r}; use one of {', '.join(SORT_COLUMNS)}")
        column = SORT_COLUMNS[q.sort]
        order: list[ColumnElement[Any]] = (
            [column.desc(), col(Feedback.id).desc()] if q.descending else [column.asc(), col(Feedback.id).asc()]
        )
        if q.sort == "assignee":  # unassigned last whichever the direction, as on every database
            order.insert(0, case((col(Feedback.assignee).is_(None), 1), else_=0))
        return order

    def list_feedback(
        self, query: FeedbackQuery = EVERY_FEEDBACK, *, limit: int = 50, offset: int = 0
    ) -> list[Feedback]:
        """One page of the inbox, in the query's order (ties broken by id, so pages never overlap)."""
        order = self._order(query)
        # Limit and offset are written into the SQL, not bound: SQLite plans before binding, and with an unknown
        # limit it walks the date index through the whole table instead of using a filter's index and sorting.
        statement = (
            select(Feedback)
            .where(*self._where(query))
            .order_by(*order)
            .offset(literal(int(offset), literal_execute=True))
            .limit(literal(int(limit), literal_execute=True))
        )
        with self._core.read() as session:
            return list(session.exec(statement).all())

    def next_case(self, query: FeedbackQuery, feedback_id: int, *, backwards: bool = False) -> int | None:
        """The feedback after `feedback_id` (before it, `backwards`) in the inbox's list for `query`, in its order;
        None at the end of the list. The feedback keeps its place in the order even when it no longer matches the
        query (the agent just changed its status), so the next one is the one that followed it. One seek from the
        feedback's own sort values (no counting through the list), so it is as quick on a long list as a page."""
        order = [_term(term, backwards) for term in self._order(query)]
        with self._core.read() as session:
            here = session.execute(
                select(*(expression for expression, _ in order)).where(col(Feedback.id) == feedback_id)
            ).one_or_none()
            if here is None:
                return None
            nulls_high = dialect.nulls_sort_high(self._core.dialect_name)
            after: list[ColumnElement[bool]] = []
            same: list[ColumnElement[bool]] = []
            for (expression, ascending), value in zip(order, here, strict=True):
                after.append(and_(*same, _sorts_after(expression, value, ascending, nulls_high)))
                same.append(expression.is_(None) if value is None else expression == value)
            statement = (
                select(col(Feedback.id))
                .where(*self._where(query), or_(*after))
                .order_by(*(expression.asc() if ascending else expression.desc() for expression, ascending in order))
                .limit(literal(1, literal_execute=True))  # written into the SQL, as in list_feedback
            )
            return session.execute(statement).scalar()

    def count_feedback(self, query: FeedbackQuery = EVERY_FEEDBACK) -> int:
        with self._core.read() as session:
            return session.exec(select(func.count()).select_from(Feedback).where(*self._where(query))).one()

    def count_by_status(self, query: FeedbackQuery = EVERY_FEEDBACK) -> dict[str, int]:
        """How many feedback match the query in each case status (the inbox's tabs), ignoring its status filter."""
        base = query.but(statuses=())
        # One filtered count per status rather than GROUP BY: grouping steers the planner to the status index
        # and a row lookup per feedback, many times slower than one pass when other filters are set.
        statement = select(*(func.count().filter(col(Feedback.case_status) == status) for status in CaseStatus))
        with self._core.read() as session:
            counts = session.execute(statement.select_from(Feedback).where(*self._where(base))).one()
        return dict(zip(CaseStatus, counts, strict=True))

    def get_feedback(self, feedback_id: int) -> Feedback:
        with self._core.read() as session:
            return self._core.feedback(session, feedback_id)

    def find_order(self, order_id: str) -> Feedback | None:
        with self._core.read() as session:
            return session.exec(select(Feedback).where(col(Feedback.order_id) == order_id.strip())).first()

    def agents(self) -> list[str]:
        """Everyone who has been assigned a case, for the assignee filter."""
        with self._core.read() as session:
            names = session.exec(
                select(col(Feedback.assignee)).where(col(Feedback.assignee).is_not(None)).distinct()
            ).all()
        return sorted({*(name for name in names if name), self._core.agent})

    def stats(self, weeks: int = 12) -> Stats:
        now = self._core.clock()
        today = now.date()
        counted = col(Feedback.feedback_state).in_(COUNTED_STATES)
        rating = col(Feedback.rating)
        figures = []
        with self._core.read() as session:
            for days in WINDOWS:
                start = window_start(today, days)
                in_window = [counted] + ([col(Feedback.feedback_date) >= start] if start else [])
                rows = dict(session.exec(select(rating, func.count()).where(*in_window).group_by(rating)).all())
                figures.append(
                    RatingFigure(days, rows.get(4, 0) + rows.get(5, 0), rows.get(3, 0), rows.get(1, 0) + rows.get(2, 0))
                )
            by_rating = dict(session.exec(select(rating, func.count()).group_by(rating)).all())
            status = col(Feedback.case_status)
            by_status = dict(session.exec(select(status, func.count()).group_by(status)).all())
            first_week = window_start(today, weeks * 7 + 7)
            day = col(Feedback.feedback_date)
            per_day = session.exec(select(day, func.count()).where(rating <= 2, day >= first_week).group_by(day)).all()
            outcome = col(RemovalRequest.outcome)
            outcomes = dict(session.exec(select(outcome, func.count()).group_by(outcome)).all())
            overdue = session.exec(
                select(func.count())
                .select_from(Feedback)
                .where(owes_first_response(), Feedback.first_response_due <= now)
            ).one()
            error = col(BuyerMessage.delivery_error)
            bounced = session.exec(
                select(error, func.count())
                .where(col(BuyerMessage.delivery_state) == DeliveryState.NOT_DELIVERED)
                .group_by(error)
            ).all()
            unmatched = session.exec(
                select(func.count()).select_from(BuyerReply).where(col(BuyerReply.feedback_id).is_(None))
            ).one()
            deadlines = deadline_figures(session, now, this_week(now))
        return Stats(
            today=today,
            figures=figures,
            by_rating={r: by_rating.get(r, 0) for r in range(1, 6)},
            by_status={s: by_status.get(s, 0) for s in CaseStatus},
            negative_per_week=weekly_counts(per_day, today, weeks),
            removal_outcomes=outcomes,
            overdue=overdue,
            total=sum(by_rating.values()),
            not_delivered=_by_notice_reason(bounced),
            unmatched_mail=unmatched,
            deadlines=deadlines,
        )

    EXPORT_FIELDS = (
        "order_id",
        "marketplace",
        "feedback_date",
        "rating",
        "comment",
        "rater_email",
        "channel",
        "case_status",
        "feedback_state",
        "response_state",
        "assignee",
        "revision",
        "imported_at",
        "first_response_due",
        "last_contact_at",
    )

    def export(self, out: TextIO, fmt: str = "csv") -> int:
        """Write every feedback to `out`, oldest first, as CSV or a JSON array, streamed; returns how many were
        written."""
        statement = select(*(col(getattr(Feedback, f)) for f in self.EXPORT_FIELDS)).order_by(
            col(Feedback.feedback_date), col(Feedback.id)
        )
        written = 0
        with self._core.read() as session:
            rows = session.execute(statement.execution_options(yield_per=1000))
            if fmt == "csv":
                writer = csv.writer(out)
                writer.writerow(self.EXPORT_FIELDS)
                for row in rows:
                    writer.writerow([_csv_cell(v) for v in row])
                    written += 1
            else:
                out.write("[")
                for row in rows:
                    out.write(
                        ("," if written else "")
                        + "\n  "
                        + json.dumps(dict(zip(self.EXPORT_FIELDS, row, strict=True)), default=str, ensure_ascii=False)
                    )
                    written += 1
                out.write("\n]\n")
        return written
