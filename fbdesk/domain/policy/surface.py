"""Checks that read the surface of a text: links, contact details, markup, emoji, capitals, tone words, length,
and personal data. Links, addresses and capitals are read on the visible view (NFKC, invisible characters gone, case
kept); words on the folded view. `Surface` holds the patterns compiled from the rule data; the checks at the end take
a Document."""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from itertools import accumulate
from typing import TYPE_CHECKING, Any

from .fixes import whole_sentences
from .hits import Document, Hit, piece_by_piece
from .lexicon import Tagged, Vocabulary
from .model import WRITTEN
from .normalise import TextView
from .quotes import quoted_statements

if TYPE_CHECKING:
    from .ruleset import RuleSet

# The tagged classes the surface checks read.
TONE_CLASSES = ("insult", "profanity", "mild-profanity", "blame", "shut-out")
VOCABULARY = frozenset(
    {
        *TONE_CLASSES,
        "marketing",
        "promo-cue",
        "promo-when",
        "promo-explained",
        "settled",
        "feedback-topic",
        "seller-subject",
        "buyer-subject",
        "contact-us",
        "negation",
        "reported",
        "not-ours",
        "read-verb",
        "read-source",
        "scorn-marker",
        "request",
    }
)
# Messengers and social networks named as the channel to write to the seller on ("message us on WhatsApp", "search
# our shop on Facebook and message us there"): the names no common word shares ("line", "signal" and "messenger" are
# words too, but LINE before a Japanese particle or "ID" is the app: "LINEで連絡もらえると早いです")
_CHANNEL = re.compile(
    r"(?<![a-z0-9])(?:whatsapp|whats app|telegram|viber|wechat|skype|kakaotalk|facebook messenger|fb messenger"
    r"|instagram dms?|insta dms?|instagram|facebook|line(?= ?(?:で|の|に|id))"
    # (a search that finds the seller's number: "if you google 'Clearview Readers Bristol', the number comes up")
    r"|google(?! (?:translate|maps|play|pay|reviews?|lens)))(?![a-z0-9])"
)
_CLAUSE_BREAK = frozenset(",;:-()\u3001")  # punctuation that ends a clause (、 in Japanese)
_CLAUSE_REACH = 12  # words a clause is looked for on either side of a curse
_KANA_DASH = re.compile(r"(?<=\d)\u30fc(?=\d)")
EMOJI = re.compile(
    "[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u231a\u231b\u2328\u23cf\u23e9-\u23f3\u23f8-\u23fa"
    "\u3030\u303d\u3297\u3299](?:[\ufe0e\ufe0f\u200d\u20e3\U0001f3fb-\U0001f3ff]"
    "|[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff])*"
)
HTML_TAG = re.compile(
    r"</?[A-Za-z][A-Za-z0-9]*(?:\s+[^<>]*)?/?>"
    r"|&(?:[A-Za-z][A-Za-z0-9]{1,8}|#\d{1,7}|#[xX][0-9A-Fa-f]{1,6});"
)
EMAIL = re.compile(r"(?<![\w.+\-])[\w.+\-]{1,64}@(?:[\w\-]{1,63}\.){1,8}[A-Za-z]{2,24}")
ORDER_ID = re.compile(r"(?<!\d)\d{3}-\d{7}-\d{7}(?!\d)")
# an order id, or one mistyped at its end ("113-9920145-6623"): no country writes a phone number so
ORDER_ID_SHAPED = re.compile(r"\d{3}-\d{7}-\d{4,8}")
# Not inside a Latin word or number; next to Japanese or Chinese it may be ("090-1234-5678までお電話").
_NOT_IN_WORD_BEFORE, _NOT_IN_WORD_AFTER = r"(?<![0-9A-Za-zÀ-ÿ_+])", r"(?![0-9A-Za-zÀ-ÿ_])"
# A separator between digit groups: a space, or a mark with a space either side ("0176 / 234 56 78").
_GROUP_GAP = r"(?: ?[.\-/\u2013] ?|\s)"
PHONE = re.compile(
    _NOT_IN_WORD_BEFORE
    + r"(?:\+\d{1,3}[\s.\-]?)?(?:\(\d{1,5}\)[\s.\-]?)?\d{2,5}(?:"
    + _GROUP_GAP
    + r"\d{2,8}){1,4}"
    + _NOT_IN_WORD_AFTER
    + "|"
    + _NOT_IN_WORD_BEFORE
    + r"\+?\d{9,13}"
    + _NOT_IN_WORD_AFTER
    # the Japanese way, the exchange in brackets: "06(4432)8751"
    + "|"
    + _NOT_IN_WORD_BEFORE
    + r"\d{2,5}\(\d{1,5}\)\d{3,5}"
    + _NOT_IN_WORD_AFTER
    # digit by digit: "6 9 8 - 1 1 2 - 3 3 4"
    + "|"
    + _NOT_IN_WORD_BEFORE
    + r"\+?\d(?:"
    + _GROUP_GAP
    + r"{1,3}\d){6,14}"
    + _NOT_IN_WORD_AFTER
)
# "h e l p @ s h o p . c o . u k": an address spelled letter by letter
SPACED_EMAIL = re.compile(r"(?<![\w@])(?:[A-Za-z0-9] ){2,64}@(?: [A-Za-z0-9])+(?: ?\.(?: [A-Za-z0-9])+)+")
# "compta . maisonverte @ gmail . com": an address with spaces around its "@" and dots (kept only if it has one)
SPACED_WORDS_EMAIL = re.compile(
    r"(?<![\w.+\-])[\w+\-]{1,64}(?: ?\. ?[\w+\-]{1,64}){0,4} {0,2}@ {0,2}"
    r"[\w\-]{1,63}(?: ?\. ?[\w\-]{1,63}){0,3} ?\. ?[A-Za-z]{2,24}\b"
)
_MAIL_PROVIDERS = (
    r"gmail|googlemail|yahoo|hotmail|outlook|icloud|gmx|aol|protonmail|proton|libero|wanadoo|orange|t-online"
)
# "john.hart82 at gmail", "j o h n . h a r t 8 2 at gmail": a plain "at" before a mail provider, after a name that
# reads as an address (a digit, dot or underscore in it, or spelled letter by letter), not "have a look at gmail"
PROVIDER_AFTER_AT = re.compile(r"(?i)\sat\s+(?:" + _MAIL_PROVIDERS + r")(?![\w\-])")
PLAIN_PROVIDER_EMAIL = re.compile(
    r"(?i)(?<![\w.+\-])(?:(?:[a-z0-9.] ){3,64}|[\w+\-]{0,64}[\d._][\w.+\-]{0,64}\s{1,3})at\s+(?:"
    + _MAIL_PROVIDERS
    + r")(?![\w\-])"
)
# "Photos are easiest by email - kettlekraft at gmail": a plain name before "at gmail", read as an address after a
# word for e-mail in the sentence (Surface.mail_cue)
NAME_AT_PROVIDER = re.compile(
    r"(?i)(?<![\w.+\-])(?!(?:look|looking|looked|glance|you|him|her|them|here|there|arrived?|inbox|account|address|"
    r"messages?|spam|folder)\s)[a-z][\w+\-]{2,63}\s{1,3}at\s+(?:" + _MAIL_PROVIDERS + r")(?![\w\-])"
)
SPELLED_SLASH = re.compile(r"(?i)\s{1,3}(?:slash|schrägstrich|schraegstrich|barre oblique|barra|スラッシュ)(?!\w)")
# A date: year, month and day, or day and month (either order) and year; "0120-38-5172" is a Japanese free-dial number
_DAY_OR_MONTH = r"(?:0?[1-9]|[12]\d|3[01])"
DATE = re.compile(
    rf"(?:19|20)\d\d[./\-]{_DAY_OR_MONTH}[./\-]{_DAY_OR_MONTH}|{_DAY_OR_MONTH}[./\-]{_DAY_OR_MONTH}[./\-](?:19|20)?\d\d"
)
EXCLAMATION = re.compile(r"!{2,}|[!?]{3,}|\?!+|!\?+")
CAPS_HINT = re.compile(r"(?<![A-Z])[A-Z]{2,}+[^\w]{1,8}[A-Z]{2}")  # starts only where a run of capitals starts
WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")
# a social-media handle or tag, not a case number ("ticket #IT-447305")
HANDLE = re.compile(r"(?<![\w.@&])[@#](?![A-Z]{1,4}-?\d{3,}(?![\w.\-]))[A-Za-z_][\w.\-]{2,}+")
MASKING = re.compile(r"[*#!@$1-]")  # what masks a letter ("f***", "sh!t", "f-ing", "$hit")
_MID_WORD_MARK = re.compile(r"[!@1]")
_MASKS = "*#$\u3007\u25cb\u25cf\uff0a"  # and the circles and star Japanese masks a letter with
# "[Important]" as the marketplaces write it: Amazon.es and .it "[Importante]", .de "[Wichtig]", .co.jp "【重要】"
IMPORTANT_TAG = re.compile(r"(?i)\[\s{0,3}(?:important|importante|wichtig|重要)\s{0,3}\]|【\s{0,3}重要\s{0,3}】")
# not inside a model code ("NR-F45HX", "DC18RCなど"): no word character or hyphen either side
UK_POSTCODE = re.compile(r"(?<![\w-])[A-Z]{1,2}\d[A-Z\d]?[ ]?\d[A-Z]{2}(?![\w-])")
_US_STATES = (  # and DC, the territories and the armed forces' codes
    "AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|"
    "PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC|PR|GU|VI|AS|MP|AA|AE|AP"
)
# "Dayton, OH 45402" (a state's code, not any two capitals: "Cera Alba, CI 75470" names a colour)
US_STATE_ZIP = re.compile(rf",[ ]?(?:{_US_STATES})[ ]\d{{5}}(?:-\d{{4}})?(?!\d)")
MODEL_CODE = re.compile(r"(?<![\w-])[A-Z]{1,4}-?\d{2,6}(?![\w-])")
# Cheap tests that let a check skip its expensive patterns on text that cannot match them (each pattern below starts
# with a literal or a single character class, which the regex engine scans for quickly).
DOT_LETTER = re.compile(r"\.[^\W\d_]")
# "greenleafgadgets·com": a dot written with a look-alike (read as a dot where links are looked for; same length)
_AS_DOT = str.maketrans(dict.fromkeys("\u00b7\u2022\u2219\u2027", "."))
# "w w w . shelfmate . co . uk": a web address spelled letter by letter
SPACED_WWW = re.compile(r"(?i)(?<![a-z])w\s{1,2}w\s{1,2}w\s{0,2}\.\s{0,2}[\w\-]+(?:\s{0,2}\.\s{0,2}[\w\-]+)+")
# "leatherandoak co uk / care": the dots of a link written as spaces, told from a sentence by its path (only top-level
# domains that no sentence puts before a slash: "the net / gross weight", "contact me / us")
SPACED_DOTLESS_LINK = re.compile(
    r"(?i)(?<![\w\-])[a-z0-9][\w\-]{2,62}\s{1,2}(?:com|co\s{1,2}uk|co\s{1,2}jp|com\s{1,2}au|org\s{1,2}uk)"
    r"\s{0,2}/\s{0,2}[\w\-]{2,}"
)
# "b o x e d u p . c o . z a": a domain spelled letter by letter (a domain once its spaces go)
SPACED_LETTERS_DOMAIN = re.compile(
    r"(?i)(?<![\w.])(?:[a-z0-9] ){3,63}\.(?: [a-z0-9]){1,24}(?: \.(?: [a-z0-9]){1,24}){0,3}(?!\w)"
)
# "04 78 3O 12 55", "O7700 9OO l23": letters written for digits inside a number (same length, so spans hold)
DIGIT_LOOK_ALIKE = re.compile(r"\d[OoIl]|[OoIl]\d")
LOOK_ALIKE_NUMBER = re.compile(r"(?<![^\W\d_])[\dOoIl]*\d[\dOoIl]*(?![^\W\d_])")
_DIGIT_OF = str.maketrans("OoIl", "0011")
# a phone number in kanji numerals, as in vertical writing: "〇六(四四三二)八七五一"
KANJI_DIGIT_RUN = re.compile(r"[〇一二三四五六七八九][〇一二三四五六七八九()\-ー ]{6,}")
_KANJI_DIGIT_OF = str.maketrans("〇一二三四五六七八九", "0123456789")
PHONE_CANDIDATE = re.compile(r"[+(\d][\d\s.\-/()\u2013]{5,}+")  # possessive: a start that fails costs 5 steps
CAPS_RUN = re.compile(r"[A-Z]{2,}")  # where CAPS_HINT may start
MARK_RUN = re.compile(r"[!?]{2,}")  # what EXCLAMATION matches lies in one of these
LETTERS = re.compile(r"[a-z]+")
_SPELLED_GROUPS = 4  # the fewest words and groups of figures spelled_phone matches ("ゼロキューゼロ の 1234 の 5678")
_SPELLED_WORDS = 3  # the fewest digits a spelt number spells out in words (the rest may be figures)
FIGURES = re.compile(r"\d+")
POSTCODE_HINT = re.compile(r"[A-Z]\d")  # in every UK postcode
DIGIT = re.compile(r"\d")  # in every country's street and postcode format
STREET_HINT = re.compile(r"\d [A-Z]")  # in every numbered street ("4180 Maple Street")
_SENTENCE_OPENING = re.compile(r"^\W*\w|(?<=[.!?])\s+\w|\bi\b")  # where sentence case has capitals (and "I")


