"""Importing Amazon's feedback reports: layouts, date formats, encodings, quoting, and refused files."""

from __future__ import annotations

from datetime import date

import pytest

from fbdesk.desk import FeedbackQuery
from fbdesk.domain.reports import ReportError, format_report_date, parse_report_date

from support import FIXTURES, snapshot, write_report

LEGACY_HEADER = [
    "Date",
    "Rating",
    "Comments",
    "Your Response",
    "Arrived On Time",
    "Item as Described",
    "Customer Service",
    "Order ID",
    "Rater Email",
    "Rater Role",
]


def test_flat_file_fixture_imports_every_row(desk):
    summary = desk.import_reports([FIXTURES / "reports" / "sample_us_feedback.tsv"])
    assert (summary.added, summary.modified, summary.unchanged, summary.removed) == (12, 0, 0, 0)
    fb = desk.find_order("111-9923140-1187263")
    assert (fb.rating, fb.comment, fb.feedback_date, fb.marketplace) == (
        3,
        "Product fine, packaging poor",
        date(2026, 10, 4),
        "US",
    )
    assert fb.rater_email == "buyer02x7k2m9@marketplace.amazon.com"
    # The Response column is a response already posted on Amazon.
    case = desk.get_case(fb.id)
    assert fb.response_state == "live"
    assert [(r.body, r.source) for r in case.responses] == [
        ("Thank you, we have improved our packaging.", "amazon-report")
    ]


def test_legacy_feedback_manager_fixture_keeps_the_three_answers(desk):
    summary = desk.import_reports([FIXTURES / "reports" / "sample_legacy_feedback_manager.tsv"])
    assert summary.added == 2
    fb = desk.find_order("111-4410293-8827162")
    assert (fb.arrived_on_time, fb.item_as_described, fb.customer_service) == (True, False, False)
    assert (fb.rating, fb.comment, fb.feedback_date) == (1, "Wrong item and no reply", date(2026, 9, 28))
    late = desk.find_order("111-6620193-1192837")
    assert (late.arrived_on_time, late.item_as_described, late.customer_service) == (False, True, True)


def test_columns_are_recognised_in_any_order(desk, tmp_path):
    header = ["Order ID", "Comments", "Rater Email", "Rating", "Response", "Date"]
    write_report(
        tmp_path / "r.tsv",
        [["111-0000001-0000001", "Box crushed", "x@marketplace.amazon.com", "2", "", "11/3/26"]],
        header,
    )
    desk.import_reports([tmp_path / "r.tsv"])
    fb = desk.find_order("111-0000001-0000001")
    assert (fb.rating, fb.comment, fb.feedback_date) == (2, "Box crushed", date(2026, 11, 3))


def test_legacy_columns_in_any_order(desk, tmp_path):
    header = list(reversed(LEGACY_HEADER))
    row = list(reversed(["1/2/26", "1", "Late", "", "No", "Yes", "No", "111-0000002-0000002", "a@b.c", "Buyer"]))
    write_report(tmp_path / "r.tsv", [row], header)
    desk.import_reports([tmp_path / "r.tsv"])
    fb = desk.find_order("111-0000002-0000002")
    assert (fb.arrived_on_time, fb.item_as_described, fb.customer_service) == (False, True, False)


@pytest.mark.parametrize(
    ("marketplace", "text", "expected"),
    [
        ("US", "10/2/26", date(2026, 10, 2)),
        ("UK", "2/10/26", date(2026, 10, 2)),
        ("FR", "02/10/26", date(2026, 10, 2)),
        ("IT", "2/10/26", date(2026, 10, 2)),
        ("ES", "2/10/26", date(2026, 10, 2)),
        ("CA", "2/10/26", date(2026, 10, 2)),
        ("AU", "2/10/26", date(2026, 10, 2)),
        ("IN", "2/10/26", date(2026, 10, 2)),
        ("DE", "2.10.26", date(2026, 10, 2)),
        ("JP", "26/10/2", date(2026, 10, 2)),
        ("SE", "2026-10-02", date(2026, 10, 2)),
    ],
)
def test_every_marketplace_date_format(desk, tmp_path, marketplace, text, expected):
    write_report(tmp_path / "r.tsv", [[text, "2", "Late", "", "111-0000003-0000003", ""]])
    desk.import_reports([tmp_path / "r.tsv"], marketplace=marketplace)
    fb = desk.find_order("111-0000003-0000003")
    assert (fb.feedback_date, fb.marketplace) == (expected, marketplace)


