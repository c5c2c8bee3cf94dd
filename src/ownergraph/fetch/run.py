"""A fetch run: from targets (or quarters) to full submissions in the cache.

May import: :mod:`ownergraph.errors`, the other :mod:`ownergraph.fetch` modules and
the foundation only. Loading is the api's business (:mod:`ownergraph.api.fetch`).

:class:`Fetcher` lists a company's filings from its submissions JSON (and its
continuation pages ``filings.files[]`` when the filter reaches back past the
``recent`` list), or a quarter's from ``form.idx``; keeps the Schedule 13D/13G forms
asked for; downloads each full submission into the cache; and decides from the
submission's header whether the company is the subject or a filer (``--role``).

Cache layout (below the cache directory): ``www/files/company_tickers.json``,
``data/submissions/CIK##########.json`` (and continuation pages), each with a
``.meta`` file of validators; ``archives/ACCESSION.txt``; ``www/Archives/edgar/full-index/
YEAR/QTRn/form.idx``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ownergraph.errors import FetchError
from ownergraph.fetch.client import EdgarClient
from ownergraph.fetch.edgar import (
    FilingRef,
    archive_path,
    index_rows,
    normalize_cik,
    quarters,
    submission_rows,
    wanted_form,
)
from ownergraph.fetch.header import read_header_roles
from ownergraph.fetch.targets import Target, resolve_target

__all__ = ["FetchOptions", "Fetched", "Fetcher"]

ROLES = ("subject", "filer", "both")


@dataclass(frozen=True)
class FetchOptions:
    """Which filings to take."""

    schedules: tuple[str, ...] = ("13D", "13G")
    amendments: bool = True
    role: str = "both"
    since: dt.date | None = None
    until: dt.date | None = None
    limit: int | None = None

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise FetchError(f"--role must be one of {', '.join(ROLES)}, not {self.role!r}")
        bad = [
            s for s in self.schedules if s.upper().replace("SC", "").strip() not in ("13D", "13G")
        ]
        if bad or not self.schedules:
            raise FetchError(f"--forms takes 13D and/or 13G, not {','.join(bad) or 'nothing'}")
        if self.limit is not None and self.limit < 0:
            raise FetchError(f"--limit must not be negative, not {self.limit}")

    def takes(self, ref: FilingRef) -> bool:
        """True when the listing's form and date pass the filter."""
        if not wanted_form(ref.form, self.schedules, amendments=self.amendments):
            return False
        if ref.filed is not None:
            if self.since is not None and ref.filed < self.since:
                return False
            if self.until is not None and ref.filed > self.until:
                return False
        return True


@dataclass
class Fetched:
    """One full submission in the cache, with the role its target plays in it."""

    ref: FilingRef
    path: Path
    fetched_now: bool
    target: str
    role: str | None = None  # "subject", "filer", or None (accession and index runs)


