"""Python's cycle collector held off during one large read.

Insights builds some 100,000 small rows and tuples at once, none of them in a cycle.
Each time allocations pass the collector's threshold it walks what was allocated, and
now and then the whole heap: at 10,000 cards that was a third of the time of `stats`.
It is held off for that one computation only and takes up again afterwards, unless it
was off already (as `startup.gc_pause` keeps it while the window starts); cycles made
meanwhile are collected then."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_held_off() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
