"""The list of policy findings beside the editor: each with its message, why and fix."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.visual import VisualType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from fbdesk.ui.safe_text import inert, one_line

if TYPE_CHECKING:
    from fbdesk.desk import Finding

NO_PROBLEMS = "No problems found."
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


def _shown_as(finding: Finding) -> tuple[object, ...]:
    """What `describe` shows of a finding: two findings alike in this look alike in the list."""
    return (
        finding.severity,
        finding.rule,
        finding.line,
        finding.column,
        finding.match,
        finding.message,
        finding.why,
        finding.fix,
    )


class FindingsPanel(OptionList):
    """Findings in text order; selecting one moves the editor's cursor to it.

    Each update changes only the options whose findings look different: on a keystroke that leaves the findings as
    they were (most of them), the list is not touched and nothing of it is drawn again."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.findings: list[Finding] = []
        self._shown: list[tuple[object, ...]] | str | None = None  # one key per option shown, or the note shown

    def finding(self, option: Option | None) -> Finding | None:
        """The finding an option of this list shows."""
        return None if option is None or option.id is None else self.findings[int(option.id)]

    @property
    def current(self) -> Finding | None:
        return self.finding(self.highlighted_option)

    def show(self, findings: Iterable[Finding], failure: str | None = None) -> None:
        self.findings = sorted(findings, key=lambda f: (f.start, f.end))
        if failure or not self.findings:
            note = failure or NO_PROBLEMS
            if self._shown != note:
                self._shown = note
                self.clear_options()
                self.add_option(Option(Text(note, style="bold red" if failure else "green"), disabled=True))
            return
        shown = [_shown_as(f) for f in self.findings]
        before = self._shown if isinstance(self._shown, list) else []
        self._shown = shown
        if shown == before:
            return
        if len(shown) == len(before):
            for n, (old, new) in enumerate(zip(before, shown, strict=True)):
                if old != new:
                    self.replace_option_prompt_at_index(n, describe(self.findings[n]))
            return
        same = 0  # how many options stay as they are
        while same < min(len(before), len(shown)) and before[same] == shown[same]:
            same += 1
        if not same:
            self.clear_options()
        else:
            for n in range(len(before) - 1, same - 1, -1):
                self.remove_option_at_index(n)
        options: list[Option | None] = []
        for n in range(same, len(shown)):
            if n:
                options.append(None)  # a separator under the option before
            options.append(Option(describe(self.findings[n]), id=str(n)))
        self.add_options(options)

    def _replace_option_prompt(self, index: int, prompt: VisualType) -> None:
        """As OptionList's, except that only this option is drawn again: OptionList drops what it drew of every
        option and redraws the whole list, which took most of a frame on each keystroke that changed a finding."""
        option = self.get_option_at_index(index)
        before = self._index_to_line.get(index), self._heights.get(index)
        option._set_prompt(prompt)
        drawn = self._option_render_cache.keys()
        for key in [key for key in drawn if key[0] is option]:
            self._option_render_cache.discard(key)
        self._line_cache.clear()  # where each option starts, worked out again
        start, height = self._index_to_line.get(index), self._heights.get(index)
        if start is not None and height is not None and (start, height) == before:
            self.refresh_lines(start, height)
        else:
            self.refresh()

    def follow(self, offset: int) -> None:
        """Highlight the finding whose span holds the editor's cursor, if any."""
        for n, finding in enumerate(self.findings):
            if finding.start <= offset <= finding.end:
                self.highlighted = n
                return
