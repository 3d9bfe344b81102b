"""The review step before a message is sent or a response submitted: send, edit or cancel. Errors make sending
impossible and say why; warnings need an acknowledgement with a reason. The Desk has the last word: its refusal
is shown here and the text is kept."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from fbdesk.desk import RuleRefusal
from fbdesk.ui.safe_text import inert, one_line, plain


def finding_lines(findings) -> Text:
    text = Text()
    for n, finding in enumerate(findings):
        if n:
            text.append("\n")
        style = "bold red" if finding.severity == "error" else "bold yellow"
        text.append(f"{finding.severity}: {finding.rule}", style=style)
        text.append(" — ")
        text.append_text(one_line(finding.message, limit=300))
        if finding.fix is not None:
            text.append("\n   fix: ", style="dim")
            fix = one_line(finding.fix, limit=300, style="dim") if finding.fix else Text("remove it", style="dim")
            text.append_text(fix)
    return text


class ReviewScreen(ModalScreen):
    """Dismisses with "sent", "edit" or "cancel". `submit(acknowledgement)` does the sending and may raise
    `RuleRefusal`."""

    CSS_PATH = "review.tcss"
    BINDINGS = [
        Binding("ctrl+s", "send", "Send", id="review.send"),
        Binding("ctrl+e", "edit", "Edit", id="review.edit"),
        Binding("escape", "cancel", "Cancel", id="review.cancel"),
    ]

    def __init__(self, *, title: str, text: str, findings: list, submit: Callable[[str | None], None],
                 send_label: str = "Send", warning: Text | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.text = text
        self.findings = findings
        self.submit = submit
        self.send_label = send_label
        self.warning = warning
        self.errors = [f for f in findings if f.severity == "error"]
        self.warnings = [f for f in findings if f.severity == "warning"]

    def compose(self) -> ComposeResult:
        with Vertical(id="review"):
            yield Label(Text(self.title_text), classes="dialog-title")
            with VerticalScroll(id="review-text"):
                yield Static(inert(self.text))
            if self.warning is not None:
                yield Static(self.warning, id="review-warning")
            if self.errors:
                yield Static(Text.assemble(
                    ("This cannot be sent. Fix these first:\n", "bold red"), finding_lines(self.errors)),
                    id="review-errors")
            elif self.warnings:
                yield Static(Text.assemble(
                    ("Warnings: to send anyway, say why.\n", "bold yellow"), finding_lines(self.warnings)),
                    id="review-warnings")
                yield Input(placeholder="Reason for sending despite the warnings (required)", id="reason")
            else:
                yield Static(Text("No findings.", style="green"), id="review-clean")
            yield Static(id="review-refusal")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.send_label} (ctrl+s)", id="send", variant="primary",
                             disabled=bool(self.errors) or bool(self.warnings))
                yield Button("Edit (ctrl+e)", id="edit")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        if self.warnings and not self.errors:
            reason = self.query_one("#reason", Input)
            reason.cursor_blink = self.app.cursor_blink
            reason.focus()
        elif self.errors:
            self.query_one("#edit", Button).focus()
        else:
            self.query_one("#send", Button).focus()

    @on(Input.Changed, "#reason")
    def _reason_typed(self, event: Input.Changed) -> None:
        self.query_one("#send", Button).disabled = not event.value.strip()

    @on(Input.Submitted, "#reason")
    def _reason_submitted(self) -> None:
        self.action_send()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        {"send": self.action_send, "edit": self.action_edit, "cancel": self.action_cancel}[event.button.id]()

    def action_send(self) -> None:
        if self.errors:
            self._refusal("Sending is impossible while there are errors; edit the text first.")
            return
        reason = self.query_one("#reason", Input).value.strip() if self.warnings else None
        if self.warnings and not reason:
            self._refusal("Type the reason for sending despite the warnings.")
            return
        try:
            self.submit(reason)
        except RuleRefusal as refusal:
            self._refusal(plain(str(refusal)))
            return
        self.dismiss("sent")

    def _refusal(self, message: str) -> None:
        self.query_one("#review-refusal", Static).update(Text(message, style="bold red"))

    def action_edit(self) -> None:
        self.dismiss("edit")

    def action_cancel(self) -> None:
        self.dismiss("cancel")
