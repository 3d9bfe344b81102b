"""What the composer and the response editor share: an editor linted as the agent types, the findings beside it,
templates, fixes, and a draft saved as it is typed."""

from __future__ import annotations

import asyncio
import logging
import signal
import threading
from collections.abc import Iterable
from functools import partial
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import Footer, OptionList, Static, TextArea

from fbdesk.desk import (
    CaseContext,
    Checker,
    DraftKind,
    Finding,
    RulesNotBuilt,
    Severity,
    StaleContext,
    Template,
    Verdict,
)
from fbdesk.ui import lint_process
from fbdesk.ui.safe_text import one_line, plain
from fbdesk.ui.screens.base import DeskScreen
from fbdesk.ui.screens.review import Reviewed, ReviewScreen
from fbdesk.ui.widgets.findings_panel import FindingsPanel
from fbdesk.ui.widgets.lint_editor import LintEditor

log = logging.getLogger(__name__)

# Texts up to this long (twice Amazon's limit for a message) are checked in the keystroke's handler: the engine is
# linear in the text, a few milliseconds for 2,000 characters. Longer ones (a big paste) go to the lint process.
INLINE_LIMIT = 4_000
CHECK_FAILED = "The policy check failed (a bug in fbdesk, logged with its details); the text is unchecked."
DRAFT_DELAY = 0.5  # the draft is saved this long after the first unsaved keystroke, even while typing goes on
SEVERITY_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)  # the first wins where findings overlap


def _keep_drafts_when_the_process_is_told_to_end(app: App[Any]) -> None:
    """A closed terminal (SIGHUP) or a `kill` (SIGTERM) would end the process at once: first keep every open
    editor's text in the local spool, then quit as usual (which saves the drafts to the database too)."""

    def end() -> None:
        for screen in app.screen_stack:
            if isinstance(screen, LintedEditorScreen):
                screen.keep_draft_now()
        app.exit()

    loop = asyncio.get_running_loop()
    for signal_number in (signal.SIGHUP, signal.SIGTERM):
        loop.add_signal_handler(signal_number, end)


def count_words(findings: Iterable[Finding], severity: str) -> str:
    n = sum(1 for f in findings if f.severity == severity)
    return f"{n} {severity}" + ("s" if n != 1 else "")


