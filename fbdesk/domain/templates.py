"""Message and response templates an agent starts from."""

from __future__ import annotations

from dataclasses import dataclass, replace

from fbdesk.domain.policy import APPROVED_REMOVAL_NOTICE, LintContext, lint, verdict
from fbdesk.domain.policy.languages import marketplace_notice


@dataclass(frozen=True)
class Template:
    name: str
    body: str
    removal_notice: bool = False


MESSAGE_TEMPLATES = (
    Template(
        "Apology and replacement",
        "Hello,\n\nWe are sorry that your order did not arrive as it should have. We have sent a replacement "
        "today at no cost to you; it should arrive within 3 to 5 days.\n\nKind regards",
    ),
    Template(
        "Refund issued",
        "Hello,\n\nWe are sorry for the trouble with your order. We have issued a full refund; it should reach "
        "your account within 5 business days.\n\nKind regards",
    ),
    Template(
        "Ask for details",
        "Hello,\n\nWe are sorry to read about the problem with your order. Could you tell us a little more, or "
        "send a photo, so that we can put it right?\n\nKind regards",
    ),
    Template("Removal notice (approved wording)", APPROVED_REMOVAL_NOTICE, removal_notice=True),
)
RESPONSE_TEMPLATES = (
    Template("Apology and fix", "We are sorry about this order. We contacted the buyer and sent a replacement."),
    Template("Delivery delay", "We apologise for the delay; the carrier has since resolved the problem on this route."),
)


def templates_for(context: LintContext) -> list[Template]:
    """The templates the policy engine lets through in this case's context: so the removal notice is offered
    only once the case is resolved, and only if no notice was sent for this order yet."""
    kind_templates = RESPONSE_TEMPLATES if context.kind == "response" else MESSAGE_TEMPLATES
    # the approved notice in the buyer's language of the marketplace
    offered = tuple(
        replace(t, body=marketplace_notice(context.marketplace)) if t.removal_notice else t for t in kind_templates
    )
    return [t for t in offered if not verdict(lint(t.body, context)).blocked]
