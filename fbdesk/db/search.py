"""Searching the inbox: comment words (the full-text index), an order id or a buyer's email (an agent pastes one from an
email), in the two forms the inbox's pages need.

- `indexed`: found through the indexes, for a search that matches few feedback (its ids are read first) and for
  counts;
- `per_row`: checked on each row a page walks past, for a search that matches many, where reading every matching
  id would cost more than walking to a page of them. On SQLite the full-text index cannot check one row cheaply, so
  the comment is checked by `has_words`, which cuts words as the index's tokenizer does; PostgreSQL's check is the
  same expression its index holds.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, LargeBinary, and_, cast, func, literal, or_, select, text
from sqlalchemy.orm import Session

from fbdesk.db import dialect
from fbdesk.db.models import Feedback

F: Any = Feedback.__table__  # type: ignore[attr-defined]
ORDER_ID = re.compile(r"^\s*(\d{3}-\d{7}-\d{7})\s*$")
EMAIL = re.compile(r"^\s*(\S+@\S+\.\S+)\s*$")
_WORD = re.compile(r"[^\W_]+")
# A last word that begins more words of the full-text index than this is looked for as a prefix.
MOST_TERMS = 32


def _exact(words: str) -> list[ColumnElement[bool]]:
    """The order id or buyer's email the text is, if it is one."""
    found: list[ColumnElement[bool]] = []
    if match := ORDER_ID.match(words):
        found.append(F.c.order_id == match.group(1))
    if match := EMAIL.match(words):  # as its index holds it: in lower case
        found.append(func.lower(F.c.rater_email) == match.group(1).lower())
    return found


def _either(clauses: list[ColumnElement[bool]]) -> ColumnElement[bool] | None:
    if not clauses:
        return None
    return or_(*clauses) if len(clauses) > 1 else clauses[0]


def indexed(dialect_name: str, words: str) -> ColumnElement[bool] | None:
    """The feedback a search matches, through the indexes; None when it can match nothing. An order id or an email
    is looked up as such, not as comment words."""
    if exact := _exact(words):
        return _either(exact)
    comment = dialect.comment_matches(dialect_name, F.c.id, words)
    return _either([*_exact(words), *([] if comment is None else [comment])])


def per_row(session: Session, words: str) -> ColumnElement[bool] | None:
    """The same, checked on each row."""
    name = session.get_bind().dialect.name
    query = dialect._words(words)
    if not query or _exact(words):
        return indexed(name, words)
    if name != "sqlite":
        return _postgresql_per_row(words, query)
    raw = session.connection().connection.driver_connection
    assert raw is not None  # a live connection
    raw.create_function("fbdesk_has_words", 2, has_words, deterministic=True)
    folded = [_fold(w) for w in query]
    # A quick test in C first: an ASCII comment that does not hold each word's letters cannot match.
    ascii_holds = and_(*(func.instr(func.lower(F.c.comment), literal(w)) > 0 for w in folded))
    not_ascii = func.length(F.c.comment) != func.length(cast(F.c.comment, LargeBinary))
    comment = and_(or_(ascii_holds, not_ascii), func.fbdesk_has_words(F.c.comment, literal(" ".join(folded))) == 1)
    return _either([*_exact(words), comment])


def _postgresql_per_row(words: str, query: list[str]) -> ColumnElement[bool]:
    """The comment check on PostgreSQL, in a form its planner cannot take to the full-text index (coalesce), which
    it otherwise combined with a status's index and sorted tens of thousands of matches instead of walking to a page
    of them (470 ms); each ASCII word is first looked for in the comment (`_may_hold`), a test far cheaper than
    cutting the comment into words."""
    check = dialect.comment_matches("postgresql", F.c.id, words)
    assert check is not None  # the query has words
    return and_(*(_may_hold(w) for w in query if w.isascii()), func.coalesce(check, False))


# The letters that lower() makes ASCII letters (in every locale, as in Unicode's case mappings): İ (i, or i and a
# combining dot) and the Kelvin sign (k).
_LOWERED_TO_ASCII = (("i", "\u0130"), ("k", "\u212a"))


