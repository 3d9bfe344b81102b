"""How a message or response talks about the buyer's feedback.

The words alone prove nothing: "remove", "refund" and "review" all occur in honest service messages. What matters is
structure, found here over the tagged tokens:

- a *change mention*: a change verb bound to a feedback noun ("revise your rating", "once the feedback is gone",
  "take it down" when the message is about a review), unless it is negated ("you don't have to change your rating")
  or the seller's own action ("we updated the listing after your review"). Its mood is a request, a notice (the
  buyer is told a change is possible) or a report (the change already happened: "thank you for updating").
- a *leave mention*: a verb of giving bound to a feedback noun ("leave us a review", "rate us").
- *compensation*: an offer of value, or a settled one ("a refund has been issued").

The rules that tie these together by sentence and by message are in conduct.py.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import compress, count

from .lexicon import Tagged
from .morphology import JAPANESE
from .quotes import quoted_in_marks, quoted_lines

CLAUSE_BREAK = frozenset(",;:-()")  # punctuation that ends a clause
_LIST_ITEMS, _LIST_ITEM_WORDS = 4, 2  # the items of a list read back to its head (of a list of verbs, each so short)
_MARKED_REACH = 30  # words between a Japanese topic or object and the verb that acts on it
_RATING_DIGITS = frozenset("12345")  # "change it to 5 start": a number of stars, however the stars are spelt
# The tagged classes the structure below reads (word sets: TalkWords).
VOCABULARY = frozenset(
    {
        "feedback",
        "delivery",
        "positive",
        "negative",
        "change",
        "change-weak",
        "change-errand",
        "rethink",
        "changed-state",
        "wished-state",
        "buyer-wrote",
        "ends",
        "passive-glue",
        "leave",
        "rate-us",
        "compensation",
        "time-clause",
        "settled",
        "offer",
        "experience",
        "exchange",
        "negation",
        "not-negation",
        "neutral-offer",
        "reason",
        "conditional",
        "acceptance",
        "buyer-asked",
        "no-access",
        "notify",
        "request",
        "demand",
        "guilt",
        "repeat",
        "thanks",
        "deadline",
        "seller-subject",
        "buyer-subject",
        "object-stop",
        "satisfied",
        "contrast",
        "reported",
        "retraction",
        "not-ours",
        "third-party",
        "claim",
    }
)


@dataclass(frozen=True, slots=True)
class TalkWords:
    """The word sets (vocabulary classes of these names, "-" for "_") the structure compares single tokens with."""

    pronoun: frozenset[str]
    pronoun_subject: frozenset[str]
    after_pronoun: frozenset[str]
    new_value: frozenset[str]
    new_content: frozenset[str]
    pronoun_from: frozenset[str]
    pronoun_from_place: frozenset[str]
    what_clause: frozenset[str]
    what_clause_subject: frozenset[str]
    feedback_possessive: frozenset[str]
    seller_object: frozenset[str]
    seller_possessive: frozenset[str]
    conjunction: frozenset[str]
    join_filler: frozenset[str]
    marker_phrase: frozenset[str]
    relative_pronoun: frozenset[str]
    rated_adjective: frozenset[str]
    auxiliary: frozenset[str]
    past_form: frozenset[str]
    verb_hint: frozenset[str]
    bare_lead: frozenset[str]
    imperative_lead: frozenset[str]
    aux_glue: frozenset[str]
    passive_marker: frozenset[str]
    need: frozenset[str]
    article: frozenset[str]
    determiner: frozenset[str]
    wish_lead: frozenset[str]
    written: frozenset[str]
    when_where: frozenset[str]
    removal_verb: frozenset[str]
    upward: frozenset[str]
    still: frozenset[str]
    already: frozenset[str]  # "ha già modificato": a change done
    hearsay: frozenset[str]  # 評価を消したとのこと: a change the buyer is said to have done, acknowledged
    report_aux: frozenset[str]
    notice_modal: frozenset[str]
    negation_condition: frozenset[str]
    perfect_aux: frozenset[str]
    done_aux: frozenset[str]  # "dass Sie Ihre Bewertung aktualisiert haben": the participle still ends its clause
    exchange_for: frozenset[str]  # "cambiarlo por el modelo de 16 A": the goods swapped
    leave_passes: frozenset[str]
    feedback_modifier: frozenset[str]
    together: frozenset[str]
    label_lead: frozenset[str]
    state_lead: frozenset[str]  # "your (updated comment)": before a participle that tells the feedback's state
    whether: frozenset[str]
    change_noun: frozenset[str]
    change_noun_of: frozenset[str]
    leave_one: frozenset[str]
    negative_imperative: frozenset[str]
    final_change: frozenset[str]
    final_leave: frozenset[str]
    final_aux: frozenset[str]
    condition_particle: frozenset[str]
    object_link: frozenset[str]
    change_particle: frozenset[str]
    said_done: frozenset[str]  # 完了, 済: a change noun said done (削除が完了しましたら)
    case_marker: frozenset[str]
    case_marker_glue: frozenset[str]
    quote_particle: frozenset[str]
    relative_subject: frozenset[str]
    noun_relative: frozenset[str]
    list_ending: frozenset[str]
    clitic_lead: frozenset[str]  # "se me la togli": the first of two clitics, so the second is the verb's object


WORD_SETS = (TalkWords,)


@dataclass(slots=True)
class Mention:
    kind: str  # "change" or "leave"
    first: int  # token range it covers (verb and noun)
    last: int
    sentence: int
    mood: str  # "request", "notice", "report" or (leave only) "mention"
    negated: bool = False
    positive: bool = False


@dataclass(slots=True)
class Offer:
    """Compensation named in the text. `offered`: still to be given, or tied to something the buyer does;
    `settled`: already given or under way; neither: only mentioned ("if the replacement does not arrive...")."""

    first: int
    last: int
    sentence: int
    offered: bool
    settled: bool
    neutral: bool


class Talk:
    """The feedback mentions and offers of one tagged text."""

    def __init__(self, t: Tagged, public_response: bool = False, follow_up: bool = False):
        self.t = t
        self.has = t.has  # does a class occur starting in tokens [first, last)? (asked ~100 times a lint)
        self.w = t.vocabulary.word_sets(TalkWords)
        self.feedback = t.at("feedback")
        # the feedback nouns in order, and the sentences they are in: the scans below look them up by position
        self.feedback_order = sorted(self.feedback)
        self.feedback_sentences = {t.sentence_of[k] for k in self.feedback_order}
        # every token of a seller subject ("our team" ends at "team"), for finding who acts on a verb
        self._seller_words = {k for i, j in t.occurrences("seller-subject") for k in range(i, j)}
        # a public response stands next to the feedback, a follow-up continues a talk about it, and "you posted ..."
        # names the buyer's words: either way "please delete this" needs no feedback noun to be about the feedback
        wrote = t.occurrences("buyer-wrote")
        self.implied = public_response or follow_up or bool(wrote)
        # where the text first speaks of the feedback (a pronoun before that stands for something else)
        self._first_named = (
            0
            if public_response or follow_up
            else min([*self.feedback_order[:1], *(i for i, _ in wrote[:1])], default=None)
        )
        self.about_feedback = bool(self.feedback) or bool(t.occurrences("rate-us")) or self.implied
        # the sentences with a condition ("if", "unless"): a negation there is a threat, not a negation
        # "I understand if ...", "場合でも構いません": a condition accepted, not set
        accepted = {k for i, j in t.occurrences("acceptance") for k in range(i, j)}
        self._conditions = [k for k in _positions(t.words, self.w.negation_condition) if k not in accepted]
        self._conditional = {t.sentence_of[k] for k in self._conditions}
        self.changes: list[Mention] = []
        self._in_change: dict[int, int] = {}  # token -> how many change mentions cover it
        # the sentences that say the seller cannot change the feedback ("we can't edit reviews, only you can",
        # "nous n'y avons aucun accès"): who may change it, explained, not a notice
        self._seller_cannot = {t.sentence_of[i] for i, _ in t.occurrences("no-access")}
        self.leaves: list[Mention] = []
        self.offers: list[Offer] = []
        self.quoted: set[int] = set()  # the tokens of another's words quoted
        self._clauses()
        if self.about_feedback:
            self._find_changes()
            self._find_leaves()
        if t.occurrences("compensation"):
            self._find_offers()
        self.disavowed = self._disavowed()
        if self.disavowed:
            self._take_back()
        self._set_aside_quoted()
        self._wholly_quoted = self.quoted_sentences()

    # --- helpers over the tokens -----------------------------------------------------------------------------
    def _sentence(self, i: int) -> tuple[int, int]:
        return self.t.sentences[self.t.sentence_of[i]]

    def _clauses(self) -> None:
        """Where clauses break (sentence ends and , ; : - ( )), for bisecting; clause facts are cached per clause."""
        words = self.t.words
        self._breaks = [
            k
            for k in _positions(words, CLAUSE_BREAK)
            if not (words[k] == "," and 0 < k < len(words) - 1 and _digits(words[k - 1], words[k + 1]))
        ]  # "12,50 €" is one amount, not two clauses
        self._clause_facts: dict[tuple[int, int], tuple[bool, bool]] = {}

    def clause_start(self, i: int) -> int:
        """The first token of the clause that token i is in."""
        first = self._sentence(i)[0] if i < len(self.t.words) else 0
        k = bisect_left(self._breaks, i)
        return max(first, self._breaks[k - 1] + 1) if k else first

    def governing_clause(self, clause: int) -> int:
        """Where the clause before a comma starts, when the clause starting at `clause` follows it in one sentence (the
        clause a "dass"/"that" clause depends on), past the items of a list ("we require the order number, a photo of
        the fault, and confirmation that ..."); else `clause`."""
        t = self.t
        start = clause
        for _ in range(_LIST_ITEMS):
            if clause < 2 or t.words[clause - 1] != "," or t.sentence_of[clause - 2] != t.sentence_of[clause]:
                return clause
            before = self.clause_start(clause - 2)
            # an item: a noun phrase between commas ("a photo of the fault"), after the list's last ("and ...")
            item = (
                before >= 2
                and t.words[before - 1] == ","
                and t.words[before] in self.w.determiner
                and not self.tense(before, clause - 1)[1]
                and t.words[start] in self.w.conjunction
            )
            if not item:
                return before
            clause = before
        return clause

    def _bracket_opened(self, s0: int, i: int) -> int | None:
        """Where the bracket that token i stands in opened, if it stands in one (within its sentence)."""
        for k in range(i - 1, max(s0, i - 12) - 1, -1):
            if self.t.words[k] == ")":
                return None
            if self.t.words[k] == "(":
                return k
        return None

    def clause_end(self, i: int) -> int:
        """The end (exclusive) of the clause that token i is in."""
        last = self._sentence(i)[1]
        k = bisect_right(self._breaks, i)
        return min(last, self._breaks[k]) if k < len(self._breaks) else last

    def tense(self, first: int, last: int) -> tuple[bool, bool]:
        """(has a past-tense word, has any verb hint) for the clause [first, last)."""
        facts = self._clause_facts.get((first, last))
        if facts is None:
            words = self.t.words[first:last]
            past = not self.w.past_form.isdisjoint(words) or bool(_PAST_ED.search(" ".join(words)))
            facts = self._clause_facts[(first, last)] = (past, past or not self.w.verb_hint.isdisjoint(words))
        return facts

    def negated(self, first: int, verb: int, after: bool = True) -> bool:
        """A negation in the few words before `verb` (from `first`), or in Japanese (`after`) after it, not one that
        still asks."""
        t = self.t
        lo = max(first, verb - 5)
        listed = self._list_start(first, verb)
        if listed is not None:  # "we can't publish, edit or remove them": the list's negation
            lo = max(listed, verb - 9)
        negations = t.within("negation", lo, verb)
        if after and JAPANESE.match(t.words[verb]):  # Japanese denies after the verb: 削除することはできません
            negations += t.within("negation", verb + 1, self._verb_ending(verb))
        if not negations:
            return False
        asking = t.occurrences("not-negation")
        if all(any(a0 <= n0 < a1 for a0, a1 in asking) for n0, _ in negations):
            return False
        # "if you don't remove it we will..." is a threat, not a negation; a condition only after the verb is none
        # ("we can't remove it - only Amazon can, if it breaks their rules"), but Japanese puts its condition there
        if t.sentence_of[verb] not in self._conditional:
            return True
        if JAPANESE.match(t.words[verb]):
            return False
        k = bisect_left(self._conditions, verb)
        return not (k and self._conditions[k - 1] >= self._sentence(verb)[0])

    def denied(self, i: int) -> bool:
        """A negation just before token i in its own clause, not a condition's: "you are in no way obliged to", "we ask
        no one for good ratings", "nothing about your refund depends on ..."."""
        return self.negated(self.clause_start(i), i, after=False)

    def _verb_ending(self, verb: int) -> int:
        """Where the ending of a Japanese verb ends (することは決してございません), at its first negation, or before a
        condition it opens (削除しないと返金できません, 削除しなければ: "unless you delete", whose negation is the
        condition's, and the next verb's ません is not this verb's)."""
        t = self.t
        end = self.clause_end(verb)
        # 削除したり、削除を依頼したりすることはできません: a list of verbs shares the ending at its close
        while (
            end < min(len(t.words) - 1, verb + 20)
            and t.words[end] == "、"
            and t.words[end - 1].endswith(tuple(self.w.list_ending))
        ):
            end = self.clause_end(end + 1)
        end = min(end, verb + 20)
        negation = t.at("negation")
        k = verb + 1
        while k < end and not self._opens_condition(k):
            if k in negation:
                return k if self._opens_condition(negation[k]) else negation[k]
            k += 1
        return k

    def _opens_condition(self, k: int) -> bool:
        words = self.t.words
        return k < len(words) and (words[k] in self.w.condition_particle or words[k] in self.w.negation_condition)

    def _list_start(self, clause: int, verb: int) -> int | None:
        """Where the clause of a list of verbs starts when the verb is not its first ("publish, edit or remove",
        "modifier ou de supprimer"): the verb follows "or"/"and" within three words; None when it does not. The
        list's short items before commas belong to it ("we can't see, edit, approve or remove them")."""
        t = self.t
        if not any(t.words[k] in self.w.conjunction for k in range(max(clause, verb - 3), verb)):
            return None
        start = clause
        for _ in range(_LIST_ITEMS):
            if start < 2 or t.words[start - 1] != "," or t.sentence_of[start - 2] != t.sentence_of[verb]:
                break
            item = start - 1  # the comma ends the item before
            start = self.clause_start(start - 2)
            if item - start > _LIST_ITEM_WORDS:
                break  # a clause of its own, the list's head ("we can't see"): the list starts there
        return start

    def _buyer_asked(self, s0: int, first: int, last: int) -> bool:
        """A change the buyer's question or proposal is reported as, earlier in its sentence: "you asked whether you
        should change your review", "in Ihrer Nachricht fragen Sie, ob ...", "nos comentaba que otro vendedor le
        ofreció un cupón por cambiar su nota" (not what the seller asks: "we're asking you to update it"; nor an ask
        or a notice said after the report: "as you offered, please update it", "si ya resolvimos lo que nos comentó,
        es posible actualizar ...")."""
        t = self.t
        seller = t.at("seller-subject")
        return any(
            self._subject(i) != "seller"
            and not any(k in seller for k in range(self.clause_start(i), i))  # "Darf ich Sie fragen, ob ..."
            # (a question reported may hold its own "must": "mi hai chiesto se devi cancellare la recensione")
            and (self._asks_whether(j) or not any(self.has(name, j, first) for name in ("request", "demand")))
            and not self.has("notify", j, last)
            for i, j in t.within("buyer-asked", s0, first)
        )

    def _asks_whether(self, j: int) -> bool:
        """ "whether", "ob", "se" just after a verb of asking that ends at j: a question reported."""
        words = self.t.words
        return any(words[k] in self.w.whether for k in range(j, min(j + 3, len(words))))

    def _neutral_for(self, last: int, s0: int, s1: int) -> bool:
        """A denial of any exchange in the sentence [s0, s1) that reaches the mention ending at `last`: not one in a
        reason given after it ("remove the rating, since the rain does not depend on us") nor in a reason given
        before it that does not name the feedback ("visto che il furto non dipende da noi, le chiediamo di togliere
        il feedback")."""
        return any(
            (i < last or not self.has("reason", last, i)) and not self._reason_about_else(i)
            for i, _ in self.t.within("neutral-offer", s0, s1)
        )

    def _reason_about_else(self, i: int) -> bool:
        """Token i lies in a clause that gives a reason and does not name the feedback."""
        first = self.clause_start(i)
        return self.has("reason", first, i) and not self.feedback_within(first, self.clause_end(i))

    def _ask_denied_before(self, clause: int) -> bool:
        """The clause depends on a denied ask before its comma: "Wir würden Sie niemals bitten, Ihre Bewertung zu
        ändern"."""
        t = self.t
        before = self.governing_clause(clause)
        if before == clause:
            return False
        asks = sorted([*t.within("request", before, clause - 1), *t.within("demand", before, clause - 1)])
        if any(self.negated(before, i) for i, _ in asks):
            return True
        # the negation after the verb: "Wir erwarten nicht, dass Sie ...", "Nous n'exigeons pas que ..."
        asking = t.occurrences("not-negation")
        return bool(asks) and any(
            asks[0][1] <= n0 and not any(a0 <= n0 < a1 for a0, a1 in asking)
            for n0, _ in t.within("negation", asks[0][1], clause - 1)
        )

    def _subject(self, verb: int) -> str | None:
        """ "seller" when the nearest subject before the verb is we/I, "buyer" for you, "amazon" for Amazon ("Amazon
        elimina automaticamente alcuni feedback"), None when unknown."""
        t = self.t
        k = verb - 1
        first = self.clause_start(verb)
        seller = self._seller_words
        buyer = t.at("buyer-subject")
        auxiliaries = self.w.auxiliary
        while k >= first:
            if k in seller:
                return "seller"
            if t.words[k] == "amazon":  # opening its clause: "Ask Amazon to remove it" asks the buyer
                return "amazon" if k == first or not t.is_word(k - 1) else None
            if k in buyer or (k - 1 in buyer and buyer[k - 1] == k + 1):
                return "buyer"
            # (past an object pronoun before the verb too: "on va la corriger", "wir werden sie korrigieren")
            if t.words[k] not in auxiliaries and t.words[k] not in self.w.pronoun:
                return None
            k -= 1
        return None

    def _seller_denies(self, verb: int) -> bool:
        """The seller is the subject of the negated verb: "we can't remove", "nous ne pouvons pas changer"."""
        t = self.t
        negation = t.at("negation")
        k = verb - 1
        while k >= self.clause_start(verb) and (k in negation or t.words[k] in self.w.auxiliary):
            k -= 1
        return k in self._seller_words

    def _together(self, j: int) -> bool:
        """The verb that ends at j is done with the buyer: "(la recensione la) sistemiamo insieme"."""
        t = self.t
        return any(t.words[k] in self.w.together for k in range(j, min(j + 2, len(t.words))))

    def buyer_may(self, verb: int) -> bool:
        """The buyer is told they may do it, with no condition on it: "you can report it to Amazon", "Sie können sie
        aber an Amazon melden" (not "if you don't remove it, you can be sure we will report it")."""
        first = self.clause_start(verb)
        s0, s1 = self._sentence(verb)
        return (
            self.has("notify", first, verb)
            and self._clause_subject(verb) == "buyer"
            and not self.has("conditional", s0, s1)
        )

    def seller_acts(self, verb: int) -> bool:
        """The seller is the subject of the verb at `verb` ("sellers can post one response under a comment")."""
        return self._subject(verb) == "seller" or self._clause_subject(verb) == "seller"

    def _clause_subject(self, verb: int) -> str | None:
        """ "seller" or "buyer" when the clause of a verb that ends it names one of them as a subject and not the
        other, as German puts the subject first and the verb last ("Dank Ihrer Bewertung haben wir ... korrigiert",
        "Sie haben Ihre Bewertung schon gelöscht")."""
        first = self.clause_start(verb)
        buyer = self.has("buyer-subject", first, verb)
        seller = any(first <= k < verb for k in self._seller_words)
        return "seller" if seller and not buyer else "buyer" if buyer and not seller else None

    def _buyer_did(self, verb: int) -> bool:
        """The buyer is the subject of the verb: just before it, or, for a verb that ends its clause, in the clause."""
        t = self.t
        s1 = self._sentence(verb)[1]
        after = verb + 2 if verb + 1 < s1 and t.words[verb + 1] in self.w.done_aux else verb + 1
        ends_clause = after >= s1 or not t.is_word(after)
        return self._subject(verb) == "buyer" or (ends_clause and self._clause_subject(verb) == "buyer")

    # --- change mentions -------------------------------------------------------------------------------------
    def _find_changes(self) -> None:
        t = self.t
        used_nouns: set[int] = set()
        strong = t.at("change")
        verbs = [(i, j, "") for i, j in t.occurrences("change")]  # "": a strong change verb
        verbs += [(i, j, "weak") for i, j in t.occurrences("change-weak") if i not in strong]
        verbs += [(i, j, "errand") for i, j in t.occurrences("change-errand") if i not in strong]
        for i, j, weak in sorted(verbs):
            noun = self._object_of(i, j, stop_at_people=True)
            if (
                weak
                and noun is not None
                and noun not in self.feedback
                and (weak == "weak" or not self._feedback_named_near(noun))
            ):
                continue  # "fix the feedback" changes it; "we'll fix it" does not
            if noun is None and i and t.words[i - 1] in self.w.feedback_possessive and self._feedback_named_near(i):
                noun = i - 1  # "we demand its removal"
            if (
                noun is None
                and not weak
                and (stem := self._enclitic_stem(i, j)) is not None
                and not self._swapped(j)
                # (an imperative, its stem not ending in -r, asks by its form: "retírela", "toglilo")
                and (self._asked_for(i) or not stem.endswith("r"))
                # (a price set on it reaches further back: "hemos visto la valoración. La entendemos. Si ... decide
                # cambiarla, le devolveremos el 20 %")
                and self._feedback_named_near(i, reach=2 if self._priced(i) else 1)
            ):
                # "la preghiamo di ritirarla", "si quisiera modificarla": the object is written onto the verb, asked
                # for after the feedback was named ("antes de cambiarla" may mean the scale just named)
                noun = self.feedback_before(i)
            if noun is None and not weak and i and self._bare_verb(i, j) and self._feedback_named_near(i):
                before = t.words[i - 1]
                # (not when the courier or a maker is its subject: "appena il corriere lo ritira" picks the parcel
                # up, "se lo hemos pasado al fabricante para que lo mejore" improves the product)
                proclitic = (
                    before in self.w.pronoun
                    and not self.has("delivery", max(i - 3, 0), i - 1)
                    and not self.has("third-party", max(i - 5, 0), i - 1)
                )
                if (before in ("please", "kindly") and t.words[i] in self.w.removal_verb) or proclitic:
                    # "saw your 1 star, please remove asap": a bare removal asked for; "... il Suo feedback. Adesso
                    # basta: lo rimuova entro venerdì": a proclitic pronoun; either way the feedback just named
                    noun = self.feedback_before(i)
            if noun is None and not weak and self._pronoun_after(j) and self._feedback_named_near(i):
                noun = self.feedback_before(i)  # "... Ihre Bewertung ... Bitte entfernen Sie diese bis morgen"
            if noun is None and not weak and i > 1 and self._clitic_pair_before(i) and self._feedback_named_near(i):
                noun = self.feedback_before(i)  # "ho visto la stellina... se me la togli ti ridò i soldi"
            if noun is None and not weak:
                noun = self._object_before(i, j, used_nouns)  # "dass Sie Ihr Feedback bis morgen entfernen"
                if noun is not None and not JAPANESE.match(t.words[i]) and self._clause_subject(i) == "seller":
                    continue  # "Dank Ihrer Bewertung haben wir die Beschreibung korrigiert": the seller's own doing
            if noun is None and not weak and JAPANESE.match(t.words[i]):
                noun = self._marked_before(i, j)  # 評価につきましては、…更新や削除ができます
                if noun is None and self._asked_as_noun(i, j) and self._feedback_named_near(i):
                    noun = self.feedback_before(i)  # 評価を拝見しました。…削除をお願いいたします
                if noun is None and self._asked_once_done(i, j) and self._feedback_named_near(i):
                    noun = self.feedback_before(i)  # …削除することが可能です。削除が完了しましたらご連絡いただけますか
            if noun is None:
                continue
            # (the subject inside a separable verb, after its first part: "nehmen wir sie natürlich zurück")
            inside = j - i > 2 and self.has("seller-subject", i + 1, i + 2)
            if (inside or self._subject(i) in ("seller", "amazon")) and not self._together(j):
                continue  # what the seller or Amazon does is asked of no buyer (but "la sistemiamo insieme" is)
            used_nouns.add(noun)
            self._add_change(i, max(j, noun + 1), verb=i, noun=noun, passive=False)
        for k, kend in self.feedback.items():
            if k in used_nouns:
                continue
            verb = self._state_after(kend)
            if verb is not None:
                self._add_change(k, verb[1], verb=verb[0], noun=k, passive=True)
        # "Your review is false. If it is not deleted...": a pronoun subject standing for feedback just named
        for k in _positions(t.words, self.w.pronoun_subject):
            if k and t.words[k] in self.w.noun_relative and t.is_word(k - 1):
                continue  # "the photo that showed ...": a relative pronoun, standing for the noun before it
            if k + 1 < len(t.words) and t.words[k + 1] in self.w.change_noun:
                continue  # "para la revisión del procedimiento": an article before a noun, no pronoun
            if k not in used_nouns and self._feedback_named_near(k):
                verb = self._state_after(k + 1)
                if verb is not None and k not in self._in_change:
                    self._add_change(k, verb[1], verb=verb[0], noun=k, passive=True)
                    if self.changes[-1].mood == "report":
                        self._drop_last_change()
        covered = {m.first for m in self.changes} | {m.last - 1 for m in self.changes}
        for i, j in t.occurrences("rethink"):
            if i in self._in_change or i in covered:
                continue
            if (
                self._subject(i) == "seller"
                or (i and t.words[i - 1] in self.w.seller_object)
                or (j < len(t.words) and t.words[j] in self.w.seller_possessive)
                or t.words[self.clause_start(i)] in self.w.relative_subject
            ):
                continue  # "your review made us rethink our packaging"; "our formulator, who is looking again at it"
            s = t.sentence_of[i]
            if any(near in self.feedback_sentences for near in (s - 1, s, s + 1)):
                self._add_change(i, j, verb=i, noun=None, passive=False)

    def _object_before(self, i: int, j: int, used: set[int]) -> int | None:
        """The feedback noun a verb that ends its clause takes from before it, as German and Japanese put the object
        first: "dass Sie Ihr Feedback innerhalb von 48 Stunden entfernen", "votre avis, pourriez-vous le retirer"."""
        t = self.t
        if t.words[j - 1] not in self.w.final_change:
            return None
        # ("Ihre Bewertung zu aktualisieren oder zu entfernen": the chain ends the clause)
        if not self._ends_clause(i, self._chain_end(j)):
            return None
        reach = self._object_reach(i)
        earlier = self.feedback_within(reach, i)
        named = self.feedback_before(i)
        if not earlier and named is not None and self._pronoun_before(reach, i) and self._feedback_named_near(i):
            # "Wir haben Ihre Bewertung gesehen. Wir erwarten, dass Sie diese bis Freitag entfernen": a pronoun for
            # the feedback just named, in a clause a demand or a request governs
            governing = self.governing_clause(self.clause_start(i))
            # or told it may be done: "wissen Sie ja, wo Sie ihn ändern können"
            may = j < len(t.words) and t.words[j] in self.w.notice_modal
            asked = self.has("demand", governing, i) or self.has("request", governing, i)
            # (not the seller's own offer, the buyer nowhere addressed as who acts: "Wir würden Ihnen gern einen neuen
            # Bezug schicken oder, wenn Ihnen das lieber ist, das Brett komplett zurücknehmen")
            if may or (asked and not self._sellers_own(i)):
                earlier = [named]
        if not earlier or earlier[-1] in used:
            return None
        # "Ihre Bewertung zu aktualisieren oder zu entfernen": the noun is the first verb's, said once for both
        change = t.at("change")
        return None if any(k in change for k in range(earlier[-1] + 1, i)) else earlier[-1]

    def _marked_before(self, i: int, j: int) -> int | None:
        """The feedback noun made the topic or the object of a Japanese change verb at i that ends its phrase (評価は,
        評価につきましては ... 更新や削除ができます; 評価を新しいものに書き換え): the last feedback noun in the
        _MARKED_REACH words before the verb, when no other topic or object comes between."""
        t = self.t
        if "".join(t.words[i:j]) not in self.w.final_change:  # 削除, 更新, 書き換え; not 改善 ("improve")
            return None
        w = self.w
        change = t.at("change")
        first = max(self._sentence(i)[0], i - _MARKED_REACH)
        label = _bracketed(t.words, first, i)
        # the last noun so marked, past one that only names a place on the way (評価は、出品者用フィードバックの
        # ページから…削除いただけます; not 評価の変更, the change itself) and past a button's label (評価は、
        # 「出品者を評価」から…削除できます)
        for k in reversed(self.feedback_within(first, i)):
            if k in label:
                continue
            end = self.feedback.get(k, k + 1)
            if end < i and t.words[end] in w.new_value and (k in t.at("positive") or k in t.at("negative")):
                continue  # 星2つのご評価を、星5つへとご変更: the rating it is changed to, not what is changed
            m = k + 1
            while m < min(i, k + 5) and t.words[m] in w.case_marker_glue:
                m += 1
            if m < i and t.words[m] == "の" and m + 1 not in change:
                continue
            if m >= i or t.words[m] not in w.case_marker:
                return None
            # (not a marker that opens a phrase of manner: 今回の対応を踏まえて更新)
            other = (
                n
                for n in range(m + 1, i)
                if t.words[n] in w.case_marker and t.words[n + 1] not in w.marker_phrase and n not in label
            )
            return None if any(other) else k
        return None

    def _asked_as_noun(self, i: int, j: int) -> bool:
        """A Japanese change at tokens [i, j) named as a noun and asked for just after it, of nothing named before it
        (削除をお願いいたします; not 発送の削除, the shipment's)."""
        t = self.t
        named = i > 0 and t.words[i - 1] == "の"
        return not named and j < len(t.words) and t.words[j] in self.w.case_marker and self.has("request", j + 1, j + 2)

    def _asked_once_done(self, i: int, j: int) -> bool:
        """A Japanese change at tokens [i, j) named as a noun and said done in a sentence that asks something once it
        is (削除が完了しましたら一言ご連絡いただけますか): the change is what the ask waits for."""
        t, w = self.t, self.w
        end = self._sentence(i)[1]
        return (
            j + 1 < end
            and t.words[j] in w.change_particle
            and t.words[j + 1] in w.said_done
            and self.has("request", j + 2, end)
        )

    def _pronoun_before(self, first: int, i: int) -> bool:
        """An object pronoun in tokens [first, i) ("diese", "es"), not an article nor the buyer addressed ("Sie"), in a
        clause where the seller does not act ("wir haben die Größentabelle angepasst")."""
        t = self.t
        if self.has("seller-subject", first, i):
            return False
        buyer = t.at("buyer-subject")
        return any(
            t.words[k] in self.w.pronoun and t.words[k] not in self.w.article and k not in buyer
            for k in range(first, i)
        )

    def _clitic_pair_before(self, i: int) -> bool:
        """Two clitics before the verb at i ("se me la togli", "si me la quitas"): the second is its object, whatever
        follows the verb."""
        words = self.t.words
        return words[i - 1] in self.w.pronoun and words[i - 2] in self.w.clitic_lead

    def _bare_verb(self, i: int, j: int) -> bool:
        """A verb with no object after it: it ends its sentence or is followed by no word, a deadline, a clause of
        time ("la revoir une fois le nouveau moulin reçu"), thanks or "together"."""
        t = self.t
        return (
            j >= self._sentence(i)[1]
            or not t.is_word(j)
            or j in t.at("deadline")
            or j in t.at("time-clause")
            or j in t.at("thanks")
            or t.words[j] in self.w.together
        )

    def _object_reach(self, i: int) -> int:
        """How far back a clause-final verb at i takes its object from: its clause, or past a relative clause set off
        by commas ("die Bewertung, die Sie abgegeben haben, hier aktualisieren")."""
        clause = self.clause_start(i)
        before = self.governing_clause(clause)
        if before < clause and self.t.words[before] in self.w.relative_pronoun:
            return max(self.governing_clause(before), i - 16)
        return max(clause, i - 10)

    def _priced(self, i: int) -> bool:
        """The verb at i is the condition of something of value offered after it in its sentence."""
        clause = self.clause_start(i)
        return self.has("conditional", clause, i) and self.has("compensation", i, self._sentence(i)[1])

    def _asked_for(self, i: int) -> bool:
        """Asked for, or set as the condition of what is offered after it ("si quisiera modificarla, le
        reembolsaremos el cartucho"; not "antes de cambiarla, pruebe esto")."""
        clause = self.clause_start(i)
        return self.has("request", clause, i) or self._priced(i)

    def _enclitic_stem(self, i: int, j: int) -> str | None:
        """The verb a change with an object pronoun written onto it is made of: an infinitive ("ritirar-la",
        "eliminar-lo") or an imperative ("retíre-la", "bórra-la", "togli-la"); None for no such verb."""
        word = self.t.words[i]
        if j != i + 1 or (word not in self.w.final_change and i not in self.t.at("change")):
            return None
        for p in self.w.pronoun:
            if len(p) == 2 and word.endswith(p) and word[: -len(p)].endswith(("r", "e", "a", "i")):
                return word[: -len(p)]
        return None

    def _chain_end(self, j: int) -> int:
        """The end of the change verbs joined to the one ending at j by a conjunction ("update or remove"; one or two
        tokens: the segmenter cuts "または" in two)."""
        t, change, joins = self.t, self.t.at("change"), self.w.conjunction
        while j < len(t.words):
            n = 1 if t.words[j] in joins else 2 if "".join(t.words[j : j + 2]) in joins else 0
            while n and j + n < len(t.words) and t.words[j + n] in self.w.join_filler:
                n += 1  # "zu aktualisieren oder zu entfernen", "aktualisieren oder auch entfernen"
            if not n or j + n not in change:
                return j
            j = change[j + n]
        return j

    def _pronoun_after(self, j: int) -> bool:
        """A pronoun object right after a verb, past the buyer it addresses: "entfernen Sie diese"."""
        words = self.t.words
        k = self.t.at("buyer-subject").get(j, j)
        return k < len(words) and k > j and words[k] in self.w.pronoun

    def _named_next(self, k: int) -> bool:
        """The feedback is named at the opening of the sentence after token k's."""
        t = self.t
        s = t.sentence_of[k] + 1
        return s < len(t.sentences) and bool(self.feedback_within(t.sentences[s][0], t.sentences[s][0] + 3))

    def _feedback_named_near(self, k: int, reach: int = 1) -> bool:
        """The feedback was named before token k, in its sentence or in the `reach` sentences before it."""
        s = self.t.sentence_of[k]
        before = self.feedback_before(k)
        return before is not None and self.t.sentence_of[before] >= s - reach

    def led_by_feedback_pronoun(self, s: int) -> bool:
        """Sentence s opens with a pronoun subject for the feedback named in the sentence before: "That one-star
        feedback is the first thing people see. It's hitting our sales"."""
        if not s or s - 1 not in self.feedback_sentences:
            return False
        first = self.t.sentences[s][0]
        word = self.t.words[first]
        return word in self.w.pronoun_subject or word.split("'")[0] in self.w.pronoun_subject

    def feedback_before(self, k: int) -> int | None:
        """The last feedback noun before token k."""
        j = bisect_left(self.feedback_order, k)
        return self.feedback_order[j - 1] if j else None

    def feedback_within(self, first: int, last: int) -> list[int]:
        """The feedback nouns in tokens [first, last)."""
        order = self.feedback_order
        return order[bisect_left(order, first) : bisect_left(order, last)]

    def _object_of(self, i: int, j: int, stop_at_people: bool) -> int | None:
        """The feedback noun (or pronoun standing for it) a verb at tokens [i, j) takes as object."""
        t = self.t
        words = t.words
        feedback = self.feedback
        pronouns = self.w.pronoun
        for k in range(i + 1, j):  # inside a phrase: "take the review down"
            if k in feedback or (words[k] in pronouns and self._pronoun_is_feedback(k, inside=True)):
                return k
        if j - i > 2 and words[i + 1] in self.w.determiner and j < len(words) and words[j] in pronouns:
            return None  # "takes the shine off it": the phrase holds its own object; the pronoun is where from
        s1 = self._sentence(i)[1]
        if j < s1 and words[j] in self.w.what_clause and j + 1 < s1 and words[j + 1] in self.w.what_clause_subject:
            for k in range(j + 2, min(j + 8, s1)):
                if k in feedback:
                    return k
                if not t.is_word(k):
                    break
            # "(hemos leído su valoración.) Si ... cambia lo que puso": what the buyer wrote, the feedback just named
            if j + 2 < s1 and j + 2 in t.at("leave") and self._feedback_named_near(i):
                return self.feedback_before(i)
        stops = t.at("object-stop")
        positive, negative = t.at("positive"), t.at("negative")
        rated_words = self.w.rated_adjective
        conjunctions = self.w.conjunction
        passes = self.w.leave_passes
        told = t.at("notify")  # "modifier ou retirer à tout moment l'évaluation": passed over, as if not there
        # "suppression de votre commentaire", "la eliminación de la misma": a change named by a noun, its object
        # after "de"
        of_change_noun = j < s1 and words[j] in self.w.change_noun_of and words[j - 1] in self.w.change_noun
        k, end = j, min(j + 6, s1)
        while k < end:
            if k in told:
                end = min(end + told[k] - k, s1)
                k = told[k]
                continue
            if k in feedback:
                return k
            word = words[k]
            if not word[0].isalnum():
                return None
            # "remove it"; "Entfernen Sie sie": the object pronoun after the polite subject, or a change noun's "de"
            at_object = k == j or (k == j + 1 and (j in self.t.at("buyer-subject") or of_change_noun))
            if at_object and word in pronouns and self._pronoun_is_feedback(k, inside=False):
                return k
            # ("leave neutral or negative feedback", "remove the harsh and unfair review": past the conjunction; and
            # past a change noun's "de")
            passed = (
                word in conjunctions
                and k > j
                and (k - 1 in positive or k - 1 in negative or words[k - 1] in rated_words)
            ) or (k == j and of_change_noun)
            # (and "write a product review": a noun that names which feedback)
            modifies = word in self.w.feedback_modifier and k + 1 in feedback
            if not passed and k in stops and (stop_at_people or word not in passes) and not modifies:
                return None
            k += 1
        return None

    def _pronoun_is_feedback(self, k: int, inside: bool) -> bool:
        """ "it" stands for the feedback when the text names feedback and nothing else follows the pronoun."""
        if not self.feedback and not self.implied:
            return False
        # spoken of before it, not only later ("When you change it, lift the clock off its hook ... you can update
        # the feedback you left"): a pronoun looks back, or at most to the words just after its sentence ("Could you
        # remove it, please? The feedback, I mean.")
        if self._first_named is None or (self._first_named > k and not self._named_next(k)):
            return False
        if self._claim_between(k):
            return False
        if inside:
            return True
        t = self.t
        nxt = k + 1
        if nxt >= len(t.words) or t.sentence_of[nxt] != t.sentence_of[k] or not t.is_word(nxt):
            return True
        word = t.words[nxt]
        w = self.w
        if word in w.new_value:
            if t.words[k - 1] in w.removal_verb:  # "remove it to avoid ...": a purpose, not a new value
                return True
            # "change it to 5 stars", "... to 5 start" (a rating however it is spelt), "change it to reflect ..."
            return nxt + 1 < len(t.words) and (
                nxt + 1 in t.at("positive") or t.words[nxt + 1] in w.new_content or t.words[nxt + 1] in _RATING_DIGITS
            )
        if word in w.pronoun_from:
            return nxt + 1 < len(t.words) and t.words[nxt + 1] in w.pronoun_from_place
        return word in w.after_pronoun

    def _sellers_own(self, i: int) -> bool:
        """The seller is who acts in the sentence up to token i, and the buyer is nowhere named as who acts."""
        opening = self.t.sentences[self.t.sentence_of[i]][0]
        return self.has("seller-subject", opening, i) and not self.has("buyer-subject", opening, i)

    def _claim_between(self, k: int) -> bool:
        """A claim the buyer opened, named in the pronoun's sentence after any feedback noun there: what the pronoun
        stands for ("If you've opened an A-to-z claim, there's no need to withdraw it")."""
        t = self.t
        start = t.sentences[t.sentence_of[k]][0]
        named = bisect_left(self.feedback_order, k)
        if named and self.feedback_order[named - 1] >= start:
            start = self.feedback_order[named - 1]
        return self.has("claim", start, k)

    def _state_after(self, kend: int) -> tuple[int, int] | None:
        """After a feedback noun, the change that happens to it: "the review (you wrote) could be revised"."""
        t = self.t
        s1 = self.t.sentences[t.sentence_of[kend - 1]][1]
        change = t.at("change")
        state = t.at("changed-state")
        glue = t.at("passive-glue")
        wished = t.at("wished-state")
        guilt = t.at("guilt")
        w = self.w
        labelled = self._labelled_change(kend, s1, change)
        if labelled is not None:
            return labelled
        for m in range(kend, min(kend + 9, s1)):
            chained = self._chain_end(change[m]) if m in change else m
            if m in change and chained > change[m]:
                return m, chained  # "評価を更新または削除することが可能です"
            if m in change and (
                (m == kend and not t.words[m].endswith(_GERUND))  # (not "está revisando", folded "esta revisando")
                or (  # 評価の見直しをお願い: "the rating's revision" (見直 し も: past the noun's last kana)
                    m == kend + 1
                    and t.words[kend] in w.object_link
                    and any(t.words[k] in w.change_particle for k in range(change[m], min(change[m] + 2, s1)))
                )
                or change[m] - m > 1
                or self._past(m)
                or t.words[m - 1] in w.need
                or (t.words[m - 1] == "be" and not t.words[m].endswith("ing"))  # "it can be remove"
            ):
                # "feedback removal", "is updated", "gets taken down", "needs updating"; not "we ... are changing"
                return m, change[m]
            if m in state:
                return m, state[m]
            if m in t.at("ends") and (m + 1 >= s1 or not t.is_word(m + 1)):
                return m, m + 1
            if m in wished and (self._wished_for(kend) or any(t.words[g] in w.wish_lead for g in range(kend, m))):
                return m, wished[m]
            if m not in glue and m not in guilt and t.words[m] not in w.article:
                return self._passive_later(kend, s1)
        return None

    def _labelled_change(self, kend: int, s1: int, change: dict[int, int]) -> tuple[int, int] | None:
        """A to-do written as a label: the feedback noun, a colon, and the change with nothing of its own to act on
        ("- feedback da 1 stella: da togliere appena arriva", "Bewertung: bitte entfernen, sobald es da ist")."""
        t = self.t
        # (past what says which feedback: "feedback da 1 stella:")
        colon = next((k for k in range(kend, min(kend + 4, s1)) if t.words[k] in (":", "\uff1a")), None)
        if colon is None or any(not t.is_word(k) for k in range(kend, colon)):
            return None
        m = colon + 1
        while m < min(kend + 4, s1) and (t.words[m] in self.w.label_lead or m in t.at("request")):
            m += 1
        if m not in change:
            return None
        j = self._chain_end(change[m])
        if self._bare_verb(m, j) or j in t.at("conditional"):
            return m, j
        return None

    def _passive_later(self, kend: int, s1: int) -> tuple[int, int] | None:
        """ "Your comment is a lie and has to be removed": a passive change further on in the same clause, with no
        other thing (the listing, the order) and no "we" in between to be its subject."""
        t = self.t
        change = t.at("change")
        stops = t.at("object-stop")
        seller = t.at("seller-subject")
        w = self.w
        end = min(self.clause_end(kend - 1), kend + 10, s1)
        # "the feedback (left on 3 March) is withdrawn", "any feedback (relating to the order) has been withdrawn": a
        # when/where phrase of the buyer's writing, to the verb that follows it
        relative = kend < s1 and t.words[kend] in w.written
        opened = kend if kend < s1 and t.words[kend] in w.when_where else -1  # where the phrase opens
        buyer = t.at("buyer-subject")
        for m in range(kend + 1, end):
            word = t.words[m]
            relative = relative or word in w.written
            if relative and word in w.when_where:
                opened = m
            elif word in w.passive_marker or (word in w.aux_glue and m > opened + 1):  # ("relating to the order")
                opened = -1
            phrase = opened >= 0
            if m in seller or (
                m in stops
                and word not in w.passive_marker
                and word not in w.aux_glue
                and not phrase
                and m + 1 not in buyer  # the buyer as the agent: "(die Bewertung) durch Sie selbst angepasst werden"
            ):
                return None
            if (
                m in change
                # "is withdrawn"; and at the end of a German clause, "dass sie jederzeit angepasst werden kann"
                and (t.words[m - 1] in w.passive_marker or self._marker_after(kend, m, change[m], end))
                and self._past(m)
            ):
                return m, change[m]
        return None

    def _wished_for(self, kend: int) -> bool:
        """The feedback noun ending at kend is under a condition or a request in its clause: "if your review
        reflected ...", "all we ask is that your feedback shows ..."."""
        clause = self.clause_start(kend - 1)
        return self.has("conditional", clause, kend) or self.has("request", clause, kend)

    def _marker_after(self, kend: int, m: int, j: int, end: int) -> bool:
        """A passive marker after the change verbs at [m, j), the feedback named (not a pronoun that may stand for
        anything) and nothing else joined between them: "(dass die Bewertung) angepasst oder zurückgenommen werden",
        not "(ob die Polster getauscht oder das Sofa) zurückgenommen wird"."""
        t = self.t
        if kend not in self.feedback.values():
            return False
        after = self._chain_end(j)
        if after >= end or t.words[after] not in self.w.passive_marker:
            return False
        return not any(t.words[k] in self.w.conjunction for k in range(kend, m))

    def _add_change(self, first: int, last: int, verb: int, noun: int | None, passive: bool) -> None:
        t = self.t
        clause = self.clause_start(min(first, verb))
        s0, s1 = self._sentence(verb)
        # a sentence that denies any exchange or reports the buyer's question ("Sie hatten gefragt, ob Sie Ihre
        # Bewertung jetzt noch ändern können"), or an ask denied before the comma
        reported = (
            self._neutral_for(last, s0, s1) or self._ask_denied_before(clause) or self._buyer_asked(s0, first, last)
        )
        denied = self.negated(clause, verb) or (passive and not reported and self.negated(first, verb))
        negated = denied or reported
        mood = self._change_mood(first, verb, clause, passive, noun)
        listed = self._list_start(clause, verb)
        if listed is not None:  # "die Möglichkeit, Ihre Bewertung anzupassen oder zu entfernen": as the first
            s = t.sentence_of[verb]
            recent = self.changes[-3:]  # the list's earlier verbs were just read (a bound: no scan of them all)
            mood = next((m.mood for m in reversed(recent) if m.sentence == s and m.first >= listed), mood)
        if (
            denied
            and not reported
            and self._subject(verb) != "seller"
            and (
                any(t.words[k] in self.w.still for k in range(clause, min(verb + 5, s1)))
                or self.has("repeat", clause, min(last + 4, s1))
            )
        ):
            negated, mood = False, "request"  # "you still haven't removed it": a reproach, not a negation
        if denied and self._seller_denies(verb if listed is None else listed):  # "we can't edit or remove"
            self._seller_cannot.add(t.sentence_of[verb])
        positive = t.words[verb] in self.w.upward or self._asks_positive(last, s1)
        self.changes.append(Mention("change", first, last, t.sentence_of[verb], mood, negated, positive))
        for k in range(first, last):
            self._in_change[k] = self._in_change.get(k, 0) + 1

    def _drop_last_change(self) -> None:
        m = self.changes.pop()
        for k in range(m.first, m.last):
            self._in_change[k] -= 1
            if not self._in_change[k]:
                del self._in_change[k]

    def _change_mood(self, first: int, verb: int, clause: int, passive: bool, noun: int | None) -> str:
        t = self.t
        s0, s1 = self._sentence(verb)
        # "we saw your updated comment, thank you": the change done, named as the feedback's state
        named_state = noun == verb + 1 and verb and t.words[verb - 1] in self.w.state_lead and self._past(verb)
        if named_state and not self.has("request", s0, s1):
            return "report"
        conditional_before = self.has("conditional", clause, verb)
        if not conditional_before:
            thanks = self.t.within("thanks", s0, first)
            # "thanks for updating it" reports; "nous vous remercions de bien vouloir modifier" asks, politely, and so
            # does a request the thanks word is part of ("we'd appreciate you amending your rating")
            if thanks and not self.has("request", thanks[-1][1], verb) and not self._asked_by(thanks[-1][0]):
                return "report"
            past = self._past(verb)
            # "abbiamo visto che ha aggiornato la Sua valutazione: grazie", "評価を見直していただいたとのこと、感謝
            # いたします": a change done, thanked for after it
            done = past or any(_japanese_past(t.words[k]) for k in range(verb + 1, min(verb + 5, s1)))
            acknowledged = done and (
                self._heard_after(verb)
                or self.has("thanks", first, s1)
                # (not "feedback can be updated or removed. thx for patience": a passive told possible)
                or (not passive and self._thanked_next(verb))
            )
            if acknowledged and not self.has("request", s0, s1) and not self.is_question(s1):
                return "report"
            if passive:
                # "it has been updated", "eso ya está corregido": a state told, the change done
                # (or done by the buyer: "dass Sie Ihre Bewertung geändert haben")
                stated = any(t.words[k] in self.w.report_aux for k in range(first, verb)) or (
                    past and (self._already(clause, verb) or self._buyer_did(verb))
                )
                if stated and not self.has("request", s0, s1):
                    return "report"
            elif (
                past
                and (self._buyer_did(verb) or self._already(clause, verb))
                and not self.has("request", s0, s1)
                and not self.is_question(s1)
            ):
                # "you have deleted it", "Sie haben sie schon gelöscht", "ci scrive che ha già modificato la sua
                # recensione"; "have you deleted it yet?" chases the change
                return "report"
        if passive and any(t.words[k] in self.w.notice_modal for k in range(first, verb)):
            return "notice"
        # "would you be able to", "we wondered ... able" ask; a request in an earlier clause does not make the notice
        # one ("Sollten Sie der Meinung sein, ..., können Sie Ihr Feedback aktualisieren": "if" said as "should you")
        # ("haben Sie die Möglichkeit, Ihre ursprüngliche Bewertung hier zu aktualisieren": the notice governs the
        # clause after its comma, the verb at the clause's end)
        # (and, with nothing asked between, a notice that opens the verb's clause: German puts the verb last, "können
        # Sie Ihr ursprünglich abgegebenes Feedback hier aktualisieren")
        verb_clause = self.clause_start(verb)
        if any(
            (
                # "si me puedes hacer el favor de quitarla": a request between the notice's word and the verb asks
                ((verb - 4 <= e <= verb or (b >= verb_clause and e <= verb)) and not self.has("request", e, verb))
                or (t.words[e] == "," and verb_clause == e + 1)
            )
            and not self.has("request", self.clause_start(b), b)
            for b, e in t.within("notify", max(s0, verb - 14), verb)
        ):
            return "notice"
        requests = t.within("request", s0, s1)
        if not self.is_question(s1):  # "ist es möglich, ..." tells; "Ist es möglich, ...?" asks
            told = set(t.within("notify", s0, s1))
            requests = [span for span in requests if span not in told]
        if requests:
            return "request"
        if self.has("notify", s0, s1):
            return "notice"
        return "request"

    def _heard_after(self, verb: int) -> bool:
        """A Japanese hearsay ending just after the verb (消したとのこと, 更新されたと伺い): the seller repeats what the
        buyer said they did. (Read past a line break: "評価を消した、" may end its line.)"""
        if not JAPANESE.match(self.t.words[verb]):
            return False
        after = "".join(self.t.words[verb + 1 : verb + 8])
        return any(marker in after for marker in self.w.hearsay)

    def _thanked_next(self, verb: int) -> bool:
        """The sentence after the verb's thanks for it and asks nothing ("Hemos visto que ha actualizado su valoración.
        No hacía falta, pero se lo agradecemos mucho.")."""
        t = self.t
        s = t.sentence_of[verb] + 1
        if s >= len(t.sentences):
            return False
        first, last = t.sentences[s]
        return self.has("thanks", first, last) and not self.has("request", first, last) and not self.is_question(last)

    def _already(self, clause: int, verb: int) -> bool:
        """ "already" in the clause just before the verb: the change is done ("ha già modificato")."""
        return any(self.t.words[k] in self.w.already for k in range(max(clause, verb - 3), verb))

    def _swapped(self, j: int) -> bool:
        """After a verb that ends at j, the goods swapped for others: "cambiarlo por el modelo de 16 A" (not
        "cambiarla por una de cinco estrellas", a rating)."""
        t = self.t
        if j >= len(t.words) or t.words[j] not in self.w.exchange_for:
            return False
        return not self.has("positive", j + 1, min(j + 6, self._sentence(j)[1]))

    def _asked_by(self, k: int) -> bool:
        """A request starts just before token k and takes it in ("we'd appreciate")."""
        return any(i < k < j for i, j in self.t.within("request", max(k - 3, 0), k))

    def _past(self, k: int) -> bool:
        """Token k is a verb's past form ("updated", "geändert")."""
        return _is_past(self.t.words[k]) or self.t.words[k] in self.w.past_form

    def is_question(self, s1: int) -> bool:
        """The sentence ending at s1 is a question."""
        return self.t.words[s1 - 1] == "?"

    def _asks_positive(self, last: int, s1: int) -> bool:
        """ "... to 5 stars", "... to positive" right after the mention."""
        t = self.t
        positive = t.at("positive")
        new_value = self.w.new_value
        for k in range(last - 1, min(last + 3, s1)):  # from the last word of "changed to"
            if t.words[k] in new_value and (k + 1 in positive or (k + 2 < s1 and k + 2 in positive)):
                return True
        return False

    # --- leave mentions --------------------------------------------------------------------------------------
    def _find_leaves(self) -> None:
        t = self.t
        for i, j in t.occurrences("leave"):
            noun = self._object_of(i, j, stop_at_people=False)
            if noun is None and j < len(t.words) and t.words[j] in self.w.leave_one and self._feedback_named_near(j):
                noun = j  # "negative reviews hurt us... think twice before leaving one"
            elif noun is None:
                noun = self._leave_object_before(i, j)
            if noun is None or (t.words[noun] in self.w.pronoun and t.words[noun] not in self.w.leave_one):
                continue
            if self._subject(i) == "seller":
                continue  # "we have shared your feedback with our quality team": the seller's doing
            self._add_leave(i, max(j, noun + 1), noun)
        for i, j in t.occurrences("rate-us"):
            if not any(m.first <= i < m.last for m in self.leaves):
                self._add_leave(i, j, None)

    def _leave_object_before(self, i: int, j: int) -> int | None:
        """The feedback noun a leave verb that ends its clause takes from before it, as German puts the object first:
        "wenn Sie keine Bewertung abgeben", "uns dafür eine negative Bewertung zu geben"."""
        if self.t.words[j - 1] not in self.w.final_leave or not self._ends_clause(i, j):
            return None
        earlier = self.feedback_within(self._object_reach(i), i)
        return earlier[-1] if earlier else None

    def _ends_clause(self, i: int, end: int) -> bool:
        """Does the verb at token i, ending at `end`, end its clause (past an auxiliary after it: "dass Sie Ihre
        Bewertung anpassen werden")?"""
        t = self.t
        if end < len(t.words) and t.words[end] in self.w.final_aux:
            end += 1
        return not (end < len(t.words) and t.is_word(end) and t.sentence_of[end] == t.sentence_of[i])

    def _add_leave(self, first: int, last: int, noun: int | None) -> None:
        t = self.t
        s0, s1 = self._sentence(first)
        clause = self.clause_start(first)
        # "if anything's wrong, don't leave a negative review": a negated imperative, whatever the condition; "geben
        # Sie keine Bewertung ab": the feedback denied; and "regardless of how you rate us, ...": said beside an offer
        # that nothing hangs on it, as for a change
        negated = (
            self.negated(clause, first)
            or self._negative_imperative(first)
            or (noun is not None and self._feedback_denied(noun, first))
            or self._neutral_for(last, s0, s1)
        )
        positive = self._positive_near(first, noun if noun is not None else last, last, s1)
        if any(w in self.w.perfect_aux for w in t.words[max(clause, first - 3) : first]) or self._buyer_wrote(first):
            mood = "report"  # "sorry you had to leave a review", "you've left us a review", "ご投稿いただいた評価"
        elif first and t.words[first - 1] in _MENU_STEP:
            mood = "mention"  # "under Your Orders > Leave seller feedback": the menu item named, not asked for
        elif negated and self.has("demand", clause, first):
            mood = "mention"  # "Sie müssen keine Bewertung abgeben, damit die Garantie gilt": no duty, told
        elif self.has("request", s0, s1) or self.has("exchange", s0, s1) or self._is_imperative(first, clause):
            mood = "request"
        elif self._past(first) or self.has("thanks", s0, first):
            mood = "report"
        else:
            mood = "mention"
        self.leaves.append(Mention("leave", first, last, t.sentence_of[first], mood, negated, positive))

    def _feedback_denied(self, noun: int, verb: int) -> bool:
        """The feedback noun a leave verb takes denied by its determiner and asked so ("bitte geben Sie keine
        Bewertung ab", "es wäre uns lieber, wenn Sie keine Bewertung abgeben"); not told ("Sie müssen keine Bewertung
        abgeben", "leaving no feedback is perfectly alright") nor a condition ("falls Sie keine Bewertung abgeben
        möchten, ist das in Ordnung")."""
        if not self.has("negation", max(self.clause_start(noun), noun - 2), noun):
            return False
        first = min(noun, verb)
        clause = self.clause_start(first)
        governing = self.governing_clause(clause)
        if not self.has("conditional", clause, first):
            return self.has("request", governing, max(noun, verb))  # ("geben Sie bitte keine negative Bewertung ab")
        return governing < clause and self.has("request", governing, clause)

    def _buyer_wrote(self, k: int) -> bool:
        """Token k names what the buyer already wrote ("the review you posted"), not something to do."""
        return any(i <= k < j for i, j in self.t.occurrences("buyer-wrote"))

    def _negative_imperative(self, first: int) -> bool:
        """A word (or two-word phrase) of negative-imperative just before the verb."""
        words = self.t.words
        said = self.w.negative_imperative
        if first == 0:
            return False
        return words[first - 1] in said or (first > 1 and f"{words[first - 2]} {words[first - 1]}" in said)

    def _is_imperative(self, verb: int, clause: int) -> bool:
        lead = self.w.imperative_lead
        words = self.t.words
        # an emoji or a mark before the verb leaves it first ("💪 Leave us 5 stars")
        return all(
            words[k] in lead or not words[k][0].isalnum() or k in self.t.at("negation") for k in range(clause, verb)
        )

    def is_bare_order(self, m: Mention) -> bool:
        """ "Remove the review." An imperative with nothing to soften it (no please, no question) is a demand."""
        t = self.t
        s0, s1 = t.sentences[m.sentence]
        clause = self.clause_start(m.first)
        if m.kind != "change" or m.mood != "request" or m.first not in t.at("change"):
            return False
        if any(t.words[k] not in self.w.bare_lead for k in range(clause, m.first)):
            return False
        return not self.is_question(s1) and not self.has("request", s0, s1) and not self.has("notify", s0, s1)

    def _positive_near(self, first: int, noun: int, last: int, s1: int) -> bool:
        t = self.t
        if any(first <= p < last for p in t.at("positive")):
            return True
        return any(noun <= p < min(last + 3, s1) for p in t.at("positive"))

    # --- compensation ----------------------------------------------------------------------------------------
    def _find_offers(self) -> None:
        t = self.t
        for i, j in _outermost(t.occurrences("compensation")):
            s0, s1 = self._sentence(i)
            c0, c1 = self.clause_start(i), self.clause_end(j - 1)
            # "if you are satisfied ..., it is possible to update": the approved notice's condition is no exchange
            approved_condition = self.has("satisfied", s0, s1) and self.has("notify", s0, s1)
            exchange = self.has("exchange", s0, s1) and not approved_condition
            offer_words = self.has("offer", c0, c1)
            has_past, has_verb = self.tense(c0, c1)
            done = self.has("settled", c0, c1)
            if not has_verb:  # "Refund: completed on 4 March", "el reembolso, por importe de 159 €, se realizó": a
                has_past, has_verb = self.tense(s0, s1)  # clause with no verb reads its sentence's verbs, and the
                done = done or self.has("settled", j, s1)  # one it is the subject of; an aside in brackets, the
                opened = self._bracket_opened(s0, i)  # sentence it explains ("返金が完了しました (返金額 2,480円)")
                if opened is not None:
                    done = done or self.has("settled", s0, opened)
            settled = not exchange and (done or (not offer_words and has_past))
            # a bare "20% off your next order!" is an offer too: no verb says otherwise
            verbless = not has_verb
            enjoyed = self.has("experience", c0, c1) and not exchange  # "hope you enjoy the replacement"
            offered = not settled and not enjoyed and (offer_words or exchange or verbless)
            # "we don't offer discounts in exchange for ratings", "non offriamo niente in cambio": an exchange denied
            # (but "no refund unless the review goes" is a condition)
            denials = t.within("negation", s0, i) if exchange and t.sentence_of[i] not in self._conditional else []
            # ("no refunds, discounts or gifts in exchange": the denial reaches down a list, not past a "but")
            denied = bool(denials) and not self.has("contrast", denials[-1][1], i)
            if denied:  # "no, we can't offer a voucher in exchange for changing your feedback" asks for no change
                self._negate_changes_in({t.sentence_of[i]})
            # ("no strings attached" frees an offer from nothing asked in another sentence: "I've sent a £5 refund - no
            # strings attached! Of course, if you felt like updating your rating, we'd be over the moon")
            said_free = self.has("neutral-offer", s0, s1) and not self._asked_elsewhere(t.sentence_of[i])
            self.offers.append(Offer(i, j, t.sentence_of[i], offered, settled, denied or said_free))

    def _asked_elsewhere(self, sentence: int) -> bool:
        """Is a change of the feedback asked for outside the sentence, and not left to the buyer there or just after
        ("... there you will see the option to remove it. Whether you do is completely up to you.")?"""
        return any(
            m.mood == "request" and not m.negated and m.sentence != sentence and not self.said_free(m.sentence)
            for m in self.changes
        )

    def said_free(self, sentence: int) -> bool:
        """Does the sentence, or the one after it, say that nothing hangs on it ("no strings attached", "whether you
        do is completely up to you")?"""
        t = self.t
        return self.has(
            "neutral-offer", t.sentences[sentence][0], t.sentences[min(sentence + 1, len(t.sentences) - 1)][1]
        )

    # --- what is taken back ---------------------------------------------------------------------------------
    def _disavowed(self) -> set[int]:
        """Sentences that report another's offer or ask in order to take it back, and the retractions beside them:
        "One of our agents said we would refund the shipping if you updated your rating. That should never have
        been written." A sentence that denies a message came from the seller takes back what it names and what the
        sentence before it reports ("Some buyers receive e-mails offering money to change their review. Those are
        not from us."). A retraction that makes a bargain of its own ("that was wrong; instead we'll send a voucher
        if you delete it") is not taken back with it."""
        t = self.t
        found: set[int] = set()
        for _, j in t.occurrences("not-ours"):
            s = t.sentence_of[j - 1]
            if not self._bargain_in(s, after=j):  # "... was not from us, but we will refund you if you delete it"
                found.update(range(max(s - 1, 0), s + 1))
        retracted = {t.sentence_of[i] for i, _ in t.occurrences("retraction")}
        if not retracted:
            return found
        for i, _ in t.occurrences("reported"):
            s = t.sentence_of[i]
            near = {r for r in retracted if s - 1 <= r <= s + 2}
            if near:
                found.add(s)
                found.update(r for r in near if not self._bargain_in(r))
        return found

    def _set_aside_quoted(self) -> None:
        """What another is quoted as saying asks and offers nothing in the seller's name: "Vous nous demandiez :
        « allez-vous supprimer mon avis ? »", 「返金しないなら評価を下げる」とのご連絡."""
        spans = self._attributed_quotes()
        if not spans:
            return
        self.quoted = {k for first, last in spans for k in range(first, last)}

        def quoted(first: int, last: int) -> bool:
            return all(k in self.quoted for k in range(first, last))

        for m in self.changes:
            if quoted(m.first, m.last):
                m.negated = True
        self.leaves = [m for m in self.leaves if not quoted(m.first, m.last)]
        for offer in self.offers:
            if quoted(offer.first, offer.last):
                offer.neutral = True

    def _attributed_quotes(self) -> list[tuple[int, int]]:
        """Token spans of the quoted statements said to be another's: followed by the Japanese quoting particle
        (「...」と), or in a sentence that reports ("you asked:", "vous nous demandiez", "ci scrive che")."""
        t = self.t
        lines = quoted_lines(t.text)  # a reply's quoted lines are the other's words whatever follows them
        quotes = lines + quoted_in_marks(t.text)
        if not quotes:
            return []
        from_reply = set(lines)
        # 「A」「B」といった: the particle after the last of a run of quotes quotes them all; where each run ends
        run_end: dict[int, int] = {}
        for a, b in sorted(quotes, reverse=True):
            run_end[a] = run_end.get(b, b)
        found: list[tuple[int, int]] = []
        for a, b in quotes:
            first, last = bisect_left(t.starts, a), bisect_left(t.starts, b)
            if first >= last:
                continue
            s0 = t.sentences[t.sentence_of[first]][0]
            s1 = t.sentences[t.sentence_of[last - 1]][1]
            if s0 and t.text[:a].rstrip().endswith(":"):  # "Vous nous avez écrit :" on the line before the quote
                s0 = t.sentences[t.sentence_of[s0 - 1]][0]
            # (read in the text: the particle opens a token, 」という, 」といった)
            # (a statement in single quotes is found only where a reply reports it: "you wrote: '...'")
            said = (
                (a, b) in from_reply or t.text[a] == "'" or t.text.startswith(tuple(self.w.quote_particle), run_end[a])
            )
            if said or self.has("reported", s0, s1) or self.has("buyer-wrote", s0, s1):
                found.append((first, last))
        return found

    def quoted_sentences(self) -> set[int]:
        """The sentences that are wholly another's words quoted (a reply's "> " lines, a quote said to be theirs)."""
        t = self.t
        if not self.quoted:
            return set()
        return {s for s, (first, last) in enumerate(t.sentences) if all(k in self.quoted for k in range(first, last))}

    def _negate_changes_in(self, sentences: set[int]) -> None:
        for m in self.changes:
            if m.sentence in sentences:
                m.negated = True

    def owns(self, sentence: int) -> bool:
        """Whether the seller says the sentence in their own name (it does not report words taken back, nor is it
        wholly another's words quoted)."""
        return sentence not in self.disavowed and sentence not in self._wholly_quoted

    def says(self, i: int) -> bool:
        """Whether the seller says token i in their own name: not in a sentence that reports words taken back, nor in
        another's words quoted."""
        return self.owns(self.t.sentence_of[i]) and i not in self.quoted

    def _bargain_in(self, sentence: int, after: int = 0) -> bool:
        """Does the sentence (from token `after` on) offer something for a change or a review?"""
        s0, s1 = self.t.sentences[sentence]
        s0 = max(s0, after)
        return self.has("compensation", s0, s1) and (self.has("change", s0, s1) or self.has("leave", s0, s1))

    def _take_back(self) -> None:
        """What a disavowed sentence reports asks for nothing and offers nothing."""
        self._negate_changes_in(self.disavowed)
        self.leaves = [m for m in self.leaves if m.sentence not in self.disavowed]
        for offer in self.offers:
            if offer.sentence in self.disavowed:
                offer.neutral = True

    # --- what the rules need ---------------------------------------------------------------------------------
    def live_changes(self) -> list[Mention]:
        return [m for m in self.changes if not m.negated]

    def removal_notices(self) -> list[Mention]:
        """Mentions that tell or ask the buyer to update/remove their feedback (reports of a change do not, nor does
        telling who may change it beside saying the seller cannot: "we can't edit reviews, only you can")."""
        return [m for m in self.live_changes() if m.mood != "report" and not self._who_may(m)]

    def _who_may(self, m: Mention) -> bool:
        """A change told beside the seller saying they cannot make it, with nothing asked: who may change the
        feedback, explained ("we can't edit reviews, only you can"; "nous n'avons aucun moyen de les modifier")."""
        if m.sentence not in self._seller_cannot:
            return False
        s0, s1 = self.t.sentences[m.sentence]
        return m.mood == "notice" or not (self.has("request", s0, s1) or self.has("demand", s0, s1))

    def leave_requests(self) -> list[Mention]:
        return [m for m in self.leaves if m.mood == "request" and not m.negated]


def _positions(words: list[str], among: frozenset[str]) -> Iterator[int]:
    """Where the words that are in `among` stand (the scan runs in C: it reads every token of the text)."""
    return compress(count(), map(among.__contains__, words))


def _digits(before: str, after: str) -> bool:
    return before[-1:].isdigit() and after[:1].isdigit()


# what leads from one menu item to the next in a path ("Your Orders > Leave seller feedback")
_MENU_STEP = frozenset({">", "\u203a", "»", "→"})  # (\u203a: the single right-pointing angle quotation mark)

# Spanish and Italian gerunds: "(el fabricante) está revisando el cierre" is doing, not done to the feedback
_GERUND = ("ando", "endo")  # ("-iendo" too)


def _is_past(word: str) -> bool:
    return len(word) > 4 and word.endswith("ed") and not word.endswith("eed")


def _japanese_past(word: str) -> bool:
    """A Japanese past ending: た, or a token that ends in one (くださった, いただきました; くださったと before a
    quoting particle, いたよう before "it seems")."""
    return word == "た" or word.removesuffix("よう").rstrip("との").endswith(("った", "した", "いた", "んだ"))


# a token that _is_past, among tokens joined by spaces (a scan in C over a clause)
_PAST_ED = re.compile(r"(?:^| )\S{2,}[^\se]ed(?= |$)")


def _outermost(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop spans inside a longer one ("gift" inside "gift card")."""
    spans = sorted(spans, key=lambda s: (s[0], -s[1]))
    out: list[tuple[int, int]] = []
    for s in spans:
        if out and s[0] < out[-1][1]:
            continue
        out.append(s)
    return out


def _bracketed(words: list[str], first: int, last: int) -> set[int]:
    """The positions in [first, last) inside Japanese corner brackets (「出品者を評価」: a label quoted, such as a
    button's), each bracket closed in the range."""
    inside: set[int] = set()
    opened: int | None = None
    for k in range(first, last):
        if words[k] in ("「", "『"):
            opened = k
        elif words[k] in ("」", "』") and opened is not None:
            inside.update(range(opened + 1, k))
            opened = None
    return inside
