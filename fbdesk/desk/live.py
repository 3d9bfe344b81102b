"""A live desk: a helpdesk hears, within a second, what other helpdesks on the same desk change, and keeps up the
presence of its agent (fbdesk.desk.presence) without the screen waiting on the database.

    watch = desk.watch(on_change)   # on_change(DeskChange) runs in the watch's thread
    watch.hold(feedback_id, "viewing"); ...; watch.release(feedback_id, "viewing")
    watch.stop()                    # also removes the presence it held

One thread per watch listens (fbdesk.db.changes: NOTIFY on PostgreSQL, `PRAGMA data_version` on SQLite). A burst of
changes (a script changing cases one by one) is heard as one: `on_change` runs at most once per INTERVAL. A change to
the cases is reported as `data`; one to who is where as `presence`, and only when the set of other agents at cases
changes (a heartbeat that only renews a row is not), or when someone's presence expires.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from fbdesk.db import changes
from fbdesk.desk.core import DeskCore
from fbdesk.desk.presence import HEARTBEAT, Presences, activity_of

log = logging.getLogger(__name__)

INTERVAL = 0.3  # seconds between two looks at the desk (and between two reports of a change)
PRESENCE_CHECK = 1.0  # seconds between two looks at who is where, for presence that expired
RETRY = 5.0  # seconds before listening again after the database failed


@dataclass(frozen=True)
class DeskChange:
    """What other helpdesks changed: the cases (rows, counts, a case's contents), or only who is at which case."""

    data: bool = False
    presence: bool = False


Present = frozenset[tuple[int, str, str]]  # (feedback id, agent, activity) of the other agents at cases


class Watch:
    def __init__(
        self, core: DeskCore, presences: Presences, on_change: Callable[[DeskChange], None], interval: float = INTERVAL
    ) -> None:
        self._core = core
        self._presences = presences
        self._on_change = on_change
        self._interval = interval
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._held: set[tuple[int, str]] = set()  # (feedback id, activity) this helpdesk's agent is at
        self._released: set[tuple[int, str]] = set()  # to remove from the desk
        self._beat_due = threading.Event()  # a presence was taken or released: write at the next look
        self._last_beat: float | None = None  # time.monotonic() of the last heartbeat
        self._thread = threading.Thread(target=self._run, name="fbdesk-live-desk", daemon=True)
        self._listener: changes.Changes | None = None
        self._ready = True  # whether `_listener` is the listener to use (None: a desk no other helpdesk opens)
        self._present_before: Present | None = None  # who was where as the listener started

    def start(self) -> Watch:
        """Start listening: from now on (the listener is ready when this returns), nothing another helpdesk
        changes goes unheard."""
        try:
            self._listener = changes.listen(self._core.engine, self._core.own_changes, self._stop)
            self._present_before = self._present()
        except Exception:  # the thread tries again
            log.warning("the live desk could not start listening", exc_info=True)
            if self._listener is not None:
                self._listener.close()
            self._listener, self._ready = None, False
        self._thread.start()
        return self

    # --- presence ---------------------------------------------------------------------------------------

    def hold(self, feedback_id: int, activity: str) -> None:
        """The agent is at this case doing `activity` until `release`: written at once (in the watch's thread) and
        renewed every HEARTBEAT."""
        key = (feedback_id, activity_of(activity).value)
        with self._lock:
            self._released.discard(key)
            if key in self._held:
                return
            self._held.add(key)
        self._beat_due.set()

    def release(self, feedback_id: int, activity: str | None = None) -> None:
        """The agent left the case (stopped `activity` there; None: everything there)."""
        with self._lock:
            keys = {k for k in self._held if k[0] == feedback_id and (activity is None or k[1] == activity)}
            self._held -= keys
            self._released |= keys
        if keys:
            self._beat_due.set()

    @property
    def held(self) -> set[tuple[int, str]]:
        with self._lock:
            return set(self._held)

    def _keep_presence(self, now: float) -> None:
        with self._lock:
            released, self._released = self._released, set()
            held = set(self._held)
        for feedback_id, activity in released:
            self._presences.leave([feedback_id], activity)
        due = self._last_beat is None or now - self._last_beat >= HEARTBEAT.total_seconds() or self._beat_due.is_set()
        self._beat_due.clear()
        if held and due:
            for activity in {a for _, a in held}:
                self._presences.be_present([i for i, a in held if a == activity], activity)
        if due:
            self._last_beat = now

    def _present(self) -> Present:
        return frozenset(
            (feedback_id, p.agent, p.activity)
            for feedback_id, present in self._presences.present().items()
            for p in present
        )

    # --- the thread ------------------------------------------------------------------------------------------

    def stop(self, timeout: float = 5.0) -> None:
        """Stop listening and remove the presence held (on a clean exit)."""
        self._stop.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout)
        with self._lock:
            gone = self._held | self._released
            self._held.clear()
            self._released.clear()
        for feedback_id, activity in gone:
            try:
                self._presences.leave([feedback_id], activity)
            except Exception:  # the database is gone: the rows expire on their own
                log.warning("could not remove the presence at case %s", feedback_id, exc_info=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                if not self._listen():
                    return
            except Exception:  # the database went away: say so in the log, and try again
                log.warning("the live desk stopped listening; trying again in %s s", RETRY, exc_info=True)
                self._stop.wait(RETRY)

    def _listen(self) -> bool:
        """Listen until stopped (True), or not at all for a desk no other helpdesk can open (False: an in-memory
        database, whose one connection the watch must not share)."""
        if self._ready:
            listener, self._ready = self._listener, False
        else:
            listener = changes.listen(self._core.engine, self._core.own_changes, self._stop)
        if listener is None:
            return False
        try:
            present = self._present() if self._present_before is None else self._present_before
            self._present_before = None
            last_look = time.monotonic()
            while not self._stop.is_set():
                self._keep_presence(time.monotonic())
                heard = listener.wait(self._interval)
                if self._stop.is_set():
                    return True
                now = time.monotonic()
                look = heard.presence or now - last_look >= PRESENCE_CHECK
                moved = False
                if look:
                    last_look = now
                    seen = self._present()
                    moved, present = seen != present, seen
                if heard.data or moved:
                    self._on_change(DeskChange(data=heard.data, presence=moved))
        finally:
            if listener is not None:
                listener.close()
        return True
