"""Working a case: reading it whole, status and assignee, removal requests to Amazon, notes and the audit trail.
Each refusal raises before anything is written."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import update
from sqlalchemy.engine import Connection
from sqlmodel import Session, SQLModel, col, func, select

from fbdesk.db.models import (
    AuditEvent,
    BuyerMessage,
    BuyerReply,
    Feedback,
    FeedbackRevision,
    Note,
    RemovalRequest,
    Response,
)
from fbdesk.desk import deadlines
from fbdesk.desk.core import DeskCore, check_text, response_records, table_of
from fbdesk.domain import lifecycle
from fbdesk.domain.lifecycle import (
    AMAZON_DECISIONS,
    CASE_STATUS_LABELS,
    FEEDBACK_GONE,
    CaseEvent,
    CaseStatus,
    RemovalGround,
    RemovalOutcome,
    ResponseState,
    feedback_state_after,
)
from fbdesk.domain.policy import Finding, LintContext, lint
from fbdesk.domain.reports import fulfilled_by_amazon
from fbdesk.errors import NotFound, RuleRefusal

Row = TypeVar("Row", bound=SQLModel)


@dataclass(frozen=True)
class CaseFile:
    """Everything the case view shows about one feedback."""

    feedback: Feedback
    revisions: list[FeedbackRevision]
    messages: list[BuyerMessage]
    replies: list[BuyerReply]  # the buyer's replies and Amazon's notices, as fetched
    responses: list[Response]
    notes: list[Note]
    removal_requests: list[RemovalRequest]
    audit: list[AuditEvent]
    removable: list[Finding]  # the policy engine's amazon-removable findings on the comment
    deadline: str

    @property
    def conversation(self) -> list[BuyerMessage | BuyerReply]:
        """Our messages and the buyer's replies (and Amazon's notices), oldest first."""

        def when(item: BuyerMessage | BuyerReply) -> datetime:
            return item.sent_at if isinstance(item, BuyerMessage) else item.received_at

        return sorted([*self.messages, *self.replies], key=when)

    @property
    def requestable_grounds(self) -> list[Finding]:
        """The removal grounds found in the comment on which no removal was requested yet."""
        requested = {r.ground for r in self.removal_requests}
        return [f for f in self.removable if f.ground not in requested]

    @property
    def pending_removal_requests(self) -> list[RemovalRequest]:
        return [r for r in self.removal_requests if r.outcome == RemovalOutcome.PENDING]

    @property
    def current_response(self) -> Response | None:
        """The response to the current version of the feedback, live or deleted, if any."""
        current = [r for r in self.responses if r.for_revision == self.feedback.revision]
        return current[-1] if current else None

    @property
    def response_lock(self) -> str | None:
        """Why no response can be submitted now (the same check `submit_response` makes), or None."""
        try:
            lifecycle.check_can_respond(
                self.feedback.feedback_state, self.feedback.revision, response_records(self.responses)
            )
        except RuleRefusal as refusal:
            return str(refusal)
        return None


@dataclass(frozen=True)
class CaseChange:
    """A status or assignee change an agent made to one or more cases, with the values it replaced, so that it can
    be undone (`Cases.undo`) as long as nothing else changed them since."""

    field: str  # "status" or "assignee", as the audit trail names it
    value: str | None  # what the cases were set to
    before: tuple[tuple[int, str | None], ...]  # (feedback id, value before) of each case it changed
    cases: tuple[Feedback, ...]  # every case named, as the change left them
    last_event: int  # the id of the last audit event it wrote (0 when it changed nothing)


# What each field of a `CaseChange` is on the feedback.
_FIELDS = {"status": "case_status", "assignee": "assignee"}


def follow_status_rule(
    core: DeskCore, bind: Session | Connection, feedback_id: int, status: str, event: CaseEvent | None
) -> CaseStatus | None:
    """Apply the status rules (`lifecycle.status_after`, `lifecycle.restarts_deadline`) to a case in `status` when
    `event` happens: the one place they are applied, by the Desk's own operations and by the import. A status
    changed by rule is audited as an agent's change is, with the rule as the reason. Returns the new status, if
    any."""
    if event is None:
        return None
    now = core.clock()
    new = lifecycle.status_after(event, status)
    values: dict[str, Any] = {} if new is None else {"case_status": new}
    if lifecycle.restarts_deadline(event, status):
        values.update(deadlines.restarted(now, core.first_response_target))
    if not values:
        return None
    bind.execute(update(Feedback).where(col(Feedback.id) == feedback_id).values(updated_at=now, **values))
    if new is not None:
        core.audit(bind, feedback_id, "status", old=status, new=new, because=event.value)
    return new


def removal_grounds(fb: Feedback) -> list[Finding]:
    """What in the comment Amazon would remove it for: the policy engine's amazon-removable findings."""
    return [
        f
        for f in lint(fb.comment, LintContext(kind="feedback", fba=fulfilled_by_amazon(fb.channel)))
        if f.rule == "amazon-removable"
    ]


