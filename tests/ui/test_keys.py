"""Every key does what the screen says it does: the footer, the help screen and the command palette show the keys
that work now (after the keymap), Back is Back everywhere, and quitting asks only when something would be lost."""

from __future__ import annotations

from fbdesk.desk import OPEN_STATUSES, FeedbackQuery

from ui_support import SIZE, compose, find_case, make_app, run, settle


def footer(app) -> dict[str, str]:
    """The footer as drawn: description -> key shown."""
    return {key.description: key.key_display for key in app.screen.query("FooterKey")}


async def footer_showing(pilot, description: str) -> dict[str, str]:
    """The footer once it shows `description`: it is redrawn a moment after a screen opens (up to 2 s)."""
    for _ in range(40):
        shown = footer(pilot.app)
        if description in shown:
            return shown
        await pilot.pause(0.05)
    return footer(pilot.app)


def help_rows(screen) -> list[tuple[str, str, str]]:
    """The help screen's rows for `screen`: (keys, description, binding id)."""
    from fbdesk.ui.screens.help import bindings_table

    columns = bindings_table(screen).columns
    return list(zip(*(map(str, column._cells) for column in columns), strict=True))


def notified(app) -> str:
    return " | ".join(n.message for n in app._notifications)


async def open_case_from_inbox(pilot, feedback_id: int) -> None:
    table = pilot.app.screen.query_one("#feedback")
    table.move_cursor(row=table.get_row_index(str(feedback_id)))
    await pilot.press("enter")
    await pilot.pause()
    assert type(pilot.app.screen).__name__ == "CaseScreen"


def test_d_deletes_a_live_response_opened_from_the_case(demo_desk):
    """The screen says "d deletes it": it does, also when the response is opened again."""
    fid = find_case(demo_desk, response="live")

    async def flow():
        from fbdesk.ui.screens.case import CaseScreen

        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            await app.push_screen(CaseScreen(fid))
            await pilot.pause()
            for _ in range(2):  # open, leave, open again
                await pilot.press("r")
                await settle(pilot)
                assert "d deletes it" in str(app.screen.query_one("#submitted").render())
                assert footer(app)["Delete response"] == "d"
                await pilot.press("d")
                await pilot.pause()
                assert type(app.screen).__name__ == "ConfirmScreen"
                await pilot.press("n", "escape")
                await pilot.pause()
                assert type(app.screen).__name__ == "CaseScreen"
            await pilot.press("r")
            await settle(pilot)
            await pilot.press("d", "y")
            await pilot.pause()
        assert demo_desk.get_feedback(fid).response_state == "deleted"
        assert demo_desk.load_draft(fid, "response") == ""  # no key went into a hidden editor

    run(flow)


def test_question_mark_types_in_the_composer_and_f1_is_its_help_key(demo_desk):
    fid = find_case(demo_desk, status="new")

    async def flow():
        from fbdesk.ui.screens.composer import ComposerScreen

        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert footer(app)["Help"] == "?"  # in the inbox nothing takes "?" as text
            await app.push_screen(ComposerScreen(fid))
            await settle(pilot)
            assert (await footer_showing(pilot, "Help"))["Help"] == "f1"
            await pilot.press(*"Is it broken?")
            await pilot.pause()
            assert type(app.screen).__name__ == "ComposerScreen" and app.screen.editor.text == "Is it broken?"
            help_keys = {description: keys for keys, description, _ in help_rows(app.screen)}
            assert help_keys["Help"] == "f1"
            await pilot.press("f1")
            await pilot.pause()
            assert type(app.screen).__name__ == "HelpScreen"

    run(flow)


def test_q_is_back_and_never_quits_from_the_inbox(demo_desk):
    """q q from a case goes back to the inbox and stays there: the inbox says how to quit."""

    async def flow():
        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter")
            await pilot.pause()
            assert type(app.screen).__name__ == "CaseScreen"
            await pilot.press("q", "q")
            await pilot.pause()
            assert type(app.screen).__name__ == "InboxScreen"
            assert app.return_code is None  # still running
            assert "^q quits fbdesk" in notified(app)
            await pilot.press("escape")  # the same key as q here, as on every screen
            await pilot.pause()
            assert app.return_code is None
            await pilot.press("ctrl+q")  # nothing would be lost: no question
        assert app.return_code == 0

    run(flow)


