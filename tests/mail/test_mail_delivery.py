"""SMTP delivery against a real server (aiosmtpd on loopback): headers, refusals, dead and silent servers."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from email.policy import default

import pytest
from mailservers import SMTP_PASSWORD, Certificate, SmtpFixture, running_smtp

from fbdesk.mail import DeliveryResult, Outcome, OutgoingMail, SmtpServer, deliver, prepare, retry_delay

# aiosmtpd warns that AUTH without TLS is unsafe: these servers listen on loopback only.
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
NOW = datetime(2026, 11, 30, 9, 12, tzinfo=UTC)


def outgoing(n: int, **changes: object) -> OutgoingMail:
    mail = OutgoingMail(
        sender="support@shop.example",
        relay_address=f"buyer{n}@marketplace.amazon.de",
        order_id=f"028-0000000-{n:07d}",
        body=f"Guten Tag,\n.\n..Zeile mit Punkt {n}\nGrüße",
    )
    return replace(mail, **changes)  # type: ignore[arg-type]


def test_a_batch_is_delivered_with_the_right_headers(smtp_server: SmtpFixture) -> None:
    answer = outgoing(3, in_reply_to="<reply@mail.gmail.com>", subject="Re: Ihre Bestellung 028-0000000-0000003")
    prepared = [prepare(outgoing(1), now=NOW), prepare(outgoing(2), now=NOW), prepare(answer, now=NOW)]
    seen: list[DeliveryResult] = []
    results = deliver(smtp_server.server, prepared, timeout=5, on_result=seen.append)
    assert [r.outcome for r in results] == [Outcome.SENT] * 3 and seen == results
    assert [r.message_id for r in results] == [p.message_id for p in prepared]
    assert all(r.code == 250 and "accepted" in r.detail for r in results)
    received = smtp_server.handler.received
    assert [(r.sender, r.recipients) for r in received] == [
        ("support@shop.example", [f"buyer{n}@marketplace.amazon.de"]) for n in (1, 2, 3)
    ]
    msg = message_from_bytes(received[2].data, policy=default)
    assert msg["Message-ID"] == prepared[2].message_id
    assert msg["From"] == "support@shop.example" and msg["To"] == "buyer3@marketplace.amazon.de"
    assert msg["Subject"] == "Re: Ihre Bestellung 028-0000000-0000003"
    assert msg["In-Reply-To"] == "<reply@mail.gmail.com>"
    assert msg["Date"].datetime == NOW
    body = msg.get_content().replace("\r\n", "\n")  # type: ignore[attr-defined]
    assert body == "Guten Tag,\n.\n..Zeile mit Punkt 3\nGrüße\n"  # dot-stuffing undone by the server


@pytest.mark.parametrize(
    ("where", "answer", "outcome"),
    [
        ("rcpt_answer", "450 4.2.1 Mailbox busy, try later", Outcome.TEMPORARY),
        ("rcpt_answer", "550 5.1.1 No such buyer", Outcome.PERMANENT),
        ("data_answer", "451 4.3.0 Local error in processing", Outcome.TEMPORARY),
        ("data_answer", "554 5.7.1 Message rejected: sender not authorised", Outcome.PERMANENT),
    ],
)
def test_refusals_are_classified_with_the_servers_text(
    smtp_server: SmtpFixture, where: str, answer: str, outcome: Outcome
) -> None:
    setattr(smtp_server.handler, where, answer)
    results = deliver(smtp_server.server, [prepare(outgoing(1), now=NOW), prepare(outgoing(2), now=NOW)], timeout=5)
    code, _, text = answer.partition(" ")
    assert [(r.outcome, r.code) for r in results] == [(outcome, int(code))] * 2  # the batch goes on after a refusal
    assert all(r.detail == text for r in results)
    assert smtp_server.handler.received == []


def test_a_refused_message_does_not_stop_the_next(smtp_server: SmtpFixture) -> None:
    first, second = prepare(outgoing(1), now=NOW), prepare(outgoing(2), now=NOW)
    handler = smtp_server.handler
    original = handler.handle_RCPT

    async def refuse_buyer_1(server, session, envelope, address, options):  # type: ignore[no-untyped-def]
        if address.startswith("buyer1@"):
            return "550 5.1.1 No such buyer"
        return await original(server, session, envelope, address, options)

    handler.handle_RCPT = refuse_buyer_1  # type: ignore[method-assign]
    results = deliver(smtp_server.server, [first, second], timeout=5)
    assert [r.outcome for r in results] == [Outcome.PERMANENT, Outcome.SENT]
    assert [r.recipients for r in handler.received] == [["buyer2@marketplace.amazon.de"]]


def test_wrong_credentials_fail_every_message_without_showing_the_password(smtp_server: SmtpFixture) -> None:
    server = replace(smtp_server.server, password="wrong-" + SMTP_PASSWORD)
    results = deliver(server, [prepare(outgoing(1), now=NOW)], timeout=5)
    assert [(r.outcome, r.code) for r in results] == [(Outcome.PERMANENT, 535)]
    assert "Authentication credentials invalid" in results[0].detail
    assert SMTP_PASSWORD not in results[0].detail and "127.0.0.1" in results[0].detail
    assert smtp_server.handler.received == []


def test_connection_refused_is_temporary(closed_port: int) -> None:
    server = SmtpServer("127.0.0.1", closed_port, "shop", "hunter2secret")
    results = deliver(server, [prepare(outgoing(1), now=NOW), prepare(outgoing(2), now=NOW)], timeout=5)
    assert [(r.outcome, r.code) for r in results] == [(Outcome.TEMPORARY, None)] * 2
    assert "connection refused" in results[0].detail and "hunter2secret" not in results[0].detail


def test_a_server_that_never_answers_times_out_as_temporary(silent_server: SmtpServer) -> None:
    started = time.monotonic()
    results = deliver(silent_server, [prepare(outgoing(1), now=NOW)], timeout=1)
    assert time.monotonic() - started < 5
    assert [r.outcome for r in results] == [Outcome.TEMPORARY]
    assert "did not answer in time" in results[0].detail


def test_silence_after_the_content_is_unknown_not_temporary(smtp_server: SmtpFixture) -> None:
    """The server may have queued it: resending could give the buyer two copies, so the caller must not retry."""
    smtp_server.handler.data_delay = 3
    results = deliver(smtp_server.server, [prepare(outgoing(1), now=NOW), prepare(outgoing(2), now=NOW)], timeout=1)
    assert [r.outcome for r in results] == [Outcome.UNKNOWN, Outcome.TEMPORARY]
    assert "may have been delivered" in results[0].detail
    assert "not attempted" in results[1].detail


def test_nothing_to_send_opens_no_connection(closed_port: int) -> None:
    assert deliver(SmtpServer("127.0.0.1", closed_port), [], timeout=1) == []


def test_retry_schedule_backs_off_to_an_hour() -> None:
    delays = [retry_delay(n) for n in range(1, 10)]
    assert delays[:4] == [timedelta(minutes=m) for m in (1, 2, 4, 8)]
    assert delays == sorted(delays) and delays[-1] == timedelta(hours=1)
    with pytest.raises(ValueError):
        retry_delay(0)


def test_starttls_is_used_when_the_server_offers_it(certificate: Certificate) -> None:
    with running_smtp(certificate.server) as smtp:
        results = deliver(smtp.server, [prepare(outgoing(1), now=NOW)], timeout=5, ssl_context=certificate.client)
        assert [r.outcome for r in results] == [Outcome.SENT]
        assert [r.tls for r in smtp.handler.received] == [True]


def test_plain_smtp_when_starttls_is_not_offered(smtp_server: SmtpFixture) -> None:
    deliver(smtp_server.server, [prepare(outgoing(1), now=NOW)], timeout=5)
    assert [r.tls for r in smtp_server.handler.received] == [False]


def test_implicit_tls(certificate: Certificate) -> None:
    with running_smtp(certificate.server, implicit_tls=True) as smtp:
        assert smtp.server.url.startswith("smtps://")
        results = deliver(smtp.server, [prepare(outgoing(1), now=NOW)], timeout=5, ssl_context=certificate.client)
        assert [r.outcome for r in results] == [Outcome.SENT]
        assert [r.tls for r in smtp.handler.received] == [True]


def test_an_untrusted_certificate_is_permanent(certificate: Certificate) -> None:
    with running_smtp(certificate.server) as smtp:
        results = deliver(smtp.server, [prepare(outgoing(1), now=NOW)], timeout=5)  # the system's trust store
        assert [r.outcome for r in results] == [Outcome.PERMANENT]
        assert "certificate is not trusted" in results[0].detail and smtp.handler.received == []
