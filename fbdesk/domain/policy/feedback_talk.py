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

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from .lexicon import Tagged

PRONOUNS = frozenset({"it", "this", "that", "them", "those", "one"})
# What may follow a pronoun object that stands for the feedback ("remove it, please", "take it down now").
AFTER_PRONOUN = frozenset({"please", "pls", "for", "now", "today", "down", "back", "off", "too", "if", "once", "when",
                           "so", "again", "asap", "immediately", "completely", "entirely", "from", "to", "yet",
                           "already", "as", "by", "within", "or", "without", "right", "straight", "quickly", "soon",
                           "and", "then", "this", "tonight", "tomorrow", "promptly", "urgently", "yourself"})
# "revise what you wrote in your feedback": a clause standing for the feedback.
WHAT_CLAUSE = frozenset({"what", "whatever", "everything", "anything", "the", "things"})
# Words between a subject and its verb ("we have now removed").
AUXILIARIES = frozenset({"will", "would", "can", "could", "shall", "should", "may", "might", "must", "have", "has",
                         "had", "also", "already", "just", "now", "then", "gladly", "happily", "kindly", "be", "been",
                         "not", "never", "really", "simply", "to", "like", "want", "need", "love", "happy", "able",
                         "going", "gone", "ahead", "and", "all", "recently", "since", "promptly", "finally"})
PAST_FORMS = frozenset({"took", "taken", "withdrew", "withdrawn", "rewrote", "rewritten", "got", "gone", "left", "gave",
                        "given", "wrote", "written", "sent", "paid"})
# Words that show a clause has a verb of its own ("if the replacement does not arrive").
VERB_HINTS = frozenset({"is", "are", "was", "were", "be", "been", "has", "have", "had", "does", "do", "did", "doesn't",
                        "don't", "didn't", "arrive", "arrives", "come", "comes", "work", "works", "fit", "fits",
                        "reach", "reaches", "take", "takes", "cover", "covers", "apply", "applies", "need", "needs"})
BARE_LEAD = frozenset({"now", "so", "and", "then", "just", "simply", "go", "ahead"})
IMPERATIVE_LEAD = frozenset({"please", "pls", "plz", "just", "now", "so", "and", "then", "simply", "kindly", "also",
                             "why", "not", "do", "go", "ahead"})
CLAUSE_BREAK = frozenset(",;:-()")
AUX_GLUE = frozenset({"and", "to", "has", "have", "had", "will", "would", "could", "can", "should", "must", "may",
                      "might", "need", "needs"})
PASSIVE_MARKERS = frozenset({"be", "been", "being", "is", "are", "was", "were", "get", "gets", "got", "gotten"})
REMOVAL_VERBS = frozenset({"remove", "delete", "retract", "withdraw", "erase", "undo", "hide", "unpublish", "scrap",
                           "pull", "removing", "deleting", "retracting", "withdrawing"})
UPWARD = frozenset({"improve", "improves", "improved", "improving", "raise", "raising", "raised", "upgrade",
                    "upgrading", "upgraded", "increase", "increasing", "increased", "bump", "bumping", "bumped",
                    "boost", "boosting", "lift", "lifting"})
# Adjectives a feedback noun may carry besides positive/negative ones ("the harsh and unfair review").
RATED_ADJECTIVES = frozenset({"harsh", "unfair", "false", "untrue", "inaccurate", "unjust", "misleading", "wrong",
                              "old", "original", "earlier", "recent", "latest"})
