"""Seeded demo data: realistic feedback for a few marketplaces, imported through the real report path and
worked through the Desk, so the demo obeys every rule a real desk does. The same seed and clock give the
same database on every run."""

from __future__ import annotations

import random
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import NamedTuple

from fbdesk.domain.lifecycle import RuleRefusal
from fbdesk.domain.policy import APPROVED_REMOVAL_NOTICE
from fbdesk.domain.reports import format_report_date
from fbdesk.mail import DeliveryResult, Outcome, PreparedMail

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
    "DE": [
        "Lieferung kam zu spät.",
        "Artikel beschädigt angekommen, Verkäufer antwortet nicht.",
        "Der Wasserkocher ist undicht.",
    ],
    "UK": ["Parcel arrived damaged, seller was helpful though.", "Not as described, the colour is off."],
}
# Cases on the other marketplaces, written in the buyer's language: (rating, fulfilled by Amazon, comment).
# Drawn from their own random stream after the rows above, so adding them changed none of those.
LOCAL_CASES: dict[str, list[tuple[int, bool, str]]] = {
    "DE": [
        (
            1,
            False,
            "Wasserkocher nach zwei Wochen undicht, Verkäufer reagiert nicht auf meine Nachrichten. Enttäuschend.",
        ),
        (2, True, "Paket kam erst nach 9 Tagen, Karton war eingedrückt."),
        (1, False, "Falsche Farbe geliefert (grau statt blau) und der Umtausch zieht sich seit Wochen."),
        (2, True, "Der Mixer ist extrem laut und riecht beim ersten Benutzen verbrannt."),
        (3, False, "Ware ok, aber die Rechnung musste ich dreimal anfordern."),
        (5, True, "Schnelle Lieferung, alles bestens. Gerne wieder!"),
    ],
    "FR": [
        (1, False, "Colis jamais reçu et aucune réponse du vendeur malgré trois messages."),
        (2, True, "La bouilloire fuit par le fond après une semaine d'utilisation."),
        (1, True, "Livraison avec 5 jours de retard, carton abîmé."),
        (2, False, "Produit reçu d'occasion alors que vendu neuf, le vendeur refuse le remboursement."),
        (3, True, "Correct, mais la notice est uniquement en anglais."),
        (1, False, "Vendeur de merde, je ne recommande pas."),
        (4, False, "Bon produit, envoi un peu lent mais vendeur sympa."),
        (2, False, "Mauvaise taille envoyée et le retour est à mes frais, pas normal."),
    ],
    "ES": [
        (1, False, "El pedido nunca llegó y el vendedor no contesta a mis mensajes."),
        (2, True, "La sartén se pega a la semana de uso, el antiadherente es malísimo."),
        (2, True, "Llegó con cuatro días de retraso y la caja aplastada."),
        (1, False, "Me cobraron dos veces y nadie me da una solución."),
        (3, False, "Cumple, pero el envío tardó bastante."),
        (1, False, "Me mandaron otro modelo y para devolverlo tengo que pagar yo el envío."),
        (5, False, "Todo perfecto, muy buena atención del vendedor."),
        (2, False, "Vendedor poco serio: prometió un reembolso parcial y nunca llegó."),
    ],
    "IT": [
        (1, False, "Macchinetta arrivata con il serbatoio rotto, il venditore non risponde da una settimana."),
        (2, True, "Le cuffie gracchiano dal lato sinistro dopo pochi giorni."),
        (1, True, "Consegna in ritardo di quattro giorni, pacco lasciato sotto la pioggia."),
        (2, False, "Articolo usato venduto come nuovo, mancava anche il cavo."),
        (3, False, "Prodotto discreto, ma l'assistenza è lenta a rispondere."),
        (1, False, "Chiamatemi al 347 123 4567, nessuno risponde ai messaggi!"),
        (4, True, "Tutto ok, spedizione veloce."),
        (2, False, "Ho ricevuto il colore sbagliato e il reso è stato complicatissimo."),
    ],
    "JP": [
        (1, False, "商品が届きません。出品者に3回問い合わせましたが返信がありません。"),
        (2, True, "ケトルの蓋から水が漏れます。1週間で使えなくなりました。"),
        (2, True, "お届け予定日より4日遅れて届き、箱がつぶれていました。"),
        (1, False, "新品と書いてあったのに開封済みで、付属品も足りませんでした。対応も遅いです。"),
        (3, False, "商品は普通ですが、説明書が英語のみでした。"),
        (1, False, "違う色が届き、交換をお願いしても返事がありません。"),
        (5, True, "迅速な対応ありがとうございました。また利用します。"),
        (2, False, "返金すると言われてから2週間経ちますが、まだ返金されていません。"),
    ],
}
# What the agents write on those marketplaces (Amazon asks for the buyer's language), and the language of each.
LOCAL_MESSAGES = {
    "DE": [
        "Guten Tag, es tut uns sehr leid, dass mit Ihrer Bestellung etwas schiefgelaufen ist. Wir haben Ihnen heute "
        "kostenlos Ersatz geschickt; die Sendungsnummer finden Sie in Ihrer Bestellübersicht.",
        "Guten Tag, wir haben Ihnen den vollen Betrag erstattet. Die Gutschrift sollte in 3 bis 5 Werktagen sichtbar "
        "sein. Bitte entschuldigen Sie die Unannehmlichkeiten.",
    ],
    "FR": [
        "Bonjour, nous sommes sincèrement désolés pour ce désagrément. Un nouvel article vous a été expédié "
        "gratuitement aujourd'hui ; le numéro de suivi figure dans vos commandes.",
        "Bonjour, nous avons procédé au remboursement intégral de votre commande. Il apparaîtra sous 3 à 5 jours "
        "ouvrés. Toutes nos excuses pour la gêne occasionnée.",
    ],
    "ES": [
        "Hola, sentimos mucho lo ocurrido con su pedido. Hoy mismo le hemos enviado otro artículo sin coste; el "
        "número de seguimiento aparece en Mis pedidos.",
        "Hola, ya hemos tramitado el reembolso completo de su pedido; puede tardar de 3 a 5 días hábiles en "
        "aparecer. Disculpe las molestias.",
    ],
    "IT": [
        "Buongiorno, ci dispiace molto per l'inconveniente. Le abbiamo spedito oggi un articolo nuovo senza alcun "
        "costo; trova il tracking nella sezione I miei ordini.",
        "Buongiorno, abbiamo effettuato il rimborso completo dell'ordine; l'accredito può richiedere 3-5 giorni "
        "lavorativi. Ci scusiamo per il disagio.",
    ],
    "JP": [
        "この度はご不便をおかけし、誠に申し訳ございません。本日、代替品を無償にて発送いたしました。追跡番号は注文履歴から"
        "ご確認いただけます。",
        "この度はご迷惑をおかけし、誠に申し訳ございません。ご注文の全額返金手続きが完了いたしました。反映まで数日かかる"
        "場合がございます。",
    ],
}
LANGUAGE = {"DE": "de", "FR": "fr", "ES": "es", "IT": "it", "JP": "ja"}
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


