"""What one operation changed, so each view re-reads only what concerns it.

Every write returns a `Changes`; the window hands it to the board, the Follow-ups
panel, open card dialogs and the status bar, and a change another process made
arrives as the same value, read back from the change log.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Changes:
    """Cards by id (their fields, follow-ups, events or history), cards removed, the
    follow-ups touched, whether stages, settings, templates or contacts changed, and
    the rules re-planned across cards or the whole board (R8, R12), and the history
    entries it wrote (which its undo marks undone).

    `gone` counts ids the operation was asked about that no longer existed; it
    changed the rest. `versions` are the change counter values the writes behind it
    were given (one per write; none when nothing was written). `everything` stands
    for "re-read it all" (a change log that was pruned, a restore).
    """

    cards: frozenset[int] = frozenset()
    removed: frozenset[int] = frozenset()
    followups: frozenset[int] = frozenset()
    stages: bool = False
    settings: bool = False
    templates: bool = False
    contacts: bool = False
    replanned: frozenset[str] = frozenset()
    history: frozenset[int] = frozenset()
    gone: int = 0
    versions: tuple[int, ...] = ()
    everything: bool = False

    def __bool__(self) -> bool:
        """True when anything was written."""
        return bool(
            self.cards
            or self.removed
            or self.followups
            or self.stages
            or self.settings
            or self.templates
            or self.contacts
            or self.everything
        )

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            cards=(self.cards | other.cards) - other.removed,
            removed=(self.removed - other.cards) | other.removed,
            followups=self.followups | other.followups,
            stages=self.stages or other.stages,
            settings=self.settings or other.settings,
            templates=self.templates or other.templates,
            contacts=self.contacts or other.contacts,
            replanned=self.replanned | other.replanned,
            history=self.history | other.history,
            gone=self.gone + other.gone,
            versions=tuple(sorted({*self.versions, *other.versions})),
            everything=self.everything or other.everything,
        )

    @property
    def version(self) -> int | None:
        """The latest write behind this value; None when nothing was written."""
        return max(self.versions, default=None)

    def touches_card(self, application_id: int) -> bool:
        return self.everything or application_id in self.cards or application_id in self.removed

    @property
    def changed_followups(self) -> bool:
        return bool(self.followups or self.cards or self.removed or self.everything)


NOTHING = Changes()


def gone_message(gone: int, asked: int) -> str | None:
    """The line that says some of the chosen cards had gone in the meantime."""
    if gone <= 0:
        return None
    if gone >= asked:
        return "That card was already gone." if asked == 1 else "Those cards were already gone."
    return f"{gone} {'was' if gone == 1 else 'were'} already gone."
