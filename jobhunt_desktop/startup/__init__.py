"""The window's start: its first paint comes before the ORM loads, and the rest after it.

Start-up time is what people feel every day, and most of it is importing SQLAlchemy,
Alembic and the services, none of which the first picture of the board needs. Every
trick that brings the start forward (the first paint, or the moment the window takes
input) lives here, and each stays only while ``benchmarks/startup_benchmark.py`` shows
that it saves 5 ms or more:

- `quick_board` reads the board with plain sqlite3, before the ORM is imported;
- `deferred` is the one lazy import of the start: the services (the database, the
  ORM, the schema check) are opened when first asked for, which the window does once
  its board is on screen;
- `gc_pause` keeps the cyclic garbage collector off until the window takes input;
- `qt_preload` loads Qt's native libraries on a helper thread meanwhile.

Only `jobhunt_desktop.app` imports this package. It never imports PySide6, and
SQLAlchemy, Alembic and the services only inside `deferred`, when called;
tests/ui/test_startup.py reads Python's import log to hold the first paint to that.

Diagnostic option, beside ``JOBHUNT_REPORT_PAINT`` (see
`jobhunt_desktop.ui.application.StartupHooks`): ``JOBHUNT_STARTUP_TRICKS=-quick,-gc,-preload``
switches the named tricks off (`tricks`), so that the benchmark can measure what each
one saves.
"""
