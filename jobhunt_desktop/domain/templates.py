"""Message templates with named placeholders, filled as plain text and nothing more.

Templates are user-editable and stored, so they are untrusted: substitution uses
`string.Template` over a dict of plain strings (no attribute access, indexing or
expressions), and a template with any problem is refused before it is filled.

Every placeholder has a fallback chosen so that a draft with missing values still
reads as a natural sentence in the slot the built-in texts use it in (see each
`Placeholder.description`), and never shows a raw `${name}`.
"""

from __future__ import annotations

import difflib
import re
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from jobhunt_desktop.domain.entities import FollowUpKind
from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.domain.timeutil import as_utc, zone

MAX_SUBJECT_CHARS = 200
MAX_BODY_CHARS = 20_000
# Beyond this many syntax problems in one field, the rest are counted, not listed.
_MAX_LISTED_PROBLEMS = 10


@dataclass(frozen=True, slots=True)
class Placeholder:
    """One name a template may use; `sample` feeds the live preview, `fallback` a draft
    whose value is unknown."""

    name: str
    description: str
    sample: str
    fallback: str


@dataclass(frozen=True, slots=True)
class Template:
    """A subject and body with `${name}` placeholders; built-ins are keyed by the
    FollowUpKind they answer, user templates by any other key."""

    key: str
    name: str
    kind: FollowUpKind | None
    subject: str
    body: str
    builtin: bool


@dataclass(frozen=True, slots=True)
class Draft:
    """A filled-in message, ready for the editor; line breaks are `\\n`."""

    subject: str
    body: str


def _placeholders(*items: Placeholder) -> dict[str, Placeholder]:
    return {item.name: item for item in items}


# Dates are bare ("Tuesday 3 March", see format_day); each date's fallback fits the
# slot the built-in texts put it in, written here after the description.
PLACEHOLDERS: Mapping[str, Placeholder] = _placeholders(
    Placeholder(
        "your_name",
        "Your full name. Empty when unknown, so use it only where it can be left out.",
        "Jordan Ellis",
        "",
    ),
    Placeholder(
        "signature",
        "The lines under your sign-off. When not set, your name alone (or nothing).",
        "Jordan Ellis\njordan.ellis@example.com",
        "",
    ),
    Placeholder(
        "greeting",
        "The opening line. When not set, 'Hi <first name>,' or 'Hello,'.",
        "Hi Dana,",
        "Hello,",
    ),
    Placeholder(
        "contact_name",
        "Your contact's full name.",
        "Dana Whitfield",
        "the hiring team",
    ),
    Placeholder(
        "contact_first_name",
        "Your contact's first name, as in 'Hi ${contact_first_name},'.",
        "Dana",
        "there",
    ),
    Placeholder(
        "company",
        "The employer, as in 'the team at ${company}'.",
        "Northwind Labs",
        "your company",
    ),
    Placeholder(
        "position",
        "The job title, as in 'my application for ${position}'.",
        "Data Analyst",
        "the role",
    ),
    Placeholder(
        "interview_date",
        "The day of the last interview, as in 'since ${interview_date}'.",
        "Tuesday 3 March",
        "our recent conversation",
    ),
    Placeholder(
        "interview_round",
        "Which interview, with its article, as in 'Thank you for ${interview_round}'.",
        "the second interview",
        "the interview",
    ),
    Placeholder(
        "interviewers",
        "Who else interviewed you, besides the person you are writing to, as in "
        "'please pass on my thanks to ${interviewers}'.",
        "Sam Okafor and Lee Chen",
        "the team",
    ),
    Placeholder(
        "promised_date",
        "The day they said they would answer by, as in 'by ${promised_date}'.",
        "Friday 13 March",
        "the date you mentioned",
    ),
    Placeholder(
        "offer_deadline",
        "The day your answer to another offer is due, as in 'my answer is due ${offer_deadline}'.",
        "Friday 20 March",
        "soon",
    ),
    Placeholder(
        "new_interview_time",
        "The new time of an interview the employer moved, as in 'I have noted the new "
        "time, ${new_interview_time}, and it works for me'.",
        "Tuesday 10 March at 14:00",
        "as you sent it",
    ),
    Placeholder(
        "applied_date",
        "The day you applied, as in 'my application, submitted ${applied_date}'.",
        "Monday 23 February",
        "recently",
    ),
)


