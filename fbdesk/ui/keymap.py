"""Keys an agent remaps: a TOML file mapping binding ids (shown in the help screen) to keys, for example

    [keys]
    "inbox.search" = "ctrl+f"
    "case.message" = "m,c"
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

ENV_KEYMAP = "FBDESK_KEYMAP"


class KeymapError(Exception):
    """A keymap file that cannot be used; says which file and what is wrong."""


def keymap_path() -> Path:
    from platformdirs import user_config_path

    return Path(os.environ.get(ENV_KEYMAP) or user_config_path("fbdesk", appauthor=False) / "keymap.toml")


def load_keymap(path: Path) -> dict[str, str]:
    """The binding id -> keys mapping in `path`; empty when the file does not exist."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise KeymapError(f"keymap {path}: {exc}") from None
    keys = data.get("keys", {})
    if not isinstance(keys, dict) or not all(isinstance(v, str) and v.strip() for v in keys.values()):
        raise KeymapError(f'keymap {path}: expected a [keys] table of "binding.id" = "key" strings')
    return {str(binding): value.replace(" ", "") for binding, value in keys.items()}