MAIL_DOMAINS = {"US": "com", "UK": "co.uk", "DE": "de", "FR": "fr", "ES": "es", "IT": "it", "JP": "co.jp"}  # relays


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


ORDER_PREFIX = {"US": "111", "UK": "202", "DE": "302", "FR": "402", "ES": "404", "IT": "405", "JP": "503"}


def _order_id(rng: random.Random, marketplace: str) -> str:
    prefix = ORDER_PREFIX[marketplace]
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
        email = f"{rng.getrandbits(40):010x}@marketplace.amazon.{MAIL_DOMAINS[marketplace]}"
        if len(seen) % 97 == 0:
            email = ""  # older reports, and some rows, give no relay address
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
    return reports + _write_local_reports(folder, today, seed)


def _local_rows(today: date, seed: int) -> list[tuple[str, str, date, str]]:
    """The rows of LOCAL_CASES as (marketplace, channel, day, report line), from a random stream of their own."""
    rng = random.Random(seed * 7919 + 13)
    rows = []
    for marketplace, cases in LOCAL_CASES.items():
        for rating, fba, comment in cases:
            day = today - timedelta(days=int(rng.triangular(0, 45, 3)))
            order = _order_id(rng, marketplace)
            email = f"{rng.getrandbits(40):010x}@marketplace.amazon.{MAIL_DOMAINS[marketplace]}"
            line = "\t".join([format_report_date(day, marketplace), str(rating), comment, "", order, email])
            rows.append((marketplace, "fba" if fba else "seller", day, line))
    return rows


