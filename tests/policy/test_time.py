"""lint() costs time linear in its input, whatever the input: no backtracking regex, no scan of every pair.

Text past `limits.checked_chars` is not checked (one finding says so), so 20,000 characters of anything lint in a
bounded time; below that limit, four times the text may cost at most about four times the time."""

from __future__ import annotations

import gc
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from fbdesk.domain.policy import LintContext, lint
from fbdesk.domain.policy.ruleset import ruleset

KIND = st.sampled_from(["message", "response", "feedback"])
# The inputs that once took quadratic or worse time, and the pieces such inputs are made of.
KNOWN = [
    "A",
    "ABC ",
    "x dot ",
    "a1",
    "Please remove your review. ",
    "Your review is unfair. It ",
    "www.",
    "1 ",
    "a-",
    "a.",
    "!?",
    "f e e d b a c k ",
    "(",
    "[.]",
    "x at y dot ",
    "John Smith ",
    "feed-\nback ",
    "e",
    "\u0430",
    "a\u200b",
    "\U0001f600",
    "ꜰᴇᴇᴅʙᴀᴄᴋ ",
    "if you remove it we will refund. ",
    "5* ",
    "@a",
]
UNIT = st.one_of(
    st.sampled_from(KNOWN),
    st.text(min_size=1, max_size=6),
    st.lists(st.sampled_from(KNOWN), min_size=2, max_size=4).map("".join),
)


def _seconds(text: str, context: LintContext, collect: bool = True) -> float:
    """CPU seconds of this process (other processes on the shared machine do not count), the least of five runs.
    collect=False keeps the garbage collector out: its pauses grow with everything the process holds, not with the
    text, and would blur the growth being measured."""
    best = float("inf")
    gc.collect()
    if not collect:
        gc.disable()
    try:
        for _ in range(5):
            start = time.process_time()
            lint(text, context)
            best = min(best, time.process_time() - start)
    finally:
        gc.enable()
    return best


def _of_length(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


@settings(max_examples=40, deadline=None)
@given(unit=UNIT, kind=KIND)
def test_twenty_thousand_characters_of_anything_lint_in_100_ms(unit, kind):
    context = LintContext(kind=kind)
    lint("warm up", context)
    assert _seconds(_of_length(unit, 20_000), context) <= 0.100


@settings(max_examples=40, deadline=None)
@given(unit=UNIT, kind=KIND)
def test_time_grows_linearly_below_the_checked_length(unit, kind):
    context = LintContext(kind=kind)
    small, large = _of_length(unit, 1_000), _of_length(unit, 4_000)
    assert len(large) < ruleset().limits["checked_chars"]
    # quadratic time would be 16 times; allow for constant costs and noise, not for a square
    assert _seconds(large, context, collect=False) <= 8 * _seconds(small, context, collect=False) + 0.003


def test_text_past_the_checked_length_is_reported_not_read():
    limit = ruleset().limits["checked_chars"]
    text = "Thanks for your order. " * 400 + "Remove your feedback and we will refund you."
    findings = lint(text, LintContext(kind="response"))
    unchecked = [f for f in findings if f.rule == "too-long"]
    assert len(unchecked) == 1 and unchecked[0].end == len(text) and unchecked[0].start <= limit
    assert str(len(text) - unchecked[0].start) in unchecked[0].message
    assert not any(f.severity == "error" for f in findings)  # the incentive lies past the checked part
    message = lint(text, LintContext(kind="message"))
    assert {(f.rule, f.severity) for f in message if f.rule == "too-long"} == {
        ("too-long", "error"),
        ("too-long", "warning"),
    }