def test_ctrl_q_asks_while_a_note_is_being_typed(demo_desk):
    fid = find_case(demo_desk, status="new")

    async def flow():
        from fbdesk.ui.screens.case import CaseScreen

        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            await app.push_screen(CaseScreen(fid))
            await pilot.pause()
            await pilot.press("n", *"Buyer called", "ctrl+q")
            await pilot.pause()
            assert type(app.screen).__name__ == "ConfirmScreen"
            assert "note you are typing" in str(app.screen.query_one(".dialog-body").render())
            await pilot.press("n")  # stay
            await pilot.pause()
            assert app.return_code is None
            assert type(app.screen).__name__ == "TextPromptScreen" and app.screen.typed == "Buyer called"
            await pilot.press("ctrl+q", "ctrl+q")  # the key again quits
            await pilot.pause()
        assert app.return_code == 0

    run(flow)


def test_ctrl_q_asks_while_mail_is_being_sent(mail_desk, smtp_server):
    from dataclasses import replace

    smtp_server.handler.held = True  # the server has the queued message and keeps silent until told to answer
    mail_desk.mail = replace(mail_desk.mail, timeout=30)  # and the desk waits for its answer

    async def flow():
        from fbdesk.ui.app import build_app

        app = build_app(mail_desk, cursor_blink=False, sync_interval=3600)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert app.mail_state == "mail: sending…"
            await pilot.press("ctrl+q")
            await pilot.pause()
            assert type(app.screen).__name__ == "ConfirmScreen"
            assert "delivery unknown" in str(app.screen.query_one(".dialog-body").render())
            smtp_server.handler.held = False
            await pilot.press("n")
            await settle(pilot)
            assert app.mail_state.startswith("mail: connected · last sync")
            await pilot.press("ctrl+q")  # the sync is done: nothing would be lost
        assert app.return_code == 0
        states = {
            m.delivery_state for fb in mail_desk.list_feedback(limit=1000) for m in mail_desk.get_case(fb.id).messages
        }
        assert "sent" in states and not states & {"queued", "sending"}  # the sync finished what it started

    run(flow)


def test_ctrl_q_in_the_composer_quits_at_once_and_keeps_the_draft(demo_desk):
    fid = find_case(demo_desk, status="new")

    async def flow():
        from fbdesk.ui.screens.composer import ComposerScreen

        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            await app.push_screen(ComposerScreen(fid))
            await settle(pilot)
            await pilot.press(*"Hello", "ctrl+q")
        assert app.return_code == 0
        assert demo_desk.load_draft(fid, "message") == "Hello"

    run(flow)


def test_escape_in_the_review_step_returns_to_the_text(demo_desk):
    fid = find_case(demo_desk, status="new")
    text = "Hello, we are sorry the item arrived damaged. A replacement ships today."

    async def flow():

        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            await compose(pilot, fid, text)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert type(app.screen).__name__ == "ReviewScreen"
            await pilot.press("escape")
            await pilot.pause()
            assert type(app.screen).__name__ == "ComposerScreen"
            assert app.screen.editor.text == text and app.focused is app.screen.editor
        assert demo_desk.get_case(fid).messages == []

    run(flow)


def test_enter_opens_and_says_so_in_the_footer_and_help(demo_desk):
    async def flow():
        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert footer(app)["Open"] == "⏎"  # enter, as Textual shows it
            assert ("⏎", "Open", "inbox.open") in help_rows(app.screen)

    run(flow)


def test_request_removal_without_a_ground_says_why(demo_desk):
    fid = next(fb.id for fb in demo_desk.list_feedback(limit=1000) if not demo_desk.get_case(fb.id).removable)

    async def flow():
        from fbdesk.ui.screens.case import CaseScreen

        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            await app.push_screen(CaseScreen(fid))
            await pilot.pause()
            await pilot.press("R")
            await pilot.pause()
            assert "Amazon would not remove this feedback" in notified(app)
            await pilot.press("o")
            await pilot.pause()
            assert "No removal request is waiting" in notified(app)
        assert demo_desk.get_case(fid).removal_requests == []

    run(flow)