# Said of the buyer whoever the subject is ("we will not accept your orders"), and said in the buyer's words when
# quoted (blame and shutting out are ours)
_ANY_SUBJECT = ("blame", "shut-out", "profanity")
_QUOTABLE = ("insult", "profanity", "mild-profanity")


def _aimed(t: Tagged, i: int, j: int, name: str) -> str:
    """An insult or a mild curse said of ourselves ("wir haben Mist gebaut") aims at no buyer: it is only
    unprofessional (a sentence with the seller as a subject and the buyer as none). Stronger profanity blocks whoever
    it is said of ("una semana de mierda"): written to a buyer, it is offensive language all the same."""
    if name in _ANY_SUBJECT:
        return name
    if name == "insult" and j - i >= 3:  # a put-down phrase aims at the buyer: "I'll explain this more slowly"
        return name
    s0, s1 = t.sentences[t.sentence_of[i]]
    if t.has("seller-subject", s0, s1) and not t.has("buyer-subject", s0, s1):
        return "self"
    # both in the sentence: the clause decides ("da haben wir Mist gebaut: Sie hatten zwei grüne bestellt"), looked
    # for a bounded way either side, so that a sentence of many curses stays linear
    first, last = max(s0, i - _CLAUSE_REACH), min(s1, j + _CLAUSE_REACH)
    c0 = next((k + 1 for k in range(i - 1, first - 1, -1) if t.words[k] in _CLAUSE_BREAK), first)
    c1 = next((k for k in range(j, last) if t.words[k] in _CLAUSE_BREAK), last)
    if t.has("seller-subject", c0, c1) and not t.has("buyer-subject", c0, c1):
        return "self"
    return "profanity" if name == "mild-profanity" else name


_AFTER_NAME = re.compile(r"\s*[,–-]\s*([^\W\d_]+)")  # the word set off after a name: "Dirk Hansen, Inhaber"
_WORD = re.compile(r"[^\W\d_]+")
_SINGLE_DIGITS = re.compile(r"\d(?:[-./ ]\d)+")
_SIGN_OFF_DASH = re.compile(r"\s[-–—]\s")  # (the visible text has the em dash as "-")
_NAMES_JOINED = frozenset({"and", "und", "et", "y", "e"})  # "Margaret, Tom and Sam Perkins"


