"""What an import would do, decided before anything is written: the cards it adds,
the rows it skips and why, and the questions the person must answer first (status
values no stage fits, date columns that read both ways).

Nothing of a row is lost: a column no field takes, or a value a field cannot hold (a
salary of "competitive"), goes into the card's notes under its header.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from jobhunt_desktop.domain.csv_export import is_own_export, revived
from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.domain.import_columns import FIELD_NAMES, ColumnMap
from jobhunt_desktop.domain.import_stages import StageChoice, stage_for, status_key
from jobhunt_desktop.domain.import_values import (
    AmbiguousDatesError,
    DayOrder,
    as_day,
    day_order,
    parse_salary,
)
from jobhunt_desktop.domain.stages import ClosedReason, Stage, StageKind
from jobhunt_desktop.domain.validation import clean_fields

NO_TITLE = "(role not given)"
_DATE_FIELDS = ("applied_on", "added_on", "closed_on")
_TEXT_FIELDS = ("url", "location", "source", "description", "salary_text")
_WORK_MODES = {
    "remote": "remote",
    "fully remote": "remote",
    "hybrid": "hybrid",
    "on site": "onsite",
    "onsite": "onsite",
    "on-site": "onsite",
    "office": "onsite",
    "in office": "onsite",
}
_YES = {"yes", "y", "true", "1", "x", "archived"}


@dataclass(frozen=True, slots=True)
class Skipped:
    line: int
    reason: str


@dataclass(frozen=True, slots=True)
class ImportCard:
    line: int
    stage: StageChoice
    fields: dict[str, Any]  # cleaned, for ApplicationRepository.add (company, title...)
    contacts: tuple[str, ...] = ()
    added_on: date | None = None


@dataclass(frozen=True, slots=True)
class ImportPlan:
    cards: tuple[ImportCard, ...]
    skipped: tuple[Skipped, ...]
    unmapped_columns: tuple[str, ...]
    unknown_statuses: tuple[str, ...] = ()  # asked before anything is written
    ambiguous_dates: tuple[str, ...] = ()  # headers of columns to give an order
    own_export: bool = False
    waiting: int = 0  # rows held back until their status has a stage

    @property
    def ready(self) -> bool:
        return not self.unknown_statuses and not self.ambiguous_dates


@dataclass(frozen=True, slots=True)
class Answers:
    """What the person said: stage per status value, and each date column's order."""

    stages: Mapping[str, StageChoice] = field(default_factory=dict)  # by status_key
    day_orders: Mapping[str, DayOrder] = field(default_factory=dict)  # by header
    day_order: DayOrder | None = None  # for every ambiguous column


def norm(text: str | None) -> str:
    return " ".join(re.findall(r"\w+", (text or "").lower()))


def duplicate_keys(
    company: str, title: str, applied_on: date | None, url: str | None
) -> tuple[tuple[str, ...], ...]:
    """A card is the same as another with the same company, role and day applied, or
    the same job ad."""
    keys: list[tuple[str, ...]] = [
        ("card", norm(company), norm(title), applied_on.isoformat() if applied_on else "")
    ]
    if url:
        keys.append(("url", url.strip().rstrip("/").lower()))
    return tuple(keys)


def without_duplicates(
    plan: ImportPlan, existing: set[tuple[str, ...]]
) -> tuple[tuple[ImportCard, ...], tuple[Skipped, ...]]:
    """The plan's cards less those that have come onto the board since it was made."""
    cards: list[ImportCard] = []
    skipped = list(plan.skipped)
    for card in plan.cards:
        f = card.fields
        keys = duplicate_keys(f["company"], f["title"], f.get("applied_on"), f.get("url"))
        if any(k in existing for k in keys):
            skipped.append(
                Skipped(card.line, f"{f['company']}, {f['title']}: already on the board")
            )
        else:
            cards.append(card)
    return tuple(cards), tuple(sorted(skipped, key=lambda s: s.line))


