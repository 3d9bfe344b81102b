"""A text editor that shows policy findings as highlighted spans."""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable
from itertools import accumulate
from typing import TYPE_CHECKING, Any, ClassVar

from rich.style import Style
from rich.text import Text
from textual.cache import LRUCache
from textual.message import Message
from textual.reactive import Reactive, reactive
from textual.strip import Strip
from textual.widgets import TextArea
from textual.widgets.text_area import Document, Location, Selection

if TYPE_CHECKING:
    from fbdesk.desk import Finding

SEVERITIES = ("error", "warning", "info")
Span = tuple[int, int, str]
LONG_LINE = 1_000  # lines this long are drawn a row at a time (see LintEditor._render_line)


def changed_region(old: str, new: str) -> tuple[int, int, int]:
    """(start, end in `old`, end in `new`) of the one region that differs between two versions of a text: what
    an edit replaced. Binary searches, so that comparing two long texts costs microseconds."""
    shortest = min(len(old), len(new))
    low, high = 0, shortest  # the common prefix is at least `low` and at most `high` long
    while low < high:
        middle = (low + high + 1) // 2
        if old[:middle] == new[:middle]:
            low = middle
        else:
            high = middle - 1
    prefix = low
    low, high = 0, shortest - prefix  # the common suffix, not overlapping the prefix
    while low < high:
        middle = (low + high + 1) // 2
        if old[len(old) - middle :] == new[len(new) - middle :]:
            low = middle
        else:
            high = middle - 1
    return prefix, len(old) - low, len(new) - low


def shifted(spans: list[Span], old: str, new: str) -> list[Span]:
    """The spans of `old` moved to where the same characters are in `new`; spans the change touched are dropped."""
    start, old_end, new_end = changed_region(old, new)
    moved = new_end - old_end
    kept = []
    for first, last, severity in spans:
        if last <= start:
            kept.append((first, last, severity))
        elif first >= old_end:
            kept.append((first + moved, last + moved, severity))
    return kept


def _visible(char: str) -> str:
    """One visible character of the same length for a control character, so that pasted escape sequences
    never reach the terminal and the editor's columns stay aligned with the text."""
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F or unicodedata.category(char) in ("Cc", "Cf"):
        return "\ufffd"
    return char


def _rows(selection: Selection) -> range:
    """The lines of the document a selection (or the cursor) is on."""
    (top, _), (bottom, _) = sorted(selection)
    return range(top, bottom + 1)


