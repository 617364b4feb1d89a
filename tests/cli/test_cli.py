"""The command line end to end, as a user or a script runs it: real subprocesses on
a real database file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import Cli, add_acme


def test_add_prints_the_id_alone_and_list_shows_it(cli: Cli) -> None:
    result = cli(
        "add",
        "--company",
        "Acme",
        "--title",
        "Data Analyst",
        "--stage",
        "applied",
        "--applied-on",
        "2026-03-02",
        "--url",
        "acme.example/jobs/1",
        "--location",
        "Berlin",
        "--salary-min",
        "50000",
        "--salary-max",
        "65000",
        "--currency",
        "eur",
        "--priority",
        "high",
        "--tag",
        "remote",
        "--tag",
        "SQL",
    )
    assert result.stdout == "1\n"
    [row] = cli.json("list")
    assert {k: row[k] for k in ("id", "company", "title", "stage")} == {
        "id": 1,
        "company": "Acme",
        "title": "Data Analyst",
        "stage": "Applied",
    }
    assert row["tags"] == ["remote", "sql"] and row["priority"] == 1
    story = cli.json("show", "1")[0]
    assert story["url"] == "https://acme.example/jobs/1"
    assert story["salary_currency"] == "EUR"
    assert "Acme" in cli("show", "1").stdout


def test_r11_warning_goes_to_stderr(cli: Cli) -> None:
    cli("add", "--company", "Acme", "--title", "Analyst", "--stage", "Applied")
    cli("log", "1", "rejection", "--feedback", "Not enough SQL")
    result = cli("add", "--company", "acme inc", "--title", "Engineer")
    assert result.stdout == "2\n"
    assert "Acme rejected your application #1 (Analyst)" in result.stderr


def test_interview_to_due_with_rules_and_offsets(cli: Cli) -> None:
    now = ("--now", "2026-03-20T09:00")
    cli(
        "add",
        "--company",
        "Acme",
        "--title",
        "Analyst",
        "--applied-on",
        "2026-03-02",
        "--stage",
        "Applied",
        *now,
    )
    out = cli(
        "log",
        "1",
        "interview",
        "--at",
        "2026-03-26T10:00",
        "--round",
        "2",
        "--promised-by",
        "2026-03-27",
        "--contact",
        "Dana Kim",
        "--contact-role",
        "recruiter",
        "--next-steps",
        "Dana will call",
        *now,
    )
    assert out.stdout.strip().isdigit()
    due = [d for d in cli.json("due", "--now", "2026-03-26T13:30") if d["application_id"] == 1]
    assert [(d["rule"], d["kind"], d["due_at"]) for d in due] == [
        ("R1", "thank_you", "2026-03-26T13:00+01:00")
    ]
    assert {"id", "application_id", "company", "title", "state"} <= set(due[0])
    assert due[0]["company"] == "Acme" and due[0]["state"] == "pending"
    chain = cli.json("followups", "1")
    r3 = next(f for f in chain if f["rule"] == "R3")
    assert r3["due_at"] == "2026-03-31T09:00+02:00"  # after the DST change, still 9:00
    assert [d for d in cli.json("due", "--now", "2026-03-25T09:00") if d["application_id"]] == []
    assert cli.json("due", "--now", "2026-03-25T09:00") == []  # the nudge comes a week on
    keep_applying = [d for d in cli.json("due", "--now", "2026-03-27T09:00") if d["rule"] == "R12"]
    assert [(d["rule"], d["due_at"]) for d in keep_applying] == [
        ("R12", "2026-03-27T09:00+01:00")  # a week after the first card, at reminder time
    ]


def test_times_without_offset_follow_tz_and_the_setting(cli: Cli, tmp_path: Path) -> None:
    cli("add", "--company", "Acme", "--title", "Analyst", "--stage", "Interviewing")
    cli("log", "1", "interview", "--at", "2026-03-10T10:00")
    [interview] = [e for e in cli.json("show", "1")[0]["events"] if e["kind"] == "interview"]
    assert interview["occurred_at"] == "2026-03-10T10:00+01:00"
    cli("config", "time_zone", "America/New_York")
    assert cli("config", "time_zone").stdout.strip() == "America/New_York"
    [interview] = [e for e in cli.json("show", "1")[0]["events"] if e["kind"] == "interview"]
    assert interview["occurred_at"] == "2026-03-10T05:00-04:00"


def test_snooze_dismiss_and_chain(cli: Cli) -> None:
    add_acme(cli, "--applied-on", "2026-03-02")
    [r5] = [d for d in cli.json("due", "--now", "2026-03-09T10:00") if d["rule"] == "R5"]
    cli("snooze", str(r5["id"]), "2026-03-11T09:00", "--now", "2026-03-09T10:00")
    assert all(d["id"] != r5["id"] for d in cli.json("due", "--now", "2026-03-10T10:00"))
    assert any(d["id"] == r5["id"] for d in cli.json("due", "--now", "2026-03-11T09:00"))
    cli("dismiss", str(r5["id"]))
    states = {f["id"]: f["state"] for f in cli.json("followups", "1")}
    assert states[r5["id"]] == "dismissed"


def test_snooze_takes_the_windows_quick_choices(cli: Cli) -> None:
    cli("config", "reminder_time", "08:30")
    add_acme(cli, "--applied-on", "2026-03-02")
    [r5] = [d for d in cli.json("due", "--now", "2026-03-09T10:00") if d["rule"] == "R5"]
    said = cli("snooze", str(r5["id"]), "Tomorrow", "--now", "2026-03-09T10:00").stdout
    assert said == "Snoozed until 2026-03-10T08:30+01:00\n"
    said = cli("snooze", str(r5["id"]), "hour", "--now", "2026-03-10T09:00").stdout
    assert said == "Snoozed until 2026-03-10T10:00+01:00\n"
    assert all(d["id"] != r5["id"] for d in cli.json("due", "--now", "2026-03-10T09:59"))
    assert cli("snooze", str(r5["id"]), "week", "--now", "2026-03-10T09:00").stdout == (
        "Snoozed until 2026-03-17T08:30+01:00\n"
    )


def test_reminders_pause_and_resume_as_the_tray_does(cli: Cli) -> None:
    cli("config", "reminder_time", "08:30")
    said = cli("reminders", "--pause", "tomorrow", "--now", "2026-03-09T22:00").stdout
    assert said == "Reminders paused until 2026-03-10T08:30+01:00\n"
    settings = {i["key"]: i["value"] for i in cli.json("config")}
    assert settings["reminders_paused_until"] == "2026-03-10T07:30:00+00:00"
    said = cli("reminders", "--pause", "hour", "--now", "2026-03-09T22:00").stdout
    assert said == "Reminders paused until 2026-03-09T23:00+01:00\n"
    assert cli("reminders", "--resume").stdout == "Reminders are on again.\n"
    settings = {i["key"]: i["value"] for i in cli.json("config")}
    assert settings["reminders_paused_until"] == ""


def test_stages_commands(cli: Cli) -> None:
    cli("stages", "add", "Take-home", "--kind", "active", "--colour", "#abc", "--position", "4")
    cli("stages", "rename", "take-home", "Assignment")
    cli("stages", "reorder", "assignment", "2")
    names = [s["name"] for s in cli.json("stages", "list")]
    assert names[:3] == ["Wishlist", "Assignment", "Applied"]
    cli("add", "--company", "Acme", "--title", "Analyst", "--stage", "ASSIGNMENT")
    cli("move", "1", "offer")
    assert cli.json("list")[0]["stage"] == "Offer"


def test_edit_move_archive_and_history(cli: Cli) -> None:
    cli("add", "--company", "Acme", "--title", "Analyst")
    cli("edit", "1", "--title", "Senior Analyst", "--notes", "Referred by Lee")
    cli("move", "1", "Screening")
    cli("archive", "1")
    assert cli.json("list") == []
    assert cli.json("list", "--archived")[0]["title"] == "Senior Analyst"
    history = cli.json("show", "1")[0]["history"]
    assert [h["action"] for h in history] == ["created", "edited", "edited", "moved", "archived"]
    cli("archive", "1", "--undo")
    assert len(cli.json("list")) == 1


def test_config_lists_and_validates(cli: Cli) -> None:
    cli("config", "your_name", "Sam Rivera")
    items = {i["key"]: i for i in cli.json("config")}
    assert items["your_name"]["value"] == "Sam Rivera" and not items["your_name"]["default"]
    assert items["r4_days"]["value"] == "14"
    assert "r4_days must be at most 21" in cli.fails("config", "r4_days", "30")
    cli("config", "your_name", "--reset")
    assert cli("config", "your_name").stdout.strip() == ""


def _snapshot(db: Path) -> bytes:
    import sqlite3

    with sqlite3.connect(db) as conn:
        return "\n".join(conn.iterdump()).encode()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("show", "99"), "no application with id 99"),
        (("move", "1", "Nowhere"), "no stage named 'Nowhere'"),
        (("log", "1", "interview", "--at", "2026-02-30T10:00"), "not a date and time"),
        (("log", "1", "interview", "--at", "2026-10-25T02:30"), "happens twice"),
        (("log", "1", "interview", "--at", "2026-03-29T02:30"), "does not exist"),
        (("add", "--company", "Acme", "--title", "  "), "title cannot be empty"),
        (("add", "--company", "Acme", "--title", "X", "--applied-on", "2026-13-01"), "not a date"),
        (
            ("add", "--company", "Acme", "--title", "X", "--salary-min", "9", "--salary-max", "1"),
            "minimum salary is above the maximum",
        ),
        (("log", "1", "moved"), "no interview to move"),
        (("snooze", "12345", "2030-01-01"), "no follow-up with id 12345"),
        (("config", "colour", "blue"), "unknown setting 'colour'"),
        (("edit", "1", "--url", "not a url"), "not a web address"),
    ],
)
def test_bad_input_is_one_clear_line_and_writes_nothing(
    cli: Cli, args: tuple[str, ...], message: str
) -> None:
    cli("add", "--company", "Acme", "--title", "Analyst", "--stage", "Applied")
    before = _snapshot(cli.db)
    assert message in cli.fails(*args)
    assert _snapshot(cli.db) == before


def test_missing_required_field_exits_non_zero(cli: Cli) -> None:
    result = cli("add", "--company", "Acme", ok=False)
    assert result.returncode == 2 and "--title" in result.stderr


def test_jobhunt_db_environment_and_console_script(tmp_path: Path) -> None:
    path = tmp_path / "from-env.sqlite3"
    env = {**os.environ, "JOBHUNT_DB": str(path), "TZ": "UTC"}
    result = subprocess.run(
        [sys.executable, "-m", "jobhunt_desktop", "add", "--company", "Acme", "--title", "A"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert result.stdout == "1\n" and path.exists()
    url = f"sqlite:///{path}"
    listed = subprocess.run(
        [sys.executable, "-m", "jobhunt_desktop", "--database-url", url, "list", "--json"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert json.loads(listed.stdout)[0]["company"] == "Acme"


def test_a_damaged_database_is_refused_with_its_name(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_text("these are my notes, not a database\n" * 50)
    cli = Cli(path)
    line = cli.fails("list")
    assert str(path) in line
    assert path.read_text().startswith("these are my notes")


def test_seed_demo_fills_an_empty_database_only(cli: Cli) -> None:
    cli("seed-demo")
    cards = cli.json("list")
    assert len(cards) == 13
    assert {c["stage"] for c in cards} >= {"Applied", "Interviewing", "Offer", "Screening"}
    due = cli.json("due")
    assert any(d["rule"] == "R8" for d in due)
    assert not any(d["rule"] == "R1" for d in due)  # the demo user sent their thanks
    assert "already holds applications" in cli.fails("seed-demo")
    assert len(cli.json("list")) == 13


def test_due_json_calls_late_what_the_window_calls_late(cli: Cli) -> None:
    """A status check due on the 9th, without a late mark of its own, is late from the
    end of that day, in `due --json` as in the window's counts."""
    add_acme(cli, "--applied-on", "2026-03-02")
    [on_the_day] = [d for d in cli.json("due", "--now", "2026-03-09T23:00") if d["rule"] == "R5"]
    assert on_the_day["overdue"] is False
    [next_day] = [d for d in cli.json("due", "--now", "2026-03-10T08:00") if d["rule"] == "R5"]
    assert next_day["overdue"] is True
    assert "OVERDUE" in cli("due", "--now", "2026-03-10T08:00").stdout


