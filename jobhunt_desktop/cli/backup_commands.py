"""`backup [--output F]`, `backups [--json]` and `restore FILE`."""

from __future__ import annotations

import argparse
from pathlib import Path

from jobhunt_desktop.cli.context import Context
from jobhunt_desktop.domain.attachments import size_text
from jobhunt_desktop.domain.backup_policy import BackupFile
from jobhunt_desktop.domain.timeutil import isoformat_local
from jobhunt_desktop.domain.wording import counted


def cmd_backup(ctx: Context, args: argparse.Namespace) -> int:
    output = Path(args.output).expanduser() if args.output else None
    made = ctx.services.backups.backup(output)
    cards = "" if made.cards is None else f" ({counted(made.cards, 'card')})"
    ctx.print(f"Backed up to {made.path}{cards}.")
    return 0


def cmd_backups(ctx: Context, args: argparse.Namespace) -> int:
    found = ctx.services.backups.backups()
    if args.json:
        ctx.json([_json(b, ctx.zone) for b in found])
    elif not found:
        ctx.print("No backups yet; `backup` makes one.")
    else:
        for b in found:
            when = isoformat_local(b.made_at, ctx.zone)[:16].replace("T", " ")
            cards = "unreadable" if b.cards is None else counted(b.cards, "card")
            ctx.print(f"{when}  {b.reason:<15} {size_text(b.size):>9}  {cards:<12} {b.path}")
    return 0


def cmd_restore(ctx: Context, args: argparse.Namespace) -> int:
    done = ctx.services.backups.restore(Path(args.file).expanduser())
    cards = "" if done.cards is None else f" ({counted(done.cards, 'card')})"
    ctx.print(f"Restored {args.file}{cards}.")
    ctx.print(f"What was there before is kept in {done.before.path}.")
    return 0


def _json(backup: BackupFile, zone: str) -> dict[str, object]:
    return {
        "path": str(backup.path),
        "made_at": isoformat_local(backup.made_at, zone),
        "reason": backup.reason,
        "size": backup.size,
        "cards": backup.cards,
    }
