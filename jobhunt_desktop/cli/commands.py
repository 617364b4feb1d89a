"""What each command does, through the same services the window uses."""

from __future__ import annotations

import argparse
import signal
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from jobhunt_desktop.cli import render
from jobhunt_desktop.cli.attachment_commands import cmd_attach, cmd_attachment, cmd_attachments
from jobhunt_desktop.cli.backup_commands import cmd_backup, cmd_backups, cmd_restore
from jobhunt_desktop.cli.context import Context as Context
from jobhunt_desktop.cli.data_commands import cmd_export, cmd_import, cmd_transfer
from jobhunt_desktop.cli.event_commands import cmd_event, cmd_events
from jobhunt_desktop.cli.stats_commands import cmd_stats
from jobhunt_desktop.domain.entities import ClosedReason, ContactRole, FollowUpKind, Mover
from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.domain.reminders import snooze_choices
from jobhunt_desktop.domain.settings import spec_for
from jobhunt_desktop.domain.stages import StageKind
from jobhunt_desktop.domain.timeutil import isoformat_local
from jobhunt_desktop.domain.validation import undecodable
from jobhunt_desktop.domain.wording import CLOSED_REASON_NAMES, counted
from jobhunt_desktop.services import autostart
from jobhunt_desktop.services.demo import seed_demo
from jobhunt_desktop.services.device import this_device
from jobhunt_desktop.services.events import ContactInput, LogResult
from jobhunt_desktop.services.reminders import CheckResult, process_token, watch

FIELD_OPTIONS = {
    "company": "company",
    "title": "title",
    "applied_on": "applied_on",
    "url": "url",
    "location": "location",
    "work_mode": "work_mode",
    "salary_min": "salary_min",
    "salary_max": "salary_max",
    "currency": "salary_currency",
    "period": "salary_period",
    "salary_text": "salary_text",
    "source": "source",
    "priority": "priority",
    "tag": "tags",
    "notes": "notes",
    "description": "description",
    "closed_reason": "closed_reason",
}


def _fields(args: argparse.Namespace) -> dict[str, Any]:
    values = {
        field: getattr(args, option)
        for option, field in FIELD_OPTIONS.items()
        if getattr(args, option, None) is not None
    }
    for name in getattr(args, "clear", []) or []:
        key = FIELD_OPTIONS.get(name.replace("-", "_"), name.replace("-", "_"))
        if key in ("company", "title"):
            raise UserError(f"{key} cannot be cleared")
        values[key] = () if key == "tags" else None
    return values


def _contact(args: argparse.Namespace) -> ContactInput | None:
    given = getattr(args, "contact", None)
    if given is None:
        if args.contact_email or args.contact_phone or args.contact_role:
            raise UserError("--contact-email, --contact-phone and --contact-role need --contact")
        return None
    role = ContactRole(args.contact_role) if args.contact_role else None
    if given.strip().isdigit():
        return ContactInput(
            id=int(given), email=args.contact_email, phone=args.contact_phone, role=role
        )
    return ContactInput(name=given, email=args.contact_email, phone=args.contact_phone, role=role)


def cmd_add(ctx: Context, args: argparse.Namespace) -> int:
    values = _fields(args)
    result = ctx.services.applications.add(
        values.pop("company"), values.pop("title"), stage=args.stage, **values
    )
    for past in result.recent_rejections:
        ctx.err.write(render.r11_warning(past, ctx.zone) + "\n")
    ctx.print(str(result.id))
    return 0


def cmd_show(ctx: Context, args: argparse.Namespace) -> int:
    story = ctx.services.applications.story(args.id)
    if args.json:
        ctx.json([render.story_json(story, ctx.zone, ctx.services.followups.now())])
    else:
        ctx.print(render.story_text(story, ctx.zone))
    return 0


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    stages = {s.id: s for s in ctx.services.stages.all()}
    rows = ctx.services.applications.board(args.archived, args.stage)
    stage_order = {sid: s.position for sid, s in stages.items()}
    rows.sort(key=lambda r: (stage_order.get(r.stage_id, 0), r.position, r.id))
    if args.json:
        ctx.json([render.board_json(r, stages[r.stage_id], ctx.zone) for r in rows])
    else:
        ctx.print(render.board_text(rows, stages, ctx.zone))
    return 0


