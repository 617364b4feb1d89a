"""Every subcommand with random arguments: exit code 0, 1 or 2, and never a traceback.

The command lines follow the grammar (a subcommand, its positionals, some of its
options) so that most reach the handlers, with values drawn from what breaks
programs: integers far beyond 64 bits, text with control characters and bytes that
are not UTF-8 (lone surrogates, as Python keeps them from argv), and dates from year
1 to 9999 with and without offsets. The commands run in this process, against one
real database file, for speed.
"""

from __future__ import annotations

import argparse
import io
import os
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from jobhunt_desktop.app import main
from jobhunt_desktop.cli.parser import build_parser

# Options every command shares, or that would leave the test's database or block.
LEFT_OUT = {"-h", "--help", "--version", "--db", "--database-url", "--text", "--watch", "--once"}
BODY_FILE = "--body-file"


@dataclass(frozen=True)
class Command:
    words: tuple[str, ...]  # e.g. ("log", "ID", "interview"): "ID" marks a positional
    positionals: tuple[argparse.Action, ...]
    options: tuple[argparse.Action, ...]


def _subparsers(parser: argparse.ArgumentParser) -> argparse._SubParsersAction | None:  # type: ignore[type-arg]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    return None


def grammar(parser: argparse.ArgumentParser, words: tuple[str, ...] = ()) -> Iterator[Command]:
    """Every command the parser knows, with its positionals (before any subcommand)."""
    positionals = tuple(
        a
        for a in parser._actions
        if not a.option_strings and not isinstance(a, argparse._SubParsersAction)
    )
    options = tuple(
        a for a in parser._actions if a.option_strings and not set(a.option_strings) & LEFT_OUT
    )
    sub = _subparsers(parser)
    marked = words + ("ID",) * len(positionals) if sub is not None else words
    if sub is None or not sub.required:
        yield Command(words, positionals, options)
    if sub is not None:
        for name, child in sub.choices.items():
            for command in grammar(child, (*marked, name)):
                yield Command(
                    command.words,
                    positionals + command.positionals,
                    options + command.options,
                )


COMMANDS = [c for c in grammar(build_parser()) if c.words]

surrogates = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
texts = st.text(
    st.one_of(
        st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
        st.sampled_from("\t\n\r\x1b\x7f-=+@;,:/'\"\\ "),
        surrogates,
    ),
    max_size=30,
)
integers = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.integers(min_value=-2, max_value=12),
).map(str)
offsets = st.one_of(
    st.none(),
    st.integers(min_value=-14 * 60, max_value=14 * 60).map(
        lambda m: timezone(timedelta(minutes=m))
    ),
)
instants = st.builds(
    lambda moment, tz, plain: (
        moment.date().isoformat()
        if plain
        else moment.replace(tzinfo=tz).isoformat(timespec="minutes")
    ),
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59)),
    offsets,
    st.booleans(),
)
edges = st.builds(
    lambda moment, tz, plain: (
        moment.date().isoformat()
        if plain
        else moment.replace(tzinfo=tz).isoformat(timespec="minutes")
    ),
    st.one_of(
        st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(1, 2, 28)),
        st.datetimes(min_value=datetime(9999, 11, 1), max_value=datetime(9999, 12, 31, 23, 59)),
        st.datetimes(min_value=datetime(1899, 12, 30), max_value=datetime(1900, 1, 2)),
        st.datetimes(min_value=datetime(2199, 12, 30), max_value=datetime(2200, 1, 2)),
    ),
    offsets,
    st.booleans(),
)
near_now = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2028, 12, 31)).map(
    lambda moment: moment.replace(tzinfo=UTC).isoformat(timespec="minutes")
)
values = st.one_of(integers, texts, instants, edges, near_now)
# Aimed at what each argument means, so that most reach the rules: the sample cards'
# ids and stages, dates where dates go. Anything else still comes now and then.
ids = st.integers(min_value=1, max_value=14).map(str)
stages = st.sampled_from(["Applied", "Screening", "Interviewing", "Offer", "Rejected", "Ghosted"])
DATES = {
    "at",
    "end",
    "to",
    "deadline",
    "promised_by",
    "applied_on",
    "now",
    "until",
    "value",
    "entered_stage",
    "to_end",
}
IDS = {"id", "event_id", "followup_id", "interview", "followup", "attachment_id"}
# Files read or written stay in the playground, whatever is drawn: a fuzzed path must
# never name a file of the machine (the tests may run as root).
FILES = st.sampled_from(["body.txt", "bytes.txt", "missing.txt", "copy.pdf", "out", "."])
AIMED = {
    "path": FILES,
    "files": FILES,
    "file": st.sampled_from(["copy.sqlite3", "body.txt", "missing.txt", "."]),
    "output": st.sampled_from(["copy.sqlite3", "nowhere/copy.sqlite3", "."]),
    "to": st.sampled_from(["copy.sqlite3", "other.sqlite3", "nowhere/copy.sqlite3", ".", "x://y"]),
    **{name: st.one_of(edges, edges, instants, near_now, values) for name in DATES},
    **{name: st.one_of(ids, ids, ids, values) for name in IDS},
    "stage": st.one_of(stages, stages, values),
}


