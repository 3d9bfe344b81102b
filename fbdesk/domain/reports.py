"""Reading Amazon's seller feedback reports.

Two layouts exist: the `GET_SELLER_FEEDBACK_DATA` flat file and the older Feedback Manager download.
Both are tab-delimited with a header row; the layout is recognised from the header, whatever
the column order. Rows are streamed, so memory does not grow with the file.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import NamedTuple

from fbdesk.errors import BadInput

# Marketplace -> (field order, separator). Two-digit years are 20YY.
DATE_FORMATS: dict[str, tuple[str, str]] = {
    "US": ("MDY", "/"),
    "UK": ("DMY", "/"),
    "FR": ("DMY", "/"),
    "IT": ("DMY", "/"),
    "ES": ("DMY", "/"),
    "CA": ("DMY", "/"),
    "AU": ("DMY", "/"),
    "IN": ("DMY", "/"),
    "DE": ("DMY", "."),
    "JP": ("YMD", "/"),
    "SE": ("YMD", "-"),
}
MARKETPLACES = tuple(DATE_FORMATS)
CHANNELS = ("fba", "seller", "unknown")  # fulfilment: by Amazon, by the seller, or not known from the report

_FORMAT_LABELS = {"MDY": "M{0}D{0}YY", "DMY": "D{0}M{0}YY", "YMD": "YY{0}M{0}D"}


def date_format_label(marketplace: str) -> str:
    if marketplace == "SE":
        return "YYYY-MM-DD"
    order, sep = DATE_FORMATS[marketplace]
    return _FORMAT_LABELS[order].format(sep)


class ReportError(BadInput):
    """A report that cannot be imported; says which file, which line and what is wrong."""

    def __init__(self, path: str, line: int | None, problem: str):
        self.path, self.line, self.problem = path, line, problem
        where = f"{path}, line {line}" if line else path
        super().__init__(f"{where}: {problem}")


class ReportRow(NamedTuple):
    line: int
    order_id: str
    rating: int
    comment: str
    feedback_date: date
    response: str
    rater_email: str
    arrived_on_time: bool | None
    item_as_described: bool | None
    customer_service: bool | None


@dataclass(frozen=True)
class Layout:
    name: str
    columns: tuple[str, ...]  # canonical names, as in the header
    response_column: str


FLAT_FILE = Layout(
    "GET_SELLER_FEEDBACK_DATA",
    ("date", "rating", "comments", "response", "order id", "rater email"),
    "response",
)
FEEDBACK_MANAGER = Layout(
    "Feedback Manager",
    (
        "date", "rating", "comments", "your response", "arrived on time", "item as described",
        "customer service", "order id", "rater email", "rater role",
    ),
    "your response",
)
_ANSWER_COLUMNS = ("arrived on time", "item as described", "customer service")
_YES_NO = {"yes": True, "y": True, "no": False, "n": False, "": None}
_RATINGS = {str(n): n for n in range(1, 6)}
_ORDER_ID = re.compile(r"[0-9A-Za-z][0-9A-Za-z-]{0,39}")


def recognise_layout(header: list[str]) -> tuple[Layout, dict[str, int]]:
    """The layout a header row belongs to and the position of each of its columns.

    Raises ValueError naming the missing columns when the header fits neither layout."""
    positions: dict[str, int] = {}
    for i, name in enumerate(header):
        key = " ".join(name.strip().lstrip("\ufeff").lower().split())
        positions.setdefault(key, i)
    layout = FEEDBACK_MANAGER if "your response" in positions else FLAT_FILE
    missing = [c for c in layout.columns if c not in positions]
    if missing:
        pretty = ", ".join(c.title().replace("Id", "ID") for c in missing)
        raise ValueError(f"missing column{'s' if len(missing) > 1 else ''}: {pretty} "
                         f"(the header does not match a {layout.name} report)")
    return layout, positions


def _detect_encoding(path: Path, name: str) -> str:
    """UTF-8 (with or without byte-order mark) when the whole file decodes as such, else Windows-1252."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as f:
        head = f.read(8192)
        if b"\x00" in head:
            raise ReportError(name, None, "this is not a text file (it contains NUL bytes)")
        if not head.strip():
            raise ReportError(name, None, "the file is empty")
        chunk = head
        try:
            while chunk:
                decoder.decode(chunk)
                chunk = f.read(1 << 20)
            decoder.decode(b"", final=True)
            return "utf-8-sig"
        except UnicodeDecodeError:
            pass
    try:
        with path.open("rb") as f:
            cp1252 = codecs.getincrementaldecoder("cp1252")()
            while chunk := f.read(1 << 20):
                cp1252.decode(chunk)
    except UnicodeDecodeError as exc:
        raise ReportError(name, None, f"this is not a text file (byte 0x{exc.object[exc.start]:02x} "
                                      "is neither UTF-8 nor Windows-1252)") from None
    return "cp1252"


