"""The one place that wires the parts together: database, clock, services, face."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence

import tzlocal

from jobhunt_desktop.cli.commands import HANDLERS, Context
from jobhunt_desktop.cli.parser import build_parser
from jobhunt_desktop.domain.clock import Clock, FixedClock, SystemClock
from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.domain.timeutil import parse_datetime, zone
from jobhunt_desktop.persistence.database import open_database, resolve_url
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
    parser = build_parser()
    args = parser.parse_args(argv)
    url = resolve_url(args.db, args.database_url, os.environ)
    db = open_database(url)
    try:
        default_zone = system_zone()
        clock: Clock = SystemClock()
        services = Services.create(db, clock, default_zone)
        user_zone = services.settings.get().time_zone
        now_text = getattr(args, "now", None)
        if now_text:
            clock = FixedClock(parse_datetime(now_text, user_zone))
            services = Services.create(db, clock, default_zone)
        if args.command is None and not args.text:
            from jobhunt_desktop.ui.application import run_window

            return run_window(services, f"jobhunt-desktop — {db.path or db.url}")
        return HANDLERS[args.command](Context(services, user_zone), args)
    finally:
        db.close()


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=os.environ.get("JOBHUNT_LOG", "WARNING").upper())
    try:
        return run(argv)
    except UserError as error:
        print(f"jobhunt-desktop: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
