"""Small learned judges, of feedback conduct and of contempt for the buyer: linear models over word and character
n-grams and over the rules' word classes a text holds (which, unlike words, are the same in every language:
"compensation" and "feedback" in one sentence), trained on the labelled cases by scripts/train_policy_model.py and
shipped as plain JSON (no library at run time).

The rules stay the explanation. A judge speaks only where the rules found no error, and only with a span (the
sentence whose n-grams weigh most) and a reason that names the words that weighed most, so an agent can see what it
read. The conduct judge reads any message or response that does not say outright that nothing hangs on the
feedback: a soft ask needs no feedback word ("if things look a little brighter on your side of the page", "leer algo
más positivo sobre nosotros"), and it was trained on every labelled text, those without one too. The contempt judge
reads any message or response: a put-down needs no insult word ("is reading just not your thing?"). A third judge,
of conduct too, reads passages of three sentences that name the feedback: in a long e-mail the one sentence that
asks is outweighed by everything else the whole text says; it speaks at a lower bar where the whole-text judge leans
the same way. The engine also asks whether any judge reads a text as a violation at all before an insult word in it
blocks (reads_as_violation()).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, TypeVar

from .conduct import VOCABULARY as CONDUCT_CLASSES
from .feedback_talk import VOCABULARY as TALK_CLASSES
from .hits import Document, Hit
from .lexicon import Tagged

VOCABULARY = frozenset({"feedback", "feedback-topic", "neutral-offer", "contrast", "mild-profanity", "profanity"})
WORD_SETS = ()
_CHAR_N = (3, 4)
_PIECES_KEPT = 128  # bound on the per-piece caches (they hold the pieces they were made from)


_CLASSES = tuple(sorted(CONDUCT_CLASSES | TALK_CLASSES))
# Classes split after the judges were trained, read under the name they were trained on.
_TRAINED_AS = {"mild-profanity": "profanity"}
K = TypeVar("K")
V = TypeVar("V")


@dataclass(frozen=True, slots=True)
class LeftOut:
    """What a judge does not read of a text: the sentences the rules read exactly (the one removal notice allowed,
    words taken back) and the tokens of another's words quoted (the buyer's "vendeur nul" is theirs, not the seller's
    to judge). Numbered in the text, or in one of its pieces."""

    sentences: frozenset[int] = frozenset()
    tokens: frozenset[int] = frozenset()

    def words(self, t: Tagged) -> list[str]:
        """The words of a text but those left out."""
        if not self.sentences and not self.tokens:
            return t.words
        return [
            w
            for s, (first, last) in enumerate(t.sentences)
            if s not in self.sentences
            for w in self.read(t, first, last)
        ]

    def read(self, t: Tagged, first: int, last: int) -> list[str]:
        """Tokens [first, last) of a text, a quoted one as a mark that ends the word pair before it."""
        if not self.tokens:
            return t.words[first:last]
        return ['"' if k in self.tokens else t.words[k] for k in range(first, last)]


Parts = list[tuple[Tagged, LeftOut]]  # a text's pieces, each with what is left out of it (numbered in the piece)


def class_features(parts: Parts) -> list[str]:
    """The classes a text holds ("k:compensation") and the pairs of them said in one sentence
    ("p:compensation+feedback"), but what is left out: the rules' evidence, weighed by the model where the rules
    found no violation."""
    said: set[frozenset[str]] = set()
    for piece, left_out in parts:
        own: frozenset[frozenset[str]] = _kept(
            _said_in_piece, (id(piece), left_out), piece, _classes_said, piece, left_out
        )
        said |= own
    return _class_names(said)


def _class_names(said: Iterable[frozenset[str]]) -> list[str]:
    """The features of the sets of classes said in one sentence each: every class ("k:") and every pair said
    together ("p:")."""
    held: set[str] = set()
    pairs: set[str] = set()
    for names in said:
        held |= names
        pairs |= _pairs(names)
    return [f"k:{name}" for name in sorted(held)] + sorted(pairs)


_said_in_piece: dict[tuple[int, LeftOut], tuple[Tagged, frozenset[frozenset[str]]]] = {}


def _classes_said(t: Tagged, left_out: LeftOut) -> frozenset[frozenset[str]]:
    """The sets of classes said in one sentence of a piece, but what is `left_out`."""
    return frozenset(_classes_by_sentence(t, left_out).values())


def _classes_by_sentence(t: Tagged, left_out: LeftOut) -> dict[int, frozenset[str]]:
    """Sentence -> the classes said in it (under the names the judges were trained on), but what is `left_out`."""
    by_sentence: dict[int, set[str]] = {}
    for name in _CLASSES:
        for i, _ in t.occurrences(name):
            if t.sentence_of[i] not in left_out.sentences and i not in left_out.tokens:
                by_sentence.setdefault(t.sentence_of[i], set()).add(_TRAINED_AS.get(name, name))
    return {s: frozenset(names) for s, names in by_sentence.items()}


def _kept(cache: dict[K, tuple[Tagged, V]], key: K, piece: Tagged, make: Callable[..., V], *args: Any) -> V:
    """make(*args) for a piece, kept in `cache` for the next lint (a keystroke changes one piece). `key` holds the
    piece's id, so the piece is kept beside the value and checked: a piece gone, another may take its id."""
    kept = cache.get(key)
    if kept is not None and kept[0] is piece:
        return kept[1]
    made = make(*args)
    if len(cache) >= _PIECES_KEPT:
        cache.clear()
    cache[key] = (piece, made)
    return made


