"""Importing spreadsheets on a real file: formats, encodings, separators, problems,
duplicates, and history that is not news."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from pathlib import Path

import pytest

from jobhunt_desktop.domain.clock import FixedClock
from jobhunt_desktop.domain.entities import FollowUpKind, FollowUpState
from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.domain.import_plan import Answers
from jobhunt_desktop.domain.import_stages import parse_stage_map
from jobhunt_desktop.domain.import_values import DayOrder
from jobhunt_desktop.persistence.database import open_database, sqlite_url
from jobhunt_desktop.services.container import Services
from jobhunt_desktop.services.import_files import ImportFileError
from jobhunt_desktop.services.imports import ImportCancelledError, ImportRequest
from tests.conftest import ZONE

FIXTURES = Path(__file__).parent.parent / "fixtures" / "imports"


def board(services: Services) -> dict[str, tuple[str, str]]:
    """Company -> (role, stage) of every card."""
    return {
        a.company: (a.title, a.stage.name)
        for a in (services.applications.get(r.id) for r in services.applications.board())
    }


def imported(services: Services, name: str, **request: object) -> list[int]:
    preview = services.imports.preview(ImportRequest(FIXTURES / name, **request))  # type: ignore[arg-type]
    return services.imports.run(preview).added


def test_jobsync_export(services: Services) -> None:
    imported(services, "jobsync.csv")
    assert board(services) == {
        "Northwind Traders": ("Data Analyst", "Applied"),
        "Contoso": ("Backend Engineer", "Interviewing"),
        "Fabrikam": ("Product Analyst", "Wishlist"),
        "Tailspin Toys": ("QA Engineer", "Rejected"),
    }
    [northwind] = [
        services.applications.get(r.id)
        for r in services.applications.board()
        if r.company == "Northwind Traders"
    ]
    assert northwind.applied_on == date(2026, 1, 6)
    assert (northwind.location, northwind.source, northwind.work_mode) == (
        "Lisbon",
        "LinkedIn",
        "remote",
    )


def test_hired_export(services: Services) -> None:
    imported(services, "hired.csv")
    cards = {r.company: services.applications.get(r.id) for r in services.applications.board()}
    globex = cards["Globex"]
    assert (globex.salary_min, globex.salary_currency, globex.salary_period) == (
        120000,
        "USD",
        "year",
    )
    assert globex.tags == ("python", "sre")
    initrode = cards["Initrode"]
    assert (initrode.salary_min, initrode.salary_max) == (45000, 50000)
    assert initrode.stage.name == "Ghosted/Withdrawn" and initrode.closed_reason == "ghosted"
    assert "Why it ended: No response after final round" in (initrode.notes or "")
    assert cards["Umbrella Health"].stage.name == "Offer"


def test_linkedin_export(services: Services) -> None:
    imported(services, "linkedin-job-applications.csv")
    cards = {r.company: services.applications.get(r.id) for r in services.applications.board()}
    vandelay = cards["Vandelay Industries"]
    assert vandelay.applied_on == date(2026, 11, 24)  # "11/24/26, 8:30 AM"
    assert vandelay.url == "https://www.linkedin.com/jobs/view/4000000001/"
    assert cards["Kramerica"].applied_on == date(2026, 11, 3)


def test_a_sheet_kept_by_hand_with_a_title_above_the_header(services: Services) -> None:
    preview = services.imports.preview(ImportRequest(FIXTURES / "my-sheet.csv"))
    assert preview.sheet.header_line == 4
    assert preview.plan.unmapped_columns == ("Referral bonus",)
    services.imports.run(preview)
    cards = {r.company: services.applications.get(r.id) for r in services.applications.board()}
    acme = cards["Acme Corp"]
    assert acme.stage.name == "Screening"
    assert acme.notes == (
        "Met at a meetup.\nLiked the team.\nNext action: Send portfolio\nReferral bonus: yes"
    )
    assert acme.salary_min == 70000
    assert [c.name for c in services.applications.story(acme.id).application.contacts] == [
        "Dana Cruz"
    ]
    assert cards["Hooli"].stage.name == "Interviewing"
    assert (cards["Hooli"].salary_min, cards["Hooli"].salary_max) == (80000, 95000)
    assert cards["Pied Piper"].closed_reason == "ghosted"


@pytest.mark.parametrize(
    ("name", "encoding", "delimiter", "company"),
    [
        ("semicolon-cp1252.csv", "Windows-1252", ";", "Müller & Söhne GmbH"),
        ("latin1.csv", "Windows-1252", ",", "Café São Jorge"),
        ("excel-unicode.txt", "UTF-16", "\t", "Ōkami Games"),
        ("my-sheet.csv", "UTF-8", ",", "Acme Corp"),
    ],
)
def test_encodings_and_separators(
    services: Services, name: str, encoding: str, delimiter: str, company: str
) -> None:
    preview = services.imports.preview(ImportRequest(FIXTURES / name))
    assert (preview.sheet.encoding_name, preview.sheet.delimiter) == (encoding, delimiter)
    assert preview.sheet.rows[0].cells[0] == company


def test_utf8_with_a_bom_and_a_chosen_encoding(services: Services, tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes("\ufeffCompany,Role\nAcmé,Analyst\n".encode())
    preview = services.imports.preview(ImportRequest(path))
    assert preview.sheet.encoding_name == "UTF-8 with BOM"
    assert preview.plan.cards[0].fields["company"] == "Acmé"
    forced = services.imports.preview(ImportRequest(FIXTURES / "latin1.csv", encoding="latin_1"))
    assert forced.sheet.encoding_name == "Latin-1"
    with pytest.raises(ImportFileError, match=r"line 2: byte .* cannot be read as UTF-8"):
        services.imports.preview(ImportRequest(FIXTURES / "latin1.csv", encoding="utf-8"))


def test_a_workbook(services: Services, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Company", "Role", "Status", "Date applied", "Salary"])
    sheet.append(["Acme", "Analyst", "Applied", date(2026, 2, 3), 70000])
    sheet.append(["Globex", "Engineer", "Interview", 46083, "60-70k"])
    path = tmp_path / "jobs.xlsx"
    book.save(path)
    imported_ids = services.imports.run(services.imports.preview(ImportRequest(path))).added
    assert len(imported_ids) == 2
    cards = {r.company: services.applications.get(r.id) for r in services.applications.board()}
    assert cards["Acme"].applied_on == date(2026, 2, 3) and cards["Acme"].salary_min == 70000
    assert cards["Globex"].applied_on == date(2026, 3, 2)  # a day number
    assert (cards["Globex"].salary_min, cards["Globex"].salary_max) == (60000, 70000)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("broken-quote.csv", None, "broken-quote.csv', line 3: a quoted field is never closed"),
        ("no-header.csv", None, "no header row with a company column within the first 10"),
        ("picture.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is not a text file"),
        ("sheet.ods", b"PK\x03\x04mimetypeapplication/vnd.oasis.opendocument", "save it as CSV"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "save it as CSV"),
    ],
)
def test_a_file_that_cannot_be_read_stops_with_nothing_written(
    services: Services, tmp_path: Path, name: str, data: bytes | None, message: str
) -> None:
    path = FIXTURES / name
    if data is not None:
        path = tmp_path / name
        path.write_bytes(data)
    with pytest.raises(ImportFileError, match=message):
        services.imports.preview(ImportRequest(path))
    assert services.applications.board() == []


def test_row_problems_and_duplicates_skip_the_row_and_say_why(services: Services) -> None:
    preview = services.imports.preview(ImportRequest(FIXTURES / "mixed-problems.csv"))
    skipped = {s.line: s.reason for s in preview.plan.skipped}
    assert skipped == {
        3: "no company",
        4: "Date applied: day is out of range for month",
        5: "Acme Corp, Data Analyst: the same as line 2",
        6: "Cyberdyne, Engineer: the same as line 2",  # the same job ad as Acme's
    }
    assert len(services.imports.run(preview).added) == 1
    again = services.imports.preview(ImportRequest(FIXTURES / "mixed-problems.csv"))
    assert again.plan.cards == ()  # importing the same file twice adds nothing
    assert "already on the board" in again.plan.skipped[0].reason


def test_unknown_statuses_and_ambiguous_dates_are_asked_first(services: Services) -> None:
    preview = services.imports.preview(ImportRequest(FIXTURES / "statuses.csv"))
    assert preview.plan.unknown_statuses == ("Waiting on referral",)
    with pytest.raises(UserError, match="--stage-map 'Waiting on referral=STAGE'"):
        services.imports.run(preview)
    assert services.applications.board() == []
    stages = parse_stage_map(["waiting on referral=Applied"], services.stages.all())
    answered = ImportRequest(FIXTURES / "statuses.csv", answers=Answers(stages=stages))
    services.imports.run(services.imports.preview(answered))
    assert {stage for _, stage in board(services).values()} == {"Applied"}

    dates = services.imports.preview(ImportRequest(FIXTURES / "ambiguous-dates.csv"))
    assert dates.plan.ambiguous_dates == ("Date applied",)
    day_first = Answers(day_order=DayOrder.DAY_FIRST)
    request = ImportRequest(FIXTURES / "ambiguous-dates.csv", answers=day_first)
    [card, _] = services.imports.preview(request).plan.cards
    assert card.fields["applied_on"] == date(2026, 4, 3)


def test_imported_history_is_not_news(services: Services, clock: FixedClock) -> None:
    """Old rejections plan no reply, what fell due before is missed, and only each open
    card's latest status check is due, at the next reminder time."""
    done = services.imports.run(services.imports.preview(ImportRequest(FIXTURES / "jobsync.csv")))
    cards = {r.company: r.id for r in services.applications.board()}
    tailspin = services.applications.story(cards["Tailspin Toys"])
    assert tailspin.events == ()  # no rejection implied by the stage it arrived in
    assert not [f for f in tailspin.followups if f.kind is FollowUpKind.REJECTION_REPLY]
    northwind = services.followups.chain(cards["Northwind Traders"])
    due = [f for f in northwind if f.state.is_open]
    assert [f.kind for f in due] == [FollowUpKind.APPLICATION_CHECK]
    tomorrow_nine = clock.now() + timedelta(days=1)  # 09:00 has just come today
    assert due[0].remind_at == tomorrow_nine
    missed = [f for f in northwind if f.state is FollowUpState.DISMISSED]
    assert all("before the import" in (f.reason or "") for f in missed)
    due_then = [f for f in services.followups.pending() if f.followup.remind_at == tomorrow_nine]
    assert done.due == len(due_then) == 2  # Northwind and Contoso; the wishlist has none
    history = services.applications.story(cards["Contoso"]).history
    assert [h.action for h in history] == ["imported"]


