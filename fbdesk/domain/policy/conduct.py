"""The conduct rules of a message or public response: incentive, pressure, solicitation and removal notices,
tied together from the feedback mentions and offers that feedback_talk.py finds."""

from __future__ import annotations

from dataclasses import dataclass

from .feedback_talk import Mention, Talk
from .hits import Document, Hit
from .lexicon import Tagged
from .morphology import JAPANESE

# The tagged classes the rules below read (besides those feedback_talk.py reads).
VOCABULARY = frozenset(
    {
        "feedback",
        "positive",
        "negative",
        "change",
        "demand",
        "conditional",
        "deadline",
        "repeat",
        "pro-verb",
        "paid-for",
        "guilt",
        "insult",
        "blame",
        "profanity",
        "mild-profanity",
        "repeat-ask",
        "threat",
        "ask-count",
        "legal-threat",
        "thanks",
        "request",
        "exchange",
        "satisfied",
        "steer",
        "contact-us",
        "harm",
        "dated",
        "reciprocity",
        "held",
        "will",
        "dispatch",
        "bonus",
        "upgrade-hint",
        "notify",
        "negation",
        "compensation",
        "settled",
        "neutral-offer",
        "seller-subject",
        "rethink",
        "experience",
        "leave",
        "feedback-topic",
        "if-so",
        "verdict",
        "favoured",
        "customer-group",
        "changed-state",
        "contrast",
        "any-verdict",
    }
)
# Cues of pressure said around an ask, and those said in the sentence after it ("Please do so at once.").
_RUDE = ("insult", "blame", "profanity", "mild-profanity")
_FOLLOW_UP = ("deadline", "demand", "repeat", "guilt")
# Pressure anywhere in a message that asks for a change, else in a sentence about the feedback.
_ANYWHERE = ("threat", "ask-count")
_WITHHOLDING_REACH = 12  # words before a change in which "not ... until" holds something back
_THANKED_REACH = 6  # words after "as a thank you for" in which the change thanked for is named


@dataclass(frozen=True, slots=True)
class ConductWords:
    withholding: frozenset[str]  # "we will not refund until you delete": pressure said before a change
    asked_noun_glue: frozenset[str]  # "we'd love (a quick) review": between a request and the noun it asks for
    clause_joint: frozenset[str]  # "…のですが、": a Japanese clause joined to the next by a conjunction


WORD_SETS = (ConductWords,)


