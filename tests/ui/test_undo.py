"""Undo for status and assignee changes, driven by Textual's pilot: the notification offers ctrl+z for 10 seconds,
the key puts back what the change replaced (in the inbox, one case or many, and in the case view), and says so
when it is too late or something changed the values since."""

from __future__ import annotations

import json

from test_flow import choose

from fbdesk.desk import FeedbackQuery
from fbdesk.ui import undo

from ui_support import SIZE, find_case, make_app, run


def said(app) -> list[str]:
    return [n.message for n in app._notifications]


async def go_to_row(pilot, feedback_id: int) -> None:
    from textual.widgets.data_table import RowDoesNotExist

    table = pilot.app.screen.query_one("#feedback")
    while True:
        try:
            row = table.get_row_index(str(feedback_id))
        except RowDoesNotExist:
            if table.cursor_row == table.row_count - 1:
                raise AssertionError(f"feedback {feedback_id} is not in the inbox") from None
            table.move_cursor(row=table.row_count - 1)  # the table loads more rows as the cursor nears its end
            await pilot.pause()
        else:
            table.move_cursor(row=row)
            await pilot.pause()
            assert table.current_id == feedback_id
            return


def undo_events(desk, feedback_id: int) -> list[dict]:
    return [json.loads(e.details) for e in desk.audit_trail(feedback_id) if e.action == "undo"]


def test_ctrl_z_undoes_a_bulk_status_change_in_the_inbox(demo_desk):
    new = [fb.id for fb in demo_desk.list_feedback(FeedbackQuery(statuses=("new",), sort="date"), limit=2)]

    async def flow():
        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("1")  # the Open tab, newest first
            for fid in new:
                await go_to_row(pilot, fid)
                await pilot.press("space")
            await pilot.press("c")
            await pilot.pause()
            await choose(pilot, "Closed")
            assert [demo_desk.get_feedback(i).case_status for i in new] == ["closed", "closed"]
            assert said(app)[-1] == "2 cases now closed.   ctrl+z Undo"
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert [demo_desk.get_feedback(i).case_status for i in new] == ["new", "new"]
            assert said(app)[-1] == "Undone: 2 cases back to new."
            table = app.screen.query_one("#feedback")
            assert set(new) <= {int(key.value) for key in table.rows}  # back in the Open tab's rows

    run(flow)
    assert [undo_events(demo_desk, i) for i in new] == [[{"change": "status", "old": "closed", "new": "new"}]] * 2


def test_ctrl_z_undoes_an_assignment_in_the_case_view(demo_desk):
    fid = find_case(demo_desk, status="new", assigned=False)

    async def flow():
        from fbdesk.ui.screens.case import CaseScreen

        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            await app.push_screen(CaseScreen(fid))
            await pilot.pause()
            await pilot.press("a")
            await pilot.pause()
            assert demo_desk.get_feedback(fid).assignee == "alex"
            assert said(app)[-1] == "Assigned to alex.   ctrl+z Undo"
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert demo_desk.get_feedback(fid).assignee is None
            assert said(app)[-1] == "Undone: the case unassigned again."
            assert "undid the assignment" in str(app.screen.query_one("#section-audit").render())

    run(flow)


def test_the_undo_offered_in_the_case_view_works_back_in_the_inbox(demo_desk):
    fid = find_case(demo_desk, status="new")

    async def flow():
        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            await go_to_row(pilot, fid)
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("s")
            await pilot.pause()
            await choose(pilot, "In progress")
            await pilot.press("escape")
            await pilot.pause()
            assert type(app.screen).__name__ == "InboxScreen"
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert demo_desk.get_feedback(fid).case_status == "new"

    run(flow)


def test_after_the_offer_ends_ctrl_z_says_so_and_changes_nothing(demo_desk, monkeypatch):
    monkeypatch.setattr(undo, "UNDO_SECONDS", 0.2)
    fid = find_case(demo_desk, status="new")

    async def flow():
        from fbdesk.ui.screens.case import CaseScreen

        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            await app.push_screen(CaseScreen(fid))
            await pilot.pause()
            await pilot.press("s")
            await pilot.pause()
            await choose(pilot, "Resolved")
            await pilot.pause(0.3)
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert demo_desk.get_feedback(fid).case_status == "resolved"
            assert said(app)[-1].startswith("Nothing to undo")

    run(flow)


def test_ctrl_z_refuses_when_someone_changed_the_case_since(demo_desk):
    fid = find_case(demo_desk, status="new", assigned=False)

    async def flow():
        from fbdesk.ui.screens.case import CaseScreen

        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            await app.push_screen(CaseScreen(fid))
            await pilot.pause()
            await pilot.press("a")
            await pilot.pause()
            demo_desk.agent = "sam"  # another agent, through the same store
            demo_desk.assign(fid, "sam")
            demo_desk.agent = "alex"
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert demo_desk.get_feedback(fid).assignee == "sam"
            assert said(app)[-1].startswith("Not undone: the assignee of order")
            assert "changed again since by sam" in said(app)[-1]

    run(flow)