def _local_orders(today: date, seed: int) -> frozenset[str]:
    return frozenset(line.split("\t")[4] for _, _, _, line in _local_rows(today, seed))


def _write_local_reports(folder: Path, today: date, seed: int) -> list[DemoReport]:
    """One report per marketplace and channel for LOCAL_CASES, imported after the others (so the rows before
    keep their ids)."""
    groups: dict[tuple[str, str], list[tuple[date, str]]] = {}
    for marketplace, channel, day, line in _local_rows(today, seed):
        groups.setdefault((marketplace, channel), []).append((day, line))
    reports = []
    for (marketplace, channel), rows in groups.items():
        path = folder / f"demo_{marketplace}_{channel}_local.tsv"
        body = "\n".join(line for _, line in sorted(rows))
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
    local = _local_orders(now.date(), seed)
    mail = desk.mail
    desk.mail = replace(mail, sender=mail.sender or SELLER, transport=_DemoRelay())
    try:
        _work_some_cases(desk, random.Random(seed + 1), skip=local)
        _converse(desk)
        _work_local_cases(desk, local)
    finally:
        desk.mail = mail


class _DemoRelay:
    """Amazon's relay as the demo plays it, having no mail server: most mail is accepted at once; now and then the
    relay is busy (the message is retried later), the connection drops after the mail was handed over (delivery
    unknown), or the buyer has opted out of messages (refused)."""

    def __init__(self) -> None:
        self.handed = 0

    def __call__(self, mails: Sequence[PreparedMail], on_result: Callable[[DeliveryResult], None]) -> None:
        for mail in mails:
            self.handed += 1
            if self.handed % 37 == 0:
                result = DeliveryResult(
                    mail.message_id, Outcome.PERMANENT, 550, "5.7.1 The buyer opted out of messages"
                )
            elif self.handed % 29 == 0:
                result = DeliveryResult(mail.message_id, Outcome.UNKNOWN, None, "the connection dropped after DATA")
            elif self.handed % 17 == 0:
                result = DeliveryResult(mail.message_id, Outcome.TEMPORARY, 421, "4.3.2 Service busy, try again later")
            else:
                result = DeliveryResult(mail.message_id, Outcome.SENT, 250, "2.0.0 Ok")
            on_result(result)


def _send(desk, feedback_id: int, body: str, acknowledgement: str | None = None) -> None:
    """An agent sends a message; the helpdesk's sync delivers it within seconds."""
    desk.send_message(feedback_id, body, acknowledgement=acknowledgement)
    desk.deliver()


def _work_some_cases(desk, rng: random.Random, skip: frozenset[str]) -> None:
    """Agents work the cases as a team would: within hours of the import, and over the following days (all but
    the orders in `skip`)."""
    from fbdesk.desk import FeedbackQuery

    agent, clock = desk.agent, desk.clock
    now = clock()
    negative = [
        fb
        for fb in desk.list_feedback(FeedbackQuery(ratings=(1, 2, 3), sort="date"), limit=10_000)
        if fb.order_id not in skip
    ]
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
            _send(desk, fb.id, rng.choice(MESSAGES), acknowledgement=_english_accepted(fb))
            if i % 5 == 0:
                at(fb, 8)
                desk.add_note(fb.id, "Buyer called support; replacement agreed.")
            at(fb, 30 + i % 20)
            if i % 3 == 0:
                desk.set_status(fb.id, "resolved")
                _send(desk, fb.id, APPROVED_REMOVAL_NOTICE, acknowledgement=_english_accepted(fb))
            elif i % 3 == 2:  # the message left it waiting on the buyer; the agent took it up again
                desk.set_status(fb.id, "in_progress")
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


