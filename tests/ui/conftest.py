"""Fixtures for the UI tests: a copy of the seeded demo desk on a fixed clock (tests/conftest.py builds it once), an
empty desk and a desk full of hostile text (comments, order ids, rater emails, marketplaces, agent names)."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from fbdesk.desk import MailSettings, open_desk

from ui_support import SELLER, clock, make_fields_hostile, write_hostile_report

sys.path.insert(0, str(Path(__file__).parents[1] / "mail"))  # the real mail servers the mail tests use
from mailservers import SmtpFixture, running_smtp


@pytest.fixture(scope="session", autouse=True)
def policy_rules_built() -> None:
    """A running helpdesk builds every language's rules in a thread after its first paint; a composer opened before
    they are built checks in a thread. The tests open composers at once: build the rules first, as a helpdesk that
    has been running has them."""
    from fbdesk.domain.policy.engine import warm_up

    warm_up()


@pytest.fixture
def demo_desk(demo_db, tmp_path):
    copy = tmp_path / "desk.db"
    shutil.copyfile(demo_db, copy)
    desk = open_desk(f"sqlite:///{copy}", agent="alex", clock=clock)
    yield desk
    desk.close()


@pytest.fixture
def smtp_server() -> Iterator[SmtpFixture]:
    """aiosmtpd on a loopback port, with AUTH, recording what it receives."""
    with running_smtp() as fixture:
        yield fixture


@pytest.fixture
def mail_desk(demo_db, tmp_path, smtp_server):
    """The demo desk with a real mail server set up (no IMAP: replies arrive through `receive_mail`)."""
    copy = tmp_path / "desk.db"
    shutil.copyfile(demo_db, copy)
    desk = open_desk(
        f"sqlite:///{copy}",
        agent="alex",
        clock=clock,
        mail=MailSettings(sender=SELLER, smtp=smtp_server.server, timeout=1),
    )
    yield desk
    desk.close()


@pytest.fixture
def empty_desk(tmp_path):
    desk = open_desk(f"sqlite:///{tmp_path / 'empty.db'}", agent="alex", clock=clock)
    yield desk
    desk.close()


@pytest.fixture
def hostile_desk(tmp_path):
    desk = open_desk(f"sqlite:///{tmp_path / 'hostile.db'}", agent="alex", clock=clock)
    desk.import_reports([write_hostile_report(tmp_path / "hostile.tsv")], marketplace="US", channel="fba")
    make_fields_hostile(desk)
    yield desk
    desk.close()
