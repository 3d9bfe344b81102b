"""Wording about the rules comes from the domain, so that the screens say what the rules do."""

from __future__ import annotations

from datetime import timedelta

from fbdesk.domain.lifecycle import DUE_SOON, RESPONSE_STATE_LABELS
from fbdesk.ui import formatting as fmt

REPORT_HEADER = "Date\tRating\tComments\tResponse\tOrder ID\tRater Email\n"


def test_durations_in_words():
    assert fmt.duration(timedelta(hours=4)) == "4 hours"
    assert fmt.duration(timedelta(hours=1)) == "1 hour"
    assert fmt.duration(timedelta(minutes=90)) == "90 minutes"


def test_the_due_soon_filter_names_the_lifecycle_window():
    from fbdesk.ui.screens.filters import DUE

    assert fmt.duration(DUE_SOON) in DUE["due-soon"]


def test_a_response_removed_by_the_buyers_change_is_named_by_the_lifecycle(empty_desk, tmp_path):
    from fbdesk.ui.screens.case import response_section

    def import_row(rating: int, comment: str) -> None:
        report = tmp_path / f"report{rating}.tsv"
        report.write_text(REPORT_HEADER + f"11/10/26\t{rating}\t{comment}\t\t111-0000000-0000001\tb@example.com\n")
        empty_desk.import_reports([report], marketplace="US", channel="fba")

    import_row(1, "Broken kettle")
    fid = empty_desk.list_feedback(limit=1)[0].id
    empty_desk.submit_response(fid, "We are sorry about this order and sent a replacement.")
    import_row(2, "Broken kettle, but they replaced it")  # the buyer changes the feedback

    shown = response_section(empty_desk.get_case(fid)).plain
    assert RESPONSE_STATE_LABELS["removed"] in shown
    assert "The buyer changed the feedback" not in shown  # no second account of the same state
    assert "may be submitted" in shown
