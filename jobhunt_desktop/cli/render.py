"""Text and JSON shapes of what the commands print."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict
from datetime import datetime
from typing import Any

from jobhunt_desktop.domain.entities import Application, Event, FollowUp
from jobhunt_desktop.domain.lateness import followup_is_late
from jobhunt_desktop.domain.messages import mailto_url
from jobhunt_desktop.domain.readmodels import BoardRow, DueRow
from jobhunt_desktop.domain.rules import PastApplication
from jobhunt_desktop.domain.stages import Stage
from jobhunt_desktop.domain.timeutil import isoformat_local, zone
from jobhunt_desktop.domain.wording import RULE_ACTIONS
from jobhunt_desktop.services.applications import Story
from jobhunt_desktop.services.drafting import Composed, TemplateItem


def _iso(value: datetime | None, zone_name: str) -> str | None:
    return None if value is None else isoformat_local(value, zone_name)


def _short(value: datetime | None, zone_name: str) -> str:
    if value is None:
        return "-"
    return value.astimezone(zone(zone_name)).strftime("%a %d %b %Y %H:%M")


def r11_warning(past: PastApplication, zone_name: str) -> str:
    when = (
        past.rejected_at.astimezone(zone(zone_name)).date().isoformat() if past.rejected_at else "?"
    )
    return (
        f"Warning: {past.company} rejected your application #{past.application_id} "
        f"({past.title}) on {when}."
    )


def board_json(row: BoardRow, stage: Stage, zone_name: str) -> dict[str, Any]:
    return {
        "id": row.id,
        "company": row.company,
        "title": row.title,
        "stage": stage.name,
        "stage_id": row.stage_id,
        "position": row.position,
        "priority": row.priority,
        "tags": list(row.tags),
        "location": row.location,
        "applied_on": row.applied_on.isoformat() if row.applied_on else None,
        "in_stage_since": _iso(row.stage_entered_at, zone_name),
        "next_followup_at": _iso(row.next_remind_at, zone_name),
    }


def board_text(rows: Sequence[BoardRow], stages: Mapping[int, Stage], zone_name: str) -> str:
    if not rows:
        return "No applications yet. Add one with: jobhunt-desktop add --company C --title T"
    lines = [f"{'ID':>5}  {'STAGE':<16} {'COMPANY':<24} {'TITLE':<30} NEXT FOLLOW-UP"]
    for r in rows:
        lines.append(
            f"{r.id:>5}  {stages[r.stage_id].name[:16]:<16} {r.company[:24]:<24} "
            f"{r.title[:30]:<30} {_short(r.next_remind_at, zone_name)}"
        )
    return "\n".join(lines)


def stage_json(stage: Stage) -> dict[str, Any]:
    data = stage._asdict()
    data["kind"] = stage.kind.value
    data["closed_reason"] = None if stage.closed_reason is None else stage.closed_reason.value
    return data


def stages_text(stages: Sequence[Stage]) -> str:
    lines = []
    for number, stage in enumerate(stages, start=1):
        hidden = "  (hidden)" if stage.hidden else ""
        reason = f"  closes as {stage.closed_reason.value}" if stage.closed_reason else ""
        lines.append(
            f"{number:>2}. {stage.name:<22} {stage.kind.value:<12} {stage.colour}{hidden}{reason}"
        )
    return "\n".join(lines)


def _plain(value: Any, zone_name: str) -> Any:
    """A JSON value: times in the user's zone with their offset, enums by value."""
    if isinstance(value, datetime):
        return _iso(value, zone_name)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "value"):
        return value.value
    if isinstance(value, tuple):
        return list(value)
    return value


def event_json(event: Event, zone_name: str) -> dict[str, Any]:
    data: dict[str, Any] = {"id": event.id, "application_id": event.application_id}
    for key, value in asdict(event).items():
        if key not in data and value is not None:
            data[key] = _plain(value, zone_name)
    return data


