"""Sending with the case in view (issue 12): two agents' Desks on one database. Agent A takes a mark of the case as
the composer opens; when something changes meanwhile (agent B's message, a buyer's reply, a feedback revised by an
import, a new status or assignee, a public response), A's send with the old mark is refused, saying what changed,
and nothing is stored; it goes through once A confirms, and the audit trail records what A re-read."""

from __future__ import annotations

import json
from datetime import timedelta
from email.message import EmailMessage

import pytest

from fbdesk.desk import RuleRefusal, StaleContext, audit_sentence, open_desk

from support import NOW, snapshot, write_report

ORDER = "111-0000001-0000001"
MESSAGE = "We are sorry the kettle arrived dented. A replacement ships today."
RESPONSE = "We are sorry about the dent and have sent a replacement."


@pytest.fixture
def case(desk, tmp_path) -> int:
    write_report(tmp_path / "r.tsv", [["11/18/26", "2", "Kettle arrived dented", "", ORDER, ""]])
    desk.import_reports([tmp_path / "r.tsv"], channel="seller")
    return desk.find_order(ORDER).id


@pytest.fixture
def other(db_url, clock):
    """Agent B, at another desk on the same database."""
    desk = open_desk(db_url, agent="priya", clock=clock)
    yield desk
    desk.close()


def refused_as_stale(desk, send, *args, **kwargs) -> StaleContext:
    before = snapshot(desk)
    with pytest.raises(StaleContext) as raised:
        send(*args, **kwargs)
    assert snapshot(desk) == before, "a refused send stores nothing"
    return raised.value


def buyer_reply(body: str) -> bytes:
    mail = EmailMessage()
    mail["From"], mail["To"] = "a1b2c3@marketplace.amazon.com", "support@shop.example"
    mail["Subject"], mail["Message-ID"] = f"Re: Your order {ORDER}", "<reply-1@example.com>"
    mail.set_content(body)
    return mail.as_bytes()


def last_audit(desk, fid: int, action: str) -> dict:
    return json.loads(next(e for e in reversed(desk.audit_trail(fid)) if e.action == action).details)


def test_another_agents_message_makes_a_send_stale_until_confirmed(desk, other, case, clock):
    mark = desk.case_context(case)
    clock.now = NOW + timedelta(minutes=2)
    other.send_message(case, "Hello, a replacement is on its way.")
    clock.now = NOW + timedelta(minutes=5)
    stale = refused_as_stale(desk, desk.send_message, case, MESSAGE, context=mark)
    sentences = [c.sentence for c in stale.changes]
    assert sentences == ["priya sent a message to the buyer at 12:02", "Status changed to Waiting on buyer"]
    assert stale.changes[0].text == "Hello, a replacement is on its way."  # to re-read
    assert "priya sent a message to the buyer at 12:02" in str(stale)
    # The review step asks before sending: the same answer.
    with pytest.raises(StaleContext) as asked:
        desk.check_context(mark)
    assert [c.sentence for c in asked.value.changes] == sentences

    desk.send_message(case, MESSAGE, context=mark, confirmed_stale=True)
    assert [m.agent for m in desk.get_case(case).messages] == ["priya", "alex"]
    assert last_audit(desk, case, "message-sent")["reread"] == sentences


def test_a_send_with_the_mark_after_rereading_goes_and_records_what_was_reread(desk, other, case, clock):
    mark = desk.case_context(case)
    other.assign(case, "sam")
    stale = refused_as_stale(desk, desk.send_message, case, MESSAGE, context=mark)
    assert [c.sentence for c in stale.changes] == ["Assigned to sam by priya"]
    # Something else changes while the agent re-reads: the new mark is stale too, and says only what is new.
    other.set_status(case, "in_progress")
    again = refused_as_stale(desk, desk.send_message, case, MESSAGE, context=stale.current)
    assert [c.sentence for c in again.changes] == ["Status changed to In progress by priya"]
    desk.send_message(case, MESSAGE, context=again.current)
    assert len(desk.get_case(case).messages) == 1
    assert last_audit(desk, case, "message-sent")["reread"] == [
        "Assigned to sam by priya",
        "Status changed to In progress by priya",
    ]
    event = next(e for e in desk.audit_trail(case) if e.action == "message-sent")
    assert audit_sentence(event.agent, event.action, event.details) == (
        "alex sent a message to the buyer, after re-reading what had changed since they began writing "
        "(Assigned to sam by priya; Status changed to In progress by priya)"
    )


