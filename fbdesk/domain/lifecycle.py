"""The rules of a feedback case: case status transitions, the feedback's own state, and the one
public response Amazon allows. The Desk applies these; nothing else decides them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

CASE_STATUSES = ("new", "in_progress", "waiting_on_buyer", "resolved", "closed")
CASE_STATUS_LABELS = {
    "new": "New",
    "in_progress": "In progress",
    "waiting_on_buyer": "Waiting on buyer",
    "resolved": "Resolved",
    "closed": "Closed",
}
_TRANSITIONS = {
    "new": {"in_progress", "waiting_on_buyer", "resolved", "closed"},
    "in_progress": {"waiting_on_buyer", "resolved", "closed"},
    "waiting_on_buyer": {"in_progress", "resolved", "closed"},
    "resolved": {"in_progress", "closed"},
    "closed": {"in_progress"},
}

# What happened to the feedback itself on Amazon.
FEEDBACK_STATE_LABELS = {
    "live": "Live",
    "modified": "Modified by buyer",
    "removed_by_buyer": "Removed by buyer",
    "removed_by_amazon": "Removed by Amazon",
    "struck_through": "Struck through by Amazon",
}
FEEDBACK_GONE = frozenset({"removed_by_buyer", "removed_by_amazon"})

# The public response, as the inbox shows it.
RESPONSE_STATE_LABELS = {
    "none": "No response",
    "live": "Live",
    "deleted": "Deleted (locked)",
    "removed": "Removed: buyer changed feedback",
}

REMOVAL_GROUNDS = ("obscene", "personal-data", "product-review", "fba-delivery")
REMOVAL_OUTCOMES = ("pending", "removed", "struck-through", "refused")

DEFAULT_FIRST_RESPONSE_TARGET = timedelta(hours=24)
DUE_SOON = timedelta(hours=4)


class RuleRefusal(Exception):
    """An action the rules do not allow; the message says why and what to do instead."""


def check_agent_name(name: str) -> str:
    """An agent name as stored: trimmed, printable, at most 80 characters."""
    name = name.strip()
    if not name or len(name) > MAX_AGENT_NAME or not name.isprintable():
        raise RuleRefusal(f"{name[:MAX_AGENT_NAME]!r} is not an agent name: use 1 to {MAX_AGENT_NAME} printable "
                          "characters.")
    return name


def initial_case_status(rating: int) -> str:
    """Negative and neutral feedback opens a case; positive feedback needs none."""
    return "new" if rating <= 3 else "closed"


def reopens_case(case_status: str, new_rating: int) -> bool:
    """A buyer who changes the feedback of a closed case to negative or neutral reopens the case."""
    return case_status == "closed" and new_rating <= 3


def check_transition(current: str, target: str) -> None:
    if target not in CASE_STATUSES:
        raise RuleRefusal(f"Unknown case status {target!r}; use one of {', '.join(CASE_STATUSES)}.")
    if target == current:
        raise RuleRefusal(f"The case is already {CASE_STATUS_LABELS[current].lower()}.")
    if target not in _TRANSITIONS[current]:
        allowed = ", ".join(CASE_STATUS_LABELS[s].lower() for s in CASE_STATUSES if s in _TRANSITIONS[current])
        raise RuleRefusal(
            f"A {CASE_STATUS_LABELS[current].lower()} case cannot go back to {CASE_STATUS_LABELS[target].lower()}; "
            f"it can become: {allowed}."
        )


@dataclass(frozen=True)
class ResponseRecord:
    """What the lifecycle needs to know of one response."""

    for_revision: int
    state: str  # live, deleted, removed
    submitted_at: datetime
    ended_at: datetime | None


def _day(moment: datetime) -> str:
    return f"{moment.day} {moment:%b %Y}"


def check_can_respond(feedback_state: str, revision: int, responses: list[ResponseRecord]) -> None:
    """Amazon allows one public response per feedback. Deleting it forfeits the right to respond,
    unless the buyer later modifies or removes the feedback, which removes the response and allows a
    new one to the modified feedback."""
    if feedback_state in FEEDBACK_GONE:
        raise RuleRefusal(f"This feedback was {FEEDBACK_STATE_LABELS[feedback_state].lower()}; "
                          "there is nothing left to respond to.")
    for r in responses:
        if r.for_revision != revision:
            continue
        if r.state == "live":
            raise RuleRefusal(
                f"A response has been live since {_day(r.submitted_at)}. Amazon allows one response per feedback, "
                "and a submitted response cannot be edited; you may only delete it."
            )
        if r.state == "deleted":
            raise RuleRefusal(
                f"You deleted your response on {_day(r.ended_at or r.submitted_at)}; Amazon allows no second "
                "response unless the buyer changes the feedback."
            )


def check_can_delete(responses: list[ResponseRecord], revision: int) -> ResponseRecord:
    """The live response for the current version of the feedback, which may be deleted."""
    for r in responses:
        if r.for_revision == revision and r.state == "live":
            return r
    if any(r.for_revision == revision and r.state == "deleted" for r in responses):
        raise RuleRefusal("The response was already deleted.")
    raise RuleRefusal("There is no live response to delete.")


def response_state(responses: list[ResponseRecord], revision: int) -> str:
    """The response state shown for a feedback at `revision`."""
    current = [r for r in responses if r.for_revision == revision]
    if current:
        return current[-1].state
    return "removed" if any(r.state == "removed" for r in responses) else "none"


ANSWERED_STATUSES = ("resolved", "closed")
MAX_AGENT_NAME = 80


def owes_first_response(case_status: str, first_response_at: datetime | None) -> bool:
    """A case owes the buyer a first response until someone contacts the buyer or responds, or the case is
    resolved or closed. The inbox's due and overdue filters rest on this (as SQL, in the Desk)."""
    return first_response_at is None and case_status not in ANSWERED_STATUSES


def deadline_state(due: datetime, now: datetime, owed: bool) -> str:
    """'overdue', 'due-soon', 'on-time' or 'met' for a first-response deadline."""
    if not owed:
        return "met"
    if now >= due:
        return "overdue"
    return "due-soon" if due - now <= DUE_SOON else "on-time"
