"""The rules of a feedback case: case status transitions, the feedback's own state, and the one
public response Amazon allows. The Desk applies these; nothing else decides them.

The states are `StrEnum`s: each member is equal to its value, the plain string the database stores, so a label
dict keyed by members also answers for a string read from the database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from fbdesk.errors import RuleRefusal  # raised here; defined once, with every error a user can cause


class CaseStatus(StrEnum):
    """Where the desk's work on a feedback stands, in the order the inbox's tabs show them."""

    BUYER_REPLIED = "buyer_replied"
    NEW = "new"
    IN_PROGRESS = "in_progress"
    WAITING_ON_BUYER = "waiting_on_buyer"
    RESOLVED = "resolved"
    CLOSED = "closed"


CASE_STATUS_LABELS: dict[str, str] = {
    CaseStatus.BUYER_REPLIED: "Buyer replied",
    CaseStatus.NEW: "New",
    CaseStatus.IN_PROGRESS: "In progress",
    CaseStatus.WAITING_ON_BUYER: "Waiting on buyer",
    CaseStatus.RESOLVED: "Resolved",
    CaseStatus.CLOSED: "Closed",
}
_TRANSITIONS = {
    # Only the buyer moves a case to "buyer replied" (a reply fetched from the mailbox); the agent moves it on.
    CaseStatus.BUYER_REPLIED: {
        CaseStatus.IN_PROGRESS,
        CaseStatus.WAITING_ON_BUYER,
        CaseStatus.RESOLVED,
        CaseStatus.CLOSED,
    },
    CaseStatus.NEW: {CaseStatus.IN_PROGRESS, CaseStatus.WAITING_ON_BUYER, CaseStatus.RESOLVED, CaseStatus.CLOSED},
    CaseStatus.IN_PROGRESS: {CaseStatus.WAITING_ON_BUYER, CaseStatus.RESOLVED, CaseStatus.CLOSED},
    CaseStatus.WAITING_ON_BUYER: {CaseStatus.IN_PROGRESS, CaseStatus.RESOLVED, CaseStatus.CLOSED},
    CaseStatus.RESOLVED: {CaseStatus.IN_PROGRESS, CaseStatus.CLOSED},
    CaseStatus.CLOSED: {CaseStatus.IN_PROGRESS},
}
# A case in one of these owes the buyer no first response.
ANSWERED_STATUSES = (CaseStatus.RESOLVED, CaseStatus.CLOSED)
# The work still to do: every other status (the inbox's Open tab).
OPEN_STATUSES = tuple(status for status in CaseStatus if status not in ANSWERED_STATUSES)


class FeedbackState(StrEnum):
    """What happened to the feedback itself on Amazon."""

    LIVE = "live"
    MODIFIED = "modified"
    REMOVED_BY_BUYER = "removed_by_buyer"
    REMOVED_BY_AMAZON = "removed_by_amazon"
    STRUCK_THROUGH = "struck_through"


FEEDBACK_STATE_LABELS: dict[str, str] = {
    FeedbackState.LIVE: "Live",
    FeedbackState.MODIFIED: "Modified by buyer",
    FeedbackState.REMOVED_BY_BUYER: "Removed by buyer",
    FeedbackState.REMOVED_BY_AMAZON: "Removed by Amazon",
    FeedbackState.STRUCK_THROUGH: "Struck through by Amazon",
}
FEEDBACK_GONE = frozenset({FeedbackState.REMOVED_BY_BUYER, FeedbackState.REMOVED_BY_AMAZON})


class ResponseState(StrEnum):
    """The public response: the state of one response row, and the one the inbox shows for a feedback ("none"
    only there)."""

    NONE = "none"
    LIVE = "live"
    DELETED = "deleted"
    REMOVED = "removed"


RESPONSE_STATE_LABELS: dict[str, str] = {
    ResponseState.NONE: "No response",
    ResponseState.LIVE: "Live",
    ResponseState.DELETED: "Deleted (locked)",
    ResponseState.REMOVED: "Removed: buyer changed feedback",
}


class RemovalGround(StrEnum):
    """The grounds on which Amazon removes feedback (the policy engine's amazon-removable findings name them)."""

    OBSCENE = "obscene"
    PERSONAL_DATA = "personal-data"
    PRODUCT_REVIEW = "product-review"
    FBA_DELIVERY = "fba-delivery"


REMOVAL_GROUND_LABELS: dict[str, str] = {
    RemovalGround.OBSCENE: "obscene language",
    RemovalGround.PERSONAL_DATA: "personal data",
    RemovalGround.PRODUCT_REVIEW: "a product review",
    RemovalGround.FBA_DELIVERY: "an FBA delivery complaint",
}


class RemovalOutcome(StrEnum):
    """A removal request: waiting for Amazon, or what Amazon decided."""

    PENDING = "pending"
    REMOVED = "removed"
    STRUCK_THROUGH = "struck-through"
    REFUSED = "refused"


REMOVAL_OUTCOME_LABELS: dict[str, str] = {
    RemovalOutcome.PENDING: "Waiting for Amazon",
    RemovalOutcome.REMOVED: "Removed by Amazon",
    RemovalOutcome.STRUCK_THROUGH: "Struck through by Amazon",
    RemovalOutcome.REFUSED: "Refused by Amazon",
}
# What Amazon can decide on a removal request: every outcome but pending.
AMAZON_DECISIONS = (RemovalOutcome.REMOVED, RemovalOutcome.STRUCK_THROUGH, RemovalOutcome.REFUSED)


def feedback_state_after(decision: RemovalOutcome) -> FeedbackState | None:
    """The feedback's state after Amazon's decision on a removal request; None when it stays as it was."""
    return {
        RemovalOutcome.REMOVED: FeedbackState.REMOVED_BY_AMAZON,
        RemovalOutcome.STRUCK_THROUGH: FeedbackState.STRUCK_THROUGH,
    }.get(decision)


class DeliveryState(StrEnum):
    """A message to the buyer on its way to the buyer's Amazon relay address. Delivery is at most once: a message
    is `sending` (its Message-ID recorded) before the mail server hears of it, and one left `sending` by a crash
    becomes `unknown` for the agent to confirm or retry, never re-sent blindly."""

    QUEUED = "queued"
    HELD = "held"  # not sent: no address to send to, or the policy now blocks it; the reason is recorded
    SENDING = "sending"
    SENT = "sent"
    RETRYING = "retrying"  # a temporary failure; tried again after a backoff
    FAILED = "failed"  # refused by the mail server for good; tried again only when the agent asks
    UNKNOWN = "unknown"  # the server may or may not have it
    NOT_DELIVERED = "not_delivered"  # Amazon answered that it did not deliver it (opt-out, guidelines, sender)
    RECORDED = "recorded"  # written before fbdesk delivered mail: sent outside it, never delivered by it


DELIVERY_STATE_LABELS: dict[str, str] = {
    DeliveryState.QUEUED: "Queued",
    DeliveryState.HELD: "Held",
    DeliveryState.SENDING: "Sending",
    DeliveryState.SENT: "Sent",
    DeliveryState.RETRYING: "Failed, retrying",
    DeliveryState.FAILED: "Failed",
    DeliveryState.UNKNOWN: "Delivery unknown",
    DeliveryState.NOT_DELIVERED: "Not delivered by Amazon",
    DeliveryState.RECORDED: "Recorded (sent outside fbdesk)",
}
# What the delivery worker sends when it is due; held, failed and unknown messages wait for the agent.
DELIVERABLE = (DeliveryState.QUEUED, DeliveryState.RETRYING)
# A message that reached the buyer: delivered by fbdesk, or sent outside it before fbdesk delivered mail. Only these
# are contact with the buyer; a queued, failed or bounced message is not, and neither is a public response.
CONTACT = (DeliveryState.SENT, DeliveryState.RECORDED)


class DraftKind(StrEnum):
    """What an agent drafts, and what the policy judges before it goes out."""

    MESSAGE = "message"
    RESPONSE = "response"


DEFAULT_FIRST_RESPONSE_TARGET = timedelta(hours=24)
DUE_SOON = timedelta(hours=4)
MAX_AGENT_NAME = 80


def in_sentence(label: str) -> str:
    """A label inside a sentence: "Removed by Amazon" becomes "removed by Amazon" (only its first letter changes,
    so names keep their capitals; an abbreviation such as "FBA" stays as it is)."""
    if label[1:2].isupper():
        return label
    return label[:1].lower() + label[1:]


def check_agent_name(name: str) -> str:
    """An agent name as stored: trimmed, printable, at most 80 characters."""
    name = name.strip()
    if not name or len(name) > MAX_AGENT_NAME or not name.isprintable():
        raise RuleRefusal(
            f"{name[:MAX_AGENT_NAME]!r} is not an agent name: use 1 to {MAX_AGENT_NAME} printable characters."
        )
    return name


def initial_case_status(rating: int) -> CaseStatus:
    """Negative and neutral feedback opens a case; positive feedback needs none."""
    return CaseStatus.NEW if rating <= 3 else CaseStatus.CLOSED


def reopens_case(case_status: str, new_rating: int) -> bool:
    """A buyer who changes the feedback of a closed case to negative or neutral reopens the case."""
    event = buyer_change_event("modified", new_rating)
    return event is not None and status_after(event, case_status) is CaseStatus.NEW


def check_transition(current: str, target: str) -> CaseStatus:
    """The target status, if a case in `current` may go there."""
    if target not in CASE_STATUS_LABELS:
        raise RuleRefusal(f"Unknown case status {target!r}; use one of {', '.join(CaseStatus)}.")
    now, then = CaseStatus(current), CaseStatus(target)
    if then == now:
        raise RuleRefusal(f"The case is already {CASE_STATUS_LABELS[now].lower()}.")
    if then not in _TRANSITIONS[now]:
        allowed = ", ".join(CASE_STATUS_LABELS[s].lower() for s in CaseStatus if s in _TRANSITIONS[now])
        raise RuleRefusal(
            f"A {CASE_STATUS_LABELS[now].lower()} case cannot go back to {CASE_STATUS_LABELS[then].lower()}; "
            f"it can become: {allowed}."
        )
    return then


@dataclass(frozen=True)
class ResponseRecord:
    """What the lifecycle needs to know of one response."""

    for_revision: int
    state: str  # a ResponseState other than none
    submitted_at: datetime
    ended_at: datetime | None


def _day(moment: datetime) -> str:
    return f"{moment.day} {moment:%b %Y}"


def check_can_respond(feedback_state: str, revision: int, responses: list[ResponseRecord]) -> None:
    """Amazon allows one public response per feedback. Deleting it forfeits the right to respond,
    unless the buyer later modifies or removes the feedback, which removes the response and allows a
    new one to the modified feedback."""
    if feedback_state in FEEDBACK_GONE:
        raise RuleRefusal(
            f"This feedback was {in_sentence(FEEDBACK_STATE_LABELS[FeedbackState(feedback_state)])}; "
            "there is nothing left to respond to."
        )
    for r in responses:
        if r.for_revision != revision:
            continue
        if r.state == ResponseState.LIVE:
            raise RuleRefusal(
                f"A response has been live since {_day(r.submitted_at)}. Amazon allows one response per feedback, "
                "and a submitted response cannot be edited; you may only delete it."
            )
        if r.state == ResponseState.DELETED:
            raise RuleRefusal(
                f"You deleted your response on {_day(r.ended_at or r.submitted_at)}; Amazon allows no second "
                "response unless the buyer changes the feedback."
            )


def check_can_delete(responses: list[ResponseRecord], revision: int) -> ResponseRecord:
    """The live response for the current version of the feedback, which may be deleted."""
    for r in responses:
        if r.for_revision == revision and r.state == ResponseState.LIVE:
            return r
    if any(r.for_revision == revision and r.state == ResponseState.DELETED for r in responses):
        raise RuleRefusal("The response was already deleted.")
    raise RuleRefusal("There is no live response to delete.")


def response_state(responses: list[ResponseRecord], revision: int) -> ResponseState:
    """The response state shown for a feedback at `revision`."""
    current = [r for r in responses if r.for_revision == revision]
    if current:
        return ResponseState(current[-1].state)
    return ResponseState.REMOVED if any(r.state == ResponseState.REMOVED for r in responses) else ResponseState.NONE


class Deadline(StrEnum):
    """Where a case's first-response deadline stands: owed (on time, due soon, overdue), settled (met, missed), or
    none, for a case that never owed one (positive feedback)."""

    ON_TIME = "on-time"
    DUE_SOON = "due-soon"
    OVERDUE = "overdue"
    MET = "met"
    MISSED = "missed"
    NONE = "none"


def owes_first_response(owed_since: datetime | None, contacted_at: datetime | None, case_status: str) -> bool:
    """A case owes the buyer a first contact from the moment its deadline starts (the import of negative or neutral
    feedback, a buyer's reply, the buyer reopening a closed case) until a message to the buyer goes out, or the
    case is resolved or closed. The inbox's due and overdue filters rest on this (as SQL, in the Desk)."""
    return owed_since is not None and contacted_at is None and case_status not in ANSWERED_STATUSES


def deadline_state(
    owed_since: datetime | None, due: datetime, contacted_at: datetime | None, case_status: str, now: datetime
) -> Deadline:
    """A first-response deadline is met only when the first message to the buyer went out (see CONTACT) by the due
    time. It is missed when that message went out later, or when the case was resolved or closed with none gone
    out; until then it is owed. The record it rests on (`contacted_at`) is kept when the case closes or the
    feedback changes, so a missed deadline stays missed."""
    if owed_since is None:
        return Deadline.NONE
    if contacted_at is not None:
        return Deadline.MET if contacted_at <= due else Deadline.MISSED
    if not owes_first_response(owed_since, contacted_at, case_status):  # resolved or closed without contact
        return Deadline.MISSED
    if now >= due:
        return Deadline.OVERDUE
    return Deadline.DUE_SOON if due - now <= DUE_SOON else Deadline.ON_TIME


# --- the status rules ---------------------------------------------------------------------------------------


class CaseEvent(StrEnum):
    """What moves a case's status by rule (the README's table of status rules); the agent may always change it
    again. Each value is the reason the audit trail gives."""

    MESSAGE_SENT = "a message was sent to the buyer"
    BUYER_REPLIED = "the buyer replied"
    FEEDBACK_GONE = "the feedback was removed or struck through"
    FEEDBACK_TURNED_NEGATIVE = "the buyer changed the feedback to negative or neutral"


_RULES: dict[CaseEvent, tuple[frozenset[CaseStatus], CaseStatus]] = {
    # Answering the buyer, whatever the case was waiting for, leaves it waiting on the buyer.
    CaseEvent.MESSAGE_SENT: (
        frozenset({CaseStatus.NEW, CaseStatus.IN_PROGRESS, CaseStatus.BUYER_REPLIED}),
        CaseStatus.WAITING_ON_BUYER,
    ),
    CaseEvent.BUYER_REPLIED: (frozenset(CaseStatus) - {CaseStatus.BUYER_REPLIED}, CaseStatus.BUYER_REPLIED),
    CaseEvent.FEEDBACK_GONE: (frozenset(OPEN_STATUSES), CaseStatus.RESOLVED),
    CaseEvent.FEEDBACK_TURNED_NEGATIVE: (frozenset({CaseStatus.CLOSED}), CaseStatus.NEW),
}


def status_after(event: CaseEvent, current: str) -> CaseStatus | None:
    """The status a case in `current` moves to when `event` happens; None when it stays as it is."""
    moves_from, target = _RULES[event]
    return target if current in moves_from else None


def restarts_deadline(event: CaseEvent, current: str) -> bool:
    """A buyer's reply, and a closed case the buyer opens again, start a new first-response deadline (one still
    owed stands: the buyer is still waiting for the first answer)."""
    return event is CaseEvent.BUYER_REPLIED or (
        event is CaseEvent.FEEDBACK_TURNED_NEGATIVE and status_after(event, current) is not None
    )


def buyer_change_event(change: str, new_rating: int | None) -> CaseEvent | None:
    """The status rule a buyer's change to the feedback, as an import shows it ("modified" or "removed"), falls
    under."""
    if change == "removed":
        return CaseEvent.FEEDBACK_GONE
    return CaseEvent.FEEDBACK_TURNED_NEGATIVE if new_rating is not None and new_rating <= 3 else None
