"""The tables of the feedback store.

All datetimes are timezone-aware UTC; feedback dates are calendar dates as Amazon reports them.
Enumerated values are stored as short strings; their allowed values live in `fbdesk.domain.lifecycle`.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Index, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel


class Feedback(SQLModel, table=True):
    """One buyer's seller feedback for one order, with the case the desk runs on it."""

    # The inbox's default order, its status tabs, and its due/overdue filters (only cases still owed a first
    # response, so the index stays small and the planner prefers it). A rating filter needs no index of its
    # own: a page of 1-2 star feedback is found by walking the date index.
    __table_args__ = (
        Index("ix_feedback_inbox_date", "feedback_date"),
        Index("ix_feedback_status_date", "case_status", "feedback_date"),
        Index(
            "ix_feedback_awaiting_first_response",
            "first_response_due",
            sqlite_where=text("first_response_at IS NULL"),
            postgresql_where=text("first_response_at IS NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    order_id: str = Field(index=True, unique=True, max_length=40)
    marketplace: str = Field(max_length=4)
    rating: int
    comment: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    feedback_date: date
    arrived_on_time: bool | None = None
    item_as_described: bool | None = None
    customer_service: bool | None = None
    rater_email: str = Field(default="", max_length=320)
    channel: str = Field(default="unknown", max_length=10)
    case_status: str = Field(default="new", max_length=20)
    feedback_state: str = Field(default="live", max_length=20)
    response_state: str = Field(default="none", max_length=10)
    assignee: str | None = Field(default=None, index=True, max_length=80)
    revision: int = 1
    imported_at: datetime
    updated_at: datetime
    # The first-response deadline (fbdesk.domain.lifecycle.deadline_state) runs from `first_response_owed_since`
    # (None: the case never owed one) to `first_response_due`; `first_response_at` is when the first message to the
    # buyer went out since then. A new deadline (a buyer's reply, a case reopened) keeps the due time of one it
    # replaced that was missed in `first_response_missed_earlier`.
    first_response_due: datetime
    first_response_at: datetime | None = None
    first_response_owed_since: datetime | None = None
    first_response_missed_earlier: datetime | None = None
    last_contact_at: datetime | None = None
    # Where messages to the buyer go when the report gave no relay address, or the agent corrected it; an address
    # that is not an Amazon relay address for the order's marketplace was acknowledged by the agent who entered it.
    # The latest date in the report that last told us of this version of the feedback: a report is newer for this
    # feedback only if it shows a later feedback date, or the same one in a report reaching past this date.
    reported_through: date | None = None
    buyer_address: str | None = Field(default=None, max_length=320)
    buyer_address_acknowledged: bool = False


class ReportFile(SQLModel, table=True):
    """A report file imported before, known by the SHA-256 of its bytes: importing it again changes nothing."""

    __tablename__ = "report_file"

    digest: str = Field(primary_key=True, max_length=64)
    name: str = Field(max_length=250)
    reported_through: date | None = None
    imported_at: datetime


class FeedbackRevision(SQLModel, table=True):
    """What a feedback said before the buyer changed or removed it."""

    __tablename__ = "feedback_revision"

    id: int | None = Field(default=None, primary_key=True)
    feedback_id: int = Field(foreign_key="feedback.id", index=True)
    revision: int
    rating: int
    comment: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    feedback_date: date
    change: str = Field(max_length=20)  # "modified" or "removed"
    recorded_at: datetime


class Response(SQLModel, table=True):
    """The seller's public response. Amazon allows one per version of the feedback: the unique
    constraint on (feedback, revision) makes a second one for the same version impossible, even
    for two agents submitting at the same moment."""

    __table_args__ = (UniqueConstraint("feedback_id", "for_revision", name="uq_response_per_revision"),)

    id: int | None = Field(default=None, primary_key=True)
    feedback_id: int = Field(foreign_key="feedback.id", index=True)
    for_revision: int
    body: str = Field(sa_column=Column(Text, nullable=False))
    state: str = Field(default="live", max_length=10)  # live, deleted, removed
    agent: str = Field(max_length=80)
    source: str = Field(default="fbdesk", max_length=20)  # fbdesk, or amazon-report when imported
    submitted_at: datetime
    ended_at: datetime | None = None


class BuyerMessage(SQLModel, table=True):
    """A message to the buyer: queued with the findings it was sent with, then delivered by email to the buyer's
    Amazon relay address. Delivery is at most once: `message_id` is recorded, with the state `sending`, before the
    mail server is spoken to (states in fbdesk.domain.lifecycle.DeliveryState)."""

    __tablename__ = "buyer_message"

    id: int | None = Field(default=None, primary_key=True)
    feedback_id: int = Field(foreign_key="feedback.id", index=True)
    body: str = Field(sa_column=Column(Text, nullable=False))
    agent: str = Field(max_length=80)
    sent_at: datetime  # when the agent sent it (queued it for delivery)
    is_removal_notice: bool = False
    findings_json: str = Field(default="[]", sa_column=Column(Text, nullable=False, default="[]"))
    acknowledgement: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    delivery_state: str = Field(default="queued", max_length=20)
    subject: str = Field(default="", max_length=200)
    to_address: str = Field(default="", max_length=320)
    message_id: str | None = Field(default=None, max_length=250, index=True, unique=True)
    in_reply_to: str | None = Field(default=None, max_length=250)  # the buyer reply's Message-ID it answers
    attempts: int = 0
    next_attempt_at: datetime | None = None
    delivered_at: datetime | None = None
    delivery_error: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


class BuyerReply(SQLModel, table=True):
    """Mail fetched from the seller's mailbox: a buyer's reply (the text without the quoted history) or Amazon's
    notice that a message was not delivered. `feedback_id` is None while it matches no case (the unmatched view)."""

    __tablename__ = "buyer_reply"
    __table_args__ = (
        Index(
            "ix_buyer_reply_unmatched",
            "id",
            sqlite_where=text("feedback_id IS NULL"),
            postgresql_where=text("feedback_id IS NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    feedback_id: int | None = Field(default=None, foreign_key="feedback.id", index=True)
    kind: str = Field(default="reply", max_length=20)  # reply, or amazon-notice
    message_id: str = Field(max_length=250, index=True, unique=True)
    in_reply_to: str | None = Field(default=None, max_length=250)
    from_address: str = Field(default="", max_length=320)
    subject: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    order_id: str | None = Field(default=None, max_length=40)
    body: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    attachments_json: str = Field(default="[]", sa_column=Column(Text, nullable=False, default="[]"))
    notes: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))  # what parsing had to fix
    written_at: datetime | None = None  # the mail's Date header
    received_at: datetime  # when fbdesk fetched it
    notice_for: int | None = Field(default=None, foreign_key="buyer_message.id")  # the message Amazon bounced


class MailboxCursor(SQLModel, table=True):
    """How far the seller's mailbox has been read: the last UID seen, valid while UIDVALIDITY stays the same."""

    __tablename__ = "mailbox_cursor"

    mailbox: str = Field(primary_key=True, max_length=250)
    uidvalidity: int
    last_uid: int
    checked_at: datetime


class Note(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    feedback_id: int = Field(foreign_key="feedback.id", index=True)
    agent: str = Field(max_length=80)
    body: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime


class Draft(SQLModel, table=True):
    """Text an agent is typing, saved as typed so a crash or a closed terminal loses nothing."""

    __table_args__ = (UniqueConstraint("feedback_id", "kind", "agent", name="uq_draft_owner"),)

    id: int | None = Field(default=None, primary_key=True)
    feedback_id: int = Field(foreign_key="feedback.id", index=True)
    kind: str = Field(max_length=10)  # message or response
    agent: str = Field(max_length=80)
    body: str = Field(sa_column=Column(Text, nullable=False))
    updated_at: datetime


class RemovalRequest(SQLModel, table=True):
    """A request to Amazon to remove a feedback, on one ground, and what Amazon decided."""

    __tablename__ = "removal_request"
    __table_args__ = (UniqueConstraint("feedback_id", "ground", name="uq_removal_request_ground"),)

    id: int | None = Field(default=None, primary_key=True)
    feedback_id: int = Field(foreign_key="feedback.id", index=True)
    ground: str = Field(max_length=20)
    agent: str = Field(max_length=80)
    requested_at: datetime
    outcome: str = Field(default="pending", max_length=20)  # pending, removed, struck-through, refused
    decided_at: datetime | None = None


class AuditEvent(SQLModel, table=True):
    """Append-only record of every change."""

    __tablename__ = "audit_event"

    id: int | None = Field(default=None, primary_key=True)
    feedback_id: int | None = Field(default=None, foreign_key="feedback.id", index=True)
    agent: str = Field(max_length=80)
    at: datetime
    action: str = Field(max_length=40)
    details: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