def parts_of(pieces: Sequence[Tagged], left_out: LeftOut) -> Parts:
    """Each piece of a text with what is left out of it (`left_out` is numbered in the whole text)."""
    parts: Parts = []
    first_sentence = first_token = 0
    for piece in pieces:
        end_sentence, end_token = first_sentence + len(piece.sentences), first_token + len(piece.words)
        own = LeftOut(
            frozenset(s - first_sentence for s in left_out.sentences if first_sentence <= s < end_sentence),
            frozenset(k - first_token for k in left_out.tokens if first_token <= k < end_token),
        )
        parts.append((piece, own))
        first_sentence, first_token = end_sentence, end_token
    return parts


@cache
def _pairs(names: frozenset[str]) -> frozenset[str]:
    """The pairs of classes said in one sentence (sentences hold a few sets of classes over and over)."""
    return frozenset(f"p:{a}+{b}" for a in names for b in names if a < b)


def features(words: list[str]) -> list[str]:
    """The n-grams of a run of tokens: words, word pairs and, inside words, character 3- and 4-grams."""
    out: list[str] = []
    previous = "<s>"
    for word in words:
        if not word[0].isalnum():
            previous = "<p>"
            continue
        out.append("w:" + word)
        out.append("b:" + previous + " " + word)
        previous = word
        out.extend(_inside(word))
    return out


def _inside(word: str) -> list[str]:
    """The character 3- and 4-grams of a word."""
    padded = f" {word} "
    return ["c:" + padded[k : k + n] for n in _CHAR_N for k in range(len(padded) - n + 1)]


_WORDS_KEPT = 50_000  # bound on the per-word cache of a model (words seen across lints)


