"""Long lists of ids in several `IN (...)` clauses: every backend limits how many
parameters one statement may bind."""

from __future__ import annotations

from collections.abc import Iterable

IN_LIST_SIZE = 500


def chunks(ids: Iterable[int], size: int = IN_LIST_SIZE) -> list[list[int]]:
    """The distinct ids, in order, a statement's worth at a time."""
    unique = sorted(set(ids))
    return [unique[i : i + size] for i in range(0, len(unique), size)]
