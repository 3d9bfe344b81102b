"""Report order: each feedback remembers the latest date of the report that last told of its current version, and
the desk the files it imported, so that importing an older report never reverts a newer one (see
fbdesk.desk.importing).

Revision ID: 0004
Revises: 0003

For feedback already in the desk the report is not known; the day it last changed in the desk stands in for it
(a report imported then reached at most that day), so that an older report cannot revert it either.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("feedback", sa.Column("reported_through", sa.Date(), nullable=True))
    day = "date(updated_at)" if op.get_bind().dialect.name == "sqlite" else "CAST(updated_at AS DATE)"
    op.execute(f"UPDATE feedback SET reported_through = {day}")
    op.create_table(
        "report_file",
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=250), nullable=False),
        sa.Column("reported_through", sa.Date(), nullable=True),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("digest", name="pk_report_file"),
    )
