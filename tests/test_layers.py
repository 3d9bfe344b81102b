"""The layers: the core works without the TUI (the domain and database layers never import textual or rich, and
nothing creates an engine at import time), and the TUI reaches the core only through the Desk's facade."""

from __future__ import annotations

import ast
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
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
        env={"HOME": str(tmp_path), "PATH": "", "PYTHONPATH": SOURCE_ROOT},
    )
    assert result.stdout.strip() == "ok"
    assert list(tmp_path.iterdir()) == []  # no database file appeared anywhere under HOME


def _imports(path: Path) -> list[tuple[str, str]]:
    """(module, name) for every import of a source file, at the top, inside a function or in an
    `if TYPE_CHECKING:` block; name is "" for a plain `import module`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, "") for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found += [(node.module, alias.name) for alias in node.names]
    return found


def test_the_ui_goes_through_the_desk_facade_only():
    """The UI imports what the Desk's facade exports (`fbdesk.desk.__all__`), the errors and its own modules:
    nothing of the Desk's parts, the database or the domain, so the Desk stays the one door."""
    import fbdesk.desk

    ui = Path(fbdesk.__file__).resolve().parent / "ui"
    files = [path for path in sorted(ui.rglob("*.py")) if path.name != "keymap.py"]
    imports = {(path.relative_to(ui).as_posix(), module, name) for path in files for module, name in _imports(path)}
    past_the_door = {
        (path, module, name)
        for path, module, name in imports
        if module.split(".")[0] == "fbdesk"
        and not module.startswith("fbdesk.ui")
        and module != "fbdesk.errors"
        and not (module == "fbdesk.desk" and name in fbdesk.desk.__all__)
    }
    assert past_the_door == set()
    assert ("screens/review.py", "fbdesk.desk", "Verdict") in imports  # the scan sees the imports
