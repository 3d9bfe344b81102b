"""The tallies behind the tab counts and the dashboard (fbdesk.db.tallies) stay equal to a plain count of the feedback
through every kind of change: an import, a buyer's modification or removal found by an import, status changes and
assignments one by one and in bulk, Amazon's removal decisions, and a deletion."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text
from test_migrations import new_database, version_1_desk  # noqa: F401  (a fixture, and a desk from before)

from fbdesk.desk import UNASSIGNED, FeedbackQuery, open_desk

from support import BACKENDS, NOW, write_report

TODAY = NOW.date()
# The tallies' keys: as the feedback table has them, and as the tally stores them.
STATUS_KEY = [("case_status",) * 2, ("marketplace",) * 2, ("channel",) * 2, ("rating",) * 2]
STATUS_KEY += [("coalesce(assignee, '')", "assignee")]
DAY_KEY = [("feedback_date",) * 2, ("rating",) * 2, ("feedback_state",) * 2]


def figures(desk, table: str, key: list[tuple[str, str]]) -> tuple[dict, dict]:
    """The tally's figures (with the rows beyond its mark) and a plain count of the feedback, by the tally's key."""
    names = ", ".join(f"k{n}" for n in range(len(key)))
    counted_key = ", ".join(f"{counted} AS k{n}" for n, (counted, _) in enumerate(key))
    tally_key = ", ".join(f"{tallied} AS k{n}" for n, (_, tallied) in enumerate(key))
    with desk.engine.connect() as conn:
        tallied = conn.execute(
            text(
                f"SELECT {names}, sum(n) FROM (SELECT {tally_key}, n FROM {table} UNION ALL "
                f"SELECT {counted_key}, 1 AS n FROM feedback WHERE id > (SELECT counted_through FROM tally_mark)) AS t "
                f"GROUP BY {names}"
            )
        ).all()
        counted = conn.execute(text(f"SELECT {counted_key}, count(*) FROM feedback GROUP BY {names}")).all()
    return {tuple(row[:-1]): row[-1] for row in tallied if row[-1]}, {tuple(row[:-1]): row[-1] for row in counted}


def assert_tallies_count(desk) -> None:
    for table, key in (("feedback_tally", STATUS_KEY), ("feedback_day_tally", DAY_KEY)):
        tallied, counted = figures(desk, table, key)
        assert tallied == counted, table
    # What the inbox and the dashboard show, against counts the slow way.
    for query in (
        FeedbackQuery(),
        FeedbackQuery(ratings=(1, 2)),
        FeedbackQuery(marketplaces=("UK",), channels=("fba",)),
        FeedbackQuery(assignee=UNASSIGNED),
        FeedbackQuery(assignee="sam", ratings=(1,)),
    ):
        assert desk.counts_are_quick(query)
        slow = desk.count_by_status(query.but(date_from=TODAY - timedelta(days=10_000)))
        assert desk.count_by_status(query) == slow
    stats = desk.stats()
    with desk.engine.connect() as conn:
        by_rating = dict(conn.execute(text("SELECT rating, count(*) FROM feedback GROUP BY rating")).all())
        lifetime = conn.execute(
            text("SELECT count(*) FROM feedback WHERE rating >= 4 AND feedback_state IN ('live', 'modified')")
        ).scalar()
    assert stats.by_rating == {r: by_rating.get(r, 0) for r in range(1, 6)}
    assert next(f for f in stats.figures if f.days is None).positive == lifetime
    assert sum(stats.by_status.values()) == stats.total == sum(by_rating.values())


def mark(desk) -> tuple[int, int]:
    with desk.engine.connect() as conn:
        return conn.execute(
            text("SELECT (SELECT counted_through FROM tally_mark), (SELECT max(id) FROM feedback)")
        ).one()


def report(path, rows):
    return write_report(
        path,
        [
            [f"{TODAY - timedelta(days=age):%-m/%-d/%y}", str(stars), comment, "", order, ""]
            for age, stars, comment, order in rows
        ],
    )


@pytest.fixture
def worked(desk, tmp_path):
    report(tmp_path / "a.tsv", [(i % 40, i % 5 + 1, f"comment {i}", f"111-{i:07d}-0000001") for i in range(60)])
    desk.import_reports([tmp_path / "a.tsv"], channel="fba")
    return desk


def test_an_import_folds_its_rows_into_the_tallies(worked, tmp_path):
    assert mark(worked)[0] == mark(worked)[1]  # nothing left to count from the feedback table
    assert_tallies_count(worked)
    write_report(
        tmp_path / "uk.tsv",
        [
            [f"{TODAY - timedelta(days=i):%-d/%-m/%y}", "1", "Parcel damaged", "", f"202-{i:07d}-0000002", ""]
            for i in range(5)
        ],
    )
    worked.import_reports([tmp_path / "uk.tsv"], marketplace="UK", channel="seller")
    assert mark(worked)[0] == mark(worked)[1]
    assert_tallies_count(worked)


def test_buyer_modifications_and_removals_move_the_figures(worked, tmp_path):
    # Three buyers change their feedback (a closed 5-star case turns 1-star and reopens), the report is complete,
    # so the ones missing from it within its dates were removed by their buyers.
    changed = [(0, 1, "changed my mind", "111-0000004-0000001"), (0, 5, "all good now", "111-0000000-0000001")]
    kept = [(i % 40, i % 5 + 1, f"comment {i}", f"111-{i:07d}-0000001") for i in range(5, 40)]
    report(tmp_path / "b.tsv", changed + kept + [(1, 3, "late one", "111-0000099-0000001")])
    summary = worked.import_reports([tmp_path / "b.tsv"], channel="fba", complete=True)
    assert summary.modified == 2 and summary.removed > 0 and summary.added == 1
    assert_tallies_count(worked)


def test_status_changes_and_assignments_one_by_one_and_in_bulk(worked, clock):
    rows = worked.list_feedback(FeedbackQuery(statuses=("new",)), limit=100)
    first, *rest = [fb.id for fb in rows]
    worked.set_status(first, "in_progress")
    worked.assign(first, "sam")
    assert_tallies_count(worked)
    worked.set_status_many(rest[:10], "resolved")
    worked.assign_many(rest[:20], "priya")
    worked.assign_many(rest[:5], None)
    assert_tallies_count(worked)
    worked.set_status_many(rest[:10], "closed")
    worked.set_status_many(rest[:3], "in_progress")
    assert_tallies_count(worked)
    clock.now = NOW + timedelta(days=2)
    worked.send_message(rest[15], "We are sorry about the delay; a replacement is on its way.")
    assert worked.stats().overdue == worked.count_feedback(FeedbackQuery(due="overdue"))
    assert_tallies_count(worked)


def test_amazon_removing_feedback_moves_it_out_of_the_rating(desk, tmp_path):
    report(tmp_path / "c.tsv", [(1, 1, "You are a fucking idiot", "111-0000001-0000009"), (2, 5, "great", "111-2")])
    desk.import_reports([tmp_path / "c.tsv"])
    fid = desk.find_order("111-0000001-0000009").id
    request = desk.request_removal(fid, "obscene")
    desk.record_removal_outcome(request.id, "removed")
    assert_tallies_count(desk)
    assert next(f for f in desk.stats().figures if f.days is None).negative == 0


def test_deleting_feedback_takes_it_out_of_the_tallies(worked):
    fid = worked.find_order("111-0000003-0000001").id
    with worked.engine.begin() as conn:
        conn.execute(text("DELETE FROM feedback WHERE id = :id"), {"id": fid})
    assert_tallies_count(worked)


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_revision_counts_the_feedback_already_in_a_desk(new_database, backend):  # noqa: F811
    desk = open_desk(version_1_desk(new_database, backend), agent="alex")
    assert mark(desk)[0] == mark(desk)[1]
    assert_tallies_count(desk)
    desk.close()
