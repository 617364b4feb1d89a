"""A database server's errors, sorted by SQLSTATE (PostgreSQL's codes, Appendix A of
its manual) into the storage error family: the class (the first two characters) says
what kind of trouble it is, a few single codes say more. Like SQLite's codes in
`storage_errors`, never the message text. Anything else is a bug and goes on.
"""

from __future__ import annotations

from jobhunt_desktop.domain.errors import (
    StorageAccessError,
    StorageBusyError,
    StorageDamagedError,
    StorageError,
    StorageFullError,
    StorageIOError,
    StoragePasswordError,
    StorageReadOnlyError,
    StorageUnreachableError,
)

NOTHING_CHANGED = "Nothing was changed"

CONNECTION = "08"  # connection exception
INVALID_AUTHORIZATION = "28"
INSUFFICIENT_RESOURCES = "53"
OPERATOR_INTERVENTION = "57"  # shutdown, crash recovery, a cancelled statement
SYSTEM_ERROR = "58"  # the server's own I/O
SERIALIZATION_FAILURE = "40001"
DEADLOCK = "40P01"
LOCK_NOT_AVAILABLE = "55P03"  # lock_timeout ran out
READ_ONLY_TRANSACTION = "25006"
DISK_FULL = "53100"
TOO_MANY_CONNECTIONS = "53300"
QUERY_CANCELED = "57014"  # statement_timeout, or cancelled by someone: a bug's share
DATA_CORRUPTED = ("XX001", "XX002")


def unreachable(label: str) -> StorageUnreachableError:
    return StorageUnreachableError(
        f"The database server at '{label}' could not be reached (it may be off, or this "
        f"computer offline). {NOTHING_CHANGED}; check the connection and try again.",
        label,
    )


def refused_at_connect(error: object, label: str) -> StorageError:
    """A connection that failed before any SQLSTATE: out of reach, or the server asked
    for a password that was not given or was wrong (libpq says which)."""
    pgconn = getattr(error, "pgconn", None)
    if getattr(pgconn, "needs_password", False):
        return PasswordNeededError(
            f"The database server at '{label}' asks for a password, and none was found "
            "(in the address, in ~/.pgpass, or in the system's keyring). Nothing was "
            "changed; put it in ~/.pgpass, or give it once with `use-database ADDRESS` "
            "(the address with the password) to keep it in the keyring.",
            label,
        )
    if getattr(pgconn, "used_password", False):  # it got as far as asking for one
        return StoragePasswordError(
            f"The database server at '{label}' refused the password. Nothing was "
            "changed; check it (in ~/.pgpass, or give it again with `use-database`).",
            label,
        )
    return unreachable(label)


class PasswordNeededError(StoragePasswordError):
    """The server wants a password that was not given: the keyring may have it."""


def from_sqlstate(sqlstate: str, label: str) -> StorageError | None:
    """The storage error a server's SQLSTATE means, or None for a bug."""
    kind = sqlstate[:2]
    if kind == CONNECTION or (kind == OPERATOR_INTERVENTION and sqlstate != QUERY_CANCELED):
        return unreachable(label)
    if sqlstate in (SERIALIZATION_FAILURE, DEADLOCK, LOCK_NOT_AVAILABLE):
        return StorageBusyError(
            f"'{label}' is busy with a change from another window, computer or command, "
            f"which did not finish in time. {NOTHING_CHANGED}; try again in a moment.",
            label,
        )
    if kind == INVALID_AUTHORIZATION:
        return StorageAccessError(
            f"The database server at '{label}' did not let this login in ({sqlstate}). "
            f"{NOTHING_CHANGED}; check the user name and password, and that the server "
            "allows this computer.",
            label,
        )
    if sqlstate == READ_ONLY_TRANSACTION:
        return StorageReadOnlyError(
            f"The database server at '{label}' only allows reading (it may be a standby "
            f"copy, or set read-only). {NOTHING_CHANGED}; ask whoever runs it, or "
            "connect to the server that takes changes.",
            label,
        )
    if sqlstate == DISK_FULL:
        return StorageFullError(
            f"The database server at '{label}' has no room left on its disk. "
            f"{NOTHING_CHANGED}; free some space there and try again.",
            label,
        )
    if kind == INSUFFICIENT_RESOURCES:
        what = (
            "has as many connections as it allows"
            if sqlstate == TOO_MANY_CONNECTIONS
            else "ran short of memory or another resource"
        )
        return StorageBusyError(
            f"The database server at '{label}' {what}. {NOTHING_CHANGED}; try again in a moment.",
            label,
        )
    if sqlstate in DATA_CORRUPTED:
        return StorageDamagedError(
            f"The database server at '{label}' reports damaged data ({sqlstate}). "
            f"{NOTHING_CHANGED}; whoever runs the server should restore it from a backup.",
            label,
        )
    if kind == SYSTEM_ERROR:
        return StorageIOError(
            f"The database server at '{label}' could not read or write its files "
            f"({sqlstate}). {NOTHING_CHANGED}; try again, and tell whoever runs it.",
            label,
        )
    return None
