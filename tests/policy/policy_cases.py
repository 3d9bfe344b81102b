"""Labelled cases (the dev set that came with the policy, and our own) and how an expectation is judged."""

from __future__ import annotations

import json
from pathlib import Path

from fbdesk.domain.policy import Finding, LintContext, lint

HERE = Path(__file__).resolve().parent
DEV_SET = HERE.parent / "fixtures" / "policy-dev.jsonl"
OWN_SET = HERE / "cases.jsonl"
BLIND_SETS = sorted(HERE.glob("cases-blind-*.jsonl"))
# Blind rounds used for fixes (and since 2026-12-02 training data of the conduct judge): <lang>-rounds-*.jsonl. The
# authors' "ok" (fine to send) is "notblock" here: a warning may stand.
USED_ROUNDS = HERE / "used-rounds"

# Expectations that describe a violation (should block) and those that describe honest text (must not block).
VIOLATION = {"block"}
HONEST = {"ok", "notblock"}


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def context_of(case: dict) -> LintContext:
    return LintContext(kind=case["kind"], **case.get("context", {}))


def holds(case: dict, findings: list[Finding]) -> bool:
    severities = {f.severity for f in findings}
    removable = any(f.rule == "amazon-removable" for f in findings)
    return {
        "block": "error" in severities,
        "warn+": bool(severities & {"error", "warning"}),
        "ok": not severities & {"error", "warning"},
        "notblock": "error" not in severities,
        "removable": removable,
        "keep": not removable,
    }[case["expect"]]


def run(case: dict) -> list[Finding]:
    return lint(case["text"], context_of(case))
