"""The first-letter guard of a phrase alternation finds exactly the matches it guards.

``ownergraph.loaders.vocab.first_letter_guard`` puts a look-ahead for the possible first
characters before a long case-insensitive alternation (the cover-page captions), a pure
speed-up: these tests check that the letters are right, that an unknown start gives no
guard, and that the guarded caption pattern finds the same matches as the bare
alternation, on crafted text (odd case folds included) and on every corpus text file.
"""

from __future__ import annotations

import re

import pytest

from ownergraph.loaders.formats.decode import decode
from ownergraph.loaders.sections import cover_rows
from ownergraph.loaders.vocab import field_patterns, first_letter_guard, first_letters
from tests.corpus import corpus_files

#: the caption alternation without its guard, as it was before the guard existed
BARE = re.compile("|".join(f"(?P<{f}>{p})" for f, p in field_patterns("cover_captions")), re.I)


def _matches(rx: re.Pattern[str], text: str) -> list[tuple[int, int, str | None]]:
    return [(m.start(), m.end(), m.lastgroup) for m in rx.finditer(text)]


@pytest.mark.parametrize(
    ("pattern", "letters"),
    [
        ("sole voting power", {"s"}),
        (r"(?:the[\s\xa0]+)?aggregate", {"t", "a"}),
        (r"[(\[]?item\s+1", {"(", "[", "i"}),
        (r"^[ \t]*(?=x)name|type", {" ", "\t", "n", "t"}),
        (r"n[a-c]", {"n"}),
        ("[a-c]x", {"a", "b", "c"}),
    ],
)
def test_first_letters(pattern: str, letters: set[str]) -> None:
    assert first_letters(pattern) == frozenset(letters)


@pytest.mark.parametrize("pattern", [r"\w+", "a?", ".x", "[^a]b", "(?:x|)", "a*b*"])
def test_an_unknown_start_has_no_letters(pattern: str) -> None:
    assert first_letters(pattern) is None
    assert first_letter_guard([("f", "sole"), ("g", pattern)]) == ""


def test_the_caption_pattern_is_guarded() -> None:
    guard = first_letter_guard(field_patterns("cover_captions"))
    assert guard.startswith("(?=[") and "s" in guard and "S" in guard
    assert cover_rows.CAPTION.pattern.startswith(guard)


def test_guarded_captions_match_as_the_bare_alternation() -> None:
    text = (
        "1 NAME OF REPORTING PERSON\nAcme\n7\tſole voting power 10\n"  # long s folds to s
        "8 SHARED VOTING POWER 0\n(9) Sole Dispositive Power\n 10\nI.R.S. Identification No.\n"
        "ıtem 4: citizenship\n12 TYPE OF REPORTING PERSON\nCO\nPercent of class represented by"
        " amount in row (11)\n5.1%\nxname of reporting persons\n"
    )
    found = _matches(cover_rows.CAPTION, text)
    assert found == _matches(BARE, text)
    assert {"name", "sole_voting", "type", "percent"} <= {g for _, _, g in found}


@pytest.mark.parametrize(
    "path", corpus_files(".txt", ".htm", ".html", ".nc"), ids=lambda p: p.name[:60]
)
def test_guarded_captions_match_on_the_corpus(path) -> None:  # type: ignore[no-untyped-def]
    text = decode(path.read_bytes())
    assert _matches(cover_rows.CAPTION, text) == _matches(BARE, text)
