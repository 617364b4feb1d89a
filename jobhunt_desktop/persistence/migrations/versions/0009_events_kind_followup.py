"""Insights reads from indexes alone, without a look-up in the wide events table per
row: the index by kind carries the follow-up's kind too (the follow-ups sent, and the
feedback's replies), and a new index holds the answer dates employers promised, which
were found by reading the whole table.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_events_kind", table_name="events")
    op.create_index(
        "ix_events_kind",
        "events",
        ["kind", "application_id", "occurred_at", "followup_kind"],
        unique=False,
    )
    op.create_index(
        "ix_events_promised",
        "events",
        ["promised_by", "application_id", "occurred_at"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_events_promised", table_name="events")
    op.drop_index("ix_events_kind", table_name="events")
    op.create_index(
        "ix_events_kind", "events", ["kind", "application_id", "occurred_at"], unique=False
    )
