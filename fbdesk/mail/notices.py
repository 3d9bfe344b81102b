"""Amazon's notifications that a message to a buyer was not delivered, recognised among the fetched mail.

Three kinds, each from an Amazon address (amazon.com, amazon.de, ...: never a buyer's marketplace relay address) and
told apart by their wording, in English and German: the buyer opted out of unsolicited messages; the message did not
meet the Buyer-Seller Messaging communication guidelines; the sender address is not authorised under Messaging
Permissions. What identifies the original message is taken from wherever the notification carries it: the
In-Reply-To/References headers, an enclosed copy of the message, quoted "Subject:"/"Message-ID:" lines, the order id
and the buyer's relay address in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from fbdesk.mail.relay import RELAY_ADDRESS, find_order_id, is_amazon_sender
from fbdesk.mail.replies import ParsedMail


class NoticeKind(StrEnum):
    BUYER_OPTED_OUT = "buyer-opted-out"
    BLOCKED_BY_GUIDELINES = "blocked-by-guidelines"
    SENDER_NOT_AUTHORISED = "sender-not-authorised"


REASONS: dict[NoticeKind, str] = {
    NoticeKind.BUYER_OPTED_OUT: "The buyer has opted out of unsolicited messages from sellers; Amazon did not deliver "
    "the message.",
    NoticeKind.BLOCKED_BY_GUIDELINES: "Amazon blocked the message: it did not meet the Buyer-Seller Messaging "
    "communication guidelines.",
    NoticeKind.SENDER_NOT_AUTHORISED: "Amazon rejected the message: it came from an address that is not authorised "
    "under Messaging Permissions.",
}
NEXT_STEPS: dict[NoticeKind, str] = {
    NoticeKind.BUYER_OPTED_OUT: "Do not send it again: wait for the buyer to write. If the buyer wrote first, answer "
    "on the buyer's own thread (reply to their message); Amazon delivers replies.",
    NoticeKind.BLOCKED_BY_GUIDELINES: "Do not resend it unchanged: rewrite it (no links, contact details, marketing or "
    "anything offered for feedback) and send it as a new message.",
    NoticeKind.SENDER_NOT_AUTHORISED: "Add the sending address under Settings > Messaging Permissions in Seller "
    "Central (or send from the registered address), then retry the message.",
}

_WORDING: tuple[tuple[NoticeKind, re.Pattern[str]], ...] = (
    (
        NoticeKind.SENDER_NOT_AUTHORISED,
        re.compile(
            r"messaging permissions|not (?:an )?(?:authori[sz]ed|approved) (?:e-?mail )?address|"
            r"berechtigungen für nachrichten|nicht (?:autorisiert|freigegeben|berechtigt)",
            re.I,
        ),
    ),
    (
        NoticeKind.BLOCKED_BY_GUIDELINES,
        re.compile(
            r"did not meet the buyer-seller messaging\s+communication guidelines|communication guidelines|"
            r"kommunikationsrichtlinien",
            re.I,
        ),
    ),
    (
        NoticeKind.BUYER_OPTED_OUT,
        re.compile(
            r"opt(?:ed)?[ -]out of (?:receiving )?unsolicited messages|opted out|"
            r"keine unaufgeforderten nachrichten|unaufgeforderte nachrichten abbestellt|"
            r"gegen den erhalt unaufgeforderter nachrichten",
            re.I,
        ),
    ),
)
_QUOTED_SUBJECT = re.compile(r"^\s*>?\s*(?:subject|betreff)\s*:\s*(.+?)\s*$", re.I | re.M)
_QUOTED_MSGID = re.compile(r"^\s*>?\s*message-id\s*:\s*(<[^<>\s]+>)", re.I | re.M)


@dataclass(frozen=True)
class AmazonNotice:
    kind: NoticeKind
    notice_message_id: str | None  # the notification's own Message-ID
    order_id: str | None
    relay_address: str | None  # the buyer the original message was for
    original_message_id: str | None
    original_subject: str | None

    @property
    def reason(self) -> str:
        return REASONS[self.kind]

    @property
    def next_step(self) -> str:
        return NEXT_STEPS[self.kind]


def recognise_notice(mail: ParsedMail) -> AmazonNotice | None:
    """The notification this mail is, or None (a buyer's reply, or other mail)."""
    if not is_amazon_sender(mail.sender):
        return None
    text = f"{mail.subject}\n{mail.full_text}"
    kind = next((k for k, pattern in _WORDING if pattern.search(text)), None)
    if kind is None:
        return None
    enclosed = mail.enclosed[0] if mail.enclosed else None
    relay = RELAY_ADDRESS.search(text)
    subject = _QUOTED_SUBJECT.search(mail.full_text)
    quoted_id = _QUOTED_MSGID.search(mail.full_text)
    original_id = (
        mail.in_reply_to or (enclosed.message_id if enclosed else None) or (quoted_id.group(1) if quoted_id else None)
    )
    return AmazonNotice(
        kind=kind,
        notice_message_id=mail.message_id,
        order_id=find_order_id(mail.subject)
        or (find_order_id(enclosed.subject) if enclosed else None)
        or find_order_id(mail.full_text),
        relay_address=(enclosed.recipient if enclosed and enclosed.recipient else None)
        or (relay.group().lower() if relay else None),
        original_message_id=original_id,
        original_subject=(enclosed.subject if enclosed and enclosed.subject else None)
        or (subject.group(1) if subject else None),
    )