def test_the_apps_own_export_imports_as_the_same_cards(
    services: Services, clock: FixedClock, tmp_path: Path
) -> None:
    from tests.services.test_exports import rich_board

    rich_board(services, clock)
    exported = services.exports.csv()
    path = tmp_path / "export.csv"
    path.write_bytes(exported)
    target = open_database(sqlite_url(tmp_path / "new.sqlite3"))
    try:
        other = Services.create(target, clock, ZONE)
        other.stages.add("Take-home", position=2)
        preview = other.imports.preview(ImportRequest(path))
        assert preview.plan.own_export and preview.plan.unmapped_columns == ()
        other.imports.run(preview)
        again = other.exports.csv()
    finally:
        target.close()

    def rows(data: bytes) -> list[dict[str, str]]:
        found = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        for row in found:
            del row["next_follow_up"], row["next_follow_up_on"]
        return sorted(found, key=lambda r: r["company"])

    assert rows(again) == rows(exported)


def test_a_cancelled_import_writes_nothing(services: Services) -> None:
    preview = services.imports.preview(ImportRequest(FIXTURES / "jobsync.csv"))
    with pytest.raises(ImportCancelledError):
        services.imports.run(preview, progress=lambda step, _done, _total: step != "plans")
    assert services.applications.board() == []


