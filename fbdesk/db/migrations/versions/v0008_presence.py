"""A live desk: who is viewing a case or writing to its buyer (presence, heartbeat rows that expire), and a count
of the changes made to the desk (desk_change), which a helpdesk on SQLite reads to tell a change to the cases from a
heartbeat (fbdesk.db.changes).

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "presence",
        sa.Column("agent", sa.String(length=80), nullable=False),
        sa.Column("feedback_id", sa.Integer(), nullable=False),
        sa.Column("activity", sa.String(length=10), nullable=False),
        sa.Column("last_seen", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["feedback_id"], ["feedback.id"], name="fk_presence_feedback_id_feedback"),
        sa.PrimaryKeyConstraint("agent", "feedback_id", "activity", name="pk_presence"),
    )
    op.create_index("ix_presence_feedback_id", "presence", ["feedback_id"])
    op.create_table(
        "desk_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("data", sa.Integer(), nullable=False),
        sa.Column("presence", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_desk_change"),
    )
