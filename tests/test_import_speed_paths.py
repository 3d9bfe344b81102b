"""The import's quick paths give what the slow ones gave: the tallies take the counts the import made while reading
(less the orders the desk already knew), and fall back to counting the feedback table when rows beyond the tallies'
mark came from elsewhere; the Feedback Manager's three answers are staged only for that layout, and kept."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import insert, select, text
from test_inbox_tallies import TODAY, assert_tallies_count, mark, report

from fbdesk.db.models import Feedback

from support import write_report


def test_a_report_of_known_and_new_orders_in_two_files_counts_only_the_new_ones(desk, tmp_path):
    report(tmp_path / "a.tsv", [(i % 30, i % 5 + 1, f"comment {i}", f"111-{i:07d}-0000001") for i in range(40)])
    desk.import_reports([tmp_path / "a.tsv"], channel="fba")
    # Known orders, unchanged and modified (a new rating and date), beside new ones of the same ratings and dates.
    known = [(i % 30, i % 5 + 1, f"comment {i}", f"111-{i:07d}-0000001") for i in range(10, 20)]
    known += [(0, 1, "changed my mind", "111-0000004-0000001")]
    new = [(i % 30, i % 5 + 1, f"another {i}", f"112-{i:07d}-0000001") for i in range(25)]
    report(tmp_path / "b.tsv", known + new)
    report(tmp_path / "c.tsv", [(3, 2, "second file", "113-0000001-0000001"), (4, 4, "fine", "113-0000002-0000001")])
    summary = desk.import_reports([tmp_path / "b.tsv", tmp_path / "c.tsv"], channel="fba")
    assert (summary.added, summary.modified, summary.unchanged) == (27, 1, 10)
    assert mark(desk)[0] == mark(desk)[1] == 67  # the import's counts taken, nothing left beyond the mark
    assert_tallies_count(desk)


def test_feedback_another_writer_left_beyond_the_mark_is_counted_too(desk, tmp_path):
    report(tmp_path / "a.tsv", [(i % 9, i % 5 + 1, f"comment {i}", f"111-{i:07d}-0000001") for i in range(12)])
    desk.import_reports([tmp_path / "a.tsv"])
    feedback = Feedback.__table__  # type: ignore[attr-defined]
    with desk.engine.begin() as conn:  # a row written straight into the table, as a restore of old data might
        row = conn.execute(select(feedback).where(feedback.c.id == 1)).mappings().one()
        conn.execute(insert(feedback).values({**row, "id": 13, "order_id": "999-0000000-0000001", "rating": 1}))
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT setval(pg_get_serial_sequence('feedback', 'id'), 13)"))
    report(tmp_path / "b.tsv", [(1, 2, "new", "111-0000099-0000001"), (2, 1, "older", "111-0000001-0000001")])
    assert desk.import_reports([tmp_path / "b.tsv"]).added == 1
    assert mark(desk)[0] == mark(desk)[1] == 14
    assert_tallies_count(desk)


def test_the_feedback_managers_answers_are_kept(desk, tmp_path):
    header = ["Date", "Rating", "Comments", "Your Response", "Arrived on Time", "Item as Described"]
    header += ["Customer Service", "Order ID", "Rater Email", "Rater Role"]
    day = f"{TODAY - timedelta(days=1):%-m/%-d/%y}"
    write_report(
        tmp_path / "fm.tsv",
        [
            [day, "2", "late and scratched", "", "No", "No", "Yes", "111-0000001-0000003", "a@b.example", "Buyer"],
            [day, "5", "great", "Thanks!", "Yes", "", "Yes", "111-0000002-0000003", "c@d.example", "Buyer"],
        ],
        header,
    )
    desk.import_reports([tmp_path / "fm.tsv"])
    first, second = desk.find_order("111-0000001-0000003"), desk.find_order("111-0000002-0000003")
    assert (first.arrived_on_time, first.item_as_described, first.customer_service) == (False, False, True)
    assert (second.arrived_on_time, second.item_as_described, second.customer_service) == (True, None, True)
    # A flat file has no answers: none are made up.
    report(tmp_path / "flat.tsv", [(1, 3, "fine", "111-0000003-0000003")])
    desk.import_reports([tmp_path / "flat.tsv"])
    third = desk.find_order("111-0000003-0000003")
    assert (third.arrived_on_time, third.item_as_described, third.customer_service) == (None, None, None)
    assert_tallies_count(desk)
