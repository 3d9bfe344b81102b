"""The audit trail in sentences: what an audit event (who, the action, its details as the Desk recorded them) says,
as an agent would say it ("sam assigned the case to priya", "sam changed the status from New to Waiting on buyer").

Every action the Desk writes has a sentence here (a test reads the Desk's `audit(...)` calls to prove it); an action
with none (from a newer fbdesk) still reads as words, never as raw values."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from fbdesk.domain.lifecycle import (
    CASE_STATUS_LABELS,
    REMOVAL_GROUND_LABELS,
    REMOVAL_OUTCOME_LABELS,
    in_sentence,
)

Details = Mapping[str, Any]


def audit_sentence(agent: str, action: str, details: str | Details | None) -> str:
    """One audit event as a sentence. `details` is the event's JSON text as stored, or already read."""
    facts = _read(details)
    say = SENTENCES.get(action)
    if say is None:
        return f"{agent}: {action.replace('-', ' ').replace('_', ' ')}"
    try:
        return say(agent, facts)
    except (KeyError, TypeError, ValueError, AttributeError):  # details written by another version: still words
        return f"{agent}: {action.replace('-', ' ')}"


def _read(details: str | Details | None) -> dict[str, Any]:
    if details is None or details == "":
        return {}
    if isinstance(details, str):
        try:
            details = json.loads(details)
        except ValueError:
            return {}
    return dict(details) if isinstance(details, Mapping) else {}


def _status(value: object) -> str:
    return CASE_STATUS_LABELS.get(str(value), str(value).replace("_", " "))


def _ground(value: object) -> str:
    return REMOVAL_GROUND_LABELS.get(str(value), str(value).replace("-", " "))


def _rules(rules: object) -> str:
    """Policy rule ids as words: "contact-details" is "contact details"."""
    if not isinstance(rules, list | tuple):
        return ""
    return ", ".join(str(rule).replace("-", " ") for rule in rules)


def _quoted(text: object) -> str:
    return f"“{text}”" if text else ""


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _assignee(agent: str, d: Details) -> str:
    old, new = d.get("old"), d.get("new")
    if new is None:
        return f"{agent} unassigned the case" + (f" (was {old})" if old else "")
    if new == agent and old is None:
        return f"{agent} took the case"
    if old is None:
        return f"{agent} assigned the case to {new}"
    return f"{agent} reassigned the case from {old} to {new}"


def _message_sent(agent: str, d: Details) -> str:
    if "to" in d:  # the delivery worker's record: the mail server took the message
        return f"Message delivered to {d['to']}" if d.get("to") else "Message delivered"
    what = "a removal notice" if d.get("removal_notice") else "a message"
    sentence = f"{agent} sent {what} to the buyer"
    if d.get("acknowledged"):
        warned = _rules(d.get("findings"))
        sentence += f", acknowledging the warnings{f' ({warned})' if warned else ''}: {_quoted(d['acknowledged'])}"
    return sentence + _reread(d)


def _response_submitted(agent: str, d: Details) -> str:
    sentence = f"{agent} posted the public response"
    if d.get("acknowledged"):
        sentence += f", acknowledging the warnings: {_quoted(d['acknowledged'])}"
    return sentence + _reread(d)


def _reread(d: Details) -> str:
    """What had changed in the case since the agent began writing, which they confirmed having re-read."""
    changes = d.get("reread")
    if not isinstance(changes, list | tuple) or not changes:
        return ""
    return f", after re-reading what had changed since they began writing ({'; '.join(map(str, changes))})"


def _buyer_changed(d: Details) -> str:
    old, new = d.get("old_rating"), d.get("new_rating")
    if old is not None and new is not None and old != new:
        sentence = f"The buyer changed the feedback from {old}★ to {new}★"
    else:
        sentence = "The buyer changed the feedback's comment"
    return sentence + _after_buyer_change(d)


