"""The log file: capped at three files of 1 MB, private, and never a traceback on the
terminal."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

import pytest

from jobhunt_desktop.services import error_log


def test_the_log_keeps_three_files_of_at_most_a_megabyte_each_all_private(
    tmp_path: Path,
) -> None:
    path = tmp_path / "state" / "log" / "jobhunt-desktop.log"
    old_mask = os.umask(0)
    try:
        assert error_log.install_file_log(path) == path
        assert not path.exists()  # nothing written yet, nothing created
        logger = logging.getLogger("jobhunt_desktop.test")
        for number in range(5_000):  # about 5 MB
            logger.warning("record %05d %s", number, "x" * 1_000)
    finally:
        os.umask(old_mask)
        error_log.close_file_log()
    files = sorted(path.parent.iterdir())
    assert [f.name for f in files] == [
        "jobhunt-desktop.log",
        "jobhunt-desktop.log.1",
        "jobhunt-desktop.log.2",
    ]
    for each in files:
        assert each.stat().st_size <= error_log.MAX_BYTES
        assert stat.S_IMODE(each.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.parent.parent.stat().st_mode) == 0o700
    assert "record 04999" in path.read_text()  # the newest are kept


def test_the_terminal_gets_one_line_and_the_file_the_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "jobhunt-desktop.log"
    error_log.configure_terminal({"JOBHUNT_LOG": "not-a-level"})  # falls back to WARNING
    error_log.install_file_log(path)
    try:
        raise KeyError("a missing thing")
    except KeyError:
        logging.getLogger("jobhunt_desktop.test").exception("it went\nwrong")
    error_log.close_file_log()
    said = capsys.readouterr().err
    assert said.strip().splitlines() == ["ERROR jobhunt_desktop.test: it went wrong"]
    written = path.read_text()
    assert "Traceback" in written and "KeyError: 'a missing thing'" in written


def test_a_log_that_cannot_be_written_is_skipped_quietly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the log folder should be")
    error_log.configure_terminal({})
    error_log.install_file_log(blocker / "log" / "jobhunt-desktop.log")
    logging.getLogger("jobhunt_desktop.test").warning("still fine")
    error_log.close_file_log()
    said = capsys.readouterr().err
    assert said.strip().splitlines() == ["WARNING jobhunt_desktop.test: still fine"]
