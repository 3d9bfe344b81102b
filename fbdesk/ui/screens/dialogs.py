"""Small modal dialogs: pick one of several choices, type a text, confirm an action."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from fbdesk.ui.safe_text import one_line
from fbdesk.ui.screens.base import DeskModal


class ChoiceScreen(DeskModal[str | None]):
    """Pick one value from a list; dismisses with the value, or None on escape."""

    CSS_PATH = "dialogs.tcss"
    VERTICAL_BREAKPOINTS = [(0, "-short"), (36, "-tall")]  # noqa: RUF012 (Textual types it as an instance variable)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "cancel", "Cancel", id="dialog.cancel"),
        Binding("j", "down", show=False, id="dialog.down"),
        Binding("k", "up", show=False, id="dialog.up"),
    ]

    def __init__(
        self, title: str, choices: Sequence[tuple[str, str | Text]], current: str | None = None, hint: str = ""
    ) -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices
        self.current = current
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(self.title_text), classes="dialog-title")
            options = [
                Option(label if isinstance(label, Text) else one_line(label), id=value) for value, label in self.choices
            ]
            yield OptionList(*options, id="choices")
            if self.hint:
                yield Static(Text(self.hint), classes="dialog-hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        values = [value for value, _ in self.choices]
        if self.current in values:
            options.highlighted = values.index(self.current)
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()


class TextPromptScreen(DeskModal[str | None]):
    """Type a text: a note (several lines; ctrl+s saves) or a name (`single_line`; enter saves). Escape cancels,
    asking first if anything was typed. Dismisses with the text or None."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="prompt.save"),
        Binding("escape", "cancel", "Cancel", id="prompt.cancel"),
    ]

    def __init__(self, title: str, hint: str = "", *, single_line: bool = False, what: str = "note") -> None:
        super().__init__()
        self.title_text = title
        self.hint = hint
        self.single_line = single_line
        self.what = what  # named by the question before typing is discarded

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(self.title_text), classes="dialog-title")
            if self.single_line:
                yield Input(id="prompt-line")
            else:
                yield TextArea(id="prompt-text", soft_wrap=True)
            default_hint = "enter save · escape cancel" if self.single_line else "ctrl+s save · escape cancel"
            yield Static(Text(self.hint or default_hint), classes="dialog-hint")

    def on_mount(self) -> None:
        field = self.query_one("#prompt-line", Input) if self.single_line else self.query_one("#prompt-text", TextArea)
        field.cursor_blink = self.app.cursor_blink
        field.focus()

    @property
    def typed(self) -> str:
        if self.single_line:
            return self.query_one("#prompt-line", Input).value
        return self.query_one("#prompt-text", TextArea).text

    def unsaved_input(self) -> str | None:
        """What quitting now would lose (asked by the app before it quits)."""
        return f"The {self.what} you are typing would be lost." if self.typed.strip() else None

    def on_input_submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        self.dismiss(self.typed)

    def action_cancel(self) -> None:
        if not self.typed.strip():
            self.dismiss(None)
            return
        self.app.push_screen(
            ConfirmScreen(
                f"Discard the {self.what}?", Text("What you typed will be lost."), "Discard", cancel_label="Keep typing"
            ),
            self._discard_answered,
        )

    def _discard_answered(self, discard: bool | None) -> None:
        if discard:
            self.dismiss(None)


class ConfirmScreen(DeskModal[bool]):
    """A yes/no question about an action that cannot be undone. Dismisses with True or False."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "confirm", "Yes", id="confirm.yes"),
        Binding("n,escape", "cancel", "No", id="confirm.no"),
    ]

    def __init__(self, title: str, body: Text, confirm_label: str, cancel_label: str = "Cancel") -> None:
        super().__init__()
        self.title_text = title
        self.body = body
        self.confirm_label = confirm_label
        self.cancel_label = cancel_label

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog confirm"):
            yield Label(Text(self.title_text), classes="dialog-title")
            yield Static(self.body, classes="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.confirm_label} (y)", id="yes", variant="error")
                yield Button(f"{self.cancel_label} (n)", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_confirm(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