@pytest.mark.parametrize("marketplace", ["US", "UK", "DE", "JP", "SE"])
def test_report_dates_format_and_parse_back(marketplace):
    for day in (date(2026, 1, 31), date(2025, 12, 1), date(2030, 7, 4)):
        assert parse_report_date(format_report_date(day, marketplace), marketplace) == day


def test_a_us_date_read_as_uk_is_refused_when_impossible(desk, tmp_path):
    write_report(tmp_path / "r.tsv", [["10/25/26", "2", "Late", "", "111-0000004-0000004", ""]])
    with pytest.raises(ReportError) as error:
        desk.import_reports([tmp_path / "r.tsv"], marketplace="UK")
    assert error.value.line == 2
    assert "D/M/YY" in str(error.value)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_encodings_and_line_endings(desk, tmp_path, encoding, newline):
    comment = "Café crème was cold \u2013 “not as described”"  # an en dash, as buyers type it
    write_report(
        tmp_path / "r.tsv",
        [
            ["10/2/26", "1", comment, "", "111-0000005-0000005", ""],
            ["10/3/26", "2", "Zu spät geliefert", "", "111-0000006-0000006", ""],
        ],
        encoding=encoding,
        newline=newline,
    )
    summary = desk.import_reports([tmp_path / "r.tsv"])
    assert summary.added == 2
    assert desk.find_order("111-0000005-0000005").comment == comment
    assert desk.find_order("111-0000006-0000006").comment == "Zu spät geliefert"


def test_quoted_fields_hold_tabs_line_breaks_and_quotes(desk, tmp_path):
    comment = 'Two problems:\n1) the 5" screen\tcracked\r\n2) "new" it said'
    write_report(
        tmp_path / "r.tsv",
        [
            ["10/2/26", "1", comment, "", "111-0000007-0000007", ""],
            ["10/3/26", "2", "after the quoted one", "", "111-0000008-0000008", ""],
        ],
    )
    desk.import_reports([tmp_path / "r.tsv"])
    assert desk.find_order("111-0000007-0000007").comment == comment.strip()
    assert desk.find_order("111-0000008-0000008").comment == "after the quoted one"


def test_reimporting_the_same_file_changes_nothing(desk):
    report = FIXTURES / "reports" / "sample_us_feedback.tsv"
    desk.import_reports([report])
    before = snapshot(desk)
    summary = desk.import_reports([report])
    assert (summary.added, summary.modified, summary.unchanged, summary.removed) == (0, 0, 12, 0)
    after = snapshot(desk)
    # Only the import run itself is audited; no feedback, revision or response changed.
    assert {t: rows for t, rows in after.items() if t != "audit_event"} == {
        t: rows for t, rows in before.items() if t != "audit_event"
    }
    assert len(after["audit_event"]) == len(before["audit_event"]) + 1


def test_buyer_modification_keeps_the_old_text_and_removes_the_live_response(desk, tmp_path, clock):
    write_report(tmp_path / "v1.tsv", [["10/2/26", "1", "Broken on arrival", "", "111-0000009-0000009", ""]])
    desk.import_reports([tmp_path / "v1.tsv"])
    fb = desk.find_order("111-0000009-0000009")
    desk.submit_response(fb.id, "We are sorry; a replacement is on its way.")
    write_report(tmp_path / "v2.tsv", [["10/2/26", "3", "Replacement came quickly", "", "111-0000009-0000009", ""]])
    summary = desk.import_reports([tmp_path / "v2.tsv"])
    assert summary.modified == 1
    case = desk.get_case(fb.id)
    assert (case.feedback.rating, case.feedback.comment) == (3, "Replacement came quickly")
    assert case.feedback.feedback_state == "modified"
    assert [(r.revision, r.rating, r.comment, r.change) for r in case.revisions] == [
        (1, 1, "Broken on arrival", "modified")
    ]
    assert [r.state for r in case.responses] == ["removed"]
    assert case.feedback.response_state == "removed"
    # A new response may be submitted to the modified feedback.
    desk.submit_response(fb.id, "Thank you for updating your feedback.")
    assert desk.get_feedback(fb.id).response_state == "live"
    assert any(e.action == "buyer-modified-feedback" for e in case.audit)


