"""Runs inside `dbus-run-session`: a real notification server, a bus monitor, and the
reminder processes of one scenario; writes what the bus saw as JSON.

    python notify_session.py SCENARIO DB OUT

race:   two `reminders --watch` and one `reminders --once` start together; waits until
        every owed reminder is delivered, lets the watchers run a little longer (a
        duplicate would show), then stops them with SIGTERM.
killed: one watcher whose notify-send hangs (a stand-in program first on PATH) claims
        a reminder and is killed with SIGKILL before it can notify; then
        `reminders --once`, run as if the claim had gone stale, delivers it.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

BUS_NAME = "org.freedesktop.Notifications"


def wait_for(check: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise SystemExit(f"timed out waiting for {what}")


def server_ready() -> bool:
    result = subprocess.run(
        [
            "dbus-send",
            "--session",
            "--print-reply",
            "--dest=org.freedesktop.DBus",
            "/org/freedesktop/DBus",
            "org.freedesktop.DBus.NameHasOwner",
            f"string:{BUS_NAME}",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    return "boolean true" in result.stdout


def rows(db: Path) -> list[tuple[int, str | None, str | None, int, str | None]]:
    with sqlite3.connect(db, timeout=10) as con:
        return con.execute(
            "SELECT id, notified_at, notify_at, attempts, claimed_by FROM followups "
            "WHERE state IN ('pending', 'snoozed') ORDER BY id"
        ).fetchall()


def app(
    db: Path, *args: str, env: dict[str, str] | None = None, log: Path
) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "jobhunt_desktop", "--db", str(db), "reminders", *args],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env or dict(os.environ),
        )


def notify_calls(monitor_log: str) -> list[dict[str, str]]:
    """The (app name, summary, body) of each Notify call in dbus-monitor's output."""
    calls = []
    for block in monitor_log.split("method call ")[1:]:
        if "member=Notify" not in block.splitlines()[0]:
            continue
        strings = re.findall(r'^\s+string "(.*)"$', block, flags=re.MULTILINE)
        calls.append({"app_name": strings[0], "summary": strings[2], "body": strings[3]})
    return calls


def main() -> None:
    scenario, db, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    folder = out.parent
    server = subprocess.Popen(
        ["dunst"], stdout=subprocess.DEVNULL, stderr=(folder / "dunst.log").open("wb")
    )
    monitor_path = folder / "monitor.log"
    monitor = subprocess.Popen(
        ["dbus-monitor", f"interface={BUS_NAME}"],
        stdout=monitor_path.open("wb"),
        stderr=subprocess.STDOUT,
    )
    log = folder / "reminders.log"
    result: dict[str, object] = {}
    try:
        wait_for(server_ready, 20, "the notification server")
        time.sleep(0.3)  # let the monitor attach
        if scenario == "race":
            procs = [
                app(db, "--watch", log=log),
                app(db, "--watch", log=log),
                app(db, "--once", log=log),
            ]
            wait_for(lambda: all(r[1] is not None for r in rows(db)), 60, "every delivery")
            time.sleep(3)  # long enough for a second delivery to show up, if any
            result["once_exit"] = procs[2].wait(timeout=30)
            for proc in procs[:2]:
                proc.send_signal(signal.SIGTERM)
            result["watch_exits"] = [p.wait(timeout=30) for p in procs[:2]]
        elif scenario == "killed":
            stub = folder / "stub-bin"
            stub.mkdir()
            hang = stub / "notify-send"
            hang.write_text("#!/bin/sh\nexec sleep 600\n")
            hang.chmod(0o755)
            env = {**os.environ, "PATH": f"{stub}{os.pathsep}{os.environ['PATH']}"}
            watcher = app(db, "--watch", env=env, log=log)
            wait_for(lambda: any(r[4] for r in rows(db)), 30, "the watcher's claim")
            time.sleep(0.5)  # it is inside notify-send now, which never returns
            watcher.send_signal(signal.SIGKILL)
            watcher.wait(timeout=10)
            subprocess.run(["pkill", "-f", str(hang)], check=False)
            result["after_kill"] = rows(db)
            later = (datetime.now(UTC) + timedelta(minutes=3)).isoformat()
            once = app(db, "--once", "--now", later, log=log)
            result["once_exit"] = once.wait(timeout=60)
        time.sleep(1)
    finally:
        monitor.terminate()
        monitor.wait(timeout=10)
        server.terminate()
        server.wait(timeout=10)
    result["rows"] = rows(db)
    result["calls"] = notify_calls(monitor_path.read_text(errors="replace"))
    result["log"] = log.read_text(errors="replace") if log.exists() else ""
    out.write_text(json.dumps(result))


if __name__ == "__main__":
    main()
