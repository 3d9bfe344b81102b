"""A live desk in the helpdesk: another agent's change (a second helpdesk, its own Desk and engine, on the same desk
file) shows in the inbox and in the open case within a second, where the agent was (cursor, marks, scroll); who
else is at a case shows in its header, and this agent's presence reaches the others."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest

from fbdesk.desk import CaseStatus, FeedbackQuery, open_desk

from support import NOW, Clock, write_report
from ui_support import SIZE, clock, find_case, make_app, run

WITHIN = 1.0  # seconds


async def shown_within(pilot, condition, seconds: float = WITHIN) -> bool:
    """Whether `condition()` becomes true within `seconds` while the app runs."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        await pilot.pause(0.05)
    return condition()


def other_helpdesk(desk):
    """Sam's helpdesk on the same desk file."""
    return open_desk(str(desk.engine.url), agent="sam", clock=clock)


@pytest.fixture
def sam(demo_desk):
    """Sam at his own helpdesk on the demo desk, closed after the test."""
    other = other_helpdesk(demo_desk)
    yield other
    other.close()


def cell(table, fid: int, column: str) -> str:
    return str(table.get_cell(str(fid), column))


def test_the_inbox_shows_another_agents_changes_where_the_agent_was(demo_desk, sam):
    from fbdesk.ui.screens.inbox import TABS

    rows = demo_desk.page(FeedbackQuery(), limit=80)  # the All tab's rows
    assert len(rows) >= 60  # enough to scroll
    below = next(r for r in rows[36:] if r.case_status in (CaseStatus.NEW, CaseStatus.IN_PROGRESS))

    async def flow():
        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press(str(len(TABS)))  # All
            await pilot.pause()
            table = app.screen.query_one("#feedback")
            await pilot.press("space", "space")  # the first two rows marked
            table.move_cursor(row=40)
            await pilot.pause()
            table.move_cursor(row=30)  # the cursor in the middle of the screen, the table scrolled
            await pilot.pause()
            here, scrolled, marked = table.current_id, table.scroll_y, set(table.marked)
            assert scrolled > 0 and len(marked) == 2
            tabs = app.screen.query_one("#status-tabs")
            open_count = str(tabs.query_one("#open").label)
            # Sam assigns the case under the cursor and closes one further down
            sam.assign(here, "sam")
            sam.set_status(below.id, CaseStatus.CLOSED)
            assert await shown_within(
                pilot, lambda: cell(table, here, "assignee") == "sam" and cell(table, below.id, "status") == "Closed"
            )
            assert str(tabs.query_one("#open").label) != open_count  # the tab counts followed
            await pilot.pause(0.1)
            assert (table.current_id, table.scroll_y, table.marked) == (here, scrolled, marked)

    run(flow)


def test_at_the_end_of_a_long_list_a_change_keeps_the_agent_there(demo_desk, sam):
    from fbdesk.ui.screens.inbox import TABS

    async def flow():
        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press(str(len(TABS)), "G")  # All, its last row
            await pilot.pause()
            table = app.screen.query_one("#feedback")
            last = table.current_id
            assert table.total is not None and table.loaded < table.total  # only the end of the list is loaded
            sam.assign(last, "sam")
            assert await shown_within(pilot, lambda: cell(table, last, "assignee") == "sam")
            assert table.current_id == last

    run(flow)


def test_the_inbox_row_shows_who_else_is_at_the_case(demo_desk, sam):

    async def flow():
        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            table = app.screen.query_one("#feedback")
            first, second = table._rows[0].id, table._rows[1].id
            sam.be_present(first, "viewing")
            sam.be_present(second, "writing")
            assert await shown_within(pilot, lambda: cell(table, first, "mark").endswith("◎"))
            assert cell(table, second, "mark").endswith("✎")
            await pilot.press("space")  # the agent's own mark beside sam's
            assert cell(table, first, "mark").startswith("●") and cell(table, first, "mark").endswith("◎")
            sam.leave(second)
            assert await shown_within(pilot, lambda: "✎" not in cell(table, second, "mark"))

    run(flow)


