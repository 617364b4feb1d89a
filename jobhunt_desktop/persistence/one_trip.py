"""Reads that go to a server in one round trip (and the end of a write, with its COMMIT).

On a server every statement costs a round trip, tens of milliseconds on a far one, and
a read that draws a card sends one statement a table. `together` runs each read twice:
first against empty answers, to learn the statements it sends (none goes out), then,
once they have all gone to the server at once through the driver's pipeline and come
back, for real, each statement answered from what came back. SQLAlchemy builds its
results (rows, ORM objects, types) from those answers as from any other.

This is the one place that does it, and it is only worth doing on a server: on a
file `together` simply runs the reads. A read must send the same statements when its
data is the same, as the store's reads do; a statement the second run sends that the
first did not (one that depends on what an earlier one found) goes to the server then,
on its own, as usual. So `together` is never wrong, at worst no quicker. The end of a
write (change_log.finish) goes the same way, its writes learned too (`writes`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.engine import Connection
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler

from jobhunt_desktop.persistence.engine_setup import (
    EMPTY_ANSWER_TYPE,
    Sent,
    has_pipeline,
    send_together,
)

_PLAN = "jobhunt.one_trip"  # in the connection's info while `together` runs


@dataclass
class _Plan:
    writes: bool = False
    learning: bool = True
    learned: list[Sent] = field(default_factory=list)
    answers: dict[str, list[Any]] = field(default_factory=dict)  # by _key: cursors


class _NoAnswer:
    """What a statement is answered with while its read is learned: no rows, in the
    shape the compiled statement expects."""

    arraysize = 1
    rowcount = 0

    def __init__(self, columns: int) -> None:
        self.description = [
            (f"c{i}", EMPTY_ANSWER_TYPE, None, None, None, None, None) for i in range(columns)
        ] or None  # a write that returns nothing

    def fetchall(self) -> list[Any]:
        return []

    def fetchmany(self, _size: int | None = None) -> list[Any]:
        return []

    def fetchone(self) -> None:
        return None

    def close(self) -> None:
        pass


def install(engine: Engine) -> None:
    """Let `together` learn and answer this engine's statements."""
    if event.contains(engine, "do_execute", _execute):
        return
    event.listen(engine, "do_execute", _execute)
    event.listen(engine, "do_execute_no_params", _execute_no_params)


def together(session: Session, *reads: Callable[[], Any], writes: bool = False) -> list[Any]:
    """What each read returns, their statements sent in one round trip on a server.

    With `writes`, the statements may write too (the end of a write transaction: its
    log entry, the cards' versions, the COMMIT): then each function must do nothing but
    send them, since it runs twice, and none may depend on another's answer."""
    connection = session.connection()
    if not has_pipeline(connection) or _PLAN in connection.info:
        return [read() for read in reads]  # no trips to save, or within another `together`
    kept = dict(session.info)  # what the reads keep there (stages) is learned empty
    with _planning(connection, writes) as plan:
        for read in reads:
            # An empty answer may be refused (not found): what the read sent until then
            # is learned, and its real run says why, if it still has reason to.
            with suppress(Exception):
                read()
        session.info.clear()
        session.info.update(kept)
        plan.learning = False
        cursors = send_together(connection, plan.learned) or []
        for sent, cursor in zip(plan.learned, cursors, strict=True):
            plan.answers.setdefault(_key(*sent), []).append(cursor)
        return [read() for read in reads]


@contextmanager
def _planning(connection: Connection, writes: bool) -> Iterator[_Plan]:
    plan = _Plan(writes)
    info = connection.info  # kept: a connection found broken meanwhile has none to ask
    info[_PLAN] = plan
    try:
        yield plan
    finally:
        del info[_PLAN]
        for unused in plan.answers.values():
            for cursor in unused:
                cursor.close()


def _execute(cursor: Any, statement: str, parameters: Any, context: Any) -> bool:
    """`do_execute`: while a read is learned, note its statement and answer it with no
    rows; while it runs for real, answer from what the server sent back. True when
    the statement was answered here (SQLAlchemy then sends nothing)."""
    assert isinstance(context, DefaultExecutionContext)
    plan = context.root_connection.info.get(_PLAN)
    compiled = context.compiled
    if plan is None or not isinstance(compiled, SQLCompiler):
        return False
    if not (_is_plain_select(context) or (plan.writes and not context.isddl)):
        return False
    if plan.learning:
        plan.learned.append((statement, parameters))
        answer: Any = _NoAnswer(len(compiled._result_columns))
    else:
        waiting = plan.answers.get(_key(statement, parameters))
        if not waiting:
            return False  # not learned: it goes to the server now
        answer = waiting.pop(0)
    cursor.close()
    context.cursor = answer
    return True


def only_learned(context: object) -> bool:
    """Whether a statement (SQLAlchemy's execution context of it, as its events give
    it) was answered empty while its read was learned: it never went to the server,
    and goes with the others next."""
    return isinstance(getattr(context, "cursor", None), _NoAnswer)


def _execute_no_params(cursor: Any, statement: str, context: Any) -> bool:
    return _execute(cursor, statement, None, context)


def _is_plain_select(context: DefaultExecutionContext) -> bool:
    """A compiled SELECT whose columns SQLAlchemy matches by position: one whose answer
    can be made up empty, and that writes nothing."""
    compiled = context.compiled
    return (
        isinstance(compiled, SQLCompiler)
        and not (context.isinsert or context.isupdate or context.isdelete or context.isddl)
        and bool(compiled._result_columns)
        and compiled._ordered_columns
        and not compiled._textual_ordered_columns
        and not context.execution_options.get("stream_results", False)
    )


def _key(statement: str, parameters: Any) -> str:
    return f"{statement}\x00{parameters!r}"


__all__ = ["install", "only_learned", "together"]
