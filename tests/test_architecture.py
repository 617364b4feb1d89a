"""Dependencies point inward; these tests fail the build when a layer reaches out."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "jobhunt_desktop"
QT_MODULES = ("PySide6", "shiboken6", "PyQt5", "PyQt6")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def _top(module: str) -> str:
    return module.split(".")[0]


def _files(sub: str = "") -> list[Path]:
    return sorted((PACKAGE / sub).rglob("*.py"))


def test_domain_imports_neither_qt_nor_sqlalchemy_nor_outer_layers() -> None:
    outer = ("persistence", "services", "notify", "ui", "cli", "app")
    bad = []
    for path in _files("domain"):
        for module in imported_modules(path):
            parts = module.split(".")
            third_party = _top(module) in (*QT_MODULES, "sqlalchemy", "alembic", "plyer")
            inner = parts[0] == "jobhunt_desktop" and len(parts) > 1 and parts[1] in outer
            if third_party or inner:
                bad.append(f"{path.name}: {module}")
    assert bad == []


def test_only_ui_and_app_import_qt() -> None:
    bad = []
    for path in _files():
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] == "ui" or relative == Path("app.py"):
            continue
        bad += [f"{relative}: {m}" for m in imported_modules(path) if _top(m) in QT_MODULES]
    assert bad == []


def test_the_checker_itself_catches_a_violation(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from PySide6.QtCore import QObject\nimport sqlalchemy.orm\n")
    assert {_top(m) for m in imported_modules(sample)} == {"PySide6", "sqlalchemy"}


def test_import_linter_contracts_hold() -> None:
    """The layer contracts in pyproject.toml, checked on the real import graph."""
    linter = shutil.which("lint-imports")
    if linter is None:
        pytest.fail("lint-imports is missing: install the test extra")
    result = subprocess.run(
        [linter, "--no-cache"], cwd=PACKAGE.parent, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_domain_loads_without_qt_or_sqlalchemy() -> None:
    code = (
        "import sys, jobhunt_desktop.domain.rules, jobhunt_desktop.domain.planner;"
        "bad = [m for m in ('PySide6', 'sqlalchemy') if m in sys.modules];"
        "sys.exit(repr(bad) if bad else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