def _may_hold(word: str) -> ColumnElement[bool]:
    """Whether a comment may hold an ASCII word as the full-text index cuts it, never false when it does: a word of
    the index is a lower-cased piece of the comment, and so holds the word in the comment with its ASCII letters
    lower-cased, unless a letter lower-cased into one of the word's is not ASCII. Lower-casing only ASCII letters
    (the "C" collation's lower()) costs half of lower()'s in the database's locale."""
    ascii_lowered = func.lower(F.c.comment.collate("C"))
    lowered_into = [func.strpos(F.c.comment, literal(c)) > 0 for letter, c in _LOWERED_TO_ASCII if letter in word]
    return or_(func.strpos(ascii_lowered, literal(word)) > 0, *lowered_into)


def _most_comments(session: Session, words: list[str]) -> tuple[int, tuple[str, ...] | None]:
    """At most how many comments hold the words (the last as a prefix), and the words of the full-text index the last
    one begins (None if more than MOST_TERMS, or not known): on SQLite, from the index's vocabulary; on PostgreSQL,
    the fewest its planner expects for any one word (its statistics of the index's words are close for a single word,
    and a comment that holds them all holds each)."""
    if session.get_bind().dialect.name != "sqlite":
        return min(_expected_comments(session, word) for word in words), None
    counts, last_terms = [], None
    for n, word in enumerate(_fold(w) for w in words):
        if n == len(words) - 1:
            sql = "SELECT term, doc FROM feedback_fts_vocab WHERE term >= :w AND term < :w || char(1114111)"
            begun = session.execute(text(sql), {"w": word}).all()
            counts.append(sum(doc for _, doc in begun))
            last_terms = tuple(term for term, _ in begun) if len(begun) <= MOST_TERMS else None
        else:
            sql = "SELECT coalesce(sum(doc), 0) FROM feedback_fts_vocab WHERE term = :w"
            counts.append(int(session.execute(text(sql), {"w": word}).scalar_one()))
    return min(counts), last_terms


def _expected_comments(session: Session, word: str) -> int:
    """How many comments PostgreSQL's planner expects to start a word with `word` (no more than hold it)."""
    check = dialect.comment_matches("postgresql", F.c.id, word)
    compiled = select(literal(1)).select_from(F).where(check).compile(session.get_bind())
    plan = session.connection().exec_driver_sql(f"EXPLAIN (FORMAT JSON) {compiled}", compiled.params).scalar_one()
    return int(plan[0]["Plan"]["Plan Rows"])


class Matches(NamedTuple):
    """What a search matches: the ids of its feedback if at most the number asked for (else None), and on SQLite the
    words of the full-text index its last word begins (see `_most_comments`)."""

    ids: list[int] | None
    last_terms: tuple[str, ...] | None = None


def matching_ids(session: Session, words: str, most: int) -> Matches:
    """The ids of the feedback a search matches, if there are at most `most`. Reads at most `most` + 1 ids from the
    full-text index, and none when its vocabulary (SQLite) or the planner's statistics (PostgreSQL) say there are
    more: PostgreSQL reads the whole posting list of a word before the first id (150 ms for a word in 6% of a million
    comments)."""
    query = dialect._words(words)
    last_terms = None
    if query and not _exact(words):
        most_comments, last_terms = _most_comments(session, query)
        if most_comments > most:
            return Matches(None, last_terms)
    ids: set[int] = set()
    if (exact := _either(_exact(words))) is not None:
        ids.update(session.execute(select(F.c.id).where(exact)).scalars())
        return Matches(sorted(ids))
    comment = dialect.comment_match_ids(session.get_bind().dialect.name, words, most + 1)
    if comment is not None:
        ids.update(session.execute(comment).scalars())
    return Matches(None if len(ids) > most else sorted(ids), last_terms)


def status_counts(session: Session, words: str) -> dict[str, int] | None:
    """How many feedback a search of comment words matches in each case status, on SQLite, from the full-text index
    alone (its keys hold the status); None elsewhere, and for an order id or an email."""
    query = dialect._words(words)
    if session.get_bind().dialect.name != "sqlite" or not query or _exact(words):
        return None
    return dialect.full_text_status_counts(session.connection(), _folded_match(words))


