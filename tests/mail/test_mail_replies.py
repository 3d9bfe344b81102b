"""Reading fetched mail: every sample parses to the buyer's own words, whatever its charset or shape."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mailservers import SAMPLES

from fbdesk.mail import AttachmentInfo, parse_mail
from fbdesk.mail.bodies import decode_text, html_to_text
from fbdesk.mail.replies import MAX_TEXT


def sample(name: str) -> bytes:
    return (SAMPLES / f"{name}.eml").read_bytes()


# sample -> (sender, order id, the reply's own words)
REPLIES = {
    "reply_en_quoted": (
        "8kx2mq4v7yt3zwn@marketplace.amazon.com",
        "302-4320791-9168494",
        "Hello,\n\nThe replacement arrived today and it works fine. Thank you for sorting it out so "
        "quickly \u2013 much appreciated.\n\nJane",
    ),
    "reply_de_latin1": (
        "q7w3e9r1t5y2u8i@marketplace.amazon.de",
        "028-1234567-7654321",
        "Guten Tag,\n\nvielen Dank für die schnelle Antwort. Die Ersatzlieferung ist heute angekommen,"
        "\nalles in Ordnung. Grüße aus München!\n\nJürgen Müller",
    ),
    "reply_ja_sjis": (
        "m2n4b6v8c1x3z5a@marketplace.amazon.co.jp",
        "250-1111111-2222222",
        "商品が届きました。交換品は問題なく動作しています。\n迅速なご対応ありがとうございました。\n\n山田太郎",
    ),
    "reply_ja_iso2022": (
        "h8g6f4d2s0a9p7o@marketplace.amazon.co.jp",
        "250-3333333-4444444",
        "お世話になっております。\n返金を確認しました。ありがとうございます。",
    ),
    "reply_html_only": (
        "z1x2c3v4b5n6m7q@marketplace.amazon.co.uk",
        "203-5555555-6666666",
        'Hi,\n\nThe parcel still hasn\'t arrived & tracking shows "exception".\n\n'
        "Could you check with the courier?\nThanks,\nAlex",
    ),
    "reply_attachment": (
        "p0o9i8u7y6t5r4e@marketplace.amazon.com",
        "111-2222222-3333333",
        "Hello,\n\nattached is a photo of the damage and the delivery note \u2013 the box was crushed."
        "\n\nRegards,\nSam",
    ),
    "reply_amazon_wrapped_fr": (
        "r5t6y7u8i9o0p1a@marketplace.amazon.fr",
        "171-9876543-2109876",
        "Bonjour,\n\nJe n\u2019ai toujours pas reçu le colis. Pouvez-vous vérifier\u00a0?\n\nMerci,\nClaire",
    ),
    "reply_wrong_charset": (
        "o1i2u3y4t5r6e7w@marketplace.amazon.de",
        "028-7777777-8888888",
        "Danke, das Paket ist da. Schöne Grüße \u2013 Björn",
    ),
}


@pytest.mark.parametrize("name", sorted(REPLIES))
def test_each_sample_reads_as_the_buyers_own_words(name: str) -> None:
    sender, order_id, text = REPLIES[name]
    mail = parse_mail(sample(name))
    assert (mail.sender, mail.order_id, mail.text) == (sender, order_id, text)
    assert mail.message_id is not None and mail.message_id.startswith("<") and mail.date is not None
    assert not mail.truncated


def test_headers_of_a_reply() -> None:
    mail = parse_mail(sample("reply_en_quoted"))
    assert mail.sender_name == "Jane Buyer"
    assert mail.recipients == ("support@shop.example",)
    assert mail.subject == "Re: Your order 302-4320791-9168494"
    assert mail.message_id == "<CAF=buyer-en-0001@mail.gmail.com>"
    assert mail.in_reply_to == "<176470000000.1.11111@shop.example>"
    assert mail.references == ("<176470000000.1.11111@shop.example>",)
    assert mail.date == datetime(2026, 11, 30, 18, 42, 7, tzinfo=UTC)
    assert "> We are sorry that the lamp arrived broken." in mail.full_text  # the history is kept, just not shown


def test_encoded_headers_in_every_charset() -> None:
    subject = parse_mail(sample("reply_de_latin1")).subject
    assert subject == "AW: Ihre Bestellung 028-1234567-7654321 \u2013 Lampe beschädigt"  # a Windows dash in Latin-1
    assert parse_mail(sample("reply_de_latin1")).sender_name == "Jürgen Müller"
    sjis = parse_mail(sample("reply_ja_sjis"))
    assert (sjis.subject, sjis.sender_name) == ("Re: 商品の件 250-1111111-2222222", "山田太郎")
    assert sjis.date == datetime(2026, 12, 1, 8, 30, tzinfo=timezone(timedelta(hours=9)))
    assert parse_mail(sample("reply_ja_iso2022")).subject == "RE: ご注文 250-3333333-4444444 の返金"


def test_html_only_mail_becomes_text_without_script_or_style() -> None:
    mail = parse_mail(sample("reply_html_only"))
    assert mail.from_html
    assert "alert" not in mail.full_text and "color: red" not in mail.full_text
    assert "> Dear customer, your order has been dispatched." in mail.full_text


def test_attachments_are_listed_by_name_and_size_only() -> None:
    mail = parse_mail(sample("reply_attachment"))
    assert mail.attachments == (
        AttachmentInfo("damage.jpg", 5120, "image/jpeg"),
        AttachmentInfo("Lieferschein ü.pdf", 3016, "application/pdf"),
    )
    assert "attached is a photo" in mail.text and not mail.from_html  # the plain alternative, not the HTML one


def test_a_wrong_charset_declaration_is_noted_not_fatal() -> None:
    assert parse_mail(sample("reply_wrong_charset")).problems == ("the text was not valid utf-8; read as cp1252",)


def test_a_hostile_mail_is_kept_as_data() -> None:
    mail = parse_mail(sample("reply_hostile"))
    assert mail.order_id == "302-0000000-1111111"
    assert "bad [/i] tag [link=https://evil.example]click[/link] <script>alert(1)</script>" in mail.text
    assert "\x1b[2J\x1b]0;pwned\x07" in mail.text and "\x00" in mail.text and "\u202e" in mail.text
    assert "[red]order[/red]" in mail.subject and mail.date is None
    assert mail.sender_name.startswith("[b]Boss[/b]")


def test_a_1_mb_hostile_body_is_cut_to_64_kib_with_a_note() -> None:
    head, _, body = sample("reply_hostile").partition(b"\r\n\r\n")
    raw = head + b"\r\n\r\n" + (body * (1024 * 1024 // len(body) + 1))
    assert len(raw) > 1024 * 1024
    mail = parse_mail(raw)
    assert mail.truncated and len(mail.full_text) == MAX_TEXT and len(mail.text) <= MAX_TEXT
    assert "the text was cut to its first 64 KiB" in mail.problems


def test_mail_without_headers_or_body_still_parses() -> None:
    mail = parse_mail(b"")
    assert (mail.sender, mail.subject, mail.message_id, mail.text, mail.order_id) == ("", "", None, "", None)


@pytest.mark.parametrize(
    ("data", "declared", "text"),
    [
        ("Grüße".encode("iso-8859-1"), "iso-8859-1", "Grüße"),
        # Windows bytes under a Latin-1 label
        ("\u201eGrüße\u201c \u20ac".encode("cp1252"), "iso-8859-1", "\u201eGrüße\u201c \u20ac"),
        ("Grüße".encode(), "iso-8859-1", "Grüße"),  # UTF-8 labelled Latin-1
        ("ありがとう".encode("cp932"), None, "ありがとう"),
        ("ありがとう".encode("iso2022_jp"), None, "ありがとう"),
        ("ありがとう".encode("iso2022_jp"), "utf-8", "ありがとう"),  # 7-bit, so it passes for UTF-8 under a wrong label
        ("①ありがとう".encode("cp932"), "shift_jis", "①ありがとう"),  # a Windows-only character under a Shift_JIS label
        ("Grüße".encode("cp1252"), None, "Grüße"),
        ("Grüße".encode("cp1252"), "x-unknown", "Grüße"),
    ],
)
def test_decoding_whatever_the_label(data: bytes, declared: str | None, text: str) -> None:
    assert decode_text(data, declared)[0] == text


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400), st.sampled_from([None, "utf-8", "iso-8859-1", "shift_jis", "iso-2022-jp", "bogus"]))
def test_decoding_never_fails(data: bytes, declared: str | None) -> None:
    text, _ = decode_text(data, declared)
    assert isinstance(text, str)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_parsing_arbitrary_bytes_never_fails(raw: bytes) -> None:
    parse_mail(b"From: a@b.example\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + raw)
    parse_mail(raw)


def test_html_to_text_keeps_structure() -> None:
    assert html_to_text("<p>One &lt;two&gt;</p><ul><li>a</li><li>b</li></ul>x<br/>y") == "One <two>\n\na\n\nb\n\nx\ny"
    assert html_to_text("<div>unclosed <b>bold") == "unclosed bold"
