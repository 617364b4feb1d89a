"""Which places the database is warned about: sync clients' folders by name, network
and FUSE mounts from the mount table; a local disk is not."""

from __future__ import annotations

import pytest

from jobhunt_desktop.domain.shared_folders import Mount, parse_mounts, shared_folder_risk

MOUNTS = parse_mounts(
    "/dev/sda1 / ext4 rw,relatime 0 0\n"
    "proc /proc proc rw 0 0\n"
    "server:/export/home /home/ana/nas nfs4 rw,vers=4.2 0 0\n"
    "//box/share /mnt/office\\040share cifs rw 0 0\n"
    "ana@host:/srv /home/ana/remote fuse.sshfs rw 0 0\n"
    "/dev/sdb1 /media/ana/USB fuseblk rw 0 0\n"
    "/dev/sda2 /home/ana/nas/local ext4 rw 0 0\n"
    "systemd-1 /mnt/auto autofs rw 0 0\n"
    "nas:/export /mnt/auto nfs4 rw 0 0\n"  # mounted over the automount point: this one
)


@pytest.mark.parametrize(
    ("path", "where"),
    [
        ("/home/ana/Dropbox/jobs/jobhunt.sqlite3", "a Dropbox folder"),
        ("/home/ana/Dropbox (Personal)/jobhunt.sqlite3", "a Dropbox folder"),
        ("C:\\Users\\Ana\\OneDrive - Contoso\\jobhunt.sqlite3", "a OneDrive folder"),
        ("C:\\Users\\Ana\\OneDrive\\Documents\\jobhunt.sqlite3", "a OneDrive folder"),
        ("G:\\My Drive\\jobhunt.sqlite3", "a Google Drive folder"),
        ("/home/ana/Google Drive/jobhunt.sqlite3", "a Google Drive folder"),
        (
            "/Users/ana/Library/Mobile Documents/com~apple~CloudDocs/jobhunt.sqlite3",
            "an iCloud Drive folder",
        ),
        (
            "/Users/ana/Library/CloudStorage/GoogleDrive-ana@example.com/My Drive/j.sqlite3",
            "a Google Drive folder",
        ),
        ("/Users/ana/Library/CloudStorage/Box-Box/j.sqlite3", "a Box folder"),
        ("\\\\fileserver\\home\\ana\\jobhunt.sqlite3", "a network drive"),
        ("/home/ana/nas/jobhunt.sqlite3", "a network drive (nfs4)"),
        ("/mnt/office share/jobhunt.sqlite3", "a network drive (cifs)"),
        ("/home/ana/remote/jobhunt.sqlite3", "a FUSE mount (fuse.sshfs)"),
        ("/mnt/auto/jobhunt.sqlite3", "a network drive (nfs4)"),
    ],
)
def test_places_sqlite_is_not_safe_in_are_named(path: str, where: str) -> None:
    assert shared_folder_risk(path, MOUNTS) == where


@pytest.mark.parametrize(
    "path",
    [
        "/home/ana/.local/share/jobhunt-desktop/jobhunt.sqlite3",
        "/home/ana/nas/local/jobhunt.sqlite3",  # a local disk mounted inside the NFS one
        "/home/ana/nasty/jobhunt.sqlite3",  # only a prefix of /home/ana/nas
        "/media/ana/USB/jobhunt.sqlite3",  # NTFS through FUSE is still a local disk
        "/home/ana/dropboxes/jobhunt.sqlite3",
        "C:\\Users\\Ana\\Documents\\jobhunt.sqlite3",
        "/home/ana/cloudstorage/jobhunt.sqlite3",  # not macOS's Library/CloudStorage
    ],
)
def test_a_local_disk_is_not_warned_about(path: str) -> None:
    assert shared_folder_risk(path, MOUNTS) is None


def test_the_mount_table_reads_escaped_spaces_and_skips_short_lines() -> None:
    assert parse_mounts("a /x\\040y ext4 rw 0 0\n\nbroken\n") == [Mount("/x y", "ext4")]
