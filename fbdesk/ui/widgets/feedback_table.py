"""The inbox table: rows come from the Desk one page at a time (keyset pages: each continues from the row before it)
as the cursor nears either end of what is loaded, so the table holds only a window of the list around what the agent
has looked at. g/Home and G/End go to the real first and last rows at once."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, ClassVar

from rich.text import Text
from textual import getters
from textual.binding import Binding, BindingType
from textual.coordinate import Coordinate
from textual.message import Message
from textual.widgets import DataTable

from fbdesk.desk import CaseStatus, Desk, FeedbackQuery, InboxRow
from fbdesk.ui import formatting as fmt
from fbdesk.ui import presence
from fbdesk.ui.app import FbdeskApp
from fbdesk.ui.safe_text import one_line

PAGE_SIZE = 60
PREFETCH = 15  # load the next page when the cursor is this close to the last loaded row


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    width: int  # 0 for the comment, which takes the width that is left
    sort: str | None = None


# Every column, left to right, as wide as a terminal of 120 columns or more shows them. The first one holds the mark
# (space) in its first cell and leaves two cells for a presence glyph (another agent viewing or writing).
COLUMNS = (
    Column("mark", " ", 3),
    Column("date", "Date   Age", 11, "date"),
    Column("rating", "★", 2, "rating"),
    Column("order", "Order", 19, "order"),
    Column("marketplace", "Mkt", 3, "marketplace"),
    Column("channel", "Ch", 3, "channel"),
    Column("comment", "Comment", 0, "comment"),
    Column("status", "Status", 11, "status"),
    Column("assignee", "Assignee", 8, "assignee"),
    Column("response", "Response", 8, "response"),
    Column("due", "Due", 8, "due"),
)
# How the table gives way when the comment would be narrower than MIN_COMMENT, least needed first: each step
# narrows a column (the day without the age) or drops it. The mark, rating, comment, status and due always stay.
NARROWING: tuple[tuple[str, Column | None], ...] = (
    ("date", Column("day", "Date", 6, "date")),
    ("marketplace", None),  # the order id's first three digits name the marketplace too
    ("response", None),  # the public response is not contact with the buyer: the case view shows it
    ("order", None),  # searching finds a case by its order id; the case view shows it
    ("channel", None),
    ("assignee", None),
)
MIN_COMMENT = 20
PADDING = 2  # the table's cell padding, one each side
SCROLLBAR = 2


def plan_columns(width: int) -> tuple[Column, ...]:
    """The columns a table `width` cells wide shows, with the comment's width filled in: all of them if the comment
    keeps MIN_COMMENT cells, else narrowed step by step (NARROWING). Below the narrowest plan the table scrolls."""
    columns = list(COLUMNS)
    steps = iter(NARROWING)
    while (left := _left_for_comment(columns, width)) < MIN_COMMENT and (step := next(steps, None)):
        key, narrower = step
        at = next(n for n, column in enumerate(columns) if column.key == key)
        if narrower is None:
            del columns[at]
        else:
            columns[at] = narrower
    comment = max(left, MIN_COMMENT)
    return tuple(replace(column, width=comment) if column.key == "comment" else column for column in columns)


def _left_for_comment(columns: list[Column], width: int) -> int:
    return width - SCROLLBAR - sum(column.width + PADDING for column in columns)


MARK = Text("●", style="bold")


class FeedbackTable(DataTable[Text | str]):
    """Feedback rows of one inbox query, loaded page by page."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Open", id="inbox.open"),  # the inbox opens the case (RowSelected)
        Binding("j", "cursor_down", "Down", show=False, id="inbox.down"),
        Binding("k", "cursor_up", "Up", show=False, id="inbox.up"),
        Binding("g,home", "first", "First row", show=False, id="inbox.first"),
        Binding("G,end", "last", "Last row", show=False, id="inbox.last"),
    ]

    class SortRequested(Message):
        def __init__(self, sort: str) -> None:
            super().__init__()
            self.sort = sort

    app = getters.app(FbdeskApp)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.query_: FeedbackQuery = FeedbackQuery()
        self.total: int | None = 0  # None while it is being counted
        self.marked: set[int] = set()
        self._rows: list[InboxRow] = []  # the window of the list that is loaded, in order
        self._at_start = self._at_end = True  # whether the window reaches the first / the last row
        self._sort_of_column: dict[str, str] = {}
        self.columns_shown: tuple[Column, ...] = ()

    @property
    def desk(self) -> Desk:
        return self.app.desk

    def build_columns(self, width: int) -> None:
        self.columns_shown = plan_columns(width)
        self.clear(columns=True)
        for column in self.columns_shown:
            self.add_column(Text(column.label), width=column.width, key=column.key)
            if column.sort:
                self._sort_of_column[column.key] = column.sort

    def load(self, query: FeedbackQuery, total: int | None, keep: bool = False) -> None:
        """Show `query` from its first row, one page; `keep`: read again the stretch of the list that is loaded (from
        the row before its first: after `G`, the end of the list), to stay where the agent was."""
        row = self.cursor_row
        start = None
        if keep and self._rows and not self._at_start:
            before = self.desk.page(query, after=self._rows[0], limit=1, backwards=True)
            start = before[0] if before else None
        self.query_, self.total = query, total
        limit = max(PAGE_SIZE, len(self._rows) if keep else 0)
        rows = self.desk.page(query, after=start, limit=limit)
        self._show(rows, at_start=start is None, at_end=len(rows) < limit)
        if keep and self.row_count:
            self.move_cursor(row=min(row, self.row_count - 1), animate=False)

    def _show(self, rows: list[InboxRow], *, at_start: bool, at_end: bool) -> None:
        self._rows, self._at_start, self._at_end = rows, at_start, at_end
        self.clear()
        self._add(rows)

    def _add(self, rows: list[InboxRow]) -> None:
        now = self.desk.clock()
        for fb in rows:
            self.add_row(*self._cells(fb, now), key=str(fb.id))

    @property
    def loaded(self) -> int:
        return len(self._rows)

    def load_more_if_near_end(self) -> None:
        if not self._at_end and self.cursor_row >= self.row_count - PREFETCH:
            rows = self.desk.page(self.query_, after=self._rows[-1], limit=PAGE_SIZE)
            self._rows += rows
            self._at_end = len(rows) < PAGE_SIZE
            self._add(rows)

    def load_more_if_near_start(self) -> None:
        if not self._at_start and self.cursor_row <= PREFETCH:
            rows = self.desk.page(self.query_, after=self._rows[0], limit=PAGE_SIZE, backwards=True)[::-1]
            row = self.cursor_row
            self._show(rows + self._rows, at_start=len(rows) < PAGE_SIZE, at_end=self._at_end)
            self.move_cursor(row=row + len(rows), animate=False)

    def _cells(self, fb: InboxRow, now: datetime) -> list[Text | str]:
        day = fmt.short_date(fb.feedback_date)
        cells: dict[str, Text | str] = {
            "mark": self._mark_cell(fb),
            "date": Text(f"{day} {fmt.age(fb.feedback_date, now.date()):>4}"),
            "day": Text(day),
            "rating": fmt.rating(fb.rating),
            "order": one_line(fb.order_id),
            "marketplace": one_line(fb.marketplace),
            "channel": Text(fmt.channel_label(fb.channel, short=True)),
            "comment": one_line(fb.comment),
            "status": Text(
                fmt.status_label(fb.case_status, short=True),
                style="bold yellow" if fb.case_status == CaseStatus.BUYER_REPLIED else "",
            ),
            "assignee": one_line(fb.assignee) if fb.assignee else Text("—", style="dim"),
            "response": Text(fmt.response_label(fb.response_state, short=True)),
            "due": fmt.deadline(fb.deadline(now), fb.first_response_due, now),
        }
        return [cells[column.key] for column in self.columns_shown]

    @property
    def current_id(self) -> int | None:
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(Coordinate(self.cursor_row, 0)).row_key
        return None if key.value is None else int(key.value)

    def toggle_mark(self) -> None:
        fid = self.current_id
        if fid is None:
            return
        self.marked ^= {fid}
        row = next((r for r in self._rows if r.id == fid), None)
        if row is not None:
            self.update_cell(str(fid), "mark", self._mark_cell(row))

    def _mark_cell(self, fb: InboxRow) -> Text:
        """The agent's mark, then who else is at the case (fbdesk.ui.presence)."""
        cell = MARK.copy() if fb.id in self.marked else Text(" ")
        cell.append_text(Text.assemble(presence.marker(fb.present)))
        return cell

    def action_first(self) -> None:
        if not self._at_start:
            rows = self.desk.page(self.query_, limit=PAGE_SIZE)
            self._show(rows, at_start=True, at_end=len(rows) < PAGE_SIZE)
        self.move_cursor(row=0)

    def action_last(self) -> None:
        """The real last row of the list, read from the end: nothing between is loaded."""
        if not self._at_end:
            rows = self.desk.page(self.query_, limit=PAGE_SIZE, backwards=True)[::-1]
            self._show(rows, at_start=len(rows) < PAGE_SIZE, at_end=True)
        self.move_cursor(row=self.row_count - 1)

    def on_data_table_row_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self.load_more_if_near_end()
        self.load_more_if_near_start()

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        sort = self._sort_of_column.get(str(event.column_key.value))
        if sort:
            self.post_message(self.SortRequested(sort))
