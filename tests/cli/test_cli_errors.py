"""What the command line says when the input or the environment is hostile: one clear
line and a non-zero exit, never a traceback, and nothing written."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from jobhunt_desktop.app import main
from tests import unprivileged
from tests.cli.conftest import Cli
from tests.full_disk import disk_full

HUGE = "100000000000000000000000"


@pytest.fixture
def card(cli: Cli) -> Cli:
    cli("add", "--company", "Acme", "--title", "Analyst", "--stage", "Applied")
    return cli


def count_cards(path: Path) -> int:
    with closing(sqlite3.connect(path)) as con:
        return int(con.execute("SELECT count(*) FROM applications").fetchone()[0])


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("add", "--company", "B", "--title", "T", "--salary-min", HUGE), "too large"),
        (("edit", "1", "--salary-max", HUGE), "too large"),
        (("show", "99999999999999999999"), "is not an id"),
        (("move", "99999999999999999999", "Applied"), "is not an id"),
        (("dismiss", "99999999999999999999"), "is not an id"),
        (("archive", "-3"), "is not an id"),
        (("log", "1", "interview", "--at", "2026-03-10T10:00", "--round", HUGE), "not a number"),
        (
            ("add", "--company", "B", "--title", "T", "--applied-on", "9999-12-31"),
            "outside the dates",
        ),
        (("log", "1", "interview", "--at", "9999-12-31T23:00"), "outside the dates"),
        (("log", "1", "interview", "--at", "0001-01-01T00:30"), "outside the dates"),
        (("log", "1", "offer", "--deadline", "9999-12-31T23:00-05:00"), "outside the dates"),
        (("due", "--now", "0001-01-01T00:00+14:00"), "outside the dates"),
        (("config", "reminders_paused_until", "9999-12-31T23:59-12:00"), "outside the dates"),
        (("--db",), "expected one argument"),
        (("--database-url",), "expected one argument"),
        (("--no-such-option",), "unrecognized arguments"),
    ],
)
@pytest.mark.parametrize("zone", ["America/New_York", "Asia/Tokyo"])
def test_numbers_and_dates_beyond_the_edge_are_one_line(
    card: Cli, args: tuple[str, ...], words: str, zone: str
) -> None:
    card.env["TZ"] = zone
    line = card.fails(*args)
    assert line.startswith("jobhunt-desktop")
    assert words in line
    assert count_cards(card.db) == 1


@pytest.mark.parametrize("where", ["/dev/null", "folder"])
def test_a_path_that_is_not_a_file_is_refused_in_one_line(tmp_path: Path, where: str) -> None:
    path = tmp_path if where == "folder" else Path(where)
    line = Cli(path).fails("list")
    assert line == f"jobhunt-desktop: '{path}' is not a file; give the path of a database file"


def test_bytes_that_are_not_utf8_are_refused_by_name(card: Cli) -> None:
    # Python keeps such bytes of argv as lone surrogates, as the shell's $'\xff' gives them.
    bad = os.fsdecode(b"A\xff\xfeB")
    line = card.fails("add", "--company", bad, "--title", "Analyst")
    assert "company" in line and "not valid text" in line and "UTF-8" in line
    line = card.fails("edit", "1", "--tag", "ok", "--tag", bad)
    assert "tag" in line
    assert count_cards(card.db) == 1


def test_a_reader_that_goes_away_ends_the_command_quietly(card: Cli) -> None:
    card("edit", "1", "--notes", "a long story. " * 8_000)
    command = [sys.executable, "-m", "jobhunt_desktop", "--db", str(card.db), "show", "1"]
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=card.env
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        first = process.stdout.read(10)  # `| head -c 10`
        process.stdout.close()
        errors = process.stderr.read().decode()
        code = process.wait(timeout=60)
    assert first == b"#1  Acme -"
    assert errors == ""
    assert code == 1


@pytest.fixture
def shut_folder(card: Cli, tmp_path: Path) -> Iterator[Path]:
    """The card's database in a folder its owner (an unprivileged user) cannot write."""
    folder = tmp_path / "shut"
    folder.mkdir()
    path = folder / "jobs.sqlite3"
    shutil.move(card.db, path)
    for sibling in ("-wal", "-shm"):
        assert not card.db.with_name(card.db.name + sibling).exists()
    os.chmod(path, 0o600)
    unprivileged.give_away([folder, path])
    os.chmod(folder, 0o555)
    yield path
    os.chmod(folder, 0o755)


def run_unprivileged(path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOME": str(path.parent), "TZ": "Europe/Berlin"}
    env.pop("JOBHUNT_DB", None)
    return subprocess.run(
        [*unprivileged.prefix(), sys.executable, "-m", "jobhunt_desktop", "--db", str(path), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("args", [("list",), ("add", "--company", "B", "--title", "T")])
def test_a_database_in_a_folder_you_cannot_write_is_one_line(
    shut_folder: Path, args: tuple[str, ...]
) -> None:
    result = run_unprivileged(shut_folder, *args)
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert f"'{shut_folder}' cannot be opened for writing" in lines[0]
    assert str(shut_folder.parent) in lines[0] and "--db" in lines[0]
    assert count_cards(shut_folder) == 1
    assert sorted(p.name for p in shut_folder.parent.iterdir()) == ["jobs.sqlite3"]


def test_a_read_only_database_file_is_one_line(card: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    path = folder / "jobs.sqlite3"
    shutil.move(card.db, path)
    unprivileged.give_away([folder, path])
    os.chmod(path, 0o400)
    result = run_unprivileged(path, "add", "--company", "B", "--title", "T")
    assert result.returncode == 1, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "cannot be opened for writing" in result.stderr
    os.chmod(path, 0o600)
    assert count_cards(path) == 1


def test_a_full_disk_is_one_line_and_nothing_is_written(
    card: Cli, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = "x" * 500_000
    with disk_full(card.db):
        code = main(
            ["--db", str(card.db), "add", "--company", "B", "--title", "T", "--notes", notes]
        )
    captured = capsys.readouterr()
    assert code == 1
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in captured.err
    assert f"'{card.db}' could not be saved: the disk has no room left" in lines[0]
    assert captured.out == ""
    assert count_cards(card.db) == 1


def test_an_unexpected_error_is_one_line_and_its_traceback_goes_to_the_log(
    card: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    state = tmp_path / "state"
    monkeypatch.setenv("XDG_STATE_HOME", str(state))
    from jobhunt_desktop.cli import commands

    def broken(_ctx: object, _args: object) -> int:
        raise ZeroDivisionError("a bug in a command")

    monkeypatch.setitem(commands.HANDLERS, "list", broken)
    old_mask = os.umask(0)
    try:
        code = main(["--db", str(card.db), "list"])
    finally:
        os.umask(old_mask)
    captured = capsys.readouterr()
    log = state / "jobhunt-desktop" / "log" / "jobhunt-desktop.log"
    assert code == 1
    assert captured.err.strip().splitlines() == [
        "jobhunt-desktop: unexpected error (ZeroDivisionError: a bug in a command); "
        f"the details were written to {log}"
    ]
    text = log.read_text()
    assert "Traceback" in text and "a bug in a command" in text
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert stat.S_IMODE(log.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(log.parent.parent.stat().st_mode) == 0o700
