"""Every built-in template reads naturally whoever interviewed you and whoever you
write to: `${interviewers}` names the others, never the reader in the third person."""

from __future__ import annotations

import re

import pytest

from jobhunt_desktop.domain.drafting import NOBODY, Recipient, values_for
from jobhunt_desktop.domain.templates import BUILTIN_TEMPLATES, render, same_person
from tests.domain.factories import BERLIN, INTERVIEWING, app, interview, utc

PANELS = (None, "Dana Kim", "Raj Patel", "Dana Kim, Raj Patel", "Dana Kim, Raj Patel, Lee Chen")
DANA = Recipient("Dana Kim", "dana@acme.example", 1)
# A dangling "and", doubled words or punctuation, a gap where a name should be, a
# placeholder left over.
CLUMSY = re.compile(r"\band and\b|\band\s*(?:[.,!?]|$)| ,|\s\.|\.\.|\bto\s+as\b|\$", re.M)


@pytest.mark.parametrize("key", sorted(BUILTIN_TEMPLATES))
@pytest.mark.parametrize("panel", PANELS)
@pytest.mark.parametrize("reader", [DANA, NOBODY], ids=["to Dana", "no contact"])
def test_every_builtin_reads_naturally_for_every_panel_and_reader(
    key: str, panel: str | None, reader: Recipient
) -> None:
    card = app(INTERVIEWING)
    talk = interview(utc(2026, 3, 2, 9), interviewers=panel)
    values = values_for(card, [talk], None, BERLIN, utc(2026, 3, 2, 14), reader)
    draft = render(BUILTIN_TEMPLATES[key], values)
    text = draft.subject + "\n" + draft.body
    assert not CLUMSY.search(text), text
    if reader is DANA:
        assert "Dana Kim" not in text  # greeted by her first name, never thanked as "her"
    others = [n for n in (panel or "").split(", ") if n and not same_person(n, reader.name or "")]
    for name in others:
        if "${interviewers}" in BUILTIN_TEMPLATES[key].body:
            assert name in draft.body


def test_the_thank_you_thanks_the_others_or_the_team() -> None:
    card = app(INTERVIEWING)
    now = utc(2026, 3, 2, 14)

    def thanks(panel: str | None, reader: Recipient) -> str:
        talk = interview(utc(2026, 3, 2, 9), interviewers=panel)
        body = render(
            BUILTIN_TEMPLATES["thank_you"], values_for(card, [talk], None, BERLIN, now, reader)
        ).body
        return next(line for line in body.split("\n") if "pass on my thanks" in line)

    assert thanks("Dana Kim", DANA) == "Please pass on my thanks to the team as well."
    assert thanks("Dana Kim, Raj Patel", DANA) == "Please pass on my thanks to Raj Patel as well."
    assert thanks("Dana, Raj Patel, Lee Chen", DANA) == (
        "Please pass on my thanks to Raj Patel and Lee Chen as well."
    )
    assert thanks(None, NOBODY) == "Please pass on my thanks to the team as well."


def test_one_person_written_two_ways_is_one_person() -> None:
    assert same_person("Dana", "Dana Kim") and same_person("dana kim", "Dana  Kim")
    assert not same_person("Dana Kim", "Dana Lee") and not same_person("", "Dana")
