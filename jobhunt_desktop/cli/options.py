"""The options every invocation shares, and telling a window start from a command.

Apart from `parser` so that opening the window does not build (or import what
builds) the grammar of every command.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import NoReturn

from jobhunt_desktop import __version__

DESCRIPTION = "Track job applications and never miss a follow-up."


def add_global_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--db", metavar="PATH", help="the database file (or set JOBHUNT_DB)")
    parser.add_argument("--database-url", metavar="URL", help="any SQLAlchemy database URL")
    parser.add_argument(
        "--text", action="store_true", help="with no command: print an overview, no window"
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="use the sample-data demo database (made on first use; never your own file, "
        "and its window raises no desktop notifications)",
    )


class _NotForTheWindowError(Exception):
    pass


class _QuietParser(argparse.ArgumentParser):
    """Says nothing of a mistake: the command line's own parser will."""

    def error(self, message: str) -> NoReturn:
        raise _NotForTheWindowError(message)


def window_arguments(argv: Sequence[str]) -> argparse.Namespace | None:
    """The parsed options when `argv` asks for the window (global options only), else
    None: a command, --text, help, or anything the full grammar should judge."""
    if any(arg in ("-h", "--help") for arg in argv):
        return None
    parser = _QuietParser(prog="jobhunt-desktop", add_help=False)
    add_global_options(parser)
    try:
        args, rest = parser.parse_known_args(argv)
    except _NotForTheWindowError:  # a bad option: the full parser says it, in one line
        return None
    if rest or args.text:
        return None
    args.command = None
    return args