def cmd_edit(ctx: Context, args: argparse.Namespace) -> int:
    values = _fields(args)
    entered = ctx.when(args.entered_stage)
    if not values and entered is None:
        raise UserError("nothing to change; give at least one field such as --title")
    if values:
        ctx.services.applications.edit(args.id, values)
    if entered is not None:
        ctx.services.applications.correct_stage_entry(args.id, entered)
    return 0


def cmd_move(ctx: Context, args: argparse.Namespace) -> int:
    index = None if args.position is None else args.position - 1
    reason = ClosedReason(args.reason) if args.reason else None
    ctx.services.applications.move([args.id], args.stage, index, reason)
    app = ctx.services.applications.get(args.id)
    ctx.print(f"{app.company} ({app.title}) is now in {app.stage.name}")
    if app.stage.kind is StageKind.CLOSED_LOST and app.closed_reason is not None:
        rejected = app.closed_reason is ClosedReason.REJECTED
        planned = " A reply to thank them is planned." if rejected else ""
        ctx.print(f"Closed ({CLOSED_REASON_NAMES[app.closed_reason]}).{planned}")
    if app.stage.kind is StageKind.CLOSED_WON:
        others = ctx.services.applications.still_open_elsewhere(app.id)
        if others:
            ctx.print(
                "Congratulations! Still open elsewhere (none is closed unless you say so;"
                " `draft ID --kind withdrawal` writes a note to withdraw):"
            )
            for other in others:
                ctx.print(f"  {other.application_id:>4}  {other.company} ({other.title})")
    return 0


def cmd_archive(ctx: Context, args: argparse.Namespace) -> int:
    ctx.services.applications.set_archived(args.id, not args.undo)
    return 0


def cmd_stages(ctx: Context, args: argparse.Namespace) -> int:
    service = ctx.services.stages
    action = args.stage_command or "list"
    if action == "add":
        service.add(
            args.name,
            StageKind(args.kind),
            args.colour,
            None if args.position is None else args.position - 1,
            ClosedReason(args.reason) if args.reason else None,
        )
    elif action == "reason":
        service.update(args.stage, closed_reason=ClosedReason(args.reason))
    elif action == "rename":
        service.rename(args.stage, args.new_name)
    elif action == "reorder":
        service.reorder(args.stage, args.position)
    elif action == "colour":
        service.update(args.stage, colour=args.colour)
    elif action == "kind":
        service.update(args.stage, kind=StageKind(args.kind))
    elif action in ("hide", "unhide"):
        service.update(args.stage, hidden=action == "hide")
    elif action == "remove":
        service.remove(args.stage)
    stages = service.all()
    if getattr(args, "json", False):
        ctx.json([render.stage_json(s) for s in stages])
    else:
        ctx.print(render.stages_text(stages))
    return 0


def _log_interview(ctx: Context, args: argparse.Namespace) -> LogResult:
    starts = ctx.when(args.at)
    assert starts is not None
    return ctx.services.events.interview(
        args.id,
        starts,
        ctx.when(args.end),
        args.round,
        args.kind,
        args.location,
        args.interviewers,
        ctx.day(args.promised_by),
        args.next_steps,
        _contact(args),
    )


def _log_moved(ctx: Context, args: argparse.Namespace) -> LogResult:
    if args.end and not args.to:
        raise UserError("--end needs --to, the new start")
    return ctx.services.events.moved(
        args.id,
        args.interview,
        ctx.when(args.to),
        ctx.when(args.end),
        ctx.when(args.at),
        args.notes,
        Mover(args.by),
    )


def _log_cancelled(ctx: Context, args: argparse.Namespace) -> LogResult:
    return ctx.services.events.cancelled(args.id, args.interview, ctx.when(args.at), args.notes)


