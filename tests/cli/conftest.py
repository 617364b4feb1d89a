"""The command line as a user or a script runs it: a real subprocess on a real file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest


class Cli:
    def __init__(self, db: Path, zone: str = "Europe/Berlin") -> None:
        self.db = db
        self.env = {**os.environ, "TZ": zone}
        self.env.pop("JOBHUNT_DB", None)

    def __call__(
        self, *args: str, ok: bool = True, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [sys.executable, "-m", "jobhunt_desktop", "--db", str(self.db), *args],
            capture_output=True,
            text=True,
            env=env or self.env,
            timeout=60,
            check=False,
        )
        if ok:
            assert result.returncode == 0, result.stderr
        return result

    def json(self, *args: str) -> list[dict[str, Any]]:
        data = json.loads(self(*args, "--json").stdout)
        assert isinstance(data, list)
        return data

    def fails(self, *args: str) -> str:
        result = self(*args, ok=False)
        assert result.returncode != 0
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert "Traceback" not in result.stderr
        return lines[0]


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    return Cli(tmp_path / "jobs.sqlite3")


def add_acme(cli: Cli, *more: str) -> None:
    """The card most tests start from: Acme, Analyst, in Applied."""
    cli("add", "--company", "Acme", "--title", "Analyst", "--stage", "Applied", *more)
