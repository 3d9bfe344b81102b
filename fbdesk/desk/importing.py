"""Importing Amazon feedback reports into the store: all or nothing, idempotent, streamed, and never backwards.

Each file is streamed into a temporary staging table (so memory does not grow with the file; COPY on PostgreSQL),
then merged into the store with a few set-based statements: the staged rows whose order the desk knows are listed
once (`import_known`); the others are added in one INSERT ... SELECT, in the order staged and with ids following it,
so that nothing is sorted or looked up (when the import at least doubles the table, its indexes are dropped and
built again afterwards); only the orders whose feedback changed come back to Python, to be recorded one by one as
buyer modifications. `ImportSummary.steps` tells the time each step took.

Report order: a report is newer than what the desk knows of a feedback when it shows the feedback with a later
date, or with the same date in a report whose latest date is later than that of the report the desk last learnt it
from (`Feedback.reported_through`), or, both dates being the same, when the file was never imported before (files
are known by the SHA-256 of their bytes). Only a newer report records a buyer modification, shows removed feedback
back, or (with --complete) marks feedback removed; an older one changes nothing for that feedback and is counted as
such. Re-importing any file imported before therefore changes nothing.
"""

from __future__ import annotations

import itertools
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, closing, contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    ColumnElement,
    Date,
    Identity,
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
    null,
    or_,
    select,
    update,
)
from sqlalchemy.engine import Connection
from sqlalchemy.sql.selectable import Join

from fbdesk.db import dialect, tallies
from fbdesk.db.bulk import open_loader
from fbdesk.db.models import Feedback, FeedbackRevision, ReportFile, Response
from fbdesk.desk.cases import follow_status_rule
from fbdesk.desk.core import DeskCore, explained_database_trouble, table_of
from fbdesk.desk.report_files import open_report
from fbdesk.domain.lifecycle import (
    FEEDBACK_GONE,
    CaseStatus,
    FeedbackState,
    ResponseState,
    buyer_change_event,
    initial_case_status,
    reopens_case,
)
from fbdesk.domain.reports import FEEDBACK_MANAGER, ReportError, ReportReader, channel_named

CHUNK_ROWS = 5000

Progress = Callable[[int, int, str], None]  # (bytes done, bytes in all, "reading" | "saving" | "done")

F = table_of(Feedback)
R = table_of(Response)
REV = table_of(FeedbackRevision)
RF = table_of(ReportFile)

_staging = Table(
    "import_staging",
    MetaData(),
    Column("n", Integer, Identity(), primary_key=True),  # rows numbered as staged, from 1, by the database
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
    prefixes=["TEMPORARY"],
)
_staging_order = Index("ix_import_staging_order", _staging.c.order_id, _staging.c.line)
_staging.indexes.discard(_staging_order)  # built after the rows are loaded, which is much faster
S = _staging.c
_STAGED_COLUMNS = [c.name for c in _staging.columns][1:8]  # what every report has (n is numbered as rows go in)
_ANSWER_COLUMNS = [c.name for c in _staging.columns][8:]  # the Feedback Manager layout's three answers
# The staged rows whose order the desk already holds, with its feedback id.
_known = Table(
    "import_known",
    MetaData(),
    Column("n", Integer, primary_key=True, autoincrement=False),
    Column("feedback_id", Integer, nullable=False),
    prefixes=["TEMPORARY"],
)
K = _known.c
# The staged rows whose order is new, numbered in order id order: feedback ids follow that order.
_new = Table(
    "import_new",
    MetaData(),
    Column("k", Integer, primary_key=True, autoincrement=False),
    Column("n", Integer, nullable=False),
    prefixes=["TEMPORARY"],
)
N = _new.c
# What the import needs to know of a feedback it may change.
_KNOWN = (F.c.id, F.c.rating, F.c.comment, F.c.feedback_date, F.c.revision, F.c.feedback_state, F.c.case_status)

# Ratings whose feedback owes the buyer a first response (positive feedback is closed on arrival).
_OWING_RATINGS = [r for r in range(1, 6) if initial_case_status(r) is not CaseStatus.CLOSED]


