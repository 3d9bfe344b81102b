"""Fast bulk loading through the database driver, bypassing per-row ORM and type processing.

Used to load report rows into the import's staging table, where speed matters (hundreds of thousands of
rows): on PostgreSQL one COPY for the whole file, on SQLite a prepared INSERT run for each chunk of rows. Values
must already be in the form the driver takes for the table's column types: `driver_value` converts one.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError


class BulkLoader:
    """Rows go in with `load`, in chunks, while `open_loader`'s block runs."""

    def __init__(self, conn: Connection, table: Table, columns: Sequence[str]):
        self._conn = conn
        self._columns = tuple(columns)
        self._processors = {name: table.c[name].type._cached_bind_processor(conn.dialect) for name in columns}
        driver_connection = conn.connection.driver_connection
        assert driver_connection is not None  # a live connection
        self._cursor = driver_connection.cursor()
        self._copy: Any = None
        if conn.dialect.name == "postgresql":
            names = ", ".join(conn.dialect.identifier_preparer.quote(c) for c in self._columns)
            self._sql = f"COPY {conn.dialect.identifier_preparer.format_table(table)} ({names}) FROM STDIN"
        else:
            compiled = insert(table).compile(dialect=conn.dialect, column_keys=list(columns))
            if tuple(compiled.positiontup or ()) != self._columns:
                raise ValueError("bulk insert columns must be given in table order")
            self._sql = str(compiled)

    def driver_value(self, column: str, value: Any) -> Any:
        """`value` as the driver takes it for `column` (for example a date as SQLite's ISO text)."""
        process = self._processors[column]
        if process is None or value is None or self._conn.dialect.name == "postgresql":
            return value  # COPY takes Python values as they are
        return process(value)

    def load(self, rows: list[tuple]) -> None:
        if self._copy is not None:
            write_row = self._copy.write_row
            for row in rows:
                write_row(row)
        elif rows:
            self._cursor.executemany(self._sql, rows)


@contextmanager
def open_loader(conn: Connection, table: Table, columns: Sequence[str]) -> Iterator[BulkLoader]:
    """A loader of rows into `table` (`columns` in table order), until the block ends."""
    loader = BulkLoader(conn, table, columns)
    try:
        if conn.dialect.name == "postgresql":
            with loader._cursor.copy(loader._sql) as copy:
                loader._copy = copy
                yield loader
        else:
            yield loader
    except conn.dialect.loaded_dbapi.OperationalError as exc:
        raise OperationalError(loader._sql, None, exc) from exc  # as SQLAlchemy reports it everywhere else
    finally:
        loader._cursor.close()
