"""PostgreSQL indexes each comment's words keyed by its feedback's case status and rating, so that a search sorted by
rating finds which ratings of a status hold its matches without walking the rows of those that hold none.

Revision ID: 0011
Revises: 0010

What revision 0010 did for SQLite, whose full-text index seeks a range of keys; a GIN index cannot, but it seeks a
word: ix_feedback_rated_words holds each word of a comment (as to_tsvector('simple') cuts it, the full-text index's
words) behind one letter naming the status and rating ('Lscratches': a scratch among the closed 5-star cases), and
fbdesk.db.dialect keys a search's words the same way. Sorted by rating, best first, a word of complaints walked
past every 4- and 5-star closed case (820,000 at a million feedback, none of which match): 1.25-1.54 s; the index
tells in a fraction of a millisecond that they hold none. The index follows a change of status, rating or comment
as any expression index does. One letter, not a word, so that a keyed word of the longest a tsvector holds (2,046
bytes) still fits (2,047). Ratings are 1 to 5; any other shares its status's letter for 0. The functions name only
built-in ones, so that the index can be rebuilt whatever the search path (a restore empties it). SQLite is unchanged.
"""

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_STATUSES = ("buyer_replied", "closed", "in_progress", "new", "resolved", "waiting_on_buyer")
# 7 statuses x 6 ratings (0 for any but 1-5) of them, as fbdesk.db.dialect.rating_key has them.
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


def _key(status: str, rating: str) -> str:
    """The letter of a status and a rating, as SQL."""
    numbers = " ".join(f"WHEN '{name}' THEN {n}" for n, name in enumerate(_STATUSES))
    slot = f"CASE WHEN {rating} BETWEEN 1 AND 5 THEN {rating} ELSE 0 END"
    return f"substr('{_LETTERS}', (CASE {status} {numbers} ELSE {len(_STATUSES)} END) * 6 + ({slot}) + 1, 1)"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    key = _key("$1", "$2")
    # A separator no word of to_tsvector holds (it cuts words at control characters); NULL for a comment of no words.
    words = f"array_to_string(tsvector_to_array(to_tsvector('simple', $3)), E'\\x1f' || {key})"
    op.execute(
        "CREATE FUNCTION fbdesk_rated_words(case_status text, rating integer, comment text) RETURNS tsvector "
        f"LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$ SELECT array_to_tsvector(string_to_array({key} || "
        f"nullif({words}, ''), E'\\x1f')) $f$"
    )
    op.execute(
        "CREATE INDEX ix_feedback_rated_words ON feedback USING gin (fbdesk_rated_words(case_status, rating, comment))"
    )
    # The planner's figures of the keyed words tell which ratings hold too many matches to count (dialect.rated_counts).
    op.execute("ANALYZE feedback")
