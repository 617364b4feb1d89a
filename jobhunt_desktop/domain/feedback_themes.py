"""What the feedback keeps saying: phrases of one to three words that recur in the
feedback of two or more cards, found on this machine alone.

Words are stemmed (snowballstemmer), so "senior" and "seniority" meet; a phrase may
not begin or end with a word that says nothing (the shipped stop-word lists). Each
theme is shown in its most common original wording, with the cards it came from; a
shorter phrase whose cards a longer one already holds is folded into it.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

LANGUAGES = {"english": "en", "german": "de", "french": "fr", "spanish": "es", "dutch": "nl"}
MAX_WORDS = 3
MIN_CARDS = 2
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
_BREAK = re.compile(r"[.!?;:\n\u2022()]+")


@dataclass(frozen=True, slots=True)
class Theme:
    theme: str
    count: int  # cards
    application_ids: tuple[int, ...]


@cache
def stop_words(language: str) -> frozenset[str]:
    """The shipped list for a language; none for a language without one."""
    code = LANGUAGES.get(language, language)
    try:
        text = resources.files("jobhunt_desktop.domain").joinpath(f"stopwords/{code}.txt")
        lines = text.read_text(encoding="utf-8").splitlines()
    except (FileNotFoundError, ModuleNotFoundError):
        return frozenset()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


def themes(feedback: Iterable[tuple[int, str]], language: str = "english") -> list[Theme]:
    """The recurring themes of (card id, feedback text) pairs, most widespread first."""
    import snowballstemmer  # only when themes are asked for

    stemmer = snowballstemmer.stemmer(language if language in LANGUAGES else "english")
    stop = stop_words(language)
    stems_of: dict[str, str] = {}  # feedback repeats its words: each is stemmed once
    cards: dict[tuple[str, ...], set[int]] = defaultdict(set)
    wordings: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for card_id, text in feedback:
        for part in _BREAK.split(text):
            words = [w.lower() for w in _WORD.findall(part)]
            for word in words:
                if word not in stems_of:
                    stems_of[word] = stemmer.stemWord(word)
            stems = [stems_of[w] for w in words]
            for size in range(1, MAX_WORDS + 1):
                for start in range(len(words) - size + 1):
                    gram = words[start : start + size]
                    if gram[0] in stop or gram[-1] in stop:
                        continue
                    if size == 1 and len(gram[0]) < 3:
                        continue
                    key = tuple(stems[start : start + size])
                    cards[key].add(card_id)
                    wordings[key][" ".join(gram)] += 1
    recurring = {k: v for k, v in cards.items() if len(v) >= MIN_CARDS}
    kept = [
        key
        for key, holders in recurring.items()
        if not any(
            len(other) > len(key) and _inside(key, other) and recurring[other] >= holders
            for other in recurring
        )
    ]
    found = [
        Theme(wordings[k].most_common(1)[0][0], len(recurring[k]), tuple(sorted(recurring[k])))
        for k in kept
    ]
    return sorted(found, key=lambda t: (-t.count, -len(t.theme.split()), t.theme))


def _inside(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    size = len(short)
    return any(long[i : i + size] == short for i in range(len(long) - size + 1))
