"""Errors the user can act on; their message is shown as it is.

The storage family lives here, beside the others, so that the faces (which never
import the storage layer) can tell a busy database, which is worth a Retry, from a
full disk or a damaged file. The storage layer raises them from the driver's error
codes; nothing here knows a driver.
"""


class UserError(Exception):
    """Bad input or a request that cannot be met; nothing has been written."""


class NotFoundError(UserError):
    """An id or a name that does not exist."""


class GoneError(NotFoundError):
    """Every card (or follow-up) an action was for had been deleted meanwhile."""

    def __init__(self, message: str, count: int) -> None:
        super().__init__(message)
        self.count = count


class ChangedElsewhereError(UserError):
    """What an undo would put back was changed since by another window or program."""


class InvalidDateError(UserError):
    """A date or time that does not exist, is ambiguous, or cannot be read."""


class StorageError(UserError):
    """The environment stopped a read or a write: the transaction was rolled back whole.

    `location` names the database (a file path, or a server URL without password).
    """

    retry_may_help = False

    def __init__(self, message: str, location: str) -> None:
        super().__init__(message)
        self.location = location


class StorageBusyError(StorageError):
    """Another connection held the lock for longer than this one was willing to wait."""

    retry_may_help = True


class StorageFullError(StorageError):
    """The disk (or a size limit of the database) has no room for the change."""


class StorageReadOnlyError(StorageError):
    """The file, or the folder it lives in, cannot be written by this user."""


class StorageIOError(StorageError):
    """The operating system failed to read or write the file (a removed drive, a bad disk)."""

    retry_may_help = True


class StorageDamagedError(StorageError):
    """The file is not a sound database any more."""


class StorageUnreachableError(StorageError):
    """The database server could not be reached, or it dropped the connection."""

    retry_may_help = True


class StorageAccessError(StorageError):
    """The database server would not let this login in (a password missing or wrong)."""


class StoragePasswordError(StorageAccessError):
    """The server wants a password: none was found, or the one given was refused. The
    window asks for it; the command line says where to keep it."""


class StorageOutcomeUnknownError(StorageError):
    """The connection broke while a commit was on its way: the change may or may not
    have been saved, so it must be looked at, never sent again blindly."""
