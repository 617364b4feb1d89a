"""The Contacts tab: the people linked to a card, and the small forms to add, link and
edit them."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from jobhunt_desktop.domain.entities import Contact, ContactRole
from jobhunt_desktop.domain.wording import CONTACT_ROLE_NAMES
from jobhunt_desktop.ui.dialogs.card_common import (
    ID_ROLE,
    CardHost,
    CardView,
    FormDialog,
    button,
    row_item,
    select_id,
    selected_id,
    set_invalid,
    table,
)

_NAME_TIP = "The person's name; required"
_EMAIL_TIP = "Their email address"


class ContactForm(FormDialog):
    """Name (required), role, email, phone, profile and notes of one person."""

    def __init__(self, contact: Contact | None = None, parent: QWidget | None = None) -> None:
        title = "Add a contact" if contact is None else f"Edit {contact.name}"
        super().__init__(title, "&Save contact", parent)
        self.name = QLineEdit(self)
        self.role = QComboBox(self)
        self.role.addItem("Not set", None)
        for role, label in CONTACT_ROLE_NAMES.items():
            self.role.addItem(label, role.value)
        self.email = QLineEdit(self)
        self.phone = QLineEdit(self)
        self.profile_url = QLineEdit(self)
        self.profile_url.setPlaceholderText("https://www.linkedin.com/in/…")
        self.notes = QPlainTextEdit(self)
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(80)
        self.add_row("&Name", self.name, _NAME_TIP)
        self.add_row("&Role", self.role, "What they do in the hiring process")
        self.add_row("&Email", self.email, _EMAIL_TIP)
        self.add_row("&Phone", self.phone, "Their phone number")
        self.add_row("Pro&file", self.profile_url, "A link to their profile page")
        self.add_row("No&tes", self.notes, "Anything worth remembering about them")
        if contact is not None:
            self.name.setText(contact.name)
            self.role.setCurrentIndex(max(self.role.findData(_role_value(contact.role)), 0))
            self.email.setText(contact.email or "")
            self.phone.setText(contact.phone or "")
            self.profile_url.setText(contact.profile_url or "")
            self.notes.setPlainText(contact.notes or "")
        # A field is judged once the user has typed in it: a new form opens clean.
        self._typed: set[str] = set() if contact is None else {"name", "email"}
        self.name.textChanged.connect(lambda: self._typed_in("name"))
        self.email.textChanged.connect(lambda: self._typed_in("email"))
        self.check()
        self.name.setFocus()

    def _typed_in(self, field: str) -> None:
        self._typed.add(field)
        self.check()

    def problems(self) -> dict[str, str]:
        """The service's own checks, made as the user types."""
        found: dict[str, str] = {}
        if not self.name.text().strip():
            found["name"] = "A contact needs a name."
        email = self.email.text().strip()
        if email and ("@" not in email or " " in email):
            found["email"] = "That email address does not look right."
        return found

    def check(self) -> None:
        """Mark bad fields and keep the save button off until they are fixed."""
        problems = self.problems()
        shown = {k: v for k, v in problems.items() if k in self._typed}
        set_invalid(self.name, shown.get("name"), _NAME_TIP)
        set_invalid(self.email, shown.get("email"), _EMAIL_TIP)
        self.show_note("\n".join(shown.values()))
        self.note.setStyleSheet("color: #c62828;")
        self.ok_button.setEnabled(not problems)

    def values(self) -> dict[str, str | None]:
        role = self.role.currentData()
        return {
            "name": self.name.text().strip(),
            "role": str(role) if role else None,
            "email": self.email.text().strip() or None,
            "phone": self.phone.text().strip() or None,
            "profile_url": self.profile_url.text().strip() or None,
            "notes": self.notes.toPlainText().strip() or None,
        }


class PickContactForm(FormDialog):
    """Choose someone already in the address book to link to this card."""

    def __init__(self, contacts: list[Contact], parent: QWidget | None = None) -> None:
        super().__init__("Link a contact", "&Link", parent)
        self.people = QListWidget(self)
        for contact in contacts:
            extra = ", ".join(
                x for x in (_role_name(contact.role), contact.company, contact.email) if x
            )
            item = QListWidgetItem(f"{contact.name} ({extra})" if extra else contact.name)
            item.setData(ID_ROLE, contact.id)
            self.people.addItem(item)
        self.people.itemSelectionChanged.connect(self._check)
        self.people.itemDoubleClicked.connect(lambda _item: self.accept())
        self.add_row("&Who", self.people, "People you have saved for other applications")
        self._check()

    def _check(self) -> None:
        self.ok_button.setEnabled(self.chosen() is not None)

    def choose(self, contact_id: int) -> None:
        for index in range(self.people.count()):
            item = self.people.item(index)
            if item.data(ID_ROLE) == contact_id:
                self.people.setCurrentItem(item)

    def chosen(self) -> int | None:
        items = self.people.selectedItems()
        return int(items[0].data(ID_ROLE)) if items else None


