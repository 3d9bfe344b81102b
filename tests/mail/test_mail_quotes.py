"""The reply's own words: quoted history, Amazon's wrapping and signatures taken off, nothing else."""

from __future__ import annotations

import pytest

from fbdesk.mail.quotes import strip_quoted

CASES = {
    "english attribution": (
        "Thanks!\n\nOn Mon, 30 Nov 2026 at 09:00, Shop <s@shop.example> wrote:\n> old\n",
        "Thanks!",
    ),
    "wrapped attribution": (
        "Thanks!\n\nOn Mon, 30 Nov 2026 at 09:00, Example Shop\n<s@shop.example> wrote:\n> old\n",
        "Thanks!",
    ),
    "german attribution": ("Danke!\n\nAm 30.11.2026 um 10:15 schrieb Shop <s@shop.example>:\n> alt\n", "Danke!"),
    "french attribution": (
        "Merci.\n\nLe lun. 30 nov. 2026 à 09:00, Shop <s@shop.example> a écrit :\n> ancien\n",
        "Merci.",
    ),
    "spanish attribution": (
        "Gracias.\n\nEl lun, 30 nov 2026 a las 9:00, Shop (<s@shop.example>) escribió:\n> x\n",
        "Gracias.",
    ),
    "italian attribution": (
        "Grazie.\n\nIl giorno lun 30 nov 2026 alle 09:00 Shop <s@shop.example> ha scritto:\n> x\n",
        "Grazie.",
    ),
    "japanese attribution": (
        "了解です。\n\n2026年11月30日(月) 10:00 ショップ <s@shop.example>:\n> 以前\n",
        "了解です。",
    ),
    "outlook separator": ("Ok.\n\n-----Original Message-----\nFrom: Shop\nSent: Monday\nSubject: x\n\nold\n", "Ok."),
    "german outlook separator": ("Gut.\n\n----- Ursprüngliche Nachricht -----\nVon: Shop\nold\n", "Gut."),
    "outlook header block": (
        "Fine.\n\n________________________________\nFrom: Shop <s@shop.example>\n"
        "Sent: Monday, 30 November 2026 09:00\nTo: buyer\nSubject: Your order\n\nold text\n",
        "Fine.",
    ),
    "german outlook header block": (
        "Gut.\n\nVon: Shop <s@shop.example>\nGesendet: Montag\nAn: Käufer\nBetreff: Bestellung\n\nalt\n",
        "Gut.",
    ),
    "bare quote lines": (
        "Yes please send a new one.\n\n> Do you want a replacement or a refund?\n> Example Shop\n",
        "Yes please send a new one.",
    ),
    "interleaved quotes": ("> Is the lid cracked?\nYes.\n> Is a cable missing?\nNo.\n", "Yes.\nNo."),
    "dash-dash signature": ("See you.\n\n-- \nJane Doe\nAcme Street 1\n", "See you."),
    "sent from my phone": ("Received, thanks.\n\nSent from my iPhone\n", "Received, thanks."),
    "german phone line": ("Erhalten, danke.\n\nVon meinem iPhone gesendet\n", "Erhalten, danke."),
    "amazon wrapping": (
        "------------- Begin message -------------\n\nWhere is it?\n\n"
        "------------- End message -------------\n\nTo respond to this customer, please reply to this "
        "e-mail.\n\nSincerely,\nCustomer Service Department\n",
        "Where is it?",
    ),
    "german amazon wrapping": (
        "------------- Beginn der Nachricht -------------\nWo ist es?\n"
        "------------- Ende der Nachricht -------------\nAmazon.de\n",
        "Wo ist es?",
    ),
    # What mail-parser-reply got wrong: these lines belong to the buyer.
    "hyphen list": (
        "What is wrong:\n- the lid is cracked\n- one cable missing\nThanks\n",
        "What is wrong:\n- the lid is cracked\n- one cable missing\nThanks",
    ),
    "greeting mid-text": (
        "Hallo,\nviele Grüße auch an das Team, die Lampe ist heil angekommen.\nDanke\n",
        "Hallo,\nviele Grüße auch an das Team, die Lampe ist heil angekommen.\nDanke",
    ),
    "indentation": (
        "Steps I tried:\n    1. reset\n    2. new battery\nStill broken.\n",
        "Steps I tried:\n    1. reset\n    2. new battery\nStill broken.",
    ),
    "own words mentioning writing": (
        "On Monday I wrote to the courier: no answer.\n",
        "On Monday I wrote to the courier: no answer.",
    ),
    "crlf line ends": ("Thanks!\r\n\r\nOn Mon, Shop wrote:\r\n> old\r\n", "Thanks!"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_strip_quoted(case: str) -> None:
    text, own = CASES[case]
    assert strip_quoted(text) == own


def test_a_reply_that_is_all_quote_is_kept_whole() -> None:
    assert strip_quoted("> only a quote\n> nothing else\n") == "> only a quote\n> nothing else"
