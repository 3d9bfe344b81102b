"""The fbdesk Textual app, built from a Desk by `build_app` (shared by `run`, the tests and the scripts)."""

from __future__ import annotations

import gc
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

if TYPE_CHECKING:
    from fbdesk.desk import Desk

DARK, LIGHT = "textual-dark", "textual-light"


class FbdeskApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "fbdesk"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True, show=False),
        Binding("question_mark,f1", "help", "Help", id="app.help", key_display="?"),
        Binding("f2", "toggle_dark", "Light/dark", id="app.theme", show=False),
        Binding("ctrl+p", "command_palette", "Commands", id="app.palette", show=False),
    ]

    def __init__(self, desk: Desk, *, theme: str = DARK, cursor_blink: bool = True,
                 exit_after_paint: bool = False, keymap: dict[str, str] | None = None,
                 keymap_file: Path | None = None):
        super().__init__()
        self.keymap_file = keymap_file  # named by the help screen
        if keymap:
            self.set_keymap(keymap)
        self.desk = desk
        self.cursor_blink = cursor_blink
        self.exit_after_paint = exit_after_paint
        self.theme = theme

    def get_default_screen(self) -> Screen:
        from fbdesk.ui.screens.inbox import InboxScreen

        return InboxScreen()

    def inbox_painted(self) -> None:
        """Called by the inbox once its first rows are on screen."""
        # Everything alive now (imported modules, the app's widgets) lives as long as the app: keep it out of the
        # garbage collector's full passes, which otherwise stall typing for ~90 ms every few seconds.
        gc.freeze()
        if self.exit_after_paint:
            self.exit()

    def action_help(self) -> None:
        from fbdesk.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_toggle_dark(self) -> None:
        self.theme = LIGHT if self.theme == DARK else DARK

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette offers the actions of the current screen (each binding with a description), then the
        app's own."""
        seen = set()
        for binding in getattr(screen, "BINDINGS", ()):
            if not isinstance(binding, Binding) or not binding.description or binding.action in seen:
                continue
            if screen.check_action(binding.action.split("(")[0], ()) is False:
                continue
            seen.add(binding.action)
            yield SystemCommand(binding.description, f"key: {self.get_key_display(binding)}",
                                lambda action=binding.action: screen.run_action(action))
        yield SystemCommand("Light or dark theme", "Switch between the light and the dark theme (f2)",
                            self.action_toggle_dark)
        yield SystemCommand("Help", "Every key of this screen (?)", self.action_help)
        yield from super().get_system_commands(screen)


def build_app(desk: Desk, *, theme: str = DARK, cursor_blink: bool = True, exit_after_paint: bool = False,
              keymap: dict[str, str] | None = None, keymap_file: Path | None = None) -> FbdeskApp:
    return FbdeskApp(desk, theme=theme, cursor_blink=cursor_blink, exit_after_paint=exit_after_paint,
                     keymap=keymap, keymap_file=keymap_file)


def run(desk: Desk, *, keymap_file: Path | None = None, exit_after_paint: bool = False) -> None:
    """Run the app; raises `KeymapError` for an unusable keymap file before anything is drawn."""
    from fbdesk.ui import paste_guard
    from fbdesk.ui.keymap import load_keymap

    paste_guard.install()
    keymap = load_keymap(keymap_file) if keymap_file else None
    build_app(desk, exit_after_paint=exit_after_paint, keymap=keymap, keymap_file=keymap_file).run()
