"""The keys a screen answers to now, for the help screen and the command palette: read from the screen's active
bindings, so a remap in the keymap file, a key the focused editor types instead, and an action unavailable in this
state all show as they work. One entry per binding id, its keys as the footer shows them."""

from __future__ import annotations

from dataclasses import dataclass, replace

from textual.dom import DOMNode
from textual.screen import Screen


@dataclass(frozen=True)
class BoundAction:
    binding_id: str
    description: str
    action: str
    node: DOMNode  # where the action runs
    keys: tuple[str, ...]  # as displayed: "esc", "?", "^p"
    enabled: bool

    @property
    def keys_text(self) -> str:
        return " / ".join(self.keys)


def bound_actions(screen: Screen) -> list[BoundAction]:
    """Every described binding with an id that works on `screen` now, focused widget's first, the app's last."""
    display = screen.app.get_key_display
    found: dict[str, BoundAction] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        if binding.system or not binding.description or not binding.id:
            continue
        known = found.get(binding.id)
        key = display(binding)
        if known is None:
            found[binding.id] = BoundAction(
                binding.id, binding.description, binding.action, active.node, (key,), active.enabled
            )
        elif key not in known.keys:
            found[binding.id] = replace(known, keys=(*known.keys, key))
    return list(found.values())
