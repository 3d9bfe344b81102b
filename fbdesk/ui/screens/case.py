"""One case: the feedback and its history, the messages to the buyer, the public response, notes and the audit
trail, with the actions an agent takes on it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from fbdesk.desk import (
    REMOVAL_OUTCOME_LABELS,
    BadInput,
    BuyerMessage,
    CaseChange,
    CaseFile,
    CaseStatus,
    DeliveryState,
    DeskChange,
    Destination,
    FeedbackQuery,
    InboxRow,
    RemovalOutcome,
    ResponseState,
    RuleRefusal,
    audit_sentence,
)
from fbdesk.ui import formatting as fmt
from fbdesk.ui import presence, undo
from fbdesk.ui.safe_text import inert, one_line, plain
from fbdesk.ui.screens.base import DeskScreen
from fbdesk.ui.thread import conversation_section
from fbdesk.ui.widgets.mail_status import MailStatus

RETRYABLE = (DeliveryState.FAILED, DeliveryState.HELD)
# What the agent may say about a message whose delivery is unknown.
UNKNOWN_CHOICES = [
    ("delivered", "It arrived: mark it sent"),
    ("resend", "Send it again (same Message-ID: the buyer's mail program shows one message)"),
]

# What Amazon may decide on a removal request, as the agent picks it.
DECISIONS = [
    (RemovalOutcome.REMOVED, "Removed by Amazon"),
    (RemovalOutcome.STRUCK_THROUGH, "Struck through (neutralised) by Amazon"),
    (RemovalOutcome.REFUSED, "Refused: the feedback stays"),
]


def heading(title: str, extra: str = "") -> Text:
    return Text.assemble((title, "bold"), (f"  {extra}" if extra else "", "dim"))


def case_header(case: CaseFile, now: datetime, width: int) -> Text:
    """The order and the case at a glance, in lines of at most `width` cells that break between fields, never
    inside one ("(31d ago)" or "Last contact" alone on a line)."""
    fb = case.feedback
    about = [
        Text.assemble(("Order ", "dim"), one_line(fb.order_id, style="bold", limit=40)),
        fmt.stars(fb.rating),
        Text.assemble(one_line(fb.marketplace, limit=10), f" · {fmt.channel_label(fb.channel)}"),
        Text(f"{fmt.long_date(fb.feedback_date)} ({fmt.age(fb.feedback_date, now.date())} ago)"),
    ]
    contact = f"{fmt.span((now - fb.last_contact_at).total_seconds())} ago" if fb.last_contact_at else "never"
    case_now = [
        Text.assemble(("Status ", "dim"), (fmt.status_label(fb.case_status), "bold")),
        Text.assemble(
            ("Assignee ", "dim"),
            one_line(fb.assignee, style="bold", limit=40) if fb.assignee else ("nobody", "dim"),
        ),
        Text.assemble(("First response ", "dim"), fmt.deadline_in_full(case.deadline, fb, now)),
        Text.assemble(("Last contact ", "dim"), contact),
        Text.assemble(("Feedback ", "dim"), fmt.feedback_state_label(fb.feedback_state)),
    ]
    header = packed(about, "  ", width)
    header.append("\n")
    header.append_text(packed(case_now, "   ", width))
    return header


def packed(fields: list[Text], gap: str, width: int) -> Text:
    """The fields on as few lines as `width` allows, `gap` between two on a line."""
    text, line = Text(), 0
    for field in fields:
        if line and line + len(gap) + field.cell_len > width:
            text.append("\n")
            line = 0
        elif line:
            text.append(gap)
            line += len(gap)
        text.append_text(field)
        line += field.cell_len
    return text


def feedback_section(case: CaseFile) -> Text:
    fb = case.feedback
    text = Text.assemble(heading("Feedback", f"revision {fb.revision}"), "\n")
    text.append_text(inert(fb.comment) if fb.comment else Text("(no comment)", style="dim"))
    for rev in reversed(case.revisions):
        text.append(f"\n\nRevision {rev.revision}, ", style="dim")
        text.append_text(one_line(rev.change, style="dim", limit=40))
        text.append(f" on {fmt.long_date(rev.recorded_at)}: ", style="dim")
        text.append_text(fmt.stars(rev.rating))
        text.append("  ")
        text.append_text(inert(rev.comment))
    return text


def removal_section(case: CaseFile) -> Text | None:
    if not case.removable and not case.removal_requests:
        return None
    text = Text.assemble(heading("Amazon removal"), "\n")
    for finding in case.removable:
        text.append_text(one_line(f"Amazon may remove this feedback ({finding.ground}): ", style="bold"))
        text.append_text(inert(finding.message))
        text.append("\n")
    for request in case.removal_requests:
        text.append_text(
            one_line(
                f"Requested on {fmt.long_date(request.requested_at)} by {request.agent} "
                f"({request.ground}): {REMOVAL_OUTCOME_LABELS.get(request.outcome, request.outcome)}",
                limit=300,
            )
        )
        text.append("\n")
    if case.pending_removal_requests:
        text.append("o records Amazon's decision.", style="dim")
    elif case.requestable_grounds:
        text.append("R requests removal from Amazon.", style="dim")
    return text


def messages_section(case: CaseFile, destination: Destination) -> Text:
    replies = sum(1 for r in case.replies if r.kind != "amazon-notice")
    return conversation_section(
        case,
        destination,
        heading("Conversation with the buyer", f"{len(case.messages)} sent · {replies} from the buyer"),
    )


def response_section(case: CaseFile) -> Text:
    fb = case.feedback
    text = Text.assemble(heading("Public response", fmt.response_label(fb.response_state)), "\n")
    response = case.current_response
    if response is not None:
        when = f"Submitted {fmt.moment(response.submitted_at)} by {response.agent}"
        if response.state == ResponseState.DELETED and response.ended_at:
            when += f", deleted {fmt.moment(response.ended_at)}"
        text.append_text(one_line(when, style="dim"))
        text.append("\n")
        text.append_text(inert(response.body, style="strike" if response.state != ResponseState.LIVE else ""))
        text.append("\n")
    lock = case.response_lock
    if lock and (response is None or response.state != ResponseState.LIVE):
        text.append("\n🔒 ", style="bold")
        text.append(lock, style="bold")
    elif response is not None and response.state == ResponseState.LIVE:
        text.append(
            "\nLive; it can never be edited. r shows it, and deleting it there forfeits any second response.",
            style="dim",
        )
    else:
        # The heading gives the state (the lifecycle's label says when the buyer's change removed a response).
        changed = any(r.for_revision != fb.revision for r in case.responses)
        text.append(
            "No response to the changed feedback yet; a new one may be submitted. r writes one."
            if changed
            else "No response yet. r writes one.",
            style="dim",
        )
    return text


def notes_section(case: CaseFile) -> Text:
    text = Text.assemble(heading("Notes", f"{len(case.notes)}"), "\n")
    if not case.notes:
        text.append("None. n adds one.", style="dim")
    for n, note in enumerate(case.notes):
        if n:
            text.append("\n")
        text.append_text(one_line(f"{fmt.moment(note.created_at)} · {note.agent}: ", style="dim"))
        text.append_text(inert(note.body))
    return text


def audit_section(case: CaseFile) -> Text:
    text = Text.assemble(heading("Audit trail", f"{len(case.audit)} events"), "\n")
    for n, event in enumerate(case.audit):
        if n:
            text.append("\n")
        text.append_text(one_line(f"{fmt.moment(event.at)}  ", style="dim"))
        text.append_text(one_line(audit_sentence(event.agent, event.action, event.details), limit=300))
    return text


class CaseScreen(DeskScreen[int]):
    CSS_PATH = "case.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "assign_me", "Assign to me", id="case.assign_me"),
        Binding("s", "status", "Status", id="case.status"),
        Binding("m", "message", "Contact buyer", id="case.message"),
        Binding("r", "respond", "Response", id="case.respond"),
        Binding("n", "note", "Note", id="case.note"),
        Binding("R", "request_removal", "Request removal", id="case.removal"),
        Binding("o", "removal_outcome", "Amazon's decision", id="case.removal_outcome", show=False),
        Binding("x", "retry_message", "Retry message", id="case.retry_message"),
        Binding("c", "settle_unknown", "Delivery unknown…", id="case.delivery_unknown"),
        Binding("b", "buyer_address", "Buyer address", id="case.buyer_address", show=False),
        Binding("ctrl+z", "undo", "Undo", id="case.undo", show=False),
        Binding("j", "scroll_down", "Scroll down", show=False, id="case.down"),
        Binding("k", "scroll_up", "Scroll up", show=False, id="case.up"),
        Binding("g", "scroll_home", "Top", show=False, id="case.top"),
        Binding("G", "scroll_end", "Bottom", show=False, id="case.bottom"),
        Binding("right_square_bracket", "next_case", "Next case in the inbox", show=False, id="case.next"),
        Binding("left_square_bracket", "previous_case", "Previous case in the inbox", show=False, id="case.previous"),
        Binding("escape,q", "back", "Back", id="case.back"),
    ]

    def __init__(self, feedback_id: int, inbox: FeedbackQuery | None = None) -> None:
        """`inbox`: the list the case was opened from (filters, search, sort), which ] and [ move through."""
        super().__init__()
        self.feedback_id = feedback_id
        self.inbox = inbox
        self._case: CaseFile | None = None
        self._destination: Destination | None = None
        self._place: InboxRow | None = None  # where the case sat in the inbox's list when it was shown

    @property
    def case(self) -> CaseFile:
        """The case as last shown (read when the screen is first shown, and again after every change)."""
        if self._case is None:
            self._case = self.desk.get_case(self.feedback_id)
        return self._case

    def compose(self) -> ComposeResult:
        yield Static(id="case-header")
        with VerticalScroll(id="case-body"):
            for name in ("feedback", "removal", "messages", "response", "notes", "audit"):
                yield Static(id=f"section-{name}", classes="section")
        yield MailStatus(hide_when_not_set_up=True, id="mail-status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#case-body").focus()
        self.app.hold_presence(self.feedback_id, "viewing")
        if self.inbox is not None:
            self._place = self.desk.inbox_row(self.feedback_id)

    def on_unmount(self) -> None:
        self.app.release_presence(self.feedback_id, "viewing")

    def on_screen_resume(self) -> None:
        self.refresh_case()

    def on_resize(self) -> None:
        self._show_header()

    def mail_synced(self) -> None:
        """The background sync delivered or fetched something: this case may have changed."""
        self.refresh_case()

    def desk_changed(self, change: DeskChange) -> None:
        """Another helpdesk changed the desk: this case is read again if anything of it may have changed (where the
        agent has scrolled to stays), only its header if only who is at it did."""
        if self._case is None:
            return
        body = self.query_one("#case-body")
        scrolled = body.scroll_y
        if change.data:
            self.refresh_case()
            self.call_after_refresh(body.scroll_to, y=scrolled, animate=False, immediate=True)
        else:
            self._show_header()

    def refresh_case(self) -> None:
        case = self._case = self.desk.get_case(self.feedback_id)
        destination = self._destination = self.desk.destination(self.feedback_id)
        self._show_header()
        removal = removal_section(case)
        sections = {
            "feedback": feedback_section(case),
            "removal": removal,
            "messages": messages_section(case, destination),
            "response": response_section(case),
            "notes": notes_section(case),
            "audit": audit_section(case),
        }
        for name, content in sections.items():
            widget = self.query_one(f"#section-{name}", Static)
            widget.display = content is not None
            if content is not None:
                widget.update(content)
        self.refresh_bindings()

    def _show_header(self) -> None:
        """The case header as last read, with who else is at the case now."""
        case, destination = self._case, self._destination
        if case is None or destination is None:
            return
        header = case_header(case, self.desk.clock(), self.size.width - 2)  # the header's padding
        if destination.problem:
            header.append("\n")
            header.append(
                "No relay address to send to"
                if not destination.address
                else "The address is not an Amazon relay address",
                style="bold yellow",
            )
            header.append(": b enters the buyer's relay address.", style="yellow")
        others = presence.header_line(self.desk.present([self.feedback_id]).get(self.feedback_id, []))
        if others is not None:
            header.append("\n")
            header.append_text(others)
        self.query_one("#case-header", Static).update(header)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        # (R and o stay enabled without a ground or a pending request: the key then says why nothing can be done.)
        # Hidden while there is no message to send again, or none whose delivery is unknown.
        if action == "retry_message" and self._case is not None:
            return bool(self._in_state(RETRYABLE))
        if action == "settle_unknown" and self._case is not None:
            return bool(self._in_state((DeliveryState.UNKNOWN,)))
        return True

    def _in_state(self, states: tuple[str, ...]) -> list[BuyerMessage]:
        return [m for m in self.case.messages if m.delivery_state in states]

    def _refused(self, refusal: RuleRefusal, title: str) -> None:
        self.notify(plain(str(refusal)), title=title, severity="error", timeout=10, markup=False)

    def action_assign_me(self) -> None:
        self._change(
            lambda: self.desk.change_assignee([self.feedback_id], self.desk.agent),
            f"Assigned to {self.desk.agent}.",
            "Not assigned",
        )

    def action_status(self) -> None:
        from fbdesk.ui.screens.dialogs import ChoiceScreen

        choices = [(status, fmt.status_label(status)) for status in CaseStatus]
        self.app.push_screen(
            ChoiceScreen("Case status", choices, current=self.case.feedback.case_status), self._status_chosen
        )

    def _status_chosen(self, status: str | None) -> None:
        if status:
            self._set_status(status)

    def _change(self, change: Callable[[], object], done: str, refused_title: str) -> None:
        """Make a change through the Desk, then say so (offering to undo a status or assignee change) and redraw
        the case; a refusal is shown, nothing else."""
        try:
            made = change()
        except RuleRefusal as refusal:
            self._refused(refusal, refused_title)
            return
        if isinstance(made, CaseChange):
            undo.offer(self, made, done)
        else:
            self.notify(plain(done), markup=False)
        self.refresh_case()

    def action_undo(self) -> None:
        if undo.undo(self):
            self.refresh_case()

    def _set_status(self, status: str) -> None:
        self._change(
            lambda: self.desk.change_status([self.feedback_id], status),
            f"Case {fmt.status_label(status).lower()}.",
            "Status not changed",
        )

    def action_message(self) -> None:
        from fbdesk.ui.screens.composer import ComposerScreen

        self.app.push_screen(ComposerScreen(self.feedback_id))

    def action_respond(self) -> None:
        from fbdesk.ui.screens.response import ResponseScreen

        self.app.push_screen(ResponseScreen(self.feedback_id))

    def action_note(self) -> None:
        from fbdesk.ui.screens.dialogs import TextPromptScreen

        self.app.push_screen(TextPromptScreen("Add a note (seen by agents only)"), self._note_typed)

    def _note_typed(self, body: str | None) -> None:
        if body is None:
            return
        self._change(lambda: self.desk.add_note(self.feedback_id, body), "Note added.", "No note added")

    def action_request_removal(self) -> None:
        from fbdesk.ui.screens.dialogs import ChoiceScreen

        grounds = [
            (f.ground, inert(f"{f.ground}: {f.message}", limit=500)) for f in self.case.requestable_grounds if f.ground
        ]
        if not grounds:
            self.notify(
                "Removal was already requested on every ground the comment shows; o records Amazon's decision."
                if self.case.removable
                else "Amazon would not remove this feedback: the comment shows no ground for it.",
                severity="warning",
                markup=False,
            )
            return
        self.app.push_screen(
            ChoiceScreen(
                "Request removal by Amazon, on the ground",
                grounds,
                hint="Speculative requests are prohibited: only grounds found in the comment are offered.",
            ),
            self._ground_chosen,
        )

    def _ground_chosen(self, ground: str | None) -> None:
        if not ground:
            return
        self._change(
            lambda: self.desk.request_removal(self.feedback_id, ground),
            f"Removal requested from Amazon ({ground}).",
            "Removal not requested",
        )

    def action_removal_outcome(self) -> None:
        from fbdesk.ui.screens.dialogs import ChoiceScreen

        pending = self.case.pending_removal_requests
        if not pending:
            self.notify("No removal request is waiting for Amazon's decision.", severity="warning", markup=False)
            return
        request = pending[0]  # one ground at a time: the oldest request first
        assert request.id is not None  # a stored row
        self.app.push_screen(
            ChoiceScreen(
                f"Amazon's decision on the removal request ({request.ground}, {fmt.long_date(request.requested_at)})",
                DECISIONS,
            ),
            partial(self._decision_chosen, request.id),
        )

    def _decision_chosen(self, request_id: int, outcome: str | None) -> None:
        if not outcome:
            return
        self._change(
            lambda: self.desk.record_removal_outcome(request_id, outcome),
            f"Amazon's decision recorded: {REMOVAL_OUTCOME_LABELS.get(outcome, outcome)}.",
            "Decision not recorded",
        )

    # --- the conversation by email -----------------------------------------------------------------------

    def _pick_message(self, messages: list[BuyerMessage], title: str, then: Callable[[int], None]) -> None:
        """Act on the one message, or let the agent pick which (newest first)."""
        if len(messages) == 1:
            assert messages[0].id is not None
            then(messages[0].id)
            return
        from fbdesk.ui.screens.dialogs import ChoiceScreen

        choices = [
            (str(m.id), one_line(f"{fmt.moment(m.sent_at)} · {m.delivery_state} · {m.body}", limit=200))
            for m in reversed(messages)
        ]
        self.app.push_screen(ChoiceScreen(title, choices), lambda chosen: then(int(chosen)) if chosen else None)

    def action_retry_message(self) -> None:
        messages = self._in_state(RETRYABLE)
        if not messages:
            self.notify("No failed or held message to send again.", severity="warning", markup=False)
            return
        self._pick_message(messages, "Send again which message?", self._retry)

    def _retry(self, message_id: int) -> None:
        self._change(
            lambda: self.desk.retry_message(message_id),
            "Message queued again: it goes out at the next sync.",
            "Not sent again",
        )

    def action_settle_unknown(self) -> None:
        messages = self._in_state((DeliveryState.UNKNOWN,))
        if not messages:
            self.notify("No message has an unknown delivery.", severity="warning", markup=False)
            return
        self._pick_message(messages, "Settle the delivery of which message?", self._ask_delivered)

    def _ask_delivered(self, message_id: int) -> None:
        from fbdesk.ui.screens.dialogs import ChoiceScreen

        self.app.push_screen(
            ChoiceScreen(
                "Delivery unknown: the mail server may or may not have this message",
                UNKNOWN_CHOICES,
                hint="Mark it sent only if you know it arrived (the buyer answered it, or the mail "
                "server's log shows it).",
            ),
            partial(self._delivery_settled, message_id),
        )

    def _delivery_settled(self, message_id: int, answer: str | None) -> None:
        if answer == "delivered":
            self._change(
                lambda: self.desk.confirm_delivery(message_id, delivered=True), "Marked as sent.", "Not changed"
            )
        elif answer == "resend":
            self._change(
                lambda: self.desk.confirm_delivery(message_id, delivered=False),
                "Message queued again: it goes out at the next sync.",
                "Not sent again",
            )

    def action_buyer_address(self) -> None:
        from fbdesk.ui.screens.dialogs import TextPromptScreen

        current = self.desk.destination(self.feedback_id).address
        hint = (
            "The buyer's Amazon relay address, as in the order's messages in Seller Central "
            "(…@marketplace.amazon.…). enter save · escape cancel"
        )
        self.app.push_screen(
            TextPromptScreen(
                f"Buyer's relay address (now: {current or 'none'})", hint, single_line=True, what="address"
            ),
            self._address_typed,
        )

    def _address_typed(self, address: str | None, acknowledged: bool = False) -> None:
        if not address or not address.strip():
            return
        try:
            self.desk.set_buyer_address(self.feedback_id, address, acknowledge_not_relay=acknowledged)
        except BadInput as problem:
            self.notify(plain(str(problem)), title="Address not set", severity="error", timeout=10, markup=False)
            return
        except RuleRefusal as refusal:
            if acknowledged:
                self._refused(refusal, "Address not set")
                return
            from fbdesk.ui.screens.dialogs import ConfirmScreen

            body = inert(
                f"{refusal}\n\nMail to any other address reaches the buyer only if the buyer reads it "
                "there; Amazon does not relay it.",
                limit=1000,
            )
            self.app.push_screen(
                ConfirmScreen("Not an Amazon relay address", body, "Use it anyway"),
                lambda yes: self._address_typed(address, True) if yes else None,
            )
            return
        self.notify(plain(f"Messages for this case now go to {address.strip()}."), markup=False)
        self.refresh_case()

    def action_scroll_down(self) -> None:
        self.query_one("#case-body").scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one("#case-body").scroll_up()

    def action_scroll_home(self) -> None:
        self.query_one("#case-body").scroll_home(animate=False)

    def action_scroll_end(self) -> None:
        self.query_one("#case-body").scroll_end(animate=False)

    def action_next_case(self) -> None:
        self._move_in_inbox(backwards=False)

    def action_previous_case(self) -> None:
        self._move_in_inbox(backwards=True)

    def _move_in_inbox(self, *, backwards: bool) -> None:
        if self.inbox is None:
            self.notify("This case was not opened from the inbox: there is no list to move through.", markup=False)
            return
        row = self.desk.next_case(self.inbox, self._place or self.feedback_id, backwards=backwards)
        if row is None:
            self.notify(f"This is the {'first' if backwards else 'last'} case in the inbox's list.", markup=False)
            return
        self.app.release_presence(self.feedback_id, "viewing")
        self.feedback_id, self._place = row.id, row
        self.app.hold_presence(self.feedback_id, "viewing")
        self.refresh_case()
        self.action_scroll_home()

    def action_back(self) -> None:
        self.dismiss(self.feedback_id)
