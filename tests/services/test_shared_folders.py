"""The synced-folder warning comes once per path, from the real mount table file
format, and remembers what it said in the state folder."""

from __future__ import annotations

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
