"""The fbdesk Textual app, built from a Desk by `build_app` (shared by `run`, the tests and the scripts)."""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Iterable
from dataclasses import replace
from functools import partial
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer

if TYPE_CHECKING:
    from fbdesk.desk import Desk, DeskChange, SyncReport, Watch
    from fbdesk.ui.undo import UndoOffer

log = logging.getLogger(__name__)

DARK, LIGHT = "textual-dark", "textual-light"


class DeskChanged(Message):
    """Another helpdesk changed the desk: posted from the live desk's thread, what changed waits in the app."""


class FbdeskApp(App[None]):
    # The inbox is the default screen, whose CSS_PATH Textual (8.2) does not load: its styles are loaded here.
    CSS_PATH: ClassVar[list[str | PurePath]] = ["app.tcss", "screens/inbox.tcss"]
    TITLE = "fbdesk"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True, show=False),
        # "?" where no editor takes it as text; f1 everywhere (the footer shows whichever works on the screen)
        Binding("question_mark,f1", "help", "Help", id="app.help"),
        Binding("f2", "toggle_dark", "Light/dark", id="app.theme", show=False),
        Binding("ctrl+p", "command_palette", "Commands", id="app.palette", show=False),
    ]

    # What the mail worker is doing, for the status line of the inbox and the case view (plain text).
    mail_state: reactive[str] = reactive("", init=False)

    def __init__(
        self,
        desk: Desk,
        *,
        theme: str = DARK,
        cursor_blink: bool = True,
        exit_after_paint: bool = False,
        keymap: dict[str, str] | None = None,
        keymap_file: Path | None = None,
        sync_interval: float | None = None,
        notice: str | None = None,
    ):
        super().__init__()
        self.notice = notice  # shown on start (the demo says its data is temporary)
        # Seconds between two background syncs of the mail (deliver the outbox, fetch replies); None: never.
        self.sync_interval = sync_interval
        self._sync_timer: Timer | None = None
        self._syncing = False
        self.keymap_file = keymap_file  # named by the help screen
        self.keymap_problems: list[str] = []  # reported once the app runs; the keymap still applies
        if keymap:
            from fbdesk.ui.keymap import keymap_problems

            self.keymap_problems = keymap_problems(keymap)
            self.set_keymap(keymap)
        self._quit_question: Screen | None = None  # the question asked before quitting, while it is open
        self.desk = desk
        self.cursor_blink = cursor_blink
        self.exit_after_paint = exit_after_paint
        self.theme = theme
        self.mail_state = self._idle_mail_state()
        self._judgement_prepared = False  # the language detector and rules loaded off the event loop
        self.undo_offer: UndoOffer | None = None  # the last status or assignee change, while it may be undone
        self.live: Watch | None = None  # hears the other helpdesks' changes, keeps up this agent's presence
        self._live_change: DeskChange | None = None  # heard, not yet shown
        self._live_lock = threading.Lock()

    def get_default_screen(self) -> Screen:
        from fbdesk.ui.screens.inbox import InboxScreen

        return InboxScreen()

    def inbox_painted(self) -> None:
        """Called by the inbox once its first rows are on screen."""
        # Everything alive now (imported modules, the app's widgets) lives as long as the app: keep it out of the
        # garbage collector's full passes, which otherwise stall typing for ~90 ms every few seconds.
        gc.freeze()
        if self.exit_after_paint:
            self.exit()
        elif not self._judgement_prepared:  # after the first paint, so that it does not delay it
            self._judgement_prepared = True
            self.run_worker(self._prepare_judgement, name="policy-warm-up", thread=True, exit_on_error=False)

    def _prepare_judgement(self) -> None:
        self.desk.prepare_judgement()
        # The rules and the detector's models (~150,000 containers) live as long as the app too: out of the full
        # passes as well, which walking them stalled typing in the composer 100-300 ms every few seconds. (No
        # collection first: it would stall the event loop once as long; loading leaves little garbage.)
        gc.freeze()

    # --- the mail worker -------------------------------------------------------------------------------

    @property
    def mail_set_up(self) -> bool:
        return self.desk.mail.smtp is not None or self.desk.mail.imap is not None

    def _idle_mail_state(self) -> str:
        return "mail: connected" if self.mail_set_up else "mail: not set up (smtp_url, imap_url)"

    def on_mount(self) -> None:
        if self.notice:
            self.notify(self.notice, title="fbdesk demo", timeout=20, markup=False)
        if self.keymap_problems:
            for problem in self.keymap_problems:
                log.warning("keymap %s: %s", self.keymap_file or "", problem)
            self.notify(
                "\n".join(self.keymap_problems) + "\n\nEvery other key works as the keymap says.",
                title=f"Keymap {self.keymap_file or ''}".strip(),
                severity="warning",
                timeout=30,
                markup=False,
            )
        if self.mail_set_up and self.sync_interval:
            self._sync_timer = self.set_interval(self.sync_interval, self.sync_mail)
            self.call_after_refresh(self.sync_mail)
        self.live = self.desk.watch(self._heard)

    def _heard(self, change: DeskChange) -> None:
        """In the live desk's thread: handed to the event loop (post_message is thread-safe). While one change waits
        to be shown, those heard after it join it: a screen slower to redraw than changes come never falls behind."""
        with self._live_lock:
            waiting = self._live_change is not None
            old = self._live_change or change
            self._live_change = replace(old, data=old.data or change.data, presence=old.presence or change.presence)
        if not waiting:
            self.post_message(DeskChanged())

    def on_unmount(self) -> None:
        if self.live is not None:
            self.live.stop()  # and this agent's presence is removed: a clean exit

    # --- the live desk ---------------------------------------------------------------------------------

    def on_desk_changed(self, _message: DeskChanged) -> None:
        """Another helpdesk changed the desk: the screen on top shows it now (each screen below catches up as it
        comes back on top, when it reads the desk again)."""
        with self._live_lock:
            change, self._live_change = self._live_change, None
        shown = getattr(self.screen, "desk_changed", None)
        if change is not None and callable(shown):
            shown(change)

    def hold_presence(self, feedback_id: int, activity: str) -> None:
        """The agent is at the case ("viewing", or "writing" to the buyer) until `release_presence`: the other
        agents see it (written and renewed off the event loop)."""
        if self.live is not None:
            self.live.hold(feedback_id, activity)

    def release_presence(self, feedback_id: int, activity: str | None = None) -> None:
        if self.live is not None:
            self.live.release(feedback_id, activity)

    def sync_mail(self) -> None:
        """Start a background sync of the mail, unless one is running; typing is never blocked by it."""
        if self._syncing or not self.mail_set_up:
            return
        self._syncing = True
        self.mail_state = "mail: sending…"
        self.run_worker(self._sync_in_thread, name="mail-sync", group="mail-sync", thread=True, exit_on_error=False)

    def _sync_in_thread(self) -> None:
        try:
            report = self.desk.sync()
        except Exception as exc:  # anything at all: the helpdesk keeps running and says so
            log.exception("mail sync failed")
            self.call_from_thread(self._sync_failed, (str(exc).strip().splitlines() or [type(exc).__name__])[0])
            return
        self.call_from_thread(self._sync_done, report)

    def _sync_done(self, report: SyncReport) -> None:
        from fbdesk.ui.safe_text import plain

        self._syncing = False
        at = f"{self.desk.clock():%H:%M}"
        done = report.brief()
        state = f"mail: connected · last sync {at}" + (f" ({done})" if done else "")
        if report.problems:
            state += " · last error: " + plain(report.problems[0], limit=300)
        self.mail_state = state
        if report.changed:
            refresh = getattr(self.screen, "mail_synced", None)
            if callable(refresh):
                refresh()

    def _sync_failed(self, error: str) -> None:
        from fbdesk.ui.safe_text import plain

        self._syncing = False
        self.mail_state = f"mail: last error: {plain(error, limit=200)} (details in the log)"

    def action_help(self) -> None:
        from fbdesk.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_toggle_dark(self) -> None:
        self.theme = LIGHT if self.theme == DARK else DARK

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette offers what the keys of the current screen do now (as the help screen lists them), then
        Textual's own commands that no key does."""
        from fbdesk.ui.bound_keys import bound_actions

        offered = set()
        for bound in bound_actions(screen):
            if not bound.enabled or bound.action == "command_palette":
                continue
            offered.add(bound.description)
            yield SystemCommand(
                bound.description,
                f"{'keys' if len(bound.keys) > 1 else 'key'}: {bound.keys_text}",
                partial(self.run_action, bound.action, bound.node),
            )
        for command in super().get_system_commands(screen):
            if command.title not in offered:
                yield command

    # --- quitting ----------------------------------------------------------------------------------------

    def unsaved_work(self) -> list[str]:
        """What quitting now would lose, one sentence each: typing in a dialog, a mail sync under way. (A draft
        in the composer or the response editor is saved as it is typed, and once more as the app ends.)"""
        lost = []
        if self._syncing:
            lost.append("Mail is being sent and fetched: a message on its way could be left with its delivery unknown.")
        for screen in reversed(self.screen_stack):
            unsaved = getattr(screen, "unsaved_input", None)
            if callable(unsaved) and (what := unsaved()):
                lost.append(what)
        return lost

    async def action_quit(self) -> None:
        """Quit at once when nothing would be lost; otherwise ask first (the key again, or y, quits)."""
        lost = self.unsaved_work()
        if not lost or (self._quit_question is not None and self.screen is self._quit_question):
            self.exit()
            return
        from rich.text import Text

        from fbdesk.ui.screens.dialogs import ConfirmScreen

        self._quit_question = ConfirmScreen("Quit fbdesk?", Text("\n".join(lost)), "Quit", cancel_label="Stay")
        self.push_screen(self._quit_question, self._quit_answered)

    def _quit_answered(self, quit_now: bool | None) -> None:
        self._quit_question = None
        if quit_now:
            self.exit()


