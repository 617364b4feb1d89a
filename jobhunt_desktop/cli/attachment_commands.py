"""`attach ID FILE...`, `attachments ID [--json]`, `attachment save ATTACHMENT_ID PATH`."""

from __future__ import annotations

import argparse
from pathlib import Path

from jobhunt_desktop.cli.context import Context
from jobhunt_desktop.domain.attachments import Attachment, size_text
from jobhunt_desktop.domain.timeutil import isoformat_local
from jobhunt_desktop.domain.wording import counted


def cmd_attach(ctx: Context, args: argparse.Namespace) -> int:
    paths = [Path(p).expanduser() for p in args.files]
    done = ctx.services.attachments.attach_paths([args.id], paths)
    ctx.print(f"Attached {counted(len(done.value), 'file')} to application {args.id}.")
    return 0


def cmd_attachments(ctx: Context, args: argparse.Namespace) -> int:
    found = ctx.services.attachments.of(args.id)
    if args.json:
        ctx.json([_json(a, ctx.zone) for a in found])
    elif not found:
        ctx.print("No files on this application yet; `attach ID FILE` adds one.")
    else:
        for a in found:
            when = isoformat_local(a.added_at, ctx.zone)[:16].replace("T", " ")
            ctx.print(f"#{a.id:<5} {a.name}  ({size_text(a.size)}, added {when})")
    return 0


def cmd_attachment(ctx: Context, args: argparse.Namespace) -> int:
    path = ctx.services.attachments.save(args.attachment_id, Path(args.path).expanduser())
    ctx.print(f"Saved {path}")
    return 0


def _json(attachment: Attachment, zone: str) -> dict[str, object]:
    return {
        "id": attachment.id,
        "application_id": attachment.application_id,
        "name": attachment.name,
        "size": attachment.size,
        "media_type": attachment.media_type,
        "sha256": attachment.sha256,
        "added_at": isoformat_local(attachment.added_at, zone),
    }
