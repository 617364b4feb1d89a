"""Real notifications: a private D-Bus session, Xvfb, dunst, and dbus-monitor watching.

`notify_session.py` runs inside `dbus-run-session` and reports every Notify call the
bus carried. Needs Xvfb, dunst, dbus-run-session, dbus-monitor and notify-send: the
test skips without them on a developer machine and fails in CI (CI=true).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from jobhunt_desktop.domain.clock import FixedClock
from jobhunt_desktop.persistence.database import open_database
from jobhunt_desktop.services.container import Services
from tests.e2e.x11 import require_tools, xvfb

SESSION = Path(__file__).with_name("notify_session.py")
TOOLS = ("Xvfb", "dunst", "dbus-run-session", "dbus-monitor", "dbus-send", "notify-send")
PACKAGES = "xvfb dunst dbus-daemon dbus-bin libnotify-bin"


@pytest.fixture
def display(tmp_path: Path) -> Iterator[str]:
    require_tools(TOOLS, PACKAGES)
    with xvfb(tmp_path / "xvfb.log") as name:
        yield name


def owed_database(path: Path, companies: list[str]) -> None:
    """Applications sent ten days ago: each owes its status check (R5) right now."""
    db = open_database(f"sqlite:///{path}")
    services = Services.create(db, FixedClock(datetime.now(UTC) - timedelta(days=10)), "UTC")
    services.settings.set("r12_min_active", "1")  # no weekly nudge in the count
    for company in companies:
        services.applications.add(company, "Analyst", stage="Applied")
    db.close()


def run_session(scenario: str, db: Path, folder: Path, display: str) -> dict[str, Any]:
    env = {**os.environ, "DISPLAY": display, "TZ": "UTC"}
    for name in ("DBUS_SESSION_BUS_ADDRESS", "JOBHUNT_DB", "WAYLAND_DISPLAY"):
        env.pop(name, None)
    env["XDG_RUNTIME_DIR"] = str(folder)
    out = folder / "result.json"
    finished = subprocess.run(
        ["dbus-run-session", "--", sys.executable, str(SESSION), scenario, str(db), str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert out.exists(), finished.stdout + finished.stderr
    result: dict[str, Any] = json.loads(out.read_text())
    return result


def expected(company: str) -> str:
    return f"Check on your application with {company} (Analyst)"


def test_two_watchers_and_a_one_shot_notify_each_reminder_exactly_once(
    tmp_path: Path, display: str
) -> None:
    companies = ["Acme", "Globex", "Initech"]
    db = tmp_path / "jobs.sqlite3"
    owed_database(db, companies)

    result = run_session("race", db, tmp_path, display)

    calls = result["calls"]
    assert len(calls) == 3, result["log"]
    assert sorted(c["body"] for c in calls) == sorted(expected(c) for c in companies)
    assert {c["summary"] for c in calls} == {"Follow-up due"}
    assert {c["app_name"] for c in calls} == {"jobhunt-desktop"}
    assert all(notified and notify_at is None for _, notified, notify_at, _, _ in result["rows"])
    assert [attempts for *_, attempts, _ in result["rows"]] == [1, 1, 1]
    assert result["watch_exits"] == [0, 0]


def test_a_watcher_killed_after_its_claim_loses_nothing(tmp_path: Path, display: str) -> None:
    db = tmp_path / "jobs.sqlite3"
    owed_database(db, ["Acme"])

    result = run_session("killed", db, tmp_path, display)

    [(_, notified, _, attempts, claimed_by)] = result["after_kill"]
    assert notified is None and attempts == 1 and claimed_by  # claimed, never notified
    assert [c["body"] for c in result["calls"]] == [expected("Acme")], result["log"]
    [(_, notified, notify_at, attempts, claimed_by)] = result["rows"]
    assert notified is not None and notify_at is None and claimed_by is None
    assert attempts == 2
    assert result["once_exit"] == 0
    with sqlite3.connect(db) as con:  # one delivery on record, nothing left owed
        owed = "SELECT count(*) FROM followups WHERE notify_at IS NOT NULL"
        assert con.execute(owed).fetchone() == (0,)