def test_the_command_line_says_who_moved_it(cli: Cli) -> None:
    cli("add", "--company", "Acme", "--title", "Analyst", "--stage", "Applied")
    cli("log", "1", "interview", "--at", "2026-03-12T10:00", "--now", "2026-03-09T09:00")
    cli("log", "1", "moved", "--to", "2026-03-20T10:00", "--now", "2026-03-09T10:00")
    rules = [(f["rule"], f["kind"]) for f in cli.json("followups", "1") if f["state"] == "pending"]
    assert ("R6", "reschedule_confirm") in rules
    cli("add", "--company", "Beta", "--title", "Analyst", "--stage", "Applied")
    cli("log", "2", "interview", "--at", "2026-03-12T10:00", "--now", "2026-03-09T09:00")
    cli("log", "2", "moved", "--by", "me", "--now", "2026-03-09T10:00")
    assert all(f["rule"] != "R6" for f in cli.json("followups", "2"))


def test_move_is_news_on_the_command_line(cli: Cli) -> None:
    add_acme(cli)
    said = cli("move", "1", "Rejected").stdout
    assert "Closed (Rejected). A reply to thank them is planned." in said
    [shown] = cli.json("show", "1")
    assert [(e["kind"], e["implied"]) for e in shown["events"]] == [("rejection", True)]
    open_rules = {f["rule"] for f in cli.json("followups", "1") if f["state"] == "pending"}
    assert open_rules == {"R7"}
    cli("log", "1", "rejection", "--feedback", "More SQL")
    [shown] = cli.json("show", "1")
    assert [(e["kind"], e["implied"]) for e in shown["events"]] == [("rejection", False)]
    cli("add", "--company", "Beta", "--title", "Analyst", "--stage", "Interviewing")
    cli("add", "--company", "Gamma", "--title", "Analyst", "--stage", "Offer")
    said = cli("move", "3", "Accepted").stdout
    assert "Still open elsewhere" in said and "Beta (Analyst)" in said
    assert "Acme" not in said  # closed already
    assert cli.json("show", "2")[0]["stage"] == "Interviewing"  # nothing closed for the user


