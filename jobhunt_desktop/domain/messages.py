"""Getting a draft out of the app: a mailto link, an .eml file, or clipboard text.

All three are built here as plain values so the window only has to hand them to the
desktop; none of them sends anything.
"""

from __future__ import annotations

import email.policy
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime
from urllib.parse import quote

from jobhunt_desktop.domain.errors import UserError

# Some mail programs and OS launchers cut or refuse longer links (old Outlook and
# Windows' ShellExecute start failing a little past 2,000 characters).
MAILTO_LIMIT = 2000


@dataclass(frozen=True, slots=True)
class MailLink:
    """The link to open; when the body did not fit, `body_in_link` is False and the
    caller puts the body on the clipboard for the user to paste."""

    url: str
    body_in_link: bool


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _crlf(text: str) -> str:
    return _lf(text).replace("\n", "\r\n")


def _one_line(text: str) -> str:
    """A subject is one header line: line breaks and runs of spaces become one space."""
    return " ".join(text.split())


def _split_recipients(text: str) -> list[str]:
    """Split on commas and semicolons outside quotes and <...>, as address fields are typed."""
    pieces: list[str] = []
    current: list[str] = []
    quoted = False
    angle = 0
    for char in text:
        if char == '"':
            quoted = not quoted
        elif not quoted and char == "<":
            angle += 1
        elif not quoted and char == ">" and angle:
            angle -= 1
        elif not quoted and not angle and char in ",;":
            pieces.append("".join(current))
            current = []
            continue
        current.append(char)
    pieces.append("".join(current))
    return [piece.strip() for piece in pieces if piece.strip()]


def _recipients(to: str | Sequence[str]) -> list[tuple[str, str]]:
    """(as written, bare address) for each recipient; a bad address is a user error
    rather than a broken link or an injected header."""
    items = [to] if isinstance(to, str) else list(to)
    result: list[tuple[str, str]] = []
    for item in items:
        for written in _split_recipients(item):
            address = written
            if written.endswith(">") and "<" in written:
                address = written[written.rindex("<") + 1 : -1].strip()
            local, at, domain = address.rpartition("@")
            if (
                not (local and at and domain)
                or any(char.isspace() for char in address)
                or not written.isprintable()
            ):
                raise UserError(f"“{written}” is not an email address.")
            result.append((written, address))
    return result


def _encode(value: str) -> str:
    """UTF-8 percent-encoding of everything but letters, digits and `-._~`: spaces are
    %20 (never +), and & ? # % + = cannot end a field early."""
    return quote(value, safe="")


def mailto_url(to: str | Sequence[str], subject: str, body: str) -> str:
    """An RFC 6068 link; no recipient gives `mailto:?subject=...`.

    Line breaks in the body become CRLF (%0D%0A) as the RFC asks; the subject is
    made one line. Empty fields are left out. "Name <address>" keeps only the address.
    """
    addresses = ",".join(quote(address, safe="@") for _, address in _recipients(to))
    fields: list[str] = []
    one_line_subject = _one_line(subject)
    if one_line_subject:
        fields.append("subject=" + _encode(one_line_subject))
    if body:
        fields.append("body=" + _encode(_crlf(body)))
    url = "mailto:" + addresses
    return url + "?" + "&".join(fields) if fields else url


def mailto_or_none(to: str | Sequence[str], subject: str, body: str) -> str | None:
    """The link, or None when it is longer than MAILTO_LIMIT and may be cut short."""
    url = mailto_url(to, subject, body)
    return url if len(url) <= MAILTO_LIMIT else None


def mail_link(to: str | Sequence[str], subject: str, body: str) -> MailLink:
    """The full link when it fits, else one with the recipients and subject only."""
    url = mailto_or_none(to, subject, body)
    if url is not None:
        return MailLink(url=url, body_in_link=True)
    return MailLink(url=mailto_url(to, subject, ""), body_in_link=False)


# Web mail's compose pages, filled from the query string; a browser takes far longer
# addresses than a mail program's launcher does.
WEB_COMPOSE = {
    "gmail": ("https://mail.google.com/mail/?view=cm&fs=1", "to", "su", "body"),
    "outlook": ("https://outlook.live.com/mail/0/deeplink/compose?", "to", "subject", "body"),
}
WEB_LIMIT = 8000
MAIL_PROGRAMS = {
    "system": "The system's mail program",
    "gmail": "Gmail, in the browser",
    "outlook": "Outlook.com, in the browser",
}


def web_compose_url(program: str, to: str | Sequence[str], subject: str, body: str) -> str:
    base, to_key, subject_key, body_key = WEB_COMPOSE[program]
    fields = []
    addresses = ",".join(address for _, address in _recipients(to))
    if addresses:
        fields.append(f"{to_key}={_encode(addresses)}")
    if _one_line(subject):
        fields.append(f"{subject_key}={_encode(_one_line(subject))}")
    if body:
        fields.append(f"{body_key}={_encode(_lf(body))}")
    joiner = "&" if not base.endswith("?") else ""
    return base + (joiner + "&".join(fields) if fields else "")


def compose_link(program: str, to: str | Sequence[str], subject: str, body: str) -> MailLink:
    """The link that opens the draft in the chosen mail program: a mailto link for the
    system's, the compose page of Gmail or Outlook.com otherwise. A body that would
    make it too long is left out (the caller puts it on the clipboard)."""
    if program not in WEB_COMPOSE:
        return mail_link(to, subject, body)
    url = web_compose_url(program, to, subject, body)
    if len(url) <= WEB_LIMIT:
        return MailLink(url=url, body_in_link=True)
    return MailLink(url=web_compose_url(program, to, subject, ""), body_in_link=False)


def eml_bytes(
    to: str | Sequence[str],
    subject: str,
    body: str,
    *,
    sender: str | None,
    date: datetime,
) -> bytes:
    """An RFC 5322 message with CRLF line ends, marked `X-Unsent: 1` so mail programs
    that honour it (Outlook, Apple Mail) open it as a draft ready to send.

    The body is UTF-8 text/plain in quoted-printable, which keeps the file 7-bit and
    still readable; non-ASCII headers are RFC 2047 encoded.
    """
    if date.tzinfo is None or date.utcoffset() is None:
        raise ValueError("eml_bytes needs an aware datetime for the Date header")
    message = EmailMessage(policy=email.policy.SMTP)
    recipients = _recipients(to)
    if recipients:
        message["To"] = ", ".join(written for written, _ in recipients)
    if sender is not None and sender.strip():
        from_ = _recipients(sender)
        if len(from_) != 1:
            raise UserError(f"“{sender.strip()}” is not one email address.")
        message["From"] = from_[0][0]
    one_line_subject = _one_line(subject)
    if one_line_subject:
        message["Subject"] = one_line_subject
    message["Date"] = format_datetime(date)
    message["X-Unsent"] = "1"
    message.set_content(_lf(body), subtype="plain", charset="utf-8", cte="quoted-printable")
    return message.as_bytes()


def plain_text(subject: str, body: str) -> str:
    """The draft for the clipboard, as a person would paste it; no subject line when
    there is no subject."""
    one_line_subject = _one_line(subject)
    text = _lf(body)
    return f"Subject: {one_line_subject}\n\n{text}" if one_line_subject else text
