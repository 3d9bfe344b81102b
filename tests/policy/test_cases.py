"""Our own labelled cases (cases.jsonl): every one must hold.

The cases were written in batches, each measured blind against the engine before the misses were fixed in general
form: paraphrases, word order, obfuscation, and honest service messages that use the trap words. Since every case
must now hold, the rates over them say nothing about unseen text; the blind rates are in the closing notes. Run this
file as a script (`python tests/policy/test_cases.py`) for the rates per category.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parents[1])]  # when run as a script: this folder and the repository

from fbdesk.domain.policy import findings_as_text  # noqa: E402

from policy_cases import (  # noqa: E402
    BLIND_SETS,
    DEV_SET,
    HONEST,
    OWN_SET,
    USED_ROUNDS,
    VIOLATION,
    holds,
    load,
    run,
)

OWN_CASES = load(OWN_SET)
# Blind rounds: cases written by authors who never saw the engine, measured before the fixes they led to (the
# figures are in the closing notes), then kept here as regression cases. A few labels were reviewed against
# POLICY.md; each relabelled case says why in its `cat`.
BLIND_CASES = [case for path in [*BLIND_SETS, *sorted(USED_ROUNDS.glob("en-*.jsonl"))] for case in load(path)]
# Blind cases the engine still gets wrong: kept visible as strict expected failures (a fix makes them pass).
KNOWN_MISSES = {
    "E7-79": "a Q&A about a product review that vanished ('sellers can't remove reviews') beside a refund already "
    "issued: the refund reads as offered",
    "ED87": "a late-night sale plug ('back in stock ... half price till monday') read as settled by the past 'were "
    "asking' before it",
    "E5-1": "a public response saying the buyer left feedback 'before' the seller could reach them: read as steering",
    "E5-105": "a long honest email answering 'you asked ... whether you have to change your feedback': the reported "
    "question reads as a demand",
    "E6-5": "'That part can change or not?' about the quoted feedback: an intransitive change with no feedback noun",
}
BLOCK_TARGET = 0.95
FALSE_BLOCK_LIMIT = 0.03


def test_enough_cases_of_every_kind():
    kinds = Counter(c["kind"] for c in OWN_CASES)
    expectations = Counter(c["expect"] for c in OWN_CASES)
    assert len(OWN_CASES) >= 150
    assert kinds["message"] >= 100 and kinds["response"] >= 15 and kinds["feedback"] >= 40
    assert expectations["block"] >= 60 and expectations["ok"] + expectations["notblock"] >= 60


@pytest.mark.parametrize("case", OWN_CASES, ids=[c["id"] for c in OWN_CASES])
def test_own_case_holds(case):
    findings = run(case)
    assert holds(case, findings), f"expected {case['expect']} for {case['text']!r}, got:\n{findings_as_text(findings)}"


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(c, marks=pytest.mark.xfail(strict=True, reason=KNOWN_MISSES[c["id"]]))
        if c["id"] in KNOWN_MISSES
        else c
        for c in BLIND_CASES
    ],
    ids=[c["id"] for c in BLIND_CASES],
)
def test_blind_case_holds(case):
    findings = run(case)
    assert holds(case, findings), f"expected {case['expect']} for {case['text']!r}, got:\n{findings_as_text(findings)}"


def test_the_blind_rounds_are_loaded():
    assert len(BLIND_CASES) >= 700
    assert {c["id"][:2] for c in BLIND_CASES} == {"EB", "EC", "ED", "E4", "E5", "E6", "E7", "en"}


def rates(cases: list[dict]) -> tuple[float, float, int, int]:
    """(share of violations blocked, share of honest messages blocked, violations, honest)."""
    violations = [c for c in cases if c["expect"] in VIOLATION]
    honest = [c for c in cases if c["expect"] in HONEST]
    blocked = sum(any(f.severity == "error" for f in run(c)) for c in violations)
    false_blocks = sum(any(f.severity == "error" for f in run(c)) for c in honest)
    return blocked / len(violations), false_blocks / len(honest), len(violations), len(honest)


def main() -> None:
    cases = load(DEV_SET) + OWN_CASES + BLIND_CASES
    block_rate, false_block_rate, n_violations, n_honest = rates(cases)
    print(f"violations blocked: {block_rate:.1%} of {n_violations} (target >= {BLOCK_TARGET:.0%})")
    print(f"honest blocked:     {false_block_rate:.1%} of {n_honest} (limit <= {FALSE_BLOCK_LIMIT:.0%})")
    per_category: dict[str, list[bool]] = {}
    for case in cases:
        per_category.setdefault(f"{case['kind']}/{case['cat']}", []).append(holds(case, run(case)))
    for category, results in sorted(per_category.items()):
        print(f"  {category:40} {sum(results):4}/{len(results)}")


if __name__ == "__main__":
    main()
