"""One page of the inbox, at a cost that depends on the page, not on the size of the desk.

The inbox's order is a merge of streams, one per case status (and, sorting by due date or assignee, per phase: the
cases still owed a first response before the rest, the assigned before the unassigned). Each stream is read by walking
its index of (status, sort key, id) from where the previous page ended (keyset pagination: the last row shown, never
an offset), stopping after a page of matching rows; the streams' rows are merged in Python.

A filter that leaves few rows is read the other way round ("gathered"): from the index of the filtered column, or
the ids a search found, in one statement sorted by the database. Which way is cheaper is known before the query
runs: the tallies give the exact number of rows matching the marketplace, channel, rating and assignee filters in
each status, and a search finds whether it matches more than GATHER feedback by reading at most that many ids.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Select, and_, case, func, literal, literal_column, or_, select, tuple_
from sqlalchemy.orm import Session

from fbdesk.db.models import COMMENT_SORT_PREFIX, Feedback
from fbdesk.desk.core import table_of
from fbdesk.desk.deadlines import owes_first_response
from fbdesk.desk.presence import Presence
from fbdesk.domain import lifecycle
from fbdesk.domain.lifecycle import ANSWERED_STATUSES

F = table_of(Feedback)
SHOWN_COMMENT = 240  # characters of the comment a row of the inbox can show
GATHER = 4000  # a status with at most this many matching rows is gathered, not walked
# A date range with at most this many feedback is gathered from the date's index: reading and sorting them costs
# less (about 4 ms for a week of a million-row desk) than walking a sort's index past rows of other dates.
GATHER_DATED = 40_000


class InboxRow(NamedTuple):
    """What a row of the inbox shows of a feedback."""

    id: int
    order_id: str
    marketplace: str
    channel: str
    rating: int
    comment: str  # its first SHOWN_COMMENT characters
    feedback_date: date
    case_status: str
    assignee: str | None
    response_state: str
    first_response_due: datetime
    first_response_at: datetime | None
    first_response_owed_since: datetime | None
    # The other agents at the case now, writing to the buyer first (fbdesk.desk.presence), for the inbox's marker.
    present: tuple[Presence, ...] = ()

    def deadline(self, now: datetime) -> str:
        """Its first-response deadline as `lifecycle.deadline_state` tells it."""
        return lifecycle.deadline_state(
            self.first_response_owed_since, self.first_response_due, self.first_response_at, self.case_status, now
        )


def owes(row: InboxRow) -> bool:
    return lifecycle.owes_first_response(row.first_response_owed_since, row.first_response_at, row.case_status)


SHOWN = (
    F.c.id,
    F.c.order_id,
    F.c.marketplace,
    F.c.channel,
    F.c.rating,
    func.substr(F.c.comment, literal_column("1"), literal_column(str(SHOWN_COMMENT))).label("comment"),
    F.c.feedback_date,
    F.c.case_status,
    F.c.assignee,
    F.c.response_state,
    F.c.first_response_due,
    F.c.first_response_at,
    F.c.first_response_owed_since,
)
# The sort key of each sort, as SQL (written as its index is: literal numbers, not parameters) and of a row.
KEYS: dict[str, tuple[ColumnElement[Any] | None, Callable[[InboxRow], Any]]] = {
    "date": (F.c.feedback_date, lambda r: r.feedback_date),
    "rating": (F.c.rating, lambda r: r.rating),
    "order": (F.c.order_id, lambda r: r.order_id),
    "marketplace": (F.c.marketplace, lambda r: r.marketplace),
    "channel": (F.c.channel, lambda r: r.channel),
    "status": (None, lambda r: None),  # one status per stream, its rows in id order
    "assignee": (F.c.assignee, lambda r: r.assignee or ""),
    "response": (F.c.response_state, lambda r: r.response_state),
    "due": (F.c.first_response_due, lambda r: r.first_response_due),
    "comment": (
        func.substr(F.c.comment, literal_column("1"), literal_column(str(COMMENT_SORT_PREFIX))),
        lambda r: r.comment[:COMMENT_SORT_PREFIX],
    ),
}


def rank_of(sort: str, row: InboxRow) -> Any:
    """Where a row's stream comes in the merge (ascending): by due date the cases owed a first response first, by
    assignee the assigned first, by status the statuses in order."""
    if sort == "due":
        return 0 if owes(row) else 1
    if sort == "assignee":
        return 1 if row.assignee is None else 0
    if sort == "status":
        return row.case_status
    return 0


def rank_sql(sort: str) -> ColumnElement[Any] | None:
    """`rank_of` as SQL."""
    if sort == "due":
        return case((owes_first_response(), 0), else_=1)
    if sort == "assignee":
        return case((F.c.assignee.is_(None), 1), else_=0)
    if sort == "status":
        return F.c.case_status
    return None


def ranks_follow_direction(sort: str) -> bool:
    """Unassigned cases come last whichever the direction; every other sort reverses whole."""
    return sort != "assignee"


@dataclass(frozen=True)
class Stream:
    """The rows of one status (and one phase of the sort), which share one rank, in the sort's order."""

    status: str
    rank: Any
    phase: ColumnElement[bool] | None  # which rows of the status, if not all
    key: ColumnElement[Any] | None  # None: id order only
    # Columns the stream's rows all share, ordered by all the same, so that the planner sees the order of the index
    # it walks (PostgreSQL otherwise walks the primary key for a rare status and filters the whole table).
    fixed: tuple[ColumnElement[Any], ...] = (F.c.case_status,)