def due_json(
    f: FollowUp, company: str | None, title: str | None, zone_name: str, now: datetime
) -> dict[str, Any]:
    return {
        "id": f.id,
        "application_id": f.application_id,
        "company": company,
        "title": title,
        "kind": f.kind.value,
        "rule": f.rule,
        "action": RULE_ACTIONS.get(f.kind.value, f.kind.value),
        "reason": f.reason,
        "due_at": _iso(f.due_at, zone_name),
        "remind_at": _iso(f.remind_at, zone_name),
        "overdue": followup_is_late(f, now, zone_name),
        "state": f.state.value,
        "snoozed_until": _iso(f.snoozed_until, zone_name),
        "sent_at": _iso(f.sent_at, zone_name),
        "subject": f.subject,
    }


def due_text(rows: Sequence[DueRow], zone_name: str, now: datetime) -> str:
    if not rows:
        return "Nothing is due. Well done."
    lines = []
    for row in rows:
        f = row.followup
        who = f"{row.company} ({row.title})" if row.company else "Your search"
        late = "  OVERDUE" if followup_is_late(f, now, zone_name) else ""
        lines.append(
            f"#{f.id:<5} {_short(f.remind_at, zone_name)}  [{f.rule}] "
            f"{RULE_ACTIONS.get(f.kind.value, f.kind.value)}: {who}{late}\n"
            f"        {f.reason or ''}"
        )
    return "\n".join(lines)


def chain_text(app: Application, chain: Sequence[FollowUp], zone_name: str, now: datetime) -> str:
    lines = [f"Follow-ups for #{app.id} {app.company} ({app.title}):"]
    if not chain:
        lines.append("  none")
    for f in chain:
        lines.append(
            f"  #{f.id:<5} {f.state.value:<10} {_short(f.remind_at, zone_name)}  [{f.rule}] "
            f"{RULE_ACTIONS.get(f.kind.value, f.kind.value)} - {f.reason or ''}"
        )
    return "\n".join(lines)


def _application_json(app: Application, zone_name: str) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, value in asdict(app).items():
        if key == "stage":
            data["stage"] = app.stage.name
            data["stage_id"] = app.stage.id
        elif key == "contacts":
            data["contacts"] = [
                {k: _plain(v, zone_name) for k, v in asdict(c).items()} for c in app.contacts
            ]
        else:
            data[key] = _plain(value, zone_name)
    return data


def story_json(story: Story, zone_name: str, now: datetime) -> dict[str, Any]:
    data = _application_json(story.application, zone_name)
    data["events"] = [event_json(e, zone_name) for e in story.events]
    data["followups"] = [
        due_json(f, story.application.company, story.application.title, zone_name, now)
        for f in story.followups
    ]
    data["history"] = [
        {
            "at": _iso(h.at, zone_name),
            "action": h.action,
            "field": h.field,
            "old": h.old_value,
            "new": h.new_value,
            "undone": h.undone,
        }
        for h in story.history
    ]
    return data


def story_text(story: Story, zone_name: str) -> str:
    app = story.application
    lines = [f"#{app.id}  {app.company} - {app.title}", f"Stage: {app.stage.name}"]
    fields = [
        ("Applied on", app.applied_on.isoformat() if app.applied_on else None),
        ("URL", app.url),
        ("Location", app.location),
        ("Work mode", app.work_mode.value if app.work_mode else None),
        ("Salary", _salary(app)),
        ("Source", app.source),
        ("Priority", str(app.priority) if app.priority else None),
        ("Tags", ", ".join(app.tags) or None),
        ("Closed", app.closed_reason.value if app.closed_reason else None),
        ("Archived", "yes" if app.archived else None),
        ("Notes", app.notes),
    ]
    lines += [f"{label}: {value}" for label, value in fields if value]
    if app.contacts:
        lines.append("Contacts:")
        for c in app.contacts:
            extra = ", ".join(x for x in (c.role.value if c.role else None, c.email, c.phone) if x)
            lines.append(f"  {c.name}" + (f" ({extra})" if extra else ""))
    if story.events:
        lines.append("Events:")
        lines.append(events_text(story.events, zone_name, indent="  "))
    if story.followups:
        lines.append("Follow-ups:")
        for f in story.followups:
            lines.append(
                f"  #{f.id:<5} {f.state.value:<10} {_short(f.remind_at, zone_name)}  [{f.rule}] "
                f"{RULE_ACTIONS.get(f.kind.value, f.kind.value)}"
            )
    if story.history:
        lines.append("History:")
        for h in story.history:
            change = f" {h.field}" if h.field else ""
            values = ""
            if h.old_value or h.new_value:
                values = f": {h.old_value or '-'} -> {h.new_value or '-'}"
            undone = "  (undone)" if h.undone else ""
            lines.append(f"  {_short(h.at, zone_name)}  {h.action}{change}{values}{undone}")
    return "\n".join(lines)


