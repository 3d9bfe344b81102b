"""An import never reverts newer knowledge: a report older for a feedback (an earlier feedback date, a report ending
earlier, or a file imported before) changes nothing for it and says so."""

from __future__ import annotations

import pytest

from fbdesk.cli import main
from fbdesk.desk import RuleRefusal

from support import snapshot, write_report

ORDER = "111-0000001-0000001"


def reports(tmp_path):
    """What a buyer did over a week, as three downloads: the 1-star feedback, then the same feedback revised to
    4 stars on a later day, each file covering the days up to its download."""
    first = write_report(
        tmp_path / "week1.tsv",
        [["11/2/26", "1", "Broken lid", "", ORDER, ""], ["11/3/26", "5", "Great", "", "111-0000002-0000002", ""]],
    )
    revised = write_report(
        tmp_path / "week2.tsv",
        [["11/3/26", "5", "Great", "", "111-0000002-0000002", ""], ["11/9/26", "4", "Replaced quickly", "", ORDER, ""]],
    )
    return first, revised


def test_reimporting_an_older_report_reverts_nothing_and_says_so(desk, tmp_path, capsys):
    first, revised = reports(tmp_path)
    desk.import_reports([first])
    desk.submit_response(desk.find_order(ORDER).id, "Sorry; a replacement is on its way.")
    desk.delete_response(desk.find_order(ORDER).id)
    assert desk.import_reports([revised]).modified == 1
    fb = desk.find_order(ORDER)
    assert (fb.rating, fb.revision) == (4, 2)
    desk.submit_response(fb.id, "Thank you for your updated feedback.")  # the modification lifted the lock
    desk.delete_response(fb.id)
    before = snapshot(desk)

    again = desk.import_reports([first])
    assert (again.modified, again.older, again.unchanged) == (0, 1, 1)
    assert snapshot(desk)["feedback"] == before["feedback"]
    assert [e.action for e in desk.audit_trail(fb.id)].count("buyer-modified-feedback") == 1
    with pytest.raises(RuleRefusal, match="no second response"):
        desk.submit_response(fb.id, "A second try")


def test_an_older_report_never_imported_before_is_older_too(desk, tmp_path):
    first, revised = reports(tmp_path)
    desk.import_reports([revised])
    summary = desk.import_reports([first])  # downloaded first, imported last
    assert (summary.older, summary.modified) == (1, 0)
    assert desk.find_order(ORDER).rating == 4


def test_the_same_date_in_a_report_reaching_later_is_a_modification(desk, tmp_path):
    write_report(tmp_path / "a.tsv", [["11/2/26", "1", "Broken lid", "", ORDER, ""]])
    write_report(
        tmp_path / "b.tsv",
        [
            ["11/2/26", "3", "Broken lid, refunded", "", ORDER, ""],
            ["11/6/26", "2", "Late", "", "111-0000003-0000003", ""],
        ],
    )
    desk.import_reports([tmp_path / "a.tsv"])
    assert desk.import_reports([tmp_path / "b.tsv"]).modified == 1
    assert desk.import_reports([tmp_path / "a.tsv"]).older == 1
    assert desk.find_order(ORDER).rating == 3


def test_a_complete_older_report_removes_nothing_it_could_not_know(desk, tmp_path):
    write_report(
        tmp_path / "late.tsv",
        [["11/8/26", "2", "Slow", "", "111-0000004-0000004", ""], ["11/9/26", "4", "Replaced quickly", "", ORDER, ""]],
    )
    desk.import_reports([tmp_path / "late.tsv"])
    write_report(
        tmp_path / "early.tsv",
        [
            ["11/7/26", "5", "Fine", "", "111-0000005-0000005", ""],
            ["11/8/26", "5", "Good", "", "111-0000006-0000006", ""],
        ],
    )
    summary = desk.import_reports([tmp_path / "early.tsv"], complete=True)  # covers 11/7-11/8, ends before late.tsv
    assert summary.removed == 0
    assert desk.find_order("111-0000004-0000004").feedback_state == "live"


def test_the_cli_says_which_rows_were_older(tmp_path, capsys):
    first, revised = reports(tmp_path)
    db = str(tmp_path / "desk.db")
    for report in (revised, first):
        assert main(["import", str(report), "--db", db]) == 0
    assert "1 row(s) differ from what the desk knows but come from a report older for them" in capsys.readouterr().out
