"""The conversation through the Desk, against real servers: messages delivered at most once over SMTP (aiosmtpd),
replies and Amazon's notices fetched over IMAP (Dovecot) into the right case, on SQLite and PostgreSQL."""

from __future__ import annotations

import email
import multiprocessing
import os
import signal
import time
from datetime import timedelta
from email.policy import default
from pathlib import Path

import pytest
from mailservers import running_smtp

from fbdesk.cli import main
from fbdesk.desk import CaseStatus, DeliveryState, MailSettings, RuleRefusal, open_desk
from fbdesk.domain.reports import format_report_date

from support import NOW, Clock, write_report

SAMPLES = Path(__file__).parent / "samples"
SENDER = "support@shop.example"
US_ORDER, DE_ORDER, JP_ORDER, UK_ORDER = (
    "302-4320791-9168494",
    "028-1234567-7654321",
    "250-1111111-2222222",
    "203-5555555-6666666",
)
RELAYS = {
    US_ORDER: "8kx2mq4v7yt3zwn@marketplace.amazon.com",
    DE_ORDER: "q7w3e9r1t5y2u8i@marketplace.amazon.de",
    JP_ORDER: "m2n4b6v8c1x3z5a@marketplace.amazon.co.jp",
    UK_ORDER: "z1x2c3v4b5n6m7q@marketplace.amazon.co.uk",
}
MARKETPLACES = {US_ORDER: "US", DE_ORDER: "DE", JP_ORDER: "JP", UK_ORDER: "UK"}


def stock(desk, tmp_path: Path, *, without_address: tuple[str, ...] = ()) -> dict[str, int]:
    """One negative feedback per sample order, imported from reports of their marketplaces."""
    for order, marketplace in MARKETPLACES.items():
        day = format_report_date(NOW.date() - timedelta(days=3), marketplace)
        relay = "" if order in without_address else RELAYS[order]
        report = write_report(tmp_path / f"{marketplace}.tsv", [[day, "1", "Broken on arrival", "", order, relay]])
        desk.import_reports([report], marketplace=marketplace)
    return {order: desk.find_order(order).id for order in MARKETPLACES}


def mail_desk(db_url, clock, smtp=None, imap=None):
    return open_desk(
        db_url, agent="alex", clock=clock, mail=MailSettings(sender=SENDER, smtp=smtp, imap=imap, timeout=5)
    )


def states(desk, feedback_id: int) -> list[str]:
    return [m.delivery_state for m in desk.get_case(feedback_id).messages]


def test_a_message_is_delivered_once_with_the_right_headers(db_url, clock, tmp_path, smtp_server):
    desk = mail_desk(db_url, clock, smtp=smtp_server.server)
    case = stock(desk, tmp_path)[US_ORDER]
    sent = desk.send_message(case, "We are sorry the kettle arrived broken. A replacement ships today.")
    assert sent.delivery_state == DeliveryState.QUEUED

    report = desk.sync()
    assert (report.delivered, report.ok) == (1, True)
    (received,) = smtp_server.handler.received
    mail = email.message_from_bytes(received.data, policy=default)
    assert received.recipients == [RELAYS[US_ORDER]] and received.sender == SENDER
    assert mail["To"] == RELAYS[US_ORDER] and mail["From"] == SENDER
    assert mail["Subject"] == f"Your order {US_ORDER}"
    assert mail.get_content_type() == "text/plain" and mail.get_content_charset() == "utf-8"
    assert "replacement ships today" in mail.get_content()
    (message,) = desk.get_case(case).messages
    assert (message.delivery_state, message.message_id) == (DeliveryState.SENT, mail["Message-ID"])
    assert message.delivered_at == NOW
    assert desk.sync().delivered == 0 and len(smtp_server.handler.received) == 1  # a second sync sends nothing


def test_refused_and_unreachable_servers_keep_the_message_and_a_later_sync_delivers_it(
    db_url, clock, tmp_path, closed_port
):
    from fbdesk.mail import SmtpServer

    down = mail_desk(db_url, clock, smtp=SmtpServer("127.0.0.1", closed_port))
    case = stock(down, tmp_path)[US_ORDER]
    down.send_message(case, "We are sorry; a replacement ships today.")
    report = down.sync()
    assert (report.retrying, report.ok) == (1, False)
    (message,) = down.get_case(case).messages
    assert message.delivery_state == DeliveryState.RETRYING and "refused" in message.delivery_error.lower()
    assert message.next_attempt_at == NOW + timedelta(minutes=1)

    with running_smtp() as smtp:
        desk = mail_desk(db_url, clock, smtp=smtp.server)
        assert desk.deliver().delivered == 0  # the backoff has not passed
        clock.now += timedelta(minutes=2)
        assert desk.deliver().delivered == 1
        smtp.handler.data_answer = "550 5.7.1 Mailbox unavailable"
        desk.send_message(case, "Your replacement was delivered this morning.")
        report = desk.sync()
        assert report.failed == 1
        failed = desk.get_case(case).messages[-1]
        assert failed.delivery_state == DeliveryState.FAILED
        assert "550 5.7.1 Mailbox unavailable" in failed.delivery_error
        assert desk.sync().failed == 0 and len(smtp.handler.received) == 1  # a refusal is not retried on its own
        smtp.handler.data_answer = None
        assert desk.sync(retry_failed=True).delivered == 1
        assert len(smtp.handler.received) == 2
    assert states(desk, case) == [DeliveryState.SENT, DeliveryState.SENT]


