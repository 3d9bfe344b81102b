"""The policy engine: what in a message, public response or feedback comment breaks Amazon's rules, why, and how
to fix it. Rules live in rules.toml and the words of a language in its own file (en.toml); structure (which words
bind to which) in the named checks, one per rule id (engine.CHECKS).

    >>> from fbdesk.domain.policy import LintContext, lint
    >>> [f.rule for f in lint("Would you update your rating for a voucher?", LintContext(resolved=True))]
    ['incentive-for-feedback']
"""

from __future__ import annotations

from .engine import is_removal_notice, lint
from .languages import RulesNotBuilt
from .model import Finding, LintContext, Severity
from .report import findings_as_json, findings_as_text
from .ruleset import ruleset
from .verdict import Verdict, verdict


def __getattr__(name: str) -> str:
    # The approved wording lives in rules.toml, which is read on first use, not at import.
    if name == "APPROVED_REMOVAL_NOTICE":
        return ruleset().approved_notice
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "APPROVED_REMOVAL_NOTICE",
    "Finding",
    "LintContext",
    "RulesNotBuilt",
    "Severity",
    "Verdict",
    "findings_as_json",
    "findings_as_text",
    "is_removal_notice",
    "lint",
    "verdict",
]
