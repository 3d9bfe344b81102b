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

from fbdesk.ui.screens.base import DeskModal

EXTRA = {
    "InboxScreen": [
        ("j / k, ↑ / ↓", "Move in the list"),
        ("g / G", "First row / last loaded row"),
        ("click a heading", "Sort by that column"),
    ],
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
    app = screen.app
    seen: set[tuple[str, str]] = set()
    for active in screen.active_bindings.values():
        binding = active.binding
        if binding.system or not binding.description or not binding.id:
            continue
        entry = (binding.action, binding.description)
        if entry in seen:
            continue
        seen.add(entry)
        bound = [k for k, a in screen.active_bindings.items() if (a.binding.action, a.binding.description) == entry]
        display = " / ".join(app.get_key_display(screen.active_bindings[k].binding) for k in bound)
        table.add_row(Text(display), Text(binding.description, style="" if active.enabled else "dim"), Text(binding.id))
    for keys, what in EXTRA.get(type(screen).__name__, []):
        table.add_row(Text(keys), Text(what))
    table.add_row(Text("ctrl+p"), Text("Command palette: search every action"))
    table.add_row(Text("f2"), Text("Light or dark theme"))
    table.add_row(Text("ctrl+q"), Text("Quit"))
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
