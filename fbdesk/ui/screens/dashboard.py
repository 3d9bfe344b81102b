"""The dashboard: feedback rating over 30/90/365 days and lifetime, counts by rating and status, negative feedback
per week, removal outcomes, overdue cases, and the messages Amazon did not deliver and the unmatched mail."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.console import JustifyMethod
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Footer, Static

from fbdesk.desk import RemovalOutcome, Stats
from fbdesk.ui import formatting as fmt
from fbdesk.ui.screens.base import DeskScreen

BAR = 28
CHART_HEIGHT = 6
AXIS = 6  # "  18 ┤"
MIN_WEEK = 7  # the narrowest column of the weekly chart: "14 Sep" and a space
BLOCKS = " ▁▂▃▄▅▆▇█"


def bar(count: int, most: int, width: int = BAR, style: str = "") -> Text:
    filled = round(width * count / most) if most else 0
    return Text.assemble(("█" * filled, style), ("·" * (width - filled), "dim"))


def ratings_table(stats: Stats) -> Table:
    table = Table(box=None, padding=(0, 1, 0, 0), pad_edge=False, header_style="bold")
    columns: tuple[tuple[str, JustifyMethod], ...] = (
        ("Window", "left"),
        ("Rating", "right"),
        ("Positive", "right"),
        ("Neutral", "right"),
        ("Negative", "right"),
    )
    for name, justify in columns:
        table.add_column(name, justify=justify, no_wrap=True)
    for figure in stats.figures:
        percent = "–" if figure.percent_positive is None else f"{figure.percent_positive:.1f}%"
        table.add_row(
            figure.label, Text(percent, style="bold"), str(figure.positive), str(figure.neutral), str(figure.negative)
        )
    return table


def by_rating(stats: Stats) -> Text:
    most = max(stats.by_rating.values(), default=0)
    text = Text()
    for rating in range(5, 0, -1):
        count = stats.by_rating[rating]
        text.append_text(fmt.stars(rating))
        text.append(f" {count:>6,} ")
        text.append_text(bar(count, most, style="red" if rating <= 2 else "yellow" if rating == 3 else "green"))
        text.append("\n")
    return text


def by_status(stats: Stats) -> Text:
    most = max(stats.by_status.values(), default=0)
    text = Text()
    for status, count in stats.by_status.items():
        text.append(f"{fmt.status_label(status):<17}{count:>6,} ")
        text.append_text(bar(count, most, width=10))
        text.append("\n")
    return text


def weekly_chart(stats: Stats, width: int, height: int = CHART_HEIGHT) -> Text:
    """Negative (1–2★) feedback per week as a column chart, oldest week on the left, spread over `width` cells: the
    columns widen to fill it, and where even the narrowest do not fit, the oldest weeks are left out."""
    fits = max(1, (width - AXIS) // MIN_WEEK)
    weeks = stats.negative_per_week[-fits:]
    most = max((count for _, count in weeks), default=0) or 1
    column = max(MIN_WEEK, (width - AXIS) // max(1, len(weeks)))
    block = column - 4  # a gap of at least four cells between bars
    text = Text(no_wrap=True, overflow="crop")
    for level in range(height, 0, -1):
        text.append(f"{most:>4} ┤" if level == height else "     │", style="dim")
        for _, count in weeks:
            eighths = round(8 * height * count / most) - 8 * (level - 1)
            text.append((BLOCKS[max(0, min(8, eighths))] * block).center(column), style="red")
        text.append("\n")
    text.append("   0 └" + "─" * (column * len(weeks)) + "\n", style="dim")
    text.append(" " * AXIS)
    for _, count in weeks:
        text.append(f"{count:^{column}}", style="bold")
    text.append("\n" + " " * AXIS)
    for start, _ in weeks:
        text.append(f"{start.day} {start:%b}".center(column), style="dim")
    text.append("\n" + " " * AXIS)
    text.append("weeks starting on Monday; the last one is this week", style="dim")
    return text


class WeeklyChart(Widget):
    """The weekly chart, drawn again for the width it has whenever that changes."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.stats: Stats | None = None

    def show(self, stats: Stats) -> None:
        self.stats = stats
        self.refresh()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return CHART_HEIGHT + 4  # the axis, the counts, the dates and the caption

    def render(self) -> Text:
        return Text() if self.stats is None else weekly_chart(self.stats, self.content_size.width)


