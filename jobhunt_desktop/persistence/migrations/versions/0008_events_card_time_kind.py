"""A card's events by time carry their kind: "the first answer after this follow-up"
then reads the next few index entries and stops, where the index by kind needed a
probe per answer kind.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_events_card_time", "events", ["application_id", "occurred_at", "kind"], unique=False
    )
    op.drop_index("ix_events_application", table_name="events")


def downgrade() -> None:
    op.create_index(
        "ix_events_application", "events", ["application_id", "occurred_at"], unique=False
    )
    op.drop_index("ix_events_card_time", table_name="events")
