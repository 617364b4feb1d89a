"""A real PostgreSQL server for the store tests: one empty database per test, cloned
from a template migrated once per run, and dropped afterwards.

The server is the private cluster `.ci/postgres` starts (its URL in
JOBHUNT_TEST_POSTGRES_URL). Without it the PostgreSQL half of a test is skipped with
the command that starts one, except under CI=true, where it fails: there the server
is part of the run, and a missing one must not pass quietly.
"""

from __future__ import annotations

import itertools
import os
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, Engine, make_url

from jobhunt_desktop.persistence.database import open_database

URL_VARIABLE = "JOBHUNT_TEST_POSTGRES_URL"
HOW_TO_START = (
    "PostgreSQL tests need a server: apt-get install postgresql, then "
    f"export {URL_VARIABLE}=$(bash .ci/postgres start)"
)

LOGIN_ROLE, LOGIN_PASSWORD = "with_password", "hunter2"


class PostgresServer:
    """The server, and the template every test's database is cloned from."""

    def __init__(self, url: URL) -> None:
        self.url = url
        self._admin: Engine = create_engine(url, isolation_level="AUTOCOMMIT")
        self._run = uuid.uuid4().hex[:8]  # two runs at once do not share names
        self._numbers = itertools.count(1)
        self.template = f"jobhunt_template_{self._run}"
        self._execute(f'CREATE DATABASE "{self.template}"')
        open_database(self.url_of(self.template)).close()  # migrated once

    def url_of(self, name: str) -> str:
        return self.url.set(database=name).render_as_string(hide_password=False)

    def new_database(self) -> str:
        """An empty, migrated database of its own, as a URL."""
        name = f"jobhunt_test_{self._run}_{next(self._numbers)}"
        self._execute(f'CREATE DATABASE "{name}" TEMPLATE "{self.template}" STRATEGY FILE_COPY')
        return name

    def drop(self, name: str) -> None:
        self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def close(self) -> None:
        self.drop(self.template)
        self._admin.dispose()

    def login_database(self) -> str:
        """A new database of the role that must give its password (LOGIN_ROLE; the
        cluster's first pg_hba line asks it for one), as a URL without the password."""
        name = self.new_database()
        self._execute(
            f"DO $$ BEGIN CREATE ROLE {LOGIN_ROLE} LOGIN; "
            "EXCEPTION WHEN duplicate_object THEN NULL; END $$"
        )
        self._execute(f"ALTER ROLE {LOGIN_ROLE} PASSWORD '{LOGIN_PASSWORD}'")
        engine = create_engine(self.url_of(name), isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as conn:
                for what in ("SCHEMA public", "ALL TABLES IN SCHEMA public"):
                    conn.execute(text(f"GRANT ALL ON {what} TO {LOGIN_ROLE}"))
                conn.execute(text(f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {LOGIN_ROLE}"))
        finally:
            engine.dispose()
        host = self.url.query["host"]
        return f"postgresql+psycopg://{LOGIN_ROLE}@/{name}?host={host}"

    def _execute(self, statement: str) -> None:
        with self._admin.connect() as conn:
            conn.execute(text(statement))


def with_password(url: str) -> str:
    """A URL of LOGIN_ROLE, with its password."""
    return url.replace(f"{LOGIN_ROLE}@", f"{LOGIN_ROLE}:{LOGIN_PASSWORD}@", 1)


def server_url() -> URL | None:
    """The server's URL, or None (skip) where none is set up outside CI."""
    value = os.environ.get(URL_VARIABLE, "").strip()
    if value:
        return make_url(value)
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"{URL_VARIABLE} is not set under CI. {HOW_TO_START}", pytrace=False)
    return None
