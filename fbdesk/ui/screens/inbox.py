"""The inbox, the home screen: status tabs with counts, search, filters, sort, and the feedback table."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Input, Static, Tab, Tabs

from fbdesk.desk import OPEN_STATUSES, SORT_COLUMNS, UNASSIGNED, CaseStatus, DeskChange, FeedbackQuery, RuleRefusal
from fbdesk.ui import formatting as fmt
from fbdesk.ui import undo
from fbdesk.ui.safe_text import one_line, plain
from fbdesk.ui.screens.base import DeskScreen
from fbdesk.ui.widgets.feedback_table import FeedbackTable
from fbdesk.ui.widgets.mail_status import MailStatus

TABS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("open", "Open", OPEN_STATUSES),
    *((status, fmt.status_label(status), (status,)) for status in CaseStatus),
    ("all", "All", ()),
)
SHORT_TAB_LABELS: dict[str, str] = {status.value: fmt.status_label(status, short=True) for status in CaseStatus}
TAB_PADDING = 2  # cells around a tab's label
SEARCH_DELAY = 0.2
SOMEONE_ELSE = "\x00someone-else"  # a choice no agent name can collide with
EMPTY_DATABASE = """\
No feedback yet.

Import an Amazon feedback report (Seller Central → Performance → Feedback → download, a .txt or .tsv file):

    fbdesk import REPORT.txt --marketplace US --channel fba

or look around with demo data:

    fbdesk demo