class RatingSearch(NamedTuple):
    """A search of comment words read per case status and rating. On SQLite each is a range of the full-text index's
    keys (fbdesk.db.dialect.full_text_key_range), which FTS5 seeks in each word's comments; on PostgreSQL, the words
    keyed by the status and rating in their own index (fbdesk.db.dialect.rated_counts)."""

    match: str  # the FTS5 query, the last word as the words of the index it begins; or the tsquery's text
    postgresql: bool = False

    def counts(
        self, session: Session, most: dict[tuple[str, int], int], after: tuple[int, int, bool] | None = None
    ) -> dict[tuple[str, int], int | None]:
        """How many feedback it matches per status and rating, if fewer than `most` there (else None), in one
        statement (two on PostgreSQL, whose planner expects many matches in some: those are left out, not known);
        `after` (a rating, an id, whether the walk goes down): in that rating, only beyond the id."""
        if not most:
            return {}
        if self.postgresql:
            keys = [(status, rating, _beyond(rating, after)) for status, rating in most]
            found = dialect.rated_counts(session.connection(), self.match, keys, list(most.values()))
        else:
            ranges = [self._range(*key, after) for key in most]
            found = list(dialect.full_text_counts(session.connection(), self.match, ranges, list(most.values())))
        return {key: None if n >= most[key] else n for key, n in zip(most, found, strict=True) if n is not None}

    def ids(
        self, session: Session, status: str, ratings: Sequence[int], after: tuple[int, int, bool] | None = None
    ) -> list[int]:
        if self.postgresql:
            keys = [(status, rating, _beyond(rating, after)) for rating in ratings]
            return dialect.rated_ids(session.connection(), self.match, keys)
        ranges = [self._range(status, rating, after) for rating in ratings]
        return dialect.full_text_ids(session.connection(), self.match, ranges)

    @staticmethod
    def _range(status: str, rating: int, after: tuple[int, int, bool] | None) -> tuple[int, int]:
        first, last = dialect.full_text_key_range(status, rating)
        if (beyond := _beyond(rating, after)) is not None:  # a key is its range's first plus the id
            found, descending = beyond
            return (first, first + found - 1) if descending else (first + found + 1, last)
        return first, last


def _beyond(rating: int, after: tuple[int, int, bool] | None) -> tuple[int, bool] | None:
    """In the rating of the row a page follows, the row's id and whether the matches lie below it."""
    return (after[1], after[2]) if after is not None and after[0] == rating else None


def by_rating(session: Session, words: str, last_terms: tuple[str, ...] | None) -> RatingSearch | None:
    """A search of comment words to read per status and rating, if it can be: on SQLite, its last word looked for as
    the words it begins (`last_terms`; a prefix FTS5 would read whole); on PostgreSQL, unless a word is a phrase."""
    if session.get_bind().dialect.name == "sqlite":
        return None if last_terms is None else RatingSearch(_folded_match(words, last_terms))
    query = dialect.rated_query(session.connection(), dialect._words(words))
    return None if query is None else RatingSearch(query, postgresql=True)


def _folded_match(words: str, last_terms: tuple[str, ...] | None = None) -> str:
    """The FTS5 query of a search's words, folded as the index's vocabulary holds them."""
    return dialect.full_text_match([_fold(w) for w in dialect._words(words)], last_terms)


def has_words(comment: str | None, query: str) -> int:
    """1 if the comment holds every word of the query (the last as a prefix), words cut as the full-text index's
    tokenizer cuts them (unicode61, diacritics removed); else 0."""
    if not comment:
        return 0
    *whole, last = query.split(" ")
    words = _tokens(comment)
    return int(all(w in words for w in whole) and any(w.startswith(last) for w in words))


@lru_cache(maxsize=4096)
def _tokens(comment: str) -> frozenset[str]:
    return frozenset(_WORD.findall(_fold(comment)))


def _fold(text: str) -> str:
    """Lower case without diacritics, as the tokenizer (remove_diacritics) reads text."""
    text = text.lower()
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
