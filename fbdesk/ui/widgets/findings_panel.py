"""The list of policy findings beside the editor: each with its message, why and fix."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from fbdesk.ui.safe_text import inert, one_line

if TYPE_CHECKING:
    from fbdesk.desk import Finding

ICONS = {
    "error": ("✖ error", "bold red"),
    "warning": ("▲ warning", "bold yellow"),
    "info": ("● info", "bold blue"),
}


def describe(finding: Finding) -> Text:
    icon, style = ICONS.get(finding.severity, (finding.severity, "bold"))
    text = Text.assemble(
        (icon, style), "  ", (finding.rule, "bold"), (f"  line {finding.line}:{finding.column}", "dim"), "\n"
    )
    text.append("“", style="dim")
    text.append_text(one_line(finding.match, limit=60))
    text.append("”\n", style="dim")
    text.append_text(inert(finding.message, limit=500))  # messages may quote the draft
    if finding.why:
        text.append("\nWhy: ", style="bold")
        text.append_text(inert(finding.why, limit=1000))
    if finding.fix is not None:
        text.append("\nFix (ctrl+f): ", style="bold")
        text.append_text(one_line(finding.fix, limit=400) if finding.fix else Text("remove it"))
    return text


class FindingsPanel(OptionList):
    """Findings in text order; selecting one moves the editor's cursor to it."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.findings: list[Finding] = []

    def finding(self, option: Option | None) -> Finding | None:
        """The finding an option of this list shows."""
        return None if option is None or option.id is None else self.findings[int(option.id)]

    @property
    def current(self) -> Finding | None:
        return self.finding(self.highlighted_option)

    def show(self, findings: Iterable[Finding], failure: str | None = None) -> None:
        self.findings = sorted(findings, key=lambda f: (f.start, f.end))
        self.clear_options()
        if failure:
            self.add_option(Option(Text(failure, style="bold red"), disabled=True))
        elif not self.findings:
            self.add_option(Option(Text("No problems found.", style="green"), disabled=True))
        for n, finding in enumerate(self.findings):
            if n:
                self.add_option(None)
            self.add_option(Option(describe(finding), id=str(n)))

    def follow(self, offset: int) -> None:
        """Highlight the finding whose span holds the editor's cursor, if any."""
        for n, finding in enumerate(self.findings):
            if finding.start <= offset <= finding.end:
                self.highlighted = self.get_option_index(str(n))
                return
