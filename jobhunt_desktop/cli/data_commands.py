"""`export --format csv|json|ics [--output F]`, `import FILE` (a spreadsheet, or a
JSON export into an empty database) and `transfer --to TARGET`."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from jobhunt_desktop.cli.context import Context
from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.domain.import_plan import Skipped
from jobhunt_desktop.domain.wording import counted
from jobhunt_desktop.services.import_files import Sheet

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
    if path.suffix.lower() != ".json":
        return _import_sheet(ctx, args, path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"'{path}' could not be read ({exc.strerror})") from exc
    done = ctx.services.exports.import_json(data)
    ctx.print(f"Imported {counted(done.cards, 'card')} from {path}, ids kept.")
    if done.backup is not None:
        ctx.print(f"What was there before is kept in {done.backup.path}.")
    return 0


def cmd_transfer(ctx: Context, args: argparse.Namespace) -> int:
    done = ctx.services.transfer.to(args.to, replace=args.replace)
    ctx.print(
        f"Copied {counted(done.cards, 'card')} and everything with them to {done.target}; "
        "its export matches this database's."
    )
    if done.backup is not None:
        ctx.print(f"What was there before is kept in {done.backup.path}.")
    return 0


def after_command(ctx: Context) -> None:
    """Keep the subscribed calendar file current after a command changed something."""
    try:
        ctx.services.calendar.keep_file_current()
    except (UserError, OSError) as error:
        ctx.err.write(f"jobhunt-desktop: the calendar file was not updated: {error}\n")


def _import_sheet(ctx: Context, args: argparse.Namespace, path: Path) -> int:
    from jobhunt_desktop.domain.import_columns import parse_overrides
    from jobhunt_desktop.domain.import_plan import Answers
    from jobhunt_desktop.domain.import_stages import parse_stage_map
    from jobhunt_desktop.domain.import_values import DayOrder
    from jobhunt_desktop.services.imports import ImportRequest, summary

    services = ctx.services
    order = DayOrder.DAY_FIRST if args.day_first else None
    if args.month_first:
        order = DayOrder.MONTH_FIRST
    answers = Answers(
        stages=parse_stage_map(args.stage_map, services.stages.all()), day_order=order
    )
    request = ImportRequest(path, args.encoding, parse_overrides(args.map), answers)
    preview = services.imports.preview(request)
    plan = preview.plan
    questions = preview.questions()
    if questions:
        raise UserError("; ".join(questions) + ". Nothing was imported.")
    skipped = [{"line": s.line, "reason": s.reason} for s in plan.skipped]
    if args.dry_run:
        if args.json:
            ctx.json(
                {
                    "dry_run": True,
                    "added": len(plan.cards),
                    "skipped": skipped,
                    "unmapped_columns": list(plan.unmapped_columns),
                    **_read_as(preview.sheet),
                }
            )
            return 0
        ctx.print(f"Would import {counted(len(plan.cards), 'card')} from {path.name}.")
        _tell_skipped(ctx, plan.skipped, plan.unmapped_columns)
        return 0
    done = services.imports.run(preview)
    if args.json:
        ctx.json(
            {
                "dry_run": False,
                "added": len(done.added),
                "ids": done.added,
                "skipped": [{"line": s.line, "reason": s.reason} for s in done.skipped],
                "unmapped_columns": list(done.unmapped_columns),
                "missed": done.missed,
                "due": done.due,
                "backup": str(done.backup.path) if done.backup else None,
                **_read_as(preview.sheet),
            }
        )
        return 0
    ctx.print(summary(done))
    _tell_skipped(ctx, done.skipped, done.unmapped_columns)
    if done.backup is not None:
        ctx.print(f"What was there before is kept in {done.backup.path}.")
    return 0


def _read_as(sheet: Sheet) -> dict[str, object]:
    return {
        "encoding": sheet.encoding_name,
        "delimiter": sheet.delimiter,
        "header_line": sheet.header_line,
    }


def _tell_skipped(ctx: Context, skipped: Sequence[Skipped], unmapped: Sequence[str]) -> None:
    for row in skipped:
        ctx.print(f"  line {row.line}: skipped, {row.reason}")
    if unmapped:
        ctx.print(f"Into the notes: {', '.join(unmapped)}.")
