"""The one place for database-specific SQL.

Everything else in fbdesk uses portable SQLAlchemy expressions that run on SQLite and PostgreSQL.
Here: SQLite connection pragmas and transaction start, the schema set-up lock, querying the full-text search
over feedback comments (SQLite FTS5; PostgreSQL's tsvector), and where each sorts NULLs. The index itself, and the
triggers that keep the audit trail append-only, are created by the schema's revisions (fbdesk/db/migrations/versions/).
"""

from __future__ import annotations

import bisect
import math
import re
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import NamedTuple

from sqlalchemy import ColumnElement, Index, Table, bindparam, func, literal_column, text
from sqlalchemy.engine import Connection

WRITE_OPTION = "fbdesk_write"


def configure_sqlite_connection(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None  # we issue BEGIN ourselves, below
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    if cursor.execute("PRAGMA journal_mode").fetchone()[0] != "memory":
        _switch_to_wal(cursor)
        cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _switch_to_wal(cursor, attempts: int = 200) -> None:
    """Switching a database file to WAL needs it unlocked, and fails at once (busy_timeout does not apply)
    while another process writes to it, as when several agents open a new database together: try again until
    it is WAL, by this connection or another."""
    for _ in range(attempts):
        try:
            if cursor.execute("PRAGMA journal_mode=WAL").fetchone()[0] == "wal":
                return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc):
                raise
        time.sleep(0.05)
    raise sqlite3.OperationalError("database is locked: could not switch it to WAL journaling")


def begin_sqlite_transaction(conn) -> None:
    """Writers take the write lock when they begin (BEGIN IMMEDIATE), so two agents writing at once
    wait for each other (busy_timeout) instead of one failing on a lock upgrade. Readers never block."""
    immediate = conn.get_execution_options().get(WRITE_OPTION, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


_SCHEMA_LOCK, _IMPORT_LOCK = 7301240, 7301241


def lock_schema(conn: Connection) -> None:
    """Serialise schema set-up between processes opening a new database at once. SQLite's write transaction
    (BEGIN IMMEDIATE) already does; PostgreSQL takes a transaction-scoped advisory lock."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_SCHEMA_LOCK})")


def lock_imports(conn: Connection) -> None:
    """Serialise report imports into one desk: the second waits for the first to commit, then computes its changes
    against what the first wrote. SQLite's write transaction already does; PostgreSQL, whose writers only lock the
    rows they touch, takes a transaction-scoped advisory lock."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_IMPORT_LOCK})")


@contextmanager
def foreign_keys_off_for_schema_changes(conn: Connection) -> Iterator[None]:
    """SQLite alters a table by rebuilding it (a copy, then drop and rename: alembic's batch mode), and with foreign
    keys on, dropping a table other tables reference fails. As in SQLite's own procedure for this, foreign keys are
    off while the schema changes (a switch that only works outside a transaction, so wrap the transaction in this)
    and `check_foreign_keys` runs before it commits."""
    if conn.dialect.name != "sqlite":
        yield
        return
    driver_connection = conn.connection.driver_connection
    assert driver_connection is not None  # a live connection
    driver_connection.execute("PRAGMA foreign_keys=OFF")
    try:
        yield
    finally:
        driver_connection.execute("PRAGMA foreign_keys=ON")


def check_foreign_keys(conn: Connection) -> None:
    if conn.dialect.name == "sqlite" and (broken := conn.exec_driver_sql("PRAGMA foreign_key_check").all()):
        raise sqlite3.IntegrityError(f"the schema upgrade broke foreign keys: {broken[:5]}")


FULL_TEXT_INDEX = "ix_feedback_comment_fts"  # PostgreSQL's (SQLite's is the feedback_fts table)


def set_indexes_aside(conn: Connection, table: str) -> list[tuple[str, str]]:
    """Drop the table's indexes, all but those of its primary key and constraints, and return their names and
    definitions, for `restore_indexes` once many rows are in: building an index from the whole table is several
    times faster than updating it row by row. Inside the caller's transaction, so a failure restores them. (On
    PostgreSQL the table stays locked until the transaction ends.)"""
    if conn.dialect.name == "sqlite":
        query = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = :t AND sql IS NOT NULL"
    else:
        query = (
            "SELECT indexname, indexdef FROM pg_indexes i WHERE schemaname = current_schema() AND tablename = :t "
            "AND NOT EXISTS (SELECT FROM pg_constraint c WHERE c.conindid = "
            "(quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)"
        )
    indexes = [(name, definition) for name, definition in conn.execute(text(query), {"t": table})]
    for name, _definition in indexes:
        conn.exec_driver_sql(f"DROP INDEX {conn.dialect.identifier_preparer.quote(name)}")
    return indexes


