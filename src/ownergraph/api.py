"""The library API: everything the command line does is one call here.

Examples
--------
>>> store = open_store(None)
>>> report = load_paths(store, [example_path()])
>>> report.failed
[]
>>> report.loaded[0].form
'SCHEDULE 13D/A'
>>> table = run_query(store, "holdings", {"holder": "Tuspark"})
>>> table.rows[0]["shares"]
94415771
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from rdflib import Literal, URIRef
from rdflib.query import Result
from rdflib.term import Identifier

from ownergraph.errors import LoadError, OwnergraphError, QueryError, StoreError
from ownergraph.graph.store import GraphDataError, GraphStore, default_store_path
from ownergraph.interrupt import SignalGuard
from ownergraph.output import Table, python_value
from ownergraph.queries import NamedQuery, bind_value, is_update, resolve_query
from ownergraph.sparql_guard import refuse_network

__all__ = [
    "FILING_SUFFIXES",
    "DemoReport",
    "LoadReport",
    "LoadedFiling",
    "demo",
    "example_path",
    "expand_paths",
    "export",
    "labels_for",
    "load_paths",
    "open_store",
    "run_query",
    "store_counts",
]

#: file endings that a directory walk picks up; files named explicitly are always tried
FILING_SUFFIXES = (".txt", ".nc", ".htm", ".html", ".xml", ".md", ".sgml", ".sgm")

_EXAMPLE = "21vianet-schedule-13d-a-2021.md"


def example_path() -> Path:
    """The bundled seed filing (examples/ in a checkout, package data in a wheel)."""
    here = Path(__file__).resolve()
    for candidate in (
        here.parents[2] / "examples" / _EXAMPLE,
        here.parent / "examples" / _EXAMPLE,
    ):
        if candidate.is_file():
            return candidate
    raise OwnergraphError(f"the bundled example {_EXAMPLE} is missing from this installation")


def open_store(path: str | Path | None = "default", *, read_only: bool = False) -> GraphStore:
    """Open the store at ``path``; ``"default"`` means ``$OWNERGRAPH_STORE`` or
    ``./ownergraph.db``; ``None`` means a fresh in-memory store."""
    if path == "default":
        path = default_store_path()
    return GraphStore.open(path, read_only=read_only)


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
) -> LoadReport:
    """Load every file (directories recursively), each filing in one transaction.

    A file that fails is recorded with its reason and leaves the store as it was; the
    others still load. ``on_file(path, loaded, error)`` is called after each file (for
    progress bars).

    SIGINT and SIGTERM stop the batch with
    :class:`~ownergraph.interrupt.LoadInterrupted` (a ``KeyboardInterrupt``): a filing
    being written is finished first, so every filing graph in the store is complete.
    """
    from ownergraph.graph.amendments import rebuild_amendment_links
    from ownergraph.graph.build import build_graph
    from ownergraph.graph.names import rebuild_display_names
    from ownergraph.graph.resolve import IdentityResolver
    from ownergraph.loaders import load_file

    files, skipped = expand_paths(paths)
    report = LoadReport(skipped=[str(s) for s in skipped])
    resolver = IdentityResolver(store)
    try:
        _load_files(store, files, report, resolver, build_graph, load_file, max_bytes, on_file)
    finally:
        if report.loaded:
            report.amendment_links = rebuild_amendment_links(store)
            rebuild_display_names(store)
        report.resolved = resolver.resolved + resolver.repointed
        report.store_entities, report.store_holdings = store_counts(store)
    return report


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


def _load_files(
    store: GraphStore,
    files: list[Path],
    report: LoadReport,
    resolver: Any,
    build_graph: Callable[..., Any],
    load_file: Callable[..., Any],
    max_bytes: int | None,
    on_file: Callable[[Path, LoadedFiling | None, str | None], None] | None,
) -> None:
    with SignalGuard(total=len(files)) as guard:
        for f in files:
            guard.check()
            loaded: LoadedFiling | None = None
            error: str | None = None
            try:
                filing = load_file(f, max_bytes=max_bytes)
                try:
                    name, graph = build_graph(filing, resolve=resolver)
                except OwnergraphError:
                    raise
                except Exception as e:  # a builder bug must name the file, not end the batch
                    raise LoadError(
                        str(f), f"could not be turned into a graph ({type(e).__name__}: {e})"
                    ) from e
                issuer = (
                    filing.entities[filing.issuer].name
                    if filing.issuer in filing.entities
                    else None
                )
                warnings = list(filing.warnings)
                for obj in _record_objects(filing):
                    warnings.extend(obj.warnings)
                with guard.critical():  # a signal waits until this filing is written and counted
                    try:
                        facts = store.replace_graph(name, graph)
                    except GraphDataError as e:
                        raise LoadError(str(f), str(e)) from None
                    resolver.link(graph)
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
            except StoreError:
                raise
            except OwnergraphError as e:
                error = str(e.reason) if isinstance(e, LoadError) else str(e)
                report.failed.append((str(f), error))
            if on_file is not None:
                on_file(f, loaded, error)


def _record_objects(filing: Any) -> list[Any]:
    objs: list[Any] = [*filing.entities.values(), *filing.share_classes.values()]
    objs += [*filing.cover_pages, *filing.holdings, *filing.controls, *filing.roles]
    objs += [*filing.agreements.values(), *filing.transactions, *filing.events]
    return objs


def labels_for(store: GraphStore, iris: Iterable[URIRef]) -> dict[URIRef, str]:
    """The ``rdfs:label`` of each IRI that has one."""
    wanted = sorted({i for i in iris if isinstance(i, URIRef)})
    out: dict[URIRef, str] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        values = " ".join(f"<{i}>" for i in chunk if ">" not in i and " " not in i)
        if not values:
            continue
        text = (
            "SELECT ?s (COALESCE(SAMPLE(?shown), MIN(STR(?l))) AS ?label) WHERE { VALUES ?s { "
            + values
            + " } ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l"
            + " OPTIONAL { ?s <https://w3id.org/ownergraph/ontology#displayName> ?shown } }"
            + " GROUP BY ?s"
        )
        for s, label in store.query(text):  # type: ignore[misc]
            out[URIRef(str(s))] = str(label)
    vocabulary = _vocabulary_labels()
    for i in wanted:
        if i not in out and i in vocabulary:
            out[i] = vocabulary[i]
    return out


@functools.lru_cache(maxsize=1)
def _vocabulary_labels() -> dict[URIRef, str]:
    """Labels of the ontology's own terms (the ``fact`` of a source is a property)."""
    from rdflib.namespace import RDF, RDFS

    from ownergraph.ontology import ontology_graph

    g = ontology_graph()
    labels = {URIRef(str(t)): str(label) for t, label in g.subject_objects(RDFS.label)}
    labels[URIRef(str(RDF.type))] = "the record as a whole"
    return labels


