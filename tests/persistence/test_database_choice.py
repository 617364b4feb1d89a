"""Which database a run opens: the command line, then the environment, then the saved
choice, then the default file; the saved choice never holds a password."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.persistence.database_choice import Source, choose, read_saved, save
from jobhunt_desktop.persistence.sqlite_file import default_database_path

SERVER = "postgresql+psycopg://sam@db.example/jobhunt"


def test_the_command_line_then_the_environment_then_the_saved_choice_then_the_default(
    tmp_path: Path,
) -> None:
    saved = tmp_path / "database.ini"
    save(saved, url=SERVER)
    env = {"JOBHUNT_DATABASE_URL": "postgresql+psycopg://env@host/db", "JOBHUNT_DB": "e.db"}
    flag = choose(tmp_path / "flag.sqlite3", None, env, saved)
    assert (flag.path, flag.source) == (tmp_path / "flag.sqlite3", Source.COMMAND_LINE)
    assert choose(None, "sqlite:///x", env, saved).url == "sqlite:///x"
    from_env = choose(None, None, env, saved)
    assert (from_env.url, from_env.source, from_env.explicit) == (
        env["JOBHUNT_DATABASE_URL"],
        Source.ENVIRONMENT,
        True,
    )
    assert (
        choose(None, None, {"JOBHUNT_DB": str(tmp_path / "e.db")}, saved).path == tmp_path / "e.db"
    )
    remembered = choose(None, None, {}, saved)
    assert (remembered.url, remembered.source, remembered.explicit) == (SERVER, Source.SAVED, False)
    nothing = choose(None, None, {}, tmp_path / "missing.ini")
    assert (nothing.path, nothing.source) == (default_database_path(), Source.DEFAULT)


def test_a_saved_file_and_going_back_to_the_default(tmp_path: Path) -> None:
    saved = tmp_path / "config" / "database.ini"
    save(saved, file=tmp_path / "jobs.sqlite3")
    found = read_saved(saved)
    assert found is not None and found.path == tmp_path / "jobs.sqlite3"
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    save(saved)  # forget
    assert read_saved(saved) is None
    assert sorted(p.name for p in saved.parent.iterdir()) == ["database.ini"]


def test_a_url_with_a_password_is_never_saved(tmp_path: Path) -> None:
    saved = tmp_path / "database.ini"
    save(saved, url=SERVER)
    with pytest.raises(UserError, match="passwords are not written"):
        save(saved, url="postgresql+psycopg://sam:hunter2@db.example/jobhunt")
    assert "hunter2" not in saved.read_text(encoding="utf-8")
    found = read_saved(saved)
    assert found is not None and found.url == SERVER


def test_a_broken_saved_choice_is_named_not_guessed(tmp_path: Path) -> None:
    saved = tmp_path / "database.ini"
    saved.write_text("url = no section header\n", encoding="utf-8")
    with pytest.raises(UserError, match="the saved choice of database"):
        choose(None, None, {}, saved)
