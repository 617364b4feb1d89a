"""Events by kind, card and time: what Insights reads (first answers, the answer after
each follow-up sent) is then answered from the index alone.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_events_kind", "events", ["kind", "application_id", "occurred_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_events_kind", table_name="events")