def test_a_closed_stage_says_why_its_cards_are_closed(cli: Cli) -> None:
    cli("stages", "add", "Declined", "--kind", "closed_lost", "--reason", "declined")
    reasons = {s["name"]: s["closed_reason"] for s in cli.json("stages", "list")}
    assert reasons["Declined"] == "declined" and reasons["Rejected"] == "rejected"
    cli("stages", "reason", "Ghosted/Withdrawn", "withdrew")
    assert "closes as withdrew" in cli("stages").stdout
    assert "only a closed_lost stage" in cli.fails("stages", "reason", "Applied", "ghosted")
    add_acme(cli)
    assert "Closed (I withdrew)." in cli("move", "1", "Ghosted/Withdrawn").stdout


def test_events_can_be_listed_corrected_and_removed(cli: Cli) -> None:
    add_acme(cli)
    cli("log", "1", "interview", "--at", "2026-03-12T10:00", "--now", "2026-03-09T09:00")
    [event] = cli.json("events", "1")
    assert (event["kind"], event["implied"]) == ("interview", False)
    assert f"#{event['id']}" in cli("events", "1").stdout
    cli("event", "edit", str(event["id"]), "--at", "2026-03-13T10:00", "--end", "2026-03-13T11:30")
    [moved] = cli.json("events", "1")
    assert moved["occurred_at"].startswith("2026-03-13T10:00")
    assert "nothing to change" in cli.fails("event", "edit", str(event["id"]))
    assert "no feedback" in cli.fails("event", "edit", str(event["id"]), "--feedback", "x")
    cli("move", "1", "Rejected")
    implied = next(e for e in cli.json("events", "1") if e["kind"] == "rejection")
    assert "(from a move)" in cli("events", "1").stdout
    cli("event", "delete", str(implied["id"]))
    assert [e["kind"] for e in cli.json("events", "1")] == ["interview"]
    assert cli.json("show", "1")[0]["stage"] == "Rejected"


