"""`fbdesk lint`: text and JSON findings, exit codes, and the case context flags."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from fbdesk.cli import main
from fbdesk.domain.policy import APPROVED_REMOVAL_NOTICE

VOUCHER = (
    "Would you be willing to remove your feedback if we provide you with a voucher for 25% off your next purchase?"
)


def lint(capsys, monkeypatch, text: str, *args: str) -> tuple[int, str]:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8"))
    code = main(["lint", "-", *args])
    return code, capsys.readouterr().out


def test_an_error_exits_1_with_line_column_severity_rule_and_message(capsys, monkeypatch):
    code, out = lint(capsys, monkeypatch, "Hello.\n" + VOUCHER, "--kind", "message", "--resolved")
    assert code == 1
    line = next(row for row in out.splitlines() if "incentive-for-feedback" in row)
    position, severity, rule = line.split()[:3]
    assert position.startswith("2:") and severity == "error" and rule == "incentive-for-feedback"


def test_json_findings_carry_the_documented_keys_and_offsets_into_the_text(capsys, monkeypatch, tmp_path):
    text = "Your parcel is <b>on its way</b>."
    path = tmp_path / "draft.txt"
    path.write_text(text, encoding="utf-8")
    code = main(["lint", str(path), "--kind", "message", "--format", "json"])
    findings = json.loads(capsys.readouterr().out)
    assert code == 0  # a warning is not an error
    assert {"rule", "severity", "start", "end", "line", "column", "match", "message", "why", "fix"} <= set(findings[0])
    markup = next(f for f in findings if f["rule"] == "html")
    assert markup["severity"] == "warning"
    assert text[markup["start"] : markup["end"]] == markup["match"] == "<b>"


def test_the_approved_notice_depends_on_the_case_context(capsys, monkeypatch):
    assert lint(capsys, monkeypatch, APPROVED_REMOVAL_NOTICE, "--kind", "message", "--resolved")[0] == 0
    code, out = lint(capsys, monkeypatch, APPROVED_REMOVAL_NOTICE, "--kind", "message")
    assert code == 1 and "removal-notice-before-resolved" in out
    code, out = lint(
        capsys, monkeypatch, APPROVED_REMOVAL_NOTICE, "--kind", "message", "--resolved", "--prior-removal-notices", "1"
    )
    assert code == 1 and "repeat-removal-notice" in out


def test_feedback_triage_names_the_ground_and_depends_on_fba(capsys, monkeypatch):
    code, out = lint(capsys, monkeypatch, "Delivery was late.", "--kind", "feedback", "--fba", "--format", "json")
    assert code == 0
    assert [f["ground"] for f in json.loads(out) if f["rule"] == "amazon-removable"] == ["fba-delivery"]
    _, out = lint(capsys, monkeypatch, "Delivery was late.", "--kind", "feedback", "--format", "json")
    assert [f for f in json.loads(out) if f["rule"] == "amazon-removable"] == []
    # the channel unsaid, the comment's own words tell; --mfn says the seller shipped it
    said = "Delivery was late. Fulfilled by Amazon."
    _, out = lint(capsys, monkeypatch, said, "--kind", "feedback", "--format", "json")
    assert [f["ground"] for f in json.loads(out) if f["rule"] == "amazon-removable"] == ["fba-delivery"]
    _, out = lint(capsys, monkeypatch, said, "--kind", "feedback", "--mfn", "--format", "json")
    assert [f for f in json.loads(out) if f["rule"] == "amazon-removable"] == []


def test_clean_text_prints_nothing_and_exits_0(capsys, monkeypatch):
    assert lint(capsys, monkeypatch, "We are sorry; a replacement ships today.", "--kind", "message") == (0, "")


@pytest.mark.parametrize("args", [["--kind", "letter"], [], ["--kind", "message", "--prior-removal-notices", "-1"]])
def test_usage_errors_exit_2(args):
    result = subprocess.run(
        [sys.executable, "-m", "fbdesk", "lint", "-", *args], input="hi", capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_an_unreadable_file_is_a_usage_error(capsys, tmp_path):
    assert main(["lint", str(tmp_path / "missing.txt"), "--kind", "message"]) == 2
    assert "cannot read" in capsys.readouterr().err
