"""Where a server's password comes from, never the app's own files: the URL given,
libpq's ~/.pgpass (which the driver reads by itself), or the system's keyring (the
`postgres` extra installs keyring). The keyring is asked only when the server wants
a password that neither of the others gave, so a start that needs none never waits
on it."""

from __future__ import annotations

import logging

from sqlalchemy.engine import URL

log = logging.getLogger(__name__)

SERVICE = "jobhunt-desktop"


def account(url: URL) -> str:
    """The keyring's name for the login: user@host:port/database."""
    host = url.host or url.query.get("host") or "localhost"
    if isinstance(host, tuple):
        host = ",".join(host)
    return f"{url.username or ''}@{host}:{url.port or 5432}/{url.database or ''}"


def from_keyring(url: URL) -> str | None:
    """The password kept for this login, or None (none kept, or no keyring here)."""
    try:
        import keyring
    except ImportError:
        return None
    try:
        return keyring.get_password(SERVICE, account(url))
    except Exception as error:  # no service, locked, a D-Bus failure: as if none kept
        log.info("the keyring could not be asked for a password: %s", error)
        return None


def keep_in_keyring(url: URL, password: str) -> bool:
    """Keep the password for this login; False when there is no keyring to keep it in."""
    try:
        import keyring
    except ImportError:
        return False
    try:
        keyring.set_password(SERVICE, account(url), password)
    except Exception as error:
        log.info("the keyring could not keep the password: %s", error)
        return False
    return True


def keep_password_apart(url_text: str) -> tuple[str, bool]:
    """The URL without its password, which is kept in the keyring; and whether there
    was one. UserError if there is one and no keyring to keep it in (it is never
    written to the app's files)."""
    from sqlalchemy.engine import make_url

    from jobhunt_desktop.domain.errors import UserError

    parsed = make_url(url_text)
    if parsed.password is None:
        return url_text, False
    if not keep_in_keyring(parsed, str(parsed.password)):
        raise UserError(
            "the URL holds a password, and this computer has no keyring to keep it in "
            "(passwords are not written to the app's files): put it in ~/.pgpass and "
            "leave it out of the URL"
        )
    return parsed._replace(password=None).render_as_string(hide_password=False), True
