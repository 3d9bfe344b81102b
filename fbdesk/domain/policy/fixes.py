"""Fixes that leave a sentence a person would send.

A fix replaces the span of its finding. Deleting only the offending words can leave a hole: "Please call us on  so we
can help.", "(see )", "about order the order". So before a finding is reported, the span of a fix is widened to take
what the fix leaves behind with it: the brackets around a removed link, the whole sentence when a word before the
removed words needed them ("call us on", "visit", "write to"), the label a replacement repeats ("order" before an
order id replaced by "the order"), or the space next to a removed word. Every scan here is bounded (a few dozen
characters, or a binary search in the sentence ends), so settling the fixes of many findings stays linear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .hits import Hit, Sentences

VOCABULARY: frozenset[str] = frozenset()
_LOOK = 40  # how far a fix looks around its span for brackets and the word before it
_OPEN = re.compile(r"([(\[{])[ \t]*(?:([^\W\d_]+)[ \t]*:?[ \t]+)?\Z")  # "(" or "(see " before the span
_CLOSE = re.compile(r"[ \t]*[,;:]?[ \t]*([)\]}])")
_PAIRS = {"(": ")", "[": "]", "{": "}"}
_WORD_BEFORE = re.compile(r"([^\W\d_]+)[ \t]*:?[ \t]*\Z")  # the word just before the span (with a colon: "call:")
_AFTER_REMOVED = " \t\n.,;:!?)]}"  # what may follow a removed word without its space before
_SENTENCE_START = re.compile(r"(?:[.!?]|\n)[ \t]*\Z")
_TRAILING = ".,;:!?)]}\"'"
_LEADING = "([{\"'"


@dataclass(frozen=True, slots=True)
class FixWords:
    needs_object: frozenset[str]  # "call us on ...", "visit ...": a word the removed words complete (any case)
    id_label: frozenset[str]  # "order number 123-...": words between a noun and the id it labels
    greeting: frozenset[str]  # "Dear Jane": a greeting whose name is removed goes with it


WORD_SETS = (FixWords,)


def whole_sentences(sentences: Sentences, hits: list[Hit]) -> list[Hit]:
    """Each hit widened to the sentence it is in, naming what it found as {detail}; one per rule and sentence (a
    stock phrase and a sales pitch in one sentence are one finding)."""
    text = sentences.text
    out: list[Hit] = []
    seen: set[tuple[str, int, int]] = set()
    for hit in hits:
        start, end = sentences.around(hit.start, hit.end)
        if (hit.rule, start, end) in seen:
            continue
        seen.add((hit.rule, start, end))
        values = {**hit.values, "detail": text[hit.start : hit.end]}
        out.append(Hit(hit.rule, start, end, variant=hit.variant, fix=hit.fix, ground=hit.ground, values=values))
    return out


class Fixer:
    """Settles the span of each fix (the word sets it reads compiled once)."""

    def __init__(self, words: FixWords):
        self._needs_object = words.needs_object
        self._greeting = frozenset(w.lower() for w in words.greeting)
        labels = "|".join(sorted(map(re.escape, words.id_label), key=len, reverse=True))
        self._label = rf"[ \t#:.]*(?:(?:{labels})(?![^\W_])[ \t#:.]*)?\Z"
        self._labelled: dict[str, re.Pattern[str]] = {}

    def settle(self, sentences: Sentences, start: int, end: int, fix: str, deletes: str | None) -> tuple[int, int, str]:
        """The span a fix should replace, and what with, so that the text left is a sentence. `deletes` (a rule's
        fix_deletes): "token" takes the whole run of non-space characters the span is in ("www.shop[.]co.in", not
        a piece of it); "mark" deletes a mark that says nothing (markup, emoji), so that only a space goes too."""
        text = sentences.text
        if fix:
            return self._absorb_label(text, start, fix), end, fix
        if sentences.around(start, end) == (start, end):
            return start, end, fix  # a whole sentence already
        if deletes == "mark":
            if start == 0 or text[start - 1] == "\n":
                return _opening_removed(text, start, end)
            return (*_with_one_space(text, start, end), "")
        if deletes == "token":
            start, end = _whole_token(text, start, end)
        before = text[max(0, start - _LOOK) : start]
        after = text[end : end + _LOOK]
        opened, closed = _OPEN.search(before), _CLOSE.match(after)
        if opened and closed and _PAIRS[opened.group(1)] == closed.group(1):
            lead = opened.group(2)
            if lead is None or lead.lower() in self._needs_object:  # "(see https://...)": the brackets go too
                return (*_with_one_space(text, start - (len(before) - opened.start()), end + closed.end()), "")
        word = _WORD_BEFORE.search(before)
        if word and word.group(1).lower() in self._needs_object:
            return (*sentences.around(start, end), "")  # "call us on ...": the sentence cannot stand without it
        if word and word.group(1).lower() in self._greeting:  # "Dear Jane Doe, thanks": the greeting goes too
            start -= len(before) - word.start(1)
            before = before[: word.start(1)]
        if start == 0 or _SENTENCE_START.search(before):
            return _opening_removed(text, start, end)
        return (*_with_one_space(text, start, end), "")

    def _absorb_label(self, text: str, start: int, fix: str) -> int:
        """ "order 111-2034871-5512093" replaced by "the order": the word "order" (and "number", "#") goes too."""
        last = fix.split()[-1] if fix.strip() else ""
        if not last.isalpha():
            return start
        pattern = self._labelled.get(last)
        if pattern is None:
            pattern = self._labelled[last] = re.compile(rf"(?i)(?<![^\W_]){re.escape(last)}" + self._label)
        before = text[max(0, start - _LOOK) : start]
        m = pattern.search(before)
        return start - (len(before) - m.start()) if m else start


def _whole_token(text: str, start: int, end: int) -> tuple[int, int]:
    """A span glued to other non-space characters widened to the run of them (when that run is short)."""
    s = start
    while s > max(0, start - _LOOK) and not text[s - 1].isspace():
        s -= 1
    e = end
    while e < min(len(text), end + _LOOK) and not text[e].isspace():
        e += 1
    if (s and not text[s - 1].isspace()) or (e < len(text) and not text[e].isspace()):
        return start, end  # longer than a glance: leave it as it is
    while e > end and text[e - 1] in _TRAILING:
        e -= 1  # "visit shop[.]co.in." keeps its full stop
    while s < start and text[s] in _LEADING:
        s += 1
    return s, e


def _opening_removed(text: str, start: int, end: int) -> tuple[int, int, str]:
    """Words removed from the start of a sentence take the comma and space after them, and the next word starts
    with a capital: "Jane Doe, we refunded ..." -> "We refunded ..."."""
    e = end
    while e < len(text) and text[e] in ",;:":
        e += 1
    while e < len(text) and text[e] in " \t":
        e += 1
    if e < len(text) and text[e].islower():
        return start, e + 1, text[e].upper()
    return start, e, ""


def _with_one_space(text: str, start: int, end: int) -> tuple[int, int]:
    """A removed word takes one space with it: the one after it ("order 😀 has"), else the one before it when
    punctuation follows ("Hi Jane, ...")."""
    if end < len(text) and text[end] in " \t" and (start == 0 or text[start - 1] in " \t\n"):
        return start, end + 1
    if start > 0 and text[start - 1] in " \t" and (end == len(text) or text[end] in _AFTER_REMOVED):
        return start - 1, end
    return start, end
