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
    return _imports_in(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))


def _imports_in(tree: ast.AST) -> set[str]:
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


def runtime_imports(path: Path) -> set[str]:
    """The modules imported when the file runs: not those under `if TYPE_CHECKING:`."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            node.body = []
    return _imports_in(tree)


ORM_SHAPES = ("jobhunt_desktop.persistence.models", "jobhunt_desktop.persistence.mapping")


def test_services_speak_the_domain_and_never_hold_orm_rows() -> None:
    """Repositories take and return domain values: a service that imports the ORM
    models, the row mapping or SQLAlchemy itself (beyond naming the session type it
    hands on) is doing the repositories' work."""
    bad = []
    for path in _files("services"):
        for module in runtime_imports(path):
            if module in ORM_SHAPES or _top(module) == "sqlalchemy":
                bad.append(f"{path.name}: {module}")
    assert bad == []


def test_the_domain_speaking_check_sees_through_type_checking_only(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from typing import TYPE_CHECKING\n"
        "from jobhunt_desktop.persistence.models import EventRow\n"
        "if TYPE_CHECKING:\n    from sqlalchemy.orm import Session\n"
    )
    assert runtime_imports(sample) == {"typing", "jobhunt_desktop.persistence.models"}


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


_WRITE_RESULTS = ("Outcome", "Changes", "LogResult", "AddResult")


def _service_writes() -> dict[str, set[str]]:
    """Per attribute of `Services`, the methods that write (they return what changed)."""
    container = ast.parse((PACKAGE / "services" / "container.py").read_text(encoding="utf-8"))
    classes = {
        node.target.id: ast.unparse(node.annotation)
        for node in ast.walk(container)
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
    }
    methods: dict[str, set[str]] = {}
    for path in _files("services"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                methods[node.name] = {
                    f.name
                    for f in node.body
                    if isinstance(f, ast.FunctionDef)
                    and f.returns is not None
                    and any(word in ast.unparse(f.returns) for word in _WRITE_RESULTS)
                }
    return {attr: methods.get(cls, set()) for attr, cls in classes.items()}


def _write_roads(path: Path, writes: dict[str, set[str]]) -> list[str]:
    """Service writes in `path` made other than through the services an operation is
    handed: `ops.run(lambda s: s.applications.move(...))` or a method taking `s`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    handed: set[int] = set()  # ids of Name nodes bound to handed-over services
    for node in ast.walk(tree):
        params: list[str] = []
        if isinstance(node, ast.Lambda):
            params = [a.arg for a in node.args.args]
        elif isinstance(node, ast.FunctionDef):
            params = [a.arg for a in node.args.args if a.arg == "s"]
        for inner in ast.walk(node):
            if isinstance(inner, ast.Name) and inner.id in params:
                handed.add(id(inner))
    bad = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        service = node.func.value
        if not isinstance(service, ast.Attribute) or node.func.attr not in writes.get(
            service.attr, set()
        ):
            continue
        if not (isinstance(service.value, ast.Name) and id(service.value) in handed):
            bad.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {ast.unparse(node.func)}")
    return bad


def test_the_window_writes_only_through_its_operations() -> None:
    writes = _service_writes()
    assert {"move", "set_archived_many", "delete_many"} <= writes["applications"]
    assert {"snooze_many", "dismiss_many"} <= writes["followups"]
    bad = [road for path in _files("ui") for road in _write_roads(path, writes)]
    assert bad == [], "service writes outside Operations.run/perform:\n" + "\n".join(bad)


def test_the_road_check_catches_a_dialog_that_writes_on_its_own(tmp_path: Path) -> None:
    sample = tmp_path / "rogue.py"
    sample.write_text(
        "def save(self):\n"
        "    self.services.applications.move([1], 2)\n"
        "    self.ops.run(lambda s: s.applications.move([1], 2))\n",
        encoding="utf-8",
    )
    global PACKAGE
    saved, PACKAGE = PACKAGE, tmp_path
    try:
        found = _write_roads(sample, {"applications": {"move"}})
    finally:
        PACKAGE = saved
    assert found == ["rogue.py:2: self.services.applications.move"]


UI_MODULE_LINES = 400


def test_every_window_module_can_be_read_at_once() -> None:
    """The window is composed of parts; none grows past a screenful or two."""
    long = {
        str(path.relative_to(PACKAGE)): count
        for path in _files("ui")
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > UI_MODULE_LINES
    }
    assert long == {}
