"""One line saying what the background mail sync is doing ("mail: connected · last sync 10:42", "mail: sending…",
"… last error: …"), as the app keeps it in `FbdeskApp.mail_state`."""

from __future__ import annotations

from rich.text import Text
from textual import getters
from textual.widgets import Static

from fbdesk.ui.app import FbdeskApp


class MailStatus(Static):
    app = getters.app(FbdeskApp)
    DEFAULT_CSS = """
    MailStatus {
        width: auto;
        height: 1;
        color: $text-muted;
    }
    """

    def __init__(self, *, hide_when_not_set_up: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hide_when_not_set_up = hide_when_not_set_up

    def on_mount(self) -> None:
        if self.hide_when_not_set_up and not self.app.mail_set_up:
            self.display = False
            return
        self.watch(self.app, "mail_state", self._show)

    def _show(self, state: str) -> None:
        # The state holds only the Desk's plain messages (never a password), made inert where they quote a server.
        self.update(Text(state, no_wrap=True, overflow="ellipsis", style="bold red" if "error" in state else ""))
