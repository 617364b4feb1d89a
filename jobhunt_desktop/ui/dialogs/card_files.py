"""The Files tab: what a card holds (the CV and letter sent, the ad, an offer letter),
added with a file dialog or by dropping files on the tab, opened with the system's
program, saved elsewhere, removed (undoably)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QVBoxLayout, QWidget

from jobhunt_desktop.domain.attachments import Attachment, size_text
from jobhunt_desktop.domain.wording import counted
from jobhunt_desktop.ui.board.file_drops import local_files
from jobhunt_desktop.ui.dialogs.card_common import (
    ID_ROLE,
    CardHost,
    CardView,
    button,
    local_text,
    row_item,
    table,
)

_OPENED: list[Path] = []  # the one folder of this run's opened copies, once made


def opened_copies_folder() -> Path:
    """A private folder (0700) for the copies opened this run, removed when it ends:
    the program showing a copy may still be reading it after the card closes."""
    import atexit
    import shutil
    import tempfile

    if not _OPENED:
        _OPENED.append(Path(tempfile.mkdtemp(prefix="jobhunt-opened-")))
        atexit.register(shutil.rmtree, _OPENED[0], ignore_errors=True)
    _OPENED[0].mkdir(mode=0o700, exist_ok=True)
    return _OPENED[0]


class FilesTab(QWidget):
    def __init__(self, host: CardHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.files: tuple[Attachment, ...] = ()
        self.setAcceptDrops(True)
        self.list = table(("Name", "Size", "Added"), "Files", self)
        self.list.setToolTip("Drop files here to keep them on this card (up to 25 MB each)")
        self.list.itemActivated.connect(lambda *_: self.open_selected())
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.add_button = button("&Add files…", "Keep files on this card", self.add_files, self)
        self.open_button = button(
            "&Open", "Open with the program your system uses (Enter)", self.open_selected, self
        )
        self.save_button = button(
            "Sa&ve as…", "Write a copy of the file somewhere else", self.save_selected, self
        )
        self.remove_button = button(
            "&Remove", "Take the file off this card (Ctrl+Z brings it back)", self.remove, self
        )
        row = QHBoxLayout()
        for push in (self.add_button, self.open_button, self.save_button):
            row.addWidget(push)
        row.addStretch(1)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        self._update_buttons()

    def show_card(self, view: CardView) -> None:
        keep = self.selected()
        self.files = view.story.attachments
        self.list.clear()
        for file in self.files:
            values = (file.name, size_text(file.size), local_text(file.added_at, view.zone))
            item = row_item(values, file.id)
            self.list.addTopLevelItem(item)
            item.setSelected(keep is not None and file.id == keep.id)
        self.list.resizeColumnToContents(0)
        self._update_buttons()

    def selected(self) -> Attachment | None:
        items = self.list.selectedItems()
        if not items:
            return None
        wanted = items[0].data(0, ID_ROLE)
        return next((f for f in self.files if f.id == wanted), None)

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        for push in (self.open_button, self.save_button, self.remove_button):
            push.setEnabled(chosen)

    # adding ---------------------------------------------------------------------------

    def add_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "Files to keep on this card")
        if names:
            self.attach([Path(n) for n in names])

    def attach(self, paths: list[Path]) -> None:
        card = self.host.application_id
        self.host.perform(
            "Attach files" if len(paths) > 1 else f"Attach {paths[0].name}",
            lambda s: s.attachments.attach_paths([card], paths),
            lambda done: f"Kept {counted(len(done.value), 'file')} on this card.",
        )

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if local_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = local_files(event)
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.attach(paths)

    # using ----------------------------------------------------------------------------

    def open_selected(self) -> bool:
        """Open a copy (readable by you alone, in a private temporary folder) with the
        system's program for it; True when one is on its way."""
        file = self.selected()
        if file is None:
            return False
        folder = opened_copies_folder()

        def open_copy(path: Path) -> None:
            if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
                self.host.show_error(
                    f"No program on this computer opens “{file.name}”; use Save as… to keep a copy."
                )

        self.host.fetch(
            f"Opening {file.name}…", lambda s: s.attachments.save(file.id, folder), open_copy
        )
        return True

    def save_selected(self) -> None:
        file = self.selected()
        if file is None:
            return
        name, _ = QFileDialog.getSaveFileName(self, "Save a copy", str(Path.home() / file.name))
        if not name:
            return
        self.host.fetch(
            f"Saving {file.name}…",
            lambda s: s.attachments.save(file.id, Path(name)),
            lambda path: self.host.say(f"Saved {path}."),
        )

    def remove(self) -> None:
        file = self.selected()
        if file is None:
            return
        self.host.perform(
            f"Remove {file.name}",
            lambda s: s.attachments.remove(file.id),
            lambda _done: f"Removed {file.name}. Ctrl+Z brings it back.",
        )