def test_the_open_case_shows_another_agents_note_and_keeps_the_scroll(demo_desk, sam):
    from fbdesk.ui.screens.case import CaseScreen

    busiest = find_case(demo_desk, busiest=True)  # long enough to scroll

    async def flow():
        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            await app.push_screen(CaseScreen(busiest))
            await pilot.pause()
            case = app.screen
            fid = case.feedback_id
            body = case.query_one("#case-body")
            await pilot.press("j", "j", "j")
            await pilot.pause(0.3)
            scrolled = body.scroll_y
            assert scrolled > 0
            sam.add_note(fid, "Courier says the parcel was left at the door.")
            notes = case.query_one("#section-notes")
            assert await shown_within(pilot, lambda: "left at the door" in str(notes.content))
            await pilot.pause(0.1)
            assert body.scroll_y == scrolled

    run(flow)


def test_who_else_is_at_the_case_shows_in_its_header_without_rereading_the_case(demo_desk, sam):

    async def flow():
        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter")
            await pilot.pause()
            case = app.screen
            header = case.query_one("#case-header")
            feedback = case.query_one("#section-feedback")
            shown_text = feedback.content
            sam.be_present(case.feedback_id, "writing")
            assert await shown_within(pilot, lambda: "sam is writing to the buyer" in str(header.content))
            assert feedback.content is shown_text  # a presence is no reason to draw the case again
            sam.leave(case.feedback_id)
            assert await shown_within(pilot, lambda: "sam is" not in str(header.content))

    run(flow)


def test_the_other_agents_see_who_is_writing_to_the_buyer_until_the_composer_closes(demo_desk, sam):

    def doing(fid: int) -> list[tuple[str, str]]:
        return [(p.agent, p.activity) for p in sam.present([fid]).get(fid, [])]

    async def flow():
        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter")
            await pilot.pause()
            fid = app.screen.feedback_id
            await pilot.press("m")  # the composer
            await pilot.pause()
            assert await shown_within(pilot, lambda: doing(fid) == [("alex", "writing")])
            await pilot.press("escape")  # back to the case: viewing again
            assert await shown_within(pilot, lambda: doing(fid) == [("alex", "viewing")])

    run(flow)


def test_the_other_agents_see_who_views_a_case_until_they_leave_it(demo_desk, sam):

    async def flow():
        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter")
            await pilot.pause()
            fid = app.screen.feedback_id
            assert await shown_within(pilot, lambda: sam.present([fid]) != {})
            assert [(p.agent, p.activity) for p in sam.present([fid])[fid]] == [("alex", "viewing")]
            await pilot.press("right_square_bracket")  # the next case: the presence moves with the agent
            await pilot.pause()
            moved_to = app.screen.feedback_id
            assert await shown_within(pilot, lambda: set(sam.present()) == {moved_to})
            await pilot.press("escape")
            assert await shown_within(pilot, lambda: sam.present() == {})
            await pilot.press("enter")
            await pilot.pause()
            assert await shown_within(pilot, lambda: sam.present() != {})
        # the helpdesk ended cleanly: nothing left behind
        assert sam.present() == {}

    run(flow)


@pytest.fixture
def small_desk(desk, tmp_path):
    """Alex's desk (SQLite, and PostgreSQL where a server is given) with five new cases."""
    rows = [
        [f"{(NOW.date() - timedelta(days=i)):%-m/%-d/%y}", "1", f"Broken kettle {i}", "", f"111-{i:07d}-0000001", ""]
        for i in range(5)
    ]
    desk.import_reports([write_report(tmp_path / "us.tsv", rows)], channel="seller")
    return desk


def test_two_helpdesks_on_one_desk_see_each_other(small_desk, db_url):
    sam = open_desk(db_url, agent="sam", clock=Clock())
    first, second = (row.id for row in small_desk.page(FeedbackQuery(), limit=2))

    async def flow():
        app = make_app(small_desk)
        async with app.run_test(size=SIZE) as pilot:
            table = app.screen.query_one("#feedback")
            sam.set_status(second, CaseStatus.IN_PROGRESS)
            assert await shown_within(pilot, lambda: cell(table, second, "status") == "In progress")
            assert table.current_id == first
            await pilot.press("enter")  # alex opens the first case
            await pilot.pause()
            assert await shown_within(pilot, lambda: first in sam.present())
            header, notes = app.screen.query_one("#case-header"), app.screen.query_one("#section-notes")
            sam.be_present(first, "writing")
            sam.add_note(first, "I am writing to this buyer now.")
            assert await shown_within(
                pilot,
                lambda: (
                    "sam is writing to the buyer" in str(header.content)
                    and "writing to this buyer now" in str(notes.content)
                ),
            )

    try:
        run(flow)
    finally:
        sam.close()
