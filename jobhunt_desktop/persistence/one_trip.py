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

A write in the middle of an operation whose answer nothing waits for (a card's new
place, the event a move implies, the re-plan's changes) need not cost a round trip of
its own either: `with_next_trip` keeps its statements until the transaction next goes
to the server (the reads that follow, which then see it, or the end) and sends them
first. Whatever else goes to the server meanwhile (a flush, a read not sent together,
the COMMIT) sends them first too: the server runs the statements in the order made.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Engine, Executable, Insert, event
from sqlalchemy.engine import Connection, CursorResult
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
_WAITING = "jobhunt.one_trip.waiting"  # in the connection's info: `with_next_trip`'s writes

_ROWS_A_STATEMENT = 100  # well within every server's limit of parameters
Rows = list[tuple[Any, ...]]


@dataclass
class _Plan:
    writes: bool = False
    learning: bool = True
    learned: list[Sent] = field(default_factory=list)
    columns: list[int] = field(default_factory=list)  # each learned statement's answer
    answers: dict[str, list[Any]] = field(default_factory=dict)  # by _key: cursors


class Returned:
    """The rows a kept write returns (RETURNING), as the driver gives them: there once
    its round trip is back; asking for them before sends it, and what waits with it."""

    def __init__(self, connection: Connection | None, rows: Rows | None = None) -> None:
        self._connection = connection
        self._rows = rows

    def rows(self) -> Rows:
        if self._rows is None and self._connection is not None:
            _send_waiting(self._connection)
        if self._rows is None:
            raise RuntimeError("the write was never sent: its transaction ended first")
        return self._rows


@dataclass
class _Waiting:
    """A write's statements, kept for the next round trip, and who wants its rows."""

    sent: list[Sent]
    then: Callable[[Rows], None] | None
    returned: Returned
    columns: list[int]  # the columns each statement returns (RETURNING), 0 for none


class _NoAnswer:
    """What a statement is answered with while its read is learned: no rows, in the
    shape the compiled statement expects."""

    arraysize = 1

    def __init__(self, columns: int, rowcount: int = 0) -> None:
        self.rowcount = rowcount
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
    event.listen(engine, "do_executemany", _execute_many)
    event.listen(engine, "commit", _send_waiting)
    event.listen(engine, "rollback", _drop_waiting)
    event.listen(engine, "checkin", lambda _raw, record: _waiting(record.info, take=True))


def with_next_trip(
    session: Session,
    statement: Executable,
    parameters: Any = None,
    then: Callable[[Rows], None] | None = None,
) -> Returned:
    """Run a write (Core: the session's loaded rows do not learn of it) whose answer
    nothing waits for; on a server it goes with the transaction's next round trip.
    `then` is given the rows it returns (RETURNING), as the driver gives them, once
    they are back (with the transaction's end, at the latest)."""
    session.flush()  # what the session holds goes first, as it was made first
    connection = session.connection()
    plan = connection.info.get(_PLAN)
    if plan is not None and plan.learning:
        # Within reads being learned (which must not write): nothing is kept or sent
        # now, and the reads' real run writes it, once, on its own.
        raise _WriteWhileLearningError
    sending: list[tuple[Executable, Any]] = [(statement, parameters)]
    if isinstance(statement, Insert) and isinstance(parameters, list):
        # Rows in the statement itself, a hundred at a time, not executemany (whose
        # batches SQLAlchemy reads from the driver's cursor, which is not sent here).
        step = _ROWS_A_STATEMENT
        rows = [parameters[at : at + step] for at in range(0, len(parameters), step)]
        sending = [(statement.values(chunk), None) for chunk in rows]
    if not has_pipeline(connection) or _PLAN in connection.info:
        returned: Rows = []
        for each, values in sending:
            result = cast(CursorResult[Any], session.execute(each, values))  # a read refuses it
            returned += [tuple(row) for row in result] if result.returns_rows else []
        if then is not None:
            then(returned)
        return Returned(None, returned)
    info = connection.info
    with _planning(connection, writes=True) as plan:
        for each, values in sending:
            session.execute(each, values)
    if len(plan.learned) < len(sending):  # it went to the server at once, unanswered
        same = "the same" if connection.info is info else "a new one"
        raise RuntimeError(
            f"a write kept for the next round trip was sent at once ({len(plan.learned)} "
            f"of {len(sending)} statements kept; the connection's info is {same})"
        )
    later = Returned(connection)
    _waiting(connection.info).append(_Waiting(plan.learned, then, later, plan.columns))
    return later


class _WriteWhileLearningError(Exception):
    """A write asked for while reads are learned against empty answers (`together`
    leaves the read unlearned, and its real run makes the write)."""


def _waiting(info: dict[Any, Any], take: bool = False) -> list[_Waiting]:
    if take:
        return cast(list[_Waiting], info.pop(_WAITING, None) or [])
    return cast(list[_Waiting], info.setdefault(_WAITING, []))


def _drop_waiting(connection: Connection) -> None:
    if not connection.invalidated:  # an invalidated one's info went with it
        _waiting(connection.info, take=True)


def _send_waiting(connection: Connection) -> None:
    """Send the writes kept for the next round trip, now, on their own."""
    waiting = _waiting(connection.info, take=True)
    if waiting:
        _answer(waiting, send_together(connection, _statements(waiting)) or [])


def _statements(waiting: list[_Waiting]) -> list[Sent]:
    return [sent for write in waiting for sent in write.sent]


def _answer(waiting: list[_Waiting], cursors: list[Any]) -> None:
    """Hand each kept write its rows, and close its cursors."""
    at = 0
    for write in waiting:
        mine, at = cursors[at : at + len(write.sent)], at + len(write.sent)
        for cursor, columns in zip(mine, write.columns, strict=True):
            if columns and len(cursor.description or ()) != columns:
                _answered_wrongly(cursors, cursor)
        rows = [tuple(row) for c in mine if c.description for row in c.fetchall()]
        for cursor in mine:
            cursor.close()
        write.returned._rows = rows
        if write.then is not None:
            write.then(rows)


def _answered_wrongly(cursors: list[Any], cursor: Any) -> None:
    """A write that returns rows came back without them: the answers of that round
    trip cannot be trusted, so the transaction must not go on (it is rolled back).
    What each statement got is said, to find out how."""
    got = [
        (c.pgresult.status, c.pgresult.nfields, c.pgresult.ntuples) if c.pgresult else None
        for c in cursors
    ]
    raise RuntimeError(
        f"statement {cursors.index(cursor)} of {len(cursors)} sent together came back "
        f"without the rows it returns; answers (status, columns, rows): {got}"
    )


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
        waiting = _waiting(connection.info, take=True)  # sent first, as made first
        first = len(_statements(waiting))
        cursors = send_together(connection, _statements(waiting) + plan.learned) or []
        _answer(waiting, cursors[:first])
        for sent, cursor in zip(plan.learned, cursors[first:], strict=True):
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
    connection = context.root_connection
    plan = connection.info.get(_PLAN)
    compiled = context.compiled
    answer: Any = None
    if plan is not None and isinstance(compiled, SQLCompiler) and _may_wait(plan, context):
        if plan.learning:
            plan.learned.append((statement, parameters))
            plan.columns.append(len(compiled._result_columns))
            answer = _NoAnswer(len(compiled._result_columns))
        elif plan.answers.get(_key(statement, parameters)):
            answer = plan.answers[_key(statement, parameters)].pop(0)
    if answer is None:  # it goes to the server now, after what was made before it
        _send_waiting(connection)
        return False
    cursor.close()
    context.cursor = answer
    return True


def _execute_many(cursor: Any, statement: str, parameters: Any, context: Any) -> bool:
    """`do_executemany`: a write of many rows, learned as one statement a row (the
    pipeline sends them at once) and answered with no rows."""
    assert isinstance(context, DefaultExecutionContext)
    connection = context.root_connection
    plan = connection.info.get(_PLAN)
    keys = [_key(statement, each) for each in parameters]
    if plan is None or not plan.writes or context.isddl:
        answered = False
    elif plan.learning:
        plan.learned.extend((statement, each) for each in parameters)
        plan.columns.extend(0 for _ in parameters)
        answered = True
    else:  # sent: its cursors are closed with the plan's
        answered = all(plan.answers.get(key) for key in keys)
        for key in keys if answered else ():
            plan.answers[key].pop(0).close()
    if not answered:
        _send_waiting(connection)
        return False
    done: Any = _NoAnswer(0, rowcount=len(parameters))
    cursor.close()
    context.cursor = done
    return True


def _may_wait(plan: _Plan, context: DefaultExecutionContext) -> bool:
    return _is_plain_select(context) or (plan.writes and not context.isddl)


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


__all__ = ["Returned", "install", "only_learned", "together", "with_next_trip"]