class LintedEditorScreen(DeskScreen[None]):
    """Subclasses set KIND and TITLE, and say how the review step looks (`review_screen`) and what follows a
    successful send (`sent`)."""

    KIND = DraftKind.MESSAGE
    TITLE = ""
    CSS_PATH = "editor.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "send", "Send…", id="editor.send"),
        Binding("ctrl+t", "templates", "Templates", id="editor.templates"),
        Binding("ctrl+f", "apply_fix", "Apply fix", id="editor.fix"),
        Binding("ctrl+n", "next_finding", "Next finding", id="editor.next"),
        Binding("escape", "back", "Back (draft kept)", id="editor.back"),
    ]

    def __init__(self, feedback_id: int) -> None:
        super().__init__()
        self.feedback_id = feedback_id
        self.checker: Checker | None = None  # the Desk's checker for this case, made when the screen is shown
        # The case as the agent read it when the screen opened (or when they last re-read it): a send with it is
        # refused by the Desk if the case changed since, until the agent confirms having re-read the changes.
        self.context: CaseContext | None = None
        self.findings: list[Finding] = []
        self.linted_text: str | None = None  # the text the shown findings are for
        self._lint_running = False
        self._lint_wanted = False
        self._building_rules = False
        self._draft_timer: Timer | None = None
        self._draft_lock = threading.Lock()  # one database save at a time; the latest text wins
        self._saved_text = ""
        # kept: its text is still readable while the screen unmounts
        self._editor = LintEditor(on_change=self._text_changed, id="editor")
        self.keep_drafts = True  # False once the text was sent: the Desk discarded its draft

    @property
    def editor(self) -> LintEditor:
        return self._editor

    def compose(self) -> ComposeResult:
        yield Static(id="editor-header")
        with Horizontal(id="editor-body"):
            with Vertical(id="editor-column"):
                yield self._editor
                yield Static(id="editor-status")
            yield FindingsPanel(id="findings")
        yield Footer()

    def on_mount(self) -> None:
        self.context = self.desk.case_context(self.feedback_id)
        self.app.hold_presence(self.feedback_id, "writing")
        self._show_header()
        self.query_one("#findings").border_title = "Findings"
        self.checker = self.desk.checker(self.feedback_id, self.KIND)
        draft = self.desk.load_draft(self.feedback_id, self.KIND)
        self._saved_text = draft
        editor = self.editor
        editor.cursor_blink = self.app.cursor_blink
        editor.load_text(draft)
        if draft:
            editor.move_cursor(editor.document.end)
            self.notify("Your draft was restored.", timeout=3, markup=False)
        self.request_lint()
        editor.focus()
        _keep_drafts_when_the_process_is_told_to_end(self.app)

    def _show_header(self) -> None:
        fb = self.desk.get_feedback(self.feedback_id)
        self.query_one("#editor-header", Static).update(
            Text.assemble(
                (self.TITLE, "bold"),
                "  ·  order ",
                one_line(fb.order_id, style="bold", limit=40),
                f"  ·  {fb.rating}★  ",
                ("“", "dim"),
                one_line(fb.comment, limit=160),
                ("”", "dim"),
            )
        )

    # --- linting: in the keystroke's own handler, or for a long text in the lint process ----------------

    def _text_changed(self) -> None:
        """The editor's text changed (typing, a paste, undo, a template): called at once, before the frame that
        shows the change is drawn."""
        if not self.is_mounted:
            return  # on_mount checks the text it loads
        self.request_lint()
        if self._draft_timer is None:
            self._draft_timer = self.set_timer(DRAFT_DELAY, self._save_draft_in_background)
        self._show_status()

    def request_lint(self) -> None:
        """Check the editor's text. A text of up to INLINE_LIMIT characters is checked here and now, so the frame
        that shows a keystroke shows its findings too; a longer one in the lint process, one text at a time, the
        latest text winning; until its findings come, the highlights move with the text they were made for. A text
        in a mix of languages met for the first time waits likewise while a thread builds the mix's rules (50-500 ms
        that would otherwise hold up the keystroke)."""
        text = self.editor.text
        if len(text) <= INLINE_LIMIT:
            try:
                self._show_findings(text, *self._check(text))
            except RulesNotBuilt as missing:
                self.editor.keep_marks_on(text)
                if not self._building_rules:  # else the build under way checks the latest text when it ends
                    self._building_rules = True
                    self.run_worker(self._build_rules(missing), group="lint", exit_on_error=False)
            return
        self.editor.keep_marks_on(text)
        if self._lint_running:
            self._lint_wanted = True
            return
        self._lint_running, self._lint_wanted = True, False
        self.run_worker(self._check_elsewhere(text), group="lint", exit_on_error=False)

    def _check(self, text: str) -> tuple[list[Finding], str | None]:
        try:
            return (self.checker.findings(text, build=False) if self.checker is not None else []), None
        except RulesNotBuilt:
            raise
        except Exception:  # a bug in the rules must not stop the agent typing; the log keeps the traceback
            log.exception("the policy check failed on a %s of %d characters", self.KIND, len(text))
            return [], CHECK_FAILED

    async def _build_rules(self, missing: RulesNotBuilt) -> None:
        failure = None
        try:
            await asyncio.to_thread(missing.build)
        except Exception:
            log.exception("building the policy rules failed: %s", missing)
            failure = CHECK_FAILED
        self._building_rules = False
        if not self.is_attached:
            return
        if failure is None:
            self.request_lint()
        elif len(self.editor.text) <= INLINE_LIMIT:
            self._show_findings(self.editor.text, [], failure)

    async def _check_elsewhere(self, text: str) -> None:
        findings: list[Finding] = []
        failure = None
        try:
            if self.checker is not None:
                findings = await asyncio.wrap_future(lint_process.findings(self.checker, text))
        except Exception:
            log.exception("the policy check failed on a %s of %d characters", self.KIND, len(text))
            failure = CHECK_FAILED
        self._lint_running = False
        if not self.is_attached:
            return
        if text == self.editor.text:
            self._show_findings(text, findings, failure)
        if self._lint_wanted:
            self._lint_wanted = False
            self.request_lint()

    def _show_findings(self, text: str, findings: list[Finding], failure: str | None) -> None:
        self.findings, self.linted_text = findings, text
        self.editor.show_findings(findings)
        self.query_one(FindingsPanel).show(findings, failure)
        self._show_status()

    def _show_status(self) -> None:
        text = self.editor.text
        stale = "  ·  checking…" if text != self.linted_text else ""
        saved = "draft saved" if text == self._saved_text else "saving draft…"
        summary = " · ".join(count_words(self.findings, s) for s in (Severity.ERROR, Severity.WARNING))
        self.query_one("#editor-status", Static).update(
            Text(f"{summary}  ·  {len(text):,} characters  ·  {saved}{stale}"), layout=False
        )

    # --- drafts --------------------------------------------------------------------------------------

    def _save_draft_in_background(self) -> None:
        """Keep the text in the local spool now, and in the database from a thread: a database busy with a long
        import never freezes typing, and the spool keeps the text until the database has it."""
        self._draft_timer = None
        if not self.keep_drafts or self.editor.text == self._saved_text:
            return
        text = self._saved_text = self.editor.text
        self.desk.keep_draft_locally(self.feedback_id, self.KIND, text)
        self.run_worker(partial(self._save_latest_draft, text), thread=True, group="draft", exit_on_error=False)
        self._show_status()

    def _save_latest_draft(self, text: str) -> None:
        with self._draft_lock:
            if text == self._saved_text:  # a later save has the newer text
                self.desk.keep_draft(self.feedback_id, self.KIND, text)

    def save_draft(self) -> None:
        """Store the text as the draft if it changed, now. Safe while the screen is being removed."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        if not self.keep_drafts:
            return
        text = self.editor.text
        if text != self._saved_text:
            self._saved_text = text
            with self._draft_lock:
                self.desk.keep_draft(self.feedback_id, self.KIND, text)
        if self.editor.is_attached:  # not while the screen is being taken down
            self._show_status()

    def keep_draft_now(self) -> None:
        """For a process about to end (a closed terminal, SIGTERM): the text to the local spool, nothing slower."""
        if self.keep_drafts and self.editor.text:
            self.desk.keep_draft_locally(self.feedback_id, self.KIND, self.editor.text)

    def on_screen_suspend(self) -> None:
        self.save_draft()

    def on_unmount(self) -> None:
        """However the screen goes (dismissed, popped, the app quitting), the typing is kept."""
        self.save_draft()
        self.app.release_presence(self.feedback_id, "writing")

    def leave(self) -> None:
        self.save_draft()
        self.dismiss()

    def action_back(self) -> None:
        self.leave()

    # --- sending, through the review step -------------------------------------------------------------

    def action_send(self) -> None:
        text = self.editor.text
        if not text.strip():
            self.notify(f"The {self.KIND} is empty.", severity="warning", markup=False)
            return
        self.save_draft()
        verdict = self.desk.check(self.feedback_id, self.KIND, text)  # the case as it is now, not when typing began
        self.app.push_screen(self.review_screen(text, verdict, self._changes()), self._reviewed)

    def _changes(self) -> StaleContext | None:
        """What changed in the case since the agent began writing, as the Desk would refuse the send for it."""
        if self.context is None:
            return None
        try:
            self.desk.check_context(self.context)
        except StaleContext as stale:
            return stale
        return None

    def case_reread(self, context: CaseContext) -> None:
        """The agent re-read what changed in the case (in the review step): they write against the case as it is
        now, shown in the header and judged as they type."""
        self.context = context
        self._show_header()
        self.checker = self.desk.checker(self.feedback_id, self.KIND)
        self.request_lint()

    def review_screen(self, text: str, verdict: Verdict, stale: StaleContext | None) -> ReviewScreen:
        """The review step for `text`, with the Desk's `verdict` and what changed in the case (`stale`)."""
        raise NotImplementedError

    def sent(self) -> None:
        """The text was sent (the Desk discarded its draft)."""
        raise NotImplementedError

    def _reviewed(self, outcome: Reviewed | None) -> None:
        if outcome == Reviewed.SENT:
            self.keep_drafts = False
            self.sent()
        else:
            self.editor.focus()

    # --- findings and templates ----------------------------------------------------------------------

    def finding_under_cursor(self) -> Finding | None:
        offset = self.editor.cursor_offset
        here = [f for f in self.findings if f.start <= offset <= f.end]
        return min(here, key=lambda f: SEVERITY_ORDER.index(f.severity)) if here else None

    @on(TextArea.SelectionChanged, "#editor")
    def _cursor_moved(self) -> None:
        self.query_one(FindingsPanel).follow(self.editor.cursor_offset)

    def action_apply_fix(self) -> None:
        if self.linted_text != self.editor.text:
            self.notify("Checking the latest text; try again in a moment.", markup=False)
            return
        finding = self.finding_under_cursor() if self.focused is self.editor else None
        finding = finding or self.query_one(FindingsPanel).current
        if finding is None:
            self.notify("Put the cursor on a highlighted finding first (ctrl+n jumps to the next one).", markup=False)
            return
        if finding.fix is None:
            self.notify(
                plain(f"{finding.rule} has no automatic fix: {finding.message}"), severity="warning", markup=False
            )
            return
        self.editor.replace_span(finding.start, finding.end, finding.fix)
        self.editor.focus()

    def action_next_finding(self) -> None:
        if not self.findings:
            self.notify("No findings.", markup=False)
            return
        offset = self.editor.cursor_offset
        ordered = sorted(self.findings, key=lambda f: f.start)
        finding = next((f for f in ordered if f.start > offset), ordered[0])
        self.editor.select_span(finding.start, finding.end)
        self.editor.focus()

    @on(OptionList.OptionSelected, "#findings")
    def _finding_chosen(self, event: OptionList.OptionSelected) -> None:
        finding = self.query_one(FindingsPanel).finding(event.option)
        if finding is None:
            return
        self.editor.select_span(finding.start, finding.end)
        self.editor.focus()

    def action_templates(self) -> None:
        from fbdesk.ui.screens.dialogs import ChoiceScreen

        templates = {t.name: t for t in self.desk.templates(self.feedback_id, self.KIND)}
        self.app.push_screen(
            ChoiceScreen(
                "Start from a template",
                [(name, name) for name in templates],
                hint="An empty editor takes the template; otherwise it goes in at the cursor.",
            ),
            partial(self._template_chosen, templates),
        )

    def _template_chosen(self, templates: dict[str, Template], name: str | None) -> None:
        if name:
            self._use_template(templates[name].body)

    def _use_template(self, body: str) -> None:
        editor = self.editor
        if editor.text.strip():
            editor.insert(body)
        else:
            editor.load_text(body)
        editor.focus()
