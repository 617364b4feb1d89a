"""Files on cards: stored once per distinct file, refused over 25 MB, undoable."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from jobhunt_desktop.domain.attachments import MAX_BYTES, size_text
from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.persistence.database import Database
from jobhunt_desktop.persistence.models import BlobRow
from jobhunt_desktop.services.container import Services


def _file(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def test_one_cv_on_many_cards_is_stored_once(
    services: Services, db: Database, tmp_path: Path
) -> None:
    cards = [services.applications.add(f"Co {i}", "Analyst").id for i in range(50)]
    cv = _file(tmp_path, "cv-2026.pdf", b"%PDF-1.7 my cv" * 100)
    done = services.attachments.attach_paths(cards, [cv])
    assert len(done.value) == 50
    with db.read() as session:
        assert session.query(BlobRow).count() == 1
    [kept] = services.attachments.of(cards[7])
    assert (kept.name, kept.size, kept.media_type) == ("cv-2026.pdf", 1400, "application/pdf")
    assert services.attachments.content(kept.id)[1] == cv.read_bytes()
    assert services.applications.story(cards[7]).history[-1].action == "attached"


def test_attaching_and_removing_undo_exactly(services: Services, tmp_path: Path) -> None:
    card = services.applications.add("Acme", "Analyst").id
    added = services.attachments.attach_paths([card], [_file(tmp_path, "letter.txt", b"Dear")])
    services.undo.put_back(added.before, added.changes.history)
    assert services.attachments.of(card) == []
    [again] = services.attachments.attach_paths([card], [tmp_path / "letter.txt"]).value
    removed = services.attachments.remove(again.id)
    assert services.attachments.of(card) == []
    services.undo.put_back(removed.before, removed.changes.history)
    assert [a.id for a in services.attachments.of(card)] == [again.id]
    assert services.attachments.content(again.id)[1] == b"Dear"


def test_a_deleted_card_comes_back_with_its_files(services: Services, tmp_path: Path) -> None:
    card = services.applications.add("Acme", "Analyst").id
    services.attachments.attach_paths([card], [_file(tmp_path, "ad.html", b"<h1>Job</h1>")])
    deleted = services.applications.delete(card)
    services.applications.undelete_many(deleted.value)
    [back] = services.attachments.of(card)
    assert services.attachments.content(back.id)[1] == b"<h1>Job</h1>"


def test_files_over_25_mb_are_refused_with_a_clear_message(
    services: Services, tmp_path: Path
) -> None:
    card = services.applications.add("Acme", "Analyst").id
    big = tmp_path / "video.mp4"
    with big.open("wb") as out:
        out.truncate(MAX_BYTES + 1)  # sparse: nothing is really written
    with pytest.raises(UserError, match=r"video.mp4.*up to 25.0 MB"):
        services.attachments.attach_paths([card], [_file(tmp_path, "ok.txt", b"x"), big])
    assert services.attachments.of(card) == []  # all or nothing
    with pytest.raises(UserError, match="no file"):
        services.attachments.attach_paths([card], [tmp_path / "missing.pdf"])
    assert size_text(812) == "812 bytes" and size_text(14_000) == "14 KB"


def test_a_saved_copy_is_for_the_user_alone(services: Services, tmp_path: Path) -> None:
    card = services.applications.add("Acme", "Analyst").id
    [kept] = services.attachments.attach_paths(
        [card], [_file(tmp_path, "offer.pdf", b"%PDF offer")]
    ).value
    out = tmp_path / "out"
    out.mkdir()
    path = services.attachments.save(kept.id, out)
    assert path == out / "offer.pdf" and path.read_bytes() == b"%PDF offer"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    with pytest.raises(UserError, match="no folder"):
        services.attachments.save(kept.id, tmp_path / "nowhere" / "x.pdf")


def test_contents_no_card_holds_are_pruned(
    services: Services, db: Database, tmp_path: Path
) -> None:
    keep = services.applications.add("Acme", "Analyst").id
    drop = services.applications.add("Beta", "Analyst").id
    services.attachments.attach_paths([keep, drop], [_file(tmp_path, "cv.pdf", b"cv")])
    services.attachments.attach_paths([drop], [_file(tmp_path, "offer.pdf", b"offer")])
    services.applications.delete(drop)
    assert services.attachments.prune() == 1  # the offer letter; the CV is still on Acme
    with db.read() as session:
        assert session.query(BlobRow).count() == 1
    assert services.attachments.prune() == 0
