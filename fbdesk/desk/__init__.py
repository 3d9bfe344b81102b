"""The Desk: every operation an agent can do, one transaction each.

The CLI, the TUI and scripts all work through a Desk, so they obey one set of rules:

    from fbdesk.desk import open_desk
    desk = open_desk("sqlite:///team.db", agent="sam")

Everything the UI and the CLI use is importable from here; the submodules are the Desk's own parts.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import TextIO

from sqlalchemy.engine import Engine
from sqlalchemy.exc import ArgumentError, DatabaseError, NoSuchModuleError

from fbdesk.db.engine import create_schema, make_engine, resolve_url
from fbdesk.db.models import AuditEvent, BuyerMessage, BuyerReply, Feedback, Note, RemovalRequest, Response
from fbdesk.desk.backup import Backup, RestoreSummary
from fbdesk.desk.cases import CaseChange, CaseFile, Cases, removal_grounds
from fbdesk.desk.conversation import Conversation, Destination, MailSettings, SyncReport
from fbdesk.desk.core import Clock, DeskCore, utc_now
from fbdesk.desk.deadlines import DeadlineFigures, deadline_figures, this_week
from fbdesk.desk.drafts import Drafts
from fbdesk.desk.importing import Importer, ImportSummary, Progress
from fbdesk.desk.inbox import EVERY_FEEDBACK, SORT_COLUMNS, UNASSIGNED, FeedbackQuery, Inbox, Stats
from fbdesk.desk.judging import AcknowledgementNeeded, Checker, Judge, LintRefusal, MessageBlocked
from fbdesk.desk.live import DeskChange, Watch
from fbdesk.desk.pages import InboxRow
from fbdesk.desk.presence import EXPIRY, HEARTBEAT, Activity, Presence, Presences
from fbdesk.desk.replies import Replies
from fbdesk.desk.staleness import CaseContext, CaseContexts, Change, StaleContext
from fbdesk.domain import lifecycle
from fbdesk.domain.audit import audit_sentence
from fbdesk.domain.lifecycle import (
    AMAZON_DECISIONS,
    CASE_STATUS_LABELS,
    DEFAULT_FIRST_RESPONSE_TARGET,
    DELIVERY_STATE_LABELS,
    DUE_SOON,
    FEEDBACK_STATE_LABELS,
    OPEN_STATUSES,
    REMOVAL_OUTCOME_LABELS,
    RESPONSE_STATE_LABELS,
    CaseStatus,
    Deadline,
    DeliveryState,
    DraftKind,
    FeedbackState,
    RemovalGround,
    RemovalOutcome,
    ResponseState,
)
from fbdesk.domain.policy import Finding, LintContext, RulesNotBuilt, Severity, Verdict
from fbdesk.domain.reports import CHANNELS, MARKETPLACES, ReportError
from fbdesk.domain.templates import Template
from fbdesk.errors import BadInput, DeskUnavailable, FbdeskError, NotFound, RuleRefusal, SettingsError
from fbdesk.settings import default_database_path, hide_password

__all__ = [
    "AMAZON_DECISIONS",
    "CASE_STATUS_LABELS",
    "CHANNELS",
    "DELIVERY_STATE_LABELS",
    "DUE_SOON",
    "EXPIRY",
    "FEEDBACK_STATE_LABELS",
    "HEARTBEAT",
    "MARKETPLACES",
    "OPEN_STATUSES",
    "REMOVAL_OUTCOME_LABELS",
    "RESPONSE_STATE_LABELS",
    "SORT_COLUMNS",
    "UNASSIGNED",
    "AcknowledgementNeeded",
    "Activity",
    "AuditEvent",
    "BadInput",
    "BuyerMessage",
    "BuyerReply",
    "CaseChange",
    "CaseContext",
    "CaseFile",
    "CaseStatus",
    "Change",
    "Checker",
    "Clock",
    "Deadline",
    "DeadlineFigures",
    "DeliveryState",
    "Desk",
    "DeskChange",
    "DeskUnavailable",
    "Destination",
    "DraftKind",
    "FbdeskError",
    "Feedback",
    "FeedbackQuery",
    "FeedbackState",
    "Finding",
    "ImportSummary",
    "InboxRow",
    "LintRefusal",
    "MailSettings",
    "MessageBlocked",
    "NotFound",
    "Note",
    "Presence",
    "RemovalGround",
    "RemovalOutcome",
    "RemovalRequest",
    "ReportError",
    "Response",
    "ResponseState",
    "RestoreSummary",
    "RuleRefusal",
    "RulesNotBuilt",
    "SettingsError",
    "Severity",
    "StaleContext",
    "Stats",
    "SyncReport",
    "Template",
    "Verdict",
    "Watch",
    "audit_sentence",
    "open_desk",
    "utc_now",
]


class Desk:
    """One agent's door into the feedback store. Its parts share one `DeskCore` (engine, agent, clock, settings)
    and are handed each other explicitly; this class only exposes what they do."""

    def __init__(
        self,
        engine: Engine,
        agent: str,
        clock: Clock = utc_now,
        first_response_target: timedelta = DEFAULT_FIRST_RESPONSE_TARGET,
        mail: MailSettings | None = None,
        draft_spool: Path | None = None,
    ) -> None:
        self._core = DeskCore(engine, agent, clock, first_response_target)
        self._importer = Importer(self._core)
        self._inbox = Inbox(self._core)
        self._cases = Cases(self._core)
        self._judge = Judge(self._core)
        self._drafts = Drafts(self._core, draft_spool)
        self._replies = Replies(self._core, self._judge, self._drafts)
        self._conversation = Conversation(self._core, self._judge, mail or MailSettings())
        self._backup = Backup(self._core)
        self._contexts = CaseContexts(self._core)
        self._presences = Presences(self._core)

    # --- who, when, where -----------------------------------------------------------------------------

    @property
    def engine(self) -> Engine:
        return self._core.engine

    @property
    def agent(self) -> str:
        return self._core.agent

    @agent.setter
    def agent(self, agent: str) -> None:
        self._core.agent = agent

    @property
    def clock(self) -> Clock:
        return self._core.clock

    @clock.setter
    def clock(self, clock: Clock) -> None:
        self._core.clock = clock

    @property
    def first_response_target(self) -> timedelta:
        return self._core.first_response_target

    @property
    def dialect_name(self) -> str:
        return self._core.dialect_name

    def close(self) -> None:
        self._core.close()

    # --- importing ------------------------------------------------------------------------------------

    def import_reports(
        self,
        paths: Iterable[str | Path],
        *,
        marketplace: str = "US",
        complete: bool = False,
        channel: str = "unknown",
        progress: Progress | None = None,
    ) -> ImportSummary:
        """Import report files in one transaction: a problem in any file raises `ReportError`
        (file, line, problem) and leaves the database exactly as it was."""
        return self._importer.import_reports(
            paths, marketplace=marketplace, complete=complete, channel=channel, progress=progress
        )

    # --- the inbox and the figures --------------------------------------------------------------------

    def page(
        self,
        query: FeedbackQuery = EVERY_FEEDBACK,
        *,
        after: InboxRow | None = None,
        limit: int = 50,
        backwards: bool = False,
    ) -> list[InboxRow]:
        """One page of the inbox: the rows after `after` (the last row of the previous page, None for the first) in
        the query's order, as the inbox shows them; `backwards`, the rows before `after` (None: the last rows),
        nearest first. Its cost does not grow with the desk."""
        return self._inbox.page(query, after=after, limit=limit, backwards=backwards)

    def list_feedback(
        self, query: FeedbackQuery = EVERY_FEEDBACK, *, limit: int = 50, offset: int = 0
    ) -> list[Feedback]:
        """Whole feedback in the query's order (ties broken by id, so pages never overlap), for scripts."""
        return self._inbox.list_feedback(query, limit=limit, offset=offset)

    def count_feedback(self, query: FeedbackQuery = EVERY_FEEDBACK) -> int:
        return self._inbox.count_feedback(query)

    def inbox_row(self, feedback_id: int) -> InboxRow | None:
        """The feedback as a row of the inbox shows it (its place in the inbox's orders)."""
        return self._inbox.inbox_row(feedback_id)

    def next_case(self, query: FeedbackQuery, place: int | InboxRow, *, backwards: bool = False) -> InboxRow | None:
        """The case after `place` (before it, `backwards`) in the inbox's list for `query`; None at the end. See
        Inbox.next_case."""
        return self._inbox.next_case(query, place, backwards=backwards)

    def count_by_status(self, query: FeedbackQuery = EVERY_FEEDBACK) -> dict[str, int]:
        """How many feedback match the query in each case status (the inbox's tabs), ignoring its status filter."""
        return self._inbox.count_by_status(query)

    def counts_are_quick(self, query: FeedbackQuery) -> bool:
        """Whether the counts of `query` come from the tallies at once, or take a count of the feedback (a search,
        a date or due filter), better run off the event loop."""
        return self._inbox.counts_are_quick(query)

    def get_feedback(self, feedback_id: int) -> Feedback:
        return self._inbox.get_feedback(feedback_id)

    def find_order(self, order_id: str) -> Feedback | None:
        return self._inbox.find_order(order_id)

    def agents(self) -> list[str]:
        """Everyone who has been assigned a case, for the assignee filter."""
        return self._inbox.agents()

    def stats(self, weeks: int = 12) -> Stats:
        return self._inbox.stats(weeks)

    def export(self, out: TextIO, fmt: str = "csv") -> int:
        """Write to `out` every feedback, oldest first, as CSV (a row each), or the whole desk as a JSON backup (every
        case with its history, see `fbdesk.desk.backup`); returns how many feedback were written."""
        if fmt == "json":
            return self._backup.export(out)
        if fmt != "csv":
            raise BadInput(f"cannot export as {fmt!r}; use csv or json")
        return self._inbox.export(out, fmt)

    def import_backup(self, path: str | Path) -> RestoreSummary:
        """Restore a backup written by `export(out, "json")` into this desk, which must be empty (`RuleRefusal`
        otherwise): all of it in one transaction, or nothing (`BadInput` for a broken, foreign or newer file)."""
        return self._backup.restore(path)

    # --- one case -------------------------------------------------------------------------------------

    def get_case(self, feedback_id: int) -> CaseFile:
        return self._cases.get_case(feedback_id)

    def deadline(self, fb: Feedback) -> str:
        """Where the case's first-response deadline stands now (a `Deadline`): 'on-time', 'due-soon' or 'overdue'
        while owed; 'met' or 'missed' once settled; 'none' when the case never owed one."""
        return self._cases.deadline(fb)

    def deadline_figures(self, since: datetime | None = None) -> DeadlineFigures:
        """First-response deadlines since `since` (default: Monday 00:00 UTC of this week): how many were missed,
        and the median time from a deadline's start to the first message that went out to the buyer."""
        now = self._core.clock()
        with self._core.read() as session:
            return deadline_figures(session, now, since or this_week(now))

    def removal_grounds(self, fb: Feedback) -> list[Finding]:
        """The grounds in the comment on which Amazon would remove the feedback."""
        return removal_grounds(fb)

    def audit_trail(self, feedback_id: int) -> list[AuditEvent]:
        return self._cases.audit_trail(feedback_id)

    def set_status(self, feedback_id: int, status: str) -> Feedback:
        return self._cases.set_status_many([feedback_id], status).cases[0]

    def set_status_many(self, feedback_ids: Sequence[int], status: str) -> list[Feedback]:
        """Change the case status of several feedback at once; if any change is not allowed, none is made."""
        return list(self._cases.set_status_many(feedback_ids, status).cases)

    def assign(self, feedback_id: int, agent: str | None) -> Feedback:
        return self._cases.assign_many([feedback_id], agent).cases[0]

    def assign_many(self, feedback_ids: Sequence[int], agent: str | None) -> list[Feedback]:
        """Assign cases to an agent (None unassigns)."""
        return list(self._cases.assign_many(feedback_ids, agent).cases)

    def change_status(self, feedback_ids: Sequence[int], status: str) -> CaseChange:
        """`set_status_many`, answering with the change made, which `undo` takes back."""
        return self._cases.set_status_many(feedback_ids, status)

    def change_assignee(self, feedback_ids: Sequence[int], agent: str | None) -> CaseChange:
        """`assign_many`, answering with the change made, which `undo` takes back."""
        return self._cases.assign_many(feedback_ids, agent)

    def undo(self, change: CaseChange) -> list[Feedback]:
        """Put back what a status or assignee change replaced, if nothing changed those values since (otherwise
        `RuleRefusal`, and nothing is undone). Audited as an undo."""
        return self._cases.undo(change)

    def request_removal(self, feedback_id: int, ground: str) -> RemovalRequest:
        """Record a removal request to Amazon, on a ground the policy engine finds in the comment."""
        return self._cases.request_removal(feedback_id, ground)

    def record_removal_outcome(self, request_id: int, outcome: str) -> RemovalRequest:
        """What Amazon decided: removed, struck-through or refused."""
        return self._cases.record_removal_outcome(request_id, outcome)

    def add_note(self, feedback_id: int, body: str) -> Note:
        return self._cases.add_note(feedback_id, body)

    # --- judging a text -------------------------------------------------------------------------------

    def lint_context(self, feedback_id: int, kind: str) -> LintContext:
        """The context the policy engine needs to judge a message or response for this case."""
        return self._judge.lint_context(feedback_id, kind)

    def check(self, feedback_id: int, kind: str, text: str) -> Verdict:
        """The policy's verdict on a message or response for this case as it is now: what `send_message` and
        `submit_response` would enforce (errors block; warnings need an acknowledgement with a reason)."""
        return self._judge.check(feedback_id, kind, text)

    def prepare_judgement(self) -> None:
        """Load the language detector's models, every language's rules and the learned judges, which the first
        judgement of a text would otherwise load (up to a second): call it off the event loop as the helpdesk starts."""
        from fbdesk.domain.policy.engine import warm_up

        warm_up()

    def checker(self, feedback_id: int, kind: str) -> Checker:
        """A checker bound to the case's context as it is now, for checking a text as it is typed."""
        return self._judge.checker(feedback_id, kind)

    def templates(self, feedback_id: int, kind: str) -> list[Template]:
        """The templates the policy lets through for this case."""
        return self._judge.templates(feedback_id, kind)

    # --- messages and the public response -------------------------------------------------------------

    def case_context(self, feedback_id: int) -> CaseContext:
        """A mark of the case as it is now, taken as the composer or the response editor opens: a send that hands
        it back is refused if the case changed since (see `send_message`)."""
        return self._contexts.take(feedback_id)

    def check_context(self, context: CaseContext) -> None:
        """Raise `StaleContext` (what changed, and the mark to send with once re-read) if the case changed since
        `context`: the check `send_message` and `submit_response` make, for the review step to show beforehand."""
        self._contexts.check(context)

    def send_message(
        self,
        feedback_id: int,
        body: str,
        *,
        acknowledgement: str | None = None,
        context: CaseContext | None = None,
        confirmed_stale: bool = False,
    ) -> BuyerMessage:
        """Put a message to the buyer in the outbox, if the policy allows it (`MessageBlocked`,
        `AcknowledgementNeeded` otherwise). With `context`, the mark taken as the agent began writing, it is
        refused with `StaleContext` if the case changed since (another agent's message, a buyer's reply, a modified
        feedback, a new status or assignee), unless `confirmed_stale`; changes confirmed or re-read (sent with
        `StaleContext.current`) are recorded in the audit trail. Without one nothing is checked (scripts)."""
        return self._replies.send_message(
            feedback_id, body, acknowledgement=acknowledgement, context=context, confirmed_stale=confirmed_stale
        )

    def submit_response(
        self,
        feedback_id: int,
        body: str,
        *,
        acknowledgement: str | None = None,
        context: CaseContext | None = None,
        confirmed_stale: bool = False,
    ) -> Response:
        """Submit the one public response Amazon allows. It can never be edited afterwards. `context` and
        `confirmed_stale` as for `send_message`."""
        return self._replies.submit_response(
            feedback_id, body, acknowledgement=acknowledgement, context=context, confirmed_stale=confirmed_stale
        )

    def edit_response(self, feedback_id: int, body: str) -> None:
        """Always refused: Amazon lets a response be deleted, never edited."""
        self._replies.edit_response(feedback_id, body)

    def delete_response(self, feedback_id: int) -> Response:
        """Delete the live response; no second response is allowed unless the buyer changes the feedback."""
        return self._replies.delete_response(feedback_id)

    # --- the conversation by email ---------------------------------------------------------------------

    def sync(self, *, retry_failed: bool = False, retry_now: bool = False) -> SyncReport:
        """Deliver the messages that are due over SMTP, then fetch buyers' replies and Amazon's notices over IMAP
        (`fbdesk sync`, and the helpdesk's background worker)."""
        return self._conversation.sync(retry_failed=retry_failed, retry_now=retry_now)

    def deliver(self, *, retry_failed: bool = False, retry_now: bool = False) -> SyncReport:
        return self._conversation.deliver(retry_failed=retry_failed, retry_now=retry_now)

    def fetch_replies(self) -> SyncReport:
        return self._conversation.fetch()

    def confirm_delivery(self, message_id: int, *, delivered: bool) -> BuyerMessage:
        """Settle a message whose delivery is unknown: it arrived, or send it again."""
        return self._conversation.confirm_delivery(message_id, delivered=delivered)

    def retry_message(self, message_id: int) -> BuyerMessage:
        """Send again a message the mail server refused or that was held."""
        return self._conversation.retry(message_id)

    def destination(self, feedback_id: int) -> Destination:
        """Where messages for this case go, and what stands in the way."""
        return self._conversation.destination(feedback_id)

    def set_buyer_address(self, feedback_id: int, address: str, *, acknowledge_not_relay: bool = False) -> Feedback:
        return self._conversation.set_buyer_address(feedback_id, address, acknowledge_not_relay=acknowledge_not_relay)

    def receive_mail(self, raw: bytes) -> SyncReport:
        """Take in one mail (its raw bytes, as in an .eml file) as if it had been fetched from the mailbox."""
        return self._conversation.receive(raw)

    def unmatched_mail(self) -> list[BuyerReply]:
        """Fetched mail that matches no case, oldest first."""
        return self._conversation.unmatched()

    def attach_reply(self, reply_id: int, order_id: str) -> BuyerReply:
        """Attach an unmatched mail to the case of an order."""
        return self._conversation.attach_reply(reply_id, order_id)

    @property
    def mail(self) -> MailSettings:
        return self._conversation.mail

    @mail.setter
    def mail(self, settings: MailSettings) -> None:
        self._conversation.mail = settings

    # --- a live desk: changes by others, and who is where -------------------------------------------------

    def watch(self, on_change: Callable[[DeskChange], None]) -> Watch:
        """Start listening for what other helpdesks change on this desk: `on_change` runs (in the watch's thread,
        at most every 0.3 s, a burst of changes heard as one) within a second of a change. The watch also keeps
        up the presence the helpdesk `hold`s; `stop` it on exit. See fbdesk.desk.live."""
        return Watch(self._core, self._presences, on_change).start()

    def be_present(self, feedback_id: int, activity: str) -> None:
        """A heartbeat: this agent is viewing the case, or writing to its buyer ("viewing" or "writing"), now. It
        lasts EXPIRY unless renewed (a `Watch` renews what it holds every HEARTBEAT)."""
        self._presences.be_present([feedback_id], activity)

    def leave(self, feedback_id: int | None = None, activity: str | None = None) -> None:
        """This agent left the case (None: every case), or stopped `activity` there."""
        self._presences.leave(None if feedback_id is None else [feedback_id], activity)

    def present(self, feedback_ids: Iterable[int] | None = None) -> dict[int, list[Presence]]:
        """The other agents at these cases now (None: at any case), by case, writing before viewing; never this
        agent."""
        return self._presences.present(feedback_ids)

    # --- drafts ---------------------------------------------------------------------------------------

    def save_draft(self, feedback_id: int, kind: str, body: str) -> None:
        """Keep what the agent is typing; an empty text discards the draft."""
        self._drafts.save(feedback_id, kind, body)

    def load_draft(self, feedback_id: int, kind: str) -> str:
        return self._drafts.load(feedback_id, kind)

    def keep_draft(self, feedback_id: int, kind: str, body: str) -> bool:
        """Save a draft without ever failing on the database: kept in the local spool first, then in the
        database when it is free (True once it is)."""
        return self._drafts.save_kept(feedback_id, kind, body)

    def keep_draft_locally(self, feedback_id: int, kind: str, body: str) -> None:
        """Write a draft to the local spool only (fast; for a process about to end)."""
        self._drafts.keep_locally(feedback_id, kind, body)


def open_desk(
    url: str | None = None,
    *,
    agent: str | None = None,
    clock: Clock | None = None,
    first_response_target: timedelta = DEFAULT_FIRST_RESPONSE_TARGET,
    mail: MailSettings | None = None,
    draft_spool: Path | None = None,
) -> Desk:
    """Open (and create if needed) the desk at `url`, a database URL or a SQLite file path (default: fbdesk.db in
    the user data folder). The agent defaults to the login name. `fbdesk.settings.resolve` gives the values the
    command line, the environment and the config file set."""
    target = url or str(default_database_path())
    try:
        engine = make_engine(resolve_url(target))
        create_schema(engine)
    except (ArgumentError, NoSuchModuleError, DatabaseError, OSError) as exc:
        raise DeskUnavailable(
            f"cannot open the database {hide_password(target)}: {hide_password(str(exc).splitlines()[0])}"
        ) from None
    return Desk(
        engine,
        lifecycle.check_agent_name(agent or getpass.getuser()),
        clock or utc_now,
        first_response_target,
        mail,
        draft_spool,
    )
