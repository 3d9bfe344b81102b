"""Fetching new mail from the seller's IMAP mailbox: everything since the last UID fbdesk has seen.

IMAPClient rather than the standard imaplib: imaplib hands back raw response lines that each caller must parse
(literals, UID lists, the SELECT response codes where UIDVALIDITY hides), while IMAPClient parses them into Python
values, works with UIDs throughout, raises typed errors and takes a timeout and STARTTLS directly. It is a
maintained, pure-Python library with no dependencies of its own.

The mailbox is selected read-only and messages are fetched with BODY.PEEK[]: fbdesk leaves the mail, its flags and
its unread state exactly as they were, so a person can still read it in a mail client.

UIDs are only meaningful under one UIDVALIDITY. When it changes (the mailbox was recreated or rebuilt), every message
in it is read again and the caller's known Message-IDs keep what it already has from coming back twice.
"""

from __future__ import annotations

import socket
import ssl
from collections.abc import Callable, Collection
from dataclasses import dataclass

from imapclient import IMAPClient  # type: ignore[import-untyped]
from imapclient.exceptions import IMAPClientError, LoginError  # type: ignore[import-untyped]

from fbdesk.errors import FbdeskError
from fbdesk.mail.notices import AmazonNotice, recognise_notice
from fbdesk.mail.replies import ParsedMail, parse_mail
from fbdesk.mail.servers import ImapServer

DEFAULT_TIMEOUT = 30.0
BATCH = 200  # messages per FETCH command


class MailboxError(FbdeskError):
    """The mailbox could not be read: unreachable server, refused login, no such mailbox. The text never
    contains the password."""

    def __init__(self, message: str, *, temporary: bool):
        super().__init__(message)
        self.temporary = temporary  # worth trying again later (network) or not until settings change (login, name)


@dataclass(frozen=True)
class MailboxState:
    """Where the last fetch stopped: store it and pass it to the next one."""

    uidvalidity: int
    last_uid: int


@dataclass(frozen=True)
class FetchedMail:
    uid: int
    raw_size: int
    mail: ParsedMail
    notice: AmazonNotice | None  # set when the mail is one of Amazon's delivery notifications


@dataclass(frozen=True)
class FetchResult:
    state: MailboxState
    uidvalidity_changed: bool  # the previous state's UIDs no longer apply; the whole mailbox was read again
    mails: list[FetchedMail]  # new mail, oldest UID first, without the known Message-IDs
    skipped_known: int  # mails left out because their Message-ID was among the known ones


def fetch_new(
    server: ImapServer,
    since: MailboxState | None,
    known_message_ids: Collection[str] = (),
    *,
    timeout: float = DEFAULT_TIMEOUT,
    ssl_context: ssl.SSLContext | None = None,
    on_mail: Callable[[FetchedMail], None] | None = None,
) -> FetchResult:
    """The mail that arrived after `since` (all of it when `since` is None or its UIDVALIDITY is stale)."""
    try:
        client = _connect(server, timeout, ssl_context)
    except LoginError as exc:
        raise MailboxError(f"{server}: login refused ({server.redact(_text(exc))})", temporary=False) from None
    except (OSError, IMAPClientError) as exc:
        raise MailboxError(f"{server}: {server.redact(_describe(exc))}", temporary=True) from None
    try:
        return _fetch(client, server, since, set(known_message_ids), on_mail)
    except (OSError, IMAPClientError) as exc:
        raise MailboxError(f"{server}: {server.redact(_describe(exc))}", temporary=True) from None
    finally:
        try:
            client.logout()
        except (OSError, IMAPClientError):
            client.shutdown()


def _connect(server: ImapServer, timeout: float, context: ssl.SSLContext | None) -> IMAPClient:
    context = context or ssl.create_default_context()
    client = IMAPClient(server.host, server.port, ssl=server.implicit_tls, ssl_context=context, timeout=timeout)
    try:
        if not server.implicit_tls and b"STARTTLS" in client.capabilities():
            client.starttls(context)
        if server.username:
            client.login(server.username, server.password or "")
    except BaseException:
        client.shutdown()
        raise
    return client


def _fetch(
    client: IMAPClient,
    server: ImapServer,
    since: MailboxState | None,
    known: set[str],
    on_mail: Callable[[FetchedMail], None] | None,
) -> FetchResult:
    try:
        status = client.select_folder(server.mailbox, readonly=True)
    except IMAPClientError as exc:
        raise MailboxError(
            f"{server}: the mailbox {server.mailbox!r} cannot be opened ({_text(exc)})", temporary=False
        ) from None
    uidvalidity = int(status[b"UIDVALIDITY"])
    changed = since is not None and since.uidvalidity != uidvalidity
    after = since.last_uid if since is not None and not changed else 0
    # "n:*" always matches the highest UID even when it is below n, hence the filter.
    uids = sorted(uid for uid in client.search(["UID", f"{after + 1}:*"]) if uid > after)
    mails: list[FetchedMail] = []
    skipped = 0
    last_uid = after
    for start in range(0, len(uids), BATCH):
        batch = uids[start : start + BATCH]
        response = client.fetch(batch, ["BODY.PEEK[]"])
        for uid in batch:
            raw = response.get(uid, {}).get(b"BODY[]")
            last_uid = max(last_uid, uid)
            if not isinstance(raw, bytes):  # expunged between SEARCH and FETCH
                continue
            mail = parse_mail(raw)
            if mail.message_id is not None and mail.message_id in known:
                skipped += 1
                continue
            if mail.message_id is not None:
                known.add(mail.message_id)
            fetched = FetchedMail(uid, len(raw), mail, recognise_notice(mail))
            mails.append(fetched)
            if on_mail is not None:
                on_mail(fetched)
    return FetchResult(MailboxState(uidvalidity, last_uid), changed, mails, skipped)


def _text(exc: BaseException) -> str:
    text = str(exc.args[0] if exc.args else exc)
    if text.startswith(("b'", 'b"')):
        text = text[2:-1]
    return " ".join(text.split())


def _describe(exc: BaseException) -> str:
    if isinstance(exc, TimeoutError | socket.timeout):
        return "the server did not answer in time"
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, ssl.SSLError):
        return f"TLS failed: {exc.reason or exc}"
    return _text(exc) or type(exc).__name__
