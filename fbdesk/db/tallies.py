"""The tallies: how many feedback there are of each kind the inbox's tabs and the dashboard count, kept as the desk
changes so that no count scans the feedback table.

Triggers on feedback (revision 0005) move a counted feedback between keys when its status, assignee, rating, date,
state, marketplace or channel changes, in the same transaction. Rows an import adds are beyond
`tally_mark.counted_through`: every read counts them from the feedback table itself (a short range of ids), and the
import folds them in with `fold` before it commits. A key's figure is the sum of its rows: on PostgreSQL the
triggers append +1/-1 rows, which `fold` merges.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, literal, select, true, union_all
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session
from sqlmodel import col

from fbdesk.db.models import Feedback, FeedbackDayTally, FeedbackTally, TallyMark

STATUS_KEY = ("case_status", "marketplace", "channel", "rating", "assignee")
DAY_KEY = ("feedback_date", "rating", "feedback_state")
# The filters the status tally answers; any other filter needs a count of the feedback themselves.
TALLIED_FILTERS = ("marketplace", "channel", "rating", "assignee")


def _table(model: Any) -> Any:
    return model.__table__


def _feedback_key(name: str) -> ColumnElement[Any]:
    column = _table(Feedback).c[name]
    return func.coalesce(column, "") if name == "assignee" else column


def counted_through() -> Any:
    """The mark, as SQL; 0 without its row (a desk emptied by TRUNCATE, tallies and all)."""
    return func.coalesce(select(col(TallyMark.counted_through)).where(col(TallyMark.id) == 1).scalar_subquery(), 0)


def _added(session: Session) -> ColumnElement[bool]:
    """The feedback beyond the mark, by their ids. On PostgreSQL the mark is read first: a planner that knows it
    finds the handful of feedback (or none) by their ids, where with the mark unknown to it PostgreSQL read the whole
    index of a filtered column to check their ids (140 ms at a million feedback). An import folding its rows in
    between the two reads has them counted twice in that one count; it announces its change, and the helpdesk reads
    again. (On SQLite, reading the mark first made the helpdesk lose a draft at a hang-up in the terminal tests,
    tests/ui/test_drafts.py; why is not yet understood, and SQLite needs no such help.)"""
    ids: ColumnElement[int] = _table(Feedback).c.id
    if session.get_bind().dialect.name == "sqlite":  # its planner finds them by their ids as it is
        beyond: ColumnElement[bool] = ids > counted_through()
        return beyond
    mark: int = session.execute(select(counted_through())).scalar_one()
    return ids > mark


def _hidden(name: str) -> ColumnElement[Any]:
    """`_feedback_key` in a form no index is chosen for: the feedback beyond the mark are found by their ids."""
    column = _table(Feedback).c[name]
    return func.coalesce(column, "" if name == "assignee" else column)


@dataclass
class Added:
    """Feedback with the ids after `after`, through `through`, counted by their keys (STATUS_KEY and DAY_KEY values,
    the assignee "" for none) by whoever added them."""

    after: int
    through: int
    status: Counter[tuple[Any, ...]] = field(default_factory=Counter)
    days: Counter[tuple[Any, ...]] = field(default_factory=Counter)


def fold(conn: Connection, added: Added | None = None) -> None:
    """Count the feedback added since the last fold into the tallies, and merge each key's rows into one. Called by
    the import inside its transaction, after its rows are in, with its own counts of them when it has them."""
    feedback = _table(Feedback)
    mark_table = _table(TallyMark)
    mark = conn.execute(select(mark_table.c.counted_through).where(mark_table.c.id == 1)).scalar()
    if mark is None:
        conn.execute(mark_table.insert().values(id=1, counted_through=0))
        mark = 0
    newest = conn.execute(select(func.coalesce(func.max(feedback.c.id), 0))).scalar_one()
    if added is not None and (added.after, added.through) == (mark, newest):
        for model, key, counts in ((FeedbackTally, STATUS_KEY, added.status), (FeedbackDayTally, DAY_KEY, added.days)):
            rows = [{**dict(zip(key, values, strict=True)), "n": n} for values, n in counts.items() if n]
            if rows:
                conn.execute(_table(model).insert(), rows)
        conn.execute(mark_table.update().where(mark_table.c.id == 1).values(counted_through=newest))
    elif newest > mark:
        for model, key in ((FeedbackTally, STATUS_KEY), (FeedbackDayTally, DAY_KEY)):
            columns = [_feedback_key(name) for name in key]
            counted = select(*columns, func.count()).where(feedback.c.id > mark, feedback.c.id <= newest)
            conn.execute(_table(model).insert().from_select([*key, "n"], counted.group_by(*columns)))
        conn.execute(mark_table.update().where(mark_table.c.id == 1).values(counted_through=newest))
    for model, key in ((FeedbackTally, STATUS_KEY), (FeedbackDayTally, DAY_KEY)):
        _merge_rows(conn, _table(model).name, key)


def _merge_rows(conn: Connection, table: str, key: Sequence[str]) -> None:
    columns = ", ".join(key)
    if conn.dialect.name == "postgresql":
        # One statement, so that rows other agents' changes add meanwhile are either merged or left whole.
        conn.exec_driver_sql(
            f"WITH gone AS (DELETE FROM {table} RETURNING {columns}, n) INSERT INTO {table} ({columns}, n) "
            f"SELECT {columns}, sum(n) FROM gone GROUP BY {columns} HAVING sum(n) <> 0"
        )
        return
    # SQLite has one writer at a time: nothing can come between these two statements.
    last = conn.exec_driver_sql(f"SELECT coalesce(max(id), 0) FROM {table}").scalar_one()
    conn.exec_driver_sql(
        f"INSERT INTO {table} ({columns}, n) SELECT {columns}, sum(n) FROM {table} WHERE id <= ? "
        f"GROUP BY {columns} HAVING sum(n) <> 0",
        (last,),
    )
    conn.exec_driver_sql(f"DELETE FROM {table} WHERE id <= ?", (last,))


def status_counts(session: Session, where: dict[str, Sequence[Any]]) -> list[tuple[str, int]]:
    """Feedback per case status among those whose marketplace, channel, rating and assignee ("" for none) are each
    among the values given (a filter not given does not narrow)."""
    tally, feedback = _table(FeedbackTally), _table(Feedback)
    counted = select(tally.c.case_status, tally.c.n.label("n")).where(
        *(tally.c[name].in_(values) for name, values in where.items())
    )
    added = select(feedback.c.case_status, literal(1).label("n")).where(
        _added(session), *(_hidden(name).in_(values) for name, values in where.items())
    )
    both = union_all(counted, added).subquery()
    statement = select(both.c.case_status, func.sum(both.c.n)).group_by(both.c.case_status)
    return [(status, int(n)) for status, n in session.execute(statement).all()]


def stream_counts(
    session: Session, where: dict[str, Sequence[Any]], column: str | None
) -> dict[tuple[str, Any], tuple[int, int]]:
    """Per case status and value of `column` (one of TALLIED_FILTERS, the assignee "" for none; None: per status
    alone, the value None), how many feedback match the filters (as `status_counts` takes them) and how many there
    are: how dense the matches are where a page would look for them."""
    tally = _table(FeedbackTally)
    counted = select(*(tally.c[name] for name in STATUS_KEY), tally.c.n.label("n"))
    added = select(*(_feedback_key(name).label(name) for name in STATUS_KEY), literal(1).label("n")).where(
        _added(session)
    )
    both = union_all(counted, added).subquery()
    matches = and_(true(), *(both.c[name].in_(values) for name, values in where.items()))
    keys = [both.c.case_status, *([both.c[column]] if column else [])]
    statement = select(*keys, func.sum(case((matches, both.c.n), else_=0)), func.sum(both.c.n)).group_by(*keys)
    found = {}
    for status, *value, matching, total in session.execute(statement).all():
        found[status, value[0] if column else None] = (int(matching), int(total))
    return found


def present_values(
    session: Session, where: dict[str, Sequence[Any]], columns: Sequence[str]
) -> dict[tuple[str, str], tuple[Any, ...]]:
    """Per case status and each of `columns` (of TALLIED_FILTERS), the values the feedback matching the filters have
    (the assignee "" for none)."""
    tally = _table(FeedbackTally)
    counted = select(*(tally.c[name] for name in STATUS_KEY), tally.c.n.label("n")).where(
        *(tally.c[name].in_(values) for name, values in where.items())
    )
    added = select(*(_feedback_key(name).label(name) for name in STATUS_KEY), literal(1).label("n")).where(
        _added(session), *(_hidden(name).in_(values) for name, values in where.items())
    )
    both = union_all(counted, added).subquery()
    keys = [both.c.case_status, *(both.c[name] for name in columns)]
    found: dict[tuple[str, str], set[Any]] = {}
    for status, *values in session.execute(select(*keys).group_by(*keys).having(func.sum(both.c.n) > 0)).all():
        for name, value in zip(columns, values, strict=True):
            found.setdefault((status, name), set()).add(value)
    return {key: tuple(sorted(values)) for key, values in found.items()}


def _day_rows(session: Session) -> Any:
    """The day tally's rows and the feedback beyond it (one each), as a subquery with the day key and n."""
    tally = _table(FeedbackDayTally)
    counted = select(*(tally.c[name] for name in DAY_KEY), tally.c.n.label("n"))
    added = select(*(_hidden(name).label(name) for name in DAY_KEY), literal(1).label("n")).where(_added(session))
    both = union_all(counted, added).subquery()
    return both, [both.c[name] for name in DAY_KEY]