def build_app(
    desk: Desk,
    *,
    theme: str = DARK,
    cursor_blink: bool = True,
    exit_after_paint: bool = False,
    keymap: dict[str, str] | None = None,
    keymap_file: Path | None = None,
    sync_interval: float | None = None,
    notice: str | None = None,
) -> FbdeskApp:
    return FbdeskApp(
        desk,
        theme=theme,
        cursor_blink=cursor_blink,
        exit_after_paint=exit_after_paint,
        keymap=keymap,
        keymap_file=keymap_file,
        sync_interval=sync_interval,
        notice=notice,
    )


def run(
    desk: Desk,
    *,
    keymap_file: Path | None = None,
    exit_after_paint: bool = False,
    sync_interval: float | None = None,
    notice: str | None = None,
) -> None:
    """Run the app; raises `KeymapError` for an unusable keymap file before anything is drawn. With a
    `sync_interval` (seconds) and a mail server set up in the Desk, the mail is synced in the background. A
    `notice` is shown as the app starts."""
    from fbdesk.ui import paste_guard
    from fbdesk.ui.keymap import load_keymap

    paste_guard.install()
    keymap = load_keymap(keymap_file) if keymap_file else None
    build_app(
        desk,
        exit_after_paint=exit_after_paint,
        keymap=keymap,
        keymap_file=keymap_file,
        sync_interval=sync_interval,
        notice=notice,
    ).run()