def test_complete_report_marks_missing_feedback_as_removed_by_the_buyer(desk, tmp_path):
    rows = [
        ["10/2/26", "1", "Bad", "", "111-0000010-0000010", ""],
        ["10/5/26", "2", "Worse", "", "111-0000011-0000011", ""],
        ["10/9/26", "1", "Worst", "", "111-0000012-0000012", ""],
    ]
    write_report(tmp_path / "all.tsv", rows)
    desk.import_reports([tmp_path / "all.tsv"])
    write_report(tmp_path / "later.tsv", [rows[0], rows[2]])
    # Without --complete, absence proves nothing.
    assert desk.import_reports([tmp_path / "later.tsv"]).removed == 0
    summary = desk.import_reports([tmp_path / "later.tsv"], complete=True)
    assert (summary.removed, summary.unchanged) == (1, 2)
    gone = desk.get_case(desk.find_order("111-0000011-0000011").id)
    assert gone.feedback.feedback_state == "removed_by_buyer"
    assert [(r.comment, r.change) for r in gone.revisions] == [("Worse", "removed")]


def test_complete_report_leaves_feedback_outside_its_date_span(desk, tmp_path):
    write_report(tmp_path / "old.tsv", [["9/1/26", "1", "Old", "", "111-0000013-0000013", ""]])
    desk.import_reports([tmp_path / "old.tsv"])
    write_report(tmp_path / "oct.tsv", [["10/2/26", "1", "New", "", "111-0000014-0000014", ""]])
    assert desk.import_reports([tmp_path / "oct.tsv"], complete=True).removed == 0
    assert desk.find_order("111-0000013-0000013").feedback_state == "live"


def test_the_same_order_twice_in_one_file_is_an_error_naming_both_lines(desk, tmp_path):
    write_report(
        tmp_path / "r.tsv",
        [
            ["10/2/26", "1", "first", "", "111-0000015-0000015", ""],
            ["10/2/26", "4", "other", "", "111-0000016-0000016", ""],
            ["10/2/26", "2", "second", "", "111-0000015-0000015", ""],
        ],
    )
    with pytest.raises(ReportError, match="order 111-0000015-0000015 is on line 2 too") as refused:
        desk.import_reports([tmp_path / "r.tsv"])
    assert refused.value.line == 4
    assert desk.count_feedback() == 0


def test_positive_feedback_is_kept_for_the_rating_but_opens_no_case(desk, tmp_path):
    write_report(
        tmp_path / "r.tsv",
        [
            ["10/2/26", "5", "Great", "", "111-0000016-0000016", ""],
            ["10/2/26", "3", "ok", "", "111-0000017-0000017", ""],
        ],
    )
    desk.import_reports([tmp_path / "r.tsv"])
    assert desk.find_order("111-0000016-0000016").case_status == "closed"
    assert desk.find_order("111-0000017-0000017").case_status == "new"


