"""What a stage move says: implied events, who moved an interview, a stage's reason.

Revision ID: 0005
Revises: 0004

A move onto the board records the event it implies (a rejection, an offer, a reply),
marked so that logging it later fills it in and moving back removes it. A move of an
interview says who asked for it (the employer or the user). Each closed-lost stage
says why a card dropped there is closed; existing ones are read from their names.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "events", sa.Column("implied", sa.Boolean(), server_default=sa.false(), nullable=False)
    )
    op.add_column("events", sa.Column("moved_by", sa.String(length=20), nullable=True))
    op.add_column("stages", sa.Column("closed_reason", sa.String(length=20), nullable=True))
    # The same reading as domain.stages.default_closed_reason, frozen here as SQL.
    op.execute(
        "UPDATE stages SET closed_reason = 'rejected' "
        "WHERE kind = 'closed_lost' AND lower(name) LIKE '%reject%'"
    )
    op.execute(
        "UPDATE stages SET closed_reason = 'withdrew' WHERE kind = 'closed_lost' "
        "AND closed_reason IS NULL AND lower(name) LIKE '%withdr%' "
        "AND lower(name) NOT LIKE '%ghost%'"
    )
    op.execute(
        "UPDATE stages SET closed_reason = 'ghosted' "
        "WHERE kind = 'closed_lost' AND closed_reason IS NULL"
    )


def downgrade() -> None:
    with op.batch_alter_table("stages") as batch_op:
        batch_op.drop_column("closed_reason")
    never_reused = {"sqlite_autoincrement": True}
    with op.batch_alter_table("events", table_kwargs=never_reused) as batch_op:
        batch_op.drop_column("moved_by")
        batch_op.drop_column("implied")
