"""Import a generated 200,000-row GET_SELLER_FEEDBACK_DATA report into a fresh SQLite database.

Prints rows per second and the peak memory of the import (tracemalloc), for 50,000 and 200,000 rows, so
that a memory figure growing with the file would show.  Usage: python bench/import_bench.py [ROWS]
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

from fbdesk.desk import open_desk
from fbdesk.domain.reports import format_report_date

COMMENTS = [
    "Package arrived open and one part was missing.",
    "Shipping took 12 days, estimate said 4.",
    "Seller sent the wrong colour and ignored my message",
    "ok",
    "Great seller, fast delivery!",
    'The 5" screen cracked, "as new" it said',
    "Terrible battery life,\tdied after a day",
]


def write_report(path: Path, rows: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    start = date(2025, 1, 1)
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write("Date\tRating\tComments\tResponse\tOrder ID\tRater Email\r\n")
        for i in range(rows):
            comment = rng.choice(COMMENTS)
            if '"' in comment or "\t" in comment:
                comment = '"' + comment.replace('"', '""') + '"'
            day = format_report_date(start + timedelta(days=rng.randrange(600)), "US")
            f.write(
                f"{day}\t{rng.randint(1, 5)}\t{comment}\t\t111-{i:07d}-{rng.randrange(10**7):07d}\t"
                f"b{i}@marketplace.amazon.com\r\n"
            )


def _import(folder: str, report: Path, name: str) -> float:
    desk = open_desk(f"sqlite:///{folder}/{name}.db", agent="bench")
    began = time.perf_counter()
    summary = desk.import_reports([report])
    elapsed = time.perf_counter() - began
    desk.close()
    assert summary.added == summary.added + summary.unchanged > 0, summary
    return elapsed


def measure(rows: int) -> tuple[float, float]:
    """Rows per second (best of two fresh databases), then peak Python memory in a third, traced run
    (tracemalloc slows Python down, so it is not timed)."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.tsv"
        write_report(report, rows)
        elapsed = min(_import(tmp, report, "a"), _import(tmp, report, "b"))
        tracemalloc.start()
        _import(tmp, report, "c")
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    return rows / elapsed, peak


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    for n in (rows // 4, rows):
        speed, peak = measure(n)
        print(f"{n:>8} rows: {speed:,.0f} rows/s, peak traced memory {peak:.1f} MiB")


if __name__ == "__main__":
    main()
