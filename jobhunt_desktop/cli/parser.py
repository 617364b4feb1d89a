"""The command line's grammar; handlers live in `commands`."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import NoReturn

from jobhunt_desktop.cli.options import DESCRIPTION, add_global_options
from jobhunt_desktop.domain.entities import (
    ClosedReason,
    ContactRole,
    FollowUpKind,
    Mover,
    SalaryPeriod,
    WorkMode,
)
from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.domain.stages import LOST_REASONS, StageKind
from jobhunt_desktop.domain.validation import MAX_ID, undecodable

MESSAGE_KINDS = [k.value for k in FollowUpKind if k.is_message]
EPILOG = """Dates: YYYY-MM-DD, or YYYY-MM-DDTHH:MM with an optional offset; without an
offset they are read in your time zone (`config time_zone`)."""


# Counts and places in a list are small; ids are 64-bit (MAX_ID).
MAX_COUNT = 10_000


class Parser(argparse.ArgumentParser):
    """argparse that reports a mistake in one line, with where to read more."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see '{self.prog} --help')\n")


def whole_number(what: str, high: int, hint: str) -> Callable[[str], int]:
    """An argparse type: a whole number from 1 to `high`, said plainly otherwise."""

    def parse(text: str) -> int:
        try:
            value = int(text.strip().replace("_", ""))
        except ValueError:
            value = None
        if value is None or not 1 <= value <= high:
            raise argparse.ArgumentTypeError(f"'{text}' is not {what} ({hint})")
        return value

    parse.__name__ = what  # argparse names the type in some messages
    return parse


record_id = whole_number("an id", MAX_ID, "ids are whole numbers from 1, as `list` shows them")
count = whole_number("a number", MAX_COUNT, f"a whole number from 1 to {MAX_COUNT:,}")


# Options that name files: a file name may hold any bytes, text may not.
PATH_OPTIONS = frozenset({"db", "body_file"})


def refuse_undecodable(args: argparse.Namespace) -> None:
    """Refuse text that arrived as bytes which are not UTF-8 (Python keeps such bytes
    as lone surrogates): stored, they could never be shown or exported again."""
    for name, value in vars(args).items():
        if name in PATH_OPTIONS:
            continue
        for text in value if isinstance(value, list | tuple) else (value,):
            if isinstance(text, str) and undecodable(text):
                option = name.replace("_", "-")
                raise UserError(
                    f"the {option} given is not valid text: it holds bytes that are not "
                    "UTF-8 (check your terminal's character encoding)"
                )


def _now(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--now", metavar="ISO-8601", help="act as if it were this time (default: the clock)"
    )


def _json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print a JSON array")


def _application_fields(parser: argparse.ArgumentParser, *, required: bool) -> None:
    parser.add_argument("--company", required=required, help="the employer")
    parser.add_argument("--title", required=required, help="the role's title")
    parser.add_argument("--applied-on", metavar="DATE", help="the day you applied")
    parser.add_argument("--url", help="the job posting's address")
    parser.add_argument("--location")
    parser.add_argument("--work-mode", choices=[m.value for m in WorkMode])
    parser.add_argument("--salary-min", metavar="N")
    parser.add_argument("--salary-max", metavar="N")
    parser.add_argument("--currency", metavar="CODE", help="e.g. EUR, USD")
    parser.add_argument("--period", choices=[p.value for p in SalaryPeriod], help="salary period")
    parser.add_argument("--salary-text", metavar="TEXT", help="salary as advertised")
    parser.add_argument("--source", help="where you found it")
    parser.add_argument("--priority", help="low, normal, high or top")
    parser.add_argument("--tag", action="append", metavar="TAG", help="repeat for several tags")
    parser.add_argument("--notes")
    parser.add_argument("--description", help="the job description text")


