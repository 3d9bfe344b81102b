"""The README's everyday commands and its Scripting session run as written."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from support import FIXTURES

README = Path(__file__).resolve().parents[1] / "README.md"


def test_the_scripting_session_in_the_readme_runs(tmp_path, monkeypatch, capsys):
    block = re.search(r"## Scripting.*?```python\n(.*?)```", README.read_text(), re.S).group(1)
    shutil.copy(FIXTURES / "reports" / "sample_us_feedback.tsv", tmp_path / "Feedback.txt")
    monkeypatch.chdir(tmp_path)
    exec(compile(block, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "12 0 0 0"
    assert "incentive-for-feedback" in out
    assert "Amazon allows no second response unless the buyer changes the feedback" in out
    assert "Messages are waiting, but no mail server is set up" in out


def test_the_everyday_imports_in_the_readme_work_on_the_examples(tmp_path, monkeypatch, capsys):
    from fbdesk.cli import main

    block = re.search(r"## Everyday use.*?```sh\n(.*?)```", README.read_text(), re.S).group(1)
    commands = [line.split("#")[0].split() for line in block.splitlines() if line.startswith("fbdesk import examples/")]
    assert len(commands) == 4
    monkeypatch.chdir(README.parent)
    for command in commands:
        assert main([*command[1:], "--db", str(tmp_path / "desk.db")]) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    assert [line.split(": ")[1].split(" added")[0] for line in out.splitlines()] == ["12", "10", "9", "2"]
