"""The composer: a message to the buyer, checked as it is typed, sent through the review step."""

from __future__ import annotations

from fbdesk.desk import DraftKind, Verdict
from fbdesk.ui.screens.editor import LintedEditorScreen
from fbdesk.ui.screens.review import ReviewScreen


class ComposerScreen(LintedEditorScreen):
    KIND = DraftKind.MESSAGE
    TITLE = "Message to the buyer"

    def review_screen(self, text: str, verdict: Verdict) -> ReviewScreen:
        def submit(acknowledgement: str | None) -> None:
            self.desk.send_message(self.feedback_id, text, acknowledgement=acknowledgement)

        return ReviewScreen(title="Review the message before it goes to the buyer", text=text, verdict=verdict,
                            submit=submit)

    def sent(self) -> None:
        self.notify("Message queued for the buyer.", markup=False)
        self.dismiss()
