"""A server on another computer without sslmode=require is warned about; one on this
computer, or one that asks for encryption, is not."""

from __future__ import annotations

import pytest

from jobhunt_desktop.domain.server_address import unencrypted_warning, without_password


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://sam@localhost/jobs",
        "postgresql+psycopg://sam@127.0.0.1:5432/jobs",
        "postgresql+psycopg://sam@[::1]/jobs",
        "postgresql+psycopg://sam@/jobs?host=/var/run/postgresql",
        "postgresql+psycopg://sam@db.example/jobs?sslmode=require",
        "postgresql+psycopg://sam@db.example/jobs?sslmode=verify-full&application_name=x",
        "postgresql+psycopg://sam@db.example/jobs?SSLMODE=Verify-CA",
        "sqlite:////home/sam/jobs.sqlite3",
    ],
)
def test_local_or_encrypted_is_not_warned_about(url: str) -> None:
    assert unencrypted_warning(url) is None


@pytest.mark.parametrize(
    ("url", "named"),
    [
        ("postgresql+psycopg://sam@db.example/jobs", "db.example"),
        ("postgresql+psycopg://sam@nas.local:5433/jobs?sslmode=prefer", "nas.local"),
        ("postgresql+psycopg://sam@db.example/jobs?sslmode=disable", "db.example"),
        ("postgresql+psycopg://sam@/jobs?host=/tmp,db.example", "db.example"),
        ("postgresql+psycopg://sam@192.168.1.20/jobs?sslmode=allow", "192.168.1.20"),
    ],
)
def test_another_computer_without_encryption_is_warned_about(url: str, named: str) -> None:
    said = unencrypted_warning(url)
    assert said is not None and named in said and "sslmode=require" in said


@pytest.mark.parametrize(
    ("url", "kept", "shown"),
    [
        (
            "postgresql+psycopg://me:s3cr%40t@db.example.org:5433/jobs?sslmode=require",
            "postgresql+psycopg://me@db.example.org:5433/jobs?sslmode=require",
            "postgresql+psycopg://me:***@db.example.org:5433/jobs?sslmode=require",
        ),
        (
            "postgresql+psycopg://:pw@db/jobs",
            "postgresql+psycopg://db/jobs",
            "postgresql+psycopg://:***@db/jobs",
        ),
        (
            "postgresql+psycopg://me@db/jobs",
            "postgresql+psycopg://me@db/jobs",
            "postgresql+psycopg://me@db/jobs",
        ),
        (
            "sqlite:////home/me/jobs.sqlite3",
            "sqlite:////home/me/jobs.sqlite3",
            "sqlite:////home/me/jobs.sqlite3",
        ),
    ],
)
def test_an_address_is_kept_without_its_password_and_shown_with_it_masked(
    url: str, kept: str, shown: str
) -> None:
    assert without_password(url) == kept
    assert without_password(url, shown_as="***") == shown
