"""Mail server settings read from URLs; the password is never shown."""

from __future__ import annotations

import pytest

from fbdesk.errors import SettingsError
from fbdesk.mail import ImapServer, SmtpServer, parse_imap_url, parse_smtp_url


def test_smtp_url_with_percent_encoded_credentials() -> None:
    server = parse_smtp_url("smtp://support%40shop.example:p%40ss%3Aw0rd@mail.shop.example:2525")
    assert server == SmtpServer("mail.shop.example", 2525, "support@shop.example", "p@ss:w0rd", implicit_tls=False)


def test_smtp_default_ports_and_implicit_tls() -> None:
    assert parse_smtp_url("smtp://mail.example").port == 587
    smtps = parse_smtp_url("smtps://u:p@mail.example")
    assert (smtps.port, smtps.implicit_tls) == (465, True)


def test_imap_url_with_mailbox() -> None:
    server = parse_imap_url("imaps://seller:pw@imap.example/Amazon%20Replies")
    assert server == ImapServer("imap.example", 993, "seller", "pw", implicit_tls=True, mailbox="Amazon Replies")
    assert parse_imap_url("imap://seller:pw@imap.example").mailbox == "INBOX"
    assert parse_imap_url("imap://seller:pw@imap.example:1143/").port == 1143


@pytest.mark.parametrize(
    "server",
    [
        parse_smtp_url("smtp://shop:hunter2secret@mail.example:587"),
        parse_imap_url("imap://seller:hunter2secret@imap.example/INBOX"),
    ],
)
def test_the_password_never_shows(server: SmtpServer | ImapServer) -> None:
    for shown in (repr(server), str(server), server.url, f"{server}", server.redact("535 bad: hunter2secret")):
        assert "hunter2secret" not in shown
    assert "shop" in str(server) or "seller" in str(server)


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("http://u:hunter2secret@mail.example", "must start with smtp:// or smtps://"),
        ("smtp://u:hunter2secret@:587", "names no host"),
        ("smtp://u:hunter2secret@mail.example:99999", "not a usable URL"),
        ("smtp://u:hunter2secret@mail.example:port", "not a usable URL"),
        ("smtp://u:hunter2secret@mail.example/INBOX", "a path"),
        ("smtp://:hunter2secret@mail.example", "no user name"),
        ("smtp://u:hunter2secret@mail.example?tls=1", "query"),
    ],
)
def test_a_bad_smtp_url_is_a_settings_error_without_the_password(url: str, says: str) -> None:
    with pytest.raises(SettingsError, match=says) as caught:
        parse_smtp_url(url)
    assert "hunter2secret" not in str(caught.value)


def test_a_bad_imap_url_is_a_settings_error() -> None:
    with pytest.raises(SettingsError, match="imap:// or imaps://"):
        parse_imap_url("pop3://u:p@mail.example")
