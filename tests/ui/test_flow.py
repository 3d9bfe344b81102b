"""The agent's whole keyboard flow, and the behaviour around it, driven by Textual's pilot."""

from __future__ import annotations

from fbdesk.desk import FeedbackQuery
from fbdesk.domain.policy import APPROVED_REMOVAL_NOTICE, verdict

from ui_support import SIZE, compose, find_case, make_app, run, settle, show, type_text


async def choose(pilot, label_start: str) -> None:
    """Pick the option of the open ChoiceScreen whose label starts with `label_start`, by keyboard only."""
    from textual.widgets import OptionList

    options = pilot.app.screen.query_one(OptionList)
    await pilot.press("home")
    for _ in range(options.option_count):
        if str(options.highlighted_option.prompt).startswith(label_start):
            await pilot.press("enter")
            await pilot.pause()
            return
        await pilot.press("down")
    raise AssertionError(f"no option {label_start!r}")


def test_find_assign_contact_resolve_notify_respond_delete(demo_desk):
    fb = demo_desk.get_feedback(find_case(demo_desk, status="new", assigned=False, response="none"))
    word = fb.comment.split()[0]

    async def flow():
        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            # find the feedback: search its comment, then move to its row
            await pilot.press("slash", *word, "enter")
            await pilot.pause(0.3)
            table = app.screen.query_one("#feedback")
            for _ in range(table.row_count):
                if table.current_id == fb.id:
                    break
                await pilot.press("j")
            assert table.current_id == fb.id
            await pilot.press("enter")
            await pilot.pause()
            assert type(app.screen).__name__ == "CaseScreen"

            await pilot.press("a")  # assign to me
            assert demo_desk.get_feedback(fb.id).assignee == "alex"

            await pilot.press("m")  # contact the buyer
            await pilot.pause()
            await type_text(pilot, "Hello, we are sorry the item arrived damaged. A replacement ships today.")
            assert app.screen.findings == [] or all(f.severity == "info" for f in app.screen.findings)
            await pilot.press("ctrl+s")  # review step
            await pilot.pause()
            assert type(app.screen).__name__ == "ReviewScreen"
            await pilot.press("ctrl+s")  # send
            await pilot.pause()
            assert type(app.screen).__name__ == "CaseScreen"
            assert len(demo_desk.get_case(fb.id).messages) == 1

            await pilot.press("s")  # resolve
            await pilot.pause()
            await choose(pilot, "Resolved")
            assert demo_desk.get_feedback(fb.id).case_status == "resolved"

            await pilot.press("m")  # the approved removal notice, offered now that the case is resolved
            await pilot.pause()
            await pilot.press("ctrl+t")
            await pilot.pause()
            await choose(pilot, "Removal notice")
            await settle(pilot)
            assert app.screen.editor.text == APPROVED_REMOVAL_NOTICE
            assert not verdict(app.screen.findings).blocked
            await pilot.press("ctrl+s")
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
            messages = demo_desk.get_case(fb.id).messages
            assert [m.is_removal_notice for m in messages] == [False, True]

            await pilot.press("r")  # the public response
            await pilot.pause()
            await type_text(pilot, "We are sorry about this order and have sent a replacement.")
            await pilot.press("ctrl+s")
            await pilot.pause()
            review = app.screen
            assert "can never be edited" in str(review.query_one("#review-warning").render())
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert demo_desk.get_feedback(fb.id).response_state == "live"
            assert not app.screen.editing  # read only now

            await pilot.press("d")  # delete, confirm, see the lock
            await pilot.pause()
            await pilot.press("y")
            await pilot.pause()
            assert demo_desk.get_feedback(fb.id).response_state == "deleted"
            shown = str(app.screen.query_one("#submitted").render())
            assert "Locked" in shown and "no second response" in shown

            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            assert type(app.screen).__name__ == "InboxScreen"

    run(flow)


def test_draft_is_saved_as_typed_and_restored(demo_desk):
    fid = find_case(demo_desk, status="new")

    async def flow():
        from fbdesk.ui.screens.composer import ComposerScreen

        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            await show(pilot, ComposerScreen(fid))
            await pilot.press(*"Hello there")
            await pilot.pause(0.7)  # the draft is saved after a quiet moment, without leaving
            assert demo_desk.load_draft(fid, "message") == "Hello there"
            await pilot.press("escape")
            await pilot.pause()
            await show(pilot, ComposerScreen(fid))
            assert app.screen.editor.text == "Hello there"

    run(flow)


def test_draft_survives_quitting_at_once(demo_desk):
    """ctrl+q right after typing, before the quiet moment that saves the draft, keeps the text."""
    fid = find_case(demo_desk, status="new")

    async def flow():
        from fbdesk.ui.screens.composer import ComposerScreen

        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            await show(pilot, ComposerScreen(fid))
            await pilot.press(*"Hello there", "ctrl+q")
        assert demo_desk.load_draft(fid, "message") == "Hello there"

    run(flow)