def _english_accepted(fb) -> str | None:
    """The agents of the English script write to a buyer on another language's marketplace in English, as the
    buyer did: the buyer's-language warning is acknowledged."""
    return "The buyer wrote to us in English." if fb.marketplace in LANGUAGE else None


def _approved_notice(language: str) -> str:
    """The approved removal notice in a language, as the policy's rule data for that language gives it."""
    import tomllib
    from importlib import resources

    data = resources.files("fbdesk.domain.policy").joinpath(f"{language}.toml").read_text(encoding="utf-8")
    notice: str = tomllib.loads(data)["approved_removal_notice"]
    return notice


def _work_local_cases(desk, local: frozenset[str]) -> None:
    """Agents answer the cases of LOCAL_CASES in the buyer's language: some are left new, some wait on the buyer,
    and some are resolved and followed by the approved notice in that language."""
    from fbdesk.desk import FeedbackQuery

    agent, clock = desk.agent, desk.clock
    now = clock()
    negative = desk.list_feedback(FeedbackQuery(ratings=(1, 2, 3), sort="date"), limit=10_000)
    seen: Counter[str] = Counter()  # cases so far on each marketplace
    try:
        for fb in (fb for fb in negative if fb.order_id in local):
            i = seen[fb.marketplace]
            seen[fb.marketplace] += 1
            if i % 4 == 3:
                continue  # not answered yet
            desk.agent = AGENTS[i % len(AGENTS)]

            def at(hours: float, fb=fb) -> None:
                moment = min(now, fb.imported_at + timedelta(hours=hours))
                desk.clock = lambda: moment

            at(2 + i % 4)
            desk.assign(fb.id, desk.agent)
            desk.set_status(fb.id, "in_progress")
            _send(desk, fb.id, LOCAL_MESSAGES[fb.marketplace][i % 2])
            at(30 + i % 7)
            if i % 4 == 0:  # the others wait on the buyer: sending the message moved them there
                desk.set_status(fb.id, "resolved")
                _send(desk, fb.id, _approved_notice(LANGUAGE[fb.marketplace]))
    except RuleRefusal as exc:
        raise AssertionError(f"demo data hit a rule: {exc}") from exc
    finally:
        desk.agent, desk.clock = agent, clock


SELLER = "support@seller.example"
EN_REPLY = """Hello,

Thanks for getting back to me so quickly. The replacement arrived this morning and works fine.
I will have a look at my feedback later this week.

Best,
Chris

On {sent:%a, %d %b %Y at %H:%M}, {seller} wrote:
> {message}
"""
EN_PHOTO_REPLY = """Hi,

here is a photo of the damage. The base of the kettle is cracked on the left side, you can see the water
mark on the counter.

Thanks
Pat

-----Original Message-----
From: {seller}
Sent: {sent:%d %B %Y %H:%M}
Subject: Your order {order}

{message}
"""
DE_REPLY = """Guten Tag,

vielen Dank für die Nachricht. Leider ist die Ersatzlieferung noch nicht angekommen, die Sendungsverfolgung
zeigt seit drei Tagen keinen Fortschritt. Können Sie bitte nachsehen?

Mit freundlichen Grüßen
Jürgen Müller

Am {sent:%d.%m.%Y} um {sent:%H:%M} schrieb {seller}:
> {message}
"""
UNMATCHED = """Hello,

I ordered a lamp from you last month and it still has not arrived. I do not have the order number to hand,
could you check under my name (Sam Rivera)?

Sam
"""


