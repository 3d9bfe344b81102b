"""The review step judges findings with the policy's verdict, and follows the Desk when the Desk judges
differently (the case changed while the agent was reviewing)."""

from __future__ import annotations

import dataclasses

from fbdesk.domain.policy import Verdict, lint
from ui_support import SIZE, find_case, make_app, run

WARNING_TEXT = "We are SO sorry!!! A replacement ships today."


def review_screen(text: str, findings: list, submit):
    from fbdesk.ui.screens.review import ReviewScreen

    return ReviewScreen(title="Review the message", text=text, findings=findings, submit=submit)


def test_what_needs_a_reason_is_the_policy_verdict(demo_desk, monkeypatch):
    """A verdict that asks a reason for an info finding gets a reason field: the screen has no rule of its own."""
    from fbdesk.ui.screens import review

    fid = find_case(demo_desk, status="new")
    findings = [f for f in lint(WARNING_TEXT, demo_desk.lint_context(fid, "message")) if f.severity == "warning"]
    info = [dataclasses.replace(findings[0], severity="info")]
    monkeypatch.setattr(review, "verdict", lambda found: Verdict(blocking=[], to_acknowledge=list(found)))
    sent = []

    async def flow():
        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            await app.push_screen(review_screen(WARNING_TEXT, info, sent.append))
            await pilot.pause()
            assert app.screen.query_one("#send").disabled
            await pilot.press(*"checked", "enter")
            await pilot.pause()
        assert sent == ["checked"]

    run(flow)


def test_a_reason_the_desk_asks_for_can_be_given(demo_desk):
    """The review showed no warning, but the Desk now finds one and refuses without a reason: the reason field
    appears with the Desk's findings, the text stays, and the message goes once a reason is typed."""
    from fbdesk.desk.cases import AcknowledgementNeeded

    fid = find_case(demo_desk, status="new")
    desk_findings = lint(WARNING_TEXT, demo_desk.lint_context(fid, "message"))
    sent = []

    def submit(acknowledgement):
        if not acknowledgement:
            raise AcknowledgementNeeded("This message has warnings; acknowledge them with a reason.", desk_findings)
        sent.append(acknowledgement)

    async def flow():
        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            await app.push_screen(review_screen(WARNING_TEXT, [], submit))
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
    from fbdesk.desk.cases import MessageBlocked

    fid = find_case(demo_desk, status="new")
    text = "We will send you a $20 gift card if you remove the feedback."
    desk_findings = lint(text, demo_desk.lint_context(fid, "message"))

    def submit(acknowledgement):
        raise MessageBlocked("This message cannot be sent.", desk_findings)

    async def flow():
        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            await app.push_screen(review_screen(text, [], submit))
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen.query_one("#send").disabled
            assert "cannot be sent" in str(app.screen.query_one("#review-errors").render())

    run(flow)
