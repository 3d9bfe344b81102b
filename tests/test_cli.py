"""The `fbdesk` command: import, stats, export, lint and their errors."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from fbdesk import __version__
from fbdesk.cli import main
from fbdesk.desk import open_desk

from support import FIXTURES, snapshot, write_report

US_REPORT = str(FIXTURES / "reports" / "sample_us_feedback.tsv")


@pytest.fixture
def db(tmp_path) -> str:
    return str(tmp_path / "cli.db")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_version():
    result = subprocess.run([sys.executable, "-m", "fbdesk", "--version"], capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stdout.strip() == f"fbdesk {__version__}"


def test_import_prints_a_summary_and_reimport_changes_nothing(capsys, db):
    code, out, _ = run(capsys, "import", US_REPORT, "--db", db)
    assert code == 0
    assert "12 added, 0 modified, 0 unchanged, 0 removed" in out
    code, out, _ = run(capsys, "import", US_REPORT, "--db", db)
    assert "0 added, 0 modified, 12 unchanged, 0 removed" in out


def test_import_reads_the_database_url_from_the_environment(capsys, db, monkeypatch):
    monkeypatch.setenv("FBDESK_DATABASE_URL", f"sqlite:///{db}")
    assert run(capsys, "import", US_REPORT)[0] == 0
    assert open_desk(f"sqlite:///{db}").count_feedback() == 12


def test_sqlite_database_file_is_readable_by_its_owner_only(capsys, db):
    import os
    import stat

    run(capsys, "import", US_REPORT, "--db", db)
    assert stat.S_IMODE(os.stat(db).st_mode) == 0o600


def test_a_bad_report_exits_2_naming_file_and_line_and_changes_nothing(capsys, db, tmp_path):
    run(capsys, "import", US_REPORT, "--db", db)
    before = snapshot(open_desk(db))
    bad = write_report(
        tmp_path / "bad.tsv", [["10/2/26", "1", "ok", "", "111-1", ""], ["10/2/26", "0", "x", "", "111-2", ""]]
    )
    code, _, err = run(capsys, "import", str(bad), "--db", db)
    assert code == 2
    assert f"{bad}, line 3: rating '0' is not a whole number from 1 to 5" in err
    assert "database is unchanged" in err
    assert "Traceback" not in err
    assert snapshot(open_desk(db)) == before


def test_a_missing_file_and_an_unknown_marketplace_are_usage_errors(capsys, db, tmp_path):
    code, _, err = run(capsys, "import", str(tmp_path / "missing.tsv"), "--db", db)
    assert code == 2 and "cannot read the file" in err
    with pytest.raises(SystemExit) as exit_:
        main(["import", US_REPORT, "--marketplace", "XX", "--db", db])
    assert exit_.value.code == 2


def test_marketplace_option_sets_the_date_format(capsys, db, tmp_path):
    report = write_report(tmp_path / "de.tsv", [["3.11.26", "1", "Zu spät", "", "302-1", ""]])
    assert run(capsys, "import", str(report), "--marketplace", "de", "--db", db)[0] == 0
    fb = open_desk(db).find_order("302-1")
    assert (fb.marketplace, fb.feedback_date.isoformat()) == ("DE", "2026-11-03")


def test_stats_json(capsys, db):
    run(capsys, "import", US_REPORT, "--db", db)
    code, out, _ = run(capsys, "stats", "--json", "--db", db)
    stats = json.loads(out)
    assert code == 0
    assert stats["by_rating"] == {"1": 5, "2": 4, "3": 3, "4": 0, "5": 0}
    assert stats["rating"]["lifetime"] == {
        "percent_positive": 0.0,
        "positive": 0,
        "neutral": 3,
        "negative": 9,
        "total": 12,
    }
    assert stats["by_status"]["new"] == 12


def test_stats_text(capsys, db):
    run(capsys, "import", US_REPORT, "--db", db)
    _, out, _ = run(capsys, "stats", "--db", db)
    assert "Lifetime" in out and "0.0%" in out and "9 negative" in out


def test_export_csv_and_json(capsys, db, tmp_path):
    run(capsys, "import", US_REPORT, "--db", db)
    _, out, _ = run(capsys, "export", "--db", db)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 12
    assert rows[0]["order_id"] == "111-2034871-5512093" and rows[0]["rating"] == "1"
    target = tmp_path / "out.json"
    run(capsys, "export", "--format", "json", "--output", str(target), "--db", db)
    exported = {case["feedback"]["order_id"]: case["feedback"] for case in json.loads(target.read_text())["cases"]}
    assert sorted(exported) == sorted(r["order_id"] for r in rows)  # the backup holds cases by id, not by date
    assert exported[rows[2]["order_id"]]["response_state"] == "live"


def test_an_unreadable_database_url_is_a_clear_error(capsys):
    code, _, err = run(capsys, "stats", "--db", "nosuchdialect://x")
    assert code == 2 and "fbdesk keeps its desk in SQLite" in err


def test_the_first_response_target_can_be_set_per_import(capsys, db, monkeypatch):
    assert run(capsys, "import", US_REPORT, "--db", db, "--response-target", "4")[0] == 0
    fb = open_desk(db).find_order("111-2034871-5512093")
    assert fb.first_response_due - fb.imported_at == timedelta(hours=4)
    monkeypatch.setenv("FBDESK_RESPONSE_TARGET_HOURS", "48")
    legacy = str(FIXTURES / "reports" / "sample_legacy_feedback_manager.tsv")
    assert run(capsys, "import", legacy, "--db", db)[0] == 0
    fb = open_desk(db).find_order("111-4410293-8827162")
    assert fb.first_response_due - fb.imported_at == timedelta(hours=48)
    code, _, err = run(capsys, "import", US_REPORT, "--db", db, "--response-target", "soon")
    assert code == 2 and "--response-target: 'soon' is not a number of hours" in err


def test_a_database_from_a_newer_fbdesk_is_refused_untouched(capsys, db):
    from sqlalchemy import text

    run(capsys, "import", US_REPORT, "--db", db)
    desk = open_desk(db)
    with desk.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    before = snapshot(desk)
    code, _, err = run(capsys, "stats", "--db", db)
    assert code == 2
    assert "schema revision 0099, made by a newer fbdesk" in err
    assert snapshot(desk) == before


def test_csv_export_never_hands_a_spreadsheet_a_formula(capsys, db, tmp_path):
    formula = '=HYPERLINK("https://evil.example","click")'
    report = write_report(
        tmp_path / "r.tsv",
        [["10/2/26", "1", formula, "", "111-1", ""], ["10/3/26", "2", "-1 star, awful", "", "111-2", ""]],
    )
    run(capsys, "import", str(report), "--db", db)
    _, out, _ = run(capsys, "export", "--db", db)
    comments = [row["comment"] for row in csv.DictReader(io.StringIO(out))]
    assert comments == ["'" + formula, "'-1 star, awful"]
    _, out, _ = run(capsys, "export", "--format", "json", "--db", db)
    cases = json.loads(out)["cases"]
    assert [case["feedback"]["comment"] for case in cases] == [formula, "-1 star, awful"]  # JSON keeps the text


def test_desk_options_work_before_or_after_the_command(capsys, db, monkeypatch):
    assert run(capsys, "--db", db, "import", US_REPORT, "--response-target", "2")[0] == 0
    fb = open_desk(db).find_order("111-2034871-5512093")
    assert fb.first_response_due - fb.imported_at == timedelta(hours=2)
    code, out, _ = run(capsys, "--db", db, "stats", "--json")
    assert code == 0 and json.loads(out)["by_status"]["new"] == 12


def test_fbdesk_without_a_command_opens_the_helpdesk_on_the_given_database(db, monkeypatch):
    opened = []
    monkeypatch.setattr("fbdesk.cli._run_ui", lambda desk, *_: opened.append(desk.engine.url.database))
    assert main(["--db", db]) == 0
    assert opened == [db]


def test_a_bad_response_target_in_the_environment_is_a_clear_error(capsys, db, monkeypatch):
    monkeypatch.setenv("FBDESK_RESPONSE_TARGET_HOURS", "tomorrow")
    code, _, err = run(capsys, "stats", "--db", db)
    assert code == 2 and "FBDESK_RESPONSE_TARGET_HOURS" in err


def test_unwritable_paths_are_clear_errors(capsys, db, tmp_path):
    run(capsys, "import", US_REPORT, "--db", db)
    code, _, err = run(capsys, "export", "--db", db, "-o", str(tmp_path / "missing" / "out.csv"))
    assert code == 2 and "cannot write" in err and "Traceback" not in err
    (tmp_path / "file").write_text("x")
    code, _, err = run(capsys, "stats", "--db", str(tmp_path / "file" / "x.db"))
    assert code == 2 and "cannot open the database" in err


def test_a_json_export_is_a_backup_that_import_backup_restores_into_an_empty_desk(capsys, db, tmp_path):
    run(capsys, "import", US_REPORT, "--db", db, "--channel", "mfn")
    fb = open_desk(db).find_order("111-2034871-5512093")
    open_desk(db, agent="sam").add_note(fb.id, "Called the buyer.")
    backup = tmp_path / "backup.json"
    assert run(capsys, "export", "--format", "json", "-o", str(backup), "--db", db)[0] == 0
    restored = str(tmp_path / "restored.db")
    code, out, _ = run(capsys, "import-backup", str(backup), "--db", restored)
    assert out == "Restored 12 cases: 1 public response, 1 note, 1 audit event, 1 desk audit event, 1 report file.\n"
    assert code == 0
    _, again, _ = run(capsys, "export", "--format", "json", "--db", restored)
    [first, second] = [json.loads(text) for text in (backup.read_text(), again)]
    assert first.pop("exported_at") < second.pop("exported_at") and first == second
    case = open_desk(restored).get_case(fb.id)
    assert [n.body for n in case.notes] == ["Called the buyer."] and case.feedback.channel == "seller"

    before = snapshot(open_desk(restored))
    code, _, err = run(capsys, "import-backup", str(backup), "--db", restored)
    assert code == 2 and "This desk is not empty (it holds 12 feedback)" in err and "Traceback" not in err
    assert snapshot(open_desk(restored)) == before
    code, _, err = run(capsys, "import-backup", US_REPORT, "--db", str(tmp_path / "other.db"))
    assert code == 2 and "is not an fbdesk backup: it is not JSON" in err
    code, _, err = run(capsys, "import-backup", str(tmp_path / "missing.json"), "--db", str(tmp_path / "other.db"))
    assert code == 2 and "cannot read" in err and "No such file" in err


def test_csv_export_timestamps_are_iso_8601_in_utc(capsys, db):
    run(capsys, "import", US_REPORT, "--db", db)
    _, out, _ = run(capsys, "export", "--db", db)
    row = next(csv.DictReader(io.StringIO(out)))
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", row["imported_at"]), row["imported_at"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", row["first_response_due"])


def test_channel_is_fba_or_mfn_and_the_old_name_still_works(capsys, db, tmp_path):
    assert run(capsys, "import", US_REPORT, "--db", db, "--channel", "MFN")[0] == 0
    assert open_desk(db).find_order("111-2034871-5512093").channel == "seller"  # shown as MFN
    legacy = str(FIXTURES / "reports" / "sample_legacy_feedback_manager.tsv")
    assert run(capsys, "import", legacy, "--db", db, "--channel", "seller")[0] == 0  # the name it took before
    with pytest.raises(SystemExit) as exit_:
        main(["import", US_REPORT, "--db", db, "--channel", "merchant"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "unknown fulfilment channel 'merchant'; use fba, mfn or unknown" in err
    with pytest.raises(SystemExit):
        main(["import", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "--channel {fba,mfn,unknown} fulfilment channel of these orders: FBA (by Amazon), MFN (by the merchant)" in (
        help_text
    )


def test_the_demo_says_its_data_is_temporary_and_deleted_on_exit(capsys, monkeypatch):
    import fbdesk.demo
    from fbdesk.cli import DEMO_NOTICE

    monkeypatch.setattr(fbdesk.demo, "load_demo", lambda desk, seed: desk.import_reports([US_REPORT]))  # quicker
    seen = []

    def helpdesk(desk, settings, args, notice=None):
        seen.append((Path(desk.engine.url.database), notice, desk.count_feedback()))

    monkeypatch.setattr("fbdesk.cli._run_ui", helpdesk)
    code, out, _ = run(capsys, "demo")
    assert code == 0
    [(database, notice, count)] = seen
    assert count > 0 and notice == DEMO_NOTICE and "demo data, in a temporary database" in notice
    assert f"The demo's temporary database ({database}) was deleted" in out
    assert not database.exists() and not database.parent.exists()
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "temporary database deleted on exit" in " ".join(capsys.readouterr().out.split())
