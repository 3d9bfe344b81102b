"""A live desk: two helpdesks (two Desks, each with its own engine) on one desk hear each other's changes within a
second, pass over their own, hear a burst as one change, and see who else is at a case (presence that expires)."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest

from fbdesk.desk import EXPIRY, CaseStatus, DeskChange, FeedbackQuery, open_desk

from support import NOW, Clock, write_report

TODAY = NOW.date()
HEARD_WITHIN = 1.0  # seconds: the promise


class Heard:
    """What a watch reported, in order, with a way to wait for it."""

    def __init__(self) -> None:
        self.changes: list[DeskChange] = []
        self._lock = threading.Condition()

    def __call__(self, change: DeskChange) -> None:
        with self._lock:
            self.changes.append(change)
            self._lock.notify_all()

    def wait_for(self, wanted, timeout: float = HEARD_WITHIN) -> bool:
        with self._lock:
            return self._lock.wait_for(lambda: any(wanted(c) for c in self.changes), timeout)

    def clear(self) -> None:
        with self._lock:
            self.changes.clear()


def data(change: DeskChange) -> bool:
    return change.data


def presence(change: DeskChange) -> bool:
    return change.presence


@pytest.fixture
def stocked(desk, tmp_path):
    rows = [
        [f"{(TODAY - timedelta(days=i)):%-m/%-d/%y}", "1", f"Broken kettle {i}", "", f"111-{i:07d}-0000001", ""]
        for i in range(5)
    ]
    desk.import_reports([write_report(tmp_path / "us.tsv", rows)], channel="seller")
    return desk


@pytest.fixture
def other(db_url, stocked):
    """A second helpdesk on the same desk: Sam's, with a clock of its own."""
    sam = open_desk(db_url, agent="sam", clock=Clock())
    yield sam
    sam.close()


@pytest.fixture
def watching(other):
    """Sam's helpdesk, watching."""
    heard = Heard()
    watch = other.watch(heard)
    time.sleep(0.1)  # listening
    yield heard
    watch.stop()


def first_id(desk) -> int:
    return desk.page(FeedbackQuery(), limit=1)[0].id


def test_a_status_change_by_another_helpdesk_is_heard_within_a_second(stocked, other, watching):
    fid = first_id(stocked)
    started = time.monotonic()
    stocked.set_status(fid, CaseStatus.IN_PROGRESS)
    assert watching.wait_for(data)
    assert time.monotonic() - started < HEARD_WITHIN
    assert other.inbox_row(fid).case_status == CaseStatus.IN_PROGRESS
    assert other.count_by_status()[CaseStatus.IN_PROGRESS] == 1


@pytest.mark.parametrize(
    "change",
    [
        lambda desk, fid: desk.assign(fid, "priya"),
        lambda desk, fid: desk.add_note(fid, "Called the courier."),
        lambda desk, fid: desk.submit_response(fid, "We are sorry about the kettle; we have sent a new one."),
    ],
    ids=["assignee", "note", "response"],
)
def test_every_kind_of_change_is_heard(stocked, watching, change):
    change(stocked, first_id(stocked))
    assert watching.wait_for(data)


def test_an_import_by_another_helpdesk_is_heard_once(stocked, watching, tmp_path):
    rows = [[f"{TODAY:%-m/%-d/%y}", "2", f"Scratched lid {i}", "", f"112-{i:07d}-0000001", ""] for i in range(2000)]
    stocked.import_reports([write_report(tmp_path / "more.tsv", rows)], channel="seller")
    assert watching.wait_for(data)
    time.sleep(2 * HEARD_WITHIN)
    assert [c for c in watching.changes if c.data] == [DeskChange(data=True)]


def test_a_burst_of_changes_is_heard_as_a_few_not_one_each(stocked, other, watching):
    ids = [row.id for row in stocked.page(FeedbackQuery(), limit=5)]
    started = time.monotonic()
    for n in range(60):
        stocked.assign(ids[n % len(ids)], "priya" if n % 2 == 0 else None)
    lasted = time.monotonic() - started
    assert watching.wait_for(data)
    time.sleep(HEARD_WITHIN)
    reports = [c for c in watching.changes if c.data]
    # At most one report per look at the desk (every 0.3 s), and one after the burst.
    assert 1 <= len(reports) <= lasted / 0.3 + 2
    assert len(reports) < 60


def test_a_helpdesk_passes_over_its_own_changes(stocked, other):
    heard = Heard()
    watch = stocked.watch(heard)
    try:
        time.sleep(0.1)
        fid = first_id(stocked)
        stocked.set_status(fid, CaseStatus.IN_PROGRESS)
        stocked.be_present(fid, "viewing")
        assert not heard.wait_for(lambda c: True, timeout=HEARD_WITHIN)
        other.assign(fid, "sam")  # and still hears the others'
        assert heard.wait_for(data)
    finally:
        watch.stop()


def test_a_draft_being_typed_is_no_change_to_the_others(stocked, watching):
    stocked.save_draft(first_id(stocked), "message", "Dear buyer, ")
    assert not watching.wait_for(lambda c: True, timeout=HEARD_WITHIN)


def test_presence_is_seen_by_the_others_not_by_the_agent_itself(stocked, other, watching):
    fid = first_id(stocked)
    stocked.be_present(fid, "viewing")
    assert watching.wait_for(presence)
    assert [(p.agent, p.activity) for p in other.present([fid])[fid]] == [("alex", "viewing")]
    assert stocked.present([fid]) == {}
    row = other.page(FeedbackQuery(), limit=1)[0]
    assert row.id == fid and [p.agent for p in row.present] == ["alex"]
    stocked.be_present(fid, "writing")  # writing outranks viewing
    assert [(p.agent, p.activity) for p in other.present([fid])[fid]] == [("alex", "writing")]


def test_a_heartbeat_that_changes_nothing_is_not_reported(stocked, other, watching):
    fid = first_id(stocked)
    stocked.be_present(fid, "viewing")
    assert watching.wait_for(presence)
    watching.clear()
    stocked.be_present(fid, "viewing")  # the same presence, renewed
    assert not watching.wait_for(lambda c: True, timeout=HEARD_WITHIN)


def test_presence_expires_and_leaving_removes_it(stocked, other, watching):
    fid, second = (row.id for row in stocked.page(FeedbackQuery(), limit=2))
    stocked.be_present(fid, "viewing")
    stocked.be_present(second, "writing")
    assert watching.wait_for(presence)
    stocked.leave(second)
    assert set(other.present()) == {fid}
    watching.clear()
    other.clock.now = NOW + EXPIRY + timedelta(seconds=1)  # as if alex's helpdesk had crashed 31 s ago
    assert watching.wait_for(presence, timeout=2.0)  # the watch looks at expiry once a second
    assert other.present() == {}
    assert other.page(FeedbackQuery(), limit=1)[0].present == ()


def test_a_watch_holds_presence_until_released_or_stopped(stocked, other, watching):
    fid = first_id(stocked)
    watch = stocked.watch(lambda change: None)
    try:
        watch.hold(fid, "viewing")
        assert watching.wait_for(presence)
        assert [p.agent for p in other.present([fid])[fid]] == ["alex"]
        watching.clear()
        watch.release(fid)
        assert watching.wait_for(presence)
        assert other.present() == {}
        watch.hold(fid, "writing")
        assert watching.wait_for(lambda c: c.presence and other.present() != {})
    finally:
        watch.stop()
    assert other.present() == {}  # a clean exit leaves nothing behind