def _text(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs)


def _builtin(kind: FollowUpKind, name: str, subject: str, body: str) -> Template:
    return Template(key=kind.value, name=name, kind=kind, subject=subject, body=body, builtin=True)


BUILTIN_TEMPLATES: dict[str, Template] = {
    template.key: template
    for template in (
        _builtin(
            FollowUpKind.THANK_YOU,
            "Thank-you after an interview",
            "Thank you for ${interview_round}",
            _text(
                "${greeting}",
                "Thank you for taking the time to interview me for ${position} at ${company}. "
                "I enjoyed our conversation, and it made me even more keen to join the team.",
                "As we discussed, I understand the next update should come by ${promised_date}. "
                "If anything would help before then, I would be glad to send it.",
                "Please pass on my thanks to ${interviewers} as well.",
                "Best regards,\n${signature}",
            ),
        ),
        _builtin(
            FollowUpKind.APPLICATION_CHECK,
            "Application status check",
            "Following up on my application for ${position}",
            _text(
                "${greeting}",
                "I am writing to follow up on my application for ${position} at ${company}, "
                "submitted ${applied_date}.",
                "I am still very interested in this opportunity and would be glad to hear where "
                "things stand, or to share anything else that would help with your review.",
                "Thank you for your time.",
                "Best regards,\n${signature}",
            ),
        ),
        _builtin(
            FollowUpKind.STATUS_INQUIRY,
            "Status inquiry after the promised date",
            "Checking in on my application for ${position}",
            _text(
                "${greeting}",
                "I hope you are well. When we last spoke, I understood that I would hear about "
                "next steps for ${position} by ${promised_date}, so I wanted to check in on where "
                "things stand.",
                "I remain very interested in joining ${company} and would appreciate any update "
                "you can share, even if the timeline has moved.",
                "Thank you for your time.",
                "Kind regards,\n${signature}",
            ),
        ),
        _builtin(
            FollowUpKind.ROUND_FOLLOW_UP,
            "Follow-up after a later interview round",
            "Following up after ${interview_round}",
            _text(
                "${greeting}",
                "It has been a little while since ${interview_date}, and I wanted to follow up "
                "on ${interview_round} for ${position}.",
                "I enjoyed meeting the team and remain very interested in the role at ${company}. "
                "I would be grateful for any news on the next steps and when to expect them.",
                "Thank you again for your time.",
                "Best regards,\n${signature}",
            ),
        ),
        _builtin(
            FollowUpKind.RESCHEDULE_INQUIRY,
            "Question after a moved or cancelled interview",
            "About ${interview_round} for ${position}",
            _text(
                "${greeting}",
                "I noticed that the plans for ${interview_round} have changed, and I wanted to "
                "check in. I understand that schedules shift.",
                "Could you let me know what changed and where things stand with my application "
                "for ${position}? I am still very interested in the role at ${company} and happy "
                "to work around whatever timing suits the team.",
                "Thank you, and I look forward to hearing from you.",
                "Best regards,\n${signature}",
            ),
        ),
        _builtin(
            FollowUpKind.RESCHEDULE_CONFIRM,
            "Confirming a moved interview",
            "Confirming the new time for ${interview_round}",
            _text(
                "${greeting}",
                "Thank you for letting me know about the change to ${interview_round} for "
                "${position}. I have noted the new time, ${new_interview_time}, and it works "
                "for me.",
                "Could you confirm that this is right, and let me know whether anything else "
                "has changed, such as the format or who I will be meeting?",
                "I look forward to speaking with you and the team at ${company}.",
                "Best regards,\n${signature}",
            ),
        ),
        _builtin(
            FollowUpKind.REJECTION_REPLY,
            "Reply to a rejection",
            "Thank you for letting me know",
            _text(
                "${greeting}",
                "Thank you for letting me know your decision about my application for "
                "${position}, and for the time you took to consider it.",
                "Although I am disappointed, I enjoyed learning about ${company}. If you have a "
                "moment, I would be grateful for any feedback that could help me improve.",
                "I would also be glad to hear of other openings, at ${company} or elsewhere, or "
                "of anyone you think would be worth my meeting.",
                "Thank you again, and I hope our paths cross in the future.",
                "Best wishes,\n${signature}",
            ),
        ),
        _builtin(
            FollowUpKind.OFFER_NOTICE,
            "Notice of another offer",
            "An update on my application for ${position}",
            _text(
                "${greeting}",
                "I wanted to let you know that I have received a job offer from another "
                "company, and my answer is due ${offer_deadline}.",
                "Before I reply, I would like to know where I stand in your process for "
                "${position} at ${company}.",
                "If it is possible to share an expected timeline or move things forward, I would "
                "be very grateful.",
                "Thank you for your understanding.",
                "Kind regards,\n${signature}",
            ),
        ),
        _builtin(
            FollowUpKind.WITHDRAWAL,
            "Withdrawing after accepting another offer",
            "Withdrawing my application for ${position}",
            _text(
                "${greeting}",
                "Thank you for considering me for ${position} at ${company}. I have accepted "
                "another offer, so I would like to withdraw my application.",
                "I appreciate the time you and the team gave me, and I hope we cross paths again.",
                "Best regards,\n${signature}",
            ),
        ),
        _builtin(
            FollowUpKind.NOTE,
            "Note",
            "My application for ${position}",
            _text(
                "${greeting}",
                "I wanted to get in touch about my application for ${position} at ${company}.",
                "Best regards,\n${signature}",
            ),
        ),
    )
}