def plan_import(
    headers: Sequence[str],
    rows: Iterable[tuple[int, Sequence[object]]],
    columns: ColumnMap,
    stages: Sequence[Stage],
    existing: set[tuple[str, ...]],
    answers: Answers = Answers(),
) -> ImportPlan:
    rows = list(rows)
    own = is_own_export(headers)
    orders, ambiguous = _date_orders(headers, rows, columns, answers)
    statuses = columns.column_of("stage")
    unknown: dict[str, str] = {}
    cards: list[ImportCard] = []
    skipped: list[Skipped] = []
    first_seen: dict[tuple[str, ...], int] = {}  # key -> the line that had it first
    cache: _StageCache = {}
    waiting = 0
    for line, cells in rows:
        values = [revived(c) if own and isinstance(c, str) else c for c in cells]
        try:
            card, status = _card(line, headers, values, columns, stages, orders, answers, cache)
        except _RowError as problem:
            skipped.append(Skipped(line, str(problem)))
            continue
        if card is None:
            assert statuses is not None
            unknown.setdefault(status_key(status), status.strip())
            waiting += 1
            continue
        keys = duplicate_keys(
            card.fields["company"],
            card.fields["title"],
            card.fields.get("applied_on"),
            card.fields.get("url"),
        )
        name = f"{card.fields['company']}, {card.fields['title']}"
        if any(k in existing for k in keys):
            skipped.append(Skipped(line, f"{name}: already on the board"))
            continue
        earlier = next((first_seen[k] for k in keys if k in first_seen), None)
        if earlier is not None:
            skipped.append(Skipped(line, f"{name}: the same as line {earlier}"))
            continue
        first_seen.update(dict.fromkeys(keys, line))
        cards.append(card)
    return ImportPlan(
        tuple(cards),
        tuple(skipped),
        columns.unmapped,
        tuple(unknown.values()),
        tuple(ambiguous),
        own,
        waiting,
    )


class _RowError(ValueError):
    pass


def _date_orders(
    headers: Sequence[str],
    rows: Sequence[tuple[int, Sequence[object]]],
    columns: ColumnMap,
    answers: Answers,
) -> tuple[dict[int, DayOrder | None], list[str]]:
    orders: dict[int, DayOrder | None] = {}
    ambiguous: list[str] = []
    for index, name in columns.fields.items():
        if name not in _DATE_FIELDS:
            continue
        header = headers[index]
        texts = [str(cells[index]) for _, cells in rows if isinstance(cells[index], str)]
        try:
            orders[index] = day_order(texts)
        except AmbiguousDatesError:
            given = answers.day_orders.get(header) or answers.day_order
            orders[index] = given
            if given is None:
                ambiguous.append(header)
        except ValueError:
            orders[index] = None  # mixed orders: the rows that cannot be read are skipped
    return orders, ambiguous


def _evident_order(value: object) -> DayOrder | None:
    """The order a single slashed date shows by itself (24/11 or 11/24), if any."""
    try:
        return day_order([value]) if isinstance(value, str) else None
    except ValueError:  # ambiguous by itself too
        return None


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _card(
    line: int,
    headers: Sequence[str],
    cells: Sequence[object],
    columns: ColumnMap,
    stages: Sequence[Stage],
    orders: Mapping[int, DayOrder | None],
    answers: Answers,
    cache: _StageCache,
) -> tuple[ImportCard | None, str]:
    raw: dict[str, object] = {}
    notes: list[str] = []
    for index, value in enumerate(cells):
        name = columns.fields.get(index)
        header = headers[index] if index < len(headers) else f"column {index + 1}"
        if name == "skip":
            continue
        if name is None:
            if _text(value):
                notes.append(f"{header}: {_text(value)}")
            continue
        if name in _DATE_FIELDS:
            try:
                raw[name] = as_day(value, orders[index] or _evident_order(value))
            except AmbiguousDatesError:  # a column that mixes both orders
                if name == "applied_on":
                    raise _RowError(f"{header}: '{_text(value)}' reads both ways") from None
                notes.append(f"{header}: {_text(value)}")
            except ValueError as problem:
                if name == "applied_on":
                    raise _RowError(f"{header}: {problem}") from None
                notes.append(f"{header}: {_text(value)}")
            continue
        raw[name] = value
    company = _text(raw.get("company"))
    if not company:
        raise _RowError("no company")
    status = _text(raw.get("stage"))
    choice = _stage(status, raw.get("applied_on") is not None, stages, answers, cache)
    if choice is None:
        return None, status
    fields, more_notes = _fields(raw, company, choice, stages)
    note_lines = [n for n in (_text(raw.get("notes")), *more_notes, *notes) if n]
    if note_lines:
        fields["notes"] = "\n".join(note_lines)
    contacts = tuple(c.strip() for c in re.split(r"[;\n]", _text(raw.get("contacts"))) if c.strip())
    added = raw.get("added_on")
    return (
        ImportCard(line, choice, fields, contacts, added if isinstance(added, date) else None),
        status,
    )


