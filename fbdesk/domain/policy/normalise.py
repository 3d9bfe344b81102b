"""Normalised views of a text that remember where each character came from.

A view is the text after one rewrite (for example "zero-width characters removed"); it can map any span of its own
text back to the span of the text it was made from, and so, view by view, to the original text the agent typed.
Rewrites are regex substitutions, so a text with nothing to rewrite costs one scan and shares the parent's text.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Protocol

# Bounds that keep every rewrite linear in the text: no word the rules know is longer or made of more pieces.
_MAX_PIECES = 12
_MAX_WORD = 40
_WORDS_KEPT = 20_000  # bound on the per-word caches
_RUN_OF_3 = re.compile(r"([a-z])\1{2,}")
_RUN_OF_2 = re.compile(r"([a-z])\1+")
# Punctuation that has a plain ASCII equivalent the rules are written with.
_PUNCTUATION = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u00b4": "'",
    "\u02bc": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u2033": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\u2010": "-",
    "\u2011": "-",
    "\u00a0": " ",
    "\u2026": "...",
}
_MODEL_NUMBER = re.compile(r"[a-z][0-9]{2,}")  # "Galaxy A55", "S10": a model, not "ass" or "sio"


@dataclass(frozen=True, slots=True)
class NormaliseWords:
    spaced_article: frozenset[str]  # "a g i f t" -> "a gift": a lone article in front of spaced-out letters


VOCABULARY: frozenset[str] = frozenset()  # no tagged class: the normaliser runs before tagging
WORD_SETS = (NormaliseWords,)


class View:
    """A text plus the map from its offsets to those of the text it was rewritten from."""

    __slots__ = ("_parent", "_same", "_source_ends", "_sources", "_starts", "text")

    def __init__(self, text: str, parent: View | None = None, pieces: list[tuple[int, int, int, bool]] | None = None):
        self.text = text
        self._parent = parent
        # pieces: (start here, start in parent, end in parent, one character for one: copied, or replaced one by one?)
        pieces = pieces or []
        self._starts = [p[0] for p in pieces]
        self._sources = [p[1] for p in pieces]
        self._source_ends = [p[2] for p in pieces]
        self._same = [p[3] for p in pieces]

    def with_text(self, text: str) -> View:
        """The same map over a text of the same length (one character for one, as ASCII lower-casing does)."""
        twin = View.__new__(View)
        twin.text = text
        for name in ("_parent", "_starts", "_sources", "_source_ends", "_same"):
            setattr(twin, name, getattr(self, name))
        return twin

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that [start, end) of this view was made from."""
        view: View | None = self
        while view is not None and view._parent is not None:
            start, end = view._parent_span(start, end)
            view = view._parent
        return start, end

    def _parent_span(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            i = max(bisect_right(self._starts, start) - 1, 0)
            pos = self._sources[i] + (start - self._starts[i]) if self._same[i] else self._sources[i]
            return pos, pos
        i = bisect_right(self._starts, start) - 1
        j = bisect_right(self._starts, end - 1) - 1
        new_start = self._sources[i] + (start - self._starts[i]) if self._same[i] else self._sources[i]
        new_end = self._sources[j] + (end - self._starts[j]) if self._same[j] else self._source_ends[j]
        return new_start, new_end


class TextView(Protocol):
    """What the checks read of a view: its text, and the span of the original text a span of it was made from."""

    @property
    def text(self) -> str: ...

    def original_span(self, start: int, end: int) -> tuple[int, int]: ...


class Joined:
    """The views of consecutive pieces of a text as one view: its text is theirs joined, and a span maps back through
    the view of the piece it lies in (a span across pieces: its start through the first piece, its end through the
    last, as a view maps the two ends of a span each on its own)."""

    __slots__ = ("_origins", "_starts", "_views", "text")

    def __init__(self, views: Sequence[TextView], origins: Sequence[int]):
        self.text = "".join(v.text for v in views)
        self._views = views
        self._starts = list(accumulate((len(v.text) for v in views[:-1]), initial=0))
        self._origins = origins  # where each piece starts in the original text

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        starts = self._starts
        k = bisect_right(starts, start) - 1
        view, at, origin = self._views[k], starts[k], self._origins[k]
        if end <= start or end - at <= len(view.text):
            a, b = view.original_span(start - at, end - at)
            return a + origin, b + origin
        j = bisect_right(starts, end - 1) - 1
        last, last_at = self._views[j], starts[j]
        a = view.original_span(start - at, start - at + 1)[0]
        b = last.original_span(end - 1 - last_at, end - last_at)[1]
        return a + origin, b + self._origins[j]


def rewrite(view: View, pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str]) -> View:
    """A view of `view` with every match of `pattern` replaced by `replace(match)`."""
    text = view.text
    pieces: list[tuple[int, int, int, bool]] = []
    out: list[str] = []
    last = 0
    here = 0
    for m in pattern.finditer(text):
        new = replace(m)
        start, end = m.span()
        if new == text[start:end]:
            continue
        if start > last:
            pieces.append((here, last, start, True))
            out.append(text[last:start])
            here += start - last
        if new:
            # replaced character for character (as full-width brackets in a run of Japanese text are): each maps to
            # its own, so a word in the run maps back to itself, not to the whole run
            pieces.append((here, start, end, len(new) == end - start))
            out.append(new)
            here += len(new)
        last = end
    if not out and last == 0:
        return view
    if last < len(text):
        pieces.append((here, last, len(text), True))
        out.append(text[last:])
    if not pieces:  # everything was deleted
        pieces.append((0, 0, len(text), False))
    return View("".join(out), view, pieces)