def window_counts(session: Session, starts: Sequence[date | None]) -> list[tuple[int, str, list[int]]]:
    """Per rating and feedback state, how many feedback are dated on or after each start (None: ever)."""
    both, (day, rating, state) = _day_rows(session)
    sums = [func.sum(both.c.n if start is None else case((day >= start, both.c.n), else_=0)) for start in starts]
    rows = session.execute(select(rating, state, *sums).group_by(rating, state)).all()
    return [(rating_, state_, [int(n or 0) for n in counts]) for rating_, state_, *counts in rows]


def day_counts(session: Session, since: date, ratings: Sequence[int]) -> list[tuple[date, int]]:
    """Feedback per date since `since`, of the ratings given, whatever their state."""
    both, (day, rating, _) = _day_rows(session)
    statement = select(day, func.sum(both.c.n)).where(day >= since, rating.in_(ratings)).group_by(day)
    return [(found, int(n)) for found, n in session.execute(statement).all() if n]


def dated_count(session: Session, date_from: date | None, date_to: date | None, ratings: Sequence[int] = ()) -> int:
    """Feedback dated within the range (a bound not given does not narrow) of the ratings given (none given: any),
    whatever their state."""
    tally, feedback = _table(FeedbackDayTally), _table(Feedback)

    def within(table: Any, through: Any) -> list[ColumnElement[bool]]:
        day, rating = through(table.c.feedback_date), through(table.c.rating)
        found = ([day >= date_from] if date_from else []) + ([day <= date_to] if date_to else [])
        return found + ([rating.in_(ratings)] if ratings else [])

    counted = select(func.coalesce(func.sum(tally.c.n), 0)).where(*within(tally, lambda column: column))
    # The few feedback beyond the mark are found by their ids, not by the date's index (coalesce hides it).
    added = (
        select(func.count())
        .select_from(feedback)
        .where(_added(session), *within(feedback, lambda column: func.coalesce(column, column)))
    )
    return int(session.execute(select(counted.scalar_subquery() + added.scalar_subquery())).scalar_one())
