"""What the term trie of lexicon.py cannot say: open word forms given as patterns (German compounds, French
conjugations), and Japanese, which is written without spaces.

A language file's tagged class may carry `patterns`: regular expressions matched against one whole token of the
folded text (German, French, Spanish, Italian), or, for Japanese, anywhere in a run of text. Japanese terms are
matched as substrings too. A run of Japanese text is then cut into tokens at every change of character class
(kanji, hiragana, katakana, latin, digits), after a particle that starts a hiragana run, and at the edges of every
term found in it, so each occurrence is a whole range of tokens and the structure checks read Japanese as they read
the other languages.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from itertools import pairwise

# Characters of Japanese text, and the class of each, for segmentation.
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\u31f0-\u31ff\uff66-\uff9f々〆ヶ]")
_KANA = re.compile(r"[\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9d]")  # half-width katakana too
_PARTICLES = frozenset("をがはのにへともや")  # split off the start of a hiragana run that follows a noun
_CACHE_LIMIT = 4096


def char_class(c: str) -> int:
    """0 kanji, 1 hiragana, 2 katakana, 3 digit, 4 other letter, 5 anything else."""
    o = ord(c)
    if 0x3041 <= o <= 0x309F:
        return 1
    if 0x30A0 <= o <= 0x30FF or 0x31F0 <= o <= 0x31FF:
        return 2
    if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or c in "々〆ヶ":
        return 0
    if c.isdigit():
        return 3
    return 4 if c.isalpha() else 5


def segment(run: str) -> list[str]:
    """A run of text without spaces cut by character class, with a leading particle split off a hiragana run that
    follows a kanji or katakana word: "評価を削除してください" -> 評価 / を / 削除 / してください."""
    return [run[a:b] for a, b in zip([0, *_class_cuts(run)], [*_class_cuts(run), len(run)], strict=True)]


def _class_cuts(run: str) -> list[int]:
    cuts: list[int] = []
    previous = -1
    for k, c in enumerate(run):
        cls = char_class(c)
        if k and cls != previous:
            cuts.append(k)
            if cls == 1 and previous in (0, 2) and c in _PARTICLES and k + 1 < len(run) and char_class(run[k + 1]) == 1:
                cuts.append(k + 1)
        previous = cls
    return cuts


class CharTrie:
    """Terms found anywhere in a text (overlapping), by walking a trie of characters from each position."""

    def __init__(self) -> None:
        self._root: dict[str, tuple[list[str], dict]] = {}

    def add(self, term: str, name: str) -> None:
        level = self._root
        node = None
        for c in term:
            node = level.setdefault(c, ([], {}))
            level = node[1]
        if node is not None and name not in node[0]:
            node[0].append(name)

    def find(self, text: str) -> list[tuple[str, int, int]]:
        found: list[tuple[str, int, int]] = []
        root = self._root
        n = len(text)
        for i in range(n):
            node = root.get(text[i])
            k = i + 1
            while node is not None:
                for name in node[0]:
                    found.append((name, i, k))
                if k >= n:
                    break
                node = node[1].get(text[k])
                k += 1
        return found


class Morphology:
    """Token patterns of the spaced languages and the Japanese terms and patterns of one set of languages."""

    def __init__(
        self,
        token_patterns: Mapping[str, Iterable[str]],
        japanese_terms: Mapping[str, Iterable[str]],
        japanese_patterns: Mapping[str, Iterable[str]],
        japanese_exclude: Mapping[str, Iterable[str]],
    ):
        self._token_patterns = [
            (name, re.compile("|".join(f"(?:{p})" for p in patterns))) for name, patterns in token_patterns.items()
        ]
        self._token_patterns = [(name, p) for name, p in self._token_patterns if p.pattern]
        self._token_cache: dict[str, tuple[str, ...]] = {}
        self._trie = CharTrie()
        for name, terms in japanese_terms.items():
            for term in terms:
                self._trie.add(term, name)
        for name, terms in japanese_exclude.items():
            for term in terms:
                self._trie.add(term, name + "!")
        self._japanese_patterns = [
            (name, re.compile("|".join(f"(?:{p})" for p in patterns)))
            for name, patterns in japanese_patterns.items()
            if patterns
        ]
        self.japanese = bool(japanese_terms or japanese_patterns)
        self._run_cache: dict[str, tuple[list[int], list[tuple[str, int, int]]]] = {}

    # --- Japanese -------------------------------------------------------------------------------------------------

    def resplit(self, pieces: list[str]) -> tuple[list[str], list[tuple[str, int, int]]]:
        """The pieces of lexicon's split (gap, token, gap, ..., gap) with every run of touching tokens that holds
        Japanese cut finer, and the Japanese terms found, as (class, start, end) character offsets."""
        if not self.japanese:
            return pieces, []
        out: list[str] = [pieces[0]]
        found: list[tuple[str, int, int]] = []
        offset = len(pieces[0])
        k = 1
        n = len(pieces)
        while k < n:
            # a run: tokens pieces[k], pieces[k+2], ... with empty gaps between them
            j = k
            while j + 2 < n and pieces[j + 1] == "":
                j += 2
            run = "".join(pieces[k : j + 1 : 2])
            if JAPANESE.search(run):
                cuts, matches = self._run(run)
                bounds = {0, len(run), *cuts}
                at = 0
                for token in pieces[k : j + 1 : 2]:  # the tokens' own edges stay edges
                    at += len(token)
                    bounds.add(at)
                ordered = sorted(bounds)
                for a, b in pairwise(ordered):
                    out.append(run[a:b])
                    out.append("")
                out[-1] = pieces[j + 1]
                found.extend((name, offset + s, offset + e) for name, s, e in matches)
            else:
                out.extend(pieces[k : j + 2])
            offset += sum(map(len, pieces[k : j + 2]))
            k = j + 2
        return out, found

    def _run(self, run: str) -> tuple[list[int], list[tuple[str, int, int]]]:
        cached = self._run_cache.get(run)
        if cached is None:
            matches = self._trie.find(run)
            for name, pattern in self._japanese_patterns:
                matches.extend((name, m.start(), m.end()) for m in pattern.finditer(run) if m.end() > m.start())
            excluded = [(name[:-1], s, e) for name, s, e in matches if name.endswith("!")]
            matches = [
                (name, s, e)
                for name, s, e in matches
                if not name.endswith("!") and not any(x == name and s < xe and xs < e for x, xs, xe in excluded)
            ]
            cuts = _class_cuts(run) + [b for _, s, e in matches for b in (s, e)]
            if len(self._run_cache) >= _CACHE_LIMIT:
                self._run_cache.clear()
            cached = self._run_cache[run] = (cuts, matches)
        return cached

    # --- all languages --------------------------------------------------------------------------------------------

    def add_occurrences(
        self,
        words: list[str],
        starts: list[int],
        ends: list[int],
        japanese: list[tuple[str, int, int]],
        found: dict[str, list[tuple[int, int]]],
    ) -> None:
        """Add the token-pattern and Japanese occurrences to `found` (class -> token ranges, kept sorted)."""
        touched: set[str] = set()
        if self._token_patterns:
            cache = self._token_cache
            for i, word in enumerate(words):
                names = cache.get(word)
                if names is None:
                    names = tuple(name for name, p in self._token_patterns if p.fullmatch(word))
                    if len(cache) >= _CACHE_LIMIT:
                        cache.clear()
                    cache[word] = names
                for name in names:
                    found.setdefault(name, []).append((i, i + 1))
                    touched.add(name)
        for name, s, e in japanese:
            i = bisect_left(starts, s)
            j = bisect_left(ends, e)
            if i < len(starts) and starts[i] == s and j < len(ends) and ends[j] == e:
                found.setdefault(name, []).append((i, j + 1))
                touched.add(name)
        for name in touched:
            found[name] = sorted(set(found[name]))


def has_kana(text: str) -> bool:
    return _KANA.search(text) is not None
