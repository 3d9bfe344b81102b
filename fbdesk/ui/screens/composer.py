"""The composer: a message to the buyer, checked as it is typed, sent through the review step."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from fbdesk.desk import DraftKind, StaleContext, Verdict
from fbdesk.ui.safe_text import inert
from fbdesk.ui.screens.editor import LintedEditorScreen
from fbdesk.ui.screens.review import ReviewScreen


def destination_text(text: str, problem: bool) -> Text:
    return inert(text, style="bold yellow" if problem else "", limit=600)


class ComposerScreen(LintedEditorScreen):
    KIND = DraftKind.MESSAGE
    TITLE = "Message to the buyer"
    DEFAULT_CSS = """
    #composer-destination {
        height: auto;
        padding: 0 1;
        background: $panel;
        color: $text-muted;
    }
    """

    def on_mount(self) -> None:
        # (Textual also runs LintedEditorScreen.on_mount, which fills the header this line goes under.)
        destination = self.desk.destination(self.feedback_id)
        self.mount(
            Static(destination_text(destination.describe(), bool(destination.problem)), id="composer-destination"),
            after="#editor-header",
        )

    def review_screen(self, text: str, verdict: Verdict, stale: StaleContext | None) -> ReviewScreen:
        def submit(acknowledgement: str | None) -> None:
            self.desk.send_message(self.feedback_id, text, acknowledgement=acknowledgement, context=self.context)

        destination = self.desk.destination(self.feedback_id)
        return ReviewScreen(
            title="Review the message before it goes to the buyer",
            text=text,
            verdict=verdict,
            submit=submit,
            destination=destination_text(destination.describe(), bool(destination.problem)),
            stale=stale,
            reread=self.case_reread,
        )

    def sent(self) -> None:
        self.notify("Message queued for the buyer.", markup=False)
        self.dismiss()
