"""Loading filings into a store: paths, reports and the bundled example.

May import: the loaders, the graph layer, :mod:`ownergraph.interrupt`.

Examples
--------
>>> store = open_store(None)
>>> report = load_paths(store, [example_path()])
>>> report.failed
[]
>>> report.loaded[0].form
'SCHEDULE 13D/A'
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ownergraph.api.reading import map_files, read_files, uses_workers
from ownergraph.api.stores import open_store
from ownergraph.errors import LoadError, OwnergraphError, StoreError
from ownergraph.graph.store import GraphDataError, GraphStore
from ownergraph.interrupt import SignalGuard

if TYPE_CHECKING:
    from ownergraph.graph.changes import Changes

__all__ = [
    "FILING_SUFFIXES",
    "LoadReport",
    "LoadedFiling",
    "example_path",
    "expand_paths",
    "load_paths",
    "open_store",
    "store_counts",
]


#: file endings that a directory walk picks up; files named explicitly are always tried
FILING_SUFFIXES = (".txt", ".nc", ".htm", ".html", ".xml", ".md", ".sgml", ".sgm")

_EXAMPLE = "21vianet-schedule-13d-a-2021.md"

#: rdflib terms converted to Oxigraph terms, kept for the life of the process
_TERMS: Any = None


def _terms() -> Any:
    """The process's term converter (:class:`~ownergraph.graph.build.sink.OxTerms`), made
    on the first load: importing the builder costs read commands a quarter second."""
    global _TERMS
    if _TERMS is None:
        from ownergraph.graph.build.sink import OxTerms

        _TERMS = OxTerms()
    return _TERMS


def example_path() -> Path:
    """The bundled seed filing (examples/ in a checkout, package data in a wheel)."""
    package = Path(__file__).resolve().parents[1]
    for candidate in (
        package.parents[1] / "examples" / _EXAMPLE,
        package / "examples" / _EXAMPLE,
    ):
        if candidate.is_file():
            return candidate
    raise OwnergraphError(f"the bundled example {_EXAMPLE} is missing from this installation")


@dataclass
class LoadedFiling:
    """What one load put into the store (``entities``: those named in the filing)."""

    path: str
    graph: str
    form: str
    issuer: str | None
    reporting_persons: int
    entities: int
    facts: int
    warnings: list[str] = field(default_factory=list)


@dataclass
class LoadReport:
    """The outcome of a batch load."""

    loaded: list[LoadedFiling] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    skipped: list[str] = field(default_factory=list)
    #: distinct entities and holdings in the whole store after the load (not a sum
    #: over filings: one party named in many filings counts once)
    store_entities: int = 0
    store_holdings: int = 0
    #: entity nodes joined across filings (name-only to CIK) and amendment links
    resolved: int = 0
    amendment_links: int = 0
    #: graphs of earlier loads that a crash interrupted, removed when the store opened
    recovered: list[str] = field(default_factory=list)
    #: filings that a worker built on a view of the store that the batch had changed
    #: since (an entity of it now resolves to a CIK node), built again by the writer
    rebuilt: int = 0

    @property
    def ok(self) -> bool:
        """True when no file failed."""
        return not self.failed

    def failures_by_reason(self) -> dict[str, list[str]]:
        """Failed paths grouped by the first words of their reason."""
        groups: dict[str, list[str]] = {}
        for path, reason in self.failed:
            key = reason.split(" (")[0].split(":")[0]
            groups.setdefault(key, []).append(path)
        return groups


def expand_paths(paths: Iterable[str | Path]) -> tuple[list[Path], list[Path]]:
    """Files to load and files skipped: directories are walked recursively (sorted,
    hidden entries skipped) and keep only files with a filing ending."""
    files: list[Path] = []
    skipped: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for root, dirs, names in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for n in sorted(names):
                    if n.startswith("."):
                        continue
                    f = Path(root) / n
                    (files if f.suffix.lower() in FILING_SUFFIXES else skipped).append(f)
        else:
            files.append(p)
    return files, skipped


def load_paths(
    store: GraphStore,
    paths: Sequence[str | Path],
    *,
    max_bytes: int | None = None,
    on_file: Callable[[Path, LoadedFiling | None, str | None], None] | None = None,
    jobs: int = 1,
) -> LoadReport:
    """Load every file (directories recursively), each filing in one transaction.

    A file that fails is recorded with its reason and leaves the store as it was; the
    others still load. ``on_file(path, loaded, error)`` is called after each file (for
    progress bars). ``jobs`` > 1 reads the files and builds their graphs in that many
    worker processes (the store is written by this process alone, in the order of the
    files, and a worker's build is only written when the store still resolves the
    filing's entities as it did, so the result is the same as with ``jobs=1``).

    SIGINT and SIGTERM stop the batch with
    :class:`~ownergraph.interrupt.LoadInterrupted` (a ``KeyboardInterrupt``): a filing
    being written is finished first, so every filing graph in the store is complete.
    """
    from ownergraph.graph.amendments import rebuild_amendment_links
    from ownergraph.graph.changes import Changes
    from ownergraph.graph.names import rebuild_display_names
    from ownergraph.graph.resolve import IdentityResolver

    files, skipped = expand_paths(paths)
    report = LoadReport(skipped=[str(s) for s in skipped])
    report.recovered = list(getattr(store, "recovered", ()))
    resolver = IdentityResolver(store)
    changes = Changes()
    failing = True
    try:
        with SignalGuard(total=len(files)) as guard:
            for f, filing, error, built in _prepared(store, files, max_bytes, jobs, guard):
                loaded = None
                if filing is not None:
                    try:
                        loaded = _write(store, f, filing, resolver, guard, report, changes, built)
                    except StoreError as e:  # the store, not the file: stop, say what landed
                        raise StoreError(
                            f"{f}: {e}; the {len(report.loaded)} filing(s) loaded before it "
                            "are in the store, this one and the rest are not"
                        ) from None
                    except OwnergraphError as e:
                        error = str(e.reason) if isinstance(e, LoadError) else str(e)
                if error is not None:
                    report.failed.append((str(f), error))
                if on_file is not None:
                    on_file(f, loaded, error)
        failing = False
    finally:
        try:
            if report.loaded:
                report.amendment_links = rebuild_amendment_links(store, changes)
                rebuild_display_names(store, changes)
            report.resolved = resolver.resolved + resolver.repointed
            report.store_entities, report.store_holdings = store_counts(store)
        except StoreError:
            if not failing:
                raise
            # the store failed already (a full disk): that error is the one to report
    return report


def _prepared(
    store: GraphStore,
    files: Sequence[Path],
    max_bytes: int | None,
    jobs: int,
    guard: SignalGuard,
) -> Iterator[tuple[Path, Any, str | None, Any]]:
    """``(path, filing, error, prebuilt)`` for each file in order: read here (and built
    by :func:`_write`), or read and built in worker processes
    (:mod:`ownergraph.api.prebuild`)."""
    if not uses_workers(files, jobs):
        for f, filing, error in read_files(files, max_bytes, 1, guard):
            yield f, filing, error, None
        return
    from ownergraph.api.prebuild import prepare_file

    path = getattr(store, "path", None)
    flush = getattr(store, "flush_for_readers", None)
    if isinstance(path, Path) and flush is not None:
        flush()  # the workers' views open in a quarter second, not by replaying the log
    work = partial(
        prepare_file,
        max_bytes=max_bytes,
        store_path=str(path) if isinstance(path, Path) else None,
    )
    for f, (filing, error, built) in map_files(files, work, jobs, guard):
        yield f, filing, error, built


def store_counts(store: GraphStore) -> tuple[int, int]:
    """Distinct entities (nodes with a name fingerprint) and holdings in the store."""
    text = (
        "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e "
        "<https://w3id.org/ownergraph/ontology#fingerprint> ?fp }"
    )
    holdings = (
        "SELECT (COUNT(DISTINCT ?h) AS ?n) WHERE { ?h a "
        "<https://w3id.org/ownergraph/ontology#Holding> }"
    )
    n = [int(str(next(iter(store.query(q)))[0])) for q in (text, holdings)]  # type: ignore[index]
    return n[0], n[1]


def _write(
    store: GraphStore,
    f: Path,
    filing: Any,
    resolver: Any,
    guard: SignalGuard,
    report: LoadReport,
    changes: Changes,
    built: Any = None,
) -> LoadedFiling:
    """Build one filing's graph (or take a worker's build, ``built``, when the store
    still resolves its entities as the worker's view did) and write it, with the
    re-pointing it brings, at once."""
    from rdflib import URIRef

    from ownergraph.api.prebuild import Prebuilt, quads_of, still_holds

    quads: Any
    if built is not None and still_holds(resolver, filing, built):
        name, quads, watched = URIRef(built.name), built, built.watched
    else:
        report.rebuilt += built is not None
        name, quads, watched = _built_here(f, filing, resolver)
    issuer = filing.entities[filing.issuer].name if filing.issuer in filing.entities else None
    warnings = list(filing.warnings)
    for obj in _record_objects(filing):
        warnings.extend(obj.warnings)
    with guard.critical():  # a signal waits until this filing is written and counted
        before = changes.before(store, name)
        try:
            repoints = resolver.plan(name, watched)
        except Exception as e:  # nothing is written yet: the file fails, the batch goes on
            raise LoadError(
                str(f), f"could not be joined to the store's entities ({type(e).__name__}: {e})"
            ) from e
        try:
            if isinstance(quads, Prebuilt) and hasattr(store, "write_nquads"):
                facts = store.write_nquads(name, quads.nquads, quads.quads, repoints)
            else:
                facts = store.write_graph(name, quads_of(quads), repoints)
        except GraphDataError as e:
            resolver.repointed -= len(repoints)
            raise LoadError(str(f), str(e)) from None
        except _BadTerm as e:  # nothing was written
            resolver.repointed -= len(repoints)
            raise LoadError(str(f), f"the graph holds a term that is not valid RDF: {e}") from None
        changes.add(name, watched, repoints, before)
        loaded = LoadedFiling(
            path=str(f),
            graph=str(name),
            form=filing.form,
            issuer=issuer,
            reporting_persons=len(filing.cover_pages),
            entities=len(filing.entities),
            facts=facts,
            warnings=warnings,
        )
        report.loaded.append(loaded)
        guard.loaded = len(report.loaded)
    return loaded


def _built_here(f: Path, filing: Any, resolver: Any) -> tuple[Any, Iterator[Any], list[Any]]:
    """The filing's graph name, its quads (made as the store takes them) and the
    triples the re-pointing and rebuilds read, built in this process."""
    from ownergraph.graph.build import build_triples
    from ownergraph.graph.build.sink import TermError

    try:
        name, triples = build_triples(filing, resolve=resolver)
        _terms().term(name)  # the graph name now; each other term as its quad is written
    except OwnergraphError:
        raise
    except TermError as e:
        raise LoadError(str(f), f"the graph holds a term that is not valid RDF: {e}") from None
    except Exception as e:  # a builder bug must name the file, not end the batch
        raise LoadError(
            str(f), f"could not be turned into a graph ({type(e).__name__}: {e})"
        ) from e
    watched = _watched(triples)  # what the re-pointing and the rebuilds read, in one pass
    return name, _stream(triples, name), watched


def _watched(triples: Any) -> list[Any]:
    """The triples of a filing that :meth:`IdentityResolver.plan` and :class:`Changes`
    read (identity facts and issuers): one pass over the filing's triples for both, by
    predicate (a hash lookup), instead of one comparison per triple in each of them."""
    from ownergraph.graph.resolve import IDENTITY_PROPERTIES
    from ownergraph.ontology import OG

    wanted = IDENTITY_PROPERTIES | {OG.issuer}
    return [t for t in triples if t[1] in wanted]


class _BadTerm(Exception):
    """A term that is not valid RDF, met while the quads stream into the store (not a
    ``ValueError``, so that the store does not take it for an error of its own)."""


def _stream(triples: Any, name: Any) -> Iterator[Any]:
    """The filing's Oxigraph quads, made one at a time as the store takes them."""
    from ownergraph.graph.build.sink import TermError

    try:
        yield from _terms().iter_quads(triples, name)
    except TermError as e:
        raise _BadTerm(str(e)) from None


def _record_objects(filing: Any) -> list[Any]:
    objs: list[Any] = [*filing.entities.values(), *filing.share_classes.values()]
    objs += [*filing.cover_pages, *filing.holdings, *filing.controls, *filing.roles]
    objs += [*filing.agreements.values(), *filing.transactions, *filing.events]
    return objs