def _log_reply(ctx: Context, args: argparse.Namespace) -> LogResult:
    return ctx.services.events.reply(
        args.id,
        ctx.when(args.at),
        ctx.day(args.promised_by),
        args.next_steps,
        args.notes,
        _contact(args),
    )


def _log_rejection(ctx: Context, args: argparse.Namespace) -> LogResult:
    return ctx.services.events.rejection(args.id, ctx.when(args.at), args.feedback)


def _log_offer(ctx: Context, args: argparse.Namespace) -> LogResult:
    return ctx.services.events.offer(
        args.id, ctx.when(args.at), ctx.when(args.deadline, end_of_day=True), args.notes
    )


def _log_sent(ctx: Context, args: argparse.Namespace) -> LogResult:
    kind = FollowUpKind(args.kind) if args.kind else None
    return ctx.services.events.sent(
        args.id, args.subject, args.body, kind, args.followup, ctx.when(args.at)
    )


LOGGERS: dict[str, Callable[[Context, argparse.Namespace], LogResult]] = {
    "interview": _log_interview,
    "moved": _log_moved,
    "cancelled": _log_cancelled,
    "reply": _log_reply,
    "rejection": _log_rejection,
    "offer": _log_offer,
    "sent": _log_sent,
}


def cmd_log(ctx: Context, args: argparse.Namespace) -> int:
    result = LOGGERS[args.event](ctx, args)
    if args.json:
        ctx.json([render.event_json(result.event, ctx.zone)])
        return 0
    ctx.print(str(result.event.id))
    if result.moved_to:
        ctx.err.write(f"Moved to {result.moved_to}.\n")
    if result.event.kind.value == "interview":
        event = result.event
        if event.promised_by is None and not event.next_steps:
            ctx.err.write(
                "Tip: record when they will answer, how, and who to contact:\n"
                f"  jobhunt-desktop next-steps {event.id} --promised-by DATE "
                "--next-steps TEXT --contact NAME\n"
            )
    if result.interviewing_elsewhere:
        ctx.err.write("You are also interviewing at these; consider telling them of the offer:\n")
        for other in result.interviewing_elsewhere:
            ctx.err.write(f"  #{other.application_id} {other.company} ({other.title})\n")
    return 0


def cmd_next_steps(ctx: Context, args: argparse.Namespace) -> int:
    if args.promised_by is None and args.next_steps is None and args.contact is None:
        raise UserError("give --promised-by, --next-steps or --contact")
    ctx.services.events.record_next_steps(
        args.event_id, ctx.day(args.promised_by), args.next_steps, _contact(args)
    )
    return 0


def cmd_due(ctx: Context, args: argparse.Namespace) -> int:
    service = ctx.services.followups
    rows = service.pending() if args.all else service.due()
    now = ctx.services.followups.now()
    if args.json:
        ctx.json([render.due_json(r.followup, r.company, r.title, ctx.zone, now) for r in rows])
    else:
        ctx.print(render.due_text(rows, ctx.zone, now))
    return 0


def cmd_followups(ctx: Context, args: argparse.Namespace) -> int:
    app = ctx.services.applications.get(args.id)
    chain = ctx.services.followups.chain(args.id)
    now = ctx.services.followups.now()
    if args.json:
        ctx.json([render.due_json(f, app.company, app.title, ctx.zone, now) for f in chain])
    else:
        ctx.print(render.chain_text(app, chain, ctx.zone, now))
    return 0


def cmd_snooze(ctx: Context, args: argparse.Namespace) -> int:
    settings = ctx.services.settings.get()
    now = ctx.services.followups.now()
    choices = {
        c.word: c.at for c in snooze_choices(now, settings.time_zone, settings.reminder_time)
    }
    until = choices.get(args.until.strip().lower()) or ctx.when(args.until)
    assert until is not None
    ctx.services.followups.snooze(args.followup_id, until)
    ctx.print(f"Snoozed until {isoformat_local(until, ctx.zone)}")
    return 0


