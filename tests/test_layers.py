"""The core works without the TUI: the domain and database layers never import textual or rich, and
nothing creates an engine at import time."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import fbdesk

SOURCE_ROOT = str(Path(fbdesk.__file__).resolve().parents[1])


def test_domain_db_and_desk_do_not_import_the_ui_libraries():
    code = (
        "import sys, fbdesk.domain.policy, fbdesk.domain.reports, fbdesk.domain.lifecycle, fbdesk.domain.metrics, "
        "fbdesk.domain.templates, fbdesk.db.models, fbdesk.db.engine, fbdesk.desk; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_importing_the_desk_and_the_cli_creates_no_database_file(tmp_path):
    code = "import fbdesk.desk, fbdesk.cli, sqlalchemy.pool; print('ok')"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            cwd=tmp_path, env={"HOME": str(tmp_path), "PATH": "", "PYTHONPATH": SOURCE_ROOT})
    assert result.stdout.strip() == "ok"
    assert list(tmp_path.iterdir()) == []  # no database file appeared anywhere under HOME
