"""Choosing the database every later start opens (the window, the commands, the
watcher): checked by opening it first, so that a typo or a server out of reach is
found now and not at the next start, then saved in the one config file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.persistence.database import open_database, sqlite_url
from jobhunt_desktop.persistence.database_choice import config_file, refuse_password, save
from jobhunt_desktop.persistence.server_passwords import keep_password_apart
from jobhunt_desktop.persistence.sqlite_file import default_database_path
from jobhunt_desktop.services.transfer import TargetHoldsCardsError

if TYPE_CHECKING:
    from jobhunt_desktop.services.container import Services


def use_database(target: str, config: Path | None = None) -> str:
    """Open `target` (a URL, or a file path: created if new), upgraded to this
    version's schema, and save it as the choice; returns how to name it to a person.
    A password in the URL is kept in the system's keyring once it has worked, and the
    URL is saved without it."""
    is_url = "://" in target
    url = target if is_url else sqlite_url(Path(target).expanduser())
    db = open_database(url)
    try:
        label = db.label
    finally:
        db.close()
    where = config if config is not None else config_file()
    if is_url:
        bare, kept = keep_password_apart(url)
        save(where, url=bare)
        if kept:
            label = f"{label} (its password is kept in the system's keyring)"
    else:
        save(where, file=Path(target).expanduser())
    return label


def use_default(config: Path | None = None) -> Path:
    """Forget the saved choice: every start opens the default file again."""
    save(config if config is not None else config_file())
    return default_database_path()


@dataclass(frozen=True, slots=True)
class Switched:
    """Where every later start goes, and how many cards were copied there (None: the
    database was taken as it is)."""

    label: str
    copied: int | None


def switch_to(services: Services, url: str, *, copy: bool, config: Path | None = None) -> Switched:
    """File > Use a shared database...: copy the board there first if asked (refused,
    with nothing changed, when it holds cards of its own), then save the choice."""
    refuse_password(url)
    copied = None
    if copy:
        try:
            copied = services.transfer.to(url).cards
        except TargetHoldsCardsError as error:
            raise UserError(
                f"'{error.label}' already holds cards (another computer's, perhaps): untick "
                "'Copy this board there' to use them as they are. Nothing was changed."
            ) from error
    return Switched(use_database(url, config), copied)
