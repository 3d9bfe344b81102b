"""Deadlines that tell the truth: a case's first-response deadline is met only by a message that went out to the
buyer (fbdesk.domain.lifecycle.deadline_state), so each feedback records when its deadline started (None: positive
feedback, which owes none) and the due time of an earlier deadline it missed, and `first_response_at` becomes the
moment the first message went out.

Revision ID: 0006
Revises: 0005

For feedback already in the desk: a deadline started when the feedback was imported, or at the latest buyer reply
that set its due time; positive feedback whose case is closed and whose buyer was never written to owed none. The
first contact is the first message since then that went out (delivered by fbdesk, or sent outside it before fbdesk
delivered mail); a public response, or a message still queued or failed, no longer counts. Which earlier deadlines
were missed is not known: none is recorded.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN: a batch would rebuild feedback, and with it drop its full-text triggers.
    op.add_column("feedback", sa.Column("first_response_owed_since", sa.DateTime(timezone=True), nullable=True))
    op.add_column("feedback", sa.Column("first_response_missed_earlier", sa.DateTime(timezone=True), nullable=True))
    op.execute(
        """
        UPDATE feedback SET first_response_owed_since = COALESCE(
            (SELECT MAX(r.received_at) FROM buyer_reply r
             WHERE r.feedback_id = feedback.id AND r.kind = 'reply'
               AND r.received_at > feedback.imported_at AND r.received_at <= feedback.first_response_due),
            imported_at)
        WHERE NOT (rating >= 4 AND case_status = 'closed'
                   AND NOT EXISTS (SELECT 1 FROM buyer_message m WHERE m.feedback_id = feedback.id))
        """
    )
    op.execute(
        """
        UPDATE feedback SET first_response_at =
            (SELECT MIN(COALESCE(m.delivered_at, m.sent_at)) FROM buyer_message m
             WHERE m.feedback_id = feedback.id AND m.delivery_state IN ('sent', 'recorded')
               AND COALESCE(m.delivered_at, m.sent_at) >= feedback.first_response_owed_since)
        """
    )
    op.create_index("ix_feedback_due", "feedback", ["first_response_due"])
    op.create_index("ix_feedback_contacted", "feedback", ["first_response_at"])
    op.create_index("ix_feedback_missed_earlier", "feedback", ["first_response_missed_earlier"])
