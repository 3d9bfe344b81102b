"""Keys an agent remaps: a TOML file mapping binding ids (shown in the help screen) to keys, for example

[keys]
"inbox.search" = "ctrl+f"
"case.message" = "m,c"
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from fbdesk.errors import SettingsError
from fbdesk.settings import MAX_CONFIG_BYTES


class KeymapError(SettingsError):
    """A keymap file that cannot be used; says which file and what is wrong."""


def load_keymap(path: Path) -> dict[str, str]:
    """The binding id -> keys mapping in `path`; empty when the file does not exist."""
    try:
        with path.open("rb") as f:
            raw = f.read(MAX_CONFIG_BYTES + 1)
        if len(raw) > MAX_CONFIG_BYTES:
            raise KeymapError(f"keymap {path} is over {MAX_CONFIG_BYTES // 1024} KiB; it should hold a few lines")
        data = tomllib.loads(raw.decode("utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise KeymapError(f"keymap {path}: {exc}") from None
    keys = data.get("keys", {})
    if not isinstance(keys, dict) or not all(isinstance(v, str) and v.strip() for v in keys.values()):
        raise KeymapError(f'keymap {path}: expected a [keys] table of "binding.id" = "key" strings')
    return {str(binding): value.replace(" ", "") for binding, value in keys.items()}