def cmd_dismiss(ctx: Context, args: argparse.Namespace) -> int:
    ctx.services.followups.dismiss(args.followup_id)
    return 0


def cmd_config(ctx: Context, args: argparse.Namespace) -> int:
    service = ctx.services.settings
    if args.reset:
        if args.key is None or args.value is not None:
            raise UserError("--reset takes one setting name")
        service.reset(args.key)
        return 0
    if args.value is not None:
        service.set(args.key, args.value)
        return 0
    items = service.items()
    if args.key is not None:
        wanted = args.key.strip().lower()
        items = [i for i in items if i.key == wanted]
        if not items:
            spec_for(args.key)
        if not args.json:
            ctx.print(items[0].value)
            return 0
    if args.json:
        ctx.json([{"key": i.key, "value": i.value, "default": i.is_default} for i in items])
    else:
        width = max(len(i.key) for i in items)
        for item in items:
            marker = "" if item.is_default else "  (set)"
            ctx.print(f"{item.key:<{width}}  {item.value!r:<20} {item.help}{marker}")
    return 0


def cmd_replan(ctx: Context, args: argparse.Namespace) -> int:
    count = ctx.services.followups.replan_all().value
    ctx.err.write(f"Re-planned {counted(count, 'application')}.\n")
    return 0


def cmd_seed_demo(ctx: Context, args: argparse.Namespace) -> int:
    count = seed_demo(ctx.services)
    ctx.err.write(f"Added {count} sample applications. Run jobhunt-desktop to see them.\n")
    return 0


def cmd_overview(ctx: Context, args: argparse.Namespace) -> int:
    """With no command: a short overview of the board and what is due."""
    stages = ctx.services.stages.all()
    rows = ctx.services.applications.board()
    counts = {s.id: 0 for s in stages}
    for row in rows:
        counts[row.stage_id] = counts.get(row.stage_id, 0) + 1
    for stage in stages:
        ctx.print(f"{stage.name:<20} {counts.get(stage.id, 0):>5}")
    due = ctx.services.followups.due()
    ctx.print(
        f"\n{counted(len(due), 'follow-up')} due. "
        "`jobhunt-desktop due` lists them; --help for more."
    )
    return 0


def cmd_draft(ctx: Context, args: argparse.Namespace) -> int:
    composed = ctx.services.drafting.compose(
        args.id,
        followup_id=args.followup,
        kind=FollowUpKind(args.kind) if args.kind else None,
        template_key=args.template,
    )
    if args.json:
        ctx.json(render.draft_json(composed))
    else:
        ctx.print(render.draft_text(composed))
    return 0


def _body(args: argparse.Namespace) -> str | None:
    if args.body_file is None:
        return str(args.body) if args.body is not None else None
    source = "the text on standard input" if args.body_file == "-" else f"'{args.body_file}'"
    not_text = UserError(f"{source} is not UTF-8 text; save it as UTF-8")
    try:
        if args.body_file == "-":
            text = sys.stdin.read()
        else:
            text = Path(args.body_file).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise not_text from None
    except OSError as error:
        raise UserError(f"'{args.body_file}' could not be read ({error.strerror})") from error
    if undecodable(text):
        raise not_text
    return text


def cmd_templates(ctx: Context, args: argparse.Namespace) -> int:
    service = ctx.services.drafting
    action = args.template_command or "list"
    if action == "show":
        item = service.template(args.key)
        if args.json:
            ctx.json(render.template_json(item))
        else:
            ctx.print(render.template_text(item))
        return 0
    if action == "edit":
        current = service.template(args.key).template
        body = _body(args)
        service.save_template(
            current.key,
            args.name if args.name is not None else current.name,
            args.subject if args.subject is not None else current.subject,
            body if body is not None else current.body,
            current.kind,
        )
        return 0
    if action == "add":
        body = _body(args)
        if body is None:
            raise UserError("a template needs a body: give --body or --body-file")
        kind = FollowUpKind(args.kind) if args.kind else None
        ctx.print(
            service.save_template(None, args.name, args.subject, body, kind).value.template.key
        )
        return 0
    if action == "reset":
        service.restore_default(args.key)
        return 0
    if action == "remove":
        service.delete_template(args.key)
        return 0
    items = service.templates()
    if getattr(args, "json", False):
        ctx.json([render.template_json(i) for i in items])
    else:
        ctx.print(render.templates_text(items))
    return 0


