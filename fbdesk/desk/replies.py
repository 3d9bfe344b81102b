"""What the seller says about a case: messages to the buyer and the one public response Amazon allows. Each text
is judged by the policy in the transaction that stores it (see `judging`)."""

from __future__ import annotations

import json
from dataclasses import asdict

from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from fbdesk.db.models import BuyerMessage, Response
from fbdesk.desk.cases import follow_status_rule
from fbdesk.desk.core import DeskCore, check_text, response_records
from fbdesk.desk.drafts import Drafts
from fbdesk.desk.judging import Judge
from fbdesk.desk.staleness import CaseContext, check
from fbdesk.domain import lifecycle
from fbdesk.domain.lifecycle import CaseEvent, DeliveryState, DraftKind, ResponseState
from fbdesk.domain.policy import is_removal_notice
from fbdesk.errors import RuleRefusal


class Replies:
    def __init__(self, core: DeskCore, judge: Judge, drafts: Drafts) -> None:
        self._core = core
        self._judge = judge
        self._drafts = drafts

    def send_message(
        self,
        feedback_id: int,
        body: str,
        *,
        acknowledgement: str | None = None,
        context: CaseContext | None = None,
        confirmed_stale: bool = False,
    ) -> BuyerMessage:
        """Put a message to the buyer in the outbox, if the policy engine allows it in this case's context, and the
        case has not changed since `context` unread (`staleness.check`).
        A message telling the buyer they may update or remove the feedback is a removal notice: allowed once
        per order, and only after the case is resolved. The buyer counts as contacted (the first-response deadline)
        only once the message goes out; the case's status follows the rule for a message sent."""
        check_text(body, "message")
        with self._core.write() as session:
            fb = self._core.feedback(session, feedback_id, lock=True)
            now = self._core.clock()
            reread = check(session, fb, context, confirmed=confirmed_stale, now=now)
            findings, ack = self._judge.allow(session, fb, DraftKind.MESSAGE, body, acknowledgement)
            message = BuyerMessage(
                feedback_id=feedback_id,
                body=body,
                agent=self._core.agent,
                sent_at=now,
                is_removal_notice=is_removal_notice(body),
                findings_json=json.dumps([asdict(f) for f in findings], ensure_ascii=False),
                acknowledgement=ack,
                delivery_state=DeliveryState.QUEUED,
            )
            session.add(message)
            fb.last_contact_at, fb.updated_at = now, now
            session.add(fb)
            self._drafts.discard(session, feedback_id, DraftKind.MESSAGE)
            self._core.audit(
                session,
                feedback_id,
                "message-sent",
                removal_notice=message.is_removal_notice,
                acknowledged=ack,
                findings=[f.rule for f in findings],
                **({"reread": reread} if reread else {}),
            )
            follow_status_rule(self._core, session, feedback_id, fb.case_status, CaseEvent.MESSAGE_SENT)
        return message

    def submit_response(
        self,
        feedback_id: int,
        body: str,
        *,
        acknowledgement: str | None = None,
        context: CaseContext | None = None,
        confirmed_stale: bool = False,
    ) -> Response:
        """Submit the one public response Amazon allows, if the case has not changed since `context` unread. It can
        never be edited afterwards."""
        check_text(body, "response")
        try:
            with self._core.write() as session:
                fb = self._core.feedback(session, feedback_id, lock=True)
                now = self._core.clock()
                reread = check(session, fb, context, confirmed=confirmed_stale, now=now)
                responses = list(session.exec(select(Response).where(col(Response.feedback_id) == fb.id)).all())
                lifecycle.check_can_respond(fb.feedback_state, fb.revision, response_records(responses))
                _, ack = self._judge.allow(session, fb, DraftKind.RESPONSE, body, acknowledgement)
                response = Response(
                    feedback_id=feedback_id,
                    for_revision=fb.revision,
                    body=body,
                    state=ResponseState.LIVE,
                    agent=self._core.agent,
                    submitted_at=now,
                )
                session.add(response)
                session.flush()  # the unique constraint speaks here if another agent was faster
                fb.response_state = lifecycle.response_state(response_records([*responses, response]), fb.revision)
                fb.updated_at = now  # a public response is no contact with the buyer: the deadline stays owed
                session.add(fb)
                self._drafts.discard(session, feedback_id, DraftKind.RESPONSE)
                self._core.audit(
                    session,
                    feedback_id,
                    "response-submitted",
                    revision=fb.revision,
                    acknowledged=ack,
                    **({"reread": reread} if reread else {}),
                )
        except IntegrityError:
            raise RuleRefusal(
                "Another agent submitted a response to this feedback a moment ago; Amazon allows one "
                "response per feedback."
            ) from None
        return response

    def edit_response(self, feedback_id: int, body: str) -> None:
        raise RuleRefusal(
            "A submitted response cannot be edited; Amazon only lets you delete it, and after a "
            "deletion no second response is allowed."
        )

    def delete_response(self, feedback_id: int) -> Response:
        """Delete the live response. No second response is allowed afterwards unless the buyer changes
        or removes the feedback."""
        with self._core.write() as session:
            fb = self._core.feedback(session, feedback_id, lock=True)
            responses = list(session.exec(select(Response).where(col(Response.feedback_id) == fb.id)).all())
            live = lifecycle.check_can_delete(response_records(responses), fb.revision)
            response = next(
                r for r in responses if r.for_revision == live.for_revision and r.state == ResponseState.LIVE
            )
            now = self._core.clock()
            response.state, response.ended_at = ResponseState.DELETED, now
            fb.response_state = lifecycle.response_state(response_records(responses), fb.revision)
            fb.updated_at = now
            session.add_all([response, fb])
            self._core.audit(session, feedback_id, "response-deleted", revision=fb.revision)
        return response
