"""Judging a text before it goes out: the policy engine's findings in the case's current context, and what they
mean for sending it (errors block; warnings need an acknowledgement with a reason). The composer's live findings,
the review step and the send path all judge through here, so they cannot disagree about the same case."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from fbdesk.db.models import BuyerMessage, Feedback
from fbdesk.desk.core import DeskCore
from fbdesk.domain.lifecycle import CaseStatus, DraftKind
from fbdesk.domain.policy import Finding, LintContext, Verdict, lint, verdict
from fbdesk.domain.reports import fulfilled_by_amazon
from fbdesk.domain.templates import Template, templates_for
from fbdesk.errors import BadInput, RuleRefusal


class LintRefusal(RuleRefusal):
    """Text refused by the policy engine; `findings` says where and why, `verdict` what they mean."""

    def __init__(self, message: str, findings: list[Finding]) -> None:
        super().__init__(message)
        self.findings = findings

    @property
    def verdict(self) -> Verdict:
        return verdict(self.findings)


class MessageBlocked(LintRefusal):
    """The text breaks a rule that can get the seller suspended (an error finding)."""


class AcknowledgementNeeded(LintRefusal):
    """The text has warnings: sending it needs an acknowledgement with a reason."""


def draft_kind(kind: str) -> DraftKind:
    """What is being written, checked: a message to the buyer or the public response."""
    try:
        return DraftKind(kind)
    except ValueError:
        raise BadInput(f"unknown kind {kind!r}; use one of {', '.join(DraftKind)}") from None


@dataclass(frozen=True)
class Checker:
    """Judges texts of one kind for one case, in the case's context as it was when the checker was made: cheap
    enough to run on every keystroke. What is sent is judged again, in the transaction that sends it."""

    context: LintContext

    def findings(self, text: str, *, build: bool = True) -> list[Finding]:
        """Without `build`, a text in a mix of languages met for the first time raises RulesNotBuilt rather than
        holding up the caller while its rules are built."""
        return lint(text, self.context, build=build)

    def verdict(self, text: str) -> Verdict:
        return verdict(self.findings(text))


def _summary(findings: list[Finding]) -> str:
    return "; ".join(f"{f.rule}: {f.message}" for f in findings)


class Judge:
    def __init__(self, core: DeskCore) -> None:
        self._core = core

    def context(self, session: Session, fb: Feedback, kind: DraftKind, *, before: int | None = None) -> LintContext:
        """What the policy engine needs to know of the case to judge a message or response for it; `before`
        counts only the removal notices sent before that message (judging a message already in the outbox)."""
        resolved, fba = fb.case_status == CaseStatus.RESOLVED, fulfilled_by_amazon(fb.channel)
        if kind is DraftKind.RESPONSE:
            return LintContext(kind=kind, resolved=resolved, fba=fba, marketplace=fb.marketplace)
        notices = session.exec(
            select(func.count())
            .select_from(BuyerMessage)
            .where(
                col(BuyerMessage.feedback_id) == fb.id,
                col(BuyerMessage.is_removal_notice).is_(True),
                col(BuyerMessage.id) < before if before is not None else True,
            )
        ).one()
        return LintContext(
            kind=kind, resolved=resolved, prior_removal_notices=notices, fba=fba, marketplace=fb.marketplace
        )

    def verdict_at_delivery(self, session: Session, fb: Feedback, message: BuyerMessage) -> Verdict:
        """A queued message judged again when it is delivered, in the case as it is then."""
        return Checker(self.context(session, fb, DraftKind.MESSAGE, before=message.id)).verdict(message.body)

    def lint_context(self, feedback_id: int, kind: str) -> LintContext:
        with self._core.read() as session:
            return self.context(session, self._core.feedback(session, feedback_id), draft_kind(kind))

    def checker(self, feedback_id: int, kind: str) -> Checker:
        return Checker(self.lint_context(feedback_id, kind))

    def check(self, feedback_id: int, kind: str, text: str) -> Verdict:
        return self.checker(feedback_id, kind).verdict(text)

    def templates(self, feedback_id: int, kind: str) -> list[Template]:
        return templates_for(self.lint_context(feedback_id, kind))

    def allow(
        self, session: Session, fb: Feedback, kind: DraftKind, text: str, acknowledgement: str | None
    ) -> tuple[list[Finding], str | None]:
        """Judge a text being sent, in the sending transaction: its findings and the acknowledgement to record,
        or `MessageBlocked` / `AcknowledgementNeeded`."""
        what = "message" if kind is DraftKind.MESSAGE else "response"
        findings = Checker(self.context(session, fb, kind)).findings(text)
        judged = verdict(findings)
        if judged.blocked:
            raise MessageBlocked(f"This {what} cannot be sent: {_summary(judged.blocking)}", findings)
        if not judged.needs_acknowledgement:
            return findings, None
        if not (acknowledgement and acknowledgement.strip()):
            raise AcknowledgementNeeded(
                f"This {what} has warnings; acknowledge them with a reason to send it anyway: "
                f"{_summary(judged.to_acknowledge)}",
                findings,
            )
        return findings, acknowledgement.strip()
