"""Feedback triage: would Amazon remove this comment itself, and on which ground?

Amazon removes a comment with obscene words, personal data, or that is entirely a product review; it strikes
through an FBA order's comment that is entirely about delivery. A comment that also speaks of the seller's service,
the listing or the item's condition stays, so the topics of the whole comment decide the last two grounds.
"""

from __future__ import annotations

from .hits import Hit
from .lexicon import Tagged
from .normalise import View
from .surface import EMAIL, Surface, spelled_hint

TOPICS = ("service", "delivery", "product")
COPULAS = frozenset({"is", "are", "was", "were", "feels", "feel", "looks", "look", "seems", "seem", "smells", "tastes",
                     "sounds", "felt", "looked", "seemed"})
DETERMINERS = frozenset({"the", "this", "these", "those", "my", "its", "their", "his", "her", "our", "a", "an"})
# Words that show the word before them is the subject of a clause: "the lid doesn't close", "the strap keeps ...".
SUBJECT_FOLLOWERS = frozenset({"just", "only", "never", "always", "keeps", "kept", "doesn't", "don't", "didn't",
                               "won't", "can't", "cannot", "isn't", "aren't", "wasn't", "weren't", "has", "have",
                               "had", "does", "did", "will", "would", "still", "barely", "hardly", "constantly"})
INTENSIFIERS = frozenset({"too", "very", "really", "so", "quite", "extremely", "pretty", "super", "just", "totally",
                          "absolutely", "completely", "not", "a", "bit", "little", "rather", "incredibly"})


def triage_hits(original: str, t: Tagged, folded: View, visible: View, surface: Surface, fba: bool) -> list[Hit]:
    hits: list[Hit] = []

    def removable(ground: str, start: int, end: int) -> None:
        hits.append(Hit("amazon-removable", start, end, variant=ground, ground=ground))

    for i, j in t.occurrences("profanity"):
        removable("obscene", *folded.original_span(*t.char_span(i, j)))
    for span in surface.masked(t.text):
        removable("obscene", *folded.original_span(*span))

    text = visible.text
    personal = [m.span() for m in EMAIL.finditer(text)] if "@" in text else []
    if spelled_hint(text):
        personal += [m.span() for m in surface.masked_email.finditer(text)]
    personal += surface.phones(text) + surface.names(text, greetings=False)
    for span in sorted(set(personal)):
        removable("personal-data", *visible.original_span(*span))

    topics = comment_topics(t)
    whole = _whole(original)
    if whole is not None:
        if topics == {"product"}:
            removable("product-review", *whole)
        elif fba and topics == {"delivery"}:
            removable("fba-delivery", *whole)
    return hits


def comment_topics(t: Tagged) -> set[str]:
    """What the comment talks about: the seller's service, delivery, the product. A longer phrase decides for the
    words it covers ("arrived damaged" is the item's condition, not delivery)."""
    owner: dict[int, str] = {}
    spans = [(j - i, name, i, j) for name in TOPICS for i, j in t.occurrences(name)]
    for _, name, i, j in sorted(spans, key=lambda s: (-s[0], TOPICS.index(s[1]))):
        if any(k in owner for k in range(i, j)):
            continue
        for k in range(i, j):
            owner[k] = name
    topics = set(owner.values())
    if "product" not in topics and (_verdict_on_a_product(t, owner) or _product_subject(t, owner)):
        topics.add("product")
    return topics


def _product_subject(t: Tagged, owner: dict[int, str]) -> bool:
    """"The pan sticks", "the towels just push the water around": a sentence whose subject is a thing that is
    neither the seller, the service, the delivery nor the order is about the product."""
    words = t.words
    not_product = t.at("not-product")
    for k in range(len(words) - 2):
        if words[k] not in ("the", "these", "this", "those", "my", "its"):
            continue
        noun = k + 1
        if noun in owner or noun in not_product or not words[noun].isalpha() or noun in t.at("verdict"):
            continue
        after = words[noun + 1]
        if noun + 1 in owner or not after.isalpha():
            continue
        verb_like = (after.endswith("s") and not after.endswith("ss")) or (after.endswith("ed") and len(after) > 4)
        if after in COPULAS or after in SUBJECT_FOLLOWERS or (verb_like and noun + 1 not in not_product):
            return True
    return False


def _verdict_on_a_product(t: Tagged, owner: dict[int, str]) -> bool:
    """"These headphones are terrible": a verdict on a noun that names neither service, delivery nor the seller."""
    words = t.words
    verdicts = t.at("verdict")
    not_product = t.at("not-product")
    for k, word in enumerate(words):
        if word not in COPULAS or k < 2:
            continue
        noun = k - 1
        if noun in owner or noun in not_product or not t.is_word(noun):
            continue
        if words[noun - 1] not in DETERMINERS and (noun - 2 < 0 or words[noun - 2] not in DETERMINERS):
            continue
        m = k + 1
        while m < len(words) and words[m] in INTENSIFIERS:
            m += 1
        if m in verdicts:
            return True
    return False


def _whole(text: str) -> tuple[int, int] | None:
    stripped = text.strip()
    if not stripped:
        return None
    start = text.index(stripped[0])
    return start, start + len(stripped)
