"""The new part of a reply: quoted history, Amazon's relay wrapping and signatures taken off.

Our own rules rather than `mail-parser-reply` 1.36, tried on the samples in tests/mail/samples and the cases in
tests/mail/test_mail_quotes.py: it did the plain English, German and Japanese samples, but left the French
"Le ... a écrit :" history in place, kept ">" lines that no attribution line introduced, took a hyphen list
("- the lid is cracked") and a line starting "viele Grüße auch an ..." for signatures and cut the reply there,
stripped every line's indentation, and knows nothing of Amazon's "Begin message" wrapping and footer.
What is cut, in order:
1. Amazon's wrapping: when the text has a "Begin message" marker line, only what lies between it and "End message".
2. From the first line that starts quoted history to the end: an attribution ("On ... wrote:", "Am ... schrieb ...:",
   "Le ... a écrit :", "El ... escribió:", "Il ... ha scritto:", a Japanese "2026年11月30日(月) ... <x@y>:" or
   "...書きました:"), a separator ("-----Original Message-----", "----- Ursprüngliche Nachricht -----",
   "Message d'origine", "元のメッセージ"), an Outlook header block ("From: ... / Sent: ..." and its German and French
   forms).
3. Every line starting with ">".
4. A signature: from a "-- " line to the end, and a trailing "Sent from my iPhone"-like line.
If nothing is left, the whole text is kept: a reply that is all quote is better shown than lost.
"""

from __future__ import annotations

import re

_MARKER = r"[-=_*]{3,}\s*"
_BEGIN = re.compile(
    rf"^\s*{_MARKER}(?:begin message|beginn der nachricht|début du message|inizio del messaggio|"
    rf"inicio del mensaje|メッセージ開始|メッセージの開始)\s*:?\s*[-=_*]{{3,}}\s*$",
    re.I | re.M,
)
_END = re.compile(
    rf"^\s*{_MARKER}(?:end message|ende der nachricht|fin du message|fine del messaggio|"
    rf"fin del mensaje|メッセージ終了|メッセージの終了)\s*:?\s*[-=_*]{{3,}}\s*$",
    re.I | re.M,
)

_ATTRIBUTION = re.compile(
    r"^\s*(?:"
    r"on\b.{0,200}\bwrote\s*:"
    r"|am\b.{0,200}\bschrieb\b.{0,120}:"
    r"|le\b.{0,200}\ba\s+écrit\s*:"
    r"|el\b.{0,200}\bescribió\s*:"
    r"|il\b.{0,200}\bha\s+scritto\s*:"
    r"|.{0,200}(?:のメッセージ|書きました|さんは書きました)\s*[:\uff1a]"
    r"|\d{4}年\d{1,2}月\d{1,2}日.{0,200}[:\uff1a]"
    r")\s*$",
    re.I | re.S,
)
_SEPARATOR = re.compile(
    r"^\s*[-_=]{2,}\s*(?:original message|ursprüngliche nachricht|originalnachricht|message d'origine|"
    r"messaggio originale|mensaje original|元のメッセージ|オリジナルメッセージ)\s*[-_=]{2,}\s*$",
    re.I,
)
_OUTLOOK_FIELD = re.compile(
    r"^\s*\*?(?:from|von|de|da|差出人|sent|gesendet|envoyé|inviato|enviado|送信日時|date|datum"
    r"|to|an|à|a|para|宛先|subject|betreff|objet|oggetto|asunto|件名)\s*\*?\s*[:\uff1a]",
    re.I,
)
_OUTLOOK_FROM = re.compile(r"^\s*\*?(?:from|von|de|da|差出人)\s*\*?\s*[:\uff1a]", re.I)
_SIGNATURE = re.compile(r"^(?:-- ?|__+)$")
_SENT_FROM = re.compile(
    r"^\s*(?:sent from my \w+|von meinem \w+ gesendet|envoyé de mon \w+|inviato da \w+"
    r"|enviado desde mi \w+|\w+から送信)\b.{0,40}$",
    re.I,
)


def strip_quoted(text: str) -> str:
    """The reply's own words (see the module docstring); lines keep their indentation."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _inside_amazon_wrapping(text)
    lines = text.split("\n")
    lines = lines[: _history_start(lines)]
    lines = [line for line in lines if not line.lstrip().startswith(">")]
    lines = _without_signature(lines)
    own = "\n".join(lines).strip("\n")
    if not own.strip():
        return text.strip("\n")
    return re.sub(r"\n{3,}", "\n\n", own)


def _inside_amazon_wrapping(text: str) -> str:
    begin = _BEGIN.search(text)
    if not begin:
        return text
    end = _END.search(text, begin.end())
    return text[begin.end() : end.start() if end else len(text)]


def _history_start(lines: list[str]) -> int:
    for i, line in enumerate(lines):
        if _SEPARATOR.match(line):
            return i
        # An attribution may be wrapped over two lines ("On Mon, 30 Nov 2026 at 10:00, Shop\n<x@y> wrote:").
        for joined in (line, line + " " + lines[i + 1] if i + 1 < len(lines) else None):
            if joined is not None and len(joined) < 400 and _ATTRIBUTION.match(joined.lstrip("> ")):
                return i
        if _OUTLOOK_FROM.match(line) and sum(1 for nxt in lines[i : i + 5] if _OUTLOOK_FIELD.match(nxt)) >= 3:
            return i
    return len(lines)


def _without_signature(lines: list[str]) -> list[str]:
    for i, line in enumerate(lines):
        if _SIGNATURE.match(line.rstrip()) and i > 0:
            lines = lines[:i]
            break
    while lines and not lines[-1].strip():
        lines.pop()
    if lines and _SENT_FROM.match(lines[-1]):
        lines.pop()
    return lines
