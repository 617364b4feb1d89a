"""Templates: built-in texts read well with or without values, and user text is inert."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobhunt_desktop.domain.entities import FollowUpKind
from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.domain.templates import (
    BUILTIN_TEMPLATES,
    MAX_BODY_CHARS,
    PLACEHOLDERS,
    Draft,
    Template,
    builtin_for,
    format_day,
    format_moment,
    greeting_for,
    interview_round_phrase,
    join_names,
    placeholders_in,
    render,
    sample_values,
    validate,
)

LEFTOVER = re.compile(r"\$(\{|[A-Za-z_])")

FULL = {
    "your_name": "Jordan Ellis",
    "contact_name": "Dana Whitfield",
    "contact_first_name": "Dana",
    "company": "Northwind Labs",
    "position": "Data Analyst",
    "interview_date": "Tuesday 3 March",
    "interview_round": "the second interview",
    "interviewers": "Dana Whitfield and Sam Okafor",
    "promised_date": "Friday 13 March",
    "offer_deadline": "Friday 20 March",
    "applied_date": "Monday 23 February",
    "new_interview_time": "Tuesday 10 March at 14:00",
}

# Which values each built-in must show, and the phrases its fallbacks must produce.
EXPECTED: dict[FollowUpKind, tuple[tuple[str, ...], tuple[str, ...]]] = {
    FollowUpKind.THANK_YOU: (
        ("company", "position", "promised_date", "interviewers", "interview_round"),
        ("Thank you for the interview", "by the date you mentioned", "to the team as well"),
    ),
    FollowUpKind.APPLICATION_CHECK: (
        ("company", "position", "applied_date"),
        ("my application for the role at your company", "submitted recently"),
    ),
    FollowUpKind.STATUS_INQUIRY: (
        ("company", "position", "promised_date"),
        ("by the date you mentioned", "joining your company"),
    ),
    FollowUpKind.ROUND_FOLLOW_UP: (
        ("company", "position", "interview_date", "interview_round"),
        ("since our recent conversation", "follow up on the interview for the role"),
    ),
    FollowUpKind.RESCHEDULE_INQUIRY: (
        ("company", "position", "interview_round"),
        ("the plans for the interview have changed", "what changed and where things stand"),
    ),
    FollowUpKind.RESCHEDULE_CONFIRM: (
        ("company", "position", "interview_round", "new_interview_time"),
        ("I have noted the new time, as you sent it, and it works", "anything else"),
    ),
    FollowUpKind.WITHDRAWAL: (
        ("company", "position"),
        ("I have accepted another offer", "withdraw my application"),
    ),
    FollowUpKind.REJECTION_REPLY: (
        ("company", "position"),
        ("feedback", "other openings, at your company or elsewhere", "worth my meeting"),
    ),
    FollowUpKind.OFFER_NOTICE: (
        ("company", "position", "offer_deadline"),
        ("another company", "my answer is due soon", "for the role at your company."),
    ),
    FollowUpKind.NOTE: (
        ("company", "position"),
        ("my application for the role at your company",),
    ),
}


def _user(subject: str, body: str) -> Template:
    return Template(key="mine", name="Mine", kind=None, subject=subject, body=body, builtin=False)


def _assert_clean(draft: Draft) -> None:
    for text in (draft.subject, draft.body):
        assert "${" not in text
        assert LEFTOVER.search(text) is None, text
        assert "{{" not in text
        assert "  " not in text
    assert draft.subject
    assert "\r" not in draft.body
    assert all(line == line.rstrip() for line in draft.body.split("\n"))
    assert "\n\n\n" not in draft.body
    assert not draft.body.endswith("\n")


# --- the built-in texts -----------------------------------------------------------


def test_every_message_kind_has_exactly_one_builtin() -> None:
    for kind in FollowUpKind:
        template = builtin_for(kind)
        if kind.is_message:
            assert template is not None, kind
            assert template.key == kind.value
            assert template.kind is kind
            assert template.builtin
        else:
            assert template is None, kind
    assert set(BUILTIN_TEMPLATES) == {kind.value for kind in FollowUpKind if kind.is_message}
    assert set(EXPECTED) == {kind for kind in FollowUpKind if kind.is_message}


@pytest.mark.parametrize("template", list(BUILTIN_TEMPLATES.values()), ids=lambda t: t.key)
def test_builtins_are_valid_short_and_framed(template: Template) -> None:
    assert validate(template.subject, template.body) == []
    lines = [line for line in template.body.split("\n") if line.strip()]
    assert 4 <= len(lines) <= 9
    assert lines[0] == "${greeting}"
    assert lines[-1] == "${signature}"
    assert set(placeholders_in(template.subject + template.body)) <= set(PLACEHOLDERS)


@pytest.mark.parametrize("kind", list(EXPECTED), ids=str)
def test_builtin_with_every_value_shows_them_where_they_belong(kind: FollowUpKind) -> None:
    template = builtin_for(kind)
    assert template is not None
    draft = render(template, FULL)
    _assert_clean(draft)
    shown, _ = EXPECTED[kind]
    for name in shown:
        assert FULL[name] in draft.subject + "\n" + draft.body, name
    assert draft.body.startswith("Hi Dana,\n\n")
    assert draft.body.endswith(",\nJordan Ellis")
    for fallback in ("the date you mentioned", "your company", "for the role", "recently"):
        assert fallback not in draft.body


@pytest.mark.parametrize("kind", list(EXPECTED), ids=str)
def test_builtin_with_every_value_missing_reads_naturally(kind: FollowUpKind) -> None:
    template = builtin_for(kind)
    assert template is not None
    for values in ({}, dict.fromkeys(FULL), dict.fromkeys(FULL, "  \n ")):
        draft = render(template, values)
        _assert_clean(draft)
        _, phrases = EXPECTED[kind]
        for phrase in phrases:
            assert phrase in draft.subject + "\n" + draft.body, phrase
        assert draft.body.startswith("Hello,\n\n")
        # No signature: the text ends on the sign-off, not on a dangling blank line.
        assert re.search(r"\n(Best regards|Kind regards|Best wishes),$", draft.body)
        assert " ." not in draft.body
        assert " ," not in draft.body


def test_status_inquiry_names_the_promised_date_or_says_the_date_you_mentioned() -> None:
    template = builtin_for(FollowUpKind.STATUS_INQUIRY)
    assert template is not None
    with_date = render(template, {"promised_date": "Friday 13 March"}).body
    assert "by Friday 13 March" in with_date
    assert "by the date you mentioned" in render(template, {}).body


def test_offer_notice_gives_the_deadline_without_naming_anyone_else() -> None:
    template = builtin_for(FollowUpKind.OFFER_NOTICE)
    assert template is not None
    body = render(template, FULL).body
    assert "my answer is due Friday 20 March" in body
    assert "another company" in body
    assert "where I stand" in body


def test_thank_you_confirms_the_timeline_and_restates_interest() -> None:
    template = builtin_for(FollowUpKind.THANK_YOU)
    assert template is not None
    draft = render(template, FULL)
    assert draft.subject == "Thank you for the second interview"
    assert "by Friday 13 March" in draft.body
    assert "keen to join" in draft.body


def test_rejection_reply_thanks_asks_for_feedback_and_for_openings() -> None:
    template = builtin_for(FollowUpKind.REJECTION_REPLY)
    assert template is not None
    body = render(template, FULL).body
    assert body.count("Thank you") >= 1
    assert "feedback" in body
    assert "other openings, at Northwind Labs or elsewhere" in body


# --- greeting, signature and other fallbacks --------------------------------------


def test_greeting_for() -> None:
    assert greeting_for("Dana") == "Hi Dana,"
    assert greeting_for("  Dana  ") == "Hi Dana,"
    assert greeting_for("Mary  Ann") == "Hi Mary Ann,"
    assert greeting_for(None) == "Hello,"
    assert greeting_for("   ") == "Hello,"


def test_greeting_comes_from_the_first_name_unless_given() -> None:
    template = _user("Hi", "${greeting}\n\nText")
    assert render(template, {"contact_first_name": "Dana"}).body.startswith("Hi Dana,\n")
    assert render(template, {}).body.startswith("Hello,\n")
    given_greeting = {"contact_first_name": "Dana", "greeting": "Dear Ms Whitfield,"}
    assert render(template, given_greeting).body.startswith("Dear Ms Whitfield,\n")


def test_signature_falls_back_to_your_name_then_to_nothing() -> None:
    template = _user("Hi", "Text\n\nThanks,\n${signature}")
    assert render(template, {"your_name": "Jordan Ellis"}).body.endswith("Thanks,\nJordan Ellis")
    signed = render(template, {"your_name": "Jordan", "signature": "J. Ellis\r\n555 0142  "})
    assert signed.body.endswith("Thanks,\nJ. Ellis\n555 0142")
    assert render(template, {}).body == "Text\n\nThanks,"


def test_other_fallbacks_in_user_templates() -> None:
    template = _user(
        "For ${contact_name}",
        "Hi ${contact_first_name},\n\nPlease pass this to ${contact_name}.",
    )
    draft = render(template, {})
    assert draft.subject == "For the hiring team"
    assert draft.body == "Hi there,\n\nPlease pass this to the hiring team."
    assert {p.name: p.fallback for p in PLACEHOLDERS.values()} == {
        "your_name": "",
        "signature": "",
        "greeting": "Hello,",
        "contact_name": "the hiring team",
        "contact_first_name": "there",
        "company": "your company",
        "position": "the role",
        "interview_date": "our recent conversation",
        "interview_round": "the interview",
        "interviewers": "the team",
        "promised_date": "the date you mentioned",
        "offer_deadline": "soon",
        "applied_date": "recently",
        "new_interview_time": "as you sent it",
    }


def test_samples_cover_every_placeholder_and_preview_cleanly() -> None:
    samples = sample_values()
    assert list(samples) == list(PLACEHOLDERS)
    assert all(value.strip() for value in samples.values())
    assert samples["company"] == "Northwind Labs"
    assert samples["position"] == "Data Analyst"
    for template in BUILTIN_TEMPLATES.values():
        draft = render(template, samples)
        _assert_clean(draft)
        assert "Northwind Labs" in draft.body


# --- untrusted text stays inert ---------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["${company}", "$company", "$$", "$", "{0.__class__}", "{{ 7*7 }}", "{% for x in y %}"],
)
def test_values_are_inserted_literally(value: str) -> None:
    template = _user("About ${position}", "At ${company}: ${position}.")
    draft = render(template, {"company": value, "position": value})
    assert draft.subject == f"About {value}"
    assert draft.body == f"At {value}: {value}."


def test_values_that_are_not_placeholders_are_ignored() -> None:
    template = _user("Hi", "${company}")
    values = {"company": "Northwind Labs", "__class__": "x", "other": "${company}"}
    assert render(template, values).body == "Northwind Labs"


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ("Hello ${__import__}", "${__import__}"),
        ("Hello ${company.__class__}", "${company.__class__}"),
        ("Hello $__import__", "$__import__"),
        ("Hello ${company[0]}", "${company[0]}"),
    ],
)
def test_code_like_placeholders_are_refused_with_their_name(body: str, named: str) -> None:
    problems = validate("Hi", body)
    assert len(problems) == 1
    assert named in problems[0]
    assert "line 1, column 7" in problems[0]
    with pytest.raises(UserError) as caught:
        render(_user("Hi", body), FULL)
    assert named in str(caught.value)
    assert "“Mine”" in str(caught.value)


@pytest.mark.parametrize(
    ("body", "snippet"),
    [
        ("Hi {0.__class__}", "{0.__class__}"),
        ("Hi {{ 7*7 }}", "{{ 7*7 }}"),
        ("Hi {% for x in y %}x{% endfor %}", "{% for x in y %}"),
        ("Hi {company}", "{company}"),
        ("Hi {{ company }}", "{{ company }}"),
        ("Hi {name!r}", "{name!r}"),
        ("Hi {# note #}", "{# note #}"),
    ],
)
def test_other_template_syntaxes_are_refused_not_evaluated(body: str, snippet: str) -> None:
    problems = validate("Hi", body)
    assert problems
    assert snippet in problems[0]
    assert "${" in problems[0]
    with pytest.raises(UserError) as caught:
        render(_user("Hi", body), FULL)
    assert snippet in str(caught.value)
    assert "49" not in str(caught.value)


def test_brace_hints_name_the_placeholder_to_use() -> None:
    assert "write ${company} instead" in validate("Hi", "{company}")[0]
    assert "write ${company} instead" in validate("Hi", "{{company}}")[0]


def test_plain_braces_and_dollars_that_are_not_placeholder_like_are_fine() -> None:
    assert validate("Hi", "A set {} and a brace { alone, costs $$5.") == []
    assert render(_user("Hi", "It costs $$5 {}."), {}).body == "It costs $5 {}."


def test_unknown_names_are_listed_with_the_known_ones_and_a_suggestion() -> None:
    problems = validate("Hi", "Dear ${contact},\n\n$Company and $companyname")
    assert len(problems) == 3
    assert "Unknown placeholder ${contact}" in problems[0]
    assert "line 1, column 6" in problems[0]
    assert "${contact_name}" in problems[0]
    assert "${applied_date}" in problems[0]
    assert "$Company" in problems[1]
    assert "Did you mean ${company}?" in problems[1]
    assert "write ${company}name" in problems[2]


def test_repeated_unknown_name_is_reported_once() -> None:
    assert len(validate("Hi", "${nope} ${nope} $nope")) == 1


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ("It costs $5.", "line 1, column 10"),
        ("Line one\nEnds with $", "line 2, column 11"),
        ("Line one\r\n\r\nA $ sign", "line 3, column 3"),
    ],
)
def test_a_lone_dollar_says_where_and_how_to_write_one(body: str, where: str) -> None:
    problems = validate("Hi", body)
    assert len(problems) == 1
    assert where in problems[0]
    assert "$$ writes a dollar sign" in problems[0]


def test_an_unclosed_brace_is_reported() -> None:
    problems = validate("Hi", "Dear ${company\nThanks")
    assert len(problems) == 1
    assert "never closed" in problems[0]


def test_subject_rules() -> None:
    assert validate("", "x") == ["The subject is empty."]
    assert validate("   ", "x") == ["The subject is empty."]
    assert validate("One\nTwo", "x") == ["The subject must be a single line."]
    assert validate("One\rTwo", "x") == ["The subject must be a single line."]
    assert validate("x" * 200, "") == []
    long = validate("x" * 201, "")
    assert len(long) == 1
    assert "201 characters" in long[0]
    assert "200" in long[0]
    assert "${nope}" in validate("About ${nope}", "")[0]
    assert "in the subject" in validate("About ${nope}", "")[0]


def test_a_huge_body_is_refused_cheaply_and_clearly() -> None:
    assert validate("Hi", "x" * MAX_BODY_CHARS) == []
    huge = "${__import__} " + "x" * 1_000_000
    problems = validate("Hi", huge)
    assert problems == ["The body is 1,000,014 characters long; keep it to 20,000 or fewer."]
    with pytest.raises(UserError, match="20,000"):
        render(_user("Hi", huge), FULL)


def test_many_problems_are_capped() -> None:
    problems = validate("Hi", " ".join(f"$x{i}" for i in range(30)))
    assert len(problems) == 11
    assert problems[-1] == "… and 20 more in the body."


def test_problems_come_in_reading_order() -> None:
    problems = validate("Hi", "{x} ${nope}\n$")
    assert ["column 1" in p for p in problems] == [True, False, True]
    assert "line 2" in problems[2]


# --- layout of the result ---------------------------------------------------------


def test_line_breaks_trailing_spaces_and_blank_runs_are_tidied() -> None:
    template = _user(
        "  About   ${position} ",
        "${greeting}   \r\n\r\n${your_name}\r\n\r\n${interviewers}\r\rBody  \n\n\n\nEnd\n\n",
    )
    draft = render(template, {"position": "Data\nAnalyst", "interviewers": ""})
    assert draft.subject == "About Data Analyst"
    assert draft.body == "Hello,\n\nthe team\n\nBody\n\nEnd"


def test_multi_line_values_keep_their_lines() -> None:
    draft = render(_user("Hi", "Thanks,\n${signature}"), {"signature": "A\r\nB\rC"})
    assert draft.body == "Thanks,\nA\nB\nC"


def test_placeholders_in() -> None:
    text = "${company} $position $$ ${company} ${company.x} $ ${nope}"
    assert placeholders_in(text) == ["company", "position", "nope"]
    assert placeholders_in("") == []


# --- properties -------------------------------------------------------------------

_values = st.dictionaries(st.sampled_from(list(PLACEHOLDERS)), st.none() | st.text(max_size=40))


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values=_values)
def test_builtins_render_any_values_without_leaving_placeholders(
    values: dict[str, str | None],
) -> None:
    dollar_given = any("$" in (value or "") for value in values.values())
    for template in BUILTIN_TEMPLATES.values():
        draft = render(template, values)
        assert "\n\n\n" not in draft.body
        assert "\r" not in draft.body
        if not dollar_given:
            assert "$" not in draft.subject + draft.body


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(subject=st.text(max_size=60), body=st.text(max_size=200))
def test_text_that_validates_always_renders(subject: str, body: str) -> None:
    problems = validate(subject, body)
    template = _user(subject, body)
    if problems:
        with pytest.raises(UserError):
            render(template, FULL)
    else:
        render(template, FULL)


# --- helpers for values -----------------------------------------------------------


def test_format_day() -> None:
    assert format_day(date(2026, 3, 3)) == "Tuesday 3 March"
    assert format_day(date(2026, 12, 31)) == "Thursday 31 December"
    assert format_day(date(2026, 3, 3), with_year=True) == "Tuesday 3 March 2026"


def test_format_moment_uses_the_wall_clock_of_the_zone() -> None:
    winter = datetime(2026, 3, 3, 13, 0, tzinfo=UTC)
    assert format_moment(winter, "Europe/Berlin") == "Tuesday 3 March at 14:00"
    summer = datetime(2026, 7, 1, 13, 5, tzinfo=UTC)
    assert format_moment(summer, "Europe/Berlin") == "Wednesday 1 July at 15:05"
    assert format_moment(summer, "America/New_York") == "Wednesday 1 July at 09:05"
    late = datetime(2026, 3, 3, 23, 30, tzinfo=timezone(timedelta(hours=-5)))
    assert format_moment(late, "Asia/Tokyo") == "Wednesday 4 March at 13:30"
    assert format_moment(datetime(2026, 3, 3, 13, 0), "Europe/Berlin").endswith("14:00")
    with pytest.raises(UserError):
        format_moment(winter, "Mars/Olympus")


def test_interview_round_phrase() -> None:
    assert interview_round_phrase(None) == "the interview"
    assert interview_round_phrase(0) == "the interview"
    assert interview_round_phrase(1) == "the first interview"
    assert interview_round_phrase(2) == "the second interview"
    assert interview_round_phrase(12) == "round 12 of the interviews"


def test_join_names() -> None:
    assert join_names([]) == ""
    assert join_names(["Dana"]) == "Dana"
    assert join_names(["Dana", " ", "Sam"]) == "Dana and Sam"
    assert join_names(["Dana", "Sam", "Priya  Nair"]) == "Dana, Sam and Priya Nair"