_StageCache = dict[tuple[str, bool], StageChoice | None]


def _stage(
    status: str, applied: bool, stages: Sequence[Stage], answers: Answers, cache: _StageCache
) -> StageChoice | None:
    key = (status, applied)
    if key not in cache:  # a file holds a few distinct values, many times over
        cache[key] = _stage_of(status, applied, stages, answers)
    return cache[key]


def _stage_of(
    status: str, applied: bool, stages: Sequence[Stage], answers: Answers
) -> StageChoice | None:
    if not status:
        return stage_for("applied" if applied else "wishlist", stages) or StageChoice(stages[0].id)
    return answers.stages.get(status_key(status)) or stage_for(status, stages)


def _fields(
    raw: Mapping[str, object], company: str, choice: StageChoice, stages: Sequence[Stage]
) -> tuple[dict[str, Any], list[str]]:
    """The card's fields, each checked on its own: a value that does not fit its field
    goes to the notes instead of stopping the row."""
    wanted: dict[str, object] = {
        "company": company,
        "title": _text(raw.get("title")) or NO_TITLE,
        "applied_on": raw.get("applied_on"),
    }
    for name in _TEXT_FIELDS:
        if _text(raw.get(name)):
            wanted[name] = _text(raw.get(name))
    salary_text = _text(raw.get("salary"))
    if salary_text:
        wanted["salary_text"] = salary_text
        salary = parse_salary(salary_text)
        if salary is not None:
            wanted.update(
                salary_min=salary.low,
                salary_max=salary.high,
                salary_currency=salary.currency,
                salary_period=salary.period.value if salary.period else None,
            )
    for name in ("salary_min", "salary_max"):
        if _text(raw.get(name)):
            amount = parse_salary(_text(raw.get(name)))
            wanted[name] = amount.low if amount else _text(raw.get(name))
    for name in ("salary_currency", "salary_period", "priority"):
        if _text(raw.get(name)):
            wanted[name] = (
                _text(raw.get(name)).lower() if name != "salary_currency" else _text(raw.get(name))
            )
    mode = _text(raw.get("work_mode")).lower()
    if mode:
        wanted["work_mode"] = _WORK_MODES.get(mode.replace("-", " "), mode)
    tags = _text(raw.get("tags"))
    if tags:
        wanted["tags"] = [t for t in re.split(r"[;,]", tags) if t.strip()]
    reason = _reason(_text(raw.get("closed_reason")), choice, stages)
    if reason is not None:
        wanted["closed_reason"] = reason.value
    notes: list[str] = []
    said = _text(raw.get("closed_reason"))
    if said and said.lower() not in {r.value for r in ClosedReason}:  # words, not a code
        notes.append(f"Why it ended: {said}")
    if _text(raw.get("archived")).lower() in _YES:
        wanted["archived"] = True
    for extra, label in (("next_action", "Next action"), ("job_type", "Job type")):
        if _text(raw.get(extra)):
            notes.append(f"{label}: {_text(raw.get(extra))}")
    closed_on = raw.get("closed_on")
    if isinstance(closed_on, date):
        notes.append(f"Closed on {closed_on.isoformat()}")
    archived = bool(wanted.pop("archived", False))
    fields: dict[str, Any] = {}
    for name, value in wanted.items():
        try:
            fields.update(clean_fields({name: value}))
        except UserError:
            notes.append(f"{FIELD_NAMES.get(name, name)}: {_text(value)}")
    low, high = fields.get("salary_min"), fields.get("salary_max")
    if low is not None and high is not None and low > high:
        fields["salary_min"], fields["salary_max"] = high, low
    if archived:
        fields["archived"] = True
    return fields, notes


def _reason(text: str, choice: StageChoice, stages: Sequence[Stage]) -> ClosedReason | None:
    kind = next((s.kind for s in stages if s.id == choice.stage_id), None)
    if kind is None or not kind.is_closed:
        return None
    if text:
        said = stage_for(text, stages)
        if said is not None and said.closed_reason is not None:
            return said.closed_reason
    if choice.closed_reason is not None:
        return choice.closed_reason
    return ClosedReason.ACCEPTED if kind is StageKind.CLOSED_WON else None


__all__ = [
    "Answers",
    "ImportCard",
    "ImportPlan",
    "Skipped",
    "duplicate_keys",
    "norm",
    "plan_import",
]