def _role_value(role: ContactRole | None) -> str | None:
    return role.value if role is not None else None


def _role_name(role: ContactRole | None) -> str:
    return CONTACT_ROLE_NAMES[role] if role is not None else ""


class ContactsTab(QWidget):
    def __init__(self, host: CardHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self._contacts: tuple[Contact, ...] = ()
        self.list = table(("Name", "Role", "Email", "Phone"), "Linked contacts", self)
        self.list.itemSelectionChanged.connect(self._enable)
        self.list.itemDoubleClicked.connect(lambda *_: self.edit_contact())
        self.add_button = button(
            "&Add new…", "Save a new person and link them to this card", self.add_contact, self
        )
        self.link_button = button(
            "&Link existing…", "Link someone you already saved for another card", self.link, self
        )
        self.edit_button = button(
            "&Edit…", "Change the selected person's details", self.edit_contact, self
        )
        self.remove_button = button(
            "&Remove", "Unlink the selected person from this card", self.remove, self
        )
        buttons = QHBoxLayout()
        for push in (self.add_button, self.link_button, self.edit_button, self.remove_button):
            buttons.addWidget(push)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self._enable()

    def show_card(self, view: CardView) -> None:
        keep = selected_id(self.list)
        self._contacts = view.story.application.contacts
        self.list.clear()
        for c in self._contacts:
            values = (c.name, _role_name(c.role), c.email or "", c.phone or "")
            self.list.addTopLevelItem(row_item(values, c.id))
        for column in range(3):
            self.list.resizeColumnToContents(column)
        select_id(self.list, keep)
        self._enable()

    def _enable(self) -> None:
        chosen = selected_id(self.list) is not None
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    def _selected(self) -> Contact | None:
        wanted = selected_id(self.list)
        return next((c for c in self._contacts if c.id == wanted), None)

    def add_contact(self) -> None:
        form = ContactForm(None, self)
        if not self.host.ask(form):
            return
        values = form.values()
        application_id = self.host.application_id
        self.host.perform(
            "Add contact",
            lambda s: s.contacts.create(application_id, **values),
            lambda c: f"{c.value.name} is now linked to this card.",
        )

    def link(self) -> None:
        """Offer the people in your contacts not linked yet; they are read first."""
        self.host.fetch("Reading your contacts…", lambda s: s.contacts.all(), self._pick)

    def _pick(self, everyone: list[Contact]) -> None:
        linked = {c.id for c in self._contacts}
        others = [c for c in everyone if c.id not in linked]
        if not others:
            self.host.show_error("There is nobody else in your contacts yet; use Add new.")
            return
        form = PickContactForm(others, self)
        if not self.host.ask(form):
            return
        chosen = form.chosen()
        if chosen is None:
            return
        name = next(c.name for c in others if c.id == chosen)
        application_id = self.host.application_id
        self.host.perform(
            "Link contact",
            lambda s: s.contacts.link(application_id, chosen),
            lambda _: f"{name} is now linked to this card.",
        )

    def edit_contact(self) -> None:
        contact = self._selected()
        if contact is None:
            return
        form = ContactForm(contact, self)
        if not self.host.ask(form):
            return
        values = form.values()
        self.host.perform(
            "Edit contact",
            lambda s: s.contacts.update(contact.id, **values),
            lambda c: f"Saved {c.value.name}'s details.",
        )

    def remove(self) -> None:
        contact = self._selected()
        if contact is None:
            return
        question = (
            f"Unlink {contact.name} from this card? They stay in your contacts "
            "and on any other card."
        )
        if not self.host.confirm("Remove contact", question):
            return
        application_id = self.host.application_id
        self.host.perform(
            "Unlink contact",
            lambda s: s.contacts.unlink(application_id, contact.id),
            lambda _: f"{contact.name} is no longer linked to this card.",
        )
