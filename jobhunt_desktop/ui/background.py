"""Work the window hands to a thread of its own: a server that is slow to answer, or
out of reach until the connect timeout, must never hold the window. Calls run one at a
time, in the order given, and each outcome comes back on the window's thread.

The window's runners (connecting, switching the database, importing, watching for
changes, saving a move on a server) all go through here, so each says only what it
does and what it makes of the outcome.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Signal

from jobhunt_desktop.domain.errors import UserError

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Finished(Generic[T]):
    """What a call came to: its value, or the error that stopped it (a UserError
    the person can be told, or a bug, already logged)."""

    value: T | None = None
    error: BaseException | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def attempt(work: Callable[[], T], what: str) -> Finished[T]:
    """Run `work`, keeping its error; a bug (not a UserError) is logged as `what`."""
    try:
        return Finished(work())
    except UserError as error:
        return Finished(error=error)
    except Exception as error:
        log.exception("%s failed", what)
        return Finished(error=error)


class Background(QObject):
    """A thread that runs calls one at a time, and the way back from it."""

    _finished = Signal(object, object)  # the callback, the Finished

    def __init__(self, parent: QObject, name: str) -> None:
        super().__init__(parent)
        self.name = name
        self.pending = 0  # calls given and not yet answered
        self._calls: queue.SimpleQueue[tuple[Callable[[], Any], Callable[[Any], None]]]
        self._calls = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._finished.connect(self._deliver)

    @property
    def busy(self) -> bool:
        return self.pending > 0

    def submit(self, work: Callable[[], T], then: Callable[[Finished[T]], None]) -> None:
        """Run `work` after the calls before it; `then` gets what it came to, on the
        thread that owns this object (the window's)."""
        self.pending += 1
        if self._thread is None:  # started at the first call: most runners never need one
            self._thread = threading.Thread(target=self._serve, name=self.name, daemon=True)
            self._thread.start()
        self._calls.put((work, then))

    def _serve(self) -> None:
        while True:
            work, then = self._calls.get()
            finished = attempt(work, self.name)
            with contextlib.suppress(RuntimeError):  # the window closed meanwhile
                self._finished.emit(then, finished)

    def _deliver(self, then: Callable[[Finished[Any]], None], finished: Finished[Any]) -> None:
        self.pending -= 1
        then(finished)


def answer_until(settled: Callable[[], bool], limit_s: float) -> bool:
    """Let the calls on their way land, answering them as they do, until `settled`
    holds (False if it still does not after `limit_s`)."""
    deadline = time.monotonic() + limit_s
    while not settled() and time.monotonic() < deadline:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.005)  # the answer comes from the thread: no busy wait for it
    return settled()


__all__ = ["Background", "Finished", "answer_until", "attempt"]
