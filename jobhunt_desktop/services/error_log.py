"""Where problems are written down: one line on stderr, the whole story in a log file.

A person sees a short message; a bug report needs the traceback. So the terminal
gets one line per record (never a traceback), and a small rotating log in the
user's state folder gets everything from warnings up: three files of 1 MB at most,
private like every file the app writes.
"""

from __future__ import annotations

import io
import logging
import sys
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

# The window's start sets up the terminal log: what the file log needs is imported when
# it is first used.
if TYPE_CHECKING:
    from logging.handlers import RotatingFileHandler

LOG_FILE_NAME = "jobhunt-desktop.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 2  # with the current file: three files
ENV_LEVEL = "JOBHUNT_LOG"
# Records of unexpected errors go only to the file: the face says it in its own words.
CRASH_LOGGER = "jobhunt_desktop.crash"
TERMINAL_HANDLER = "jobhunt-terminal"
FILE_HANDLER = "jobhunt-file"
_SETTING_UP = threading.Lock()  # the file log is set up once, from whichever thread


def log_path() -> Path:
    """The log file: on Linux ~/.local/state/jobhunt-desktop/log/jobhunt-desktop.log."""
    import platformdirs

    from jobhunt_desktop.persistence.sqlite_file import APP_NAME

    return platformdirs.user_log_path(APP_NAME, appauthor=False) / LOG_FILE_NAME


class OneLineFormatter(logging.Formatter):
    """The message alone: tracebacks and stacks stay out of the terminal."""

    def format(self, record: logging.LogRecord) -> str:
        saved = record.exc_info, record.exc_text, record.stack_info
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        try:
            return super().format(record).replace("\n", " ")
        finally:
            record.exc_info, record.exc_text, record.stack_info = saved


class _CurrentStderr(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever sys.stderr is when a record comes, not when it was made."""

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, _value: object) -> None:
        pass


def configure_terminal(environ: Mapping[str, str]) -> None:
    """One line per record on stderr, at the level $JOBHUNT_LOG names (default WARNING)."""
    wanted = environ.get(ENV_LEVEL, "WARNING").strip().upper()
    level = logging.getLevelName(wanted)
    handler = _CurrentStderr()
    handler.setFormatter(OneLineFormatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    _replace_handler(root, TERMINAL_HANDLER, handler)
    root.setLevel(level if isinstance(level, int) else logging.WARNING)
    logging.getLogger(CRASH_LOGGER).propagate = False


def install_file_log(path: Path | None = None) -> Path:
    """Add the rotating log file (created on the first record); returns its path."""
    path = path or log_path()
    handler = _private_rotating_handler(path)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(
        logging.Formatter("%(asctime)s pid %(process)d %(levelname)s %(name)s: %(message)s")
    )
    _replace_handler(logging.getLogger(), FILE_HANDLER, handler)
    crash = logging.getLogger(CRASH_LOGGER)
    _replace_handler(crash, FILE_HANDLER, handler)
    crash.propagate = False
    return path


def _replace_handler(logger: logging.Logger, name: str, handler: logging.Handler) -> None:
    """Set up twice in one process (tests call `main` often), still one handler each."""
    _remove_handlers(logger, name)
    handler.set_name(name)
    logger.addHandler(handler)


def _remove_handlers(logger: logging.Logger, name: str) -> None:
    for handler in [h for h in logger.handlers if h.get_name() == name]:
        logger.removeHandler(handler)
        handler.close()


def ensure_file_log() -> Path:
    """The log file in use, set up first if it is not yet (two threads at once: once)."""
    with _SETTING_UP:
        for handler in logging.getLogger().handlers:
            if handler.get_name() == FILE_HANDLER and isinstance(handler, logging.FileHandler):
                return Path(handler.baseFilename)
        return install_file_log()


def close_file_log() -> None:
    """Stop writing to the log file (the next problem sets it up again)."""
    for logger in (logging.getLogger(), logging.getLogger(CRASH_LOGGER)):
        _remove_handlers(logger, FILE_HANDLER)


def log_unexpected(message: str, error: BaseException) -> None:
    """Write an unexpected error with its traceback to the log file only."""
    logging.getLogger(CRASH_LOGGER).error(
        message, exc_info=(type(error), error, error.__traceback__)
    )


def _private_rotating_handler(path: Path) -> RotatingFileHandler:
    from logging.handlers import RotatingFileHandler

    from jobhunt_desktop.persistence.private_files import open_private_for_append

    class PrivateRotatingFileHandler(RotatingFileHandler):
        """Opens its files 0600 in a 0700 folder; a log that cannot be written is
        skipped quietly rather than printing a traceback of its own."""

        def _open(self) -> io.TextIOWrapper:
            fd = open_private_for_append(Path(self.baseFilename))
            encoding = self.encoding or "utf-8"
            return open(fd, "a", encoding=encoding, errors="backslashreplace")

        def handleError(self, record: logging.LogRecord) -> None:
            pass

    return PrivateRotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True
    )
