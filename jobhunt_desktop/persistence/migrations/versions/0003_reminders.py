"""Reminder delivery: when a notification is owed, and which process is sending it.

Revision ID: 0003
Revises: 0002

Open follow-ups that were never notified (or were moved since) are owed at their
reminder time, so reminders missed before the upgrade still arrive.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("followups") as batch_op:
        batch_op.add_column(sa.Column("notify_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("claimed_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("claimed_by", sa.String(length=64), nullable=True))
        batch_op.create_index("ix_followups_notify", ["notify_at"], unique=False)
    op.execute(
        "UPDATE followups SET notify_at = remind_at "
        "WHERE state IN ('pending', 'snoozed') "
        "AND (notified_at IS NULL OR notified_at < remind_at)"
    )


def downgrade() -> None:
    with op.batch_alter_table("followups") as batch_op:
        batch_op.drop_index("ix_followups_notify")
        batch_op.drop_column("claimed_by")
        batch_op.drop_column("claimed_at")
        batch_op.drop_column("notify_at")