def _bindings(
    store: GraphStore, nq: NamedQuery, params: Mapping[str, str]
) -> dict[str, Identifier]:
    from ownergraph.graph.lookup import resolve_entity

    declared = {p.name: p for p in nq.params}
    out: dict[str, Identifier] = {}
    for name, value in params.items():
        param = declared.get(name)
        if param is None:
            if nq.params:
                known = ", ".join(declared)
                raise QueryError(f"query {nq.name!r} has no parameter {name!r} (it takes: {known})")
            out[name] = Literal(value)  # an ad-hoc query: bind the value as a string
            continue
        if param.type == "entity":
            out[name] = resolve_entity(store, value).iri
        else:
            out[name] = bind_value(param, value)
    missing = [p.name for p in nq.params if p.required and p.name not in params]
    if missing:
        raise QueryError(f"query {nq.name!r} needs the parameter(s): {', '.join(missing)}")
    return out


def result_table(store: GraphStore, result: Result, title: str | None = None) -> Table:
    """An rdflib query result as a :class:`Table`, IRIs shown by their labels."""
    if result.type == "ASK":
        return Table(["answer"], [{"answer": bool(result.askAnswer)}], title)
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        assert result.graph is not None
        triples = sorted(result.graph)
        labels = labels_for(store, [t for tr in triples for t in tr if isinstance(t, URIRef)])
        rows = [
            {
                k: python_value(v, labels)
                for k, v in zip(("subject", "predicate", "object"), tr, strict=True)
            }
            for tr in triples
        ]
        return Table(["subject", "predicate", "object"], rows, title)
    columns = [str(v) for v in (result.vars or [])]
    raw = [dict(zip(columns, row, strict=True)) for row in result]  # type: ignore[arg-type]
    labels = labels_for(store, [v for r in raw for v in r.values() if isinstance(v, URIRef)])
    rows = [{c: python_value(r.get(c), labels) for c in columns} for r in raw]
    return Table(columns, rows, title)


