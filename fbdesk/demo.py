"""Seeded demo data: realistic feedback for a few marketplaces, imported through the real report path and
worked through the Desk, so the demo obeys every rule a real desk does. The same seed and clock give the
same database on every run."""

from __future__ import annotations

import random
import tempfile
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import NamedTuple

from fbdesk.domain.lifecycle import RuleRefusal
from fbdesk.domain.reports import format_report_date
from fbdesk.domain.policy import APPROVED_REMOVAL_NOTICE

PRODUCT = [
    "The kettle leaks from the base after two uses.",
    "Battery life is terrible, it died after a day.",
    "The blender is loud and the lid does not fit properly.",
    "Colour is much darker than in the photos.",
    "Cheap plastic, the handle snapped within a week.",
    "The cable is too short and the plug feels loose.",
    "Smaller than I expected and the zip sticks.",
    "Headphones crackle on the left side.",
    "The mattress topper smells of chemicals.",
    "Pan coating started peeling after a month.",
]
DELIVERY = [
    "Delivery was late.",
    "Arrived three days after the estimated date.",
    "Package was left in the rain by the courier.",
    "Never arrived, tracking stuck for a week.",
    "Box arrived crushed.",
    "Took forever to get here.",
]
SERVICE = [
    "Seller ignored my three emails.",
    "Sent the wrong colour and never replied to my message.",
    "Asked for a return label twice, no answer from the seller.",
    "Charged twice for one order and the seller did nothing.",
    "Seller cancelled my order without telling me.",
    "Item was used and sold as new, seller refused a refund.",
]
MIXED = [
    "The toaster burns one side and the seller never answered my complaint.",
    "Lamp flickers, and support took a week to reply.",
    "Wrong size sent, and the fabric is thin. Seller was slow to fix it.",
    "Late delivery, and the seller sent the wrong model.",
]
REMOVABLE = [
    "What a load of crap, seller.",
    "Call me on 555 010 9999, nobody answers at this shop.",
    "Email me at angry.buyer@example.com, worst seller ever.",
]
NEUTRAL = ["ok", "Product fine, packaging poor.", "Took a while but got here.", "Does the job, nothing special."]
POSITIVE = [
    "Fast delivery and exactly as described.",
    "Great seller, would buy again.",
    "Well packed and arrived early.",
    "Quick reply to my question, thanks!",
]
LOCAL = {
    "DE": ["Lieferung kam zu spät.", "Artikel beschädigt angekommen, Verkäufer antwortet nicht.",
           "Der Wasserkocher ist undicht."],
    "UK": ["Parcel arrived damaged, seller was helpful though.", "Not as described, the colour is off."],
}
AGENTS = ["alex", "sam", "priya"]
RESPONSES = [
    "We are sorry about the delay and have refunded the shipping cost.",
    "We apologise for the fault and have sent a replacement.",
    "Thank you for letting us know; we have improved our packaging.",
]
MESSAGES = [
    "Hello, we are sorry the item arrived damaged. We have sent a replacement today; it should arrive within 3 days.",
    "Hello, we refunded your order in full; the money should reach you within a week. Sorry for the trouble.",
    "Hello, could you send us a photo of the damage so we can arrange a replacement?",
]


class DemoReport(NamedTuple):
    path: Path
    marketplace: str
    channel: str
    downloaded: date


def _comment(rng: random.Random, rating: int, marketplace: str, fba: bool) -> str:
    if rating >= 4:
        return rng.choice(POSITIVE)
    if rating == 3:
        return rng.choice(NEUTRAL)
    if marketplace in LOCAL and rng.random() < 0.3:
        return rng.choice(LOCAL[marketplace])
    pools = [(PRODUCT, 30), (DELIVERY, 25 if fba else 15), (SERVICE, 25), (MIXED, 15), (REMOVABLE, 4)]
    pool = rng.choices([p for p, _ in pools], weights=[w for _, w in pools])[0]
    return rng.choice(pool)


def _order_id(rng: random.Random, marketplace: str) -> str:
    prefix = {"US": "111", "UK": "202", "DE": "302"}[marketplace]
    return f"{prefix}-{rng.randrange(10**7):07d}-{rng.randrange(10**7):07d}"