BAD_FILES = {
    "rating out of range": ([["10/2/26", "6", "x", "", "111-1", ""]], 2, "rating '6'"),
    "rating not a number": ([["10/2/26", "one", "x", "", "111-1", ""]], 2, "rating 'one'"),
    "unreadable date": (
        [["10/2/26", "1", "x", "", "111-1", ""], ["yesterday", "1", "x", "", "111-2", ""]],
        3,
        "unreadable date 'yesterday'",
    ),
    "impossible date": ([["2/30/26", "1", "x", "", "111-1", ""]], 2, "unreadable date '2/30/26'"),
    "short row": ([["10/2/26", "1", "x", "", "111-1", ""], ["10/2/26", "1", "x"]], 3, "has 3 fields"),
    "empty order id": ([["10/2/26", "1", "x", "", " ", ""]], 2, "Order ID is empty"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_row_refuses_the_whole_import_naming_file_and_line(desk, tmp_path, case):
    rows, line, problem = BAD_FILES[case]
    desk.import_reports([FIXTURES / "reports" / "sample_us_feedback.tsv"])
    before = snapshot(desk)
    path = write_report(tmp_path / "bad.tsv", rows)
    with pytest.raises(ReportError) as error:
        desk.import_reports([path])
    assert error.value.line == line
    assert problem in str(error.value)
    assert str(path) in str(error.value)
    assert snapshot(desk) == before


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty"),
        (b"\n\n  \n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text file"),
        (b"Date\tRating\tComments\n10/2/26\t1\tx\n", "missing columns: Response, Order ID, Rater Email"),
        (b"\x81\x8d\x8f\x90\x9d", "not a text file"),
    ],
)
def test_files_that_are_not_reports_are_refused(desk, tmp_path, content, problem):
    path = tmp_path / "bad.tsv"
    path.write_bytes(content)
    before = snapshot(desk)
    with pytest.raises(ReportError, match=problem):
        desk.import_reports([path])
    assert snapshot(desk) == before


def test_a_bad_second_file_rolls_back_the_first(desk, tmp_path):
    good = FIXTURES / "reports" / "sample_us_feedback.tsv"
    bad = write_report(tmp_path / "bad.tsv", [["10/2/26", "9", "x", "", "111-1", ""]])
    before = snapshot(desk)
    with pytest.raises(ReportError):
        desk.import_reports([good, bad])
    assert snapshot(desk) == before
    assert desk.count_feedback(FeedbackQuery()) == 0


def test_a_missing_file_is_a_clear_error(desk, tmp_path):
    with pytest.raises(ReportError, match="cannot read the file"):
        desk.import_reports([tmp_path / "nope.tsv"])


def test_progress_is_reported_while_reading_then_saving(desk):
    seen = []
    desk.import_reports(
        [FIXTURES / "reports" / "sample_us_feedback.tsv"],
        progress=lambda done, total, stage: seen.append((stage, done, total)),
    )
    stages = [stage for stage, _, _ in seen]
    assert stages[-2:] == ["saving", "done"]
    assert all(done <= total for _, done, total in seen)
    assert seen[-1][1] == seen[-1][2]


def test_feedback_turning_negative_reopens_a_closed_case_with_a_new_deadline(desk, tmp_path, clock):
    from datetime import timedelta

    write_report(tmp_path / "v1.tsv", [["10/2/26", "5", "Great seller", "", "111-0000020-0000020", ""]])
    desk.import_reports([tmp_path / "v1.tsv"])
    assert desk.find_order("111-0000020-0000020").case_status == "closed"
    clock.now += timedelta(days=3)
    write_report(
        tmp_path / "v2.tsv", [["10/2/26", "1", "Broke after a week, seller ignores me", "", "111-0000020-0000020", ""]]
    )
    desk.import_reports([tmp_path / "v2.tsv"])
    fb = desk.find_order("111-0000020-0000020")
    assert (fb.case_status, fb.first_response_due, fb.first_response_at) == (
        "new",
        clock.now + timedelta(hours=24),
        None,
    )
    assert desk.count_feedback(FeedbackQuery(statuses=("new",))) == 1


def test_reimporting_after_amazon_removed_the_feedback_changes_nothing(desk, tmp_path):
    write_report(tmp_path / "r.tsv", [["10/2/26", "1", "What a load of crap, seller.", "", "111-0000021-0000021", ""]])
    desk.import_reports([tmp_path / "r.tsv"])
    fb = desk.find_order("111-0000021-0000021")
    desk.record_removal_outcome(desk.request_removal(fb.id, "obscene").id, "removed")
    before = snapshot(desk)
    summary = desk.import_reports([tmp_path / "r.tsv"])
    assert (summary.modified, summary.unchanged) == (0, 1)
    after = snapshot(desk)
    assert {t: rows for t, rows in after.items() if t != "audit_event"} == {
        t: rows for t, rows in before.items() if t != "audit_event"
    }