class LintEditor(TextArea):
    COMPONENT_CLASSES: ClassVar[set[str]] = {f"lint-editor--{severity}" for severity in SEVERITIES}
    DEFAULT_CSS = """
    LintEditor > .lint-editor--error { background: $error 40%; text-style: bold underline; }
    LintEditor > .lint-editor--warning { background: $warning 35%; text-style: underline; }
    LintEditor > .lint-editor--info { text-style: underline; }
    """

    # TextArea draws itself whole again whenever the selection changes, that is on every keystroke: every row of
    # the editor went to the terminal again, most of a keystroke's frame. Here a change of the selection or of the
    # text draws again only the rows it touched (see _watch_selection and _text_drawn).
    selection: Reactive[Selection] = reactive(Selection(), init=False, always_update=True, repaint=False)

    def __init__(self, on_change: Callable[[], None] | None = None, **kwargs: Any) -> None:
        super().__init__(soft_wrap=True, tab_behavior="focus", **kwargs)
        self._on_change = on_change
        self._drawn_lines: list[str] = []  # the document's lines, and its height wrapped, when last drawn
        self._drawn_height = -1
        self._row_cache: LRUCache[tuple[object, ...], Strip] = LRUCache(1024)
        self._spans: list[Span] = []  # what to highlight, as character offsets into `_spans_text`
        self._spans_text = ""
        self._marks: dict[int, list[tuple[int, int | None, str]]] = {}  # the spans by row: (start, end, severity)

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
        order = sorted(findings, key=lambda f: SEVERITIES.index(f.severity), reverse=True)  # errors drawn last
        self._show_spans([(f.start, f.end, f.severity) for f in order], self.text)

    def keep_marks_on(self, text: str) -> None:
        """The text changed and its findings are not known yet: keep each mark on the characters it was made for,
        moved along with the text around it, and drop the marks the change touched."""
        if text != self._spans_text and self._spans:
            self._show_spans(shifted(self._spans, self._spans_text, text), text)

    def _show_spans(self, spans: list[Span], text: str) -> None:
        self._spans, self._spans_text = spans, text
        marks: dict[int, list[tuple[int, int | None, str]]] = defaultdict(list)
        document = self.text_document
        line_starts = list(accumulate((len(line) + len(document.newline) for line in document.lines), initial=0))

        def location(offset: int) -> Location:
            row = bisect_right(line_starts, offset) - 1
            return row, offset - line_starts[row]

        length = len(text)
        for start, end, severity in spans:
            start = max(0, min(start, length))
            end = max(start, min(end, length))
            (top, left) = location(start)
            (bottom, right) = location(end)
            if top == bottom:
                marks[top].append((left, max(right, left + 1), severity))
                continue
            marks[top].append((left, None, severity))
            for row in range(top + 1, bottom):
                marks[row].append((0, None, severity))
            marks[bottom].append((0, right, severity))
        if marks == self._marks:
            return  # the lines drawn already are right
        before, self._marks = self._marks, dict(marks)
        self._line_cache.clear()  # the editor caches rendered lines; marks are not part of its cache key
        self._refresh_rows(row for row in before.keys() | self._marks.keys() if before.get(row) != self._marks.get(row))

    def post_message(self, message: Message) -> bool:
        # `on_change` runs as the text changes, before the frame that shows the change is drawn: so that frame shows
        # the findings for the new text too (TextArea.Changed is handled only after the frame may have been drawn).
        if isinstance(message, TextArea.Changed):
            self._text_drawn()
            if self._on_change is not None:
                self._on_change()
        return super().post_message(message)

    def _text_drawn(self) -> None:
        """The text changed (every change, typed, undone or loaded, posts TextArea.Changed once the document is
        wrapped again): draw again the rows whose lines changed, or everything when rows moved."""
        lines = self.text_document.lines
        height = self.wrapped_document.height
        before, self._drawn_lines = self._drawn_lines, list(lines)
        if len(lines) != len(before) or height != self._drawn_height:
            self._drawn_height = height
            self.refresh()
            return
        self._refresh_rows(row for row, (old, new) in enumerate(zip(before, lines, strict=True)) if old != new)

    def _watch_selection(self, previous_selection: Selection, selection: Selection) -> None:
        bracket = self._matching_bracket_location
        super()._watch_selection(previous_selection, selection)
        rows = {*_rows(previous_selection), *_rows(selection)}  # the cursor, the selection, the cursor's line
        for location in (bracket, self._matching_bracket_location):
            if location is not None:
                rows.add(location[0])
        self._refresh_rows(rows)

    def _refresh_rows(self, rows: Iterable[int]) -> None:
        """Draw these lines of the document again (each as many screen rows as it wraps to)."""
        rows_at = self.wrapped_document._line_index_to_offsets
        for row in sorted(rows):
            if row >= len(rows_at) or not rows_at[row]:
                self.refresh()
                return
            self.refresh_lines(rows_at[row][0], len(rows_at[row]))

    def notify_style_update(self) -> None:
        self._row_cache.clear()
        super().notify_style_update()

    def render_line(self, y: int) -> Strip:
        """TextArea clears its cache of drawn rows on every edit and, soft-wrapping, keys it on the selection: each
        keystroke drew every visible row again, most of a frame's time. Rows away from the cursor and the selection
        are cached here on what they show, so a keystroke draws only the rows it changed."""
        scroll_x, scroll_y = self.scroll_offset
        wrapped = self.wrapped_document
        try:
            line_index, section = wrapped._offset_to_line_info[scroll_y + y]
        except IndexError:
            return super().render_line(y)
        (top, _), (bottom, _) = sorted(self.selection)
        bracket = self._matching_bracket_location
        if top <= line_index <= bottom or (bracket and bracket[0] == line_index) or self.placeholder:
            return super().render_line(y)
        key = (
            line_index,
            section,
            self.document.get_line(line_index),
            tuple(wrapped.get_offsets(line_index)),
            tuple(self._marks.get(line_index, ())),
            self.size,
            self.scrollable_content_region.size,
            scroll_x,
            self.theme,
            self.soft_wrap,
            self.show_line_numbers,
            self.gutter_width,
            self.indent_width,
            self.read_only,
            self.has_focus,
        )
        if (strip := self._row_cache.get(key)) is None:
            strip = self._row_cache[key] = self._render_line(y)
        return strip

    def _render_line(self, y: int) -> Strip:
        """A row of a long line (a big paste) drawn from its own characters only. TextArea draws a row by styling
        the whole line and dividing it into rows, for every row it draws: a 20,000-character line took a second
        a keystroke. Short lines, and what this does not cover, are drawn by TextArea itself."""
        wrapped = self.wrapped_document
        try:
            line_index, section = wrapped._offset_to_line_info[self.scroll_offset.y + y]
        except IndexError:
            return super()._render_line(y)
        text = self.document.get_line(line_index)
        offsets = wrapped.get_offsets(line_index)
        theme = self._theme
        if (
            len(text) < LONG_LINE
            or not offsets
            or "\t" in text
            or theme is None
            or not self.soft_wrap
            or self.show_line_numbers
            or self.suggestion
            or self._highlights
        ):
            return super()._render_line(y)
        start = offsets[section - 1] if section else 0
        end = offsets[section] if section < len(offsets) else len(text)
        # the line's last row holds one more cell, for the cursor after the last character
        row = Text(self._shown(text[start:end]), end="", no_wrap=True)
        row.set_length(end - start + (section == len(offsets)))

        def stylize(style: Style | None, first: int, last: int) -> None:
            if style is not None and max(first, start) < min(last, end + 1):
                row.stylize(style, max(first, start) - start, min(last, end + 1) - start)

        for first, last, severity in self._marks.get(line_index, ()):
            stylize(
                self.get_component_rich_style(f"lint-editor--{severity}"), first, len(text) if last is None else last
            )
        selection = self.selection
        (top_row, top_column), (bottom_row, bottom_column) = sorted(selection)
        cursor_row, cursor_column = selection.end
        on_cursor_line = self._has_cursor and cursor_row == line_index
        cursor_line_style = theme.cursor_line_style if (self.highlight_cursor_line and on_cursor_line) else None
        stylize(cursor_line_style, 0, len(text) + 1)
        if selection.start != selection.end and top_row <= line_index <= bottom_row:
            first = top_column if line_index == top_row else 0
            stylize(theme.selection_style, first, bottom_column if line_index == bottom_row else len(text))
        bracket = self._matching_bracket_location
        brackets = bool(self._has_cursor and self.match_cursor_bracket and bracket and selection.start == selection.end)
        if on_cursor_line:
            if brackets:
                stylize(theme.bracket_matching_style, cursor_column, cursor_column + 1)
            if self._draw_cursor:
                stylize(theme.cursor_style, cursor_column, cursor_column + 1)
        if brackets and bracket is not None and bracket[0] == line_index:  # the bracket matching the cursor's
            stylize(theme.bracket_matching_style, bracket[1], bracket[1] + 1)
        strip = Strip(row.render(self.app.console), cell_length=row.cell_len)
        width = self.scrollable_content_region.size.width - self.gutter_width
        strip = strip.extend_cell_length(width, cursor_line_style or theme.base_style)
        return strip.apply_style(theme.base_style if theme.base_style is not None else self.rich_style)

    @staticmethod
    def _shown(text: str) -> str:
        return text if text.isprintable() else "".join(map(_visible, text))

    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        plain = line.plain
        if not plain.isprintable():
            line.plain = self._shown(plain)
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
