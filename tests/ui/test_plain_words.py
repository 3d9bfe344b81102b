"""What the screens say in words: the audit trail in sentences, Amazon's decisions named as such, and the demo
saying that its data is temporary."""

from __future__ import annotations

from fbdesk.domain.policy import APPROVED_REMOVAL_NOTICE

from support import FIXTURES
from ui_support import run

FIXTURES_REPORT = FIXTURES / "reports" / "sample_us_feedback.tsv"

REPORT_HEADER = "Date\tRating\tComments\tResponse\tOrder ID\tRater Email\n"


def test_the_case_view_shows_the_audit_trail_in_sentences(empty_desk):
    from fbdesk.ui.screens.case import audit_section

    empty_desk.import_reports([FIXTURES_REPORT])
    fb = empty_desk.find_order("111-2034871-5512093")
    empty_desk.assign(fb.id, "priya")
    empty_desk.set_status(fb.id, "resolved")
    empty_desk.send_message(fb.id, APPROVED_REMOVAL_NOTICE)
    shown = audit_section(empty_desk.get_case(fb.id)).plain
    assert "20 Nov 2026 12:00  alex assigned the case to priya" in shown
    assert "alex changed the status from New to Resolved" in shown
    assert "alex sent a removal notice to the buyer" in shown
    assert "=" not in shown and "removal_notice" not in shown


def test_amazon_removing_the_feedback_is_named_with_a_capital(empty_desk, tmp_path):
    from fbdesk.ui.screens.case import removal_section

    report = tmp_path / "r.tsv"
    report.write_text(REPORT_HEADER + "11/10/26\t1\tWhat a load of crap, seller.\t\t111-0000000-0000001\t\n")
    empty_desk.import_reports([report])
    fb = empty_desk.find_order("111-0000000-0000001")
    request = empty_desk.request_removal(fb.id, empty_desk.removal_grounds(fb)[0].ground)
    empty_desk.record_removal_outcome(request.id, "removed")
    case = empty_desk.get_case(fb.id)
    assert "Removed by Amazon" in removal_section(case).plain
    assert case.response_lock == "This feedback was removed by Amazon; there is nothing left to respond to."


def test_the_demo_says_on_start_that_its_data_is_temporary(empty_desk):
    from fbdesk.cli import DEMO_NOTICE
    from fbdesk.ui.app import build_app

    async def scenario() -> None:
        app = build_app(empty_desk, cursor_blink=False, notice=DEMO_NOTICE)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert [n.message for n in app._notifications] == [DEMO_NOTICE]
            assert "temporary database that is deleted when you quit" in DEMO_NOTICE

    run(scenario)
