"""`draft` and `templates` from the command line, as a script would use them."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.cli.conftest import Cli, add_acme
from tests.e2e.x11 import require_tools

EDIT_FROM_STDIN = ("templates", "edit", "my-coffee", "--body-file", "-")


def interview_card(cli: Cli) -> None:
    cli("config", "your_name", "Jordan Ellis")
    cli("add", "--company", "Northwind Labs", "--title", "Data Analyst", "--stage", "Applied")
    cli(
        "log",
        "1",
        "interview",
        "--at",
        "2026-03-02T10:00",
        "--round",
        "2",
        "--interviewers",
        "Dana Whitfield, Sam Okafor",
        "--promised-by",
        "2026-03-13",
        "--contact",
        "Dana Whitfield",
        "--contact-email",
        "dana@northwind.example",
        "--now",
        "2026-03-02T12:00",
    )


def test_draft_prints_the_filled_thank_you(cli: Cli) -> None:
    interview_card(cli)
    text = cli("draft", "1", "--now", "2026-03-02T13:00").stdout
    assert text.startswith(
        "To: Dana Whitfield <dana@northwind.example>\n"
        "Subject: Thank you for the second interview\n\nHi Dana,\n"
    )
    assert "Friday 13 March" in text and "Jordan Ellis" in text and "${" not in text

    data = json.loads(cli("draft", "1", "--json", "--now", "2026-03-02T13:00").stdout)
    assert data["kind"] == "thank_you" and data["template"] == "thank_you"
    assert data["to_email"] == "dana@northwind.example"
    url = urlsplit(data["mailto"])
    assert url.scheme == "mailto" and unquote(url.path) == "dana@northwind.example"
    body = unquote(url.query.split("body=")[1])
    assert body == data["body"].replace("\n", "\r\n")


def test_draft_with_another_kind_and_template(cli: Cli) -> None:
    interview_card(cli)
    note = json.loads(cli("draft", "1", "--kind", "note", "--json").stdout)
    assert note["kind"] == "note" and note["followup_id"] is None
    other = json.loads(
        cli(
            "draft", "1", "--template", "rejection_reply", "--json", "--now", "2026-03-02T13:00"
        ).stdout
    )
    assert other["template"] == "rejection_reply" and other["kind"] == "thank_you"
    assert cli.fails("draft", "1", "--template", "nope").startswith(
        "jobhunt-desktop: no template 'nope'"
    )
    assert cli.fails("draft", "9") == "jobhunt-desktop: no application with id 9"


def test_templates_list_show_edit_reset_add_remove(cli: Cli, tmp_path: Path) -> None:
    interview_card(cli)
    listing = cli("templates").stdout
    assert "thank_you" in listing and "(edited)" not in listing

    cli("templates", "edit", "thank_you", "--subject", "Thanks from ${your_name}")
    assert "thank_you" in cli("templates", "list").stdout
    shown = json.loads(cli("templates", "show", "thank_you", "--json").stdout)
    assert shown["edited"] and shown["subject"] == "Thanks from ${your_name}"
    draft = json.loads(cli("draft", "1", "--json", "--now", "2026-03-02T13:00").stdout)
    assert draft["subject"] == "Thanks from Jordan Ellis"

    cli("templates", "reset", "thank_you")
    assert not json.loads(cli("templates", "show", "thank_you", "--json").stdout)["edited"]

    body = tmp_path / "coffee.txt"
    body.write_text("${greeting}\n\nCoffee next week at ${company}?\n\n${signature}\n")
    key = cli("templates", "add", "Coffee", "--subject", "Coffee?", "--body-file", str(body))
    assert key.stdout == "my-coffee\n"
    coffee = json.loads(cli("draft", "1", "--template", "my-coffee", "--json").stdout)
    assert "Coffee next week at Northwind Labs?" in coffee["body"]

    piped = subprocess.run(
        [sys.executable, "-m", "jobhunt_desktop", "--db", str(cli.db), *EDIT_FROM_STDIN],
        input="Tea instead, ${contact_first_name}?",
        capture_output=True,
        text=True,
        env=cli.env,
        timeout=60,
        check=True,
    )
    assert piped.stdout == ""
    assert json.loads(cli("templates", "show", "my-coffee", "--json").stdout)["body"] == (
        "Tea instead, ${contact_first_name}?"
    )
    cli("templates", "remove", "my-coffee")
    assert "my-coffee" not in cli("templates").stdout


def test_bad_templates_are_refused_and_nothing_is_written(cli: Cli) -> None:
    cli("add", "--company", "Acme", "--title", "Analyst")
    before = cli("templates", "--json").stdout
    result = cli("templates", "edit", "note", "--body", "Hi ${__import__}", ok=False)
    assert result.returncode == 1
    assert "the template was not saved" in result.stderr and "__import__" in result.stderr
    assert "Traceback" not in result.stderr
    assert cli.fails("templates", "remove", "note").endswith("restore its default")
    assert cli.fails("templates", "reset", "nope") == "jobhunt-desktop: no template 'nope'"
    assert cli("templates", "--json").stdout == before


def a_late_check(cli: Cli) -> None:
    cli("config", "r12_min_active", "1")
    add_acme(cli, "--now", "2026-03-01T09:00")


def assert_reported_and_still_owed(cli: Cli, env: dict[str, str], problem: str) -> None:
    result = cli("reminders", "--once", "--now", "2026-03-20T09:00", ok=False, env=env)
    assert result.returncode == 1
    assert problem in result.stderr
    assert "Check on your application with Acme (Analyst)" in result.stderr
    due = cli.json("due", "--now", "2026-03-20T09:00")
    assert len(due) == 1  # still due, and its notification still owed


def test_reminders_once_without_notify_send_says_what_to_install(cli: Cli, tmp_path: Path) -> None:
    a_late_check(cli)
    empty = tmp_path / "bin"
    empty.mkdir()
    env = {**cli.env, "PATH": str(empty), "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nowhere"}
    if importlib.util.find_spec("dbus") is not None:
        pytest.skip("with dbus-python installed, plyer needs no notify-send")
    assert_reported_and_still_owed(cli, env, "install the libnotify-bin package")


def test_reminders_once_without_a_session_bus_says_so(cli: Cli, tmp_path: Path) -> None:
    require_tools(("notify-send",), "libnotify-bin")
    a_late_check(cli)
    env = {**cli.env, "DBUS_SESSION_BUS_ADDRESS": "", "XDG_RUNTIME_DIR": str(tmp_path)}
    assert_reported_and_still_owed(cli, env, "no desktop session bus")


def test_reminders_autostart_install_and_remove(cli: Cli, tmp_path: Path) -> None:
    env = {**cli.env, "XDG_CONFIG_HOME": str(tmp_path / "config")}
    installed = cli("reminders", "--install-autostart", env=env).stdout
    entry = tmp_path / "config" / "autostart" / "jobhunt-desktop-reminders.desktop"
    assert str(entry) in installed and entry.exists()
    assert f"--db {cli.db} reminders --watch" in entry.read_text()
    assert "Removed" in cli("reminders", "--remove-autostart", env=env).stdout
    assert not entry.exists()
    assert "was not set" in cli("reminders", "--remove-autostart", env=env).stdout