def restore_index(conn: Connection, definition: str) -> None:
    conn.exec_driver_sql(definition)


def index_staged_rows(conn: Connection, index: Index) -> None:
    """Prepare a temporary table just loaded for the joins that follow. SQLite joins through indexes: build the
    table's index. PostgreSQL hashes; it only needs the table's size and the values of the index's columns, which
    autovacuum never gathers for a temporary table."""
    if conn.dialect.name == "sqlite":
        index.create(conn)
    else:
        assert isinstance(index.table, Table)
        columns = ", ".join(conn.dialect.identifier_preparer.quote(c.name) for c in index.columns)
        conn.exec_driver_sql(f"ANALYZE {conn.dialect.identifier_preparer.format_table(index.table)} ({columns})")


def ids_taken(conn: Connection, table: str) -> None:
    """Rows were added to `table` with ids chosen by the caller: PostgreSQL's id sequence moves past them."""
    if conn.dialect.name == "postgresql":
        conn.execute(
            text(f"SELECT setval(pg_get_serial_sequence(:t, 'id'), (SELECT max(id) FROM {table}))"), {"t": table}
        )


# SQLite's full-text index keys each comment by its feedback's case status, rating and id (revision 0010), so that the
# matches of one status and rating are a range of keys, which FTS5 reads alone: a search sorted by rating learns which
# ratings of a status hold matches without walking the rows of those that hold none. The statuses are numbered in
# the order of their names; the id takes the low ID_BITS bits.
ID_BITS = 40
_ID_MASK = (1 << ID_BITS) - 1
_KEYED_STATUSES = ("buyer_replied", "closed", "in_progress", "new", "resolved", "waiting_on_buyer")


def _status_number(status: str) -> int:
    return _KEYED_STATUSES.index(status) + 1 if status in _KEYED_STATUSES else len(_KEYED_STATUSES) + 1


def full_text_status_counts(conn: Connection, match: str) -> dict[str, int]:
    """How many comments match `match` (SQLite's FTS5 query) in each case status, read from the index's keys."""
    found = conn.exec_driver_sql(
        f"SELECT rowid >> {ID_BITS + 3} AS s, count(*) FROM feedback_fts WHERE feedback_fts MATCH ? GROUP BY s",
        (match,),
    )
    numbers = {_status_number(status): status for status in _KEYED_STATUSES}
    return {numbers[number]: n for number, n in found if number in numbers}


def full_text_key_range(status: str, rating: int) -> tuple[int, int]:
    """The first and last key of the full-text index's comments of feedback of this status and rating."""
    first = (_status_number(status) * 8 + rating) << ID_BITS
    return first, first + _ID_MASK


def index_new_comments(conn, known_before: int) -> None:
    """Add the comments of feedback rows with id > known_before to the full-text index. Feedback rows are
    only ever inserted by a report import, which calls this once per file: one statement is several times
    faster than an insert trigger firing row by row. In the order of their keys: FTS5 writes out what it holds
    whenever a key is lower than the last. (PostgreSQL's expression index needs no help.)"""
    if conn.dialect.name == "sqlite":
        statuses = " ".join(f"WHEN '{s}' THEN {_status_number(s)}" for s in _KEYED_STATUSES)
        key = f"((CASE case_status {statuses} ELSE {len(_KEYED_STATUSES) + 1} END) * 8 + rating) << {ID_BITS} | id"
        conn.exec_driver_sql(
            f"INSERT INTO feedback_fts(rowid, comment) SELECT {key} AS k, comment FROM feedback WHERE id > ? "
            "ORDER BY k",
            (known_before,),
        )


def _words(query: str) -> list[str]:
    """The query's words as the unicode61 tokenizer cuts them (an underscore separates words too), so that no
    word becomes a phrase, which an index without positions cannot match."""
    return re.findall(r"[^\W_]+", query.lower())


def _tsquery_terms(words: list[str]) -> str:
    """PostgreSQL's to_tsquery text of a search's words: all of them, the last as a prefix."""
    return " & ".join([*words[:-1], f"{words[-1]}:*"])


