"""Handing prepared messages to the SMTP server: one connection for a batch, one result per message.

Delivery is at most once: nothing here retries. Each result says whether the server took the message (`sent`),
refused it for now (`temporary`: 4xx, refused or lost connection, timeout) or for good (`permanent`: 5xx), or whether
the connection broke after the message's content had been sent but before the server answered (`unknown`: the server
may have queued it, so resending could give the buyer two copies; the agent decides). The caller records the results
and decides when to try again, `retry_delay` giving the schedule.
"""

from __future__ import annotations

import contextlib
import smtplib
import socket
import ssl
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from fbdesk.mail.outgoing import PreparedMail
from fbdesk.mail.servers import SmtpServer

DEFAULT_TIMEOUT = 30.0


class Outcome(StrEnum):
    SENT = "sent"
    TEMPORARY = "temporary"
    PERMANENT = "permanent"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class DeliveryResult:
    message_id: str
    outcome: Outcome
    code: int | None  # the server's reply code, None when there was no reply
    detail: str  # the server's text or what went wrong; never the password


def retry_delay(attempt: int) -> timedelta:
    """How long to wait before retry number `attempt` (1 = the first retry) after a temporary failure:
    1, 2, 4, 8 ... minutes, at most 1 hour."""
    if attempt < 1:
        raise ValueError("attempts count from 1")
    return timedelta(minutes=min(2 ** min(attempt - 1, 6), 60))


def deliver(
    server: SmtpServer,
    mails: Sequence[PreparedMail],
    *,
    timeout: float = DEFAULT_TIMEOUT,
    ssl_context: ssl.SSLContext | None = None,
    on_result: Callable[[DeliveryResult], None] | None = None,
) -> list[DeliveryResult]:
    """Send each message over one connection, in order; never raises for a server problem."""
    results: list[DeliveryResult] = []

    def record(result: DeliveryResult) -> None:
        results.append(result)
        if on_result is not None:
            on_result(result)

    def fail_rest(outcome: Outcome, code: int | None, detail: str) -> list[DeliveryResult]:
        for mail in mails[len(results) :]:
            record(DeliveryResult(mail.message_id, outcome, code, server.redact(detail)))
        return results

    if not mails:
        return results
    try:
        smtp = _connect(server, timeout, ssl_context)
    except smtplib.SMTPResponseException as exc:
        return fail_rest(_by_code(exc.smtp_code), exc.smtp_code, f"{server}: {_text(exc.smtp_error)}")
    except smtplib.SMTPNotSupportedError as exc:
        return fail_rest(Outcome.PERMANENT, None, f"{server}: {exc}")
    except ssl.SSLCertVerificationError as exc:  # waiting will not fix it: the settings or the server must change
        return fail_rest(
            Outcome.PERMANENT, None, f"{server}: the server's certificate is not trusted ({exc.verify_message or exc})"
        )
    except (OSError, smtplib.SMTPException) as exc:
        return fail_rest(Outcome.TEMPORARY, None, f"{server}: {_describe(exc)}")
    try:
        for mail in mails:
            result = _send_one(smtp, mail)
            record(DeliveryResult(result.message_id, result.outcome, result.code, server.redact(result.detail)))
            if result.outcome is Outcome.UNKNOWN or result.code == 421 or smtp.sock is None:  # the connection is gone
                return fail_rest(Outcome.TEMPORARY, None, f"not attempted: the connection was lost ({result.detail})")
        return results
    finally:
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()


def _connect(server: SmtpServer, timeout: float, context: ssl.SSLContext | None) -> smtplib.SMTP:
    context = context or ssl.create_default_context()
    smtp: smtplib.SMTP
    if server.implicit_tls:
        smtp = smtplib.SMTP_SSL(server.host, server.port, timeout=timeout, context=context)
    else:
        smtp = smtplib.SMTP(server.host, server.port, timeout=timeout)
    try:
        smtp.ehlo()
        if not server.implicit_tls and smtp.has_extn("starttls"):
            smtp.starttls(context=context)
            smtp.ehlo()
        if server.username:
            smtp.login(server.username, server.password or "")
    except BaseException:
        smtp.close()
        raise
    return smtp


def _send_one(smtp: smtplib.SMTP, mail: PreparedMail) -> DeliveryResult:
    """MAIL, RCPT and DATA by hand, so that a failure before the content went out (safe to retry) is told apart
    from one after it (the server may have the message)."""
    content_sent = False
    try:
        code, reply = smtp.mail(mail.sender)
        if code != 250:
            return _refused(smtp, mail, code, reply)
        code, reply = smtp.rcpt(mail.recipient)
        if code not in (250, 251):
            return _refused(smtp, mail, code, reply)
        smtp.putcmd("data")
        code, reply = smtp.getreply()
        if code != 354:
            return _refused(smtp, mail, code, reply)
        content_sent = True
        smtp.send(_dot_stuffed(mail.data))
        code, reply = smtp.getreply()
    except (OSError, smtplib.SMTPException) as exc:
        if content_sent:
            return DeliveryResult(
                mail.message_id,
                Outcome.UNKNOWN,
                None,
                f"the connection broke after the message was sent, before the server confirmed it "
                f"({_describe(exc)}); it may have been delivered",
            )
        return DeliveryResult(mail.message_id, Outcome.TEMPORARY, None, _describe(exc))
    if code == 250:
        return DeliveryResult(mail.message_id, Outcome.SENT, code, _text(reply))
    return DeliveryResult(mail.message_id, _by_code(code), code, _text(reply))


def _dot_stuffed(data: bytes) -> bytes:
    lines = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    return b"".join((b"." + line if line.startswith(b".") else line) + b"\r\n" for line in lines) + b".\r\n"


def _refused(smtp: smtplib.SMTP, mail: PreparedMail, code: int, reply: bytes) -> DeliveryResult:
    if code != 421:  # 421: the server is closing the connection
        with contextlib.suppress(OSError, smtplib.SMTPException):
            smtp.rset()
    return DeliveryResult(mail.message_id, _by_code(code), code, _text(reply))


def _by_code(code: int) -> Outcome:
    return Outcome.PERMANENT if 500 <= code <= 599 else Outcome.TEMPORARY


def _text(reply: bytes | str) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply
    return " ".join(text.split())


def _describe(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{exc.smtp_code} {_text(exc.smtp_error)}"
    if isinstance(exc, TimeoutError | socket.timeout) or isinstance(exc.__context__, TimeoutError | socket.timeout):
        return "the server did not answer in time"  # smtplib reports a timeout as a disconnect caused by it
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return f"the server closed the connection ({exc})" if str(exc) else "the server closed the connection"
    if isinstance(exc, ssl.SSLError):
        return f"TLS failed: {exc.reason or exc}"
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
