"""What each write transaction changed: collected from the flushes, numbered, logged.

Every write session records the rows its flushes touch (`after_flush`), so no
operation can forget to say what it changed. When the block ends, the change is
given the next number of the change counter (a row of `change_log`), each card it
touched takes that number as its version, and the operation gets the `Changes`.
Another process that sees the database move reads the log rows after the last
number it knew and learns the same `Changes`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any, cast

from sqlalchemy import Table, delete, func, insert, select, text, update
from sqlalchemy.orm import Session

from jobhunt_desktop.domain.changes import NOTHING, Changes
from jobhunt_desktop.domain.rule_registry import NOTHING_TOUCHED, Touched
from jobhunt_desktop.persistence.engine_setup import has_pipeline
from jobhunt_desktop.persistence.in_lists import chunks
from jobhunt_desktop.persistence.models import (
    ApplicationRow,
    ContactRow,
    EventRow,
    FollowUpRow,
    HistoryRow,
    SettingRow,
    StageRow,
    TemplateRow,
    change_log,
)
from jobhunt_desktop.persistence.one_trip import together

_RECORDER = "jobhunt.changes"
_RESULT = "jobhunt.changes.result"
_COMMITTING = "jobhunt.changes.committing"

KEEP_ENTRIES = 5000  # older log rows are pruned; a reader that far behind re-reads all
_PRUNE_EVERY = 100
_MAX_IDS = 2000  # a longer list is logged as "everything"
_FLAGS = ("stages", "settings", "templates", "contacts")
_HISTORY_ROWS_A_STATEMENT = 100  # well within every server's limit of parameters


@dataclass
class ChangeRecorder:
    """The changes of one write session so far."""

    cards: set[int] = field(default_factory=set)
    removed: set[int] = field(default_factory=set)
    followups: set[int] = field(default_factory=set)
    flags: set[str] = field(default_factory=set)
    replanned: set[str] = field(default_factory=set)
    history: set[int] = field(default_factory=set)
    history_rows: list[dict[str, Any]] = field(default_factory=list)  # written at the end
    gone: int = 0
    touched: Touched = NOTHING_TOUCHED  # in the rules' terms, for planning

    def touch(self, **what: Any) -> None:
        """Note what a write changed that rules beyond one card read (see `Touched`)."""
        self.touched = self.touched | Touched(**what)

    def __bool__(self) -> bool:
        return bool(self.cards or self.removed or self.followups or self.flags or self.history_rows)

    def note(self, entry: dict[str, Any]) -> None:
        """A history entry to write with the change's end (`finish`): nothing in the
        transaction reads it back, and its id is wanted only in the `Changes`."""
        self.history_rows.append(entry)
        if entry["application_id"] is not None:
            self.cards.add(entry["application_id"])

    def saw(self, row: object, deleted: bool = False) -> None:
        if isinstance(row, ApplicationRow):
            (self.removed if deleted else self.cards).add(row.id)
        elif isinstance(row, FollowUpRow):
            self.followups.add(row.id)
            if row.application_id is not None:
                self.cards.add(row.application_id)
        elif isinstance(row, EventRow | HistoryRow):
            if isinstance(row, HistoryRow):
                self.history.add(row.id)
            if row.application_id is not None:
                self.cards.add(row.application_id)
        elif isinstance(row, StageRow):
            self.flags.add("stages")
        elif isinstance(row, SettingRow):
            self.flags.add("settings")
        elif isinstance(row, TemplateRow):
            self.flags.add("templates")
        elif isinstance(row, ContactRow):
            self.flags.add("contacts")

    def changes(self) -> Changes:
        return Changes(
            cards=frozenset(self.cards - self.removed),
            removed=frozenset(self.removed),
            followups=frozenset(self.followups),
            stages="stages" in self.flags,
            settings="settings" in self.flags,
            templates="templates" in self.flags,
            contacts="contacts" in self.flags,
            replanned=frozenset(self.replanned),
            history=frozenset(self.history),
            gone=self.gone,
        )


def recorder(session: Session) -> ChangeRecorder:
    """This session's recorder; operations add what flushes cannot see (rows written
    with Core statements, the rules re-planned, ids that were gone)."""
    found = session.info.get(_RECORDER)
    if found is None:
        found = session.info[_RECORDER] = ChangeRecorder()
    assert isinstance(found, ChangeRecorder)
    return found


def record_flush(session: Session, _context: Any) -> None:
    """`after_flush` hook: new, changed and deleted rows are still listed here."""
    seen = recorder(session)
    for row in session.new:
        seen.saw(row)
    for row in session.dirty:
        if session.is_modified(row):
            seen.saw(row)
    for row in session.deleted:
        seen.saw(row, deleted=True)


def finish(session: Session) -> Changes:
    """At the end of a write block: number the change, stamp card versions, log it."""
    session.flush()
    seen = recorder(session)
    changes = seen.changes()
    if not seen:  # nothing written: no number, no log row
        session.info[_RESULT] = changes
        return changes
    # The writers take turns (engine_setup), so the newest entry is this one: the
    # versions need not wait for its number, and on a server the entry, the versions
    # and the COMMIT go together, in the transaction's last round trip.
    ours = select(func.max(change_log.c.version)).scalar_subquery()
    commit = has_pipeline(session.connection())
    session.info[_COMMITTING] = commit

    def stamp() -> None:
        for chunk in chunks(changes.cards):
            session.execute(
                update(ApplicationRow)
                .where(ApplicationRow.id.in_(chunk))
                .values(version=ours)
                .execution_options(synchronize_session=False)
            )
        session.execute(  # every _PRUNE_EVERY changes, the entries long read go
            delete(change_log).where(
                change_log.c.version <= ours - KEEP_ENTRIES, ours % _PRUNE_EVERY == 0
            )
        )
        if commit:
            session.execute(text("COMMIT"))

    def history() -> list[int]:
        table = cast(Table, HistoryRow.__table__)
        rows, step = seen.history_rows, _HISTORY_ROWS_A_STATEMENT
        return [
            entry_id
            for start in range(0, len(rows), step)
            for entry_id in session.scalars(
                insert(table).values(rows[start : start + step]).returning(table.c.id)
            )
        ]

    written_history, logged, _ = together(
        session,
        history,
        lambda: session.scalar(
            insert(change_log).values(**_encode(changes)).returning(change_log.c.version)
        ),
        stamp,
        writes=True,
    )
    number = int(logged)
    # New follow-ups sent with the end are known by their ids only now: the log entry
    # names them by their cards (and R12's by its rule), which is what readers re-read.
    result = replace(
        changes,
        versions=(number,),
        history=changes.history | frozenset(written_history),
        followups=frozenset(seen.followups),
    )
    session.info[_RESULT] = result
    return result


def committed_with_log(session: Session) -> bool:
    """Whether the COMMIT went to the server with the change's log entry (`finish`):
    a connection lost since leaves the outcome unknown."""
    return bool(session.info.get(_COMMITTING))


def log_everything(session: Session) -> int:
    """A change entry that makes every reader read the whole board again (after a
    restore replaced it); returns its number."""
    return int(session.scalar(insert(change_log).values(cards="*").returning(change_log.c.version)))


def written(session: Session) -> Changes:
    """What a finished write session changed (after its `with db.write()` block)."""
    result = session.info.get(_RESULT, NOTHING)
    assert isinstance(result, Changes)
    return result


def current_version(session: Session) -> int:
    return int(session.scalar(select(func.max(change_log.c.version))) or 0)


def since(session: Session, version: int, skip: Iterable[int] = ()) -> tuple[Changes, int]:
    """What the writes numbered after `version` changed, leaving out `skip` (this
    process's own, already applied), and the last number read. Behind the pruned
    log: everything."""
    own = set(skip)
    rows = session.execute(
        select(change_log).where(change_log.c.version > version).order_by(change_log.c.version)
    ).all()
    if not rows:
        return NOTHING, version
    last = int(rows[-1].version)
    if rows[0].version > version + 1 and version > 0:
        oldest = session.scalar(select(func.min(change_log.c.version)))
        if oldest is not None and oldest > version + 1:
            return Changes(everything=True, versions=(last,)), last
    result = NOTHING
    for row in rows:
        if row.version not in own:
            result = result | _decode(row)
    return result, last


def _ids(values: frozenset[int]) -> str | None:
    if not values:
        return None
    if len(values) > _MAX_IDS:
        return "*"
    return " ".join(str(v) for v in sorted(values))


def _encode(changes: Changes) -> dict[str, str | None]:
    flags = [name for name in _FLAGS if getattr(changes, name)]
    return {
        "cards": _ids(changes.cards),
        "removed": _ids(changes.removed),
        "followups": _ids(changes.followups),
        "flags": " ".join(flags) or None,
        "rules": " ".join(sorted(changes.replanned)) or None,
    }


def _decode(row: Any) -> Changes:
    if "*" in (row.cards, row.removed, row.followups):
        return Changes(everything=True, versions=(row.version,))

    def ids(text: str | None) -> frozenset[int]:
        return frozenset(int(part) for part in text.split()) if text else frozenset()

    flags = set((row.flags or "").split())
    return Changes(
        cards=ids(row.cards),
        removed=ids(row.removed),
        followups=ids(row.followups),
        stages="stages" in flags,
        settings="settings" in flags,
        templates="templates" in flags,
        contacts="contacts" in flags,
        replanned=frozenset((row.rules or "").split()),
        versions=(row.version,),
    )


__all__ = [
    "ChangeRecorder",
    "committed_with_log",
    "current_version",
    "finish",
    "log_everything",
    "record_flush",
    "recorder",
    "since",
    "written",
]