def test_draft_survives_quitting_from_a_dialog_over_the_editor(demo_desk):
    fid = find_case(demo_desk, status="new", response="none")

    async def flow():
        from fbdesk.ui.screens.response import ResponseScreen

        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            await show(pilot, ResponseScreen(fid))
            await pilot.press(*"Sorry", "ctrl+t")  # the template list opens over the editor
            await pilot.pause()
            assert type(app.screen).__name__ == "ChoiceScreen"
            await pilot.press("ctrl+q")
        assert demo_desk.load_draft(fid, "response") == "Sorry"

    run(flow)


def test_errors_make_sending_impossible_and_keep_the_text(demo_desk):
    fid = find_case(demo_desk, status="new")
    text = "We will send you a $20 gift card if you remove the feedback."

    async def flow():
        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            await compose(pilot, fid, text)
            assert verdict(app.screen.findings).blocked
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen.query_one("#send").disabled
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert "impossible" in str(app.screen.query_one("#review-refusal").render())
            await pilot.press("ctrl+e")
            await pilot.pause()
            assert app.screen.editor.text == text
        assert demo_desk.get_case(fid).messages == []
        assert demo_desk.load_draft(fid, "message") == text

    run(flow)


def test_warnings_need_a_reason(demo_desk):
    fid = find_case(demo_desk, status="new")

    async def flow():
        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            await compose(pilot, fid, "We are SO sorry!!! A replacement ships today.")
            assert [f.severity for f in app.screen.findings if f.severity != "info"] == ["warning"]
            await pilot.press("ctrl+s")
            await pilot.pause()
            await pilot.press("ctrl+s")  # no reason yet
            await pilot.pause()
            assert type(app.screen).__name__ == "ReviewScreen"
            await pilot.press(*"buyer asked for it", "enter")
            await pilot.pause()
        (message,) = demo_desk.get_case(fid).messages
        assert message.acknowledgement == "buyer asked for it"

    run(flow)


def test_apply_fix_replaces_the_span_under_the_cursor(demo_desk):
    fid = find_case(demo_desk, status="new")

    async def flow():
        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            await compose(pilot, fid, "We are so sorry!!! A replacement ships today.")
            await pilot.press("ctrl+n")  # jump to the finding
            await pilot.press("ctrl+f")
            await settle(pilot)
            assert app.screen.editor.text == "We are so sorry! A replacement ships today."
            assert not [f for f in app.screen.findings if f.severity != "info"]

    run(flow)


def test_inbox_pages_rows_as_the_cursor_moves(demo_desk):
    from fbdesk.ui.widgets.feedback_table import PAGE_SIZE, PREFETCH

    async def flow():
        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("8")  # the All tab
            await pilot.pause()
            table = app.screen.query_one("#feedback")
            assert table.total == 458 and table.row_count == PAGE_SIZE
            everything = demo_desk.page(FeedbackQuery(), limit=1000)
            table.move_cursor(row=PAGE_SIZE - PREFETCH - 1)  # down the page: nothing more is read yet
            await pilot.pause()
            assert table.row_count == PAGE_SIZE
            await pilot.press("j")  # near the end of what is loaded, the next page comes
            await pilot.pause()
            assert table.row_count == 2 * PAGE_SIZE
            await pilot.press("G")  # the real last row at once, read from the end
            await pilot.pause()
            assert table.current_id == everything[-1].id and table.row_count == PAGE_SIZE
            table.move_cursor(row=PREFETCH + 1)  # up the page: nothing more is read yet
            await pilot.pause()
            assert table.row_count == PAGE_SIZE
            await pilot.press("k")  # going up, the rows before come, and the cursor stays on its case
            await pilot.pause()
            assert table.row_count == 2 * PAGE_SIZE
            assert table.current_id == everything[-1 - (PAGE_SIZE - PREFETCH - 1)].id
            await pilot.press("g")
            assert table.cursor_row == 0 and table.current_id == everything[0].id

    run(flow)


def test_bulk_assign_and_refused_status_change(demo_desk):
    async def flow():
        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            table = app.screen.query_one("#feedback")
            first = table.current_id
            await pilot.press("space", "space")
            ids = sorted(table.marked)
            assert len(ids) == 2 and first in ids
            await pilot.press("a")
            await pilot.pause()
            assert {demo_desk.get_feedback(i).assignee for i in ids} == {"alex"}
            assert not table.marked

            await pilot.press("7")  # Closed tab
            await pilot.pause()
            closed = table.current_id
            await pilot.press("c")
            await pilot.pause()
            await choose(pilot, "New")
            assert demo_desk.get_feedback(closed).case_status == "closed"
            assert any("cannot" in n.message for n in app._notifications)

    run(flow)


