"""Filters that leave few feedback are read from an index that holds all the filtered columns, so that no feedback
is read only to be thrown away.

Revision ID: 0009
Revises: 0008

A page of the inbox gathers a status's few matches of a combination of filters (3 stars, DE, seller-fulfilled) from
an index (fbdesk.desk.pages). With an index of one filtered column only, every feedback of that column's value was
read from the table to check the others: 80,000 for DE among the closed cases of a million feedback, 160 ms.
ix_feedback_status_filters holds the status and all four filters the tallies count, so the database finds the
matches in the index, and reads only them.

A date range is gathered from the date's index; ix_feedback_date_rating (which replaces ix_feedback_inbox_date, of
the date alone) holds the rating too, so that "1 star, a year ago" reads its few hundred 1-star feedback, not every
feedback of those weeks.
"""

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_feedback_status_filters", "feedback", ["case_status", "rating", "marketplace", "channel", "assignee"]
    )
    op.drop_index("ix_feedback_inbox_date", table_name="feedback")
    op.create_index("ix_feedback_date_rating", "feedback", ["feedback_date", "rating"])
