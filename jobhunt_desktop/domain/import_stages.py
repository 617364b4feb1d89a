"""Putting a spreadsheet's status values onto the person's own stages: by name first,
then by what the words mean ("phone screen" is a first conversation, "declined" a
rejection); what neither settles is asked once per distinct value."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.domain.stages import ClosedReason, Stage, StageKind


@dataclass(frozen=True, slots=True)
class StageChoice:
    stage_id: int
    closed_reason: ClosedReason | None = None


# Meaning -> the words that say it; checked in this order, whole words.
_MEANINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("withdrew", ("withdrawn", "withdrew", "withdraw", "retracted", "cancelled by me")),
    ("ghosted", ("ghosted", "no response", "no reply", "no answer", "silence", "stale")),
    ("declined_offer", ("declined offer", "offer declined", "turned down offer")),
    ("rejected", ("rejected", "rejection", "declined", "not selected", "unsuccessful")),
    ("role_closed", ("role closed", "position closed", "filled", "closed")),
    ("accepted", ("accepted", "hired", "signed", "offer accepted", "joined")),
    ("offer", ("offer", "offered", "offer received")),
    (
        "interview",
        (
            "interview",
            "interviewing",
            "interviews",
            "on site",
            "onsite",
            "on-site",
            "technical",
            "final round",
            "final",
            "assessment",
            "take home",
            "take-home",
            "case study",
            "panel",
        ),
    ),
    ("screening", ("screening", "screen", "phone screen", "phone call", "recruiter call", "hr")),
    ("applied", ("applied", "submitted", "application sent", "sent", "in review", "pending")),
    ("wishlist", ("wishlist", "saved", "bookmarked", "interested", "to apply", "draft", "idea")),
)


def status_key(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def _meaning(value: str) -> str | None:
    words = f" {status_key(value)} "
    for meaning, phrases in _MEANINGS:
        if any(f" {status_key(p)} " in words for p in phrases):
            return meaning
    return None


def _first(stages: Sequence[Stage], kind: StageKind, *names: str) -> Stage | None:
    of_kind = [s for s in stages if s.kind is kind]
    for name in names:
        found = next((s for s in of_kind if name in status_key(s.name)), None)
        if found is not None:
            return found
    return of_kind[0] if of_kind else None


def _closing(stages: Sequence[Stage], reason: ClosedReason) -> StageChoice | None:
    lost = [s for s in stages if s.kind is StageKind.CLOSED_LOST]
    exact = next((s for s in lost if s.closed_reason is reason), None)
    if exact is None and reason is not ClosedReason.REJECTED:
        exact = next((s for s in lost if s.closed_reason is not ClosedReason.REJECTED), None)
    chosen = exact or (lost[0] if lost else None)
    return None if chosen is None else StageChoice(chosen.id, reason)


def stage_for(value: str, stages: Sequence[Stage]) -> StageChoice | None:
    """The stage a status value means, or None when it is unknown (ask)."""
    key = status_key(value)
    by_name = next((s for s in stages if status_key(s.name) == key), None)
    if by_name is not None:
        return StageChoice(by_name.id, by_name.closed_reason)
    meaning = _meaning(value)
    if meaning is None:
        return None
    picked: Stage | None
    if meaning in ("withdrew", "ghosted", "declined_offer", "rejected", "role_closed"):
        reason = {
            "withdrew": ClosedReason.WITHDREW,
            "ghosted": ClosedReason.GHOSTED,
            "declined_offer": ClosedReason.DECLINED,
            "rejected": ClosedReason.REJECTED,
            "role_closed": ClosedReason.ROLE_CLOSED,
        }[meaning]
        return _closing(stages, reason)
    if meaning == "accepted":
        picked = _first(stages, StageKind.CLOSED_WON)
        return None if picked is None else StageChoice(picked.id, ClosedReason.ACCEPTED)
    picked = {
        "offer": lambda: _first(stages, StageKind.OFFER),
        "interview": lambda: _first(stages, StageKind.ACTIVE, "interview"),
        "screening": lambda: _first(stages, StageKind.ACTIVE, "screen"),
        "applied": lambda: _first(stages, StageKind.OPEN, "applied", "applic"),
        "wishlist": lambda: _first(stages, StageKind.OPEN, "wish", "saved"),
    }[meaning]()
    return None if picked is None else StageChoice(picked.id)


def parse_stage_map(pairs: Sequence[str], stages: Sequence[Stage]) -> dict[str, StageChoice]:
    """`VALUE=STAGE` pairs (a stage by its name) as status key -> choice."""
    by_key = {status_key(s.name): s for s in stages}
    out: dict[str, StageChoice] = {}
    for pair in pairs:
        value, sep, name = pair.rpartition("=")
        if not sep or not value.strip():
            raise UserError(f"'{pair}' is not VALUE=STAGE")
        stage = by_key.get(status_key(name))
        if stage is None:
            known = ", ".join(s.name for s in stages)
            raise UserError(f"there is no stage '{name}'; the stages are: {known}")
        out[status_key(value)] = StageChoice(stage.id, stage.closed_reason)
    return out


def unknown_statuses(
    values: Iterable[str], stages: Sequence[Stage], chosen: Mapping[str, StageChoice]
) -> list[str]:
    """The distinct status values neither the person nor the table can place, in the
    order they first appear."""
    seen: dict[str, str] = {}
    for value in values:
        key = status_key(value)
        if key and key not in chosen and key not in seen and stage_for(value, stages) is None:
            seen[key] = value.strip()
    return list(seen.values())