@dataclass
class ImportSummary:
    files: list[str] = field(default_factory=list)
    added: int = 0
    modified: int = 0
    unchanged: int = 0
    removed: int = 0
    responses: int = 0
    older: int = 0  # rows that differ from what the desk knows, from a report older for them: left as they are
    steps: dict[str, float] = field(default_factory=dict)  # seconds spent in each step of the import
    steps_cpu: dict[str, float] = field(default_factory=dict)  # and this process's CPU seconds in it

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            self.steps[name] = self.steps.get(name, 0.0) + time.perf_counter() - wall
            self.steps_cpu[name] = self.steps_cpu.get(name, 0.0) + time.process_time() - cpu

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
    staged: int = 0  # rows in the file
    keys: Counter[tuple[int, date]] = field(default_factory=Counter)  # its rows by rating and date


@contextmanager
def _staging_dropped_if_refused(conn: Connection, files: int) -> Iterator[None]:
    """The staging tables outlive the transaction that filled them, and the connection goes back to the pool: when
    the import fails after that, drop them, so that the next import on this connection starts clean."""
    try:
        yield
    except BaseException:
        if conn.closed or conn.invalidated:
            raise
        try:
            if conn.in_transaction():
                conn.rollback()
            with conn.begin():
                for name in [_new.name, _known.name, _staging.name, *(f"{_staging.name}_{n}" for n in range(files))]:
                    conn.exec_driver_sql(f"DROP TABLE IF EXISTS {name}")
        except Exception:
            conn.invalidate()  # a connection that cannot drop them is not used again: they go with it
        raise


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
        channel = channel_named(channel)  # fba, mfn or unknown
        summary = ImportSummary()
        with ExitStack() as files:
            with summary.step("encoding and digest"):
                readers = [open_report(p, marketplace, self._core.clock().date(), files) for p in paths]
            summary.files = [r.name for r in readers]
            return self._import(readers, marketplace, complete, channel, progress, summary)

    def _import(
        self,
        readers: list[ReportReader],
        marketplace: str,
        complete: bool,
        channel: str,
        progress: Progress | None,
        summary: ImportSummary,
    ) -> ImportSummary:
        """Read and check every file into temporary staging tables first, holding no lock, so that agents keep
        working during a long import; then merge them all in one short write transaction, imports serialised."""
        total = sum(r.size for r in readers) or 1
        done = 0
        staged: list[tuple[int, Counter[tuple[int, date]]]] = []
        with (
            explained_database_trouble(),
            self._core.engine.connect() as conn,
            _staging_dropped_if_refused(conn, len(readers)),
        ):
            with conn.begin():  # temporary tables only: no lock on the desk
                for n, reader in enumerate(readers):
                    _staging.create(conn)
                    staged.append(self._stage(conn, reader, _reading_progress(progress, done, total), summary))
                    conn.exec_driver_sql(f"ALTER TABLE {_staging.name} RENAME TO {_staging.name}_{n}")
                    done += reader.size
            if progress:
                progress(done, total, "saving")
            conn.execution_options(**{dialect.WRITE_OPTION: True})
            transaction = conn.begin()
            with transaction:
                dialect.lock_imports(conn)
                for n, reader in enumerate(readers):
                    conn.exec_driver_sql(f"ALTER TABLE {_staging.name}_{n} RENAME TO {_staging.name}")
                    run = _Run(conn, reader.name, self._core.clock(), marketplace, channel, summary, reader.digest)
                    run.staged, run.keys = staged[n]
                    self._merge(run, complete)
                    conn.exec_driver_sql(f"DROP TABLE IF EXISTS {_new.name}")  # there when new orders were added
                    _known.drop(conn)
                    _staging.drop(conn)  # with its index
                audited = summary.as_dict() | {
                    "files": [Path(f).name for f in summary.files]
                }  # where they lay is noise
                self._core.audit(conn, None, "import", **audited, marketplace=marketplace, complete=complete)
                self._core.announce(conn)
                with summary.step("commit"):
                    transaction.commit()
        if progress:
            progress(total, total, "done")
        return summary

    def _stage(
        self, conn: Connection, reader: ReportReader, progress: Callable[[int], None], summary: ImportSummary
    ) -> tuple[int, Counter[tuple[int, date]]]:
        """Stream the file's rows into the staging table, checking every row on the way; returns how many, and how
        many of each rating and date (what the tallies count of the feedback the import adds)."""
        staging = summary.steps.get("staging", 0.0), summary.steps_cpu.get("staging", 0.0)
        n = 0
        keys: Counter[tuple[int, date]] = Counter()
        # The rows closed as the step ends, even by an error: not later, by the garbage collector, with the file.
        with summary.step("read and check"), closing(iter(reader)) as rows:
            first = next(rows, None)  # the header read: the layout is known
            answers = reader.layout is FEEDBACK_MANAGER
            with open_loader(conn, _staging, _STAGED_COLUMNS + (_ANSWER_COLUMNS if answers else [])) as loader:
                days: dict[date, object] = {}
                chunk: list[tuple[object, ...]] = []
                for row in itertools.chain((first,), rows) if first else ():
                    line, order_id, rating, comment, day, response, email, on_time, described, service = row
                    n += 1
                    keys[rating, day] += 1
                    value = days.get(day)
                    if value is None:
                        value = days[day] = loader.driver_value("feedback_date", day)
                    chunk.append(
                        (line, order_id, rating, comment, value, response, email, on_time, described, service)
                        if answers
                        else (line, order_id, rating, comment, value, response, email)
                    )
                    if len(chunk) >= CHUNK_ROWS:
                        with summary.step("staging"):
                            loader.load(chunk)
                        chunk = []
                        progress(reader.position())
                with summary.step("staging"):
                    loader.load(chunk)
        summary.steps["read and check"] -= summary.steps.get("staging", 0.0) - staging[0]  # timed within it
        summary.steps_cpu["read and check"] -= summary.steps_cpu.get("staging", 0.0) - staging[1]
        return n, keys

    def _merge(self, run: _Run, complete: bool) -> None:
        """Merge one staged file into the desk, inside the import's write transaction: the one place where an
        import changes feedback, so what the desk keeps up to date from feedback is updated at its end."""
        conn, step = run.conn, run.summary.step
        with step("staging index"):
            dialect.index_staged_rows(conn, _staging_order)
        with step("duplicates"):
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
        with step("known orders"):
            known_before = conn.execute(select(func.coalesce(func.max(F.c.id), 0))).scalar_one()
            _known.create(conn)
            conn.execute(
                insert(_known).from_select(
                    ["n", "feedback_id"], select(S.n, F.c.id).select_from(_staging.join(F, F.c.order_id == S.order_id))
                )
            )
            known = conn.execute(select(func.count()).select_from(_known)).scalar_one()
        added = None
        if known < run.staged:
            self._add_new_orders(run, known_before, added=run.staged - known)
            added = self._added_tally(run, known_before, known)
        if known:
            with step("known orders"):
                self._apply_changes(run, known)
        if complete:
            with step("removed"):
                self._mark_missing_as_removed(run)
        with step("tallies"):
            tallies.fold(conn, added)  # the inbox's counts take in the rows added (fbdesk.db.tallies)

    def _added_tally(self, run: _Run, known_before: int, known: int) -> tallies.Added:
        """The new feedback's tally keys, from what was counted while staging less the staged rows the desk knew: a
        new feedback has its rating's first case status, the import's marketplace and channel, no assignee, and is
        live."""
        keys = run.keys
        if known:
            in_desk = select(S.rating, S.feedback_date, func.count()).select_from(_staging.join(_known, K.n == S.n))
            keys = keys - Counter(
                {(rating, day): n for rating, day, n in run.conn.execute(in_desk.group_by(S.rating, S.feedback_date))}
            )
        added = tallies.Added(after=known_before, through=known_before + run.staged - known)
        live = FeedbackState.LIVE.value
        for (rating, day), n in keys.items():
            added.status[initial_case_status(rating).value, run.marketplace, run.channel, rating, ""] += n
            added.days[day, rating, live] += n
        return added

    def _add_new_orders(self, run: _Run, known_before: int, added: int) -> None:
        """The staged orders the desk does not know, added in order id order with the ids after `known_before`
        (numbered once, so that their responses need no look-up by order id). When the import at least doubles the
        table, its indexes are built again afterwards rather than updated row by row."""
        conn, now, step = run.conn, run.now, run.summary.step
        bulk = added > known_before
        due = now + self._core.first_response_target
        at_now = literal(now, F.c.imported_at.type)
        answered = S.response != ""
        values = {
            "id": N.k + known_before,
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
            "case_status": case({r: initial_case_status(r).value for r in range(1, 6)}, value=S.rating),
            "feedback_state": literal(FeedbackState.LIVE.value),
            "response_state": case((answered, ResponseState.LIVE.value), else_=ResponseState.NONE.value),
            "revision": literal(1),
            "imported_at": at_now,
            "updated_at": at_now,
            "first_response_due": literal(due, F.c.first_response_due.type),
            "first_response_owed_since": case((S.rating.in_(_OWING_RATINGS), at_now), else_=null()),
            "reported_through": literal(run.reported_through, F.c.reported_through.type),
        }
        staged_new = _new.join(_staging, S.n == N.n)
        with step("new orders"):
            _new.create(conn)
            in_key_order = func.row_number().over(order_by=(S.order_id, S.line))
            conn.execute(
                insert(_new).from_select(["k", "n"], select(in_key_order, S.n).where(~exists().where(K.n == S.n)))
            )
            aside = dialect.set_indexes_aside(conn, F.name) if bulk else []
            conn.execute(
                insert(F).from_select(list(values), select(*values.values()).select_from(staged_new).order_by(N.k))
            )
            dialect.ids_taken(conn, F.name)
        for name, definition in aside:
            with step("full-text index" if name == dialect.FULL_TEXT_INDEX else "indexes"):
                dialect.restore_index(conn, definition)
        run.summary.added += added
        with step("full-text index"):
            dialect.index_new_comments(conn, known_before)
        with step("responses"):
            responses = ["feedback_id", "for_revision", "body", "state", "agent", "source", "submitted_at"]
            conn.execute(
                insert(R).from_select(
                    responses,
                    select(
                        N.k + known_before,
                        literal(1),
                        S.response,
                        literal(ResponseState.LIVE.value),
                        literal(self._core.agent),
                        literal("amazon-report"),
                        literal(now, R.c.submitted_at.type),
                    )
                    .select_from(staged_new)
                    .where(answered),
                )
            )
            run.summary.responses += conn.execute(
                select(func.count()).where(R.c.feedback_id > known_before)
            ).scalar_one()

    def _apply_changes(self, run: _Run, known: int) -> None:
        """Known orders: a changed rating, comment or date, or feedback the buyer had removed showing again, is a
        buyer modification; a response the report shows for the current version that the desk did not know of is
        recorded; the rest is unchanged. (Feedback Amazon removed or struck through stays as Amazon left it.)"""
        conn = run.conn
        matched = _staging.join(_known, K.n == S.n).join(F, F.c.id == K.feedback_id)
        self._refuse_marketplace_clash(run, matched)
        response_known = exists().where(R.c.feedback_id == F.c.id, R.c.for_revision == F.c.revision)
        differs = or_(
            F.c.rating != S.rating,
            F.c.comment != S.comment,
            F.c.feedback_date != S.feedback_date,
            F.c.feedback_state == FeedbackState.REMOVED_BY_BUYER,
            and_(S.response != "", ~response_known),
        )
        newer = self._newer(run)
        older = conn.execute(select(func.count()).select_from(matched).where(differs, ~newer)).scalar_one()
        changed = conn.execute(
            select(
                *_KNOWN,
                S.rating.label("new_rating"),
                S.comment.label("new_comment"),
                S.feedback_date.label("new_date"),
                S.response.label("new_response"),
            )
            .select_from(matched)
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
        self._confirm(run)

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

    def _confirm(self, run: _Run) -> None:
        """Feedback this report shows as the desk has it is now known through the report's latest date."""
        through = literal(run.reported_through, F.c.reported_through.type)
        same = exists().where(
            K.feedback_id == F.c.id,
            S.n == K.n,
            S.rating == F.c.rating,
            S.comment == F.c.comment,
            S.feedback_date == F.c.feedback_date,
        )
        run.conn.execute(
            update(F)
            .where(
                F.c.id.in_(select(K.feedback_id)),
                same,
                or_(F.c.reported_through.is_(None), F.c.reported_through < through),
            )
            .values(reported_through=through)
        )

    def _refuse_repeated_orders(self, run: _Run) -> None:
        """A report lists each order once; an order on two lines is a broken or doctored file."""
        repeated_order = select(S.order_id).group_by(S.order_id).having(func.count() > 1).limit(1)
        if run.conn.execute(repeated_order).first() is None:  # one pass over the index: the common case
            return
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

    def _refuse_marketplace_clash(self, run: _Run, matched: Join) -> None:
        """An order the desk holds under another marketplace means the file is being read with the wrong
        date format (10/2/26 is 2 October in the US and 10 February in the UK): refuse rather than record every
        row as a buyer modification."""
        clash = run.conn.execute(
            select(S.line, S.order_id, F.c.marketplace)
            .select_from(matched)
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
        run.conn.execute(update(F).where(F.c.id == feedback_id).values(updated_at=run.now))
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
        event = buyer_change_event(change, known.new_rating if change == "modified" else None)
        follow_status_rule(self._core, conn, known.id, known.case_status, event)  # reopens, or resolves
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
