"""The conversation with the buyer as the case view and the unmatched mail show it: our messages with where their
delivery stands, the buyer's replies with their attachments, and Amazon's notices. Every text that came by mail
or from a mail server is shown inertly."""

from __future__ import annotations

import json

from rich.text import Text

from fbdesk.desk import DELIVERY_STATE_LABELS, BuyerMessage, BuyerReply, CaseFile, DeliveryState, Destination
from fbdesk.ui import formatting as fmt
from fbdesk.ui.safe_text import inert, one_line

# What the agent can do about a message in this state, said under it (keys of the case view).
NEXT_ACTION: dict[str, str] = {
    DeliveryState.FAILED: "x sends it again.",
    DeliveryState.HELD: "x sends it again once the reason is dealt with.",
    DeliveryState.UNKNOWN: "c confirms it arrived, or sends it again.",
}
STATE_STYLE: dict[str, str] = {
    DeliveryState.SENT: "green",
    DeliveryState.QUEUED: "yellow",
    DeliveryState.SENDING: "yellow",
    DeliveryState.RETRYING: "bold yellow",
    DeliveryState.FAILED: "bold red",
    DeliveryState.HELD: "bold red",
    DeliveryState.UNKNOWN: "bold yellow",
    DeliveryState.NOT_DELIVERED: "bold red",
    DeliveryState.RECORDED: "dim",
}


def size(count: int) -> str:
    if count < 1024:
        return f"{count:,} bytes"
    return f"{count / 1024:.1f} KB" if count < 1024 * 1024 else f"{count / 1024 / 1024:.1f} MB"


def attachments(reply: BuyerReply) -> list[tuple[str, int]]:
    """The attachments' names and sizes, as stored (their bytes are not kept)."""
    try:
        listed = json.loads(reply.attachments_json or "[]")
    except ValueError:
        return []
    if not isinstance(listed, list):
        return []
    return [(str(a.get("name") or "(no name)"), int(a.get("size") or 0)) for a in listed if isinstance(a, dict)]


def delivery(message: BuyerMessage) -> Text:
    """Where the message's delivery stands, in words, with the server's or Amazon's text inert."""
    state = message.delivery_state
    text = Text.assemble((DELIVERY_STATE_LABELS.get(state, state), STATE_STYLE.get(state, "")))
    if state == DeliveryState.SENT and message.delivered_at:
        text.append(f" {fmt.moment(message.delivered_at)}")
    if state == DeliveryState.SENDING:
        text.append("…")
    if state == DeliveryState.RETRYING and message.next_attempt_at:
        text.append(f" (next try {fmt.moment(message.next_attempt_at)})")
    if message.to_address and state != DeliveryState.QUEUED:
        text.append(" to ", style="dim")
        text.append_text(one_line(message.to_address, style="dim", limit=120))
    if message.delivery_error and state != DeliveryState.SENT:
        text.append("\n")
        text.append_text(inert(message.delivery_error, style="italic", limit=2000))
    if state in NEXT_ACTION:
        text.append(f"\n{NEXT_ACTION[state]}", style="dim")
    return text


def message_block(message: BuyerMessage) -> Text:
    flags = " · removal notice" if message.is_removal_notice else ""
    flags += " · acknowledged: " + message.acknowledgement if message.acknowledgement else ""
    text = Text.assemble(("→ To the buyer ", "bold"))
    text.append_text(one_line(f"· {fmt.moment(message.sent_at)} · {message.agent}{flags}", style="dim", limit=400))
    text.append("\n")
    text.append_text(delivery(message))
    text.append("\n")
    text.append_text(inert(message.body))
    return text


def reply_block(reply: BuyerReply, *, full_headers: bool = False) -> Text:
    """A buyer's reply or Amazon's notice: who, when, the subject, the text (without the quoted history) and the
    attachments by name and size."""
    notice = reply.kind == "amazon-notice"
    text = Text.assemble(
        ("← Amazon: delivery notice " if notice else "← From the buyer ", "bold magenta" if notice else "bold cyan")
    )
    text.append_text(
        one_line(f"· received {fmt.moment(reply.received_at)} · {reply.from_address}", style="dim", limit=400)
    )
    if full_headers and reply.written_at:
        text.append(f"\nWritten {fmt.moment(reply.written_at)}", style="dim")
    if reply.subject:
        text.append("\nSubject: ", style="dim")
        text.append_text(one_line(reply.subject, limit=300))
    if full_headers and reply.order_id:
        text.append("\nOrder: ", style="dim")
        text.append_text(one_line(reply.order_id, limit=60))
    text.append("\n")
    text.append_text(inert(reply.body) if reply.body.strip() else Text("(no text)", style="dim"))
    for name, count in attachments(reply):
        text.append("\nAttachment: ", style="dim")
        text.append_text(one_line(name, limit=120))
        text.append(f" ({size(count)})", style="dim")
    if reply.notes:
        text.append("\n")
        text.append_text(one_line(f"Note: {reply.notes}", style="dim italic", limit=300))
    return text


def destination_line(destination: Destination) -> Text:
    if destination.problem:
        text = Text("⚠ ", style="bold yellow")
        text.append_text(inert(destination.problem, style="bold yellow", limit=600))
        text.append(" (b)", style="dim")
        return text
    return inert(destination.describe(), style="dim", limit=600)


def conversation_section(case: CaseFile, destination: Destination, heading: Text) -> Text:
    """The whole thread, oldest first."""
    text = Text.assemble(heading, "\n")
    text.append_text(destination_line(destination))
    text.append("\n")
    if not case.conversation:
        text.append("\nNo messages yet. m writes one.", style="dim")
    for item in case.conversation:
        text.append("\n")
        text.append_text(message_block(item) if isinstance(item, BuyerMessage) else reply_block(item))
        text.append("\n")
    text.rstrip()
    return text


def opening(reply: BuyerReply, limit: int = 200) -> str:
    """The start of the text on one line (a first line is often just "Hello,")."""
    return " ".join(reply.body[: limit * 4].split())[:limit]