class Normaliser:
    """Builds the two views the checks read.

    visible(): NFKC, invisible characters dropped, typographic punctuation made ASCII; case and letters kept
        (links, email addresses, capitals and markup are read here).
    folded(visible): lower case, accents stripped, look-alike letters from other scripts folded to Latin,
        spaced-out words joined, chat shorthand spelt out ("ur" -> "your") and digits used as letters undone (the
        vocabulary is matched here).
    """

    _NON_ASCII = re.compile(r"[^\x00-\x7f]+")
    _SPACED = re.compile(r"(?<![^\W_])([^\W_])([ ._*\-~/|+,'\u00b7\u2022]{1,3})(?:[^\W_]\2){2,40}[^\W_](?![^\W_])")
    # Japanese writes no spaces inside words: spaces between kana or kanji, or middle dots between kana, disguise one
    # ("返 金", "ク・ー・ポ・ン"; a dot between kanji is a list: "更新・削除")
    _KANA_GAP = re.compile(
        r"(?<=[\u3041-\u30ff\u4e00-\u9fff])[ \u3000]+(?=[\u3041-\u30ff\u4e00-\u9fff])"
        r"|(?<=[\u3041-\u30ff])[ \u3000\u30fb]+(?=[\u3041-\u30ff])"
    )
    # cheap test for _SPACED: two lone letters between separators (it starts at a separator, which the regex engine
    # scans for quickly, where _SPACED must try every position)
    _SPACED_HINT = re.compile(
        r"[ ._*\-~/|+,'\u00b7\u2022][^\W_][ ._*\-~/|+,'\u00b7\u2022]{1,3}[^\W_][ ._*\-~/|+,'\u00b7\u2022]"
    )
    # the runs of word characters (and @ $ ') of an ASCII text, as str.split() sees them after this translation: a
    # shorthand word is one of them
    _RUNS = str.maketrans({chr(c): " " for c in range(128) if not (chr(c).isalnum() or chr(c) in "_@$'")})
    _STAR_MARK = re.compile(r"(?<=[0-9]) ?[*\u2605\u2606\u2b50](?![\w*])")
    _DIGIT_RUN = re.compile(r"[0-9@$]+")
    # cheap test for _BROKEN: a separator before a letter (an apostrophe joins only pieces of three letters or more,
    # so "don't" and "we'll" do not count)
    _LETTER_BREAK = re.compile(r"[-.*_/\u00b7\u2022][a-z]|'[a-z]{3}")
    # a word hyphenated across a line break ("vou-\ncher", "five-\nstar"): the line break goes, the hyphen stays
    _HYPHEN_BREAK = re.compile(r"(?<=[a-z])-[ \t]{0,3}\n[ \t]{0,3}(?=[a-z])")
    _LEET_WORD = re.compile(
        r"(?<![a-z0-9@$])(?=[a-z0-9@$]{0,40}[a-z])[a-z0-9@$]{0,40}[0-9@$][a-z0-9@$]{0,40}"
        r"(?![a-z0-9])"
    )
    # a word broken by hyphens or punctuation inside it: "re-view", "rev.iew", "feed_back"
    _BROKEN = re.compile(
        r"(?<![a-z\-.*_/'\u00b7\u2022])[a-z]{1,40}(?:[-.*_/'\u00b7\u2022][a-z]{1,40}){1,12}"
        r"(?![a-z\-*_/\u00b7\u2022])"
    )
    _BREAK = re.compile(r"([-.*_/'\u00b7\u2022])")
    _WORD = re.compile(r"(?<![a-z])[a-z]{3,40}(?![a-z])")
    _TRIPLE = re.compile(r"([a-z])\1\1")

    def __init__(
        self,
        homoglyphs: Mapping[str, str],
        digits_as_letters: Mapping[str, str],
        number_units: Iterable[str],
        invisible: Iterable[str],
        lexicon: frozenset[str],
        shorthand: Mapping[str, str],
        words: NormaliseWords,
    ):
        self._homoglyphs = {alike: letter for letter, alikes in homoglyphs.items() for alike in alikes}
        self._digits = dict(digits_as_letters)
        units = "|".join(sorted(map(re.escape, number_units), key=len, reverse=True))
        self._number_unit = re.compile(rf"\d+(?:{units})")
        self._invisible = frozenset(invisible)
        self._lexicon = lexicon
        self._articles = words.spaced_article
        self._shorthand = dict(shorthand)
        shorthand_words = "|".join(sorted(map(re.escape, self._shorthand), key=len, reverse=True))
        self._shorthand_word = re.compile(rf"(?<![\w@$'])(?:{shorthand_words})(?![\w@$'])") if self._shorthand else None
        self._visible_cache: dict[str, str] = {}
        self._squeezed: dict[str, str] = {}  # word -> the word with its repeated letters undone (words recur)
        self._folded_cache: dict[str, str] = {}

    def visible(self, text: str) -> View:
        root = View(text)
        if text.isascii():
            return root
        return rewrite(root, self._NON_ASCII, lambda m: "".join(map(self._visible_char, m.group())))

    def fold_text(self, text: str) -> str:
        """The folded form of a text, without the offset map."""
        return self.folded(self.visible(text)).text

    def folded(self, visible: View) -> View:
        view = visible
        if not view.text.isascii():
            view = rewrite(view, self._NON_ASCII, lambda m: "".join(map(self._folded_char, m.group())))
        lowered = view.text.lower()
        if len(lowered) == len(view.text):
            view = view.with_text(lowered)
        else:  # a letter whose lower case is longer: fold one character at a time
            view = rewrite(view, re.compile(r"[^\x00-\x7f]|[A-Z]+"), lambda m: m.group().lower())
        if self._SPACED_HINT.search(view.text):
            view = rewrite(view, self._SPACED, self._join_spaced)
        if not view.text.isascii() and self._KANA_GAP.search(view.text):  # "ク ー ポ ン", "ひょ・う・か", "返 金"
            view = rewrite(view, self._KANA_GAP, lambda m: "")
        if any(mark in view.text for mark in "*\u2605\u2606\u2b50") and self._STAR_MARK.search(view.text):
            # "1*", "5\u2605": a number of stars
            view = rewrite(view, self._STAR_MARK, lambda m: " star")
        if self._shorthand_word is not None and self._may_have_shorthand(view.text):  # "ur", "b4", "pls"
            view = rewrite(view, self._shorthand_word, lambda m: self._shorthand[m.group()])
        if self._letters_touch_digits(view.text):
            view = rewrite(view, self._LEET_WORD, self._undo_digits)
        if "-" in view.text and "\n" in view.text:
            view = rewrite(view, self._HYPHEN_BREAK, lambda m: "-")
        if self._LETTER_BREAK.search(view.text):
            view = rewrite(view, self._BROKEN, self._join_broken)
        if self._TRIPLE.search(view.text):
            view = rewrite(view, self._WORD, self._undo_repeats)
        return view

    def _may_have_shorthand(self, text: str) -> bool:
        if not text.isascii():
            return True
        return not self._shorthand.keys().isdisjoint(text.translate(self._RUNS).split())

    def _letters_touch_digits(self, text: str) -> bool:
        """A digit (or @, $) run next to a letter: "v0ucher", "feedb4ck", but also "2nd" (cheap pre-check)."""
        for m in self._DIGIT_RUN.finditer(text):
            start, end = m.span()
            if (start and text[start - 1].isalpha()) or (end < len(text) and text[end].isalpha()):
                return True
        return False

    def _visible_char(self, ch: str) -> str:
        cached = self._visible_cache.get(ch)
        if cached is None:
            if ch in self._invisible or unicodedata.category(ch) == "Cf":
                cached = ""
            else:
                cached = _PUNCTUATION.get(ch) or unicodedata.normalize("NFKC", ch)
                cached = "".join(_PUNCTUATION.get(c, c) for c in cached)
            self._visible_cache[ch] = cached
        return cached

    def _folded_char(self, ch: str) -> str:
        cached = self._folded_cache.get(ch)
        if cached is None:
            out = []
            if "\u3040" <= ch <= "\u30ff":  # kana keep their voicing marks: "が" is not "か"
                self._folded_cache[ch] = ch
                return ch
            for c in ch.casefold():
                if c in self._homoglyphs:
                    out.append(self._homoglyphs[c])
                    continue
                base = "".join(d for d in unicodedata.normalize("NFKD", c) if unicodedata.category(d)[0] != "M")
                out.append(self._homoglyphs.get(base, base).lower() if base else "")
            cached = "".join(out)
            self._folded_cache[ch] = cached
        return cached

    def fold_word(self, text: str) -> str:
        """A word or phrase of the rule data folded as text is (case, accents, look-alikes), to match it."""
        return "".join(map(self._folded_char, self.visible(text).text)).lower()

    def _join_spaced(self, m: re.Match[str]) -> str:
        """ "f e e d b a c k" -> "feedback"; "a g i f t" -> "a gift" (a lone article in front stays a word, and a
        one-letter word after it); "B e w e r t u n g l ö s c h e n" -> "Bewertung löschen" (two words the rules
        know, spaced alike)."""
        word = re.sub(r"[^\w]", "", m.group())
        if self._known(word):
            return word
        if word[0] in self._articles and self._known(word[1:]):
            return word[0] + " " + word[1:]
        if self._known(word[:-1]):  # "f e e d b a c k e riceverà": a one-letter word after it ("e", "y", "a")
            return word[:-1] + " " + word[-1]
        for k in range(3, len(word) - 2):
            if self._known(word[:k]) and self._known(word[k:]):
                return word[:k] + " " + word[k:]
        return word

    def _known(self, word: str) -> bool:
        return self.fold_word(word) in self._lexicon

    def _join_broken(self, m: re.Match[str]) -> str:
        """ "re-view", "rev.iew", "feed-back": pieces split by a hyphen or punctuation are joined when together they
        make a word the rules know ("amazon.co.uk" and "e.g" stay as they are)."""
        parts = self._BREAK.split(m.group())  # piece, separator, piece, ...
        pieces, seps = parts[0::2], parts[1::2]
        out: list[str] = []
        a = 0
        while a < len(pieces):
            # the longest run of pieces from here that makes a known word
            b = next(
                (
                    b
                    for b in range(min(len(pieces), a + _MAX_PIECES), a + 1, -1)
                    if len(joined := "".join(pieces[a:b])) >= 4
                    and joined in self._lexicon
                    and not any(seps[k] == "'" and min(len(pieces[k]), len(pieces[k + 1])) < 3 for k in range(a, b - 1))
                ),
                a + 1,
            )  # "we'll" is not "well"
            out.append("".join(pieces[a:b]))
            if b < len(pieces):
                out.append(seps[b - 1])
            a = b
        return "".join(out)

    def _undo_digits(self, m: re.Match[str]) -> str:
        word = m.group()
        if len(word) > _MAX_WORD or self._number_unit.fullmatch(word) or _MODEL_NUMBER.fullmatch(word):
            return word
        choices = [""]
        for ch in word:
            letters = self._digits.get(ch, ch) if not ch.isalpha() else ch
            if len(choices) * len(letters) > 16:
                letters = letters[0]
            choices = [c + letter for c in choices for letter in letters]
        for choice in choices:
            if choice in self._lexicon:
                return choice
        # "v0ucher": a digit between letters is a disguise even when the word is not one the rules know.
        if re.search(r"[a-z][0-9@$]+[a-z]", word):
            return choices[0]
        return word

    def _undo_repeats(self, m: re.Match[str]) -> str:
        """ "feeeedback" -> "feedback", "fuuuck" -> "fuck", when the squeezed word is one the rules know."""
        word = m.group()
        known = self._squeezed.get(word)
        if known is not None:
            return known
        found = word
        if self._TRIPLE.search(word):
            for squeezed in (_RUN_OF_3.sub(r"\1\1", word), _RUN_OF_3.sub(r"\1", word), _RUN_OF_2.sub(r"\1", word)):
                if squeezed in self._lexicon:
                    found = squeezed
                    break
        if len(self._squeezed) < _WORDS_KEPT:
            self._squeezed[word] = found
        return found
