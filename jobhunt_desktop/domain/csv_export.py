"""A row per card for spreadsheets: stable English headers, UTF-8 with a BOM and CRLF
line ends (what Excel opens without asking), lists joined with "; ", and every text
cell that a spreadsheet would run as a formula made inert with a leading apostrophe.

The importer knows these headers: it recognises the app's own export and takes the
apostrophes off again, so an export read back gives the same cards.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import NamedTuple

from jobhunt_desktop.domain.timeutil import local_date

HEADERS: tuple[str, ...] = (
    "company",
    "title",
    "stage",
    "applied_on",
    "url",
    "location",
    "work_mode",
    "salary_min",
    "salary_max",
    "salary_currency",
    "salary_period",
    "salary_text",
    "source",
    "priority",
    "tags",
    "contacts",
    "notes",
    "next_follow_up",
    "next_follow_up_on",
    "closed_reason",
    "archived",
)
LIST_SEPARATOR = "; "
# What a spreadsheet takes for the start of a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ExportCard(NamedTuple):
    """A card as the export writes it, read in bulk."""

    company: str
    title: str
    stage: str
    applied_on: date | None
    url: str | None
    location: str | None
    work_mode: str | None
    salary_min: int | None
    salary_max: int | None
    salary_currency: str | None
    salary_period: str | None
    salary_text: str | None
    source: str | None
    priority: int
    tags: tuple[str, ...]
    contacts: tuple[str, ...]
    notes: str | None
    next_follow_up: str | None  # what it is, in words
    next_follow_up_at: datetime | None
    closed_reason: str | None
    archived: bool


def inert(text: str) -> str:
    """A text cell a spreadsheet shows as text, never runs."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def revived(text: str) -> str:
    """The text `inert` was given back (for the importer of our own export)."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def cells(card: ExportCard, zone_name: str) -> list[str]:
    def text(value: str | None) -> str:
        return inert(value) if value else ""

    def number(value: int | None) -> str:
        return "" if value is None else str(value)

    due = card.next_follow_up_at
    return [
        text(card.company),
        text(card.title),
        text(card.stage),
        card.applied_on.isoformat() if card.applied_on else "",
        text(card.url),
        text(card.location),
        card.work_mode or "",
        number(card.salary_min),
        number(card.salary_max),
        card.salary_currency or "",
        card.salary_period or "",
        text(card.salary_text),
        text(card.source),
        str(card.priority),
        text(LIST_SEPARATOR.join(card.tags)),
        text(LIST_SEPARATOR.join(card.contacts)),
        text(card.notes),
        text(card.next_follow_up),
        local_date(due, zone_name).isoformat() if due else "",
        card.closed_reason or "",
        "yes" if card.archived else "",
    ]


def csv_bytes(cards: Iterable[ExportCard], zone_name: str) -> bytes:
    """The whole file: BOM, header, a CRLF-ended row per card."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADERS)
    writer.writerows(cells(card, zone_name) for card in cards)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def is_own_export(header: Sequence[str]) -> bool:
    """Whether a file's header row is this app's export (its apostrophes come off)."""
    return tuple(h.strip().lower() for h in header) == HEADERS
