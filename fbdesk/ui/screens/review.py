"""The review step before a message is sent or a response submitted: send, or go back to the text (escape). It
shows the Desk's verdict on the text: errors make sending impossible and say why; warnings need an acknowledgement
with a reason. The Desk has the last word when it sends: its refusal is shown here and the text is kept; if the case
changed meanwhile, the verdict that came with the refusal replaces the one shown.

What changed in the case since the agent began writing (the Desk's `StaleContext`, asked as the step opens and
given again by a refused send) comes first, with the texts to re-read; sending waits until the agent confirms
having re-read them (ctrl+r), and then goes with the Desk's new mark of the case."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Static

from fbdesk.desk import CaseContext, Change, Finding, LintRefusal, RuleRefusal, Severity, StaleContext, Verdict
from fbdesk.ui.safe_text import inert, one_line, plain
from fbdesk.ui.screens.base import DeskModal


class Reviewed(StrEnum):
    """How the review step ended."""

    SENT = "sent"
    EDIT = "edit"  # back to the editor, the text as it was


def finding_lines(findings: Iterable[Finding]) -> Text:
    text = Text()
    for n, finding in enumerate(findings):
        if n:
            text.append("\n")
        style = "bold red" if finding.severity == Severity.ERROR else "bold yellow"
        text.append(f"{finding.severity}: {finding.rule}", style=style)
        text.append(" — ")
        text.append_text(one_line(finding.message, limit=300))
        if finding.fix is not None:
            text.append("\n   fix: ", style="dim")
            fix = one_line(finding.fix, limit=300, style="dim") if finding.fix else Text("remove it", style="dim")
            text.append_text(fix)
    return text


REREAD_LIMIT = 2_000  # characters shown of each text to re-read; the case view has the whole of it


def change_lines(changes: Iterable[Change]) -> Text:
    text = Text()
    for n, change in enumerate(changes):
        if n:
            text.append("\n")
        text.append("• ", style="bold")
        text.append_text(one_line(change.sentence, style="bold", limit=300))
        if change.text.strip():
            text.append("\n")
            text.append_text(inert(change.text.strip(), style="italic", limit=REREAD_LIMIT))
    return text


class ReviewScreen(DeskModal[Reviewed]):
    """`verdict` is the Desk's (`Desk.check`); `submit(acknowledgement)` does the sending and may raise
    `RuleRefusal`. `stale` is what changed in the case since the agent began writing (`Desk.check_context`), if
    anything; `reread(mark)` is told the Desk's new mark once the agent confirms having re-read it, so that the next
    `submit` sends with it. The screen has no rule of its own."""

    CSS_PATH = "review.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "send", "Send", id="review.send"),
        Binding("escape,ctrl+e", "edit", "Back to the text", id="review.edit"),
        Binding("ctrl+r", "reread", "I have re-read the changes", id="review.reread"),
    ]

    def __init__(
        self,
        *,
        title: str,
        text: str,
        verdict: Verdict,
        submit: Callable[[str | None], object],
        send_label: str = "Send",
        warning: Text | None = None,
        destination: Text | None = None,
        stale: StaleContext | None = None,
        reread: Callable[[CaseContext], None] | None = None,
    ) -> None:
        super().__init__()
        self.stale = stale  # changes the agent has yet to confirm having re-read
        self.confirmed: tuple[Change, ...] = ()  # changes they confirmed, still shown
        self.reread = reread
        self.destination = destination  # where a message goes, as the Desk says it
        self.title_text = title
        self.text = text
        self.submit = submit
        self.send_label = send_label
        self.warning = warning
        self.verdict = verdict

    def compose(self) -> ComposeResult:
        judged = self.verdict
        with Vertical(id="review"):
            yield Label(Text(self.title_text), classes="dialog-title")
            if self.stale is not None or self.confirmed:
                with VerticalScroll(id="review-changes") as changes:
                    if self.stale is not None:
                        changes.border_title = "The case changed since you began writing"
                    yield Static(self._changes_text())
            if self.destination is not None:
                yield Static(self.destination, id="review-destination")
            with VerticalScroll(id="review-text"):
                yield Static(inert(self.text))
            if self.warning is not None:
                yield Static(self.warning, id="review-warning")
            if judged.blocked:
                yield Static(
                    Text.assemble(
                        ("This cannot be sent. Fix these first:\n", "bold red"), finding_lines(judged.blocking)
                    ),
                    id="review-errors",
                )
            elif judged.needs_acknowledgement:
                yield Static(
                    Text.assemble(
                        ("Warnings: to send anyway, say why.\n", "bold yellow"), finding_lines(judged.to_acknowledge)
                    ),
                    id="review-warnings",
                )
                yield Input(placeholder="Reason for sending despite the warnings (required)", id="reason")
            else:
                yield Static(Text("No findings.", style="green"), id="review-clean")
            yield Static(id="review-refusal")
            with Horizontal(classes="dialog-buttons"):
                yield Button(
                    f"{self.send_label} (ctrl+s)",
                    id="send",
                    variant="primary",
                    disabled=judged.blocked or judged.needs_acknowledgement or self.stale is not None,
                )
                yield Button("Edit (esc)", id="edit")

    def _changes_text(self) -> Text:
        if self.stale is not None:
            return Text.assemble(
                "Re-read these before sending; press ",
                ("ctrl+r", "bold"),
                " once you have (esc goes back to the text, which is kept):\n",
                change_lines(self.stale.changes),
            )
        return Text.assemble(
            ("You re-read what changed since you began writing:\n", "bold"), change_lines(self.confirmed)
        )

    def on_mount(self) -> None:
        self._focus_first()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reread":
            return self.stale is not None
        return True

    def _focus_first(self) -> None:
        if self.stale is not None:
            # Nothing goes out by a stray enter before the re-read; the changes stay in view on a short screen.
            self.query_one("#edit", Button).focus(scroll_visible=False)
        elif self.verdict.needs_acknowledgement:
            reason = self.query_one("#reason", Input)
            reason.cursor_blink = self.app.cursor_blink
            reason.focus()
        elif self.verdict.blocked:
            self.query_one("#edit", Button).focus()
        else:
            self.query_one("#send", Button).focus()

    @on(Input.Changed, "#reason")
    def _reason_typed(self, event: Input.Changed) -> None:
        self.query_one("#send", Button).disabled = not event.value.strip() or self.stale is not None

    async def action_reread(self) -> None:
        """The agent confirms having re-read what changed: the next send goes with the Desk's new mark."""
        if self.stale is None:
            return
        if self.reread is not None:
            self.reread(self.stale.current)
        self.confirmed, self.stale = (*self.confirmed, *self.stale.changes), None
        reason = self.query_one("#reason", Input).value if self.verdict.needs_acknowledgement else ""
        await self.recompose()
        if reason:
            self.query_one("#reason", Input).value = reason
        self._focus_first()
        self.refresh_bindings()

    @on(Input.Submitted, "#reason")
    async def _reason_submitted(self) -> None:
        await self.action_send()

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "send":
            await self.action_send()
        else:
            self.action_edit()

    async def action_send(self) -> None:
        if self.stale is not None:
            self._refusal("Re-read what changed in the case (above), then confirm with ctrl+r before sending.")
            return
        if self.verdict.blocked:
            self._refusal("Sending is impossible while there are errors; edit the text first.")
            return
        reason = self.query_one("#reason", Input).value.strip() if self.verdict.needs_acknowledgement else None
        if self.verdict.needs_acknowledgement and not reason:
            self._refusal("Type the reason for sending despite the warnings.")
            return
        try:
            self.submit(reason)
        except StaleContext as stale:
            # The case changed again while the agent was reviewing: show it, and wait for another confirmation.
            self.stale = stale
            await self.recompose()
            if reason:
                self.query_one("#reason", Input).value = reason
            self._focus_first()
            self.refresh_bindings()
            self._refusal("Not sent: the case changed while you were reviewing. Re-read the changes above.")
            return
        except LintRefusal as refusal:
            # The case changed since the verdict shown was given: show the one the Desk sent with its refusal,
            # with the reason field if it asks for one, rather than a refusal the agent cannot act on.
            self.verdict = refusal.verdict
            await self.recompose()
            self._focus_first()
            self._refusal("The case changed while you were reviewing; the findings above are the Desk's latest check.")
            return
        except RuleRefusal as refusal:
            self._refusal(plain(str(refusal)))
            return
        self.dismiss(Reviewed.SENT)

    def _refusal(self, message: str) -> None:
        self.query_one("#review-refusal", Static).update(Text(message, style="bold red"))

    def unsaved_input(self) -> str | None:
        """What quitting now would lose (asked by the app before it quits); the text itself is a saved draft."""
        reason = self.query_one("#reason", Input).value if self.verdict.needs_acknowledgement else ""
        return "The reason you typed for sending despite the warnings would be lost." if reason.strip() else None

    def action_edit(self) -> None:
        self.dismiss(Reviewed.EDIT)
