"""Errors the user can act on; their message is shown as it is."""


class UserError(Exception):
    """Bad input or a request that cannot be met; nothing has been written."""


class NotFoundError(UserError):
    """An id or a name that does not exist."""


class InvalidDateError(UserError):
    """A date or time that does not exist, is ambiguous, or cannot be read."""
