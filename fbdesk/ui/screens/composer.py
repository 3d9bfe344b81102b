"""The composer: a message to the buyer, linted as it is typed, sent through the review step."""

from __future__ import annotations

from fbdesk.domain.policy import lint
from fbdesk.ui.screens.editor import LintedEditorScreen


class ComposerScreen(LintedEditorScreen):
    KIND = "message"
    TITLE = "Message to the buyer"

    def action_send(self) -> None:
        from fbdesk.ui.screens.review import ReviewScreen

        text = self.editor.text
        if not text.strip():
            self.notify("The message is empty.", severity="warning", markup=False)
            return
        self.save_draft()
        context = self.desk.lint_context(self.feedback_id, self.KIND)  # fresh: the case may have changed
        findings = lint(text, context)

        def submit(acknowledgement: str | None) -> None:
            self.desk.send_message(self.feedback_id, text, acknowledgement=acknowledgement)

        self.app.push_screen(
            ReviewScreen(title="Review the message before it goes to the buyer", text=text, findings=findings,
                         submit=submit),
            self._reviewed)

    def _reviewed(self, outcome: str) -> None:
        if outcome == "sent":
            self.keep_drafts = False
            self.notify("Message queued for the buyer.", markup=False)
            self.dismiss()
        elif outcome == "cancel":
            self.leave()
        else:
            self.editor.focus()