def comment_matches(dialect_name: str, feedback_id: ColumnElement, query: str):
    """A WHERE clause: the comment contains every word of `query` (prefix match on the last one,
    so results narrow as the agent types). Returns None when the query has no words. On PostgreSQL it is written
    over the comment column of `feedback_id`'s table (the index's expression on the feedback table itself), so that
    it can be read on the rows of a subquery too."""
    words = _words(query)
    if not words:
        return None
    if dialect_name == "sqlite":
        match = full_text_match(words)
        return feedback_id.in_(
            text(f"SELECT rowid & {_ID_MASK} FROM feedback_fts WHERE feedback_fts MATCH :fts_query").bindparams(
                fts_query=match
            )
        )
    terms = _tsquery_terms(words)
    simple: ColumnElement[str] = literal_column("'simple'")
    vector = func.to_tsvector(simple, feedback_id.table.c.comment)
    return vector.bool_op("@@")(func.to_tsquery(simple, bindparam("ts_query", terms, unique=True)))


def follow_restored_ids(conn: Connection, tables: Sequence[Table]) -> None:
    """After rows were written with their ids (a backup restored), the next id each table gives out follows the
    highest one. SQLite's integer keys do on their own; PostgreSQL's sequences are moved on."""
    if conn.dialect.name != "postgresql":
        return
    for table in tables:
        if "id" in table.c:  # the tables with a generated id
            conn.exec_driver_sql(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), MAX(id)) FROM {table.name} "
                "HAVING MAX(id) IS NOT NULL"
            )


def comment_match_ids(dialect_name: str, query: str, limit: int):
    """A statement giving the ids of up to `limit` feedback whose comment matches `query` (as `comment_matches`),
    read straight from the full-text index so that it stops after `limit`. None when the query has no words."""
    words = _words(query)
    if not words:
        return None
    if dialect_name == "sqlite":
        match = full_text_match(words)
        return text(
            f"SELECT rowid & {_ID_MASK} FROM feedback_fts WHERE feedback_fts MATCH :fts_query LIMIT {int(limit)}"
        ).bindparams(fts_query=match)
    terms = _tsquery_terms(words)
    return text(
        "SELECT id FROM feedback WHERE to_tsvector('simple', comment) @@ to_tsquery('simple', :ts_query) "
        f"LIMIT {int(limit)}"
    ).bindparams(ts_query=terms)


def full_text_match(words: list[str], last_terms: Sequence[str] | None = None) -> str:
    """An FTS5 query: every word (each quoted, so that FTS5 query syntax typed by the user is taken literally), the
    last as a prefix, or as any of `last_terms`, the words of the index it begins (FTS5 reads every comment of a
    prefix's words before any other, but seeks a word's comments of one key range)."""
    last = f'"{words[-1]}"*' if last_terms is None else "(" + " OR ".join(f'"{t}"' for t in last_terms) + ")"
    return " AND ".join([*(f'"{w}"' for w in words[:-1]), last])


def full_text_counts(conn: Connection, match: str, ranges: Sequence[tuple[int, int]], most: Sequence[int]) -> list[int]:
    """How many comments match `match` (SQLite's FTS5 query) with keys in each range, counted up to its `most`."""
    ranged = "SELECT 1 FROM feedback_fts WHERE feedback_fts MATCH ? AND rowid BETWEEN ? AND ? LIMIT ?"
    counts = ", ".join(f"(SELECT count(*) FROM ({ranged}))" for _ in ranges)
    values = tuple(v for (first, last), n in zip(ranges, most, strict=True) for v in (match, first, last, n))
    return list(conn.exec_driver_sql(f"SELECT {counts}", values).one())


def full_text_ids(conn: Connection, match: str, ranges: Sequence[tuple[int, int]]) -> list[int]:
    """The ids of the comments matching `match` (SQLite's FTS5 query) with keys in the ranges."""
    ranged = f"SELECT rowid & {_ID_MASK} FROM feedback_fts WHERE feedback_fts MATCH ? AND rowid BETWEEN ? AND ?"
    statement = " UNION ALL ".join(ranged for _ in ranges)
    return [found for (found,) in conn.exec_driver_sql(statement, tuple(v for r in ranges for v in (match, *r)))]


# PostgreSQL's index of each comment's words keyed by its feedback's case status and rating (revision 0011), each word
# behind the letter of its status and rating: a search's matches among the feedback of one status and rating are
# those of its words keyed so.
_RATED = "fbdesk_rated_words(case_status, rating, comment) @@ CAST(:q{n} AS tsquery)"
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
_QUOTED = re.compile(r"'((?:[^']|'')*)'(:\*)?")  # a word of a tsquery's text, '' for a quote in it; a prefix


def rating_key(status: str, rating: int) -> str:
    """The letter of a status and a rating (1 to 5; any other shares its status's letter for 0)."""
    number = _status_number(status) - 1
    return _LETTERS[number * 6 + (rating if 1 <= rating <= 5 else 0)]


