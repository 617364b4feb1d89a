"""The one place that wires the parts together: database, clock, services, face."""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import tzlocal

from jobhunt_desktop.cli.options import window_arguments
from jobhunt_desktop.domain.clock import Clock, FixedClock, SystemClock
from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.domain.server_address import unencrypted_warning, without_password
from jobhunt_desktop.domain.timeutil import parse_datetime, zone

# The window's start-up reads the board before SQLAlchemy is imported, so the
# modules that need it are imported inside the functions that use them.
if TYPE_CHECKING:
    from jobhunt_desktop.domain.readmodels import BoardStart
    from jobhunt_desktop.domain.stages import Stage
    from jobhunt_desktop.notify.base import Notifier
    from jobhunt_desktop.services.container import Services
    from jobhunt_desktop.startup.deferred import DeferredServices
    from jobhunt_desktop.startup.tricks import Tricks
    from jobhunt_desktop.ui.connecting import Server


# A person waits at most this long for another program's write before the window
# says the database is busy and offers to try again; commands wait longer.
WINDOW_LOCK_WAIT_MS = 2000


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
        return run_window_on(use_demo(window_args))
    from jobhunt_desktop.cli.parser import build_parser, refuse_undecodable

    args = build_parser().parse_args(argv)
    refuse_undecodable(args)
    if args.command is None and not args.text:
        return run_window_on(use_demo(args))
    return run_command(use_demo(args))


def use_demo(args: argparse.Namespace) -> argparse.Namespace:
    """With --demo: the demo database (its own file beside the user's), filled with
    sample data the first time."""
    if not getattr(args, "demo", False):
        return args
    from jobhunt_desktop.persistence.sqlite_file import default_database_path

    path = default_database_path().with_name(DEMO_FILE_NAME)
    args.db, args.database_url = str(path), None
    if not path.exists():
        from jobhunt_desktop.persistence.database import open_database, sqlite_url
        from jobhunt_desktop.services.container import Services
        from jobhunt_desktop.services.demo import seed_demo

        db = open_database(sqlite_url(path))
        try:
            seed_demo(Services.create(db, SystemClock(), system_zone()))
        finally:
            db.close()
    return args


def run_command(args: argparse.Namespace) -> int:
    from jobhunt_desktop.cli.commands import HANDLERS, Context
    from jobhunt_desktop.cli.data_commands import after_command
    from jobhunt_desktop.persistence.database import open_database, resolve_url
    from jobhunt_desktop.persistence.database_choice import choose
    from jobhunt_desktop.services.container import Services

    if args.command == "use-database":  # chooses a database: needs none open
        return use_database_command(args)
    watcher = bool(getattr(args, "watch", False))  # its stderr goes to a log nobody reads
    choice = choose(args.db, args.database_url, os.environ)
    warn_about_the_folder(choice.path, not watcher)
    unencrypted = unencrypted_warning(choice.url) if choice.url else None
    if unencrypted:
        print(f"warning: {unencrypted}", file=sys.stderr)
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

        named = (choice.path or choice.url) if choice.explicit else None
        context = Context(services, user_zone, notifier=PlyerNotifier, named_database=named)
        code = HANDLERS[args.command](context, args)
        after_command(context)
        return code
    finally:
        db.close()


DEMO_FILE_NAME = "demo.sqlite3"


def use_database_command(args: argparse.Namespace) -> int:
    """`use-database TARGET` / `use-database --default`: what every later start opens."""
    from jobhunt_desktop.services.shared_store import use_database, use_default

    if args.default:
        print(f"Every start now opens the default file, {use_default()}.")
        return 0
    if not args.target:
        raise UserError("name a file or a server's URL, or give --default")
    print(f"Every start now opens {use_database(args.target)}.")
    return 0


def warn_about_the_folder(path: Path | None, remember: bool = True) -> None:
    """Once per path, on stderr: the database sits in a synced or network folder."""
    said = folder_warning(path, remember)
    if said:
        print(f"warning: {said}", file=sys.stderr)


def start_warning(path: Path | None, url: str | None) -> str | None:
    """What the window says once its board is on screen: a file in a synced folder
    (once per path), or a server reached without encryption (each time)."""
    if url is not None:
        return unencrypted_warning(url)
    return folder_warning(path)


def folder_warning(path: Path | None, remember: bool = True) -> str | None:
    if path is None:
        return None
    from jobhunt_desktop.services.shared_folders import warning_once

    return warning_once(path, remember=remember)


def run_window_on(args: argparse.Namespace) -> int:
    """Open the window; when the file is current, its board paints before the ORM loads.

    The tricks of that start (a plain read of the board, the services loaded after the
    first paint, the garbage collector held until then) live in `jobhunt_desktop.startup`.
    """
    from jobhunt_desktop.startup import gc_pause
    from jobhunt_desktop.startup.tricks import Tricks

    tricks = Tricks.from_env(os.environ)
    with gc_pause.paused(tricks.gc):  # resumed once the window is ready
        return _run_window_on(args, tricks)