class Cases:
    def __init__(self, core: DeskCore) -> None:
        self._core = core

    # --- reading a case -------------------------------------------------------------------------------

    def get_case(self, feedback_id: int) -> CaseFile:
        with self._core.read() as session:
            fb = self._core.feedback(session, feedback_id)

            def of(model: type[Row], order: str = "id") -> list[Row]:
                columns = table_of(model).c
                return list(
                    session.exec(select(model).where(columns.feedback_id == feedback_id).order_by(columns[order])).all()
                )

            return CaseFile(
                feedback=fb,
                revisions=of(FeedbackRevision, "revision"),
                messages=of(BuyerMessage),
                replies=of(BuyerReply),
                responses=of(Response),
                notes=of(Note),
                removal_requests=of(RemovalRequest),
                audit=of(AuditEvent),
                removable=removal_grounds(fb),
                deadline=self.deadline(fb),
            )

    def deadline(self, fb: Feedback) -> str:
        return lifecycle.deadline_state(
            fb.first_response_owed_since,
            fb.first_response_due,
            fb.first_response_at,
            fb.case_status,
            self._core.clock(),
        )

    def audit_trail(self, feedback_id: int) -> list[AuditEvent]:
        with self._core.read() as session:
            return list(
                session.exec(
                    select(AuditEvent).where(col(AuditEvent.feedback_id) == feedback_id).order_by(col(AuditEvent.id))
                ).all()
            )

    # --- status and assignee --------------------------------------------------------------------------

    def _lock_all(self, session: Session, feedback_ids: Sequence[int]) -> list[Feedback]:
        """Several feedback, in the caller's order, locked in id order so two bulk changes cannot deadlock."""
        locked = {i: self._core.feedback(session, i, lock=True) for i in sorted(set(feedback_ids))}
        return [locked[i] for i in feedback_ids]

    def set_status_many(self, feedback_ids: Sequence[int], status: str) -> CaseChange:
        """Change the case status of several feedback at once; in a bulk change, cases already in that status
        are left as they are. If any change is not allowed, none is made."""
        with self._core.write() as session:
            cases = self._lock_all(session, feedback_ids)
            refusals = []
            for fb in cases:
                if fb.case_status == status and len(cases) > 1:
                    continue
                try:
                    lifecycle.check_transition(fb.case_status, status)
                except RuleRefusal as exc:
                    refusals.append(f"order {fb.order_id}: {exc}" if len(cases) > 1 else str(exc))
            if refusals:
                raise RuleRefusal(" ".join(refusals))
            return self._change(session, cases, "status", CaseStatus(status))

    def assign_many(self, feedback_ids: Sequence[int], agent: str | None) -> CaseChange:
        """Assign cases to an agent (None unassigns)."""
        agent = lifecycle.check_agent_name(agent) if agent else None
        with self._core.write() as session:
            return self._change(session, self._lock_all(session, feedback_ids), "assignee", agent)

    def _change(self, session: Session, cases: list[Feedback], field: str, value: str | None) -> CaseChange:
        """Set `field` of the cases to `value`, each change audited (old and new), in the caller's transaction."""
        attribute, now = _FIELDS[field], self._core.clock()
        before = []
        for fb in cases:
            old = getattr(fb, attribute)
            if old == value:
                continue
            assert fb.id is not None  # a stored row
            self._core.audit(session, fb.id, field, old=old, new=value)
            setattr(fb, attribute, value)
            fb.updated_at = now
            session.add(fb)
            before.append((fb.id, old))
        return CaseChange(field, value, tuple(before), tuple(cases), self._last_event(session, before))

    @staticmethod
    def _last_event(session: Session, changed: Sequence[tuple[int, object]]) -> int:
        ids = [feedback_id for feedback_id, _ in changed]
        if not ids:
            return 0
        return session.exec(select(func.max(AuditEvent.id)).where(col(AuditEvent.feedback_id).in_(ids))).one() or 0

    def undo(self, change: CaseChange) -> list[Feedback]:
        """Put back the values a status or assignee change replaced, if nothing changed them since (another agent,
        a status rule, an undo); otherwise nothing is undone and the refusal says what changed. The undo is audited
        ("undo", with the field, the value it undid and the one it put back) and is itself a change."""
        if not change.before:
            raise RuleRefusal("There is nothing to undo: that change changed no case.")
        attribute = _FIELDS[change.field]
        ids = [feedback_id for feedback_id, _ in change.before]
        with self._core.write() as session:
            cases = self._lock_all(session, ids)
            later = session.exec(
                select(AuditEvent)
                .where(
                    col(AuditEvent.feedback_id).in_(ids),
                    col(AuditEvent.action).in_((change.field, "undo")),
                    col(AuditEvent.id) > change.last_event,
                )
                .order_by(col(AuditEvent.id))
            ).first()
            moved = next((fb for fb in cases if getattr(fb, attribute) != change.value), None)
            if later is not None or moved is not None:
                fb = moved or next(fb for fb in cases if fb.id == later.feedback_id)  # type: ignore[union-attr]
                by = f" by {later.agent}" if later is not None else ""
                raise RuleRefusal(
                    f"Not undone: the {change.field} of order {fb.order_id} was changed again since{by} (it is now "
                    f"{_shown(change.field, getattr(fb, attribute))}). Nothing was undone; change it by hand if "
                    "you still want to."
                )
            now = self._core.clock()
            for fb, (_, old) in zip(cases, change.before, strict=True):
                self._core.audit(session, fb.id, "undo", change=change.field, old=change.value, new=old)
                setattr(fb, attribute, old)
                fb.updated_at = now
                session.add(fb)
        return cases

    # --- removal requests to Amazon -------------------------------------------------------------------

    def request_removal(self, feedback_id: int, ground: str) -> RemovalRequest:
        """Record that removal was requested from Amazon on a ground the policy engine finds in the comment.
        Speculative requests are prohibited, so a ground the engine does not find is refused, and so is a
        second request on the same ground."""
        if ground not in set(RemovalGround):
            raise RuleRefusal(f"Unknown removal ground {ground!r}; use one of {', '.join(RemovalGround)}.")
        with self._core.write() as session:
            fb = self._core.feedback(session, feedback_id, lock=True)
            if fb.feedback_state in FEEDBACK_GONE:
                raise RuleRefusal("This feedback is already removed.")
            grounds = {f.ground for f in removal_grounds(fb) if f.ground}
            if ground not in grounds:
                found = ", ".join(sorted(grounds)) or "none"
                raise RuleRefusal(
                    f"Amazon would not remove this feedback as {ground}: the comment does not show "
                    f"it (grounds found: {found}). Speculative removal requests are prohibited."
                )
            earlier = session.exec(
                select(RemovalRequest).where(
                    col(RemovalRequest.feedback_id) == fb.id, col(RemovalRequest.ground) == ground
                )
            ).first()
            if earlier is not None:
                raise RuleRefusal(
                    f"Removal on the ground {ground} was already requested on "
                    f"{earlier.requested_at:%d %b %Y} (outcome: {earlier.outcome})."
                )
            request = RemovalRequest(
                feedback_id=feedback_id,
                ground=RemovalGround(ground),
                agent=self._core.agent,
                requested_at=self._core.clock(),
            )
            session.add(request)
            self._core.audit(session, fb.id, "removal-requested", ground=ground)
        return request

    def record_removal_outcome(self, request_id: int, outcome: str) -> RemovalRequest:
        """What Amazon decided: removed, struck-through or refused."""
        if outcome not in AMAZON_DECISIONS:
            raise RuleRefusal(
                f"Unknown outcome {outcome!r}; use {', '.join(AMAZON_DECISIONS[:-1])} or {AMAZON_DECISIONS[-1]}."
            )
        decision = RemovalOutcome(outcome)
        with self._core.write() as session:
            request = session.get(RemovalRequest, request_id)
            if request is None:
                raise NotFound(f"No removal request with id {request_id}.")
            if request.outcome != RemovalOutcome.PENDING:
                raise RuleRefusal(f"Amazon's decision was already recorded: {request.outcome}.")
            fb = self._core.feedback(session, request.feedback_id, lock=True)
            now = self._core.clock()
            request.outcome, request.decided_at = decision, now
            state = feedback_state_after(decision)
            if state is not None:
                fb.feedback_state, fb.updated_at = state, now
            if state is lifecycle.FeedbackState.REMOVED_BY_AMAZON:  # the public response goes with the feedback
                responses = list(session.exec(select(Response).where(col(Response.feedback_id) == fb.id)).all())
                for response in responses:
                    if response.state == ResponseState.LIVE:
                        response.state, response.ended_at = ResponseState.REMOVED, now
                        session.add(response)
                fb.response_state = lifecycle.response_state(response_records(responses), fb.revision)
            session.add_all([request, fb])
            self._core.audit(session, fb.id, "removal-outcome", ground=request.ground, outcome=decision)
            if state is not None:
                follow_status_rule(self._core, session, request.feedback_id, fb.case_status, CaseEvent.FEEDBACK_GONE)
        return request

    # --- notes ----------------------------------------------------------------------------------------

    def add_note(self, feedback_id: int, body: str) -> Note:
        check_text(body, "note")
        with self._core.write() as session:
            fb = self._core.feedback(session, feedback_id, lock=True)
            note = Note(feedback_id=feedback_id, agent=self._core.agent, body=body, created_at=self._core.clock())
            session.add(note)
            self._core.audit(session, fb.id, "note-added")
        return note


def _shown(field: str, value: str | None) -> str:
    if field == "status":
        return CASE_STATUS_LABELS.get(value or "", str(value)).lower()
    return value or "unassigned"
