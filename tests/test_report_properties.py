"""Property tests for report import: whatever the content, a report round-trips or is refused cleanly."""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fbdesk.desk import open_desk
from fbdesk.domain.reports import MARKETPLACES, ReportError, format_report_date

from support import FLAT_HEADER, NOW, Clock, write_report

comment_text = st.lists(
    st.characters(blacklist_categories=("Cs", "Cc"))
    | st.sampled_from(["\t", "\n", "\r\n", '"', "[/i]", "\u202e", "\u200b"]),
    max_size=40,
).map("".join)
feedback_row = st.tuples(
    st.dates(min_value=date(2000, 1, 1), max_value=NOW.date()),  # later than the desk's today is refused
    st.integers(1, 5),
    comment_text,
    comment_text,
)


def fresh_desk(template: Path, folder: str):
    """A new desk for one example: a copy of the template (migrating a new database per example is the cost)."""
    shutil.copy(template, Path(folder) / "desk.db")
    return open_desk(f"sqlite:///{Path(folder) / 'desk.db'}", agent="prop", clock=Clock())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(feedback_row, min_size=1, max_size=12), marketplace=st.sampled_from(MARKETPLACES), bom=st.booleans()
)
def test_generated_reports_round_trip(desk_template, rows, marketplace, bom):
    with tempfile.TemporaryDirectory() as tmp:
        desk = fresh_desk(desk_template, tmp)
        report = [
            [
                format_report_date(day, marketplace),
                str(rating),
                comment,
                response,
                f"111-{i:07d}-0000000",
                f"b{i}@marketplace.amazon.com",
            ]
            for i, (day, rating, comment, response) in enumerate(rows)
        ]
        path = write_report(Path(tmp) / "r.tsv", report, encoding="utf-8-sig" if bom else "utf-8")
        summary = desk.import_reports([path], marketplace=marketplace)
        assert summary.added == len(rows)
        for i, (day, rating, comment, response) in enumerate(rows):
            fb = desk.find_order(f"111-{i:07d}-0000000")
            assert (fb.feedback_date, fb.rating, fb.comment) == (day, rating, comment.strip())
            assert fb.response_state == ("live" if response.strip() else "none")
        desk.close()


@settings(max_examples=150, deadline=None)
@given(
    content=st.binary(max_size=300)
    | st.builds(lambda body: ("\t".join(FLAT_HEADER) + "\n").encode() + body, st.binary(max_size=300))
)
def test_random_bytes_never_raise_anything_but_the_import_error(desk_template, content):
    with tempfile.TemporaryDirectory() as tmp:
        desk = fresh_desk(desk_template, tmp)
        path = Path(tmp) / "random.tsv"
        path.write_bytes(content)
        try:
            desk.import_reports([path])
        except ReportError as error:
            assert str(path) in str(error)
        finally:
            desk.close()