def test_a_temporary_refusal_is_retried_after_its_backoff(db_url, clock, tmp_path, smtp_server):
    desk = mail_desk(db_url, clock, smtp=smtp_server.server)
    case = stock(desk, tmp_path)[US_ORDER]
    desk.send_message(case, "We are sorry; a replacement ships today.")
    smtp_server.handler.rcpt_answer = "451 4.3.0 Try again later"
    assert desk.sync().retrying == 1
    smtp_server.handler.rcpt_answer = None
    assert desk.sync(retry_now=True).delivered == 1  # `fbdesk sync` by hand does not wait for the backoff
    assert len(smtp_server.handler.received) == 1


def _sync_in_another_process(url: str, smtp_port: int) -> None:
    from mailservers import SMTP_PASSWORD, SMTP_USER

    from fbdesk.mail import SmtpServer

    desk = open_desk(
        url,
        agent="worker",
        mail=MailSettings(sender=SENDER, smtp=SmtpServer("127.0.0.1", smtp_port, SMTP_USER, SMTP_PASSWORD), timeout=60),
    )
    desk.sync()


def test_a_crash_between_sending_and_sent_leaves_delivery_unknown_never_a_duplicate(db_url, tmp_path, smtp_server):
    clock = Clock(NOW)
    desk = mail_desk(db_url, clock, smtp=smtp_server.server)
    case = stock(desk, tmp_path)[US_ORDER]
    desk.send_message(case, "We are sorry; a replacement ships today.")
    smtp_server.handler.data_delay = 3  # the server has the message, and takes its time to say so

    worker = multiprocessing.get_context("spawn").Process(
        target=_sync_in_another_process, args=(db_url, smtp_server.server.port)
    )
    worker.start()
    deadline = time.monotonic() + 60
    while states(desk, case) != [DeliveryState.SENDING] and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # the message content is on its way
    os.kill(worker.pid, signal.SIGKILL)
    worker.join()
    assert states(desk, case) == [DeliveryState.SENDING]

    clock.now = desk.get_case(case).messages[0].next_attempt_at + timedelta(seconds=1)  # the lease ran out
    smtp_server.handler.data_delay = 0
    report = desk.sync()
    assert (report.unknown, report.delivered) == (1, 0)
    (message,) = desk.get_case(case).messages
    assert message.delivery_state == DeliveryState.UNKNOWN and "may or may not have it" in message.delivery_error
    received = len(smtp_server.handler.received)  # the server dropped it when the client died, or kept it
    assert desk.sync().delivered == 0 and len(smtp_server.handler.received) == received  # never re-sent on its own

    resent = desk.confirm_delivery(message.id, delivered=False)  # the agent chooses to send it again
    assert resent.delivery_state == DeliveryState.QUEUED
    assert desk.sync().delivered == 1
    again = email.message_from_bytes(smtp_server.handler.received[-1].data)
    assert again["Message-ID"] == message.message_id  # the same message, should the first copy arrive too
    with pytest.raises(RuleRefusal, match="only a message that is unknown"):
        desk.confirm_delivery(message.id, delivered=True)


def test_a_message_the_policy_now_blocks_is_held_and_never_reaches_the_server(db_url, clock, tmp_path, smtp_server):
    from fbdesk.domain.policy import APPROVED_REMOVAL_NOTICE

    desk = mail_desk(db_url, clock, smtp=smtp_server.server)
    case = stock(desk, tmp_path)[US_ORDER]
    desk.set_status(case, "resolved")
    desk.send_message(case, APPROVED_REMOVAL_NOTICE)  # allowed: the case is resolved
    desk.set_status(case, "in_progress")  # the buyer wrote again: the concerns are not resolved after all
    report = desk.sync()
    assert (report.held, report.delivered) == (1, 0)
    (message,) = desk.get_case(case).messages
    assert message.delivery_state == DeliveryState.HELD
    assert "removal-notice-before-resolved" in message.delivery_error
    assert smtp_server.handler.received == []


