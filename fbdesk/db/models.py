"""The tables of the feedback store.

All datetimes are timezone-aware UTC; feedback dates are calendar dates as Amazon reports them.
Enumerated values are stored as short strings; their allowed values live in `fbdesk.domain.lifecycle`.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Index, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel

# The comment sort orders by the comment's first characters (then by id): an index of whole comments would be as
# big as the comments.
COMMENT_SORT_PREFIX = 24


class Feedback(SQLModel, table=True):
    """One buyer's seller feedback for one order, with the case the desk runs on it."""

    # The inbox reads one page of one status at a time (a tab of several statuses merges theirs): every sort walks an
    # index of (status, sort key, id), so a page costs the same at any size, and a filter that leaves few rows
    # starts from the index of its own column (see fbdesk.desk.pages). The due sort walks a partial index of the
    # cases still owed a first response before the rest. The comment sort's index, of (status, the comment's first
    # COMMENT_SORT_PREFIX characters, id), and the buyer email's, of lower(rater_email), are expression indexes the
    # revision creates (like the full-text index).
    __table_args__ = (
        # A date range, and the filters that leave few feedback, are gathered from indexes that hold the filtered
        # columns (revision 0009), so that no feedback is read only to be thrown away.
        Index("ix_feedback_date_rating", "feedback_date", "rating"),
        Index("ix_feedback_status_filters", "case_status", "rating", "marketplace", "channel", "assignee"),
        Index("ix_feedback_status_id", "case_status", "id"),
        Index("ix_feedback_status_date", "case_status", "feedback_date", "id"),
        Index("ix_feedback_status_rating", "case_status", "rating", "id"),
        Index("ix_feedback_status_order", "case_status", "order_id", "id"),
        Index("ix_feedback_status_marketplace", "case_status", "marketplace", "id"),
        Index("ix_feedback_status_channel", "case_status", "channel", "id"),
        Index("ix_feedback_status_assignee", "case_status", "assignee", "id"),
        Index("ix_feedback_status_response", "case_status", "response_state", "id"),
        Index("ix_feedback_status_due", "case_status", "first_response_due", "id"),
        Index(
            "ix_feedback_status_owed_due",
            "case_status",
            "first_response_due",
            "id",
            sqlite_where=text("first_response_at IS NULL"),
            postgresql_where=text("first_response_at IS NULL"),
        ),
        # The dashboard's deadline figures for this week: deadlines due, buyers contacted, deadlines missed earlier.
        Index("ix_feedback_due", "first_response_due"),
        # Partial: a whole index of a mostly-NULL column lures the planner into the inbox's "not contacted" walks.
        Index(
            "ix_feedback_contacted",
            "first_response_at",
            sqlite_where=text("first_response_at IS NOT NULL"),
            postgresql_where=text("first_response_at IS NOT NULL"),
        ),
        Index(
            "ix_feedback_missed_earlier",
            "first_response_missed_earlier",
            sqlite_where=text("first_response_missed_earlier IS NOT NULL"),
            postgresql_where=text("first_response_missed_earlier IS NOT NULL"),
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
    assignee: str | None = Field(default=None, max_length=80)
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


class FeedbackTally(SQLModel, table=True):
    """How many feedback there are of each status, marketplace, channel, rating and assignee: the inbox's tab counts
    without a scan. A key's figure is the sum of its rows (on PostgreSQL each change adds a row rather than updating
    a shared one, so that agents never wait on each other; an import folds them). Feedback whose id is above
    `TallyMark.counted_through` is not in it yet. Kept by triggers on feedback and by fbdesk.desk.tallies."""

    __tablename__ = "feedback_tally"
    __table_args__ = (Index("ix_feedback_tally_key", "case_status", "marketplace", "channel", "rating", "assignee"),)

    id: int | None = Field(default=None, primary_key=True)
    case_status: str = Field(max_length=20)
    marketplace: str = Field(max_length=4)
    channel: str = Field(max_length=10)
    rating: int
    assignee: str = Field(default="", max_length=80)  # "" for none
    n: int


class FeedbackDayTally(SQLModel, table=True):
    """How many feedback there are of each date, rating and feedback state: the dashboard's figures without a scan.
    Kept like `FeedbackTally`."""

    __tablename__ = "feedback_day_tally"
    __table_args__ = (Index("ix_feedback_day_tally_key", "feedback_date", "rating", "feedback_state"),)

    id: int | None = Field(default=None, primary_key=True)
    feedback_date: date
    rating: int
    feedback_state: str = Field(max_length=20)
    n: int


class TallyMark(SQLModel, table=True):
    """One row: the highest feedback id the tallies count. Newer rows (an import's, until it folds them in) are
    counted from the feedback table itself."""

    __tablename__ = "tally_mark"

    id: int | None = Field(default=None, primary_key=True)
    counted_through: int = 0


class Presence(SQLModel, table=True):
    """An agent viewing a case, or writing to its buyer, now: a heartbeat row renewed every few seconds while it
    lasts, removed when the agent leaves the case, and disregarded once it is older than the expiry (a process that
    crashed leaves rows that simply expire). See fbdesk.desk.presence."""

    agent: str = Field(primary_key=True, max_length=80)
    feedback_id: int = Field(primary_key=True, foreign_key="feedback.id", index=True)
    activity: str = Field(primary_key=True, max_length=10)  # viewing or writing
    last_seen: datetime


class DeskChange(SQLModel, table=True):
    """One row: how many write transactions changed what agents see (`data`) and who is where (`presence`), so
    that a helpdesk watching a SQLite desk tells the two apart (PostgreSQL says it in its notifications instead).
    See fbdesk.db.changes."""

    __tablename__ = "desk_change"

    id: int | None = Field(default=None, primary_key=True)
    data: int = 0
    presence: int = 0
