"""The composer keeps up with typing: the findings shown are those of the text on screen, updated in place; a long
paste is checked in the lint process without holding up the keys typed after it; a stale result never replaces a
newer one; long lines are drawn as TextArea draws them."""

from __future__ import annotations

import time

from ui_support import SIZE, find_case, make_app, run

PHONE = "You can ring me directly on 0117 496 0325 until six."
SHOUT = "We will sort it out straight away!!!"


async def open_composer(pilot, feedback_id: int):
    from fbdesk.ui.screens.composer import ComposerScreen

    await pilot.app.push_screen(ComposerScreen(feedback_id))
    await pilot.pause()
    return pilot.app.screen


def panel_text(screen) -> list[str]:
    from fbdesk.ui.widgets.findings_panel import FindingsPanel

    panel = screen.query_one(FindingsPanel)
    return [str(panel.get_option_at_index(n).prompt) for n in range(panel.option_count)]


async def until(pilot, condition, timeout: float = 60.0) -> None:
    """Wait (the app running) until `condition()` holds; generous, for a loaded machine."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await pilot.pause(0.05)


def test_the_findings_follow_each_edit_in_the_same_handler(demo_desk):
    """Typing, deleting and undoing: after each key the panel, the highlights and the status describe the text on
    screen, with no wait for a worker."""
    fid = find_case(demo_desk, status="new")

    async def flow():
        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_composer(pilot, fid)
            assert panel_text(screen) == ["No problems found."]
            screen.editor.insert(SHOUT)
            assert screen.linted_text == screen.editor.text  # already, before any pause
            assert [f.rule for f in screen.findings] == ["unprofessional-tone"]
            screen.editor.insert(" " + PHONE)
            await pilot.pause()
            shown = panel_text(screen)
            assert len(shown) == 2 and "unprofessional-tone" in shown[0] and "contact-details" in shown[1]
            assert "0117 496 0325" in shown[1]
            for _ in range(len(PHONE) + 1):
                await pilot.press("backspace")
            assert screen.editor.text == SHOUT
            assert [f.rule for f in screen.findings] == ["unprofessional-tone"]
            assert len(panel_text(screen)) == 1
            await pilot.press("ctrl+z")  # undo brings the phone number back, and its finding
            await pilot.pause()
            assert screen.linted_text == screen.editor.text
            assert any(f.rule == "contact-details" for f in screen.findings)
            screen.editor.load_text("Thank you for your order.")
            assert panel_text(screen) == ["No problems found."]
            screen.keep_drafts = False

    run(flow)


def test_the_panel_changes_only_the_findings_that_changed(demo_desk):
    """A keystroke that leaves the findings alike leaves the panel's options as they were (the same objects, not
    rebuilt); one that moves a finding rewrites that option alone."""
    fid = find_case(demo_desk, status="new")

    async def flow():
        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            from fbdesk.ui.widgets.findings_panel import FindingsPanel

            screen = await open_composer(pilot, fid)
            screen.editor.insert(f"{SHOUT}\nBest wishes. {PHONE}\nThanks, Sam")
            await pilot.pause()
            panel = screen.query_one(FindingsPanel)
            options = list(panel.options)
            first_prompt = options[0].prompt
            column = screen.findings[1].column
            await pilot.press("a")  # at the end: both findings as they were
            await pilot.pause()
            assert list(panel.options) == options and options[0].prompt is first_prompt
            screen.editor.move_cursor((1, 0))
            await pilot.press("x")  # at the start of the phone's line: that finding's column moves
            await pilot.pause()
            assert list(panel.options) == options
            assert options[0].prompt is first_prompt
            assert f"line 2:{column + 1}" in str(options[1].prompt)
            assert panel.findings[1].start == screen.findings[1].start  # selecting it goes to the right place
            screen.keep_drafts = False

    run(flow)


def test_a_long_paste_is_checked_elsewhere_and_typing_goes_on(demo_desk, monkeypatch):
    """20,000 characters pasted: never checked in the helpdesk's own process (where the interpreter lock would
    hold up the keys typed after it) but in the lint process; the findings that arrive are those of the final
    text."""
    from textual import events

    from fbdesk.desk import Checker

    checked_here: list[int] = []
    check = Checker.findings

    def spy(self, text, **options):
        checked_here.append(len(text))
        return check(self, text, **options)

    monkeypatch.setattr(Checker, "findings", spy)  # in this process only: the lint process has its own Checker
    fid = find_case(demo_desk, status="new")
    paste = ("Please remove your review. " * 800)[:20_000]

    async def flow():
        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_composer(pilot, fid)
            app.post_message(events.Paste(paste))
            await until(pilot, lambda: len(screen.editor.text) == len(paste))
            await pilot.press("o", "k")
            assert screen.editor.text == paste + "ok"
            await until(pilot, lambda: screen.linted_text == screen.editor.text)
            assert not [n for n in checked_here if n > 4_000]
            assert any(f.rule == "too-long" for f in screen.findings)
            assert any(f.severity == "error" and f.start < 100 for f in screen.findings)
            screen.keep_drafts = False

    run(flow)


def test_a_new_mix_of_languages_is_checked_without_holding_up_the_keys(demo_desk, monkeypatch):
    """The first text in a mix of languages (Italian with Spanish) needs that mix's rules, 50-500 ms of building:
    they are built in a thread, not in the keystroke's handler, the status says the text is being checked, and the
    findings come when the rules are built."""
    import threading

    from fbdesk.domain.policy import languages

    mixed = (
        "Gentile cliente, se rimuove la sua recensione le inviamo un buono da 20 euro. "
        "Quedamos a su disposición para cualquier consulta sobre el pedido."
    )
    monkeypatch.delitem(languages._RULE_SETS, frozenset({"it", "es", "en"}), raising=False)
    built_in: list[threading.Thread] = []
    build = languages._built

    def spy(codes):
        built_in.append(threading.current_thread())
        return build(codes)

    monkeypatch.setattr(languages, "_built", spy)
    fid = find_case(demo_desk, status="new")

    async def flow():
        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            from textual.widgets import Static

            screen = await open_composer(pilot, fid)
            screen.editor.load_text(mixed)
            assert screen.linted_text != mixed  # not checked in the handler
            assert "checking…" in str(screen.query_one("#editor-status", Static).render())
            await until(pilot, lambda: screen.linted_text == screen.editor.text)
            assert built_in and threading.main_thread() not in built_in
            assert ("incentive-for-feedback", "error") in [(f.rule, f.severity) for f in screen.findings]
            await pilot.press("end", "!")  # the mix's rules are built now: checked in the handler again
            assert screen.linted_text == screen.editor.text
            screen.keep_drafts = False

    run(flow)


def test_a_stale_result_never_replaces_a_newer_one(demo_desk, monkeypatch):
    """The check of an older text finishing after a newer text was checked is dropped: the newer findings stay."""
    from concurrent.futures import Future

    from fbdesk.ui import lint_process

    fid = find_case(demo_desk, status="new")
    long_text = "Thank you for your order. " * 200  # over the limit checked in the keystroke's handler
    held: list[tuple[str, Future]] = []

    def held_back(checker, text):  # the lint process, answering only when the test says so
        future: Future = Future()
        held.append((text, future))
        return future

    monkeypatch.setattr(lint_process, "findings", held_back)

    async def flow():
        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_composer(pilot, fid)
            screen.editor.load_text(long_text)
            await pilot.pause()
            assert [text for text, _ in held] == [long_text]
            screen.editor.load_text(SHOUT)  # short: checked at once
            assert screen.linted_text == SHOUT and [f.rule for f in screen.findings] == ["unprofessional-tone"]
            held[0][1].set_result([])  # the long text's result comes late
            await pilot.pause(0.1)
            assert screen.linted_text == SHOUT and [f.rule for f in screen.findings] == ["unprofessional-tone"]
            assert len(panel_text(screen)) == 1 and "unprofessional-tone" in panel_text(screen)[0]
            screen.keep_drafts = False

    run(flow)


def test_while_a_long_text_is_checked_the_highlights_stay_on_their_characters(demo_desk, monkeypatch):
    """Typing before a highlighted phrase of a long text moves its highlight with it until the new findings come;
    a highlight the edit went into is dropped, never left on other characters."""
    from concurrent.futures import Future

    from fbdesk.ui import lint_process

    fid = find_case(demo_desk, status="new")
    body = PHONE + " " + "Thank you for your order. " * 200
    held: list[Future] = []

    def held_back(checker, text):
        future: Future = Future()
        held.append(future)
        return future

    async def flow():
        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_composer(pilot, fid)
            screen.editor.load_text(body)
            await until(pilot, lambda: screen.linted_text == body)
            phone = body.index("0117")
            assert any(f.start <= phone < f.end for f in screen.findings)
            monkeypatch.setattr(lint_process, "findings", held_back)
            screen.editor.move_cursor((0, 0))
            await pilot.press("H", "i", "space")
            await pilot.pause()
            assert held and screen.linted_text != screen.editor.text
            marks = screen.editor._marks[0]
            shown = {screen.editor.text[first:last] for first, last, _ in marks}
            assert any("0117 496 0325" in text for text in shown)
            screen.editor.move_cursor((0, len("Hi ") + len("You can ring me directly on 0117")))
            await pilot.press("9")  # into the phone number's span: its highlight goes
            await pilot.pause()
            assert not any(first < len("Hi You can ring me") + 20 < last for first, last, _ in screen.editor._marks[0])
            screen.keep_drafts = False

    run(flow)


def test_long_lines_are_drawn_as_textarea_draws_them(demo_desk):
    """Rows of a long line (drawn row by row by the composer's editor) look exactly as TextArea's own drawing of
    them: text, findings, the cursor and a selection."""
    from fbdesk.ui.widgets.lint_editor import LONG_LINE, LintEditor

    fid = find_case(demo_desk, status="new")
    line = (SHOUT + " " + PHONE + " \x1b[31m " + "Thank you for your order. " * 60)[: LONG_LINE * 2]

    async def flow():
        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_composer(pilot, fid)
            editor = screen.editor
            editor.load_text(line + "\nA short line.")
            await until(pilot, lambda: screen.linted_text == editor.text)
            await pilot.pause()
            for selection in (((0, 5), (0, 5)), ((0, 30), (0, 1500)), ((0, len(line)), (0, len(line)))):
                editor.selection = selection  # type: ignore[assignment]
                editor.scroll_cursor_visible()
                await pilot.pause()
                for y in range(editor.size.height):
                    assert LintEditor._render_line(editor, y) == super(LintEditor, editor)._render_line(y), y
            screen.keep_drafts = False

    run(flow)
