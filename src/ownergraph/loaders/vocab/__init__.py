"""The format's vocabulary as data: one TOML table of phrases per topic, compiled to patterns.

Each ``*.toml`` file beside this module maps a field (a cover-page row, an item, a role)
to a list of phrases. A phrase is written the way a filing writes it, one word after
another, and compiles to a regular expression that tolerates the layouts filings use:

- words are separated by any run of white space (spaces, tabs, no-break spaces, line
  breaks): ``sole voting power``;
- ``[word]`` is an optional word: ``name of [the] reporting person``;
- ``a|b`` inside a word is a choice of spellings: ``no.|number``;
- a trailing ``*`` on a word allows any word ending: ``person*`` matches "persons";
- ``{part}`` inside a word is an optional part: ``person{s}`` matches "person" and
  "persons", ``with{:}`` matches "with" and "with:";
- a phrase starting with ``re:`` is a raw regular expression, for the few rules that
  words cannot say (kept short, anchored on a literal, and commented in the TOML).

Matching is case-insensitive. Patterns are compiled once, at first use.

May import: only the standard library.

Examples
--------
>>> rx = compile_phrase("name of [the] reporting person*")
>>> bool(rx.fullmatch("NAME OF REPORTING PERSONS")), bool(rx.fullmatch("Name of the\\nReporting Person"))
(True, True)
>>> bool(compile_phrase("i.r.s. identification no.|number").fullmatch("I.R.S. Identification No."))
True
>>> [bool(compile_phrase("reporting person{s} with{:}").fullmatch(t)) for t in ("Reporting Persons With:", "reporting person with")]
[True, True]
>>> phrase_pattern("re:item\\\\s*1"), phrase_pattern("[the] group")
('item\\\\s*1', '(?:the[\\\\s\\\\xa0]+)?group')
>>> phrase_pattern("sole voting power")
'sole[\\\\s\\\\xa0]+voting[\\\\s\\\\xa0]+power'
"""

from __future__ import annotations

import importlib
import re
import tomllib
from functools import cache
from importlib import resources
from typing import Any

__all__ = [
    "SPACE",
    "compile_phrase",
    "field_patterns",
    "first_letter_guard",
    "first_letters",
    "guarded",
    "phrase_pattern",
    "table",
]

#: what separates two words of a phrase
SPACE = r"[\s\xa0]+"


def _word(word: str) -> str:
    """The pattern of one word of a phrase (choices, an any-ending star)."""
    stem, star = (word[:-1], r"\w*") if len(word) > 1 and word.endswith("*") else (word, "")
    spellings = stem.split("|")
    if len(spellings) == 1:
        return _optional_parts(stem) + star
    return "(?:" + "|".join(map(_optional_parts, spellings)) + ")" + star


def _optional_parts(word: str) -> str:
    """One spelling of a word, ``{part}`` made optional, the rest literal.

    Examples
    --------
    >>> _optional_parts("person{s}"), _optional_parts("no.")
    ('person(?:s)?', 'no\\\\.')
    """
    out = ""
    for piece in re.split(r"(\{[^{}]*\})", word):
        if piece.startswith("{") and piece.endswith("}"):
            out += f"(?:{re.escape(piece[1:-1])})?"
        else:
            out += re.escape(piece)
    return out


def phrase_pattern(phrase: str) -> str:
    """The regular-expression source of one phrase (see the module docstring)."""
    if phrase.startswith("re:"):
        return phrase[3:]
    out = ""
    for word in phrase.split():
        optional = word.startswith("[") and word.endswith("]")
        body = _word(word[1:-1] if optional else word)
        out += f"(?:{body}{SPACE})?" if optional else body + SPACE
    return out[: -len(SPACE)] if out.endswith(SPACE) else _trim_optional_tail(out)


def _trim_optional_tail(pattern: str) -> str:
    """A phrase ending in an optional word: its last separator belongs inside the option."""
    tail = f"{SPACE})?"
    head, _, _ = pattern.rpartition(tail)
    if not head:
        return pattern
    # "...word<SPACE>(?:opt<SPACE>)?" becomes "...word(?:<SPACE>opt)?"
    before, _, option = head.rpartition("(?:")
    if before.endswith(SPACE):
        before = before[: -len(SPACE)]
    return f"{before}(?:{SPACE}{option})?"


@cache
def compile_phrase(phrase: str) -> re.Pattern[str]:
    """One phrase compiled, case-insensitive."""
    return re.compile(phrase_pattern(phrase), re.I)


@cache
def table(name: str) -> dict[str, object]:
    """The TOML table ``name`` (``cover_captions`` for ``cover_captions.toml``).

    Raises ``FileNotFoundError`` naming the table when it does not exist.
    """
    ref = resources.files(__name__).joinpath(f"{name}.toml")
    if not ref.is_file():
        raise FileNotFoundError(f"no vocabulary table {name}.toml in {__name__}")
    return tomllib.loads(ref.read_text(encoding="utf-8"))


