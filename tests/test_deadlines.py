"""First-response deadlines that tell the truth: met only when the first message to the buyer went out (delivered by
a real mail server) by the due time; missed when it went out late or the case was closed without one, and kept so
when the case closes, the feedback changes or a new deadline replaces it; nothing owed for positive feedback. And
the figures the dashboard shows: missed this week, median time to first contact."""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

import pytest

from fbdesk.desk import FeedbackQuery, MailSettings, open_desk

from support import NOW, write_report

sys.path.insert(0, str(Path(__file__).parent / "mail"))  # the real mail servers the mail tests use
from mailservers import SmtpFixture, running_smtp

SENDER = "support@shop.example"
ORDER, OTHER, POSITIVE = "111-0000001-0000001", "111-0000002-0000002", "111-0000003-0000003"
SORRY = "We are sorry the kettle arrived dented. A replacement ships today."


@pytest.fixture
def smtp():
    with running_smtp() as fixture:
        yield fixture


@pytest.fixture
def desk(db_url, clock, smtp: SmtpFixture, tmp_path):
    """A desk that delivers mail to a real SMTP server, with two negative feedback and a positive one imported at
    NOW (due NOW + 24 h)."""
    desk = open_desk(db_url, agent="alex", clock=clock, mail=MailSettings(sender=SENDER, smtp=smtp.server, timeout=5))
    write_report(
        tmp_path / "r.tsv",
        [
            ["11/18/26", "1", "Kettle arrived dented", "", ORDER, "a1b2c3@marketplace.amazon.com"],
            ["11/18/26", "2", "Seller ignored my three emails.", "", OTHER, "d4e5f6@marketplace.amazon.com"],
            ["11/18/26", "5", "Great seller", "", POSITIVE, "g7h8i9@marketplace.amazon.com"],
        ],
    )
    desk.import_reports([tmp_path / "r.tsv"])
    yield desk
    desk.close()


def deadline(desk, order: str) -> str:
    return desk.deadline(desk.find_order(order))


def case_id(desk, order: str) -> int:
    return desk.find_order(order).id


def test_a_message_meets_the_deadline_when_it_goes_out_not_when_it_is_queued(desk, clock):
    desk.send_message(case_id(desk, ORDER), SORRY)
    assert deadline(desk, ORDER) == "on-time"  # queued: the buyer has heard nothing yet
    clock.now = NOW + timedelta(hours=3)
    assert desk.sync().delivered == 1
    fb = desk.find_order(ORDER)
    assert fb.first_response_at == NOW + timedelta(hours=3)
    assert desk.deadline(fb) == "met"
    assert desk.count_feedback(FeedbackQuery(due="overdue")) == 0
    clock.now = NOW + timedelta(days=3)
    desk.set_status(fb.id, "closed")
    assert deadline(desk, ORDER) == "met"


def test_a_public_response_is_no_contact_with_the_buyer(desk, clock):
    desk.submit_response(case_id(desk, ORDER), "We are sorry about the delay and have refunded the shipping cost.")
    assert deadline(desk, ORDER) == "on-time"
    clock.now = NOW + timedelta(hours=25)
    assert deadline(desk, ORDER) == "overdue"
    assert desk.count_feedback(FeedbackQuery(due="overdue")) == 2
    assert desk.stats().overdue == 2


def test_a_message_the_mail_server_refuses_is_no_contact(desk, clock, smtp):
    smtp.handler.data_answer = "550 5.7.1 Mailbox unavailable"
    desk.send_message(case_id(desk, ORDER), SORRY)
    assert desk.sync().failed == 1
    clock.now = NOW + timedelta(hours=25)
    assert deadline(desk, ORDER) == "overdue"
    smtp.handler.data_answer = None
    assert desk.sync(retry_failed=True).delivered == 1
    assert deadline(desk, ORDER) == "missed"  # it went out an hour late


def test_a_late_contact_stays_missed_when_the_case_closes_and_the_feedback_changes(desk, clock, tmp_path):
    fid = case_id(desk, ORDER)
    clock.now = NOW + timedelta(hours=30)
    desk.send_message(fid, SORRY)
    desk.sync()
    assert deadline(desk, ORDER) == "missed"
    desk.set_status(fid, "resolved")
    assert deadline(desk, ORDER) == "missed"
    write_report(tmp_path / "changed.tsv", [["11/18/26", "4", "Replacement came fast", "", ORDER, ""]])
    desk.import_reports([tmp_path / "changed.tsv"])
    assert deadline(desk, ORDER) == "missed"


