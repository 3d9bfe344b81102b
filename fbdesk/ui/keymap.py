"""Keys an agent remaps: a TOML file mapping binding ids (shown in the help screen) to keys, for example

[keys]
"inbox.search" = "ctrl+f"
"case.message" = "m,c"
"""

from __future__ import annotations

import difflib
import importlib
import pkgutil
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from fbdesk.errors import SettingsError
from fbdesk.settings import MAX_CONFIG_BYTES

if TYPE_CHECKING:
    from textual.binding import Binding


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


def keymap_problems(keymap: Mapping[str, str]) -> list[str]:
    """What is wrong in a keymap the helpdesk still starts with: ids that name no binding (a typo, or a binding
    renamed since), and keys it puts on two bindings that work on one screen (only one of them would run)."""
    from textual.app import App

    keymap = App._normalize_keymap(dict(keymap))  # "?" -> "question_mark", as Textual applies it
    scopes = _binding_scopes()
    known = {b.id for bindings in scopes.values() for b in bindings if b.id}
    problems = []
    for binding_id in keymap:
        if binding_id not in known:
            close = difflib.get_close_matches(binding_id, known, n=1)
            hint = f'; did you mean "{close[0]}"?' if close else " (the help screen, ?, lists each screen's ids)"
            problems.append(f'unknown binding id "{binding_id}"{hint}')
    clashes: dict[tuple[str, tuple[str, ...]], list[str]] = {}
    for screen, bindings in scopes.items():
        before = _keys_bound_twice(bindings, {})
        for key, names in _keys_bound_twice(bindings, keymap).items():
            if names != before.get(key) and any(name in keymap for name in names):
                clashes.setdefault((key, tuple(sorted(names))), []).append(screen)
    for (key, bound), screens in clashes.items():
        both = f"{', '.join(bound[:-1])} and {bound[-1]}"
        problems.append(f'"{key}" is bound to {both} in {", ".join(screens)}: only one of them works there')
    return problems


def _keys_bound_twice(bindings: list[Binding], keymap: Mapping[str, str]) -> dict[str, set[str]]:
    """Keys with more than one binding after `keymap`, and the ids (an action, without one) on each."""
    on_key: dict[str, set[str]] = {}
    for binding in bindings:
        keys = keymap[binding.id].split(",") if binding.id and binding.id in keymap else [binding.key]
        for key in keys:
            on_key.setdefault(key, set()).add(binding.id or binding.action)
    return {key: names for key, names in on_key.items() if len(names) > 1}


def _binding_scopes() -> dict[str, list[Binding]]:
    """The bindings that work together, by screen: the screen's own (with those it inherits), those of the widgets
    whose binding ids share the screen's prefix (the inbox's table has "inbox.down"), and the app's."""
    from textual.app import App
    from textual.dom import DOMNode
    from textual.screen import Screen

    import fbdesk.ui.app
    import fbdesk.ui.screens
    import fbdesk.ui.widgets

    for package in (fbdesk.ui.screens, fbdesk.ui.widgets):
        for module in pkgutil.iter_modules(package.__path__, f"{package.__name__}."):
            importlib.import_module(module.name)
    classes: list[type[DOMNode]] = []
    pending = [DOMNode]
    while pending:
        for subclass in pending.pop().__subclasses__():
            pending.append(subclass)
            if subclass.__module__.startswith("fbdesk.ui."):
                classes.append(subclass)

    def bindings_of(cls: type[DOMNode]) -> list[Binding]:
        return [b for bindings in cls._merge_bindings().key_to_bindings.values() for b in bindings]

    def prefixes(bindings: list[Binding]) -> set[str]:
        return {b.id.split(".")[0] for b in bindings if b.id}

    app = [b for cls in classes if issubclass(cls, App) for b in bindings_of(cls)]
    widgets = [bindings_of(cls) for cls in classes if not issubclass(cls, (App, Screen))]
    scopes = {}
    for cls in classes:
        if cls.__subclasses__():  # a base (the editors'), whose bindings count in its screens
            continue
        if issubclass(cls, Screen) and prefixes(own := bindings_of(cls)):
            parts = [b for bindings in widgets if prefixes(bindings) & prefixes(own) for b in bindings]
            scopes[cls.__name__.removesuffix("Screen")] = own + parts + app
    return scopes