def test_replan_says_how_many_applications_it_planned(cli: Cli) -> None:
    add_acme(cli)
    assert cli("replan").stderr == "Re-planned 1 application.\n"


def test_files_are_attached_listed_and_saved(cli: Cli, tmp_path: Path) -> None:
    add_acme(cli)
    cv = tmp_path / "cv.pdf"
    cv.write_bytes(b"%PDF my cv")
    letter = tmp_path / "letter.txt"
    letter.write_text("Dear Acme")
    assert cli("attach", "1", str(cv), str(letter)).stdout == "Attached 2 files to application 1.\n"
    listed = cli.json("attachments", "1")
    assert [(a["name"], a["size"]) for a in listed] == [("cv.pdf", 10), ("letter.txt", 9)]
    assert "cv.pdf  (10 bytes, added" in cli("attachments", "1").stdout
    out = tmp_path / "copy.pdf"
    cli("attachment", "save", str(listed[0]["id"]), str(out))
    assert out.read_bytes() == b"%PDF my cv" and (out.stat().st_mode & 0o777) == 0o600
    assert "no file" in cli.fails("attach", "1", str(tmp_path / "gone.pdf"))


def test_the_demo_has_a_database_of_its_own(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "HOME": str(tmp_path)}
    env.pop("JOBHUNT_DB", None)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "jobhunt_desktop", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=True,
        )

    cards = json.loads(run("--demo", "list", "--json").stdout)
    assert len(cards) >= 10  # sample data, made on first use
    folder = tmp_path / "data" / "jobhunt-desktop"
    assert (folder / "demo.sqlite3").exists()
    assert not (folder / "jobhunt.sqlite3").exists()  # the user's own file: untouched
    assert len(json.loads(run("--demo", "list", "--json").stdout)) == len(cards)  # once


