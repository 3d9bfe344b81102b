"""Mail throughput on loopback servers: deliver N messages to a local aiosmtpd over one connection, and fetch N
buyer replies from a throwaway Dovecot (parsed, quotes stripped, notices recognised), printing the time per message.
Needs Dovecot (`apt-get install -y dovecot-imapd`) for the fetch half.
Usage: python bench/mail_bench.py [N]  (default 1,000)"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "mail"))

from mailservers import SAMPLES, Dovecot, SmtpFixture, dovecot_binary, running_dovecot, running_smtp
from textual import events

from fbdesk.desk import Desk, MailSettings, open_desk
from fbdesk.domain.reports import format_report_date
from fbdesk.mail import ImapServer, MailboxState, Outcome, OutgoingMail, deliver, fetch_new, prepare

BODY = (
    "Dear customer,\n\nwe are sorry that the lamp arrived damaged. A replacement left our warehouse today; "
    "the tracking number follows in a separate message.\n\nKind regards,\nExample Shop"
)


def bench_delivery(n: int) -> None:
    now = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    began = time.perf_counter()
    prepared = [
        prepare(
            OutgoingMail("support@shop.example", f"buyer{i}@marketplace.amazon.com", f"302-0000000-{i:07d}", BODY),
            now=now,
        )
        for i in range(n)
    ]
    built = time.perf_counter() - began
    # aiosmtpd warns that AUTH without TLS is unsafe: it listens on loopback only.
    warnings.filterwarnings("ignore", "Requiring AUTH while not requiring TLS")
    logging.getLogger("mail.log").setLevel(logging.ERROR)
    with running_smtp() as smtp:
        began = time.perf_counter()
        results = deliver(smtp.server, prepared, timeout=30)
        sent = time.perf_counter() - began
        assert all(r.outcome is Outcome.SENT for r in results) and len(smtp.handler.received) == n
    print(
        f"deliver {n:,} messages (one SMTP connection, AUTH): build {1000 * built / n:.3f} ms/message, "
        f"send {1000 * sent / n:.3f} ms/message, {sent:.2f} s in all"
    )


def bench_fetch(n: int) -> None:
    binary = dovecot_binary()
    if binary is None:
        print("fetch: skipped, Dovecot is not installed (apt-get install -y dovecot-imapd)")
        return
    samples = [p.read_bytes() for p in sorted(SAMPLES.glob("reply_*.eml")) if p.name != "reply_hostile.eml"]
    with running_dovecot(binary) as dovecot:
        box = dovecot.new_mailbox()
        with dovecot.client() as client:
            for i in range(n):
                raw = samples[i % len(samples)]
                client.append(box.mailbox, raw.replace(b"Message-ID: <", f"Message-ID: <{i}.".encode(), 1))
        began = time.perf_counter()
        result = fetch_new(box, None, timeout=60)
        fetched = time.perf_counter() - began
        assert len(result.mails) == n, len(result.mails)
        began = time.perf_counter()
        again = fetch_new(box, result.state)
        empty = time.perf_counter() - began
        assert again.mails == [] and again.state == MailboxState(result.state.uidvalidity, n)
    print(
        f"fetch {n:,} replies (IMAP, read-only, parsed): {1000 * fetched / n:.3f} ms/message, "
        f"{fetched:.2f} s in all; a fetch with nothing new: {1000 * empty:.1f} ms"
    )


def _report(folder: str, n: int) -> Path:
    day = format_report_date(datetime(2026, 11, 2).date(), "US")
    report = Path(folder) / "r.tsv"
    report.write_text(
        "Date\tRating\tComments\tResponse\tOrder ID\tRater Email\n"
        + "".join(
            f"{day}\t1\tLamp arrived broken\t\t302-0000000-{i:07d}\tbuyer{i}@marketplace.amazon.com\n" for i in range(n)
        ),
        encoding="utf-8",
    )
    return report


def _desk_with_mail(folder: str, n: int, smtp: SmtpFixture, box: ImapServer | None) -> Desk:
    """A desk with n cases, one queued message each."""
    desk = open_desk(
        str(Path(folder) / "desk.db"),
        agent="bench",
        mail=MailSettings(sender="support@shop.example", smtp=smtp.server, imap=box, timeout=30),
    )
    desk.import_reports([_report(folder, n)])
    for i in range(n):
        desk.send_message(desk.find_order(f"302-0000000-{i:07d}").id, BODY)
    return desk


def _append_replies(dovecot: Dovecot, box: ImapServer, n: int) -> None:
    with dovecot.client() as client:
        for i in range(n):
            client.append(
                box.mailbox,
                (
                    f"From: buyer{i}@marketplace.amazon.com\r\nTo: support@shop.example\r\n"
                    f"Subject: Re: Your order 302-0000000-{i:07d}\r\n"
                    f"Message-ID: <r{i}@marketplace.amazon.com>\r\n\r\nThanks, the replacement works.\r\n"
                    f"\r\nOn Mon, Example Shop wrote:\r\n> {BODY[:60]}\r\n"
                ).encode(),
            )


def bench_desk(n: int) -> None:
    """What an agent meets: n queued messages delivered by `Desk.sync` (each claimed and recorded in transactions of
    its own, judged again by the policy), then n replies fetched into their cases."""
    binary = dovecot_binary()
    with (
        tempfile.TemporaryDirectory() as folder,
        running_smtp() as smtp,
        running_dovecot(binary) if binary else _nothing() as dovecot,
    ):
        box = dovecot.new_mailbox() if dovecot else None
        desk = _desk_with_mail(folder, n, smtp, box)
        began = time.perf_counter()
        report_ = desk.deliver()
        sent = time.perf_counter() - began
        assert report_.delivered == n and len(smtp.handler.received) == n
        print(f"Desk.deliver {n:,} queued messages: {1000 * sent / n:.3f} ms/message, {sent:.2f} s in all")
        if dovecot is None or box is None:
            return
        _append_replies(dovecot, box, n)
        began = time.perf_counter()
        fetched = desk.fetch_replies()
        took = time.perf_counter() - began
        assert fetched.replies == n, fetched
        print(
            f"Desk.fetch_replies {n:,} replies into their cases: {1000 * took / n:.3f} ms/message, {took:.2f} s in all"
        )


def bench_typing_during_sync(n: int, keys: int = 80) -> None:
    """The agent types in the composer while the helpdesk's background sync delivers n messages and fetches n
    replies. Each key goes to the app as the terminal driver delivers one (a Key event posted to the app) and is timed
    until the composer's text holds it (the key handled; painting is bench/composer_bench.py's measure); a 1 ms
    ticker records the longest the event loop was blocked. The same keystrokes are typed once with no sync running,
    in the same run, for comparison. Keys are typed every 40 ms, a fast typist."""
    binary = dovecot_binary()
    if binary is None:
        print("typing during a sync: skipped, Dovecot is not installed")
        return
    with tempfile.TemporaryDirectory() as folder, running_smtp() as smtp, running_dovecot(binary) as dovecot:
        box = dovecot.new_mailbox()
        desk = _desk_with_mail(folder, n, smtp, box)
        _append_replies(dovecot, box, n)
        quiet, quiet_block, syncing, sync_block, overlapped = asyncio.run(_typing(desk, keys))
        assert len(smtp.handler.received) == n, "the background sync did not deliver every message"
        desk.close()
    for label, times, block in (("no sync", quiet, quiet_block), ("during a sync", syncing, sync_block)):
        print(
            f"composer keystroke {label}: median {statistics.median(times):.1f} ms, "
            f"p95 {statistics.quantiles(times, n=20)[-1]:.1f} ms, max {max(times):.1f} ms; "
            f"event loop blocked at most {block:.1f} ms"
        )
    print(f"  ({overlapped} of {keys} keystrokes fell while the sync of {n:,} messages and {n:,} replies ran)")


async def _typing(desk: Desk, keys: int) -> tuple[list[float], float, list[float], float, int]:
    from fbdesk.ui.app import build_app
    from fbdesk.ui.screens.composer import ComposerScreen

    app = build_app(desk, cursor_blink=False)
    app.sync_interval = None
    async with app.run_test(size=(120, 36)) as pilot:
        await app.push_screen(ComposerScreen(desk.find_order("302-0000000-0000000").id))
        await pilot.pause(0.2)

        async def type_keys() -> tuple[list[float], float, int]:
            worst = 0.0
            ticking = True

            async def ticker() -> None:
                nonlocal worst
                while ticking:
                    before = time.perf_counter()
                    await asyncio.sleep(0.001)
                    worst = max(worst, time.perf_counter() - before - 0.001)

            tick = asyncio.create_task(ticker())
            times: list[float] = []
            during = 0
            editor = app.screen.editor
            for i in range(keys):
                key = "abcdefghij"[i % 10]
                length = len(editor.text)
                began = time.perf_counter()
                app.post_message(events.Key(key, key))
                while len(editor.text) == length:
                    await asyncio.sleep(0.0002)
                times.append(1000 * (time.perf_counter() - began))
                during += app._syncing
                await asyncio.sleep(0.04)
            ticking = False
            await tick
            return times, 1000 * worst, during

        quiet, quiet_block, _ = await type_keys()
        app.sync_mail()
        syncing, sync_block, overlapped = await type_keys()
        while app._syncing:
            await asyncio.sleep(0.1)
    return quiet, quiet_block, syncing, sync_block, overlapped


@contextlib.contextmanager
def _nothing() -> Iterator[None]:
    yield None


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    bench_delivery(n)
    bench_fetch(n)
    bench_desk(n)
    bench_typing_during_sync(n)


if __name__ == "__main__":
    main()
