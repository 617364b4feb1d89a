"""File > Use a shared database...: the server's URL, and whether this board is copied
there (for the first computer; a second one takes what the server holds)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

PLACEHOLDER = "postgresql+psycopg://you@host/jobhunt"


class SharedDatabaseDialog(QDialog):
    """Asks; `url`, `copy` and `back_to_file` say what was chosen once accepted."""

    def __init__(self, on_server: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Use a shared database")
        self.back_to_file = False
        intro = QLabel(
            "Keep your cards on a PostgreSQL server that you run, and point every "
            "computer at it. Leave the password out of the address: put it in "
            "~/.pgpass. Every later start opens the database chosen here."
        )
        intro.setWordWrap(True)
        self.address = QLineEdit(self)
        self.address.setPlaceholderText(PLACEHOLDER)
        self.address.setClearButtonEnabled(True)
        self.copy_board = QCheckBox("&Copy this board there (it must hold no cards yet)", self)
        self.copy_board.setChecked(not on_server)
        form = QFormLayout()
        form.addRow("&Address:", self.address)
        form.addRow("", self.copy_board)
        label = form.labelForField(self.address)
        if isinstance(label, QLabel):
            label.setBuddy(self.address)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.use_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.use_button.setText("&Use this database")
        self.use_button.setEnabled(False)
        self.address.textChanged.connect(
            lambda text: self.use_button.setEnabled("://" in text.strip())
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        if on_server:
            self.file_button = QPushButton("Use this computer's &file", self)
            self.file_button.setToolTip("Every later start opens the file on this computer")
            self.buttons.addButton(self.file_button, QDialogButtonBox.ButtonRole.ActionRole)
            self.file_button.clicked.connect(self._choose_file)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(520, self.sizeHint().height())

    @property
    def url(self) -> str:
        return self.address.text().strip()

    @property
    def copy(self) -> bool:
        return self.copy_board.isChecked()

    def _choose_file(self) -> None:
        self.back_to_file = True
        self.accept()