def test_a_stage_entry_date_can_be_corrected_and_the_history_keeps_the_old_one(
    cli: Cli,
) -> None:
    cli(
        "add",
        "--company",
        "Acme",
        "--title",
        "Analyst",
        "--stage",
        "Applied",
        "--now",
        "2026-03-09T09:00",
    )
    cli("edit", "1", "--entered-stage", "2026-03-02T10:00", "--now", "2026-03-09T10:00")
    [card] = cli.json("show", "1")
    assert card["stage_entered_at"].startswith("2026-03-02T10:00")
    last = card["history"][-1]
    assert (last["action"], last["field"]) == ("corrected", "stage_entered_at")
    assert last["old"].startswith("2026-03-09")
    assert "future" in cli.fails(
        "edit", "1", "--entered-stage", "2027-01-01", "--now", "2026-03-09T10:00"
    )


def test_backup_and_backups_on_the_command_line(cli: Cli) -> None:
    add_acme(cli)
    said = cli("backup").stdout
    assert said.startswith("Backed up to ") and said.endswith("(1 card).\n")
    [kept] = cli.json("backups")
    assert (kept["reason"], kept["cards"]) == ("manual", 1)
    assert "manual" in cli("backups").stdout


def test_export_and_import_on_the_command_line(cli: Cli, tmp_path: Path) -> None:
    add_acme(cli)
    csv_out = cli("export").stdout
    assert csv_out.startswith("\ufeffcompany,title,stage,applied_on,")
    assert "\r\n" in subprocess.run(
        [sys.executable, "-m", "jobhunt_desktop", "--db", str(cli.db), "export"],
        capture_output=True,
        check=True,
        env=cli.env,
    ).stdout.decode("utf-8")
    cli("export", "--format", "json", "--output", str(tmp_path / "all.json"))
    ics = cli("export", "--format", "ics").stdout
    assert ics.startswith("BEGIN:VCALENDAR")
    fresh = Cli(tmp_path / "fresh.sqlite3")
    said = fresh("import", str(tmp_path / "all.json")).stdout
    assert said.startswith(f"Imported 1 card from {tmp_path / 'all.json'}, ids kept.")
    assert [row["company"] for row in fresh.json("list")] == ["Acme"]
    assert "already holds cards" in fresh.fails("import", str(tmp_path / "all.json"))


def test_transfer_copies_everything_to_another_database(cli: Cli, tmp_path: Path) -> None:
    add_acme(cli)
    said = cli("transfer", "--to", str(tmp_path / "there.sqlite3")).stdout
    assert said.startswith(
        f"Copied 1 card and everything with them to {tmp_path / 'there.sqlite3'}"
    )
    there = Cli(tmp_path / "there.sqlite3")
    assert [row["company"] for row in there.json("list")] == ["Acme"]
    there("add", "--company", "Globex", "--title", "Engineer")
    assert "already holds cards" in cli.fails("transfer", "--to", str(there.db))
    replaced = cli("transfer", "--to", str(there.db), "--replace").stdout
    assert "What was there before is kept in" in replaced
    assert [row["company"] for row in there.json("list")] == ["Acme"]


def test_the_database_chosen_once_is_used_by_every_later_command(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config"), "TZ": "UTC"}
    env.pop("JOBHUNT_DB", None)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "jobhunt_desktop", *args],
            capture_output=True, text=True, env=env, timeout=60, check=False,
        )  # fmt: skip

    chosen = tmp_path / "shared.sqlite3"
    said = run("use-database", str(chosen))
    assert said.returncode == 0 and said.stdout.strip() == f"Every start now opens {chosen}."
    assert chosen.exists()  # opened (made, migrated) before it was saved
    run("add", "--company", "Acme", "--title", "Analyst")
    assert "Acme" in run("--db", str(chosen), "list").stdout
    refused = run("use-database", "postgresql+psycopg://sam:secret@db.invalid/jobs")
    assert refused.returncode == 1 and "could not be reached" in refused.stderr
    assert "secret" not in refused.stderr
    assert "secret" not in (tmp_path / "config/jobhunt-desktop/database.ini").read_text()
    back = run("use-database", "--default")
    assert back.returncode == 0 and "the default file" in back.stdout


