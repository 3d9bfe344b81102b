"""Where mail goes out and comes in: the SMTP and IMAP servers, read from URLs.

`smtp://user:password@host:587` (STARTTLS when the server offers it), `smtps://user:password@host:465` (TLS from the
first byte), `imap://user:password@host:143/INBOX`, `imaps://user:password@host:993/INBOX`. User and password are
percent-decoded (`%40` for `@`, `%3A` for `:`). The password is never shown: not in `repr`, `str` or error messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from fbdesk.errors import SettingsError

_SMTP_PORTS = {"smtp": 587, "smtps": 465}
_IMAP_PORTS = {"imap": 143, "imaps": 993}


@dataclass(frozen=True)
class SmtpServer:
    host: str
    port: int
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    implicit_tls: bool = False  # smtps://; otherwise STARTTLS is used when the server offers it

    @property
    def url(self) -> str:
        """The URL without the password, for logs and the UI."""
        return _display_url("smtps" if self.implicit_tls else "smtp", self.username, self.host, self.port, "")

    def __str__(self) -> str:
        return self.url

    def redact(self, text: str) -> str:
        return _redact(text, self.password)


@dataclass(frozen=True)
class ImapServer:
    host: str
    port: int
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    implicit_tls: bool = False  # imaps://; otherwise STARTTLS is used when the server offers it
    mailbox: str = "INBOX"

    @property
    def url(self) -> str:
        """The URL without the password, for logs and the UI."""
        return _display_url(
            "imaps" if self.implicit_tls else "imap", self.username, self.host, self.port, "/" + self.mailbox
        )

    def __str__(self) -> str:
        return self.url

    def redact(self, text: str) -> str:
        return _redact(text, self.password)


def parse_smtp_url(url: str) -> SmtpServer:
    """An SmtpServer from `smtp://user:password@host:587` or `smtps://...`; SettingsError when it cannot be used."""
    scheme, user, password, host, port, path = _split(url, _SMTP_PORTS, "FBDESK_SMTP_URL")
    if path not in ("", "/"):
        raise SettingsError(
            f"SMTP URL {_shown(url, password)}: a path ({path}) means nothing for SMTP; "
            "write smtp://user:password@host:587"
        )
    return SmtpServer(host, port, user, password, implicit_tls=scheme == "smtps")


def parse_imap_url(url: str) -> ImapServer:
    """An ImapServer from `imap://user:password@host:143/INBOX` or `imaps://...`; the mailbox defaults to INBOX."""
    scheme, user, password, host, port, path = _split(url, _IMAP_PORTS, "FBDESK_IMAP_URL")
    mailbox = unquote(path.lstrip("/")) or "INBOX"
    return ImapServer(host, port, user, password, implicit_tls=scheme == "imaps", mailbox=mailbox)


def _split(url: str, ports: dict[str, int], name: str) -> tuple[str, str | None, str | None, str, int, str]:
    example = f"{min(ports)}://user:password@host:{ports[min(ports)]}"
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise SettingsError(f"{name}: {_shown(url, None)} is not a usable URL ({exc}); write {example}") from None
    password = unquote(parts.password) if parts.password is not None else None
    shown = _shown(url, password)
    scheme = parts.scheme.lower()
    if scheme not in ports:
        known = " or ".join(f"{s}://" for s in ports)
        raise SettingsError(f"{name}: {shown} must start with {known}; write {example}")
    if not parts.hostname:
        raise SettingsError(f"{name}: {shown} names no host; write {example}")
    if parts.query or parts.fragment:
        raise SettingsError(f"{name}: {shown} has a query or fragment fbdesk does not understand; write {example}")
    user = unquote(parts.username) if parts.username else None
    if password and not user:
        raise SettingsError(f"{name}: {shown} has a password but no user name; write {example}")
    return scheme, user, password, parts.hostname, port or ports[scheme], parts.path


def _display_url(scheme: str, user: str | None, host: str, port: int, path: str) -> str:
    at = f"{user}@" if user else ""
    host = f"[{host}]" if ":" in host else host
    return f"{scheme}://{at}{host}:{port}{path}"


def _shown(url: str, password: str | None) -> str:
    """The URL as written, with whatever sits between `user:` and `@` masked."""
    try:
        parts = urlsplit(url.strip())
        if parts.password is not None:
            netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
            url = parts._replace(netloc=netloc).geturl()
    except ValueError:
        head, sep, tail = url.rpartition("@")
        if sep and ":" in head.partition("//")[2]:
            url = head.rsplit(":", 1)[0] + ":***@" + tail
    return _redact(url, password)


def _redact(text: str, password: str | None) -> str:
    if password:
        text = text.replace(password, "***")
    return text
