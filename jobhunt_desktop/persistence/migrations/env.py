"""Alembic environment: runs on the connection and transaction that `database.py` owns.

The app migrates programmatically (see `jobhunt_desktop.persistence.database`), so
there is no alembic.ini and no URL here: the caller passes an open connection in
`config.attributes["connection"]`, already inside the transaction that will be
committed or rolled back as a whole.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from jobhunt_desktop.persistence.models import Base

target_metadata = Base.metadata


def run_migrations_online() -> None:
    """Migrate on the caller's connection; the caller owns the transaction."""
    connection = context.config.attributes.get("connection")
    if not isinstance(connection, Connection):
        raise RuntimeError(
            "jobhunt-desktop migrations run through "
            "jobhunt_desktop.persistence.database, which passes a connection in "
            'config.attributes["connection"]'
        )
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things: batch copies the table
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise RuntimeError("jobhunt-desktop migrations have no offline (SQL script) mode")
run_migrations_online()