@dataclass(frozen=True, slots=True)
class Model:
    weights: dict[str, float]
    bias: float
    threshold: float  # probability above which a text is judged a violation
    # word -> the weights of its own n-grams (the word and its character n-grams): a word's n-grams are made once
    _by_word: dict[str, dict[str, float]] = field(default_factory=dict, compare=False, repr=False)
    # (piece, the word before it, what is left out of it) -> the piece, and its contributions and the word it leaves
    # (pieces recur across lints)
    _by_piece: dict[tuple[int, str, LeftOut], tuple[Tagged, tuple[dict[str, float], str]]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def contributions(self, words: list[str]) -> dict[str, float]:
        """The weight of each distinct n-gram of `words` that the model knows (the same as weighing features())."""
        return self.contributions_after(words, "<s>")[0]

    def contributions_after(self, words: list[str], previous: str) -> tuple[dict[str, float], str]:
        """contributions() of words that follow `previous` (the word before them, "<s>" or "<p>"), and the word they
        leave for the next."""
        weights = self.weights
        by_word = self._by_word
        out: dict[str, float] = {}
        for word in words:
            if not word[0].isalnum():
                previous = "<p>"
                continue
            own = by_word.get(word)
            if own is None:
                own = {f: weights[f] for f in ("w:" + word, *_inside(word)) if f in weights}
                if len(by_word) < _WORDS_KEPT:
                    by_word[word] = own
            out.update(own)
            pair = "b:" + previous + " " + word
            weight = weights.get(pair)
            if weight is not None:
                out[pair] = weight
            previous = word
        return out, previous

    def forget(self) -> None:
        self._by_piece.clear()

    def probability_of(self, contributions: dict[str, float], classes: Sequence[str] = ()) -> float:
        weights = self.weights
        score = self.bias + sum(contributions.values()) + sum(weights.get(f, 0.0) for f in classes)
        return 1 / (1 + math.exp(-max(min(score, 50.0), -50.0)))

    def text_contributions(self, parts: Parts) -> dict[str, float]:
        """contributions() of the words of a text's pieces, but what is left out of each, each piece's own kept for
        the next lint (the same dict, in the same order, as contributions() of the words weighed all at once)."""
        out: dict[str, float] = {}
        previous = "<s>"
        for piece, left_out in parts:
            key = (id(piece), previous, left_out)
            own, previous = _kept(self._by_piece, key, piece, self._piece_contributions, piece, left_out, previous)
            out.update(own)
        return out

    def _piece_contributions(self, piece: Tagged, left_out: LeftOut, previous: str) -> tuple[dict[str, float], str]:
        return self.contributions_after(left_out.words(piece), previous)


def model_file(name: str) -> dict[str, Any] | None:
    """A model shipped in the package (written by a script in scripts/), None when it is not there."""
    import json
    from importlib import resources

    path = resources.files(__package__).joinpath(name)
    if not path.is_file():
        return None
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))  # JSON: a tenth of the time TOML takes
    return data


def _load(name: str) -> Model | None:
    data = model_file(name)
    return None if data is None else Model(data["weights"], data["bias"], data["threshold"])


@cache
def model() -> Model | None:
    """The conduct judge, one for every language: its n-grams are the folded tokens of whatever language the text
    is in."""
    return _load("model.json")


@cache
def contempt_model() -> Model | None:
    """The contempt judge, one for every language."""
    return _load("model-contempt.json")


@cache
def passage_model() -> Model | None:
    """The conduct judge of a passage (a sentence and the two around it): a long e-mail's one ask, which the whole
    text's n-grams outweigh ("... nous comptons sur vous pour que votre commentaire reflète ce geste ...")."""
    return _load("model-passage.json")


def warm_up() -> None:
    model()
    contempt_model()
    passage_model()


def forget() -> None:
    """Drop what is kept per piece of text (its classes, its weights)."""
    _said_in_piece.clear()
    for m in (model(), contempt_model(), passage_model()):
        if m is not None:
            m.forget()


class Judging:
    """The judges' reading of one document the rules have read: made the first time a judge is asked (most texts the
    rules block never need it), each judge's probabilities weighed once however often they are asked for."""

    __slots__ = ("_passages", "_read", "_whole", "doc")

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._read: _Read | None = None
        self._whole: dict[int, float] = {}  # id of a whole-text judge -> its probability
        self._passages: list[tuple[int, float]] | None = None

    @property
    def read(self) -> _Read:
        if self._read is None:
            self._read = _Read.of(self.doc)
        return self._read

    def probability(self, m: Model) -> float:
        """How likely a whole-text judge finds the text a violation."""
        p = self._whole.get(id(m))
        if p is None:
            read = self.read
            # (the pieces' contributions are kept for the next keystroke)
            p = self._whole[id(m)] = m.probability_of(m.text_contributions(read.parts), read.classes)
        return p

    def passage_probabilities(self, m: Model) -> list[tuple[int, float]]:
        """Each passage about the feedback (by its middle sentence), and how likely the passage judge `m` (there is
        one) finds it asks."""
        if self._passages is None:
            read = self.read
            self._passages = [
                (s, m.probability_of(m.contributions(words), classes))
                for s, (words, classes) in enumerate(passages(read.doc.tagged, read.left_out))
                if not _ABOUT_FEEDBACK.isdisjoint(classes)
            ]
        return self._passages


