"""Words and phrases of the rule data, and the tagging of a normalised text with them.

A text is cut into tokens (words, numbers, punctuation) and sentences; each vocabulary class then marks the token
ranges where one of its terms occurs. Single words are found by dictionary look-up and phrases by their first word,
so tagging costs one pass over the tokens whatever the size of the vocabulary.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

TOKEN = re.compile(r"\d+|[^\W\d_]+(?:'[^\W\d_]+)?|[^\w\s]")
_SENTENCE_END = frozenset(".!?;")
_IGNORED = frozenset("'\"`")
NUMBER = "#"
JOINABLE_CLASSES = ("feedback", "change", "compensation", "leave")
ANY_WORD = "*"
# Prefixes a text may split off a word the rules know even when the rest is a word too: "re view", "up date".
SPLIT_PREFIXES = frozenset({"re", "up", "de", "un", "dis"})


def inflections(word: str) -> set[str]:
    """Regular English forms of a verb or noun: remove, removes, removed, removing, ..."""
    forms = {word, word + "s", word + "es"}
    if word.endswith("e"):
        forms |= {word + "d", word[:-1] + "ing", word[:-1] + "ion"}
    elif word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        forms |= {word[:-1] + "ies", word[:-1] + "ied", word + "ing"}
    else:
        forms |= {word + "ed", word + "ing"}
        if len(word) <= 4 and word[-1] not in "aeiouwxy" and word[-2] in "aeiou" and word[-3:-2] not in "aeiou":
            forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return forms


def split_term(term: str) -> tuple[str, ...]:
    """A term as the tokens the tagger will see ("% off" -> ("%", "off"), "1-star" -> ("1", "star"))."""
    return tuple(t for t in TOKEN.findall(term.lower()) if t not in _IGNORED and t != "-")


class Vocabulary:
    """The vocabulary classes of the rule data, indexed for tagging."""

    def __init__(self, classes: Mapping[str, Mapping]):
        self.names = frozenset(classes)
        self._words: dict[str, list[str]] = {}
        # phrases by their first two tokens (by the first alone when the second is a wildcard)
        self._pairs: dict[tuple[str, str], list[tuple[tuple[str, ...], str]]] = {}
        self._phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        self._excluded: dict[str, str] = {}  # exclusion class -> the class it trims
        lexicon: set[str] = set()
        for name, spec in classes.items():
            inflect = bool(spec.get("inflect", False))
            self._add_terms(name, spec.get("terms", ()), inflect, lexicon)
            if spec.get("exclude"):
                self._add_terms(name + "!", spec["exclude"], False, set())
                self._excluded[name + "!"] = name
        for entries in (*self._phrases.values(), *self._pairs.values()):
            entries.sort(key=lambda e: -len(e[0]))
        self.lexicon = frozenset(w for w in lexicon if w.isalpha())
        # words a text may split with a space to slip past the rules ("rem ove", "ref und")
        self._joinable = frozenset(w for name in JOINABLE_CLASSES if name in classes
                                   for term in classes[name].get("terms", ()) for w in self._forms(term, classes[name])
                                   if len(w) >= 5 and w.isalpha())
        # one look-up per token: word -> (classes of the word alone, phrases by next word, phrases with a wildcard)
        self._index: dict[str, tuple] = {}
        followers: dict[str, dict[str, list]] = {}
        for (head, second), entries in self._pairs.items():
            followers.setdefault(head, {})[second] = entries
        for word in set(self._words) | set(followers) | set(self._phrases):
            self._index[word] = (self._words.get(word), followers.get(word), self._phrases.get(word))

    @staticmethod
    def _forms(term: str, spec: Mapping) -> set[str]:
        tokens = split_term(term)
        if len(tokens) != 1:
            return set()
        return inflections(tokens[0]) if spec.get("inflect") else {tokens[0]}

    def _add_terms(self, name: str, terms: Iterable[str], inflect: bool, lexicon: set[str]) -> None:
        for term in terms:
            tokens = split_term(term)
            if not tokens:
                continue
            heads = inflections(tokens[0]) if inflect and tokens[0].isalpha() else {tokens[0]}
            lexicon.update(heads)
            lexicon.update(tokens[1:])
            for head in heads:
                if len(tokens) == 1:
                    self._words.setdefault(head, []).append(name)
                elif tokens[1] in (NUMBER, ANY_WORD):
                    self._phrases.setdefault(head, []).append((tokens[1:], name))
                else:
                    self._pairs.setdefault((head, tokens[1]), []).append((tokens[2:], name))

    def tag(self, text: str) -> Tagged:
        spans = [m.span() for m in TOKEN.finditer(text)]
        words = [text[a:b] for a, b in spans]
        if "'" in text or '"' in text or "`" in text or "-" in text:
            drop = {k for k, w in enumerate(words) if (w in _IGNORED or w == "-") and self._drop(w, spans, k, text)}
            if drop:
                spans = [sp for k, sp in enumerate(spans) if k not in drop]
                words = [w for k, w in enumerate(words) if k not in drop]
        words, spans = self._join_split_words(words, spans, text)
        starts = [a for a, _ in spans]
        ends = [b for _, b in spans]
        n = len(words)
        # sentence ends: after . ! ? ; (not inside "amazon.com" or "2.5") and at line breaks
        cuts = {k + 1 for k, w in enumerate(words)
                if w in _SENTENCE_END and (ends[k] >= len(text) or not text[ends[k]].isalnum())}
        if "\n" in text:
            nl = text.find("\n")
            while nl != -1:
                cuts.add(bisect_left(starts, nl))
                nl = text.find("\n", nl + 1)
        sentences: list[tuple[int, int]] = []
        sentence_of: list[int] = []
        first = 0
        for cut in sorted(cuts):
            if first < cut <= n:
                sentence_of.extend([len(sentences)] * (cut - first))
                sentences.append((first, cut))
                first = cut
        if first < n:
            sentence_of.extend([len(sentences)] * (n - first))
            sentences.append((first, n))
        return Tagged(text, words, starts, ends, sentence_of, sentences, self._occurrences(words))

    def _join_split_words(self, words: list[str], spans: list[tuple[int, int]], text: str):
        """Join two fragments a space apart when neither is a word the rules know and together they are one."""
        index = self._index
        joinable = self._joinable
        joins = [k for k in range(len(words) - 1)
                 if spans[k][1] + 1 == spans[k + 1][0] and words[k] + words[k + 1] in joinable
                 and (words[k] in SPLIT_PREFIXES or (words[k] not in index and words[k + 1] not in index))]
        if not joins:
            return words, spans
        words, spans = list(words), list(spans)
        for k in reversed(joins):
            if k + 1 < len(words):
                words[k:k + 2] = [words[k] + words[k + 1]]
                spans[k:k + 2] = [(spans[k][0], spans[k + 1][1])]
        return words, spans

    @staticmethod
    def _drop(word: str, spans: list[tuple[int, int]], k: int, text: str) -> bool:
        if word in _IGNORED:
            return True
        # "1-star", "e-mail": a hyphen inside a word joins, it does not separate
        return (word == "-" and k > 0 and spans[k - 1][1] == spans[k][0] and spans[k][1] < len(text)
                and text[spans[k][1]].isalnum())

    def _occurrences(self, words: list[str]) -> dict[str, list[tuple[int, int]]]:
        found: dict[str, list[tuple[int, int]]] = {}
        n = len(words)
        index = self._index
        for i, word in enumerate(words):
            entry = index.get(word)
            if entry is None and word.endswith("'s"):
                entry = index.get(word[:-2])
            if word.isdigit():
                entries = [e for e in (entry, index.get(NUMBER)) if e is not None]
            elif entry is None:
                continue
            else:
                entries = (entry,)
            for names, followers, wild in entries:
                if names:
                    for name in names:
                        found.setdefault(name, []).append((i, i + 1))
                if followers and i + 1 < n:
                    candidates = followers.get(words[i + 1])
                    if candidates:
                        for rest, name in candidates:
                            j = i + 2 + len(rest)
                            if j <= n and (not rest or _phrase_matches(rest, words, i + 2)):
                                found.setdefault(name, []).append((i, j))
                if wild:
                    for rest, name in wild:
                        j = i + 1 + len(rest)
                        if j <= n and _phrase_matches(rest, words, i + 1):
                            found.setdefault(name, []).append((i, j))
        for exclusion, name in self._excluded.items():
            cut = found.pop(exclusion, None)
            if cut and name in found:
                found[name] = [o for o in found[name] if not any(o[0] < e and e0 < o[1] for e0, e in cut)]
        return found


def _phrase_matches(rest: tuple[str, ...], words: list[str], at: int) -> bool:
    for k, want in enumerate(rest):
        got = words[at + k]
        if want == got or (want == ANY_WORD and got[0].isalnum()) or (want == NUMBER and got.isdigit()):
            continue
        return False
    return True


@dataclass(slots=True)
class Tagged:
    """A tokenised, sentence-split text and where each vocabulary class occurs in it (token ranges)."""

    text: str
    words: list[str]
    starts: list[int]
    ends: list[int]
    sentence_of: list[int]
    sentences: list[tuple[int, int]]
    found: dict[str, list[tuple[int, int]]]
    _at: dict[str, dict[int, int]] = field(default_factory=dict, init=False, repr=False)
    _starts: dict[str, list[int]] = field(default_factory=dict, init=False, repr=False)

    def occurrences(self, name: str) -> list[tuple[int, int]]:
        return self.found.get(name, [])

    def at(self, name: str) -> dict[int, int]:
        """Start token -> end token (the longest) of each occurrence of a class."""
        index = self._at.get(name)
        if index is None:
            index = {}
            for i, j in self.found.get(name, ()):
                if j > index.get(i, 0):
                    index[i] = j
            self._at[name] = index
        return index

    def within(self, name: str, first: int, last: int) -> list[tuple[int, int]]:
        """Occurrences of a class that start in tokens [first, last)."""
        found = self.found.get(name)
        if not found:
            return []
        starts = self._class_starts(name)
        return found[bisect_left(starts, first):bisect_left(starts, last)]

    def has(self, name: str, first: int, last: int) -> bool:
        """Does the class occur starting in tokens [first, last)?"""
        if name not in self.found:
            return False
        starts = self._class_starts(name)
        k = bisect_left(starts, first)
        return k < len(starts) and starts[k] < last

    def _class_starts(self, name: str) -> list[int]:
        starts = self._starts.get(name)
        if starts is None:
            starts = self._starts[name] = [o[0] for o in self.found[name]]
        return starts

    def is_word(self, i: int) -> bool:
        return self.words[i][0].isalnum()

    def char_span(self, first: int, last: int) -> tuple[int, int]:
        """Character span (in the tagged text) of tokens [first, last)."""
        return self.starts[first], self.ends[last - 1]
