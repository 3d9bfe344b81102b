"""The languages of a text, and the rules that read it.

Each sentence, and each clause of it, is given a language by `lingua-language-detector`, restricted to the languages
fbdesk has rules for (so a short clause is not taken for Dutch) and cached by its text (a keystroke re-detects only
the clause it changed). A text is checked with the union of the vocabularies of the languages found in it (rule
sets built once per combination); English-only text gets exactly the English rule set. A sentence confidently in a
language without rules gets a "not checked" warning, never silence; and a text that is not in the language of its
marketplace gets a warning the agent can acknowledge (Amazon asks for the buyer's language).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from .hits import Hit
from .lexicon import inflections, split_term
from .morphology import JAPANESE, Morphology, has_kana
from .paragraphs import READINGS_KEPT, pieces
from .ruleset import RuleSet, load_data

if TYPE_CHECKING:
    from .hits import Document

ENGLISH = "en"
NAMES = {"en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian", "ja": "Japanese"}
# Languages detected only to say that fbdesk has no rules for them (lingua's names, and how we write them).
UNSUPPORTED = {
    "DUTCH": "Dutch",
    "POLISH": "Polish",
    "SWEDISH": "Swedish",
    "PORTUGUESE": "Portuguese",
    "TURKISH": "Turkish",
    "CHINESE": "Chinese",
    "KOREAN": "Korean",
    "ARABIC": "Arabic",
}
NOT_LATIN = frozenset({"Chinese", "Korean", "Arabic"})
ISO_CODES = {
    "Dutch": "nl",
    "Polish": "pl",
    "Swedish": "sv",
    "Portuguese": "pt",
    "Turkish": "tr",
    "Chinese": "zh",
    "Korean": "ko",
    "Arabic": "ar",
}
# The language(s) Amazon expects messages in on each marketplace (the first is the buyer's language).
MARKETPLACE_LANGUAGES: dict[str, tuple[str, ...]] = {
    "US": ("en",),
    "UK": ("en",),
    "GB": ("en",),
    "CA": ("en", "fr"),
    "AU": ("en",),
    "IN": ("en",),
    "SG": ("en",),
    "IE": ("en",),
    "AE": ("en",),
    "DE": ("de",),
    "AT": ("de",),
    "FR": ("fr",),
    "BE": ("fr",),
    "ES": ("es",),
    "MX": ("es",),
    "IT": ("it",),
    "JP": ("ja",),
}
# a sentence ends at a blank line, at . ! ? before a space (not inside "amazon.com/gp"), at Japanese full stops and
# at a line break before a space (a line that wraps a sentence does not end it)
_SENTENCE_END = re.compile(r"(\n(?:[ \t\r]*\n)+)|[.!?]+|[\u3002\uff01\uff1f]+|\n")
# links, addresses, numbers: no language. A run of the characters a link is made of is one when it holds a / or @
# or a dot before a letter; each run is read once (a pattern that looked for the mark inside every run backtracked
# over "1.1.1...": quadratic).
_LINK_CHARACTERS = re.compile(r"[A-Za-z0-9_./@:%?=&+~#-]++")
_LINK_MARK = re.compile(r"[/@]|\.[A-Za-z]")
_DIGITS = re.compile(r"\d+")
_CLAUSE = re.compile(r"[^,;:\u3001]+")
_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_MIN_LETTERS = 8  # a clause shorter than this tells nothing about its language
_CONFIDENT = 0.6  # share lingua must give the top language of a clause
_UNSUPPORTED_LETTERS = 20  # a sentence must be this long, and lingua this sure, before we say it is not checked
_UNSUPPORTED_CONFIDENT = 0.8
# kanji without kana may be Chinese, but a line of a few is as often a name or a signature in a Japanese message
# ("長谷川様", "担当 北村", "和菓子処 清水屋")
_KANJI_LETTERS = 8
_CACHE_LIMIT = 8192
# Function words of each language: lingua's fast mode takes "Hello Mark Thompson" for French and chat English for
# Swedish, so a clause counts as being in a language other than English only when it has one of that language's
# function words, and no more English ones (lower case, as written).
_FUNCTION_WORDS = {
    "en": "the and you your we our to of is for with this that please it be will have on in at are was can",
    "de": "der die das und sie ihre ihr ihnen wir uns ist nicht für fuer mit bitte ein eine einen wenn zu den dem des "
    "auf sehr ich es auch noch haben wird können koennen gerne vielen dank doch unser unsere unserem unseren unserer "
    "jetzt dass oder aber bei von zum zur sind wurde schon nur du dein deine deinen deinem deiner dich dir kannst kann "
    "hast bist wirst mir mich wie gibt habe hat im nach bis aus",
    "fr": "le la les de des du et vous votre vos nous notre est pour avec une un que qui pas merci si ne sur au aux ce "
    "cette il elle je plus jamais mais tout très rien sans",
    "es": "el la los las de del y usted su sus nosotros es para con una un que por no gracias si le lo se muy está "
    "hemos",
    "it": "il lo la gli le di del della e lei suo sua noi è per con una un che non grazie se ci ha abbiamo sono dal "
    "dalla dei delle degli nel nella mio mia molto anche però perché due sei da alla dell nell sull dall",
    "Dutch": "de het een en u uw wij we ons is niet voor met dat die van bij als zijn graag bedankt dank",
    "Polish": "i w z na nie się jest to że do dla za pan pani państwo pana dziękujemy prosimy czy jak",
    "Swedish": "och att det är en ett för med inte vi du ni er din tack på av som har kan till",
    "Portuguese": "o a os as de do da e você seu sua nós é para com uma um que não obrigado obrigada pelo pela em",
    "Turkish": "ve bir bu için ile değil siz size sizi sizin biz teşekkür ederiz lütfen çok ama da de mi ne",
}
_WORDS_OF = {language: frozenset(words.split()) for language, words in _FUNCTION_WORDS.items()}
_UNSUPPORTED_WORDS = tuple(language for language in UNSUPPORTED.values() if language in _WORDS_OF)
# Does every language without rules that is written in Latin letters have function words (to be confirmed by)?
_LATIN_CONFIRMED = all(language in _WORDS_OF for language in UNSUPPORTED.values() if language not in NOT_LATIN)
_WORD = re.compile(r"[^\W\d_]+")
_LANGUAGES_OF_WORD: dict[str, frozenset[str]] = {}
for _language, _words in _WORDS_OF.items():
    for _word in _words:
        _LANGUAGES_OF_WORD[_word] = _LANGUAGES_OF_WORD.get(_word, frozenset()) | {_language}
_PLAINLY = 2  # English function words that make a clause plainly English
_OTHER_SUPPORTED = tuple(code for code in NAMES if code != ENGLISH)
_PLAINLY_OTHER, _MARGIN = 3, 2  # function words that make a clause plainly German, French, Spanish or Italian


def _latin(text: str) -> bool:
    """Is every letter of the text a Latin one (ASCII, Latin-1, Latin Extended)?"""
    return text.isascii() or all(c < "\u0250" or "\u1e00" <= c <= "\u1eff" for c in text if c.isalpha())


def _letters(text: str) -> int:
    return sum(map(str.isalpha, text))


def reads_as_prose(text: str, language: str | None) -> bool:
    """Is a text written in sentences of its language (a function word of it, or kana), not a list of words?"""
    if language == "ja":
        return has_kana(text)
    return language is not None and _function_words(text).get(language, 0) >= 1


def _function_words(text: str) -> dict[str, int]:
    """How many function words of each language a text has (a word may be one of several languages')."""
    counts: dict[str, int] = {}
    for word in _WORD.findall(text.lower()):
        for language in _LANGUAGES_OF_WORD.get(word, ()):
            counts[language] = counts.get(language, 0) + 1
    return counts


def _confirmed(language: str, counts: dict[str, int], least: int) -> bool:
    """Has a text (its _function_words counts) at least `least` function words of `language`, and more of them than
    of English?"""
    own = counts.get(language, 0)
    return own >= least and own > counts.get(ENGLISH, 0)


def _by_function_words(counts: dict[str, int], ranked: list[str]) -> str | None:
    """The supported language with the most function words in a clause that has no English ones, or at least two and
    more than twice as many as English ("Probieren Sie doch unser neues Modell ... in unserem Shop": "in" is English
    too); of those tied, the one lingua ranks first (`ranked`, best first)."""
    english = counts.get(ENGLISH, 0)
    best = max((counts.get(code, 0) for code in ranked if code not in (ENGLISH, "ja")), default=0)
    if not best or (english and (best < 2 or best <= 2 * english)):
        return None
    return next((code for code in ranked if code not in (ENGLISH, "ja") and counts.get(code, 0) == best), None)


def _plainly_english(text: str, counts: dict[str, int]) -> bool:
    """Has a clause in Latin letters at least _PLAINLY English function words and not one of another supported
    language's? Then it is English: lingua's fast mode is unsure of many such clauses ("Thank you for your message"),
    and its call is the slowest part of a keystroke. (A sentence in a language without rules is told before its
    clauses are, Detector._unsupported.)"""
    return _latin(text) and counts.get(ENGLISH, 0) >= _PLAINLY and not any(code in counts for code in _OTHER_SUPPORTED)


def _plainly_other(text: str, counts: dict[str, int]) -> str | None:
    """The supported language (not English, not Japanese) of a clause in Latin letters with at least _PLAINLY_OTHER
    of its function words and _MARGIN more than of any other language, without asking lingua. On the clauses of the
    labelled texts it agrees with lingua on 99.9% of those it reads, and where they differ it is as often right
    ("perdona el lio con el color", Spanish, is Italian to lingua's fast mode)."""
    if not _latin(text):
        return None
    for code in _OTHER_SUPPORTED:
        own = counts.get(code, 0)
        if own >= _PLAINLY_OTHER and all(own >= n + _MARGIN for other, n in counts.items() if other != code):
            return code
    return None


def _any_confirmed(counts: dict[str, int]) -> bool:
    """Is any language without rules confirmed in a text (_confirmed_without_rules)?"""
    ours = _most_function_words(counts)
    return any(counts.get(language, 0) > ours for language in _UNSUPPORTED_WORDS)


def _confirmed_without_rules(language: str, counts: dict[str, int]) -> bool:
    """Has the text a function word of a language without rules, and more of them than of any language with rules?
    (lingua takes a short Spanish sentence for Portuguese, which shares "que" and "de" with it but not "el".)"""
    return counts.get(language, 0) > _most_function_words(counts)


def _most_function_words(counts: dict[str, int]) -> int:
    """The most function words of one language with rules among the counts (Japanese has none)."""
    return max((counts.get(code, 0) for code in NAMES), default=0)


@dataclass(frozen=True, slots=True)
class Stretch:
    """A sentence of the text: where it is, its language (None: too short to tell) and, when it is in a language
    without rules, that language's name."""

    start: int
    end: int
    language: str | None
    unsupported: str | None = None


@dataclass(frozen=True, slots=True)
class Languages:
    codes: frozenset[str]  # the languages with rules found in the text (all of them when none could be told)
    sentences: tuple[Stretch, ...]
    dominant: str | None  # the language most of the text is in (None: no sentence long enough to tell)

    def at(self, offset: int) -> str:
        """The language of the sentence at `offset` (the text's main language where that sentence is too short)."""
        for s in self.sentences:
            if s.start <= offset < s.end and (s.language or s.unsupported):
                return s.language or ISO_CODES[s.unsupported or ""]
        return self.dominant or ENGLISH


def _valid(text: str) -> str:
    """The text as lingua can take it: valid UTF-8 (a lone surrogate becomes "?")."""
    return text.encode("utf-8", "replace").decode("utf-8")


T = TypeVar("T")
_MISSING: Any = object()


class _Memo(Generic[T]):
    """Answers by text, at most _CACHE_LIMIT of them (emptied when full: a keystroke changes one sentence, so the
    rest come back at once)."""

    def __init__(self, compute: Callable[[str], T], limit: int = _CACHE_LIMIT) -> None:
        self._compute = compute
        self._limit = limit
        self._known: dict[str, T] = {}

    def forget(self) -> None:
        self._known.clear()

    def __call__(self, text: str) -> T:
        found = self._known.get(text, _MISSING)
        if found is not _MISSING:
            return cast(T, found)
        found = self._compute(text)
        if len(self._known) >= self._limit:
            self._known.clear()
        self._known[text] = found
        return found


Reading = tuple[str | None, str | None, tuple[tuple[str, int], ...]] | None


class Detector:
    """lingua, restricted to our languages, loaded on first use (about 30 MB and a second: `warm_up` it off the
    event loop), with the language of each clause and sentence cached by its text."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._supported: Any = None
        self._all: Any = None
        self.clause: _Memo[str | None] = _Memo(self._clause)
        self.sentence: _Memo[Reading] = _Memo(self._sentence)
        self.unsupported: _Memo[str | None] = _Memo(self._unsupported)
        self.paragraph: _Memo[tuple[tuple[Stretch, ...], tuple[tuple[str, int], ...]]] = _Memo(
            lambda text: _sentences(text, self), READINGS_KEPT
        )

    def _load(self) -> None:
        with self._lock:
            if self._all is not None:
                return
            from lingua import Language, LanguageDetectorBuilder

            supported = [Language.from_str(NAMES[c]) for c in NAMES]
            others = [getattr(Language, name) for name in UNSUPPORTED]
            self._supported = LanguageDetectorBuilder.from_languages(*supported).with_low_accuracy_mode().build()
            self._all = LanguageDetectorBuilder.from_languages(*supported, *others).with_low_accuracy_mode().build()
            self._codes = {language: code for code, language in zip(NAMES, supported, strict=True)}

    def forget(self) -> None:
        """Drop the languages kept by text (the models stay loaded)."""
        for memo in (self.clause, self.sentence, self.unsupported, self.paragraph):
            memo.forget()

    def warm_up(self) -> None:
        """Load the models of every language (the first detection in a language loads its model)."""
        self._load()
        for sample in ("The order", "Die Bestellung", "La commande", "El pedido", "L'ordine", "注文", "De bestelling"):
            self._all.compute_language_confidence_values(sample)
            self._supported.compute_language_confidence_values(sample)

    def _clause(self, text: str) -> str | None:
        """The supported language a clause is in, or None when it is too short or lingua is not sure."""
        found: str | None
        if has_kana(text):
            found = "ja"
        elif _letters(text) < _MIN_LETTERS or _HANGUL.search(text) or _ARABIC.search(text):
            found = None
        elif _plainly_english(text, counts := _function_words(text)):
            found = ENGLISH
        elif (plainly := _plainly_other(text, counts)) is not None:
            found = plainly
        else:
            if self._supported is None:
                self._load()
            values = self._supported.compute_language_confidence_values(_valid(text))
            found = self._codes[values[0].language] if values and values[0].value >= _CONFIDENT else None
            # Japanese is told by its kana (above): without them lingua may be reading Chinese characters.
            if found == "ja" or (found not in (None, ENGLISH) and not _confirmed(found, counts, 1)):
                found = None
            if found in (None, ENGLISH):
                # lingua's fast mode takes a short clause with an English loanword for English ("Il feedback va
                # eliminato oggi stesso"): a clause with no English function word and another language's is in it
                found = _by_function_words(counts, [self._codes[v.language] for v in values]) or found
        return found

    def _sentence(self, raw: str) -> Reading:
        """(its language, the language without rules it is in, letters per language of its clauses) of a sentence;
        None when it has no words."""
        found: Reading
        sentence = _without_links_and_numbers(raw)
        if not any(c.isalpha() for c in sentence):
            found = None
        elif (unsupported := self.unsupported(sentence.strip())) is not None:
            found = (None, unsupported, ())  # the supported languages' vocabulary would only guess at it
        else:
            counts: dict[str, int] = {}
            clauses = _CLAUSE.findall(sentence)
            for clause in clauses:
                code = self.clause(clause.strip())
                if code is not None:
                    counts[code] = counts.get(code, 0) + _letters(clause)
            if not counts and len(clauses) > 1:  # "Scheißladen, Abzocker, nie wieder!": clauses too short, read whole
                code = self.clause(sentence.strip())
                if code is not None:
                    counts[code] = _letters(sentence)
            language = max(counts, key=counts.__getitem__) if counts else None
            found = (language, None, tuple(counts.items()))
        return found

    def _unsupported(self, text: str) -> str | None:
        """The name of the language without rules a sentence is confidently in, or None."""
        found: str | None = None
        if _HANGUL.search(text):
            found = "Korean"
        elif _ARABIC.search(text):
            found = "Arabic"
        elif not has_kana(text) and _letters(text) >= (
            _KANJI_LETTERS if JAPANESE.search(text) else _UNSUPPORTED_LETTERS
        ):
            counts = _function_words(text)
            if _LATIN_CONFIRMED and _latin(text) and not _any_confirmed(counts):
                # in Latin letters lingua can only name a language written in them, and each such language without
                # rules must be confirmed by its function words (below), which this text does not have: lingua
                # could only say no (this saves its slowest call on nearly every English sentence typed)
                return None
            if self._all is None:
                self._load()
            values = self._all.compute_language_confidence_values(_valid(text))
            if values and values[0].value >= _UNSUPPORTED_CONFIDENT:
                found = UNSUPPORTED.get(values[0].language.name)
                if found in _WORDS_OF and not _confirmed_without_rules(found, counts):
                    found = None
        return found


DETECTOR = Detector()


def detect(text: str, detector: Detector = DETECTOR) -> Languages:
    """The languages of a text, sentence by sentence (each sentence by the languages of its clauses), read piece by
    piece (paragraphs.pieces: a keystroke re-reads only the piece it changed)."""
    stretches: list[Stretch] = []
    letters: dict[str, int] = {}
    for start, end in pieces(text):
        found, counts = detector.paragraph(text[start:end])
        stretches += [Stretch(s.start + start, s.end + start, s.language, s.unsupported) for s in found]
        for code, n in counts:
            letters[code] = letters.get(code, 0) + n
    # a text too short to tell ("Scheißladen, Abzocker, nie wieder!") is read with every language's words
    codes = frozenset(letters) or frozenset(NAMES)
    dominant = max(letters, key=letters.__getitem__) if letters else None
    return Languages(codes, tuple(stretches), dominant)


def _sentences(text: str, detector: Detector) -> tuple[tuple[Stretch, ...], tuple[tuple[str, int], ...]]:
    """The sentences of a piece of text with their languages, and the letters read in each language (in the order
    the languages first occur). The end of the piece ends a sentence."""
    stretches: list[Stretch] = []
    letters: dict[str, int] = {}
    start = 0
    n = len(text)
    ends = [
        e
        for m in _SENTENCE_END.finditer(text)
        if (e := m.end()) >= n or m.group(1) or text[e].isspace() or text[e - 1] > "~"
    ]
    for end in [*ends, n]:
        if end > start and (read := detector.sentence(text[start:end])) is not None:
            language, unsupported, counts = read
            for code, count in counts:
                letters[code] = letters.get(code, 0) + count
            stretches.append(Stretch(start, end, language, unsupported))
        start = end
    return tuple(stretches), tuple(letters.items())


# --- rule sets --------------------------------------------------------------------------------------------------


def _elided(term: str, prefixes: tuple[str, ...]) -> list[str]:
    """A term that opens with a vowel, as the tokeniser keeps it after an elided article or preposition ("elenco dei
    clienti" -> "nell'elenco dei clienti"): one token, so the bare term would not match."""
    if not prefixes or term[:1] not in _ELIDING or "'" in term.split(" ", 1)[0]:
        return []
    return [prefix + term for prefix in prefixes]


_ELIDING = frozenset("aeiouhy")


def merged_vocabulary(
    languages: Mapping[str, Mapping[str, Any]], codes: Iterable[str], fold: Any
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The language data of several languages as one (English's layout: its classes with every language's terms and
    words, folded as text is), and what the term trie cannot hold (token patterns, Japanese terms) for Morphology."""
    codes = sorted(codes, key=lambda c: (c != ENGLISH, c))
    english = languages[ENGLISH]
    vocabulary: dict[str, dict[str, Any]] = {}
    token_patterns: dict[str, list[str]] = {}
    ja_terms: dict[str, list[str]] = {}
    ja_patterns: dict[str, list[str]] = {}
    ja_exclude: dict[str, list[str]] = {}
    units: list[str] = []
    shorthand: dict[str, str] = {}
    # the countries' address formats, and their ways of naming a person
    contact: dict[str, list[str]] = {"street_patterns": [], "postcode_patterns": [], "name_patterns": []}
    for code in codes:
        data = languages[code]
        elided = tuple(fold(prefix) for prefix in data.get("elided_prefixes", ()))
        for key, patterns in contact.items():
            patterns.extend(data.get("contact", {}).get(key, ()))
        units += [fold(u) for u in data["number_units"]]
        for short, long in data["shorthand"].items():
            shorthand.setdefault(fold(short), fold(long))
        for name, spec in data["vocabulary"].items():
            out = vocabulary.setdefault(name, {k: v for k, v in english["vocabulary"][name].items() if k == "joinable"})
            if "words" in spec:
                out.setdefault("words", []).extend(fold(w) for w in spec["words"])
                continue
            out.setdefault("terms", [])
            if code == ENGLISH:  # English's regular forms, spelt out so that no other language's terms get them
                out["terms"] += _inflected(spec["terms"]) if spec.get("inflect") else list(spec["terms"])
                out.setdefault("exclude", []).extend(spec.get("exclude", ()))
                out.setdefault("masked", []).extend(spec.get("masked", ()))
                continue
            for key, target, japanese in (("terms", out["terms"], ja_terms), ("exclude", None, ja_exclude)):
                for term in map(fold, spec.get(key, ())):
                    if code == "ja" and JAPANESE.search(term):
                        japanese.setdefault(name, []).append(term)
                        continue
                    forms = [term, *_elided(term, elided)]
                    if target is not None:
                        target.extend(forms)
                    else:
                        out.setdefault("exclude", []).extend(forms)
            out.setdefault("masked", []).extend(spec.get("masked", ()))
            (ja_patterns if code == "ja" else token_patterns).setdefault(name, []).extend(spec.get("patterns", ()))
    merged = {"vocabulary": vocabulary, "number_units": units, "shorthand": shorthand, "contact": contact}
    return merged, {
        "token_patterns": token_patterns,
        "japanese_terms": ja_terms,
        "japanese_patterns": ja_patterns,
        "japanese_exclude": ja_exclude,
    }


def _inflected(terms: Iterable[str]) -> list[str]:
    out = []
    for term in terms:
        tokens = split_term(term)
        if tokens and tokens[0].isalpha():
            out += [" ".join((head, *tokens[1:])) for head in sorted(inflections(tokens[0]))]
        else:
            out.append(term)
    return out


@cache
def _data() -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    return load_data()


class RulesNotBuilt(Exception):
    """A text needs the rule set of a mix of languages not met before: building it takes 50-500 ms of pure Python,
    which `build` does (in a thread, so that the event loop is not held up; the interpreter lock passes every few
    ms)."""

    def __init__(self, codes: frozenset[str]) -> None:
        super().__init__(f"no rule set built yet for {', '.join(sorted(codes))}")
        self.codes = codes

    def build(self) -> None:
        rules_for(self.codes)


_RULE_SETS: dict[frozenset[str], RuleSet] = {}
_BUILDING = threading.Lock()  # one build at a time: the app's warm-up and a composer may ask for the same one


def rules_for(codes: frozenset[str], *, build: bool = True) -> RuleSet:
    """The rule set that reads text in these languages: English alone is the package's English rule set. Every rule
    set reads English too (an English line in a German message is common), so German alone and German with English
    are one rule set, built once. Without `build`, a rule set not built yet raises RulesNotBuilt."""
    codes = codes | {ENGLISH}
    rules = _RULE_SETS.get(codes)
    if rules is not None:
        return rules
    if not build:
        raise RulesNotBuilt(codes)
    with _BUILDING:
        if codes not in _RULE_SETS:
            _RULE_SETS[codes] = _built(codes)
        return _RULE_SETS[codes]


def _built(codes: frozenset[str]) -> RuleSet:
    from .ruleset import ruleset

    if codes == {ENGLISH}:
        return ruleset()
    rules, languages = _data()
    merged, extra = merged_vocabulary(languages, codes, _folded_term)
    merged_rules = RuleSet(rules, merged)
    merged_rules.vocabulary.morphology = Morphology(**extra)
    return merged_rules


@cache  # each rule set of several languages folds every term of each again
def _folded_term(term: str) -> str:
    from .ruleset import ruleset

    return ruleset().normaliser.fold_word(term)


@cache
def approved_notices() -> dict[str, str]:
    """Amazon's approved removal notice in each language with rules."""
    rules, languages = _data()
    notices = {code: data["approved_removal_notice"] for code, data in languages.items() if code != ENGLISH}
    return {ENGLISH: rules["approved_removal_notice"], **notices}


@cache
def notice_wordings() -> tuple[str, ...]:
    """The approved notice and its paraphrases in every language, folded: each is a removal notice."""
    rules, languages = _data()
    fold = rules_for(frozenset({ENGLISH})).normaliser.fold_text
    texts = [rules["approved_removal_notice"]]
    for data in languages.values():
        texts += [data.get("approved_removal_notice", ""), *data.get("approved_notice_paraphrases", ())]
    return tuple(_squeeze(fold(t)) for t in texts if t)


def _squeeze(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text).strip()


def is_notice_wording(text: str) -> bool:
    """Does a text contain the approved notice, or one of its paraphrases, in any language?"""
    fold = rules_for(frozenset({ENGLISH})).normaliser.fold_text
    squeezed = _squeeze(fold(text))
    return any(w in squeezed for w in notice_wordings())


def marketplace_notice(marketplace: str | None) -> str:
    """The approved notice in the buyer's language of a marketplace (English where there is none)."""
    accepted = MARKETPLACE_LANGUAGES.get((marketplace or "").upper(), (ENGLISH,))
    return approved_notices().get(accepted[0], approved_notices()[ENGLISH])


def warm_up() -> None:
    """Load the detector's models and the rule sets of single languages (call it off the event loop). What it loads
    lives as long as the process: about 150,000 containers (the vocabularies' tries)."""
    DETECTOR.warm_up()
    for code in NAMES:
        rules_for(frozenset({code}))


# --- checks and findings ------------------------------------------------------------------------------------------


def unchecked_language(doc: Document) -> list[Hit]:
    """A sentence in a language fbdesk has no rules for."""
    if doc.languages is None:
        return []
    return [
        Hit("unchecked-language", s.start, _trimmed_end(doc.text, s.start, s.end), values={"language": s.unsupported})
        for s in doc.languages.sentences
        if s.unsupported is not None
    ]


def buyer_language(doc: Document) -> list[Hit]:
    """A message in a language that is not its marketplace's."""
    languages = doc.languages
    marketplace = (doc.context.marketplace or "").upper()
    accepted = MARKETPLACE_LANGUAGES.get(marketplace)
    if languages is None or not accepted or languages.dominant is None or languages.dominant in accepted:
        return []
    first = next(s for s in languages.sentences if s.language == languages.dominant)
    values: dict[str, object] = {
        "language": NAMES[languages.dominant],
        "expected": NAMES[accepted[0]],
        "marketplace": marketplace,
    }
    return [Hit("buyer-language", first.start, _trimmed_end(doc.text, first.start, first.end), values=values)]


def _trimmed_end(text: str, start: int, end: int) -> int:
    return start + len(text[start:end].rstrip())


def notice_in(fix: str | None, language: str) -> str | None:
    """A fix in the language of its sentence: the English approved notice becomes that language's."""
    notices = approved_notices()
    return notices.get(language, fix) if fix is not None and fix == notices[ENGLISH] else fix


def _without_links_and_numbers(text: str) -> str:
    """The text with its links, addresses and numbers blanked: what no language's words are. (A mark is made of link
    characters, so a text with none has no link: most sentences are read without the look at each run.)"""
    if _LINK_MARK.search(text):
        text = _LINK_CHARACTERS.sub(lambda m: " " if _LINK_MARK.search(m.group()) else m.group(), text)
    return _DIGITS.sub(" ", text)