def write_demo_reports(folder: Path, today: date, seed: int = 7, count: int = 420) -> list[DemoReport]:
    """Report files for the demo, in Amazon's flat-file layout, one per marketplace, channel and period (a day
    for the last two weeks, then a month), each with the day it would have been downloaded (the day after its
    newest feedback)."""
    rng = random.Random(seed)
    groups: dict[tuple[str, str, int], list[tuple[date, str]]] = {}
    seen: set[str] = set()
    for _ in range(count):
        marketplace = rng.choices(["US", "UK", "DE"], weights=[6, 2, 2])[0]
        fba = rng.random() < 0.55
        rating = rng.choices([1, 2, 3, 4, 5], weights=[30, 22, 18, 12, 18])[0]
        order = _order_id(rng, marketplace)
        if order in seen:
            continue
        seen.add(order)
        age = int(rng.triangular(0, 400, 0))
        day = today - timedelta(days=age)
        comment = _comment(rng, rating, marketplace, fba)
        response = rng.choice(RESPONSES) if rating <= 3 and age > 14 and rng.random() < 0.08 else ""
        domain = {"US": "com", "UK": "co.uk", "DE": "de"}[marketplace]
        email = f"{rng.getrandbits(40):010x}@marketplace.amazon.{domain}"
        line = "\t".join([format_report_date(day, marketplace), str(rating), comment, response, order, email])
        period = age if age < 14 else 14 + age // 30
        groups.setdefault((marketplace, "fba" if fba else "seller", period), []).append((day, line))
    reports = []
    for (marketplace, channel, period), rows in sorted(groups.items(), key=lambda g: (-g[0][2], g[0][:2])):
        path = folder / f"demo_{marketplace}_{channel}_{period}.tsv"
        body = "\n".join(line for _, line in rows)
        path.write_text(f"Date\tRating\tComments\tResponse\tOrder ID\tRater Email\n{body}\n", encoding="utf-8")
        downloaded = min(today, max(day for day, _ in rows) + timedelta(days=1))
        reports.append(DemoReport(path, marketplace, channel, downloaded))
    return reports


def load_demo(desk, seed: int = 7, count: int = 420) -> None:
    """Fill an empty desk with demo feedback, imported as it would have been over the past year, and work
    some of the cases."""
    clock = desk.clock
    now = clock()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for report in write_demo_reports(Path(tmp), now.date(), seed, count):
                moment = min(now, datetime.combine(report.downloaded, time(9), tzinfo=UTC))
                desk.clock = lambda moment=moment: moment
                desk.import_reports([report.path], marketplace=report.marketplace, channel=report.channel)
    finally:
        desk.clock = clock
    _work_some_cases(desk, random.Random(seed + 1))


def _work_some_cases(desk, rng: random.Random) -> None:
    """Agents work the cases as a team would: within hours of the import, and over the following days."""
    from fbdesk.desk import FeedbackQuery

    agent, clock = desk.agent, desk.clock
    now = clock()
    negative = desk.list_feedback(FeedbackQuery(ratings=(1, 2, 3), sort="date"), limit=10_000)
    old = [fb for fb in negative if (now.date() - fb.feedback_date).days > 30]
    recent = [fb for fb in negative if fb not in old]

    def at(fb, hours: float) -> None:
        moment = min(now, fb.imported_at + timedelta(hours=hours))
        desk.clock = lambda: moment

    try:
        desk.agent = AGENTS[0]
        desk.set_status_many([fb.id for fb in old[20:]], "closed")
        for i, fb in enumerate(old[:20] + recent):
            desk.agent = AGENTS[i % len(AGENTS)]
            at(fb, 1 + i % 5)
            if (now.date() - fb.feedback_date).days <= 2 or i % 8 == 7:
                if i % 2:
                    desk.assign(fb.id, desk.agent)
                continue  # fresh, or slipped through: still owed a first response
            desk.assign(fb.id, desk.agent)
            desk.set_status(fb.id, "in_progress")
            desk.send_message(fb.id, rng.choice(MESSAGES))
            if i % 5 == 0:
                at(fb, 8)
                desk.add_note(fb.id, "Buyer called support; replacement agreed.")
            at(fb, 30 + i % 20)
            if i % 3 == 0:
                desk.set_status(fb.id, "resolved")
                desk.send_message(fb.id, APPROVED_REMOVAL_NOTICE)
            elif i % 3 == 1:
                desk.set_status(fb.id, "waiting_on_buyer")
            if i % 9 == 0 and fb.response_state == "none":
                at(fb, 52)
                desk.submit_response(fb.id, rng.choice(RESPONSES))
                if i % 18 == 0 and i:
                    at(fb, 75)
                    desk.delete_response(fb.id)
        desk.clock = clock
        for fb in recent:
            grounds = desk.removal_grounds(fb)
            if grounds:
                desk.agent = AGENTS[0]
                desk.request_removal(fb.id, grounds[0].ground)
                break
    except RuleRefusal as exc:  # the demo script itself broke a rule: a bug worth seeing
        raise AssertionError(f"demo data hit a rule: {exc}") from exc
    finally:
        desk.agent, desk.clock = agent, clock
