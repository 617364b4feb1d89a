"""A change counter other processes can watch, card versions, and undone history.

Revision ID: 0004
Revises: 0003

Each write transaction logs what it changed under the next counter value; each card
keeps the value of the last write that touched it; an undone change stays in the
history, marked. Cards and the rows they own never reuse the id of a deleted row
(SQLite AUTOINCREMENT), so undoing a delete can put them back with their ids.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "change_log",
        sa.Column("version", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("cards", sa.Text(), nullable=True),
        sa.Column("removed", sa.Text(), nullable=True),
        sa.Column("followups", sa.Text(), nullable=True),
        sa.Column("flags", sa.Text(), nullable=True),
        sa.Column("rules", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("version", name=op.f("pk_change_log")),
        sqlite_autoincrement=True,
    )
    # SQLite needs its tables rebuilt to add AUTOINCREMENT; a server's sequences never
    # hand out an id twice, so there the columns are simply added.
    rebuild: Literal["always", "auto"] = (
        "always" if op.get_context().dialect.name == "sqlite" else "auto"
    )
    never_reused = {"sqlite_autoincrement": True}
    with op.batch_alter_table(
        "applications", recreate=rebuild, table_kwargs=never_reused
    ) as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), server_default="0", nullable=False))
    with op.batch_alter_table("history", recreate=rebuild, table_kwargs=never_reused) as batch_op:
        batch_op.add_column(sa.Column("undone", sa.Boolean(), server_default="0", nullable=False))
    for table in ("events", "followups"):
        with op.batch_alter_table(table, recreate=rebuild, table_kwargs=never_reused):
            pass


def downgrade() -> None:
    with op.batch_alter_table("history") as batch_op:
        batch_op.drop_column("undone")
    with op.batch_alter_table("applications") as batch_op:
        batch_op.drop_column("version")
    op.drop_table("change_log")