def streams(sort: str, statuses: Sequence[str]) -> list[Stream]:
    key = KEYS[sort][0]
    found = []
    for status in statuses:
        if sort == "due" and status in ANSWERED_STATUSES:  # nothing owed: one stream
            found.append(Stream(status, 1, None, key))
        elif sort == "due":
            found.append(Stream(status, 0, F.c.first_response_at.is_(None), key))
            found.append(Stream(status, 1, F.c.first_response_at.is_not(None), key))
        elif sort == "assignee":
            found.append(Stream(status, 0, F.c.assignee.is_not(None), key))
            found.append(Stream(status, 1, F.c.assignee.is_(None), None, (F.c.case_status, F.c.assignee)))
        elif sort == "status":
            found.append(Stream(status, status, None, None))
        else:
            found.append(Stream(status, 0, None, key))
    return found


class Order:
    """The query's order: rank (in its direction), then key, then id; `backwards`, exactly reversed."""

    def __init__(self, sort: str, descending: bool, backwards: bool = False) -> None:
        self.sort = sort
        self.descending = descending != backwards
        self.rank_descending = (descending and ranks_follow_direction(sort)) != backwards
        self.key_of = KEYS[sort][1]

    def rank_before(self, rank: Any, other: Any) -> bool:
        return bool(rank > other if self.rank_descending else rank < other)

    def after(self, key: ColumnElement[Any] | None, row: InboxRow) -> ColumnElement[bool]:
        """Rows of the same rank as `row` that come after it: (key, id) beyond the row's."""
        if key is None:
            return F.c.id < row.id if self.descending else F.c.id > row.id
        mine, theirs = tuple_(key, F.c.id), tuple_(literal(self.key_of(row), key.type), literal(row.id))
        return mine < theirs if self.descending else mine > theirs

    def sorted(self, rows: list[InboxRow]) -> list[InboxRow]:
        within = sorted(rows, key=lambda r: (_comparable(self.key_of(r)), r.id), reverse=self.descending)
        return sorted(within, key=lambda r: rank_of(self.sort, r), reverse=self.rank_descending)


def _comparable(value: Any) -> Any:
    return (0, "") if value is None else (1, value)


def _limited(statement: Select[Any], limit: int) -> Select[Any]:
    # Written into the SQL, not bound: SQLite plans before binding, and with an unknown limit it may sort a whole
    # status instead of walking its index.
    return statement.limit(literal(limit, literal_execute=True))


