"""Undo for the agent's status and assignee changes (in the inbox, one case or many, and in the case view): the
notification that says what was done offers the undo key for UNDO_SECONDS, and the key puts back what the change
replaced, through the Desk, which refuses if anything changed those values since. The offer is the app's, so the
key works on whichever of the two screens the agent is on."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from textual.screen import Screen

from fbdesk.desk import CaseChange, RuleRefusal
from fbdesk.ui import formatting as fmt
from fbdesk.ui.safe_text import plain

UNDO_SECONDS = 10.0
ACTION = "undo"


@dataclass(frozen=True)
class UndoOffer:
    change: CaseChange
    until: float  # time.monotonic()


def undo_key(screen: Screen[Any]) -> str:
    """The key that undoes on this screen, as the agent types it (after any remap)."""
    for active in screen.active_bindings.values():
        if active.binding.action == ACTION:
            return active.binding.key.split(",")[0]
    return "ctrl+z"


def offer(screen: Screen[Any], change: CaseChange, done: str) -> None:
    """Say what was done and, when it changed anything, offer to undo it for UNDO_SECONDS."""
    from fbdesk.ui.app import FbdeskApp

    app = screen.app
    assert isinstance(app, FbdeskApp)
    if not change.before:
        app.undo_offer = None
        screen.notify(plain(done), markup=False)
        return
    app.undo_offer = UndoOffer(change, time.monotonic() + UNDO_SECONDS)
    screen.notify(f"{plain(done)}   {undo_key(screen)} Undo", timeout=UNDO_SECONDS, markup=False)


def undo(screen: Screen[Any]) -> bool:
    """Undo the change on offer, if it is still offered; says what happened. True when something was undone."""
    from fbdesk.ui.app import FbdeskApp

    app = screen.app
    assert isinstance(app, FbdeskApp)
    on_offer, app.undo_offer = app.undo_offer, None
    if on_offer is None or time.monotonic() > on_offer.until:
        screen.notify(
            f"Nothing to undo: a status or assignee change can be undone for {UNDO_SECONDS:.0f} seconds after it "
            "is made.",
            severity="warning",
            markup=False,
        )
        return False
    try:
        app.desk.undo(on_offer.change)
    except RuleRefusal as refusal:
        screen.notify(plain(str(refusal)), title="Not undone", severity="error", timeout=10, markup=False)
        return False
    screen.notify(plain(f"Undone: {_undone(on_offer.change)}."), markup=False)
    return True


def _undone(change: CaseChange) -> str:
    """What the undo put back, in words."""
    olds = {old for _, old in change.before}
    count = len(change.before)
    cases = "the case" if count == 1 else f"{count} cases"
    if change.field == "status":
        back = fmt.status_label(next(iter(olds)) or "").lower() if len(olds) == 1 else "their earlier statuses"
        return f"{cases} back to {back}"
    if len(olds) == 1:
        old = next(iter(olds))
        return f"{cases} assigned to {old} again" if old else f"{cases} unassigned again"
    return f"{cases} back to their earlier assignees"
