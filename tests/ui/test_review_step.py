"""The review step shows the Desk's verdict on the text and has no rule of its own; it follows the Desk when the
Desk refuses with another verdict (the case changed while the agent was reviewing)."""

from __future__ import annotations

import dataclasses

from fbdesk.desk import AcknowledgementNeeded, MessageBlocked, Verdict
from fbdesk.domain.policy import APPROVED_REMOVAL_NOTICE

from ui_support import SIZE, find_case, make_app, run

WARNING_TEXT = "We are SO sorry!!! A replacement ships today."
CLEAN = Verdict(blocking=[], to_acknowledge=[])


def review_screen(text: str, verdict: Verdict, submit):
    from fbdesk.ui.screens.review import ReviewScreen

    return ReviewScreen(title="Review the message", text=text, verdict=verdict, submit=submit)


def test_what_needs_a_reason_is_the_verdict_given(demo_desk):
    """A verdict that asks a reason for an info finding gets a reason field: the screen judges nothing itself."""
    fid = find_case(demo_desk, status="new")
    warnings = [f for f in demo_desk.checker(fid, "message").findings(WARNING_TEXT) if f.severity == "warning"]
    info = [dataclasses.replace(warnings[0], severity="info")]
    sent = []

    async def flow():
        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            await app.push_screen(review_screen(WARNING_TEXT, Verdict(blocking=[], to_acknowledge=info), sent.append))
            await pilot.pause()
            assert app.screen.query_one("#send").disabled
            await pilot.press(*"checked", "enter")
            await pilot.pause()
        assert sent == ["checked"]

    run(flow)


def test_a_reason_the_desk_asks_for_can_be_given(demo_desk):
    """The review showed no warning, but the Desk now finds one and refuses without a reason: the reason field
    appears with the Desk's findings, the text stays, and the message goes once a reason is typed."""
    fid = find_case(demo_desk, status="new")
    desk_findings = demo_desk.checker(fid, "message").findings(WARNING_TEXT)
    sent = []

    def submit(acknowledgement):
        if not acknowledgement:
            raise AcknowledgementNeeded("This message has warnings; acknowledge them with a reason.", desk_findings)
        sent.append(acknowledgement)

    async def flow():
        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            await app.push_screen(review_screen(WARNING_TEXT, CLEAN, submit))
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
            screen = app.screen
            assert type(screen).__name__ == "ReviewScreen"
            assert "unprofessional-tone" in str(screen.query_one("#review-warnings").render())
            assert WARNING_TEXT in str(screen.query_one("#review-text Static").render())
            assert screen.focused is screen.query_one("#reason")
            await pilot.press(*"buyer asked for it", "enter")
            await pilot.pause()
            assert type(app.screen).__name__ != "ReviewScreen"
        assert sent == ["buyer asked for it"]

    run(flow)


def test_errors_the_desk_finds_block_sending(demo_desk):
    fid = find_case(demo_desk, status="new")
    text = "We will send you a $20 gift card if you remove the feedback."
    desk_findings = demo_desk.checker(fid, "message").findings(text)

    def submit(acknowledgement):
        raise MessageBlocked("This message cannot be sent.", desk_findings)

    async def flow():
        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            await app.push_screen(review_screen(text, CLEAN, submit))
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen.query_one("#send").disabled
            assert "cannot be sent" in str(app.screen.query_one("#review-errors").render())

    run(flow)


def test_the_review_judges_the_case_as_it_is_when_sending(demo_desk):
    """The composer's live findings use the case as it was when the composer opened; the review step asks the Desk
    again. A removal notice typed while the case was open is blocked live, and allowed once the case is resolved."""
    from fbdesk.desk import FeedbackQuery
    from fbdesk.ui.screens.composer import ComposerScreen

    # A US case: the English notice is in the buyer's language, so nothing but the case's state can hold it.
    query = FeedbackQuery(statuses=("in_progress",), marketplaces=("US",), ratings=(1, 2, 3), sort="date")
    fid = demo_desk.list_feedback(query, limit=1)[0].id

    async def flow():
        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            await app.push_screen(ComposerScreen(fid))
            await pilot.pause()
            app.screen.editor.insert(APPROVED_REMOVAL_NOTICE)
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause(0.05)
            assert any(f.severity == "error" for f in app.screen.findings)
            demo_desk.set_status(fid, "resolved")  # another agent resolves the case meanwhile
            await pilot.press("ctrl+s")
            await pilot.pause()
            review = app.screen
            assert type(review).__name__ == "ReviewScreen"
            assert review.verdict == demo_desk.check(fid, "message", APPROVED_REMOVAL_NOTICE)
            assert not review.verdict.blocked
            # The change is news to the agent who wrote against the open case: re-read, confirmed, then sent.
            assert "Status changed to Resolved by alex" in str(review.query_one("#review-changes Static").render())
            await pilot.press("ctrl+r", "ctrl+s")
            await pilot.pause()
        assert [m.is_removal_notice for m in demo_desk.get_case(fid).messages][-1]

    run(flow)
