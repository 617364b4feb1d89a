"""Long lists of ids in several `IN (...)` clauses: every backend limits how many
parameters one statement may bind."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

IN_LIST_SIZE = 500

Key = TypeVar("Key", int, str)


def chunks(ids: Iterable[Key], size: int = IN_LIST_SIZE) -> list[list[Key]]:
    """The distinct ids (or keys), in order, a statement's worth at a time."""
    unique = sorted(set(ids))
    return [unique[i : i + size] for i in range(0, len(unique), size)]
