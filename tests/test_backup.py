"""A backup (`export(out, "json")`) holds whole cases, and restores into an empty desk that then behaves as the
original did; a non-empty desk, and a broken, foreign or newer file, are refused with nothing written."""

from __future__ import annotations

import contextlib
import io
import json
from datetime import timedelta
from types import SimpleNamespace

import pytest
from sqlmodel import SQLModel

from fbdesk.demo import load_demo
from fbdesk.desk import (
    FeedbackQuery,
    MessageBlocked,
    RuleRefusal,
    open_desk,
)
from fbdesk.desk.backup import NOT_BACKED_UP, backed_up_tables
from fbdesk.domain.policy import APPROVED_REMOVAL_NOTICE

from support import BACKENDS, FIXTURES, NEEDS_POSTGRES, Clock, new_postgres_database, snapshot, write_report

US_REPORT = FIXTURES / "reports" / "sample_us_feedback.tsv"


def backup_of(desk) -> str:
    out = io.StringIO()
    desk.export(out, "json")
    return out.getvalue()


def rich_desk(desk, tmp_path, clock):
    """The demo's desk, with what the demo lacks: a feedback the buyer changed (a revision, a response Amazon
    removed), a draft, a removal decision and a report file known by its digest."""
    load_demo(desk, count=160)
    desk.import_reports([US_REPORT], marketplace="US", channel="mfn")
    fb = desk.find_order("111-2034871-5512093")
    desk.submit_response(fb.id, "We are sorry; a replacement is on its way.")
    clock.now += timedelta(days=1)
    changed = write_report(tmp_path / "v2.tsv", [["11/20/26", "3", "Replacement came quickly", "", fb.order_id, ""]])
    desk.import_reports([changed])
    desk.save_draft(fb.id, "message", "Thank you for updating your feedback; ")
    pending = [r for f in desk.list_feedback(limit=1000) for r in desk.get_case(f.id).pending_removal_requests]
    desk.record_removal_outcome(pending[0].id, "struck-through")
    return desk


def comparable(case) -> dict:
    return {
        "feedback": case.feedback.model_dump(),
        **{
            part: [row.model_dump() for row in getattr(case, part)]
            for part in ("revisions", "messages", "replies", "responses", "notes", "removal_requests", "audit")
        },
        "removable": case.removable,
        "deadline": case.deadline,
        "response_lock": case.response_lock,
    }


@pytest.fixture(scope="module", params=BACKENDS)
def rich(request, tmp_path_factory):
    """A rich desk (`rich_desk`) on each kind of database, built once for this file's tests, which only read it:
    its URL, its clock and its backup."""
    clock = Clock()
    folder = tmp_path_factory.mktemp("rich")
    with contextlib.ExitStack() as stack:
        if request.param == "sqlite":
            url = f"sqlite:///{folder / 'desk.db'}"
        else:
            url = stack.enter_context(new_postgres_database("fbdesk_rich"))
        desk = open_desk(url, agent="alex", clock=clock)
        rich_desk(desk, folder, clock)
        written = backup_of(desk)
        desk.close()
        yield SimpleNamespace(url=url, clock=clock, backup=written)


