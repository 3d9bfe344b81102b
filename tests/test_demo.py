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
    from sqlalchemy import text

    a, b = demo(tmp_path, "a.db"), demo(tmp_path, "b.db")
    assert snapshot(a) == snapshot(b)

    def mail(desk):
        with desk.engine.connect() as conn:
            return conn.execute(text("SELECT * FROM buyer_reply ORDER BY id")).all()

    assert mail(a) == mail(b) and mail(a)


def test_demo_data_covers_what_an_agent_meets(tmp_path):
    desk = demo(tmp_path, "demo.db")
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


def test_demo_data_has_conversations_by_email(tmp_path):
    """Buyers answered in English and German (quoted history stripped, a photo attached), one mail matches no
    case, and a case the report gave no relay address got one from an agent; no mail server: nothing was sent."""
    from fbdesk.desk import CaseStatus, DeliveryState

    desk = demo(tmp_path, "demo.db")
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
    states = {m.delivery_state for fb in replied for m in desk.get_case(fb.id).messages}
    assert states == {DeliveryState.QUEUED}


def test_demo_data_has_cases_in_the_marketplaces_languages(tmp_path):
    """German, French, Spanish, Italian and Japanese buyers write in their language, and the agents answer in it:
    some cases still new, some waiting on the buyer, some resolved and followed by the approved notice."""
    desk = demo(tmp_path, "demo.db")
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