def test_assign_to_an_agent_never_assigned_before(demo_desk):
    async def flow():
        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            fid = app.screen.query_one("#feedback").current_id
            before = demo_desk.get_feedback(fid).assignee
            await pilot.press("A")
            await pilot.pause()
            await choose(pilot, "Someone else")
            assert type(app.screen).__name__ == "TextPromptScreen"
            app.screen.query_one("Input").value = "x" * 100  # not a name the Desk accepts: said, nothing changes
            await pilot.press("enter")
            await pilot.pause()
            assert demo_desk.get_feedback(fid).assignee == before
            assert any(n.severity == "error" for n in app._notifications)

            await pilot.press("A")
            await pilot.pause()
            await choose(pilot, "Someone else")
            await pilot.press(*"jordan", "enter")
            await pilot.pause()
            assert type(app.screen).__name__ == "InboxScreen"
            assert demo_desk.get_feedback(fid).assignee == "jordan"

    run(flow)


def test_escape_asks_before_a_typed_note_is_discarded(demo_desk):
    fid = find_case(demo_desk, status="new")

    async def flow():
        from fbdesk.ui.screens.case import CaseScreen

        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            await show(pilot, CaseScreen(fid))
            await pilot.press("n", *"Buyer called", "escape")
            await pilot.pause()
            assert type(app.screen).__name__ == "ConfirmScreen"
            await pilot.press("n")  # keep typing
            await pilot.pause()
            assert type(app.screen).__name__ == "TextPromptScreen"
            assert app.screen.typed == "Buyer called"
            await pilot.press("escape", "y")  # discard after all
            await pilot.pause()
            assert type(app.screen).__name__ == "CaseScreen"
            await pilot.press("n", "escape")  # nothing typed: nothing to ask
            await pilot.pause()
            assert type(app.screen).__name__ == "CaseScreen"
        assert demo_desk.get_case(fid).notes == []

    run(flow)


def test_empty_database_says_how_to_import(empty_desk):
    async def flow():
        app = make_app(empty_desk)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert "fbdesk import" in str(app.screen.query_one("#empty").render())
            assert (
                not app.screen.query_one("#feedback").display or "hidden" in app.screen.query_one("#feedback").classes
            )

    run(flow)


def test_help_palette_theme_and_quit(demo_desk):
    async def flow():
        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("question_mark")
            await pilot.pause()
            assert type(app.screen).__name__ == "HelpScreen"
            await pilot.press("escape")
            await pilot.press("f2")
            assert app.theme == "textual-light"
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*"Dashboard")
            await pilot.pause(0.5)
            await pilot.press("enter")
            await pilot.pause(0.3)
            assert type(app.screen).__name__ == "DashboardScreen"
            await pilot.press("o")  # overdue cases, in the inbox
            await pilot.pause()
            assert app.screen.query_.due == "overdue"
            await pilot.press("ctrl+q")
        assert app.return_code == 0

    run(flow)


def test_request_removal_from_amazon_then_record_its_decision(demo_desk):
    fid = next(fb.id for fb in demo_desk.list_feedback(limit=1000) if demo_desk.get_case(fb.id).requestable_grounds)

    async def flow():
        from fbdesk.ui.screens.case import CaseScreen

        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            await show(pilot, CaseScreen(fid))
            await pilot.press("R", "enter")
            await pilot.pause()
            assert [r.outcome for r in demo_desk.get_case(fid).removal_requests] == ["pending"]
            await pilot.press("o")
            await pilot.pause()
            await choose(pilot, "Removed by Amazon")
            await pilot.pause()
        case = demo_desk.get_case(fid)
        assert [r.outcome for r in case.removal_requests] == ["removed"]
        assert case.feedback.feedback_state == "removed_by_amazon"

    run(flow)


def test_a_failing_policy_check_shows_a_plain_message_and_logs_the_traceback(demo_desk, monkeypatch, tmp_path):
    from fbdesk.desk import Checker
    from fbdesk.settings import configure_logging, resolve
    from fbdesk.ui.widgets.findings_panel import FindingsPanel

    log = tmp_path / "fbdesk.log"
    configure_logging(resolve({"log_file": str(log)}, {}))

    def broken(self, text, **options):
        raise RuntimeError("a bug in a rule")

    monkeypatch.setattr(Checker, "findings", broken)
    case = find_case(demo_desk, status="new")

    async def flow():
        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            await compose(pilot, case, "Hello, we are sorry.")
            panel = app.screen.query_one(FindingsPanel)
            shown = " ".join(str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count))
            assert "The policy check failed" in shown and "RuntimeError" not in shown
            assert app.screen.editor.text == "Hello, we are sorry."

    run(flow)
    logged = log.read_text(encoding="utf-8")
    assert "the policy check failed" in logged and "RuntimeError: a bug in a rule" in logged and "Traceback" in logged