def _contact(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--contact", metavar="NAME|ID", help="who to follow up with")
    parser.add_argument("--contact-email", metavar="EMAIL")
    parser.add_argument("--contact-phone", metavar="PHONE")
    parser.add_argument("--contact-role", choices=[r.value for r in ContactRole])


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="jobhunt-desktop", description=DESCRIPTION, epilog=EPILOG)
    add_global_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    add = commands.add_parser("add", help="add an application; prints its id")
    _application_fields(add, required=True)
    add.add_argument("--stage", help="the column to put it in (default: the first)")
    _now(add)

    show = commands.add_parser("show", help="an application's whole story")
    show.add_argument("id", type=record_id)
    _json(show)

    listing = commands.add_parser("list", help="applications on the board")
    listing.add_argument("--stage")
    listing.add_argument("--archived", action="store_true", help="include archived cards")
    _json(listing)

    edit = commands.add_parser("edit", help="change an application's fields")
    edit.add_argument("id", type=record_id)
    _application_fields(edit, required=False)
    edit.add_argument("--closed-reason", choices=[r.value for r in ClosedReason])
    edit.add_argument("--clear", action="append", metavar="FIELD", default=[], help="empty a field")
    edit.add_argument(
        "--entered-stage",
        metavar="WHEN",
        help="when the card really entered its stage (the history keeps the old time)",
    )
    _now(edit)

    move = commands.add_parser("move", help="move an application to another stage")
    move.add_argument("id", type=record_id)
    move.add_argument("stage")
    move.add_argument("--position", type=count, metavar="N", help="1-based place in the column")
    move.add_argument("--reason", choices=[r.value for r in ClosedReason], help="why it closed")
    _now(move)

    archive = commands.add_parser("archive", help="hide an application from the board")
    archive.add_argument("id", type=record_id)
    archive.add_argument("--undo", action="store_true", help="bring it back")
    _now(archive)

    stages = commands.add_parser("stages", help="list and manage the board's stages")
    stage_commands = stages.add_subparsers(dest="stage_command", metavar="ACTION")
    _json(stage_commands.add_parser("list", help="list the stages (the default)"))
    stages.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    stage_add = stage_commands.add_parser("add", help="add a stage")
    stage_add.add_argument("name")
    stage_add.add_argument(
        "--kind", choices=[k.value for k in StageKind], default=StageKind.ACTIVE.value
    )
    stage_add.add_argument("--colour", default="#64748b")
    stage_add.add_argument("--position", type=count, metavar="N", help="1-based place")
    lost_reasons = [r.value for r in LOST_REASONS]
    stage_add.add_argument(
        "--reason", choices=lost_reasons, help="why its cards are closed (closed_lost only)"
    )
    rename = stage_commands.add_parser("rename", help="rename a stage")
    rename.add_argument("stage")
    rename.add_argument("new_name")
    reorder = stage_commands.add_parser("reorder", help="move a stage to another place")
    reorder.add_argument("stage")
    reorder.add_argument("position", type=count, help="1-based place")
    colour = stage_commands.add_parser("colour", help="set a stage's colour")
    colour.add_argument("stage")
    colour.add_argument("colour")
    kind = stage_commands.add_parser("kind", help="set what a stage means to the rules")
    kind.add_argument("stage")
    kind.add_argument("kind", choices=[k.value for k in StageKind])
    reason = stage_commands.add_parser(
        "reason", help="set why a closed_lost stage's cards are closed (rejected plans a reply)"
    )
    reason.add_argument("stage")
    reason.add_argument("reason", choices=lost_reasons)
    hide = stage_commands.add_parser("hide", help="hide a stage's column")
    hide.add_argument("stage")
    unhide = stage_commands.add_parser("unhide", help="show a hidden stage's column")
    unhide.add_argument("stage")
    remove = stage_commands.add_parser("remove", help="remove an empty stage")
    remove.add_argument("stage")

    log = commands.add_parser("log", help="log what happened on an application")
    log.add_argument("id", type=record_id)
    events = log.add_subparsers(dest="event", metavar="EVENT", required=True)
    interview = events.add_parser("interview", help="an interview, past or scheduled")
    interview.add_argument("--at", required=True, metavar="WHEN", help="when it starts")
    interview.add_argument("--end", metavar="WHEN", help="when it ends (default: 1 hour)")
    interview.add_argument("--round", type=count)
    interview.add_argument("--kind", help="phone, video, onsite, technical, ...")
    interview.add_argument("--location", help="address or meeting link")
    interview.add_argument("--interviewers")
    interview.add_argument("--promised-by", metavar="DATE", help="when they said they'd answer")
    interview.add_argument("--next-steps", metavar="TEXT", help="what they said happens next")
    _contact(interview)
    moved = events.add_parser("moved", help="an interview was moved (by them, or at your request)")
    moved.add_argument(
        "--interview", type=record_id, metavar="EVENT_ID", help="default: the latest"
    )
    moved.add_argument("--to", metavar="WHEN", help="the new start, if known")
    moved.add_argument("--end", metavar="WHEN", help="the new end")
    moved.add_argument("--at", metavar="WHEN", help="when they told you (default: now)")
    moved.add_argument("--notes")
    moved.add_argument(
        "--by",
        choices=[m.value for m in Mover],
        default=Mover.EMPLOYER.value,
        help="who moved it (default: employer); a move you asked for plans no follow-up",
    )
    cancelled = events.add_parser("cancelled", help="the employer cancelled an interview")
    cancelled.add_argument("--interview", type=record_id, metavar="EVENT_ID")
    cancelled.add_argument("--at", metavar="WHEN")
    cancelled.add_argument("--notes")
    reply = events.add_parser("reply", help="the employer replied")
    reply.add_argument("--at", metavar="WHEN")
    reply.add_argument("--promised-by", metavar="DATE")
    reply.add_argument("--next-steps", metavar="TEXT")
    reply.add_argument("--notes")
    _contact(reply)
    rejection = events.add_parser("rejection", help="a rejection")
    rejection.add_argument("--at", metavar="WHEN")
    rejection.add_argument("--feedback")
    offer = events.add_parser("offer", help="an offer")
    offer.add_argument("--at", metavar="WHEN")
    offer.add_argument("--deadline", metavar="WHEN", help="when you must decide")
    offer.add_argument("--notes")
    sent = events.add_parser("sent", help="a message you sent")
    sent.add_argument("--at", metavar="WHEN")
    sent.add_argument("--subject")
    sent.add_argument("--body")
    sent.add_argument("--kind", choices=MESSAGE_KINDS)
    sent.add_argument(
        "--followup", type=record_id, metavar="FOLLOWUP_ID", help="the follow-up it answers"
    )
    for sub in (interview, moved, cancelled, reply, rejection, offer, sent):
        _now(sub)
        _json(sub)

    steps = commands.add_parser("next-steps", help="record what happens after an interview (R2)")
    steps.add_argument("event_id", type=record_id, help="the interview's (or reply's) event id")
    steps.add_argument("--promised-by", metavar="DATE")
    steps.add_argument("--next-steps", metavar="TEXT")
    _contact(steps)
    _now(steps)

    due = commands.add_parser("due", help="follow-ups due now")
    due.add_argument("--all", action="store_true", help="every open follow-up, due or not")
    _now(due)
    _json(due)

    followups = commands.add_parser("followups", help="an application's follow-up chain")
    followups.add_argument("id", type=record_id)
    _json(followups)

    snooze = commands.add_parser("snooze", help="remind me later")
    snooze.add_argument("followup_id", type=record_id)
    snooze.add_argument(
        "until", metavar="UNTIL", help="hour, tomorrow (morning), week, or a date and time"
    )
    _now(snooze)

    dismiss = commands.add_parser("dismiss", help="drop a follow-up")
    dismiss.add_argument("followup_id", type=record_id)
    _now(dismiss)

    config = commands.add_parser("config", help="read or change settings")
    config.add_argument("key", nargs="?")
    config.add_argument("value", nargs="?")
    config.add_argument("--reset", action="store_true", help="back to the default")
    _json(config)
    _now(config)

    demo = commands.add_parser("seed-demo", help="fill an empty database with sample data")
    _now(demo)

    replan = commands.add_parser("replan", help="re-plan every follow-up now")
    _now(replan)
    _drafting(commands)
    _events(commands)
    _attachments(commands)
    backup = commands.add_parser("backup", help="make a checked copy of the database now")
    backup.add_argument("--output", metavar="FILE", help="write it here (default: the backups)")
    _now(backup)
    _json(commands.add_parser("backups", help="the backups kept, newest first"))
    restore = commands.add_parser(
        "restore",
        help="put a backup back (what is there now is backed up first)",
        description="Replace the cards with those of a backup made by this app (see "
        "`backups`). What the database holds now is backed up first, so a restore can "
        "itself be undone by restoring that copy.",
    )
    restore.add_argument("file", metavar="FILE", help="the backup to put back")
    _now(restore)
    export = commands.add_parser(
        "export",
        help="write the data out: csv (a row per card), json (everything), ics (calendar)",
    )
    export.add_argument("--format", choices=("csv", "json", "ics"), default="csv")
    export.add_argument("--output", metavar="FILE", help="write it here (default: stdout)")
    _now(export)
    imported = commands.add_parser(
        "import",
        help="bring cards in from a spreadsheet (.csv, .xlsx) or a JSON export of this app",
        description="Columns are found by their headers (the exports of JobSync, Hired and "
        "LinkedIn, this app's own, and the usual names); a column no field takes goes "
        "into the notes. A row already on the board, or twice in the file, is skipped. "
        "The whole import is one step, made after a backup.",
    )
    imported.add_argument("file", metavar="FILE", help="the file to import")
    use = commands.add_parser(
        "use-database",
        help="the database every later start opens (a file, or a server's URL)",
        description="Opens TARGET first (created if it is a new file, upgraded to this "
        "version's schema), then saves it in the config file that the window, every "
        "command, the reminder watcher and its login entry read. --db, --database-url, "
        "JOBHUNT_DATABASE_URL and JOBHUNT_DB still win for the run they are given to. "
        "A URL's password is not saved: put it in ~/.pgpass.",
    )
    use.add_argument("target", nargs="?", metavar="TARGET", help="a file path or URL")
    use.add_argument("--default", action="store_true", help="go back to the default file")
    transfer = commands.add_parser(
        "transfer",
        help="copy everything to another database (a SQLite file or a server's URL)",
        description="Every card, event, follow-up, setting and file, ids kept, copied "
        "through the JSON export and import into TARGET (upgraded to this version's "
        "schema first), then the two databases' exports are compared. A TARGET that "
        "holds cards is refused unless --replace is given. Use it to move to a shared "
        "database, e.g. --to postgresql+psycopg://you@host/jobhunt, and back.",
    )
    transfer.add_argument("--to", required=True, metavar="TARGET", help="a file path or URL")
    transfer.add_argument(
        "--replace", action="store_true", help="replace what TARGET holds (a file is backed up)"
    )
    stats = commands.add_parser(
        "stats",
        help="insights: the funnel, answers, time to answer, companies, sources, themes",
        description="Figures computed on this machine from the stored history. A rate "
        "or a median built on fewer than 5 cards says 'not enough data' (null in JSON).",
    )
    stats.add_argument("--since", metavar="DATE", help="cards applied for on or after DATE")
    stats.add_argument("--until", metavar="DATE", help="cards applied for on or before DATE")
    stats.add_argument(
        "--tag", action="append", metavar="TAG", help="only cards with this tag; repeat for more"
    )
    _json(stats)
    _now(stats)
    imported.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help="put a column into a field (company, title, stage, applied_on, url, notes, "
        "skip, ...); repeat for more",
    )
    imported.add_argument(
        "--stage-map",
        action="append",
        default=[],
        metavar="VALUE=STAGE",
        help="put cards with this status into this stage; repeat for more",
    )
    imported.add_argument("--encoding", help="read a CSV file in this encoding (e.g. cp1252)")
    order = imported.add_mutually_exclusive_group()
    order.add_argument(
        "--day-first", action="store_true", help="dates such as 03/04/2026 are 3 April"
    )
    order.add_argument(
        "--month-first", action="store_true", help="dates such as 03/04/2026 are 4 March"
    )
    imported.add_argument(
        "--dry-run", action="store_true", help="say what would happen, change nothing"
    )
    _json(imported)
    _now(imported)
    reminders = commands.add_parser(
        "reminders", help="show desktop notifications when follow-ups are due"
    )
    mode = reminders.add_mutually_exclusive_group(required=True)
    mode.add_argument("--once", action="store_true", help="check once and exit (cron, timers)")
    mode.add_argument("--watch", action="store_true", help="keep running and notify on time")
    mode.add_argument(
        "--install-autostart", action="store_true", help="start the watcher when you log in"
    )
    mode.add_argument("--remove-autostart", action="store_true", help="undo --install-autostart")
    mode.add_argument(
        "--pause",
        choices=["hour", "tomorrow"],
        help="hold notifications for an hour, or until tomorrow's reminder time",
    )
    mode.add_argument("--resume", action="store_true", help="end a pause")
    _now(reminders)
    return parser


