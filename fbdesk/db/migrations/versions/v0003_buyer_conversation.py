"""The conversation with the buyer by email: messages carry their delivery (Message-ID, subject, relay address,
attempts, errors), buyers' replies and Amazon's notices are kept, and how far the mailbox was read.

Revision ID: 0003
Revises: 0002

Messages queued before this revision were never delivered by fbdesk (agents sent them through Seller Central):
they become `recorded`, which delivery never picks up, so upgrading sends nothing to any buyer.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("buyer_message") as batch:
        batch.alter_column(
            "delivery_state", existing_type=sa.String(length=10), type_=sa.String(length=20), existing_nullable=False
        )
        batch.add_column(sa.Column("subject", sa.String(length=200), nullable=False, server_default=""))
        batch.add_column(sa.Column("to_address", sa.String(length=320), nullable=False, server_default=""))
        batch.add_column(sa.Column("message_id", sa.String(length=250), nullable=True))
        batch.add_column(sa.Column("in_reply_to", sa.String(length=250), nullable=True))
        batch.add_column(sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("delivery_error", sa.Text(), nullable=True))
        batch.create_index("ix_buyer_message_message_id", ["message_id"], unique=True)
    op.execute("UPDATE buyer_message SET delivery_state = 'recorded' WHERE delivery_state = 'queued'")

    # Plain ADD COLUMN: a batch would rebuild feedback, and with it drop its full-text triggers.
    op.add_column("feedback", sa.Column("buyer_address", sa.String(length=320), nullable=True))
    op.add_column(
        "feedback", sa.Column("buyer_address_acknowledged", sa.Boolean(), nullable=False, server_default=sa.false())
    )

    op.create_table(
        "buyer_reply",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("feedback_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("message_id", sa.String(length=250), nullable=False),
        sa.Column("in_reply_to", sa.String(length=250), nullable=True),
        sa.Column("from_address", sa.String(length=320), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("order_id", sa.String(length=40), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("attachments_json", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("written_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("notice_for", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["feedback_id"], ["feedback.id"], name="fk_buyer_reply_feedback_id_feedback"),
        sa.ForeignKeyConstraint(["notice_for"], ["buyer_message.id"], name="fk_buyer_reply_notice_for_buyer_message"),
        sa.PrimaryKeyConstraint("id", name="pk_buyer_reply"),
    )
    op.create_index("ix_buyer_reply_feedback_id", "buyer_reply", ["feedback_id"], unique=False)
    op.create_index("ix_buyer_reply_message_id", "buyer_reply", ["message_id"], unique=True)
    op.create_index(
        "ix_buyer_reply_unmatched",
        "buyer_reply",
        ["id"],
        unique=False,
        sqlite_where=sa.text("feedback_id IS NULL"),
        postgresql_where=sa.text("feedback_id IS NULL"),
    )
    op.create_table(
        "mailbox_cursor",
        sa.Column("mailbox", sa.String(length=250), nullable=False),
        sa.Column("uidvalidity", sa.Integer(), nullable=False),
        sa.Column("last_uid", sa.Integer(), nullable=False),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("mailbox", name="pk_mailbox_cursor"),
    )
