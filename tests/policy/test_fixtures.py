"""Every case of the policy dev set (tests/fixtures/policy-dev.jsonl) holds."""

from __future__ import annotations

import pytest

from fbdesk.domain.policy import findings_as_text

from policy_cases import DEV_SET, holds, load, run

DEV_CASES = load(DEV_SET)


@pytest.mark.parametrize("case", DEV_CASES, ids=[c["id"] for c in DEV_CASES])
def test_dev_case_holds(case):
    findings = run(case)
    assert holds(case, findings), f"expected {case['expect']} for {case['text']!r}, got:\n{findings_as_text(findings)}"