def builtin_for(kind: FollowUpKind) -> Template | None:
    """None for follow-ups that are tasks for the user rather than messages."""
    return BUILTIN_TEMPLATES.get(kind.value)


def greeting_for(first_name: str | None) -> str:
    """A known first name makes the opening personal; otherwise a neutral one."""
    name = " ".join((first_name or "").split())
    return f"Hi {name}," if name else "Hello,"


_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")


def interview_round_phrase(round_number: int | None) -> str:
    """The `interview_round` value for a round number, with its article."""
    if round_number is None or round_number < 1:
        return "the interview"
    if round_number <= len(_ORDINALS):
        return f"the {_ORDINALS[round_number - 1]} interview"
    return f"round {round_number} of the interviews"


def same_person(one: str, other: str) -> bool:
    """Whether two names written on a card are one person: "Dana", "dana kim" and
    "Dana Kim" are; "Dana Kim" and "Dana Lee" are not."""
    a, b = one.casefold().split(), other.casefold().split()
    if not a or not b:
        return False
    shorter, longer = sorted((a, b), key=len)
    return longer[: len(shorter)] == shorter


def join_names(names: Iterable[str]) -> str:
    """'A', 'A and B', 'A, B and C': the `interviewers` value read as a sentence."""
    cleaned = [" ".join(name.split()) for name in names]
    kept = [name for name in cleaned if name]
    if len(kept) <= 1:
        return "".join(kept)
    return ", ".join(kept[:-1]) + " and " + kept[-1]


def sample_values() -> dict[str, str]:
    """Realistic values for a live preview of a template being edited."""
    return {name: placeholder.sample for name, placeholder in PLACEHOLDERS.items()}


def older_meanings(template: Template) -> list[str]:
    """Notes for a copy of a built-in the user edited, where a placeholder it uses has
    changed its meaning since: the sentence around it may no longer read well."""
    builtin = BUILTIN_TEMPLATES.get(template.key)
    if builtin is None or (template.subject, template.body) == (builtin.subject, builtin.body):
        return []
    notes = []
    if "interviewers" in placeholders_in(template.subject + "\n" + template.body):
        notes.append(
            "${interviewers} now names the people who interviewed you other than the one "
            "you write to (it used to name them all, your reader too), and “the team” when "
            "there is nobody else: check that your sentence with it still reads well."
        )
    return notes


