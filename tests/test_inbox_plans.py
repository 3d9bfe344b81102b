"""Every inbox page walks an index: SQLite's plan for each statement a page runs, in every tab and every sort both
ways, scans no table and sorts nothing (a page costs the same at any size). Filters that leave few rows are read from
their own index and sorted, on purpose, but never by scanning the table. Counts and the dashboard read the tallies."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import event

from fbdesk.desk import OPEN_STATUSES, SORT_COLUMNS, CaseStatus, FeedbackQuery, open_desk, pages

from support import NOW, Clock, write_report

TABS = [OPEN_STATUSES, *((s,) for s in CaseStatus), ()]
FULL_SCAN = re.compile(r"\bSCAN feedback\b(?!_)")  # the table itself (a scan of a small tally is fine)


# What `ANALYZE` found on bench/big_desk.py's desk of a million feedback (rows, then rows per value of each prefix of
# the index's columns). Planners choose differently at 600 rows, where a scan is cheap, and at a million; and these
# hold the trap a mostly-NULL column sets: NULLs count as distinct values, so "first_response_at IS NULL" looks rare.
MILLION_ROW_STATISTICS = {
    "ix_feedback_missed_earlier": "1000000 1000000",
    "ix_feedback_contacted": "1000000 39",
    "ix_feedback_due": "1000000 510",
    "ix_feedback_rater_email": "1000000 1",
    "ix_feedback_status_comment": "1000000 166667 4330 1",
    "ix_feedback_status_owed_due": "821218 136870 424 1",
    "ix_feedback_status_due": "1000000 166667 313 1",
    "ix_feedback_status_response": "1000000 166667 90910 1",
    "ix_feedback_status_assignee": "1000000 166667 20000 1",
    "ix_feedback_status_channel": "1000000 166667 55556 1",
    "ix_feedback_status_marketplace": "1000000 166667 23810 1",
    "ix_feedback_status_order": "1000000 166667 1 1",
    "ix_feedback_status_rating": "1000000 166667 50000 1",
    "ix_feedback_status_date": "1000000 166667 429 1",
    "ix_feedback_status_id": "1000000 166667 1",
    "ix_feedback_date_rating": "1000000 914 183",
    "ix_feedback_status_filters": "1000000 166667 50000 7143 2740 540",
    "ix_feedback_order_id": "1000000 1",
}


def as_if_a_million_rows(conn) -> None:
    """Give SQLite's planner the feedback table's statistics of a desk of a million feedback."""
    conn.exec_driver_sql("ANALYZE")
    for index, stat in MILLION_ROW_STATISTICS.items():
        conn.exec_driver_sql("UPDATE sqlite_stat1 SET stat = ? WHERE idx = ?", (stat, index))
    conn.exec_driver_sql("ANALYZE sqlite_schema")  # the planner reads the statistics again


@pytest.fixture(scope="module")
def planned(tmp_path_factory):
    """A desk of a few hundred feedback with every status, and the statements each of its calls runs."""
    folder = tmp_path_factory.mktemp("plans")
    rows = [
        [
            f"{(NOW.date() - timedelta(days=i % 90)):%-m/%-d/%y}",
            str(i % 5 + 1),
            f"comment {i} kettle",
            "",
            f"111-{i:07d}-1",
            "",
        ]
        for i in range(600)
    ]
    desk = open_desk(f"sqlite:///{folder / 'desk.db'}", agent="alex", clock=Clock())
    desk.import_reports([write_report(folder / "r.tsv", rows)], channel="fba")
    new = [fb.id for fb in desk.list_feedback(FeedbackQuery(statuses=("new",)), limit=1000)]
    for n, status in enumerate(["in_progress", "waiting_on_buyer", "resolved"]):
        desk.set_status_many(new[40 * n : 40 * n + 40], status)
    desk.assign_many(new[:60], "sam")
    with desk.engine.begin() as conn:
        as_if_a_million_rows(conn)
    statements: list[tuple[str, object]] = []

    @event.listens_for(desk.engine, "before_cursor_execute")
    def record(_conn, _cursor, statement, parameters, _context, _executemany):
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, parameters))

    def plans(call):
        statements.clear()
        call()
        found = []
        with desk.engine.connect() as conn:
            for statement, parameters in list(statements):
                plan = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
                found.append(" | ".join(row[-1] for row in plan))
        return found

    yield desk, plans
    desk.close()


@pytest.mark.parametrize("statuses", TABS, ids=["open", *CaseStatus, "all"])
@pytest.mark.parametrize("sort", list(SORT_COLUMNS))
def test_every_tab_and_sort_walks_an_index(planned, statuses, sort):
    desk, plans = planned
    for descending in (True, False):
        query = FeedbackQuery(statuses=statuses, sort=sort, descending=descending)
        first = desk.page(query, limit=10)
        calls = [lambda q=query: desk.page(q, limit=10)]
        if first:
            calls.append(lambda q=query, after=first[-1]: desk.page(q, after=after, limit=10))
        for call in calls:
            for plan in plans(call):
                assert not FULL_SCAN.search(plan), plan
                assert "TEMP B-TREE" not in plan, plan


@pytest.mark.parametrize(
    "query",
    [
        FeedbackQuery(marketplaces=("UK",)),
        FeedbackQuery(channels=("fba",), sort="rating"),
        FeedbackQuery(ratings=(1,), sort="due", descending=False),
        FeedbackQuery(assignee="sam", sort="assignee"),
        FeedbackQuery(assignee="-"),
        FeedbackQuery(due="overdue", sort="due", descending=False),
        FeedbackQuery(text="kettle"),
        FeedbackQuery(text="comment 17"),
        FeedbackQuery(text="111-0000017-1"),
        FeedbackQuery(date_from=NOW.date() - timedelta(days=3), sort="rating"),
    ],
    ids=repr,
)
def test_filters_and_searches_scan_no_table(planned, query):
    desk, plans = planned
    for tab in (OPEN_STATUSES, ()):
        in_tab = query.but(statuses=tab)
        for plan in plans(lambda q=in_tab: desk.page(q)):
            assert not FULL_SCAN.search(plan), plan


def test_counts_and_the_dashboard_scan_no_table(planned):
    desk, plans = planned
    for call in (desk.count_by_status, lambda: desk.count_by_status(FeedbackQuery(ratings=(1, 2))), desk.stats):
        for plan in plans(call):
            assert not FULL_SCAN.search(plan), plan


def test_few_matches_of_a_combination_are_sought_in_the_filters_index(planned):
    """3 stars, one marketplace, one channel: the database seeks the matches in the index of all four filters, not
    every feedback of one of them (ix_feedback_status_filters, revision 0009)."""
    desk, plans = planned
    query = FeedbackQuery(ratings=(3,), marketplaces=("US",), channels=("fba",))
    found = plans(lambda: desk.page(query))
    seeks = [p for p in found if "ix_feedback_status_filters (case_status=? AND rating=? AND marketplace=?" in p]
    assert seeks, found
    for plan in found:
        assert not FULL_SCAN.search(plan), plan


def test_filters_that_skip_a_column_of_the_index_are_padded_with_its_values(planned):
    """A channel and an assignee but no rating or marketplace: the rating and marketplace the tallies list for the
    matches are named, so that the seek reaches the channel and the assignee in the index."""
    desk, plans = planned
    query = FeedbackQuery(channels=("fba",), assignee="sam", sort="date")
    found = plans(lambda: desk.page(query))
    whole = "ix_feedback_status_filters (case_status=? AND rating=? AND marketplace=? AND channel=? AND assignee=?)"
    assert any(whole in plan for plan in found), found


@pytest.mark.parametrize("sort", ["rating", "assignee", "marketplace", "channel"])
def test_a_sort_by_a_tallied_column_walks_one_value_at_a_time(planned, sort, monkeypatch):
    """Sorting by a column the tallies count, with a filter, a stream a whole walk would pass too many rows of is
    walked value by value (the value named, so the walk starts at its rows and never passes rows of a value with no
    match), in index order. (On a desk this small any whole walk is short: as if it were not.)"""
    monkeypatch.setattr(pages, "WALK_WHOLE", 0)
    desk, plans = planned
    narrowed = FeedbackQuery(ratings=(1, 2)) if sort == "assignee" else FeedbackQuery(assignee="-")
    for descending in (False, True):
        query = narrowed.but(sort=sort, descending=descending)
        found = plans(lambda q=query: desk.page(q, limit=3))
        walks = [p for p in found if f"(case_status=? AND {sort}=?)" in p and "TEMP B-TREE" not in p]
        assert walks, found
        for plan in found:
            assert not FULL_SCAN.search(plan), plan


def test_a_date_range_of_one_rating_is_gathered_from_the_date_and_rating_index(planned):
    desk, plans = planned
    query = FeedbackQuery(date_from=NOW.date() - timedelta(days=30), date_to=NOW.date() - timedelta(days=10))
    found = plans(lambda: desk.page(query.but(ratings=(1,), sort="due")))
    assert any("ix_feedback_date_rating (feedback_date>? AND feedback_date<?)" in plan for plan in found), found
    for plan in found:
        assert not FULL_SCAN.search(plan), plan


def test_a_date_range_sorted_by_date_walks_the_range_in_the_dates_index(planned):
    """By date, the walk starts and ends at the range's bounds in each status's index of dates: nothing to gather
    and sort."""
    desk, plans = planned
    query = FeedbackQuery(date_from=NOW.date() - timedelta(days=30), date_to=NOW.date() - timedelta(days=10))
    for descending in (True, False):
        ordered = query.but(descending=descending)
        found = plans(lambda q=ordered: desk.page(q, limit=5))
        walks = [
            p for p in found if "ix_feedback_status_date (case_status=? AND feedback_date>? AND feedback_date<?)" in p
        ]
        assert walks, found
        for plan in walks:
            assert "TEMP B-TREE" not in plan, plan


def test_a_search_sorted_by_rating_reads_each_ratings_matches_from_a_range_of_the_full_text_index(planned, monkeypatch):
    """A search matching many feedback, sorted by rating: how many match in each status and rating is read from a
    range of the full-text index's keys (FTS5's plan "M1><": a match within rowid bounds, revision 0010); a rating
    with many is walked in its own rows of the status's index, one with few is gathered by the ids in its range. (As
    if the search matched too many to gather, in statuses big enough to read by rating, where whole walks are long.)"""
    monkeypatch.setattr(pages, "GATHER", 0)
    monkeypatch.setattr(pages, "SEARCHED_BY_RATING", 0)
    monkeypatch.setattr(pages, "WALK_WHOLE", 0)
    desk, plans = planned
    for descending in (False, True):
        query = FeedbackQuery(text="kettle", sort="rating", descending=descending)
        walked = plans(lambda q=query: desk.page(q, limit=10))
        assert any("SCAN feedback_fts VIRTUAL TABLE INDEX 0:M1><" in plan for plan in walked), walked
        assert any("ix_feedback_status_rating (case_status=? AND rating=?)" in plan for plan in walked), walked
        gathered = plans(lambda q=query: desk.page(q, limit=500))  # more than each rating of a status holds
        assert any("SEARCH feedback USING INTEGER PRIMARY KEY (rowid=?)" in plan for plan in gathered), gathered
        for plan in walked + gathered:
            assert not FULL_SCAN.search(plan), plan
