"""The indexes of buyers contacted and of deadlines missed earlier hold only the feedback that has the moment.

Revision ID: 0007
Revises: 0006

Whole, they held a row for every feedback, most of them NULL, and SQLite's planner chose the index of contacted
buyers to find the cases not yet contacted (first_response_at IS NULL: nearly the whole desk), then sorted them: the
inbox's sort by due date took over a second on a desk of a million feedback. Partial, neither can be chosen for a
NULL test, and each is as small as the figures it serves.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

PARTIAL = {"ix_feedback_contacted": "first_response_at", "ix_feedback_missed_earlier": "first_response_missed_earlier"}


def upgrade() -> None:
    for name, column in PARTIAL.items():
        op.drop_index(name, table_name="feedback")
        where = sa.text(f"{column} IS NOT NULL")
        op.create_index(name, "feedback", [column], sqlite_where=where, postgresql_where=where)