def _print_result(ctx: Context, result: CheckResult) -> None:
    now = isoformat_local(ctx.services.reminders.now(), ctx.zone)
    for notice in result.delivered:
        ctx.print(f"{now} notified: {notice.title}: {notice.message}")
    for notice, error in result.failed:
        ctx.err.write(f"{now} not shown ({error}): {notice.message}\n")
    ctx.out.flush()


PAUSES = {"hour": timedelta(hours=1), "tomorrow": timedelta(days=1)}


def cmd_reminders(ctx: Context, args: argparse.Namespace) -> int:
    if args.pause or args.resume:
        return _pause_reminders(ctx, PAUSES[args.pause] if args.pause else None)
    if args.install_autostart or args.remove_autostart:
        entry = autostart.entry_for(autostart.watcher_command(ctx.named_database))
        if args.install_autostart:
            ctx.print(f"The reminder watcher will start at login: {autostart.install(entry)}")
        elif autostart.remove(entry):
            ctx.print(f"Removed {entry.path}")
        else:
            ctx.print("The reminder watcher was not set to start at login.")
        return 0
    if ctx.notifier is None:
        raise UserError("no notification backend is available here")
    notifier = ctx.notifier()
    if args.once:
        result = ctx.services.reminders.check(notifier, process_token(), this_device())
        _print_result(ctx, result)
        return 1 if result.failed else 0
    stopping: list[int] = []

    def stop(signum: int, _frame: object) -> None:
        stopping.append(signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    problem = notifier.problem()
    if problem is not None:
        ctx.err.write(f"jobhunt-desktop: notifications will fail: {problem}\n")
    watch(
        ctx.services.reminders,
        notifier,
        should_stop=lambda: bool(stopping),
        sleep=lambda s: _sleep_unless(stopping, s),
        on_result=lambda r: _print_result(ctx, r),
        chores=(ctx.services.backups.daily_if_due, ctx.services.calendar.keep_file_current),
        device=this_device(),
    )
    return 0


def _pause_reminders(ctx: Context, span: timedelta | None) -> int:
    """The tray's pause, from the command line: the window and the watcher honour it."""
    until = ctx.services.settings.pause_reminders(span).value
    if until is None:
        ctx.print("Reminders are on again.")
    else:
        ctx.print(f"Reminders paused until {isoformat_local(until, ctx.zone)}")
    return 0


def _sleep_unless(stopping: list[int], seconds: float) -> None:
    if not stopping:
        time.sleep(seconds)


HANDLERS: dict[str | None, Callable[[Context, argparse.Namespace], int]] = {
    None: cmd_overview,
    "add": cmd_add,
    "show": cmd_show,
    "list": cmd_list,
    "edit": cmd_edit,
    "move": cmd_move,
    "archive": cmd_archive,
    "stages": cmd_stages,
    "draft": cmd_draft,
    "templates": cmd_templates,
    "reminders": cmd_reminders,
    "log": cmd_log,
    "events": cmd_events,
    "attach": cmd_attach,
    "backup": cmd_backup,
    "backups": cmd_backups,
    "restore": cmd_restore,
    "export": cmd_export,
    "import": cmd_import,
    "transfer": cmd_transfer,
    "stats": cmd_stats,
    "attachments": cmd_attachments,
    "attachment": cmd_attachment,
    "event": cmd_event,
    "next-steps": cmd_next_steps,
    "due": cmd_due,
    "followups": cmd_followups,
    "snooze": cmd_snooze,
    "dismiss": cmd_dismiss,
    "config": cmd_config,
    "replan": cmd_replan,
    "seed-demo": cmd_seed_demo,
}
