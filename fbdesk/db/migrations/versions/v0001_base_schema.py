"""The schema as fbdesk created it before Alembic (its schema_info version 1), written out in full.

Revision ID: 0001
Revises: (none)

A database made by an fbdesk from before Alembic already has all of this: it is stamped at this revision instead of
running it (see fbdesk/db/migrations/__init__.py). Do not change this file: it is what those databases hold.
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.String(length=40), nullable=False),
        sa.Column("marketplace", sa.String(length=4), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("feedback_date", sa.Date(), nullable=False),
        sa.Column("arrived_on_time", sa.Boolean(), nullable=True),
        sa.Column("item_as_described", sa.Boolean(), nullable=True),
        sa.Column("customer_service", sa.Boolean(), nullable=True),
        sa.Column("rater_email", sa.String(length=320), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("case_status", sa.String(length=20), nullable=False),
        sa.Column("feedback_state", sa.String(length=20), nullable=False),
        sa.Column("response_state", sa.String(length=10), nullable=False),
        sa.Column("assignee", sa.String(length=80), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("first_response_due", sa.DateTime(timezone=True), nullable=False),
        sa.Column("first_response_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_contact_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_feedback_assignee", "feedback", ["assignee"])
    op.create_index(
        "ix_feedback_awaiting_first_response",
        "feedback",
        ["first_response_due"],
        sqlite_where=sa.text("first_response_at IS NULL"),
        postgresql_where=sa.text("first_response_at IS NULL"),
    )
    op.create_index("ix_feedback_inbox_date", "feedback", ["feedback_date"])
    op.create_index("ix_feedback_order_id", "feedback", ["order_id"], unique=True)
    op.create_index("ix_feedback_status_date", "feedback", ["case_status", "feedback_date"])
    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("feedback_id", sa.Integer(), nullable=True),
        sa.Column("agent", sa.String(length=80), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["feedback_id"], ["feedback.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_audit_event_feedback_id", "audit_event", ["feedback_id"])
    op.create_table(
        "buyer_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("feedback_id", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("agent", sa.String(length=80), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("is_removal_notice", sa.Boolean(), nullable=False),
        sa.Column("findings_json", sa.Text(), nullable=False),
        sa.Column("acknowledgement", sa.Text(), nullable=True),
        sa.Column("delivery_state", sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(["feedback_id"], ["feedback.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_buyer_message_feedback_id", "buyer_message", ["feedback_id"])
    op.create_table(
        "draft",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("feedback_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("agent", sa.String(length=80), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("feedback_id", "kind", "agent", name="uq_draft_owner"),
        sa.ForeignKeyConstraint(["feedback_id"], ["feedback.id"]),
    )
    op.create_index("ix_draft_feedback_id", "draft", ["feedback_id"])
    op.create_table(
        "feedback_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("feedback_id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("feedback_date", sa.Date(), nullable=False),
        sa.Column("change", sa.String(length=20), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["feedback_id"], ["feedback.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_feedback_revision_feedback_id", "feedback_revision", ["feedback_id"])
    op.create_table(
        "note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("feedback_id", sa.Integer(), nullable=False),
        sa.Column("agent", sa.String(length=80), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["feedback_id"], ["feedback.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_note_feedback_id", "note", ["feedback_id"])
    op.create_table(
        "removal_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("feedback_id", sa.Integer(), nullable=False),
        sa.Column("ground", sa.String(length=20), nullable=False),
        sa.Column("agent", sa.String(length=80), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("feedback_id", "ground", name="uq_removal_request_ground"),
        sa.ForeignKeyConstraint(["feedback_id"], ["feedback.id"]),
    )
    op.create_index("ix_removal_request_feedback_id", "removal_request", ["feedback_id"])
    op.create_table(
        "response",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("feedback_id", sa.Integer(), nullable=False),
        sa.Column("for_revision", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("agent", sa.String(length=80), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("feedback_id", "for_revision", name="uq_response_per_revision"),
        sa.ForeignKeyConstraint(["feedback_id"], ["feedback.id"]),
    )
    op.create_index("ix_response_feedback_id", "response", ["feedback_id"])
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_full_text_search_and_append_only_audit()
    else:
        _postgresql_full_text_search_and_append_only_audit()
    # Before Alembic, fbdesk kept its schema version here; revision 0002 moves it on.
    schema_info = op.create_table("schema_info", sa.Column("version", sa.Integer(), nullable=False))
    op.bulk_insert(schema_info, [{"version": 1}])


def _sqlite_full_text_search_and_append_only_audit() -> None:
    # An external-content FTS5 index over feedback.comment; report imports add new rows' comments in one statement
    # (fbdesk.db.dialect.index_new_comments), these triggers follow changes and deletions.
    op.execute(
        "CREATE VIRTUAL TABLE feedback_fts USING fts5(comment, content='feedback', content_rowid='id', "
        "detail=none, tokenize='unicode61 remove_diacritics 2')"
    )
    op.execute(
        "CREATE TRIGGER feedback_fts_delete AFTER DELETE ON feedback BEGIN "
        "INSERT INTO feedback_fts(feedback_fts, rowid, comment) VALUES ('delete', old.id, old.comment); END"
    )
    op.execute(
        "CREATE TRIGGER feedback_fts_update AFTER UPDATE OF comment ON feedback BEGIN "
        "INSERT INTO feedback_fts(feedback_fts, rowid, comment) VALUES ('delete', old.id, old.comment); "
        "INSERT INTO feedback_fts(rowid, comment) VALUES (new.id, new.comment); END"
    )
    for verb in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER audit_event_no_{verb.lower()} BEFORE {verb} ON audit_event BEGIN "
            "SELECT RAISE(ABORT, 'the audit trail is append-only'); END"
        )


def _postgresql_full_text_search_and_append_only_audit() -> None:
    op.execute("CREATE INDEX ix_feedback_comment_fts ON feedback USING gin (to_tsvector('simple', comment))")
    op.execute(
        "CREATE FUNCTION fbdesk_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END $$"
    )
    op.execute(
        "CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event "
        "FOR EACH ROW EXECUTE FUNCTION fbdesk_audit_append_only()"
    )
