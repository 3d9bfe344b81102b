"""Who else is at a case, as the screens show it: a line for the case header ("Priya is viewing · Sam is writing to
the buyer") and a one-cell marker for the inbox row (✎ someone is writing to the buyer, ◎ someone is viewing)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from fbdesk.desk import Activity, Presence
from fbdesk.ui.safe_text import one_line

WRITING_MARK = "✎"
VIEWING_MARK = "◎"
WRITING_STYLE = "bold yellow"
VIEWING_STYLE = "cyan"
DOING: dict[str, str] = {Activity.WRITING: "is writing to the buyer", Activity.VIEWING: "is viewing"}


def header_line(present: Sequence[Presence]) -> Text | None:
    """The other agents at the case, writing first (as the Desk orders them); None when nobody else is there."""
    if not present:
        return None
    line = Text()
    for n, p in enumerate(present):
        if n:
            line.append(" · ", style="dim")
        writing = p.activity == Activity.WRITING
        line.append_text(one_line(p.agent, style=WRITING_STYLE if writing else "bold", limit=40))
        line.append(f" {DOING.get(p.activity, p.activity)}", style=WRITING_STYLE if writing else "")
    return line


def marker(present: Sequence[Presence]) -> Text | str:
    """The inbox row's marker, one cell wide: "" when nobody else is at the case."""
    if any(p.activity == Activity.WRITING for p in present):
        return Text(WRITING_MARK, style=WRITING_STYLE)
    if present:
        return Text(VIEWING_MARK, style=VIEWING_STYLE)
    return ""


def described(present: Sequence[Presence]) -> str:
    """The marker in words, for a tooltip or the help: "Priya is viewing, Sam is writing to the buyer"."""
    return ", ".join(f"{p.agent} {DOING.get(p.activity, p.activity)}" for p in present)
