"""Alembic keeps the schema's version from here on (in alembic_version).

Revision ID: 0002
Revises: 0001

schema_info stays, at version 2, for the fbdesk releases from before Alembic: they read it, and refuse a database
whose version they do not know ("made by a newer fbdesk") instead of using a schema later revisions have changed.
Nothing reads or writes it after this revision.
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("UPDATE schema_info SET version = 2")
