"""The ``countrynames`` library's code of an ASCII country name, from a checked table.

``countrynames.to_code`` normalises every name it knows on its first call (0.8 s, once
per process: each load worker paid it) and then scans every code it knows on each call
(0.5 ms). This module answers the same from the library's own table, made once per
installation (:mod:`.tablecache`): the normalised names with their codes, and what
``normality``'s cleaning makes of each ASCII character. The table is checked against the
library when it is made (a third of the ASCII names of the library's data as written,
others in capitals, in lower case and with punctuation, every ASCII character, random
ASCII text). Text that is not ASCII is cleaned by ``normality`` itself, as the library
cleans it, and looked up in the same table; without a checked table the library answers.

May import the standard library and :mod:`.tablecache`; ``countrynames`` to make the
table, ``normality`` for text that is not ASCII.

Examples
--------
>>> to_code("Cayman Islands"), to_code("UNITED STATES OF AMERICA"), to_code("Narnia")
('KY', 'US', None)
>>> to_code("Côte d'Ivoire")  # not ASCII: cleaned by normality, as the library does
'CI'
"""

from __future__ import annotations

import random
from typing import Any

from ownergraph.normalize import tablecache

__all__ = ["to_code"]

#: the library files the table depends on, by package
_SOURCES = {
    "countrynames": ("__init__.py", "data.py", "util.py"),
    "normality": tablecache.NORMALITY_FILES,
}
_FORMAT = 1


class _Table:
    """The library's names and ASCII cleaning, ready to use."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.names: dict[str, str] = dict(data["names"])
        self.codes = frozenset(self.names.values())
        self.chars = str.maketrans(dict(zip(map(chr, range(128)), data["chars"], strict=True)))

    def to_code(self, text: str) -> str | None:
        """``countrynames.to_code(text)``: its steps, on its table; the ASCII cleaning
        from the table, any other text's from ``normality`` as the library calls it."""
        upper = text.upper().strip()
        if upper in self.codes:  # an ISO code given as such
            return upper
        if upper.isascii():
            name: str | None = " ".join(upper.lower().translate(self.chars).split())
        else:
            from normality import normalize

            name = normalize(upper, latinize=True)
        if not name:
            return None
        code = self.names.get(name)
        return None if code == "FAIL" else code


def _library_data() -> dict[str, Any]:
    """The table, made by the library (its names normalised: 0.8 s)."""
    import countrynames
    from normality.cleaning import category_replace

    countrynames.to_code("x")  # the library fills its table on its first call
    return {
        "names": dict(countrynames.COUNTRY_NAMES),
        "chars": [category_replace(chr(i)) for i in range(128)],
    }


def _checked(data: dict[str, Any]) -> bool:
    """Whether the table answers as the library does on the ASCII names it knows (a
    sample: as written, in capitals, in lower case, with punctuation around), on every
    ASCII character, and on random ASCII text."""
    import countrynames
    from countrynames.data import DATA

    if any(len(c) > 1 for c in data["chars"]):
        return False
    table = _Table(data)
    names = [n for ns in DATA.values() for n in ns if n.isascii()]
    rng = random.Random(5)
    # a sample of the names (the library costs 0.5 ms a call): a third as written,
    # others in capitals, in lower case and with punctuation around them
    probes = [*names[::3], *(n.upper() for n in names[1::17]), *(n.lower() for n in names[2::17])]
    probes += [f" {n}." for n in names[4::31]] + [f"({n})" for n in names[5::31]]
    probes += [chr(i) * 2 for i in range(128)] + [f"A{chr(i)}B" for i in range(128)]
    alphabet = "abc xyz.,'&-()/ US UK" + "".join(map(chr, range(32, 127)))
    probes += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(300)]
    return all(table.to_code(p) == countrynames.to_code(p) for p in probes)


_TABLE: list[_Table | None] = []


def to_code(text: str) -> str | None:
    """``countrynames.to_code(text)`` (not fuzzy): the two-letter code of a country's
    name or code, ``None`` when it is not one the library knows."""
    if not _TABLE:
        _TABLE.append(
            tablecache.load("countrynames", _SOURCES, _FORMAT, _library_data, _checked, _Table)
        )
    table = _TABLE[0]
    if table is not None:
        return table.to_code(text)
    import countrynames

    code: str | None = countrynames.to_code(text)
    return code
