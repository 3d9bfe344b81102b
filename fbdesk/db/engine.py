"""Creating the database engine and schema. Nothing here runs at import time."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.pool import StaticPool
from sqlmodel import create_engine

from fbdesk.db import dialect, migrations

CONNECT_TIMEOUT = 10  # seconds


def resolve_url(url: str) -> str:
    """A database URL, or a plain path taken as a SQLite file."""
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser()}"
    return url


def _prepare_sqlite_file(database: str) -> None:
    """Create the file's folder and the file itself readable by its owner only: it holds buyer data."""
    path = Path(database).expanduser()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        in_memory = database in ("", ":memory:")
        # A URI ("file:...?mode=ro", uri=true) is SQLite's to open as it says, not a path to create here.
        names_a_uri = parsed.query.get("uri") == "true" and database.startswith("file:")
        if not in_memory and not names_a_uri:
            _prepare_sqlite_file(database)
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 30},
            poolclass=StaticPool if in_memory else None,
        )
        event.listen(engine, "connect", dialect.configure_sqlite_connection)
        # pysqlite's own transaction handling defers BEGIN; take it over so that a write
        # transaction takes the lock up front and busy_timeout applies (see dialect.py).
        event.listen(engine, "begin", dialect.begin_sqlite_transaction)
        return engine
    # A server that accepts the connection and never answers must not hang fbdesk: give up after 10 s unless the
    # URL says otherwise (?connect_timeout=N).
    connect_args = {} if "connect_timeout" in parsed.query else {"connect_timeout": CONNECT_TIMEOUT}
    return create_engine(url, pool_pre_ping=True, connect_args=connect_args)


def create_schema(engine: Engine) -> None:
    """Create the tables of a new database, or bring an existing one to this fbdesk's newest schema revision. A
    database already there is only read; set-up runs in one transaction that other processes opening it wait for."""
    with engine.connect() as conn:
        if migrations.is_up_to_date(conn):
            return
        migrations.check_is_a_desk(conn)
    with (
        engine.execution_options(**{dialect.WRITE_OPTION: True}).connect() as conn,
        dialect.foreign_keys_off_for_schema_changes(conn),
        conn.begin(),
    ):
        dialect.lock_schema(conn)
        migrations.upgrade(conn)
        dialect.check_foreign_keys(conn)
