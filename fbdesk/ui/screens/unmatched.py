"""Unmatched mail: fetched mail that matches no case (an unknown sender, no known order id in the subject). The
agent reads one and attaches it to the case of an order; it then counts as the buyer's reply there."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Static

from fbdesk.desk import BuyerReply, NotFound, RuleRefusal
from fbdesk.ui import formatting as fmt
from fbdesk.ui.safe_text import one_line, plain
from fbdesk.ui.screens.base import DeskScreen
from fbdesk.ui.thread import opening, reply_block

EMPTY = "No unmatched mail: every fetched mail is in its case."


class UnmatchedScreen(DeskScreen[None]):
    CSS_PATH = "unmatched.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open_mail", "Open", id="unmatched.open"),
        Binding("a", "attach", "Attach to a case", id="unmatched.attach"),
        Binding("j", "cursor_down", "Down", show=False, id="unmatched.down"),
        Binding("k", "cursor_up", "Up", show=False, id="unmatched.up"),
        Binding("escape,q", "back", "Back", id="unmatched.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.mails: list[BuyerReply] = []

    def compose(self) -> ComposeResult:
        yield Static(id="unmatched-title")
        yield DataTable(id="unmatched", cursor_type="row", zebra_stripes=True)
        yield Static(Text(EMPTY, style="dim"), id="unmatched-empty")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("From", width=34, key="from")
        table.add_column("Subject", width=34, key="subject")
        table.add_column("Received", width=17, key="received")
        table.add_column("Beginning", key="beginning")
        table.focus()
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    def mail_synced(self) -> None:
        self.reload()

    def reload(self) -> None:
        self.mails = self.desk.unmatched_mail()
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for mail in self.mails:
            kind = "Amazon: " if mail.kind == "amazon-notice" else ""
            table.add_row(
                one_line(kind + mail.from_address, limit=120),
                one_line(mail.subject, limit=120),
                fmt.moment(mail.received_at),
                one_line(opening(mail), style="dim", limit=200),
                key=str(mail.id),
            )
        if self.mails:
            table.move_cursor(row=min(row, len(self.mails) - 1))
        table.display = bool(self.mails)
        self.query_one("#unmatched-empty").display = not self.mails
        self.query_one("#unmatched-title", Static).update(
            Text.assemble(
                ("Unmatched mail", "bold"),
                f"  ·  {len(self.mails)} matching no case  ·  ",
                ("enter reads one, a attaches it to a case by order id", "dim"),
            )
        )

    @property
    def current(self) -> BuyerReply | None:
        table = self.query_one(DataTable)
        if not self.mails or not 0 <= table.cursor_row < len(self.mails):
            return None
        return self.mails[table.cursor_row]

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_open_mail()

    def action_open_mail(self) -> None:
        mail = self.current
        if mail is not None:
            self.app.push_screen(MailScreen(mail))

    def action_attach(self) -> None:
        mail = self.current
        if mail is not None:
            ask_order_id(self, mail)

    def action_cursor_down(self) -> None:
        self.query_one(DataTable).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(DataTable).action_cursor_up()

    def action_back(self) -> None:
        self.dismiss()


class MailScreen(DeskScreen[bool]):
    """One unmatched mail, whole (inert), to attach to a case. Dismisses with True once attached."""

    CSS_PATH = "unmatched.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "attach", "Attach to a case", id="mail.attach"),
        Binding("escape,q", "back", "Back", id="mail.back"),
    ]

    def __init__(self, mail: BuyerReply) -> None:
        super().__init__()
        self.mail = mail

    def compose(self) -> ComposeResult:
        yield Static(
            Text.assemble(("Unmatched mail", "bold"), "  ·  ", ("a attaches it to the case of an order", "dim")),
            id="mail-title",
        )
        with VerticalScroll(id="mail-body"):
            yield Static(reply_block(self.mail, full_headers=True), id="mail-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#mail-body").focus()

    def action_attach(self) -> None:
        ask_order_id(self, self.mail)

    def action_back(self) -> None:
        self.dismiss(False)


def ask_order_id(screen: DeskScreen, mail: BuyerReply) -> None:
    """Ask for the order id and attach the mail to its case; a refusal or an unknown order is said plainly and
    nothing changes."""
    from fbdesk.ui.screens.dialogs import TextPromptScreen

    assert mail.id is not None
    reply_id = mail.id
    hint = "The Amazon order id, e.g. 302-4320791-9168494. enter attach · escape cancel"
    suggestion = plain(f" (the subject names {mail.order_id})", limit=80) if mail.order_id else ""

    def typed(order_id: str | None) -> None:
        if not order_id or not order_id.strip():
            return
        try:
            screen.desk.attach_reply(reply_id, order_id)
        except (NotFound, RuleRefusal) as refusal:
            screen.notify(plain(str(refusal)), title="Not attached", severity="error", timeout=10, markup=False)
            return
        screen.notify(
            plain(f"Attached to the case of order {order_id.strip()}: it is now “buyer replied”."), markup=False
        )
        if isinstance(screen, MailScreen):
            screen.dismiss(True)
        elif isinstance(screen, UnmatchedScreen):
            screen.reload()

    screen.app.push_screen(
        TextPromptScreen(f"Attach to the case of order{suggestion}", hint, single_line=True, what="order id"), typed
    )
