"""Files on cards: added from disk to one card or several at once, listed, read back,
saved elsewhere, removed; adding and removing are undoable operations."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from jobhunt_desktop.domain.attachments import Attachment, check_size, clean_name
from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.persistence.private_files import write_private_bytes
from jobhunt_desktop.persistence.repositories import (
    ApplicationRepository,
    AttachmentRepository,
    HistoryRepository,
)
from jobhunt_desktop.services.base import Service
from jobhunt_desktop.services.outcome import Outcome


@dataclass(frozen=True, slots=True)
class FileToAttach:
    """A file read from disk, checked, ready to keep."""

    name: str
    data: bytes


def read_files(paths: Sequence[Path]) -> list[FileToAttach]:
    """Read the files to attach, refusing any too big (before reading it) or
    unreadable, with a message naming it; nothing is kept if one is refused."""
    files = []
    for path in paths:
        name = clean_name(path.name)
        try:
            check_size(name, path.stat().st_size)
            data = path.read_bytes()
        except FileNotFoundError:
            raise UserError(f"there is no file {path}") from None
        except IsADirectoryError:
            raise UserError(f"{path} is a folder; attach the files in it instead") from None
        except OSError as error:
            raise UserError(f"“{name}” could not be read: {error.strerror or error}") from None
        check_size(name, len(data))
        files.append(FileToAttach(name, data))
    return files


class AttachmentService(Service):
    def of(self, application_id: int) -> list[Attachment]:
        with self.db.read() as session:
            ApplicationRepository(session).get(application_id)  # a clear error if gone
            return AttachmentRepository(session).for_application(application_id)

    def attach(
        self, application_ids: Sequence[int], files: Sequence[FileToAttach]
    ) -> Outcome[list[Attachment]]:
        """Keep the files on every given card, in one step (one copy of each file)."""
        if not files:
            raise UserError("no files to attach")
        now = self.now()
        with self.operation(application_ids) as op:
            session = op.session
            ApplicationRepository(session).present(application_ids)  # GoneError if none
            repo, history = AttachmentRepository(session), HistoryRepository(session)
            added = []
            for card in dict.fromkeys(application_ids):
                for file in files:
                    added.append(repo.add(card, file.name, file.data, now))
                    history.record(card, now, "attached", "file", None, file.name)
        return op.outcome(added)

    def attach_paths(
        self, application_ids: Sequence[int], paths: Sequence[Path]
    ) -> Outcome[list[Attachment]]:
        return self.attach(application_ids, read_files(paths))

    def content(self, attachment_id: int) -> tuple[Attachment, bytes]:
        with self.db.read() as session:
            repo = AttachmentRepository(session)
            return repo.get(attachment_id), repo.content(attachment_id)

    def save(self, attachment_id: int, target: Path) -> Path:
        """Write the file out, readable by the user alone (0600); a folder as target
        gets the file under its own name."""
        attachment, data = self.content(attachment_id)
        path = target / attachment.name if target.is_dir() else target
        try:
            write_private_bytes(path, data, create_folders=False)
        except FileNotFoundError:
            raise UserError(f"there is no folder {path.parent}") from None
        except OSError as error:
            raise UserError(f"{path} could not be written: {error.strerror or error}") from None
        return path

    def remove(self, attachment_id: int) -> Outcome[Attachment]:
        now = self.now()
        with self.operation([]) as op:
            session = op.session
            repo = AttachmentRepository(session)
            found = repo.get(attachment_id)
            op.card_ids.append(found.application_id)
            op.before = self.states(session, op.card_ids)
            removed = repo.delete(attachment_id)
            HistoryRepository(session).record(
                removed.application_id, now, "removed", "file", removed.name, None
            )
        return op.outcome(removed)

    def prune(self) -> int:
        """Forget the contents of files no card holds (removed, or on deleted cards).
        Called when a window closes: its undo, which could put them back, goes with it."""
        with self.db.write() as session:
            return AttachmentRepository(session).prune()
