"""Pasted text holding an escape character arrives whole, as text, never as keystrokes (fbdesk.ui.paste_guard)."""

from __future__ import annotations

from textual import events

from fbdesk.ui.paste_guard import PASTE_END, PASTE_START, PasteGuardParser, install

HOSTILE = "Refund?\x1b" + "x" * 40 + "\x11q\x1b[A done"  # an ESC, then ctrl+q, q and an up-arrow sequence


def parsed(*reads: str) -> list[events.Event]:
    parser = PasteGuardParser()
    return [event for read in reads for event in parser.feed(read)]


def test_a_paste_with_an_escape_arrives_whole_as_text():
    (paste,) = parsed(PASTE_START + HOSTILE + PASTE_END)
    assert isinstance(paste, events.Paste)
    assert paste.text == HOSTILE.replace("\x1b", "\u241b")


def test_the_paste_arrives_whole_however_the_terminal_splits_it():
    data = PASTE_START + HOSTILE + PASTE_END
    for cut in range(1, len(data)):
        got = parsed(data[:cut], data[cut:])
        assert [type(e) for e in got] == [events.Paste] and got[0].text == HOSTILE.replace("\x1b", "\u241b"), cut


def test_keys_outside_a_paste_are_still_keys():
    got = parsed("a\x1b[A" + PASTE_START + "b" + PASTE_END + "\x11")
    assert [getattr(e, "key", None) or e.text for e in got] == ["a", "up", "b", "ctrl+q"]


def test_the_helpdesk_reads_its_terminal_through_the_guard():
    from textual.drivers import linux_driver

    install()
    assert linux_driver.XTermParser is PasteGuardParser
