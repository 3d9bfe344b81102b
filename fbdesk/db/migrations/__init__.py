"""The database schema's history as Alembic revisions (versions/; read its docstring before adding one), and opening
a database at the newest revision.

There is no alembic.ini or env.py: fbdesk runs the revisions itself, on the connection that holds the set-up lock
(see `fbdesk.db.engine.create_schema`), so the lock covers the whole upgrade and no second connection is opened.
Alembic is imported only when a database is not at NEWEST_REVISION: its import would add a noticeable part to every
start of fbdesk.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import MetaData, inspect, text
from sqlalchemy.engine import Connection

from fbdesk.errors import DeskUnavailable

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.migration import MigrationContext
    from alembic.script import ScriptDirectory

# The newest revision in versions/ (a test checks it): raise it with each new revision.
NEWEST_REVISION = "0011"
# What fbdesk created before Alembic is revision 0001; such a database is stamped there, then upgraded.
BASE_REVISION = "0001"
LEGACY_VERSION_TABLE = "schema_info"  # the version table of those fbdesk releases
LEGACY_VERSION = 1


class SchemaError(DeskUnavailable):
    """The database cannot be used by this version of fbdesk."""


@cache
def alembic_config() -> Config:
    """The configuration Alembic's commands take (alembic.command.history, heads, ...) for fbdesk's revisions."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent))
    return config


@cache
def scripts() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def _known_revisions(context: MigrationContext) -> tuple[str, ...]:
    """The revisions the database is at; refuses a database at a revision this fbdesk does not have."""
    from alembic.util import CommandError

    current = context.get_current_heads()
    for revision in current:
        try:
            scripts().get_revision(revision)
        except CommandError:
            newest = ", ".join(scripts().get_heads())
            raise SchemaError(
                f"this database has schema revision {revision}, made by a newer fbdesk; this fbdesk "
                f"knows revisions up to {newest}: upgrade fbdesk to use it"
            ) from None
    return current


def is_up_to_date(conn: Connection) -> bool:
    """Whether the database is at this fbdesk's newest revision. Only reads."""
    if inspect(conn).has_table("alembic_version") and conn.execute(
        text("SELECT version_num FROM alembic_version")
    ).scalars().all() == [NEWEST_REVISION]:
        return True
    from alembic.migration import MigrationContext

    return set(_known_revisions(MigrationContext.configure(conn))) == {NEWEST_REVISION}


def upgrade(conn: Connection) -> None:
    """Bring the database to the newest revision in the caller's transaction: a new database gets every revision,
    one from an fbdesk before Alembic is stamped at the base revision first. Nothing to do if another process
    did it while this one waited for the lock."""
    from alembic.migration import MigrationContext
    from alembic.operations import Operations

    context = MigrationContext.configure(conn, opts={"fn": _steps_to_newest})
    if not _known_revisions(context) and inspect(conn).has_table("feedback"):
        _check_legacy_version(conn)
        context.stamp(scripts(), BASE_REVISION)
    with Operations.context(context):
        context.run_migrations()


def _steps_to_newest(current: tuple[str, ...], _context: MigrationContext) -> Iterable[Any]:
    # What alembic.command.upgrade runs; it takes the current heads as a tuple, though annotated as one revision.
    return scripts()._upgrade_revs("heads", current)  # type: ignore[arg-type]


def check_is_a_desk(conn: Connection) -> None:
    """Refuse, before changing anything, a database that holds tables but is no fbdesk desk (another
    application's SQLite file named by mistake): fbdesk must not add its tables to it."""
    tables = set(inspect(conn).get_table_names())
    if tables and not tables & {"feedback", "alembic_version", LEGACY_VERSION_TABLE}:
        shown = ", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else "")
        raise SchemaError(
            f"this database is not an fbdesk desk (it holds other tables: {shown}); fbdesk leaves "
            "it untouched: name a new file or an existing desk"
        )


def _check_legacy_version(conn: Connection) -> None:
    """A database with fbdesk's tables but no Alembic revision was made before Alembic; its own version table
    (absent before schema versions existed) must say version 1."""
    if not inspect(conn).has_table(LEGACY_VERSION_TABLE):
        return
    version = conn.execute(text(f"SELECT version FROM {LEGACY_VERSION_TABLE}")).scalar()
    if version is not None and not isinstance(version, int):
        raise SchemaError(
            f"the schema version this database records ({str(version)[:20]!r}) is unreadable: the "
            "database is damaged; restore it from a backup"
        )
    if version is not None and version > LEGACY_VERSION:
        raise SchemaError(
            f"this database has schema version {version}, made by a newer fbdesk; this fbdesk knows "
            f"version {LEGACY_VERSION}: upgrade fbdesk to use it"
        )


def _described_by_the_model(name: str | None, type_: str, _parents: Any) -> bool:
    """Tables and indexes the revisions create that the model does not describe: the full-text index (SQLite's
    FTS5 table with its shadow tables and vocabulary, PostgreSQL's expression index, and its words keyed by rating),
    the expression indexes of the comment sort and the buyer's email, and the version table from before Alembic."""
    if type_ == "table":
        return name != LEGACY_VERSION_TABLE and not (name or "").startswith("feedback_fts")
    expressions = ("ix_feedback_comment_fts", "ix_feedback_rated_words", "ix_feedback_status_comment")
    return not (type_ == "index" and name in (*expressions, "ix_feedback_rater_email"))


def schema_differences(conn: Connection, metadata: MetaData) -> list[Any]:
    """How the database differs from the model, as Alembic's autogenerate sees it (empty when they agree). Also the
    starting point of a new revision: see versions/__init__.py."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    context = MigrationContext.configure(conn, opts={"include_name": _described_by_the_model, "compare_type": True})
    differences: list[Any] = compare_metadata(context, metadata)
    return differences
