"""Fetching filings from EDGAR and loading them: one call, :func:`fetch`.

May import: :mod:`ownergraph.fetch` (the network), :mod:`.loading` (the same load path
as files on disk) and the foundation.

Fetched full submissions are loaded in batches as they arrive, through
:func:`~ownergraph.api.loading.load_paths`, exactly like files named on the command
line; their header gives the accession number, the filing date and the CIKs from which
the graph builder writes each filing's and document's sec.gov address (``og:secUrl``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ownergraph.api.loading import LoadedFiling, LoadReport, load_paths
from ownergraph.errors import FetchError
from ownergraph.fetch import EdgarClient, Fetched, Fetcher, FetchOptions, FetchSettings, RequestLog
from ownergraph.graph.store import GraphStore

__all__ = ["FetchReport", "Fetched", "fetch"]

#: fetched files loaded per :func:`load_paths` call (so filings load as they arrive)
BATCH = 20


@dataclass
class FetchReport:
    """What a fetch took from EDGAR (or the cache) and what it loaded."""

    listed: int = 0
    fetched: list[Fetched] = field(default_factory=list)
    requests: RequestLog = field(default_factory=RequestLog)
    load: LoadReport | None = None
    cache: Path | None = None

    @property
    def downloaded(self) -> int:
        """Full submissions fetched from EDGAR in this run (the others came from the cache)."""
        return sum(1 for f in self.fetched if f.fetched_now)

    @property
    def ok(self) -> bool:
        """True when nothing failed to load."""
        return self.load is None or self.load.ok


def fetch(
    store: GraphStore | None,
    targets: Sequence[str] = (),
    *,
    index: str | None = None,
    forms: Sequence[str] = ("13D", "13G"),
    amendments: bool = True,
    role: str = "both",
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int | None = None,
    load: bool = True,
    settings: FetchSettings | None = None,
    user_agent: str | None = None,
    cache_dir: str | Path | None = None,
    offline: bool | None = None,
    rate: float | None = None,
    max_bytes: int | None = None,
    on_listed: Callable[[int], None] | None = None,
    on_fetched: Callable[[Fetched], None] | None = None,
    on_file: Callable[[Path, LoadedFiling | None, str | None], None] | None = None,
) -> FetchReport:
    """Fetch the Schedule 13D/13G filings of ``targets`` (or the quarters ``index``)
    and, with ``load``, load them into ``store``.

    Parameters
    ----------
    targets
        Tickers, CIKs, company names or accession numbers (``CIK/ACCESSION`` names the
        folder to fetch a filing from).
    index
        ``2021Q2`` or ``2019Q1:2021Q4``: every wanted filing of EDGAR's full index.
    forms, amendments, role, since, until, limit
        The filter: ``role`` is ``subject``, ``filer`` or ``both``, decided from each
        submission's SGML header; ``limit`` caps the number of filings taken.
    settings
        Hosts, User-Agent, rate, cache, offline (default: from the environment).
    user_agent, cache_dir, offline, rate
        Override the environment's settings when ``settings`` is not given (``rate`` is
        requests a second, at most 10).
    on_listed, on_fetched, on_file
        Progress callbacks: the number of filings listed, each filing in the cache, each
        file loaded (as for :func:`~ownergraph.api.loading.load_paths`).

    Raises
    ------
    FetchError
        Before any request when no proper User-Agent is declared; on 403, 404, an
        unreachable network, or a document missing from the cache when offline.
    """
    if not targets and index is None:
        raise FetchError(
            "nothing to fetch: give a TARGET (ticker, CIK, name, accession) or --index"
        )
    if load and store is None:
        raise FetchError("loading needs a store (or pass load=False)")
    if settings is None:
        settings = FetchSettings.from_env(
            user_agent=user_agent,
            cache_dir=Path(cache_dir) if cache_dir is not None else None,
            offline=offline,
            rate=rate,
        )
    options = FetchOptions(
        tuple(forms), amendments=amendments, role=role, since=since, until=until, limit=limit
    )
    report = FetchReport(cache=settings.cache)
    batch: list[Path] = []

    def listed(n: int) -> None:
        report.listed = n
        if on_listed is not None:
            on_listed(n)

    def flush() -> None:
        if not batch or not load or store is None:
            batch.clear()
            return
        part = load_paths(store, list(batch), max_bytes=max_bytes, on_file=on_file)
        batch.clear()
        if report.load is None:
            report.load = part
        else:
            report.load = replace(
                part,
                loaded=report.load.loaded + part.loaded,
                failed=report.load.failed + part.failed,
                skipped=report.load.skipped + part.skipped,
                resolved=report.load.resolved + part.resolved,
            )

    with EdgarClient(settings) as client:
        report.requests = client.log
        try:
            fetcher = Fetcher(client)
            for item in fetcher.run(list(targets), options, index=index, on_listed=listed):
                report.fetched.append(item)
                if on_fetched is not None:
                    on_fetched(item)
                batch.append(item.path)
                if len(batch) >= BATCH:
                    flush()
        finally:
            flush()
        if load and store is not None and targets:
            _record_tickers(store, fetcher, targets)
    if load and report.load is None:
        report.load = LoadReport()
        if store is not None:
            from ownergraph.api.loading import store_counts

            report.load.store_entities, report.load.store_holdings = store_counts(store)
    return report


def _record_tickers(store: GraphStore, fetcher: Fetcher, targets: Sequence[str]) -> None:
    """Keep the tickers EDGAR's list gives each target company, so that lookup finds the
    company by ticker (``ownergraph chain VNET``); only when the list was read."""
    from ownergraph.fetch.targets import resolve_target, tickers_of
    from ownergraph.graph.tickers import record_tickers

    listing = fetcher.loaded_tickers()
    if listing is None:
        return
    found: dict[str, list[str]] = {}
    for text in targets:
        try:
            target = resolve_target(text, listing)
        except FetchError:
            continue
        if target.cik is not None:
            found[target.cik] = tickers_of(target.cik, listing)
    record_tickers(store, {cik: symbols for cik, symbols in found.items() if symbols})
