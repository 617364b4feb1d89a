"""Headers of other trackers' exports and of people's own sheets, and status values."""

from __future__ import annotations

import pytest

from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.domain.import_columns import map_columns, parse_overrides
from jobhunt_desktop.domain.import_stages import StageChoice, stage_for, unknown_statuses
from jobhunt_desktop.domain.stages import ClosedReason
from tests.domain.factories import DEFAULT_BOARD


def fields(headers: list[str], **overrides: str) -> dict[str, str]:
    found = map_columns(headers, parse_overrides([f"{k}={v}" for k, v in overrides.items()]))
    return {headers[i]: f for i, f in found.fields.items()}


def test_jobsync_export() -> None:
    headers = (
        "index,createdAt,applied,appliedDate,Company,JobTitle,jobType,workplaceType,"
        "Location,JobSource,Status"
    )
    found = fields(headers.split(","))
    assert found == {
        "index": "skip",
        "createdAt": "added_on",
        "appliedDate": "applied_on",  # the date wins over the yes/no column
        "Company": "company",
        "JobTitle": "title",
        "jobType": "job_type",
        "workplaceType": "work_mode",
        "Location": "location",
        "JobSource": "source",
        "Status": "stage",
    }


def test_hired_export() -> None:
    headers = (
        "Company,Role,Stage,Tags,Why it ended,Location,Work mode,Salary,Applied,"
        "Next follow-up,Closed"
    )
    assert fields(headers.split(",")) == {
        "Company": "company",
        "Role": "title",
        "Stage": "stage",
        "Tags": "tags",
        "Why it ended": "closed_reason",
        "Location": "location",
        "Work mode": "work_mode",
        "Salary": "salary",
        "Applied": "applied_on",
        "Next follow-up": "skip",
        "Closed": "closed_on",
    }


@pytest.mark.parametrize("company", ["Company Name", "Company"])
def test_linkedin_export(company: str) -> None:
    headers = ["Application Date", company, "Job Title", "Job Url", "Resume Name"]
    found = map_columns(headers)
    assert {headers[i]: f for i, f in found.fields.items()} == {
        "Application Date": "applied_on",
        company: "company",
        "Job Title": "title",
        "Job Url": "url",
    }
    assert found.unmapped == ("Resume Name",)


def test_other_trackers_and_sheets_ignoring_case_and_spaces() -> None:
    found = fields(["EMPLOYER", "position", "job_posting", "compensation", "Date  Applied"])
    assert list(found.values()) == ["company", "title", "url", "salary", "applied_on"]
    found = fields(["Organization", "Job title", "status", "link", "applied date", "Next action"])
    assert list(found.values()) == ["company", "title", "stage", "url", "applied_on", "next_action"]


def test_the_person_claims_columns() -> None:
    found = fields(["Firm", "What", "Extra"], Firm="company", What="Role", Extra="skip")
    assert found == {"Firm": "company", "What": "title", "Extra": "skip"}
    with pytest.raises(UserError, match="not a field"):
        parse_overrides(["Firm=shoe size"])
    with pytest.raises(UserError, match="COLUMN=FIELD"):
        parse_overrides(["company"])


STAGES = DEFAULT_BOARD
BY_NAME = {s.name: s.id for s in STAGES}


@pytest.mark.parametrize(
    ("value", "stage", "reason"),
    [
        ("interview", "Interviewing", None),
        ("Phone screen", "Screening", None),
        ("on-site", "Interviewing", None),
        ("Final round", "Interviewing", None),
        ("Rejected", "Rejected", ClosedReason.REJECTED),
        ("declined", "Rejected", ClosedReason.REJECTED),
        ("Ghosted", "Ghosted/Withdrawn", ClosedReason.GHOSTED),
        ("Withdrawn", "Ghosted/Withdrawn", ClosedReason.WITHDREW),
        ("Offer received", "Offer", None),
        ("Hired", "Accepted", ClosedReason.ACCEPTED),
        ("applied", "Applied", None),
        ("Saved", "Wishlist", None),
    ],
)
def test_status_values_by_name_and_meaning(
    value: str, stage: str, reason: ClosedReason | None
) -> None:
    assert stage_for(value, STAGES) == StageChoice(BY_NAME[stage], reason)


def test_unknown_statuses_are_asked_once_each() -> None:
    values = ["Waiting on referral", "waiting on referral", "Applied", ""]
    assert unknown_statuses(values, STAGES, {}) == ["Waiting on referral"]
