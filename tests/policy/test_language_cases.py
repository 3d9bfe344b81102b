"""The labelled cases of each marketplace language (cases-<lang>.jsonl), run like the English ones: every case
must hold, except the known misses below, kept visible as strict expected failures (a fix makes them pass).

The misses were measured when the engine first loaded these languages (issue 10); each names the category of
phrasing the language data or the structure checks do not read yet."""

from __future__ import annotations

import pytest

from fbdesk.domain.policy import findings_as_text

from policy_cases import HERE, USED_ROUNDS, holds, load, run

LANGUAGES = ("de", "fr", "es", "it", "ja")
# each language's own cases, and its blind rounds once used for fixes
CASES = [
    case
    for code in LANGUAGES
    for path in [HERE / f"cases-{code}.jsonl", *sorted(USED_ROUNDS.glob(f"{code}-*.jsonl"))]
    for case in load(path)
]
# id -> (kind, expectation, category) of the cases the engine still gets wrong
KNOWN_MISSES = {
    "DE095": ("message", "ok", "trap-words"),
    "FR011": ("message", "block", "incentive-obfuscated"),
    "FR045": ("message", "block", "direct-request"),
    "FR089": ("message", "ok", "approved-notice"),
    "FR093": ("message", "ok", "trap-words"),
    "FR169": ("message", "block", "market"),
    "ES167": ("message", "block", "market"),
    "JA127": ("feedback", "removable", "personal-data"),
}


def reason(case: dict) -> str:
    kind, expect, category = KNOWN_MISSES[case["id"]]
    wrong = "an honest text is blocked or warned" if expect in ("ok", "notblock", "keep") else "a violation is missed"
    return f"{case['lang']} {kind}/{category}: {wrong} (the {case['lang']} data or structure does not read it yet)"


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(c, marks=pytest.mark.xfail(strict=True, reason=reason(c))) if c["id"] in KNOWN_MISSES else c
        for c in CASES
    ],
    ids=[c["id"] for c in CASES],
)
def test_language_case_holds(case):
    findings = run(case)
    assert holds(case, findings), f"expected {case['expect']} for {case['text']!r}, got:\n{findings_as_text(findings)}"


def test_most_cases_of_every_language_hold():
    for code in LANGUAGES:
        cases = [c for c in CASES if c["lang"] == code]
        misses = [c for c in cases if c["id"] in KNOWN_MISSES]
        assert len(misses) <= 0.25 * len(cases), code