def _salary(app: Application) -> str | None:
    if app.salary_min is None and app.salary_max is None:
        return app.salary_text
    span = "-".join(str(v) for v in (app.salary_min, app.salary_max) if v is not None)
    parts = [
        span,
        app.salary_currency or "",
        f"per {app.salary_period.value}" if app.salary_period else "",
    ]
    return " ".join(p for p in parts if p)


def events_text(events: Sequence[Event], zone_name: str, indent: str = "") -> str:
    """One line per event, with its id for `event edit` and `event delete`."""
    return "\n".join(
        f"{indent}#{e.id:<5} {_short(e.occurred_at, zone_name)}  {e.kind.value}"
        f"{_event_detail(e)}{'  (from a move)' if e.implied else ''}"
        for e in events
    )


def _event_detail(e: Event) -> str:
    bits = []
    if e.round:
        bits.append(f"round {e.round}")
    if e.interview_kind:
        bits.append(e.interview_kind)
    if e.promised_by:
        bits.append(f"answer by {e.promised_by.isoformat()}")
    if e.next_steps:
        bits.append(f"next: {e.next_steps}")
    if e.feedback:
        bits.append(f"feedback: {e.feedback}")
    if e.subject:
        bits.append(e.subject)
    if e.related_event_id:
        bits.append(f"interview #{e.related_event_id}")
    return f" ({'; '.join(bits)})" if bits else ""


def draft_json(composed: Composed) -> dict[str, Any]:
    followup = composed.followup
    return {
        "application_id": composed.application_id,
        "followup_id": followup.id if followup is not None else None,
        "kind": composed.kind.value,
        "template": composed.template.key,
        "to": composed.recipient.address,
        "to_name": composed.recipient.name,
        "to_email": composed.recipient.email,
        "subject": composed.subject,
        "body": composed.body,
        "mailto": mailto_url(composed.recipient.email or "", composed.subject, composed.body),
    }


def draft_text(composed: Composed) -> str:
    to = composed.recipient.address or "(no contact with an email on this card)"
    return f"To: {to}\nSubject: {composed.subject}\n\n{composed.body}"


def template_json(item: TemplateItem) -> dict[str, Any]:
    t = item.template
    return {
        "key": t.key,
        "name": t.name,
        "kind": t.kind.value if t.kind is not None else None,
        "builtin": t.builtin,
        "edited": item.modified,
        "subject": t.subject,
        "body": t.body,
    }


def templates_text(items: Sequence[TemplateItem]) -> str:
    width = max(len(i.template.key) for i in items)
    lines = []
    for item in items:
        t = item.template
        marker = " (edited)" if item.modified else "" if t.builtin else " (yours)"
        lines.append(f"{t.key:<{width}}  {t.name}{marker}")
    return "\n".join(lines)


def template_text(item: TemplateItem) -> str:
    t = item.template
    answers = t.kind.value if t.kind is not None else "any follow-up"
    return f"{t.name} [{t.key}, for {answers}]\nSubject: {t.subject}\n\n{t.body}"
