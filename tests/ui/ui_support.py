"""Helpers for the UI tests: the fixed clock and size, hostile buyer text, the app factory with repeatable
settings, and finding demo cases in a given state."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from fbdesk.desk import FeedbackQuery

NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)
SELLER = "support@seller.example"
SIZE = (120, 36)
HOSTILE_COMMENTS = [
    "bad [/i] tag [bold]bold[/bold] [link=https://evil.example]click[/link] [/]",
    "\x1b[31mred\x1b[0m \x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\ \x1b]0;pwned\x07 bell\x07 \x9b2J",
    "bidi \u202eevil txet\u202c and \u2066isolate\u2069 \u200fmark",
    "zero\u200bwidth\u200djoiner\ufeff soft\u00adhyphen",
    "Z\u0351\u0352\u0353\u0354\u0355\u0356\u0357a\u0300\u0301\u0302\u0303\u0304\u0305lgo text",
    "emoji 😀👍🏽🇩🇪 family 👨‍👩‍👧 kettle ☕",
    "line one\nline two\r\nline three\ttabbed",
    " ".join(f"word{n}" for n in range(1700))[:10_000],
]

# Hostile text in the fields a report or a colleague supplies: order id, rater email, marketplace, agent names.
# CSI, OSC (hyperlink and window title, with ESC and with C1 introducers), BEL, NUL, NEL, markup and bidi.
HOSTILE_FIELDS = [
    "\x1b[31m111-0000000\x1b[0m",
    "\x1b]8;;https://evil.example\x07111-1\x1b]8;;\x07",
    "[bold]111[/bold]-\x9b2J\x00",
    "\u202e1000000-111\u202c",
    "111-\x9d0;pwned\x9c-\x85x",
    "\x1b]0;title\x1b\\111-5",
    "[link=https://evil.example]111[/link]\x08\x7f",
    "111-\r\n7\ttab",
]
HOSTILE_AGENT = "\x1b[2J\x1b]0;pwned\x07[b]mallory[/b]\u202e"


def clock() -> datetime:
    return NOW


def write_hostile_report(path: Path) -> Path:
    """A report whose comments are hostile, in Amazon's flat-file layout (fields quoted as Amazon does)."""

    def field(value: str) -> str:
        return '"' + value.replace('"', '""') + '"' if any(c in value for c in '\t"\r\n') else value

    lines = ["Date\tRating\tComments\tResponse\tOrder ID\tRater Email"]
    for n, comment in enumerate(HOSTILE_COMMENTS):
        lines.append(
            "\t".join(
                [
                    f"11/{10 + n}/26",
                    str(1 + n % 3),
                    field(comment),
                    "",
                    f"111-{n:07d}-0000001",
                    f"b{n}@marketplace.amazon.com",
                ]
            )
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def make_fields_hostile(desk) -> None:
    """Put hostile text where the report parser and the Desk would refuse it, by SQL straight into the rows:
    order id, rater email and marketplace of every feedback; the agent name on an assignee, messages, a
    response and notes (after the Desk wrote them for a well-named agent) and on added audit events."""
    from sqlalchemy import insert, update

    from fbdesk.db.models import AuditEvent, BuyerMessage, Feedback, Note, Response

    ids = sorted(fb.id for fb in desk.list_feedback(FeedbackQuery(statuses=()), limit=100))
    for fid in ids[:3]:
        desk.assign(fid, desk.agent)
        desk.add_note(fid, "Called the buyer.")
        desk.send_message(fid, "Thank you for your order. A replacement ships today.")
    desk.submit_response(ids[1], "We are sorry about this order and sent a replacement.")
    with desk.engine.begin() as conn:
        for n, fid in enumerate(ids):
            value = HOSTILE_FIELDS[n % len(HOSTILE_FIELDS)]
            conn.execute(
                update(Feedback)
                .where(Feedback.id == fid)
                .values(order_id=f"{value}#{n}", rater_email=f"{value}@example.com", marketplace=value[:4])
            )
        conn.execute(update(Feedback).where(Feedback.assignee.is_not(None)).values(assignee=HOSTILE_AGENT))
        for table in (BuyerMessage, Note, Response):
            conn.execute(update(table).values(agent=HOSTILE_AGENT))
        conn.execute(
            insert(AuditEvent),
            [  # append-only: hostile events are added, not edited in
                {
                    "feedback_id": fid,
                    "agent": HOSTILE_AGENT,
                    "at": NOW,
                    "action": HOSTILE_FIELDS[0],
                    "details": json.dumps({"new": HOSTILE_AGENT}),
                }
                for fid in ids
            ],
        )


# The help screen names the keymap file; a fixed path keeps screenshots the same on every machine.
KEYMAP_FILE = Path("/home/agent/.config/fbdesk/keymap.toml")


def make_app(desk, theme: str = "textual-dark"):
    from fbdesk.ui.app import build_app

    return build_app(desk, theme=theme, cursor_blink=False, keymap_file=KEYMAP_FILE)


def run(coroutine_function, *args):
    """Run an async pilot test from a plain `def` test (no pytest-asyncio needed)."""
    return asyncio.run(coroutine_function(*args))


def find_case(
    desk,
    *,
    status: str | None = None,
    response: str | None = None,
    assigned: bool | None = None,
    busiest: bool = False,
    marketplace: str | None = None,
) -> int:
    """The id of a demo feedback in the wanted state: the first by id, or the one with the most history."""
    query = FeedbackQuery(
        statuses=(status,) if status else (),
        ratings=(1, 2, 3),
        marketplaces=(marketplace,) if marketplace else (),
        sort="date",
        descending=False,
    )
    found = [
        fb
        for fb in desk.list_feedback(query, limit=1000)
        if (response is None or fb.response_state == response)
        and (assigned is None or (fb.assignee is not None) == assigned)
    ]
    assert found, "the demo data has no such case"
    if not busiest:
        return min(fb.id for fb in found)

    def weight(fb):
        case = desk.get_case(fb.id)
        return (len(case.messages) + len(case.notes) + len(case.responses) + len(case.removal_requests), -fb.id)

    return max(found, key=weight).id


def buyer_mail(
    sender: str,
    subject: str,
    body: str,
    *,
    message_id: str = "<reply-1@mail.example.com>",
    attachment: tuple[str, bytes] | None = None,
) -> bytes:
    """A mail as it reaches the seller's mailbox from a buyer (through Amazon's relay) or from anyone."""
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = sender, SELLER, subject
    mail["Date"], mail["Message-ID"] = format_datetime(NOW), message_id
    mail.set_content(body)
    if attachment is not None:
        mail.add_attachment(attachment[1], maintype="application", subtype="pdf", filename=attachment[0])
    return mail.as_bytes()


def converse(desk, smtp, feedback_id: int) -> None:
    """A conversation through a real mail server, an hour apart each: a message delivered, the buyer's reply
    (with an attachment and quoted history), a message the server refuses for good (550), and one whose
    delivery is unknown (the server takes longer to accept it than the desk waits)."""
    fb = desk.get_feedback(feedback_id)
    steps = iter(range(1, 10))

    def later() -> None:
        moment = NOW - timedelta(hours=10 - next(steps))
        desk.clock = lambda: moment

    try:
        later()
        desk.send_message(feedback_id, "Hello, we are sorry the kettle leaks. A replacement ships today.")
        desk.sync()  # the demo's queued messages go too
        later()
        desk.receive_mail(
            buyer_mail(
                fb.rater_email,
                f"Re: Your order {fb.order_id}",
                "Thanks! Could you send the invoice too?\n\nOn Friday the seller wrote:\n> Hello, we are sorry",
                attachment=("receipt.pdf", b"%PDF-1.4 " * 300),
            )
        )
        later()
        smtp.handler.rcpt_answer = "550 5.7.1 Relaying denied: sender not permitted"
        desk.send_message(feedback_id, "Here is the invoice you asked for: it is attached in Seller Central.")
        assert desk.sync().failed == 1, "the server refused it"
        later()
        smtp.handler.rcpt_answer, smtp.handler.data_delay = None, 3
        desk.send_message(feedback_id, "The replacement left our warehouse this morning.")
        assert desk.sync().unknown == 1, "the server kept silent after the message content"
        smtp.handler.data_delay = 0
        states = [m.delivery_state for m in desk.get_case(feedback_id).messages][-3:]
        assert states == ["sent", "failed", "unknown"], states
    finally:
        desk.clock = clock


# --- pilot steps shared by the flows ---------------------------------------------------------------------------------


async def settle(pilot) -> None:
    """Let the app's workers finish and the screen redraw."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause(0.05)


async def show(pilot, screen) -> None:
    """Open a screen on top of the app and let it draw."""
    await pilot.app.push_screen(screen)
    await pilot.pause()


async def type_text(pilot, text: str) -> None:
    pilot.app.screen.editor.insert(text)
    await pilot.pause()
    await settle(pilot)


async def compose(pilot, feedback_id: int, text: str) -> None:
    """Open the composer on a case, let it load, and type `text` into it."""
    from fbdesk.ui.screens.composer import ComposerScreen

    await pilot.app.push_screen(ComposerScreen(feedback_id))
    await settle(pilot)
    await type_text(pilot, text)
