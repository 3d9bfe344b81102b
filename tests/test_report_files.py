"""What a report file can be and hold, and how the import answers: encodings decided on evidence, quotes kept as the
buyer wrote them, impossible dates and fields refused, reports from standard input or a pipe, files that cannot be
opened. Each refusal names the file and line and leaves the desk as it was."""

from __future__ import annotations

import io
import os
import socket
import threading
from datetime import timedelta

import pytest

from fbdesk.cli import main
from fbdesk.desk import ReportError

from support import FLAT_HEADER, NOW, snapshot, write_report

TAB_HEADER = "\t".join(FLAT_HEADER) + "\n"


def row(order: str, comment: str, day: str = "10/2/26", rating: str = "1") -> str:
    return f"{day}\t{rating}\t{comment}\t\t{order}\tb@marketplace.amazon.com\n"


def test_utf8_with_one_stray_windows_1252_byte_is_refused_naming_line_and_byte(desk, tmp_path):
    desk.import_reports([write_report(tmp_path / "a.tsv", [["10/1/26", "1", "Très déçu", "", "111-1", ""]])])
    before = snapshot(desk)
    body = (TAB_HEADER + row("111-1", "Très déçu") + row("111-2", "ok")).encode() + row(
        "111-3", "caf\xe9 froid"
    ).encode("cp1252")
    (tmp_path / "b.tsv").write_bytes(body)
    with pytest.raises(ReportError) as refused:
        desk.import_reports([tmp_path / "b.tsv"])
    assert refused.value.line == 4 and "byte 0xE9" in str(refused.value) and "UTF-8" in str(refused.value)
    assert snapshot(desk) == before
    assert desk.find_order("111-1").comment == "Très déçu"


def test_a_wholly_windows_1252_file_is_read_as_such(desk, tmp_path):
    (tmp_path / "uk.tsv").write_bytes((TAB_HEADER + row("111-1", "Très déçu, £5 lost")).encode("cp1252"))
    desk.import_reports([tmp_path / "uk.tsv"])
    assert desk.find_order("111-1").comment == "Très déçu, £5 lost"


def test_quotes_are_kept_as_the_buyer_wrote_them(desk, tmp_path):
    (tmp_path / "q.tsv").write_text(
        TAB_HEADER
        + row("111-1", '"Great" seller, said "soon"')
        + row("111-2", 'He said "hi" twice')
        + row("111-3", '"quoted ""inside"" all"'),
        encoding="utf-8",
    )
    desk.import_reports([tmp_path / "q.tsv"])
    assert desk.find_order("111-1").comment == '"Great" seller, said "soon"'
    assert desk.find_order("111-2").comment == 'He said "hi" twice'
    assert desk.find_order("111-3").comment == 'quoted "inside" all'  # a field wholly quoted, as a CSV writer does


def test_an_unclosed_quote_cannot_swallow_the_rest_of_the_file(desk, tmp_path):
    rows = [row("111-1", '"Never arrived. 5 stars for the box')] + [row(f"111-{i}", f"row {i}") for i in range(2, 60)]
    (tmp_path / "u.tsv").write_text(TAB_HEADER + "".join(rows), encoding="utf-8")
    summary = desk.import_reports([tmp_path / "u.tsv"])
    assert summary.added == 59
    assert desk.find_order("111-1").comment == '"Never arrived. 5 stars for the box'
    assert desk.find_order("111-59").comment == "row 59"


@pytest.mark.parametrize(
    ("day", "problem"),
    [("12/31/94", "2094-12-31, in the future"), ("1/1/1990", "before Amazon existed"), ("11/22/26", "in the future")],
)
def test_implausible_dates_are_errors(desk, tmp_path, day, problem):
    (tmp_path / "d.tsv").write_text(TAB_HEADER + row("111-1", "ok") + row("111-2", "x", day=day), encoding="utf-8")
    with pytest.raises(ReportError, match=problem) as refused:
        desk.import_reports([tmp_path / "d.tsv"])
    assert refused.value.line == 3
    assert desk.count_feedback() == 0


def test_the_day_after_today_is_accepted_as_amazon_may_be_a_timezone_ahead(desk, tmp_path):
    tomorrow = NOW.date() + timedelta(days=1)
    (tmp_path / "t.tsv").write_text(TAB_HEADER + row("111-1", "ok", day=f"{tomorrow:%-m/%-d/%y}"), encoding="utf-8")
    assert desk.import_reports([tmp_path / "t.tsv"]).added == 1


def test_a_field_over_128_kib_is_refused(desk, tmp_path):
    (tmp_path / "big.tsv").write_text(TAB_HEADER + row("111-1", "x" * (128 * 1024 + 1)), encoding="utf-8")
    with pytest.raises(ReportError, match="over 128 KiB"):
        desk.import_reports([tmp_path / "big.tsv"])


def test_a_report_from_standard_input_or_a_pipe(capsys, tmp_path, monkeypatch):
    db = str(tmp_path / "desk.db")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO((TAB_HEADER + row("111-1", "a")).encode())))
    assert main(["import", "-", "--db", db]) == 0
    assert "1 added" in capsys.readouterr().out
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_text(TAB_HEADER + row("111-2", "b"), encoding="utf-8"))
    writer.start()
    assert main(["import", str(fifo), "--db", db]) == 0
    writer.join()
    assert "1 added" in capsys.readouterr().out


def test_a_file_that_stat_sees_but_open_cannot_read_is_a_clear_error(capsys, tmp_path):
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(tmp_path / "report.sock"))
    try:
        code = main(["import", str(tmp_path / "report.sock"), "--db", str(tmp_path / "desk.db")])
    finally:
        server.close()
    err = capsys.readouterr().err
    assert code == 2 and "cannot read the file" in err and "Traceback" not in err
