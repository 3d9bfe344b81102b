"""What the policy engine takes and gives: the context of a text and the findings about it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

KINDS = ("message", "response", "feedback")
WRITTEN = ("message", "response")  # texts the agent writes and sends, as opposed to the buyer's feedback


class Severity(StrEnum):
    """error blocks sending, warning needs a deliberate acknowledgement, info only informs."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class LintContext:
    """kind: "message" (to the buyer), "response" (public, next to the feedback) or "feedback" (the buyer's comment)."""

    kind: str = "message"
    resolved: bool = False
    prior_removal_notices: int = 0
    fba: bool | None = None  # fulfilled by Amazon; None when not known: a feedback comment's own words then tell
    marketplace: str | None = None  # "DE", "JP", ...: the buyer's language is the marketplace's


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in a text. text[start:end] == match, offsets into the text as typed; line and column 1-based."""

    rule: str
    severity: str
    start: int
    end: int
    line: int
    column: int
    match: str
    message: str
    why: str
    fix: str | None = None
    ground: str | None = None
    language: str | None = None  # the language of the sentence the finding is in ("en", "de", ...)
