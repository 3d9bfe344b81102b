"""What a check reads (the text in all its views) and what it reports: a raw finding, before the engine dresses it
with wording, line and column."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .lexicon import Tagged
from .model import LintContext
from .normalise import View

if TYPE_CHECKING:
    from .ruleset import RuleSet

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


@dataclass(frozen=True, slots=True)
class Document:
    """A text as the checks read it: as typed, visible (NFKC, invisible characters gone, case kept), folded (the
    vocabulary's view) and tagged, with the context it is written in and the compiled rules. `text` is the checked
    part of what was typed (its first `limits.checked_chars` characters); `length` is the length of all of it."""

    text: str
    visible: View
    folded: View
    tagged: Tagged
    context: LintContext
    rules: RuleSet
    length: int


Check = Callable[[Document], list[Hit]]
