"""Queries: the inbox (filters, search, sort, pages), one case with its history, and the figures."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any, TextIO, cast

from sqlalchemy import ColumnElement, false, func, literal, literal_column
from sqlalchemy import select as select_columns
from sqlalchemy.orm import Mapped
from sqlmodel import col, select

from fbdesk.db import search, tallies
from fbdesk.db.models import BuyerMessage, BuyerReply, Feedback, RemovalRequest
from fbdesk.desk import pages
from fbdesk.desk.core import DeskCore, table_of
from fbdesk.desk.deadlines import DeadlineFigures, deadline_figures, owes_first_response, this_week
from fbdesk.desk.pages import InboxRow
from fbdesk.desk.presence import Presences
from fbdesk.domain.lifecycle import DUE_SOON, OPEN_STATUSES, CaseStatus, DeliveryState
from fbdesk.domain.metrics import (
    COUNTED_STATES,
    NEGATIVE,
    WINDOWS,
    RatingFigure,
    rating_figure,
    weekly_counts,
    window_start,
)
from fbdesk.domain.timestamps import iso_utc
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
QUICK_COUNT = 20_000  # a desk of at most this many feedback counts any query within a frame or two
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


def _column(name: str) -> Any:
    return getattr(table_of(Feedback).c, name)


def _unindexed(dialect_name: str, name: str) -> Any:
    """A column the database does not look up in an index: on SQLite the unary plus of its documentation; on
    PostgreSQL the column through coalesce (its planner otherwise took a filter on the rating of resolved cases, which
    it thought rare, to ix_feedback_status_filters and sorted all 8,800 of them)."""
    if dialect_name == "sqlite":
        return literal_column(f"+{table_of(Feedback).name}.{name}", _column(name).type)
    return func.coalesce(_column(name), _column(name))


def _tallied_filters(q: FeedbackQuery) -> dict[str, Sequence[Any]]:
    """The query's filters the status tally answers, as the tally's columns and values."""
    where: dict[str, Sequence[Any]] = {}
    if q.ratings:
        where["rating"] = q.ratings
    if q.marketplaces:
        where["marketplace"] = q.marketplaces
    if q.channels:
        where["channel"] = q.channels
    if q.assignee:
        where["assignee"] = ("",) if q.assignee == UNASSIGNED else (q.assignee,)
    return where


def _counted_by_tallies(q: FeedbackQuery) -> bool:
    """Whether the tallies answer the query's counts: they know no words, dates or deadlines."""
    return not (q.text.strip() or q.due or q.date_from or q.date_to)


