"""Files on cards, their contents stored once per distinct file."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from jobhunt_desktop.domain.attachments import Attachment, digest, media_type
from jobhunt_desktop.persistence.in_lists import chunks
from jobhunt_desktop.persistence.mapping import utc
from jobhunt_desktop.persistence.models import AttachmentRow, BlobRow
from jobhunt_desktop.persistence.repositories.common import row_by_id


def _attachment(row: AttachmentRow) -> Attachment:
    added = utc(row.added_at)
    assert added is not None
    return Attachment(
        id=row.id,
        application_id=row.application_id,
        name=row.name,
        size=row.size,
        added_at=added,
        sha256=row.sha256,
        media_type=row.media_type,
    )


class AttachmentRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, application_id: int, name: str, data: bytes, now: datetime) -> Attachment:
        """Keep `data` on the card as `name`; contents already stored are not stored
        again (one CV on fifty cards is one copy)."""
        sha = digest(data)
        known = select(BlobRow.sha256).where(BlobRow.sha256 == sha)  # not the contents
        if self.session.scalar(known) is None:
            self.session.add(BlobRow(sha256=sha, size=len(data), data=data, created_at=now))
            self.session.flush()  # the contents first: the attachment names them
        row = AttachmentRow(
            application_id=application_id,
            sha256=sha,
            name=name,
            media_type=media_type(name),
            size=len(data),
            added_at=now,
        )
        self.session.add(row)
        self.session.flush()
        return _attachment(row)

    def for_applications(self, application_ids: Sequence[int]) -> dict[int, list[Attachment]]:
        found: dict[int, list[Attachment]] = {}
        for chunk in chunks(application_ids):
            rows = self.session.scalars(
                select(AttachmentRow)
                .where(AttachmentRow.application_id.in_(chunk))
                .order_by(AttachmentRow.added_at, AttachmentRow.id)
            )
            for row in rows:
                found.setdefault(row.application_id, []).append(_attachment(row))
        return found

    def for_application(self, application_id: int) -> list[Attachment]:
        return self.for_applications([application_id]).get(application_id, [])

    def get(self, attachment_id: int) -> Attachment:
        return _attachment(self._row(attachment_id))

    def content(self, attachment_id: int) -> bytes:
        row = self._row(attachment_id)
        data = self.session.scalar(select(BlobRow.data).where(BlobRow.sha256 == row.sha256))
        assert data is not None
        return bytes(data)

    def delete(self, attachment_id: int) -> Attachment:
        """The card lets go of the file; its contents stay while any card (or an undo
        of this) may want them."""
        row = self._row(attachment_id)
        value = _attachment(row)
        self.session.delete(row)
        self.session.flush()
        return value

    def prune(self) -> int:
        """Drop the contents no card holds any more; how many files' worth."""
        held = select(AttachmentRow.sha256).distinct()
        result = self.session.execute(delete(BlobRow).where(BlobRow.sha256.not_in(held)))
        return int(getattr(result, "rowcount", 0) or 0)

    def _row(self, attachment_id: int) -> AttachmentRow:
        return row_by_id(self.session, AttachmentRow, attachment_id, "no attachment with id")
