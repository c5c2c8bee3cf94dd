"""Score ownergraph's reader against the hand-checked gold sample ``covers.json``.

The gold was read from the raw documents by hand (see ``covers.json`` ``about`` and
``MISSES.md``); this module only loads it, recomputes the seeded draw that chose its
files, reads each file through the public :func:`ownergraph.loaders.load_file` and
counts, value by value, where the reader agrees with the gold.

Values scored
-------------
Per filing: the form type, the issuer's name (one of the names of the issuer entity,
which must not be a filer of the same filing: a merged issuer and filer is a miss), the
CUSIP (spaces and hyphens ignored) and the number of reporting persons. Per reporting person: the name, the citizenship or place of organization as
written, rows 7-10 (13G rows 5-8), the aggregate (row 11 / 9), the percent of class
(row 13 / 11) and the type codes. The 13G rule designations (``Filing.rules``, as a
set; a 13D and a 13G without the boxes have none) are scored per filing.

Matching
--------
Gold persons are matched to the reader's cover pages by name first (a case-, space-
and punctuation-blind comparison against every name the entity carries), and by
position where no name matches; a gold person no cover page can be matched to
counts every one of its values as missed.
"""

from __future__ import annotations

import json
import random
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from ownergraph.loaders import load_file
from ownergraph.normalize.rules import rule_designation
from ownergraph.record import CoverPage, Filing

from ..test_golden_covers import GOLDEN

__all__ = [
    "FOLDERS",
    "GOLD_PATH",
    "PERSON_FIELDS",
    "SEED",
    "Miss",
    "Report",
    "draw",
    "load_gold",
    "population",
    "score",
    "score_golden",
]

GOLD_PATH = Path(__file__).with_name("covers.json")
SEED = 2026
PER_FOLDER = 20
#: the folders of ``../shared`` drawn from, in draw order
FOLDERS = ("corpus", "corpus-2026")
PERSON_FIELDS = (
    "name",
    "citizenship",
    "sole_voting",
    "shared_voting",
    "sole_dispositive",
    "shared_dispositive",
    "aggregate",
    "percent",
    "type_codes",
)
FILING_FIELDS = ("form", "issuer", "cusip", "rules", "persons")
_NUMBER_FIELDS = (
    "sole_voting",
    "shared_voting",
    "sole_dispositive",
    "shared_dispositive",
    "aggregate",
)


def population(folder: Path) -> list[str]:
    """The sorted file names the draw chooses from in one ``filings`` folder.

    Every file except the JSON header conversions (names ending ``metadata.json``,
    which are not filings) and the 15 filings already pinned in
    ``tests/test_golden_covers.py``.
    """
    return sorted(
        p.name
        for p in folder.iterdir()
        if p.is_file() and not p.name.endswith("metadata.json") and p.name not in GOLDEN
    )


def draw(shared: Path) -> dict[str, list[str]]:
    """The seeded sample: 20 files per folder, a fresh ``random.Random(2026)`` each.

    Returns ``{"corpus": [...], "corpus-2026": [...]}`` in sample order.
    """
    return {
        name: random.Random(SEED).sample(population(shared / name / "filings"), PER_FOLDER)
        for name in FOLDERS
    }


