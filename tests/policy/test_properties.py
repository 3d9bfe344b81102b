"""Properties of lint() over arbitrary text (hypothesis)."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from fbdesk.domain.policy import LintContext, Severity, findings_as_json, lint
from fbdesk.domain.policy.ruleset import ruleset

KIND = st.sampled_from(["message", "response", "feedback"])
CONTEXT = st.builds(
    LintContext, kind=KIND, resolved=st.booleans(), prior_removal_notices=st.integers(0, 3), fba=st.booleans()
)
# Text that looks like what the rules read, mixed with the characters that make normalisation hard.
PIECES = st.sampled_from(
    [
        "feedback",
        "review",
        "rating",
        "remove",
        "refund",
        "voucher",
        "please",
        "if you",
        "we will",
        "1-star",
        "5 stars",
        "https://",
        "amazon.com",
        "example.org",
        "@",
        ".",
        "!",
        "?",
        "\n",
        " ",
        "\u200b",
        "\u00ad",
        "\u0435",
        "\uff46",
        "0",
        "1",
        "3",
        "4",
        "$",
        "*",
        "<b>",
        "&amp;",
        "\U0001f600",
        "\ufe0f",
        "e\u0301",
        "\u0130",
        "\ufb01",
        "\ud800",
        "f e e d b a c k",
        "re-view",
        "Jane Doe",
        "555 010 9999",
        "111-2034871-5512093",
        "CAPS LOCK ON",
    ]
)
TEXTY = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=25).map("".join)
ANY_TEXT = st.one_of(st.text(), TEXTY)


@settings(max_examples=400, deadline=None)
@given(text=ANY_TEXT, context=CONTEXT)
def test_any_text_lints_and_offsets_slice_the_original(text, context):
    findings = lint(text, context)
    ids = ruleset().rule_ids
    for f in findings:
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start : f.end] == f.match
        assert f.line == text.count("\n", 0, f.start) + 1
        assert f.column == f.start - (text.rfind("\n", 0, f.start) + 1) + 1
        assert f.severity in {s.value for s in Severity}
        assert f.rule in ids and f.message and f.why
        assert (f.ground is not None) == (f.rule == "amazon-removable")
    assert [f.start for f in findings] == sorted(f.start for f in findings)
    assert len(json.loads(findings_as_json(findings))) == len(findings)


VIOLATIONS = [
    "Would you be willing to remove your feedback if we provide you with a voucher for 25% off your next purchase?",
    "Change your rating and we'll give you 20% off.",
    "We will send a free replacement if you delete your negative feedback.",
]
INVISIBLE = st.sampled_from(["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"])
LOOK_ALIKES = {"a": "\u0430", "e": "\u0435", "o": "\u043e", "c": "\u0441", "p": "\u0440", "i": "\u0456"}


@settings(max_examples=150, deadline=None)
@given(text=st.sampled_from(VIOLATIONS), data=st.data())
def test_invisible_characters_do_not_hide_a_violation(text, data):
    positions = data.draw(st.lists(st.integers(1, len(text) - 1), max_size=6, unique=True))
    chars = list(text)
    for p in sorted(positions, reverse=True):
        chars.insert(p, data.draw(INVISIBLE))
    disguised = "".join(chars)
    findings = lint(disguised, LintContext(resolved=True))
    assert any(f.rule == "incentive-for-feedback" for f in findings)
    assert all(disguised[f.start : f.end] == f.match for f in findings)


@settings(max_examples=150, deadline=None)
@given(text=st.sampled_from(VIOLATIONS), data=st.data())
def test_look_alike_letters_do_not_hide_a_violation(text, data):
    swaps = data.draw(st.lists(st.sampled_from(sorted(LOOK_ALIKES)), max_size=4, unique=True))
    disguised = "".join(LOOK_ALIKES[c] if c in swaps else c for c in text)
    assert any(f.rule == "incentive-for-feedback" for f in lint(disguised, LintContext(resolved=True)))


@settings(max_examples=200, deadline=None)
@given(text=TEXTY)
def test_lint_is_pure(text):
    context = LintContext(resolved=True)
    assert lint(text, context) == lint(text, context)
