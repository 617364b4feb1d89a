"""Start the reminder watcher at login, the way each platform expects it.

Linux and other XDG desktops: a .desktop file in ~/.config/autostart. Windows: a
command file in the Startup folder. macOS: a LaunchAgent property list.
"""

from __future__ import annotations

import os
import plistlib
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from jobhunt_desktop.domain.server_address import without_password
from jobhunt_desktop.persistence import private_files

NAME = "jobhunt-desktop-reminders"
LAUNCH_AGENT_LABEL = "org.jobhunt-desktop.reminders"


@dataclass(frozen=True, slots=True)
class AutostartEntry:
    path: Path
    content: bytes


def watcher_command(named: Path | str | None, python: str = sys.executable) -> list[str]:
    """The watcher's command line. `named` is the database named for this run (a file,
    or a server's URL, whose password is left out): without one the watcher makes the
    same choice as every start, the saved one or the default file."""
    command = [python, "-m", "jobhunt_desktop"]
    if isinstance(named, Path):
        command += ["--db", str(named)]
    elif named is not None:
        command += ["--database-url", without_password(named)]
    return [*command, "reminders", "--watch"]


def _desktop_quote(arg: str) -> str:
    """Quote one Exec argument per the Desktop Entry Specification."""
    if arg and not any(c in arg for c in " \t\n\"'\\><~|&;$*?#()`%"):
        return arg
    escaped = arg.replace("\\", "\\\\").replace('"', '\\"').replace("`", "\\`")
    escaped = escaped.replace("$", "\\$")
    return '"' + escaped.replace("%", "%%") + '"'


def xdg_entry(command: Sequence[str], environ: Mapping[str, str]) -> AutostartEntry:
    config = environ.get("XDG_CONFIG_HOME") or str(Path(environ.get("HOME", "~")) / ".config")
    text = "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            "Name=jobhunt-desktop reminders",
            "Comment=Shows a notification when a job-hunt follow-up is due",
            "Exec=" + " ".join(_desktop_quote(a) for a in command),
            "Icon=jobhunt-desktop",
            "Terminal=false",
            "NoDisplay=true",
            "X-GNOME-Autostart-enabled=true",
            "",
        ]
    )
    return AutostartEntry(
        Path(config).expanduser() / "autostart" / f"{NAME}.desktop", text.encode()
    )


def windows_entry(command: Sequence[str], environ: Mapping[str, str]) -> AutostartEntry:
    python = Path(command[0])
    windowless = python.with_name("pythonw.exe")
    args = [str(windowless) if windowless.exists() else command[0], *command[1:]]
    line = " ".join(f'"{a}"' if " " in a else a for a in args)
    startup = (
        Path(environ.get("APPDATA", "~")).expanduser()
        / "Microsoft"
        / "Windows"
        / "Start Menu"
        / "Programs"
        / "Startup"
    )
    return AutostartEntry(startup / f"{NAME}.cmd", f'@start "" /min {line}\r\n'.encode())


def macos_entry(command: Sequence[str], environ: Mapping[str, str]) -> AutostartEntry:
    home = Path(environ.get("HOME", "~")).expanduser()
    plist = {
        "Label": LAUNCH_AGENT_LABEL,
        "ProgramArguments": list(command),
        "RunAtLoad": True,
        "ProcessType": "Background",
    }
    return AutostartEntry(
        home / "Library" / "LaunchAgents" / f"{LAUNCH_AGENT_LABEL}.plist", plistlib.dumps(plist)
    )


def entry_for(
    command: Sequence[str], platform: str = sys.platform, environ: Mapping[str, str] | None = None
) -> AutostartEntry:
    env = dict(os.environ) if environ is None else environ
    if platform.startswith("win"):
        return windows_entry(command, env)
    if platform == "darwin":
        return macos_entry(command, env)
    return xdg_entry(command, env)


def install(entry: AutostartEntry) -> Path:
    """Write the entry 0600 (folders it creates 0700): it names a command that runs at
    login, which no other user may change."""
    private_files.write_private_bytes(entry.path, entry.content)
    return entry.path


def remove(entry: AutostartEntry) -> bool:
    try:
        entry.path.unlink()
    except FileNotFoundError:
        return False
    return True