def _body_options(parser: argparse.ArgumentParser) -> None:
    body = parser.add_mutually_exclusive_group()
    body.add_argument("--body", metavar="TEXT", help="the message text")
    body.add_argument("--body-file", metavar="PATH", help="read the text from a file (- : stdin)")


def _attachments(commands: argparse._SubParsersAction[Parser]) -> None:
    attach = commands.add_parser("attach", help="keep files on an application (up to 25 MB)")
    attach.add_argument("id", type=record_id)
    attach.add_argument("files", nargs="+", metavar="FILE")
    _now(attach)
    listing = commands.add_parser("attachments", help="the files kept on an application")
    listing.add_argument("id", type=record_id)
    _json(listing)
    one = commands.add_parser("attachment", help="do something with one kept file")
    actions = one.add_subparsers(dest="attachment_command", metavar="ACTION", required=True)
    save = actions.add_parser("save", help="write the file out (readable by you alone)")
    save.add_argument("attachment_id", type=record_id)
    save.add_argument("path", help="a file to write, or a folder to put it in")


def _events(commands: argparse._SubParsersAction[Parser]) -> None:
    events = commands.add_parser("events", help="what was logged on an application, with ids")
    events.add_argument("id", type=record_id)
    _json(events)
    event = commands.add_parser("event", help="correct or remove something logged")
    actions = event.add_subparsers(dest="event_command", metavar="ACTION", required=True)
    edit = actions.add_parser("edit", help="correct an event; only the fields given change")
    edit.add_argument("event_id", type=record_id)
    edit.add_argument("--at", metavar="WHEN", help="when it happened (an interview: its start)")
    edit.add_argument("--end", metavar="WHEN", help="when the interview ends")
    edit.add_argument("--round", type=count, metavar="N")
    edit.add_argument("--kind", help="the interview's kind: phone, video, onsite...")
    edit.add_argument("--location")
    edit.add_argument("--interviewers")
    edit.add_argument("--promised-by", metavar="DATE")
    edit.add_argument("--next-steps", metavar="TEXT")
    edit.add_argument("--feedback")
    edit.add_argument("--deadline", metavar="WHEN", help="an offer's decision deadline")
    edit.add_argument("--to", metavar="WHEN", help="a moved interview's new start")
    edit.add_argument("--to-end", metavar="WHEN", help="a moved interview's new end")
    edit.add_argument("--by", choices=[m.value for m in Mover], help="who moved the interview")
    edit.add_argument("--notes")
    edit.add_argument("--subject", help="a sent message's subject")
    _now(edit)
    delete = actions.add_parser("delete", help="remove an event; the card stays where it is")
    delete.add_argument("event_id", type=record_id)
    _now(delete)


