"""The schema version stored in the database, and the steps that bring an older database up to date.

Version 1 is the first schema; when a table changes, add its step to MIGRATIONS and raise SCHEMA_VERSION.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Column, Integer, MetaData, Table, insert, select, update
from sqlalchemy.engine import Connection, Engine

SCHEMA_VERSION = 1
# MIGRATIONS[n] takes a database from version n to n + 1, inside the upgrade's transaction.
MIGRATIONS: dict[int, Callable[[Connection], None]] = {}

schema_info = Table("schema_info", MetaData(), Column("version", Integer, nullable=False))


class SchemaError(Exception):
    """The database cannot be used by this version of fbdesk."""


def bring_up_to_date(engine: Engine, *, fresh: bool) -> None:
    with engine.begin() as conn:
        schema_info.create(conn, checkfirst=True)
        version = conn.execute(select(schema_info.c.version)).scalar()
        if version is None:
            # A database created just now has the current tables; one without a version predates versioning.
            conn.execute(insert(schema_info).values(version=SCHEMA_VERSION if fresh else 1))
            version = SCHEMA_VERSION if fresh else 1
        if version > SCHEMA_VERSION:
            raise SchemaError(f"this database has schema version {version}, made by a newer fbdesk; this fbdesk "
                              f"knows version {SCHEMA_VERSION}: upgrade fbdesk to use it")
        for step in range(version, SCHEMA_VERSION):
            MIGRATIONS[step](conn)
        if version < SCHEMA_VERSION:
            conn.execute(update(schema_info).values(version=SCHEMA_VERSION))
