"""The suite is strict: a warning, a Qt warning or an undeclared marker fails a test.

Checked by running pytest with this project's own settings on small test files.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SAMPLES = {
    "test_warning.py": (
        "import warnings\n\n"
        "def test_a_python_warning():\n"
        "    warnings.warn('left for later', UserWarning)\n"
    ),
    "test_qt_warning.py": (
        "from PySide6.QtCore import qWarning\n\n"
        "def test_a_qt_warning(qtbot):\n"
        "    qWarning('a widget was misused')\n"
    ),
    "test_marker.py": (
        "import pytest\n\n@pytest.mark.slowish\ndef test_an_undeclared_marker():\n    pass\n"
    ),
    "test_fine.py": "def test_nothing_wrong():\n    pass\n",
}


def run_pytest(folder: Path, *files: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-c",
            str(ROOT / "pyproject.toml"),
            "--rootdir",
            str(folder),
            "-p",
            "no:cacheprovider",
            "-n0",  # one process: the lines below are the plain report's
            "-q",
            *(str(folder / name) for name in files),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
        check=False,
    )


def test_warnings_qt_warnings_and_unknown_markers_fail(tmp_path: Path) -> None:
    for name, text in SAMPLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = run_pytest(tmp_path, "test_warning.py", "test_qt_warning.py", "test_fine.py")
    out = result.stdout
    assert result.returncode == 1, out
    assert "FAILED" in out and "test_a_python_warning" in out, out
    assert "test_a_qt_warning" in out and "a widget was misused" in out, out
    assert "2 failed, 1 passed" in out, out
    marked = run_pytest(tmp_path, "test_marker.py")
    assert marked.returncode != 0
    assert "slowish" in marked.stdout and "1 error" in marked.stdout, marked.stdout
