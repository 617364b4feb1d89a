"""The template editor, offscreen over a real SQLite file with only the clock faked:
editing a built-in with its live preview, refusing a broken template, restoring the
default, and writing, using and deleting a template of one's own.

Message boxes are replaced by recorders, so no test can hang on a modal loop.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from jobhunt_desktop.domain.clock import FixedClock
from jobhunt_desktop.domain.entities import FollowUpKind
from jobhunt_desktop.domain.templates import BUILTIN_TEMPLATES, PLACEHOLDERS
from jobhunt_desktop.domain.timeutil import parse_datetime
from jobhunt_desktop.services.container import Services
from jobhunt_desktop.ui.dialogs.template_editor import TemplateEditorDialog
from jobhunt_desktop.ui.main_window import MainWindow
from tests.ui.finding import opened_composer, shown
from tests.ui.operations import operations_for

ZONE = "Europe/Berlin"
THANK_YOU = FollowUpKind.THANK_YOU.value


@pytest.fixture(autouse=True)
def never_block(monkeypatch: pytest.MonkeyPatch) -> None:
    """A question nobody set an answer for (say, on closing at teardown) is answered
    "Discard" rather than waiting for a click that never comes."""
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Discard)


@pytest.fixture
def editor(qtbot: QtBot, services: Services, errors: list[str]) -> TemplateEditorDialog:
    dialog = TemplateEditorDialog(operations_for(services))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def answer(monkeypatch: pytest.MonkeyPatch, *replies: QMessageBox.StandardButton) -> list[str]:
    """Every question asked, answered with the replies in turn (the last one repeats)."""
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *_args: object) -> object:
        asked.append(text)
        return replies[min(len(asked), len(replies)) - 1]

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def texts(editor: TemplateEditorDialog) -> list[str]:
    return [editor.list.item(row).text() for row in range(editor.list.count())]


def choose(editor: TemplateEditorDialog, key: str) -> None:
    for row in range(editor.list.count()):
        if editor.list.item(row).data(Qt.ItemDataRole.UserRole) == key:
            editor.list.setCurrentRow(row)
            return
    raise AssertionError(f"no template {key} in {texts(editor)}")


def preview(editor: TemplateEditorDialog) -> str:
    return editor.preview.toPlainText()


def showing_preview(editor: TemplateEditorDialog) -> bool:
    return editor.preview_stack.currentWidget() is editor.preview


# built-ins ----------------------------------------------------------------------------


def test_the_list_marks_built_ins_and_the_first_is_shown(editor: TemplateEditorDialog) -> None:
    names = [f"{template.name} (built in)" for template in BUILTIN_TEMPLATES.values()]
    assert texts(editor) == names
    assert editor.list.currentRow() == 0
    assert editor.name.text() == "Thank-you after an interview"
    assert editor.subject.text() == "Thank you for ${interview_round}"
    assert not editor.kind.isEnabled()  # a built-in answers its own follow-up
    assert editor.kind.currentData() == THANK_YOU
    assert preview(editor).startswith("Subject: Thank you for the second interview\n\nHi Dana,")
    assert "Data Analyst at Northwind Labs" in preview(editor)
    assert not editor.save_button.isEnabled()  # nothing changed yet
    assert not editor.restore_button.isEnabled() and not editor.delete_button.isEnabled()


def test_editing_a_built_in_updates_the_preview_and_can_be_restored(
    editor: TemplateEditorDialog, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor.subject.setText("Many thanks for ${interview_round}, ${contact_first_name}")
    assert preview(editor).startswith("Subject: Many thanks for the second interview, Dana\n")
    assert editor.save_button.isEnabled() and editor.restore_button.isEnabled()

    editor.save_button.click()
    item = services.drafting.template(THANK_YOU)
    assert item.modified
    assert item.template.subject == "Many thanks for ${interview_round}, ${contact_first_name}"
    assert editor.list.currentItem().text() == "Thank-you after an interview (built in, edited)"
    assert not editor.save_button.isEnabled() and editor.restore_button.isEnabled()
    assert "Saved" in editor.status.text()

    asked = answer(monkeypatch, QMessageBox.StandardButton.No)
    editor.restore_button.click()
    assert len(asked) == 1 and services.drafting.template(THANK_YOU).modified  # kept

    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    editor.restore_button.click()
    assert not services.drafting.template(THANK_YOU).modified
    assert editor.subject.text() == "Thank you for ${interview_round}"
    assert editor.list.currentItem().text() == "Thank-you after an interview (built in)"
    assert not editor.restore_button.isEnabled()


def test_an_unknown_placeholder_replaces_the_preview_and_blocks_save(
    editor: TemplateEditorDialog, services: Services
) -> None:
    editor.body.setPlainText("Hello ${contact_first_name},\n\nAbout ${nope}.")
    assert not showing_preview(editor)
    assert editor.error.isVisible()
    problems = editor.shown_problems()
    assert "Unknown placeholder ${nope} in the body (line 3, column 7)" in problems
    assert editor.preview_label.text() == "Fix these to save the template:"
    assert "color" in editor.error.styleSheet()
    assert not editor.save_button.isEnabled()

    editor.body.setPlainText("Hello ${contact_first_name},\n\nAbout ${company}.")
    assert showing_preview(editor) and editor.shown_problems() == ""
    assert editor.preview_label.text() == "Preview, with sample values:"
    assert preview(editor).endswith("Hello Dana,\n\nAbout Northwind Labs.")
    assert editor.save_button.isEnabled()
    assert not services.drafting.template(THANK_YOU).modified  # nothing saved on the way


def test_placeholders_explain_themselves_and_insert_at_the_cursor(
    qtbot: QtBot, editor: TemplateEditorDialog
) -> None:
    assert editor.placeholders.count() == len(PLACEHOLDERS)
    first = editor.placeholders.item(0)
    assert first.text() == "${your_name}"
    assert first.toolTip().startswith(PLACEHOLDERS["your_name"].description)

    editor.body.setPlainText("Dear team")
    editor.body.setFocus()
    cursor = editor.body.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.body.setTextCursor(cursor)
    editor.body.insertPlainText(" at ")
    row = list(PLACEHOLDERS).index("company")
    editor.placeholders.setCurrentRow(row)
    editor.insert_button.click()
    assert editor.body.toPlainText() == "Dear team at ${company}"
    assert preview(editor).endswith("Dear team at Northwind Labs")

    editor.subject.setFocus()
    editor.subject.setText("For ")
    item = editor.placeholders.item(list(PLACEHOLDERS).index("position"))
    rect = editor.placeholders.visualItemRect(item)
    qtbot.mouseClick(editor.placeholders.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(editor.placeholders.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert editor.subject.text() == "For ${position}"  # the field used last
    assert editor.body.toPlainText() == "Dear team at ${company}"


# templates of one's own ---------------------------------------------------------------


def test_a_new_template_is_named_saved_used_in_the_composer_and_deleted(
    qtbot: QtBot,
    services: Services,
    clock: FixedClock,
    tmp_path: Path,
    errors: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    services.settings.set("your_name", "Sam Rivera")
    acme = services.applications.add("Acme", "Data Analyst", stage="Applied").id
    services.contacts.create(acme, name="Dana Whitfield", email="dana@acme.example")
    start = parse_datetime("2026-03-02T10:00", ZONE)
    services.events.interview(acme, start, start + timedelta(hours=1))
    clock.advance(timedelta(hours=5))
    window = MainWindow(services, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()

    window.templates_action.trigger()
    editor = shown(window, TemplateEditorDialog)
    assert editor is not None and editor.isVisible()
    assert window.templates_action.text() == "Message &templates…"

    editor.new_button.click()
    assert editor.list.currentRow() == -1 and editor.name.text() == ""
    assert editor.subject.text() == BUILTIN_TEMPLATES[THANK_YOU].subject  # a start
    assert editor.kind.isEnabled() and editor.kind.currentData() is None
    assert editor.name.property("invalid") is True and not editor.save_button.isEnabled()
    assert not editor.delete_button.isEnabled() and not editor.restore_button.isEnabled()

    editor.name.setText("Coffee chat")
    editor.subject.setText("Coffee, ${contact_first_name}?")
    editor.body.setPlainText(
        "${greeting}\n\nCoffee next week to talk about ${position}?\n\n${signature}"
    )
    assert editor.name.property("invalid") is False and editor.save_button.isEnabled()
    editor.save_button.click()
    assert errors == []
    assert texts(editor)[-1] == "Coffee chat"
    assert editor.list.currentRow() == editor.list.count() - 1
    assert editor.delete_button.isEnabled() and not editor.restore_button.isEnabled()
    [own] = [i.template for i in services.drafting.templates() if not i.template.builtin]
    assert own.name == "Coffee chat" and own.kind is None
    editor.reject()
    assert not editor.isVisible()

    r1 = next(f for f in services.followups.chain(acme) if f.rule == "R1")
    composer = opened_composer(window, acme, r1.id)
    assert composer is not None
    box = composer.template_box
    box.setCurrentIndex(box.findData(own.key))
    assert composer.subject.text() == "Coffee, Dana?"
    assert composer.body.toPlainText() == (
        "Hi Dana,\n\nCoffee next week to talk about Data Analyst?\n\nSam Rivera"
    )
    composer.reject()

    window.templates_action.trigger()
    editor = shown(window, TemplateEditorDialog)
    assert editor is not None
    choose(editor, own.key)
    asked = answer(monkeypatch, QMessageBox.StandardButton.No)
    editor.delete_button.click()
    assert len(asked) == 1 and "Coffee chat" in asked[0]
    assert any(not i.template.builtin for i in services.drafting.templates())
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    editor.delete_button.click()
    assert all(i.template.builtin for i in services.drafting.templates())
    assert "Coffee chat" not in texts(editor)


def test_an_own_template_can_be_meant_for_one_kind(
    editor: TemplateEditorDialog, services: Services
) -> None:
    kinds = [editor.kind.itemData(i) for i in range(editor.kind.count())]
    assert kinds[0] is None and editor.kind.itemText(0) == "Any follow-up"
    assert FollowUpKind.RECORD_NEXT_STEPS.value not in kinds  # a task, not a message
    assert FollowUpKind.REJECTION_REPLY.value in kinds
    editor.new_button.click()
    editor.name.setText("Short thanks")
    editor.kind.setCurrentIndex(editor.kind.findData(FollowUpKind.REJECTION_REPLY.value))
    editor.save_button.click()
    [own] = [i.template for i in services.drafting.templates() if not i.template.builtin]
    assert own.kind is FollowUpKind.REJECTION_REPLY


# unsaved changes ------------------------------------------------------------------------


def test_unsaved_changes_are_asked_about_before_switching(
    editor: TemplateEditorDialog, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor.subject.setText("Thanks for ${interview_round}")
    asked = answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    editor.list.setCurrentRow(1)
    assert len(asked) == 1 and "Thank-you after an interview" in asked[0]
    assert editor.list.currentRow() == 0  # stayed, with the edit
    assert editor.subject.text() == "Thanks for ${interview_round}"

    answer(monkeypatch, QMessageBox.StandardButton.Discard)
    editor.list.setCurrentRow(1)
    assert editor.name.text() == "Application status check"
    assert not services.drafting.template(THANK_YOU).modified

    editor.subject.setText("Any news on ${position}?")
    answer(monkeypatch, QMessageBox.StandardButton.Save)
    editor.list.setCurrentRow(0)
    assert editor.name.text() == "Thank-you after an interview"
    check = services.drafting.template(FollowUpKind.APPLICATION_CHECK.value)
    assert check.modified and check.template.subject == "Any news on ${position}?"


def test_closing_with_unsaved_changes_asks_and_can_stay(
    qtbot: QtBot, editor: TemplateEditorDialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    editor.body.setPlainText("Changed")
    qtbot.keyClick(editor.subject, Qt.Key.Key_Escape)
    assert len(asked) == 1 and editor.isVisible()
    editor.close()
    assert len(asked) == 2 and editor.isVisible()

    answer(monkeypatch, QMessageBox.StandardButton.Discard)
    editor.close_button.click()
    assert not editor.isVisible()


def test_a_broken_template_cannot_be_saved_even_by_asking_on_close(
    editor: TemplateEditorDialog, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor.subject.setText("")
    assert "The subject is empty." in editor.shown_problems()
    answer(monkeypatch, QMessageBox.StandardButton.Save)
    editor.close_button.click()  # Save refused: the editor stays, with the reason
    assert editor.isVisible()
    assert not services.drafting.template(THANK_YOU).modified


def test_buttons_have_keys_and_tips(editor: TemplateEditorDialog) -> None:
    keys = []
    for push in editor.findChildren(QPushButton):
        assert "&" in push.text() and push.toolTip(), push.text()
        keys.append(push.text()[push.text().index("&") + 1].lower())
    assert len(keys) == len(set(keys)), keys


def test_an_edited_copy_that_uses_interviewers_is_told_of_its_new_meaning(
    qtbot: QtBot, services: Services, errors: list[str]
) -> None:
    builtin = BUILTIN_TEMPLATES[THANK_YOU]
    body = builtin.body.replace("Please pass on my thanks", "Do thank")
    services.drafting.save_template(THANK_YOU, builtin.name, builtin.subject, body)
    dialog = TemplateEditorDialog(operations_for(services))
    qtbot.addWidget(dialog)
    dialog.show()
    choose(dialog, THANK_YOU)
    assert "${interviewers} now names the people who interviewed you other than" in (
        dialog.status.text()
    )
    other = next(key for key in BUILTIN_TEMPLATES if key != THANK_YOU)
    choose(dialog, other)  # an untouched built-in: nothing to check
    assert dialog.status.text() == ""
