"""What a check reads (the text in all its views) and what it reports: a raw finding, before the engine dresses it
with wording, line and column."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .lexicon import Tagged
from .model import LintContext
from .normalise import TextView

if TYPE_CHECKING:
    from .languages import Languages
    from .paragraphs import Reading
    from .ruleset import RuleSet

SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n")
_SPACES = re.compile(r"\s*")
_ENDS_KEPT = 64  # pieces whose sentence ends are kept
_kept_ends: dict[str, list[int]] = {}
RULE_FIX = "\0rule-fix"  # the fix the rule data gives (a check may override it with text or None)


@dataclass(frozen=True, slots=True)
class Hit:
    rule: str
    start: int  # offsets into the original text
    end: int
    variant: str | None = None
    fix: str | None = RULE_FIX
    ground: str | None = None
    values: dict[str, object] = field(default_factory=dict)

    def moved(self, by: int) -> Hit:
        """The hit `by` characters further on (found in a piece, placed in the text)."""
        return Hit(self.rule, self.start + by, self.end + by, self.variant, self.fix, self.ground, self.values)


class Sentences:
    """Where the sentences of a text end, found once when a fix first asks: piece by piece when the text was read in
    pieces (paragraphs.py: each piece ends in a line break, which ends a sentence), each piece's kept by its text."""

    def __init__(self, text: str, pieces: list[tuple[int, int]] | None = None):
        self.text = text
        self._pieces = pieces
        self._ends: list[int] | None = None

    @property
    def ends(self) -> list[int]:
        if self._ends is None:
            if self._pieces is None or len(self._pieces) < 2:
                self._ends = _ends_in(self.text)
            else:
                self._ends = []
                for start, end in self._pieces:
                    self._ends += [e + start for e in _piece_ends(self.text[start:end])]
        return self._ends

    def around(self, start: int, end: int) -> tuple[int, int]:
        """The sentence (or sentences) that [start, end) is in, with the space before the next sentence, and a line
        of its own with its line break, so that deleting it leaves neither a double space nor an empty line."""
        text, ends = self.text, self.ends
        k = bisect_right(ends, start)
        s = ends[k - 1] if k else 0
        j = bisect_left(ends, end)
        e = ends[j] if j < len(ends) else len(text)
        s = min(_SPACES.match(text, s, start).end(), start)  # type: ignore[union-attr]  # \s* always matches
        if e > end and text[e - 1] == "\n":
            e = max(end, end + len(text[end:e].rstrip("\n")))
        if e < len(text) and (text[e] == " " or (text[e] == "\n" and (s == 0 or text[s - 1] == "\n"))):
            e += 1  # the space before the next sentence goes with it, and a line of its own with its line break
        elif (e == len(text) or text[e] == "\n") and s > 0 and text[s - 1] == " ":
            s -= 1  # the last sentence of a line takes the space before it
        return s, e


def _ends_in(text: str) -> list[int]:
    return [m.end() for m in SENTENCE_END.finditer(text)]


def _piece_ends(text: str) -> list[int]:
    found = _kept_ends.get(text)
    if found is None:
        found = _ends_in(text)
        if len(_kept_ends) >= _ENDS_KEPT:
            _kept_ends.clear()
        _kept_ends[text] = found
    return found


def forget() -> None:
    """Drop the sentence ends kept by piece."""
    _kept_ends.clear()


@dataclass(frozen=True, slots=True)
class Document:
    """A text as the checks read it: as typed, visible (NFKC, invisible characters gone, case kept), folded (the
    vocabulary's view) and tagged, with the context it is written in and the compiled rules. `text` is the checked
    part of what was typed (its first `limits.checked_chars` characters); `length` is the length of all of it."""

    text: str
    visible: TextView
    folded: TextView
    tagged: Tagged
    context: LintContext
    rules: RuleSet
    length: int
    sentences: Sentences  # where the sentences of `text` end, for findings that span their sentence
    languages: Languages | None = None  # the languages of its sentences (languages.py)
    # the pieces it was read in (paragraphs.py), when more than one, and where each starts in `text`
    parts: tuple[Reading, ...] = ()
    origins: tuple[int, ...] = ()
    # The sentences the rules read as the one removal notice allowed, and those that report another's offer or ask
    # to take it back (conduct.py fills them): the learned judge leaves them to the rules, whose reading of them is
    # exact where their n-grams read like an ask.
    allowed_notices: set[int] = field(default_factory=set)
    disavowed: set[int] = field(default_factory=set)
    # The sentences that ask something of the feedback, or offer something beside a mention of it: a bargain said
    # outright, which the judges' doubt never lets through (engine._doubted).
    bargains: set[int] = field(default_factory=set)
    quoted: set[int] = field(default_factory=set)  # the tokens of another's words quoted: the judge leaves them out
    # The sentences that ask for feedback whatever it says ("whatever your experience", "qu'elle soit positive ou
    # non"), with that said in them or just after: the rules read such a request exactly, the judges as a plea.
    neutral_requests: set[int] = field(default_factory=set)

    @property
    def pieces(self) -> tuple[Tagged, ...]:
        """`tagged` in the pieces it was joined from, when more than one."""
        return tuple(part.tagged for part in self.parts)

    @property
    def ruled_sentences(self) -> set[int]:
        """The sentences the learned judge leaves to the rules."""
        return self.allowed_notices | self.disavowed | self.neutral_requests


Check = Callable[[Document], list[Hit]]
Scan = Callable[["RuleSet", str, TextView, TextView, Tagged], list[Hit]]


def piece_by_piece(doc: Document, scan: Scan) -> list[Hit]:
    """What `scan` (rules, kind of text, visible, folded, tagged) finds in the text, run on each piece on its own and
    kept with the piece for the next lint (a keystroke changes one piece): for scans whose findings lie within a
    paragraph, as contact details and shouting do (a blank line ends them)."""
    kind = doc.context.kind
    if not doc.parts:
        return scan(doc.rules, kind, doc.visible, doc.folded, doc.tagged)
    hits: list[Hit] = []
    for part, origin in zip(doc.parts, doc.origins, strict=True):
        found = part.found.get((scan, kind))
        if found is None:
            found = part.found[(scan, kind)] = scan(doc.rules, kind, part.visible, part.folded, part.tagged)
        hits += [h.moved(origin) for h in found] if origin else found
    return hits
