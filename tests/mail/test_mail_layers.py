"""fbdesk.mail is a foundation the Desk builds on: plain data in and out, no database, Desk or UI under it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import fbdesk

SOURCE_ROOT = str(Path(fbdesk.__file__).resolve().parents[1])


def test_the_mail_package_imports_no_database_desk_or_ui() -> None:
    code = (
        "import sys, fbdesk.mail; print(sorted({m.split('.')[0] if not m.startswith('fbdesk.') else m "
        "for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'sqlalchemy', 'sqlmodel') "
        "or m.startswith(('fbdesk.db', 'fbdesk.desk', 'fbdesk.ui', 'fbdesk.domain'))}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": SOURCE_ROOT, "PATH": ""},
    )
    assert result.stdout.strip() == "[]"
