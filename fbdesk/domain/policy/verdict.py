"""What findings mean for sending a text: errors block it; warnings need an acknowledgement with a reason."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Finding


@dataclass(frozen=True)
class Verdict:
    blocking: list[Finding]  # errors: the text cannot be sent
    to_acknowledge: list[Finding]  # warnings: sending needs a reason

    @property
    def blocked(self) -> bool:
        return bool(self.blocking)

    @property
    def needs_acknowledgement(self) -> bool:
        return not self.blocking and bool(self.to_acknowledge)


def verdict(findings: list[Finding]) -> Verdict:
    return Verdict([f for f in findings if f.severity == "error"], [f for f in findings if f.severity == "warning"])
