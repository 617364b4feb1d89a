"""Days between two stored instants, worked out by the database: each dialect spells
it its own way, and this is the one place that knows how, so a repository can ask for
a span in days without reading both instants back into Python."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnExpressionArgument, Float
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement


class days_between(FunctionElement[float]):  # noqa: N801 - reads as the SQL function it is
    """`later - earlier` in days, with the fraction; NULL when either is NULL."""

    type = Float()
    inherit_cache = True

    def __init__(
        self, earlier: ColumnExpressionArgument[Any], later: ColumnExpressionArgument[Any]
    ) -> None:
        super().__init__(earlier, later)


@compiles(days_between)
def _days_between_generic(element: days_between, compiler: SQLCompiler, **kw: Any) -> str:
    earlier, later = (compiler.process(c, **kw) for c in element.clauses)
    return f"(EXTRACT(EPOCH FROM ({later} - {earlier})) / 86400.0)"


@compiles(days_between, "sqlite")
def _days_between_sqlite(element: days_between, compiler: SQLCompiler, **kw: Any) -> str:
    earlier, later = (compiler.process(c, **kw) for c in element.clauses)
    return f"(julianday({later}) - julianday({earlier}))"
