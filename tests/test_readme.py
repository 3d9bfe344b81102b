"""The README's Scripting session runs as written."""

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
