"""Seeded demo data: realistic feedback for a few marketplaces, imported through the real report path and
worked through the Desk, so the demo obeys every rule a real desk does. The same seed and clock give the
same database on every run."""

from __future__ import annotations

import random
import tempfile
from datetime import timedelta
from pathlib import Path

from fbdesk.domain.lifecycle import RuleRefusal
from fbdesk.domain.reports import format_report_date

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
NOTICE = ("If you are satisfied that we have resolved your concerns, it is possible to update or remove the "
          "feedback you originally provided here.")


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


def write_demo_reports(folder: Path, today, seed: int = 7, count: int = 420) -> list[tuple[Path, str, str]]:
    """Report files (path, marketplace, channel) for the demo, in Amazon's flat-file layout."""
    rng = random.Random(seed)
    rows: dict[tuple[str, str], list[str]] = {}
    seen: set[str] = set()
    for _ in range(count):
        marketplace = rng.choices(["US", "UK", "DE"], weights=[6, 2, 2])[0]
        fba = rng.random() < 0.55
        rating = rng.choices([1, 2, 3, 4, 5], weights=[30, 22, 18, 12, 18])[0]
        order = _order_id(rng, marketplace)
        if order in seen:
            continue
        seen.add(order)
        day = today - timedelta(days=int(rng.triangular(0, 400, 0)))
        comment = _comment(rng, rating, marketplace, fba)
        response = rng.choice(RESPONSES) if rating <= 3 and rng.random() < 0.08 else ""
        email = f"{rng.getrandbits(40):010x}@marketplace.amazon.{'com' if marketplace == 'US' else 'co.uk' if marketplace == 'UK' else 'de'}"
        line = "\t".join([format_report_date(day, marketplace), str(rating), comment, response, order, email])
        rows.setdefault((marketplace, "fba" if fba else "seller"), []).append(line)
    files = []
    for (marketplace, channel), lines in sorted(rows.items()):
        path = folder / f"demo_{marketplace}_{channel}.tsv"
        path.write_text("Date\tRating\tComments\tResponse\tOrder ID\tRater Email\n" + "\n".join(lines) + "\n",
                        encoding="utf-8")
        files.append((path, marketplace, channel))
    return files


def load_demo(desk, seed: int = 7, count: int = 420) -> None:
    """Fill an empty desk with demo feedback and some worked cases."""
    today = desk.clock().date()
    with tempfile.TemporaryDirectory() as tmp:
        for path, marketplace, channel in write_demo_reports(Path(tmp), today, seed, count):
            desk.import_reports([path], marketplace=marketplace, channel=channel)
    _work_some_cases(desk, random.Random(seed + 1))


def _work_some_cases(desk, rng: random.Random) -> None:
    from fbdesk.desk import FeedbackQuery

    agent = desk.agent
    negative = desk.list_feedback(FeedbackQuery(ratings=(1, 2), sort="date"), limit=1000)
    rng.shuffle(negative)
    try:
        for i, fb in enumerate(negative[:90]):
            desk.agent = AGENTS[i % len(AGENTS)]
            desk.assign(fb.id, desk.agent)
            if i % 3 == 0:
                desk.set_status(fb.id, "in_progress")
                desk.send_message(fb.id, rng.choice(MESSAGES))
            if i % 5 == 0:
                desk.add_note(fb.id, "Buyer called support; replacement agreed.")
            if i % 6 == 0:
                desk.set_status(fb.id, "resolved")
                desk.send_message(fb.id, NOTICE)
            if i % 9 == 0 and fb.response_state == "none":
                desk.submit_response(fb.id, rng.choice(RESPONSES))
            if i % 18 == 0 and i and desk.get_feedback(fb.id).response_state == "live":
                desk.delete_response(fb.id)
            if i % 4 == 1:
                desk.set_status(fb.id, "waiting_on_buyer")
        for fb in negative[90:]:
            if desk.removal_grounds(fb):
                desk.agent = AGENTS[0]
                desk.request_removal(fb.id, desk.removal_grounds(fb)[0].ground)
                break
    except RuleRefusal as exc:  # the demo script itself broke a rule: a bug worth seeing
        raise AssertionError(f"demo data hit a rule: {exc}") from exc
    finally:
        desk.agent = agent