def placeholders_in(text: str) -> list[str]:
    """Names used as `$name` or `${name}`, known or not, in order of first use."""
    found: dict[str, None] = {}
    for match in string.Template.pattern.finditer(text):
        name = match.group("named") or match.group("braced")
        if name:
            found.setdefault(name, None)
    return list(found)


# --- validation -------------------------------------------------------------------

_JINJA = re.compile(r"(?<!\$)(\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\})", re.DOTALL)
# str.format fields: {name}, {0}, {0.__class__}, {x[0]}, {name!r}, {name:>10}.
_FORMAT_FIELD = re.compile(
    r"(?<![\${])\{\s*(?:[A-Za-z_]\w*|\d+)(?:[.\[][^{}\n]*)?(?:![rsa])?(?::[^{}\n]*)?\s*\}"
)
_IDENTIFIER = re.compile(r"[A-Za-z_]\w*")


def _known_list() -> str:
    return ", ".join(f"${{{name}}}" for name in PLACEHOLDERS)


def _where(field: str, text: str, index: int) -> str:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return f"in the {field} (line {line}, column {column})"


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _suggestion(name: str) -> str:
    """A hint for a misspelt or run-together name: `$companyname` means `${company}name`."""
    for known in PLACEHOLDERS:
        if name.startswith(known) and name != known:
            return (
                f" If you meant {known} followed by text, write ${{{known}}}{name[len(known) :]}."
            )
    close = difflib.get_close_matches(name.lower(), list(PLACEHOLDERS), n=1)
    return f" Did you mean ${{{close[0]}}}?" if close else ""


def _dollar_problems(field: str, text: str) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    unknown_seen: set[str] = set()
    for match in string.Template.pattern.finditer(text):
        name = match.group("named") or match.group("braced")
        if name is not None:
            if name in PLACEHOLDERS or name in unknown_seen:
                continue
            unknown_seen.add(name)
            message = (
                f"Unknown placeholder {match.group()} {_where(field, text, match.start())}."
                f"{_suggestion(name)} Known placeholders: {_known_list()}."
            )
            found.append((match.start(), message))
        elif match.group("invalid") is not None:
            found.append((match.start(), _invalid_dollar(field, text, match.start())))
    return found


def _invalid_dollar(field: str, text: str, index: int) -> str:
    where = _where(field, text, index)
    if not text.startswith("${", index):
        return (
            f"A lone $ {where} does not start a placeholder: placeholders are written like "
            "${company}, and $$ writes a dollar sign."
        )
    line_end = text.find("\n", index)
    end = text.find("}", index, len(text) if line_end == -1 else line_end)
    if end == -1:
        return (
            f"A ${{ {where} is never closed: placeholders are written like ${{company}}, "
            "and $$ writes a dollar sign."
        )
    inner = text[index + 2 : end]
    head = _IDENTIFIER.match(inner.strip())
    hint = ""
    if head is not None and head.group() in PLACEHOLDERS:
        hint = f" Did you mean ${{{head.group()}}}?"
    return (
        f"${{{_shorten(inner)}}} {where} is not a placeholder: a placeholder is a plain name "
        f"such as ${{company}}, with no spaces, dots, brackets or code.{hint} "
        "($$ writes a dollar sign.)"
    )


def _brace_hint(inner: str) -> str:
    if inner in PLACEHOLDERS:
        return f"write ${{{inner}}} instead"
    return "placeholders are written like ${company}, with a dollar sign"


def _brace_problems(field: str, text: str) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    jinja_spans: list[tuple[int, int]] = []
    for match in _JINJA.finditer(text):
        jinja_spans.append(match.span())
        snippet = match.group()
        if snippet.startswith("{{"):
            hint = "templates have no expressions; " + _brace_hint(snippet[2:-2].strip())
        else:
            hint = "templates have no logic or comments, only placeholders such as ${company}"
        where = _where(field, text, match.start())
        found.append((match.start(), f"{_shorten(snippet)} {where} is not supported: {hint}."))
    for match in _FORMAT_FIELD.finditer(text):
        if any(start <= match.start() < end for start, end in jinja_spans):
            continue
        where = _where(field, text, match.start())
        hint = _brace_hint(match.group()[1:-1].strip())
        found.append(
            (
                match.start(),
                f"{_shorten(match.group())} {where} looks like a placeholder but is not one: "
                f"{hint}.",
            )
        )
    return found