def test_a_backup_restores_into_an_empty_desk_that_behaves_as_the_original(rich, empty_target, tmp_path):
    original = open_desk(rich.url, agent="alex", clock=rich.clock)
    cases = original.count_feedback()
    file = tmp_path / "desk.json"
    file.write_text(rich.backup, encoding="utf-8")
    restored = open_desk(empty_target, agent="alex", clock=rich.clock)
    try:
        summary = restored.import_backup(file)
        assert summary.cases == cases > 100 and summary.rows["revisions"] == 1 and summary.rows["report_files"] > 1

        assert backup_of(restored) == rich.backup  # export, restore, export: the same file
        ids = [fb.id for fb in original.list_feedback(limit=10_000)]
        assert [fb.id for fb in restored.list_feedback(limit=10_000)] == ids
        assert restored.count_by_status() == original.count_by_status()
        assert restored.stats() == original.stats()
        cases = {i: original.get_case(i) for i in ids}
        assert [comparable(restored.get_case(i)) for i in ids] == [comparable(cases[i]) for i in ids]
        assert restored.unmatched_mail() == original.unmatched_mail()
        changed = restored.find_order("111-2034871-5512093")
        assert restored.load_draft(changed.id, "message") == "Thank you for updating your feedback; "
        for query in (FeedbackQuery(text="packaging"), FeedbackQuery(channels=("seller",), due="overdue")):
            assert [f.id for f in restored.list_feedback(query)] == [f.id for f in original.list_feedback(query)]

        # The rules hold on what was restored: a deleted response stays locked, one removal notice per order.
        locked = next(i for i in ids if cases[i].feedback.response_state == "deleted")
        with pytest.raises(RuleRefusal, match="deleted your response"):
            restored.submit_response(locked, "Sorry again.")
        noticed = next(i for i in ids if any(m.is_removal_notice for m in cases[i].messages))
        with pytest.raises(MessageBlocked):
            restored.send_message(noticed, APPROVED_REMOVAL_NOTICE)
        # New rows get ids of their own after the restored ones; a report imported before changes nothing.
        note = restored.add_note(ids[0], "Restored from a backup.")
        assert note.id > max(n.id for case in cases.values() for n in case.notes)
        assert restored.get_case(ids[0]).audit[-1].id > max(e.id for case in cases.values() for e in case.audit)
        again = restored.import_reports([US_REPORT], marketplace="US", channel="mfn")
        assert (again.added, again.modified) == (0, 0)
    finally:
        original.close()
        restored.close()


@pytest.fixture
def empty_target(rich, tmp_path, request) -> str:
    """Another desk on the same kind of database, nobody has opened yet."""
    if rich.url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / 'restored.db'}"
    return request.getfixturevalue("fresh_postgres_database")


def test_the_backup_says_what_it_is_and_holds_whole_cases(rich):
    backup = json.loads(rich.backup)
    assert (backup["format"], backup["version"], backup["exported_at"]) == ("fbdesk-backup", 1, "2026-11-21T12:00:00Z")
    case = next(c for c in backup["cases"] if c["feedback"]["order_id"] == "111-2034871-5512093")
    assert case["feedback"]["channel"] == "seller" and case["feedback"]["rating"] == 3
    assert [(r["revision"], r["comment"]) for r in case["revisions"]] == [
        (1, "Package arrived open and one part was missing.")
    ]
    assert [r["state"] for r in case["responses"]] == ["removed"]
    assert [e["action"] for e in case["audit"]] == ["response-submitted", "buyer-modified-feedback"]
    assert case["audit"][0]["at"] == "2026-11-20T12:00:00Z" and case["drafts"][0]["kind"] == "message"
    assert any(c["messages"] and c["messages"][0]["delivery_state"] for c in backup["cases"])
    assert any(c["replies"] for c in backup["cases"]) and any(c["removal_requests"] for c in backup["cases"])
    assert len(backup["unmatched_mail"]) == 1 and backup["desk_audit"][0]["action"] == "import"
    assert len(backup["report_files"]) > 1


def test_every_table_of_the_desk_is_in_the_backup_or_said_not_to_be():
    tables = {t.name for t in SQLModel.metadata.sorted_tables}
    assert backed_up_tables() | set(NOT_BACKED_UP) == tables


def test_a_desk_that_is_not_empty_is_refused_and_left_as_it_was(desk, tmp_path):
    desk.import_reports([US_REPORT])
    file = tmp_path / "desk.json"
    file.write_text(backup_of(desk), encoding="utf-8")
    before = snapshot(desk)
    with pytest.raises(RuleRefusal, match=r"This desk is not empty \(it holds 12 feedback\).*new, empty desk"):
        desk.import_backup(file)
    assert snapshot(desk) == before


