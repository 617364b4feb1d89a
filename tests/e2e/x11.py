"""A private X display for end-to-end tests: Xvfb, xdotool and a screenshot, all bounded.

Every external call has a timeout: under xcb a drag runs Qt's nested loop that waits for
real pointer events, so nothing here may wait on the application without a limit.
"""

from __future__ import annotations

import os
import select
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

SCREEN = "1600x900x24"
TOOLS = ("Xvfb", "xdotool")


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def require_tools(tools: tuple[str, ...] = TOOLS, packages: str = "xvfb xdotool") -> None:
    """Skip without the tools on a developer machine; in CI (CI=true) fail instead."""
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if not missing:
        return
    message = f"this test needs {', '.join(missing)} (apt-get install {packages})"
    if in_ci():
        pytest.fail(message)
    pytest.skip(message)


def stop(process: subprocess.Popen[bytes] | subprocess.Popen[str], grace: float = 5) -> None:
    """SIGTERM, then SIGKILL if it is still there after `grace` seconds."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=grace)


@contextmanager
def xvfb(log: Path, timeout: float = 15) -> Iterator[str]:
    """Start Xvfb on a free display (it picks and reports it: -displayfd); yield ':N'."""
    read_end, write_end = os.pipe()
    with log.open("wb") as out:
        server = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_end), "-screen", "0", SCREEN, "-nolisten", "tcp"],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            pass_fds=(write_end,),
        )
    os.close(write_end)
    try:
        number = b""
        deadline = time.monotonic() + timeout
        while not number.endswith(b"\n"):
            left = deadline - time.monotonic()
            ready, _, _ = select.select([read_end], [], [], max(0.0, left))
            chunk = os.read(read_end, 16) if ready else b""
            if not chunk:
                raise RuntimeError(
                    f"Xvfb reported no display within {timeout} s: {log.read_text()[-2000:]}"
                )
            number += chunk
        yield f":{int(number)}"
    finally:
        os.close(read_end)
        stop(server)


def xdotool(display: str, *args: str, timeout: float = 15) -> str:
    result = subprocess.run(
        ["xdotool", *args],
        env={**os.environ, "DISPLAY": display},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"xdotool {' '.join(args)} failed: {result.stderr.strip()}")
    return result.stdout


def screenshot(display: str, path: Path) -> Path | None:
    """The whole screen as PNG if ImageMagick's `import` is there; None otherwise."""
    if shutil.which("import") is None:
        return None
    try:
        subprocess.run(
            ["import", "-display", display, "-window", "root", str(path)],
            capture_output=True,
            timeout=20,
            check=True,
        )
    except (subprocess.SubprocessError, OSError):
        return None
    return path


def drag(
    display: str,
    start: tuple[int, int],
    end: tuple[int, int],
    steps: int = 20,
    pause: float = 0.05,
) -> None:
    """Press on `start`, move in small steps (past Qt's start-drag distance first), let go
    on `end`. Every motion is a real pointer event through XTEST."""
    x0, y0 = start
    x1, y1 = end
    xdotool(display, "mousemove", "--sync", str(x0), str(y0))
    time.sleep(0.3)
    xdotool(display, "mousedown", "1")
    time.sleep(0.2)
    # A few short moves first: Qt starts the drag after startDragDistance (10 px).
    for dx in (3, 6, 10, 15, 22, 30):
        xdotool(display, "mousemove", str(x0 + (dx if x1 >= x0 else -dx)), str(y0))
        time.sleep(pause)
    for step in range(1, steps + 1):
        x = round(x0 + (x1 - x0) * step / steps)
        y = round(y0 + (y1 - y0) * step / steps)
        xdotool(display, "mousemove", str(x), str(y))
        time.sleep(pause)
    # Hover over the target a little so it sees enter and move events before the drop.
    for dx, dy in ((2, 0), (0, 2), (0, 0)):
        xdotool(display, "mousemove", str(x1 + dx), str(y1 + dy))
        time.sleep(0.1)
    xdotool(display, "mouseup", "1")