def _run_window_on(args: argparse.Namespace, tricks: Tricks) -> int:
    from jobhunt_desktop.persistence.database_choice import choose
    from jobhunt_desktop.startup import gc_pause
    from jobhunt_desktop.startup.deferred import DeferredServices
    from jobhunt_desktop.startup.quick_board import read_board_start

    if tricks.preload:  # after the board reader's sqlite3 module: see qt_preload
        from jobhunt_desktop.startup import qt_preload

        qt_preload.start()
    clock = SystemClock()
    default_zone = system_zone()
    choice = choose(args.db, args.database_url, os.environ)
    path = choice.path
    load_services = DeferredServices(
        args.db, args.database_url, os.environ, clock, default_zone, WINDOW_LOCK_WAIT_MS
    )
    opened = [load_services]
    from jobhunt_desktop.ui.application import run_window

    def read_start(folded: Callable[[Stage], bool], rows: int) -> BoardStart | None:
        if path is None or not tricks.quick:
            return None
        return read_board_start(path, default_zone, rows, folded)

    where = str(path) if path is not None else without_password(choice.url or "", shown_as="***")
    demo = getattr(args, "demo", False)
    if demo:
        where = f"sample data (demo) — {where}"
    server = None
    if choice.url is not None and not choice.url.startswith("sqlite"):
        from jobhunt_desktop.persistence.sqlite_file import default_database_path

        local = DeferredServices(
            default_database_path(), None, {}, clock, default_zone, WINDOW_LOCK_WAIT_MS
        )
        opened.append(local)
        server = on_server(choice.url, default_database_path(), local, load_services)
    try:
        return run_window(
            load_services,
            f"jobhunt-desktop — {where}",
            read_start,
            clock.now,
            notifier=None if demo else plyer_notifier,
            started=_window_started,
            demo=demo,
            warning=None if demo else lambda: start_warning(path, choice.url),
            server=server,
            settled=gc_pause.freeze if tricks.gc else None,
        )
    finally:
        for each in opened:
            each.close()


def on_server(
    url: str, local: Path, open_local: Callable[[], Services], open_server: DeferredServices
) -> Server:
    """What the window's frame says while it connects, the file on this computer it
    can open instead, and how to open the server with a password typed in."""
    from jobhunt_desktop.ui.connecting import Server

    parts = urlsplit(url)
    host = parts.hostname or "the server on this computer"
    user = parts.username or "you"
    login = f"{user}@{host}" if parts.hostname else f"{user}, on {host}"
    return Server(
        f"Connecting to {host}…", f"jobhunt-desktop — {local}", open_local, open_server, login
    )


def _window_started() -> None:
    """Once the board has painted: collect garbage again, keep a log file, and make
    sure the window's own settings file (layout, choices) is private before Qt writes it."""
    from PySide6.QtCore import QSettings

    from jobhunt_desktop.persistence.private_files import ensure_private_file
    from jobhunt_desktop.services import error_log
    from jobhunt_desktop.startup import gc_pause

    gc_pause.resume()
    error_log.install_file_log()
    try:
        ensure_private_file(Path(QSettings().fileName()))
    except OSError as error:  # Qt will then say it cannot save the layout; the rest works
        logging.getLogger(__name__).warning("window settings file: %s", error)


def plyer_notifier() -> Notifier:
    from jobhunt_desktop.notify.plyer_backend import PlyerNotifier

    return PlyerNotifier()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the window or a command. Whatever the input or the environment, the
    terminal gets one line per problem and never a traceback: known problems in their
    own words, anything else as an unexpected error whose details go to the log."""
    from jobhunt_desktop.services import error_log

    error_log.configure_terminal(os.environ)
    try:
        return _flushed(run(argv))
    except BrokenPipeError:
        _quiet_stdout()
        return 1
    except UserError as error:
        return _fail(str(error))
    except KeyboardInterrupt:
        return 130
    except OSError as error:  # the environment: a file or folder that cannot be used
        return _fail(describe_os_error(error))
    except Exception as error:
        log_file = error_log.ensure_file_log()
        error_log.log_unexpected("unexpected error", error)
        where = (
            f"the details were written to {log_file}"
            if log_file.exists()
            else f"the details could not be written to {log_file}"
        )
        return _fail(f"unexpected error ({type(error).__name__}: {error}); {where}")


def describe_os_error(error: OSError) -> str:
    """An OSError as one line: what failed, on which file."""
    what = error.strerror or str(error) or type(error).__name__
    names = [n for n in (error.filename, error.filename2) if n is not None]
    if names:
        return f"{what}: " + " -> ".join(f"'{os.fsdecode(n)}'" for n in names)
    return what


def _fail(message: str) -> int:
    with contextlib.suppress(OSError, ValueError):  # no terminal: the exit code says it
        print(f"jobhunt-desktop: {message}", file=sys.stderr)
    return _flushed(1)


def _flushed(code: int) -> int:
    """Flush what the command printed now, so that a reader that went away (`| head`)
    shows up here and not as Python's complaint at exit."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_stdout()
        return 1
    except (OSError, ValueError):
        pass
    return code


def _quiet_stdout() -> None:
    """Python's documented recipe for a closed pipe: point stdout at devnull, so the
    flush at exit does not raise again."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
