"""Days between two stored instants, and an instant as a day number, worked out by the
database: each dialect spells them its own way, and this is the one place that knows
how, so a repository can ask for spans in days without parsing instants in Python."""

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


class day_number(FunctionElement[float]):  # noqa: N801 - reads as the SQL function it is
    """The instant as days (with the fraction) from a fixed origin: only differences
    between two of them mean anything, and those are days."""

    type = Float()
    inherit_cache = True

    def __init__(self, instant: ColumnExpressionArgument[Any]) -> None:
        super().__init__(instant)


@compiles(day_number)
def _day_number_generic(element: day_number, compiler: SQLCompiler, **kw: Any) -> str:
    (instant,) = (compiler.process(c, **kw) for c in element.clauses)
    return f"(EXTRACT(EPOCH FROM {instant}) / 86400.0)"


@compiles(day_number, "sqlite")
def _day_number_sqlite(element: day_number, compiler: SQLCompiler, **kw: Any) -> str:
    (instant,) = (compiler.process(c, **kw) for c in element.clauses)
    return f"julianday({instant})"
