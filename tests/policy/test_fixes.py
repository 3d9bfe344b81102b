"""Fixes leave a sentence a person would send: applying the fix of any finding on any labelled case leaves no hole
(a double space, a dangling "on", empty brackets, a line opening with a comma), and the fixed text no longer has
that finding."""

from __future__ import annotations

import re

import pytest

from fbdesk.domain.policy import Finding, LintContext, lint

from policy_cases import BLIND_SETS, DEV_SET, OWN_SET, context_of, load

CASES = load(DEV_SET) + load(OWN_SET) + [case for path in BLIND_SETS for case in load(path)]
HOLES = {
    "a double space": re.compile(r"\S  +\S"),
    "a space before punctuation": re.compile(r"\S [.,;:!?)]"),
    "empty brackets": re.compile(r"\(\s*\)|\[\s*\]|\{\s*\}"),
    "a word left without its object": re.compile(
        r"(?im)\b(?:on|at|to|via|from|visit|see|call|email|with|by|for|about|of)[ \t]*(?:[.,;:!?)]|$)"
    ),
    "a line opening with punctuation": re.compile(r"(?m)^[ \t]*[,;:.]"),
    "a word said twice": re.compile(r"(?i)\b(\w+) \1\b"),
}
RESOLVED = LintContext(resolved=True)
RESPONSE = LintContext(kind="response")


def apply_fix(text: str, f: Finding) -> str:
    assert f.fix is not None
    return text[: f.start] + f.fix + text[f.end :]


def problems_of_fix(text: str, context: LintContext, f: Finding, before: list[Finding]) -> list[str]:
    fixed = apply_fix(text, f)
    problems = [name for name, hole in HOLES.items() if len(hole.findall(fixed)) > len(hole.findall(text))]
    after = lint(fixed, context)
    same = [g for g in after if (g.rule, g.message) == (f.rule, f.message)]
    if len(same) >= sum((g.rule, g.message) == (f.rule, f.message) for g in before):
        problems.append("the same finding again")
    return problems


def test_every_fix_on_the_labelled_cases_leaves_a_sentence():
    checked, failures = 0, []
    for case in CASES:
        text, context = case["text"], context_of(case)
        findings = lint(text, context)
        for f in findings:
            if f.fix is None:
                continue
            checked += 1
            problems = problems_of_fix(text, context, f, findings)
            if problems:
                failures.append(f"{case['id']} {f.rule} {f.match!r} -> {apply_fix(text, f)!r}: {', '.join(problems)}")
    assert checked >= 300  # the cases exercise fixes of most rules
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    "text, context, rule, fixed",
    [
        (
            "Thanks for your order. Please call us on 0117 496 0325 so we can help. Best wishes, Ann",
            RESOLVED,
            "contact-details",
            "Thanks for your order. Best wishes, Ann",
        ),
        (
            "Sorry for the wait (see https://evil.example/help) and thanks for your patience.",
            RESOLVED,
            "external-link",
            "Sorry for the wait and thanks for your patience.",
        ),
        (
            "The lid is replaced. Visit www.gadgetzone[.]co.in for the manual.",
            RESOLVED,
            "external-link",
            "The lid is replaced.",
        ),
        ("Your parcel \U0001f600 left today.", RESOLVED, "emoji", "Your parcel left today."),
        ("[Important] Your parcel left today.", RESOLVED, "important-tag", "Your parcel left today."),
        ("Thanks for your <b>patience</b>.", RESOLVED, "html", "Thanks for your patience</b>."),
        ("Hi Jane Doe, your refund is on its way.", RESPONSE, "personal-data", "Your refund is on its way."),
        (
            "We refunded order number 111-2034871-5512093 today.",
            RESPONSE,
            "personal-data",
            "We refunded the order today.",
        ),
        ("WE HAVE REFUNDED YOU. PLEASE WAIT", RESOLVED, "unprofessional-tone", "We have refunded you. Please wait"),
    ],
)
def test_a_fix_leaves_a_sentence_not_a_hole(text, context, rule, fixed):
    f = next(f for f in lint(text, context) if f.rule == rule)
    assert apply_fix(text, f) == fixed