def _csv_cell(value: object) -> object:
    """A cell that a spreadsheet shows as text: buyer text starting with = + - @ would otherwise run as a
    formula when the export is opened (CSV injection), so it gets a leading apostrophe, as OWASP advises."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return iso_utc(value)
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


class Inbox:
    def __init__(self, core: DeskCore) -> None:
        self._core = core
        self._presences = Presences(core)

    def _where(self, q: FeedbackQuery, walking: bool = False) -> list[ColumnElement[bool]]:
        """The query's filters but its statuses and its search; `walking`, in a form no index is chosen for (a page
        walks a sort index and checks them on each row), but for the sort's own column, which narrows the walk."""

        sorted_by = cast(Any, SORT_COLUMNS[q.sort]).key

        def c(name: str) -> Any:
            return _unindexed(self._core.dialect_name, name) if walking and name != sorted_by else _column(name)

        clauses: list[ColumnElement[bool]] = []
        if q.ratings:
            clauses.append(c("rating").in_(q.ratings))
        if q.marketplaces:
            clauses.append(c("marketplace").in_(q.marketplaces))
        if q.channels:
            clauses.append(c("channel").in_(q.channels))
        if q.assignee == UNASSIGNED:
            clauses.append(c("assignee").is_(None))
        elif q.assignee:
            clauses.append(c("assignee") == q.assignee)
        if q.date_from:
            clauses.append(c("feedback_date") >= q.date_from)
        if q.date_to:
            clauses.append(c("feedback_date") <= q.date_to)
        if q.due:
            now = self._core.clock()
            clauses.append(owes_first_response())
            clauses.append(col(Feedback.first_response_due) <= (now if q.due == "overdue" else now + DUE_SOON))
        return clauses

    def page(
        self,
        query: FeedbackQuery = EVERY_FEEDBACK,
        *,
        after: InboxRow | None = None,
        limit: int = 50,
        backwards: bool = False,
    ) -> list[InboxRow]:
        """The inbox's rows in the query's order that come after `after` (the last row of the previous page; None
        for the first page): what a row shows, not the whole feedback. `backwards`: the rows before `after` (None:
        the last rows), nearest first. See fbdesk.desk.pages."""
        if query.sort not in SORT_COLUMNS:
            raise BadInput(f"cannot sort by {query.sort!r}; use one of {', '.join(SORT_COLUMNS)}")
        statuses: Sequence[str] = query.statuses or tuple(CaseStatus)
        walking, gathering = self._where(query, walking=True), self._where(query)
        if query.due:  # only open cases are owed a first response; they are few, and gathered
            statuses = [s for s in statuses if s in OPEN_STATUSES]
        gather: set[str] = set(statuses) if query.due else set()
        by_filters, search_walked, by_rating, exact = False, None, None, _counted_by_tallies(query)
        with self._core.read() as session:
            # Sorted by date, a walk starts and ends at the range's bounds in its index: nothing to gather.
            dated = (query.date_from or query.date_to) and not gather and query.sort != "date"
            if dated:  # a few weeks: read from the date's index and sorted
                found = tallies.dated_count(session, query.date_from, query.date_to, query.ratings)
                if found <= pages.GATHER_DATED:
                    # From the index of (date, rating) when it narrows more than the statuses' index of dates.
                    gather, by_filters = set(statuses), bool(query.ratings) and not query.statuses
            if query.text.strip():
                ids, last_terms = search.matching_ids(session, query.text, pages.GATHER)
                if ids == []:
                    return []
                if ids is None:  # many: checked on each row walked past
                    check = search.per_row(session, query.text)
                    assert check is not None  # it matches
                    walking.append(check)
                    gathering.append(check)
                    search_walked = check
                    if query.sort == "rating":
                        by_rating = search.by_rating(session, query.text, last_terms)
                        # Its counts are exact where no other filter narrows them.
                        exact = not (query.due or query.date_from or query.date_to or _tallied_filters(query))
                else:
                    gathering.append(col(Feedback.id).in_(literal(ids, literal_execute=True)))
                    gather, by_filters = set(statuses), False
            rows = pages.read_page(
                session,
                query.sort,
                query.descending,
                statuses,
                (walking, gathering),
                after,
                limit,
                pages.Plan(gather, _tallied_filters(query), exact, by_filters, search_walked, by_rating),
                backwards,
            )
        present = self._presences.present([row.id for row in rows])
        return [row._replace(present=tuple(present[row.id])) if row.id in present else row for row in rows]

    def list_feedback(
        self, query: FeedbackQuery = EVERY_FEEDBACK, *, limit: int = 50, offset: int = 0
    ) -> list[Feedback]:
        """Whole feedback, in the query's order (ties broken by id, so pages never overlap), for scripts; the inbox
        reads `page`s."""
        rows = self.page(query, limit=offset + limit)[offset:]
        if not rows:
            return []
        with self._core.read() as session:
            found = {
                fb.id: fb for fb in session.exec(select(Feedback).where(col(Feedback.id).in_([r.id for r in rows])))
            }
        return [found[r.id] for r in rows]

    def inbox_row(self, feedback_id: int) -> InboxRow | None:
        """The feedback as a row of the inbox shows it."""
        with self._core.read() as session:
            shown = select_columns(*pages.SHOWN).where(col(Feedback.id) == feedback_id)
            here = session.connection().execute(shown).first()
        return None if here is None else InboxRow(*cast(Any, here))

    def next_case(self, query: FeedbackQuery, place: int | InboxRow, *, backwards: bool = False) -> InboxRow | None:
        """The row after `place` (before it, `backwards`) in the inbox's list for `query`, in its order; None at the
        end of the list. `place` is a feedback id, or the row as the list showed it: then a case whose status the
        agent just changed keeps the place it had, so the next one is the one that followed it. A page of one row,
        as quick on a long list as any page."""
        row = self.inbox_row(place) if isinstance(place, int) else place
        if row is None:
            return None
        rows = self.page(query, after=row, limit=1, backwards=backwards)
        return rows[0] if rows else None

    def count_feedback(self, query: FeedbackQuery = EVERY_FEEDBACK) -> int:
        counts = self.count_by_status(query)
        return sum(counts[s] for s in (query.statuses or CaseStatus))

    def counts_are_quick(self, query: FeedbackQuery) -> bool:
        """Whether `count_by_status` answers at once: from the tallies, or from a desk small enough to count."""
        if _counted_by_tallies(query):
            return True
        with self._core.read() as session:
            return sum(n for _, n in tallies.status_counts(session, {})) <= QUICK_COUNT

    def count_by_status(self, query: FeedbackQuery = EVERY_FEEDBACK) -> dict[str, int]:
        """How many feedback match the query in each case status (the inbox's tabs), ignoring its status filter."""
        with self._core.read() as session:
            if _counted_by_tallies(query):
                counts = dict(tallies.status_counts(session, _tallied_filters(query)))
                return {status: counts.get(status, 0) for status in CaseStatus}
            where = self._where(query)
            if query.text.strip() and not where and (found := search.status_counts(session, query.text)) is not None:
                return {status: found.get(status, 0) for status in CaseStatus}
            if query.text.strip():
                clause = search.indexed(self._core.dialect_name, query.text)
                where.append(clause if clause is not None else false())
            # One filtered count per status rather than GROUP BY: grouping steers the planner to the status index
            # and a row lookup per feedback, many times slower than one pass when other filters are set.
            statement = select(*(func.count().filter(col(Feedback.case_status) == status) for status in CaseStatus))
            counted = session.execute(statement.select_from(Feedback).where(*where)).one()
        return dict(zip(CaseStatus, counted, strict=True))

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
        """The dashboard's figures, from the tallies (fbdesk.db.tallies) and the small tables: no scan of feedback."""
        now = self._core.clock()
        today = now.date()
        with self._core.read() as session:
            starts = [window_start(today, days) for days in WINDOWS]
            windows = tallies.window_counts(session, starts)
            first_week = window_start(today, weeks * 7 + 7)
            assert first_week is not None
            negative_days = tallies.day_counts(session, first_week, NEGATIVE)
            by_status = dict(tallies.status_counts(session, {}))
            outcome = col(RemovalRequest.outcome)
            outcomes = dict(session.exec(select(outcome, func.count()).group_by(outcome)).all())
            overdue = session.exec(
                select(func.count())
                .select_from(Feedback)
                .where(owes_first_response(), col(Feedback.first_response_due) <= now)
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
        by_rating = dict.fromkeys(range(1, 6), 0)
        in_window = {days: dict.fromkeys(range(1, 6), 0) for days in WINDOWS}
        for rating, state, counts in windows:
            by_rating[rating] += counts[-1]
            if state in COUNTED_STATES:
                for days, count in zip(WINDOWS, counts, strict=True):
                    in_window[days][rating] += count
        return Stats(
            today=today,
            figures=[rating_figure(days, in_window[days]) for days in WINDOWS],
            by_rating=by_rating,
            by_status={s: by_status.get(s, 0) for s in CaseStatus},
            negative_per_week=weekly_counts(negative_days, today, weeks),
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
