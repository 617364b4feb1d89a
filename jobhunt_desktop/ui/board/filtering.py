"""What the search bar keeps: text over company, role, notes and tags; tag; priority."""

from __future__ import annotations

from typing import NamedTuple

from jobhunt_desktop.domain.readmodels import BoardRow


class CardFilter(NamedTuple):
    text: str = ""
    tag: str | None = None
    min_priority: int | None = None

    @property
    def active(self) -> bool:
        return bool(self.text.strip()) or self.tag is not None or self.min_priority is not None

    def matches(self, row: BoardRow) -> bool:
        if self.tag is not None and self.tag not in row.tags:
            return False
        if self.min_priority is not None and row.priority < self.min_priority:
            return False
        words = self.text.casefold().split()
        if not words:
            return True
        haystack = " ".join((row.company, row.title, row.notes or "", " ".join(row.tags)))
        folded = haystack.casefold()
        return all(word in folded for word in words)
