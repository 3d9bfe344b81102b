"""A search read per case status and rating (fbdesk.db.search.RatingSearch): SQLite's full-text index keyed by status
and rating (revision 0010), PostgreSQL's index of words keyed so (revision 0011). Its counts and ids in each status
and rating are the feedback a plain check finds there, after changes of status, rating and comment too; and on
PostgreSQL, at the statistics of a million feedback, a page reads them from the keyed index and walks no rating
that holds no match."""

from __future__ import annotations

import itertools
import re
from datetime import timedelta

import pytest
from sqlalchemy import event
from sqlmodel import Session, select
from test_inbox_queries import complaints, naive_search  # noqa: F401  (the fixture, and the plain check)

from fbdesk.db import search
from fbdesk.db.models import Feedback
from fbdesk.desk import CaseStatus, FeedbackQuery, pages

from support import NEEDS_POSTGRES, NOW, write_report

WORDS = ("scratches", "glass cra", "refu", "arrived", "fine")  # each matches some feedback
KEYS = [(str(status), rating) for status in CaseStatus for rating in range(1, 6)]


def matches_by_key(desk, words: str) -> dict[tuple[str, int], list[int]]:
    """The feedback a plain check finds in each status and rating."""
    with Session(desk.engine) as session:
        everything = session.exec(select(Feedback)).all()
    found: dict[tuple[str, int], list[int]] = {key: [] for key in KEYS}
    for fb in everything:
        if naive_search(fb.comment, words):
            found[fb.case_status, fb.rating].append(fb.id)
    return {key: sorted(ids) for key, ids in found.items()}