def test_a_server_reached_without_encryption_is_warned_about(cli: Cli) -> None:
    said = cli("--database-url", "postgresql+psycopg://sam@db.invalid/jobs", "list", ok=False)
    assert said.returncode == 1  # no such host; the warning comes first
    warning, error = said.stderr.splitlines()
    assert warning.startswith("warning: The connection to db.invalid may not be encrypted")
    assert "could not be reached" in error


def test_import_a_spreadsheet_on_the_command_line(cli: Cli, tmp_path: Path) -> None:
    sheet = tmp_path / "jobs.csv"
    sheet.write_text(
        "Firm,What,Status,Applied\n"
        "Acme,Analyst,Waiting,2026-02-03\n"
        "Globex,Engineer,Applied,31/02/2026\n"
        "Initech,Developer,Applied,2026-02-05\n"
    )
    mapped = ["--map", "Firm=company", "--map", "What=Role"]
    refused = cli.fails("import", str(sheet), *mapped)
    assert "--stage-map 'Waiting=STAGE'" in refused and "Nothing was imported" in refused
    asked = [*mapped, "--stage-map", "Waiting=Screening"]
    dry = json.loads(cli("import", str(sheet), *asked, "--dry-run", "--json").stdout)
    assert dry["dry_run"] and dry["added"] == 2
    assert dry["skipped"] == [{"line": 3, "reason": "Applied: day is out of range for month"}]
    assert dry["unmapped_columns"] == [] and cli.json("list") == []
    done = json.loads(cli("import", str(sheet), *asked, "--json").stdout)
    assert done["added"] == 2 and done["backup"].endswith("-before-import.sqlite3")
    stages = {row["company"]: row["stage"] for row in cli.json("list")}
    assert stages == {"Acme": "Screening", "Initech": "Applied"}
    again = cli("import", str(sheet), *asked).stdout
    assert again.startswith("Imported 0 cards, skipped 3 rows.")


def test_stats_on_the_command_line(cli: Cli) -> None:
    add_acme(cli)
    found = json.loads(cli("stats", "--json").stdout)
    assert found["funnel"][0] == {"stage": "Wishlist", "reached": 1}
    assert found["applied"] == 1 and found["response_rate"] is None
    said = cli("stats", "--tag", "nothing-has-it").stdout
    assert said.startswith("0 cards\n") and "not enough data" in said


def test_the_calendar_file_follows_commands_when_asked_for(cli: Cli) -> None:
    cli("config", "calendar_file", "on")
    add_acme(cli)
    calendar = cli.db.parent / "jobhunt-calendar.ics"
    assert calendar.read_text().startswith("BEGIN:VCALENDAR")


def test_restore_on_the_command_line(cli: Cli, tmp_path: Path) -> None:
    add_acme(cli)
    copy = tmp_path / "acme.sqlite3"
    cli("backup", "--output", str(copy))
    cli("add", "--company", "Globex", "--title", "Engineer")
    said = cli("restore", str(copy)).stdout
    assert said.startswith(f"Restored {copy} (1 card).\nWhat was there before is kept in ")
    assert [row["company"] for row in cli.json("list")] == ["Acme"]
    assert "is not a file" in cli.fails("restore", str(tmp_path / "none.sqlite3"))


def test_a_database_in_a_dropbox_folder_is_warned_about_once(tmp_path: Path) -> None:
    box = tmp_path / "Dropbox"
    box.mkdir()
    synced = Cli(box / "jobs.sqlite3")
    synced.env["XDG_STATE_HOME"] = str(tmp_path / "state")
    first = synced("list")
    assert "warning: The database" in first.stderr and "Dropbox folder" in first.stderr
    assert "Several computers" in first.stderr
    assert "warning" not in synced("list").stderr  # once per path
    local = Cli(tmp_path / "local.sqlite3")
    local.env["XDG_STATE_HOME"] = str(tmp_path / "state")
    assert "warning" not in local("list").stderr
