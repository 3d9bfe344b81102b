"""The composer sends the terminal only the rows a keystroke changed, and what the terminal then shows is what a
full redraw of the screen would show: after typing, deleting, moving and selecting, undoing, a multi-line edit and
a fix, no row is left stale (an old cursor, an old highlight, an old line)."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual._compositor import ChopsUpdate, LayoutUpdate

from ui_support import SIZE, find_case, make_app, run

DRAFT = (
    "Hello,\n\nThank you for your message about the kettle. We have sent a replacement today by tracked delivery, "
    "and you do not need to return the damaged one.\n\nIf anything else is not right, please reply to this message "
    "and we will sort it out straight away!!! You can also ring me on 0117 496 0325 until six.\n\nKind regards,\nSam"
)


class Terminal:
    """A grid of cells (character and style) that the app's screen updates are applied to, as a terminal would."""

    def __init__(self, width: int, height: int) -> None:
        self.cells = [[(" ", "")] * width for _ in range(height)]

    def apply(self, update: object) -> None:
        x = y = 0
        if isinstance(update, LayoutUpdate):
            x, y = update.region.x, update.region.y
        for segment in update.__rich_console__(None, None):  # type: ignore[attr-defined, arg-type]
            if segment.control:
                for control in segment.control:
                    if control[0].name == "CURSOR_MOVE_TO":
                        x, y = control[1], control[2]
                continue
            if segment.text == "\n":
                x, y = (update.region.x if isinstance(update, LayoutUpdate) else 0), y + 1
                continue
            x = self._put(segment, x, y)

    def _put(self, segment: Segment, x: int, y: int) -> int:
        style = str(segment.style or Style())
        for char in segment.text:
            if 0 <= y < len(self.cells) and 0 <= x < len(self.cells[y]):
                self.cells[y][x] = (char, style)
            x += 1
        return x


def test_each_keystroke_redraws_only_what_changed_and_nothing_is_left_stale(demo_desk):
    from fbdesk.ui.screens.composer import ComposerScreen

    fid = find_case(demo_desk, status="new")
    demo_desk.keep_draft(fid, "message", DRAFT)

    async def flow():
        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            await app.push_screen(ComposerScreen(fid))
            await pilot.pause(0.5)
            shown = Terminal(*SIZE)
            sent: list[int] = []  # rows of the editor sent per update
            display = app._display

            def recording_display(screen, update) -> None:
                if update is None:  # nothing to send: App._display does nothing either
                    return
                shown.apply(update)
                if isinstance(update, ChopsUpdate):
                    sent.append(len({y for y, _, _ in update.spans}))
                display(screen, update)

            app._display = recording_display
            app.screen.refresh()  # one full frame: the terminal starts from what is on screen
            await pilot.pause()

            def full_frame() -> list[list[tuple[str, str]]]:
                whole = Terminal(*SIZE)
                whole.apply(app.screen._compositor.render_update(full=True))
                return whole.cells

            async def same_as_full_redraw(step: str) -> None:
                await pilot.pause()
                await pilot.pause()
                expected = full_frame()
                stale = [y for y in range(SIZE[1]) if shown.cells[y] != expected[y]]
                assert not stale, f"after {step}: rows {stale} differ from a full redraw"

            await same_as_full_redraw("opening")
            await pilot.press("space")  # (the first key also takes the restored-draft notice away)
            await same_as_full_redraw("the first key")
            sent.clear()
            for key in "abc":
                await pilot.press(key)
            await same_as_full_redraw("typing")
            assert sent and max(sent) <= 4, f"rows sent per keystroke: {sent}"  # the line, the status, the panel
            await pilot.press("backspace")
            await same_as_full_redraw("deleting")
            for key in ("up", "up", "left", "down", "home", "end", "ctrl+home"):
                await pilot.press(key)
                await same_as_full_redraw(key)
            for key in ("shift+down", "shift+down", "shift+right", "shift+up", "right"):
                await pilot.press(key)
                await same_as_full_redraw(key)
            await pilot.press("end", "enter", "N", "e", "w", " ", "l", "i", "n", "e")
            await same_as_full_redraw("a new line")
            for _ in range(3):
                await pilot.press("ctrl+z")
                await same_as_full_redraw("undo")
            await pilot.press("ctrl+y")
            await same_as_full_redraw("redo")
            screen = app.screen
            phone = screen.editor.text.index("0117")
            screen.editor.select_span(phone, phone)
            await same_as_full_redraw("moving to the phone number")
            await pilot.press("ctrl+f")
            await same_as_full_redraw("the fix")
            screen.editor.insert("(a)\n(b)\n")
            await same_as_full_redraw("an inserted paragraph")

    run(flow)
