"""What the address of a database server says about its safety: a connection to
another computer without `sslmode=require` (or verify-ca, verify-full) may carry the
password and the cards across the network unencrypted, since libpq's default
(`prefer`) falls back to plain text without a word; and the address as it may be
shown or kept, without its password. Pure, so it is tested alone."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit, urlunsplit

ENCRYPTED_MODES = ("require", "verify-ca", "verify-full")


def unencrypted_warning(url: str) -> str | None:
    """The warning to give for `url`, or None when it stays on this computer or asks
    for encryption."""
    parts = urlsplit(url)
    query = {k.lower(): v[-1] for k, v in parse_qs(parts.query).items() if v}
    hosts = [h.strip() for h in (query.get("host") or parts.hostname or "").split(",")]
    hosts = [h for h in hosts if h]
    if not hosts or all(_local(h) for h in hosts):
        return None
    if query.get("sslmode", "").lower() in ENCRYPTED_MODES:
        return None
    where = ", ".join(h for h in hosts if not _local(h))
    return (
        f"The connection to {where} may not be encrypted: without sslmode=require in the "
        "address, your password and cards can cross the network as plain text. Add "
        "?sslmode=require (or verify-full, to check the server's certificate too) to it."
    )


def _local(host: str) -> bool:
    lowered = host.lower().strip("[]")
    return (
        lowered.startswith("/")  # a Unix socket's folder
        or lowered in ("localhost", "::1")
        or lowered.startswith("127.")
    )


def without_password(url: str, shown_as: str | None = None) -> str:
    """The address with its password left out (None), or shown as `shown_as` ("***",
    for a window title): to keep (the password is in ~/.pgpass or the keyring) or
    to show."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    user = parts.username or ""
    login = user if shown_as is None else f"{user}:{shown_as}"
    host = parts.netloc.rsplit("@", 1)[-1]
    return urlunsplit(parts._replace(netloc=f"{login}@{host}" if login else host))
