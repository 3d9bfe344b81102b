"""One page of the inbox, at a cost that depends on the page, not on the size of the desk.

The inbox's order is a merge of streams, one per case status (and, sorting by due date or assignee, per phase: the
cases still owed a first response before the rest, the assigned before the unassigned). Each stream is read by walking
its index of (status, sort key, id) from where the previous page ended (keyset pagination: the last row shown, never
an offset), stopping after a page of matching rows; the streams' rows are merged in Python. On PostgreSQL, where a
search checked on each row cuts each comment into words, the database merges the walks instead (or, by date in every
status, walks the dates' index once), so that the check is made on about a page of rows.

A filter that leaves few rows, or rows too sparse for a walk to reach a page of them soon, is read the other way
round ("gathered"): from an index of the filtered columns (ix_feedback_status_filters, the date's), or the ids a
search found, in one statement sorted by the database. Which way is cheaper is known before the query runs: the
tallies give the exact number of rows matching the marketplace, channel, rating and assignee filters, and of all
rows, in each status and each value of the sort's column when the tallies count it; a search finds whether it
matches more than GATHER feedback by reading at most that many ids. Sorting by a column the tallies count (rating,
marketplace, channel, assignee), a stream is read value by value, skipping the values none of whose rows match and
stopping at the values that hold a page, so that no walk passes rows that cannot match (1-3 stars, all assigned,
before the unassigned 4-star cases). Sorted by rating, a search that matches many is counted in each status and
rating too, from its full-text index (`RatingSearch`; on PostgreSQL, its words keyed by status and rating): a word of
complaints skips the 4 and 5 stars, and a rating where it is sparse is gathered by the ids of its matches.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from math import isqrt
from typing import Any, NamedTuple

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    case,
    func,
    literal,
    literal_column,
    or_,
    select,
    tuple_,
    union_all,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.util import ClauseAdapter

from fbdesk.db import tallies
from fbdesk.db.models import COMMENT_SORT_PREFIX, Feedback
from fbdesk.db.search import RatingSearch
from fbdesk.desk.core import table_of
from fbdesk.desk.deadlines import owes_first_response
from fbdesk.desk.presence import Presence
from fbdesk.domain import lifecycle
from fbdesk.domain.lifecycle import ANSWERED_STATUSES, CaseStatus

F = table_of(Feedback)
SHOWN_COMMENT = 240  # characters of the comment a row of the inbox can show
GATHER = 4000  # a search that matches at most this many feedback is gathered, not walked
# A walk expected to pass more than this many rows to fill a page (about 10 ms on SQLite) is not made: the matches
# are gathered instead.
WALK_MOST = 5000
# A walk of a whole stream expected to pass at most this many rows (about 2 ms) costs less than a statement for
# each value of the sort's column.
WALK_WHOLE = 1000
# A status of more feedback than this is searched rating by rating (sorted by rating); a walk of a smaller
# one costs less than reading the full-text index's ranges of its ratings.
SEARCHED_BY_RATING = 5000
# The sorts by a column the tallies count: their streams are read value by value.
TALLIED_SORTS = ("rating", "marketplace", "channel", "assignee")
# The columns of ix_feedback_status_filters after the status (revision 0009).
FILTER_INDEX = ("rating", "marketplace", "channel", "assignee")
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


def shown_comment(comment: ColumnElement[str]) -> ColumnElement[str]:
    return func.substr(comment, literal_column("1"), literal_column(str(SHOWN_COMMENT))).label("comment")


SHOWN = (
    F.c.id,
    F.c.order_id,
    F.c.marketplace,
    F.c.channel,
    F.c.rating,
    shown_comment(F.c.comment),
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
    part: Part,
    merged: bool = False,
) -> Select[Any] | None:
    """One part of a stream's next rows, walking its index (`part.gathered`: reading its few matches from the
    filters' index and sorting them); None when the stream lies wholly before `after`. `merged`: a walk the database
    merges with others (`_merged_statement`)."""
    clauses = [F.c.case_status == stream.status, *where]
    if stream.phase is not None:
        clauses.append(stream.phase)
    key = stream.key
    if part.values is not None:
        assert key is not None  # the stream is read by the values of its key
        if len(part.values) == 1 and merged:
            # A range, not an equality: with the key a constant, PostgreSQL no longer sees the walk ordered by it, and
            # sorts a page of matches of each walk before merging them, checking a page of rows in every walk.
            value = literal(part.values[0], key.type)
            clauses += [key >= value, key <= value]
        elif len(part.values) == 1:
            clauses.append(key == literal(part.values[0], key.type))
        else:
            clauses.append(key.in_(part.values))
    if after is not None:
        after_rank = rank_of(order.sort, after)
        if order.rank_before(stream.rank, after_rank):
            return None
        if stream.rank == after_rank and part.values == (order.key_of(after),):
            clauses.append(order.after(None, after))  # the one value's rows beyond the row's id
        elif stream.rank == after_rank and (part.values is None or order.key_of(after) in part.values):
            clauses.append(order.after(key, after))
        # Else the part's values all lie beyond the row's (`_parts`): a bound on (key, id) would only lead SQLite to
        # walk the index from the row, past the rows of its value.
    columns = [*stream.fixed, *([] if key is None else [key]), F.c.id]
    if part.gathered:
        columns = [func.coalesce(column, column) for column in columns[len(stream.fixed) :]]
    ordered = [c.desc() if order.descending else c.asc() for c in columns]
    return _limited(select(*SHOWN).where(and_(*clauses)).order_by(*ordered), limit)


def _gather_statement(
    statuses: Sequence[str],
    where: list[ColumnElement[bool]],
    order: Order,
    after: InboxRow | None,
    limit: int,
    by_filters: bool,
) -> Select[Any]:
    """The next rows of few matches, in one statement the database sorts (with an order no index gives, so that
    it reads the filter's index, not a sort index; `by_filters`: nor the statuses' index)."""
    rank, key = rank_sql(order.sort), KEYS[order.sort][0]
    if order.sort == "assignee":
        key = func.coalesce(F.c.assignee, "")
    status = func.coalesce(F.c.case_status, F.c.case_status) if by_filters else F.c.case_status
    clauses = [status.in_(statuses), *where]
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


def _merged_statement(
    walks: list[Select[Any]], key: ColumnElement[Any] | None, order: Order, limit: int
) -> Select[Any]:
    """The walks of streams of one rank (sharing its key) in one statement, each ordered and limited as alone: the
    database merges their rows in order (PostgreSQL's Merge Append), taking from each walk only the rows the page
    takes from it, so that a costly check on each row is made on about a page of rows, not a page of each stream's."""
    if len(walks) == 1:
        return walks[0]
    shown_key = key is None or any(key is column for column in SHOWN)
    if not shown_key:
        assert key is not None
        walks = [walk.add_columns(key.label("merge_key")) for walk in walks]
    merged = union_all(*walks).subquery()
    columns = [merged.c[column.name] for column in SHOWN]
    by = [] if key is None else [merged.c[key.name if shown_key else "merge_key"]]
    ordered = [c.desc() if order.descending else c.asc() for c in [*by, merged.c.id]]
    return _limited(select(*columns).order_by(*ordered), limit)


def _dates_walk(
    where: list[ColumnElement[bool]], search: ColumnElement[bool], order: Order, after: InboxRow | None, limit: int
) -> Select[Any]:
    """The next rows of every status by date, in one walk of the index of dates (ix_feedback_date_rating): it passes
    the rows newer than the page's last once, where a walk of each status's index passes the rows of its status newer
    than its own first match, many more in a status whose recent rows hold few matches (a month of closed cases for a
    word of complaints). The index holds a date's rows in no order of id: the database sorts each date's rows
    (Incremental Sort), all of which a walk reads; the search's costly check is made on the rows sorted, as the page
    takes them, behind a fence the planner does not push it through (OFFSET 0), not on every row of the date."""
    clauses = [clause for clause in where if clause is not search]
    if after is not None:
        clauses.append(order.after(F.c.feedback_date, after))
    ordered = [c.desc() if order.descending else c.asc() for c in (F.c.feedback_date, F.c.id)]
    columns = [column for column in SHOWN if column.name != "comment"]
    walk = select(*columns, F.c.comment).where(*clauses).order_by(*ordered)
    sorted_rows = walk.offset(literal(0, literal_execute=True)).subquery()
    rows = sorted_rows.c
    shown = [shown_comment(rows.comment) if column.name == "comment" else rows[column.name] for column in SHOWN]
    check = ClauseAdapter(sorted_rows).traverse(search)
    ordered = [c.desc() if order.descending else c.asc() for c in (rows.feedback_date, rows.id)]
    return _limited(select(*shown).where(check).order_by(*ordered), limit)


class Part(NamedTuple):
    """What one statement of a stream reads: the rows with these values of its key (None: all its rows), walked
    along its index (one value at a time, so that the index gives their order) or gathered."""

    values: tuple[Any, ...] | None
    gathered: bool


def _gathered(matching: int, total: int, limit: int) -> bool:
    """Whether to gather a stream's matches rather than walk its rows: when a walk would expect to pass more rows
    before it had a page of them (`limit` * `total` / `matching`) than there are matches, or more than WALK_MOST."""
    return limit * total > matching * min(matching, WALK_MOST)


def _walk_passes(values: list[tuple[Any, int, int]], limit: int) -> float:
    """How many rows one walk of a stream is expected to pass before it has a page of matches, from each value's
    matches and rows (in the walk's order): all the rows of the values before, part of the last one's."""
    passed, found = 0.0, 0
    for _, matching, total in values:
        if found + matching >= limit:
            return passed + total * (limit - found) / matching
        passed, found = passed + total, found + matching
    return passed


def _parts(
    stream: Stream,
    counts: dict[tuple[str, Any], tuple[int, int]] | None,
    column: str | None,
    order: Order,
    after: InboxRow | None,
    limit: int,
    exact: bool,
    counted: Collection[Any] | None = None,
) -> list[Part]:
    """How to read a stream, from the tallies' counts of its matches (None: all its rows match, as far as they
    know): not at all when none matches; gathered when few do, or when they are too sparse for a walk; else walked.
    Sorting by a column the tallies count, the stream is read value by value, in order, and only as many values as
    hold a page of matches (when the tallies count every filter, `exact`): a walk never passes a value's rows that
    cannot match. `counted`: the values whose matches a search counted (`_searched`); None: all, but how many of the
    row's own value lie beyond the row is unknown."""
    if counts is None:
        return [Part(None, False)]
    if column is None or stream.key is None:  # the unassigned (by assignee), or a sort the tallies do not count
        matching, total = counts.get((stream.status, "" if column == "assignee" else None), (0, 0))
        if matching == 0:
            return []
        return [Part(None, _gathered(matching, total, limit))]
    values = [(v, m, t) for (status, v), (m, t) in counts.items() if status == stream.status and t > 0]
    if column == "assignee":
        values = [(v, m, t) for v, m, t in values if v != ""]  # the unassigned are a stream of their own
    values.sort(key=lambda found: found[0], reverse=order.descending)
    beyond: Any = None
    if after is not None and rank_of(order.sort, after) == stream.rank:
        beyond = order.key_of(after)
        values = [found for found in values if found[0] == beyond or (found[0] < beyond) == order.descending]
    if _walk_passes(values, limit) <= WALK_WHOLE:  # one walk of the whole stream finds a page soon enough
        return [Part(None, False)] if any(m for _, m, _ in values) else []
    values = [found for found in values if found[1] > 0]
    walked, gathered, enough = [], [], 0
    for value, matching, total in values:
        if _gathered(matching, total, limit):
            gathered.append(value)
        else:
            walked.append(Part((value,), False))
        enough += matching if (value != beyond if counted is None else value in counted) else 0
        if exact and enough >= limit:
            break
    return walked + ([Part(tuple(gathered), True)] if gathered else [])


def _walk_from(total: int, limit: int) -> int:
    """The fewest matches among `total` rows for which `_gathered` walks them."""
    return max(isqrt(limit * total), limit * total // WALK_MOST) + 1


def _searched(
    session: Session,
    by_rating: RatingSearch,
    counts: dict[tuple[str, Any], tuple[int, int]],
    walked: Sequence[str],
    limit: int,
    after: tuple[int, int, bool] | None,
) -> tuple[dict[tuple[str, Any], tuple[int, int]], dict[tuple[str, Any], int | None]]:
    """The streams' counts of matches narrowed by a search's in each rating (in the rating of the row the page follows,
    `after`, its matches beyond the row), and those (None: too many to count; left out: not known), in the statuses
    of more than SEARCHED_BY_RATING feedback. Each is counted up to where a walk would pass fewer rows to a page than
    there are matches to gather (`_gathered`): beyond, it is walked whatever the number."""
    sizes: dict[str, int] = {}
    for (status, _), (_, total) in counts.items():
        sizes[status] = sizes.get(status, 0) + total
    big = {status for status in walked if sizes.get(status, 0) > SEARCHED_BY_RATING}
    most = {key: _walk_from(total, limit) for key, (_, total) in counts.items() if key[0] in big}
    found = by_rating.counts(session, most, after)
    narrowed = dict(counts)
    for key, n in found.items():
        matching, total = counts[key]
        narrowed[key] = (min(matching, most[key] if n is None else n), total)
    return narrowed, found


def _searched_where(
    session: Session,
    plan: Plan,
    found: dict[tuple[str, Any], int | None],
    status: str,
    part: Part,
    gathering: list[ColumnElement[bool]],
    beyond: tuple[int, int, bool] | None,
) -> list[ColumnElement[bool]] | None:
    """A gathered part's filters with the search's few matches there as their ids rather than checked on each row,
    when the search's matches per rating are counted (else None)."""
    if not (plan.by_rating and part.gathered and part.values) or any(
        found.get((status, v)) is None for v in part.values
    ):
        return None
    ids = plan.by_rating.ids(session, status, part.values, beyond)
    return [c for c in gathering if c is not plan.search] + [F.c.id.in_(literal(ids, literal_execute=True))]


class Plan(NamedTuple):
    """What the Desk knows of a query before its page is read."""

    gather: set[str]  # the statuses gathered in one statement
    tallied: dict[str, Sequence[Any]]  # the query's filters the tallies count, as `tallies.status_counts` takes them
    exact: bool  # whether those are all its filters (no dates, deadlines or search)
    # Whether the gathering finds its rows through its filters' indexes rather than the statuses' (a date range).
    by_filters: bool = False
    # The search the walks check on each row, if any (among their filters too): a check that costs much on
    # PostgreSQL (it cuts the comment into words), made there on few more rows than a page's (`_merged_statement`,
    # `_dates_walk`).
    search: ColumnElement[bool] | None = None
    # Sorted by rating, the search's comment words read per status and rating (fbdesk.db.search.by_rating):
    # a stream skips the ratings that hold no match and gathers those that hold few by their ids.
    by_rating: RatingSearch | None = None


def _padding(
    status: str, filtered: set[str], present: dict[tuple[str, str], tuple[Any, ...]]
) -> list[ColumnElement[bool]]:
    """The columns of ix_feedback_status_filters before the last one filtered that are not, each among the values
    the status's matches have: so that the database seeks the matches in the index rather than checking rows."""
    last = max((FILTER_INDEX.index(name) for name in filtered), default=-1)
    return [F.c[name].in_(present.get((status, name), ())) for name in FILTER_INDEX[:last] if name not in filtered]


def read_page(
    session: Session,
    sort: str,
    descending: bool,
    statuses: Sequence[str],
    filters: tuple[list[ColumnElement[bool]], list[ColumnElement[bool]]],
    after: InboxRow | None,
    limit: int,
    plan: Plan,
    backwards: bool = False,
) -> list[InboxRow]:
    """The next `limit` rows after `after` of the feedback in `statuses` matching the filters, in the sort's order
    (`backwards`: the rows before it, nearest first). `filters` are the query's filters as a walk checks them and as
    a gathering reads them. The tallies' counts of the matches in each stream tell how to read it (`_parts`)."""
    walking, gathering = filters
    order = Order(sort, descending, backwards)
    column = sort if sort in TALLIED_SORTS else None
    walked = [s for s in statuses if s not in plan.gather]
    counts = tallies.stream_counts(session, plan.tallied, column) if plan.tallied and walked else None
    found: dict[tuple[str, Any], int | None] = {}
    beyond = None if after is None else (after.rating, after.id, order.descending)
    if plan.by_rating is not None and walked:
        every = counts or tallies.stream_counts(session, {}, column)
        counts, found = _searched(session, plan.by_rating, every, walked, limit, beyond)
    # With a search, the counts of a status not read rating by rating are its rows', not the search's matches.
    counted = {status for status, _ in found} if plan.by_rating is not None else set(walked)
    present: dict[tuple[str, str], tuple[Any, ...]] | None = None
    statements = []
    # A search checked on each row costs much on PostgreSQL (it cuts the comment into words): there the walks are read
    # so that it is checked on about a page of rows, by date in one walk of every status, else merged by rank.
    conn = session.connection()
    postgresql = conn.dialect.name == "postgresql"
    search = plan.search if postgresql else None
    if search is not None and sort == "date" and counts is None and set(walked) == set(CaseStatus):
        statements.append(_dates_walk(walking, search, order, after, limit))
        walked = []
    walks: dict[Any, tuple[ColumnElement[Any] | None, list[Select[Any]]]] = {}  # to merge: each rank's key and walks
    for stream in streams(sort, walked):
        exact = plan.exact and stream.status in counted
        ratings = {v for s, v in found if s == stream.status} if plan.by_rating and stream.status in counted else None
        for part in _parts(stream, counts, column, order, after, limit, exact, ratings):
            where = walking
            by_ids = _searched_where(session, plan, found, stream.status, part, gathering, beyond)
            if by_ids is not None:
                where = by_ids
            elif part.gathered:
                filtered = set(plan.tallied) | ({column} if column and part.values else set())
                if present is None and len(filtered) > 1:
                    present = tallies.present_values(session, plan.tallied, FILTER_INDEX[:-1])
                where = gathering + (_padding(stream.status, filtered, present) if present else [])
            merged = search is not None and not part.gathered
            statement = _stream_statement(stream, where, order, after, limit, part, merged)
            if statement is not None and merged:
                walks.setdefault(stream.rank, (stream.key, []))[1].append(statement)
            elif statement is not None:
                statements.append(statement)
    statements += [_merged_statement(ranked, key, order, limit) for key, ranked in walks.values()]
    gathered = [s for s in statuses if s in plan.gather]
    if gathered:
        statements.append(_gather_statement(gathered, gathering, order, after, limit, plan.by_filters))
    # Else one statement each (a UNION of them costs more to build than to run): each a short walk or a small sort.
    if postgresql:
        # Its planner cannot see how the filters go with the statuses and the sort keys (the rating of resolved
        # cases, the assignee of closed ones): from its estimates it combined bitmaps of whole indexes and sorted
        # them, or scanned the primary key in parallel, where the walk of one index reads a page's rows.
        conn.exec_driver_sql("SET LOCAL enable_bitmapscan = off")
        conn.exec_driver_sql("SET LOCAL max_parallel_workers_per_gather = 0")
    rows = [InboxRow(*found) for statement in statements for found in conn.execute(statement)]
    return order.sorted(rows)[:limit]