def test_a_buyer_reply_makes_a_send_stale(desk, other, case, clock):
    mark = desk.case_context(case)
    clock.now = NOW + timedelta(minutes=5)
    other.receive_mail(buyer_reply("It came dented again, please call me."))
    stale = refused_as_stale(desk, desk.send_message, case, MESSAGE, context=mark)
    assert [(c.sentence, c.text.strip()) for c in stale.changes] == [
        ("The buyer replied at 12:05", "It came dented again, please call me."),
        ("Status changed to Buyer replied", ""),
    ]
    desk.send_message(case, MESSAGE, context=stale.current)
    assert len(desk.get_case(case).messages) == 1


def test_a_feedback_revised_by_an_import_makes_a_send_and_a_response_stale(desk, other, case, tmp_path, clock):
    message_mark, response_mark = desk.case_context(case), desk.case_context(case)
    write_report(tmp_path / "v2.tsv", [["11/19/26", "1", "Dented AND late", "", ORDER, ""]])
    assert other.import_reports([tmp_path / "v2.tsv"]).modified == 1
    stale = refused_as_stale(desk, desk.send_message, case, MESSAGE, context=message_mark)
    assert [(c.sentence, c.text) for c in stale.changes] == [
        ("The buyer changed the feedback: 2 stars → 1 star", "Dented AND late")
    ]
    stale = refused_as_stale(desk, desk.submit_response, case, RESPONSE, context=response_mark)
    assert [c.sentence for c in stale.changes] == ["The buyer changed the feedback: 2 stars → 1 star"]
    desk.submit_response(case, RESPONSE, context=response_mark, confirmed_stale=True)
    assert desk.get_feedback(case).response_state == "live"
    assert last_audit(desk, case, "response-submitted")["reread"] == [
        "The buyer changed the feedback: 2 stars → 1 star"
    ]


def test_another_agents_response_is_shown_before_the_one_response_rule_refuses(desk, other, case):
    mark = desk.case_context(case)
    other.submit_response(case, "Sorry for the trouble.")
    stale = refused_as_stale(desk, desk.submit_response, case, RESPONSE, context=mark)
    assert [(c.sentence, c.text) for c in stale.changes] == [
        ("priya posted a public response at 12:00", "Sorry for the trouble.")
    ]
    with pytest.raises(RuleRefusal, match="one response"):  # confirmed, the one-response rule still holds
        desk.submit_response(case, RESPONSE, context=stale.current)


def test_status_and_assignee_changes_name_who_made_them(desk, other, case):
    mark = desk.case_context(case)
    other.set_status(case, "waiting_on_buyer")
    other.assign(case, "priya")
    with pytest.raises(StaleContext) as raised:
        desk.check_context(mark)
    assert [c.sentence for c in raised.value.changes] == [
        "Status changed to Waiting on buyer by priya",
        "priya took the case",
    ]
    other.assign(case, None)
    with pytest.raises(StaleContext) as raised:
        desk.check_context(mark)
    assert [c.sentence for c in raised.value.changes][-1] == "Status changed to Waiting on buyer by priya"
    assert len(raised.value.changes) == 1  # unassigned again: as the agent read it


def test_an_unchanged_case_sends_as_before(desk, other, case):
    mark = desk.case_context(case)
    other.add_note(case, "Called the carrier.")  # a note to the team changes nothing the buyer is told
    desk.check_context(mark)
    desk.send_message(case, MESSAGE, context=mark)
    assert "reread" not in last_audit(desk, case, "message-sent")


def test_a_mark_of_another_case_is_refused(desk, case, tmp_path):
    write_report(tmp_path / "other.tsv", [["11/18/26", "1", "Broken", "", "111-0000002-0000002", ""]])
    desk.import_reports([tmp_path / "other.tsv"])
    other_case = desk.find_order("111-0000002-0000002").id
    before = snapshot(desk)
    with pytest.raises(RuleRefusal, match="another case"):
        desk.send_message(case, MESSAGE, context=desk.case_context(other_case))
    assert snapshot(desk) == before
