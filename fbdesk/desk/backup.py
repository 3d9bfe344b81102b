"""A backup of the whole desk as one JSON file (`fbdesk export --format json`), and its restore into an empty desk
(`fbdesk import-backup`).

The file is an object: `"format": "fbdesk-backup"`, `"version": 1`, `"exported_at"`, then `"cases"`, one object per
feedback (oldest id first) holding the feedback and everything the desk keeps on it (its revisions, public
responses, messages to the buyer with their delivery, the buyer's replies and Amazon's notices, notes, removal
requests, drafts and its audit trail), then what belongs to no case: `"unmatched_mail"`, `"desk_audit"` (imports),
`"report_files"` (the report files imported, so that importing one again changes nothing) and `"mailbox_cursors"`
(how far the mailbox was read). Every row keeps its columns and its id, so what refers to a row by id (an audit
event naming a message, Amazon's notice naming the message it bounced) still does after a restore; a row inside a
case leaves out its `feedback_id`. Moments are ISO 8601 in UTC (`2026-11-30T23:08:37.957922Z`), days are
`2026-11-30`.

A restore takes the whole file in one transaction, into a desk that holds nothing yet: a file that is broken, not a
backup, or from a newer fbdesk is refused, with the desk left as it was."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import Boolean, Column, Date, DateTime, Integer, String, Table, func, insert, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DataError, IntegrityError
from sqlmodel import SQLModel

from fbdesk.db import dialect, tallies
from fbdesk.db.models import (
    AuditEvent,
    BuyerMessage,
    BuyerReply,
    Draft,
    Feedback,
    FeedbackRevision,
    MailboxCursor,
    Note,
    RemovalRequest,
    ReportFile,
    Response,
)
from fbdesk.desk.core import DeskCore, explained_database_trouble, table_of
from fbdesk.domain.timestamps import iso_utc, parse_iso_utc
from fbdesk.errors import BadInput, RuleRefusal

FORMAT = "fbdesk-backup"
VERSION = 1
CHUNK = 500  # cases read together: one query per part for each chunk of cases, not one per case

# What a case holds, in the order a restore writes it (a notice refers to the message it bounced).
CASE_PARTS: dict[str, type[SQLModel]] = {
    "revisions": FeedbackRevision,
    "responses": Response,
    "messages": BuyerMessage,
    "replies": BuyerReply,
    "notes": Note,
    "removal_requests": RemovalRequest,
    "drafts": Draft,
    "audit": AuditEvent,
}
# What belongs to no case: rows of a case part with no feedback, and the desk's own tables.
NO_CASE_PARTS: dict[str, type[SQLModel]] = {"unmatched_mail": BuyerReply, "desk_audit": AuditEvent}
DESK_PARTS: dict[str, type[SQLModel]] = {"report_files": ReportFile, "mailbox_cursors": MailboxCursor}
# Every table of the desk is in the backup, or named here with the reason it is not (a test holds the two lists to
# the schema, so a new table is a decision, not an omission).
# Tables a backup leaves out, and why.
NOT_BACKED_UP: dict[str, str] = {
    "feedback_tally": "the inbox's counts: counted again from the feedback restored",
    "feedback_day_tally": "the dashboard's counts per day: counted again from the feedback restored",
    "tally_mark": "how far the feedback was counted: counted again from the feedback restored",
    "presence": "who is viewing or writing to a case now: heartbeats that expire within a minute",
    "desk_change": "how many changes the desk has seen, for the helpdesks open on it now",
}


def backed_up_tables() -> set[str]:
    models: list[type[SQLModel]] = [Feedback, *CASE_PARTS.values(), *NO_CASE_PARTS.values(), *DESK_PARTS.values()]
    return {table_of(model).name for model in models}


@dataclass
class RestoreSummary:
    """What a restore wrote: rows per part of the backup."""

    cases: int = 0
    rows: dict[str, int] = field(default_factory=dict)

    def line(self) -> str:
        """What was restored, in words: "Restored 12 cases: 3 notes, 1 audit event, 1 report file."."""
        parts = ", ".join(_count(n, *PART_NAMES[part]) for part, n in self.rows.items() if n)
        return f"Restored {_count(self.cases, 'case', 'cases')}" + (f": {parts}" if parts else "") + "."


PART_NAMES = {  # one, many
    "revisions": ("earlier version of a feedback", "earlier versions of feedback"),
    "responses": ("public response", "public responses"),
    "messages": ("message to a buyer", "messages to buyers"),
    "replies": ("mail from a buyer or Amazon", "mails from buyers or Amazon"),
    "notes": ("note", "notes"),
    "removal_requests": ("removal request", "removal requests"),
    "drafts": ("draft", "drafts"),
    "audit": ("audit event", "audit events"),
    "unmatched_mail": ("unmatched mail", "unmatched mails"),
    "desk_audit": ("desk audit event", "desk audit events"),
    "report_files": ("report file", "report files"),
    "mailbox_cursors": ("mailbox position", "mailbox positions"),
}


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


class Backup:
    def __init__(self, core: DeskCore) -> None:
        self._core = core

    # --- writing -----------------------------------------------------------------------------------------

    def export(self, out: TextIO) -> int:
        """Write the whole desk to `out` as a backup, streamed, from one consistent snapshot; returns how many cases
        were written."""
        written = 0
        with explained_database_trouble(), self._core.engine.connect() as conn:
            if conn.dialect.name == "postgresql":  # every query of the export sees the same moment
                conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                exported_at = iso_utc(self._core.clock(), precise=True)
                header = {"format": FORMAT, "version": VERSION, "exported_at": exported_at}
                out.write(json.dumps(header, ensure_ascii=False)[:-1] + ',\n"cases": [')
                for case in self._cases(conn):
                    out.write(("," if written else "") + "\n" + json.dumps(case, ensure_ascii=False))
                    written += 1
                out.write("\n]")
                for part, model in NO_CASE_PARTS.items():
                    table = table_of(model)
                    rows = conn.execute(select(table).where(table.c.feedback_id.is_(None)).order_by(table.c.id))
                    _write_list(out, part, (_encode(table, row._mapping) for row in rows))
                for part, model in DESK_PARTS.items():
                    table = table_of(model)
                    rows = conn.execute(select(table).order_by(*table.primary_key.columns))
                    _write_list(out, part, (_encode(table, row._mapping) for row in rows))
                out.write("\n}\n")
        return written

    def _cases(self, conn: Connection) -> Iterator[dict[str, Any]]:
        feedback = table_of(Feedback)
        last = 0
        while True:
            chunk = conn.execute(
                select(feedback).where(feedback.c.id > last).order_by(feedback.c.id).limit(CHUNK)
            ).all()
            if not chunk:
                return
            ids = [row.id for row in chunk]
            parts: dict[str, dict[int, list[dict[str, Any]]]] = {}
            for part, model in CASE_PARTS.items():
                table = table_of(model)
                grouped: dict[int, list[dict[str, Any]]] = {}
                parts[part] = grouped
                rows = conn.execute(select(table).where(table.c.feedback_id.in_(ids)).order_by(table.c.id))
                for row in rows:
                    grouped.setdefault(row.feedback_id, []).append(_encode(table, row._mapping, nested=True))
            for row in chunk:
                yield {"feedback": _encode(feedback, row._mapping)} | {
                    part: parts[part].get(row.id, []) for part in CASE_PARTS
                }
            last = ids[-1]

    # --- restoring ---------------------------------------------------------------------------------------

    def restore(self, path: str | Path) -> RestoreSummary:
        """Restore the backup file at `path` into this desk, which must be empty: all of it, or nothing."""
        backup = _read(Path(path))
        rows = _rows_of(backup, str(path))
        with explained_database_trouble(), self._core.engine.connect() as conn:
            conn = conn.execution_options(**{dialect.WRITE_OPTION: True})
            with conn.begin():
                dialect.lock_imports(conn)
                self._check_empty(conn)
                try:
                    for name, table_rows in rows.items():
                        if table_rows:
                            conn.execute(insert(_table(name)), table_rows)
                except (IntegrityError, DataError) as exc:
                    detail = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else str(exc)
                    raise BadInput(
                        f"{path}: the backup contradicts itself and cannot be restored ({detail}); "
                        "nothing was restored."
                    ) from None
                dialect.index_new_comments(conn, 0)
                tallies.fold(conn)
                dialect.follow_restored_ids(conn, [_table(name) for name, r in rows.items() if r])
                self._core.announce(conn)
        return RestoreSummary(
            cases=len(backup["cases"]),
            rows={part: sum(len(case.get(part, [])) for case in backup["cases"]) for part in CASE_PARTS}
            | {part: len(backup.get(part, [])) for part in {**NO_CASE_PARTS, **DESK_PARTS}},
        )

    def _check_empty(self, conn: Connection) -> None:
        held = {
            name: conn.execute(select(func.count()).select_from(_table(name))).scalar_one()
            for name in sorted(backed_up_tables())
        }
        if any(held.values()):
            feedback = held.get(table_of(Feedback).name, 0)
            raise RuleRefusal(
                "This desk is not empty"
                + (f" (it holds {feedback} feedback)" if feedback else "")
                + ": a backup is restored only into a new, empty desk, so that nothing in it is mixed up or lost. "
                "Name a new database with --db; the desk was left as it was."
            )


def _write_list(out: TextIO, name: str, items: Iterator[dict[str, Any]]) -> None:
    out.write(f',\n"{name}": [')
    first = True
    for item in items:
        out.write(("" if first else ",") + "\n" + json.dumps(item, ensure_ascii=False))
        first = False
    out.write("\n]")


def _encode(table: Table, row: Mapping[Any, Any], *, nested: bool = False) -> dict[str, Any]:
    """A row as JSON values, column by column; inside a case, without its feedback id."""
    encoded: dict[str, Any] = {}
    for column in table.columns:
        if nested and column.name == "feedback_id":
            continue
        value = row[column.name]
        if isinstance(value, datetime):
            value = iso_utc(value, precise=True)
        elif isinstance(value, date):
            value = value.isoformat()
        encoded[column.name] = value
    return encoded


# --- reading a backup file ---------------------------------------------------------------------------------


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            backup = json.load(f)
    except OSError as exc:
        raise BadInput(f"cannot read {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise BadInput(f"{path} is not an fbdesk backup: it is not UTF-8 text.") from None
    except ValueError as exc:  # json.JSONDecodeError
        raise BadInput(f"{path} is not an fbdesk backup: it is not JSON ({exc}).") from None
    if not isinstance(backup, dict) or backup.get("format") != FORMAT:
        raise BadInput(
            f'{path} is not an fbdesk backup (it has no "format": "{FORMAT}"); '
            "a backup is written by `fbdesk export --format json`."
        )
    version = backup.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise BadInput(f"{path}: the backup's version {version!r} is not one fbdesk knows; the file is broken.")
    if version > VERSION:
        raise BadInput(
            f"{path} is a version {version} backup, made by a newer fbdesk; this fbdesk reads version {VERSION}. "
            "Restore it with the fbdesk that made it, or a newer one."
        )
    if not isinstance(backup.get("cases"), list):
        raise BadInput(f"{path}: the backup has no list of cases; the file is broken.")
    return backup


def _rows_of(backup: Mapping[str, Any], source: str) -> dict[str, list[dict[str, Any]]]:
    """Every row the backup holds, checked and decoded, by table, in the order they are written."""
    known = {"format", "version", "exported_at", "cases", *NO_CASE_PARTS, *DESK_PARTS}
    unknown = sorted(set(backup) - known)
    if unknown:
        raise BadInput(f"{source}: unknown part(s) {', '.join(unknown)} in the backup; the file is broken.")
    rows: dict[str, list[dict[str, Any]]] = {table_of(Feedback).name: []}
    for model in (*CASE_PARTS.values(), *DESK_PARTS.values()):
        rows.setdefault(table_of(model).name, [])
    cases = _list(backup, "cases", source)
    for n, case in enumerate(cases, 1):
        if not isinstance(case, dict) or not isinstance(case.get("feedback"), dict):
            raise BadInput(f"{source}: case {n} has no feedback; the file is broken.")
        extra = sorted(set(case) - {"feedback", *CASE_PARTS})
        if extra:
            raise BadInput(f"{source}: case {n} has unknown part(s) {', '.join(extra)}; the file is broken.")
        fb = _decode(table_of(Feedback), case["feedback"], f"{source}: case {n}: feedback")
        rows[table_of(Feedback).name].append(fb)
        where = f"{source}: case {n} (order {fb['order_id']})"
        for part, model in CASE_PARTS.items():
            for i, item in enumerate(_list(case, part, where), 1):
                rows[table_of(model).name].append(
                    _decode(table_of(model), item, f"{where}: {part} {i}", feedback_id=fb["id"])
                )
    for part, model in {**NO_CASE_PARTS, **DESK_PARTS}.items():
        for i, item in enumerate(_list(backup, part, source), 1):
            decoded = _decode(table_of(model), item, f"{source}: {part} {i}")
            if part in NO_CASE_PARTS and decoded.get("feedback_id") is not None:
                raise BadInput(f"{source}: {part} {i} belongs to a case; the file is broken.")
            rows[table_of(model).name].append(decoded)
    for name, table_rows in rows.items():  # ids in the order they were given out, as the desk had them
        if "id" in _table(name).c:
            table_rows.sort(key=lambda row: row["id"])
    return rows


def _list(holder: Mapping[str, Any], part: str, where: str) -> Sequence[Any]:
    items = holder.get(part, [])
    if not isinstance(items, list):
        raise BadInput(f"{where}: {part} is not a list; the file is broken.")
    return items


def _decode(table: Table, item: object, where: str, *, feedback_id: int | None = None) -> dict[str, Any]:
    """A row from its JSON values: each column checked against its type; a column the backup lacks (one added to
    the desk after the backup was made) takes its default."""
    if not isinstance(item, dict):
        raise BadInput(f"{where} is not an object; the file is broken.")
    nested = feedback_id is not None
    unknown = sorted(set(item) - {c.name for c in table.columns} - ({"feedback_id"} if nested else set()))
    if unknown:
        raise BadInput(f"{where}: unknown field(s) {', '.join(unknown)}; the file is broken or from another program.")
    row: dict[str, Any] = {}
    for column in table.columns:
        if nested and column.name == "feedback_id":
            row[column.name] = feedback_id
        elif column.name in item:
            row[column.name] = _value(column, item[column.name], where)
        elif column.default is not None and not callable(column.default.arg):  # type: ignore[attr-defined]
            row[column.name] = column.default.arg  # type: ignore[attr-defined]
        elif column.nullable and not column.primary_key:
            row[column.name] = None
        else:
            raise BadInput(f"{where} has no {column.name}; the file is broken.")
    return row


def _value(column: Column[Any], value: object, where: str) -> object:
    shown = repr(value)
    problem = f"{where}: {column.name} {shown if len(shown) <= 60 else shown[:57] + '...'}"
    if value is None:
        if column.nullable and not column.primary_key:
            return None
        raise BadInput(f"{problem} cannot be empty; the file is broken.")
    kind = getattr(column.type, "impl", column.type)
    try:
        if isinstance(kind, DateTime):
            return parse_iso_utc(value)  # type: ignore[arg-type]
        if isinstance(kind, Date):
            if not isinstance(value, str) or len(value) != 10:
                raise ValueError
            return date.fromisoformat(value)
    except (ValueError, TypeError):
        raise BadInput(f"{problem} is not a {'moment' if isinstance(kind, DateTime) else 'day'}.") from None
    if isinstance(kind, Boolean):
        if not isinstance(value, bool):
            raise BadInput(f"{problem} is not true or false.")
    elif isinstance(kind, Integer):
        if not isinstance(value, int) or isinstance(value, bool):
            raise BadInput(f"{problem} is not a whole number.")
    elif isinstance(kind, String):
        if not isinstance(value, str):
            raise BadInput(f"{problem} is not text.")
        if kind.length is not None and len(value) > kind.length:
            raise BadInput(f"{where}: {column.name} is longer than {kind.length} characters.")
        if "\x00" in value:
            raise BadInput(f"{where}: {column.name} holds a NUL character; the file is broken.")
    return value


def _table(name: str) -> Table:
    return SQLModel.metadata.tables[name]
