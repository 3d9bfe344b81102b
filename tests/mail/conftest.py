"""Fixtures with real mail servers on loopback ports (see mailservers.py). Without the `dovecot` binary the IMAP
tests are skipped with the reason; CI installs it (`apt-get install -y dovecot-imapd`) and sets
FBDESK_TEST_REQUIRE_SERVERS=1, which turns that skip into a failure."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator

import pytest
from mailservers import (
    Certificate,
    Dovecot,
    SmtpFixture,
    dovecot_binary,
    free_port,
    running_dovecot,
    running_smtp,
    self_signed_certificate,
)

from fbdesk.mail import SmtpServer


@pytest.fixture
def smtp_server() -> Iterator[SmtpFixture]:
    with running_smtp() as fixture:
        yield fixture


@pytest.fixture
def silent_server() -> Iterator[SmtpServer]:
    """A port that accepts connections and never says a word."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        yield SmtpServer("127.0.0.1", int(listener.getsockname()[1]))


@pytest.fixture
def closed_port() -> int:
    return free_port()


def _dovecot_binary() -> str:
    binary = dovecot_binary()
    if binary is None:
        reason = "Dovecot is not installed (apt-get install -y dovecot-imapd): IMAP tests need a real server"
        if os.environ.get("FBDESK_TEST_REQUIRE_SERVERS"):  # CI sets it: there the IMAP tests must run
            pytest.fail(reason)
        pytest.skip(reason)
    return binary


@pytest.fixture(scope="session")
def dovecot() -> Iterator[Dovecot]:
    with running_dovecot(_dovecot_binary()) as server:
        yield server


@pytest.fixture(scope="session")
def dovecot_tls(certificate: Certificate) -> Iterator[Dovecot]:
    """A Dovecot that speaks TLS: STARTTLS on its plain port, implicit TLS on `tls_port`."""
    with running_dovecot(_dovecot_binary(), certificate) as server:
        yield server


@pytest.fixture(scope="session")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> Certificate:
    made = self_signed_certificate(tmp_path_factory.mktemp("tls"))
    if made is None:
        pytest.skip("the openssl command is not installed: TLS tests need it to make a certificate")
    return made