def field_patterns(name: str) -> list[tuple[str, str]]:
    """``(field, pattern source)`` for every field of table ``name``, in file order.

    A field's phrases are joined as alternatives, longest first, so that the most
    specific wording wins.
    """
    out: list[tuple[str, str]] = []
    for field, phrases in table(name).items():
        if not isinstance(phrases, list):
            continue
        ordered = sorted((str(p) for p in phrases), key=len, reverse=True)
        out.append((field, "(?:" + "|".join(phrase_pattern(p) for p in ordered) + ")"))
    return out


#: the standard library's own regular-expression parser (``re._parser``), read only
_sre: Any = importlib.import_module("re._parser")
#: the opcodes that consume no character (anchors and look-arounds)
_ZERO_WIDTH = {_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT}


def first_letters(pattern: str) -> frozenset[str] | None:
    """The characters a match of ``pattern`` can start with, ``None`` when unknown.

    Unknown means: the pattern can match the empty string, or it starts with a
    character category, a negated set, any character or a back reference. The
    answer is read from the standard parser's tree of ``pattern`` (flags aside: under
    ``re.I`` the other cases of each letter match too).

    Examples
    --------
    >>> sorted(first_letters(r"(?:sole|shared)\\s+power|(?:the\\s+)?aggregate"))
    ['a', 's', 't']
    >>> first_letters(r"\\w+") is None, first_letters(r"a?") is None
    (True, True)
    """
    try:
        chars, nullable = _first(list(_sre.parse(pattern)))
    except (re.error, _Unknown):
        return None
    return None if nullable else frozenset(chars)


class _Unknown(Exception):
    """A construct :func:`first_letters` does not follow."""


def _first(seq: list[tuple[Any, Any]]) -> tuple[set[str], bool]:
    """The first characters of a sequence of parsed items, and whether it can be empty."""
    out: set[str] = set()
    for op, av in seq:
        chars, nullable = _first_item(op, av)
        out |= chars
        if not nullable:
            return out, False
    return out, True


def _first_item(op: Any, av: Any) -> tuple[set[str], bool]:
    if op is _sre.LITERAL:
        return {chr(av)}, False
    if op is _sre.IN:
        return _set_items(av), False
    if op is _sre.BRANCH:
        chars: set[str] = set()
        nullable = False
        for alt in av[1]:
            c, n = _first(list(alt))
            chars |= c
            nullable = nullable or n
        return chars, nullable
    if op is _sre.SUBPATTERN:
        return _first(list(av[3]))
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
        low, _high, item = av
        chars, nullable = _first(list(item))
        return chars, nullable or low == 0
    if op in _ZERO_WIDTH:
        return set(), True  # consumes nothing: the next item gives the first character
    raise _Unknown(str(op))


def _set_items(items: list[tuple[Any, Any]]) -> set[str]:
    out: set[str] = set()
    for op, av in items:
        if op is _sre.LITERAL:
            out.add(chr(av))
        elif op is _sre.RANGE and av[1] - av[0] < 64:
            out.update(chr(c) for c in range(av[0], av[1] + 1))
        else:
            raise _Unknown(str(op))
    return out


def first_letter_guard(patterns: list[tuple[str, str]]) -> str:
    """A look-ahead for the first characters of any of ``patterns`` (``(field, source)``
    pairs), or ``""`` when one of them can start with anything.

    Put before an alternation of many case-insensitive phrases, it lets a search skip a
    position in one test instead of one per phrase; the matches stay the same.

    Examples
    --------
    >>> first_letter_guard([("a", "sole voting"), ("b", "shared|type")])
    '(?=[STst])'
    >>> first_letter_guard([("a", "sole"), ("b", r"\\d+")])
    ''
    """
    chars: set[str] = set()
    for _field, source in patterns:
        first = first_letters(source)
        if first is None:
            return ""
        chars |= first
    # both cases written out, so the guard holds whatever the flags of its pattern
    chars |= {c.upper() for c in chars if len(c.upper()) == 1}
    chars |= {c.lower() for c in chars if len(c.lower()) == 1}
    return "(?=[" + "".join(re.escape(c) for c in sorted(chars)) + "])"


def guarded(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``pattern`` compiled behind a look-ahead for its first letters (see
    :func:`first_letter_guard`): the same matches, found faster when the pattern opens
    with an alternation, an optional word or ``\\b`` that the regex engine cannot scan for.

    A pattern that opens with one uncased character (a comma) is left as it is: the
    engine already scans for that character.

    Examples
    --------
    >>> rx = guarded(r"(?:the\\s+)?principal\\s+business", re.I)
    >>> rx.pattern.startswith("(?=[PTpt])"), rx.search("Its Principal  Business is").span()
    (True, (4, 23))
    >>> guarded(r",\\s+a\\s+Delaware").pattern
    ',\\\\s+a\\\\s+Delaware'
    """
    first = first_letters(pattern)
    if first is None or (
        len(first) == 1 and next(iter(first)).lower() == next(iter(first)).upper()
    ):
        return re.compile(pattern, flags)
    return re.compile(first_letter_guard([("", pattern)]) + "(?:" + pattern + ")", flags)
