"""Inputs built to be slow: each family is a unit repeated to any length. They are the shapes that once took
quadratic or worse time (a backtracking regex, a scan of every pair) and the pieces such inputs are made of, found
by hand and by fuzzing repeated units (bench/lint_bench.py reports the slowest; tests/policy/test_time.py bounds
them all)."""

from __future__ import annotations

FAMILIES: dict[str, list[str]] = {
    "runs of one character": ["A", "a", " ", ".", "!", "1", "\n", "-", "*", "@", "(", "&", "_", "'"],
    "repeated phrases": [
        "Please remove your review. ",
        "Your review is unfair. It ",
        "feedback refund voucher remove please ",
        "if you remove it we will refund. ",
        "Call us on 0117 496 0325. ",
        "John Smith ",
        "Hi John, ",
        "ABC ",
        "THE ",
        "1-star",
        "is.is\nSmith\n",
        "\u300c\u8a55\u4fa1\u3092\u524a\u9664\u3057\u3066\u306d\u300d",
        "> remove your review\n",
        "A\r",  # a word that is a copula and an intensifier in some language's words, line after line
        "wir Sie Mist ",  # a mild curse beside the seller and the buyer, whose clause is looked for around it
    ],
    "letters and digits": ["a1", "1a", "a1-", "v0ucher ", "12 34 ", "5* ", "A1B 2CD ", "1.", "12.", "1 - "],
    "separators": [
        "x dot ",
        "x [dot] ",
        "x at y dot ",
        "a-",
        "a.",
        "!.",
        "e.g. ",
        "www.",
        "x.com ",
        "a @ a . ",
        "x (at) gmail ",
        "a@b.",
        "feed-\nback ",
        "f e e d b a c k ",
        "[.]",
        "!?",
        "<a ",
        "if you-\u0435 www.X\nIt ",
    ],
    "unicode look-alikes": [
        "\ua730\u1d07\u1d07\u1d05\u0299\u1d00\u1d04\u1d0b ",
        "\u0430",
        "\u0430\u0435 ",
        "\uff46\uff45",
        "e\u0301",
        "\u0130",
        "a\u200b",
        "\U0001f600",
        "\u0435.eee-X",
    ],
}
UNITS = [unit for units in FAMILIES.values() for unit in units]


def of_length(unit: str, n: int) -> str:
    """`unit` repeated to exactly n characters."""
    return (unit * (n // len(unit) + 1))[:n]
