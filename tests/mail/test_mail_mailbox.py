"""Fetching replies from a real IMAP server (a throwaway Dovecot): since the last UID, UIDVALIDITY changes,
read-only, and Amazon's notifications told apart."""

from __future__ import annotations

from dataclasses import replace

import pytest
from mailservers import IMAP_PASSWORD, SAMPLES, Certificate, Dovecot

from fbdesk.mail import FetchedMail, MailboxError, MailboxState, NoticeKind, fetch_new
from fbdesk.mail.mailbox import BATCH


def sample(name: str) -> bytes:
    return (SAMPLES / f"{name}.eml").read_bytes()


def numbered(n: int) -> bytes:
    return (
        f"From: buyer{n}@marketplace.amazon.com\r\nTo: support@shop.example\r\n"
        f"Subject: Re: Your order 302-0000000-{n:07d}\r\nMessage-ID: <reply-{n}@mail.example>\r\n"
        f"Content-Type: text/plain; charset=utf-8\r\n\r\nReply number {n}\r\n"
    ).encode()


def test_fetch_since_the_last_uid_returns_only_new_mail(dovecot: Dovecot) -> None:
    box = dovecot.new_mailbox()
    dovecot.append(box.mailbox, sample("reply_en_quoted"), sample("reply_de_latin1"))
    seen: list[FetchedMail] = []
    first = fetch_new(box, None, on_mail=seen.append)
    assert [m.mail.sender for m in first.mails] == [
        "8kx2mq4v7yt3zwn@marketplace.amazon.com",
        "q7w3e9r1t5y2u8i@marketplace.amazon.de",
    ]
    assert seen == first.mails and not first.uidvalidity_changed
    assert first.state.last_uid == first.mails[-1].uid == 2
    assert first.mails[1].mail.text.endswith("Grüße aus München!\n\nJürgen Müller")

    nothing = fetch_new(box, first.state)
    assert (nothing.mails, nothing.state) == ([], first.state)

    dovecot.append(box.mailbox, sample("reply_ja_sjis"))
    second = fetch_new(box, first.state)
    assert [m.mail.order_id for m in second.mails] == ["250-1111111-2222222"]
    assert second.state == MailboxState(first.state.uidvalidity, 3)


def test_mail_is_left_unread_and_in_place(dovecot: Dovecot) -> None:
    box = dovecot.new_mailbox()
    dovecot.append(box.mailbox, sample("reply_en_quoted"))
    fetch_new(box, None)
    with dovecot.client() as client:
        client.select_folder(box.mailbox, readonly=True)
        flags = client.get_flags(client.search("ALL"))
    assert len(flags) == 1 and b"\\Seen" not in next(iter(flags.values()))


def test_a_uidvalidity_change_rereads_without_duplicates(dovecot: Dovecot) -> None:
    box = dovecot.new_mailbox()
    dovecot.append(box.mailbox, sample("reply_en_quoted"), sample("reply_html_only"))
    first = fetch_new(box, None)
    known = {m.mail.message_id for m in first.mails if m.mail.message_id}
    with dovecot.client() as client:  # the mailbox is rebuilt: same mail plus one new, new UIDVALIDITY
        client.delete_folder(box.mailbox)
        client.create_folder(box.mailbox)
    dovecot.append(box.mailbox, sample("reply_en_quoted"), sample("reply_html_only"), sample("reply_attachment"))
    after = fetch_new(box, first.state, known)
    assert after.uidvalidity_changed and after.state.uidvalidity != first.state.uidvalidity
    assert [m.mail.message_id for m in after.mails] == ["<attach-0006@yahoo.com>"]
    assert after.skipped_known == 2 and after.state.last_uid == 3


def test_the_same_message_twice_in_one_fetch_comes_once(dovecot: Dovecot) -> None:
    box = dovecot.new_mailbox()
    dovecot.append(box.mailbox, sample("reply_en_quoted"), sample("reply_en_quoted"))
    result = fetch_new(box, None)
    assert len(result.mails) == 1 and result.skipped_known == 1 and result.state.last_uid == 2


def test_amazon_notifications_are_recognised_among_replies(dovecot: Dovecot) -> None:
    box = dovecot.new_mailbox()
    dovecot.append(
        box.mailbox,
        sample("reply_en_quoted"),
        sample("notice_opt_out_en"),
        sample("notice_guidelines_en"),
        sample("notice_unauthorised_en"),
    )
    kinds = [m.notice.kind if m.notice else None for m in fetch_new(box, None).mails]
    assert kinds == [
        None,
        NoticeKind.BUYER_OPTED_OUT,
        NoticeKind.BLOCKED_BY_GUIDELINES,
        NoticeKind.SENDER_NOT_AUTHORISED,
    ]


