"""Queries: the inbox (filters, search, sort, pages), one case with its history, and the figures."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TextIO

from sqlalchemy import and_, case, func, literal
from sqlmodel import Session, select

from fbdesk.db import dialect
from fbdesk.db.models import Feedback, RemovalRequest
from fbdesk.domain.lifecycle import ANSWERED_STATUSES, CASE_STATUSES, DUE_SOON
from fbdesk.domain.metrics import COUNTED_STATES, WINDOWS, RatingFigure, window_start, weekly_counts

SORT_COLUMNS = {
    "date": Feedback.feedback_date,
    "rating": Feedback.rating,
    "order": Feedback.order_id,
    "marketplace": Feedback.marketplace,
    "channel": Feedback.channel,
    "status": Feedback.case_status,
    "assignee": Feedback.assignee,
    "response": Feedback.response_state,
    "due": Feedback.first_response_due,
    "comment": Feedback.comment,
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

    def but(self, **changes) -> FeedbackQuery:
        return replace(self, **changes)


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


def owes_first_response():
    """`lifecycle.owes_first_response` as a WHERE clause."""
    return and_(Feedback.first_response_at.is_(None), Feedback.case_status.not_in(ANSWERED_STATUSES))


def _csv_cell(value) -> object:
    """A cell that a spreadsheet shows as text: buyer text starting with = + - @ would otherwise run as a
    formula when the export is opened (CSV injection), so it gets a leading apostrophe, as OWASP advises."""
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


class InboxOps:
    def _where(self, q: FeedbackQuery) -> list:
        clauses = []
        if q.ratings:
            clauses.append(Feedback.rating.in_(q.ratings))
        if q.statuses:
            clauses.append(Feedback.case_status.in_(q.statuses))
        if q.marketplaces:
            clauses.append(Feedback.marketplace.in_(q.marketplaces))
        if q.channels:
            clauses.append(Feedback.channel.in_(q.channels))
        if q.assignee == UNASSIGNED:
            clauses.append(Feedback.assignee.is_(None))
        elif q.assignee:
            clauses.append(Feedback.assignee == q.assignee)
        if q.date_from:
            clauses.append(Feedback.feedback_date >= q.date_from)
        if q.date_to:
            clauses.append(Feedback.feedback_date <= q.date_to)
        if q.due:
            now = self.clock()
            clauses.append(owes_first_response())
            clauses.append(Feedback.first_response_due <= (now if q.due == "overdue" else now + DUE_SOON))
        if q.text.strip():
            match = dialect.comment_matches(self.dialect_name, Feedback.id, q.text)
            if match is not None:
                clauses.append(match)
        return clauses

    def list_feedback(self, query: FeedbackQuery = FeedbackQuery(), *, limit: int = 50,
                      offset: int = 0) -> list[Feedback]:
        """One page of the inbox, in the query's order (ties broken by id, so pages never overlap)."""
        if query.sort not in SORT_COLUMNS:
            raise ValueError(f"cannot sort by {query.sort!r}; use one of {', '.join(SORT_COLUMNS)}")
        column = SORT_COLUMNS[query.sort]
        order = [column.desc(), Feedback.id.desc()] if query.descending else [column.asc(), Feedback.id.asc()]
        if query.sort == "assignee":  # unassigned last whichever the direction, as on every database
            order.insert(0, case((Feedback.assignee.is_(None), 1), else_=0))
        # Limit and offset are written into the SQL, not bound: SQLite plans before binding, and with an unknown
        # limit it walks the date index through the whole table instead of using a filter's index and sorting.
        statement = (select(Feedback).where(*self._where(query)).order_by(*order)
                     .offset(literal(int(offset), literal_execute=True))
                     .limit(literal(int(limit), literal_execute=True)))
        with self._read() as session:
            return list(session.exec(statement).all())

    def count_feedback(self, query: FeedbackQuery = FeedbackQuery()) -> int:
        with self._read() as session:
            return session.exec(select(func.count()).select_from(Feedback).where(*self._where(query))).one()

    def count_by_status(self, query: FeedbackQuery = FeedbackQuery()) -> dict[str, int]:
        """How many feedback match the query in each case status (the inbox's tabs), ignoring its status filter."""
        base = query.but(statuses=())
        # One filtered count per status rather than GROUP BY: grouping steers the planner to the status index
        # and a row lookup per feedback, many times slower than one pass when other filters are set.
        statement = select(*(func.count().filter(Feedback.case_status == status) for status in CASE_STATUSES))
        with self._read() as session:
            counts = session.exec(statement.select_from(Feedback).where(*self._where(base))).one()
        return dict(zip(CASE_STATUSES, counts, strict=True))

    def get_feedback(self, feedback_id: int) -> Feedback:
        with self._read() as session:
            return self._feedback(session, feedback_id)

    def find_order(self, order_id: str) -> Feedback | None:
        with self._read() as session:
            return session.exec(select(Feedback).where(Feedback.order_id == order_id.strip())).first()

    @staticmethod
    def _feedback(session: Session, feedback_id: int, *, lock: bool = False) -> Feedback:
        """One feedback; with `lock`, its row is locked for the transaction on PostgreSQL (SQLite's BEGIN
        IMMEDIATE already serialises writers), so that a write's checks and changes see the same state."""
        statement = select(Feedback).where(Feedback.id == feedback_id)
        found = session.exec(statement.with_for_update() if lock else statement).first()
        if found is None:
            raise LookupError(f"No feedback with id {feedback_id}.")
        return found

    def agents(self) -> list[str]:
        """Everyone who has been assigned a case, for the assignee filter."""
        with self._read() as session:
            names = session.exec(select(Feedback.assignee).where(Feedback.assignee.is_not(None)).distinct()).all()
        return sorted({*names, self.agent})

    def stats(self, weeks: int = 12) -> Stats:
        now = self.clock()
        today = now.date()
        counted = Feedback.feedback_state.in_(COUNTED_STATES)
        figures = []
        with self._read() as session:
            for days in WINDOWS:
                start = window_start(today, days)
                in_window = [counted] + ([Feedback.feedback_date >= start] if start else [])
                rows = dict(session.exec(
                    select(Feedback.rating, func.count()).where(*in_window).group_by(Feedback.rating)).all())
                figures.append(RatingFigure(days, rows.get(4, 0) + rows.get(5, 0), rows.get(3, 0),
                                            rows.get(1, 0) + rows.get(2, 0)))
            by_rating = dict(session.exec(select(Feedback.rating, func.count()).group_by(Feedback.rating)).all())
            by_status = dict(session.exec(
                select(Feedback.case_status, func.count()).group_by(Feedback.case_status)).all())
            first_week = window_start(today, weeks * 7 + 7)
            per_day = session.exec(
                select(Feedback.feedback_date, func.count())
                .where(Feedback.rating <= 2, Feedback.feedback_date >= first_week)
                .group_by(Feedback.feedback_date)
            ).all()
            outcomes = dict(session.exec(
                select(RemovalRequest.outcome, func.count()).group_by(RemovalRequest.outcome)).all())
            overdue = session.exec(select(func.count()).select_from(Feedback).where(
                owes_first_response(), Feedback.first_response_due <= now)).one()
        return Stats(
            today=today, figures=figures,
            by_rating={r: by_rating.get(r, 0) for r in range(1, 6)},
            by_status={s: by_status.get(s, 0) for s in CASE_STATUSES},
            negative_per_week=weekly_counts(per_day, today, weeks),
            removal_outcomes=outcomes, overdue=overdue, total=sum(by_rating.values()),
        )

    EXPORT_FIELDS = ("order_id", "marketplace", "feedback_date", "rating", "comment", "rater_email", "channel",
                     "case_status", "feedback_state", "response_state", "assignee", "revision", "imported_at",
                     "first_response_due", "last_contact_at")

    def export(self, out: TextIO, fmt: str = "csv") -> int:
        """Write every feedback to `out`, oldest first, as CSV or a JSON array, streamed; returns how many were
        written."""
        statement = (select(*(getattr(Feedback, f) for f in self.EXPORT_FIELDS))
                     .order_by(Feedback.feedback_date, Feedback.id))
        written = 0
        with self._read() as session:
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
                    out.write(("," if written else "") + "\n  " + json.dumps(
                        dict(zip(self.EXPORT_FIELDS, row, strict=True)), default=str, ensure_ascii=False))
                    written += 1
                out.write("\n]\n")
        return written