def test_closing_a_case_without_contact_misses_the_deadline(desk, clock, tmp_path):
    desk.set_status(case_id(desk, ORDER), "closed")
    assert deadline(desk, ORDER) == "missed"
    # The buyer removes the feedback (seen by a complete report without it): resolved by rule, still missed.
    write_report(tmp_path / "without.tsv", [["11/18/26", "5", "Great seller", "", POSITIVE, ""]])
    clock.now = NOW + timedelta(hours=30)
    desk.import_reports([tmp_path / "without.tsv"], complete=True)
    other = desk.find_order(OTHER)
    assert (other.case_status, desk.deadline(other)) == ("resolved", "missed")


def test_positive_feedback_owes_nothing(desk, clock):
    clock.now = NOW + timedelta(days=5)
    assert deadline(desk, POSITIVE) == "none"
    assert desk.count_feedback(FeedbackQuery(due="overdue", statuses=())) == 2  # the two negative ones only


def test_a_missed_deadline_is_kept_when_a_new_one_replaces_it(desk, clock, tmp_path):
    fid = case_id(desk, ORDER)
    desk.set_status(fid, "closed")  # never contacted: missed
    clock.now = NOW + timedelta(days=2)
    write_report(tmp_path / "worse.tsv", [["11/18/26", "1", "Still dented, and nobody wrote", "", ORDER, ""]])
    desk.import_reports([tmp_path / "worse.tsv"])
    fb = desk.find_order(ORDER)
    assert fb.case_status == "new"  # the buyer reopened it: a new deadline
    assert (fb.first_response_due, fb.first_response_missed_earlier) == (
        clock.now + timedelta(hours=24),
        NOW + timedelta(hours=24),
    )
    assert desk.deadline(fb) == "on-time"
    assert desk.deadline_figures(NOW).missed == 2  # its earlier deadline, and the other case's (overdue)


def test_a_buyer_reply_after_a_contact_starts_a_new_deadline(desk, clock):
    from email.message import EmailMessage

    fid = case_id(desk, ORDER)
    desk.send_message(fid, SORRY)
    desk.sync()
    clock.now = NOW + timedelta(days=1)
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = "a1b2c3@marketplace.amazon.com", SENDER, f"Re: Your order {ORDER}"
    mail["Message-ID"] = "<reply-1@example.com>"
    mail.set_content("It came dented again.")
    desk.receive_mail(mail.as_bytes())
    fb = desk.find_order(ORDER)
    assert (fb.case_status, fb.first_response_due, fb.first_response_at) == (
        "buyer_replied",
        clock.now + timedelta(hours=24),
        None,
    )
    assert desk.deadline(fb) == "on-time" and fb.first_response_missed_earlier is None  # the first one was met


def test_the_figures_count_missed_deadlines_this_week_and_the_median_time_to_first_contact(desk, clock, tmp_path):
    # NOW is Friday 20 Nov 2026, 12:00; the week began Monday 16 Nov.
    figures = desk.deadline_figures()
    assert (figures.since.isoformat(), figures.missed, figures.contacted) == ("2026-11-16T00:00:00+00:00", 0, 0)
    assert figures.median_to_first_contact is None
    desk.send_message(case_id(desk, ORDER), SORRY)
    clock.now = NOW + timedelta(hours=2)
    desk.sync()
    desk.send_message(case_id(desk, OTHER), SORRY)
    clock.now = NOW + timedelta(hours=30)  # Saturday: the second went out 6 hours late
    desk.sync()
    figures = desk.deadline_figures()
    assert (figures.missed, figures.contacted) == (1, 2)
    assert figures.median_to_first_contact == timedelta(hours=16)  # 2 h and 30 h
    assert desk.stats().deadlines == figures
    clock.now = NOW + timedelta(days=3)  # the next Monday: a new week
    assert (desk.deadline_figures().missed, desk.deadline_figures().contacted) == (0, 0)


DUE = NOW + timedelta(hours=24)


@pytest.mark.parametrize(
    ("owed_since", "contacted", "status", "now", "state"),
    [
        (NOW, DUE, "waiting_on_buyer", DUE + timedelta(days=9), "met"),  # at the due time is in time
        (NOW, DUE + timedelta(minutes=1), "closed", DUE, "missed"),
        (NOW, None, "resolved", NOW, "missed"),  # resolved without contact, before the due time too
        (NOW, None, "in_progress", DUE - timedelta(hours=4), "due-soon"),
        (NOW, None, "in_progress", DUE - timedelta(hours=5), "on-time"),
        (NOW, None, "buyer_replied", DUE, "overdue"),
        (None, None, "closed", DUE, "none"),
        (None, None, "in_progress", DUE, "none"),  # positive feedback reopened by the agent owes nothing either
    ],
)
def test_the_deadline_rule(owed_since, contacted, status, now, state):
    from fbdesk.domain.lifecycle import deadline_state

    assert deadline_state(owed_since, DUE, contacted, status, now) == state
