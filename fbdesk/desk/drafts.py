"""Drafts: what an agent is typing in the composer or the response editor, kept per agent and case.

With a spool folder (the helpdesk has one, in the user data folder), a draft is first written to a private local
file, atomically, and then to the database; while the database is busy (a long import holds its write lock) or
unreachable, the file keeps the text, and it is written to the database later. Loading a draft prefers the spooled
text, which is never older than the database's.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from pathlib import Path

from sqlmodel import Session, col, select

from fbdesk.db.models import Draft
from fbdesk.desk.core import DeskCore
from fbdesk.desk.judging import draft_kind
from fbdesk.errors import DeskUnavailable

log = logging.getLogger(__name__)


class Drafts:
    def __init__(self, core: DeskCore, spool: Path | None = None) -> None:
        self._core = core
        self._spool = spool

    def _spooled(self, feedback_id: int, kind: str) -> Path | None:
        if self._spool is None:
            return None
        database = hashlib.sha256(str(self._core.engine.url).encode()).hexdigest()[:12]
        agent = hashlib.sha256(self._core.agent.encode()).hexdigest()[:12]
        return self._spool / f"{database}-{agent}-{feedback_id}-{kind}.txt"

    def keep_locally(self, feedback_id: int, kind: str, body: str) -> None:
        """Write the text to the spool file only: fast, and safe to call from a signal handler's path."""
        path = self._spooled(feedback_id, draft_kind(kind))
        if path is None:
            return
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".draft-")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(body)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporary, path)

    def save_kept(self, feedback_id: int, kind: str, body: str) -> bool:
        """Keep the text locally, then in the database; True once the database has it. A busy or unreachable
        database leaves the text in the spool file, to be written by a later save."""
        self.keep_locally(feedback_id, kind, body)
        try:
            self.save(feedback_id, kind, body)
        except DeskUnavailable as exc:
            log.warning("draft kept locally only: %s", exc)
            return False
        path = self._spooled(feedback_id, draft_kind(kind))
        if path is not None:
            path.unlink(missing_ok=True)
        return True

    def _draft(self, session: Session, feedback_id: int, kind: str) -> Draft | None:
        return session.exec(
            select(Draft).where(
                col(Draft.feedback_id) == feedback_id,
                col(Draft.kind) == kind,
                col(Draft.agent) == self._core.agent,
            )
        ).first()

    def save(self, feedback_id: int, kind: str, body: str) -> None:
        """Keep what the agent is typing; an empty text discards the draft. (A NUL character, which no database
        column takes, is dropped rather than losing the draft.)"""
        kind = draft_kind(kind)
        body = body.replace("\x00", "")
        with self._core.write(change=None) as session:  # no helpdesk shows another agent's draft
            self._core.feedback(session, feedback_id)
            draft = self._draft(session, feedback_id, kind)
            if not body:
                if draft is not None:
                    session.delete(draft)
                return
            if draft is None:
                draft = Draft(
                    feedback_id=feedback_id, kind=kind, agent=self._core.agent, body=body, updated_at=self._core.clock()
                )
            draft.body, draft.updated_at = body, self._core.clock()
            session.add(draft)

    def load(self, feedback_id: int, kind: str) -> str:
        path = self._spooled(feedback_id, draft_kind(kind))
        if path is not None and path.exists():
            return path.read_text(encoding="utf-8")
        with self._core.read() as session:
            draft = self._draft(session, feedback_id, draft_kind(kind))
            return draft.body if draft else ""

    def discard(self, session: Session, feedback_id: int, kind: str) -> None:
        """Drop the draft in the caller's transaction, once its text was sent."""
        draft = self._draft(session, feedback_id, kind)
        if draft is not None:
            session.delete(draft)
