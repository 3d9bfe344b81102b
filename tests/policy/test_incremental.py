"""A lint in the composer reuses what the lints before it read (the pieces of the draft that a keystroke did not
change): whatever was linted before, it finds exactly what a cold lint of the same text finds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fbdesk.domain.policy import LintContext, lint
from fbdesk.domain.policy.engine import forget
from fbdesk.domain.policy.paragraphs import MIN_PIECE, pieces

HERE = Path(__file__).parent
LANGUAGES = ("en", "de", "fr", "es", "it", "ja")
# what an agent types, and what moves the pieces: line breaks, blank lines, sentence ends, letters of each language
TYPED = st.sampled_from(
    [
        *"abcdefghijklmnopqrstuvwxyz ABCEFGIKOPRSTUVWXYZ.,!?'-@0123456789",
        *("\n", "\n\n", "\n \n", "。", "、", "ä", "ß", "é", "ñ", "ü", "ò", "評価", "削除", "してください", "の", "ア"),
        *("\u200b", "\u0435", " voucher", " remove it"),
    ]
)
EDIT = st.tuples(st.floats(0, 1, exclude_max=True), st.sampled_from(["insert", "replace", "delete"]), TYPED)
CONTEXT = st.builds(
    LintContext,
    kind=st.sampled_from(["message", "message", "response", "feedback"]),
    resolved=st.booleans(),
    marketplace=st.sampled_from([None, "DE", "UK", "JP"]),
)


def _cases(code: str) -> list[str]:
    path = HERE / ("cases.jsonl" if code == "en" else f"cases-{code}.jsonl")
    return [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _draft(code: str, first: int) -> str:
    """A draft of several paragraphs in one language, violations and honest messages mixed."""
    cases = _cases(code)
    return "\n\n".join(cases[(first + 7 * k) % len(cases)] for k in range(6))


def _edited(text: str, at: float, how: str, typed: str) -> str:
    k = int(at * (len(text) + 1))
    if how == "insert" or not text:
        return text[:k] + typed + text[k:]
    k = min(k, len(text) - 1)
    return text[:k] + (typed if how == "replace" else "") + text[k + 1 :]


@pytest.mark.parametrize("code", LANGUAGES)
@settings(max_examples=12, deadline=None)
@given(first=st.integers(0, 10_000), edits=st.lists(EDIT, min_size=1, max_size=4), context=CONTEXT)
def test_a_lint_after_edits_finds_what_a_cold_lint_finds(code, first, edits, context):
    text = _draft(code, first)
    assert len(pieces(text)) > 1 or len(text) < 2 * MIN_PIECE  # the draft is read in pieces
    lint(text, context)
    for edit in edits:
        text = _edited(text, *edit)
        warm = lint(text, context)  # reusing what the lints before it read
        forget()
        assert warm == lint(text, context)


def test_a_keystroke_rereads_only_the_piece_it_changed():
    from fbdesk.domain.policy import paragraphs

    text = _draft("en", 3)
    context = LintContext(resolved=True)
    lint(text, context)
    start, end = pieces(text)[1]
    typed = text[: start + 5] + "x" + text[start + 6 :]
    before = set(paragraphs._readings)
    lint(typed, context)
    read = set(paragraphs._readings) - before
    assert [piece for _, piece in read] == [typed[start:end]]