def run_query(
    store: GraphStore,
    spec: str,
    params: Mapping[str, str] | None = None,
    *,
    allow_update: bool = False,
) -> Table:
    """Run a named query, a ``.rq`` file, or SPARQL text, with ``params`` bound.

    SPARQL Update is refused unless ``allow_update`` is true; ``SERVICE`` and ``LOAD``
    (which would reach the network) are refused always.
    """
    nq = resolve_query(spec)
    refuse_network(nq.text, nq.path or nq.name)  # SERVICE / LOAD: never, even with allow_update
    if is_update(nq.text):
        if not allow_update:
            raise QueryError(
                f"{nq.path or nq.name}: refused: this is a SPARQL Update, which changes the store; "
                "pass --allow-update to run it"
            )
        if params:
            raise QueryError("parameters cannot be bound into a SPARQL Update")
        try:
            store.dataset.update(nq.text)
        except OwnergraphError:
            raise
        except Exception as e:
            raise QueryError(f"{nq.path or nq.name}: the update failed: {e}") from None
        return Table(["result"], [{"result": "update applied"}], nq.title)
    bindings = _bindings(store, nq, params or {})
    try:
        result = store.query(nq.text, bindings)
        table = result_table(store, result, nq.title)
    except OwnergraphError:
        raise
    except Exception as e:
        raise QueryError(f"{nq.path or nq.name}: the query failed: {e}") from None
    # Oxigraph binds only projected variables, so queries project their parameters;
    # a parameter column that stays empty (the parameter was not given) is dropped
    empty = {
        p.name
        for p in nq.params
        if p.name in table.columns and all(row.get(p.name) is None for row in table.rows)
    }
    if empty and table.rows:
        table.columns = [c for c in table.columns if c not in empty]
        for row in table.rows:
            for c in empty:
                row.pop(c, None)
    return table


def export(store: GraphStore, fmt: str, dest: IO[bytes]) -> None:
    """Write the whole store as ``ttl``, ``trig``, ``nq`` or ``jsonld``."""
    store.export(fmt, dest)


@dataclass
class DemoReport:
    """What :func:`demo` did: the load, the chain, a few answers and the viewer page."""

    load: LoadReport
    chain: Any  # ownergraph.analytics_api.ChainReport
    answers: list[Table]
    viewer_path: Path
    viewer_nodes: int
    viewer_edges: int


def demo(store: GraphStore, viewer_path: str | Path = "ownergraph-demo.html") -> DemoReport:
    """Load the bundled seed, trace 21Vianet's control chain, answer a few questions
    and write a first viewer page.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "demo.html"
    >>> report = demo(open_store(None), out)
    >>> report.chain.paths[0].ultimate_controller_label
    'Tus-Holdings Co., Ltd.'
    >>> out.is_file()
    True
    """
    from ownergraph import analytics_api
    from ownergraph.graph.viewer import write_viewer

    load = load_paths(store, [example_path()])
    if load.failed:
        path, reason = load.failed[0]
        raise OwnergraphError(f"{path}: {reason}")
    issuer = load.loaded[0].issuer or "21Vianet Group"
    chain = analytics_api.chain(store, issuer)
    answers = [
        run_query(store, "holdings"),
        run_query(store, "transactions"),
        run_query(store, "agreements"),
        run_query(store, "counterparties", {"entity": "Tuspark"}),
    ]
    stats = write_viewer(store, viewer_path)
    return DemoReport(load, chain, answers, Path(viewer_path), stats.nodes, stats.edges)