def assert_read_by_rating_as_checked(desk, words: str) -> None:
    expected = matches_by_key(desk, words)
    with Session(desk.engine) as session:
        by_rating = search.by_rating(session, words, search.matching_ids(session, words, 0).last_terms)
        assert by_rating is not None, words
        assert by_rating.counts(session, dict.fromkeys(KEYS, 10**6)) == {k: len(v) for k, v in expected.items()}
        for status, rating in KEYS:
            assert sorted(by_rating.ids(session, status, [rating])) == expected[status, rating], (words, status)
            if len(ids := expected[status, rating]) > 2:  # beyond a row of that rating, both ways
                middle = ids[len(ids) // 2]
                for descending, beyond in (
                    (True, [i for i in ids if i < middle]),
                    (False, [i for i in ids if i > middle]),
                ):
                    after = (rating, middle, descending)
                    counted = by_rating.counts(session, {(status, rating): 10**6}, after)
                    assert counted == {(status, rating): len(beyond)}, (words, status, rating, descending)
                    assert sorted(by_rating.ids(session, status, [rating], after)) == beyond


def test_a_search_read_by_status_and_rating_finds_what_a_plain_check_finds(complaints, tmp_path):  # noqa: F811
    desk = complaints
    for words in WORDS:
        assert_read_by_rating_as_checked(desk, words)
    # Cases move between statuses, and buyers change their rating and comment: the index follows.
    moved = [r.id for r in desk.page(FeedbackQuery(text="scratches", statuses=("closed",)), limit=5)]
    desk.set_status_many(moved, "in_progress")
    changed = [
        [
            f"{NOW.date() - timedelta(days=5):%-m/%-d/%y}",
            "5",
            "scratches gone, glass fine now",
            "",
            "121-0000005-0000001",
            "",
        ],
        [f"{NOW.date():%-m/%-d/%y}", "2", "refused: arrived with scratches", "", "121-0000000-0000001", ""],
    ]
    desk.import_reports([write_report(tmp_path / "changed.tsv", changed)], channel="fba")
    assert {desk.find_order("121-0000005-0000001").rating, desk.find_order("121-0000000-0000001").rating} == {5, 2}
    for words in WORDS:
        assert_read_by_rating_as_checked(desk, words)


def as_if_a_million_rows_on_postgresql(conn) -> None:
    """Give PostgreSQL's planner a feedback table of a million rows with the desk's proportions (its statistics of
    values and words, from ANALYZE, are the desk's own), kept until the test ends (no autovacuum)."""
    conn.exec_driver_sql("ALTER TABLE feedback SET (autovacuum_enabled = false)")
    conn.exec_driver_sql("ANALYZE feedback")
    rows = conn.exec_driver_sql("SELECT count(*) FROM feedback").scalar_one()
    conn.exec_driver_sql(
        f"UPDATE pg_class SET reltuples = reltuples * {1_000_000 / rows} WHERE oid = 'feedback'::regclass "
        "OR oid IN (SELECT indexrelid FROM pg_index WHERE indrelid = 'feedback'::regclass)"
    )


@pytest.mark.parametrize("db_url", [pytest.param("postgresql", marks=NEEDS_POSTGRES)], indirect=True)
def test_on_postgresql_a_page_reads_the_ratings_from_the_keyed_words_and_walks_none_without_a_match(
    complaints,  # noqa: F811
    monkeypatch,
):
    """Sorted by rating, a search in the closed tab and in all counts its matches in each status and rating, and reads
    the ids of those with few, from ix_feedback_rated_words (a bitmap of one keyed word); no statement reads the 4
    and 5 stars, which hold none; the walks of several statuses are merged in the order they walk, none sorted;
    nothing scans the table. (As if it matched too many to gather, in statuses big enough to read by rating.)"""
    monkeypatch.setattr(pages, "GATHER", 0)
    monkeypatch.setattr(pages, "SEARCHED_BY_RATING", 0)
    monkeypatch.setattr(pages, "WALK_WHOLE", 0)
    # Each rating counted however many the planner expects (here, of a million rows, where the tallies know 240).
    monkeypatch.setattr(pages, "_walk_from", lambda total, limit: 1_000_000)
    desk = complaints
    statements: list[tuple[str, object, bool]] = []

    @event.listens_for(desk.engine, "before_cursor_execute")
    def record(conn, _cursor, statement, parameters, _context, _executemany):
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, parameters, conn.info.get("walking", False)))
        elif "enable_bitmapscan" in statement:
            conn.info["walking"] = True

    @event.listens_for(desk.engine, "commit")
    @event.listens_for(desk.engine, "rollback")
    def ended(conn):
        conn.info["walking"] = False

    with desk.engine.begin() as conn:
        as_if_a_million_rows_on_postgresql(conn)

    def plans_of(query: FeedbackQuery, limit: int) -> list[tuple[str, str]]:
        statements.clear()
        assert desk.page(query, limit=limit)
        found = []
        with desk.engine.begin() as conn:
            for statement, parameters, walking in statements:
                if walking:  # as the page read it
                    conn.exec_driver_sql("SET LOCAL enable_bitmapscan = off")
                    conn.exec_driver_sql("SET LOCAL max_parallel_workers_per_gather = 0")
                plan = conn.exec_driver_sql("EXPLAIN " + statement, parameters).scalars().all()
                found.append((statement, "\n".join(plan)))
                conn.exec_driver_sql("RESET ALL")
        for _, plan in found:
            assert not re.search(r"Seq Scan on feedback\b(?!_)", plan), plan
            if "Merge Append" in plan:  # walks of several statuses: merged in the order they walk, none sorted
                assert "->  Sort" not in plan, plan
        return found

    try:
        for statuses, descending in itertools.product((("closed",), ()), (True, False)):
            query = FeedbackQuery(text="scratches", statuses=statuses, sort="rating", descending=descending)
            plans = plans_of(query, 30)  # more than the 3 stars hold: the 1 and 2 stars, half of which match
            counted = [plan for statement, plan in plans if "fbdesk_rated_words" in statement]
            assert counted and all("Bitmap Index Scan on ix_feedback_rated_words" in plan for plan in counted), plans
            gathered = [
                plan for statement, plan in plans if statement.startswith("SELECT id FROM feedback WHERE fbdesk")
            ]
            assert gathered, plans
            for _, plan in plans:
                assert not re.search(r"rating (=|>=) [45]\b|rating = ANY \('\{[^}]*[45]", plan), plan
        # A word in every 3-star comment, whose statuses' walks soon find a page (one row) in each.
        plans = plans_of(FeedbackQuery(text="arrived", sort="rating", descending=False), 1)
        assert any("Merge Append" in plan for _, plan in plans), plans
    finally:
        with desk.engine.begin() as conn:
            conn.exec_driver_sql("ALTER TABLE feedback RESET (autovacuum_enabled)")
            conn.exec_driver_sql("ANALYZE feedback")
