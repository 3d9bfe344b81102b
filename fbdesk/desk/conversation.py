"""The conversation with the buyer by email, through Amazon's Buyer-Seller Messaging relay: delivering the outbox
over SMTP, fetching the buyer's replies and Amazon's notices over IMAP, and what an agent does about either.

Delivery is at most once per message. A message is marked `sending`, with its Message-ID, in a transaction of its
own before the mail server hears of it, and its result is recorded in another; a message still `sending` when its
lease runs out was interrupted (a crash, a killed process) and becomes `unknown` for the agent to confirm or retry,
never sent again blindly. Temporary failures are retried after a backoff; permanent ones wait for the agent.
"""

from __future__ import annotations

import hashlib
import json
import ssl
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, or_
from sqlmodel import Session, col, select

from fbdesk.db.models import BuyerMessage, BuyerReply, Feedback, MailboxCursor
from fbdesk.desk.core import DeskCore
from fbdesk.desk.judging import Judge
from fbdesk.domain.lifecycle import DELIVERABLE, CaseStatus, DeliveryState
from fbdesk.errors import BadInput, NotFound, RuleRefusal
from fbdesk.mail import (
    DeliveryResult,
    FetchedMail,
    ImapServer,
    MailboxError,
    MailboxState,
    Outcome,
    OutgoingMail,
    PreparedMail,
    SmtpServer,
    deliver,
    fetch_new,
    is_amazon_relay,
    parse_mail,
    prepare,
    recognise_notice,
    retry_delay,
)

SENDING_LEASE = timedelta(minutes=10)  # longer than any SMTP conversation with its timeouts
_ADDRESS_MISSING = "No address to send to: the report gave no relay address for this order."


@dataclass(frozen=True)
class MailSettings:
    """Where mail goes and comes from; None for a part means that part is not set up."""

    sender: str | None = None  # the seller's address registered with Amazon
    smtp: SmtpServer | None = None
    imap: ImapServer | None = None
    timeout: float = 30.0
    ssl_context: ssl.SSLContext | None = None  # a private CA; the system's trust store by default


@dataclass(frozen=True)
class Destination:
    """Where a message for this case goes, as the review step and the case view say it."""

    address: str | None
    is_relay: bool  # an Amazon relay address for the order's marketplace
    acknowledged: bool  # the agent accepted an address that is not one
    sender: str | None

    @property
    def problem(self) -> str | None:
        if not self.address:
            return _ADDRESS_MISSING + " Enter the buyer's relay address in the case view."
        if not self.is_relay and not self.acknowledged:
            return (
                f"{self.address} is not an Amazon relay address for this order's marketplace; Amazon relays "
                "only mail to those. Acknowledge it in the case view to send there anyway."
            )
        return None

    def describe(self) -> str:
        if self.problem:
            return self.problem
        to = "the buyer's Amazon relay address" if self.is_relay else "the address the agent entered"
        return f"To {to} {self.address} from {self.sender or '(no sender set: mail_from)'}."


