"""Reminders shown on each computer: with one database shared by several computers,
each shows a due reminder once, and acting on it anywhere ends it everywhere.

Revision ID: 0010
Revises: 0009

One row per follow-up and device: the reminder time it was shown (or is being
shown) for there, and the claim of the process showing it, so that the window and a
watcher on one computer show it once between them.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "reminders_shown",
        sa.Column("followup_id", sa.Integer(), nullable=False),
        sa.Column("device", sa.String(length=64), nullable=False),
        sa.Column("remind_at", sa.DateTime(), nullable=False),
        sa.Column("shown_at", sa.DateTime(), nullable=True),
        sa.Column("claimed_at", sa.DateTime(), nullable=True),
        sa.Column("claimed_by", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["followup_id"],
            ["followups.id"],
            name=op.f("fk_reminders_shown_followup_id_followups"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("followup_id", "device", name=op.f("pk_reminders_shown")),
    )


def downgrade() -> None:
    op.drop_table("reminders_shown")