class ReportReader:
    """Streams the rows of one report file. Iterate once; `position()` tells how far it has read."""

    def __init__(self, path: str | Path, marketplace: str = "US"):
        self.path = Path(path)
        self.name = str(path)
        if marketplace not in DATE_FORMATS:
            raise ValueError(f"unknown marketplace {marketplace!r}; use one of {', '.join(MARKETPLACES)}")
        self.marketplace = marketplace
        try:
            self.size = self.path.stat().st_size
        except OSError as exc:
            raise ReportError(self.name, None, f"cannot read the file ({exc.strerror})") from None
        if self.path.is_dir():
            raise ReportError(self.name, None, "this is a folder, not a report file")
        self.encoding = _detect_encoding(self.path, self.name)
        self.layout: Layout | None = None
        self._file: io.TextIOWrapper | None = None
        self._date_cache: dict[str, date] = {}

    def position(self) -> int:
        """Bytes read so far (approximate: the reader buffers ahead)."""
        if self._file is None or self._file.closed:
            return self.size if self.layout else 0
        return self._file.buffer.tell()

    def __iter__(self) -> Iterator[ReportRow]:
        with self.path.open("r", encoding=self.encoding, newline="") as f:
            self._file = f
            reader = csv.reader(f, delimiter="\t", quotechar='"')
            try:
                yield from self._rows(reader)
            except csv.Error as exc:
                raise ReportError(self.name, reader.line_num, f"malformed quoting ({exc})") from None

    def _rows(self, reader) -> Iterator[ReportRow]:
        header = next(reader, None)
        while header is not None and not any(h.strip() for h in header):
            header = next(reader, None)
        if header is None:
            raise ReportError(self.name, None, "the file is empty")
        try:
            layout, pos = recognise_layout(header)
        except ValueError as exc:
            raise ReportError(self.name, reader.line_num, str(exc)) from None
        self.layout = layout
        width = len(header)
        i_date, i_rating, i_comment = pos["date"], pos["rating"], pos["comments"]
        i_response, i_order, i_email = pos[layout.response_column], pos["order id"], pos["rater email"]
        answers = [pos[c] for c in _ANSWER_COLUMNS] if layout is FEEDBACK_MANAGER else []
        no_answers = (None, None, None)
        dates = self._date_cache
        line = reader.line_num
        for fields in reader:
            start, line = line + 1, reader.line_num
            if len(fields) != width:
                if not fields or not any(f.strip() for f in fields):
                    continue  # a blank line
                if len(fields) > width and not any(f.strip() for f in fields[width:]):
                    fields = fields[:width]
                else:
                    raise ReportError(self.name, start, f"this row has {len(fields)} fields, the header has "
                                      f"{width} (a tab or quote out of place?)")
            rating = _RATINGS.get(fields[i_rating]) or _RATINGS.get(fields[i_rating].strip())
            if rating is None:
                raise ReportError(self.name, start, f"rating {fields[i_rating].strip()!r} is not a whole number "
                                  "from 1 to 5")
            order_id = fields[i_order].strip()
            if not _ORDER_ID.fullmatch(order_id):
                raise ReportError(self.name, start, f"Order ID {order_id!r} is not an Amazon order number "
                                  "(letters, digits and dashes, at most 40)" if order_id else "the Order ID is empty")
            email = fields[i_email].strip()
            if len(email) > 320 or not email.isprintable():
                raise ReportError(self.name, start, f"Rater Email {email[:60]!r} is not an email address")
            comment, response = fields[i_comment].strip(), fields[i_response].strip()
            if "\x00" in comment or "\x00" in response:
                raise ReportError(self.name, start, "a comment or response holds a NUL character")
            day = dates.get(fields[i_date]) or self._parse_date(fields[i_date], start)
            yes_no = [self._yes_no(fields[i], start) for i in answers] if answers else no_answers
            yield ReportRow(start, order_id, rating, comment, day, response, email, *yes_no)

    def _yes_no(self, text: str, line: int) -> bool | None:
        try:
            return _YES_NO[text.strip().lower()]
        except KeyError:
            raise ReportError(self.name, line, f"{text.strip()!r} should be Yes or No") from None

    def _parse_date(self, text: str, line: int) -> date:
        cached = self._date_cache.get(text)
        if cached is None:
            try:
                cached = parse_report_date(text, self.marketplace)
            except ValueError:
                raise ReportError(
                    self.name, line, f"unreadable date {text.strip()!r}: {self.marketplace} reports use "
                    f"{date_format_label(self.marketplace)} (pass --marketplace if this report is from another one)",
                ) from None
            self._date_cache[text] = cached
        return cached


def parse_report_date(text: str, marketplace: str) -> date:
    """A report date in the marketplace's format; raises ValueError when it does not fit."""
    order, sep = DATE_FORMATS[marketplace]
    parts = text.strip().split(sep)
    if len(parts) != 3 or not all(p.isdigit() and p.isascii() for p in parts):
        raise ValueError(text)
    values = dict(zip(order, parts, strict=True))
    year_text = values["Y"]
    if marketplace == "SE" and len(year_text) != 4:
        raise ValueError(text)
    if len(year_text) == 2:
        year = 2000 + int(year_text)
    elif len(year_text) == 4:
        year = int(year_text)
    else:
        raise ValueError(text)
    if len(values["M"]) > 2 or len(values["D"]) > 2:
        raise ValueError(text)
    return date(year, int(values["M"]), int(values["D"]))


def format_report_date(day: date, marketplace: str) -> str:
    """The inverse of `parse_report_date` (used to write reports: demo data, tests, benchmarks)."""
    order, sep = DATE_FORMATS[marketplace]
    year = f"{day.year:04d}" if marketplace == "SE" else f"{day.year % 100:02d}"
    month, dom = (f"{day.month:02d}", f"{day.day:02d}") if marketplace == "SE" else (str(day.month), str(day.day))
    values = {"Y": year, "M": month, "D": dom}
    return sep.join(values[c] for c in order)
