"""The audit trail reads as sentences, for every action the Desk records, never as raw values."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from fbdesk.desk import audit_sentence
from fbdesk.domain.audit import SENTENCES
from fbdesk.domain.policy import APPROVED_REMOVAL_NOTICE

from support import FIXTURES

DESK = Path(__file__).resolve().parent.parent / "fbdesk" / "desk"


def audited_actions() -> list[str]:
    """The action of every `audit(...)` call in the Desk, as a regular expression: a string, an f-string (whose
    fields match anything), or a parameter of the function making the call (then what its callers pass)."""
    found = []
    for source in sorted(DESK.glob("*.py")):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for function in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):
            for node in ast.walk(function):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "audit":
                    found += [_pattern(action, source) for action in _values(node.args[2], function, tree)]
    return found


def _values(action: ast.expr, function: ast.FunctionDef, tree: ast.Module) -> list[ast.expr]:
    """The action's expression, or for a parameter, every expression the function's callers pass for it."""
    if not isinstance(action, ast.Name):
        return [action]
    position = [a.arg for a in function.args.args].index(action.id) - 1  # after self
    passed: list[ast.expr] = []
    for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
        if isinstance(call.func, ast.Attribute) and call.func.attr == function.name:
            if len(call.args) > position:
                passed += _branches(call.args[position])
            passed += [k.value for k in call.keywords if k.arg == action.id]
    assert passed, f"{function.name}: no caller passes {action.id}"
    return passed


def _branches(expr: ast.expr) -> list[ast.expr]:
    return [expr.body, expr.orelse] if isinstance(expr, ast.IfExp) else [expr]


def _pattern(action: ast.expr, source: Path) -> str:
    if isinstance(action, ast.Constant):
        return re.escape(action.value)
    assert isinstance(action, ast.JoinedStr), f"{source.name}: an audit action that is not a string"
    return "".join(re.escape(part.value) if isinstance(part, ast.Constant) else ".+" for part in action.values)


def test_every_action_the_desk_records_has_a_sentence():
    actions = audited_actions()
    assert len(actions) >= 20  # the scan found the Desk's calls
    for action in actions:
        assert any(re.fullmatch(action, known) for known in SENTENCES), f"no sentence for the audit action {action}"
    # The f-strings' values: the delivery worker's outcomes, and the buyer's two changes.
    for action in ("message-sent", "message-retrying", "message-failed", "message-unknown"):
        assert action in SENTENCES
    assert {"buyer-modified-feedback", "buyer-removed-feedback"} <= set(SENTENCES)


@pytest.mark.parametrize(
    ("agent", "action", "details", "sentence"),
    [
        ("sam", "assignee", '{"old": null, "new": "priya"}', "sam assigned the case to priya"),
        ("sam", "assignee", '{"old": "priya", "new": null}', "sam unassigned the case (was priya)"),
        ("sam", "assignee", '{"old": null, "new": "sam"}', "sam took the case"),
        ("sam", "assignee", '{"old": "root", "new": "priya"}', "sam reassigned the case from root to priya"),
        (
            "sam",
            "status",
            '{"old": "new", "new": "waiting_on_buyer"}',
            "sam changed the status from New to Waiting on buyer",
        ),
        (
            "sam",
            "message-sent",
            '{"removal_notice": true, "acknowledged": null, "findings": []}',
            "sam sent a removal notice to the buyer",
        ),
        (
            "sam",
            "message-sent",
            '{"removal_notice": false, "acknowledged": "the buyer asked for it", "findings": ["contact-details"]}',
            "sam sent a message to the buyer, acknowledging the warnings (contact details): “the buyer asked for it”",
        ),
        (
            "sync",
            "message-sent",
            '{"message": 4, "to": "x@marketplace.amazon.com", "detail": null}',
            "Message delivered to x@marketplace.amazon.com",
        ),
        (
            "sam",
            "removal-outcome",
            '{"ground": "personal-data", "outcome": "removed"}',
            "sam recorded Amazon's decision on removal (personal data): removed by Amazon",
        ),
        (
            "sam",
            "removal-requested",
            '{"ground": "obscene"}',
            "sam asked Amazon to remove the feedback (obscene language)",
        ),
        (
            "alex",
            "buyer-modified-feedback",
            '{"old_rating": 1, "old_comment": "x", "response_removed": true, "new_rating": 3, "new_comment": "y", '
            '"case_reopened": false}',
            "The buyer changed the feedback from 1★ to 3★; Amazon removed the public response with it",
        ),
        ("alex", "buyer-replied", '{"reply": 3, "subject": "Re: your order"}', "The buyer replied: “Re: your order”"),
        (
            "alex",
            "import",
            '{"files": ["a.tsv", "b.tsv"], "added": 3, "modified": 1, "unchanged": 0, "removed": 0, "responses": 0, '
            '"older": 0, "marketplace": "UK", "complete": true}',
            "alex imported 2 report files (UK, complete): 3 added, 1 modified, 0 unchanged, 0 removed",
        ),
        (
            "sam",
            "status",
            '{"old": "new", "new": "waiting_on_buyer", "because": "a message was sent to the buyer"}',
            "The status changed from New to Waiting on buyer: a message was sent to the buyer",
        ),
        (
            "sam",
            "undo",
            '{"change": "assignee", "old": "priya", "new": null}',
            "sam undid the assignment: unassigned again",
        ),
        (
            "sam",
            "undo",
            '{"change": "status", "old": "closed", "new": "in_progress"}',
            "sam undid the status change: back to In progress",
        ),
        ("sam", "something-new", '{"x": [1]}', "sam: something new"),  # an action from a newer fbdesk: still words
        ("sam", "status", "not json", "sam: status"),
    ],
)
def test_sentences(agent, action, details, sentence):
    assert audit_sentence(agent, action, details) == sentence


def test_a_case_trail_reads_as_sentences(desk):
    desk.import_reports([FIXTURES / "reports" / "sample_us_feedback.tsv"])
    fb = desk.find_order("111-2034871-5512093")
    desk.assign(fb.id, "priya")
    desk.assign(fb.id, None)
    desk.set_status(fb.id, "resolved")
    desk.send_message(fb.id, APPROVED_REMOVAL_NOTICE)
    desk.add_note(fb.id, "Called the buyer.")
    sentences = [audit_sentence(e.agent, e.action, e.details) for e in desk.get_case(fb.id).audit]
    assert sentences == [
        "alex assigned the case to priya",
        "alex unassigned the case (was priya)",
        "alex changed the status from New to Resolved",
        "alex sent a removal notice to the buyer",
        "alex added a note",
    ]
    assert not any(re.search(r"=|\[|\]|True|False|None", s) for s in sentences)
