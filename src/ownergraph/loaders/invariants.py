"""Invariants every filing read from a real document should keep, and the anomalies.

:func:`check_filing` lists what is wrong with one loaded :class:`~ownergraph.record.Filing`:

- ``powers``: sole + shared voting (or dispositive) power exceeds the aggregate of the
  same cover page (the form asks for the aggregate of all shares the person
  beneficially owns, so neither sum can be larger);
- ``percent``: the percent of class disagrees with the aggregate and the outstanding
  shares the cover page states its percentage on, beyond rounding;
- ``cusip``: a nine-character CUSIP whose check digit is wrong;
- ``name``: a party's name fails :func:`~ownergraph.loaders.sections.name_check.name_problem`;
- ``aggregate``: a reporting person with no aggregate and no warning saying why.

An anomaly is *as filed* when every value it involves reads back from the quote the
reader cites for it: the document itself is inconsistent (a filer adding shared to
sole power, a percentage capped by a blocker), which the reader reports but cannot
mend. The anomaly rate counts filings with an anomaly that is not as filed.

:func:`check_folder` loads every filing of a folder (``*.metadata.json`` files are not
filings) and adds ``load`` anomalies for files that fail to load.
``scripts/corpus_report.py --invariants`` prints the rates per folder and per format.

May import: :mod:`ownergraph.loaders` (``load_file``, :mod:`.check`),
:mod:`.sections.name_check`, foundation.

Examples
--------
>>> from decimal import Decimal
>>> from ownergraph.record import CoverPage, Entity, Filing
>>> f = Filing(form="SC 13G", schedule="13G", cusip="90138A103")
>>> _ = f.add_entity(Entity(key="a", name="Acme Fund LP"))
>>> f.cover_pages.append(CoverPage(number=1, person="a", sole_voting=60, shared_voting=50,
...                                aggregate=100, percent_of_class=Decimal("10.0"),
...                                basis_outstanding=1000))
>>> [(a.kind, a.as_filed) for a in check_filing(f)]
[('powers', False)]
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ownergraph.errors import LoadError
from ownergraph.loaders.base import load_file
from ownergraph.loaders.check import reread_amount, reread_percent
from ownergraph.loaders.sections.name_check import name_problem
from ownergraph.normalize import valid_cusip
from ownergraph.record import CoverPage, Filing, is_placeholder_name

__all__ = ["KINDS", "Anomaly", "FolderResult", "check_filing", "check_folder", "format_label"]

KINDS = ("load", "powers", "percent", "cusip", "name", "aggregate")

#: how far a stated percentage may stand from aggregate / outstanding (percentage points)
_ROUNDING = Decimal("0.1")
_RELATIVE = Decimal("0.02")


@dataclass(frozen=True)
class Anomaly:
    """One invariant a filing breaks; ``as_filed`` when every value involved is read
    back from its cited quote (the document itself is inconsistent, not the reader)."""

    kind: str
    detail: str
    as_filed: bool = False


def _reads_back(c: CoverPage, names: tuple[str, ...]) -> bool:
    """Whether each field of ``names`` is stated by its cited quote, as read."""
    for name in names:
        src = c.field_sources.get(name)
        value = getattr(c, name)
        if src is None or value is None:
            return False
        xml = src.start is None
        if name == "percent_of_class":
            if reread_percent(src.quote, xml) != value:
                return False
        elif name == "basis_outstanding":
            digits = re.sub(r"[^\d]", "", src.quote)
            if str(value) not in digits:
                return False
        elif reread_amount(src.quote, xml, name) != value:
            return False
    return True


def _powers(c: CoverPage) -> list[str]:
    out: list[str] = []
    agg = c.aggregate
    if agg is None or agg < 0:
        return out
    for what, a, b in (
        ("voting", c.sole_voting, c.shared_voting),
        ("dispositive", c.sole_dispositive, c.shared_dispositive),
    ):
        if a is not None and b is not None and a >= 0 and b >= 0 and a + b > agg:
            out.append(f"cover page {c.number}: sole + shared {what} {a + b} > aggregate {agg}")
    return out


def _percent(c: CoverPage) -> str | None:
    if c.aggregate is None or c.percent_of_class is None or not c.basis_outstanding:
        return None
    implied = Decimal(c.aggregate) * 100 / Decimal(c.basis_outstanding)
    stated = c.percent_of_class
    if abs(implied - stated) <= max(_ROUNDING, stated * _RELATIVE):
        return None
    return (
        f"cover page {c.number}: {stated}% stated, {implied.quantize(Decimal('0.01'))}% is "
        f"{c.aggregate} of {c.basis_outstanding}"
    )


def _explained(c: CoverPage) -> bool:
    return any(re.search(r"(?i)row (?:9|11)\b|aggregate", w) for w in c.warnings)


def check_filing(f: Filing) -> list[Anomaly]:
    """Every invariant ``f`` breaks (an empty list for a filing that keeps them all)."""
    out: list[Anomaly] = []
    for c in f.cover_pages:
        counts = ("sole_voting", "shared_voting", "sole_dispositive", "shared_dispositive")
        filed = _reads_back(c, ("aggregate", *counts))
        out.extend(Anomaly("powers", d, filed) for d in _powers(c))
        why = _percent(c)
        if why:
            basis = ("aggregate", "percent_of_class", "basis_outstanding")
            out.append(Anomaly("percent", why, _reads_back(c, basis)))
        if c.aggregate is None and not _explained(c):
            name = f.entities[c.person].name if c.person in f.entities else c.person
            out.append(Anomaly("aggregate", f"cover page {c.number} ({name}): no aggregate"))
    if f.cusip and len(f.cusip) == 9 and not valid_cusip(f.cusip):
        src = f.field_sources.get("cusip")
        quoted = src is not None and f.cusip in re.sub(r"[\s\xa0-]", "", src.quote).upper()
        out.append(Anomaly("cusip", f"CUSIP {f.cusip} fails its check digit", quoted))
    parties = {c.person for c in f.cover_pages} | set(f.filers) | {f.issuer or ""}
    for key in sorted(parties):
        ent = f.entities.get(key)
        if ent is None or is_placeholder_name(ent.name):
            continue
        problem = name_problem(ent.name)
        if problem:
            out.append(Anomaly("name", f"{ent.name[:80]!r} {problem}"))
    return out


def format_label(f: Filing) -> str:
    """The format a filing is counted under: ``xml``, ``html``, ``sgml/text`` ...

    Examples
    --------
    >>> format_label(Filing(form="", schedule="", format="xml"))
    'xml'
    """
    if f.format != "sgml":
        return f.format
    kinds = {d.filename.rsplit(".", 1)[-1].lower() for d in f.documents if d.filename}
    if "xml" in kinds:
        return "sgml/xml"
    if kinds & {"htm", "html"}:
        return "sgml/html"
    return "sgml/text"


@dataclass
class FolderResult:
    """The filings of one folder, and the anomalies of each."""

    folder: Path
    files: int = 0
    by_file: dict[str, list[Anomaly]] = field(default_factory=dict)
    formats: dict[str, str] = field(default_factory=dict)  # file -> format label

    def reader(self, name: str) -> list[Anomaly]:
        """The anomalies of file ``name`` that the document does not state itself."""
        return [a for a in self.by_file.get(name, []) if not a.as_filed]

    @property
    def anomalous(self) -> int:
        """Filings with at least one anomaly of the reader (not as filed)."""
        return sum(1 for name in self.by_file if self.reader(name))

    @property
    def as_filed(self) -> int:
        """Filings whose only anomalies are the document's own."""
        return sum(1 for n, a in self.by_file.items() if a and not self.reader(n))

    @property
    def rate(self) -> Decimal:
        """The share of filings with an anomaly of the reader."""
        return Decimal(self.anomalous) / Decimal(self.files) if self.files else Decimal(0)

    def per_format(self) -> dict[str, tuple[int, int]]:
        """``format -> (filings, filings with an anomaly of the reader)``."""
        out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for name in self.by_file:
            row = out[self.formats.get(name, "unloaded")]
            row[0] += 1
            row[1] += bool(self.reader(name))
        return {k: (v[0], v[1]) for k, v in sorted(out.items())}


def check_folder(folder: Path) -> FolderResult:
    """Load every filing in ``folder`` and check it."""
    result = FolderResult(folder)
    for path in sorted(p for p in folder.iterdir() if p.is_file()):
        if path.name.endswith("metadata.json"):
            continue
        result.files += 1
        try:
            f = load_file(path)
        except LoadError as e:
            result.by_file[path.name] = [Anomaly("load", str(e))]
            continue
        result.formats[path.name] = format_label(f)
        result.by_file[path.name] = check_filing(f)
    return result
