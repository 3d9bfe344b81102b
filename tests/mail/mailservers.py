"""Real mail servers on loopback ports, for the tests and bench/mail_bench.py: aiosmtpd for SMTP, a throwaway
Dovecot for IMAP.

Dovecot comes from Debian's `dovecot-imapd` (`apt-get install -y dovecot-imapd`). The instance has its own config,
base_dir, state_dir, log and Maildir in a temp folder and listens on 127.0.0.1 only; as root, Dovecot refuses mail
owned by uid 0, so the mail belongs to `nobody` and every folder above it is traversable.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import pwd
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword, Session
from imapclient import IMAPClient

from fbdesk.mail import ImapServer, SmtpServer

SAMPLES = Path(__file__).parent / "samples"
SMTP_USER, SMTP_PASSWORD = "shop", "s3cret:p@ss"
IMAP_USER, IMAP_PASSWORD = "seller", "imap-pa55"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Received:
    sender: str
    recipients: list[str]
    data: bytes
    tls: bool  # the session was encrypted (STARTTLS or implicit TLS)


@dataclass
class RecordingHandler:
    """Keeps what it receives; `rcpt_answer`/`data_answer` make it refuse ("450 ...", "550 ..."), `data_delay`
    makes it keep silent after the message content for that many seconds, and `held` until the test sets it back
    to False (30 s at most)."""

    received: list[Received] = field(default_factory=list)
    rcpt_answer: str | None = None
    data_answer: str | None = None
    data_delay: float = 0.0
    held: bool = False

    async def handle_RCPT(
        self, server: object, session: Session, envelope: Envelope, address: str, rcpt_options: list[str]
    ) -> str:
        if self.rcpt_answer:
            return self.rcpt_answer
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: object, session: Session, envelope: Envelope) -> str:
        if self.data_delay:
            await asyncio.sleep(self.data_delay)
        for _ in range(3000):
            if not self.held:
                break
            await asyncio.sleep(0.01)
        if self.data_answer:
            return self.data_answer
        assert isinstance(envelope.content, bytes)
        transport = getattr(server, "transport", None)  # smtps: TLS from the start, not recorded in session.ssl
        encrypted = session.ssl is not None or (transport is not None and transport.get_extra_info("ssl_object"))
        self.received.append(
            Received(str(envelope.mail_from), list(envelope.rcpt_tos), envelope.content, bool(encrypted))
        )
        return "250 Message accepted for delivery"


def _authenticate(
    server: object, session: Session, envelope: Envelope, mechanism: str, auth_data: object
) -> AuthResult:
    ok = (
        isinstance(auth_data, LoginPassword)
        and auth_data.login == SMTP_USER.encode()
        and auth_data.password == SMTP_PASSWORD.encode()
    )
    return AuthResult(success=ok, handled=False)


@dataclass
class SmtpFixture:
    handler: RecordingHandler
    server: SmtpServer  # with the right credentials


@contextlib.contextmanager
def running_smtp(tls: ssl.SSLContext | None = None, *, implicit_tls: bool = False) -> Iterator[SmtpFixture]:
    """aiosmtpd on a free loopback port, AUTH required (allowed without TLS: loopback only). With a `tls` context
    it offers STARTTLS, or with `implicit_tls` speaks TLS from the first byte (smtps)."""
    handler = RecordingHandler()
    port = free_port()
    options: dict[str, object] = {"ssl_context": tls} if implicit_tls else {"tls_context": tls}
    controller = Controller(
        handler,
        hostname="127.0.0.1",
        port=port,
        authenticator=_authenticate,
        auth_require_tls=False,
        auth_required=True,
        **options,
    )
    controller.start()
    try:
        yield SmtpFixture(handler, SmtpServer("127.0.0.1", port, SMTP_USER, SMTP_PASSWORD, implicit_tls=implicit_tls))
    finally:
        controller.stop()


@dataclass
class Certificate:
    server: ssl.SSLContext  # for the test server
    client: ssl.SSLContext  # trusts only this certificate
    cert_file: Path
    key_file: Path


def self_signed_certificate(folder: Path) -> Certificate | None:
    """A certificate for 127.0.0.1 made with the openssl command, or None when it is not installed."""
    openssl = shutil.which("openssl")
    if openssl is None:
        return None
    key, cert = folder / "key.pem", folder / "cert.pem"
    subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server.load_cert_chain(cert, key)
    return Certificate(server, ssl.create_default_context(cafile=str(cert)), cert, key)


# --- Dovecot -----------------------------------------------------------------------------------------------------

DOVECOT_CONF = """\
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
info_log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
{ssl}
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
default_internal_user = {internal_user}
default_login_user = {login_user}
mail_location = maildir:{root}/mail/%u/Maildir
mail_uid = {uid}
mail_gid = {gid}
first_valid_uid = {uid}
last_valid_uid = {uid}
first_valid_gid = 0
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/mail/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls_port}
  }}
}}
service anvil {{
  chroot =
}}
service stats {{
  unix_listener stats-reader {{
    mode = 0666
  }}
  unix_listener stats-writer {{
    mode = 0666
  }}
}}
"""


@dataclass
class Dovecot:
    server: ImapServer  # the INBOX of the test user
    root: Path
    tls_port: int | None = None  # imaps, when started with a certificate (the plain port then offers STARTTLS)

    def mailbox(self, name: str) -> ImapServer:
        return ImapServer(self.server.host, self.server.port, self.server.username, self.server.password, mailbox=name)

    def client(self) -> IMAPClient:
        client = IMAPClient(self.server.host, self.server.port, ssl=False, timeout=10)
        client.login(IMAP_USER, IMAP_PASSWORD)
        return client

    def new_mailbox(self) -> ImapServer:
        name = f"t{uuid.uuid4().hex[:10]}"
        with self.client() as client:
            client.create_folder(name)
        return self.mailbox(name)

    def append(self, mailbox: str, *messages: bytes) -> None:
        with self.client() as client:
            for message in messages:
                client.append(mailbox, message)


def dovecot_binary() -> str | None:
    return shutil.which("dovecot") or next((p for p in ("/usr/sbin/dovecot",) if os.path.exists(p)), None)


@contextlib.contextmanager
def running_dovecot(binary: str, certificate: Certificate | None = None) -> Iterator[Dovecot]:
    """A throwaway Dovecot on loopback; with a `certificate` it also speaks TLS (STARTTLS and imaps)."""
    root = Path(tempfile.mkdtemp(prefix="fbdesk-dovecot-"))
    root.chmod(0o755)
    if os.geteuid() == 0:  # Dovecot will not deliver mail as root
        owner = pwd.getpwnam("nobody")
        internal, login = "dovecot", "dovenull"
    else:
        owner = pwd.getpwuid(os.geteuid())
        internal = login = owner.pw_name
    (root / "mail").mkdir(mode=0o755)
    os.chown(root / "mail", owner.pw_uid, owner.pw_gid)
    (root / "passwd").write_text(f"{IMAP_USER}:{{PLAIN}}{IMAP_PASSWORD}\n")
    port = free_port()
    tls_port = free_port() if certificate else None
    tls = "ssl = no"
    if certificate:
        tls = f"ssl = yes\nssl_cert = <{certificate.cert_file}\nssl_key = <{certificate.key_file}"
    conf = root / "dovecot.conf"
    conf.write_text(
        DOVECOT_CONF.format(
            root=root,
            port=port,
            tls_port=tls_port or 0,
            ssl=tls,
            uid=owner.pw_uid,
            gid=owner.pw_gid,
            internal_user=internal,
            login_user=login,
        )
    )
    process = subprocess.Popen([binary, "-c", str(conf), "-F"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        _wait_for_port(port, process, root)
        yield Dovecot(ImapServer("127.0.0.1", port, IMAP_USER, IMAP_PASSWORD), root, tls_port)
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(root, ignore_errors=True)


def _wait_for_port(port: int, process: subprocess.Popen[bytes], root: Path) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            out = process.stdout.read().decode(errors="replace") if process.stdout else ""
            log = (root / "dovecot.log").read_text(errors="replace") if (root / "dovecot.log").exists() else ""
            raise RuntimeError(f"dovecot exited with {process.returncode}:\n{out}\n{log}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5) as s:
                if s.recv(64).startswith(b"* OK"):
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"dovecot did not listen on port {port} within 15 s")