def _after_buyer_change(d: Details) -> str:
    tail = ""
    if d.get("response_removed"):
        tail += "; Amazon removed the public response with it"
    if d.get("case_reopened"):
        tail += "; the case is open again"
    return tail


def _imported(agent: str, d: Details) -> str:
    files = d.get("files") or []
    counts = ", ".join(f"{d.get(key, 0)} {key}" for key in ("added", "modified", "unchanged", "removed"))
    sentence = f"{agent} imported {_plural(len(files), 'report file')}"
    if d.get("marketplace"):
        sentence += f" ({d['marketplace']}{', complete' if d.get('complete') else ''})"
    sentence += f": {counts}"
    if d.get("responses"):
        sentence += f", {_plural(int(d['responses']), 'response')} recorded"
    return sentence


def _status_changed(agent: str, d: Details) -> str:
    if d.get("because"):  # by a status rule, not by the agent whose action set it off
        return f"The status changed from {_status(d['old'])} to {_status(d['new'])}: {d['because']}"
    return f"{agent} changed the status from {_status(d['old'])} to {_status(d['new'])}"


def _undone(agent: str, d: Details) -> str:
    if d.get("change") == "assignee":
        back = f"assigned back to {d['new']}" if d.get("new") else "unassigned again"
        return f"{agent} undid the assignment: {back}"
    return f"{agent} undid the status change: back to {_status(d.get('new'))}"


def _retried(agent: str, d: Details) -> str:
    return f"{agent} queued the message again" + (f" ({d['why']})" if d.get("why") else "")


def _address(agent: str, d: Details) -> str:
    sentence = f"{agent} set the buyer's address to {d.get('address', '')}"
    return sentence + ("" if d.get("relay", True) else " (not an Amazon relay address; acknowledged)")


def _with(detail: object) -> str:
    return f": {detail}" if detail else ""


SENTENCES: dict[str, Callable[[str, Details], str]] = {
    # The case, by an agent.
    "status": _status_changed,
    "undo": _undone,
    "assignee": _assignee,
    "note-added": lambda a, d: f"{a} added a note",
    "removal-requested": lambda a, d: f"{a} asked Amazon to remove the feedback ({_ground(d.get('ground'))})",
    "removal-outcome": lambda a, d: (
        f"{a} recorded Amazon's decision on removal ({_ground(d.get('ground'))}): "
        f"{in_sentence(REMOVAL_OUTCOME_LABELS.get(str(d.get('outcome')), str(d.get('outcome'))))}"
    ),
    # The public response.
    "response-submitted": _response_submitted,
    "response-deleted": lambda a, d: f"{a} deleted the public response",
    "response-found-in-report": lambda a, d: "The public response was found in an Amazon report",
    # Messages to the buyer and their delivery.
    "message-sent": _message_sent,
    "message-held": lambda a, d: f"Message held{_with(d.get('reason'))}",
    "message-retrying": lambda a, d: f"Message delivery failed for now, to be tried again{_with(d.get('detail'))}",
    "message-failed": lambda a, d: f"Message refused by the mail server{_with(d.get('detail'))}",
    "message-unknown": lambda a, d: f"Message delivery unknown{_with(d.get('detail'))}",
    "message-delivery-unknown": lambda a, d: "Message delivery interrupted: the buyer may or may not have it",
    "message-delivery-confirmed": lambda a, d: f"{a} confirmed the message arrived",
    "message-resent": lambda a, d: f"{a} sent the message again",
    "message-retried": _retried,
    "message-not-delivered-by-amazon": lambda a, d: f"Amazon did not deliver the message{_with(d.get('reason'))}",
    "buyer-address-set": _address,
    # The buyer, and Amazon's reports.
    "buyer-replied": lambda a, d: "The buyer replied" + (f": {_quoted(d['subject'])}" if d.get("subject") else ""),
    "buyer-modified-feedback": lambda a, d: _buyer_changed(d),
    "buyer-removed-feedback": lambda a, d: "The buyer removed the feedback" + _after_buyer_change(d),
    "import": _imported,
}