@dataclass
class Fetcher:
    """Listings and downloads through one :class:`EdgarClient`."""

    client: EdgarClient
    _tickers: Any = field(default=None, init=False, repr=False)

    @property
    def settings(self) -> Any:
        """The client's settings."""
        return self.client.settings

    def loaded_tickers(self) -> Any:
        """The ticker list if this run has read it, else ``None`` (no request made)."""
        return self._tickers

    def tickers(self) -> Any:
        """EDGAR's ``company_tickers.json`` (revalidated once per run)."""
        if self._tickers is None:
            self._tickers = self.client.json(
                f"{self.settings.www}/files/company_tickers.json",
                self.client.cache / "www" / "files" / "company_tickers.json",
            )
        return self._tickers

    def resolve(self, text: str) -> Target:
        """The target ``text`` names (the ticker list is read only when needed)."""
        raw = text.strip()
        if "/" in raw:  # CIK/ACCESSION: an accession with the CIK folder to fetch it from
            cik, _, acc = raw.partition("/")
            t = resolve_target(acc, None)
            return Target(raw, normalize_cik(cik), accession=t.accession)
        try:
            return resolve_target(raw, None)
        except FetchError:
            return resolve_target(raw, self.tickers())

    def submissions(self, cik: str, options: FetchOptions) -> tuple[str | None, list[FilingRef]]:
        """The company's name and its filings passing ``options``, newest first."""
        padded = f"CIK{int(cik):010d}.json"
        folder = self.client.cache / "data" / "submissions"
        data = self.client.json(f"{self.settings.data}/submissions/{padded}", folder / padded)
        if not isinstance(data, dict) or not isinstance(data.get("filings"), dict):
            raise FetchError(f"the submissions JSON of CIK {cik} is not in EDGAR's shape")
        name = data.get("name")
        refs = [
            r
            for r in submission_rows(data["filings"].get("recent") or {}, cik, name)
            if options.takes(r)
        ]
        for page in data["filings"].get("files") or []:
            if not isinstance(page, dict) or not page.get("name"):
                continue
            newest = _parse_date(page.get("filingTo"))
            if options.since is not None and newest is not None and newest < options.since:
                continue  # the page holds only filings older than --since
            page_name = str(page["name"])
            cols = self.client.json(
                f"{self.settings.data}/submissions/{page_name}", folder / page_name
            )
            if not isinstance(cols, dict):
                raise FetchError(f"the continuation page {page_name} is not in EDGAR's shape")
            refs.extend(r for r in submission_rows(cols, cik, name) if options.takes(r))
        return name, refs

    def index(self, spec: str, options: FetchOptions) -> list[FilingRef]:
        """Filings of the quarters ``spec`` (``2021Q2`` or ``2019Q1:2021Q4``)."""
        today = dt.date.today()
        refs: list[FilingRef] = []
        for year, q in quarters(spec):
            tail = f"Archives/edgar/full-index/{year}/QTR{q}/form.idx"
            ended = dt.date(year + (q == 4), 1 if q == 4 else 3 * q + 1, 1) <= today
            text = self.client.text(
                f"{self.settings.www}/{tail}", self.client.cache / "www" / tail, immutable=ended
            )
            refs.extend(r for r in index_rows(text) if options.takes(r))
        return refs

    def download(self, ref: FilingRef) -> tuple[Path, bool]:
        """The full submission in the cache (fetched only when missing)."""
        url = f"{self.settings.www}/{archive_path(ref.accession, ref.cik)}"
        return self.client.archive(url, self.client.cache / "archives" / f"{ref.accession}.txt")

    def run(
        self,
        targets: list[str],
        options: FetchOptions,
        *,
        index: str | None = None,
        on_listed: Callable[[int], None] | None = None,
    ) -> Iterator[Fetched]:
        """Every wanted filing, downloaded, one at a time (each accession once)."""
        plan: list[tuple[str, str | None, FilingRef]] = []  # (target, company CIK, ref)
        for text in targets:
            t = self.resolve(text)
            if t.accession is not None:
                cik = t.cik or str(int(t.accession[:10]))
                plan.append((text, None, FilingRef(t.accession, cik, "", None, None)))
                continue
            assert t.cik is not None
            _, refs = self.submissions(t.cik, options)
            plan.extend((text, t.cik, r) for r in refs)
        if index is not None:
            plan.extend(("--index " + index, None, r) for r in self.index(index, options))
        if on_listed is not None:
            on_listed(len(plan) if options.limit is None else min(len(plan), options.limit))
        seen: set[str] = set()
        taken = 0
        for target, company, ref in plan:
            if options.limit is not None and taken >= options.limit:
                return
            if ref.accession in seen:
                continue
            path, now = self.download(ref)
            role = None
            if company is not None:
                role = read_header_roles(path).role_of(company)
                if options.role != "both" and role != options.role:
                    continue
            seen.add(ref.accession)
            taken += 1
            yield Fetched(ref, path, now, target, role)


def _parse_date(text: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(text)[:10])
    except ValueError:
        return None