def load_gold(path: Path = GOLD_PATH) -> dict[str, Any]:
    """The gold document, numbers kept as strings (never parsed as floats)."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


# ------------------------------------------------------------------ comparing


def _space(s: str) -> str:
    return " ".join(s.split())


def _loose(s: str) -> str:
    """Case, space and punctuation blind form of a name, for matching persons."""
    return re.sub(r"[^0-9a-z]+", "", s.casefold())


def _form(s: str | None) -> str | None:
    if s is None:
        return None
    return re.sub(r"^SCHEDULE\s+", "SC ", _space(s).upper())


def _cusip(s: str | None) -> str | None:
    return None if s is None else re.sub(r"[\s-]+", "", s).upper()


def _rules(rules: list[str]) -> set[str | None]:
    """The rule designations as a set of ``13d-1(x)``, however written."""
    return {rule_designation(r) for r in rules}


def _decimal(v: object) -> Decimal | None:
    if v is None:
        return None
    try:
        return Decimal(str(v))
    except InvalidOperation:
        return None


def _shown(v: object) -> str:
    if v is None:
        return "null"
    if isinstance(v, list):
        return "[" + ", ".join(str(x) for x in v) + "]"
    return str(v)


def _names(f: Filing, c: CoverPage) -> list[str]:
    e = f.entities.get(c.person)
    return e.all_names() if e is not None else []


def _person_value(f: Filing, c: CoverPage, fld: str) -> object:
    """What the reader gives for one gold field of one cover page."""
    if fld == "name":
        names = _names(f, c)
        return names[0] if names else None
    if fld == "citizenship":
        return c.citizenship.text if c.citizenship is not None else None
    if fld == "percent":
        return c.percent_of_class
    if fld == "type_codes":
        return list(c.type_codes)
    return getattr(c, fld)


def _agrees(fld: str, gold: object, read: object, f: Filing, c: CoverPage | None) -> bool:
    if fld == "name":
        assert isinstance(gold, str) and c is not None
        return _space(gold) in [_space(n) for n in _names(f, c)]
    if fld in _NUMBER_FIELDS or fld == "percent":
        if gold is None or read is None:
            return gold is None and read is None
        return _decimal(gold) == _decimal(read)
    if fld == "citizenship":
        if gold is None or read is None:
            return gold is None and read is None
        return _space(str(gold)) == _space(str(read))
    return gold == read


def _match(gold_persons: list[dict[str, Any]], f: Filing) -> list[CoverPage | None]:
    """For each gold person, the cover page it is compared with (None: not read)."""
    pages = list(f.cover_pages)
    taken: set[int] = set()
    out: list[CoverPage | None] = [None] * len(gold_persons)
    for i, g in enumerate(gold_persons):  # by name, the same position first
        key = _loose(g["name"])
        order = ([i] if i < len(pages) else []) + [j for j in range(len(pages)) if j != i]
        for j in order:
            if j not in taken and key in {_loose(n) for n in _names(f, pages[j])}:
                out[i] = pages[j]
                taken.add(j)
                break
    for i in range(len(gold_persons)):  # then by position
        if out[i] is None and i < len(pages) and i not in taken:
            out[i] = pages[i]
            taken.add(i)
    return out


# ------------------------------------------------------------------ the report


@dataclass(frozen=True)
class Miss:
    """One gold value the reader did not give."""

    file: str
    person: str  # gold name of the person, or "(filing)"
    field: str
    gold: str
    read: str


@dataclass
class Tally:
    """Values compared and values that agreed."""

    total: int = 0
    right: int = 0

    @property
    def accuracy(self) -> Decimal:
        if not self.total:
            return Decimal(0)
        return Decimal(self.right) / Decimal(self.total)

    def add(self, ok: bool) -> None:
        self.total += 1
        self.right += ok


@dataclass
class Report:
    """Accuracy overall, per format, per decade and per field, and every miss."""

    overall: Tally = field(default_factory=Tally)
    by_format: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_decade: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_field: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    misses: list[Miss] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)  # file -> load error
    unscored: list[str] = field(default_factory=list)

    def count(self, entry: dict[str, Any], fld: str, ok: bool, miss: Miss | None) -> None:
        """Count one value of ``entry``; list ``miss`` when it was not read right."""
        for t in (
            self.overall,
            self.by_format[entry["format"]],
            self.by_decade[entry["decade"]],
            self.by_field[fld],
        ):
            t.add(ok)
        if not ok and miss is not None:
            self.misses.append(miss)


def _load(path: Path) -> Filing | str:
    try:
        return load_file(path)
    except Exception as exc:  # a reader failure is a finding, not a crash
        return f"{type(exc).__name__}: {exc}"


def score(shared: Path, gold: dict[str, Any] | None = None) -> Report:
    """Read every gold file from ``shared`` and compare it with the gold, value by value."""
    gold = load_gold() if gold is None else gold
    report = Report()
    for entry in gold["filings"]:
        name = entry["file"]
        loaded = _load(shared / entry["folder"] / "filings" / name)
        persons: list[dict[str, Any]] = entry["persons"]
        if isinstance(loaded, str):
            report.errors[name] = loaded
            every = [*FILING_FIELDS, *(fld for _ in persons for fld in PERSON_FIELDS)]
            for fld in every:  # every value of the file is missed, listed once
                report.count(entry, fld, False, None)
            report.misses.append(Miss(name, "(filing)", "load", "a Filing", loaded))
            continue
        f = loaded
        issuer = f.entities.get(f.issuer) if f.issuer else None
        issuer_names = issuer.all_names() if issuer is not None else []
        # an issuer read as the very entity that files is a merge, not a match
        merged = f.issuer is not None and f.issuer in f.filers
        checks: list[tuple[str, object, object, bool]] = [
            ("form", entry["form"], f.form, _form(entry["form"]) == _form(f.form)),
            (
                "issuer",
                entry["issuer"],
                " = ".join(issuer_names) + (" (also a filer)" if merged else "")
                if issuer_names
                else None,
                _space(entry["issuer"]) in [_space(n) for n in issuer_names] and not merged,
            ),
            ("cusip", entry["cusip"], f.cusip, _cusip(entry["cusip"]) == _cusip(f.cusip)),
            ("rules", entry["rules"], f.rules, _rules(entry["rules"]) == _rules(f.rules)),
            ("persons", len(persons), len(f.cover_pages), len(persons) == len(f.cover_pages)),
        ]
        for fld, want, got, ok in checks:
            report.count(entry, fld, ok, Miss(name, "(filing)", fld, _shown(want), _shown(got)))
        for g, c in zip(persons, _match(persons, f), strict=True):
            for fld in PERSON_FIELDS:
                want = g[fld]
                if c is None:
                    report.count(
                        entry,
                        fld,
                        False,
                        Miss(name, g["name"], fld, _shown(want), "(no cover page)"),
                    )
                    continue
                got = _person_value(f, c, fld)
                ok = _agrees(fld, want, got, f, c)
                report.count(entry, fld, ok, Miss(name, g["name"], fld, _shown(want), _shown(got)))
    return report


#: the values of one ``test_golden_covers.GOLDEN`` person, in its tuple order
GOLDEN_FIELDS = (
    "name",
    "citizenship",
    "citizenship_code",
    "sole_voting",
    "shared_voting",
    "sole_dispositive",
    "shared_dispositive",
    "aggregate",
    "percent",
    "type_codes",
    "group_a",
    "group_b",
)


def score_golden(shared: Path, report: Report | None = None) -> Report:
    """Count the 15 filings of ``test_golden_covers.GOLDEN`` value by value, into
    ``report`` (a fresh one by default): with the 40 of ``covers.json``, the 55 gold
    filings. Cover pages are matched by position, as that test pins them; the format
    and decade labels come from ``test_golden_covers.COVERAGE``."""
    from ..test_golden_covers import COVERAGE

    report = Report() if report is None else report
    for name, people in GOLDEN.items():
        fmt, decade = COVERAGE.get(name, ("unknown", "unknown"))
        entry = {"format": fmt, "decade": decade}
        loaded = _load(shared / "corpus" / "filings" / name)
        if isinstance(loaded, str):
            report.errors[name] = loaded
        pages = [] if isinstance(loaded, str) else loaded.cover_pages
        report.count(
            entry,
            "persons",
            len(pages) == len(people),
            Miss(name, "(filing)", "persons", str(len(people)), str(len(pages))),
        )
        for i, row in enumerate(people):
            c = pages[i] if i < len(pages) else None
            for fld, want in zip(GOLDEN_FIELDS, row, strict=True):
                got: object = None
                if c is not None and not isinstance(loaded, str):
                    cit = c.citizenship
                    got = {
                        "name": loaded.entities[c.person].all_names()
                        if c.person in loaded.entities
                        else [],
                        "citizenship": cit.text if cit else None,
                        "citizenship_code": cit.code if cit else None,
                        "percent": c.percent_of_class,
                        "type_codes": c.type_codes,
                    }.get(fld, getattr(c, fld, None))
                if fld == "name":
                    ok = isinstance(got, list) and want in got
                elif fld == "percent":
                    ok = got is not None and Decimal(str(want)) == got
                else:
                    ok = got == want
                report.count(
                    entry, fld, ok, Miss(name, str(row[0]), fld, _shown(want), _shown(got))
                )
    return report
