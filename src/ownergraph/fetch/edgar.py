"""EDGAR's addresses and published shapes: tickers, submissions, full index, forms.

May import: :mod:`ownergraph.errors` and the foundation only.

- :func:`archive_url` / :func:`document_url`: the sec.gov address of a full submission
  and of one document (always ``https://www.sec.gov``: the citation, whatever host a
  fetch used);
- :func:`submission_rows`: filings listed in a ``submissions/CIK##########.json`` (the
  ``recent`` columns, or a continuation page's);
- :func:`index_rows`: filings in a quarterly ``full-index/YEAR/QTRn/form.idx``;
- :func:`wanted_form`: the Schedule 13D/13G form filter, old and new names.

Examples
--------
>>> archive_url("0001104659-21-068149", "1508475")
'https://www.sec.gov/Archives/edgar/data/1508475/000110465921068149/0001104659-21-068149.txt'
>>> normalize_accession("000110465921068149")
'0001104659-21-068149'
>>> wanted_form("SC 13D/A", ("13D",), amendments=True), wanted_form("SCHEDULE 13G", ("13D",))
(True, False)
>>> quarters("2019Q4:2020Q2")
[(2019, 4), (2020, 1), (2020, 2)]
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ownergraph.errors import FetchError

__all__ = [
    "FORMS",
    "SEC_WWW",
    "FilingRef",
    "archive_path",
    "archive_url",
    "document_url",
    "index_rows",
    "normalize_accession",
    "normalize_cik",
    "quarters",
    "submission_rows",
    "wanted_form",
]

#: the citation host, whatever host a fetch used
SEC_WWW = "https://www.sec.gov"

#: every Schedule 13D/13G form name EDGAR has used (``SCHEDULE ...`` since December 2024)
FORMS = (
    "SC 13D",
    "SC 13D/A",
    "SC 13G",
    "SC 13G/A",
    "SCHEDULE 13D",
    "SCHEDULE 13D/A",
    "SCHEDULE 13G",
    "SCHEDULE 13G/A",
)

_ACCESSION = re.compile(r"^(\d{10})-?(\d{2})-?(\d{6})$")


def normalize_accession(text: str) -> str:
    """``0001104659-21-068149`` from that form or the 18 digits without dashes."""
    m = _ACCESSION.match(text.strip())
    if not m:
        raise FetchError(f"{text!r} is not an accession number (like 0001104659-21-068149)")
    return "-".join(m.groups())


def normalize_cik(text: str | int) -> str:
    """A CIK without leading zeros.

    Examples
    --------
    >>> normalize_cik("0001508475"), normalize_cik(1508475)
    ('1508475', '1508475')
    """
    digits = str(text).strip()
    if not digits.isdigit() or len(digits) > 10:
        raise FetchError(f"{text!r} is not a CIK (up to 10 digits)")
    return str(int(digits))


def archive_path(accession: str, cik: str) -> str:
    """The path of the full submission below the www root."""
    acc = normalize_accession(accession)
    return f"Archives/edgar/data/{normalize_cik(cik)}/{acc.replace('-', '')}/{acc}.txt"


def archive_url(accession: str, cik: str, root: str = SEC_WWW) -> str:
    """The address of the full submission ``.txt`` under ``root``."""
    return f"{root.rstrip('/')}/{archive_path(accession, cik)}"


def document_url(accession: str, cik: str, filename: str, root: str = SEC_WWW) -> str:
    """The address of one document of the submission.

    Examples
    --------
    >>> document_url("0001104659-21-068149", "0001508475", "tm2116189d1_sc13da.htm")
    'https://www.sec.gov/Archives/edgar/data/1508475/000110465921068149/tm2116189d1_sc13da.htm'
    """
    acc = normalize_accession(accession)
    folder = f"{root.rstrip('/')}/Archives/edgar/data/{normalize_cik(cik)}/{acc.replace('-', '')}"
    return f"{folder}/{filename.strip()}"


def wanted_form(
    form: str, schedules: Iterable[str] = ("13D", "13G"), *, amendments: bool = True
) -> bool:
    """True when ``form`` is a Schedule 13D/13G of one of ``schedules``."""
    f = " ".join(form.upper().split())
    if f not in FORMS:
        return False
    if f.endswith("/A") and not amendments:
        return False
    return any(s.upper().replace("SC", "").strip() in f for s in schedules)


@dataclass(frozen=True)
class FilingRef:
    """One filing EDGAR lists: enough to fetch it and to say where it came from."""

    accession: str
    cik: str  # the CIK folder it is fetched from (any CIK of the filing works)
    form: str
    filed: dt.date | None = None
    company: str | None = None  # the name the listing gives

    @property
    def url(self) -> str:
        """The sec.gov address of the full submission."""
        return archive_url(self.accession, self.cik)


def _date(text: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(text)[:10])
    except ValueError:
        return None


def submission_rows(
    columns: Mapping[str, Any], cik: str, company: str | None = None
) -> Iterator[FilingRef]:
    """Filings in the column arrays of a submissions JSON (``filings.recent`` or a
    continuation page), in the order listed.

    Examples
    --------
    >>> cols = {"accessionNumber": ["0001104659-21-068149"], "form": ["SC 13D/A"],
    ...         "filingDate": ["2021-05-14"]}
    >>> [(r.accession, r.filed.isoformat()) for r in submission_rows(cols, "1508475")]
    [('0001104659-21-068149', '2021-05-14')]
    """
    accessions = columns.get("accessionNumber") or []
    forms = columns.get("form") or []
    dates = columns.get("filingDate") or []
    if not isinstance(accessions, list) or not isinstance(forms, list):
        raise FetchError(f"the submissions JSON of CIK {cik} is not in EDGAR's shape")
    for i, acc in enumerate(accessions):
        form = str(forms[i]) if i < len(forms) else ""
        filed = _date(dates[i]) if i < len(dates) else None
        try:
            accession = normalize_accession(str(acc))
        except FetchError:
            continue
        yield FilingRef(accession, normalize_cik(cik), form, filed, company)


_INDEX_ROW = re.compile(
    r"^(?P<head>.+?)\s+(?P<cik>\d{1,10})\s+(?P<date>\d{4}-?\d{2}-?\d{2})\s+(?P<file>edgar/\S+)\s*$"
)


def index_rows(text: str) -> Iterator[FilingRef]:
    """Filings of a quarterly ``form.idx`` (form, company, CIK, date, file name).

    Examples
    --------
    >>> idx = ("Form Type   Company Name   CIK   Date Filed  File Name\\n" + "-" * 40 + "\\n"
    ...        "SC 13D/A    21Vianet Group, Inc.   1508475   2021-05-14  "
    ...        "edgar/data/1508475/0001104659-21-068149.txt\\n")
    >>> [(r.form, r.company, r.accession) for r in index_rows(idx)]
    [('SC 13D/A', '21Vianet Group, Inc.', '0001104659-21-068149')]
    """
    forms = sorted(FORMS, key=len, reverse=True)
    for line in text.splitlines():
        m = _INDEX_ROW.match(line)
        if not m:
            continue
        head = m["head"].strip()
        form = next(
            (f for f in forms if head.upper().startswith(f + " ") or head.upper() == f), None
        )
        if form is None:
            form = head.split()[0]
            company = head[len(form) :].strip()
        else:
            company = head[len(form) :].strip()
        name = m["file"].rsplit("/", 1)[-1].removesuffix(".txt")
        try:
            accession = normalize_accession(name)
        except FetchError:
            continue
        date = m["date"].replace("-", "")
        filed = _date(f"{date[:4]}-{date[4:6]}-{date[6:8]}")
        yield FilingRef(accession, normalize_cik(m["cik"]), form, filed, company or None)


def quarters(spec: str) -> list[tuple[int, int]]:
    """The quarters of ``2021Q2`` or of a range ``2019Q1:2021Q4`` (inclusive)."""
    parts = spec.upper().replace(" ", "").split(":")
    if len(parts) > 2:
        raise FetchError(f"{spec!r} is not a quarter or a range of quarters (2019Q1:2021Q4)")
    ends: list[tuple[int, int]] = []
    for p in parts:
        m = re.fullmatch(r"(\d{4})-?Q([1-4])", p)
        if not m:
            raise FetchError(f"{p!r} is not a quarter (like 2021Q2)")
        ends.append((int(m[1]), int(m[2])))
    first, last = ends[0], ends[-1]
    if last < first:
        raise FetchError(f"{spec!r}: the range ends before it starts")
    out: list[tuple[int, int]] = []
    y, q = first
    while (y, q) <= last:
        out.append((y, q))
        y, q = (y + 1, 1) if q == 4 else (y, q + 1)
    return out
