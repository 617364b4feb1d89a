"""The one place that wires the parts together: database, clock, services, face."""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

import tzlocal

from jobhunt_desktop.cli.options import window_arguments
from jobhunt_desktop.domain.clock import Clock, FixedClock, SystemClock
from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.domain.timeutil import parse_datetime, zone

# The window's start-up reads the board before SQLAlchemy is imported, so the
# modules that need it are imported inside the functions that use them.
if TYPE_CHECKING:
    from jobhunt_desktop.domain.readmodels import BoardStart
    from jobhunt_desktop.domain.stages import Stage
    from jobhunt_desktop.notify.base import Notifier
    from jobhunt_desktop.persistence.database import Database
    from jobhunt_desktop.services.container import Services


def system_zone() -> str:
    """The IANA name of the system's zone (TZ is honoured), UTC if it cannot be told."""
    try:
        name = tzlocal.get_localzone_name()
    except Exception:  # tzlocal raises several kinds on odd systems
        name = None
    if not name:
        return "UTC"
    try:
        zone(name)
    except UserError:
        return "UTC"
    return name


def run(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    window_args = window_arguments(argv)
    if window_args is not None:
        return run_window_on(window_args)
    from jobhunt_desktop.cli.parser import build_parser

    args = build_parser().parse_args(argv)
    if args.command is None and not args.text:
        return run_window_on(args)
    return run_command(args)


def run_command(args: argparse.Namespace) -> int:
    from jobhunt_desktop.cli.commands import HANDLERS, Context
    from jobhunt_desktop.persistence.database import open_database, resolve_url
    from jobhunt_desktop.services.container import Services

    db = open_database(resolve_url(args.db, args.database_url, os.environ))
    try:
        default_zone = system_zone()
        clock: Clock = SystemClock()
        services = Services.create(db, clock, default_zone)
        user_zone = services.settings.get().time_zone
        now_text = getattr(args, "now", None)
        if now_text:
            clock = FixedClock(parse_datetime(now_text, user_zone))
            services = Services.create(db, clock, default_zone)
        from jobhunt_desktop.notify.plyer_backend import PlyerNotifier

        context = Context(services, user_zone, notifier=PlyerNotifier)
        return HANDLERS[args.command](context, args)
    finally:
        db.close()


def run_window_on(args: argparse.Namespace) -> int:
    """Open the window; when the file is current, its board paints before the ORM loads.

    Start-up time is what people feel every day, and most of it is importing
    SQLAlchemy. So the board is first read with plain sqlite3 (`quick_board`) and
    painted, and the services come right after the first paint.

    The cyclic garbage collector is off until the board has painted and the services
    are in: start-up creates some 30,000 objects that live as long as the process
    (modules, classes, Qt's enums), and scanning them again and again cost the first
    paint 8-10 ms.
    """
    gc.disable()
    try:
        return _run_window_on(args)
    finally:
        gc.enable()


def _run_window_on(args: argparse.Namespace) -> int:
    from jobhunt_desktop.persistence.quick_board import read_board_start
    from jobhunt_desktop.persistence.sqlite_file import chosen_path
    from jobhunt_desktop.ui import qt_preload

    # Qt's libraries load on a helper thread from here on; the board reader's native
    # module (sqlite3) is imported first, before that thread holds the loader's lock.
    qt_preload.start()
    clock = SystemClock()
    default_zone = system_zone()
    path = chosen_path(args.db, args.database_url, os.environ)
    opened: list[Database] = []
    from jobhunt_desktop.ui.application import run_window

    def read_start(folded: Callable[[Stage], bool], rows: int) -> BoardStart | None:
        if path is None:
            return None
        return read_board_start(path, default_zone, rows, folded)

    def load_services() -> Services:
        from jobhunt_desktop.persistence.database import open_database, resolve_url
        from jobhunt_desktop.services.container import Services

        db = open_database(resolve_url(args.db, args.database_url, os.environ))
        opened.append(db)
        return Services.create(db, clock, default_zone)

    where = str(path) if path is not None else without_password(args.database_url)
    try:
        return run_window(
            load_services,
            f"jobhunt-desktop — {where}",
            read_start,
            clock.now,
            notifier=plyer_notifier,
            started=gc.enable,
        )
    finally:
        for db in opened:
            db.close()


def plyer_notifier() -> Notifier:
    from jobhunt_desktop.notify.plyer_backend import PlyerNotifier

    return PlyerNotifier()


def without_password(url: str) -> str:
    """A database URL fit for a window title."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rsplit("@", 1)[-1]
    return urlunsplit(parts._replace(netloc=f"{parts.username}:***@{host}"))


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=os.environ.get("JOBHUNT_LOG", "WARNING").upper())
    try:
        return run(argv)
    except UserError as error:
        print(f"jobhunt-desktop: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
