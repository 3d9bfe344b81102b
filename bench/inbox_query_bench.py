"""Inbox queries on a large store: one page (first and 100th), the count and the status-tab counts, for the
filters an agent uses most. Usage: python bench/inbox_query_bench.py [ROWS]  (default 300,000)"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from import_bench import write_report

from fbdesk.desk import FeedbackQuery, open_desk

QUERIES = {
    "open tab (default)": FeedbackQuery(statuses=("new", "in_progress", "waiting_on_buyer")),
    "all": FeedbackQuery(),
    "1-2 stars": FeedbackQuery(ratings=(1, 2)),
    "1 star, new": FeedbackQuery(ratings=(1,), statuses=("new",)),
    "overdue": FeedbackQuery(due="overdue"),
    "search 'cracked'": FeedbackQuery(text="cracked"),
    "unassigned, US": FeedbackQuery(assignee="-", marketplaces=("US",)),
    "sorted by rating": FeedbackQuery(sort="rating"),
    "sorted by due": FeedbackQuery(sort="due"),
}


def ms(action) -> float:
    times = []
    for _ in range(3):
        began = time.perf_counter()
        action()
        times.append(1000 * (time.perf_counter() - began))
    return statistics.median(times)


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 300_000
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.tsv"
        write_report(report, rows)
        desk = open_desk(f"sqlite:///{tmp}/bench.db", agent="bench")
        desk.import_reports([report])
        print(f"{rows:,} feedback; median of 3, milliseconds")
        print(f"{'query':<22}{'page 1':>9}{'page 100':>10}{'count':>9}{'tabs':>9}")
        for name, q in QUERIES.items():
            print(
                f"{name:<22}{ms(lambda q=q: desk.list_feedback(q, limit=60)):9.1f}"
                f"{ms(lambda q=q: desk.list_feedback(q, limit=60, offset=5940)):10.1f}"
                f"{ms(lambda q=q: desk.count_feedback(q)):9.1f}{ms(lambda q=q: desk.count_by_status(q)):9.1f}"
            )
        print(f"{'dashboard figures':<22}{ms(desk.stats):9.1f}")


if __name__ == "__main__":
    main()
