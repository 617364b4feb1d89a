"""Native notifications through plyer, checked first because plyer fails silently.

On Linux plyer runs `notify-send` and ignores its exit status, so a missing program
or a missing D-Bus session would lose reminders without a trace: those are checked
here and reported as NotifyError, which the caller records and shows the user.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import warnings
from pathlib import Path

from jobhunt_desktop.domain.reminders import Notice
from jobhunt_desktop.notify.base import NotifyError

log = logging.getLogger(__name__)

APP_NAME = "jobhunt-desktop"
# A source checkout keeps the icons in resources/; a wheel installs the PNGs into the
# hicolor theme under the prefix.
_RESOURCES = Path(__file__).resolve().parents[2] / "resources"
_INSTALLED = Path(sys.prefix) / "share" / "icons" / "hicolor" / "64x64" / "apps"


def icon_path(platform: str = sys.platform) -> str:
    """The icon in the format the platform's notifications want: .ico on Windows."""
    if platform.startswith("win"):
        candidates = [_RESOURCES / "icon.ico", Path(sys.prefix) / "share" / APP_NAME / "icon.ico"]
    else:
        candidates = [_RESOURCES / "hicolor" / "64x64" / "jobhunt-desktop.png"]
        candidates.append(_INSTALLED / "jobhunt-desktop.png")
    return next((str(p) for p in candidates if p.exists()), "")


def linux_problem(environ: dict[str, str] | None = None) -> str | None:
    """Why notifications cannot work here, or None."""
    env = dict(os.environ) if environ is None else environ
    has_dbus_python = _importable("dbus")
    if not has_dbus_python and shutil.which("notify-send", path=env.get("PATH")) is None:
        return (
            "desktop notifications need the notify-send program; install the "
            "libnotify-bin package (Debian, Ubuntu) or libnotify (Fedora, Arch)"
        )
    runtime = env.get("XDG_RUNTIME_DIR")
    default_bus = Path(runtime) / "bus" if runtime else None
    if not env.get("DBUS_SESSION_BUS_ADDRESS") and not (default_bus and default_bus.exists()):
        return "there is no desktop session bus (D-Bus) to show notifications on"
    return None


def _importable(name: str) -> bool:
    try:
        __import__(name)
    except ImportError:
        return False
    return True


class PlyerNotifier:
    def __init__(self, app_name: str = APP_NAME, timeout_s: int = 10) -> None:
        self.app_name = app_name
        self.timeout_s = timeout_s
        self.icon = icon_path()

    def problem(self) -> str | None:
        if sys.platform.startswith("linux"):
            return linux_problem()
        return None

    def send(self, notice: Notice) -> None:
        problem = self.problem()
        if problem is not None:
            raise NotifyError(problem)
        try:
            from plyer import notification

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # plyer warns on every call without dbus
                notification.notify(
                    title=notice.title,
                    message=notice.message,
                    app_name=self.app_name,
                    app_icon=self.icon,  # '' rather than None: plyer's dbus path needs a str
                    timeout=self.timeout_s,
                )
        except NotImplementedError as error:
            raise NotifyError(
                f"this system has no notification service plyer knows ({error})"
            ) from error
        except Exception as error:  # plyer's backends raise anything; never into the app
            log.warning("notification failed: %s", error, exc_info=True)
            raise NotifyError(f"the notification could not be shown ({error})") from error
