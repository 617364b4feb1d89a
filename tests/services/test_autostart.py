"""Starting the watcher at login: the file each platform reads, written and removed."""

from __future__ import annotations

import configparser
import os
import plistlib
import stat
from pathlib import Path

from jobhunt_desktop.services import autostart

ODD = Path('/home/me/My Jobs/hunt$1% "best" `x`.sqlite3')


def exec_arguments(line: str) -> list[str]:
    """Read an Exec value as the Desktop Entry Specification says: arguments split
    on spaces, double quotes group, and inside them a backslash escapes a quote,
    backquote, dollar or backslash; %% is a literal percent sign."""
    args: list[str] = []
    current: list[str] | None = None
    quoted = False
    chars = iter(line)
    for c in chars:
        if quoted:
            if c == "\\":
                current.append(next(chars))  # type: ignore[union-attr]
            elif c == '"':
                quoted = False
            else:
                current.append(c)  # type: ignore[union-attr]
        elif c == " ":
            if current is not None:
                args.append("".join(current))
            current = None
        else:
            current = current if current is not None else []
            if c == '"':
                quoted = True
            else:
                current.append(c)
    if current is not None:
        args.append("".join(current))
    return [a.replace("%%", "%") for a in args]


def test_xdg_entry_runs_the_watcher_with_odd_paths_quoted(tmp_path: Path) -> None:
    command = autostart.watcher_command(ODD, python="/usr/bin/python3")
    entry = autostart.entry_for(command, "linux", {"XDG_CONFIG_HOME": str(tmp_path)})
    assert entry.path == tmp_path / "autostart" / "jobhunt-desktop-reminders.desktop"

    written = autostart.install(entry)
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(written)
    desktop = parser["Desktop Entry"]
    assert desktop["Type"] == "Application" and desktop["Terminal"] == "false"
    assert exec_arguments(desktop["Exec"]) == command
    assert command[-2:] == ["reminders", "--watch"]

    assert autostart.remove(entry)
    assert not written.exists()
    assert not autostart.remove(entry)


def test_windows_startup_folder_and_macos_launch_agent(tmp_path: Path) -> None:
    command = autostart.watcher_command(None, python=r"C:\Python311\python.exe")
    windows = autostart.entry_for(command, "win32", {"APPDATA": str(tmp_path)})
    assert windows.path.parent == tmp_path / "Microsoft/Windows/Start Menu/Programs/Startup"
    assert windows.content.endswith(b"-m jobhunt_desktop reminders --watch\r\n")

    mac = autostart.entry_for(command, "darwin", {"HOME": str(tmp_path)})
    assert mac.path == tmp_path / "Library/LaunchAgents/org.jobhunt-desktop.reminders.plist"
    plist = plistlib.loads(mac.content)
    assert plist["ProgramArguments"] == command and plist["RunAtLoad"] is True


def test_the_entry_is_private_whatever_the_umask(tmp_path: Path) -> None:
    """Another local user who could change the entry would choose what runs at login."""
    config = tmp_path / "config"
    entry = autostart.xdg_entry(autostart.watcher_command(ODD), {"XDG_CONFIG_HOME": str(config)})
    old_mask = os.umask(0)  # the most permissive there is
    try:
        written = autostart.install(entry)
        written = autostart.install(entry)  # and again, over the first
    finally:
        os.umask(old_mask)
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert stat.S_IMODE(written.parent.stat().st_mode) == 0o700  # created by the app
    assert stat.S_IMODE(config.stat().st_mode) == 0o700
    assert written.read_bytes() == entry.content
    assert sorted(p.name for p in written.parent.iterdir()) == [written.name]


def test_an_existing_autostart_folder_keeps_its_mode(tmp_path: Path) -> None:
    folder = tmp_path / "autostart"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    entry = autostart.xdg_entry(autostart.watcher_command(None), {"XDG_CONFIG_HOME": str(tmp_path)})
    written = autostart.install(entry)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755
    assert stat.S_IMODE(written.stat().st_mode) == 0o600


def test_the_watcher_is_told_a_server_without_its_password() -> None:
    url = "postgresql+psycopg://sam:hunter2@db.example:5433/jobhunt"
    command = autostart.watcher_command(url, python="/usr/bin/python3")
    assert command[3:] == [
        "--database-url",
        "postgresql+psycopg://sam@db.example:5433/jobhunt",
        "reminders",
        "--watch",
    ]
    assert autostart.watcher_command(None, python="py") == [
        "py",
        "-m",
        "jobhunt_desktop",
        "reminders",
        "--watch",
    ]
