"""A guard against escape characters inside pasted text.

Textual 8.2.8's input parser (textual._xterm_parser.XTermParser) handles an ESC that arrives inside a bracketed
paste as the start of an escape sequence: the characters after it are taken out of the paste, and once more than
32 have gathered they are re-issued as key presses. Pasting text that holds an ESC therefore types the rest of it as
keystrokes, bindings included (a ctrl+q in it quits the app). Smallest reproduction, upstream-style:

    from textual._xterm_parser import XTermParser
    events = list(XTermParser().feed("\\x1b[200~hello\\x1b" + "x" * 40 + "\\x11\\x1b[201~"))
    # expected: one Paste("hello\\x1bxxx...\\x11"); got: Paste("hello\\x1b") and then Key events for
    # "x" * 40 and ctrl+q

fbdesk guards against it before the parser: inside a bracketed paste, each ESC becomes U+241B (␛, the visible symbol
for escape), so the paste arrives whole as text and the agent sees where the escape was. The guard is installed
in place of the parser class the Linux driver uses; `textual` is pinned exactly, so a release that changes either
is noticed by the tests.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual import events, messages
from textual._xterm_parser import XTermParser
from textual.drivers import linux_driver

PASTE_START, PASTE_END = "\x1b[200~", "\x1b[201~"
SHOWN_ESCAPE = "\u241b"


class PasteGuardParser(XTermParser):
    def __init__(self, debug: bool = False) -> None:
        super().__init__(debug)
        self._in_paste = False
        self._held = ""  # inside a paste: the end of a read that may be the start of PASTE_END
        self._before = ""  # outside a paste: the end of the last read, which may hold the start of PASTE_START

    def feed(self, data: str) -> Iterable[events.Event | messages.Message]:
        if not data:  # the end of input
            held, self._held = self._held, ""
            if held:
                yield from super().feed(held)
            yield from super().feed(data)
            return
        yield from super().feed(self._guarded(self._held + data))

    def _guarded(self, data: str) -> str:
        self._held = ""
        out: list[str] = []
        i = 0
        while i < len(data):
            if not self._in_paste:
                # PASTE_START may have been split between reads; what came before was passed on already (holding
                # back an ESC would delay the escape key), so look for it across the boundary.
                context = self._before if i == 0 else ""
                start = (context + data).find(PASTE_START, i)
                if start == -1:
                    out.append(data[i:])
                    self._before = (context + data)[-(len(PASTE_START) - 1) :]
                    break
                opened = start + len(PASTE_START) - len(context)
                out.append(data[i:opened])
                i = opened
                self._in_paste, self._before = True, ""
                continue
            end = data.find(PASTE_END, i)
            if end == -1:
                body = data[i:]
                cut = _partial_end(body)
                out.append(body[: len(body) - cut].replace("\x1b", SHOWN_ESCAPE))
                self._held = body[len(body) - cut :]
                break
            out.append(data[i:end].replace("\x1b", SHOWN_ESCAPE) + PASTE_END)
            i = end + len(PASTE_END)
            self._in_paste = False
        return "".join(out)


def _partial_end(text: str) -> int:
    """How many characters at the end of `text` could be the beginning of PASTE_END."""
    for length in range(min(len(PASTE_END) - 1, len(text)), 0, -1):
        if PASTE_END.startswith(text[-length:]):
            return length
    return 0


def install() -> None:
    linux_driver.XTermParser = PasteGuardParser  # type: ignore[misc]
