"""Buyer text made inert for display.

Everything a buyer wrote (comments, and anything quoting them) goes through here before it reaches a widget:
the result is a `rich.text.Text` with no markup parsing, where control characters and escape sequences are
shown as visible symbols, bidi controls are neutralised, zero-width characters are dropped, runs of combining
marks are capped, and very long text is cut.
"""

from __future__ import annotations

import re
import unicodedata

from rich.text import Text

ELLIPSIS = "…"
MAX_COMBINING = 2  # combining marks kept after one base character ("Zalgo" text stacks dozens)
MAX_BLOCK = 20_000  # characters shown of one text block; a comment is seldom over 1,000
MAX_CELL = 200  # characters considered for a one-line table cell, which is narrower anyway

# Bidi embeddings, overrides and isolates: shown as a marker so that they can neither reorder the text around
# them nor hide what they are.
BIDI_CONTROLS = {
    "\u202a": "LRE",
    "\u202b": "RLE",
    "\u202c": "PDF",
    "\u202d": "LRO",
    "\u202e": "RLO",
    "\u2066": "LRI",
    "\u2067": "RLI",
    "\u2068": "FSI",
    "\u2069": "PDI",
    "\u200e": "LRM",
    "\u200f": "RLM",
    "\u061c": "ALM",
}
_LINE_BREAK_RE = re.compile("\r\n|[\n\r\u2028\u2029\x85\x0b\x0c]")
CONTROL_STYLE = "dim reverse"


def _control_picture(char: str) -> str:
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ ... ␟, so ESC shows as ␛
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def _visible_pieces(text: str):
    """(piece, is_marker) pairs for one line of text: plain runs, and visible markers for what is not."""
    if text.isascii() and text.isprintable():
        yield text, False  # most buyer text: nothing to look at character by character
        return
    plain: list[str] = []
    combining = 0
    for char in text:
        category = unicodedata.category(char)
        marker = None
        if char in BIDI_CONTROLS:
            marker = f"<{BIDI_CONTROLS[char]}>"
        elif category == "Cc":
            if char == "\t":
                plain.append(" ")
                combining = 0
                continue
            marker = _control_picture(char)
        elif category == "Cf":
            continue  # zero-width spaces and joiners, soft hyphens, BOM, invisible operators
        elif category in ("Cs", "Co", "Cn") and not char.isprintable():
            marker = "\ufffd"
        elif category in ("Mn", "Me"):
            combining += 1
            if combining > MAX_COMBINING:
                continue
            plain.append(char)
            continue
        if marker is None:
            combining = 0
            plain.append(char)
            continue
        combining = 0
        if plain:
            yield "".join(plain), False
            plain = []
        yield marker, True
    if plain:
        yield "".join(plain), False


def _assemble(lines: list[str], style: str) -> Text:
    text = Text(style=style, end="")
    for number, line in enumerate(lines):
        if number:
            text.append("\n")
        for piece, is_marker in _visible_pieces(line):
            text.append(piece, style=CONTROL_STYLE if is_marker else None)
    return text


def _cut(value: str | None, limit: int) -> tuple[str, bool]:
    """The text, at most `limit` characters of it, and whether it was cut."""
    value = value or ""
    return value[:limit], len(value) > limit


def inert(value: str | None, *, style: str = "", limit: int = MAX_BLOCK) -> Text:
    """Buyer text for a block of text (several lines allowed), never parsed as markup."""
    value, cut = _cut(value, limit)
    text = _assemble(_LINE_BREAK_RE.split(value), style)
    if cut:
        text.append(f"{ELLIPSIS} (text cut at {limit:,} characters)", style="italic dim")
    return text


def one_line(value: str | None, *, style: str = "", limit: int = MAX_CELL) -> Text:
    """Buyer text for a table cell or a heading: line breaks become spaces, and the text is cut to `limit`."""
    value, cut = _cut(value, limit)
    flat = " ".join(_LINE_BREAK_RE.split(value))
    text = _assemble([flat], style)
    text.no_wrap = True
    text.overflow = "ellipsis"
    if cut:
        text.append(ELLIPSIS)
    return text


def plain(value: str | None, *, limit: int = MAX_BLOCK) -> str:
    """The inert text as a plain string (for places that take a string and no markup, e.g. notifications)."""
    return inert(value, limit=limit).plain
