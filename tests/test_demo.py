"""Demo data: realistic, seeded, and the same on every run for the same clock."""

from __future__ import annotations

import shutil
from collections import Counter

import pytest

from fbdesk.demo import load_demo
from fbdesk.desk import FeedbackQuery, open_desk

from support import Clock, snapshot


def demo(path):
    desk = open_desk(f"sqlite:///{path}", agent="alex", clock=Clock())  # as tests/conftest.py builds `demo_db`
    load_demo(desk)
    return desk


@pytest.fixture
def demo_desk(demo_db, tmp_path):
    shutil.copy(demo_db, tmp_path / "demo.db")
    desk = open_desk(f"sqlite:///{tmp_path / 'demo.db'}", agent="demo", clock=Clock())
    yield desk
    desk.close()


def test_the_same_seed_and_clock_give_the_same_database(demo_desk, tmp_path):
    from sqlalchemy import text

    a, b = demo_desk, demo(tmp_path / "b.db")

    def without_message_ids(desk) -> dict:  # a Message-ID is unique by design: made fresh for every mail
        tables = snapshot(desk)
        tables["buyer_message"] = [{**row._asdict(), "message_id": None} for row in tables["buyer_message"]]
        return tables

    assert without_message_ids(a) == without_message_ids(b)

    def mail(desk):
        with desk.engine.connect() as conn:
            return conn.execute(text("SELECT * FROM buyer_reply ORDER BY id")).all()

    assert mail(a) == mail(b) and mail(a)


def test_demo_data_covers_what_an_agent_meets(demo_desk):
    desk = demo_desk
    everything = desk.list_feedback(FeedbackQuery(), limit=10_000)
    assert 300 <= len(everything) <= 500
    assert set(Counter(fb.marketplace for fb in everything)) == {"US", "UK", "DE", "FR", "ES", "IT", "JP"}
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


def test_demo_data_has_conversations_by_email(demo_desk):
    """Buyers answered in English and German (quoted history stripped, a photo attached), one mail matches no
    case, and a case the report gave no relay address got one from an agent. The messages went out through the
    demo's stand-in for Amazon's relay, which accepted most, was busy for some, lost track of one and refused one;
    the desk it leaves behind has no mail set up."""
    from fbdesk.desk import CaseStatus, DeliveryState

    desk = demo_desk
    replied = desk.list_feedback(FeedbackQuery(statuses=(CaseStatus.BUYER_REPLIED,)), limit=100)
    assert {fb.marketplace for fb in replied} == {"US", "UK", "DE"}
    replies = [r for fb in replied for r in desk.get_case(fb.id).replies]
    assert len(replies) == 3 and all(r.kind == "reply" for r in replies)
    german = next(r for r in replies if r.subject.startswith("AW:"))
    assert "Grüßen" in german.body and "schrieb" not in german.body  # ISO-8859-1 decoded, quote stripped
    assert any('"kettle-base.jpg"' in r.attachments_json for r in replies)
    assert all(">" not in r.body for r in replies)
    (unmatched,) = desk.unmatched_mail()
    assert unmatched.subject == "Where is my lamp?"
    assert desk.stats().unmatched_mail == 1
    everything = desk.list_feedback(FeedbackQuery(), limit=10_000)
    no_address = [fb for fb in everything if not fb.rater_email]
    assert no_address and any(fb.buyer_address for fb in no_address)
    assert any(desk.destination(fb.id).problem for fb in no_address)
    answered = {m.delivery_state for fb in replied for m in desk.get_case(fb.id).messages}
    assert DeliveryState.SENT in answered and answered <= {DeliveryState.SENT, DeliveryState.UNKNOWN}
    states = Counter(m.delivery_state for fb in everything for m in desk.get_case(fb.id).messages)
    assert states[DeliveryState.SENT] > 50
    assert {DeliveryState.RETRYING, DeliveryState.FAILED, DeliveryState.UNKNOWN} <= set(states)
    assert desk.mail.transport is None and not desk.mail.can_send


def test_demo_data_has_cases_in_the_marketplaces_languages(demo_desk):
    """German, French, Spanish, Italian and Japanese buyers write in their language, and the agents answer in it:
    some cases still new, some waiting on the buyer, some resolved and followed by the approved notice."""
    desk = demo_desk
    words = {"DE": "Verkäufer", "FR": "vendeur", "ES": "vendedor", "IT": "venditore", "JP": "出品者"}
    greetings = {"DE": "Guten Tag", "FR": "Bonjour", "ES": "Hola", "IT": "Buongiorno", "JP": "申し訳ございません"}
    notices = {"DE": "Bewertung", "FR": "évaluation", "ES": "valoración", "IT": "feedback", "JP": "評価"}
    everything = desk.list_feedback(FeedbackQuery(), limit=10_000)
    for marketplace in ("DE", "FR", "ES", "IT", "JP"):
        cases = [fb for fb in everything if fb.marketplace == marketplace]
        assert any(words[marketplace] in fb.comment for fb in cases), marketplace
        negative = [fb for fb in cases if fb.rating <= 3]
        assert {fb.case_status for fb in negative} >= {"new", "resolved"}, marketplace
        if marketplace == "DE":
            continue  # the German cases before these were answered in English
        messages = [m.body for fb in negative for m in desk.get_case(fb.id).messages]
        assert messages and all(greetings[marketplace] in m or notices[marketplace] in m for m in messages)
        resolved = [desk.get_case(fb.id) for fb in negative if fb.case_status == "resolved"]
        assert resolved and all(notices[marketplace] in case.messages[-1].body for case in resolved)
