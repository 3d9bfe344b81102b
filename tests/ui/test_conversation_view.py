"""The conversation by email in the helpdesk: the background sync and its status line, the thread in the case view
and its keys (retry, settle an unknown delivery, the buyer's address), where the review step says a message goes,
the "Buyer replied" tab, the unmatched mail, and the dashboard's mail figures. Mail goes through a real SMTP
server (aiosmtpd); replies arrive through `Desk.receive_mail`, as the IMAP fetch would store them."""

from __future__ import annotations

import logging

from sqlalchemy import text
from test_flow import choose
from textual.widgets import Static

from fbdesk.desk import CaseStatus, DeliveryState, FeedbackQuery

from ui_support import SELLER, SIZE, buyer_mail, compose, converse, find_case, make_app, run, settle, show


def shown(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def notified(app) -> str:
    return " | ".join(n.message for n in app._notifications)


async def type_line(pilot, value: str) -> None:
    pilot.app.screen.query_one("#prompt-line").value = value
    await pilot.press("enter")
    await pilot.pause()


def open_case(fid):
    from fbdesk.ui.screens.case import CaseScreen

    return CaseScreen(fid)


# --- the background sync ----------------------------------------------------------------------------------


def test_the_background_sync_delivers_the_outbox_and_says_so(mail_desk, smtp_server):
    from fbdesk.ui.app import build_app

    fid = find_case(mail_desk, status="new")
    mail_desk.send_message(fid, "Hello, a replacement ships today.")

    async def flow():
        app = build_app(mail_desk, cursor_blink=False, sync_interval=3600)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await settle(pilot)
            assert "mail: connected · last sync 12:00" in shown(app, "#mail-status")
            await show(pilot, open_case(fid))
            assert "mail: connected" in shown(app, "#mail-status")
            assert "Sent 20 Nov 2026 12:00" in shown(app, "#section-messages")

    run(flow)
    assert any(b"a replacement ships today" in r.data for r in smtp_server.handler.received)
    assert mail_desk.get_case(fid).messages[-1].delivery_state == DeliveryState.SENT


class Recorded(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def test_a_failing_sync_is_logged_and_shown_plainly_and_the_helpdesk_goes_on(mail_desk):
    with mail_desk.engine.begin() as conn:  # a broken database: the worker's sync raises
        conn.execute(text("DROP TABLE mailbox_cursor"))
        conn.execute(text("DROP TABLE buyer_message"))
    from fbdesk.ui.app import build_app

    async def flow():
        app = build_app(mail_desk, cursor_blink=False, sync_interval=3600)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await settle(pilot)
            status = shown(app, "#mail-status")
            assert status.startswith("mail: last error: ") and "no such table" in status and "\n" not in status
            assert "(details in the log)" in status
            await pilot.press("8")  # the helpdesk goes on
            await pilot.pause()
            assert app.screen.query_one("#feedback").total == mail_desk.count_feedback()

    logged = Recorded()
    logger = logging.getLogger("fbdesk.ui.app")
    logger.addHandler(logged)
    try:
        run(flow)
    finally:
        logger.removeHandler(logged)
    assert any(r.exc_info and r.getMessage() == "mail sync failed" for r in logged.records)


def test_without_a_mail_server_the_inbox_says_so_and_the_case_view_says_nothing(demo_desk):
    async def flow():
        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert "mail: not set up (smtp_url, imap_url)" in shown(app, "#mail-status")
            await show(pilot, open_case(find_case(demo_desk, status="new")))
            assert not app.screen.query_one("#mail-status").display

    run(flow)


# --- the case view ----------------------------------------------------------------------------------------


def test_the_thread_shows_every_delivery_state_and_the_buyers_reply(mail_desk, smtp_server):
    fid = find_case(mail_desk, status="new")
    converse(mail_desk, smtp_server, fid)

    async def flow():
        app = make_app(mail_desk)
        async with app.run_test(size=SIZE) as pilot:
            await show(pilot, open_case(fid))
            thread = shown(app, "#section-messages")
            order = [
                thread.index(part)
                for part in (
                    "Sent 20 Nov 2026 03:00",
                    "kettle leaks",
                    "← From the buyer",
                    "Could you send the invoice",
                    "Attachment: receipt.pdf (2.6 KB)",
                    "Failed",
                    "550 5.7.1 Relaying denied",
                    "x sends it again",
                    "the invoice you asked for",
                    "Delivery unknown",
                    "c confirms it arrived, or sends it again",
                    "left our warehouse",
                )
            ]
            assert order == sorted(order)  # oldest first
            assert "> Hello, we are sorry" not in thread  # the quoted history is not repeated
            assert "To the buyer's Amazon relay address" in thread and SELLER in thread
            # Answered after the buyer's reply: waiting on the buyer (status rules). The answer owed since the reply
            # has not gone out yet (one failed, one unknown); the first deadline was met late (3 weeks after).
            header = shown(app, "#case-header")
            assert "Status Waiting on buyer" in header
            assert "First response in 16h · missed earlier (22 Oct 2026)" in header

    run(flow)


def test_x_sends_a_failed_message_again(mail_desk, smtp_server):
    fid = find_case(mail_desk, status="new")
    converse(mail_desk, smtp_server, fid)

    async def flow():
        app = make_app(mail_desk)
        async with app.run_test(size=SIZE) as pilot:
            await show(pilot, open_case(fid))
            await pilot.press("x")
            await pilot.pause()
            assert "Message queued again" in notified(app)
            assert "Failed" not in shown(app, "#section-messages")
            await pilot.press("x")  # nothing left to retry: the key is hidden and does nothing
            await pilot.pause()

    run(flow)
    assert [m.delivery_state for m in mail_desk.get_case(fid).messages][-3:] == ["sent", "queued", "unknown"]
    assert mail_desk.sync().delivered == 1


def test_c_asks_whether_an_unknown_delivery_arrived_or_is_sent_again(mail_desk, smtp_server):
    fid = find_case(mail_desk, status="new")
    converse(mail_desk, smtp_server, fid)

    async def flow():
        app = make_app(mail_desk)
        async with app.run_test(size=SIZE) as pilot:
            await show(pilot, open_case(fid))
            await pilot.press("c")
            await pilot.pause()
            assert type(app.screen).__name__ == "ChoiceScreen"
            await pilot.press("escape")  # changing one's mind changes nothing
            await pilot.pause()
            assert mail_desk.get_case(fid).messages[-1].delivery_state == DeliveryState.UNKNOWN
            await pilot.press("c")
            await pilot.pause()
            await choose(pilot, "It arrived")
            assert "Marked as sent" in notified(app)

    run(flow)
    assert mail_desk.get_case(fid).messages[-1].delivery_state == DeliveryState.SENT


def test_c_can_send_an_unknown_delivery_again(mail_desk, smtp_server):
    fid = find_case(mail_desk, status="new")
    converse(mail_desk, smtp_server, fid)

    async def flow():
        app = make_app(mail_desk)
        async with app.run_test(size=SIZE) as pilot:
            await show(pilot, open_case(fid))
            await pilot.press("c")
            await pilot.pause()
            await choose(pilot, "Send it again")

    run(flow)
    assert mail_desk.get_case(fid).messages[-1].delivery_state == DeliveryState.QUEUED


def test_b_enters_a_relay_address_and_asks_before_using_any_other(demo_desk):
    missing = [
        fb for fb in demo_desk.list_feedback(FeedbackQuery(), limit=1000) if not fb.rater_email and not fb.buyer_address
    ]
    fid = missing[0].id

    async def flow():
        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            await show(pilot, open_case(fid))
            assert "No relay address to send to" in shown(app, "#case-header")
            assert "No address to send to" in shown(app, "#section-messages")
            await pilot.press("b")
            await pilot.pause()
            await type_line(pilot, "buyer@example.com")
            assert type(app.screen).__name__ == "ConfirmScreen"  # not a relay address: asks first
            await pilot.press("n")
            await pilot.pause()
            assert demo_desk.destination(fid).address is None
            await pilot.press("b")
            await pilot.pause()
            await type_line(pilot, "buyer@example.com")
            await pilot.press("y")
            await pilot.pause()
            assert "now go to buyer@example.com" in notified(app)
            assert "the address the agent entered buyer@example.com" in shown(app, "#section-messages")
            await pilot.press("b")
            await pilot.pause()
            await type_line(pilot, "not an address")
            assert "is not an email address" in notified(app)
            await pilot.press("b")
            await pilot.pause()
            await type_line(pilot, "a1b2c3d4e5@marketplace.amazon.com")  # a relay address needs no question
            assert type(app.screen).__name__ == "CaseScreen"
            assert "No relay address" not in shown(app, "#case-header")

    run(flow)
    destination = demo_desk.destination(fid)
    assert destination.address == "a1b2c3d4e5@marketplace.amazon.com" and destination.problem is None


def test_the_composer_and_the_review_step_say_where_the_message_goes(demo_desk):
    fid = find_case(demo_desk, status="new")
    where = demo_desk.destination(fid).describe()
    assert where.startswith("To the buyer's Amazon relay address ")

    async def flow():
        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            await compose(pilot, fid, "Hello, we are sorry the kettle leaks. A replacement ships today.")
            assert shown(app, "#composer-destination") == where
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert type(app.screen).__name__ == "ReviewScreen"
            assert shown(app, "#review-destination") == where

    run(flow)


# --- the inbox, the unmatched mail, the dashboard ------------------------------------------------------------


def test_the_buyer_replied_tab_counts_and_lists_the_replied_cases(demo_desk):
    replied = demo_desk.count_feedback(FeedbackQuery(statuses=(CaseStatus.BUYER_REPLIED,)))
    assert replied >= 3

    async def flow():
        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            from textual.widgets import Tabs

            tabs = app.screen.query_one(Tabs)
            assert [str(t.label).rsplit(" ", 1)[0] for t in tabs.query("Tab")][:3] == ["Open", "Buyer replied", "New"]
            await pilot.press("2")
            await pilot.pause()
            assert tabs.active == CaseStatus.BUYER_REPLIED
            assert str(tabs.active_tab.label) == f"Buyer replied {replied}"
            assert app.screen.query_one("#feedback").total == replied
            await pilot.press("1")
            await pilot.pause()
            assert tabs.active == "open"

    run(flow)


def test_the_unmatched_mail_is_read_and_attached_to_a_case_by_order_id(demo_desk):
    order = demo_desk.get_feedback(find_case(demo_desk, status="new")).order_id

    async def flow():
        app = make_app(demo_desk)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("u")
            await pilot.pause()
            assert type(app.screen).__name__ == "UnmatchedScreen"
            table = app.screen.query_one("#unmatched")
            assert table.row_count == 1
            row = " ".join(str(cell) for cell in table.get_row_at(0))
            assert "sam.rivera@mail.example.net" in row and "Where is my lamp?" in row
            await pilot.press("enter")
            await pilot.pause()
            assert type(app.screen).__name__ == "MailScreen"
            assert "I ordered a lamp from you last month" in shown(app, "#mail-text")
            await pilot.press("a")
            await pilot.pause()
            await type_line(pilot, "999-0000000-0000000")
            assert "No feedback for order '999-0000000-0000000'" in notified(app)
            assert type(app.screen).__name__ == "MailScreen"
            await pilot.press("a")
            await pilot.pause()
            await type_line(pilot, order)
            assert type(app.screen).__name__ == "UnmatchedScreen"
            assert app.screen.query_one("#unmatched").row_count == 0
            assert "No unmatched mail" in shown(app, "#unmatched-empty")

    run(flow)
    assert demo_desk.unmatched_mail() == []
    assert demo_desk.find_order(order).case_status == CaseStatus.BUYER_REPLIED


def test_the_dashboard_counts_messages_not_delivered_by_amazon_and_unmatched_mail(mail_desk, smtp_server):
    fid = find_case(mail_desk, status="new")
    fb = mail_desk.get_feedback(fid)
    converse(mail_desk, smtp_server, fid)
    sent = mail_desk.get_case(fid).messages[-3]
    subject = f"Your e-mail to a buyer could not be delivered (Order: {fb.order_id})"
    notice = buyer_mail(
        "donotreply@amazon.com",
        subject,
        f"Dear Seller,\n\nWe were unable to deliver the message you sent for order {fb.order_id} "
        "because the buyer has chosen to opt out of receiving unsolicited messages from sellers.\n\n"
        f"Your original message:\nTo: {fb.rater_email}\nMessage-ID: {sent.message_id}\n",
        message_id="<notice-1@email.amazonses.com>",
    )
    mail_desk.receive_mail(notice)
    assert mail_desk.get_case(fid).messages[-3].delivery_state == DeliveryState.NOT_DELIVERED
    assert mail_desk.stats().not_delivered == {"buyer-opted-out": 1}

    async def flow():
        app = make_app(mail_desk)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("d")
            await pilot.pause()
            panel = shown(app, "#panel-mail")
            assert "1 message not delivered by Amazon" in panel and "buyer opted out" in panel
            assert "1 unmatched mail matching no case" in panel
            await pilot.press("escape")
            await show(pilot, open_case(fid))
            thread = shown(app, "#section-messages")
            assert "Not delivered by Amazon" in thread and "opted out of unsolicited messages" in thread
            assert "← Amazon: delivery notice" in thread

    run(flow)