def test_a_case_without_a_relay_address_holds_its_message_until_the_agent_enters_one(
    db_url, clock, tmp_path, smtp_server
):
    desk = mail_desk(db_url, clock, smtp=smtp_server.server)
    case = stock(desk, tmp_path, without_address=(DE_ORDER,))[DE_ORDER]
    assert "no relay address" in desk.destination(case).describe()
    desk.send_message(case, "Es tut uns leid. Ein Ersatz ist unterwegs.")
    assert desk.sync().held == 1
    with pytest.raises(RuleRefusal, match="not an Amazon relay address for a DE order"):
        desk.set_buyer_address(case, "buyer@gmail.example")
    desk.set_buyer_address(case, RELAYS[DE_ORDER])
    assert desk.destination(case).describe() == (
        f"To the buyer's Amazon relay address {RELAYS[DE_ORDER]} from {SENDER}."
    )
    assert desk.sync().delivered == 1
    assert smtp_server.handler.received[0].recipients == [RELAYS[DE_ORDER]]


def _append_samples(dovecot, mailbox, *names: str) -> None:
    dovecot.append(mailbox.mailbox, *((SAMPLES / name).read_bytes() for name in names))


def test_replies_land_once_in_their_case_without_the_quoted_history(db_url, clock, tmp_path, dovecot):
    mailbox = dovecot.new_mailbox()
    desk = mail_desk(db_url, clock, imap=mailbox)
    cases = stock(desk, tmp_path)
    _append_samples(dovecot, mailbox, "reply_en_quoted.eml", "reply_de_latin1.eml", "reply_ja_sjis.eml")
    clock.now += timedelta(hours=30)

    report = desk.sync()
    assert (report.replies, report.unmatched, report.ok) == (3, 0, True)
    for order in (US_ORDER, DE_ORDER, JP_ORDER):
        case = desk.get_case(cases[order])
        (reply,) = case.replies
        assert reply.from_address == RELAYS[order]
        assert case.feedback.case_status == CaseStatus.BUYER_REPLIED
        # Never contacted, the case still owes its first answer by the deadline set at the import: a reply from
        # the buyer does not move it (tests/test_deadlines.py: one after a contact starts a new deadline).
        assert case.feedback.first_response_due == NOW + timedelta(hours=24)
        assert [e.action for e in case.audit[-2:]] == ["buyer-replied", "status"]
    us = desk.get_case(cases[US_ORDER]).replies[0]
    assert "wrote:" not in us.body and ">" not in us.body
    german, japanese = (desk.get_case(cases[order]).replies[0].body for order in (DE_ORDER, JP_ORDER))
    assert {"ü", "ä"} & set(german)
    assert any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in japanese)
    assert desk.sync().replies == 0  # nothing twice
    assert [len(desk.get_case(cases[o]).replies) for o in (US_ORDER, DE_ORDER, JP_ORDER)] == [1, 1, 1]


def test_an_unmatched_reply_waits_in_the_unmatched_mail_until_attached(db_url, clock, tmp_path, dovecot):
    mailbox = dovecot.new_mailbox()
    desk = mail_desk(db_url, clock, imap=mailbox)
    cases = stock(desk, tmp_path)
    _append_samples(dovecot, mailbox, "reply_attachment.eml")  # an order and a buyer the desk does not know
    assert desk.sync().unmatched == 1
    (waiting,) = desk.unmatched_mail()
    assert '[{"name"' in waiting.attachments_json
    with pytest.raises(Exception, match="No feedback for order"):
        desk.attach_reply(waiting.id, "999-0000000-0000000")
    desk.attach_reply(waiting.id, US_ORDER)
    assert desk.unmatched_mail() == []
    assert desk.get_case(cases[US_ORDER]).feedback.case_status == CaseStatus.BUYER_REPLIED
    with pytest.raises(RuleRefusal, match="already in a case"):
        desk.attach_reply(waiting.id, US_ORDER)


def test_a_uidvalidity_change_brings_no_duplicates(db_url, clock, tmp_path, dovecot):
    mailbox = dovecot.new_mailbox()
    desk = mail_desk(db_url, clock, imap=mailbox)
    cases = stock(desk, tmp_path)
    _append_samples(dovecot, mailbox, "reply_en_quoted.eml")
    assert desk.sync().replies == 1
    with dovecot.client() as client:  # the mailbox is recreated: new UIDVALIDITY, UIDs start again
        client.delete_folder(mailbox.mailbox)
        client.create_folder(mailbox.mailbox)
    _append_samples(dovecot, mailbox, "reply_en_quoted.eml", "reply_de_latin1.eml")
    report = desk.sync()
    assert (report.replies, report.ok) == (1, True)
    assert len(desk.get_case(cases[US_ORDER]).replies) == 1 and len(desk.get_case(cases[DE_ORDER]).replies) == 1


