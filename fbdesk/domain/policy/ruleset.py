"""The rule data (rules.toml shipped in this package), loaded once and compiled for the checks."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from .lexicon import Vocabulary
from .model import Severity
from .normalise import Normaliser


@dataclass(frozen=True, slots=True)
class Wording:
    """What a finding says: message, the policy sentence it rests on, and the fix (None when there is none)."""

    severity: Severity
    message: str
    why: str
    fix: str | None


class RuleSet:
    def __init__(self, data: dict[str, Any]):
        self.data = data
        self.approved_notice: str = data["approved_removal_notice"]
        self.limits: dict[str, int] = data["limits"]
        self.vocabulary = Vocabulary(data["vocabulary"])
        norm = data["normalise"]
        self.normaliser = Normaliser(norm["homoglyphs"], norm["digits_as_letters"], norm["number_units"],
                                     norm["invisible"], self.vocabulary.lexicon, norm.get("shorthand", {}))
        self._wordings: dict[tuple[str, str | None], Wording] = {}
        for rule_id, spec in data["rules"].items():
            base = self._wording(spec, None)
            self._wordings[(rule_id, None)] = base
            for variant, override in spec.get("variants", {}).items():
                self._wordings[(rule_id, variant)] = self._wording(override, base)

    def _wording(self, spec: dict[str, Any], base: Wording | None) -> Wording:
        fix = spec.get("fix", base.fix if base else None)
        if fix == "@approved":
            fix = self.approved_notice
        return Wording(Severity(spec["severity"]) if "severity" in spec else base.severity,
                       spec.get("message", base.message if base else ""),
                       spec.get("why", base.why if base else ""), fix)

    @property
    def rule_ids(self) -> frozenset[str]:
        return frozenset(rule for rule, _ in self._wordings)

    def wording(self, rule: str, variant: str | None = None) -> Wording:
        return self._wordings.get((rule, variant)) or self._wordings[(rule, None)]


@cache
def ruleset() -> RuleSet:
    """The package's rules, read and compiled on first use."""
    import tomllib  # imported here: nothing is read or parsed when the package is imported
    from importlib import resources

    text = resources.files(__package__).joinpath("rules.toml").read_text(encoding="utf-8")
    return RuleSet(tomllib.loads(text))
