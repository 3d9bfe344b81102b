"""A text in pieces: the composer lints the whole draft on every keystroke, and a keystroke changes one paragraph.

A text is cut at blank lines into pieces of at least MIN_PIECE characters (a run of short paragraphs is one piece).
Each piece is normalised, tagged and read for its languages on its own, and the readings of the pieces last linted
are kept, by their text, so that a lint reads anew only the piece that changed; the checks then read the pieces
joined. A piece ends a sentence, and no vocabulary term runs across two pieces. The readings are kept in bounded
caches (READINGS_KEPT pieces), invisible to the caller: the same text gives the same findings whatever was linted
before.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .hits import Hit
    from .lexicon import Tagged, Vocabulary
    from .normalise import TextView, View
    from .ruleset import RuleSet

MIN_PIECE = 100
READINGS_KEPT = 64
_PLACES_KEPT = 8  # places kept per piece (a text may repeat one)
# a blank line (a line break, then only spaces or tabs up to the next): the piece ends after its last line break
_BLANK_LINES = re.compile(r"\n(?:[ \t\r]*\n)+")


def pieces(text: str) -> list[tuple[int, int]]:
    """Where the pieces of a text start and end: each ends after a blank line, and holds at least MIN_PIECE
    characters (but the last)."""
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    if n >= 2 * MIN_PIECE:
        for m in _BLANK_LINES.finditer(text, MIN_PIECE):
            end = m.end()
            if end - start >= MIN_PIECE and n - end >= 1:
                spans.append((start, end))
                start = end
    spans.append((start, n))
    return spans


@dataclass(frozen=True, slots=True)
class Reading:
    """A piece as the checks read it: visible and folded (offsets into the piece) and tagged."""

    visible: View
    folded: View
    tagged: Tagged
    # its tokens renumbered (and its characters moved) for the places it last had in texts (a text may repeat a
    # piece): a keystroke in another piece seldom moves it
    _renumbered: dict[tuple[int, int], Renumbered] = field(default_factory=dict)
    _moved: dict[int, tuple[list[int], list[int]]] = field(default_factory=dict)
    # what a check found in it on its own (see hits.piece_by_piece), by the check and the kind of text
    found: dict[tuple[object, str], list[Hit]] = field(default_factory=dict)

    def renumbered(self, tokens: int, sentences: int) -> Renumbered:
        """Its sentences, sentence of each token and occurrences, after `tokens` tokens and `sentences` sentences."""
        key = (tokens, sentences)
        found = self._renumbered.get(key)
        if found is None:
            t, n, s = self.tagged, tokens, sentences
            found = (
                [x + s for x in t.sentence_of],
                [(a + n, b + n) for a, b in t.sentences],
                {name: [(a + n, b + n) for a, b in spans] for name, spans in t.found.items()},
            )
            if len(self._renumbered) >= _PLACES_KEPT:
                self._renumbered.clear()
            self._renumbered[key] = found
        return found

    def moved(self, at: int) -> tuple[list[int], list[int]]:
        """Where its tokens start and end, `at` characters into the text."""
        found = self._moved.get(at)
        if found is None:
            found = ([x + at for x in self.tagged.starts], [x + at for x in self.tagged.ends])
            if len(self._moved) >= _PLACES_KEPT:
                self._moved.clear()
            self._moved[at] = found
        return found


Renumbered = tuple[list[int], list[tuple[int, int]], dict[str, list[tuple[int, int]]]]


@dataclass(frozen=True, slots=True)
class Read:
    """The pieces of a text, read, and joined into one reading of the whole: a piece ends a sentence, and no term
    runs across pieces."""

    visible: TextView
    folded: TextView
    tagged: Tagged
    parts: tuple[Reading, ...]
    spans: list[tuple[int, int]]  # where each piece starts and ends in the text


_readings: OrderedDict[tuple[RuleSet, str], Reading] = OrderedDict()
_lock = threading.Lock()


def reading(rules: RuleSet, text: str) -> Reading:
    """The reading of one piece, kept for the next lint (the least recently used is dropped)."""
    key = (rules, text)
    with _lock:  # the composer may lint in more than one thread at once
        found = _readings.get(key)
        if found is not None:
            _readings.move_to_end(key)
            return found
    visible = rules.normaliser.visible(text)
    folded = rules.normaliser.folded(visible)
    found = Reading(visible, folded, rules.vocabulary.tag(folded.text))
    with _lock:
        _readings[key] = found
        if len(_readings) > READINGS_KEPT:
            _readings.popitem(last=False)
    return found


def read(rules: RuleSet, text: str) -> Read:
    """The whole text read piece by piece."""
    from .normalise import Joined

    places = pieces(text)
    parts = tuple(reading(rules, text[start:end]) for start, end in places)
    if len(parts) == 1:
        only = parts[0]
        return Read(only.visible, only.folded, only.tagged, parts, places)
    origins = [start for start, _ in places]
    visible = Joined([p.visible for p in parts], origins)
    folded = Joined([p.folded for p in parts], origins)
    # the pieces this text shares, from its start and from its end, with the text read last are taken as they were
    # joined then (those at the end moved as a whole: a keystroke changes one piece)
    last = _last[0] if _last else None
    kept = tail = 0
    if last is not None and last.rules is rules:
        for new, old in zip(parts, last.read.parts, strict=False):
            if new is not old:
                break
            kept += 1
        room = min(len(parts), len(last.read.parts)) - kept
        while tail < room and parts[-1 - tail] is last.read.parts[-1 - tail]:
            tail += 1
    joined = _Joining()
    if kept:
        assert last is not None
        joined.take(last, 0, kept)
    for part in parts[kept : len(parts) - tail]:
        joined.add(part)
    if tail:
        assert last is not None
        joined.take(last, len(last.read.parts) - tail, len(last.read.parts))
    tagged = joined.tagged(folded.text, parts[0].tagged.vocabulary)
    done = Read(visible, folded, tagged, parts, places)
    _last[:] = [Last(rules, done, joined.bounds)]
    return done


@dataclass(slots=True)
class _Joining:
    """The pieces of a text joined so far: their tokens, where those start and end, their sentences and where each
    class occurs; and after each piece, the tokens, sentences and characters so far."""

    words: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    sentence_of: list[int] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    occurrences: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    bounds: list[tuple[int, int, int]] = field(default_factory=list)
    at: int = 0  # characters so far

    def add(self, part: Reading) -> None:
        """A piece read on its own, renumbered to follow what is joined so far."""
        sentence_of, sentences, found = part.renumbered(len(self.words), len(self.sentences))
        starts, ends = part.moved(self.at)
        self.words += part.tagged.words
        self.starts += starts
        self.ends += ends
        self.sentence_of += sentence_of
        self.sentences += sentences
        self._occur(found, own=False)
        self.at += len(part.folded.text)
        self.bounds.append((len(self.words), len(self.sentences), self.at))

    def take(self, last: Last, first: int, end: int) -> None:
        """Pieces [first, end) of the text read last, as it joined them, moved to follow what is joined so far."""
        tokens, sentence_count, chars = last.bounds[first - 1] if first else (0, 0, 0)
        tokens_end, sentences_end, chars_end = last.bounds[end - 1]
        by_tokens, by_sentences = len(self.words) - tokens, len(self.sentences) - sentence_count
        by_chars = self.at - chars
        t = last.read.tagged
        self.words += t.words[tokens:tokens_end]
        self.starts += _moved(t.starts[tokens:tokens_end], by_chars)
        self.ends += _moved(t.ends[tokens:tokens_end], by_chars)
        self.sentence_of += _moved(t.sentence_of[tokens:tokens_end], by_sentences)
        self.sentences += _shifted(t.sentences[sentence_count:sentences_end], by_tokens)
        taken = {}
        for name, spans in t.found.items():
            if not spans or spans[-1][0] < tokens or spans[0][0] >= tokens_end:
                continue  # (sorted by start: none in the pieces taken, seen without a search)
            within = spans[bisect_left(spans, (tokens,)) : bisect_left(spans, (tokens_end,))]
            if within:
                taken[name] = _shifted(within, by_tokens)
        self._occur(taken, own=True)
        self.bounds += [(a + by_tokens, b + by_sentences, c + by_chars) for a, b, c in last.bounds[first:end]]
        self.at = chars_end + by_chars

    def _occur(self, found: dict[str, list[tuple[int, int]]], own: bool) -> None:
        """Add each class's occurrences (`own`: lists made for this text, which it may keep and grow)."""
        for name, spans in found.items():
            into = self.occurrences.get(name)
            if into is None:
                self.occurrences[name] = spans if own else list(spans)
            else:
                into += spans

    def tagged(self, text: str, vocabulary: Vocabulary) -> Tagged:
        from .lexicon import Tagged

        return Tagged(
            text, self.words, self.starts, self.ends, self.sentence_of, self.sentences, self.occurrences, vocabulary
        )


def _moved(numbers: list[int], by: int) -> list[int]:
    """Numbers (token or sentence indices, character offsets) moved `by` (a slice, the caller's own copy, is
    returned as it is when `by` is 0)."""
    return [x + by for x in numbers] if by else numbers


def _shifted(spans: list[tuple[int, int]], by: int) -> list[tuple[int, int]]:
    """Token spans moved `by` tokens (a slice, the caller's own copy, is returned as it is when `by` is 0)."""
    return [(a + by, b + by) for a, b in spans] if by else spans


@dataclass(frozen=True, slots=True)
class Last:
    """The text read last, joined: the rules it was read with, and after each piece the tokens, sentences and
    characters so far."""

    rules: RuleSet
    read: Read
    bounds: list[tuple[int, int, int]]


_last: list[Last] = []


def forget() -> None:
    """Drop every kept reading (a cold lint, as after start-up)."""
    with _lock:
        _readings.clear()
        _last.clear()