def _mail(
    sender: str,
    subject: str,
    body: str,
    written: datetime,
    message_id: str,
    *,
    charset: str = "utf-8",
    attachment: tuple[str, bytes] | None = None,
) -> bytes:
    """A buyer's mail as it reaches the seller's mailbox through Amazon's relay."""
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = sender, SELLER, subject
    mail["Date"], mail["Message-ID"] = format_datetime(written), message_id
    mail.set_content(body, charset=charset)
    if attachment is not None:
        name, data = attachment
        mail.add_attachment(data, maintype="image", subtype="jpeg", filename=name)
    return mail.as_bytes()


def _converse(desk) -> None:
    """Buyers answer some of the messages (in English and German, quoting what they answer, one with a photo), an
    agent enters the relay address a report did not give, and one mail matches no case."""
    from fbdesk.desk import FeedbackQuery

    clock, agent = desk.clock, desk.agent
    now = clock()
    waiting = desk.list_feedback(FeedbackQuery(statuses=("waiting_on_buyer",), sort="date"), limit=10_000)

    def asked(marketplaces: tuple[str, ...]):
        for fb in waiting:
            case = desk.get_case(fb.id)
            if fb.marketplace in marketplaces and fb.rater_email and case.messages and not case.replies:
                return fb, case.messages[-1]
        raise AssertionError(f"the demo has no waiting case in {marketplaces} to answer")

    def receive(hours_ago: float, raw: bytes) -> None:
        moment = now - timedelta(hours=hours_ago)
        desk.clock = lambda: moment
        desk.receive_mail(raw)

    try:
        fb, message = asked(("US",))
        receive(
            5,
            _mail(
                fb.rater_email,
                f"Re: Your order {fb.order_id}",
                EN_REPLY.format(sent=message.sent_at, seller=SELLER, message=message.body),
                now - timedelta(hours=5, minutes=4),
                "<demo-reply-en-1@mail.example.com>",
            ),
        )
        fb, message = asked(("UK",))
        receive(
            26,
            _mail(
                fb.rater_email,
                f"RE: Your order {fb.order_id}",
                EN_PHOTO_REPLY.format(sent=message.sent_at, seller=SELLER, order=fb.order_id, message=message.body),
                now - timedelta(hours=26, minutes=2),
                "<demo-reply-en-2@mail.example.co.uk>",
                attachment=("kettle-base.jpg", bytes(range(256)) * 180),
            ),
        )
        fb, message = asked(("DE",))
        receive(
            2,
            _mail(
                fb.rater_email,
                f"AW: Ihre Bestellung {fb.order_id}",
                DE_REPLY.format(sent=message.sent_at, seller=SELLER, message=message.body),
                now - timedelta(hours=2, minutes=7),
                "<demo-reply-de-1@web.example.de>",
                charset="iso-8859-1",
            ),
        )
        receive(
            30,
            _mail(
                "sam.rivera@mail.example.net",
                "Where is my lamp?",
                UNMATCHED,
                now - timedelta(hours=30, minutes=11),
                "<demo-unmatched-1@mail.example.net>",
            ),
        )
        desk.clock = clock
        missing = [
            fb
            for fb in desk.list_feedback(FeedbackQuery(ratings=(1, 2), sort="date"), limit=10_000)
            if not fb.rater_email
        ]
        if missing:  # the agent found the buyer's relay address in Seller Central's order page
            desk.agent = AGENTS[1]
            desk.set_buyer_address(
                missing[0].id,
                f"{missing[0].order_id.replace('-', '')[:14]}"
                f"@marketplace.amazon.{MAIL_DOMAINS[missing[0].marketplace]}",
            )
    except RuleRefusal as exc:
        raise AssertionError(f"demo data hit a rule: {exc}") from exc
    finally:
        desk.agent, desk.clock = agent, clock
