"""A text editor that shows policy findings as highlighted spans."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.widgets import TextArea
from textual.widgets.text_area import Document, Location

if TYPE_CHECKING:
    from fbdesk.desk import Finding

SEVERITIES = ("error", "warning", "info")


def _visible(char: str) -> str:
    """One visible character of the same length for a control character, so that pasted escape sequences
    never reach the terminal and the editor's columns stay aligned with the text."""
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F or unicodedata.category(char) in ("Cc", "Cf"):
        return "\ufffd"
    return char


class LintEditor(TextArea):
    COMPONENT_CLASSES: ClassVar[set[str]] = {f"lint-editor--{severity}" for severity in SEVERITIES}
    DEFAULT_CSS = """
    LintEditor > .lint-editor--error { background: $error 40%; text-style: bold underline; }
    LintEditor > .lint-editor--warning { background: $warning 35%; text-style: underline; }
    LintEditor > .lint-editor--info { text-style: underline; }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(soft_wrap=True, tab_behavior="focus", **kwargs)
        self._marks: dict[int, list[tuple[int, int | None, str]]] = defaultdict(list)

    @property
    def text_document(self) -> Document:
        """The document, which is plain text (no syntax tree) and so maps offsets to locations."""
        document = self.document
        assert isinstance(document, Document)
        return document

    def location(self, offset: int) -> Location:
        """The (row, column) of a character offset into `self.text`, as findings give them."""
        return self.text_document.get_location_from_index(offset)

    def show_findings(self, findings: Iterable[Finding]) -> None:
        """Mark the span of each finding (character offsets into `self.text`)."""
        marks: dict[int, list[tuple[int, int | None, str]]] = defaultdict(list)
        length = len(self.text)
        for finding in sorted(findings, key=lambda f: SEVERITIES.index(f.severity), reverse=True):
            start = max(0, min(finding.start, length))
            end = max(start, min(finding.end, length))
            (top, left) = self.location(start)
            (bottom, right) = self.location(end)
            if top == bottom:
                marks[top].append((left, max(right, left + 1), finding.severity))
                continue
            marks[top].append((left, None, finding.severity))
            for row in range(top + 1, bottom):
                marks[row].append((0, None, finding.severity))
            marks[bottom].append((0, right, finding.severity))
        self._marks = marks
        self._line_cache.clear()  # the editor caches rendered lines; marks are not part of its cache key
        self.refresh()

    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        plain = line.plain
        if not plain.isprintable():
            line.plain = "".join(map(_visible, plain))
        for start, end, severity in self._marks.get(line_index, ()):
            line.stylize(self.get_component_rich_style(f"lint-editor--{severity}"), start, end)
        return line

    @property
    def cursor_offset(self) -> int:
        return self.text_document.get_index_from_location(self.cursor_location)

    def replace_span(self, start: int, end: int, text: str) -> None:
        self.replace(text, self.location(start), self.location(end))

    def select_span(self, start: int, end: int) -> None:
        self.cursor_location = self.location(start)
        self.scroll_cursor_visible(center=True)
