"""The head start on Qt's libraries: the right files, the right plugin, no harm done."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from jobhunt_desktop.startup import qt_preload


@pytest.mark.parametrize(
    ("env", "plugin"),
    [
        ({"QT_QPA_PLATFORM": "offscreen"}, "offscreen"),
        ({"QT_QPA_PLATFORM": "xcb:nograb;wayland", "DISPLAY": ":0"}, "xcb"),
        ({"DISPLAY": ":0"}, "xcb"),
        ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, None),  # Qt chooses
        ({"DISPLAY": ":0", "XDG_SESSION_TYPE": "wayland"}, None),
        ({}, None),
    ],
)
def test_the_plugin_is_the_one_qt_will_load(env: dict[str, str], plugin: str | None) -> None:
    assert qt_preload.platform_plugin(env) == plugin


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the preload is Linux-only")
def test_it_finds_the_wheel_libraries_and_the_plugin() -> None:
    names = [path.name for path in qt_preload.library_paths("offscreen")]
    assert names[:4] == [f"libQt6{n}.so.6" for n in ("Core", "DBus", "Gui", "Widgets")]
    assert any(name.startswith("libpyside6.abi3.so.") for name in names)
    assert {"QtCore.abi3.so", "QtGui.abi3.so", "QtWidgets.abi3.so"} <= set(names)
    assert names[-1] == "libqoffscreen.so"
    assert "libqnosuchplatform.so" not in [
        path.name for path in qt_preload.library_paths("nosuchplatform")
    ]


def test_nothing_starts_where_it_cannot_help(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    assert qt_preload.start({}) is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the preload is Linux-only")
def test_qt_is_loaded_before_pyside_is_imported_and_still_works() -> None:
    """In a fresh process: after the helper, Qt is mapped though PySide6 is not yet
    imported, and a window then builds and paints as usual."""
    code = textwrap.dedent(
        """
        import os, sys
        from jobhunt_desktop.startup import qt_preload
        thread = qt_preload.start({"QT_QPA_PLATFORM": "offscreen"})
        thread.join(30)
        maps = open("/proc/self/maps").read()
        assert "PySide6" not in sys.modules
        for name in ("libQt6Widgets.so.6", "QtWidgets.abi3.so", "libqoffscreen.so"):
            assert name in maps, name
        from PySide6.QtWidgets import QApplication, QLabel
        app = QApplication([])
        label = QLabel("preloaded")
        label.show()
        app.processEvents()
        assert label.grab().width() > 0
        print("OK")
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "OK"