def conduct(doc: Document) -> list[Hit]:
    """incentive, pressure, solicitation and removal-notice findings of a message or public response."""
    t, view, kind = doc.tagged, doc.folded, doc.context.kind
    resolved, prior_notices = doc.context.resolved, doc.context.prior_removal_notices
    # a follow-up to a removal notice is about the feedback even when it says only "removing it"
    talk = Talk(t, public_response=kind == "response", follow_up=prior_notices >= 1)
    words = t.vocabulary.word_sets(ConductWords)
    hits: list[Hit] = []
    flagged_sentences: set[int] = set()
    doc.disavowed.update(talk.disavowed)
    doc.disavowed.update(talk.quoted_sentences())  # the buyer's words quoted: theirs, not the seller's to judge
    doc.quoted.update(talk.quoted)

    def span(first: int, last: int) -> tuple[int, int]:
        return view.original_span(*t.char_span(first, last))

    def sentence_span(s: int) -> tuple[int, int]:
        return span(*t.sentences[s])

    def hit(rule: str, first: int, last: int, variant: str | None = None) -> None:
        hits.append(Hit(rule, *span(first, last), variant=variant))

    changes = talk.live_changes()
    leave_requests = talk.leave_requests()

    # incentive-for-feedback: something of value in the same message as a feedback change or a feedback request
    asked = [m for m in changes if m.mood == "request"] + leave_requests
    by_sentence: dict[int, list[Mention]] = {}
    for m in changes + leave_requests:
        by_sentence.setdefault(m.sentence, []).append(m)
    doc.bargains.update(m.sentence for m in asked)
    # a change told possible to a higher rating steers it outright ("vous pouvez passer votre note à 5 étoiles")
    doc.bargains.update(m.sentence for m in changes if m.positive and not m.negated and m.mood == "notice")
    if not changes:  # a request for feedback whatever it says, in a text that asks for no change of it
        positive = {m.sentence for m in talk.leaves if m.positive}
        asking = {s for s in talk.feedback_sentences if t.has("request", *t.sentences[s])}
        asking |= {m.sentence for m in leave_requests}
        neutral = {
            s for s in asking - positive if _any_verdict(t, s) and not _presses(t, s, also=("steer", "negative"))
        }
        # and the sentence after, when it only tells why ("Ihre Rückmeldung hilft uns, besser zu werden.")
        why = {s + 1 for s in neutral if s + 1 < len(t.sentences) and not _presses(t, s + 1)}
        doc.neutral_requests.update(neutral | why)
    doc.bargains.update(o.sentence for o in talk.offers if not o.neutral and o.sentence in by_sentence)
    notices: dict[int, list[Mention]] = {}  # sentence -> the mentions that tell or ask of a change in it
    for m in talk.removal_notices():
        notices.setdefault(m.sentence, []).append(m)
    approved = _approved_notices(talk, notices) if kind == "message" and resolved and not prior_notices else set()
    only_approved = bool(changes) and not asked and all(m.sentence in approved for m in changes)
    incentives: list[tuple[int, int]] = []
    for offer in talk.offers:
        if offer.neutral:
            continue
        # "... you can update or remove your rating. A €10 credit has been issued as a thank-you for doing so": the
        # offer points back at the change said just before it, whatever its tense
        paid_for = offer.sentence - 1 in by_sentence and t.has("paid-for", *t.sentences[offer.sentence])
        if paid_for and offer.sentence not in by_sentence:
            incentives.append((offer.first, offer.last))
            flagged_sentences.update({offer.sentence, offer.sentence - 1})
            doc.bargains.add(offer.sentence)  # a bargain said outright: "Should you do so, we'd refund the postage"
            continue
        # a refund or replacement told in its own sentence beside nothing but the approved notice is the remedy the
        # notice follows, not its price (a bonus is: "un code de 10 % pour votre prochaine commande")
        c0, c1 = talk.clause_start(offer.first), talk.clause_end(offer.last - 1)
        bonus = t.has("bonus", c0, c1)
        if only_approved and offer.sentence not in by_sentence and not bonus:
            continue
        linked = by_sentence.get(offer.sentence, [])
        # "now that your refund has been processed, it is possible to update the feedback", "we saw you updated your
        # feedback after the replacement arrived": a remedy told beside a notice, or beside a change done (a bonus
        # beside a change done is its price: "thanks for updating your review, we've sent the voucher"; and a bonus
        # given as a thank-you beside a notice: "I've also added an extra £5 as a small thank-you ... it is possible
        # to update or remove the feedback", but not a credit "for the trouble", nor one said to hang on nothing)
        priced = bonus and bool(changes) and t.has("paid-for", c0, c1) and not talk.said_free(offer.sentence)
        beside_no_ask = not priced and (
            all(m.mood == "notice" for m in linked)
            or (not bonus and all(m.mood in ("notice", "report") for m in linked))
        )
        if offer.settled and not asked and beside_no_ask:
            continue
        if (
            linked
            or asked
            or ((offer.offered or priced) and any(abs(m.sentence - offer.sentence) <= 2 for m in changes))
            or _bargained_for_a_change(talk, offer.sentence)
        ):
            incentives.append((offer.first, offer.last))
            flagged_sentences.add(offer.sentence)
            flagged_sentences.update(m.sentence for m in linked or asked or changes)
    # "... you can update or remove it. To everyone who does, we send a repair kit as a thank-you": a thing sent for
    # the change told just before it, whatever the thing is (no compensation word names a repair kit)
    offered_in = {o.sentence for o in talk.offers}
    for i, j in t.occurrences("paid-for"):
        s = t.sentence_of[i]
        told_before = s - 1 in by_sentence and s not in by_sentence and s not in offered_in
        if told_before and talk.says(i) and any(t.has(name, *t.sentences[s]) for name in ("dispatch", "held", "bonus")):
            incentives.append((i, t.sentences[s][1]))  # to the sentence's end: what is sent follows
            flagged_sentences.update({s, s - 1})
        # "... and I've put a small something in the post as a thank you for reconsidering": the change thanked for
        # is named just after
        elif talk.says(i) and any(j <= m.first < j + _THANKED_REACH for m in changes):
            incentives.append((i, t.sentences[s][1]))
            flagged_sentences.add(s)
    only_reviews = not changes and leave_requests
    for first, last in _merge_near(t, incentives, gap=2):  # "voucher for 25% off": one finding
        hit("incentive-for-feedback", first, last, variant="review" if only_reviews else None)
    # "we offer you a 10 € voucher", "we have given this buyer a voucher": said under the feedback, whatever it is
    # for and whenever it was given (a remedy done, a refund or a replacement, may be told; a bonus may not)
    if kind == "response":
        offered = [
            (o.first, o.last)
            for o in talk.offers
            if (o.offered or o.settled) and not o.neutral and t.has("bonus", o.first, o.last)
        ]
        for first, last in _merge_near(t, [o for o in offered if not _overlaps(o, incentives)], gap=2):
            hit("incentive-for-feedback", first, last, variant="public")

    # feedback-pressure
    def owned(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """The spans the seller says in their own name (not another's words reported or quoted)."""
        return [span for span in spans if talk.says(span[0])]

    pressure = owned(_pressure(talk, changes, words.withholding))
    for first, last in _merge_near(t, pressure, gap=1):  # "hurting our small business": one finding
        hit("feedback-pressure", first, last)
        flagged_sentences.add(t.sentence_of[first])

    # held back until the feedback changes, harm blamed on it: pressure whatever the state of the case
    held_back = [w for w, held in _withheld(talk, words.clause_joint) if not _overlaps(held, incentives)]
    favoured, denied_favour = _favoured(talk)
    doc.disavowed.update(denied_favour)  # the rules' to read: the learned judge's n-grams of it read like the favour
    for first, last in _merge_near(t, owned(held_back + _harm(talk) + _dated(talk) + favoured), gap=1):
        hit("feedback-pressure", first, last)
        flagged_sentences.add(t.sentence_of[first])

    # solicit-positive-feedback
    for s in filter(talk.owns, _asked_upgrade(talk)):
        hits.append(Hit("solicit-positive-feedback", *sentence_span(s)))
        flagged_sentences.add(s)
    solicited = _solicitations(talk, changes, words.asked_noun_glue)
    for s, variant in [(s, v) for s, v in solicited if talk.owns(s)]:
        hits.append(Hit("solicit-positive-feedback", *sentence_span(s), variant=variant))
        flagged_sentences.add(s)

    # removal notices
    for s, told in sorted(notices.items()):
        start, end = sentence_span(s)
        if kind == "response":
            hits.append(Hit("removal-request-in-response", start, end))
            continue
        if not resolved:
            hits.append(Hit("removal-notice-before-resolved", start, end))
        if prior_notices >= 1:
            hits.append(Hit("repeat-removal-notice", start, end, values={"count": prior_notices}))
        requested = any(m.mood == "request" for m in told)
        if s not in flagged_sentences and requested:
            # "would you have another look at what you wrote?": no notice of what is possible, a plea to think again
            rethink = any(m.mood == "request" and talk.has("rethink", m.first, m.last) for m in told)
            hits.append(Hit("direct-removal-request", start, end, variant="rethink" if rethink else None))
        if s in approved:
            doc.allowed_notices.add(s)
    return hits


def _approved_notices(talk: Talk, notices: dict[int, list[Mention]]) -> set[int]:
    """The sentences (of `notices`: sentence -> its mentions) that tell the buyer, as the approved notice does, what
    is possible, asking nothing: in a message, once the case is resolved, the first notice of the order."""
    return {
        s
        for s, told in notices.items()
        if not any(m.mood == "request" for m in told) and _told_as_approved(talk, s, told)
    }


def _told_as_approved(talk: Talk, s: int, told: list[Mention]) -> bool:
    """A notice (the mentions `told` of sentence s, none of them a request) said as the approved one is: the buyer
    told that a change is possible, with no ask in the sentence but in a condition ("en caso de que considere que
    ...") and no bargain in its clause, no question, thanks or plea."""
    t = talk.t
    first, last = t.sentences[s]
    if talk.is_question(last) or not talk.has("notify", first, last):
        return False
    if talk.has("thanks", first, last) or talk.has("guilt", first, last):
        return False
    notify = set(t.within("notify", first, last))
    asks = [(i, j) for i, j in t.within("request", first, last) if (i, j) not in notify]  # "puede": "you can", unasked
    # (the ask may open the condition itself: "should you feel your concerns have been resolved, you may ...")
    if any(not talk.has("conditional", talk.clause_start(i), i + 1) for i, _ in asks):
        return False
    for m in told:
        c0, c1 = talk.clause_start(m.first), talk.clause_end(m.last - 1)
        # "if you are satisfied": the approved notice's condition, not a bargain ("ご満足いただけましたら" reads as one)
        if talk.has("exchange", c0, c1) and not talk.has("satisfied", first, last):
            return False
    return True


def _merge_near(t: Tagged, spans: list[tuple[int, int]], gap: int) -> list[tuple[int, int]]:
    """Token spans joined when at most `gap` words apart in the same clause."""
    merged: list[tuple[int, int]] = []
    for first, last in sorted(spans):
        if (
            merged
            and first - merged[-1][1] <= gap
            and t.sentence_of[first] == t.sentence_of[merged[-1][0]]
            and not any(not t.is_word(k) for k in range(merged[-1][1], first))
        ):
            merged[-1] = (merged[-1][0], max(last, merged[-1][1]))
        else:
            merged.append((first, last))
    return merged


def _pressure(talk: Talk, changes: list[Mention], withholding: frozenset[str]) -> list[tuple[int, int]]:
    """Token spans of pressure bound to a feedback change: demands, withholding ("not ... until you delete"), bare
    orders, deadlines, repeated asks, guilt and threats. Legal threats need only a feedback noun."""
    t = talk.t
    n = len(t.sentences)
    cues: set[tuple[int, int]] = set()
    told_ends = {j for _, j in t.occurrences("notify")}
    for m in changes:
        s = m.sentence
        first, last = t.sentences[s]
        clause = talk.clause_start(m.first)
        if m.mood == "notice":  # a notice is pressed only in its own clause ("sorted tonight, ... it is possible")
            first, last = clause, talk.clause_end(m.last - 1)
            # from its condition on, when it has one ("hope its working now if youre happy ... you can update"), and
            # from what it tells once told ("if you're happy we've sorted it now you can update ...": the "now" is
            # the condition's)
            conditions = t.within("conditional", clause, m.first)
            if conditions:
                first = conditions[-1][0]
                # (a notify phrase that holds the change is no word before it: "a chance to update your feedback")
                told = [(i, j) for i, j in t.within("notify", first, m.first) if j <= m.first]
                if told:
                    first = told[-1][0]
        for i, j in t.within("demand", talk.governing_clause(clause), m.last):  # "Wir erwarten, dass Sie ..."
            if not talk.has("conditional", clause, i) and not talk.denied(i):
                cues.add((i, j))
        # (a few words before the change: a clause with no break may run on for the whole text; in a notice, after
        # what it tells: "I'll mention once that you can update it")
        start = first if m.mood == "notice" else clause
        cues.update(
            (k, k + 1) for k in range(max(start, m.first - _WITHHOLDING_REACH), m.first) if t.words[k] in withholding
        )
        if talk.is_bare_order(m):
            cues.add((m.first, t.at("change")[m.first]))
        if m.mood != "report":  # "thanks for updating it today": a done change has no deadline
            cues.update(t.within("deadline", first, last))
        # ("vous pouvez encore changer votre avis": still possible, not asked again)
        cues.update((i, j) for i, j in t.within("repeat", first, last) if i not in told_ends)
        # "... your feedback. Please do so at once.": each sentence after that refers back to the ask in turn ("Could
        # you please do that? ... we'd be so grateful if you could do it soon.")
        after = s + 1
        while after < n and t.has("pro-verb", *t.sentences[after]):
            for cue in _FOLLOW_UP:
                cues.update((i, j) for i, j in t.within(cue, *t.sentences[after]) if not talk.denied(i))
            after += 1
        if s + 1 < n and t.sentences[s + 1][1] - t.sentences[s + 1][0] <= 3:  # "Remove the review. Now."
            cues.update(t.within("deadline", *t.sentences[s + 1]))
        # an ask reaches into the sentences around it; a notice or a report only into its own
        reach = 1 if m.mood == "request" else 0
        near_first = t.sentences[max(s - reach, 0)][0]
        near_last = t.sentences[min(s + reach, n - 1)][1]
        cues.update(t.within("guilt", near_first, near_last))
        for rude in _RUDE:  # an insulting or blaming ask is pressure too
            cues.update(t.within(rude, near_first, near_last))
        cues.update(t.within("repeat-ask", near_first, near_last))
        for near in (s - 1, s + 1):  # "your feedback is still up. Remove it please." (not the buyer's question
            # reported: "Mi chiedi se puoi ancora cambiare la valutazione")
            if (
                0 <= near < n
                and t.has("feedback", *t.sentences[near])
                and not t.has("neutral-offer", *t.sentences[near])
            ):
                cues.update(t.within("repeat", *t.sentences[near]))
    # threats and counted asks: anywhere in a message that asks for a change, else in a sentence about the feedback
    # (a change the buyer is quoted as promising is one too: "> I'll change my feedback once it arrives" ... "I'm
    # holding you to that!")
    asks = any(m.mood == "request" for m in changes) or _quoted_change(talk)
    changed_in = {m.sentence for m in changes}
    for name in _ANYWHERE:
        for i, j in t.occurrences(name):
            s = t.sentence_of[i]
            if (asks or s in changed_in or t.has("feedback", *t.sentences[s])) and not _denied_threat(talk, i):
                cues.add((i, j))
    if changes or talk.feedback:
        cues.update((i, j) for i, j in t.occurrences("legal-threat") if not _denied_threat(talk, i))
    return sorted(cues)


def _any_verdict(t: Tagged, s: int) -> bool:
    """Sentence s, or the one after it, says the feedback asked for may be anything ("whatever your experience",
    "良かった点もそうでなかった点も")."""
    return t.has("any-verdict", t.sentences[s][0], t.sentences[min(s + 1, len(t.sentences) - 1)][1])


_PRESSING = ("demand", "compensation", "bonus", "deadline", "guilt", "harm", "threat")


def _presses(t: Tagged, s: int, also: tuple[str, ...] = ("request",)) -> bool:
    """Sentence s demands, offers, sets a deadline or pleads (or holds a class of `also`)."""
    first, last = t.sentences[s]
    return any(t.has(name, first, last) for name in (*_PRESSING, *also))


def _quoted_change(talk: Talk) -> bool:
    """Does the text quote another's words that change the feedback ("> I'll change my feedback once it arrives")?"""
    t = talk.t
    quoted = talk.quoted
    return (
        bool(quoted)
        and any(i in quoted for i, _ in t.occurrences("change"))
        and any(k in quoted for k in talk.feedback)
    )


def _denied_threat(talk: Talk, i: int) -> bool:
    """ "No legal action will be taken", "es wird keinerlei rechtliche Schritte geben": a threat denied, outside a
    condition ("if you do not remove it, legal action will follow" is one); or the buyer's question about one
    answered ("Vous nous demandez si une note basse peut avoir des conséquences : absolument aucune")."""
    t = talk.t
    s0, s1 = t.sentences[t.sentence_of[i]]
    if t.has("neutral-offer", s0, i) or talk.buyer_may(i):
        return True
    return bool(t.within("negation", max(s0, i - 3), i)) and not talk.has("conditional", s0, s1)


def _bargained_for_a_change(talk: Talk, sentence: int) -> bool:
    """ "a discount in exchange for the removal of the comment": an exchange for a change of the feedback, named by
    nouns, which no mention of a change reads."""
    s0, s1 = talk.t.sentences[sentence]
    # "you don't need to change your review to get the replacement": a change the sentence denies is no bargain
    denied = any(m.sentence == sentence and m.negated for m in talk.changes)
    return (
        sentence in talk.feedback_sentences
        and not denied
        and talk.has("exchange", s0, s1)
        and talk.has("change", s0, s1)
    )


def _told(talk: Talk, first: int, last: int) -> bool:
    """ "We received no message about this order before the feedback was posted": what happened, asking nothing."""
    t = talk.t
    # (the French "ne ... pas" the "will" class holds is no future: "Aucun message ne nous était parvenu")
    negation = t.at("negation")
    future = any(i not in negation for i, _ in t.within("will", first, last))
    return talk.tense(first, last)[0] and not talk.has("request", first, last) and not future


def _happy_branch(talk: Talk) -> list[int]:
    """Sentences that send a buyer public after a question about their happiness, when the answer is a yes ("Then
    ...", "If so, ...") or a later sentence sends the unhappy one to the seller: the public page hears only from the
    happy."""
    t = talk.t
    found = []
    last = len(t.sentences) - 1
    # (a leave verb with feedback to leave: not "mets-la à 30 cm", the lamp put up)
    left_in = {m.sentence for m in talk.leaves}
    for s in _sentences_with(t, "satisfied", "experience", "verdict"):
        s0, s1 = t.sentences[s]
        if s >= last or not talk.is_question(s1) or talk.has("negation", s0, s1) or talk.has("negative", s0, s1):
            continue
        b0, b1 = t.sentences[s + 1]
        if not (s + 1 in left_in or talk.has("feedback-topic", b0, b1)):
            continue
        after = t.sentences[min(s + 3, len(t.sentences) - 1)][1]
        # "Gefällt dir die Hülle? Dann freuen wir uns über deine Bewertung": the ask answers only a yes
        if (
            talk.has("if-so", b0, min(b0 + 3, b1))
            or talk.has("contact-us", b1, after)
            or talk.has("seller-subject", b1, after)
        ):
            found.append(s + 1)
    # the same branches as conditions: "Si tout vous plaît, dites-le sur Amazon ; si quelque chose cloche,
    # écrivez-nous plutôt ici" (a notice of the buyer's right to change feedback is not one: it asks nothing)
    changed = {m.sentence for m in talk.changes}
    for s in _sentences_with(t, "satisfied"):
        s0, s1 = t.sentences[s]
        if s >= last or s in changed or talk.has("notify", s0, s1):
            continue
        if talk.has("leave", s0, s1) or talk.has("feedback-topic", s0, s1):
            after = t.sentences[min(s + 2, len(t.sentences) - 1)][1]
            if talk.has("contact-us", s1, after) and talk.has("steer", s1, after):
                found.append(s)
    return found


def _sentences_with(t: Tagged, *names: str) -> list[int]:
    """The sentences in which a class of `names` occurs, in order."""
    return sorted({t.sentence_of[i] for name in names for i, _ in t.occurrences(name)})


def _solicitations(talk: Talk, changes: list[Mention], glue: frozenset[str]) -> list[tuple[int, str | None]]:
    t = talk.t
    found: dict[int, str | None] = {}
    n_sentences = len(t.sentences)
    for m in changes + talk.leave_requests():
        if m.positive and m.mood != "report":
            found.setdefault(m.sentence, None)
    # a positive word on a feedback noun in a sentence that asks: "a 5-star review would mean the world"
    feedback = talk.feedback
    reported = {m.sentence for m in talk.leaves if m.mood == "report"}
    requested = {m.sentence for m in talk.leaves if m.mood == "request"}
    for p0, p1 in t.occurrences("positive"):
        p_end = t.sentences[t.sentence_of[p0]][1]  # "...works better. Your comments...": not across sentences
        noun = next((k for k in range(p0, min(p1 + 3, p_end)) if k in feedback), None)
        if noun is None:
            continue
        s0, s1 = t.sentences[t.sentence_of[p0]]
        # "thanks for the 5 stars", "高評価をいただき、ありがとうございます": not "we'd be grateful for 5 stars"
        thanked = talk.has("thanks", s0, s1) and not talk.has("request", s0, s1)
        # "wir bitten niemanden um gute Bewertungen": the ask denied in its clause
        if thanked or t.sentence_of[p0] in reported or talk.denied(p0) or p0 in talk.quoted:
            continue  # (or the buyer's words quoted: "You asked: 'send the black one and I'll give 5 stars'")
        asks_near = t.sentences[min(t.sentence_of[p0] + 1, n_sentences - 1)][1]
        # asked for, bargained for, or claimed as owed ("you owe us a better rating"); proposed in a question
        # ("tu nous mets un petit 5/5 ?")
        if (
            talk.is_question(s1)
            or talk.has("request", s0, asks_near)
            or talk.has("exchange", s0, s1)
            or talk.has("satisfied", s0, s1)
            or talk.has("demand", s0, s1)
            or talk.has("guilt", s0, s1)
            or t.sentence_of[p0] in requested
        ):
            found.setdefault(t.sentence_of[p0], None)
    # asking only happy buyers ("happy with it? then we'd love your feedback")
    asking = {m.sentence for m in talk.leave_requests()} | _asked_for_feedback(talk, glue)
    for s in asking:
        if talk.has("notify", *t.sentences[s]):  # "if you are satisfied ..., it is possible to update": a notice
            continue
        if talk.has("satisfied", t.sentences[max(s - 1, 0)][0], t.sentences[s][1]):
            found.setdefault(s, "happy-only")
    # two branches: "Enjoying your lamp? Tell the world on Amazon! Not happy? Just reply here."
    for s in _happy_branch(talk):
        found.setdefault(s, "happy-only")
    # steering unhappy buyers to "contact us instead"
    denied_bargains = {o.sentence for o in talk.offers if o.neutral}
    reported = {k for m in talk.leaves if m.mood == "report" for k in range(m.first, m.last)}
    for m in talk.leaves:
        s = m.sentence
        if m.negated and s in denied_bargains and talk.has("exchange", *t.sentences[s]):
            continue  # "nunca ofrecemos dinero a cambio de valoraciones": the bargain is denied, no review is
        if m.negated and (m.mood == "request" or talk.has("negative", m.first, m.last)):
            found.setdefault(s, "steering")
            continue
        if m.mood == "report":
            continue  # "you'd left us a low rating before you heard back from us" tells what was done, not what to do
        if talk.seller_acts(m.first):
            continue  # "sellers can post one response under a comment": the seller's own writing, no buyer's
        for near in (s, s - 1):
            if 0 <= near < n_sentences:
                f, e = t.sentences[near]
                if talk.has("steer", f, e) and talk.has("contact-us", f, e):
                    found.setdefault(s, "steering")
    for k in sorted({*feedback, *(i for i, _ in t.occurrences("feedback-topic"))} - reported):
        f, e = t.sentences[t.sentence_of[k]]
        # "negative feedback ... contact us first", "let us know here, rather than publicly", "an uns und nicht an die
        # Bewertungsfunktion"; a verb of rating too ("Antes de valorar, escríbanos")
        steered = talk.has("negative", max(f, k - 3), k) or talk.has("steer", max(f, k - 3), k)
        if JAPANESE.match(t.words[k]):  # 評価を投稿される前に: the steer comes after the noun
            steered = steered or talk.has("steer", k + 1, min(e, k + 8))
        if steered and talk.has("steer", f, e) and talk.has("contact-us", f, e) and not _told(talk, f, e):
            found.setdefault(t.sentence_of[k], "steering")
    # "we offer nothing in exchange for reviews": a sentence that denies any link asks for nothing
    return sorted((s, v) for s, v in found.items() if not talk.has("neutral-offer", *t.sentences[s]))


def _asked_for_feedback(talk: Talk, glue: frozenset[str]) -> set[int]:
    """Sentences where a request takes a feedback noun with no verb of giving: "we'd love your feedback"."""
    t = talk.t
    rated = t.at("positive")
    found: set[int] = set()
    for i, j in t.occurrences("request"):
        s1 = t.sentences[t.sentence_of[i]][1]
        for k in range(j, min(j + 5, s1)):
            if k in talk.feedback:
                found.add(t.sentence_of[i])
                break
            if t.words[k] not in glue and k not in rated:
                break
    return found


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(span[0] < b and a < span[1] for a, b in spans)


def _withheld(talk: Talk, joints: frozenset[str]) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """ "We will send the return label once the rating is revised", "your refund will be released the moment your
    score goes up": something owed or offered, still to come, made to wait on a condition about the feedback. The
    condition is the clause a conditional word opens; it names the feedback and is not the approved notice (a
    satisfied buyer told what is possible). The rest of the sentence names what is held and is still to come."""
    t = talk.t
    found: list[tuple[tuple[int, int], tuple[int, int]]] = []  # (the condition, what it holds back)
    for i, j in t.occurrences("conditional"):
        s0, s1 = t.sentences[t.sentence_of[i]]
        if not talk.says(i):  # 「評価を変えたら返金してもらえるか」という点ですが: the buyer's question quoted
            continue
        if t.has("neutral-offer", s0, i):  # "Sie haben gefragt, ob ..., wenn Sie die Bewertung löschen": their question
            continue
        if JAPANESE.match(t.words[i]):
            # Japanese closes the condition with its word: 評価に関するご対応が確認できるまで、返品の承認を保留
            # (it opens after a clause joined to it: レビューでもよくご質問いただくのですが、少なめでしたら)
            i, end = talk.clause_start(i), j
            i = next((k + 1 for k in range(j - 1, i, -1) if t.words[k] == "、" and t.words[k - 1] in joints), i)
            named = talk.feedback_within(i, end)
        else:
            end = talk.clause_end(i)
            named = talk.feedback_within(j, end)
            # "if the feedback isn't changed I can't process the return": with no comma, "I"/"we" opens the main
            # clause
            if named:
                end = next((k for k in t.at("seller-subject") if named[0] < k < end), end)
        if not named:
            continue
        if t.has("notify", i, end) or t.has("satisfied", max(s0, i - 1), end):
            continue
        # "if the feedback isn't changed I can't process the return": a negated condition holds back what a negated
        # clause refuses ("if the rating doesn't change, the refund still goes ahead" refuses nothing)
        # (not a negation the change itself is said with: "sobald Ihre Bewertung nicht mehr angezeigt wird")
        states = t.within("changed-state", i, end)
        unless_changed = any(not any(a <= n < b for a, b in states) for n, _ in t.within("negation", i, end))
        for a, b in ((s0, i), (end, s1)):  # the rest of the sentence, before and after the condition
            # what is held: a thing owed or offered, or the seller's sending it ("lo spediamo appena ...")
            for h0, h1 in t.within("held", a, b) + t.within("compensation", a, b) + t.within("dispatch", a, b):
                c0, c1 = max(a, talk.clause_start(h0)), min(b, talk.clause_end(h0))
                if unless_changed:
                    if t.has("negation", c0, c1) and not t.has("neutral-offer", s0, s1):
                        found.append(((i, end), (h0, h1)))
                        break
                    continue
                wills = t.within("will", c0, c1) + t.within("dispatch", c0, c1)  # "we ship it once ...": to come
                settled = t.within("settled", c0, c1)
                if wills and (not settled or wills[0][0] < settled[0][0]):  # still to come ("will be processed")
                    found.append(((i, end - 1 if not t.is_word(end - 1) else end), (h0, h1)))
                    break
    return found


def _harm(talk: Talk) -> list[tuple[int, int]]:
    """ "One negative rating is closing our account": harm to the seller blamed on the feedback, in one sentence; and a
    debt claimed ("we did our part, now do yours on the review")."""
    t = talk.t
    about = talk.feedback_sentences
    harm = [
        (i, j)
        for i, j in t.occurrences("harm")
        if t.sentence_of[i] in about or talk.led_by_feedback_pronoun(t.sentence_of[i])
    ]
    # (a debt reaches one sentence on: "no podemos condicionar un reembolso a las valoraciones. ... si usted hace su
    # parte, nosotros haremos la nuestra")
    debts = [(i, j) for i, j in t.occurrences("reciprocity") if {t.sentence_of[i], t.sentence_of[i] - 1} & about]
    # "nothing about your refund depends on what you wrote": harm denied (but 眠れません, "cannot sleep", is harm)
    return [(i, j) for i, j in sorted(harm + debts) if not talk.denied(i)]


def _dated(talk: Talk) -> list[tuple[int, int]]:
    """ "La valutazione che ci ha lasciato ci sembra ormai superata", "are you still happy with what you wrote?": the
    buyer's feedback said to be out of date, in its sentence, unless the buyer is told it is theirs to decide (the
    notice's "if you feel it no longer reflects ...")."""
    t = talk.t
    found: list[tuple[int, int]] = []
    for i, j in t.occurrences("dated"):
        s = t.sentence_of[i]
        s0, s1 = t.sentences[s]
        named = any(t.sentence_of[k] == s for k in talk.feedback_within(i - 12, j + 8))
        if named and not talk.denied(i) and not t.has("notify", s0, s1) and i not in talk.quoted:
            found.append((i, j))
    return found


def _favoured(talk: Talk) -> tuple[list[tuple[int, int]], set[int]]:
    """ "Customers who rate us fairly get priority on later warranty claims": better service promised to the buyers
    whose feedback pleases, in one sentence (a consequence hinted, whatever the state of the case); and the sentences
    that deny it ("... get no priority over anyone else")."""
    t = talk.t
    found: list[tuple[int, int]] = []
    denied: set[int] = set()
    for i, j in t.occurrences("favoured"):
        s = t.sentence_of[i]
        s0, s1 = t.sentences[s]
        rated = t.has("feedback", s0, s1) or t.has("positive", s0, s1) or t.has("feedback-topic", s0, s1)
        if not rated or not t.has("customer-group", s0, s1):
            continue
        if t.has("negation", s0, i):  # (a negation after it is not of the favour: "..., sin coste adicional")
            denied.add(s)
        else:
            found.append((i, j))
    return found, denied


def _asked_upgrade(talk: Talk) -> list[int]:
    """Sentences that ask, however softly, for the buyer's feedback to get better: "would you check your comments for
    accuracy", "a few more stars from you would brighten our day", "nudge your rating up to match"."""
    t = talk.t
    found: list[int] = []
    for i, j in t.occurrences("upgrade-hint"):
        if i in talk.quoted:
            continue  # « mon avis n'apparaît plus ? »: the buyer's words
        s = t.sentence_of[i]
        s0, s1 = t.sentences[s]
        if any(a <= i < b for a, b in t.within("notify", max(s0, i - 4), i + 1)):
            continue  # "entirely up to you": the buyer told it is theirs to decide
        near = [k for k in talk.feedback_within(i - 12, i + 6) if t.sentence_of[k] == s]
        if not near and not (
            s - 1 in talk.feedback_sentences and any(t.words[k] in ("it", "them") for k in range(max(s0, i - 4), i))
        ):
            continue
        asks_more = bool(talk.feedback_within(i, j))  # "a few more stars", "that fifth star": asks by itself
        if (
            # asked, or put as a question: "findest du die zwei Sterne noch fair?"
            # (a request denied just before it asks nothing: "it will stay as you wrote it - we won't ask you to change
            # it")
            not (
                asks_more
                or any(not t.has("negation", max(s0, r - 3), r) for r, _ in t.within("request", s0, s1))
                or talk.is_question(s1)
            )
            or t.has("negation", max(talk.clause_start(i), i - 3), i)
            or t.has("thanks", s0, min(near or [i]))
            # (not one taken back: "no strings attached, though a kinder word on the feedback wouldn't go amiss")
            or any(not t.has("contrast", n1, i) for _, n1 in t.within("neutral-offer", s0, s1))
            or t.has("seller-subject", max(s0, i - 3), i)
        ):  # "so we can do better" is the seller's aim
            continue
        if s not in found:
            found.append(s)
    return found
