"""An agent's typing is never lost: saved at most a second after a keystroke even while typing goes on, kept
locally while the database is busy (a long import) and written when it frees up, and kept when the terminal closes
or the process is told to end."""

from __future__ import annotations

import signal
import sqlite3
import time

from fbdesk.desk import open_desk

from support import HelpdeskInATerminal
from ui_support import SIZE, clock, find_case, make_app, run


def spooled_desk(demo_desk, tmp_path):
    return open_desk(str(demo_desk.engine.url), agent="alex", clock=clock, draft_spool=tmp_path / "drafts")


def test_the_draft_is_saved_within_a_second_while_typing_goes_on(demo_desk):
    from fbdesk.ui.screens.composer import ComposerScreen

    case = find_case(demo_desk, status="new")

    async def flow():
        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            await app.push_screen(ComposerScreen(case))
            await pilot.pause()
            began = time.monotonic()
            saved_at = None
            while time.monotonic() - began < 2.5:  # a key every 0.1 s: never a pause to wait for
                app.screen.editor.insert("a")
                await pilot.pause(0.1)
                await app.workers.wait_for_complete()
                if saved_at is None and demo_desk.load_draft(case, "message"):
                    saved_at = time.monotonic() - began
            assert saved_at is not None and saved_at <= 1.0

    run(flow)


def test_typing_goes_on_while_the_database_is_busy_and_the_draft_reaches_it_later(demo_desk, tmp_path):
    from fbdesk.ui.screens.composer import ComposerScreen

    desk = spooled_desk(demo_desk, tmp_path)
    case = find_case(desk, status="new")
    blocker = sqlite3.connect(desk.engine.url.database, timeout=0)
    blocker.execute("BEGIN IMMEDIATE")  # what a long import does: it holds the write lock

    async def flow():
        app = make_app(desk)
        async with app.run_test(size=SIZE) as pilot:
            await app.push_screen(ComposerScreen(case))
            await pilot.pause()
            typed = time.monotonic()
            app.screen.editor.insert("We are sorry about the broken lid")
            await pilot.pause(0.8)
            assert time.monotonic() - typed < 1.5  # the screen kept going
            assert desk.load_draft(case, "message") == "We are sorry about the broken lid"  # from the spool
            blocker.rollback()  # the import ends
            app.screen.editor.insert(".")
            await pilot.pause(0.8)
            await app.workers.wait_for_complete()

    try:
        run(flow)
    finally:
        blocker.close()
    assert demo_desk.load_draft(case, "message") == "We are sorry about the broken lid."  # in the database
    assert not list((tmp_path / "drafts").glob("*.txt"))


def test_a_closed_terminal_keeps_the_typed_draft(demo_desk, tmp_path):
    """The real `fbdesk` in a pseudo-terminal: open the first case's composer, type, and hang up at once."""
    db = str(demo_desk.engine.url.database)
    with HelpdeskInATerminal(db, tmp_path) as helpdesk:
        helpdesk.open_a_composer()
        typed = "Typed just before the terminal closed"
        helpdesk.type(typed)
        helpdesk.wait_for(f"{len(typed)} characters")  # in the editor, well under the draft delay: the hang-up keeps it
        helpdesk.end(signal.SIGHUP)
    assert typed in helpdesk.drafts_kept(db)