def rated_query(conn: Connection, words: list[str]) -> str | None:
    """The tsquery of a search's words, as text, to search per status and rating; None when PostgreSQL made a phrase
    of a word (its parser cut it in two), which the keyed words, without positions, cannot match."""
    found: str = conn.execute(text("SELECT to_tsquery('simple', :t)::text"), {"t": _tsquery_terms(words)}).scalar_one()
    return None if "<" in found else found


def _keyed(query: str, status: str, rating: int) -> str:
    key = rating_key(status, rating)
    return _QUOTED.sub(lambda word: f"'{key}{word.group(1)}'{word.group(2) or ''}", query)


def _rated(query: str, keys: Sequence[tuple[str, int, tuple[int, bool] | None]]) -> tuple[list[str], dict[str, object]]:
    """Each key's condition (a status, a rating, and an id the matches lie beyond, below it if True), and their
    parameters: the query keyed by its letter, a constant to the planner, which finds its words in the index."""
    conditions: list[str] = []
    params: dict[str, object] = {}
    for n, (status, rating, beyond) in enumerate(keys):
        params[f"q{n}"] = _keyed(query, status, rating)
        condition = _RATED.format(n=n)
        if beyond is not None:
            params[f"a{n}"] = beyond[0]
            condition += f" AND id {'<' if beyond[1] else '>'} :a{n}"
        conditions.append(condition)
    return conditions, params


def rated_counts(
    conn: Connection, query: str, keys: Sequence[tuple[str, int, tuple[int, bool] | None]], most: Sequence[int]
) -> list[int | None]:
    """How many comments match `query` (a tsquery's text) among the feedback of each key (as `_rated` takes them),
    counted up to its `most`; None (not known) where one of its words is among at least that many comments by the
    planner's statistics: GIN reads all of a word's matches before the first (55 ms for a word in a third of a
    million comments). Its statistics hold the most common words (the planner's own figures for each of a few
    keys cost 1 ms of planning)."""
    conditions, params = _rated(query, keys)
    common = _common_words(conn)
    few = [n for n, limit in enumerate(most) if common.expected(str(params[f"q{n}"])) < limit]
    found: list[int | None] = [None] * len(keys)
    if few:
        params |= {f"n{n}": limit for n, limit in enumerate(most)}
        rows = "SELECT FROM feedback WHERE {} LIMIT :n{}"
        probes = ", ".join(f"(SELECT count(*) FROM ({rows.format(conditions[n], n)}) AS p)" for n in few)
        for n, count in zip(few, conn.execute(text("SELECT " + probes), params).one(), strict=True):
            found[n] = count
    return found


class _CommonWords(NamedTuple):
    """The keyed words ANALYZE found most common (sorted), the share of comments holding each, and the rows."""

    words: list[str]
    shares: list[float]
    rows: float

    def expected(self, query: str) -> float:
        """At most how many comments the planner's statistics say hold every word of the query (those it does not
        hold are rarer than any it does: none, as far as it knows); the last word may be a prefix."""
        fewest = math.inf
        for word, prefix in _QUOTED.findall(query):
            word = word.replace("''", "'")
            first = bisect.bisect_left(self.words, word)
            last = bisect.bisect_right(self.words, word + "\U0010ffff" if prefix else word)
            fewest = min(fewest, sum(self.shares[first:last]))
        return fewest * self.rows


def _common_words(conn: Connection) -> _CommonWords:
    found = conn.execute(
        text(
            "SELECT s.most_common_elems::text::text[], s.most_common_elem_freqs, c.reltuples "
            "FROM pg_stats s, pg_class c WHERE s.schemaname = current_schema() "
            "AND s.tablename = 'ix_feedback_rated_words' AND c.oid = 'feedback'::regclass"
        )
    ).first()
    if found is None or found[0] is None:  # not analysed yet
        return _CommonWords([], [], 0.0)
    ordered = sorted(zip(found[0], found[1], strict=False))  # the shares end with three more figures
    return _CommonWords([w for w, _ in ordered], [s for _, s in ordered], float(found[2]))


def rated_ids(conn: Connection, query: str, keys: Sequence[tuple[str, int, tuple[int, bool] | None]]) -> list[int]:
    """The ids of the feedback of each key whose comment matches `query` (as `rated_counts` takes them)."""
    conditions, params = _rated(query, keys)
    statement = " UNION ALL ".join(f"SELECT id FROM feedback WHERE {c}" for c in conditions)
    return list(conn.execute(text(statement), params).scalars())
