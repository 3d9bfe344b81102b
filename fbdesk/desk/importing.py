"""Importing Amazon feedback reports into the store: all or nothing, idempotent, streamed, and never backwards.

Each file is streamed into a temporary staging table (so memory does not grow with the file), then merged
into the store with a few set-based statements: new orders are added in one INSERT ... SELECT, and only the
orders whose feedback changed come back to Python, to be recorded one by one as buyer modifications.

Report order: a report is newer than what the desk knows of a feedback when it shows the feedback with a later
date, or with the same date in a report whose latest date is later than that of the report the desk last learnt it
from (`Feedback.reported_through`), or, both dates being the same, when the file was never imported before (files
are known by the SHA-256 of their bytes). Only a newer report records a buyer modification, shows removed feedback
back, or (with --complete) marks feedback removed; an older one changes nothing for that feedback and is counted as
such. Re-importing any file imported before therefore changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    ColumnElement,
    Date,
    Index,
    Integer,
    MetaData,
    Row,
    String,
    Table,
    Text,
    and_,
    case,
    exists,
    func,
    insert,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.engine import Connection

from fbdesk.db import dialect, tallies
from fbdesk.db.bulk import BulkInserter
from fbdesk.db.models import Feedback, FeedbackRevision, ReportFile, Response
from fbdesk.desk.core import DeskCore, explained_database_trouble, table_of
from fbdesk.desk.report_files import open_report
from fbdesk.domain.lifecycle import (
    FEEDBACK_GONE,
    CaseStatus,
    FeedbackState,
    ResponseState,
    initial_case_status,
    reopens_case,
)
from fbdesk.domain.reports import CHANNELS, ReportError, ReportReader
from fbdesk.errors import BadInput

CHUNK_ROWS = 5000

Progress = Callable[[int, int, str], None]  # (bytes done, bytes in all, "reading" | "saving" | "done")

F = table_of(Feedback)
R = table_of(Response)
REV = table_of(FeedbackRevision)
RF = table_of(ReportFile)

_staging = Table(
    "import_staging",
    MetaData(),
    Column("line", Integer, nullable=False),
    Column("order_id", String(40), nullable=False),
    Column("rating", Integer, nullable=False),
    Column("comment", Text, nullable=False),
    Column("feedback_date", Date, nullable=False),
    Column("response", Text, nullable=False),
    Column("rater_email", String(320), nullable=False),
    Column("arrived_on_time", Boolean),
    Column("item_as_described", Boolean),
    Column("customer_service", Boolean),
    Column("case_status", String(20), nullable=False),
    prefixes=["TEMPORARY"],
)
_staging_order = Index("ix_import_staging_order", _staging.c.order_id, _staging.c.line)
_staging.indexes.discard(_staging_order)  # built after the rows are loaded, which is much faster
S = _staging.c
# What the import needs to know of a feedback it may change.
_KNOWN = (F.c.id, F.c.rating, F.c.comment, F.c.feedback_date, F.c.revision, F.c.feedback_state, F.c.case_status)


@dataclass
class ImportSummary:
    files: list[str] = field(default_factory=list)
    added: int = 0
    modified: int = 0
    unchanged: int = 0
    removed: int = 0
    responses: int = 0
    older: int = 0  # rows that differ from what the desk knows, from a report older for them: left as they are

    def as_dict(self) -> dict[str, object]:
        return {
            "files": self.files,
            "added": self.added,
            "modified": self.modified,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "responses_recorded": self.responses,
            "older": self.older,
        }


@dataclass
class _Run:
    """One file's import."""

    conn: Connection
    file: str
    now: datetime
    marketplace: str
    channel: str
    summary: ImportSummary
    digest: str = ""
    seen_before: bool = False  # the same file was imported before
    reported_through: date | None = None  # the latest feedback date in the file


