"""Files kept on a card: what one is, how big it may be, and how its name is kept."""

from __future__ import annotations

import hashlib
import mimetypes
from dataclasses import dataclass
from datetime import datetime

from jobhunt_desktop.domain.errors import UserError

MAX_BYTES = 25 * 1024 * 1024  # a job hunt's files (CV, letters, an ad) are far smaller
MAX_NAME = 255


@dataclass(frozen=True, slots=True)
class Attachment:
    id: int
    application_id: int
    name: str
    size: int
    added_at: datetime
    sha256: str
    media_type: str | None = None


def check_size(name: str, size: int) -> None:
    """Refuse a file too big to keep in the database, saying how big is allowed."""
    if size > MAX_BYTES:
        raise UserError(
            f"“{name}” is {size_text(size)}; files of up to {size_text(MAX_BYTES)} can be "
            "kept on a card (a link in the notes works for bigger ones)"
        )


def clean_name(name: str) -> str:
    """The file's own name, without any folder, kept short enough to store."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1].strip()
    if not base or base in (".", ".."):
        raise UserError("a file needs a name")
    if len(base) > MAX_NAME:
        stem, dot, suffix = base.rpartition(".")
        keep = MAX_NAME - len(suffix) - 1 if dot and len(suffix) < 16 else MAX_NAME
        base = (stem[:keep] + dot + suffix) if dot and len(suffix) < 16 else base[:MAX_NAME]
    return base


def media_type(name: str) -> str | None:
    return mimetypes.guess_type(name)[0]


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def size_text(size: int) -> str:
    """'812 bytes', '14 KB', '2.4 MB': sizes as a file list shows them."""
    if size < 1024:
        return f"{size} bytes" if size != 1 else "1 byte"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"
