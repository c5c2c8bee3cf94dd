"""The ``fingerprints`` library's key of an ASCII name, without importing the library.

``fingerprints.generate`` costs a command about half a second before its first answer:
the import (with ``normality``, ``chardet`` and PyICU) and, on the first call, the
transliteration of some 900 company-type spellings with ICU and their compilation into
one regular expression. A command that looks up one entity paid that every time.

This module gives the same key for ASCII text from a table that the library itself
computed once on this machine: the type spellings with their canonical forms, what the
library's cleaning makes of each ASCII character, and its pattern for leading titles
("Mr.", "The"). The table is checked against the library when it is made (every
spelling, with and without titles, in both word orders) and kept as JSON in the user's
cache directory, under a key of the installed libraries' files, so that an upgrade makes
a new one. :func:`generate` answers :data:`UNSURE` for text that is not ASCII, or when
no checked table is available; the caller then asks the library.

May import the standard library and :mod:`.tablecache`; ``fingerprints`` only to make
the table.

Examples
--------
>>> generate("acme holdings incorporated")
'acme holdings inc'
>>> generate("The Acme Holdings Limited", keep_order=False)
'acme holdings ltd'
>>> generate("Société Générale") is UNSURE  # not ASCII: the library decides
True
"""

from __future__ import annotations

import re
from typing import Any, Final

from ownergraph.normalize import tablecache

__all__ = ["UNSURE", "generate"]

#: what :func:`generate` answers when only the library can (not ASCII, no table)
UNSURE: Final = object()

#: the library files whose content the table depends on, by package
_SOURCES = {
    "fingerprints": ("fingerprint.py", "cleanup.py", "types/data.py", "types/replacer.py"),
    "normality": tablecache.NORMALITY_FILES,
    "icu": ("__init__.py",),
}
#: the words a cleaned name and a type spelling are made of (anything else: ask the library)
_WORDS = re.compile(r"[a-z0-9]+(?: [a-z0-9]+)*")
#: table format; bump when the JSON layout changes
_FORMAT = 1


class _Table:
    """The library's data for ASCII text, ready to use."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.prefix = re.compile(data["prefix"], data["prefix_flags"])
        self.chars = str.maketrans(dict(zip(map(chr, range(128)), data["chars"], strict=True)))
        forms: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for form, canonical in data["replacements"].items():
            words = tuple(form.split(" "))
            forms.setdefault(words[0], []).append((words, canonical))
        for options in forms.values():  # the longest spelling first, as the library's regex
            options.sort(key=lambda o: -len(" ".join(o[0])))
        self.forms = forms

    def clean(self, text: str) -> str | None:
        """The library's ``clean_name_ascii`` of lower-case ASCII ``text``."""
        cleaned = " ".join(text.translate(self.chars).split())
        return cleaned if len(cleaned) >= 2 else None

    def fold_types(self, cleaned: str) -> str:
        """Each company-type spelling in ``cleaned`` replaced by its canonical form."""
        words = cleaned.split(" ")
        out: list[str] = []
        i = 0
        while i < len(words):
            for form, canonical in self.forms.get(words[i], ()):
                if tuple(words[i : i + len(form)]) == form:
                    out.append(canonical)
                    i += len(form)
                    break
            else:
                out.append(words[i])
                i += 1
        return " ".join(out)

    def generate(self, text: str, keep_order: bool) -> str | None:
        """The fingerprint of ASCII ``text`` (brackets kept), or ``None`` like the library."""
        text = text.strip().lower()
        if not text:
            return None
        m = self.prefix.match(text)
        if m is not None:
            text = m.group("term")
        cleaned = self.clean(text)
        if cleaned is None:
            return None
        folded = self.fold_types(cleaned)
        parts = folded.split()
        out = " ".join(parts if keep_order else sorted(set(parts)))
        return out or None


def _library_data() -> dict[str, Any]:
    """The table, computed by the library (half a second)."""
    from fingerprints.cleanup import CHARACTERS_REMOVE_RE, PREFIXES, clean_name_ascii
    from fingerprints.types.replacer import normalize_replacements
    from normality import category_replace

    chars = [category_replace(CHARACTERS_REMOVE_RE.sub("", chr(i)).lower()) for i in range(128)]
    return {
        "prefix": PREFIXES.pattern,
        "prefix_flags": int(PREFIXES.flags),
        "chars": chars,
        "replacements": normalize_replacements(clean_name_ascii),
    }


def _checked(data: dict[str, Any]) -> bool:
    """Whether the table gives the library's own answers: every character maps to at most
    one letter, digit or space, every spelling is plain words, and every spelling (alone,
    after a title, inside a name) fingerprints as the library does, in both orders."""
    import fingerprints
    from fingerprints.types.data import TYPES

    if any(len(c) > 1 or (c and not _WORDS.fullmatch(c) and c != " ") for c in data["chars"]):
        return False
    pairs = data["replacements"].items()
    if not all(_WORDS.fullmatch(k) and _WORDS.fullmatch(v) for k, v in pairs):
        return False
    table = _Table(data)
    raw = [f for t in TYPES["types"] for f in (t["main"], *t["forms"]) if f.isascii()]
    probes = [*raw, *data["replacements"], "Mr. John Smith", "The Vanguard Group, Inc.", "'s"]
    probes += [f"Acme {p} Holdings" for p in probes[:: max(1, len(probes) // 200)]]
    probes += [f"the {p}" for p in raw[:50]] + [chr(i) * 3 for i in range(32, 127)]
    for text in probes:
        for keep_order in (False, True):
            want = fingerprints.generate(text, keep_order=keep_order, keep_brackets=True)
            if table.generate(text, keep_order) != want:
                return False
    return True


def _load() -> _Table | None:
    """The checked table: read from the cache, else made (checked, then saved)."""
    return tablecache.load("fingerprints", _SOURCES, _FORMAT, _library_data, _checked, _Table)


_TABLE: list[_Table | None] = []


def generate(text: str, keep_order: bool = False) -> str | object | None:
    """``fingerprints.generate(text, keep_order=keep_order, keep_brackets=True)`` for
    ASCII ``text``; :data:`UNSURE` when only the library can say.

    Examples
    --------
    >>> generate("Mr. Smith Company"), generate("Mr. Smith Company", keep_order=True)
    ('co smith', 'smith co')
    """
    if not text.isascii():
        return UNSURE
    if not _TABLE:
        _TABLE.append(_load())
    table = _TABLE[0]
    return UNSURE if table is None else table.generate(text, keep_order)
