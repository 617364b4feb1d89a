"""The synced-folder warning comes once per path, from the real mount table file
format, and remembers what it said in the state folder."""

from __future__ import annotations

import os
from pathlib import Path

from jobhunt_desktop.domain.shared_folders import Mount
from jobhunt_desktop.services.shared_folders import mount_table, warning_once


def test_the_warning_comes_once_per_path(tmp_path: Path) -> None:
    state = tmp_path / "state"
    box = tmp_path / "Dropbox" / "jobhunt.sqlite3"
    first = warning_once(box, [], state)
    assert first is not None and "Dropbox folder" in first and "Several computers" in first
    assert warning_once(box, [], state) is None  # said already
    other = tmp_path / "Dropbox" / "other.sqlite3"
    assert warning_once(other, [], state) is not None  # another path: said for it too
    assert warning_once(tmp_path / "local.sqlite3", [], state) is None


def test_a_network_mount_read_from_a_mount_table_file(tmp_path: Path) -> None:
    table = tmp_path / "mounts"
    table.write_text(f"server:/x {tmp_path}/nas nfs4 rw 0 0\n/dev/sda1 / ext4 rw 0 0\n")
    mounts = mount_table(table)
    assert Mount(f"{tmp_path}/nas", "nfs4") in mounts
    said = warning_once(tmp_path / "nas" / "j.sqlite3", mounts, tmp_path / "state")
    assert said is not None and "network drive (nfs4)" in said
    assert mount_table(tmp_path / "missing") == []


def test_an_unwritable_state_folder_means_saying_it_again_not_failing(tmp_path: Path) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder should be")
    box = tmp_path / "Dropbox" / "jobhunt.sqlite3"
    assert warning_once(box, [], blocked) is not None
    assert warning_once(box, [], blocked) is not None


def test_a_folder_linked_into_dropbox_is_warned_about(tmp_path: Path) -> None:
    synced = tmp_path / "Dropbox" / "jobs"
    synced.mkdir(parents=True)
    (tmp_path / "jobs").symlink_to(synced)
    said = warning_once(tmp_path / "jobs" / "jobhunt.sqlite3", [], tmp_path / "state")
    assert said is not None and "Dropbox folder" in said


def test_a_path_that_is_not_utf8_and_a_garbled_record_do_not_fail(tmp_path: Path) -> None:
    state = tmp_path / "state"
    state.mkdir()
    (state / "shared-folder-warnings.txt").write_bytes(b"\xff\xfe garbage\n")
    odd = Path(os.fsdecode(b"/home/u/Dropbox/caf\xe9.sqlite3"))
    assert warning_once(odd, [], state) is not None
    assert warning_once(odd, [], state) is None  # remembered, as its bytes


def test_a_watcher_warns_without_using_the_warning_up(tmp_path: Path) -> None:
    box = tmp_path / "Dropbox" / "jobhunt.sqlite3"
    state = tmp_path / "state"
    assert warning_once(box, [], state, remember=False) is not None
    assert warning_once(box, [], state) is not None  # the window still says it
