"""Opening report files for the import: the domain's ReportReader reads bytes, this finds them. A report can be a
file, standard input (`-`) or a pipe; those are read once into a private temporary file, since the reader makes two
passes (the encoding, then the rows)."""

from __future__ import annotations

import os
import shutil
import stat
import sys
import tempfile
from contextlib import ExitStack
from datetime import date
from pathlib import Path
from typing import BinaryIO

from fbdesk.domain.reports import ReportError, ReportReader

STDIN = "-"


def open_report(path: str | Path, marketplace: str, today: date, files: ExitStack) -> ReportReader:
    """A reader for the report at `path`; the file stays open until `files` closes."""
    name = str(path)
    data: BinaryIO
    try:
        if name == STDIN:
            data = files.enter_context(_spooled(sys.stdin.buffer))
            name = "standard input"
        else:
            mode = os.stat(path).st_mode
            if stat.S_ISDIR(mode):
                raise ReportError(name, None, "this is a folder, not a report file")
            data = files.enter_context(open(path, "rb"))  # noqa: SIM115 (closed by `files`)
            if not stat.S_ISREG(mode):
                data = files.enter_context(_spooled(data))
    except OSError as exc:
        raise ReportError(name, None, f"cannot read the file ({exc.strerror})") from None
    size = os.fstat(data.fileno()).st_size
    return ReportReader(name, data, size, marketplace, today=today)


def _spooled(stream: BinaryIO) -> BinaryIO:
    """The whole stream copied once into a temporary file readable by the user only."""
    spool = tempfile.TemporaryFile(prefix="fbdesk-report-")  # noqa: SIM115 (the caller closes it)
    shutil.copyfileobj(stream, spool, 1 << 20)
    spool.seek(0)
    return spool
