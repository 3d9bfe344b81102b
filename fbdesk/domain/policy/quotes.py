"""Statements in quotation marks: the buyer's (or another's) words quoted back, which the seller does not say."""

from __future__ import annotations

import re

# A statement in quotation marks (the folded text has straight quotes), long enough not to be a scare-quoted word
# ("a real "genius""): "Vous écrivez : « vendeur nul, plus jamais »", 「評価を下げる」とのご連絡
_QUOTED = re.compile(
    r'\u00ab[^\u00bb\n]{1,300}\u00bb|"[^"\n]{1,300}"|\u300c[^\u300d\n]{1,300}\u300d|\u300e[^\u300f\n]{1,300}\u300f'
)
_MARKS = '"\u00ab\u300c\u300e'
# A statement in single quotes where a reply reports another's words ("you wrote: 'the lid cracked, I'm not
# impressed'", "you said 'cheaper bowls lasted longer'"): opened after a colon or a verb of saying, closed by a quote
# that no letter follows (an apostrophe inside a word, "isn't", does not close it)
_SINGLE_QUOTED = re.compile(
    r"(?:(?<=: )|(?<=:\t)|(?<=wrote )|(?<=said )|(?<=asked )|(?<=write )|(?<=says )|(?<=writes ))"
    r"'(?=\w)(?:[^'\n]|'(?=\w)){1,300}'(?!\w)"
)
# A line of an e-mail quoted in a reply: "> Do you want me to remove my 1-star now?"
_QUOTED_LINE = re.compile(r"(?m)^[ \t]*>[^\n]+")


def quoted_statements(text: str) -> list[tuple[int, int]]:
    """Character spans of the quoted statements of a text: the lines a reply quotes, and statements in quotation
    marks (quotation marks included)."""
    return quoted_lines(text) + quoted_in_marks(text)


def quoted_lines(text: str) -> list[tuple[int, int]]:
    """Character spans of the lines a reply quotes from the message it answers ("> ..."): another's words."""
    return [m.span() for m in _QUOTED_LINE.finditer(text)] if ">" in text else []


def quoted_in_marks(text: str) -> list[tuple[int, int]]:
    """Character spans of the statements in quotation marks, the marks included."""
    found = []
    if any(mark in text for mark in _MARKS):  # most messages quote nothing: no scan
        found = [
            m.span()
            for m in _QUOTED.finditer(text)
            if len(m.group()) >= 14 or (len(m.group()) >= 8 and not m.group().isascii())
        ]
    if "'" in text:
        found += [m.span() for m in _SINGLE_QUOTED.finditer(text) if len(m.group()) >= 14]
    return sorted(found)
