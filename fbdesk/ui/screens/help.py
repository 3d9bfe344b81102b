"""Help: every key of the screen it was opened from."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Static

from fbdesk.ui.bound_keys import bound_actions
from fbdesk.ui.screens.base import DeskModal

EXTRA = {
    "InboxScreen": [("click a heading", "Sort by that column")],
    "ComposerScreen": [
        ("typing", "Findings update as you type; highlighted spans are the problems"),
        ("ctrl+z / ctrl+y", "Undo / redo"),
        ("tab", "Move to the findings list"),
    ],
    "ResponseScreen": [
        ("typing", "Findings update as you type; highlighted spans are the problems"),
        ("ctrl+z / ctrl+y", "Undo / redo"),
    ],
}


def bindings_table(screen: Screen) -> Table:
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    table.add_column(style="dim", no_wrap=True)  # the binding id, for the keymap file
    for bound in bound_actions(screen):
        style = "" if bound.enabled else "dim"
        table.add_row(Text(bound.keys_text), Text(bound.description, style=style), Text(bound.binding_id))
    for keys, what in EXTRA.get(type(screen).__name__, []):
        table.add_row(Text(keys), Text(what))
    return table


class HelpScreen(DeskModal[None]):
    CSS_PATH = "help.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,question_mark,f1", "close", "Close", id="help.close")]

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.for_screen = screen

    def compose(self) -> ComposeResult:
        title = getattr(self.for_screen, "HELP_TITLE", type(self.for_screen).__name__.removesuffix("Screen"))
        with Vertical(id="help"):
            yield Label(Text(f"Keys: {title}"), classes="dialog-title")
            with VerticalScroll():
                yield Static(bindings_table(self.for_screen))
            where = self.app.keymap_file or "a keymap file (--keymap)"
            yield Static(Text(f"escape closes · remap keys by id in {where}", style="dim"))

    def action_close(self) -> None:
        self.dismiss()
