"""Which start-up tricks are on: all of them, unless a benchmark switches some off.

``JOBHUNT_STARTUP_TRICKS`` is a diagnostic option: a comma-separated list of tricks to
switch off, each written with a leading minus (``-quick,-gc,-preload``). ``-quick``
paints the board only once the services are in (the ORM path); ``-gc`` keeps the
garbage collector on throughout, and nothing frozen out of it once the window is
ready; ``-preload`` leaves Qt's libraries to load on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from jobhunt_desktop.domain.errors import UserError

ENV_TRICKS = "JOBHUNT_STARTUP_TRICKS"
NAMES = ("quick", "gc", "preload")


@dataclass(frozen=True)
class Tricks:
    quick: bool = True  # the board painted from a plain read (`quick_board`)
    gc: bool = True  # no cyclic garbage collection until ready (`gc_pause`)
    preload: bool = True  # Qt's libraries loaded on a helper thread (`qt_preload`)

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Tricks:
        """Every trick, less those ``JOBHUNT_STARTUP_TRICKS`` switches off."""
        off = set()
        for word in env.get(ENV_TRICKS, "").split(","):
            word = word.strip()
            if not word:
                continue
            if not word.startswith("-") or word[1:] not in NAMES:
                known = ", ".join(f"-{name}" for name in NAMES)
                raise UserError(f"{ENV_TRICKS}: {word!r} is not one of {known}")
            off.add(word[1:])
        return cls(**{name: name not in off for name in NAMES})