def _stream_statement(
    stream: Stream,
    where: list[ColumnElement[bool]],
    order: Order,
    after: InboxRow | None,
    limit: int,
    gathered: bool,
) -> Select[Any] | None:
    """One stream's next rows, walking its index (`gathered`: reading its few matches from their filter's index and
    sorting them); None when the stream lies wholly before `after`."""
    clauses = [F.c.case_status == stream.status, *where]
    if stream.phase is not None:
        clauses.append(stream.phase)
    if after is not None:
        after_rank = rank_of(order.sort, after)
        if order.rank_before(stream.rank, after_rank):
            return None
        if stream.rank == after_rank:
            clauses.append(order.after(stream.key, after))
    columns = [*stream.fixed, *([] if stream.key is None else [stream.key]), F.c.id]
    if gathered:
        columns = [func.coalesce(column, column) for column in columns[len(stream.fixed) :]]
    ordered = [c.desc() if order.descending else c.asc() for c in columns]
    return _limited(select(*SHOWN).where(and_(*clauses)).order_by(*ordered), limit)


def _gather_statement(
    statuses: Sequence[str], where: list[ColumnElement[bool]], order: Order, after: InboxRow | None, limit: int
) -> Select[Any]:
    """The next rows of few matches, in one statement the database sorts (with an order no index gives, so that
    it reads the filter's index, not a sort index)."""
    rank, key = rank_sql(order.sort), KEYS[order.sort][0]
    if order.sort == "assignee":
        key = func.coalesce(F.c.assignee, "")
    clauses = [F.c.case_status.in_(statuses), *where]
    if after is not None:
        beyond = order.after(key, after)
        if rank is not None:
            after_rank = literal(rank_of(order.sort, after), rank.type)
            later = rank < after_rank if order.rank_descending else rank > after_rank
            beyond = or_(later, and_(rank == after_rank, beyond))
        clauses.append(beyond)
    ordered: list[ColumnElement[Any]] = []
    if rank is not None:
        ordered.append(rank.desc() if order.rank_descending else rank.asc())
    for column in ([] if key is None else [key]) + [F.c.id]:
        sortable = func.coalesce(column, column)
        ordered.append(sortable.desc() if order.descending else sortable.asc())
    return _limited(select(*SHOWN).where(and_(*clauses)).order_by(*ordered), limit)


def read_page(
    session: Session,
    sort: str,
    descending: bool,
    statuses: Sequence[str],
    filters: tuple[list[ColumnElement[bool]], list[ColumnElement[bool]]],
    after: InboxRow | None,
    limit: int,
    plan: tuple[set[str], dict[tuple[str, Any], int]],
    backwards: bool = False,
) -> list[InboxRow]:
    """The next `limit` rows after `after` of the feedback in `statuses` matching the filters, in the sort's order
    (`backwards`: the rows before it, nearest first). `filters` are the query's filters as a walk checks them and as
    a gathering reads them; `plan`, the statuses gathered in one statement, and how many rows match in each stream
    (by status and rank; rank None for all of a status) where the tallies tell: a stream with none is skipped, one
    with at most GATHER is gathered on its own."""
    walking, gathering = filters
    gather, counts = plan
    order = Order(sort, descending, backwards)
    statements = []
    for stream in streams(sort, [s for s in statuses if s not in gather]):
        matching = counts.get((stream.status, stream.rank), counts.get((stream.status, None)))
        if matching == 0:
            continue
        few = matching is not None and matching <= GATHER
        statement = _stream_statement(stream, gathering if few else walking, order, after, limit, few)
        if statement is not None:
            statements.append(statement)
    gathered = [s for s in statuses if s in gather]
    if gathered:
        statements.append(_gather_statement(gathered, gathering, order, after, limit))
    # One statement each (a UNION of them costs more to build than to run): each is a short walk or a small sort.
    conn = session.connection()
    rows = [InboxRow(*found) for statement in statements for found in conn.execute(statement)]
    return order.sorted(rows)[:limit]
