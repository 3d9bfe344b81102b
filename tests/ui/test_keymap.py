"""Agents remap keys by binding id in a keymap file."""

from __future__ import annotations

import pytest

from fbdesk.cli import main
from fbdesk.ui.keymap import KeymapError, load_keymap

from ui_support import SIZE, run


def test_a_remapped_key_runs_the_binding(demo_desk, tmp_path):
    keymap = tmp_path / "keymap.toml"
    keymap.write_text('[keys]\n"inbox.search" = "ctrl+f"\n', encoding="utf-8")

    async def flow():
        from fbdesk.ui.app import build_app

        app = build_app(demo_desk, cursor_blink=False, keymap=load_keymap(keymap))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+f")
            await pilot.pause()
            assert app.focused is not None and app.focused.id == "search"

    run(flow)


def test_a_missing_keymap_file_is_no_keymap(tmp_path):
    assert load_keymap(tmp_path / "absent.toml") == {}


@pytest.mark.parametrize("content", ['[keys\n"a" = 1', '[keys]\n"inbox.search" = 3\n', 'keys = "ctrl+f"\n'])
def test_a_broken_keymap_file_is_a_clear_error(tmp_path, content, monkeypatch, capsys):
    keymap = tmp_path / "keymap.toml"
    keymap.write_text(content, encoding="utf-8")
    with pytest.raises(KeymapError, match=str(keymap)):
        load_keymap(keymap)
    monkeypatch.setenv("FBDESK_KEYMAP", str(keymap))
    assert main(["app", "--db", str(tmp_path / "x.db")]) == 2
    assert f"keymap {keymap}" in capsys.readouterr().err