def _scolding(t: Tagged, quoted: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences that scold the buyer for not reading: a verb of reading, the listing or its papers, and a marker of
    scorn ("Maybe read the compatibility list next time", "leer la ficha antes de comprar es pedir mucho"), with no
    polite request ("next time, please read the size chart"), no negation ("obviously nobody reads manuals") and not
    said of the seller's own reading. Character spans; the buyer's words quoted (`quoted`, merged) are theirs."""
    reads = t.occurrences("read-verb")
    if not reads:
        return []
    spans: list[tuple[int, int]] = []
    for s in sorted({t.sentence_of[i] for i, j in reads if not (quoted and _within(t.char_span(i, j), quoted))}):
        s0, s1 = t.sentences[s]
        # (the papers may be named just before: "手順書に図入りで記載済。普通に読めば分かる内容")
        named = t.has("read-source", t.sentences[s - 1][0] if s else s0, s1)
        markers = t.within("scorn-marker", s0, s1)
        if not (named and markers):
            continue
        # (a negation or a polite word the marker holds is the marker's: "entendemos que leer no sea lo suyo",
        # "peut-être aurait-il fallu les lire"; a negation in another clause is not of the reading: "Tenerle in
        # garage non aiuta, ma immagino che il foglietto di istruzioni fosse troppo lungo da leggere")
        clause = _clauses(t, s0, s1)
        reading = {clause[i - s0] for i, _ in t.within("read-verb", s0, s1)}
        denied = [
            (i, j)
            for i, j in t.within("negation", s0, s1)
            if not any(a <= i and j <= b for a, b in markers) and clause[i - s0] in reading
        ]
        asked = [(i, j) for i, j in t.within("request", s0, s1) if not any(a <= i and j <= b for a, b in markers)]
        if denied or asked:
            continue
        # (the seller's own reading, in the clause of each verb of reading: "den Rabatt, den Sie meinen, haben wir
        # uns angesehen")
        subjects = {
            name: {clause[i - s0] for i, _ in t.within(f"{name}-subject", s0, s1)} for name in ("seller", "buyer")
        }
        if reading <= subjects["seller"] - subjects["buyer"]:
            continue
        spans.append(t.char_span(s0, s1))
    return spans


# A word alone in quotation marks (the folded text has straight quotes): "'broken'", "« défectueux »"
_ONE_WORD_QUOTED = re.compile(r"'(\w+)'|\"(\w+)\"|\u00ab ?(\w+) ?\u00bb")


def _clauses(t: Tagged, first: int, last: int) -> list[int]:
    """The clause of each token in [first, last), counted by the clause breaks before it."""
    return list(accumulate(w in _CLAUSE_BREAK for w in t.words[first:last]))


def _within(span: tuple[int, int], merged: list[tuple[int, int]]) -> bool:
    """Whether a span lies inside one of the spans `merged` (joined by _merge()): one bisection, so a text of many
    quotes and many terms stays linear."""
    k = bisect_right(merged, (span[0], math.inf)) - 1
    return k >= 0 and merged[k][0] <= span[0] and span[1] <= merged[k][1]


def _either(patterns: Iterable[str]) -> re.Pattern[str] | None:
    patterns = list(patterns)
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


# a letter or digit of a host name: a word character that is not Japanese (kana, kanji)
_HOST_LETTER = r"[^\W\u3040-\u30ff\u3400-\u9fff]"

# a capitalised name, accents and all ("Öztürk", "Hélène", "Wiśniewska", "Łukasz"; Latin Extended-A mixes its cases)
_CAPITAL, _SMALL = "A-ZÀ-ÖØ-ÞĀ-ž", "a-zß-öø-ÿĀ-ž"
_NAME = rf"(?:Ma?c|O')?[{_CAPITAL}][{_SMALL}'\-]+"  # (McAllister, MacLeod, O'Connell)


def _address_line(text: str, postcode: re.Match[str]) -> bool:
    """Is a postcode and town written as an address line: marked ("D-80331", "〒"), or after a comma, colon or line
    break ("Industriestraße 14, 59065 Hamm")? A number before a capitalised noun is no address ("über 10000 Kunden")."""
    if not postcode.group()[0].isdigit():
        return True
    k = postcode.start()
    while k and text[k - 1] == " ":
        k -= 1
    return not k or text[k - 1] in ",;:\n("


def _domain_hint(text: str) -> bool:
    if "://" in text or "www." in text.lower():
        return True
    return any(m.start() and text[m.start() - 1].isalnum() for m in DOT_LETTER.finditer(text))


@dataclass(frozen=True, slots=True)
class SurfaceWords:
    phone_cue: frozenset[str]  # "call us on ...": makes a number a phone number
    mail_cue: frozenset[str]  # "by email": makes "kettlekraft at gmail" an address
    tracking_cue: frozenset[str]  # "tracking number ...": makes it a reference, if nearer than a phone cue
    number_word: frozenset[str]  # "number": a phone cue that does not outweigh a reference cue before it
    title: frozenset[str]  # "Mr", "Dr" before a name
    greeting: frozenset[str]  # "Dear", "Hi" before a name
    name_intro: frozenset[str]  # "my name is"
    email_at: frozenset[str]  # "help [at] shop [dot] com": the words spelled out for "@" and "."
    email_dot: frozenset[str]
    dot_phrase: frozenset[str]  # "punto de" in "punto de recogida": a spelled dot, then a domain's end that is a word
    not_name: frozenset[str]  # capitalised words that open a sentence or greet someone without naming them
    digit_word: frozenset[str]  # "oh-one-six-one ...": digits spelt out
    digit_repeat: frozenset[str]  # "double eight": the word adds one digit
    digit_pair: frozenset[str]  # "triple one", "nine hundred": the word adds two digits
    digit_joiner: frozenset[str]  # "cuarenta y dos": a word inside a run of spelt digits
    street_type: frozenset[str]  # "Street", "Road": the end of a street name
    pickup_point: frozenset[str]  # "post office", "Packstation": an address after one is where a parcel waits
    delivery_address: frozenset[str]  # "delivery address", "Lieferadresse": an address after one is the buyer's
    shop_possessive: frozenset[str]  # "our" (not "my"): a sales cue on "our" range is a pitch
    miss_out: frozenset[str]  # "don't miss": a negation that is part of a pitch
    signer_role: frozenset[str]  # "Inhaber" after a name: the name signs the text
    scare_quoted: frozenset[str]  # "the 'broken' glue gun": a defect claimed, doubted by its quotation marks
    label_noun: frozenset[str]  # "the reason 'defective'": a noun a quoted word is the name of, no scorn
    determiner: frozenset[str]
    copula: frozenset[str]


WORD_SETS = (SurfaceWords,)


_NEXT_WORD = re.compile(r"[^\S\n]+[^\W\d_]")  # on the same line: "punkt de\n\nBeste Grüße" ends the domain


def _alternatives(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


class Surface:
    def __init__(
        self,
        data: Mapping[str, Any],
        vocabulary: Vocabulary,
        country_addresses: Mapping[str, list[str]],
        fold_word: Callable[[str], str],
    ):
        self._fold_word = fold_word  # text folded as the vocabulary's words are, to match them
        words = vocabulary.word_sets(SurfaceWords)
        links = data["links"]
        tlds = "|".join(sorted(set(links["tlds"]), key=len, reverse=True))
        self.amazon_hosts = tuple(links["amazon_hosts"])
        dots = [re.escape(w) for w in sorted(words.email_dot)]
        ats = [re.escape(w) for w in sorted(words.email_at)]
        # "example dot com", "help [at] shop [dot] com", "example[.]com", "example{.}com"
        self._spelled_words = tuple(sorted(words.email_dot))
        self.dot_phrases = words.dot_phrase
        self._spelled_marks = tuple(f"{o}{a}{c}" for a in sorted(words.email_at) for o, c in ("[]", "()", "{}"))
        self._dot = (
            r"(?:\s{0,3}(?:\[\.\]|\(\.\)|"
            + "|".join(rf"\[{d}\]|\({d}\)|\{{{d}\}}" for d in dots)
            + r")\s{0,3}|\s{1,3}(?:"
            + "|".join(dots)
            + r")\s{1,3})"
        )
        at = r"(?:\s{0,3}(?:" + "|".join(rf"\[{a}\]|\({a}\)|\{{{a}\}}" for a in ats) + r")\s{0,3})"
        self.url = re.compile(r"(?i)\b(?:https?|hxxps?|ftp)://[^\s<>\"'{}|\\^`\[\]]+|\bwww\.[^\s<>\"'{}|\\^`\[\]]+")
        self.bare_domain = re.compile(
            # (Japanese may follow a domain with no space, or come just before it: "本件はAmazon.co.jpの返品ポリシー";
            # its letters are no part of a host)
            rf"(?i)(?<![@.\-/])(?<!{_HOST_LETTER})((?:(?:{_HOST_LETTER}|-){{1,63}}\.){{1,8}}(" + tlds + r"))"
            r"(?![0-9a-z_\-À-ÿ])(?:/[^\s<>\"']*+)?"
        )
        self.dotted_domain = re.compile(
            r"(?i)(?<![\w\-])[\w\-]{1,63}(?:" + self._dot + r"[\w\-]{1,63}){0,6}" + self._dot + r"(?:" + tlds + r")\b"
        )
        # "t . me / shop_help", "bit . ly / x": dots spaced out of a link, told from a sentence by the path after it
        self.spaced_link = re.compile(
            r"(?i)(?<![\w\-])[\w\-]{1,63}(?:\s{0,2}\.\s{0,2}[\w\-]{1,63}){0,4}\s{0,2}(?:\s\.|\.\s)\s{0,2}(?:"
            + tlds
            + r")\s{0,2}/\s{0,2}[\w\-]{2,}"
        )
        # "evil[.]example": a dot in brackets is a disguise, whatever the top-level domain
        self.bracketed_domain = re.compile(
            r"(?i)(?<![\w\-])[\w\-]{1,63}(?:\s{0,3}(?:\[\.\]|\(\.\)|\{\.\}|"
            + "|".join(rf"\[{d}\]|\({d}\)|\{{{d}\}}" for d in dots)
            + r")\s{0,3}[\w\-]{1,63}){1,6}"
        )
        # "help [at] shop [dot] com" is surely an address; "help at shop dot com" may also be "look at shop.com"
        self.bracketed_email = re.compile(
            # (its dots may be spaced out too: "buchhaltung (at) klingenwerk-handel . de")
            r"(?i)(?<![\w.+\-])[\w.+\-]{1,64}"
            + at
            + r"[\w\-]{1,63}(?:(?:"
            + self._dot
            + r"|\s{0,2}\.\s{0,2})[\w\-]{1,63}){1,8}"
        )
        # "jessica.m.hale (at) gmail": an "at" in brackets before a mail provider needs no domain
        self.provider_email = re.compile(
            r"(?i)(?<![\w.+\-])[\w.+\-]{1,64}" + at + r"(?:" + _MAIL_PROVIDERS + r")(?![\w\-])"
        )
        self.masked_email = re.compile(
            self.bracketed_email.pattern
            + r"|(?<![\w.+\-])[\w.+\-]{1,64}\s+(?:"
            + "|".join(ats)
            + r")\s+[\w\-]{1,63}"
            + r"(?:"
            + self._dot
            + r"[\w\-]{1,63}){0,6}"
            + self._dot
            + r"(?:"
            + tlds
            + r")\b(?!/)"
        )
        # "Skype: shop.help", "WeChat, ID tom88", "LINE ID → shop_jp", "Telegram @shop": the handle after an ID word,
        # a colon (a full-width one too: the view is NFKC) or an at sign; after a colon it must hold a digit, dot or
        # underscore ("line: Heritage" is no handle)
        self.messengers = data["messengers"]["names"]
        # "WhatsApp - kitchenpro_support", "Telegram glowskin_help", "my wechat is lily_seller88": a handle with a
        # digit, dot or underscore; "LINEのほうが早いので、ID「kimono_hana」で": an ID given a little later, with no
        # Latin word between ("line 2, item ID: B07" is none; bounded, so a scan stays linear)
        self.handle = re.compile(
            r"(?i)(?<![a-z0-9.@])(?:" + _alternatives(self.messengers) + r")(?![a-z0-9@])[\s,]{0,3}"
            r"(?:(?:id|handle|user\s?name|account)(?!\w)[\s:=#\u2192]{0,3}@?(?P<named>[\w.\-]{3,40}\w)"
            r"|@\s?(?P<at>\w[\w.\-]{1,39}\w)|[:=]\s{0,2}@?(?P<given>[\w.\-]*[\d_.][\w.\-]*\w)"
            r"|(?:[\-\u2013\u2014]\s{0,2}|is\s{1,2})?(?P<bare>[a-z][\w.]*[\d_.][\w.]*\w)"
            # "you'll find me on Telegram as ozgearjake" (not after a comma: "the MAX line, as splashing can ...")
            r"|(?<!,)(?<!,\s)as\s{1,2}(?!(?:well|soon|usual|always|possible|before|such|an?|the|we|you|our|your|it|i)(?!\w))"
            r"(?P<as>[a-z][\w.]{3,39})"
            # (or "IDは nami_kyodai です": after は/が and a space, a handle with a digit, dot or underscore)
            r"|[^a-z]{0,40}?(?<![a-z])id\s?(?:[はが]?\s?[:=\u300c\u300e\u2192]\s{0,2}@?|[はが]\s{0,2}"
            r"(?=[a-z][\w.\-]{0,38}[\d_.]))(?P<later>[\w.\-]{2,40}\w))"
        )
        self.phone_cue = re.compile(r"(?i)\b(?:" + _alternatives(words.phone_cue) + r")\b")
        self.mail_cue = re.compile(r"(?i)(?<!\w)(?:" + _alternatives(words.mail_cue) + r")(?!\w)")
        self.number_words = words.number_word
        self.tracking_cue = re.compile(r"(?i)(?<![a-z])(?:" + _alternatives(words.tracking_cue) + r")(?![a-z])")
        self.acronyms = frozenset(data["tone"]["acronyms"])
        masked = vocabulary.masked("profanity")
        self.masked_profanity = re.compile("|".join(f"(?:{p})" for p in masked)) if masked else None
        # folded once: a merged vocabulary folds its word sets, English alone keeps them as written
        self.not_names = frozenset(map(fold_word, words.not_name))
        self.shop_possessive = words.shop_possessive
        self.miss_out = words.miss_out
        self.signer_roles = frozenset(map(fold_word, words.signer_role))
        self.scare_quoted = frozenset(map(fold_word, words.scare_quoted))
        self.label_nouns = frozenset(map(fold_word, words.label_noun))
        self.determiners = frozenset(map(fold_word, words.determiner))
        self.copulas = frozenset(map(fold_word, words.copula))
        spelled = words.digit_word | words.digit_repeat | words.digit_pair
        digits = _alternatives(spelled)
        self.digit_pair = words.digit_pair
        # a run of spelt digits; possessive, so a run that falls short costs its own length once (the long vowel mark
        # is a dash between digits: "ゼロ・キュウ・ゼロ ー ヨン・ニ ...")
        joined = "".join(rf"|(?<![a-z]){re.escape(w)}(?![a-z])" for w in sorted(words.digit_joiner))
        # (figures may stand for some of the digits: "null eins fünf zwei - 38 44 19 07")
        self.spelled_phone = re.compile(
            r"(?<![a-z\d])(?:(?:" + digits + rf"|\d{{1,4}})(?![a-z])(?:[\s,.\-/、・\u30fc]{joined}){{0,3}}+)"
            rf"{{{_SPELLED_GROUPS},}}+"
        )
        self.digit_word = re.compile(digits)  # a run's digits, counted (kanji numerals are not runs of letters)
        # each word the pattern takes is a whole run of letters: below _SPELLED_WORDS such runs, no match counts
        self._digit_words = spelled if all(LETTERS.fullmatch(w) for w in spelled) else None
        self.street = re.compile(
            r"(?<![\w,])\d{1,5}[ ](?:[A-Z][a-z]+[ ]){1,3}(?:" + _alternatives(words.street_type) + r")\b\.?"
        )
        self.pickup_point = re.compile(_alternatives(words.pickup_point), re.IGNORECASE)
        self.delivery_address = re.compile(_alternatives(words.delivery_address), re.IGNORECASE)
        # the street and postcode formats of the marketplaces' countries ("Hauptstraße 12", "69007 Lyon", "〒530-0001")
        self.country_street = _either(country_addresses.get("street_patterns", ()))
        self.country_postcode = _either(country_addresses.get("postcode_patterns", ()))
        self.country_name = _either(country_addresses.get("name_patterns", ()))
        self.first_names = frozenset(data["personal"]["first_names"])
        self.full_name = re.compile(rf"\b([{_CAPITAL}][{_SMALL}]+)\s+(?:[A-Z]\.\s+)?{_NAME}(?:-{_NAME})?\b")
        # "Dear Mr. Smith", "Sehr geehrter Herr Thomas Berger", "Bonjour Mme Morel", "Hi Sarah": a greeting, a title
        # or both before a name
        # (the word sets are folded to lower case; a name is told by its capital)
        title = r"(?P<title>(?i:" + _alternatives(words.title) + r"))\.?\s+"
        self.salutation = re.compile(
            r"\b(?:(?i:"
            + _alternatives(words.greeting)
            + r")\s+(?:"
            + title
            + r")?|"
            + title.replace("title", "alone")
            + r")(?P<name>"
            + _NAME
            + r"(?:\s+"
            + _NAME
            + r")?)"
        )
        self.first_and_initial = re.compile(rf"\b([{_CAPITAL}][{_SMALL}]+)\s+[A-Z]\.(?!\w)")  # "Jennifer W."
        self.opening_name = re.compile(r"^\s*([A-Z][a-z'\-]+)\s+([A-Z][a-z'\-]+),")
        self.opening_first_name = re.compile(r"^\s*([A-Z][a-z'\-]+)[,!]")  # "Jason, we've emailed you twice"
        self.my_name = re.compile(
            r"(?i:\b(?:" + _alternatives(words.name_intro) + r"))\s+([A-Z][a-z'\-]+(?:\s+[A-Z][a-z'\-]+)?)"
        )

    def spelled_hint(self, text: str) -> bool:
        """Might the text spell out an address: "example dot com", "help [at] shop [dot] com", "example[.]com"?"""
        low = text.lower()
        return (
            any(w in low for w in self._spelled_words)
            or any(m in low for m in self._spelled_marks)
            or "[.]" in text
            or "(.)" in text
            or "{.}" in text
        )

    # --- links -----------------------------------------------------------------------------------------------
    def links(self, visible: TextView, fold: Callable[[str], str]) -> list[Hit]:
        text = visible.text.translate(_AS_DOT)
        hits: list[Hit] = []
        taken = Spans()
        spelled = self.spelled_hint(text)
        spaced = " /" in text or "/ " in text
        www = "w w w" in text.lower()
        letters = " . " in text  # "b o x e d u p . c o . z a"
        if not spelled and not spaced and not www and not letters and not _domain_hint(text):
            return hits
        for m in self.url.finditer(text):
            start, end = m.start(), m.end()
            while end > start and text[end - 1] in ".,;:!?)'\"":
                end -= 1
            taken.add((start, end))
            self._link(visible, text[start:end], start, end, hits, fold)
        emails = Spans(e.span() for e in EMAIL.finditer(text)) if "@" in text else Spans()
        if spelled:  # "support [at] shop [dot] com" is an email address, reported as contact details
            for e in self.bracketed_email.finditer(text):
                emails.add(e.span())
        patterns = [self.bare_domain, self.dotted_domain, self.bracketed_domain] if spelled else [self.bare_domain]
        if spaced:
            patterns += [self.spaced_link, SPACED_DOTLESS_LINK]
        if www:
            patterns.append(SPACED_WWW)
        if letters:
            patterns.append(SPACED_LETTERS_DOMAIN)
        for pattern in patterns:
            for m in pattern.finditer(text):
                start, end = m.span()
                if taken.overlaps((start, end)) or emails.overlaps((start, end)):
                    continue
                if pattern is self.dotted_domain and self._phrase_goes_on(text, m):
                    continue
                if pattern is SPACED_LETTERS_DOMAIN and not self.bare_domain.fullmatch(m.group().replace(" ", "")):
                    continue
                if pattern is self.bare_domain:
                    tld = m.group(2)
                    host = m.group(1)
                    short = len(host.split(".")[-2]) < 2 and "/" not in m.group()  # "t.me/name" is a link
                    if not (tld.islower() or host.isupper()) or short:
                        continue
                taken.add((start, end))
                self._link(visible, m.group(), start, end, hits, fold)
        return hits

    def _phrase_goes_on(self, text: str, m: re.Match[str]) -> bool:
        """ "cualquier punto de recogida": after the spelled-out dot, a word of the language and more words."""
        dot_and_tld = " ".join(text[m.start() : m.end()].lower().split()[-2:])
        following = _NEXT_WORD.match(text, m.end())
        # "techshop-nord punkt de schrägstrich treiber": a path spelled out goes on as an address
        return dot_and_tld in self.dot_phrases and following is not None and not SPELLED_SLASH.match(text, m.end())

    def _link(
        self, visible: TextView, url: str, start: int, end: int, hits: list[Hit], fold: Callable[[str], str]
    ) -> None:
        # (dots written with spaces round them, or as spaces: "t . me", "leatherandoak co uk")
        host = re.sub(r"\s*\.\s*|\s+", ".", _host(re.sub(self._dot, ".", url, flags=re.I)).strip())
        if host.isascii() and any(host == h or host.endswith("." + h) for h in self.amazon_hosts):
            return
        folded = fold(host)
        variant = "look-alike" if ("amazon" in folded or "amzn" in folded) else None
        hits.append(Hit("external-link", *visible.original_span(start, end), variant=variant))

    # --- contact details and personal data --------------------------------------------------------------------
    def email_candidates(self, text: str) -> list[tuple[int, int]]:
        """Spans that look like an email address, plain or spelled out ("help [at] shop [dot] com"); may overlap."""
        text = text.translate(_AS_DOT)  # "j.moreno@strollerhaus·de" (same length: the spans hold)
        spans = [m.span() for m in EMAIL.finditer(text)] if "@" in text else []
        if "@ " in text or " @" in text:
            spans += [m.span() for m in SPACED_EMAIL.finditer(text)]
            spans += [m.span() for m in SPACED_WORDS_EMAIL.finditer(text) if " " in m.group()]
        if self.spelled_hint(text):
            spans += [m.span() for m in self.masked_email.finditer(text)]
            spans += [m.span() for m in self.provider_email.finditer(text)]
        if PROVIDER_AFTER_AT.search(text):
            spans += [m.span() for m in PLAIN_PROVIDER_EMAIL.finditer(text)]
            spans += [
                m.span()
                for m in NAME_AT_PROVIDER.finditer(text)
                if self.mail_cue.search(_sentence_before(text, m.start(), 60))
            ]
        return spans

    def emails(self, text: str) -> list[tuple[int, int]]:
        """Email addresses, each once (a plain address before a spelled-out reading of the same text)."""
        emails: list[tuple[int, int]] = []
        kept = Spans()
        for span in self.email_candidates(text):
            if not kept.overlaps(span):
                emails.append(span)
                kept.add(span)
        return emails

    def contacts(self, visible: TextView, public: bool) -> list[Hit]:
        """Email addresses (in a message; in a public response they are personal data), phone numbers and messenger
        handles."""
        text = visible.text
        emails = self.emails(text)
        hits: list[Hit] = []
        if not public:
            for start, end in emails:
                relay = "@marketplace.amazon." in text[start:end].lower()
                hits.append(
                    Hit("contact-details", *visible.original_span(start, end), variant="relay" if relay else None)
                )
        addresses = Spans(emails)
        for start, end in self.phones(text):
            if not addresses.overlaps((start, end)):
                hits.append(Hit("contact-details", *visible.original_span(start, end), variant="phone"))
        for span in self._handles(text):
            if not addresses.overlaps(span):
                hits.append(Hit("contact-details", *visible.original_span(*span), variant="handle"))
        return hits

    def _handles(self, text: str) -> list[tuple[int, int]]:
        """Messenger handles, tried only where a messenger's name is (scanning the whole text with the pattern
        costs a tenth of a keystroke's lint)."""
        lower = text.lower()
        if len(lower) != len(text):  # lower case moved the offsets (rare letters): scan it all
            return [m.span() for m in self.handle.finditer(text)]
        found: set[tuple[int, int]] = set()  # a name inside another ("insta" in "instagram") finds the same handle
        for name in self.messengers:
            at = lower.find(name)
            while at != -1:
                if m := self.handle.match(text, at):
                    found.add(m.span())
                at = lower.find(name, at + 1)
        return sorted(found)

    def channels(self, t: Tagged, folded: TextView) -> list[Hit]:
        """A messenger (or a search for the seller's number) named as the channel to write on, with no handle given
        ("message us on WhatsApp", "può scriverci anche su WhatsApp"): the talk leaves Amazon whatever the number. Not
        in a sentence that denies or reports it ("someone contacted you on WhatsApp claiming to be us")."""
        if not t.occurrences("contact-us") or not _CHANNEL.search(t.text):
            return []
        asked = {t.sentence_of[i] for i, _ in t.occurrences("contact-us")}
        for name in ("negation", "reported", "not-ours"):
            asked -= {t.sentence_of[i] for i, _ in t.occurrences(name)}
        hits: list[Hit] = []
        quoted = _merged_quotes(t.text)  # 「LINEで連絡してください」といった詐欺: another's words
        for m in _CHANNEL.finditer(t.text):
            k = bisect_right(t.starts, m.start()) - 1
            if k >= 0 and t.sentence_of[k] in asked and not (quoted and _within(m.span(), quoted)):
                hits.append(Hit("contact-details", *folded.original_span(*m.span()), variant="channel"))
        return hits

    def phones(self, text: str) -> list[tuple[int, int]]:
        if DIGIT_LOOK_ALIKE.search(text):
            text = LOOK_ALIKE_NUMBER.sub(lambda m: m.group().translate(_DIGIT_OF), text)
        if KANJI_DIGIT_RUN.search(text):
            text = KANJI_DIGIT_RUN.sub(lambda m: m.group().translate(_KANJI_DIGIT_OF), text)
        if "\u30fc" in text:  # ０９０ー１２３４ー５６７８: the long vowel mark as a dash (same length)
            text = _KANA_DASH.sub("-", text)
        found: list[tuple[int, int]] = []
        for candidate in PHONE_CANDIDATE.finditer(text):
            start, end = candidate.span()
            found.extend(self._phones_in(text, max(start - 1, 0), min(end + 1, len(text))))
        return found

    def _phones_in(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        found: list[tuple[int, int]] = []
        for m in PHONE.finditer(text, start, end):
            number = m.group()
            digits = sum(c.isdigit() for c in number)
            if not 7 <= digits <= 15 or ORDER_ID_SHAPED.fullmatch(number) or DATE.fullmatch(number):
                continue
            if _digits_around(text, *m.span()) > 15:
                continue  # the tail of a longer number: "tracking 4205 9011 9400 1096 1062 4820 1576 18"
            if m.start() >= 2 and text[m.start() - 1] in "-/" and _lettered_before(text, m.start() - 1):
                continue  # a code: "GAR-2025-08841", "SN/4471 2210 93", "PB20-2311-048215"
            if _CODE_BEFORE.search(text, max(0, m.start() - 12), m.start()) or _UNIT_AFTER.match(text, m.end()):
                continue  # a code's tail ("1Z 999 AA1 01 2345 6784") or a measure ("12000–13000 mAh")
            before = self._fold_word(text[max(0, m.start() - 30) : m.start()])
            phone_cue = max(
                (c.end() for c in self.phone_cue.finditer(before) if c.group().lower() not in self.number_words),
                default=-1,
            )
            # a reference named earlier in the sentence: "the serial number on the label; it looks like 2024 0315 ..."
            sentence = self._fold_word(_sentence_before(text, m.start(), _REFERENCE_REACH))
            reference = max((c.end() for c in self.tracking_cue.finditer(sentence)), default=-1)
            if reference >= 0 and (phone_cue < 0 or len(sentence) - reference <= len(before) - phone_cue):
                continue  # "tracking number 4821 3390 1157", "伝票番号 4821-3390-1157"
            cue = phone_cue >= 0
            if not cue and number[0] not in "0+" and _SINGLE_DIGITS.fullmatch(number):
                continue  # digits one by one, as a puzzle's solution is written ("3-8-1-6-2-9-4-7-5"), with no cue
            grouped = not number.lstrip("+").isdigit()
            if number[0] in "+(" or (grouped and (digits >= 9 or cue)) or (not grouped and (number[0] == "0" or cue)):
                found.append(m.span())
        return found

    def personal_data(self, visible: TextView) -> list[Hit]:
        """Email addresses, order ids and names in a public response."""
        text = visible.text
        hits = [Hit("personal-data", *visible.original_span(*span)) for span in self.emails(text)]
        hits += [
            Hit("personal-data", *visible.original_span(*m.span()), variant="order-id") for m in ORDER_ID.finditer(text)
        ]
        for start, end in self.names(text, greetings=True):
            hits.append(Hit("personal-data", *visible.original_span(start, end)))
        return hits

    def _signed(self, text: str, start: int, end: int) -> bool:
        """A name that signs the text: alone on its last line or last of the names there ("Margaret, Tom and Sam
        Perkins", "... safely. — Ellie and Sam Perkins"), or followed by the signer's role ("Dirk Hansen,
        Inhaber")."""
        if not text[end:].strip():
            line = text[text.rfind("\n", 0, start) + 1 : start]
            signers = _SIGN_OFF_DASH.split(line)[-1]
            if all(word in self.first_names or word in _NAMES_JOINED for word in _WORD.findall(signers)):
                return True
        role = _AFTER_NAME.match(text, end)
        return role is not None and self._fold_word(role.group(1)) in self.signer_roles

    def names(self, text: str, greetings: bool) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        at = 0
        while (m := self.full_name.search(text, at)) is not None:
            if m.group(1) not in self.first_names:
                at = m.end(1)  # the next word may begin the name: "Sorry Emma Clarke"
                continue
            at = m.end()
            if not self._not_name(m.group().split()[-1]) and not self._signed(text, *m.span()):
                spans.append(m.span())
        for m in self.my_name.finditer(text):
            spans.append(m.span(1))
        if greetings:
            for m in self.salutation.finditer(text):
                words = m.group("name").split()
                if self._not_name(words[0]):
                    continue
                titled = "title" if m.group("title") else "alone" if m.group("alone") else None
                if titled or len(words) == 1 or not self._not_name(words[1]):
                    spans.append((m.start(titled or "name"), m.end("name")))
            spans += [m.span() for m in self.first_and_initial.finditer(text) if m.group(1) in self.first_names]
            # "中村健太様": addressed by name (in a buyer's comment "田中さん" is more often the seller's staff)
            if self.country_name:
                spans += [m.span() for m in self.country_name.finditer(text)]
            opening = self.opening_name.match(text)
            if opening and not self._not_name(opening.group(1)) and not self._not_name(opening.group(2)):
                spans.append((opening.start(1), opening.end(2)))
            called = self.opening_first_name.match(text)
            if called and called.group(1) in self.first_names:
                spans.append(called.span(1))
        return _merge(spans)

    def _not_name(self, word: str) -> bool:
        """A capitalised word that names no one ("Customer", "Käufer")."""
        return self._fold_word(word) in self.not_names

    # --- markup, emoji, capitals -----------------------------------------------------------------------------
    def markup(self, original: str, visible: TextView) -> list[Hit]:
        hits: list[Hit] = []
        if "<" in visible.text or "&" in visible.text:
            import html  # only when there is something that may be markup

            for m in HTML_TAG.finditer(visible.text):
                fix = "" if m.group().startswith("<") else html.unescape(m.group())
                hits.append(Hit("html", *visible.original_span(*m.span()), fix=fix))
        if not original.isascii():
            hits.extend(Hit("emoji", *m.span()) for m in EMOJI.finditer(original))
        return hits

    def shouting(self, visible: TextView) -> list[Hit]:
        text = visible.text
        hits: list[Hit] = []
        for marks in MARK_RUN.finditer(text):
            for m in EXCLAMATION.finditer(text, marks.start(), marks.end()):
                fix = "?" if "?" in m.group() else "!"
                hits.append(
                    Hit("unprofessional-tone", *visible.original_span(*m.span()), variant="exclamation", fix=fix)
                )
        if not any(CAPS_HINT.match(text, m.start()) for m in CAPS_RUN.finditer(text)):
            return hits
        run: list[re.Match[str]] = []
        loud = 0

        def close() -> None:
            if loud >= 3:
                start, end = run[0].start(), run[-1].end()
                hits.append(
                    Hit(
                        "unprofessional-tone",
                        *visible.original_span(start, end),
                        variant="shouting",
                        fix=_sentence_case(text[start:end]),
                    )
                )

        for m in WORD.finditer(text):
            word = m.group()
            if word.isupper():
                run.append(m)
                if len(word) > 1 and word.replace("'", "") not in self.acronyms:
                    loud += 1
            else:
                close()
                run, loud = [], 0
        close()
        return hits

    def tone_words(self, t: Tagged, view: TextView) -> list[Hit]:
        quoted = _merged_quotes(t.text)
        hits = [
            Hit("unprofessional-tone", *view.original_span(*t.char_span(i, j)), variant=_aimed(t, i, j, name))
            for name in TONE_CLASSES
            for i, j in _merge(t.occurrences(name))  # "n'accepterons plus (vos commandes)": one finding
            if not (quoted and name in _QUOTABLE and _within(t.char_span(i, j), quoted))
        ]
        hits.extend(
            Hit("unprofessional-tone", *view.original_span(start, end), variant="profanity")
            for start, end in self.masked(t.text)
        )
        hits.extend(
            Hit("unprofessional-tone", *view.original_span(*span), variant="scolding") for span in _scolding(t, quoted)
        )
        hits.extend(
            Hit("unprofessional-tone", *view.original_span(*span), variant="scare-quotes")
            for span in self._scare_quoted(t)
        )
        return hits

    def _scare_quoted(self, t: Tagged) -> list[tuple[int, int]]:
        """ "the 'broken' glue gun", "il frullatore 'difettoso'": a defect the buyer claimed, set in quotation marks
        where it describes the thing (after its article, or after the thing and its article; not after a verb: "you
        say it is 'rusty'", nor as the name of a return reason: "le motif « défectueux »"), doubts the buyer.
        Character spans, from the article to the word after the quote."""
        words = t.words
        spans: list[tuple[int, int]] = []
        for m in _ONE_WORD_QUOTED.finditer(t.text):
            start = m.start(m.lastindex or 0)
            k = bisect_left(t.starts, start)
            if not 0 < k < len(words) or t.starts[k] != start or words[k] not in self.scare_quoted:
                continue
            b = k - 2 if words[k - 1] == "\u00ab" else k - 1  # the word before the quote ("«" is a token)
            if b < 0 or words[b] in self.copulas:  # ("está" folds to the determiner "esta")
                continue
            if words[b] in self.determiners:
                first = b
            elif b > 0 and words[b - 1] in self.determiners and t.is_word(b) and words[b] not in self.label_nouns:
                first = b - 1
            else:
                continue
            spans.append(t.char_span(first, min(k + 2, t.sentences[t.sentence_of[k]][1])))
        return spans

    def masked(self, folded: str) -> list[tuple[int, int]]:
        if self.masked_profanity is None or not _may_mask(folded):
            return []
        # a pattern may match the word unmasked too ("merde"): that is the vocabulary's to judge, in its context
        return [m.span() for m in self.masked_profanity.finditer(folded) if MASKING.search(m.group())]

    def marketing(self, t: Tagged, view: TextView, visible: TextView) -> list[Hit]:
        # "the promo code you entered was already redeemed": a sentence that explains a promotion sells nothing
        explained = {t.sentence_of[i] for i, _ in t.occurrences("promo-explained")}
        # ("> Do you have a newsletter?": the buyer's words quoted back sell nothing)
        quoted = _merged_quotes(t.text) if t.occurrences("marketing") or t.occurrences("promo-cue") else []
        hits = [
            Hit("marketing", *view.original_span(*t.char_span(i, j)))
            for i, j in t.occurrences("marketing")
            if t.sentence_of[i] not in explained
            and not (quoted and _within(t.char_span(i, j), quoted))
            and not self._denied(t, i)
        ]
        if "@" in visible.text or "#" in visible.text:
            hits.extend(Hit("marketing", *visible.original_span(*m.span())) for m in HANDLE.finditer(visible.text))
        hits.extend(self._pitches(t, view, visible, explained, quoted))
        return hits

    def _denied(self, t: Tagged, i: int) -> bool:
        """A negation just before token i in its sentence: "on ne fait pas de code promo par message" sells nothing
        (but "pour ne rien manquer de nos nouveautés", "don't miss our sale" sell)."""
        first = max(t.sentences[t.sentence_of[i]][0], i - 4)
        return bool(t.within("negation", first, i)) and not any(t.words[k] in self.miss_out for k in range(first, i))

    def _pitches(
        self, t: Tagged, view: TextView, visible: TextView, explained: set[int], quoted: list[tuple[int, int]]
    ) -> list[Hit]:
        """Sentences that sell without a stock phrase: "our XR-200 headphones are going for a lovely price this
        week": a sales cue with a second cue (when the sale runs counts as one), "our", or a model number in the same
        sentence. When alone sells nothing ("unsere Näherin ist diese Woche krank")."""
        cues = t.occurrences("promo-cue")
        if not cues:
            return []
        models = (
            [view.original_span(*m.span()) for m in MODEL_CODE.finditer(visible.text)]
            if MODEL_CODE.search(visible.text)
            else []
        )
        hits: list[Hit] = []
        for s in sorted({t.sentence_of[i] for i, _ in cues} - explained):
            first, last = t.sentences[s]
            start, end = view.original_span(*t.char_span(first, last))
            # a cue in a clause that tells what was done ("we refunded the difference because it went on sale")
            # does not sell
            breaks = [k for k in range(first, last) if t.words[k] in _CLAUSE_BREAK]  # once a sentence: linear
            selling = [
                (i, j)
                for i, j in t.within("promo-cue", first, last)
                if not _told(t, i, j, breaks, (first, last)) and not (quoted and _within(t.char_span(i, j), quoted))
            ]
            # one per place, the longest ("auf alle unsere" holds its own "our")
            selling.sort(key=lambda span: (span[0], -span[1]))
            selling = [span for n, span in enumerate(selling) if not n or span[0] >= selling[n - 1][1]]
            if not selling:
                continue
            selling += [
                (w0, w1)
                for w0, w1 in t.within("promo-when", first, last)
                if not _told(t, w0, w1, breaks, (first, last)) and not any(a < w1 and w0 < b for a, b in selling)
            ][:1]
            i, j = selling[0]
            # (not the cue's own "our": "try our" needs a second cue)
            ours = any(t.words[k] in self.shop_possessive for k in range(first, last) if not i <= k < j)
            if len(selling) >= 2 or ours or any(start <= a < end for a, _ in models):
                hits.append(Hit("marketing", *view.original_span(*t.char_span(i, j)), variant="pitch"))
        return hits

    def spelled_phones(self, folded: TextView, visible: TextView) -> list[Hit]:
        """Phone numbers spelt out: "zero seven seven double eight, one two three four five six". Japanese digits
        set apart by middle dots are read in the visible text too: folded, the dots go ("ニ・イチ" would read as
        "ニイ", then "チ")."""
        hits: list[Hit] = []
        said = self._digit_words
        if said is not None and sum(map(said.__contains__, LETTERS.findall(folded.text))) < _SPELLED_WORDS:
            return hits
        found = Spans()
        for view in (folded, visible) if "\u30fb" in visible.text else (folded,):
            for m in self.spelled_phone.finditer(view.text):
                words = self.digit_word.findall(m.group())
                digits = sum(2 if w in self.digit_pair else 1 for w in words)
                digits += sum(map(len, FIGURES.findall(m.group())))
                if digits >= 7 and len(words) >= _SPELLED_WORDS:
                    end = m.end()
                    while end > m.start() and not view.text[end - 1].isalnum():
                        end -= 1
                    span = view.original_span(m.start(), end)
                    if not found.overlaps(span):
                        found.add(span)
                        hits.append(Hit("contact-details", *span, variant="spelled-phone"))
        return hits

    def addresses(self, visible: TextView, buyers: bool = True) -> list[tuple[int, int]]:
        """Postal addresses: a UK postcode, a US state and ZIP code, a numbered street; with `buyers` false, not one
        named as where the buyer's parcel goes."""
        text = visible.text
        spans = [m.span() for m in US_STATE_ZIP.finditer(text)]
        if POSTCODE_HINT.search(text):
            spans += [m.span() for m in UK_POSTCODE.finditer(text)]
        if STREET_HINT.search(text):
            spans += [m.span() for m in self.street.finditer(text)]
        if DIGIT.search(text):
            if self.country_street:
                spans += [m.span() for m in self.country_street.finditer(text)]
            if self.country_postcode:
                spans += [m.span() for m in self.country_postcode.finditer(text) if _address_line(text, m)]
        # one search of the text each, not one per address (an address is rarely a pickup point or the buyer's)
        pickup = spans and self.pickup_point.search(text)
        delivery = spans and not buyers and self.delivery_address.search(self._fold_word(text))
        return [
            visible.original_span(*s)
            for s in _merge(spans)
            if not (pickup and self._pickup_before(text, s[0])) and not (delivery and self._delivery_before(text, s[0]))
        ]

    def _pickup_before(self, text: str, start: int) -> bool:
        """Is the address where a parcel waits for collection, a post office or locker named before it in its
        sentence ("liegt in der Postfiliale Am Markt 3 bereit")? That is no way to reach the seller."""
        return self.pickup_point.search(_sentence_before(text, start, 80)) is not None

    def _delivery_before(self, text: str, start: int) -> bool:
        """Is the address the buyer's, where their parcel goes, named so before it in its sentence ("we've changed
        the delivery address to 14 Elm Close", "Adresse wie gewünscht auf Lindenstr. 12 geändert")? In a message
        that is no way to reach the seller (in public it is the buyer's personal data all the same)."""
        return self.delivery_address.search(self._fold_word(_sentence_before(text, start, 80))) is not None


# --- the checks -------------------------------------------------------------------------------------------------
def external_links(doc: Document) -> list[Hit]:
    return piece_by_piece(doc, _links)


def _links(rules: RuleSet, kind: str, visible: TextView, folded: TextView, t: Tagged) -> list[Hit]:
    return rules.surface.links(visible, rules.normaliser.fold_text)


def contact_details(doc: Document) -> list[Hit]:
    """Email addresses, phone numbers (in digits or words) and, in a message, postal addresses. Each finding spans
    its sentence, so that its fix (deleting it) leaves no hole ("Please call us on  so we can help.")."""
    return whole_sentences(doc.sentences, piece_by_piece(doc, _contacts))


def _contacts(rules: RuleSet, kind: str, visible: TextView, folded: TextView, t: Tagged) -> list[Hit]:
    surface = rules.surface
    hits = surface.contacts(visible, public=kind == "response") + surface.spelled_phones(folded, visible)
    if kind == "message":
        hits += surface.channels(t, folded)
        hits += [Hit("contact-details", *span, variant="address") for span in surface.addresses(visible, buyers=False)]
    return hits


def markup(doc: Document) -> list[Hit]:
    """HTML tags and entities, and emoji."""
    return doc.rules.surface.markup(doc.text, doc.visible)


def tone(doc: Document) -> list[Hit]:
    """Shouting (capitals, repeated punctuation), insults, profanity and blame."""
    return piece_by_piece(doc, _tone)


def _tone(rules: RuleSet, kind: str, visible: TextView, folded: TextView, t: Tagged) -> list[Hit]:
    return rules.surface.shouting(visible) + rules.surface.tone_words(t, folded)


def marketing(doc: Document) -> list[Hit]:
    """Promotion: stock phrases, social-media handles and sales pitches, each finding spanning its sentence."""
    return whole_sentences(doc.sentences, piece_by_piece(doc, _marketing))


def _marketing(rules: RuleSet, kind: str, visible: TextView, folded: TextView, t: Tagged) -> list[Hit]:
    return rules.surface.marketing(t, folded, visible)


def important_tag(doc: Document) -> list[Hit]:
    """ "[Important]" bypasses the buyer's opt-out: only for messages critical to completing an order. On a message
    about the buyer's feedback it blocks; on another (a recall, a delivery problem) it only warns."""
    if "[" not in doc.text and "【" not in doc.text:
        return []
    visible = doc.visible
    variant = None if doc.tagged.occurrences("feedback-topic") else "order"
    return [
        Hit("important-tag", *visible.original_span(*m.span()), variant=variant)
        for m in IMPORTANT_TAG.finditer(visible.text)
    ]


def personal_data(doc: Document) -> list[Hit]:
    surface = doc.rules.surface
    return surface.personal_data(doc.visible) + [
        Hit("personal-data", *span, variant="address") for span in surface.addresses(doc.visible)
    ]


def too_long(doc: Document) -> list[Hit]:
    """A message over Amazon's limit, and, in any text, the part past the checked length (which bounds the time of
    a lint whatever is pasted): a message or response with such a part cannot be sent."""
    sent = doc.context.kind in WRITTEN
    hits = _length("too-long", doc.length, doc.rules.limits["message_chars"]) if doc.context.kind == "message" else []
    if doc.length > len(doc.text):
        hits.append(
            Hit(
                "too-long",
                len(doc.text),
                doc.length,
                variant="unchecked" if sent else "unread",
                values={"count": doc.length - len(doc.text), "limit": len(doc.text)},
            )
        )
    return hits


def not_brief(doc: Document) -> list[Hit]:
    return _length("not-brief", doc.length, doc.rules.limits["response_chars"])


def _length(rule: str, length: int, limit: int) -> list[Hit]:
    if length <= limit:
        return []
    return [Hit(rule, limit, length, values={"count": length, "limit": limit})]


def _host(url: str) -> str:
    rest = re.sub(r"(?i)^[a-z]+://", "", url.strip())
    authority = re.split(r"[/?#]", rest, maxsplit=1)[0]
    host = authority.rsplit("@", 1)[-1].split(":", 1)[0]
    return host.strip(".").lower()


class Spans:
    """A union of spans, sorted: whether a span overlaps any of them is a binary search, not a scan of them all."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()):
        self._starts: list[int] = []
        self._ends: list[int] = []  # disjoint and sorted, so the ends are sorted too
        for span in spans:
            self.add(span)

    def overlaps(self, span: tuple[int, int]) -> bool:
        k = bisect_left(self._starts, span[1])  # the spans that start before this one ends
        return k > 0 and self._ends[k - 1] > span[0]

    def add(self, span: tuple[int, int]) -> None:
        start, end = span
        lo, hi = bisect_left(self._ends, start), bisect_right(self._starts, end)  # those it overlaps or touches
        if lo < hi:
            start, end = min(start, self._starts[lo]), max(end, self._ends[hi - 1])
        self._starts[lo:hi] = [start]
        self._ends[lo:hi] = [end]


def _merged_quotes(text: str) -> list[tuple[int, int]]:
    """The character spans of a text's quoted statements (another's words), merged for _within()."""
    return _merge(quoted_statements(text))


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return out


_REFERENCE_REACH = 90  # characters before a number in which a reference word names it
# (not the dot of a reference's abbreviation: "(ref. 552-234-118)", "Nr. 4471", "Art. 12")
_SENTENCE_BREAK = re.compile(
    r"(?<!\b(?i:ref))(?<!\b(?i:nr))(?<!\b(?i:no))(?<!\b(?i:art))(?<!\b(?i:n))(?<!\b(?i:num))[.!?](?:\s|$)|\n"
)


def _lettered_before(text: str, at: int) -> bool:
    """Does a word with a letter in it end just before offset `at` ("GAR", "PB20"; looked at up to 12 characters)?"""
    k = at
    while k > max(0, at - 12) and text[k - 1].isalnum():
        k -= 1
    return any(c.isalpha() for c in text[k:at])


def _sentence_before(text: str, at: int, reach: int) -> str:
    """The text of the sentence before offset `at`, at most `reach` characters of it."""
    start = max(0, at - reach)
    breaks = [b.end() for b in _SENTENCE_BREAK.finditer(text, start, at)]
    return text[breaks[-1] if breaks else start : at]


# a word of letters and digits just before a number ("AA1 01 2345 6784": a parcel code), and a unit just after one
_CODE_BEFORE = re.compile(r"\b(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z0-9]{2,} $")
_UNIT_AFTER = re.compile(r" ?(?:mah|wh|kwh|mm|cm|km|kg|mg|ml|hz|khz|mhz|ghz|kb|mb|gb|tb|lbs|oz|rpm|psi|v|w|kw)\b", re.I)


def _digits_around(text: str, start: int, end: int) -> int:
    """The digits of the number a match is part of, its groups spaced or dashed (looked at 40 characters each way)."""
    lo, hi = start, end
    while lo > max(0, start - 40) and (
        text[lo - 1].isdigit() or (text[lo - 1] in " .-/" and text[lo - 2 : lo - 1].isdigit())
    ):
        lo -= 1
    while hi < min(len(text), end + 40) and (
        text[hi].isdigit() or (text[hi] in " .-/" and text[hi + 1 : hi + 2].isdigit())
    ):
        hi += 1
    return sum(c.isdigit() for c in text[lo:hi])


def _may_mask(text: str) -> bool:
    """Might a word of the text be masked? (The masked patterns run only then: a dash or an "!" alone is in most
    messages, so a mark counts inside a word.)"""
    if any(mark in text for mark in _MASKS) or "f-" in text:
        return True
    return any(
        0 < m.start() < len(text) - 1 and _latin_letter(text[m.start() - 1]) and _latin_letter(text[m.start() + 1])
        for m in _MID_WORD_MARK.finditer(text)
    )


def _latin_letter(c: str) -> bool:
    return c.isascii() and c.isalpha()


def _sentence_case(text: str) -> str:
    """ "WE HAVE REFUNDED YOU. PLEASE WAIT" -> "We have refunded you. Please wait"."""
    return _SENTENCE_OPENING.sub(lambda m: m.group().upper(), text.lower())


def _told(t: Tagged, i: int, j: int, breaks: list[int], sentence: tuple[int, int]) -> bool:
    """Whether the clause of the cue at [i, j) tells of something settled (within eight words before the cue);
    `breaks`: the clause breaks of its sentence, in order."""
    before = bisect_left(breaks, i)
    c0 = breaks[before - 1] + 1 if before else sentence[0]
    after = bisect_left(breaks, j)
    c1 = breaks[after] if after < len(breaks) else sentence[1]
    return t.has("settled", max(c0, i - 8), c1)
