"""Drafts leave the app intact: mailto links and .eml files decode to the same text."""

from __future__ import annotations

import email
import email.policy
from datetime import UTC, datetime, timedelta, timezone
from email.message import EmailMessage
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.domain.messages import (
    MAILTO_LIMIT,
    eml_bytes,
    mail_link,
    mailto_or_none,
    mailto_url,
    plain_text,
)

TRICKY = "Hi Dana & team?\n50% off #1 a+b=c, über café, 日本 😀\r\n\rThanks\n"
TRICKY_CRLF = "Hi Dana & team?\r\n50% off #1 a+b=c, über café, 日本 😀\r\n\r\nThanks\r\n"


def _fields(url: str) -> dict[str, str]:
    """Decode the query by hand with unquote (never unquote_plus)."""
    query = urlsplit(url).query
    pairs = [part.split("=", 1) for part in query.split("&")] if query else []
    return {name: unquote(value, errors="strict") for name, value in pairs}


def _crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")


# --- mailto -----------------------------------------------------------------------


def test_mailto_round_trips_tricky_text() -> None:
    url = mailto_url("dana@northwind.example", "Café & co? 50% #1 a+b=c", TRICKY)
    parts = urlsplit(url)
    assert parts.scheme == "mailto"
    assert parts.path == "dana@northwind.example"
    assert parts.fragment == ""
    assert _fields(url) == {"subject": "Café & co? 50% #1 a+b=c", "body": TRICKY_CRLF}
    parsed = parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)
    assert parsed == {"subject": ["Café & co? 50% #1 a+b=c"], "body": [TRICKY_CRLF]}


def test_mailto_encoding_is_strict() -> None:
    url = mailto_url("dana@northwind.example", "A subject", TRICKY)
    assert url.isascii()
    for raw in (" ", "#", "+", "\n", "\r"):
        assert raw not in url
    assert "A%20subject" in url
    assert "%0D%0A" in url
    query = urlsplit(url).query
    assert query.startswith("subject=")
    assert query.count("&") == 1
    assert query.count("=") == 2
    for encoded in ("%26", "%3F", "%23", "%25", "%2B", "%3D", "%C3%BC", "%F0%9F%98%80"):
        assert encoded in query


def test_mailto_recipients() -> None:
    url = mailto_url(["dana@northwind.example", "sam+jobs@x.example"], "Hi", "")
    assert url == "mailto:dana@northwind.example,sam%2Bjobs@x.example?subject=Hi"
    assert mailto_url("Dana Whitfield <dana@x.example>", "", "") == "mailto:dana@x.example"
    assert mailto_url("a@x.example; b@y.example", "", "") == "mailto:a@x.example,b@y.example"
    assert mailto_url("a%b@x.example", "", "") == "mailto:a%25b@x.example"
    assert mailto_url("zoë@bücher.example", "", "") == "mailto:zo%C3%AB@b%C3%BCcher.example"
    assert mailto_url(["", "  "], "", "") == "mailto:"


def test_mailto_without_recipient_or_fields() -> None:
    assert mailto_url([], "Hi there", "") == "mailto:?subject=Hi%20there"
    assert mailto_url("", "", "Body") == "mailto:?body=Body"
    assert mailto_url([], "  ", "") == "mailto:"


def test_mailto_subject_is_one_line() -> None:
    assert _fields(mailto_url([], "Hi\r\nBcc: evil@x.example", "")) == {
        "subject": "Hi Bcc: evil@x.example"
    }


@pytest.mark.parametrize(
    "bad", ["dana", "@x.example", "dana@", "dana @x.example", "a@x.example\r\nBcc: e@x"]
)
def test_mailto_refuses_what_is_not_an_address(bad: str) -> None:
    with pytest.raises(UserError, match="is not an email address"):
        mailto_url(bad, "Hi", "Body")


def test_mailto_length_limit() -> None:
    base = mailto_url("dana@x.example", "Hi", "")
    room = MAILTO_LIMIT - len(base) - len("&body=")
    fits = "a" * room
    assert len(mailto_url("dana@x.example", "Hi", fits)) == MAILTO_LIMIT
    assert mailto_or_none("dana@x.example", "Hi", fits) is not None
    assert mailto_or_none("dana@x.example", "Hi", fits + "a") is None
    # Percent-encoding counts: 700 non-ASCII letters become 4,200 characters.
    assert mailto_or_none("dana@x.example", "Hi", "é" * 700) is None


