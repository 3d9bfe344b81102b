"""Checking long texts (a big paste) in a process of their own.

The policy engine spends its time in regular expressions, which hold the interpreter lock for as long as each match
runs: checked in a thread, a long text would still stall the event loop and with it the agent's typing. A separate
process cannot. It is started on the first long text and serves the whole helpdesk after that, one text at a time.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from fbdesk.desk import Checker, Finding

_pool: ProcessPoolExecutor | None = None


def findings(checker: Checker, text: str) -> Future[list[Finding]]:
    """The checker's findings for `text`, worked out in the lint process."""
    global _pool
    if _pool is not None:
        try:
            return _pool.submit(_findings, checker, text)
        except BrokenProcessPool:  # the process died (killed, out of memory): this text gets a new one
            pass
    # Textual has replaced sys.stderr with an object without a file descriptor, which multiprocessing would hand to
    # the processes it starts: give them the real one.
    with contextlib.redirect_stderr(sys.__stderr__):
        # "spawn": a fresh interpreter, not a fork of this one, whose other threads may hold locks mid-operation
        _pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"), initializer=_detach)
        return _pool.submit(_findings, checker, text)


def _findings(checker: Checker, text: str) -> list[Finding]:
    """In the lint process."""
    return checker.findings(text)


def _detach() -> None:
    """In the lint process: nothing of the terminal the helpdesk draws on (no output into it, no keys taken)."""
    quiet = os.open(os.devnull, os.O_RDWR)
    for descriptor in (0, 1, 2):
        os.dup2(quiet, descriptor)
    os.close(quiet)
