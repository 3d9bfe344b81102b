"""Sending with the case in view: a text is written against the case as the agent read it, and must not go out
unread over what changed since (another agent's message, a buyer's reply, a modified feedback, a new status or
assignee, a public response posted or taken down).

When the composer or the response editor opens it takes a `CaseContext`, a mark of the case as it is; a send that
hands the mark back is refused with `StaleContext`, listing the changes in sentences with the text to re-read, if
the case moved on since and the agent has not confirmed. The mark is sets of row ids and a few values, so it is
compared exactly whatever order concurrent transactions commit in. Its `reread` carries the changes the agent was
shown, so that a send with the mark `StaleContext.current` (after re-reading) records them in the audit trail.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from fbdesk.db.models import AuditEvent, BuyerMessage, BuyerReply, Feedback, FeedbackRevision, Response
from fbdesk.desk.core import DeskCore
from fbdesk.domain.lifecycle import CASE_STATUS_LABELS, FeedbackState, ResponseState
from fbdesk.errors import RuleRefusal

_STATUS_ACTIONS = ("status", "assignee", "undo")  # the audit events that set a case's status or assignee


@dataclass(frozen=True)
class CaseContext:
    """The case as an agent read it when they began writing (`Desk.case_context`)."""

    feedback_id: int
    revision: int
    rating: int
    feedback_state: str
    case_status: str
    assignee: str | None
    messages: frozenset[int]
    replies: frozenset[int]  # the buyer's replies and Amazon's notices
    responses: frozenset[tuple[int, str]]  # (id, state)
    audit_through: int  # the case's last audit event then, to say who made a change
    reread: tuple[str, ...] = field(default=(), compare=False)  # changes the agent was shown and has re-read


@dataclass(frozen=True)
class Change:
    """One thing that changed in the case: a sentence, and the text the agent should re-read (a reply, a
    message, the feedback's new comment), if any."""

    sentence: str
    text: str = ""


class StaleContext(RuleRefusal):
    """The case changed since the agent began writing; nothing was sent. `changes` says what, `current` is the mark
    to send with once the agent has re-read them (and confirmed it)."""

    def __init__(self, changes: tuple[Change, ...], current: CaseContext) -> None:
        listed = "; ".join(c.sentence for c in changes)
        super().__init__(f"The case changed since you began writing: {listed}. Re-read it, then confirm to send.")
        self.changes = changes
        self.current = current


def take(session: Session, fb: Feedback, *, reread: tuple[str, ...] = ()) -> CaseContext:
    """The mark of the case as it is in `session`."""
    assert fb.id is not None  # a stored row
    fid = fb.id
    messages = session.exec(select(BuyerMessage.id).where(col(BuyerMessage.feedback_id) == fid)).all()
    replies = session.exec(select(BuyerReply.id).where(col(BuyerReply.feedback_id) == fid)).all()
    responses = session.exec(select(Response.id, Response.state).where(col(Response.feedback_id) == fid)).all()
    audit = session.exec(select(func.max(AuditEvent.id)).where(col(AuditEvent.feedback_id) == fid)).one()
    return CaseContext(
        feedback_id=fid,
        revision=fb.revision,
        rating=fb.rating,
        feedback_state=fb.feedback_state,
        case_status=fb.case_status,
        assignee=fb.assignee,
        messages=frozenset(i for i in messages if i is not None),
        replies=frozenset(i for i in replies if i is not None),
        responses=frozenset((i, state) for i, state in responses if i is not None),
        audit_through=audit or 0,
        reread=reread,
    )


def check(session: Session, fb: Feedback, context: CaseContext | None, *, confirmed: bool, now: datetime) -> list[str]:
    """In the sending transaction, with the case's row locked: refuse with `StaleContext` if the case changed since
    `context` and the agent has not confirmed. Returns what to record in the audit: the changes the agent re-read
    (carried by the mark) and those confirmed unread-by-the-Desk. No mark (a script, the CLI): nothing to check."""
    if context is None:
        return []
    if context.feedback_id != fb.id:
        raise RuleRefusal("The case context given is of another case; open the composer on this case again.")
    changes = changes_since(session, fb, context, now=now)
    if changes and not confirmed:
        current = take(session, fb, reread=(*context.reread, *(c.sentence for c in changes)))
        raise StaleContext(tuple(changes), current)
    return [*context.reread, *(c.sentence for c in changes)]


def changes_since(session: Session, fb: Feedback, context: CaseContext, *, now: datetime) -> list[Change]:
    """What changed in the case since `context`, in sentences, oldest kind of news first: the conversation, the
    feedback, the public response, then the status and the assignee."""
    current = take(session, fb)
    if current == context:
        return []
    changes: list[Change] = []
    new_messages = sorted(current.messages - context.messages)
    if new_messages:
        for message in session.exec(
            select(BuyerMessage).where(col(BuyerMessage.id).in_(new_messages)).order_by(col(BuyerMessage.id))
        ):
            what = "a removal notice" if message.is_removal_notice else "a message"
            changes.append(
                Change(f"{message.agent} sent {what} to the buyer {_when(message.sent_at, now)}", message.body)
            )
    new_replies = sorted(current.replies - context.replies)
    if new_replies:
        for reply in session.exec(
            select(BuyerReply).where(col(BuyerReply.id).in_(new_replies)).order_by(col(BuyerReply.id))
        ):
            if reply.kind == "amazon-notice":
                changes.append(Change(f"Amazon said a message was not delivered {_when(reply.received_at, now)}"))
            else:
                changes.append(Change(f"The buyer replied {_when(reply.received_at, now)}", reply.body))
    changes.extend(_feedback_changes(session, fb, context))
    changes.extend(_response_changes(session, current, context, now=now))
    setters = _who_set(session, fb, context)
    if current.case_status != context.case_status:
        label = CASE_STATUS_LABELS.get(current.case_status, current.case_status.replace("_", " "))
        by = setters.get("status")
        changes.append(Change(f"Status changed to {label}" + (f" by {by}" if by else "")))
    if current.assignee != context.assignee:
        by = setters.get("assignee")
        if current.assignee is None:
            sentence = "The case was unassigned"
        elif by == current.assignee:
            sentence = f"{current.assignee} took the case"
        else:
            sentence = f"Assigned to {current.assignee}"
        if by and by != current.assignee:
            sentence += f" by {by}"
        changes.append(Change(sentence))
    return changes


def _feedback_changes(session: Session, fb: Feedback, context: CaseContext) -> list[Change]:
    if fb.feedback_state != context.feedback_state and fb.feedback_state in _GONE_SENTENCES:
        return [Change(_GONE_SENTENCES[fb.feedback_state])]
    if fb.revision == context.revision:
        return []
    if fb.rating != context.rating:
        return [Change(f"The buyer changed the feedback: {_stars(context.rating)} → {_stars(fb.rating)}", fb.comment)]
    earlier = session.exec(
        select(FeedbackRevision.comment).where(
            col(FeedbackRevision.feedback_id) == fb.id, col(FeedbackRevision.revision) == context.revision
        )
    ).first()
    return [
        Change(
            "The buyer changed the feedback's comment" if earlier != fb.comment else "The buyer changed the feedback",
            fb.comment,
        )
    ]


_GONE_SENTENCES: dict[str, str] = {
    FeedbackState.REMOVED_BY_BUYER: "The buyer removed the feedback",
    FeedbackState.REMOVED_BY_AMAZON: "Amazon removed the feedback",
    FeedbackState.STRUCK_THROUGH: "Amazon struck the feedback through",
}


def _response_changes(session: Session, current: CaseContext, context: CaseContext, *, now: datetime) -> list[Change]:
    before = dict(context.responses)
    changes = []
    for response_id, state in sorted(current.responses):
        if response_id not in before:
            response = session.get(Response, response_id)
            assert response is not None  # read in this transaction
            if response.source == "fbdesk":
                sentence = f"{response.agent} posted a public response {_when(response.submitted_at, now)}"
            else:
                sentence = "A public response was found in Amazon's report"
            changes.append(Change(sentence, response.body))
        elif before[response_id] != state and state == ResponseState.DELETED:
            changes.append(Change("The public response was deleted"))
        elif before[response_id] != state and state == ResponseState.REMOVED:
            changes.append(Change("Amazon removed the public response"))
    return changes


def _who_set(session: Session, fb: Feedback, context: CaseContext) -> dict[str, str | None]:
    """Who last set the status and the assignee since the mark, by the audit trail: the agent, or None for a status
    rule (set off by a message, a reply or a report, which the changes name themselves)."""
    events = session.exec(
        select(AuditEvent)
        .where(
            col(AuditEvent.feedback_id) == fb.id,
            col(AuditEvent.id) > context.audit_through,
            col(AuditEvent.action).in_(_STATUS_ACTIONS),
        )
        .order_by(col(AuditEvent.id))
    ).all()
    setters: dict[str, str | None] = {}
    for event in events:
        try:
            details = json.loads(event.details or "{}")
        except ValueError:
            details = {}
        if event.action == "undo":
            setters["assignee" if details.get("change") == "assignee" else "status"] = event.agent
        else:
            setters[event.action] = None if details.get("because") else event.agent
    return setters


def _when(moment: datetime, now: datetime) -> str:
    """ "at 14:02" today, "on 19 Nov at 14:02" another day (UTC, as the desk shows every moment)."""
    if moment.date() == now.date():
        return f"at {moment:%H:%M}"
    return f"on {moment.day} {moment:%b} at {moment:%H:%M}"


def _stars(rating: int) -> str:
    return f"{rating} star" + ("" if rating == 1 else "s")


class CaseContexts:
    """The Desk's door to the marks: taking one as an editor opens, and telling the review step what changed."""

    def __init__(self, core: DeskCore) -> None:
        self._core = core

    def take(self, feedback_id: int) -> CaseContext:
        with self._core.read() as session:
            return take(session, self._core.feedback(session, feedback_id))

    def check(self, context: CaseContext) -> None:
        """`StaleContext` if the case changed since `context`: the check a send makes, before sending."""
        with self._core.read() as session:
            fb = self._core.feedback(session, context.feedback_id)
            check(session, fb, context, confirmed=False, now=self._core.clock())
