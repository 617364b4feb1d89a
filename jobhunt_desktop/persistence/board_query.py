"""The board's query as plain SQL, and turning its rows into `BoardRow`s.

Plain SQL over the standard library's types lets the start-up reader (`startup.quick_board`)
paint the first board before SQLAlchemy is imported; it asks for the top cards of
each column with its own SQLite-only query, whose rows a test keeps equal to these.
The repository runs this text through its session, for whole columns or for just
the cards an operation touched.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from typing import Any

from jobhunt_desktop.domain.readmodels import BoardRow
from jobhunt_desktop.domain.stages import ClosedReason, Stage, StageKind

# FollowUpState.PENDING and SNOOZED, spelled out so that start-up need not import the
# entities module (a test keeps them equal).
OPEN_STATES = ("pending", "snoozed")
OPEN_STATES_SQL = ", ".join(f"'{state}'" for state in OPEN_STATES)

# A card's next follow-up and when it turns late (domain.lateness.card_late_from):
# the earliest late moment of the follow-ups with a late mark (never before they are
# due), and the earliest due time of those without, whose day's end the window adds.
MARKED_LATE_FROM = (
    "min(CASE WHEN overdue_at IS NULL THEN NULL "
    "WHEN overdue_at > remind_at THEN overdue_at ELSE remind_at END)"
)
UNMARKED_DUE_AT = "min(CASE WHEN overdue_at IS NULL THEN remind_at END)"

_BOARD_SQL = f"""
SELECT a.id, c.name, a.title, a.stage_id, a.position, a.priority, a.location,
       a.applied_on, a.stage_entered_at, a.notes, n.remind_at, n.late_from, n.unmarked_at
FROM applications AS a
JOIN companies AS c ON c.id = a.company_id
LEFT OUTER JOIN (
    SELECT application_id AS app_id, min(remind_at) AS remind_at,
           {MARKED_LATE_FROM} AS late_from, {UNMARKED_DUE_AT} AS unmarked_at
    FROM followups WHERE state IN ({OPEN_STATES_SQL}){{followups}} GROUP BY application_id
) AS n ON n.app_id = a.id
WHERE {{where}}
ORDER BY a.stage_id, a.position, a.id
"""

TAGS_SQL = """
SELECT at.application_id, t.name
FROM application_tags AS at JOIN tags AS t ON t.id = at.tag_id"""

STAGES_SQL = (
    "SELECT id, name, position, colour, kind, hidden, closed_reason FROM stages"
    " ORDER BY position, id"
)


def board_sql(
    include_archived: bool = False, stage_id: int | None = None, only_archived: bool = False
) -> str:
    """The query text; a stage is bound as `:stage_id`, a named parameter that both
    sqlite3 and SQLAlchemy's text() understand. `NOT archived` suits SQLite's 0/1 as
    well as real booleans."""
    where = [] if include_archived else ["a.archived"] if only_archived else ["NOT a.archived"]
    followups = ""
    if stage_id is not None:
        where.append("a.stage_id = :stage_id")
        followups = (
            " AND application_id IN (SELECT id FROM applications WHERE stage_id = :stage_id)"
        )
    return _BOARD_SQL.format(where=" AND ".join(where) or "1 = 1", followups=followups)


def cards_sql(count: int) -> tuple[str, str]:
    """The board rows of `count` given cards (bound as :card_0, :card_1...), not archived,
    and their tags: for refreshing just the cards an operation touched. The next
    follow-up is looked up for those cards alone, not aggregated over every card."""
    names = ", ".join(f":card_{i}" for i in range(count))
    tags = f"{TAGS_SQL}\nWHERE at.application_id IN ({names})"
    cards = _BOARD_SQL.format(
        where=f"NOT a.archived AND a.id IN ({names})",
        followups=f" AND application_id IN ({names})",
    )
    return cards, tags


def card_params(ids: Sequence[int]) -> dict[str, int]:
    return {f"card_{i}": card for i, card in enumerate(ids)}


def _instant(value: object) -> datetime | None:
    """Stored times are naive UTC: text from SQLite, datetime from other drivers."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    assert isinstance(value, datetime)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _day(value: object) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def board_rows(rows: Iterable[Sequence[Any]], tag_rows: Iterable[Sequence[Any]]) -> list[BoardRow]:
    tags: dict[int, list[str]] = {}
    for app_id, tag in tag_rows:
        tags.setdefault(app_id, []).append(tag)
    out = []
    for r in rows:
        entered = _instant(r[8])
        assert entered is not None
        out.append(
            BoardRow(
                id=r[0],
                company=r[1],
                title=r[2],
                stage_id=r[3],
                position=float(r[4]),
                priority=r[5],
                tags=tuple(sorted(tags.get(r[0], ()))),
                location=r[6],
                applied_on=_day(r[7]),
                stage_entered_at=entered,
                notes=r[9],
                next_remind_at=_instant(r[10]),
                next_late_mark_at=_instant(r[11]),
                next_unmarked_at=_instant(r[12]),
            )
        )
    return out


def stages(rows: Iterable[Sequence[Any]]) -> list[Stage]:
    return [
        Stage(
            id=r[0],
            name=r[1],
            position=r[2],
            colour=r[3],
            kind=StageKind(r[4]),
            hidden=bool(r[5]),
            closed_reason=ClosedReason(r[6]) if r[6] else None,
        )
        for r in rows
    ]