def value_for(action: argparse.Action) -> st.SearchStrategy[str]:
    if action.choices:
        allowed = st.sampled_from(sorted(str(c) for c in action.choices))
        return st.one_of(allowed, allowed, allowed, values)
    return AIMED.get(action.dest, values)


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    command = draw(st.sampled_from(COMMANDS))
    positional_values = iter(draw(value_for(action)) for action in command.positionals)
    argv = [next(positional_values) if word == "ID" else word for word in command.words]
    argv += list(positional_values)
    required = [a for a in command.options if a.required]
    optional = (
        draw(st.lists(st.sampled_from(command.options), max_size=4)) if command.options else []
    )
    for action in required + optional:
        flag = draw(st.sampled_from(action.option_strings))
        if action.nargs == 0:
            argv.append(flag)
        elif action.option_strings == [BODY_FILE]:
            argv += [flag, draw(st.sampled_from(["-", "missing.txt", "body.txt", "bytes.txt"]))]
        else:
            argv += [flag, draw(value_for(action))]
    return argv


@pytest.fixture(scope="module")
def playground(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A database with sample cards, and a home, state and config folder of its own."""
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "body.txt").write_text("Hello ${contact_name},\nthanks.\n", encoding="utf-8")
    (folder / "bytes.txt").write_bytes(b"\xff\xfe not text \x00")
    path = folder / "jobs.sqlite3"
    with pytest.MonkeyPatch.context() as patch:
        for name in ("HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"):
            patch.setenv(name, str(folder / name.lower()))
        patch.setenv("TZ", "America/New_York")
        patch.delenv("JOBHUNT_DB", raising=False)
        patch.chdir(folder)
        assert run(path, ["seed-demo"])[0] == 0
        yield path


def run(path: Path, argv: list[str], stdin: str = "") -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stdin", io.StringIO(stdin))
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = main(["--db", str(path), *argv])
            except SystemExit as leaving:  # argparse's verdict on the command line
                code = leaving.code if isinstance(leaving.code, int) else 2
    return code, out.getvalue() + err.getvalue()


@settings(
    max_examples=int(os.environ.get("JOBHUNT_FUZZ_EXAMPLES", "300")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(argv=command_lines(), stdin=texts)
def test_any_command_line_ends_in_a_clear_exit(
    playground: Path, argv: list[str], stdin: str
) -> None:
    code, said = run(playground, argv, stdin)
    event(f"exit {code}")
    assert code in (0, 1, 2), (argv, said)
    assert "Traceback" not in said, (argv, said)
    assert "unexpected error" not in said, (argv, said)


def test_the_grammar_covers_every_subcommand() -> None:
    parser = build_parser()
    sub = _subparsers(parser)
    assert sub is not None
    firsts = {c.words[0] for c in COMMANDS}
    assert firsts == set(sub.choices)
    assert ("log", "ID", "interview") in {c.words for c in COMMANDS}
    assert ("stages",) in {c.words for c in COMMANDS}  # its action is optional