@dataclass
class SyncReport:
    """What one delivery and fetch did, for `fbdesk sync` and the helpdesk's header."""

    delivered: int = 0
    retrying: int = 0
    failed: int = 0
    unknown: int = 0
    held: int = 0
    replies: int = 0
    unmatched: int = 0
    notices: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Nothing was left undelivered or unfetched by this run."""
        return not (self.problems or self.retrying or self.failed or self.unknown or self.held)

    @property
    def changed(self) -> bool:
        """Something reached the desk or changed state: the screens should show it."""
        return any(
            (
                self.delivered,
                self.retrying,
                self.failed,
                self.unknown,
                self.held,
                self.replies,
                self.unmatched,
                self.notices,
            )
        )

    def _said(self, counts: tuple[tuple[int, str], ...]) -> str:
        return ", ".join(f"{n} {what}" for n, what in counts if n)

    def brief(self) -> str:
        """One short line of what happened, for a status bar ('' when nothing did)."""
        return self._said(
            (
                (self.delivered, "sent"),
                (self.replies, "new replies"),
                (self.unmatched, "unmatched"),
                (self.failed, "failed"),
                (self.unknown, "delivery unknown"),
                (self.held, "held"),
            )
        )

    def lines(self) -> list[str]:
        said = self._said(
            (
                (self.delivered, "delivered"),
                (self.retrying, "failed for now (retried later)"),
                (self.failed, "refused by the mail server"),
                (self.unknown, "with delivery unknown"),
                (self.held, "held"),
            )
        )
        fetched = self._said(
            (
                (self.replies, "buyer replies"),
                (self.unmatched, "unmatched mails"),
                (self.notices, "notices from Amazon"),
            )
        )
        return [f"Messages: {said or 'none to deliver'}.", f"Mailbox: {fetched or 'nothing new'}.", *self.problems]


class Conversation:
    def __init__(self, core: DeskCore, judge: Judge, mail: MailSettings) -> None:
        self._core = core
        self._judge = judge
        self.mail = mail

    # --- delivering ------------------------------------------------------------------------------------

    def deliver(self, *, retry_failed: bool = False, retry_now: bool = False) -> SyncReport:
        """Deliver the messages that are due: queued ones, and those that failed for now once their backoff has
        passed (all of them with `retry_now`), and with `retry_failed` those the mail server refused."""
        report = SyncReport()
        self._expire_interrupted_sends(report)
        if retry_failed:
            self._requeue(col(BuyerMessage.delivery_state) == DeliveryState.FAILED, "failed messages retried")
        if self.mail.smtp is None or not self.mail.sender:
            if self._due_ids(retry_now):
                report.problems.append(
                    "Messages are waiting, but no mail server is set up: set smtp_url and "
                    "mail_from (see the README's Settings)."
                )
            return report
        prepared = [
            mail for message_id in self._due_ids(retry_now) if (mail := self._claim(message_id, report)) is not None
        ]
        if prepared:
            deliver(
                self.mail.smtp,
                prepared,
                timeout=self.mail.timeout,
                ssl_context=self.mail.ssl_context,
                on_result=lambda result: self._record(result, report),
            )
        return report

    def _due_ids(self, retry_now: bool) -> list[int]:
        due: list[ColumnElement[bool]] = [col(BuyerMessage.delivery_state).in_(DELIVERABLE)]
        if not retry_now:
            due.append(
                or_(
                    col(BuyerMessage.delivery_state) == DeliveryState.QUEUED,
                    col(BuyerMessage.next_attempt_at) <= self._core.clock(),
                )
            )
        with self._core.read() as session:
            return [
                i
                for i in session.exec(select(BuyerMessage.id).where(*due).order_by(col(BuyerMessage.id)))
                if i is not None
            ]

    def _claim(self, message_id: int, report: SyncReport) -> PreparedMail | None:
        """Mark one message `sending` (in its own transaction, before the server hears of it) and build its mail;
        or hold it, with the reason, when it cannot go."""
        with self._core.write() as session:
            message = session.exec(
                select(BuyerMessage).where(col(BuyerMessage.id) == message_id).with_for_update()
            ).one()
            if message.delivery_state not in DELIVERABLE:
                return None  # another sync took it meanwhile
            fb = self._core.feedback(session, message.feedback_id, lock=True)
            now = self._core.clock()
            reason = self._reason_to_hold(session, fb, message)
            if reason is None:
                destination = self._destination(fb)
                assert destination.address is not None and self.mail.sender is not None
                try:
                    mail = prepare(
                        OutgoingMail(
                            self.mail.sender,
                            destination.address,
                            fb.order_id,
                            message.body,
                            subject=message.subject or None,
                            in_reply_to=message.in_reply_to,
                        ),
                        now=now,
                        message_id=message.message_id,
                    )
                except (RuleRefusal, BadInput) as exc:
                    reason = f"Amazon would refuse this mail: {exc}"
            if reason is not None:
                message.delivery_state, message.delivery_error = DeliveryState.HELD, reason
                session.add(message)
                self._core.audit(session, fb.id, "message-held", message=message.id, reason=reason)
                report.held += 1
                return None
            message.delivery_state = DeliveryState.SENDING
            message.message_id, message.subject, message.to_address = mail.message_id, mail.subject, mail.recipient
            message.attempts += 1
            message.next_attempt_at = now + SENDING_LEASE
            session.add(message)
            return mail

    def _reason_to_hold(self, session: Session, fb: Feedback, message: BuyerMessage) -> str | None:
        """Why the message cannot be delivered now: no usable address, or the policy judges it, in the case as it
        is now, a violation (the case may have changed since the agent sent it)."""
        problem = self._destination(fb).problem
        if problem:
            return problem
        judged = self._judge.verdict_at_delivery(session, fb, message)
        if judged.blocked:
            rules = "; ".join(f"{f.rule}: {f.message}" for f in judged.blocking)
            return f"The policy now blocks this message in the case as it is: {rules}"
        return None

    def _record(self, result: DeliveryResult, report: SyncReport) -> None:
        with self._core.write() as session:
            message = session.exec(
                select(BuyerMessage).where(col(BuyerMessage.message_id) == result.message_id).with_for_update()
            ).one()
            now = self._core.clock()
            detail = f"{result.code} {result.detail}" if result.code else result.detail
            message.next_attempt_at, message.delivery_error = None, None
            if result.outcome is Outcome.SENT:
                message.delivery_state, message.delivered_at = DeliveryState.SENT, now
                report.delivered += 1
            elif result.outcome is Outcome.TEMPORARY:
                message.delivery_state, message.delivery_error = DeliveryState.RETRYING, detail
                message.next_attempt_at = now + retry_delay(message.attempts)
                report.retrying += 1
            elif result.outcome is Outcome.PERMANENT:
                message.delivery_state, message.delivery_error = DeliveryState.FAILED, detail
                report.failed += 1
            else:
                message.delivery_state, message.delivery_error = DeliveryState.UNKNOWN, detail
                report.unknown += 1
            session.add(message)
            self._core.audit(
                session,
                message.feedback_id,
                f"message-{message.delivery_state}",
                message=message.id,
                to=message.to_address,
                detail=message.delivery_error,
            )

    def _expire_interrupted_sends(self, report: SyncReport) -> None:
        """A message still `sending` past its lease was interrupted between telling the server and recording the
        answer: the buyer may have it. It becomes `unknown`, for the agent to confirm or retry."""
        now = self._core.clock()
        with self._core.write() as session:
            stale = session.exec(
                select(BuyerMessage)
                .where(
                    col(BuyerMessage.delivery_state) == DeliveryState.SENDING, col(BuyerMessage.next_attempt_at) <= now
                )
                .with_for_update()
            ).all()
            for message in stale:
                message.delivery_state = DeliveryState.UNKNOWN
                message.delivery_error = (
                    "Delivery was interrupted after the mail server was contacted: the buyer "
                    "may or may not have it. Confirm it was delivered, or send it again."
                )
                message.next_attempt_at = None
                session.add(message)
                self._core.audit(session, message.feedback_id, "message-delivery-unknown", message=message.id)
                report.unknown += 1

    # --- what the agent decides ------------------------------------------------------------------------

    def confirm_delivery(self, message_id: int, *, delivered: bool) -> BuyerMessage:
        """For a message whose delivery is unknown: the agent knows it arrived (sent), or wants it sent again
        (queued, with the same Message-ID so that a buyer's mail program sees one message if both arrive)."""
        return self._decide(
            message_id,
            (DeliveryState.UNKNOWN,),
            DeliveryState.SENT if delivered else DeliveryState.QUEUED,
            "message-delivery-confirmed" if delivered else "message-resent",
        )

    def retry(self, message_id: int) -> BuyerMessage:
        """Send again a message the mail server refused, or that was held (it is judged again)."""
        return self._decide(
            message_id,
            (DeliveryState.FAILED, DeliveryState.HELD, DeliveryState.UNKNOWN),
            DeliveryState.QUEUED,
            "message-retried",
        )

    def _decide(
        self, message_id: int, allowed: Sequence[DeliveryState], state: DeliveryState, action: str
    ) -> BuyerMessage:
        with self._core.write() as session:
            message = session.exec(
                select(BuyerMessage).where(col(BuyerMessage.id) == message_id).with_for_update()
            ).first()
            if message is None:
                raise NotFound(f"No message with id {message_id}.")
            if message.delivery_state not in allowed:
                raise RuleRefusal(
                    f"This message is {message.delivery_state.replace('_', ' ')}; only a message "
                    f"that is {' or '.join(s.replace('_', ' ') for s in allowed)} can be "
                    f"{'confirmed' if state == DeliveryState.SENT else 'sent again'}."
                )
            message.delivery_state, message.delivery_error, message.next_attempt_at = state, None, None
            if state == DeliveryState.SENT:
                message.delivered_at = self._core.clock()
            session.add(message)
            self._core.audit(session, message.feedback_id, action, message=message.id)
            return message

    def _requeue(self, which: ColumnElement[bool], action: str) -> None:
        with self._core.write() as session:
            for message in session.exec(select(BuyerMessage).where(which).with_for_update()).all():
                message.delivery_state, message.delivery_error = DeliveryState.QUEUED, None
                session.add(message)
                self._core.audit(session, message.feedback_id, "message-retried", message=message.id, why=action)

    def destination(self, feedback_id: int) -> Destination:
        with self._core.read() as session:
            return self._destination(self._core.feedback(session, feedback_id))

    def _destination(self, fb: Feedback) -> Destination:
        address = fb.buyer_address or fb.rater_email or None
        relay = bool(address) and is_amazon_relay(address or "", fb.marketplace)
        return Destination(address, relay, fb.buyer_address_acknowledged, self.mail.sender)

    def set_buyer_address(self, feedback_id: int, address: str, *, acknowledge_not_relay: bool = False) -> Feedback:
        """The address messages for this case go to, when the report had none or the agent corrected it. An
        address that is not an Amazon relay address for the order's marketplace needs an explicit
        acknowledgement. Messages held for want of an address go out at the next delivery."""
        address = address.strip()
        if not address or len(address) > 320 or "@" not in address or not address.isprintable() or " " in address:
            raise BadInput(f"{address[:60]!r} is not an email address.")
        with self._core.write() as session:
            fb = self._core.feedback(session, feedback_id, lock=True)
            relay = is_amazon_relay(address, fb.marketplace)
            if not relay and not acknowledge_not_relay:
                raise RuleRefusal(
                    f"{address} is not an Amazon relay address for a {fb.marketplace} order "
                    "(…@marketplace.amazon.…): Amazon relays only mail sent to those. Acknowledge it "
                    "to use it anyway."
                )
            fb.buyer_address, fb.buyer_address_acknowledged = address, not relay
            fb.updated_at = self._core.clock()
            session.add(fb)
            for message in session.exec(
                select(BuyerMessage).where(
                    col(BuyerMessage.feedback_id) == feedback_id, col(BuyerMessage.delivery_state) == DeliveryState.HELD
                )
            ).all():
                message.delivery_state, message.delivery_error = DeliveryState.QUEUED, None
                session.add(message)
            self._core.audit(session, feedback_id, "buyer-address-set", address=address, relay=relay)
            return fb

    # --- fetching --------------------------------------------------------------------------------------

    def fetch(self) -> SyncReport:
        """Fetch the mail that arrived since the last fetch: buyers' replies go to their case (by the order id in
        the subject, else the sender's relay address) or to the unmatched mail; Amazon's notices mark the
        message they refer to as not delivered. The mailbox is only read."""
        report = SyncReport()
        if self.mail.imap is None:
            return report
        imap = self.mail.imap
        key = imap.url
        with self._core.read() as session:
            cursor = session.get(MailboxCursor, key)
        since = MailboxState(cursor.uidvalidity, cursor.last_uid) if cursor else None
        try:
            # Mail already stored (read again after a UIDVALIDITY change) is recognised by its Message-ID in _store.
            result = fetch_new(imap, since, timeout=self.mail.timeout, ssl_context=self.mail.ssl_context)
        except MailboxError as exc:
            report.problems.append(f"Could not fetch replies: {exc}")
            return report
        with self._core.write() as session:
            for fetched in result.mails:
                self._store(session, fetched, report)
            cursor = session.get(MailboxCursor, key) or MailboxCursor(
                mailbox=key, uidvalidity=0, last_uid=0, checked_at=self._core.clock()
            )
            cursor.uidvalidity, cursor.last_uid = result.state.uidvalidity, result.state.last_uid
            cursor.checked_at = self._core.clock()
            session.add(cursor)
        return report

    def receive(self, raw: bytes) -> SyncReport:
        """Take in one mail as if fetched from the mailbox (a saved .eml file, the demo's conversations)."""
        parsed = parse_mail(raw)
        report = SyncReport()
        with self._core.write() as session:
            self._store(session, FetchedMail(0, len(raw), parsed, recognise_notice(parsed)), report)
        return report

    def _store(self, session: Session, fetched: FetchedMail, report: SyncReport) -> None:
        parsed, notice = fetched.mail, fetched.notice
        if self.mail.sender and parsed.sender == self.mail.sender.lower():
            return  # a copy of our own mail
        message_id = parsed.message_id or _stand_in_message_id(fetched)
        if session.exec(select(BuyerReply.id).where(col(BuyerReply.message_id) == message_id)).first():
            return
        now = self._core.clock()
        reply = BuyerReply(
            message_id=message_id,
            in_reply_to=parsed.in_reply_to,
            from_address=parsed.sender,
            subject=parsed.subject,
            order_id=parsed.order_id,
            body=parsed.text,
            attachments_json=json.dumps(
                [{"name": a.filename, "size": a.size} for a in parsed.attachments], ensure_ascii=False
            ),
            notes="; ".join([*parsed.problems, *(["the text was cut"] if parsed.truncated else [])]),
            written_at=parsed.date,
            received_at=now,
        )
        if notice is not None:
            reply.kind = "amazon-notice"
            bounced = self._bounced_message(session, notice.original_message_id, notice.order_id or parsed.order_id)
            if bounced is not None:
                reply.feedback_id, reply.notice_for = bounced.feedback_id, bounced.id
                bounced.delivery_state = DeliveryState.NOT_DELIVERED
                bounced.delivery_error = f"{notice.reason} {notice.next_step}"
                session.add(bounced)
                self._core.audit(
                    session,
                    bounced.feedback_id,
                    "message-not-delivered-by-amazon",
                    message=bounced.id,
                    reason=notice.reason,
                )
            report.notices += 1
            session.add(reply)
            return
        fb = self._case_of(session, parsed.order_id, parsed.sender)
        session.add(reply)
        if fb is None:
            report.unmatched += 1
            return
        self._attach(session, reply, fb, now)
        report.replies += 1

    def _attach(self, session: Session, reply: BuyerReply, fb: Feedback, now: datetime) -> None:
        """A buyer's reply joins the case: the case is open again, as "buyer replied", and owes the buyer an
        answer within the first-response target."""
        reply.feedback_id = fb.id
        session.add(reply)
        fb.case_status = CaseStatus.BUYER_REPLIED
        fb.first_response_due, fb.first_response_at = now + self._core.first_response_target, None
        fb.updated_at = now
        session.add(fb)
        session.flush()
        self._core.audit(session, fb.id, "buyer-replied", reply=reply.id, subject=reply.subject)

    def _case_of(self, session: Session, order_id: str | None, sender: str) -> Feedback | None:
        if order_id:
            fb = session.exec(select(Feedback).where(col(Feedback.order_id) == order_id)).first()
            if fb is not None:
                return fb
        if not sender:
            return None
        return session.exec(
            select(Feedback)
            .where(or_(col(Feedback.rater_email) == sender, col(Feedback.buyer_address) == sender))
            .order_by(col(Feedback.id).desc())
        ).first()

    def _bounced_message(
        self, session: Session, original_message_id: str | None, order_id: str | None
    ) -> BuyerMessage | None:
        if original_message_id:
            found = session.exec(
                select(BuyerMessage).where(col(BuyerMessage.message_id) == original_message_id)
            ).first()
            if found is not None:
                return found
        if not order_id:
            return None
        return session.exec(
            select(BuyerMessage)
            .join(Feedback, col(Feedback.id) == col(BuyerMessage.feedback_id))
            .where(
                col(Feedback.order_id) == order_id,
                col(BuyerMessage.delivery_state).in_((DeliveryState.SENT, DeliveryState.UNKNOWN)),
            )
            .order_by(col(BuyerMessage.id).desc())
        ).first()

    def unmatched(self) -> list[BuyerReply]:
        with self._core.read() as session:
            return list(
                session.exec(
                    select(BuyerReply).where(col(BuyerReply.feedback_id).is_(None)).order_by(col(BuyerReply.id))
                ).all()
            )

    def attach_reply(self, reply_id: int, order_id: str) -> BuyerReply:
        """Attach an unmatched reply to the case of an order, as if it had matched."""
        with self._core.write() as session:
            reply = session.exec(select(BuyerReply).where(col(BuyerReply.id) == reply_id).with_for_update()).first()
            if reply is None:
                raise NotFound(f"No mail with id {reply_id}.")
            if reply.feedback_id is not None:
                raise RuleRefusal("This mail is already in a case.")
            fb = session.exec(
                select(Feedback).where(col(Feedback.order_id) == order_id.strip()).with_for_update()
            ).first()
            if fb is None:
                raise NotFound(f"No feedback for order {order_id.strip()[:40]!r} in the desk.")
            self._attach(session, reply, fb, self._core.clock())
            return reply

    def sync(self, *, retry_failed: bool = False, retry_now: bool = False) -> SyncReport:
        """Deliver the outbox, then fetch replies: what `fbdesk sync` and the helpdesk's worker run."""
        report = self.deliver(retry_failed=retry_failed, retry_now=retry_now)
        fetched = self.fetch()
        report.replies, report.unmatched, report.notices = fetched.replies, fetched.unmatched, fetched.notices
        report.problems += fetched.problems
        return report


def _stand_in_message_id(fetched: FetchedMail) -> str:
    """For mail without a Message-ID: one made from what identifies it, so that it is stored once."""
    mail = fetched.mail
    digest = hashlib.sha256(f"{mail.sender}|{mail.date}|{mail.subject}|{mail.full_text}".encode()).hexdigest()
    return f"<{digest[:32]}@no-message-id.fbdesk>"
