"""A raw finding as the checks report it, before the engine dresses it with wording, line and column."""

from __future__ import annotations

from dataclasses import dataclass, field

RULE_FIX = "\0rule-fix"  # the fix the rule data gives (a check may override it with text or None)


@dataclass(frozen=True, slots=True)
class Hit:
    rule: str
    start: int  # offsets into the original text
    end: int
    variant: str | None = None
    fix: str | None = RULE_FIX
    ground: str | None = None
    values: dict[str, object] = field(default_factory=dict)
