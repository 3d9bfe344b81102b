"""POLICY.md's rules for the public response and for contacting the buyer, each stated in its own words,
and the rest of a case's life: status, assignee, removal requests, notes, drafts, audit trail, deadlines.
Every refusal must leave the store exactly as it was."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from fbdesk.desk import (
    AcknowledgementNeeded,
    BadInput,
    FbdeskError,
    MessageBlocked,
    NotFound,
    RuleRefusal,
    open_desk,
)
from fbdesk.domain.policy import APPROVED_REMOVAL_NOTICE

from support import NOW, snapshot, write_report

SEED_VIOLATION = (
    "Would you be willing to remove your feedback if we provide you with a voucher for 25% off your next purchase?"
)
SERVICE_MESSAGE = "We are sorry the kettle arrived dented. A replacement ships today."
RESPONSE = "We are sorry about the delay and have refunded the shipping cost."


@pytest.fixture
def case(desk, tmp_path):
    write_report(
        tmp_path / "r.tsv",
        [
            ["11/18/26", "1", "Kettle arrived dented", "", "111-0000001-0000001", ""],
            ["11/18/26", "2", "Seller ignored my three emails.", "", "111-0000002-0000002", ""],
        ],
    )
    desk.import_reports([tmp_path / "r.tsv"], channel="seller")
    return desk.find_order("111-0000001-0000001").id


def refused(desk, action, *args, match: str, error=RuleRefusal, **kwargs):
    """Run an action that must be refused with `match` in its reason and change nothing."""
    before = snapshot(desk)
    with pytest.raises(error, match=match) as raised:
        action(*args, **kwargs)
    assert snapshot(desk) == before
    return raised.value


def modify_feedback(desk, tmp_path, comment: str = "Replacement arrived, all good now") -> None:
    write_report(tmp_path / "changed.tsv", [["11/18/26", "3", comment, "", "111-0000001-0000001", ""]])
    desk.import_reports([tmp_path / "changed.tsv"])


# --- The seller's public response -------------------------------------------------------------------------


def test_one_response_per_feedback(desk, case):
    desk.submit_response(case, RESPONSE)
    refused(desk, desk.submit_response, case, "A second answer.", match="Amazon allows one response per feedback")


def test_once_submitted_it_cannot_be_edited_only_deleted(desk, case):
    desk.submit_response(case, RESPONSE)
    refused(desk, desk.edit_response, case, "Better wording", match="cannot be edited")
    deleted = desk.delete_response(case)
    assert deleted.state == "deleted"
    assert desk.get_case(case).responses[0].body == RESPONSE  # the text itself never changed


def test_if_you_delete_your_response_you_cannot_submit_a_second_response(desk, case):
    desk.submit_response(case, RESPONSE)
    desk.delete_response(case)
    refused(
        desk,
        desk.submit_response,
        case,
        "Trying again.",
        match="You deleted your response on 20 Nov 2026; Amazon allows no second response unless the buyer "
        "changes the feedback",
    )
    assert desk.get_feedback(case).response_state == "deleted"


def test_if_a_buyer_modifies_their_feedback_your_response_is_removed_and_you_can_submit_a_new_one(desk, case, tmp_path):
    desk.submit_response(case, RESPONSE)
    modify_feedback(desk, tmp_path)
    assert desk.get_case(case).responses[0].state == "removed"
    assert desk.get_feedback(case).response_state == "removed"
    desk.submit_response(case, "Thank you for updating your feedback.")
    assert desk.get_feedback(case).response_state == "live"


def test_a_buyer_modification_also_lifts_the_lock_of_a_deleted_response(desk, case, tmp_path):
    desk.submit_response(case, RESPONSE)
    desk.delete_response(case)
    modify_feedback(desk, tmp_path)
    response = desk.submit_response(case, "Thank you for your updated feedback.")
    assert response.for_revision == 2


def test_if_a_buyer_removes_their_feedback_the_response_is_removed_too(desk, case, tmp_path):
    desk.submit_response(case, RESPONSE)
    write_report(
        tmp_path / "without.tsv", [["11/18/26", "2", "Seller ignored my three emails.", "", "111-0000002-0000002", ""]]
    )
    desk.import_reports([tmp_path / "without.tsv"], complete=True)
    assert [r.state for r in desk.get_case(case).responses] == ["removed"]
    refused(desk, desk.submit_response, case, "Hello?", match="nothing left to respond to")


def test_a_response_with_a_lint_error_is_refused_with_its_findings(desk, case):
    error = refused(
        desk,
        desk.submit_response,
        case,
        "Please delete this review, we fixed it.",
        match="cannot be sent",
        error=MessageBlocked,
    )
    assert any(f.severity == "error" for f in error.findings)


def test_a_response_with_warnings_needs_an_acknowledgement(desk, case):
    text = "We refunded order 111-2034871-5512093 in full on 3 May."
    refused(desk, desk.submit_response, case, text, match="acknowledge", error=AcknowledgementNeeded)
    desk.submit_response(case, text, acknowledgement="The order id is no personal data on its own")
    assert desk.get_feedback(case).response_state == "live"


def test_a_response_that_insults_the_buyer_is_refused_whatever_the_reason(desk, case):
    text = "This customer is a liar."
    error = refused(desk, desk.submit_response, case, text, match="cannot be sent", error=MessageBlocked)
    assert [f.rule for f in error.findings if f.severity == "error"] == ["unprofessional-tone"]
    refused(
        desk, desk.submit_response, case, text, match="cannot be sent", acknowledgement="Checked", error=MessageBlocked
    )
    assert desk.get_feedback(case).response_state != "live"


def test_delete_without_a_live_response_is_refused(desk, case):
    refused(desk, desk.delete_response, case, match="no live response")


def test_the_database_itself_allows_one_response_per_version_of_the_feedback(desk, case):
    desk.submit_response(case, RESPONSE)
    with pytest.raises(DBAPIError), desk.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO response (feedback_id, for_revision, body, state, agent, source, "
                "submitted_at) VALUES (:id, 1, 'sneaky', 'live', 'x', 'fbdesk', '2026-11-20')"
            ),
            {"id": case},
        )


# --- Contacting the buyer ---------------------------------------------------------------------------------


def test_contacting_the_buyer_to_resolve_the_problem_is_encouraged(desk, case):
    message = desk.send_message(case, SERVICE_MESSAGE)
    assert (message.agent, message.sent_at, message.delivery_state) == ("alex", NOW, "queued")
    assert not message.is_removal_notice
    fb = desk.get_feedback(case)
    assert fb.last_contact_at == NOW and fb.case_status == "waiting_on_buyer"
    assert fb.first_response_at is None  # queued: the buyer is contacted once it goes out


def test_after_the_concerns_are_resolved_the_seller_may_notify_the_buyer_with_the_approved_wording(desk, case):
    refused(
        desk,
        desk.send_message,
        case,
        APPROVED_REMOVAL_NOTICE,
        match="removal-notice-before-resolved",
        error=MessageBlocked,
    )
    desk.set_status(case, "resolved")
    notice = desk.send_message(case, APPROVED_REMOVAL_NOTICE)
    assert notice.is_removal_notice


def test_no_repeat_feedback_requests_for_one_order(desk, case):
    desk.set_status(case, "resolved")
    desk.send_message(case, APPROVED_REMOVAL_NOTICE)
    refused(desk, desk.send_message, case, APPROVED_REMOVAL_NOTICE, match="repeat-removal-notice", error=MessageBlocked)
    # The count is per order: another order may still get its notice.
    other = desk.find_order("111-0000002-0000002").id
    desk.set_status(other, "resolved")
    assert desk.send_message(other, APPROVED_REMOVAL_NOTICE).is_removal_notice


def test_incentivising_the_buyer_to_remove_feedback_is_a_violation(desk, case):
    desk.set_status(case, "resolved")
    error = refused(desk, desk.send_message, case, SEED_VIOLATION, match="incentive-for-feedback", error=MessageBlocked)
    assert any(f.rule == "incentive-for-feedback" and f.severity == "error" for f in error.findings)


def test_pressuring_the_buyer_is_a_violation(desk, case):
    desk.set_status(case, "resolved")
    refused(
        desk,
        desk.send_message,
        case,
        "Delete the feedback today or we will report you.",
        match="cannot be sent",
        error=MessageBlocked,
    )


def test_warnings_need_an_acknowledgement_with_a_reason_which_is_stored(desk, case):
    text = "Thanks for your patience 😊"
    refused(desk, desk.send_message, case, text, match="acknowledge", error=AcknowledgementNeeded)
    refused(
        desk, desk.send_message, case, text, acknowledgement="   ", match="acknowledge", error=AcknowledgementNeeded
    )
    message = desk.send_message(case, text, acknowledgement="The buyer wrote with emoji; we answer in kind")
    assert message.acknowledgement == "The buyer wrote with emoji; we answer in kind"
    assert '"rule": "emoji"' in message.findings_json


def test_an_empty_message_is_refused(desk, case):
    refused(desk, desk.send_message, case, "  \n", match="empty")


def test_templates_offer_the_approved_notice_only_once_the_case_is_resolved(desk, case):
    def names():
        return [t.name for t in desk.templates(case, "message")]

    assert not any("Removal notice" in n for n in names())
    desk.set_status(case, "resolved")
    assert any("Removal notice" in n for n in names())
    desk.send_message(case, APPROVED_REMOVAL_NOTICE)
    assert not any("Removal notice" in n for n in names())


# --- One judge: what the review step is shown is what sending enforces ----------------------------------------

JUDGED = [
    ("message", SERVICE_MESSAGE, False),
    ("message", "Write to us at help@example.org.", False),
    ("message", SEED_VIOLATION, False),
    ("message", APPROVED_REMOVAL_NOTICE, False),
    ("message", APPROVED_REMOVAL_NOTICE, True),
    ("response", RESPONSE, False),
    ("response", "This customer is a liar.", False),
    ("response", "We refunded order 111-2034871-5512093 in full on 3 May.", False),
    ("response", "Please delete this review, we fixed it.", True),
]


@pytest.mark.parametrize(("kind", "text", "resolved"), JUDGED)
def test_check_gives_the_verdict_that_sending_enforces(desk, case, kind, text, resolved):
    if resolved:
        desk.set_status(case, "resolved")
    verdict = desk.check(case, kind, text)
    send = desk.send_message if kind == "message" else desk.submit_response
    if verdict.blocked:
        refusal = refused(desk, send, case, text, match="cannot be sent", error=MessageBlocked)
    elif verdict.needs_acknowledgement:
        refusal = refused(desk, send, case, text, match="acknowledge", error=AcknowledgementNeeded)
        send(case, text, acknowledgement="Checked with the team lead")
    else:
        send(case, text)
        return
    assert refusal.verdict == verdict


def test_a_checker_keeps_the_context_it_was_made_in_and_sending_judges_the_case_as_it_is(desk, case):
    """The composer checks each keystroke with a checker made when it opened; the Desk judges again when the text is
    sent, so a case resolved meanwhile lets the removal notice through."""
    checker = desk.checker(case, "message")
    assert checker.verdict(APPROVED_REMOVAL_NOTICE).blocked
    desk.set_status(case, "resolved")
    assert checker.verdict(APPROVED_REMOVAL_NOTICE).blocked
    assert not desk.check(case, "message", APPROVED_REMOVAL_NOTICE).blocked
    assert desk.send_message(case, APPROVED_REMOVAL_NOTICE).is_removal_notice
    assert desk.check(case, "message", APPROVED_REMOVAL_NOTICE).blocked  # once per order


# --- Status and assignee ----------------------------------------------------------------------------------


def test_allowed_status_transitions(desk, case):
    for status in ("in_progress", "waiting_on_buyer", "resolved", "closed", "in_progress"):
        assert desk.set_status(case, status).case_status == status


def test_a_refused_transition_says_why(desk, case):
    desk.set_status(case, "resolved")
    refused(desk, desk.set_status, case, "new", match="cannot go back to new; it can become: in progress, closed")
    refused(desk, desk.set_status, case, "resolved", match="already resolved")
    refused(desk, desk.set_status, case, "archived", match="Unknown case status")


def test_bulk_status_change_is_all_or_nothing(desk, case):
    other = desk.find_order("111-0000002-0000002").id
    desk.set_status(case, "resolved")
    refused(desk, desk.set_status_many, [other, case], "waiting_on_buyer", match="order 111-0000001-0000001")
    changed = desk.set_status_many([other, case], "closed")
    assert [fb.case_status for fb in changed] == ["closed", "closed"]


def test_assign_and_unassign(desk, case):
    assert desk.assign(case, "sam").assignee == "sam"
    assert desk.assign_many([case], None)[0].assignee is None
    actions = [(e.action, e.details) for e in desk.audit_trail(case)]
    assert ("assignee", '{"old": null, "new": "sam"}') in actions


# --- Status rules (the README's table) -----------------------------------------------------------------------


def status_events(desk, case) -> list[tuple[str, str, str | None]]:
    return [
        (d["old"], d["new"], d.get("because"))
        for e in desk.audit_trail(case)
        if e.action == "status"
        for d in [json.loads(e.details)]
    ]


@pytest.mark.parametrize("status", ["new", "in_progress"])
def test_a_message_sent_leaves_the_case_waiting_on_the_buyer(desk, case, status):
    if status != "new":
        desk.set_status(case, status)
    desk.send_message(case, SERVICE_MESSAGE)
    assert desk.get_feedback(case).case_status == "waiting_on_buyer"
    assert status_events(desk, case)[-1] == (status, "waiting_on_buyer", "a message was sent to the buyer")


def test_a_message_sent_in_a_resolved_case_leaves_it_resolved(desk, case):
    desk.set_status(case, "resolved")
    desk.send_message(case, APPROVED_REMOVAL_NOTICE)
    assert desk.get_feedback(case).case_status == "resolved"


@pytest.mark.parametrize(
    ("decision", "status"), [("removed", "resolved"), ("struck-through", "resolved"), ("refused", "new")]
)
def test_feedback_amazon_removes_or_strikes_through_resolves_the_case(desk, obscene, decision, status):
    request = desk.request_removal(obscene, "obscene")
    desk.record_removal_outcome(request.id, decision)
    assert desk.get_feedback(obscene).case_status == status
    if status == "resolved":
        assert status_events(desk, obscene) == [("new", "resolved", "the feedback was removed or struck through")]


def test_feedback_the_buyer_removes_resolves_the_case_but_a_closed_one_stays_closed(desk, case, tmp_path):
    other = desk.find_order("111-0000002-0000002").id
    desk.set_status(other, "closed")
    write_report(tmp_path / "none.tsv", [["11/18/26", "5", "Great", "", "111-0000009-0000009", ""]])
    desk.import_reports([tmp_path / "none.tsv"], complete=True)
    assert desk.get_feedback(case).case_status == "resolved"
    assert desk.get_feedback(other).case_status == "closed"
    assert [e.action for e in desk.audit_trail(case)][-2:] == ["buyer-removed-feedback", "status"]


def test_the_agent_can_always_change_a_status_set_by_rule(desk, case):
    desk.send_message(case, SERVICE_MESSAGE)
    assert desk.set_status(case, "in_progress").case_status == "in_progress"
    assert status_events(desk, case)[-1] == ("waiting_on_buyer", "in_progress", None)


# --- Undo -----------------------------------------------------------------------------------------------------


def test_a_status_change_is_undone_to_each_cases_own_earlier_status(desk, case):
    other = desk.find_order("111-0000002-0000002").id
    desk.set_status(other, "in_progress")
    change = desk.change_status([case, other], "resolved")
    assert [fb.case_status for fb in desk.undo(change)] == ["new", "in_progress"]
    assert [desk.get_feedback(i).case_status for i in (case, other)] == ["new", "in_progress"]
    undo = [json.loads(e.details) for e in desk.audit_trail(case) if e.action == "undo"]
    assert undo == [{"change": "status", "old": "resolved", "new": "new"}]


def test_an_assignment_is_undone(desk, case):
    desk.assign(case, "sam")
    change = desk.change_assignee([case], "alex")
    desk.undo(change)
    assert desk.get_feedback(case).assignee == "sam"
    assert desk.undo(desk.change_assignee([case], None))[0].assignee == "sam"


def test_undo_is_refused_when_the_value_changed_since(desk, case, db_url, clock):
    change = desk.change_assignee([case], "alex")
    sam = open_desk(db_url, agent="sam", clock=clock)
    sam.assign(case, "sam")
    sam.assign(case, "alex")  # back to what the change set: still a change since
    refused(desk, desk.undo, change, match="was changed again since by sam")
    sam.close()


def test_undo_is_refused_after_a_status_rule_moved_the_case(desk, case):
    change = desk.change_status([case], "in_progress")
    desk.send_message(case, SERVICE_MESSAGE)  # by rule: waiting on the buyer
    refused(desk, desk.undo, change, match="it is now waiting on buyer")


def test_a_change_is_undone_once_and_one_that_changed_nothing_not_at_all(desk, case):
    change = desk.change_status([case], "closed")
    desk.undo(change)
    refused(desk, desk.undo, change, match="changed again since by alex")
    desk.assign(case, "sam")
    refused(desk, desk.undo, desk.change_assignee([case], "sam"), match="nothing to undo")


# --- Removal requests to Amazon ---------------------------------------------------------------------------


@pytest.fixture
def obscene(desk, tmp_path):
    write_report(tmp_path / "o.tsv", [["11/18/26", "1", "What a load of crap, seller.", "", "111-0000009-0000009", ""]])
    desk.import_reports([tmp_path / "o.tsv"])
    return desk.find_order("111-0000009-0000009").id


def test_removal_is_requested_on_a_ground_the_policy_engine_finds(desk, obscene):
    assert [f.ground for f in desk.get_case(obscene).removable] == ["obscene"]
    request = desk.request_removal(obscene, "obscene")
    assert (request.ground, request.outcome) == ("obscene", "pending")


def test_a_delivery_comment_is_an_fba_ground_by_the_channel_or_when_unknown_by_its_own_words(desk, tmp_path):
    said = "Package arrived four days late. Fulfilled by Amazon."
    for n, channel in enumerate(("unknown", "seller", "fba")):
        order = f"111-0000010-000001{n}"
        write_report(tmp_path / f"d{n}.tsv", [["11/18/26", "2", said, "", order, ""]])
        desk.import_reports([tmp_path / f"d{n}.tsv"], channel=channel)
        grounds = [f.ground for f in desk.get_case(desk.find_order(order).id).removable]
        assert grounds == ([] if channel == "seller" else ["fba-delivery"]), channel


def test_a_speculative_removal_request_is_refused(desk, case):
    refused(desk, desk.request_removal, case, "product-review", match="Speculative removal requests are prohibited")


def test_a_second_request_on_the_same_ground_is_refused(desk, obscene):
    desk.request_removal(obscene, "obscene")
    refused(desk, desk.request_removal, obscene, "obscene", match="already requested")


def test_amazons_decision_is_recorded(desk, obscene):
    desk.submit_response(obscene, "We are sorry about this order.")
    request = desk.request_removal(obscene, "obscene")
    desk.record_removal_outcome(request.id, "removed")
    fb = desk.get_feedback(obscene)
    assert (fb.feedback_state, fb.response_state) == ("removed_by_amazon", "removed")
    refused(desk, desk.record_removal_outcome, request.id, "refused", match="already recorded")
    assert desk.stats().removal_outcomes == {"removed": 1}


# --- Notes, drafts, audit trail, deadlines ----------------------------------------------------------------


def test_notes(desk, case):
    desk.add_note(case, "Buyer phoned; replacement agreed.")
    assert [(n.agent, n.body) for n in desk.get_case(case).notes] == [("alex", "Buyer phoned; replacement agreed.")]
    refused(desk, desk.add_note, case, "", match="empty")


def test_a_draft_survives_a_closed_terminal_and_belongs_to_its_agent(desk, case, db_url, clock):
    desk.save_draft(case, "message", "Hello, we are sorry")
    desk.close()
    reopened = open_desk(db_url, agent="alex", clock=clock)
    assert reopened.load_draft(case, "message") == "Hello, we are sorry"
    assert reopened.load_draft(case, "response") == ""
    assert open_desk(db_url, agent="sam", clock=clock).load_draft(case, "message") == ""


def test_a_blocked_message_keeps_the_draft_and_a_sent_one_clears_it(desk, case):
    desk.save_draft(case, "message", SEED_VIOLATION)
    with pytest.raises(MessageBlocked):
        desk.send_message(case, SEED_VIOLATION)
    assert desk.load_draft(case, "message") == SEED_VIOLATION
    desk.save_draft(case, "message", SERVICE_MESSAGE)
    desk.send_message(case, SERVICE_MESSAGE)
    assert desk.load_draft(case, "message") == ""


def test_every_change_is_in_the_audit_trail(desk, case, obscene):
    desk.assign(case, "alex")
    desk.set_status(case, "in_progress")
    desk.send_message(case, SERVICE_MESSAGE)
    desk.add_note(case, "note")
    desk.set_status(case, "resolved")
    desk.send_message(case, APPROVED_REMOVAL_NOTICE)
    desk.submit_response(case, RESPONSE)
    desk.delete_response(case)
    desk.request_removal(obscene, "obscene")
    actions = [e.action for e in desk.audit_trail(case)]
    assert actions == [
        "assignee",
        "status",
        "message-sent",
        "status",  # by rule: waiting on the buyer
        "note-added",
        "status",
        "message-sent",
        "response-submitted",
        "response-deleted",
    ]
    assert all(e.agent == "alex" and e.at == NOW for e in desk.audit_trail(case))
    assert [e.action for e in desk.audit_trail(obscene)] == ["removal-requested"]


def test_the_audit_trail_is_append_only(desk, case):
    desk.add_note(case, "note")
    for statement in ("UPDATE audit_event SET agent = 'mallory'", "DELETE FROM audit_event"):
        with pytest.raises(DBAPIError, match="append-only"), desk.engine.begin() as conn:
            conn.execute(text(statement))


def test_the_first_response_target_is_configurable(db_url, clock, tmp_path):
    desk = open_desk(db_url, agent="alex", clock=clock, first_response_target=timedelta(hours=4))
    write_report(tmp_path / "r.tsv", [["11/18/26", "1", "Bad", "", "111-5", ""]])
    desk.import_reports([tmp_path / "r.tsv"])
    fb = desk.find_order("111-5")
    assert fb.first_response_due == NOW + timedelta(hours=4)
    assert desk.deadline(fb) == "due-soon"
    clock.now = NOW + timedelta(hours=5)
    assert desk.deadline(fb) == "overdue"


def test_after_a_buyer_change_unlocks_a_deleted_response_the_inbox_shows_no_response(desk, case, tmp_path):
    desk.submit_response(case, RESPONSE)
    desk.delete_response(case)
    assert desk.get_feedback(case).response_state == "deleted"
    modify_feedback(desk, tmp_path)
    fb = desk.get_feedback(case)
    assert fb.response_state == "none"
    assert desk.get_case(case).response_lock is None


def test_agent_names_are_checked_before_anything_is_written(desk, case, db_url):
    refused(desk, desk.assign, case, "x" * 81, match="is not an agent name")
    refused(desk, desk.assign_many, [case], "sam\x1b[2J", match="is not an agent name")
    with pytest.raises(RuleRefusal, match="is not an agent name"):
        open_desk(db_url, agent="sam\nsmith")


def test_text_with_a_nul_character_is_refused_but_a_draft_keeps_the_rest(desk, case):
    refused(desk, desk.add_note, case, "phoned\x00 buyer", match="NUL character")
    refused(desk, desk.send_message, case, "Sorry\x00", match="NUL character")
    desk.save_draft(case, "message", "Hello\x00 there")
    assert desk.load_draft(case, "message") == "Hello there"


def test_a_draft_for_a_feedback_that_does_not_exist_is_refused(desk):
    with pytest.raises(NotFound, match="No feedback with id 9999"):
        desk.save_draft(9999, "message", "Hello")


def test_what_is_not_there_is_not_found(desk, case):
    for action, args in (
        (desk.get_feedback, (9999,)),
        (desk.get_case, (9999,)),
        (desk.set_status, (9999, "closed")),
        (desk.send_message, (9999, SERVICE_MESSAGE)),
        (desk.check, (9999, "message", "Hi")),
        (desk.record_removal_outcome, (9999, "removed")),
    ):
        refused(desk, action, *args, match="No (feedback|removal request) with id 9999", error=NotFound)


def test_arguments_that_cannot_be_used_are_bad_input(desk, case, tmp_path):
    report = write_report(tmp_path / "r2.tsv", [["11/18/26", "1", "Late", "", "111-0000009-0000009", ""]])
    refused(desk, desk.import_reports, [report], channel="drone", match="unknown fulfilment channel", error=BadInput)
    refused(desk, desk.save_draft, case, "letter", "Hello", match="unknown kind 'letter'", error=BadInput)
    refused(desk, desk.check, case, "feedback", "Hello", match="unknown kind 'feedback'", error=BadInput)
    refused(desk, desk.checker, case, "note", match="unknown kind 'note'", error=BadInput)


def test_every_error_a_user_can_cause_is_an_fbdesk_error():
    from fbdesk.domain import lifecycle

    assert lifecycle.RuleRefusal is RuleRefusal  # defined once
    for error in (RuleRefusal, MessageBlocked, AcknowledgementNeeded, NotFound, BadInput):
        assert issubclass(error, FbdeskError)
