"""Working a case: status and assignee, messages to the buyer, the public response, removal requests to
Amazon, notes, drafts and the audit trail. Each refusal raises before anything is written."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from fbdesk.db.models import (
    AuditEvent, BuyerMessage, Draft, Feedback, FeedbackRevision, Note, RemovalRequest, Response,
)
from fbdesk.domain import lifecycle
from fbdesk.domain.lifecycle import RuleRefusal
from fbdesk.domain.policy import Finding, LintContext, is_removal_notice, lint, verdict
from fbdesk.domain.templates import Template, templates_for

DRAFT_KINDS = ("message", "response")


class LintRefusal(RuleRefusal):
    """Text refused by the policy engine; `findings` says where and why."""

    def __init__(self, message: str, findings: list[Finding]):
        super().__init__(message)
        self.findings = findings


class MessageBlocked(LintRefusal):
    """The text breaks a rule that can get the seller suspended (an error finding)."""


class AcknowledgementNeeded(LintRefusal):
    """The text has warnings: sending it needs an acknowledgement with a reason."""


@dataclass(frozen=True)
class CaseFile:
    """Everything the case view shows about one feedback."""

    feedback: Feedback
    revisions: list[FeedbackRevision]
    messages: list[BuyerMessage]
    responses: list[Response]
    notes: list[Note]
    removal_requests: list[RemovalRequest]
    audit: list[AuditEvent]
    removable: list[Finding]  # the policy engine's amazon-removable findings on the comment
    deadline: str

    @property
    def requestable_grounds(self) -> list[Finding]:
        """The removal grounds found in the comment on which no removal was requested yet."""
        requested = {r.ground for r in self.removal_requests}
        return [f for f in self.removable if f.ground not in requested]

    @property
    def pending_removal_requests(self) -> list[RemovalRequest]:
        return [r for r in self.removal_requests if r.outcome == "pending"]

    @property
    def current_response(self) -> Response | None:
        """The response to the current version of the feedback, live or deleted, if any."""
        current = [r for r in self.responses if r.for_revision == self.feedback.revision]
        return current[-1] if current else None

    @property
    def response_lock(self) -> str | None:
        """Why no response can be submitted now (the same check `submit_response` makes), or None."""
        try:
            lifecycle.check_can_respond(self.feedback.feedback_state, self.feedback.revision,
                                        _records(self.responses))
        except RuleRefusal as refusal:
            return str(refusal)
        return None


def _records(responses: list[Response]) -> list[lifecycle.ResponseRecord]:
    return [lifecycle.ResponseRecord(r.for_revision, r.state, r.submitted_at, r.ended_at) for r in responses]


def _check_body(body: str, what: str) -> None:
    if not body.strip():
        raise RuleRefusal(f"The {what} is empty.")
    if "\x00" in body:
        raise RuleRefusal(f"The {what} holds a NUL character (often pasted from another program); remove it.")


def _summary(findings: list[Finding]) -> str:
    return "; ".join(f"{f.rule}: {f.message}" for f in findings)


class CaseOps:
    # --- reading a case -------------------------------------------------------------------------------

    def get_case(self, feedback_id: int) -> CaseFile:
        with self._read() as session:
            fb = self._feedback(session, feedback_id)

            def of(model, order):
                return list(session.exec(select(model).where(model.feedback_id == feedback_id).order_by(order)).all())

            responses = of(Response, Response.id)
            return CaseFile(
                feedback=fb,
                revisions=of(FeedbackRevision, FeedbackRevision.revision),
                messages=of(BuyerMessage, BuyerMessage.id),
                responses=responses,
                notes=of(Note, Note.id),
                removal_requests=of(RemovalRequest, RemovalRequest.id),
                audit=of(AuditEvent, AuditEvent.id),
                removable=self.removal_grounds(fb),
                deadline=self.deadline(fb),
            )

    def deadline(self, fb: Feedback) -> str:
        owed = lifecycle.owes_first_response(fb.case_status, fb.first_response_at)
        return lifecycle.deadline_state(fb.first_response_due, self.clock(), owed)

    def removal_grounds(self, fb: Feedback) -> list[Finding]:
        return [f for f in lint(fb.comment, LintContext(kind="feedback", fba=fb.channel == "fba"))
                if f.rule == "amazon-removable"]

    def audit_trail(self, feedback_id: int) -> list[AuditEvent]:
        with self._read() as session:
            return list(session.exec(
                select(AuditEvent).where(AuditEvent.feedback_id == feedback_id).order_by(AuditEvent.id)).all())

    # --- status and assignee --------------------------------------------------------------------------

    def _lock_all(self, session: Session, feedback_ids: list[int]) -> list[Feedback]:
        """Several feedback, in the caller's order, locked in id order so two bulk changes cannot deadlock."""
        locked = {i: self._feedback(session, i, lock=True) for i in sorted(set(feedback_ids))}
        return [locked[i] for i in feedback_ids]

    def set_status(self, feedback_id: int, status: str) -> Feedback:
        return self.set_status_many([feedback_id], status)[0]

    def set_status_many(self, feedback_ids: list[int], status: str) -> list[Feedback]:
        """Change the case status of several feedback at once; in a bulk change, cases already in that status
        are left as they are. If any change is not allowed, none is made."""
        with self._write() as session:
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
            now = self.clock()
            for fb in cases:
                if fb.case_status == status:
                    continue
                self._audit(session, fb.id, "status", old=fb.case_status, new=status)
                fb.case_status, fb.updated_at = status, now
                session.add(fb)
        return cases

    def assign(self, feedback_id: int, agent: str | None) -> Feedback:
        return self.assign_many([feedback_id], agent)[0]

    def assign_many(self, feedback_ids: list[int], agent: str | None) -> list[Feedback]:
        """Assign cases to an agent (None unassigns)."""
        agent = lifecycle.check_agent_name(agent) if agent else None
        with self._write() as session:
            cases = self._lock_all(session, feedback_ids)
            now = self.clock()
            for fb in cases:
                if fb.assignee != agent:
                    self._audit(session, fb.id, "assignee", old=fb.assignee, new=agent)
                    fb.assignee, fb.updated_at = agent, now
                    session.add(fb)
        return cases

    # --- contacting the buyer -------------------------------------------------------------------------

    def _message_context(self, session: Session, fb: Feedback) -> LintContext:
        notices = session.exec(select(func.count()).select_from(BuyerMessage).where(
            BuyerMessage.feedback_id == fb.id, BuyerMessage.is_removal_notice.is_(True))).one()
        return LintContext(kind="message", resolved=fb.case_status == "resolved", prior_removal_notices=notices,
                           fba=fb.channel == "fba")

    def lint_context(self, feedback_id: int, kind: str) -> LintContext:
        """The context the policy engine needs to judge a message or response for this case."""
        with self._read() as session:
            fb = self._feedback(session, feedback_id)
            if kind == "message":
                return self._message_context(session, fb)
            return LintContext(kind=kind, resolved=fb.case_status == "resolved", fba=fb.channel == "fba")

    def templates(self, feedback_id: int, kind: str) -> list[Template]:
        return templates_for(self.lint_context(feedback_id, kind))

    @staticmethod
    def _judge(findings: list[Finding], acknowledgement: str | None, what: str) -> str | None:
        judged = verdict(findings)
        if judged.blocked:
            raise MessageBlocked(f"This {what} cannot be sent: {_summary(judged.blocking)}", findings)
        if judged.needs_acknowledgement:
            if not (acknowledgement and acknowledgement.strip()):
                raise AcknowledgementNeeded(
                    f"This {what} has warnings; acknowledge them with a reason to send it anyway: "
                    f"{_summary(judged.to_acknowledge)}", findings)
            return acknowledgement.strip()
        return None

    def send_message(self, feedback_id: int, body: str, *, acknowledgement: str | None = None) -> BuyerMessage:
        """Put a message to the buyer in the outbox, if the policy engine allows it in this case's context.
        A message telling the buyer they may update or remove the feedback is a removal notice: allowed once
        per order, and only after the case is resolved."""
        _check_body(body, "message")
        with self._write() as session:
            fb = self._feedback(session, feedback_id, lock=True)
            findings = lint(body, self._message_context(session, fb))
            ack = self._judge(findings, acknowledgement, "message")
            now = self.clock()
            message = BuyerMessage(
                feedback_id=fb.id, body=body, agent=self.agent, sent_at=now, is_removal_notice=is_removal_notice(body),
                findings_json=json.dumps([asdict(f) for f in findings], ensure_ascii=False), acknowledgement=ack,
                delivery_state="queued",
            )
            session.add(message)
            fb.last_contact_at, fb.updated_at = now, now
            fb.first_response_at = fb.first_response_at or now
            session.add(fb)
            self._discard_draft(session, fb.id, "message")
            self._audit(session, fb.id, "message-sent", removal_notice=message.is_removal_notice,
                        acknowledged=ack, findings=[f.rule for f in findings])
        return message

    # --- the public response --------------------------------------------------------------------------

    def submit_response(self, feedback_id: int, body: str, *, acknowledgement: str | None = None) -> Response:
        """Submit the one public response Amazon allows. It can never be edited afterwards."""
        _check_body(body, "response")
        try:
            with self._write() as session:
                fb = self._feedback(session, feedback_id, lock=True)
                responses = list(session.exec(select(Response).where(Response.feedback_id == fb.id)).all())
                lifecycle.check_can_respond(fb.feedback_state, fb.revision, _records(responses))
                findings = lint(body, LintContext(kind="response", resolved=fb.case_status == "resolved",
                                                  fba=fb.channel == "fba"))
                ack = self._judge(findings, acknowledgement, "response")
                now = self.clock()
                response = Response(feedback_id=fb.id, for_revision=fb.revision, body=body, state="live",
                                    agent=self.agent, submitted_at=now)
                session.add(response)
                session.flush()  # the unique constraint speaks here if another agent was faster
                fb.response_state = lifecycle.response_state(_records([*responses, response]), fb.revision)
                fb.updated_at = now
                fb.first_response_at = fb.first_response_at or now
                session.add(fb)
                self._discard_draft(session, fb.id, "response")
                self._audit(session, fb.id, "response-submitted", revision=fb.revision, acknowledged=ack)
        except IntegrityError:
            raise RuleRefusal("Another agent submitted a response to this feedback a moment ago; Amazon allows one "
                              "response per feedback.") from None
        return response

    def edit_response(self, feedback_id: int, body: str) -> None:
        raise RuleRefusal("A submitted response cannot be edited; Amazon only lets you delete it, and after a "
                          "deletion no second response is allowed.")

    def delete_response(self, feedback_id: int) -> Response:
        """Delete the live response. No second response is allowed afterwards unless the buyer changes
        or removes the feedback."""
        with self._write() as session:
            fb = self._feedback(session, feedback_id, lock=True)
            responses = list(session.exec(select(Response).where(Response.feedback_id == fb.id)).all())
            live = lifecycle.check_can_delete(_records(responses), fb.revision)
            response = next(r for r in responses if r.for_revision == live.for_revision and r.state == "live")
            now = self.clock()
            response.state, response.ended_at = "deleted", now
            fb.response_state = lifecycle.response_state(_records(responses), fb.revision)
            fb.updated_at = now
            session.add_all([response, fb])
            self._audit(session, fb.id, "response-deleted", revision=fb.revision)
        return response

    # --- removal requests to Amazon -------------------------------------------------------------------

    def request_removal(self, feedback_id: int, ground: str) -> RemovalRequest:
        """Record that removal was requested from Amazon on a ground the policy engine finds in the comment.
        Speculative requests are prohibited, so a ground the engine does not find is refused, and so is a
        second request on the same ground."""
        if ground not in lifecycle.REMOVAL_GROUNDS:
            raise RuleRefusal(f"Unknown removal ground {ground!r}; use one of {', '.join(lifecycle.REMOVAL_GROUNDS)}.")
        with self._write() as session:
            fb = self._feedback(session, feedback_id, lock=True)
            if fb.feedback_state in lifecycle.FEEDBACK_GONE:
                raise RuleRefusal("This feedback is already removed.")
            grounds = {f.ground for f in self.removal_grounds(fb)}
            if ground not in grounds:
                found = ", ".join(sorted(grounds)) or "none"
                raise RuleRefusal(f"Amazon would not remove this feedback as {ground}: the comment does not show "
                                  f"it (grounds found: {found}). Speculative removal requests are prohibited.")
            earlier = session.exec(select(RemovalRequest).where(
                RemovalRequest.feedback_id == fb.id, RemovalRequest.ground == ground)).first()
            if earlier is not None:
                raise RuleRefusal(f"Removal on the ground {ground} was already requested on "
                                  f"{earlier.requested_at:%d %b %Y} (outcome: {earlier.outcome}).")
            request = RemovalRequest(feedback_id=fb.id, ground=ground, agent=self.agent, requested_at=self.clock())
            session.add(request)
            self._audit(session, fb.id, "removal-requested", ground=ground)
        return request

    def record_removal_outcome(self, request_id: int, outcome: str) -> RemovalRequest:
        """What Amazon decided: removed, struck-through or refused."""
        if outcome not in lifecycle.REMOVAL_OUTCOMES[1:]:
            raise RuleRefusal(f"Unknown outcome {outcome!r}; use removed, struck-through or refused.")
        with self._write() as session:
            request = session.get(RemovalRequest, request_id)
            if request is None:
                raise LookupError(f"No removal request with id {request_id}.")
            if request.outcome != "pending":
                raise RuleRefusal(f"Amazon's decision was already recorded: {request.outcome}.")
            fb = self._feedback(session, request.feedback_id, lock=True)
            now = self.clock()
            request.outcome, request.decided_at = outcome, now
            if outcome != "refused":
                fb.feedback_state = "removed_by_amazon" if outcome == "removed" else "struck_through"
                fb.updated_at = now
            if outcome == "removed":  # the public response goes with the feedback
                responses = list(session.exec(select(Response).where(Response.feedback_id == fb.id)).all())
                for response in responses:
                    if response.state == "live":
                        response.state, response.ended_at = "removed", now
                        session.add(response)
                fb.response_state = lifecycle.response_state(_records(responses), fb.revision)
            session.add_all([request, fb])
            self._audit(session, fb.id, "removal-outcome", ground=request.ground, outcome=outcome)
        return request

    # --- notes and drafts -----------------------------------------------------------------------------

    def add_note(self, feedback_id: int, body: str) -> Note:
        _check_body(body, "note")
        with self._write() as session:
            fb = self._feedback(session, feedback_id, lock=True)
            note = Note(feedback_id=fb.id, agent=self.agent, body=body, created_at=self.clock())
            session.add(note)
            self._audit(session, fb.id, "note-added")
        return note

    def _draft(self, session: Session, feedback_id: int, kind: str) -> Draft | None:
        return session.exec(select(Draft).where(
            Draft.feedback_id == feedback_id, Draft.kind == kind, Draft.agent == self.agent)).first()

    def save_draft(self, feedback_id: int, kind: str, body: str) -> None:
        """Keep what the agent is typing; an empty text discards the draft. (A NUL character, which no database
        column takes, is dropped rather than losing the draft.)"""
        if kind not in DRAFT_KINDS:
            raise ValueError(f"unknown draft kind {kind!r}")
        body = body.replace("\x00", "")
        with self._write() as session:
            self._feedback(session, feedback_id)
            draft = self._draft(session, feedback_id, kind)
            if not body:
                if draft is not None:
                    session.delete(draft)
                return
            if draft is None:
                draft = Draft(feedback_id=feedback_id, kind=kind, agent=self.agent, body=body,
                              updated_at=self.clock())
            draft.body, draft.updated_at = body, self.clock()
            session.add(draft)

    def load_draft(self, feedback_id: int, kind: str) -> str:
        with self._read() as session:
            draft = self._draft(session, feedback_id, kind)
            return draft.body if draft else ""

    def _discard_draft(self, session: Session, feedback_id: int, kind: str) -> None:
        draft = self._draft(session, feedback_id, kind)
        if draft is not None:
            session.delete(draft)