PERFECT_AUX = frozenset({"had", "having", "you've", "you'd've"})
WRITTEN = frozenset({"left", "posted", "written", "wrote", "given", "gave", "provided", "submitted", "dated"})
WHEN_WHERE = frozenset({"on", "in", "at", "for", "about", "regarding", "last", "under", "against"})
CONDITIONAL_FOR_NEGATION = frozenset({"if", "unless", "until", "till", "otherwise"})
# Words a verb of giving looks past for its feedback noun: "leave us a review", "tell the world in a review".
LEAVE_PASSES = frozenset({"us", "me", "in", "with", "on", "via", "through", "about", "for"})
WITHHOLDING = frozenset({"until", "till", "unless", "while", "whilst"})


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

    def __init__(self, t: Tagged, public_response: bool = False):
        self.t = t
        self.feedback = t.at("feedback")
        # a public response stands next to the feedback, and "you posted ..." names the buyer's words: either way
        # "please delete this" needs no feedback noun to be about the feedback
        self.implied = public_response or bool(t.occurrences("buyer-wrote"))
        self.about_feedback = bool(self.feedback) or bool(t.occurrences("rate-us")) or self.implied
        self.changes: list[Mention] = []
        self.leaves: list[Mention] = []
        self.offers: list[Offer] = []
        self._clauses()
        if self.about_feedback:
            self._find_changes()
            self._find_leaves()
        if t.occurrences("compensation"):
            self._find_offers()

    # --- helpers over the tokens -----------------------------------------------------------------------------
    def _sentence(self, i: int) -> tuple[int, int]:
        return self.t.sentences[self.t.sentence_of[i]]

    def _clauses(self) -> None:
        """Where clauses break (sentence ends and , ; : - ( )), for bisecting; clause facts are cached per clause."""
        self._breaks = [k for k, w in enumerate(self.t.words) if w in CLAUSE_BREAK]
        self._clause_facts: dict[tuple[int, int], tuple[bool, bool]] = {}

    def clause_start(self, i: int) -> int:
        """The first token of the clause that token i is in."""
        first = self._sentence(i)[0] if i < len(self.t.words) else 0
        k = bisect_left(self._breaks, i)
        return max(first, self._breaks[k - 1] + 1) if k else first

    def _clause_end(self, i: int) -> int:
        """The end (exclusive) of the clause that token i is in."""
        last = self._sentence(i)[1]
        k = bisect_right(self._breaks, i)
        return min(last, self._breaks[k]) if k < len(self._breaks) else last

    def _tense(self, first: int, last: int) -> tuple[bool, bool]:
        """(has a past-tense word, has any verb hint) for the clause [first, last)."""
        facts = self._clause_facts.get((first, last))
        if facts is None:
            words = self.t.words[first:last]
            past = any(_is_past(w) for w in words)
            facts = self._clause_facts[(first, last)] = (past, past or any(w in VERB_HINTS for w in words))
        return facts

    def has(self, name: str, first: int, last: int) -> bool:
        return self.t.has(name, first, last)

    def _negated(self, first: int, verb: int) -> bool:
        """A negation in the few words before `verb` (from `first`), not one that still asks."""
        t = self.t
        lo = max(first, verb - 5)
        negations = t.within("negation", lo, verb)
        if not negations:
            return False
        asking = t.occurrences("not-negation")
        if all(any(a0 <= n0 < a1 for a0, a1 in asking) for n0, _ in negations):
            return False
        s0, s1 = self._sentence(verb)
        # "if you don't remove it we will..." is a threat, not a negation
        return not any(t.words[k] in CONDITIONAL_FOR_NEGATION for k in range(s0, s1))

    def _subject(self, verb: int) -> str | None:
        """"seller" when the nearest subject before the verb is we/I, "buyer" for you, None when unknown."""
        t = self.t
        k = verb - 1
        first = self.clause_start(verb)
        seller = t.at("seller-subject")
        buyer = t.at("buyer-subject")
        while k >= first:
            if k in seller:
                return "seller"
            if k in buyer or (k - 1 in buyer and buyer[k - 1] == k + 1):
                return "buyer"
            if t.words[k] not in AUXILIARIES:
                return None
            k -= 1
        return None

    # --- change mentions -------------------------------------------------------------------------------------
    def _find_changes(self) -> None:
        t = self.t
        used_nouns: set[int] = set()
        strong = t.at("change")
        verbs = [(i, j, False) for i, j in t.occurrences("change")]
        verbs += [(i, j, "weak") for i, j in t.occurrences("change-weak") if i not in strong]
        verbs += [(i, j, "errand") for i, j in t.occurrences("change-errand") if i not in strong]
        for i, j, weak in sorted(verbs):
            noun = self._object_of(i, j, stop_at_people=True)
            if weak and noun is not None and noun not in self.feedback \
                    and (weak == "weak" or not self._feedback_named_near(noun)):
                continue  # "fix the feedback" changes it; "we'll fix it" does not
            if noun is None and i and t.words[i - 1] in ("its", "their") and self._feedback_named_near(i):
                noun = i - 1  # "we demand its removal"
            if noun is None:
                continue
            if self._subject(i) == "seller":
                continue
            used_nouns.add(noun)
            self._add_change(i, max(j, noun + 1), verb=i, noun=noun, passive=False)
        for k, kend in self.feedback.items():
            if k in used_nouns:
                continue
            verb = self._state_after(kend)
            if verb is not None:
                self._add_change(k, verb[1], verb=verb[0], noun=k, passive=True)
        # "Your review is false. If it is not deleted...": a pronoun subject standing for feedback just named
        for k, word in enumerate(t.words):
            if word in ("it", "this", "that") and k not in used_nouns and self._feedback_named_near(k):
                verb = self._state_after(k + 1)
                if verb is not None and not any(m.first <= k < m.last for m in self.changes):
                    self._add_change(k, verb[1], verb=verb[0], noun=k, passive=True)
                    if self.changes[-1].mood == "report":
                        self.changes.pop()
        covered = {m.first for m in self.changes} | {m.last - 1 for m in self.changes}
        for i, j in t.occurrences("rethink"):
            if any(m.first <= i < m.last for m in self.changes) or i in covered:
                continue
            if self._subject(i) == "seller" or (i and t.words[i - 1] in ("us", "me")) \
                    or (j < len(t.words) and t.words[j] in ("our", "my")):
                continue  # "your review made us rethink our packaging"
            s = t.sentence_of[i]
            near = [k for k in self.feedback if abs(t.sentence_of[k] - s) <= 1]
            if near:
                self._add_change(i, j, verb=i, noun=None, passive=False)

    def _feedback_named_near(self, k: int) -> bool:
        s = self.t.sentence_of[k]
        return any(s - 1 <= self.t.sentence_of[n] <= s and n < k for n in self.feedback)

    def _object_of(self, i: int, j: int, stop_at_people: bool) -> int | None:
        """The feedback noun (or pronoun standing for it) a verb at tokens [i, j) takes as object."""
        t = self.t
        words = t.words
        feedback = self.feedback
        for k in range(i + 1, j):  # inside a phrase: "take the review down"
            if k in feedback or (words[k] in PRONOUNS and self._pronoun_is_feedback(k, inside=True)):
                return k
        s1 = self._sentence(i)[1]
        if j < s1 and words[j] in WHAT_CLAUSE and j + 1 < s1 and words[j + 1] in ("you", "u", "things"):
            for k in range(j + 2, min(j + 8, s1)):
                if k in feedback:
                    return k
                if not t.is_word(k):
                    break
        stops = t.at("object-stop")
        rated = t.at("positive") | t.at("negative")
        rated_words = RATED_ADJECTIVES
        for k in range(j, min(j + 6, s1)):
            if k in feedback:
                return k
            word = words[k]
            if not word[0].isalnum():
                return None
            if k == j and word in PRONOUNS and self._pronoun_is_feedback(k, inside=False):
                return k
            if word in ("or", "and") and k > j and (k - 1 in rated or words[k - 1] in rated_words):
                continue  # "leave neutral or negative feedback", "remove the harsh and unfair review"
            if k in stops and (stop_at_people or word not in LEAVE_PASSES):
                return None
        return None

    def _pronoun_is_feedback(self, k: int, inside: bool) -> bool:
        """"it" stands for the feedback when the text names feedback and nothing else follows the pronoun."""
        if not self.feedback and not self.implied:
            return False
        if inside:
            return True
        t = self.t
        nxt = k + 1
        if nxt >= len(t.words) or t.sentence_of[nxt] != t.sentence_of[k] or not t.is_word(nxt):
            return True
        word = t.words[nxt]
        if word == "to":
            if t.words[k - 1] in REMOVAL_VERBS:  # "remove it to avoid ...": a purpose, not a new value
                return True
            return nxt + 1 < len(t.words) and (nxt + 1 in t.at("positive") or t.words[nxt + 1] in ("reflect", "say"))
        if word in ("from",):
            return nxt + 1 < len(t.words) and t.words[nxt + 1] in ("amazon", "our", "public", "view")
        return word in AFTER_PRONOUN

    def _state_after(self, kend: int) -> tuple[int, int] | None:
        """After a feedback noun, the change that happens to it: "the review (you wrote) could be revised"."""
        t = self.t
        s1 = self.t.sentences[t.sentence_of[kend - 1]][1]
        change = t.at("change")
        state = t.at("changed-state")
        glue = t.at("passive-glue")
        wished = t.at("wished-state")
        guilt = t.at("guilt")
        for m in range(kend, min(kend + 9, s1)):
            if m in change and (m == kend or change[m] - m > 1 or _is_past(t.words[m]) or t.words[m] in PAST_FORMS
                                or t.words[m - 1] in ("need", "needs")):
                # "feedback removal", "is updated", "gets taken down", "needs updating"; not "we ... are changing"
                return m, change[m]
            if m in state:
                return m, state[m]
            if m in t.at("ends") and (m + 1 >= s1 or not t.is_word(m + 1)):
                return m, m + 1
            if m in wished and self.has("conditional", self.clause_start(kend - 1), kend) \
                    or m in wished and any(t.words[g] in ("would", "could", "to") for g in range(kend, m)):
                return m, wished[m]
            if m not in glue and m not in guilt and t.words[m] not in ("a", "an"):
                return self._passive_later(kend, s1)
        return None

    def _passive_later(self, kend: int, s1: int) -> tuple[int, int] | None:
        """"Your comment is a lie and has to be removed": a passive change further on in the same clause, with no
        other thing (the listing, the order) and no "we" in between to be its subject."""
        t = self.t
        change = t.at("change")
        stops = t.at("object-stop")
        seller = t.at("seller-subject")
        end = min(self._clause_end(kend - 1), kend + 10, s1)
        # "the feedback (left on 3 March) is withdrawn": a when/where phrase of the buyer's writing
        relative = kend < s1 and t.words[kend] in WRITTEN
        for m in range(kend + 1, end):
            word = t.words[m]
            relative = relative or word in WRITTEN
            if m in seller or (m in stops and word not in PASSIVE_MARKERS and word not in AUX_GLUE
                               and not (relative and word in WHEN_WHERE)):
                return None
            if m in change and t.words[m - 1] in PASSIVE_MARKERS and (_is_past(t.words[m]) or
                                                                       t.words[m] in PAST_FORMS):
                return m, change[m]
        return None

    def _add_change(self, first: int, last: int, verb: int, noun: int | None, passive: bool) -> None:
        t = self.t
        clause = self.clause_start(min(first, verb))
        s0, s1 = self._sentence(verb)
        negated = self._negated(clause, verb) or self.has("neutral-offer", s0, s1)
        if passive and not negated:
            negated = self._negated(first, verb)
        mood = self._change_mood(first, verb, clause, passive)
        if negated and self._subject(verb) != "seller" and (
                any(t.words[k] in ("still", "yet") for k in range(clause, min(verb + 5, s1)))
                or self.has("repeat", clause, min(last + 4, s1))):
            negated, mood = False, "request"  # "you still haven't removed it": a reproach, not a negation
        positive = t.words[verb] in UPWARD or self._asks_positive(last, s1)
        self.changes.append(Mention("change", first, last, t.sentence_of[verb], mood, negated, positive))

    def _change_mood(self, first: int, verb: int, clause: int, passive: bool) -> str:
        t = self.t
        s0, s1 = self._sentence(verb)
        conditional_before = self.has("conditional", clause, verb)
        if not conditional_before:
            if self.has("thanks", s0, first):
                return "report"
            word = t.words[verb]
            past = _is_past(word) or word in PAST_FORMS
            if passive:
                if any(t.words[k] in ("has", "have", "had", "was", "were") for k in range(first, verb)) \
                        and not self.has("request", s0, s1):
                    return "report"
            elif past and self._subject(verb) == "buyer" and not self.has("request", s0, s1):
                return "report"
        if passive and any(t.words[k] in ("can", "may") for k in range(first, verb)):
            return "notice"
        if any(verb - 4 <= e <= verb and not self.has("request", max(s0, b - 3), b)  # "would you be able to"
               for b, e in t.within("notify", max(s0, verb - 8), verb)):
            return "notice"
        if self.has("request", s0, s1):
            return "request"
        if self.has("notify", s0, s1):
            return "notice"
        return "request"

    def _asks_positive(self, last: int, s1: int) -> bool:
        """"... to 5 stars", "... to positive" right after the mention."""
        t = self.t
        positive = t.at("positive")
        for k in range(last - 1, min(last + 3, s1)):  # from the last word of "changed to"
            if t.words[k] == "to" and (k + 1 in positive or (k + 2 < s1 and k + 2 in positive)):
                return True
        return False

    # --- leave mentions --------------------------------------------------------------------------------------
    def _find_leaves(self) -> None:
        t = self.t
        for i, j in t.occurrences("leave"):
            noun = self._object_of(i, j, stop_at_people=False)
            if noun is None and j < len(t.words) and t.words[j] in ("one", "some") and self._feedback_named_near(j):
                noun = j  # "negative reviews hurt us... think twice before leaving one"
            elif noun is None or (t.words[noun] in PRONOUNS and t.words[noun] != "one"):
                continue
            self._add_leave(i, max(j, noun + 1), noun)
        for i, j in t.occurrences("rate-us"):
            if not any(m.first <= i < m.last for m in self.leaves):
                self._add_leave(i, j, None)

    def _add_leave(self, first: int, last: int, noun: int | None) -> None:
        t = self.t
        s0, s1 = self._sentence(first)
        clause = self.clause_start(first)
        # "if anything's wrong, don't leave a negative review": a negated imperative, whatever the condition
        negated = self._negated(clause, first) or (first > 0 and t.words[first - 1] in ("don't", "dont", "never")) \
            or t.words[max(first - 2, 0):first] == ["do", "not"]
        positive = self._positive_near(first, noun if noun is not None else last, last, s1)
        word = t.words[first]
        if any(w in PERFECT_AUX for w in t.words[max(clause, first - 3):first]):
            mood = "report"  # "sorry you had to leave a review", "you've left us a review"
        elif self.has("request", s0, s1) or self.has("exchange", s0, s1) or self._is_imperative(first, clause):
            mood = "request"
        elif _is_past(word) or word in PAST_FORMS or self.has("thanks", s0, first):
            mood = "report"
        else:
            mood = "mention"
        self.leaves.append(Mention("leave", first, last, t.sentence_of[first], mood, negated, positive))

    def _is_imperative(self, verb: int, clause: int) -> bool:
        return all(self.t.words[k] in IMPERATIVE_LEAD or k in self.t.at("negation") for k in range(clause, verb))

    def is_bare_order(self, m: Mention) -> bool:
        """"Remove the review." An imperative with nothing to soften it (no please, no question) is a demand."""
        t = self.t
        s0, s1 = t.sentences[m.sentence]
        clause = self.clause_start(m.first)
        if m.kind != "change" or m.mood != "request" or m.first not in t.at("change"):
            return False
        if any(t.words[k] not in BARE_LEAD for k in range(clause, m.first)):
            return False
        return t.words[s1 - 1] != "?" and not self.has("request", s0, s1) and not self.has("notify", s0, s1)

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
            c0, c1 = self.clause_start(i), self._clause_end(j - 1)
            exchange = self.has("exchange", s0, s1)
            offer_words = self.has("offer", c0, c1)
            has_past, has_verb = self._tense(c0, c1)
            settled = not exchange and (self.has("settled", c0, c1) or (not offer_words and has_past))
            # a bare "20% off your next order!" is an offer too: no verb says otherwise
            verbless = not has_verb
            enjoyed = self.has("experience", c0, c1) and not exchange  # "hope you enjoy the replacement"
            offered = not settled and not enjoyed and (offer_words or exchange or verbless)
            self.offers.append(Offer(i, j, t.sentence_of[i], offered, settled, self.has("neutral-offer", s0, s1)))

    # --- what the rules need ---------------------------------------------------------------------------------
    def live_changes(self) -> list[Mention]:
        return [m for m in self.changes if not m.negated]

    def removal_notices(self) -> list[Mention]:
        """Mentions that tell or ask the buyer to update/remove their feedback (reports of a change do not)."""
        return [m for m in self.live_changes() if m.mood != "report"]

    def leave_requests(self) -> list[Mention]:
        return [m for m in self.leaves if m.mood == "request" and not m.negated]


def _is_past(word: str) -> bool:
    return len(word) > 4 and word.endswith("ed") and not word.endswith("eed")


def _outermost(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop spans inside a longer one ("gift" inside "gift card")."""
    spans = sorted(spans, key=lambda s: (s[0], -s[1]))
    out: list[tuple[int, int]] = []
    for s in spans:
        if out and s[0] < out[-1][1]:
            continue
        out.append(s)
    return out
