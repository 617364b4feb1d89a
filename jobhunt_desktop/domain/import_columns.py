"""Which column of a spreadsheet holds what: headers matched, ignoring case, spaces,
dashes and underscores, against the names other trackers and people's own sheets use.

The table knows the exports of JobSync, Hired and LinkedIn's data export, the app's
own export, and the headers people type. A header can be claimed by the person
(`--map COLUMN=FIELD`, or the window's mapping step); a column nobody claims goes
into the card's notes, so nothing of a file is lost.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from jobhunt_desktop.domain.errors import UserError

# Field -> header names, the most telling first (an earlier name wins a field when
# two columns could hold it: JobSync's `appliedDate` over its yes/no `applied`).
ALIASES: dict[str, tuple[str, ...]] = {
    "company": (
        "company",
        "company name",
        "employer",
        "organization",
        "organisation",
        "firma",
        "unternehmen",
    ),
    "title": ("title", "job title", "role", "position", "position title", "job", "job name"),
    "stage": ("stage", "status", "application status", "state", "progress"),
    "applied_on": (
        "applied on",
        "applied date",
        "date applied",
        "application date",
        "applied at",
        "date of application",
        "beworben am",
        "applied",
        "date",
    ),
    "added_on": ("created at", "created", "date added", "added", "saved on", "saved"),
    "url": (
        "url",
        "job url",
        "job link",
        "link",
        "job posting",
        "posting",
        "job posting url",
        "posting url",
        "listing",
        "job ad",
    ),
    "location": ("location", "city", "place", "job location", "ort"),
    "work_mode": ("work mode", "workplace type", "workplace", "remote", "on site or remote"),
    "salary": (
        "salary",
        "compensation",
        "pay",
        "salary range",
        "comp",
        "expected salary",
        "gehalt",
    ),
    "salary_min": ("salary min", "min salary", "salary from"),
    "salary_max": ("salary max", "max salary", "salary to"),
    "salary_currency": ("salary currency", "currency"),
    "salary_period": ("salary period", "pay period"),
    "salary_text": ("salary text", "salary notes"),
    "source": (
        "source",
        "job source",
        "found via",
        "found on",
        "where found",
        "platform",
        "job board",
        "referral",
    ),
    "contacts": ("contact", "contacts", "contact person", "contact name", "recruiter"),
    "notes": ("notes", "note", "comments", "comment", "remarks", "notizen"),
    "description": ("description", "job description"),
    "next_action": ("next action", "next step", "next steps", "to do", "todo"),
    "tags": ("tags", "labels", "keywords", "tag"),
    "closed_reason": ("closed reason", "why it ended", "outcome", "reason"),
    "closed_on": ("closed", "closed on", "closed date", "date closed"),
    "priority": ("priority", "excitement", "interest"),
    "job_type": ("job type", "employment type", "contract"),
    "archived": ("archived",),
    # Known, and left out on purpose: numbering, and what the app plans itself.
    "skip": ("index", "id", "#", "no", "next follow up", "next follow up on"),
}
FIELDS: tuple[str, ...] = tuple(name for name in ALIASES if name != "skip")
# Shown in the window's mapping step and `import --help`.
FIELD_NAMES: dict[str, str] = {
    "company": "Company",
    "title": "Role",
    "stage": "Status",
    "applied_on": "Date applied",
    "added_on": "Date added",
    "url": "Job URL",
    "location": "Location",
    "work_mode": "Work mode",
    "salary": "Salary (as written)",
    "salary_min": "Salary from",
    "salary_max": "Salary to",
    "salary_currency": "Currency",
    "salary_period": "Salary period",
    "salary_text": "Salary note",
    "source": "Source",
    "contacts": "Contact",
    "notes": "Notes",
    "description": "Job description",
    "next_action": "Next action",
    "tags": "Tags",
    "closed_reason": "Why it ended",
    "closed_on": "Date closed",
    "priority": "Priority",
    "job_type": "Job type",
    "archived": "Archived",
}
REQUIRED = ("company",)
UNMAPPED = ""  # an override that keeps a column out of every field: into the notes


def header_key(text: str) -> str:
    """'Job Title', 'job_title' and 'JobTitle' are one header."""
    return re.sub(r"[\s_\-./]+", "", text.strip().lower())


_RANKS: dict[str, tuple[str, int]] = {}
for _field, _names in ALIASES.items():
    for _rank, _name in enumerate(_names):
        _RANKS.setdefault(header_key(_name), (_field, _rank))


@dataclass(frozen=True, slots=True)
class ColumnMap:
    """Column index -> field, and the headers of the columns left for the notes."""

    fields: dict[int, str]
    unmapped: tuple[str, ...]

    def column_of(self, field: str) -> int | None:
        return next((i for i, f in self.fields.items() if f == field), None)


def field_named(text: str) -> str:
    """A field by its name (`title`), its words (`Role`), a header it is known by
    (`Job Title`), or `skip` for a column to leave out."""
    key = header_key(text)
    if key in ("skip", "ignore", "none"):
        return "skip"
    for name in FIELDS:
        if key in (header_key(name), header_key(FIELD_NAMES[name])):
            return name
    found = _RANKS.get(key)
    if found is not None:
        return found[0]
    raise UserError(f"'{text}' is not a field to import into; known: {', '.join(FIELDS)}, skip")


def parse_overrides(pairs: Sequence[str]) -> dict[str, str]:
    """`COLUMN=FIELD` pairs as header key -> field."""
    out: dict[str, str] = {}
    for pair in pairs:
        column, sep, field = pair.rpartition("=")
        if not sep or not column.strip():
            raise UserError(f"'{pair}' is not COLUMN=FIELD")
        out[header_key(column)] = field_named(field)
    return out


def map_columns(headers: Sequence[str], overrides: Mapping[str, str] | None = None) -> ColumnMap:
    """Match each header to a field: the person's choices first, then the best alias;
    a field goes to one column only (the others then join the notes)."""
    chosen = dict(overrides or {})
    fields: dict[int, str] = {}
    taken: dict[str, tuple[int, int]] = {}  # field -> (rank, column)
    for index, header in enumerate(headers):
        key = header_key(header)
        if key in chosen and chosen[key] == UNMAPPED:
            fields[index] = UNMAPPED
        elif key in chosen:
            fields[index] = chosen[key]
            taken[chosen[key]] = (-1, index)
    for index, header in enumerate(headers):
        if index in fields:
            continue
        found = _RANKS.get(header_key(header))
        if found is None:
            continue
        field, rank = found
        if field == "skip":
            fields[index] = "skip"
            continue
        held = taken.get(field)
        if held is None or rank < held[0]:
            if held is not None:
                del fields[held[1]]
            taken[field] = (rank, index)
            fields[index] = field
    unmapped = tuple(
        header or f"column {index + 1}"
        for index, header in enumerate(headers)
        if fields.get(index, UNMAPPED) == UNMAPPED
    )
    return ColumnMap({i: f for i, f in fields.items() if f != UNMAPPED}, unmapped)