def _syntax_problems(field: str, text: str) -> list[str]:
    """Problems in the order they appear, so the user can fix them top to bottom."""
    found = sorted(_dollar_problems(field, text) + _brace_problems(field, text))
    problems = [message for _, message in found]
    if len(problems) > _MAX_LISTED_PROBLEMS:
        hidden = len(problems) - _MAX_LISTED_PROBLEMS
        problems = [*problems[:_MAX_LISTED_PROBLEMS], f"… and {hidden} more in the {field}."]
    return problems


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def validate(subject: str, body: str) -> list[str]:
    """What is wrong with a template's text, in words the user can act on; [] when fine.

    Text too long to be a message is not scanned further, so a huge stored template
    costs little to refuse.
    """
    problems: list[str] = []
    if not subject.strip():
        problems.append("The subject is empty.")
    if "\n" in subject or "\r" in subject:
        problems.append("The subject must be a single line.")
    if len(subject) > MAX_SUBJECT_CHARS:
        problems.append(
            f"The subject is {len(subject):,} characters long; "
            f"keep it to {MAX_SUBJECT_CHARS:,} or fewer."
        )
    else:
        problems.extend(_syntax_problems("subject", _lf(subject)))
    body_text = _lf(body)
    if len(body_text) > MAX_BODY_CHARS:
        problems.append(
            f"The body is {len(body_text):,} characters long; "
            f"keep it to {MAX_BODY_CHARS:,} or fewer."
        )
    else:
        problems.extend(_syntax_problems("body", body_text))
    return problems


# --- rendering --------------------------------------------------------------------


def _filled(values: Mapping[str, str | None]) -> dict[str, str]:
    """Every placeholder mapped to a plain string: the given value, stripped, or its
    fallback. greeting and signature fall back to what can be made of the other values."""
    given: dict[str, str] = {}
    for name, value in values.items():
        if name in PLACEHOLDERS and isinstance(value, str) and value.strip():
            given[name] = _lf(value).strip()
    filled = {
        name: given.get(name, placeholder.fallback) for name, placeholder in PLACEHOLDERS.items()
    }
    if "greeting" not in given:
        filled["greeting"] = greeting_for(given.get("contact_first_name"))
    if "signature" not in given:
        filled["signature"] = given.get("your_name", "")
    return filled


def _tidy_body(text: str) -> str:
    """Trailing spaces go, and any run of blank lines (empty values leave them) shrinks
    to one; a message never needs more, and none at the start or end."""
    lines: list[str] = []
    for raw in text.split("\n"):
        line = raw.rstrip()
        if not line and (not lines or not lines[-1]):
            continue
        lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def render(template: Template, values: Mapping[str, str | None]) -> Draft:
    """Fill a template; values are inserted literally, never read as placeholders again.

    A template with any problem (see `validate`) raises UserError instead of being
    partly filled.
    """
    problems = validate(template.subject, template.body)
    if problems:
        raise UserError(
            f"The template “{template.name}” cannot be used until it is fixed:\n- "
            + "\n- ".join(problems)
        )
    filled = _filled(values)
    try:
        subject = string.Template(template.subject).substitute(filled)
        body = string.Template(_lf(template.body)).substitute(filled)
    except (KeyError, ValueError) as error:  # validate() should make this unreachable
        raise UserError(f"The template “{template.name}” cannot be used: {error}") from None
    return Draft(subject=" ".join(subject.split()), body=_tidy_body(body))


# --- dates for values -------------------------------------------------------------

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def format_day(day: date, *, with_year: bool = False) -> str:
    """'Tuesday 3 March': English whatever the system locale, as the texts are English."""
    text = f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if with_year else text


def format_moment(instant: datetime, zone_name: str) -> str:
    """'Tuesday 3 March at 14:00' on the user's wall clock; a naive instant is UTC, as
    everything stored is."""
    local = as_utc(instant).astimezone(zone(zone_name))
    return f"{format_day(local.date())} at {local.hour:02d}:{local.minute:02d}"
