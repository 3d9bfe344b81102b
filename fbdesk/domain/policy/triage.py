"""Feedback triage: would Amazon remove this comment itself, and on which ground?

Amazon removes a comment with obscene words, personal data, or that is entirely a product review; it strikes
through an FBA order's comment that is entirely about delivery. A comment that also speaks of the seller's service,
the listing or the item's condition stays, so the topics of the whole comment decide the last two grounds.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import languages
from .hits import Document, Hit
from .lexicon import Tagged
from .morphology import JAPANESE

TOPICS = ("service", "delivery", "product")
_PRODUCT_TALK_WORDS = 6
# The tagged classes triage reads.
VOCABULARY = frozenset({*TOPICS, "profanity", "mild-profanity", "verdict", "not-product", "fba-said"})


@dataclass(frozen=True, slots=True)
class TriageWords:
    copula: frozenset[str]
    determiner: frozenset[str]
    subject_determiner: frozenset[str]  # "the pan sticks": opens a subject
    subject_follower: frozenset[str]  # "the lid doesn't close": shows the word before is a subject
    intensifier: frozenset[str]


WORD_SETS = (TriageWords,)


def amazon_removable(doc: Document) -> list[Hit]:
    """The grounds on which Amazon would remove a buyer's feedback comment."""
    original, t, folded, visible = doc.text, doc.tagged, doc.folded, doc.visible
    surface = doc.rules.surface
    hits: list[Hit] = []

    def removable(ground: str, start: int, end: int) -> None:
        hits.append(Hit("amazon-removable", start, end, variant=ground, ground=ground))

    # (a buyer's mild "crap" is profane all the same)
    for i, j in t.occurrences("profanity") + t.occurrences("mild-profanity"):
        removable("obscene", *folded.original_span(*t.char_span(i, j)))
    for span in surface.masked(t.text):
        removable("obscene", *folded.original_span(*span))

    text = visible.text
    personal = surface.email_candidates(text) + surface.phones(text) + surface.names(text, greetings=False)
    for span in sorted(set(personal)):
        removable("personal-data", *visible.original_span(*span))
    for span in surface.addresses(visible):
        removable("personal-data", *span)

    topics = comment_topics(t)
    # what the whole comment is about can be told only when the whole comment was read
    whole = _whole(original) if doc.length <= len(original) else None
    if whole is not None:
        # a comment of some length, in sentences, that names neither the seller, the service nor the delivery speaks
        # of the product ("Hose reel cracked after one summer in the sun"), whatever product words it uses, unless it
        # is removable on another ground already ("line one line two line three" is no review)
        unnamed = (
            not topics
            and not hits
            and sum(map(t.is_word, range(len(t.words)))) >= _PRODUCT_TALK_WORDS
            and languages.reads_as_prose(original, doc.languages.dominant if doc.languages else None)
        )
        if topics == {"product"} or unnamed:
            removable("product-review", *whole)
        elif _fba(doc) and topics == {"delivery"}:
            removable("fba-delivery", *whole)
    return hits


def _fba(doc: Document) -> bool:
    """Whether the order was fulfilled by Amazon: as the desk knows it, else as the comment says ("fulfilled by
    Amazon", "Amazon's driver")."""
    if doc.context.fba is not None:
        return doc.context.fba
    return bool(doc.tagged.occurrences("fba-said"))


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
    # "the plastic handle cracked": said of the product named just before (not "useless seller": who is spoken of)
    not_product = t.at("not-product")
    for i, j in t.occurrences("service"):
        if j == i + 1 and owner.get(i) == "service" and owner.get(i - 1) == "product" and i not in not_product:
            owner[i] = "product"
    # "der Amazon-Fahrer hat ...": who delivered, no product; "Amazon発送の商品": the item named as what was shipped
    for i, j in t.occurrences("fba-said"):
        for k in range(i, j):
            if owner.get(k, "product") == "product":
                owner[k] = ""
    topics = set(owner.values()) - {""}
    if "product" not in topics and (_verdict_on_a_product(t, owner) or _product_subject(t, owner)):
        topics.add("product")
    return topics


def _product_subject(t: Tagged, owner: dict[int, str]) -> bool:
    """ "The pan sticks", "the towels just push the water around": a sentence whose subject is a thing that is
    neither the seller, the service, the delivery nor the order is about the product."""
    words = t.words
    w = t.vocabulary.word_sets(TriageWords)
    not_product = t.at("not-product")
    verdicts = t.at("verdict")
    opening = {first for first, _ in t.sentences}
    for k in range(len(words) - 2):
        if words[k] in w.subject_determiner:
            noun = k + 1  # "the pan sticks"
        elif k in opening and not JAPANESE.match(words[k]):
            noun = k  # a noun opening the sentence with no determiner: "Capsules are huge", "Mascara clumps"
            if any(owner.get(x) for x in range(*t.sentences[t.sentence_of[k]])):
                continue  # "Item was delivered to the wrong address": the sentence is about the delivery
        else:
            continue
        bare = noun == k
        if noun in owner or noun in not_product or not words[noun].isalpha() or noun in verdicts:
            continue
        after = words[noun + 1]
        if noun + 1 in owner or not after.isalpha():
            continue
        verb_like = (after.endswith("s") and not after.endswith("ss")) or (
            not bare and after.endswith("ed") and len(after) > 4  # "Very disappointed": no subject
        )
        if after in w.copula or after in w.subject_follower or (verb_like and noun + 1 not in not_product):
            return True
    return False


def _verdict_on_a_product(t: Tagged, owner: dict[int, str]) -> bool:
    """ "These headphones are terrible": a verdict on a noun that names neither service, delivery nor the seller."""
    words = t.words
    w = t.vocabulary.word_sets(TriageWords)
    verdicts = t.at("verdict")
    not_product = t.at("not-product")
    for k, word in enumerate(words):
        if word not in w.copula or k < 2:
            continue
        noun = k - 1
        if noun in owner or noun in not_product or not t.is_word(noun):
            continue
        if words[noun - 1] not in w.determiner and (noun - 2 < 0 or words[noun - 2] not in w.determiner):
            continue
        m = k + 1
        while m < min(len(words), k + 4) and words[m] in w.intensifier:  # "is really very bad"; bounded: "a a a ..."
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
