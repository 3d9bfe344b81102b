"""The second look: a judge of the rules' own mistakes.

On text no one here has read, most honest messages the engine blocks are blocked by a judgement (an incentive, a
pressure, a promotion), each in a phrasing of its own, and a fix read from one round of blind text has not reached the
next. This judge is trained on the engine's past mistakes as they happened: every blind round read so far, linted by
the engine of the commit before it was read (tests/policy/past-blocks.jsonl, scripts/train_second_look.py), and what
it learned is which blocked texts were honest. Where it reads a blocked text as honest past its threshold, the
judgement errors become warnings: the agent still sees each one, and sending asks for a reason.

Its features are the text's lowercased words, word pairs and the character n-grams of each word (3 to 5, the word
padded with spaces), each counted and divided by the square root of how many there are; the same n-grams of the
sentences the errors are in, on their own; the rules that block, and the kind of text. (Read forward in time, the
sentences of the errors doubled what it caught of the rules' mistakes at the same cost.) A sentence's weights are kept
by its text, so a keystroke reweighs one sentence."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise

from .learned import model_file

_ENDS = ".!?\u3002\uff01\uff1f"  # and the ideographic full stop, the fullwidth exclamation and question marks
_SENTENCE = re.compile(f"[^\n{_ENDS}]*(?:[{_ENDS}]+|\n|$)")
_WORD = re.compile(r"[^\W_]+")
_SENTENCES_KEPT = 20_000  # bound on the per-sentence cache (sentences seen across lints)


def sentences(text: str) -> list[str]:
    """The text cut after each run of sentence ends and at each line break (what a keystroke's reweighing redoes)."""
    return [s for s in _SENTENCE.findall(text) if s.strip()]


def sentences_at(text: str, spans: Sequence[tuple[int, int]]) -> list[str]:
    """The sentences of `text` that overlap any of `spans` (where the errors are)."""
    return [
        m.group()
        for m in _SENTENCE.finditer(text)
        if m.group().strip() and any(start < m.end() and end > m.start() for start, end in spans)
    ]


def grams(sentence: str) -> list[str]:
    """The n-grams of one sentence, each as often as it occurs."""
    words = _WORD.findall(sentence.lower())
    out = ["w:" + w for w in words]
    out += ["b:" + a + " " + b for a, b in pairwise(words)]
    for word in words:
        padded = " " + word + " "
        for n in (3, 4, 5):
            out += ["c:" + padded[i : i + n] for i in range(len(padded) - n + 1)]
    return out


def judged(blocking: Iterable[str], kind: str) -> list[str]:
    """The features that name what the rules block with ("feedback-pressure", or "feedback-pressure/learned" for a
    learned judge's finding) and the kind of text."""
    return ["r:" + rule for rule in sorted(set(blocking))] + ["kind:" + kind]


def features(text: str, blocking: Iterable[str], kind: str, spans: Sequence[tuple[int, int]]) -> dict[str, float]:
    """What the judge weighs of a text whose errors lie at `spans` (training reads this; lints weigh the same
    sentence by sentence): the whole text's n-grams, and ("e" + n-gram) those of the sentences the errors are in."""
    out: dict[str, float] = {}
    for prefix, said in (("", sentences(text)), ("e", sentences_at(text, spans))):
        counts: Counter[str] = Counter()
        for sentence in said:
            counts.update(grams(sentence))
        scale = 1 / math.sqrt(sum(counts.values()) or 1)
        out.update({prefix + g: n * scale for g, n in counts.items()})
    out.update(dict.fromkeys(judged(blocking, kind), 1.0))
    return out


@dataclass(frozen=True, slots=True)
class SecondLook:
    weights: dict[str, float]
    bias: float
    threshold: float  # probability above which a blocked text is judged honest
    # sentence -> the sum of its n-grams' weights in the text, the same in an error's sentence, and how many it has
    _by_sentence: dict[str, tuple[float, float, int]] = field(default_factory=dict, compare=False, repr=False)

    def probability(self, text: str, blocking: Iterable[str], kind: str, spans: Sequence[tuple[int, int]]) -> float:
        """How likely the rules' block of `text`, with errors at `spans`, is a mistake."""
        score = self.bias + sum(self.weights.get(f, 0.0) for f in judged(blocking, kind))
        for index, said in ((0, sentences(text)), (1, sentences_at(text, spans))):
            total, count = 0.0, 0
            for sentence in said:
                weighed = self._weighed(sentence)
                total += weighed[index]
                count += weighed[2]
            score += total / math.sqrt(count or 1)
        return 1 / (1 + math.exp(-max(min(score, 50.0), -50.0)))

    def reads_honest(self, text: str, blocking: Iterable[str], kind: str, spans: Sequence[tuple[int, int]]) -> bool:
        return self.probability(text, blocking, kind, spans) >= self.threshold

    def _weighed(self, sentence: str) -> tuple[float, float, int]:
        weighed = self._by_sentence.get(sentence)
        if weighed is None:
            own = grams(sentence)
            weights = self.weights
            in_text = sum(weights.get(g, 0.0) for g in own)
            in_error = sum(weights.get("e" + g, 0.0) for g in own)
            weighed = (in_text, in_error, len(own))
            if len(self._by_sentence) < _SENTENCES_KEPT:
                self._by_sentence[sentence] = weighed
        return weighed

    def weightiest(self, text: str, n: int = 3) -> list[str]:
        """The words of `text` that weigh most towards an honest text (what an agent can see the judge read)."""
        seen = {w for w in _WORD.findall(text.lower()) if len(w) > 1}
        ranked = sorted(seen, key=lambda w: (-self.weights.get("w:" + w, 0.0), w))
        return [w for w in ranked[:n] if self.weights.get("w:" + w, 0.0) > 0]

    def forget(self) -> None:
        self._by_sentence.clear()


@cache
def second_look() -> SecondLook | None:
    data = model_file("model-second-look.json")
    return None if data is None else SecondLook(data["weights"], data["bias"], data["threshold"])
