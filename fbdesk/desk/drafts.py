"""Drafts: what an agent is typing in the composer or the response editor, kept per agent and case."""

from __future__ import annotations

from sqlmodel import Session, col, select

from fbdesk.db.models import Draft
from fbdesk.desk.core import DeskCore
from fbdesk.desk.judging import draft_kind


class Drafts:
    def __init__(self, core: DeskCore) -> None:
        self._core = core

    def _draft(self, session: Session, feedback_id: int, kind: str) -> Draft | None:
        return session.exec(select(Draft).where(
            col(Draft.feedback_id) == feedback_id, col(Draft.kind) == kind, col(Draft.agent) == self._core.agent,
        )).first()

    def save(self, feedback_id: int, kind: str, body: str) -> None:
        """Keep what the agent is typing; an empty text discards the draft. (A NUL character, which no database
        column takes, is dropped rather than losing the draft.)"""
        kind = draft_kind(kind)
        body = body.replace("\x00", "")
        with self._core.write() as session:
            self._core.feedback(session, feedback_id)
            draft = self._draft(session, feedback_id, kind)
            if not body:
                if draft is not None:
                    session.delete(draft)
                return
            if draft is None:
                draft = Draft(feedback_id=feedback_id, kind=kind, agent=self._core.agent, body=body,
                              updated_at=self._core.clock())
            draft.body, draft.updated_at = body, self._core.clock()
            session.add(draft)

    def load(self, feedback_id: int, kind: str) -> str:
        with self._core.read() as session:
            draft = self._draft(session, feedback_id, draft_kind(kind))
            return draft.body if draft else ""

    def discard(self, session: Session, feedback_id: int, kind: str) -> None:
        """Drop the draft in the caller's transaction, once its text was sent."""
        draft = self._draft(session, feedback_id, kind)
        if draft is not None:
            session.delete(draft)
