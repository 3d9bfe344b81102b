"""The inbox table: rows come from the Desk one page at a time (keyset pages: each continues from the row before it)
as the cursor nears either end of what is loaded, so the table holds only a window of the list around what the agent
has looked at. g/Home and G/End go to the real first and last rows at once."""

from __future__ import annotations

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
from fbdesk.ui.app import FbdeskApp
from fbdesk.ui.safe_text import one_line

PAGE_SIZE = 60
PREFETCH = 15  # load the next page when the cursor is this close to the last loaded row

# (column key, label, width, sort key); the comment column takes the width that is left.
COLUMNS = (
    ("mark", " ", 1, None),
    ("date", "Date   Age", 11, "date"),
    ("rating", "★", 2, "rating"),
    ("order", "Order", 19, "order"),
    ("marketplace", "Mkt", 3, "marketplace"),
    ("channel", "Ch", 3, "channel"),
    ("comment", "Comment", 0, "comment"),
    ("status", "Status", 11, "status"),
    ("assignee", "Assignee", 8, "assignee"),
    ("response", "Response", 8, "response"),
    ("due", "Due", 8, "due"),
)
MIN_COMMENT = 16
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

    @property
    def desk(self) -> Desk:
        return self.app.desk

    def build_columns(self, width: int) -> None:
        fixed = sum(w for _, _, w, _ in COLUMNS) + 2 * len(COLUMNS) + 2
        comment = max(MIN_COMMENT, width - fixed)
        self.clear(columns=True)
        for key, label, size, sort in COLUMNS:
            self.add_column(Text(label), width=size or comment, key=key)
            if sort:
                self._sort_of_column[key] = sort

    def load(self, query: FeedbackQuery, total: int | None, keep: int = 0) -> None:
        """Show `query` from its first row: one page, or as many rows as `keep` to stay where the agent was."""
        row = self.cursor_row
        self.query_, self.total = query, total
        limit = max(PAGE_SIZE, keep)
        rows = self.desk.page(query, limit=limit)
        self._show(rows, at_start=True, at_end=len(rows) < limit)
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
        return [
            MARK if fb.id in self.marked else "",
            Text(f"{fmt.short_date(fb.feedback_date)} {fmt.age(fb.feedback_date, now.date()):>4}"),
            fmt.rating(fb.rating),
            one_line(fb.order_id),
            one_line(fb.marketplace),
            Text(fmt.channel_label(fb.channel, short=True)),
            one_line(fb.comment),
            Text(
                fmt.status_label(fb.case_status, short=True),
                style="bold yellow" if fb.case_status == CaseStatus.BUYER_REPLIED else "",
            ),
            one_line(fb.assignee) if fb.assignee else Text("—", style="dim"),
            Text(fmt.response_label(fb.response_state, short=True)),
            fmt.deadline(fb.deadline(now), fb.first_response_due, now),
        ]

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
        self.update_cell(str(fid), "mark", MARK if fid in self.marked else "")

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
