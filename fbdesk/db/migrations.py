"""The schema version stored in the database, and the steps that bring an older database up to date.

Version 1 is the first schema; when a table changes, add its step to MIGRATIONS and raise SCHEMA_VERSION.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Column, Integer, MetaData, Table, insert, inspect, select, update
from sqlalchemy.engine import Connection

from fbdesk.errors import DeskUnavailable

SCHEMA_VERSION = 1
# MIGRATIONS[n] takes a database from version n to n + 1, inside the upgrade's transaction.
MIGRATIONS: dict[int, Callable[[Connection], None]] = {}

schema_info = Table("schema_info", MetaData(), Column("version", Integer, nullable=False))


class SchemaError(DeskUnavailable):
    """The database cannot be used by this version of fbdesk."""


def stored_version(conn: Connection) -> int | None:
    """The schema version the database records, or None for a new database."""
    if not inspect(conn).has_table(schema_info.name):
        return None
    return conn.execute(select(schema_info.c.version)).scalar()


def check_not_newer(version: int) -> None:
    if version > SCHEMA_VERSION:
        raise SchemaError(f"this database has schema version {version}, made by a newer fbdesk; this fbdesk "
                          f"knows version {SCHEMA_VERSION}: upgrade fbdesk to use it")


def bring_up_to_date(conn: Connection, *, fresh: bool) -> None:
    """Record the version of a new database, or run the steps from the recorded version to this one."""
    schema_info.create(conn, checkfirst=True)
    version = conn.execute(select(schema_info.c.version)).scalar()
    if version is None:
        # A database created just now has the current tables; one without a version predates versioning.
        version = SCHEMA_VERSION if fresh else 1
        conn.execute(insert(schema_info).values(version=version))
    check_not_newer(version)
    for step in range(version, SCHEMA_VERSION):
        MIGRATIONS[step](conn)
    if version < SCHEMA_VERSION:
        conn.execute(update(schema_info).values(version=SCHEMA_VERSION))