def reads_as_violation(judging: Judging, at: float) -> bool:
    """Whether a judge finds the text a violation with a probability of `at` or more."""
    conduct, contempt, passage = model(), contempt_model(), passage_model()
    if contempt is not None and judging.probability(contempt) >= at:
        return True
    if judging.read.denies_any_bargain:  # (where the conduct judges are silent)
        return False
    if conduct is not None and judging.probability(conduct) >= at:
        return True
    return passage is not None and any(p >= at for _, p in judging.passage_probabilities(passage))


def learned(judging: Judging, already_blocked: bool) -> list[Hit]:
    """A finding when a judge finds a conduct violation or contempt that the rules did not block. Where both would,
    the reason shown is contempt when the text names no feedback."""
    if already_blocked:
        return []
    if judging.doc.tagged.occurrences("feedback"):  # beside the feedback, pressure about it is the likelier reading
        return _conduct(judging) or _contempt(judging) or _passages(judging)
    # a put-down that names no feedback is contempt
    return _contempt(judging) or _conduct(judging) or _passages(judging)


@dataclass(frozen=True, slots=True)
class _Read:
    """A document as both judges read it: what they leave out of it, its pieces, and the rules' evidence."""

    doc: Document
    left_out: LeftOut
    parts: Parts
    classes: list[str]
    # "your refund is processed no matter what you write", "our policy is never to request...": a text that says
    # outright nothing hangs on the feedback is the rules' to judge, not the conduct judges'; the n-grams of the
    # denial read like the offense ("we ask nothing, but ..." turns the denial into the preface of an ask)
    denies_any_bargain: bool

    @classmethod
    def of(cls, doc: Document) -> _Read:
        left_out = LeftOut(frozenset(doc.ruled_sentences), frozenset(doc.quoted))
        parts = parts_of(doc.pieces or (doc.tagged,), left_out)
        t = doc.tagged
        denials = t.occurrences("neutral-offer")
        denied = bool(denials) and not any(i >= denials[0][1] for i, _ in t.occurrences("contrast"))
        return cls(doc, left_out, parts, class_features(parts), denied)


def _conduct(judging: Judging) -> list[Hit]:
    m = model()
    if m is None or judging.read.denies_any_bargain:
        return []
    return _judged(judging, m, "feedback-pressure")


# Two judges that agree: where the whole-text judge leans to a violation without reaching its threshold, a passage
# the passage judge weighs at this lower bar is found (on rounds no one had read: 16 more violations blocked of
# about 5,700, 4 more honest texts of about 5,400).
_LEANING = 0.4
_PASSAGE_BESIDE_LEANING = 0.95


def _passages(judging: Judging) -> list[Hit]:
    """The passage judge's finding, when it weighs a passage about the feedback over its threshold: shown as the
    sentence of the passage it weighs most (the passage of the sentence before an ask holds the ask too). Silent
    where the conduct judge is (a text that says nothing hangs on the feedback)."""
    m = passage_model()
    read = judging.read
    if m is None or read.denies_any_bargain:
        return []
    t = read.doc.tagged
    whole = model()
    leaning = whole is not None and judging.probability(whole) >= _LEANING
    best, best_s = min(m.threshold, _PASSAGE_BESIDE_LEANING) if leaning else m.threshold, -1
    for s, p in judging.passage_probabilities(m):
        if p >= best:
            best, best_s = p, s
    if best_s < 0:
        return []
    near = [k for k in range(max(0, best_s - 1), min(len(t.sentences), best_s + 2)) if k not in read.left_out.sentences]
    said = {k: read.left_out.read(t, *t.sentences[k]) for k in near}
    s = max(near, key=lambda k: sum(m.contributions(said[k]).values()))
    start, end = read.doc.folded.original_span(*t.char_span(*t.sentences[s]))
    return [Hit("feedback-pressure", start, end, variant="learned", values={"words": _listed(_named(m, said[s]))})]