def removals(stats: Stats) -> Text:
    text = Text()
    if not stats.removal_outcomes:
        return Text("No removal requested yet.", style="dim")
    for outcome in RemovalOutcome:
        text.append(f"{outcome:<16}{stats.removal_outcomes.get(outcome, 0):>5}\n")
    return text


NOT_DELIVERED_REASONS = {
    "buyer-opted-out": "buyer opted out",
    "blocked-by-guidelines": "against the messaging guidelines",
    "sender-not-authorised": "sender not authorised",
    "other": "other reason",
}


def mail(stats: Stats) -> Text:
    """Messages Amazon did not deliver (by reason) and the fetched mail that matches no case."""
    bounced = sum(stats.not_delivered.values())
    text = Text.assemble(
        (f"{bounced:,}", "bold red" if bounced else "bold green"),
        f" message{'' if bounced == 1 else 's'} not delivered by Amazon\n",
    )
    for reason, count in sorted(stats.not_delivered.items(), key=lambda item: -item[1]):
        text.append(f"  {NOT_DELIVERED_REASONS.get(reason, reason):<34}{count:>5,}\n")
    text.append_text(
        Text.assemble(
            (f"{stats.unmatched_mail:,}", "bold yellow" if stats.unmatched_mail else "bold"),
            f" unmatched mail{'' if stats.unmatched_mail == 1 else 's'} matching no case ",
            ("(u in the inbox)", "dim"),
        )
    )
    return text


def deadlines(stats: Stats) -> Text:
    """Overdue cases now, and this week's deadlines: how many were missed, how soon buyers heard from us."""
    text = Text.assemble(
        (f"{stats.overdue:,}", "bold red" if stats.overdue else "bold green"),
        " cases owe the buyer a first response past their deadline.\n",
    )
    week = stats.deadlines
    if week is not None:
        median = week.median_to_first_contact
        text.append_text(
            Text.assemble(
                "This week ",
                (f"{week.missed:,}", "bold red" if week.missed else "bold green"),
                " missed; median time to first contact ",
                (fmt.span(median.total_seconds()) if median else "—", "bold"),
                f" ({week.contacted:,} contacted).\n",
            )
        )
    text.append("o lists the overdue cases in the inbox.", style="dim")
    return text


class DashboardScreen(DeskScreen[None]):
    CSS_PATH = "dashboard.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012 (Textual types it as an instance variable)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "overdue", "Overdue cases", id="dashboard.overdue"),
        Binding("r", "refresh", "Refresh", id="dashboard.refresh"),
        Binding("escape,q", "back", "Back", id="dashboard.back"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="dashboard-title")
        rows = (
            (("rating", "Feedback rating (positive / all)"), ("ratings", "By stars")),
            (("trend", "Negative feedback per week"),),
            (("statuses", "By case status"), ("removals", "Removal requests"), ("overdue", "Overdue")),
            (("mail", "Conversation by email"),),
        )
        with VerticalScroll(id="dashboard"):
            for row in rows:
                with Horizontal(classes="dashboard-row"):
                    for name, title in row:
                        panel = (
                            WeeklyChart(id=f"panel-{name}", classes="panel")
                            if name == "trend"
                            else Static(id=f"panel-{name}", classes="panel")
                        )
                        panel.border_title = title
                        yield panel
        yield Footer()

    def on_mount(self) -> None:
        self.action_refresh()

    def action_refresh(self) -> None:
        stats = self.desk.stats()
        self.query_one("#dashboard-title", Static).update(
            Text.assemble(
                ("Dashboard", "bold"), f"  ·  {stats.total:,} feedback  ·  as of {fmt.long_date(stats.today)}"
            )
        )
        panels: dict[str, Table | Text] = {
            "rating": ratings_table(stats),
            "ratings": by_rating(stats),
            "statuses": by_status(stats),
            "removals": removals(stats),
            "overdue": deadlines(stats),
            "mail": mail(stats),
        }
        for name, content in panels.items():
            if isinstance(content, Text):
                content.rstrip()
            self.query_one(f"#panel-{name}", Static).update(content)
        self.query_one(WeeklyChart).show(stats)

    def action_overdue(self) -> None:
        from fbdesk.ui.screens.inbox import InboxScreen

        self.dismiss()
        inbox = self.app.screen_stack[0] if self.app.screen_stack else None
        if isinstance(inbox, InboxScreen):
            inbox.show_overdue()

    def action_back(self) -> None:
        self.dismiss()
