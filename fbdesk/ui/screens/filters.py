"""The inbox filter dialog: rating, marketplace, channel, assignee and deadline."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import Button, Label, Select

from fbdesk.desk import DUE_SOON, MARKETPLACES, UNASSIGNED, FeedbackQuery
from fbdesk.ui import formatting as fmt
from fbdesk.ui.safe_text import one_line
from fbdesk.ui.screens.base import DeskModal

RATINGS = {
    "negative": ((1, 2), "Negative (1–2★)"),
    "neutral": ((3,), "Neutral (3★)"),
    "negative-neutral": ((1, 2, 3), "Negative and neutral (1–3★)"),
    "positive": ((4, 5), "Positive (4–5★)"),
    **{str(n): ((n,), f"{n}★ only") for n in range(1, 6)},
}
DUE = {"overdue": "Overdue", "due-soon": f"Due within {fmt.duration(DUE_SOON)} or overdue"}


class FilterScreen(DeskModal[FeedbackQuery | None]):
    """Dismisses with the new query, or None when cancelled."""

    CSS_PATH = "filters.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "apply", "Apply", id="filter.apply"),
        Binding("escape", "cancel", "Cancel", id="filter.cancel"),
    ]

    def __init__(self, query: FeedbackQuery, agents: list[str]) -> None:
        super().__init__()
        self.query_ = query
        self.agents = agents

    def compose(self) -> ComposeResult:
        q = self.query_
        rating = next((key for key, (values, _) in RATINGS.items() if values == q.ratings), Select.NULL)
        with Vertical(id="filters"):
            yield Label(Text("Filter the inbox"), classes="dialog-title")
            with Grid(id="filter-grid"):
                yield Label("Stars")
                yield Select(
                    [(label, key) for key, (_, label) in RATINGS.items()], value=rating, prompt="Any", id="rating"
                )
                yield Label("Marketplace")
                yield Select(
                    [(m, m) for m in MARKETPLACES],
                    prompt="Any",
                    id="marketplace",
                    value=q.marketplaces[0] if len(q.marketplaces) == 1 else Select.NULL,
                )
                yield Label("Channel")
                yield Select(
                    [(label, key) for key, label in fmt.CHANNEL_LABELS.items()],
                    prompt="Any",
                    id="channel",
                    value=q.channels[0] if len(q.channels) == 1 else Select.NULL,
                )
                yield Label("Assignee")
                yield Select(
                    [(one_line(a), a) for a in self.agents] + [("Nobody", UNASSIGNED)],
                    prompt="Anyone",
                    id="assignee",
                    value=q.assignee or Select.NULL,
                )
                yield Label("Deadline")
                yield Select(
                    [(label, key) for key, label in DUE.items()], prompt="Any", id="due", value=q.due or Select.NULL
                )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Apply (ctrl+s)", id="apply", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#rating", Select).focus()

    def _value(self, name: str) -> str | None:
        value = self.query_one(f"#{name}", Select).value
        return None if value is Select.NULL else str(value)

    def action_apply(self) -> None:
        rating = self._value("rating")
        marketplace, channel = self._value("marketplace"), self._value("channel")
        self.dismiss(
            self.query_.but(
                ratings=RATINGS[rating][0] if rating else (),
                marketplaces=(marketplace,) if marketplace else (),
                channels=(channel,) if channel else (),
                assignee=self._value("assignee"),
                due=self._value("due"),
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_apply() if event.button.id == "apply" else self.action_cancel()