_ABOUT_FEEDBACK = frozenset({"k:feedback", "k:feedback-topic"})


def passages(t: Tagged, left_out: LeftOut) -> list[tuple[list[str], list[str]]]:
    """Each sentence's passage (it and the sentences either side, but what is left out): its words, and its classes
    as class_features() names them (the pairs said in one sentence). A sentence left out has an empty passage."""
    by_sentence = _classes_by_sentence(t, left_out)
    n = len(t.sentences)
    words = [[] if s in left_out.sentences else left_out.read(t, *t.sentences[s]) for s in range(n)]
    out: list[tuple[list[str], list[str]]] = []
    for s in range(n):
        near = range(max(0, s - 1), min(n, s + 2))
        if s in left_out.sentences or not any(words[k] for k in near):
            out.append(([], []))
            continue
        said = [by_sentence.get(k, frozenset()) for k in near]
        out.append(([w for k in near for w in words[k]], _class_names(said)))
    return out


def _contempt(judging: Judging) -> list[Hit]:
    m = contempt_model()
    return [] if m is None else _judged(judging, m, "unprofessional-tone")


def _judged(judging: Judging, m: Model, rule: str) -> list[Hit]:
    """The model's finding (its weightiest sentence) when it weighs the text over its threshold."""
    if judging.probability(m) < m.threshold:
        return []
    read = judging.read
    t = read.doc.tagged
    s, top = _weightiest_sentence(t, m, read.left_out)
    first, last = t.sentences[s]
    start, end = read.doc.folded.original_span(*t.char_span(first, last))
    return [Hit(rule, start, end, variant="learned", values={"words": _listed(top)})]


def features_of(doc: Document) -> list[str]:
    """What the judge weighs of a document the rules have read (for training it on what it will see)."""
    left_out = LeftOut(frozenset(doc.ruled_sentences), frozenset(doc.quoted))
    return features(left_out.words(doc.tagged)) + class_features([(doc.tagged, left_out)])


def passage_features_of(doc: Document) -> list[list[str]]:
    """What the passage judge weighs of each passage of a document the rules have read that has words (for
    training it on what it will see)."""
    left_out = LeftOut(frozenset(doc.ruled_sentences), frozenset(doc.quoted))
    return [features(words) + classes for words, classes in passages(doc.tagged, left_out) if words]


def _weightiest_sentence(t: Tagged, m: Model, left_out: LeftOut) -> tuple[int, list[str]]:
    best, best_score, best_top = 0, -math.inf, []
    for s, (first, last) in enumerate(t.sentences):
        if s in left_out.sentences:
            continue
        words = left_out.read(t, first, last)
        score = sum(m.contributions(words).values())
        if score > best_score:
            best, best_score, best_top = s, score, _named(m, words)
    return best, best_top


def _named(m: Model, words: list[str]) -> list[str]:
    """The three words or word pairs of a sentence that weigh most (not "a", "i": what an agent can see the judge
    read), else the words whose letters weigh most (a sentence may weigh by its letters alone)."""
    weights = m.weights
    weighed: dict[str, float] = {}
    previous = "<s>"
    for word in words:
        if not word[0].isalnum():
            previous = "<p>"
            continue
        if len(word) > 2 and (weight := weights.get("w:" + word)) is not None:
            weighed[word] = weight
        pair = previous + " " + word
        if previous[0] != "<" and (weight := weights.get("b:" + pair)) is not None:  # (not "<s> hi")
            weighed[pair] = weight
        previous = word
    named = sorted(((w, text) for text, w in weighed.items() if w > 0), reverse=True)
    if not named:  # by its letters: the words whose letters weigh most
        lettered = {w: sum(weights.get(f, 0.0) for f in _inside(w)) for w in words if len(w) > 2 and w[0].isalnum()}
        named = sorted(((v, w) for w, v in lettered.items() if v > 0), reverse=True)
    return [f'"{text}"' for _, text in named[:3]]


def _listed(named: list[str]) -> str:
    return ", ".join(named) if named else "no one word, the sentences around it as a whole"