@pytest.fixture(scope="module")
def valid_backup(tmp_path_factory) -> str:
    source = open_desk(f"sqlite:///{tmp_path_factory.mktemp('source') / 'source.db'}", agent="alex")
    source.import_reports([US_REPORT])
    fb = source.find_order("111-2034871-5512093")
    source.add_note(fb.id, "Called the buyer.")
    backup = backup_of(source)
    source.close()
    return backup


def _broken(backup: dict, how: str) -> str:
    if how == "not json":
        return "order_id,marketplace\n111-1,US\n"
    if how == "the old export":
        return json.dumps([case["feedback"] for case in backup["cases"]])
    if how == "another program's json":
        return json.dumps({"format": "something-else", "version": 1, "cases": []})
    if how == "a newer version":
        return json.dumps(backup | {"version": 2})
    if how == "a bad moment in the last case":
        backup["cases"][-1]["feedback"]["imported_at"] = "yesterday"
    elif how == "a rating that is text":
        backup["cases"][-1]["feedback"]["rating"] = "1"
    elif how == "an unknown field":
        backup["cases"][-1]["notes"] = [
            {"id": 9, "agent": "x", "body": "b", "created_at": "2026-11-20T12:00:00Z", "x": 1}
        ]
    elif how == "the same order twice":
        twin = json.loads(json.dumps(backup["cases"][0]))
        twin["feedback"]["id"] = 999
        twin["notes"], twin["audit"] = [], []
        backup["cases"].append(twin)
    elif how == "no cases":
        del backup["cases"]
    elif how == "a moment without a time zone":
        backup["cases"][-1]["feedback"]["updated_at"] = "2026-11-20T12:00:00"
    return json.dumps(backup)


@pytest.mark.parametrize(
    ("how", "message"),
    [
        ("not json", "is not an fbdesk backup: it is not JSON"),
        ("the old export", 'is not an fbdesk backup \\(it has no "format": "fbdesk-backup"\\)'),
        ("another program's json", "is not an fbdesk backup"),
        ("a newer version", "is a version 2 backup, made by a newer fbdesk; this fbdesk reads version 1"),
        ("a bad moment in the last case", "backup.json: case 12: feedback: imported_at 'yesterday' is not a moment"),
        ("a rating that is text", "rating '1' is not a whole number"),
        ("an unknown field", "notes 1: unknown field\\(s\\) x"),
        ("the same order twice", "the backup contradicts itself"),
        ("no cases", "the backup has no list of cases"),
        ("a moment without a time zone", "updated_at '2026-11-20T12:00:00' is not a moment"),
    ],
)
def test_a_broken_foreign_or_newer_file_is_refused_and_nothing_is_restored(desk, valid_backup, tmp_path, how, message):
    from fbdesk.desk import BadInput

    file = tmp_path / "backup.json"
    file.write_text(_broken(json.loads(valid_backup), how), encoding="utf-8")
    with pytest.raises(BadInput, match=message):
        desk.import_backup(file)
    assert all(not rows for rows in snapshot(desk).values())
    desk.import_reports([US_REPORT])  # the desk is usable, and still empty before this
    assert desk.count_feedback() == 12


@NEEDS_POSTGRES
def test_a_backup_moves_a_desk_from_sqlite_to_postgresql(tmp_path, clock, fresh_postgres_database):
    source = open_desk(f"sqlite:///{tmp_path / 'source.db'}", agent="alex", clock=clock)
    source.import_reports([US_REPORT], channel="fba")
    fb = source.find_order("111-2034871-5512093")
    source.assign(fb.id, "priya")
    source.set_status(fb.id, "resolved")
    source.send_message(fb.id, APPROVED_REMOVAL_NOTICE)
    file = tmp_path / "desk.json"
    file.write_text(backup_of(source), encoding="utf-8")
    target = open_desk(fresh_postgres_database, agent="alex", clock=clock)
    try:
        target.import_backup(file)
        assert backup_of(target) == file.read_text(encoding="utf-8")
        with pytest.raises(MessageBlocked):
            target.send_message(fb.id, APPROVED_REMOVAL_NOTICE)
        assert target.add_note(fb.id, "Moved to PostgreSQL.").id == 1
    finally:
        target.close()
        source.close()
