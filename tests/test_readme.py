"""The README tells the truth about the files it names: each is where it says, as it says."""

from __future__ import annotations

import re
import sqlite3
import tomllib
from contextlib import closing
from pathlib import Path

import pytest

from jobhunt_desktop.persistence import sqlite_copies
from jobhunt_desktop.persistence.sqlite_file import default_database_path
from jobhunt_desktop.services import autostart, error_log

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def named(pattern: str) -> str:
    """The one file name or path in the README that matches `pattern`."""
    found = set(re.findall(pattern, README))
    assert len(found) == 1, f"{pattern!r} names {sorted(found)} in the README"
    return found.pop()


@pytest.fixture
def linux_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    for name in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"):
        monkeypatch.delenv(name, raising=False)
    return home


def in_home(text: str, home: Path) -> Path:
    assert text.startswith("~/")
    return home / text[2:]


@pytest.mark.skipif(not Path("/proc").exists(), reason="the README's paths are Linux's")
def test_the_default_database_the_log_and_the_autostart_entry(linux_home: Path) -> None:
    folder = named(r"`(~/\.local/share/[^`]+/)`")
    file_name = named(r"Default file: `([^`]+)`")
    assert default_database_path() == in_home(folder, linux_home) / file_name
    assert error_log.log_path() == in_home(named(r"`(~/\.local/state/[^`]+)`"), linux_home)
    entry = autostart.xdg_entry(["jobhunt-desktop"], {"HOME": str(linux_home)})
    assert entry.path == in_home(named(r"`(~/\.config/autostart/[^`]+)`"), linux_home)


def test_the_copy_made_before_an_upgrade_is_named_as_the_readme_says(tmp_path: Path) -> None:
    shown = named(r"`(backups/jobhunt-[^`]*before-upgrade[^`]*)`")
    pattern = re.escape(shown)
    pattern = pattern.replace(re.escape("<time>"), r"\d{8}-\d{6}Z")
    path = tmp_path / "jobhunt.sqlite3"
    with closing(sqlite3.connect(path)) as con:
        con.execute("CREATE TABLE t (x)")
        con.commit()
    copy = sqlite_copies.before_upgrade(path)
    assert re.fullmatch(pattern, f"backups/{copy.name}"), (shown, copy.name)


def test_the_repository_files_it_shows_or_installs_exist() -> None:
    for picture in re.findall(r"\]\((docs/[^)]+)\)", README):
        assert (ROOT / picture).is_file(), picture
    installed = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "data-files"
    ]
    for shared in re.findall(r"`(share/[^`]+)`", README):
        folder, name = shared.rsplit("/", 1)
        assert any(Path(source).name == name for source in installed.get(folder, ())), shared
        assert all((ROOT / source).is_file() for source in installed[folder])
