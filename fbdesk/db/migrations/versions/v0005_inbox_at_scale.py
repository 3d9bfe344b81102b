"""The inbox at a million feedback: an index per sort within each case status, and tallies kept by triggers for the
status-tab counts and the dashboard.

Revision ID: 0005
Revises: 0004

Every inbox page walks an index of (case status, sort key, id), so a page costs the same at any size (see
fbdesk.desk.pages). The due sort walks the cases still owed a first response in a partial index of their own
(which replaces ix_feedback_awaiting_first_response), then the rest. The assignee's own index gives way to
(status, assignee, id).
Searching a buyer's email, in any case, needs ix_feedback_rater_email (of lower(rater_email)); on SQLite,
feedback_fts_vocab (a view of the full-text index's words) tells how many comments a search matches before reading
any.

feedback_tally and feedback_day_tally count feedback by what the tabs and the dashboard show; a key's figure is the
sum of its rows. Triggers keep them through every change of a counted feedback (status, assignee, rating, date,
state, marketplace, channel, and a deletion); rows added since `tally_mark.counted_through` are counted from feedback
itself until an import folds them in (fbdesk.db.tallies.fold). On SQLite a change updates the key's row; on
PostgreSQL it appends a row (+1 for the new key, -1 for the old), so concurrent agents never wait on a shared row.
This revision counts the feedback already in the desk.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

STATUS_KEY = ("case_status", "marketplace", "channel", "rating", "assignee")
DAY_KEY = ("feedback_date", "rating", "feedback_state")


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    op.drop_index("ix_feedback_awaiting_first_response", table_name="feedback")
    op.drop_index("ix_feedback_assignee", table_name="feedback")
    op.drop_index("ix_feedback_status_date", table_name="feedback")
    for name, columns in (
        ("ix_feedback_status_id", ["case_status", "id"]),
        ("ix_feedback_status_date", ["case_status", "feedback_date", "id"]),
        ("ix_feedback_status_rating", ["case_status", "rating", "id"]),
        ("ix_feedback_status_order", ["case_status", "order_id", "id"]),
        ("ix_feedback_status_marketplace", ["case_status", "marketplace", "id"]),
        ("ix_feedback_status_channel", ["case_status", "channel", "id"]),
        ("ix_feedback_status_assignee", ["case_status", "assignee", "id"]),
        ("ix_feedback_status_response", ["case_status", "response_state", "id"]),
    ):
        op.create_index(name, "feedback", columns)
    op.create_index("ix_feedback_status_due", "feedback", ["case_status", "first_response_due", "id"])
    op.create_index(
        "ix_feedback_status_owed_due",
        "feedback",
        ["case_status", "first_response_due", "id"],
        sqlite_where=sa.text("first_response_at IS NULL"),
        postgresql_where=sa.text("first_response_at IS NULL"),
    )
    op.execute("CREATE INDEX ix_feedback_status_comment ON feedback (case_status, substr(comment, 1, 24), id)")
    op.execute("CREATE INDEX ix_feedback_rater_email ON feedback (lower(rater_email))")

    op.create_table(
        "feedback_tally",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_status", sa.String(length=20), nullable=False),
        sa.Column("marketplace", sa.String(length=4), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("assignee", sa.String(length=80), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_feedback_tally"),
    )
    op.create_index("ix_feedback_tally_key", "feedback_tally", list(STATUS_KEY))
    op.create_table(
        "feedback_day_tally",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("feedback_date", sa.Date(), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("feedback_state", sa.String(length=20), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_feedback_day_tally"),
    )
    op.create_index("ix_feedback_day_tally_key", "feedback_day_tally", list(DAY_KEY))
    op.create_table(
        "tally_mark",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("counted_through", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_tally_mark"),
    )
    op.execute("INSERT INTO tally_mark (id, counted_through) SELECT 1, coalesce(max(id), 0) FROM feedback")
    op.execute(
        "INSERT INTO feedback_tally (case_status, marketplace, channel, rating, assignee, n) "
        "SELECT case_status, marketplace, channel, rating, coalesce(assignee, ''), count(*) FROM feedback "
        "GROUP BY case_status, marketplace, channel, rating, coalesce(assignee, '')"
    )
    op.execute(
        "INSERT INTO feedback_day_tally (feedback_date, rating, feedback_state, n) "
        "SELECT feedback_date, rating, feedback_state, count(*) FROM feedback "
        "GROUP BY feedback_date, rating, feedback_state"
    )
    if sqlite:
        # How many comments hold each word: a search learns whether it matches few feedback without reading them.
        op.execute("CREATE VIRTUAL TABLE feedback_fts_vocab USING fts5vocab(feedback_fts, 'row')")
        _sqlite_triggers()
    else:
        _postgresql_triggers()


def _key(table_key: tuple[str, ...], row: str) -> list[str]:
    return [f"coalesce({row}.assignee, '')" if c == "assignee" else f"{row}.{c}" for c in table_key]


def _matches(table_key: tuple[str, ...], row: str) -> str:
    return " AND ".join(f"{c} = {v}" for c, v in zip(table_key, _key(table_key, row), strict=True))


def _sqlite_triggers() -> None:
    """SQLite has one writer at a time: each key keeps one row, updated in place."""
    counted = "old.id <= (SELECT counted_through FROM tally_mark WHERE id = 1)"
    watched = ", ".join(dict.fromkeys(STATUS_KEY + DAY_KEY))
    moves = []
    for table, key in (("feedback_tally", STATUS_KEY), ("feedback_day_tally", DAY_KEY)):
        differs = " OR ".join(f"old.{c} IS NOT new.{c}" for c in key)
        moves.append(
            f"INSERT INTO {table} ({', '.join(key)}, n) SELECT {', '.join(_key(key, 'new'))}, 0 "
            f"WHERE ({differs}) AND NOT EXISTS (SELECT 1 FROM {table} WHERE {_matches(key, 'new')}); "
            f"UPDATE {table} SET n = n + (CASE WHEN {_matches(key, 'new')} THEN 1 ELSE 0 END) "
            f"- (CASE WHEN {_matches(key, 'old')} THEN 1 ELSE 0 END) "
            f"WHERE ({differs}) AND (({_matches(key, 'new')}) OR ({_matches(key, 'old')})); "
        )
    op.execute(
        f"CREATE TRIGGER feedback_tally_update AFTER UPDATE OF {watched} ON feedback WHEN {counted} "
        f"BEGIN {''.join(moves)}END"
    )
    removals = "".join(
        f"UPDATE {table} SET n = n - 1 WHERE {_matches(key, 'old')}; "
        for table, key in (("feedback_tally", STATUS_KEY), ("feedback_day_tally", DAY_KEY))
    )
    op.execute(f"CREATE TRIGGER feedback_tally_delete AFTER DELETE ON feedback WHEN {counted} BEGIN {removals}END")


def _postgresql_triggers() -> None:
    """Each change appends its +1 and -1 rows: no two agents' changes lock the same row."""
    moves = []
    for table, key in (("feedback_tally", STATUS_KEY), ("feedback_day_tally", DAY_KEY)):
        columns = ", ".join(key)
        old = ", ".join(_key(key, "OLD"))
        new = ", ".join(_key(key, "NEW"))
        moves.append(
            f"IF TG_OP = 'DELETE' OR ({', '.join(f'OLD.{c}' for c in key)}) IS DISTINCT FROM "
            f"({', '.join(f'NEW.{c}' for c in key)}) THEN "
            f"INSERT INTO {table} ({columns}, n) VALUES ({old}, -1); "
            f"IF TG_OP = 'UPDATE' THEN INSERT INTO {table} ({columns}, n) VALUES ({new}, 1); END IF; "
            "END IF; "
        )
    op.execute(
        "CREATE FUNCTION fbdesk_tally_feedback() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "IF OLD.id <= (SELECT counted_through FROM tally_mark WHERE id = 1) THEN "
        f"{''.join(moves)}END IF; RETURN NULL; END $$"
    )
    watched = ", ".join(dict.fromkeys(STATUS_KEY + DAY_KEY))
    op.execute(
        f"CREATE TRIGGER feedback_tally AFTER UPDATE OF {watched} OR DELETE ON feedback "
        "FOR EACH ROW EXECUTE FUNCTION fbdesk_tally_feedback()"
    )
