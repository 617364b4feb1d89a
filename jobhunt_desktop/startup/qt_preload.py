"""Load Qt's native libraries on a helper thread while the window's Python starts.

Much of opening the window is Python holding the GIL: this package's imports, and
PySide's own start (shiboken compiles its support modules). Meanwhile the dynamic
loader can map and relocate Qt's libraries, PySide's extension modules and the
platform plugin, and fontconfig can read its configuration and font cache; otherwise
all of that happens on the GUI thread, when PySide's modules are imported, when the
QApplication is made and at the first layout. ``dlopen`` and ``FcInit`` called
through ctypes run without the GIL, so with a second core the two overlap; when
Python and Qt load the same files later, the loader only finds them again (Python
still runs each module's init). The board reader's native module (sqlite3) is
imported before this starts, while the loader's lock is still free.

It is a head start and nothing more: it runs only on Linux with the Qt that PySide6
wheels ship (under ``PySide6/Qt/lib``), with a second core, loads nothing PySide would
not load itself, and any surprise ends it quietly. This module does not import
PySide6. A second core busy with other work takes the head start away, which is why
benchmarks/startup_benchmark.py wants a quiet machine.
"""

from __future__ import annotations

import ctypes
import importlib.util
import logging
import os
import sys
import threading
from collections.abc import Mapping
from pathlib import Path

log = logging.getLogger(__name__)

# One at a time, in dependency order: the loader's lock is held for each, and the
# main thread may want it meanwhile for a native module of its own.
QT_LIBRARIES = tuple(f"Qt/lib/libQt6{name}.so.6" for name in ("Core", "DBus", "Gui", "Widgets"))
PYSIDE_LIBRARY = "libpyside6.abi3.so.*"  # pulls in libshiboken6
# PySide's own extension modules: loading maps and relocates them; Python still runs
# their initialisation itself, when it imports them.
PYSIDE_MODULES = ("QtCore.abi3.so", "QtGui.abi3.so", "QtWidgets.abi3.so")
FONTCONFIG = "libfontconfig.so.1"


def start(env: Mapping[str, str] = os.environ) -> threading.Thread | None:
    """Start the head start (a daemon thread) where it can help; None where not."""
    if not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2:
        return None
    plugin = platform_plugin(env)
    thread = threading.Thread(target=_load, args=(plugin,), name="qt-preload", daemon=True)
    thread.start()
    return thread


def platform_plugin(env: Mapping[str, str]) -> str | None:
    """The platform plugin Qt will load, where that is plain: the one QT_QPA_PLATFORM
    names, or xcb on an X11 display. On Wayland sessions Qt decides for itself."""
    named = env.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if named:
        return named
    if env.get("WAYLAND_DISPLAY") or env.get("XDG_SESSION_TYPE") == "wayland":
        return None
    return "xcb" if env.get("DISPLAY") else None


def library_paths(plugin: str | None = None) -> list[Path]:
    """Qt's and PySide's shared libraries in the installed PySide6 wheel, if any, and
    the platform `plugin`'s."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return []
    package = Path(next(iter(spec.submodule_search_locations)))
    paths = [package / name for name in QT_LIBRARIES]
    paths += sorted(package.glob(PYSIDE_LIBRARY))
    paths += [package / name for name in PYSIDE_MODULES]
    if plugin is not None and plugin.isidentifier():
        paths.append(package / "Qt" / "plugins" / "platforms" / f"libq{plugin}.so")
    return [path for path in paths if path.is_file()]


def _load(plugin: str | None) -> None:
    try:
        libc = ctypes.CDLL(None)
        dlopen = libc.dlopen
        dlopen.argtypes = [ctypes.c_char_p, ctypes.c_int]
        dlopen.restype = ctypes.c_void_p
        for path in library_paths(plugin):
            # Never closed: PySide and Qt are about to use them for the whole run.
            if not dlopen(os.fsencode(path), os.RTLD_NOW):
                log.debug("could not preload %s", path)
                return
        ctypes.CDLL(FONTCONFIG).FcInit()
    except Exception as exc:  # a head start must never cost the start itself
        log.debug("Qt preload stopped: %s", exc)
