"""Amazon's "not delivered" notifications recognised, with what identifies the message they refer to."""

from __future__ import annotations

import pytest
from mailservers import SAMPLES

from fbdesk.mail import AmazonNotice, NoticeKind, parse_mail, recognise_notice


def notice(name: str) -> AmazonNotice | None:
    return recognise_notice(parse_mail((SAMPLES / f"{name}.eml").read_bytes()))


def test_opt_out_in_english_with_the_original_quoted() -> None:
    found = notice("notice_opt_out_en")
    assert found == AmazonNotice(
        kind=NoticeKind.BUYER_OPTED_OUT,
        notice_message_id="<0100018c-notice-optout-en@email.amazonses.com>",
        order_id="302-4320791-9168494",
        relay_address="8kx2mq4v7yt3zwn@marketplace.amazon.com",
        original_message_id="<176470000000.1.11111@shop.example>",
        original_subject="Your order 302-4320791-9168494",
    )
    assert "opted out" in found.reason
    assert "wait for the buyer" in found.next_step and "buyer's own thread" in found.next_step


def test_opt_out_in_german() -> None:
    found = notice("notice_opt_out_de")
    assert found is not None and found.kind is NoticeKind.BUYER_OPTED_OUT
    assert (found.order_id, found.relay_address, found.original_subject) == (
        "028-1234567-7654321",
        "q7w3e9r1t5y2u8i@marketplace.amazon.de",
        "Ihre Bestellung 028-1234567-7654321",
    )
    assert found.original_message_id is None


def test_guidelines_block_with_the_original_enclosed() -> None:
    found = notice("notice_guidelines_en")
    assert found is not None and found.kind is NoticeKind.BLOCKED_BY_GUIDELINES
    assert (found.order_id, found.relay_address, found.original_message_id, found.original_subject) == (
        "203-5555555-6666666",
        "z1x2c3v4b5n6m7q@marketplace.amazon.co.uk",
        "<176470000000.5.55555@shop.example>",
        "Your order 203-5555555-6666666",
    )
    assert "communication guidelines" in found.reason and "rewrite" in found.next_step


def test_unauthorised_sender_referring_by_in_reply_to() -> None:
    found = notice("notice_unauthorised_en")
    assert found is not None and found.kind is NoticeKind.SENDER_NOT_AUTHORISED
    assert (found.order_id, found.relay_address, found.original_message_id) == (
        "111-2222222-3333333",
        "p0o9i8u7y6t5r4e@marketplace.amazon.com",
        "<176470000000.6.66666@shop.example>",
    )
    assert "Messaging Permissions" in found.next_step


@pytest.mark.parametrize(
    "name",
    [
        "reply_en_quoted",
        "reply_de_latin1",
        "reply_ja_sjis",
        "reply_ja_iso2022",
        "reply_html_only",
        "reply_attachment",
        "reply_amazon_wrapped_fr",
        "reply_wrong_charset",
        "reply_hostile",
    ],
)
def test_buyer_replies_are_not_notices(name: str) -> None:
    assert notice(name) is None


def test_a_buyer_quoting_the_wording_is_not_a_notice() -> None:
    """Only Amazon's own addresses send notifications; a buyer's relay address never does."""
    raw = (
        (SAMPLES / "notice_opt_out_en.eml")
        .read_bytes()
        .replace(b"<donotreply@amazon.com>", b"<8kx2mq4v7yt3zwn@marketplace.amazon.com>")
    )
    assert recognise_notice(parse_mail(raw)) is None
    spoof = (
        (SAMPLES / "notice_opt_out_en.eml")
        .read_bytes()
        .replace(b"<donotreply@amazon.com>", b"<donotreply@amazon.com.evil.example>")
    )
    assert recognise_notice(parse_mail(spoof)) is None


def test_other_mail_from_amazon_is_not_a_notice() -> None:
    raw = (
        b"From: seller-notification@amazon.com\r\nSubject: Sold, ship now: 302-4320791-9168494\r\n\r\n"
        b"Dear seller, you sold an item. Please ship it.\r\n"
    )
    assert recognise_notice(parse_mail(raw)) is None
