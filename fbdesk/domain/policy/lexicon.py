"""Words and phrases of the rule data, and the tagging of a normalised text with them.

A text is cut into tokens (words, numbers, punctuation) and sentences; each vocabulary class then marks the token
ranges where one of its terms occurs. Single words are found by dictionary look-up and phrases by their first word,
so tagging costs one pass over the tokens whatever the size of the vocabulary.

A class is either tagged (`terms`) or a word set (`words`) that the checks compare single tokens with. A check reads
word sets through a dataclass whose fields are named after the classes (`word_sets`), and tagged classes by name; an
unknown name raises VocabularyError rather than matching nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from functools import lru_cache
from itertools import accumulate, compress, repeat
from typing import TYPE_CHECKING, Any, TypeVar, cast

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

    from .morphology import Morphology

TOKEN = re.compile(r"\d+|[^\W\d_]+(?:'[^\W\d_]+)?|[^\w\s]")
# The tokens the tagger sees, as the separators of re.split (so that the pieces add up to the text and offsets are
# sums of lengths): quotes are dropped, and so is a hyphen inside a word ("1-star", "e-mail": it joins, it does not
# separate). An ASCII text, the usual case, takes the faster pattern with the same tokens.
_GLUED_HYPHEN = r"(?!(?<=[^\s_])-(?=[^\W_]))"
_SPLIT = re.compile(r"(\d+|[^\W\d_]+(?:'[^\W\d_]+)?|" + _GLUED_HYPHEN + r"[^\w\s'\"`])")
_SPLIT_ASCII = re.compile(r"([A-Za-z]+(?:'[A-Za-z]+)?|\d+|" + _GLUED_HYPHEN + r"[^\w\s'\"`])")
_SENTENCE_END = frozenset(".!?;\u3002")
_CJK = "\u3000"  # a sentence mark before a letter from here on ends a sentence ("。次", "!次"); "2.5" does not
# (and "。" ends one whatever follows it: "できません。Amazonの...")
_WRAPPED_LINE = 2  # tokens a line needs before its break can be a wrap inside a sentence
# A Japanese polite ending before "、" ends a sentence spliced with a comma, as some write whole letters ("ございます、
# パズルの森の佐藤でございます、レビューで…"): read as one sentence, every word of the letter would be near every other.
_SPLICED_ENDINGS = ("ます", "ました", "ません", "です", "でした", "ください", "しょうか", "ましょう")
_IGNORED = frozenset("'\"`")
NUMBER = "#"
ANY_WORD = "*"
# The vocabulary as a trie over tokens: a node is (the classes whose terms end here, the nodes after it by next token).
# NUMBER and ANY_WORD label edges that any number or any word may take.
Node = tuple[list[str], dict[str, "Node"]]
W = TypeVar("W", bound="DataclassInstance")


class VocabularyError(ValueError):
    """Rule data that does not fit the checks: a class they read is missing, of the wrong kind, or malformed."""


def class_name(field_name: str) -> str:
    """The vocabulary class a word-set field stands for: `after_pronoun` -> "after-pronoun"."""
    return field_name.replace("_", "-")


def word_set_names(cls: type[DataclassInstance]) -> frozenset[str]:
    """The word-set classes a word-set dataclass reads."""
    return frozenset(class_name(f.name) for f in fields(cls))


@dataclass(frozen=True, slots=True)
class LexiconWords:
    split_prefix: frozenset[str]  # "re view", "up date": split off a word the rules know even when the rest is a word


VOCABULARY: frozenset[str] = frozenset()  # the tagger reads no class by name (joinable ones are marked in the data)
WORD_SETS = (LexiconWords,)


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


@lru_cache(maxsize=1 << 16)  # a rule set of several languages splits every term of each again
def split_term(term: str) -> tuple[str, ...]:
    """A term as the tokens the tagger will see ("% off" -> ("%", "off"), "1-star" -> ("1", "star"))."""
    return tuple(t for t in TOKEN.findall(term.lower()) if t not in _IGNORED and t != "-")


class Vocabulary:
    """The vocabulary classes of the rule data, indexed for tagging."""

    def __init__(self, classes: Mapping[str, Mapping[str, Any]]):
        tagged = {name: spec for name, spec in classes.items() if "terms" in spec}
        self.tagged_names = frozenset(tagged)
        self._word_sets = {name: frozenset(spec["words"]) for name, spec in classes.items() if "words" in spec}
        self._masked = {name: tuple(spec.get("masked", ())) for name, spec in tagged.items()}
        self._bundles: dict[type, object] = {}
        self._trie: dict[str, Node] = {}  # terms by their first token
        self._excluded: dict[str, str] = {}  # exclusion class -> the class it trims
        self.morphology: Morphology | None = None  # patterns and Japanese terms of other languages (morphology.py)
        lexicon: set[str] = set()
        for name, spec in tagged.items():
            inflect = bool(spec.get("inflect", False))
            self._add_terms(name, spec["terms"], inflect, lexicon)
            if spec.get("exclude"):
                self._add_terms(name + "!", spec["exclude"], False, set())
                self._excluded[name + "!"] = name
        self.lexicon = frozenset(w for w in lexicon if w.isalpha())
        # words a text may split with a space to slip past the rules ("rem ove", "ref und")
        self._joinable = frozenset(
            w
            for spec in tagged.values()
            if spec.get("joinable")
            for term in spec["terms"]
            for w in self._forms(term, spec)
            if len(w) >= 5 and w.isalpha()
        )
        self._split_prefixes = self.word_sets(LexiconWords).split_prefix
        # the nodes with an edge any word or number may take (ids: a node is a tuple of lists)
        self._wild = frozenset(id(node) for node in _nodes(self._trie) if ANY_WORD in node[1] or NUMBER in node[1])
        # first fragments of a split word ("rem" of "rem ove"): the only tokens worth trying to join
        self._join_heads = frozenset(w[:k] for w in self._joinable for k in range(1, len(w)))

    def masked(self, name: str) -> tuple[str, ...]:
        """The regular expressions for masked forms of a class ("f***" for profanity)."""
        if name not in self._masked:
            raise VocabularyError(f"no tagged vocabulary class {name!r}")
        return self._masked[name]

    def word_set(self, name: str) -> frozenset[str]:
        found = self._word_sets.get(name)
        if found is None:
            raise VocabularyError(f"no word set {name!r} in the vocabulary")
        return found

    def word_sets(self, cls: type[W]) -> W:
        """The word sets a check reads, as an instance of its dataclass (built once per vocabulary)."""
        bundle = self._bundles.get(cls)
        if bundle is None:
            bundle = self._bundles[cls] = cls(**{f.name: self.word_set(class_name(f.name)) for f in fields(cls)})
        return cast(W, bundle)  # keyed by its own class

    @staticmethod
    def _forms(term: str, spec: Mapping[str, Any]) -> set[str]:
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
                node = self._trie.setdefault(head, ([], {}))
                for token in tokens[1:]:
                    node = node[1].setdefault(token, ([], {}))
                if name not in node[0]:
                    node[0].append(name)

    def tag(self, text: str) -> Tagged:
        pieces = (_SPLIT_ASCII if text.isascii() else _SPLIT).split(text)  # gap, token, gap, token, ..., gap
        japanese: list[tuple[str, int, int]] = []
        if self.morphology is not None and not text.isascii():
            pieces, japanese = self.morphology.resplit(pieces)
        offsets = list(accumulate(map(len, pieces), initial=0))
        words, starts, ends = self._join_split_words(pieces[1::2], offsets[1:-1:2], offsets[2::2])
        n = len(words)
        # sentence ends: after . ! ? ; (not inside "amazon.com" or "2.5", and after the last of a run: "...", "?!")
        # and at line breaks
        cuts = {
            k + 1
            for k in compress(range(n), map(_SENTENCE_END.__contains__, words))
            if (ends[k] >= len(text) or not text[ends[k]].isalnum() or text[ends[k]] >= _CJK or words[k] == "\u3002")
            and not _abbreviated(text, words, k, ends[k])
            and not (k + 1 < n and starts[k + 1] == ends[k] and words[k + 1] in _SENTENCE_END)
        }
        if japanese and "\u3001" in text:
            cuts.update(
                k + 1
                for k in compress(range(n), map("\u3001".__eq__, words))
                if k > 1 and (words[k - 2] + words[k - 1]).endswith(_SPLICED_ENDINGS)
            )
        if "\n" in text:
            line_first = 0  # first token of the line
            nl = text.find("\n")
            while nl != -1:
                k = bisect_left(starts, nl)
                if not _wraps(text, nl, words, line_first, k):
                    cuts.add(k)
                line_first = k
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
        found = self._occurrences(words)
        if self.morphology is not None:
            self.morphology.add_occurrences(words, starts, ends, japanese, found)
        self._exclude(found)  # the phrases excluded take back what a term or a token pattern found in them
        return Tagged(text, words, starts, ends, sentence_of, sentences, found, self)

    def _join_split_words(
        self, words: list[str], starts: list[int], ends: list[int]
    ) -> tuple[list[str], list[int], list[int]]:
        """Join two fragments a space apart when neither is a word the rules know and together they are one."""
        trie = self._trie
        joinable = self._joinable
        prefixes = self._split_prefixes
        joins = [
            k
            for k in compress(range(len(words) - 1), map(self._join_heads.__contains__, words))
            if ends[k] + 1 == starts[k + 1]
            and words[k] + words[k + 1] in joinable
            and (words[k] in prefixes or (words[k] not in trie and words[k + 1] not in trie))
        ]
        if not joins:
            return words, starts, ends
        words, starts, ends = list(words), list(starts), list(ends)
        for k in reversed(joins):
            if k + 1 < len(words):
                words[k : k + 2] = [words[k] + words[k + 1]]
                del starts[k + 1]
                del ends[k]
        return words, starts, ends

    def _occurrences(self, words: list[str]) -> dict[str, list[tuple[int, int]]]:
        """Where each class occurs, as token ranges sorted by start (and by end for one start)."""
        found: defaultdict[str, list[tuple[int, int]]] = defaultdict(list)
        n = len(words)
        trie = self._trie
        number = trie.get(NUMBER)
        wild = self._wild

        def walk(node: Node, i: int, k: int) -> None:
            """Add the terms that start at token i and go on from `node`, reached at token k."""
            names, after = node
            for name in names:
                found[name].append((i, k))
            if after and k < n:
                word = words[k]
                nxt = after.get(word)
                if nxt is not None:
                    walk(nxt, i, k + 1)
                if id(node) in wild:  # the node goes on with any word or any number too
                    nxt = after.get(ANY_WORD)
                    if nxt is not None and word != ANY_WORD and word[0].isalnum():
                        walk(nxt, i, k + 1)
                    nxt = after.get(NUMBER)
                    if nxt is not None and word != NUMBER and word.isdigit():
                        walk(nxt, i, k + 1)

        last = n - 1
        nodes = list(map(trie.get, words))
        for i, node in cast("Iterator[tuple[int, Node]]", compress(enumerate(nodes), nodes)):  # the words found
            names, after = node
            if after and i < last and (words[i + 1] in after or id(node) in wild):
                walk(node, i, i + 1)
            else:  # the common case, inline: a word and no phrase that goes on from it
                for name in names:
                    found[name].append((i, i + 1))
        # numbers (any number) and possessives ("the seller's"), which the look-up by word does not find
        for i in compress(range(n), map(str.isdigit, words)):
            if number is not None:
                walk(number, i, i + 1)
        for i in compress(range(n), map(str.endswith, words, repeat("'s"))):
            if nodes[i] is None and (owner := trie.get(words[i][:-2])) is not None:
                walk(owner, i, i + 1)
        for spans in found.values():
            spans.sort()  # a walk adds its shorter terms first, but a number's terms come after the word's own
        return dict(found)

    def _exclude(self, found: dict[str, list[tuple[int, int]]]) -> None:
        for exclusion, name in self._excluded.items():
            cut = found.pop(exclusion, None)
            if cut and name in found:
                found[name] = [o for o in found[name] if not any(o[0] < e and e0 < o[1] for e0, e in cut)]


def _nodes(trie: dict[str, Node]) -> list[Node]:
    """Every node of a trie."""
    out: list[Node] = []
    stack = list(trie.values())
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(node[1].values())
    return out


def _wraps(text: str, nl: int, words: list[str], line_first: int, k: int) -> bool:
    """Does the line break at `nl` only wrap a sentence ("Remove your\nfeedback and ...")? It does when a line of
    some length ends in a word and the next line goes on with a word; a blank line, a short line (a greeting, a
    name) or a line that ends in punctuation ends the sentence, and so does a line quoted in a reply ("> ...")."""
    if k == 0 or k >= len(words) or k - line_first < _WRAPPED_LINE:
        return False
    after = text[nl + 1 : nl + 4].lstrip(" \t")
    quoted = text[text.rfind("\n", 0, nl) + 1 : nl].lstrip(" \t").startswith(">") or after.startswith(">")
    return not quoted and not after.startswith("\n") and words[k - 1][0].isalnum() and words[k][0].isalnum()


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
    vocabulary: Vocabulary  # asking for a class it does not tag is a bug, not an absence
    _at: dict[str, dict[int, int]] = field(default_factory=dict, init=False, repr=False)
    _starts: dict[str, list[int]] = field(default_factory=dict, init=False, repr=False)

    def _known(self, name: str) -> None:
        # called only when a class has no occurrence, so a known name costs nothing on the hot path
        if name not in self.vocabulary.tagged_names:
            raise VocabularyError(f"no tagged vocabulary class {name!r}")

    def occurrences(self, name: str) -> list[tuple[int, int]]:
        found = self.found.get(name)
        if found is None:
            self._known(name)
            return []
        return found

    def at(self, name: str) -> dict[int, int]:
        """Start token -> end token (the longest) of each occurrence of a class."""
        index = self._at.get(name)
        if index is None:
            if name not in self.found:
                self._known(name)
            # sorted by start, then end: the last occurrence of a start is its longest
            index = self._at[name] = dict(self.found.get(name, ()))
        return index

    def within(self, name: str, first: int, last: int) -> list[tuple[int, int]]:
        """Occurrences of a class that start in tokens [first, last)."""
        starts = self._starts.get(name)
        if starts is None:
            starts = self._class_starts(name)
        if not starts:
            return []
        return self.found[name][bisect_left(starts, first) : bisect_left(starts, last)]

    def has(self, name: str, first: int, last: int) -> bool:
        """Does the class occur starting in tokens [first, last)?"""
        starts = self._starts.get(name)
        if starts is None:
            starts = self._class_starts(name)
        k = bisect_left(starts, first)
        return k < len(starts) and starts[k] < last

    def _class_starts(self, name: str) -> list[int]:
        """The start token of each occurrence of a class (none for a class the text does not have, once its name
        is known to the vocabulary)."""
        found = self.found.get(name)
        if not found:
            self._known(name)
        starts = self._starts[name] = [o[0] for o in found] if found else []
        return starts

    def is_word(self, i: int) -> bool:
        return self.words[i][0].isalnum()

    def char_span(self, first: int, last: int) -> tuple[int, int]:
        """Character span (in the tagged text) of tokens [first, last)."""
        return self.starts[first], self.ends[last - 1]


def _abbreviated(text: str, words: list[str], k: int, end: int) -> bool:
    """Is token k the dot of an abbreviation that ends in one letter, the text going on in lower case ("in data 5
    c.m. potrà", "Sig. A. rossi")? Not a sentence end."""
    if words[k] != "." or not k or len(words[k - 1]) != 1 or not words[k - 1].isalpha():
        return False
    after = text[end : end + 3].lstrip(" ")
    return bool(after) and after[0].islower()
