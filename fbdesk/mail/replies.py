"""Reading one fetched email (a buyer's reply, or anything else in the mailbox) into plain data.

`parse_mail` never raises for what is in the mail: broken headers, a wrong charset, hostile bodies are read as well
as they can be, and what could not be read is noted in `problems`. Text is data: control characters and markup are
kept as they came (showing them safely is the UI's job), but at most MAX_TEXT characters of it, with a note when cut.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from email import message_from_bytes
from email.message import Message
from email.policy import default
from email.utils import getaddresses, parseaddr, parsedate_to_datetime

from fbdesk.mail.bodies import decode_text, html_to_text
from fbdesk.mail.quotes import strip_quoted
from fbdesk.mail.relay import find_order_id

MAX_TEXT = 64 * 1024  # characters kept of a mail's text
_C1 = re.compile("[\x80-\x9f]")
_MSGID = re.compile(r"<[^<>\s]+>")


@dataclass(frozen=True)
class AttachmentInfo:
    filename: str
    size: int  # bytes, decoded
    content_type: str


@dataclass(frozen=True)
class EnclosedMessage:
    """The headers of a message carried inside this one (a message/rfc822 part: a bounce's original)."""

    message_id: str | None
    subject: str
    sender: str
    recipient: str


@dataclass(frozen=True)
class ParsedMail:
    message_id: str | None  # with its angle brackets, as stored for de-duplication
    sender: str  # the bare address, lower case
    sender_name: str
    recipients: tuple[str, ...]
    subject: str
    date: datetime | None
    in_reply_to: str | None
    references: tuple[str, ...]
    order_id: str | None  # from the subject, else the body
    text: str  # the reply's own words: quoted history and signature stripped
    full_text: str  # the whole text body
    from_html: bool  # the mail had no plain-text part; its HTML was turned into text
    truncated: bool  # the text was longer than MAX_TEXT and was cut
    attachments: tuple[AttachmentInfo, ...]
    enclosed: tuple[EnclosedMessage, ...]
    problems: tuple[str, ...]  # what could not be read as declared


def parse_mail(raw: bytes) -> ParsedMail:
    problems: list[str] = []
    msg = message_from_bytes(raw, policy=default)
    subject = _header(msg, "Subject", problems)
    sender_name, sender = parseaddr(_header(msg, "From", problems))
    recipients = tuple(a.lower() for _, a in getaddresses([_header(msg, "To", problems)]) if a)
    message_id = _first_msgid(_header(msg, "Message-ID", problems))
    in_reply_to = _first_msgid(_header(msg, "In-Reply-To", problems))
    references = tuple(_MSGID.findall(_header(msg, "References", problems)))
    attachments: list[AttachmentInfo] = []
    enclosed: list[EnclosedMessage] = []
    plain, markup = _bodies(msg, attachments, enclosed, problems)
    from_html = not plain and bool(markup)
    full_text = "\n\n".join(plain) if plain else "\n\n".join(html_to_text(m) for m in markup)
    truncated = len(full_text) > MAX_TEXT
    if truncated:
        full_text = full_text[:MAX_TEXT]
        problems.append(f"the text was cut to its first {MAX_TEXT // 1024} KiB")
    return ParsedMail(
        message_id=message_id,
        sender=sender.lower(),
        sender_name=sender_name,
        recipients=recipients,
        subject=subject,
        date=_date(_header(msg, "Date", problems)),
        in_reply_to=in_reply_to,
        references=references,
        order_id=find_order_id(subject) or find_order_id(full_text),
        text=strip_quoted(full_text),
        full_text=full_text,
        from_html=from_html,
        truncated=truncated,
        attachments=tuple(attachments),
        enclosed=tuple(enclosed),
        problems=tuple(problems),
    )


def _header(msg: Message, name: str, problems: list[str]) -> str:
    """A header's decoded value, "" when absent; a header the parser cannot read is taken as raw text."""
    try:
        value = msg.get(name)
    except Exception:  # the policy's header parser has crashed on hostile headers (IndexError, ValueError...)
        problems.append(f"the {name} header could not be parsed")
        value = _raw_header(msg, name)
    if value is None:
        return ""
    text = str(value)
    if any("\udc80" <= c <= "\udcff" for c in text):  # undeclared 8-bit bytes in a header
        data = text.encode("utf-8", "surrogateescape")
        text, _ = decode_text(data, None)
    # Latin-1 encoded words carrying Windows-1252 bytes (dashes, quotes) decode to C1 controls; read them as meant.
    text = _C1.sub(lambda m: bytes([ord(m.group())]).decode("cp1252", "replace"), text)
    return " ".join(text.split())


def _raw_header(msg: Message, name: str) -> str:
    for key, value in msg.raw_items():
        if key.lower() == name.lower():
            return str(value)
    return ""


def _first_msgid(value: str) -> str | None:
    found = _MSGID.search(value)
    if found:
        return found.group()
    return f"<{value.strip()}>" if value.strip() and " " not in value.strip() else None


def _date(value: str) -> datetime | None:
    if not value:
        return None
    try:
        return parsedate_to_datetime(value)
    except (ValueError, TypeError, IndexError):
        return None


def _bodies(
    msg: Message, attachments: list[AttachmentInfo], enclosed: list[EnclosedMessage], problems: list[str]
) -> tuple[list[str], list[str]]:
    """The plain-text and HTML bodies (alternatives: plain preferred), listing attachments on the way."""
    plain: list[str] = []
    markup: list[str] = []
    for part in _leaves(msg, enclosed, problems):
        content_type = part.get_content_type()
        filename = _filename(part)
        disposition = (part.get_content_disposition() or "").lower()
        if filename or disposition == "attachment" or part.get_content_maintype() not in ("text", "multipart"):
            payload = part.get_payload(decode=True)
            attachments.append(
                AttachmentInfo(filename or "(unnamed)", len(payload) if isinstance(payload, bytes) else 0, content_type)
            )
            continue
        if content_type not in ("text/plain", "text/html"):
            continue
        data = part.get_payload(decode=True)
        if not isinstance(data, bytes):
            continue
        text, note = decode_text(data, part.get_param("charset"))  # type: ignore[arg-type]
        if note:
            problems.append(note)
        (plain if content_type == "text/plain" else markup).append(text)
    return plain, markup


def _leaves(msg: Message, enclosed: list[EnclosedMessage], problems: list[str]) -> list[Message]:
    """The leaf parts in reading order; of a multipart/alternative only its plain-text part when it has one."""
    if msg.get_content_type() == "message/rfc822":
        for inner in msg.get_payload() if isinstance(msg.get_payload(), list) else []:
            if isinstance(inner, Message):
                enclosed.append(
                    EnclosedMessage(
                        _first_msgid(_header(inner, "Message-ID", problems)),
                        _header(inner, "Subject", problems),
                        parseaddr(_header(inner, "From", problems))[1].lower(),
                        parseaddr(_header(inner, "To", problems))[1].lower(),
                    )
                )
        return [msg] if msg.get_filename() else []
    if not msg.is_multipart():
        return [msg]
    children = [p for p in msg.get_payload() if isinstance(p, Message)]
    if msg.get_content_subtype() == "alternative":
        plain = [c for c in children if c.get_content_type() == "text/plain"]
        children = plain[:1] or children[-1:]
    leaves: list[Message] = []
    for child in children:
        leaves.extend(_leaves(child, enclosed, problems))
    return leaves


def _filename(part: Message) -> str | None:
    try:
        name = part.get_filename()
    except Exception:  # a hostile filename parameter
        return "(unreadable name)"
    return " ".join(str(name).split()) if name else None