def test_mail_link_drops_the_body_only_when_it_does_not_fit() -> None:
    short = mail_link("dana@x.example", "Hi", "Short body")
    assert short.body_in_link
    assert short.url == mailto_url("dana@x.example", "Hi", "Short body")
    long = mail_link("dana@x.example", "Hi", "word " * 1000)
    assert not long.body_in_link
    assert long.url == "mailto:dana@x.example?subject=Hi"


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(subject=st.text(), body=st.text())
def test_mailto_round_trips_any_text(subject: str, body: str) -> None:
    url = mailto_url(["dana@x.example"], subject, body)
    assert url.isascii()
    assert " " not in url
    assert "#" not in url
    assert "+" not in url
    expected: dict[str, str] = {}
    if " ".join(subject.split()):
        expected["subject"] = " ".join(subject.split())
    if body:
        expected["body"] = _crlf(body)
    assert _fields(url) == expected


# --- eml --------------------------------------------------------------------------

SENT = datetime(2026, 3, 3, 14, 30, tzinfo=timezone(timedelta(hours=1)))


def _parse(data: bytes) -> EmailMessage:
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def test_eml_parses_back_to_the_same_message() -> None:
    data = eml_bytes(
        ["Zoë Müller <zoe@northwind.example>", "sam@northwind.example"],
        "Merci — über 日本",
        TRICKY,
        sender="Jordan Ellis <jordan@example.com>",
        date=SENT,
    )
    message = _parse(data)
    assert message["To"] == "Zoë Müller <zoe@northwind.example>, sam@northwind.example"
    assert [a.addr_spec for a in message["To"].addresses] == [
        "zoe@northwind.example",
        "sam@northwind.example",
    ]
    assert message["From"] == "Jordan Ellis <jordan@example.com>"
    assert message["Subject"] == "Merci — über 日本"
    assert message["Date"].datetime == SENT
    assert message["X-Unsent"] == "1"
    assert message.get_content_type() == "text/plain"
    assert message.get_content_charset() == "utf-8"
    assert message.get_content() == TRICKY_CRLF


def test_eml_is_crlf_and_7bit() -> None:
    data = eml_bytes("dana@x.example", "Héllo", "Line é\n" + "long " * 100, sender=None, date=SENT)
    assert data.isascii()
    assert data.count(b"\n") == data.count(b"\r\n")
    assert b"\r\nX-Unsent: 1\r\n" in data
    assert all(len(line) <= 78 for line in data.split(b"\r\n"))
    assert b"=?utf-8?" in data  # the subject is encoded
    assert _parse(data).get_content() == "Line é\r\n" + "long " * 100 + "\r\n"


def test_eml_leaves_out_what_is_not_known() -> None:
    message = _parse(eml_bytes([], "", "Body", sender=None, date=SENT.astimezone(UTC)))
    assert message["To"] is None
    assert message["From"] is None
    assert message["Subject"] is None
    assert message["Date"].datetime == SENT
    assert message["X-Unsent"] == "1"


def test_eml_cannot_gain_headers_from_its_fields() -> None:
    message = _parse(
        eml_bytes("dana@x.example", "Hi\r\nBcc: evil@x.example", "B", sender=None, date=SENT)
    )
    assert message["Bcc"] is None
    assert message["Subject"] == "Hi Bcc: evil@x.example"
    with pytest.raises(UserError):
        eml_bytes("dana@x.example", "Hi", "B", sender="me@x.example\r\nBcc: e@x", date=SENT)
    with pytest.raises(UserError):
        eml_bytes("dana@x.example", "Hi", "B", sender="a@x.example, b@x.example", date=SENT)


def test_eml_needs_an_aware_date() -> None:
    with pytest.raises(ValueError, match="aware"):
        eml_bytes("dana@x.example", "Hi", "B", sender=None, date=datetime(2026, 3, 3))


# --- clipboard --------------------------------------------------------------------


def test_plain_text() -> None:
    assert plain_text("Hi there", "Line\r\nTwo") == "Subject: Hi there\n\nLine\nTwo"
    assert plain_text("  ", "Body") == "Body"


def test_web_mail_compose_links_are_filled_and_never_too_long() -> None:
    from urllib.parse import parse_qs, urlsplit

    from jobhunt_desktop.domain.messages import WEB_LIMIT, compose_link

    link = compose_link("outlook", "Dana <dana@acme.example>", "Hi & bye", "Line 1\nLine 2")
    parts = urlsplit(link.url)
    assert parts.netloc == "outlook.live.com" and link.body_in_link
    assert parse_qs(parts.query) == {
        "to": ["dana@acme.example"],
        "subject": ["Hi & bye"],
        "body": ["Line 1\nLine 2"],
    }
    long = compose_link("gmail", "dana@acme.example", "Hi", "x" * (WEB_LIMIT + 1))
    assert not long.body_in_link and "body=" not in long.url and len(long.url) < WEB_LIMIT
    assert compose_link("system", "dana@acme.example", "Hi", "Yo").url.startswith("mailto:")