def _drafting(commands: argparse._SubParsersAction[Parser]) -> None:
    draft = commands.add_parser(
        "draft", help="print the message a follow-up calls for, filled from the card"
    )
    draft.add_argument("id", type=record_id, help="the application")
    draft.add_argument(
        "--kind",
        choices=MESSAGE_KINDS,
        help="which message (default: the card's first due one)",
    )
    draft.add_argument("--followup", type=record_id, metavar="ID", help="a follow-up of the card")
    draft.add_argument("--template", metavar="KEY", help="use another template")
    draft.add_argument("--json", action="store_true", help="print a JSON object")
    _now(draft)

    templates = commands.add_parser("templates", help="list, show and edit message templates")
    actions = templates.add_subparsers(dest="template_command", metavar="ACTION")
    _json(actions.add_parser("list", help="list the templates (the default)"))
    templates.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    show = actions.add_parser("show", help="print one template")
    show.add_argument("key")
    show.add_argument("--json", action="store_true", help="print a JSON object")
    edit = actions.add_parser("edit", help="change a template (a built-in keeps its default)")
    edit.add_argument("key")
    edit.add_argument("--name")
    edit.add_argument("--subject")
    _body_options(edit)
    add = actions.add_parser("add", help="add a template of your own; prints its key")
    add.add_argument("name")
    add.add_argument("--subject", required=True)
    add.add_argument(
        "--kind",
        choices=MESSAGE_KINDS,
        help="the follow-up it answers (default: any)",
    )
    _body_options(add)
    reset = actions.add_parser("reset", help="restore a built-in template's default text")
    reset.add_argument("key")
    remove = actions.add_parser("remove", help="delete a template of your own")
    remove.add_argument("key")
