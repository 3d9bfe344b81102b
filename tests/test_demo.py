"""Demo data: realistic, seeded, and the same on every run for the same clock."""

from __future__ import annotations

from collections import Counter

from fbdesk.demo import load_demo
from fbdesk.desk import FeedbackQuery, open_desk
from support import Clock, snapshot


def demo(tmp_path, name: str):
    desk = open_desk(f"sqlite:///{tmp_path / name}", agent="demo", clock=Clock())
    load_demo(desk)
    return desk


def test_the_same_seed_and_clock_give_the_same_database(tmp_path):
    assert snapshot(demo(tmp_path, "a.db")) == snapshot(demo(tmp_path, "b.db"))


def test_demo_data_covers_what_an_agent_meets(tmp_path):
    desk = demo(tmp_path, "demo.db")
    everything = desk.list_feedback(FeedbackQuery(), limit=10_000)
    assert 300 <= len(everything) <= 500
    assert set(Counter(fb.marketplace for fb in everything)) == {"US", "UK", "DE"}
    assert set(Counter(fb.channel for fb in everything)) == {"fba", "seller"}
    assert set(Counter(fb.rating for fb in everything)) == {1, 2, 3, 4, 5}
    assert {fb.response_state for fb in everything} >= {"none", "live", "deleted"}
    stats = desk.stats()
    assert stats.overdue > 0 and stats.by_status["resolved"] > 0 and stats.removal_outcomes
    cases = [desk.get_case(fb.id) for fb in everything if fb.case_status == "resolved"]
    assert any(case.notes for case in cases)
    assert any(m.is_removal_notice for case in cases for m in case.messages)
    grounds = {f.ground for fb in everything for f in desk.removal_grounds(fb)}
    assert {"product-review", "fba-delivery"} <= grounds
