"""Reading Amazon's seller feedback reports.

Two layouts exist: the `GET_SELLER_FEEDBACK_DATA` flat file and the older Feedback Manager download.
Both are tab-delimited with a header row; the layout is recognised from the header, whatever
the column order. Rows are streamed, so memory does not grow with the file. The caller opens the file and hands
over its bytes.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import itertools
import re
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import BinaryIO, NamedTuple

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
CHANNELS = ("fba", "seller", "unknown")  # fulfilment as stored: by Amazon, by the seller, or not known from the report


def fulfilled_by_amazon(channel: str) -> bool | None:
    """Whether an order of this stored channel was fulfilled by Amazon; None when the report did not say."""
    return None if channel == "unknown" else channel == "fba"


# What a user may call a channel: Amazon's terms, FBA and MFN (merchant fulfilled); "seller", the stored name and
# what `--channel` took before, still works.
CHANNEL_NAMES = {"fba": "fba", "mfn": "seller", "unknown": "unknown", "seller": "seller"}


def channel_named(name: str) -> str:
    """The stored channel a user means by `name` (fba, mfn or unknown, in any case; seller too)."""
    channel = CHANNEL_NAMES.get(name.strip().lower())
    if channel is None:
        raise BadInput(f"unknown fulfilment channel {name!r}; use fba, mfn or unknown")
    return channel


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
        "date",
        "rating",
        "comments",
        "your response",
        "arrived on time",
        "item as described",
        "customer service",
        "order id",
        "rater email",
        "rater role",
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
        raise ValueError(
            f"missing column{'s' if len(missing) > 1 else ''}: {pretty} "
            f"(the header does not match a {layout.name} report)"
        )
    return layout, positions


MAX_FIELD = 128 * 1024  # characters in one field; more is not a feedback comment
MAX_QUOTED_LINES = 100  # a quoted field spans at most this many lines; an unclosed quote is not read further
EARLIEST_YEAR = 1995  # Amazon opened in 1995: an earlier date is a misread format or a broken file
_SURROGATE_ESCAPE = re.compile("[\udc80-\udcff]")
_NON_ASCII_TEXT = re.compile("[^\x00-\x7f\udc80-\udcff]")
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")
_BLOCK = 1 << 20  # bytes read at a time


def detect_encoding(data: BinaryIO, name: str) -> tuple[str, str]:
    """The file's encoding, and the SHA-256 of its bytes (which tells a file imported before). The encoding is
    decided on evidence, never guessed silently:
    - UTF-8 (with or without byte-order mark) when every byte decodes as UTF-8;
    - Windows-1252 when no byte sequence in the file is UTF-8 beyond ASCII (an old Excel or Seller Central save);
    - otherwise the file is UTF-8 with stray bytes, and is refused naming the line and the byte: reading it either way
      would change the stored comments."""
    head = data.read(8192)
    if b"\x00" in head:
        raise ReportError(name, None, "this is not a text file (it contains NUL bytes)")
    if not head.strip():
        raise ReportError(name, None, "the file is empty")
    data.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8")()  # strict: the common case, valid UTF-8, in one quick pass
    digest = hashlib.sha256()
    try:
        while chunk := data.read(_BLOCK):
            decoder.decode(chunk)
            digest.update(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        data.seek(0)
        return _weigh_evidence(data, name)
    return "utf-8-sig", digest.hexdigest()


def _weigh_evidence(data: BinaryIO, name: str) -> tuple[str, str]:
    """`detect_encoding` for a file that is not valid UTF-8: Windows-1252, or refused."""
    decoder = codecs.getincrementaldecoder("utf-8")(errors="surrogateescape")
    digest = hashlib.sha256()
    head = data.read(8192)
    lines_before, utf8_seen = 1, False
    first_bad: tuple[int, int, str] | None = None
    undefined: set[int] = set()
    chunk: bytes | None = head
    while chunk is not None:
        text = decoder.decode(chunk, final=not chunk)
        if first_bad is None:
            bad = _SURROGATE_ESCAPE.search(text)
            if bad:
                first_bad = (
                    lines_before + text.count("\n", 0, bad.start()),
                    ord(bad.group()) - 0xDC00,
                    text[max(0, bad.start() - 30) : bad.start()].rsplit("\n", 1)[-1],
                )
            else:
                lines_before += text.count("\n")
        utf8_seen = utf8_seen or _NON_ASCII_TEXT.search(text) is not None
        undefined.update(b for b in _CP1252_UNDEFINED if bytes((b,)) in chunk)
        digest.update(chunk)
        chunk = data.read(_BLOCK) if chunk else None
    assert first_bad is not None  # the file did not decode as UTF-8
    line, byte, before = first_bad
    if utf8_seen:
        raise ReportError(
            name,
            line,
            f"the file is UTF-8 except for byte 0x{byte:02X} after {before[-20:]!r} "
            "(and maybe others): it was edited with another encoding. Save it again as UTF-8 "
            "(or wholly as Windows-1252); reading it either way would garble its accented text",
        )
    if undefined:
        raise ReportError(
            name, None, f"this is not a text file (byte 0x{min(undefined):02X} is neither UTF-8 nor Windows-1252)"
        )
    return "cp1252", digest.hexdigest()


def split_records(lines: Iterator[str]) -> Iterator[tuple[int, list[str]]]:
    """Tab-separated records with their first line number. A field wholly wrapped in double quotes (quotes inside
    doubled) is unquoted and may hold tabs and line breaks; any other quote is the buyer's and kept as written. An
    opening quote that does not close within its record is taken as the buyer's too, so it cannot swallow the lines
    after it."""
    source = iter(lines)
    number = 0
    while True:
        for raw in source:
            number += 1
            line = raw.rstrip("\r\n")
            if '"' not in line:
                yield number, line.split("\t")
                continue
            fields, complete = _quoted_fields(line)
            joined, extra = raw, list[str]()
            while complete is None and len(extra) < MAX_QUOTED_LINES and len(joined) <= MAX_FIELD:
                more = next(source, None)
                if more is None:
                    break
                extra.append(more)
                joined += more  # line breaks inside a quoted field are kept as written
                fields, complete = _quoted_fields(joined.rstrip("\r\n"))
            if complete:
                yield number, fields
                number += len(extra)
            else:
                yield number, line.split("\t")
                if extra:  # the lines read ahead are records of their own
                    source = itertools.chain(extra, source)
                    break
        else:
            return


def _quoted_fields(text: str) -> tuple[list[str], bool | None]:
    """The fields of `text` read with quoting, and True; False when a quote breaks the quoting rules (the text is
    then read literally); None when a quoted field is still open at the end."""
    fields: list[str] = []
    i, n = 0, len(text)
    while True:
        if i < n and text[i] == '"':
            parts, j = [], i + 1
            while True:
                k = text.find('"', j)
                if k == -1:
                    return fields, None
                if text.startswith('"', k + 1):
                    parts.append(text[j : k + 1])
                    j = k + 2
                    continue
                parts.append(text[j:k])
                break
            fields.append("".join(parts))
            if k + 1 == n:
                return fields, True
            if text[k + 1] != "\t":
                return fields, False
            i = k + 2
        else:
            k = text.find("\t", i)
            if k == -1:
                fields.append(text[i:])
                return fields, True
            fields.append(text[i:k])
            i = k + 1


class ReportReader:
    """Streams the rows of one report. Iterate once; `position()` tells how far it has read.

    `data` is the report's bytes, seekable (the caller opens the file: the domain does no I/O). `today` bounds the
    dates: a feedback dated more than a day after it is refused."""

    def __init__(self, name: str, data: BinaryIO, size: int, marketplace: str = "US", *, today: date | None = None):
        self.name = name
        if marketplace not in DATE_FORMATS:
            raise BadInput(f"unknown marketplace {marketplace!r}; use one of {', '.join(MARKETPLACES)}")
        self.marketplace = marketplace
        self.size = size
        self._data = data
        self.latest_date = date.max if today is None else today + timedelta(days=1)
        self.encoding, self.digest = detect_encoding(data, name)
        self.layout: Layout | None = None
        self._date_cache: dict[str, date] = {}

    def position(self) -> int:
        """Bytes read so far (approximate: the reader buffers ahead)."""
        return self._data.tell() if not self._data.closed else self.size

    def __iter__(self) -> Generator[ReportRow, None, None]:
        self._data.seek(0)
        text = io.TextIOWrapper(self._data, encoding=self.encoding, newline="")
        try:
            yield from self._rows(split_records(text))
        finally:
            text.detach()

    def _rows(self, records: Iterator[tuple[int, list[str]]]) -> Iterator[ReportRow]:
        header: list[str] | None = None
        line = 0
        for line, header in records:  # noqa: B007 (the header's line, for the error below)
            if any(h.strip() for h in header):
                break
        else:
            raise ReportError(self.name, None, "the file is empty")
        try:
            layout, pos = recognise_layout(header)
        except ValueError as exc:
            raise ReportError(self.name, line, str(exc)) from None
        self.layout = layout
        width = len(header)
        i_date, i_rating, i_comment = pos["date"], pos["rating"], pos["comments"]
        i_response, i_order, i_email = pos[layout.response_column], pos["order id"], pos["rater email"]
        answers = [pos[c] for c in _ANSWER_COLUMNS] if layout is FEEDBACK_MANAGER else []
        no_answers = (None, None, None)
        rating_of, day_of = _RATINGS.get, self._date_cache.get
        new_row = tuple.__new__  # ReportRow(...) without its Python-level __new__
        for start, fields in records:
            if len(fields) != width:
                fitted = self._fitted(fields, width, start)
                if fitted is None:
                    continue  # a blank line
                fields = fitted
            rating, day = rating_of(fields[i_rating]), day_of(fields[i_date])
            order_id, email = fields[i_order], fields[i_email].strip()
            comment, response = fields[i_comment].strip(), fields[i_response].strip()
            # Every check at once for a row as Amazon writes it (an order id is [0-9A-Za-z][0-9A-Za-z-]{0,39});
            # any other row goes through the checks one by one, which name what is wrong.
            if not (
                rating
                and day
                and 0 < len(order_id) <= 40
                and order_id.isascii()
                and order_id[0] != "-"
                and order_id.replace("-", "").isalnum()
                and len(email) <= 320
                and email.isprintable()
                and len(comment) <= MAX_FIELD
                and len(response) <= MAX_FIELD
                and "\x00" not in comment
                and "\x00" not in response
            ):
                rating, order_id, day = self._checked(
                    fields, start, i_rating, i_order, i_date, email, comment, response
                )
            yes_no = [self._yes_no(fields[i], start) for i in answers] if answers else no_answers
            yield new_row(ReportRow, (start, order_id, rating, comment, day, response, email, *yes_no))

    def _fitted(self, fields: list[str], width: int, line: int) -> list[str] | None:
        """A row with more or fewer fields than the header: None for a blank line, the row without its empty
        trailing fields, or refused."""
        if not any(f.strip() for f in fields):
            return None
        if len(fields) > width and not any(f.strip() for f in fields[width:]):
            return fields[:width]
        raise ReportError(
            self.name, line, f"this row has {len(fields)} fields, the header has {width} (a tab or quote out of place?)"
        )

    def _checked(
        self,
        fields: list[str],
        line: int,
        i_rating: int,
        i_order: int,
        i_date: int,
        email: str,
        comment: str,
        response: str,
    ) -> tuple[int, str, date]:
        """The rating, order id and date of a row, each checked (with its spaces around it stripped), or the row
        refused naming its first problem."""
        rating = _RATINGS.get(fields[i_rating].strip())
        if rating is None:
            raise ReportError(
                self.name, line, f"rating {fields[i_rating].strip()[:20]!r} is not a whole number from 1 to 5"
            )
        order_id = fields[i_order].strip()
        if not _ORDER_ID.fullmatch(order_id):
            raise ReportError(
                self.name,
                line,
                f"Order ID {order_id[:60]!r} is not an Amazon order number (letters, digits and dashes, at most 40)"
                if order_id
                else "the Order ID is empty",
            )
        if len(email) > 320 or not email.isprintable():
            raise ReportError(self.name, line, f"Rater Email {email[:60]!r} is not an email address")
        if len(comment) > MAX_FIELD or len(response) > MAX_FIELD:
            raise ReportError(
                self.name,
                line,
                f"a comment or response is over {MAX_FIELD // 1024} KiB; "
                "feedback comments are short, so the file is broken here",
            )
        if "\x00" in comment or "\x00" in response:
            raise ReportError(self.name, line, "a comment or response holds a NUL character")
        return rating, order_id, self._parse_date(fields[i_date], line)

    def _yes_no(self, text: str, line: int) -> bool | None:
        try:
            return _YES_NO[text.strip().lower()]
        except KeyError:
            raise ReportError(self.name, line, f"{text.strip()[:20]!r} should be Yes or No") from None

    def _parse_date(self, text: str, line: int) -> date:
        cached = self._date_cache.get(text)
        if cached is None:
            try:
                cached = parse_report_date(text, self.marketplace)
            except ValueError:
                raise ReportError(
                    self.name,
                    line,
                    f"unreadable date {text.strip()[:20]!r}: {self.marketplace} reports use "
                    f"{date_format_label(self.marketplace)} (pass --marketplace if this report is from another one)",
                ) from None
            if not date(EARLIEST_YEAR, 1, 1) <= cached <= self.latest_date:
                raise ReportError(
                    self.name,
                    line,
                    f"the date {text.strip()!r} reads as {cached.isoformat()}, "
                    f"{'before Amazon existed' if cached.year < EARLIEST_YEAR else 'in the future'}: "
                    "is this report from another marketplace (--marketplace)?",
                )
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
