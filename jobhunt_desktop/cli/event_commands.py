"""`events ID`, `event edit EVENT_ID ...` and `event delete EVENT_ID`: reading and
correcting what was logged on a card."""

from __future__ import annotations

import argparse
from typing import Any

from jobhunt_desktop.cli import render
from jobhunt_desktop.cli.context import Context
from jobhunt_desktop.domain.entities import Mover
from jobhunt_desktop.domain.errors import UserError

# Option name -> the event's field, for `event edit`; times are read in the user's zone.
TIMES = {"at": "occurred_at", "end": "ends_at", "deadline": "deadline_at", "to": "new_starts_at"}
TIMES_ALSO = {"to_end": "new_ends_at"}
TEXTS = {
    "kind": "interview_kind",
    "location": "location",
    "interviewers": "interviewers",
    "next_steps": "next_steps",
    "feedback": "feedback",
    "notes": "notes",
    "subject": "subject",
}


def cmd_events(ctx: Context, args: argparse.Namespace) -> int:
    events = ctx.services.events.events_of(args.id)
    if args.json:
        ctx.json([render.event_json(e, ctx.zone) for e in events])
    else:
        ctx.print(render.events_text(events, ctx.zone) or "No events logged yet.")
    return 0


def cmd_event(ctx: Context, args: argparse.Namespace) -> int:
    if args.event_command == "delete":
        ctx.services.events.delete(args.event_id)
        ctx.print(f"Event #{args.event_id} removed.")
        return 0
    changes = _changes(ctx, args)
    if not changes:
        raise UserError("nothing to change; give at least one field such as --at")
    done = ctx.services.events.edit(args.event_id, changes)
    ctx.print(f"Event #{done.value.id} corrected.")
    return 0


def _changes(ctx: Context, args: argparse.Namespace) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for option, name in {**TIMES, **TIMES_ALSO}.items():
        text = getattr(args, option)
        if text is not None:
            changes[name] = ctx.when(text)
    for option, name in TEXTS.items():
        text = getattr(args, option)
        if text is not None:
            changes[name] = text
    if args.round is not None:
        changes["round"] = args.round
    if args.promised_by is not None:
        changes["promised_by"] = ctx.day(args.promised_by)
    if args.by is not None:
        changes["moved_by"] = Mover(args.by)
    return changes