@contextmanager
def _secondary_indexes_rebuilt_if(conn: Connection, bulk: bool) -> Iterator[None]:
    """When an import at least doubles the table, drop the inbox's secondary indexes while rows go in and
    build them again afterwards: building an index from sorted data is several times faster than
    updating it row by row. Inside the import's transaction, so a failure restores them."""
    indexes = [ix for ix in F.indexes if not ix.unique] if bulk else []
    for index in indexes:
        index.drop(conn)
    yield
    for index in indexes:
        index.create(conn)


class Importer:
    def __init__(self, core: DeskCore) -> None:
        self._core = core

    def import_reports(
        self,
        paths: Iterable[str | Path],
        *,
        marketplace: str = "US",
        complete: bool = False,
        channel: str = "unknown",
        progress: Progress | None = None,
    ) -> ImportSummary:
        """Import report files in one transaction: a problem in any file raises `ReportError`
        (file, line, problem) and leaves the database exactly as it was."""
        if channel not in CHANNELS:
            raise BadInput(f"unknown fulfilment channel {channel!r}; use one of {', '.join(CHANNELS)}")
        files = ExitStack()
        with files:
            readers = [open_report(p, marketplace, self._core.clock().date(), files) for p in paths]
            return self._import(readers, marketplace, complete, channel, progress)

    def _import(
        self, readers: list[ReportReader], marketplace: str, complete: bool, channel: str, progress: Progress | None
    ) -> ImportSummary:
        """Read and check every file into temporary staging tables first, holding no lock, so that agents keep
        working during a long import; then merge them all in one short write transaction, imports serialised."""
        total = sum(r.size for r in readers) or 1
        summary = ImportSummary(files=[r.name for r in readers])
        done = 0
        with explained_database_trouble(), self._core.engine.connect() as conn:
            with conn.begin():  # temporary tables only: no lock on the desk
                for n, reader in enumerate(readers):
                    _staging.create(conn)
                    self._stage(conn, reader, _reading_progress(progress, done, total))
                    conn.exec_driver_sql(f"ALTER TABLE {_staging.name} RENAME TO {_staging.name}_{n}")
                    done += reader.size
            if progress:
                progress(done, total, "saving")
            conn.execution_options(**{dialect.WRITE_OPTION: True})
            with conn.begin():
                dialect.lock_imports(conn)
                for n, reader in enumerate(readers):
                    conn.exec_driver_sql(f"ALTER TABLE {_staging.name}_{n} RENAME TO {_staging.name}")
                    run = _Run(conn, reader.name, self._core.clock(), marketplace, channel, summary, reader.digest)
                    _staging_order.create(conn)
                    self._merge(run, complete)
                    _staging.drop(conn)  # with its index
                audited = summary.as_dict() | {
                    "files": [Path(f).name for f in summary.files]
                }  # where they lay is noise
                self._core.audit(conn, None, "import", **audited, marketplace=marketplace, complete=complete)
        if progress:
            progress(total, total, "done")
        return summary

    def _stage(self, conn: Connection, reader: ReportReader, progress: Callable[[int], None]) -> None:
        """Stream the file's rows into the staging table, checking every row on the way."""
        bulk = BulkInserter(conn, _staging, [c.name for c in _staging.columns])
        day_values: dict[date, object] = {}
        chunk: list[tuple[object, ...]] = []
        for row in reader:
            day = day_values.get(row.feedback_date)
            if day is None:
                day = day_values[row.feedback_date] = bulk.driver_value("feedback_date", row.feedback_date)
            chunk.append(
                (
                    row.line,
                    row.order_id,
                    row.rating,
                    row.comment,
                    day,
                    row.response,
                    row.rater_email,
                    row.arrived_on_time,
                    row.item_as_described,
                    row.customer_service,
                    initial_case_status(row.rating),
                )
            )
            if len(chunk) >= CHUNK_ROWS:
                bulk.insert(chunk)
                chunk = []
                progress(reader.position())
        bulk.insert(chunk)

    def _merge(self, run: _Run, complete: bool) -> None:
        conn = run.conn
        self._refuse_repeated_orders(run)
        run.reported_through = conn.execute(select(func.max(S.feedback_date))).scalar()
        run.seen_before = conn.execute(select(RF.c.digest).where(RF.c.digest == run.digest)).first() is not None
        if not run.seen_before:
            conn.execute(
                insert(RF).values(
                    digest=run.digest,
                    name=Path(run.file).name[:250],
                    reported_through=run.reported_through,
                    imported_at=run.now,
                )
            )
        known_before = conn.execute(select(func.coalesce(func.max(F.c.id), 0))).scalar_one()
        self._add_new_orders(run, known_before)
        self._apply_changes(run, known_before)
        if complete:
            self._mark_missing_as_removed(run)
        tallies.fold(conn)  # the inbox's counts take in the rows added (fbdesk.db.tallies)

    def _add_new_orders(self, run: _Run, known_before: int) -> None:
        conn, now = run.conn, run.now
        due = now + self._core.first_response_target
        values = {
            "order_id": S.order_id,
            "marketplace": literal(run.marketplace),
            "rating": S.rating,
            "comment": S.comment,
            "feedback_date": S.feedback_date,
            "arrived_on_time": S.arrived_on_time,
            "item_as_described": S.item_as_described,
            "customer_service": S.customer_service,
            "rater_email": S.rater_email,
            "channel": literal(run.channel),
            "case_status": S.case_status,
            "feedback_state": literal(FeedbackState.LIVE.value),
            "response_state": case((S.response != "", ResponseState.LIVE.value), else_=ResponseState.NONE.value),
            "revision": literal(1),
            "imported_at": literal(now, F.c.imported_at.type),
            "updated_at": literal(now, F.c.updated_at.type),
            "first_response_due": literal(due, F.c.first_response_due.type),
            "reported_through": literal(run.reported_through, F.c.reported_through.type),
        }
        new_orders = (
            select(*values.values()).where(~exists().where(F.c.order_id == S.order_id)).order_by(S.order_id)
        )  # inserting in key order keeps the order id index cheap
        staged = conn.execute(select(func.count()).select_from(_staging)).scalar_one()
        with _secondary_indexes_rebuilt_if(conn, bulk=staged > known_before):
            conn.execute(insert(F).from_select(list(values), new_orders))
        # Counted, not taken from rowcount, which psycopg reports as -1 for INSERT ... SELECT here.
        added = conn.execute(select(func.count()).where(F.c.id > known_before)).scalar_one()
        run.summary.added += added
        if not added:
            return
        dialect.index_new_comments(conn, known_before)
        conn.execute(
            insert(R).from_select(
                ["feedback_id", "for_revision", "body", "state", "agent", "source", "submitted_at"],
                select(
                    F.c.id,
                    literal(1),
                    S.response,
                    literal(ResponseState.LIVE.value),
                    literal(self._core.agent),
                    literal("amazon-report"),
                    literal(now, R.c.submitted_at.type),
                )
                .select_from(_staging.join(F, F.c.order_id == S.order_id))
                .where(S.response != "", F.c.id > known_before),
            )
        )
        answered = conn.execute(select(func.count()).where(R.c.feedback_id > known_before)).scalar_one()
        if answered:
            conn.execute(
                update(F)
                .where(F.c.id > known_before, F.c.response_state == ResponseState.LIVE)
                .values(first_response_at=now)
            )
            run.summary.responses += answered

    def _apply_changes(self, run: _Run, known_before: int) -> None:
        """Known orders: a changed rating, comment or date, or feedback the buyer had removed showing again, is a
        buyer modification; a response the report shows for the current version that the desk did not know of is
        recorded; the rest is unchanged. (Feedback Amazon removed or struck through stays as Amazon left it.)"""
        conn = run.conn
        matched = and_(F.c.order_id == S.order_id, F.c.id <= known_before)
        self._refuse_marketplace_clash(run, matched)
        known = conn.execute(select(func.count()).select_from(_staging.join(F, matched))).scalar_one()
        response_known = exists().where(R.c.feedback_id == F.c.id, R.c.for_revision == F.c.revision)
        differs = or_(
            F.c.rating != S.rating,
            F.c.comment != S.comment,
            F.c.feedback_date != S.feedback_date,
            F.c.feedback_state == FeedbackState.REMOVED_BY_BUYER,
            and_(S.response != "", ~response_known),
        )
        newer = self._newer(run)
        older = conn.execute(
            select(func.count()).select_from(_staging.join(F, matched)).where(differs, ~newer)
        ).scalar_one()
        changed = conn.execute(
            select(
                *_KNOWN,
                S.rating.label("new_rating"),
                S.comment.label("new_comment"),
                S.feedback_date.label("new_date"),
                S.response.label("new_response"),
            )
            .select_from(_staging.join(F, matched))
            .where(differs, newer)
            .order_by(F.c.id)
            .with_for_update(of=F)
        ).all()
        for row in changed:
            modified = (row.rating, row.comment, row.feedback_date) != (row.new_rating, row.new_comment, row.new_date)
            if modified or row.feedback_state == FeedbackState.REMOVED_BY_BUYER:
                self._record_buyer_change(run, row, "modified")
            else:
                self._record_posted_response(run, row.id, row.revision, row.new_response)
            run.summary.modified += 1
        run.summary.older += older
        run.summary.unchanged += known - len(changed) - older
        self._confirm(run, known_before)

    def _newer(self, run: _Run) -> ColumnElement[bool]:
        """The staged row is newer than what the desk knows of its feedback (see the module's docstring)."""
        through = literal(run.reported_through, F.c.reported_through.type)
        return or_(
            S.feedback_date > F.c.feedback_date,
            and_(
                S.feedback_date == F.c.feedback_date,
                or_(
                    F.c.reported_through.is_(None),
                    F.c.reported_through < through,
                    and_(F.c.reported_through == through, literal(not run.seen_before)),
                ),
            ),
        )

    def _confirm(self, run: _Run, known_before: int) -> None:
        """Feedback this report shows as the desk has it is now known through the report's latest date."""
        through = literal(run.reported_through, F.c.reported_through.type)
        same = exists().where(
            S.order_id == F.c.order_id,
            S.rating == F.c.rating,
            S.comment == F.c.comment,
            S.feedback_date == F.c.feedback_date,
        )
        run.conn.execute(
            update(F)
            .where(F.c.id <= known_before, same, or_(F.c.reported_through.is_(None), F.c.reported_through < through))
            .values(reported_through=through)
        )

    def _refuse_repeated_orders(self, run: _Run) -> None:
        """A report lists each order once; an order on two lines is a broken or doctored file."""
        first, second = _staging.alias("first"), _staging.alias("second")
        repeated = run.conn.execute(
            select(first.c.line, second.c.line, first.c.order_id)
            .where(first.c.order_id == second.c.order_id, first.c.line < second.c.line)
            .order_by(second.c.line)
            .limit(1)
        ).first()
        if repeated:
            raise ReportError(
                run.file,
                repeated[1],
                f"order {repeated[2]} is on line {repeated[0]} too: a report "
                "lists each order once, so this file cannot be trusted as it is",
            )

    def _refuse_marketplace_clash(self, run: _Run, matched: ColumnElement[bool]) -> None:
        """An order the desk holds under another marketplace means the file is being read with the wrong
        date format (10/2/26 is 2 October in the US and 10 February in the UK): refuse rather than record every
        row as a buyer modification."""
        clash = run.conn.execute(
            select(S.line, S.order_id, F.c.marketplace)
            .select_from(_staging.join(F, matched))
            .where(F.c.marketplace != run.marketplace)
            .order_by(S.line)
            .limit(1)
        ).first()
        if clash:
            raise ReportError(
                run.file,
                clash.line,
                f"order {clash.order_id} is in the desk as a {clash.marketplace} "
                f"order, but this file is being imported as {run.marketplace}: pass --marketplace "
                f"{clash.marketplace} (it sets the date format)",
            )

    def _record_posted_response(self, run: _Run, feedback_id: int, revision: int, body: str) -> None:
        """A response the report shows as already posted on Amazon."""
        run.conn.execute(
            insert(R).values(
                feedback_id=feedback_id,
                for_revision=revision,
                body=body,
                state=ResponseState.LIVE,
                agent=self._core.agent,
                source="amazon-report",
                submitted_at=run.now,
            )
        )
        run.conn.execute(
            update(F)
            .where(F.c.id == feedback_id)
            .values(updated_at=run.now, first_response_at=func.coalesce(F.c.first_response_at, run.now))
        )
        self._core.sync_response_state(run.conn, feedback_id)
        run.summary.responses += 1
        self._core.audit(run.conn, feedback_id, "response-found-in-report", body=body)

    def _record_buyer_change(self, run: _Run, known: Row[*tuple[Any, ...]], change: str) -> None:
        """The buyer modified or removed the feedback: keep the old text as a revision; Amazon removes the
        live response with it, and a new response may then be submitted to the modified feedback. A closed case
        whose feedback turns negative or neutral opens again, with a new first-response deadline."""
        conn, now = run.conn, run.now
        conn.execute(
            insert(REV).values(
                feedback_id=known.id,
                revision=known.revision,
                rating=known.rating,
                comment=known.comment,
                feedback_date=known.feedback_date,
                change=change,
                recorded_at=now,
            )
        )
        had_live = conn.execute(
            update(R)
            .where(R.c.feedback_id == known.id, R.c.state == ResponseState.LIVE)
            .values(state=ResponseState.REMOVED, ended_at=now)
        ).rowcount
        values: dict[str, object] = {
            "revision": known.revision + 1,
            "updated_at": now,
            "reported_through": run.reported_through,
        }
        reopened = change == "modified" and reopens_case(known.case_status, known.new_rating)
        if change == "modified":
            values.update(
                rating=known.new_rating,
                comment=known.new_comment,
                feedback_date=known.new_date,
                feedback_state=FeedbackState.MODIFIED,
            )
        else:
            values["feedback_state"] = FeedbackState.REMOVED_BY_BUYER
        if reopened:
            values.update(
                case_status=CaseStatus.NEW,
                first_response_due=now + self._core.first_response_target,
                first_response_at=None,
            )
        conn.execute(update(F).where(F.c.id == known.id).values(**values))
        self._core.sync_response_state(conn, known.id)
        details: dict[str, object] = {
            "old_rating": known.rating,
            "old_comment": known.comment,
            "response_removed": bool(had_live),
        }
        if change == "modified":
            details.update(new_rating=known.new_rating, new_comment=known.new_comment, case_reopened=reopened)
        self._core.audit(conn, known.id, f"buyer-{change}-feedback", **details)
        if change == "modified" and known.new_response:
            self._record_posted_response(run, known.id, known.revision + 1, known.new_response)

    def _mark_missing_as_removed(self, run: _Run) -> None:
        """With --complete, a known feedback inside the report's date span but absent from it was removed by
        the buyer, unless the desk learnt of it from a newer report than this one."""
        conn = run.conn
        first, last = conn.execute(select(func.min(S.feedback_date), func.max(S.feedback_date))).one()
        if first is None:
            return
        missing = conn.execute(
            select(*_KNOWN)
            .where(
                F.c.marketplace == run.marketplace,
                F.c.feedback_date.between(first, last),
                F.c.feedback_state.not_in(FEEDBACK_GONE),
                ~exists().where(S.order_id == F.c.order_id),
                or_(F.c.reported_through.is_(None), F.c.reported_through <= last),
            )
            .order_by(F.c.id)
            .with_for_update()
        ).all()
        for known in missing:
            self._record_buyer_change(run, known, "removed")
        run.summary.removed += len(missing)


def _reading_progress(progress: Progress | None, done: int, total: int) -> Callable[[int], None]:
    """Progress through one file, as progress through them all."""

    def report(position: int) -> None:
        if progress:
            progress(done + position, total, "reading")

    return report
