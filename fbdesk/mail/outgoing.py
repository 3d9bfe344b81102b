"""A message to the buyer, built as the email Amazon's relay accepts, and checked before it leaves.

`prepare` gives the wire bytes and the Message-ID, so the caller can record the Message-ID ("sending") before it
talks to the server and can tell later whether a message it is unsure about was delivered. A retry passes the same
Message-ID back in, so the buyer never gets two different copies of one message.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP, default
from email.utils import format_datetime, make_msgid
from pathlib import PurePath

from fbdesk.errors import BadInput, RuleRefusal

# Amazon: "one or more attachments (up to 10 MB) in a message", common document and image formats.
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
ATTACHMENT_TYPES: dict[str, str] = {
    ".pdf": "application/pdf",
    ".txt": "text/plain",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xls": "application/vnd.ms-excel",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".bmp": "image/bmp",
    ".tif": "image/tiff",
    ".tiff": "image/tiff",
}
# Amazon lets "[Important]" (any case, brackets required) through a buyer's opt-out; it is reserved for messages
# critical to completing an order, which a feedback follow-up never is.
_SEVEN_BIT = default.clone(cte_type="7bit")  # quoted-printable or base64 bodies: no server needs 8BITMIME
IMPORTANT_TAG = re.compile(r"\[\s*important\s*\]", re.IGNORECASE)


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes


@dataclass(frozen=True)
class OutgoingMail:
    """What the caller knows about a message to the buyer."""

    sender: str  # the seller's address registered with Amazon (or authorised under Messaging Permissions)
    relay_address: str  # the buyer's anonymised address, from the report's Rater Email
    order_id: str
    body: str
    subject: str | None = None  # default: "Your order <order id>"
    in_reply_to: str | None = None  # the buyer reply's Message-ID, when answering one
    references: Sequence[str] = ()  # that reply's References, oldest first
    attachments: Sequence[Attachment] = ()


@dataclass(frozen=True)
class PreparedMail:
    """A message ready for the wire."""

    message_id: str
    sender: str
    recipient: str
    subject: str
    data: bytes


def default_subject(order_id: str) -> str:
    return f"Your order {order_id}"


def new_message_id(sender: str) -> str:
    """A fresh Message-ID (`<...@domain of the sender>`), unique without asking anyone."""
    domain = sender.rpartition("@")[2].strip(" >") or None
    return make_msgid(domain=domain)


def check_outgoing(mail: OutgoingMail) -> None:
    """Raise RuleRefusal for what Amazon would refuse or that fbdesk never sends, BadInput for what cannot be mail."""
    subject = mail.subject if mail.subject is not None else default_subject(mail.order_id)
    if IMPORTANT_TAG.search(subject):
        raise RuleRefusal(
            "the subject contains [Important]: Amazon reserves it for messages critical to completing "
            "an order, and a feedback follow-up is not one; remove it from the subject"
        )
    for label, value in (
        ("subject", subject),
        ("sender", mail.sender),
        ("relay address", mail.relay_address),
        ("In-Reply-To", mail.in_reply_to or ""),
        *(("References", r) for r in mail.references),
    ):
        if "\r" in value or "\n" in value:
            raise BadInput(f"the {label} contains a line break; write it on one line")
    for label, value in (("sender", mail.sender), ("relay address", mail.relay_address)):
        _address(label, value)
    if not mail.body.strip():
        raise BadInput("the message is empty")
    total = 0
    for attachment in mail.attachments:
        suffix = PurePath(attachment.filename).suffix.lower()
        if suffix not in ATTACHMENT_TYPES:
            allowed = ", ".join(sorted({s.lstrip(".") for s in ATTACHMENT_TYPES}))
            raise RuleRefusal(
                f"{attachment.filename!r}: Amazon accepts common document and image formats only ({allowed})"
            )
        total += len(attachment.content)
    total += len(mail.body.encode("utf-8"))
    if total > MAX_ATTACHMENT_BYTES:
        raise RuleRefusal(
            f"the message with its attachments is {total / 1024 / 1024:.1f} MB; Amazon accepts at most "
            f"{MAX_ATTACHMENT_BYTES // 1024 // 1024} MB: leave out or shrink an attachment"
        )


def prepare(mail: OutgoingMail, *, now: datetime, message_id: str | None = None) -> PreparedMail:
    """The checked message as bytes, with a Message-ID (the one given, for a retry, else a new one)."""
    check_outgoing(mail)
    if now.tzinfo is None:
        raise ValueError("prepare needs an aware datetime")
    message_id = message_id or new_message_id(mail.sender)
    subject = mail.subject if mail.subject is not None else default_subject(mail.order_id)
    msg = EmailMessage(policy=_SEVEN_BIT)
    msg["From"] = mail.sender
    msg["To"] = mail.relay_address
    msg["Subject"] = subject
    msg["Date"] = format_datetime(now)
    msg["Message-ID"] = message_id
    if mail.in_reply_to:
        msg["In-Reply-To"] = mail.in_reply_to
        references = [r for r in mail.references if r != mail.in_reply_to] + [mail.in_reply_to]
        msg["References"] = " ".join(references)
    msg.set_content(mail.body, subtype="plain", charset="utf-8")
    for attachment in mail.attachments:
        maintype, subtype = ATTACHMENT_TYPES[PurePath(attachment.filename).suffix.lower()].split("/")
        msg.add_attachment(attachment.content, maintype=maintype, subtype=subtype, filename=attachment.filename)
    return PreparedMail(
        message_id,
        _address("sender", mail.sender),
        _address("relay address", mail.relay_address),
        subject,
        msg.as_bytes(policy=SMTP.clone(cte_type="7bit")),
    )


def _address(label: str, value: str) -> str:
    """The bare address; BadInput for anything that is not exactly one address."""
    try:
        address = Address(addr_spec=value.strip())
    except (ValueError, IndexError):
        raise BadInput(f"the {label} {value!r} is not an email address") from None
    if not address.username or not address.domain or "." not in address.domain:
        raise BadInput(f"the {label} {value!r} is not an email address")
    if not address.addr_spec.isascii():  # would need SMTPUTF8; Amazon's relay addresses are plain ASCII
        raise BadInput(f"the {label} {value!r} has non-ASCII characters; use a plain ASCII address")
    return address.addr_spec
