"""Fast bulk inserts through the database driver, bypassing per-row ORM and type processing.

Used to load report rows into the import's staging table, where speed matters (hundreds of thousands of
rows). Values must already be in the form the driver takes for the table's column types: `driver_value`
converts one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError


class BulkInserter:
    def __init__(self, conn: Connection, table: Table, columns: Sequence[str]):
        self._conn = conn
        self._columns = tuple(columns)
        compiled = insert(table).compile(dialect=conn.dialect, column_keys=list(columns))
        self._sql = str(compiled)
        self._positional = compiled.positional
        if self._positional and tuple(compiled.positiontup or ()) != self._columns:
            raise ValueError("bulk insert columns must be given in table order")
        self._processors = {name: table.c[name].type._cached_bind_processor(conn.dialect) for name in columns}

    def driver_value(self, column: str, value: Any) -> Any:
        """`value` as the driver takes it for `column` (for example a date as SQLite's ISO text)."""
        process = self._processors[column]
        return value if process is None or value is None else process(value)

    def insert(self, rows: list[tuple]) -> None:
        if not rows:
            return
        params = rows if self._positional else [dict(zip(self._columns, row, strict=True)) for row in rows]
        driver_connection = self._conn.connection.driver_connection
        assert driver_connection is not None  # a live connection
        cursor = driver_connection.cursor()
        try:
            cursor.executemany(self._sql, params)
        except self._conn.dialect.loaded_dbapi.OperationalError as exc:
            raise OperationalError(self._sql, None, exc) from exc  # as SQLAlchemy reports it everywhere else
        finally:
            cursor.close()
