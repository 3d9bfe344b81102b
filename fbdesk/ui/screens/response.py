"""The response editor: the one public response Amazon allows, linted as it is typed. After submission the text is
read only; deleting it asks first and then shows the lock and its reason."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from fbdesk.desk import DraftKind, Response, ResponseState, RuleRefusal, StaleContext, Verdict
from fbdesk.ui import formatting as fmt
from fbdesk.ui.safe_text import inert, one_line, plain
from fbdesk.ui.screens.editor import LintedEditorScreen
from fbdesk.ui.screens.review import ReviewScreen

PERMANENT = Text.assemble(
    ("This response will be public, next to the feedback, for every buyer to see.\n", "bold"),
    ("It can never be edited. ", "bold"),
    "You can only delete it, and after deleting it you cannot submit a second response "
    "(unless the buyer changes or removes the feedback).",
)
DELETE_WARNING = Text.assemble(
    ("Delete the public response?\n\n", "bold"),
    "Amazon allows one response per feedback. After deleting it you cannot submit another one "
    "unless the buyer changes or removes the feedback.",
)


class ResponseScreen(LintedEditorScreen):
    KIND = DraftKind.RESPONSE
    TITLE = "Public response"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "send", "Submit…", id="response.submit"),
        Binding("d", "delete", "Delete response", id="response.delete"),
        Binding("escape,q", "back", "Back", id="response.back"),
    ]

    def __init__(self, feedback_id: int) -> None:
        super().__init__(feedback_id)
        self.editing = True  # False once no response may be submitted: the text shown is then read only
        self.live = False  # a live response is shown, which may be deleted

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield Static(id="submitted")

    def on_mount(self) -> None:
        super().on_mount()
        self.show_state()

    def show_state(self) -> None:
        """Editing while a response may be submitted; otherwise the submitted text, read only, or the lock."""
        case = self.desk.get_case(self.feedback_id)
        response = case.current_response
        lock = case.response_lock
        self.editing = lock is None
        self.live = response is not None and response.state == ResponseState.LIVE
        body = self.query_one("#editor-body")
        body.display = self.editing
        # Disabled too, so that the editor cannot take the focus (the one given as the screen opens included)
        # and type the keys of this screen, d among them, into a hidden text.
        body.disabled = not self.editing
        submitted = self.query_one("#submitted", Static)
        submitted.display = not self.editing
        if not self.editing:
            submitted.update(self._submitted_view(response, lock))
            self.set_focus(None)
        self.refresh_bindings()

    def _submitted_view(self, response: Response | None, lock: str | None) -> Text:
        text = Text()
        if response is not None:
            text.append(f"{fmt.response_label(response.state)}", style="bold")
            text.append_text(
                one_line(f"  ·  submitted {fmt.moment(response.submitted_at)} by {response.agent}", style="dim")
            )
            text.append("\n\n")
            text.append_text(inert(response.body, style="" if response.state == ResponseState.LIVE else "strike dim"))
            text.append("\n\n")
        if self.live:
            text.append("Read only: a submitted response can never be edited. ", style="bold")
            text.append("d deletes it; after that no second response is allowed.")
        else:
            text.append("🔒 Locked\n", style="bold red")
            text.append(lock or "")
        return text

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "delete":
            return self.live
        if action in ("send", "templates", "apply_fix", "next_finding"):
            return self.editing
        return True

    def review_screen(self, text: str, verdict: Verdict, stale: StaleContext | None) -> ReviewScreen:
        def submit(acknowledgement: str | None) -> None:
            self.desk.submit_response(self.feedback_id, text, acknowledgement=acknowledgement, context=self.context)

        return ReviewScreen(
            title="Submit the public response?",
            text=text,
            verdict=verdict,
            submit=submit,
            send_label="Submit for good",
            warning=PERMANENT,
            stale=stale,
            reread=self.case_reread,
        )

    def sent(self) -> None:
        self.notify("Response submitted. It is now read only.", markup=False)
        self.show_state()

    def action_delete(self) -> None:
        from fbdesk.ui.screens.dialogs import ConfirmScreen

        self.app.push_screen(
            ConfirmScreen("Delete the response", DELETE_WARNING, "Delete for good"), self._delete_answered
        )

    def _delete_answered(self, delete: bool | None) -> None:
        if not delete:
            return
        try:
            self.desk.delete_response(self.feedback_id)
        except RuleRefusal as refusal:
            self.notify(plain(str(refusal)), title="Not deleted", severity="error", timeout=10, markup=False)
            return
        self.notify("Response deleted.", markup=False)
        self.show_state()

    def save_draft(self) -> None:
        if self.editing:
            super().save_draft()