def test_a_hostile_reply_is_kept_as_data(db_url, clock, tmp_path, dovecot):
    mailbox = dovecot.new_mailbox()
    desk = mail_desk(db_url, clock, imap=mailbox)
    stock(desk, tmp_path)
    huge = (
        b"From: a1s2d3f4g5h6j7k@marketplace.amazon.com\r\nTo: support@shop.example\r\n"
        b"Subject: Re: Your order 302-4320791-9168494\r\nMessage-ID: <huge-1@evil.example>\r\n\r\n"
        + b"[b]x[/b] \x1b[2J "
        * 70_000
    )
    dovecot.append(mailbox.mailbox, (SAMPLES / "reply_hostile.eml").read_bytes(), huge)
    desk.sync()
    replies = desk.get_case(desk.find_order(US_ORDER).id).replies + desk.unmatched_mail()
    assert len(replies) == 2
    big = next(r for r in replies if r.message_id == "<huge-1@evil.example>")
    assert len(big.body) <= 64 * 1024 and "cut" in big.notes


def test_amazons_notices_mark_the_right_message_not_delivered(db_url, clock, tmp_path, dovecot, smtp_server):
    mailbox = dovecot.new_mailbox()
    desk = mail_desk(db_url, clock, smtp=smtp_server.server, imap=mailbox)
    cases = stock(desk, tmp_path)
    desk.send_message(cases[US_ORDER], "We are sorry; a replacement ships today.")
    desk.send_message(cases[UK_ORDER], "We are sorry the mirror broke; a refund is on its way.")
    desk.sync()
    assert states(desk, cases[US_ORDER]) == states(desk, cases[UK_ORDER]) == [DeliveryState.SENT]
    assert desk.deadline(desk.get_feedback(cases[US_ORDER])) == "met"
    _append_samples(dovecot, mailbox, "notice_opt_out_en.eml", "notice_guidelines_en.eml")

    report = desk.sync()
    assert report.notices == 2
    opted_out = desk.get_case(cases[US_ORDER]).messages[0]
    assert opted_out.delivery_state == DeliveryState.NOT_DELIVERED
    assert "opted out" in opted_out.delivery_error and "wait for the buyer" in opted_out.delivery_error
    assert desk.deadline(desk.get_feedback(cases[US_ORDER])) == "on-time"  # it never reached the buyer: no contact
    blocked = desk.get_case(cases[UK_ORDER])
    assert blocked.messages[0].delivery_state == DeliveryState.NOT_DELIVERED
    assert "communication guidelines" in blocked.messages[0].delivery_error
    assert blocked.replies[0].kind == "amazon-notice" and blocked.replies[0].notice_for == blocked.messages[0].id
    assert blocked.feedback.case_status != CaseStatus.BUYER_REPLIED  # Amazon is not the buyer


def test_fbdesk_sync_says_what_it_did_and_exits_1_when_something_is_left(
    tmp_path, capsys, smtp_server, closed_port, monkeypatch
):
    db = str(tmp_path / "desk.db")
    desk = open_desk(db, agent="alex")
    case = stock(desk, tmp_path)[US_ORDER]
    desk.send_message(case, "We are sorry; a replacement ships today.")
    monkeypatch.setenv("FBDESK_MAIL_FROM", SENDER)
    code = main(["sync", "--db", db, "--smtp-url", f"smtp://x:pw-secret@127.0.0.1:{closed_port}"])
    out = capsys.readouterr().out
    assert code == 1 and "1 failed for now (retried later)" in out and "pw-secret" not in out
    server = smtp_server.server
    url = f"smtp://{server.username}:{server.password.replace(':', '%3A').replace('@', '%40')}@127.0.0.1:{server.port}"
    assert main(["sync", "--db", db, "--smtp-url", url]) == 0
    assert "Messages: 1 delivered." in capsys.readouterr().out
    assert "pw-secret" not in "".join(e.details for e in open_desk(db).get_case(case).audit)


def test_a_saved_mail_is_taken_in_as_if_fetched(db_url, clock, tmp_path):
    desk = mail_desk(db_url, clock)
    cases = stock(desk, tmp_path)
    raw = (SAMPLES / "reply_en_quoted.eml").read_bytes()
    assert desk.receive_mail(raw).replies == 1
    assert desk.receive_mail(raw).replies == 0  # once
    assert len(desk.get_case(cases[US_ORDER]).replies) == 1