def test_a_person_named_twice_and_dates_written_both_ways(
    services: Services, tmp_path: Path
) -> None:
    sheet = tmp_path / "jobs.csv"
    sheet.write_text(
        "Company,Role,Contact,Date applied\n"
        "Acme,Analyst,Anna Berg; anna berg,24/11/2025\n"
        "Globex,Engineer,,11/24/2025\n"
        "Initech,Developer,,03/04/2025\n"
    )
    preview = services.imports.preview(ImportRequest(sheet))  # the column mixes both orders
    days = {c.fields["company"]: c.fields["applied_on"] for c in preview.plan.cards}
    assert days == {"Acme": date(2025, 11, 24), "Globex": date(2025, 11, 24)}  # plain enough
    [skipped] = preview.plan.skipped
    assert skipped.line == 4 and "'03/04/2025' reads both ways" in skipped.reason
    sheet.write_text("Company,Role,Contact\nAcme,Analyst,Anna Berg; anna berg\n")
    [card] = services.imports.run(services.imports.preview(ImportRequest(sheet))).added
    assert [c.name for c in services.applications.get(card).contacts] == ["Anna Berg"]


def test_a_workbook_under_another_name_is_read_as_one(services: Services, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Company", "Role"])
    sheet.append(["Acme", "Analyst"])
    path = tmp_path / "jobs.csv"  # saved with the wrong name
    book.save(tmp_path / "jobs.xlsx")
    (tmp_path / "jobs.xlsx").rename(path)
    assert len(services.imports.preview(ImportRequest(path)).plan.cards) == 1
    (tmp_path / "other.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    with pytest.raises(ImportFileError, match="is not a workbook that can be read"):
        services.imports.preview(ImportRequest(tmp_path / "other.docx"))
