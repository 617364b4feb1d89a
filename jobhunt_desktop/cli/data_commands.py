"""`export --format csv|json|ics [--output F]` and `import FILE`."""

from __future__ import annotations

import argparse
from pathlib import Path

from jobhunt_desktop.cli.context import Context
from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.domain.wording import counted

FORMATS = ("csv", "json", "ics")


def cmd_export(ctx: Context, args: argparse.Namespace) -> int:
    services = ctx.services
    made = {
        "csv": services.exports.csv,
        "json": services.exports.json,
        "ics": services.calendar.ics,
    }[args.format]()
    if not args.output:
        buffer = getattr(ctx.out, "buffer", None)
        if buffer is not None:
            ctx.out.flush()
            buffer.write(made)
            buffer.flush()
        else:
            ctx.out.write(made.decode("utf-8"))
        return 0
    path = Path(args.output).expanduser()
    try:
        from jobhunt_desktop.services.files import save_private

        save_private(path, made)
    except OSError as exc:
        raise UserError(f"'{path}' could not be written ({exc.strerror})") from exc
    ctx.print(f"Exported to {path}.")
    return 0


def cmd_import(ctx: Context, args: argparse.Namespace) -> int:
    path = Path(args.file).expanduser()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"'{path}' could not be read ({exc.strerror})") from exc
    if path.suffix.lower() != ".json":
        raise UserError(f"'{path}': only a JSON export of jobhunt-desktop can be imported so far")
    done = ctx.services.exports.import_json(data)
    ctx.print(f"Imported {counted(done.cards, 'card')} from {path}, ids kept.")
    if done.backup is not None:
        ctx.print(f"What was there before is kept in {done.backup.path}.")
    return 0


def after_command(ctx: Context) -> None:
    """Keep the subscribed calendar file current after a command changed something."""
    try:
        ctx.services.calendar.keep_file_current()
    except (UserError, OSError) as error:
        ctx.err.write(f"jobhunt-desktop: the calendar file was not updated: {error}\n")
