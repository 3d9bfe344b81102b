"""Turning a mail part's bytes into text whatever its charset says, and HTML into plain text.

Buyers write in UTF-8, ISO-8859-1, Windows-1252, Shift_JIS and ISO-2022-JP, and some clients declare the wrong
charset or none. Decoding never fails: the declared charset first, then what the bytes look like, then Windows-1252
with replacement characters. ISO-8859-1 is read as Windows-1252 (as browsers do: mail labelled Latin-1 often carries
Windows quotes and the euro sign) and Shift_JIS as CP932 (Windows' Shift_JIS, with the characters Japanese
Windows mail uses).
"""

from __future__ import annotations

import codecs
import html
import re
from html.parser import HTMLParser

_WIDER = {"iso8859-1": "cp1252", "shift_jis": "cp932", "euc_jp": "euc_jis_2004", "iso2022_jp": "iso2022_jp_ext"}


def decode_text(data: bytes, declared: str | None) -> tuple[str, str | None]:
    """The text and, when the declared charset could not be used, a note saying how it was read."""
    codec = _codec(declared)
    if codec is not None and _is_single_byte(codec) and not data.isascii() and _is_utf8(data):
        codec = None  # UTF-8 labelled Latin-1 (a common client mistake): valid UTF-8 is almost never an accident
    if codec is not None and not codec.startswith("iso2022") and _is_iso2022_jp(data):
        codec = None  # ISO-2022-JP is 7-bit, so it passes for ASCII or UTF-8 under a wrong label
    if codec is not None:
        try:
            return data.decode(codec), None
        except UnicodeDecodeError:
            pass
    guess = _guess(data)
    try:
        text = data.decode(guess)
    except UnicodeDecodeError:
        guess = "cp1252"
        text = data.decode("cp1252", "replace")
    if declared is None or (codec is not None and codec == _codec(guess)):
        return text, None
    what = f"declared as {declared!r}" if codec is None else f"not valid {declared}"
    return text, f"the text was {what}; read as {guess}"


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        canonical = codecs.lookup(name.strip().strip('"')).name
    except (LookupError, ValueError):
        return None
    return _WIDER.get(canonical, canonical)


def _is_single_byte(codec: str) -> bool:
    return codec.startswith(("cp125", "iso8859", "latin", "mac"))


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _is_iso2022_jp(data: bytes) -> bool:
    return b"\x1b$B" in data or b"\x1b$@" in data


def _guess(data: bytes) -> str:
    if _is_iso2022_jp(data):
        try:
            data.decode("iso2022_jp_ext")
            return "iso2022_jp_ext"
        except UnicodeDecodeError:
            pass
    if _is_utf8(data):
        return "utf-8"
    try:
        text = data.decode("cp932")
    except UnicodeDecodeError:
        return "cp1252"
    wide = [c for c in text if ord(c) > 0x7F]
    japanese = sum(
        1 for c in wide if "\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff" or "\uff01" <= c <= "\uff5e"
    )
    return "cp932" if wide and japanese >= 0.8 * len(wide) else "cp1252"


_BLOCK = {
    "p",
    "div",
    "br",
    "tr",
    "li",
    "ul",
    "ol",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "pre",
    "section",
    "article",
    "header",
    "footer",
    "address",
}
_SKIP = {"script", "style", "head", "title", "template"}


class _TextOfHtml(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skipping = 0
        self.quoting = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag == "blockquote":
            self.quoting += 1
            self.out.append("\n")
        elif tag in _BLOCK:
            self.out.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self.out.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag == "blockquote":
            self.quoting = max(0, self.quoting - 1)
            self.out.append("\n")
        elif tag in _BLOCK:
            self.out.append("\n")

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        text = re.sub(r"[ \t\r\n\f]+", " ", data)
        if self.quoting:  # quoted history: marked the way plain-text mail marks it, for the quote stripper
            text = text.replace("\n", "\n> ")
            if not self.out or self.out[-1].endswith("\n"):
                text = "> " + text.lstrip()
        self.out.append(text)


def html_to_text(markup: str) -> str:
    """The readable text of an HTML mail: paragraphs and line breaks kept, scripts and styles dropped,
    entities decoded, blockquotes marked with "> "."""
    parser = _TextOfHtml()
    try:
        parser.feed(markup)
        parser.close()
    except (AssertionError, ValueError):  # markup HTMLParser gives up on: keep what it read, then the rest as text
        return html.unescape(re.sub(r"<[^>]*>", " ", markup))
    lines = [" ".join(line.split()) for line in "".join(parser.out).split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
