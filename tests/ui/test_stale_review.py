"""The review step when the case changed since the agent began writing (issue 12): another agent, at a desk of its
own on the same database, writes to the buyer, the buyer replies, the feedback is revised, the case is reassigned.
The review step shows each change with the text to re-read, refuses to send until the agent confirms having re-read
them, keeps the draft throughout, and then sends with the case as it is now."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from fbdesk.desk import FeedbackQuery, open_desk
from fbdesk.domain.reports import format_report_date

from support import write_report
from ui_support import SIZE, buyer_mail, clock, compose, find_case, make_app, run, settle

TEXT = "Hello, we are sorry the item arrived damaged. A replacement ships today."
RESPONSE = "We are sorry the item arrived damaged; a replacement is on its way."


@pytest.fixture
def colleague(demo_desk):
    """priya, at her own desk on the same database file."""
    desk = open_desk(f"sqlite:///{demo_desk.engine.url.database}", agent="priya", clock=clock)
    yield desk
    desk.close()


def shown(screen, selector: str) -> str:
    return str(screen.query_one(selector).render())


def test_changes_are_shown_and_sending_waits_for_the_reread(demo_desk, colleague):
    fid = find_case(demo_desk, status="new")
    fb = demo_desk.get_feedback(fid)

    async def flow():

        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            await compose(pilot, fid, TEXT)
            # Meanwhile: priya writes to the buyer, and the buyer answers.
            colleague.send_message(fid, "Hi, priya here: a replacement is on its way.")
            colleague.receive_mail(
                buyer_mail(
                    fb.rater_email,
                    f"Re: Your order {fb.order_id}",
                    "Two replacements? I need only one.",
                    message_id="<stale-review-1@mail.example.com>",
                )
            )
            await pilot.press("ctrl+s")
            await pilot.pause()
            review = app.screen
            assert type(review).__name__ == "ReviewScreen"
            changes = shown(review, "#review-changes Static")
            assert "priya sent a message to the buyer at 12:00" in changes
            assert "Hi, priya here: a replacement is on its way." in changes  # the text to re-read, in view
            assert "The buyer replied at 12:00" in changes and "Two replacements? I need only one." in changes
            assert "ctrl+r" in changes
            assert review.query_one("#send").disabled
            await pilot.press("ctrl+s")  # refused until confirmed
            await pilot.pause()
            assert app.screen is review and "confirm with ctrl+r" in shown(review, "#review-refusal")
            assert [m.agent for m in demo_desk.get_case(fid).messages] == ["priya"]
            # Back to the text: the draft is kept, and the next review still asks.
            await pilot.press("escape")
            await pilot.pause()
            assert type(app.screen).__name__ == "ComposerScreen"
            assert app.screen.editor.text == TEXT and demo_desk.load_draft(fid, "message") == TEXT
            await pilot.press("ctrl+s")
            await pilot.pause()
            review = app.screen
            assert "The buyer replied" in shown(review, "#review-changes Static")
            await pilot.press("ctrl+r")
            await pilot.pause()
            assert not review.query_one("#send").disabled
            assert "You re-read what changed" in shown(review, "#review-changes Static")
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert type(app.screen).__name__ != "ReviewScreen"
        case = demo_desk.get_case(fid)
        assert [(m.agent, m.body) for m in case.messages] == [
            ("priya", "Hi, priya here: a replacement is on its way."),
            ("alex", TEXT),
        ]
        sent = json.loads(next(e for e in reversed(case.audit) if e.action == "message-sent").details)
        assert sent["reread"][:2] == ["priya sent a message to the buyer at 12:00", "The buyer replied at 12:00"]
        assert demo_desk.load_draft(fid, "message") == ""  # sent: the Desk discarded the draft

    run(flow)


def test_a_change_while_reviewing_is_caught_by_the_desk_and_shown(demo_desk, colleague):
    fid = find_case(demo_desk, status="new")

    async def flow():

        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            await compose(pilot, fid, TEXT)
            await pilot.press("ctrl+s")
            await pilot.pause()
            review = app.screen
            assert not review.query("#review-changes")  # nothing changed yet
            colleague.assign(fid, "sam")  # while the agent reads the review step
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen is review
            assert "Assigned to sam by priya" in shown(review, "#review-changes Static")
            assert "changed while you were reviewing" in shown(review, "#review-refusal")
            assert review.query_one("#send").disabled and demo_desk.get_case(fid).messages == []
            assert TEXT in shown(review, "#review-text Static")
            await pilot.press("ctrl+r", "ctrl+s")
            await settle(pilot)
            assert type(app.screen).__name__ != "ReviewScreen"
        assert [m.body for m in demo_desk.get_case(fid).messages] == [TEXT]

    run(flow)


def test_the_response_editor_asks_for_a_reread_of_a_revised_feedback(demo_desk, colleague, tmp_path):
    query = FeedbackQuery(statuses=("new",), marketplaces=("US",), ratings=(2, 3), sort="date")
    fb = next(f for f in demo_desk.list_feedback(query, limit=100) if f.response_state == "none")

    async def flow():
        from fbdesk.ui.screens.response import ResponseScreen

        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            await app.push_screen(ResponseScreen(fb.id))
            await settle(pilot)
            app.screen.editor.insert(RESPONSE)
            await settle(pilot)
            # The buyer lowers the rating; priya imports the report that says so.
            day = format_report_date(fb.feedback_date + timedelta(days=1), "US")
            report = write_report(tmp_path / "v2.tsv", [[day, "1", "Damaged, and nobody answers", "", fb.order_id, ""]])
            assert colleague.import_reports([report], marketplace="US").modified == 1
            await pilot.press("ctrl+s")
            await pilot.pause()
            review = app.screen
            changes = shown(review, "#review-changes Static")
            assert f"The buyer changed the feedback: {fb.rating} stars → 1 star" in changes
            assert "Damaged, and nobody answers" in changes
            assert review.query_one("#send").disabled
            await pilot.press("ctrl+r")
            await pilot.pause()
            editor_screen = app.screen_stack[-2]
            assert "1★" in shown(editor_screen, "#editor-header")  # the editor now shows the feedback as it is
            await pilot.press("ctrl+s")
            await settle(pilot)
        case = demo_desk.get_case(fb.id)
        assert [(r.body, r.for_revision) for r in case.responses] == [(RESPONSE, 2)]

    run(flow)


def test_nothing_changed_means_no_question(demo_desk):
    fid = find_case(demo_desk, status="new")

    async def flow():

        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            await compose(pilot, fid, TEXT)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert not app.screen.query("#review-changes")
            assert not app.screen.query_one("#send").disabled
            await pilot.press("ctrl+s")
            await settle(pilot)
        assert [m.body for m in demo_desk.get_case(fid).messages] == [TEXT]

    run(flow)
