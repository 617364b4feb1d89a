"""No cyclic garbage collection while the window starts.

A start creates tens of thousands of objects that live as long as the process (modules,
classes, Qt's enums, and most of all the ORM's and the services' as they load after
the first paint) and hardly any garbage; each automatic collection on the way scans
the young ones again and finds nothing to free. So the collector is off from the start
of the window until its board has painted and its services are in.

Once the window is ready, what exists then (some 95,000 objects at 300 cards, all but
a few dozen of them live) will live as long as the process: `freeze` takes it out of
every later collection, which otherwise walks all of it again each time (some 45 ms
on the window's thread, now and then after a move or a refresh).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_paused: list[bool] = []  # one entry while this module holds the collector off


def pause() -> None:
    """Hold automatic collection (if it is on) until `resume`."""
    if not _paused and gc.isenabled():
        gc.disable()
        _paused.append(True)


def resume() -> None:
    """Collect again, if `pause` held the collector; safe to call twice."""
    if _paused:
        _paused.clear()
        gc.enable()


@contextmanager
def paused(on: bool = True) -> Iterator[None]:
    """Paused within the block (resumed at its end at the latest), when `on`."""
    if on:
        pause()
    try:
        yield
    finally:
        resume()


def freeze() -> None:
    """Leave what exists now out of every later collection (see the module docstring)."""
    gc.freeze()