then start fbdesk again. (ctrl+q quits.)"""


def describe_filters(query: FeedbackQuery) -> str:
    parts = []
    if query.text.strip():
        parts.append(f"search “{query.text.strip()}”")
    if query.ratings:
        parts.append("stars " + ",".join(map(str, query.ratings)))
    if query.marketplaces:
        parts.append("marketplace " + ",".join(query.marketplaces))
    if query.channels:
        parts.append("channel " + ",".join(fmt.channel_label(c, short=True) for c in query.channels))
    if query.assignee:
        parts.append("unassigned" if query.assignee == UNASSIGNED else f"assignee {query.assignee}")
    if query.due:
        parts.append(query.due.replace("-", " "))
    return " · ".join(parts)


class InboxScreen(DeskScreen[None]):
    CSS_PATH = "inbox.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", "Search", id="inbox.search"),
        Binding("f", "filter", "Filter", id="inbox.filter"),
        Binding("x", "clear_filters", "Clear filters", id="inbox.clear", show=False),
        Binding("s", "sort", "Sort", id="inbox.sort"),
        Binding("S", "reverse", "Reverse order", id="inbox.reverse", show=False),
        Binding("space", "mark", "Mark", id="inbox.mark"),
        Binding("a", "assign_me", "Assign to me", id="inbox.assign_me"),
        Binding("A", "assign", "Assign to…", id="inbox.assign", show=False),
        Binding("c", "status", "Status", id="inbox.status"),
        Binding("d", "dashboard", "Dashboard", id="inbox.dashboard"),
        Binding("u", "unmatched", "Unmatched mail", id="inbox.unmatched"),
        Binding("ctrl+z", "undo", "Undo", id="inbox.undo", show=False),
        Binding("right_square_bracket", "next_tab", "Next tab", id="inbox.next_tab", show=False, key_display="]"),
        Binding(
            "left_square_bracket", "previous_tab", "Previous tab", id="inbox.previous_tab", show=False, key_display="["
        ),
        *(
            Binding(str(n), f"tab({n - 1})", f"Tab: {label}", id=f"inbox.tab{n}", show=False)
            for n, (_, label, _) in enumerate(TABS, start=1)
        ),
        Binding("r", "refresh", "Refresh", id="inbox.refresh", show=False),
        # Back, as on every screen: out of the search, then the filters off; never out of the app (ctrl+q quits)
        Binding("escape,q", "back", "Back", id="inbox.back", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.query_ = FeedbackQuery(statuses=OPEN_STATUSES)
        self._search_timer: Timer | None = None
        self._painted = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="top-bar"):
            yield Static(id="top-title")
            yield MailStatus(id="mail-status")
        yield Tabs(*(Tab(label, id=tab_id) for tab_id, label, _ in TABS), id="status-tabs")
        yield Input(
            placeholder="Search comments (all words; enter to go to the list, escape to leave)",
            id="search",
            classes="hidden",
            select_on_focus=False,
        )
        yield Static(id="filter-line")
        with Vertical(id="inbox-body"):
            yield FeedbackTable(id="feedback")
            yield Static(Text(EMPTY_DATABASE), id="empty", classes="hidden")
        yield Static(id="status-line")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Tabs).can_focus = False
        self.query_one(Input).cursor_blink = self.app.cursor_blink
        table = self.query_one(FeedbackTable)
        table.build_columns(self.app.size.width)
        self.reload()
        table.focus()
        self.call_after_refresh(self._first_paint)

    def _first_paint(self) -> None:
        if not self._painted:
            self._painted = True
            self.app.inbox_painted()

    def on_screen_resume(self) -> None:
        if self._painted:
            self.reload(keep=True)

    def on_resize(self) -> None:
        table = self.query_one(FeedbackTable)
        if table.columns and self._painted:
            table.build_columns(self.size.width)
            self.reload(keep=True)

    # --- loading ------------------------------------------------------------------------------------

    def reload(self, keep: bool = False) -> None:
        """Show the query's first rows, and its counts: at once from the desk's tallies, or, with a search or a date
        or due filter, counted in a thread and shown when ready."""
        tabs = self.query_one(Tabs)
        active = next(tab_id for tab_id, _, statuses in TABS if statuses == self.query_.statuses)
        if tabs.active != active:
            with tabs.prevent(Tabs.TabActivated):
                tabs.active = active
        table = self.query_one(FeedbackTable)
        quick = self.desk.counts_are_quick(self.query_)
        counts = self.desk.count_by_status(self.query_) if quick else None
        total = None if counts is None else sum(counts[s] for s in (self.query_.statuses or CaseStatus))
        table.load(self.query_, total, keep=keep)
        empty_database = total == 0 and counts is not None and sum(counts.values()) == 0
        empty_database = empty_database and self.desk.count_feedback() == 0
        table.set_class(empty_database, "hidden")
        self.query_one("#empty").set_class(not empty_database, "hidden")
        if counts is None:
            self._show_counts(None)
            self._count_in_background(self.query_)
        else:
            self._show_counts(counts)
        self._show_lines(empty_database)

    def _show_counts(self, counts: dict[str, int] | None) -> None:
        """Each tab's label with its count; the statuses' short names ("Waiting") when the full ones would push the
        last tabs off a narrow screen."""
        tabs = self.query_one(Tabs)
        shown = {}
        for tab_id, label, statuses in TABS:
            count = "…" if counts is None else f"{sum(counts[s] for s in (statuses or CaseStatus)):,}"
            shown[tab_id] = (f"{label} {count}", f"{SHORT_TAB_LABELS.get(tab_id, label)} {count}")
        fits = sum(len(full) + TAB_PADDING for full, _ in shown.values()) <= self.size.width
        for tab_id, (full, short) in shown.items():
            tabs.query_one(f"#{tab_id}", Tab).label = full if fits else short

    @work(thread=True, exclusive=True, group="inbox-counts", exit_on_error=False)
    def _count_in_background(self, query: FeedbackQuery) -> None:
        counts = self.desk.count_by_status(query)
        self.app.call_from_thread(self._counted, query, counts)

    def _counted(self, query: FeedbackQuery, counts: dict[str, int]) -> None:
        if query != self.query_:
            return  # the agent has moved on
        self._show_counts(counts)
        self.query_one(FeedbackTable).total = sum(counts[s] for s in (query.statuses or CaseStatus))
        self._show_lines()

    def _show_lines(self, empty_database: bool = False) -> None:
        table = self.query_one(FeedbackTable)
        self.query_one("#top-title", Static).update(
            Text.assemble(
                ("fbdesk", "bold"),
                "  ·  agent ",
                one_line(self.desk.agent, style="bold", limit=80),
                "  ·  ",
                fmt.long_date(self.desk.clock()),
            )
        )
        filters = describe_filters(self.query_)
        self.query_one("#filter-line", Static).update(
            one_line(f"Filters: {filters}   (f change · x clear)")
            if filters
            else Text("No filters   (/ search · f filter · s sort)", style="dim")
        )
        if empty_database:
            self.query_one("#status-line", Static).update("")
            return
        direction = "descending" if self.query_.descending else "ascending"
        if table.total is None:
            shown = f"{table.loaded:,} loaded, counting…" if table.loaded else "Nothing matches"
        else:
            shown = f"{table.loaded:,} of {table.total:,} loaded" if table.total else "Nothing matches"
        marked = f"  ·  {len(table.marked)} marked" if table.marked else ""
        self.query_one("#status-line", Static).update(
            Text(f"{shown}  ·  sorted by {self.query_.sort}, {direction}{marked}")
        )

    def apply_query(self, query: FeedbackQuery) -> None:
        self.query_ = query
        self.query_one(FeedbackTable).marked.clear()
        self.reload()

    @on(DataTable.RowHighlighted)
    def _row_highlighted(self) -> None:
        self._show_lines()

    @on(FeedbackTable.SortRequested)
    def _sort_requested(self, event: FeedbackTable.SortRequested) -> None:
        self._sort_by(event.sort)

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_open_case()

    @on(Tabs.TabActivated)
    def _tab_activated(self, event: Tabs.TabActivated) -> None:
        statuses = next(s for tab_id, _, s in TABS if tab_id == event.tab.id)
        if statuses != self.query_.statuses:
            self.apply_query(self.query_.but(statuses=statuses))

    # --- search ---------------------------------------------------------------------------------------

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.remove_class("hidden")
        search.focus()

    @on(Input.Changed, "#search")
    def _search_changed(self) -> None:
        if self._search_timer:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_DELAY, self._run_search)

    def _run_search(self) -> None:
        text = self.query_one("#search", Input).value
        if text != self.query_.text:
            self.apply_query(self.query_.but(text=text))

    @on(Input.Submitted, "#search")
    def _search_submitted(self) -> None:
        self._run_search()
        self._leave_search()

    def _leave_search(self) -> None:
        search = self.query_one("#search", Input)
        search.set_class(not search.value, "hidden")
        self.query_one(FeedbackTable).focus()

    def action_back(self) -> None:
        if self.focused is self.query_one("#search"):
            self._leave_search()
        elif describe_filters(self.query_):
            self.action_clear_filters()
        else:
            from fbdesk.ui.bound_keys import bound_actions

            quit_keys = next((b.keys_text for b in bound_actions(self) if b.binding_id == "app.quit"), "")
            self.notify(
                f"This is the inbox, the first screen: {quit_keys or 'the palette'} quits fbdesk.", markup=False
            )

    # --- filters and sort ---------------------------------------------------------------------------

    def action_filter(self) -> None:
        from fbdesk.ui.screens.filters import FilterScreen

        self.app.push_screen(FilterScreen(self.query_, self.desk.agents()), self._filters_chosen)

    def _filters_chosen(self, query: FeedbackQuery | None) -> None:
        if query is not None:
            self.apply_query(query)

    def action_clear_filters(self) -> None:
        search = self.query_one("#search", Input)
        search.value = ""
        search.add_class("hidden")
        self.query_one(FeedbackTable).focus()
        self.apply_query(
            FeedbackQuery(statuses=self.query_.statuses, sort=self.query_.sort, descending=self.query_.descending)
        )

    def action_sort(self) -> None:
        from fbdesk.ui.screens.dialogs import ChoiceScreen

        choices = [(key, key) for key in SORT_COLUMNS]
        self.app.push_screen(
            ChoiceScreen(
                "Sort by",
                choices,
                current=self.query_.sort,
                hint="Choosing the current column reverses the order (S also does).",
            ),
            self._sort_chosen,
        )

    def _sort_chosen(self, sort: str | None) -> None:
        if sort:
            self._sort_by(sort)

    def _sort_by(self, sort: str) -> None:
        if sort == self.query_.sort:
            self.apply_query(self.query_.but(descending=not self.query_.descending))
        else:
            self.apply_query(self.query_.but(sort=sort, descending=sort == "date"))

    def action_reverse(self) -> None:
        self.apply_query(self.query_.but(descending=not self.query_.descending))

    def action_tab(self, index: int) -> None:
        self.query_one(Tabs).active = TABS[index][0]

    def action_next_tab(self) -> None:
        self.query_one(Tabs).action_next_tab()

    def action_previous_tab(self) -> None:
        self.query_one(Tabs).action_previous_tab()

    def action_refresh(self) -> None:
        self.reload(keep=True)

    def desk_changed(self, _change: DeskChange) -> None:
        """Another helpdesk changed the desk (cases, or who is at them): the rows loaded and the counts are read
        again, the cursor staying on its case (or its row, if the case left the list), the marks and the scroll
        where they were."""
        table = self.query_one(FeedbackTable)
        if not table.columns:  # not shown yet: it reads the desk as it is when it is
            return
        fid, row, scrolled = table.current_id, table.cursor_row, table.scroll_y
        self.reload(keep=True)
        if fid is not None and str(fid) in table.rows:
            row = table.get_row_index(str(fid))
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1), animate=False, scroll=False)
            self.call_after_refresh(table.scroll_to, y=scrolled, animate=False, immediate=True)

    # --- working on rows ------------------------------------------------------------------------------

    def _targets(self) -> list[int]:
        table = self.query_one(FeedbackTable)
        if table.marked:
            return sorted(table.marked)
        return [] if table.current_id is None else [table.current_id]

    def action_mark(self) -> None:
        table = self.query_one(FeedbackTable)
        table.toggle_mark()
        table.action_cursor_down()
        self._show_lines()

    def action_open_case(self) -> None:
        fid = self.query_one(FeedbackTable).current_id
        if fid is not None:
            from fbdesk.ui.screens.case import CaseScreen

            self.app.push_screen(CaseScreen(fid, self.query_), self._case_closed)

    def _case_closed(self, fid: int | None) -> None:
        """Back from a case (] and [ move through the list there): the cursor goes to the case last shown, once the
        rows are loaded again."""
        if fid is not None:
            self.call_after_refresh(self._move_to_row, fid)

    def _move_to_row(self, fid: int) -> None:
        table = self.query_one(FeedbackTable)
        if str(fid) in table.rows:
            table.move_cursor(row=table.get_row_index(str(fid)), animate=False)

    def action_assign_me(self) -> None:
        self._assign(self.desk.agent)

    def action_assign(self) -> None:
        from fbdesk.ui.screens.dialogs import ChoiceScreen

        choices = [(agent, agent) for agent in self.desk.agents()]
        choices += [(SOMEONE_ELSE, "Someone else…"), (UNASSIGNED, "Nobody (unassign)")]
        self.app.push_screen(ChoiceScreen(f"Assign {self._count_words()} to", choices), self._assignee_chosen)

    def _assignee_chosen(self, agent: str | None) -> None:
        from fbdesk.ui.screens.dialogs import TextPromptScreen

        if agent == SOMEONE_ELSE:
            self.app.push_screen(
                TextPromptScreen(f"Assign {self._count_words()} to the agent named", single_line=True, what="name"),
                self._assignee_named,
            )
        elif agent:
            self._assign(None if agent == UNASSIGNED else agent)

    def _assignee_named(self, name: str | None) -> None:
        if name and name.strip():
            self._assign(name.strip())

    def _assign(self, agent: str | None) -> None:
        ids = self._targets()
        if not ids:
            return
        try:
            change = self.desk.change_assignee(ids, agent)
        except RuleRefusal as refusal:
            self.notify(plain(str(refusal)), title="Not assigned", severity="error", timeout=10, markup=False)
            return
        done = f"assigned to {agent}" if agent else "unassigned"
        undo.offer(self, change, f"{self._count_words()} {done}.")
        self._after_bulk()

    def action_status(self) -> None:
        from fbdesk.ui.screens.dialogs import ChoiceScreen

        if not self._targets():
            return
        choices = [(status, fmt.status_label(status)) for status in CaseStatus]
        self.app.push_screen(ChoiceScreen(f"Set the status of {self._count_words()}", choices), self._status_chosen)

    def _status_chosen(self, status: str | None) -> None:
        if status:
            self._set_status(status)

    def _set_status(self, status: str) -> None:
        try:
            change = self.desk.change_status(self._targets(), status)
        except RuleRefusal as refusal:
            self.notify(plain(str(refusal)), title="Status not changed", severity="error", timeout=10, markup=False)
            return
        undo.offer(self, change, f"{self._count_words()} now {fmt.status_label(status).lower()}.")
        self._after_bulk()

    def action_undo(self) -> None:
        if undo.undo(self):
            self.reload(keep=True)

    def _count_words(self) -> str:
        count = len(self._targets())
        return "1 case" if count == 1 else f"{count} cases"

    def _after_bulk(self) -> None:
        self.query_one(FeedbackTable).marked.clear()
        self.reload(keep=True)

    def mail_synced(self) -> None:
        """The background sync delivered or fetched something: the counts and rows may have changed."""
        if self._painted:
            self.reload(keep=True)

    def action_unmatched(self) -> None:
        from fbdesk.ui.screens.unmatched import UnmatchedScreen

        self.app.push_screen(UnmatchedScreen())

    def action_dashboard(self) -> None:
        from fbdesk.ui.screens.dashboard import DashboardScreen

        self.app.push_screen(DashboardScreen())

    def show_overdue(self) -> None:
        self.apply_query(FeedbackQuery(statuses=OPEN_STATUSES, due="overdue", sort="due", descending=False))
