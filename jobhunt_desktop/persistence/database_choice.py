"""Which database to open, and the one file that remembers it.

The window, every command, the reminder watcher and the entry that starts it at login
all choose the same way: a database named on the command line (`--database-url`, then
`--db`), then in the environment (JOBHUNT_DATABASE_URL, then JOBHUNT_DB), then the
choice saved in `database.ini` in the user's config folder (File > Use a shared
database..., or `use-database`), then the default file. Standard library only, so the
window's start can choose before SQLAlchemy loads.

A password is never written to that file: a URL that carries one is refused, and the
password belongs in libpq's ~/.pgpass or the system's keyring.
"""

from __future__ import annotations

import configparser
import io
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from urllib.parse import urlsplit

from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.persistence.private_files import write_private_bytes
from jobhunt_desktop.persistence.sqlite_file import APP_NAME, ENV_DB, default_database_path

CONFIG_FILE_NAME = "database.ini"
ENV_URL = "JOBHUNT_DATABASE_URL"
_SECTION = "database"


class Source(Enum):
    COMMAND_LINE = "the command line"
    ENVIRONMENT = "the environment"
    SAVED = "the saved choice"
    DEFAULT = "the default"


@dataclass(frozen=True, slots=True)
class Choice:
    """A SQLite file (`path`) or a server (`url`), and where the choice came from."""

    path: Path | None
    url: str | None
    source: Source

    @property
    def explicit(self) -> bool:
        """Named for this run only, so a watcher started at login must be told it too."""
        return self.source in (Source.COMMAND_LINE, Source.ENVIRONMENT)


def config_file() -> Path:
    import platformdirs  # only when asked: start-up imports stay few

    return platformdirs.user_config_path(APP_NAME, appauthor=False) / CONFIG_FILE_NAME


def choose(
    db_path: str | Path | None,
    database_url: str | None,
    environ: Mapping[str, str],
    saved: Path | None = None,
) -> Choice:
    """The database this run opens (see the module's docstring for the order). `saved`
    is the config file to read (None: the user's own)."""
    if database_url:
        return Choice(None, database_url, Source.COMMAND_LINE)
    if db_path is not None and str(db_path) != "":
        return Choice(_absolute(db_path), None, Source.COMMAND_LINE)
    if environ.get(ENV_URL):
        return Choice(None, environ[ENV_URL], Source.ENVIRONMENT)
    if environ.get(ENV_DB):
        return Choice(_absolute(environ[ENV_DB]), None, Source.ENVIRONMENT)
    remembered = read_saved(saved if saved is not None else config_file())
    if remembered is not None:
        return remembered
    return Choice(_absolute(default_database_path()), None, Source.DEFAULT)


def chosen_path(
    db_path: str | Path | None, database_url: str | None, environ: Mapping[str, str]
) -> Path | None:
    """The SQLite file this run opens; None when it opens a server."""
    return choose(db_path, database_url, environ).path


def read_saved(path: Path) -> Choice | None:
    """The saved choice, or None when nothing is saved; a broken file is a UserError
    that names it (the app does not guess which database was meant)."""
    parser = configparser.ConfigParser(interpolation=None)
    try:
        with path.open(encoding="utf-8") as handle:
            parser.read_file(handle)
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, configparser.Error) as exc:
        raise UserError(
            f"'{path}' (the saved choice of database) could not be read ({exc}); fix or "
            "remove it, or name the database with --db or --database-url"
        ) from exc
    url = parser.get(_SECTION, "url", fallback="").strip()
    file = parser.get(_SECTION, "file", fallback="").strip()
    if url:
        return Choice(None, url, Source.SAVED)
    if file:
        return Choice(_absolute(file), None, Source.SAVED)
    return None


def save(path: Path, *, url: str | None = None, file: Path | None = None) -> None:
    """Remember a server's URL or a file for every later start (neither: forget, back to
    the default file). Written whole and private beside the old one, then renamed."""
    if url is not None:
        refuse_password(url)
    parser = configparser.ConfigParser(interpolation=None)
    parser[_SECTION] = {}
    if url is not None:
        parser[_SECTION]["url"] = url
    elif file is not None:
        parser[_SECTION]["file"] = str(_absolute(file))
    text = io.StringIO()
    text.write("# The database jobhunt-desktop opens (written by the app).\n")
    parser.write(text)
    write_private_bytes(path, text.getvalue().encode("utf-8"))


def refuse_password(url: str) -> None:
    if urlsplit(url).password is not None:
        raise UserError(
            "the URL holds a password, and passwords are not written to the app's files: "
            "leave it out of the URL and put it in ~/.pgpass (or the system's keyring)"
        )


def _absolute(path: str | Path) -> Path:
    return Path(path).expanduser().absolute()