def test_help_lists_each_key_once(demo_desk):
    fid = find_case(demo_desk, status="new")

    async def flow():
        from fbdesk.ui.screens.case import CaseScreen
        from fbdesk.ui.screens.composer import ComposerScreen

        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            for screen in (None, CaseScreen(fid), ComposerScreen(fid)):
                if screen is not None:
                    await app.push_screen(screen)
                    await settle(pilot)
                rows = help_rows(app.screen)
                descriptions = [description for _, description, _ in rows]
                assert len(descriptions) == len(set(descriptions)), descriptions
                keys = {description: keys for keys, description, _ in rows}
                assert keys["Quit"] == "^q" and keys["Commands"] == "^p" and keys["Light/dark"] == "f2"

    run(flow)


def test_palette_and_help_show_the_keys_the_keymap_set(demo_desk):
    """After a remap the palette names the new key, every key of a binding shows, readably."""
    fid = find_case(demo_desk, status="new")

    async def flow():
        from fbdesk.ui.app import build_app
        from fbdesk.ui.screens.case import CaseScreen

        app = build_app(demo_desk, cursor_blink=False, keymap={"inbox.search": "ctrl+f"})
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            palette = {command.title: command.help for command in app.get_system_commands(app.screen)}
            assert palette["Search"] == "key: ^f"
            assert ("^f", "Search", "inbox.search") in help_rows(app.screen)
            assert footer(app)["Search"] == "^f"
            await app.push_screen(CaseScreen(fid))
            await pilot.pause()
            palette = {command.title: command.help for command in app.get_system_commands(app.screen)}
            assert palette["Back"] == "keys: esc / q"
            assert list(palette).count("Quit") == 1

    run(flow)


def test_keymap_mistakes_are_reported_as_the_app_starts(demo_desk, tmp_path):
    from fbdesk.settings import configure_logging, resolve

    log = tmp_path / "fbdesk.log"
    configure_logging(resolve({"log_file": str(log)}, {}))
    keymap = {"inbox.serach": "ctrl+f", "case.message": "a", "inbox.filter": "ctrl+g"}

    async def flow():
        from fbdesk.ui.app import build_app

        app = build_app(demo_desk, cursor_blink=False, keymap=keymap)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert type(app.screen).__name__ == "InboxScreen"  # the app starts all the same
            shown = notified(app)
            assert 'unknown binding id "inbox.serach"; did you mean "inbox.search"?' in shown
            assert '"a" is bound to case.assign_me and case.message in Case' in shown
            assert "ctrl+g" not in shown  # a remap without a clash is no problem
            await pilot.press("ctrl+g")
            await pilot.pause()
            assert type(app.screen).__name__ == "FilterScreen"

    run(flow)
    logged = log.read_text(encoding="utf-8")
    assert 'unknown binding id "inbox.serach"' in logged and "case.message" in logged


def test_next_and_previous_case_follow_the_inbox_list(demo_desk):
    """] and [ in a case move through the inbox's list as filtered, searched and sorted; back in the inbox the
    cursor is on the case last shown. A case moved out of the list keeps its place."""
    query = FeedbackQuery(statuses=OPEN_STATUSES, ratings=(1, 2), text="the", sort="due", descending=False)
    listed = [fb.id for fb in demo_desk.list_feedback(query, limit=1000)]
    assert len(listed) >= 4

    async def flow():
        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            app.screen.apply_query(query)
            await pilot.pause()
            await open_case_from_inbox(pilot, listed[0])
            await pilot.press("left_square_bracket")
            await pilot.pause()
            assert app.screen.feedback_id == listed[0] and "first case" in notified(app)
            await pilot.press("right_square_bracket", "right_square_bracket")
            await pilot.pause()
            assert app.screen.feedback_id == listed[2]
            assert demo_desk.get_feedback(listed[2]).order_id in str(app.screen.query_one("#case-header").render())
            await pilot.press("left_square_bracket")
            await pilot.pause()
            assert app.screen.feedback_id == listed[1]
            demo_desk.set_status(listed[1], "resolved")  # it leaves the list
            await pilot.press("right_square_bracket")
            await pilot.pause()
            assert app.screen.feedback_id == listed[2]
            await pilot.press("escape")
            await pilot.pause()
            assert type(app.screen).__name__ == "InboxScreen"
            assert app.screen.query_one("#feedback").current_id == listed[2]

    run(flow)