def test_more_than_one_batch(dovecot: Dovecot) -> None:
    box = dovecot.new_mailbox()
    dovecot.append(box.mailbox, *(numbered(n) for n in range(BATCH + 5)))
    result = fetch_new(box, None)
    assert [m.mail.text for m in result.mails] == [f"Reply number {n}" for n in range(BATCH + 5)]
    assert [m.uid for m in result.mails] == list(range(1, BATCH + 6))


def test_a_hostile_1_mb_reply_arrives_cut(dovecot: Dovecot) -> None:
    box = dovecot.new_mailbox()
    head, _, body = sample("reply_hostile").partition(b"\r\n\r\n")
    dovecot.append(box.mailbox, head + b"\r\n\r\n" + body * (1024 * 1024 // len(body) + 1))
    [fetched] = fetch_new(box, None).mails
    assert fetched.raw_size > 1024 * 1024 and fetched.mail.truncated


def test_a_missing_mailbox_is_a_permanent_error(dovecot: Dovecot) -> None:
    with pytest.raises(MailboxError, match="'NoSuchBox' cannot be opened") as caught:
        fetch_new(dovecot.mailbox("NoSuchBox"), None)
    assert not caught.value.temporary


def test_an_unreachable_server_is_a_temporary_error(dovecot: Dovecot, closed_port: int) -> None:
    with pytest.raises(MailboxError, match="connection refused") as caught:
        fetch_new(replace(dovecot.server, port=closed_port), None, timeout=5)
    assert caught.value.temporary and IMAP_PASSWORD not in str(caught.value)


def _logins(dovecot: Dovecot) -> list[str]:
    return [line for line in (dovecot.root / "dovecot.log").read_text().splitlines() if "Login: user=" in line]


def _last_login(dovecot: Dovecot) -> str:
    return _logins(dovecot)[-1]


def test_imaps_fetches_over_tls_from_the_first_byte(dovecot_tls: Dovecot, certificate: Certificate) -> None:
    box = dovecot_tls.new_mailbox()
    dovecot_tls.append(box.mailbox, sample("reply_en_quoted"))
    assert dovecot_tls.tls_port is not None
    over_tls = replace(box, port=dovecot_tls.tls_port, implicit_tls=True)
    [fetched] = fetch_new(over_tls, None, ssl_context=certificate.client).mails
    assert fetched.mail.sender == "8kx2mq4v7yt3zwn@marketplace.amazon.com"
    assert ", TLS," in _last_login(dovecot_tls)


def test_starttls_is_used_when_the_imap_server_offers_it(dovecot_tls: Dovecot, certificate: Certificate) -> None:
    box = dovecot_tls.new_mailbox()
    dovecot_tls.append(box.mailbox, sample("reply_de_latin1"))
    [fetched] = fetch_new(box, None, ssl_context=certificate.client).mails
    assert fetched.mail.sender == "q7w3e9r1t5y2u8i@marketplace.amazon.de"
    assert ", TLS," in _last_login(dovecot_tls)


def test_a_certificate_that_is_not_trusted_is_refused_before_the_password_is_sent(dovecot_tls: Dovecot) -> None:
    assert dovecot_tls.tls_port is not None
    over_tls = replace(dovecot_tls.server, port=dovecot_tls.tls_port, implicit_tls=True)
    logins = len(_logins(dovecot_tls))
    with pytest.raises(MailboxError, match="TLS failed: CERTIFICATE_VERIFY_FAILED") as caught:
        fetch_new(over_tls, None, timeout=10)  # the system's trust store does not know the test certificate
    assert caught.value.temporary and IMAP_PASSWORD not in str(caught.value)
    assert len(_logins(dovecot_tls)) == logins


# Last: after a failed login Dovecot delays the next logins from the same address for a few seconds.
def test_a_wrong_password_is_a_permanent_error_without_the_password(dovecot: Dovecot) -> None:
    box = replace(dovecot.server, password="wrong-" + IMAP_PASSWORD)
    with pytest.raises(MailboxError, match="login refused") as caught:
        fetch_new(box, None, timeout=10)
    assert not caught.value.temporary and IMAP_PASSWORD not in str(caught.value)