def test_a_file_read_with_another_marketplace_than_before_is_refused(desk, tmp_path):
    path = write_report(tmp_path / "r.tsv", [["10/2/26", "1", "Late", "", "111-0000022-0000022", ""]])
    desk.import_reports([path])
    before = snapshot(desk)
    with pytest.raises(ReportError, match=r"is in the desk as a US order.*pass --marketplace US") as error:
        desk.import_reports([path], marketplace="UK")
    assert error.value.line == 2
    assert snapshot(desk) == before


def test_a_response_shown_for_the_modified_feedback_is_recorded(desk, tmp_path):
    write_report(tmp_path / "v1.tsv", [["10/2/26", "1", "Broken", "", "111-0000023-0000023", ""]])
    desk.import_reports([tmp_path / "v1.tsv"])
    fb = desk.find_order("111-0000023-0000023")
    desk.submit_response(fb.id, "We are sorry; a replacement is on its way.")
    write_report(tmp_path / "v2.tsv", [["10/2/26", "2", "Broken, replacement slow", "", "111-0000023-0000023", ""]])
    desk.import_reports([tmp_path / "v2.tsv"])
    assert desk.get_feedback(fb.id).response_state == "removed"
    # The next report shows a response posted on Amazon to the modified feedback.
    write_report(
        tmp_path / "v3.tsv",
        [["10/2/26", "2", "Broken, replacement slow", "Sorry, it ships today.", "111-0000023-0000023", ""]],
    )
    assert desk.import_reports([tmp_path / "v3.tsv"]).responses == 1
    case = desk.get_case(fb.id)
    assert case.feedback.response_state == "live"
    assert case.response_lock is not None  # no second response to the modified feedback


@pytest.mark.parametrize(
    ("order_id", "email", "comment", "problem"),
    [
        ("111-\x1b[2J\x1b]8;;http://e", "", "x", "is not an Amazon order number"),
        ("1" * 41, "", "x", "is not an Amazon order number"),
        ("111-1", "b\x1b[31m@marketplace.amazon.com", "x", "Rater Email"),
        ("111-1", "", "late\x00delivery", "NUL"),
    ],
)
def test_report_fields_a_terminal_or_database_would_choke_on_are_refused(
    desk, tmp_path, order_id, email, comment, problem
):
    filler = [
        ["10/2/26", "2", "A long enough comment to fill the first 8 KiB of the file.", "", f"111-{n}", ""]
        for n in range(200)
    ]  # so that the row is checked by the parser, not by the first look at the file
    path = write_report(tmp_path / "r.tsv", [*filler, ["10/2/26", "1", comment, "", order_id, email]])
    with pytest.raises(ReportError, match=problem) as error:
        desk.import_reports([path])
    assert error.value.line == 202
    assert "\x1b" not in str(error.value) and "\x00" not in str(error.value)


def test_an_import_that_doubles_the_desk_leaves_every_index_as_it_was_and_its_words_searchable(desk, tmp_path):
    """Such an import drops the feedback indexes while its rows go in and builds them again; a failed one rolls
    that back too. New feedback takes the ids after the last one, in the file's order."""
    from sqlalchemy import inspect

    def indexes():
        return sorted(
            (ix["name"], tuple(ix["column_names"]), ix["unique"]) for ix in inspect(desk.engine).get_indexes("feedback")
        )

    before = indexes()
    rows = [["10/2/26", "2", f"parcel number {n} arrived crushed", "", f"111-0000000-{n:07d}", ""] for n in range(30)]
    broken = write_report(tmp_path / "broken.tsv", [*rows, ["10/2/26", "2", "late", "", "111-0000000-0000000", ""]])
    with pytest.raises(ReportError, match="on line 2 too"):
        desk.import_reports([broken])
    assert indexes() == before
    desk.import_reports([write_report(tmp_path / "first.tsv", rows)])
    assert indexes() == before
    assert desk.count_feedback(FeedbackQuery(text="crushed")) == 30
    first_ids = [desk.find_order(f"111-0000000-{n:07d}").id for n in range(30)]
    assert first_ids == sorted(first_ids)
    desk.import_reports([write_report(tmp_path / "second.tsv", [["10/3/26", "1", "soggy box", "", "111-9", ""]])])
    assert desk.find_order("111-9").id > max(first_ids)
    assert desk.count_feedback(FeedbackQuery(text="soggy")) == 1
    assert indexes() == before
