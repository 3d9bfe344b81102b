"""Building the message to the buyer, the checks before it leaves, Amazon's relay addresses."""

from __future__ import annotations

from datetime import UTC, datetime
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default

import pytest

from fbdesk.domain.reports import MARKETPLACES
from fbdesk.errors import BadInput, RuleRefusal
from fbdesk.mail import Attachment, OutgoingMail, is_amazon_relay, marketplace_of_relay, prepare, relay_domain
from fbdesk.mail.outgoing import MAX_ATTACHMENT_BYTES

NOW = datetime(2026, 11, 30, 9, 12, tzinfo=UTC)
MAIL = OutgoingMail(
    sender="support@shop.example",
    relay_address="8kx2mq4v7yt3zwn@marketplace.amazon.com",
    order_id="302-4320791-9168494",
    body="Dear customer,\n\nthe replacement left today. Grüße, 店",
)


def read(data: bytes) -> EmailMessage:
    msg = message_from_bytes(data, policy=default)
    assert isinstance(msg, EmailMessage)
    return msg


def test_the_message_carries_what_amazon_needs() -> None:
    prepared = prepare(MAIL, now=NOW)
    msg = read(prepared.data)
    assert msg["From"] == "support@shop.example"
    assert msg["To"] == "8kx2mq4v7yt3zwn@marketplace.amazon.com"
    assert msg["Subject"] == "Your order 302-4320791-9168494"
    assert msg["Message-ID"] == prepared.message_id and prepared.message_id.endswith("@shop.example>")
    assert msg["Date"].datetime == NOW
    assert msg.get_content_type() == "text/plain" and msg.get_content_charset() == "utf-8"
    assert msg.get_content().replace("\r\n", "\n").rstrip("\n") == MAIL.body
    assert "In-Reply-To" not in msg
    assert prepared.data.isascii()  # 7-bit on the wire: no server needs 8BITMIME


def test_a_retry_keeps_its_message_id_and_a_new_message_gets_a_new_one() -> None:
    first = prepare(MAIL, now=NOW)
    assert prepare(MAIL, now=NOW, message_id=first.message_id).message_id == first.message_id
    assert prepare(MAIL, now=NOW).message_id != first.message_id


def test_an_answer_to_a_buyer_reply_threads_under_it() -> None:
    mail = OutgoingMail(
        **{
            **MAIL.__dict__,
            "subject": "Re: Your order 302-4320791-9168494",
            "in_reply_to": "<reply-2@mail.gmail.com>",
            "references": ("<ours-1@shop.example>", "<reply-2@mail.gmail.com>"),
        }
    )
    msg = read(prepare(mail, now=NOW).data)
    assert msg["Subject"] == "Re: Your order 302-4320791-9168494"
    assert msg["In-Reply-To"] == "<reply-2@mail.gmail.com>"
    assert msg["References"] == "<ours-1@shop.example> <reply-2@mail.gmail.com>"


@pytest.mark.parametrize("subject", ["[Important] Your order", "Your order [IMPORTANT]", "[ important ] delivery"])
def test_important_in_the_subject_is_refused(subject: str) -> None:
    with pytest.raises(RuleRefusal, match=r"\[Important\]"):
        prepare(OutgoingMail(**{**MAIL.__dict__, "subject": subject}), now=NOW)


def test_attachments_common_formats_up_to_10_mb() -> None:
    photo = Attachment("damage photo.JPG", b"\xff\xd8" + b"x" * 1000)
    msg = read(prepare(OutgoingMail(**{**MAIL.__dict__, "attachments": (photo,)}), now=NOW).data)
    parts = list(msg.iter_attachments())
    assert [(p.get_filename(), p.get_content_type(), len(p.get_content())) for p in parts] == [
        ("damage photo.JPG", "image/jpeg", 1002)
    ]
    with pytest.raises(RuleRefusal, match="common document and image formats"):
        prepare(OutgoingMail(**{**MAIL.__dict__, "attachments": (Attachment("setup.exe", b"MZ"),)}), now=NOW)
    big = Attachment("scan.pdf", b"0" * MAX_ATTACHMENT_BYTES)
    with pytest.raises(RuleRefusal, match="at most 10 MB"):
        prepare(OutgoingMail(**{**MAIL.__dict__, "attachments": (big,)}), now=NOW)


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("subject", "Your order\r\nBcc: everyone@example.com", "line break"),
        ("relay_address", "not an address", "not an email address"),
        ("relay_address", "a@marketplace.amazon.com, b@example.com", "not an email address"),
        ("sender", "", "not an email address"),
        ("sender", "bücher@shop.example", "not an email address"),
        ("sender", "support@bücher.example", "non-ASCII"),
        ("body", "  \n", "empty"),
    ],
)
def test_what_cannot_be_mail_is_bad_input(field: str, value: str, says: str) -> None:
    with pytest.raises(BadInput, match=says):
        prepare(OutgoingMail(**{**MAIL.__dict__, field: value}), now=NOW)


def test_relay_addresses_per_marketplace() -> None:
    assert is_amazon_relay("abc123@marketplace.amazon.de", "DE")
    assert is_amazon_relay("ABC123@Marketplace.Amazon.co.jp", "jp")
    assert is_amazon_relay("x@marketplace.amazon.com.au", "AU")
    assert not is_amazon_relay("abc123@marketplace.amazon.de", "FR")
    assert not is_amazon_relay("abc123@marketplace.amazon.com.evil.example", "US")
    assert not is_amazon_relay("abc123@amazon.de", "DE")
    assert not is_amazon_relay("Buyer <abc123@marketplace.amazon.de>", "DE")
    assert not is_amazon_relay("abc123@marketplace.amazon.de", "XX")
    assert is_amazon_relay("abc123@marketplace.amazon.co.uk")
    assert marketplace_of_relay("abc@marketplace.amazon.co.uk") == "UK"
    assert marketplace_of_relay("abc@gmail.com") is None


def test_every_report_marketplace_has_its_own_relay_domain() -> None:
    domains = {m: relay_domain(m) for m in MARKETPLACES}
    assert len(set(domains.values())) == len(MARKETPLACES)
    assert domains["US"] == "marketplace.amazon.com" and domains["UK"] == "marketplace.amazon.co.uk"
    assert all(is_amazon_relay(f"buyer@{d}", m) for m, d in domains.items())
