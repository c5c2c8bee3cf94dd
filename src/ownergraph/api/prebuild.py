"""Building filings' graphs in the load's worker processes, checked by the writer.

With ``--jobs N`` the workers read the files; here they also build each filing's graph,
so that the one process that writes the store only checks and writes. A graph depends
on the store through one thing alone: the IRIs that identity resolution chose for the
filing's entities without a CIK (:meth:`~ownergraph.graph.resolve.IdentityResolver.resolve`).
A worker resolves them against a read-only view of the store as it was when the
worker started (the store before the batch, flushed by the writer first so that the view
opens without replaying the write-ahead log), and records each answer in a
:class:`Prebuilt`. The writer asks the store the same questions again, just before it
writes the filing (:func:`still_holds`): when every answer is the same, the build is the
one the writer would have made, and its quads are written as they are; when one differs
(a filing of the same batch gave an entity a CIK node: two of the corpus's 162 filings)
the writer builds the filing again itself. The view is not opened again during the
batch: the batch keeps growing the log that a new view would replay. So the store ends
up as a load with ``--jobs 1`` leaves it, only sooner.

The quads cross from the worker as N-Quads bytes (Oxigraph writes and reads them),
with the few triples that the writer's re-pointing and rebuilds read (identity facts
and issuers) as rdflib terms.

May import: the loaders, the graph layer, :mod:`ownergraph.api.reading`.

Examples
--------
>>> from ownergraph.api.loading import example_path
>>> filing, error, built = prepare_file(example_path(), None, None)
>>> error, built.quads > 100, built.nquads.count(b"\\n") == built.quads
(None, True, True)
>>> from ownergraph.graph.resolve import IdentityResolver
>>> from ownergraph.graph.store import GraphStore
>>> still_holds(IdentityResolver(GraphStore.open(None)), filing, built)
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ownergraph.api.reading import read_file

__all__ = ["Prebuilt", "prepare_file", "quads_of", "still_holds"]


@dataclass
class Prebuilt:
    """One filing's graph as a worker built it, with what it was built on."""

    #: the graph name (the filing's IRI)
    name: str
    #: the graph's quads, N-Quads encoded, in the order the builder made them
    nquads: bytes
    quads: int
    #: the triples of the graph that the writer's re-pointing and rebuilds read
    watched: list[Any]
    #: every resolution the build asked for: (entity, its own IRI, the answer), with
    #: the entity objects of the filing that travels beside this
    resolutions: list[tuple[Any, Any, Any]] = field(default_factory=list)


class _Recording:
    """An identity resolver that keeps every question and answer it gave."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.asked: list[tuple[Any, Any, Any]] = []

    def resolve(self, filing: Any, entity: Any, default: Any) -> Any:
        answer = self.inner.resolve(filing, entity, default)
        self.asked.append((entity, default, answer))
        return answer


class _View:
    """The worker's read-only view of the store, opened on the worker's first file."""

    def __init__(self) -> None:
        self.path: str | None = None
        self.store: Any = None

    def resolver(self, path: str | None) -> Any:
        from ownergraph.graph.resolve import IdentityResolver
        from ownergraph.graph.store import GraphStore

        if self.store is None or path != self.path:
            self.close()
            self.path = path
            try:
                self.store = GraphStore.open(path, read_only=True) if path else None
            except Exception:  # a store being created, a damaged file: resolve later
                self.store = None
            if self.store is None:  # in memory, on a server, or unreadable: an empty view
                self.store = GraphStore.open(None)
        return IdentityResolver(self.store)

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
        self.store = None


_VIEW = _View()


def prepare_file(
    path: Path, max_bytes: int | None, store_path: str | None
) -> tuple[Any, str | None, Prebuilt | None]:
    """Read one file and build its graph: ``(filing, error, prebuilt)``.

    ``store_path`` is the directory of the store being loaded (``None`` for a store in
    memory or on a server: the build then resolves against nothing, and the writer's
    check decides). ``prebuilt`` is ``None`` when the file could not be read, or when
    the build failed: the writer then builds it itself and reports why it fails.
    """
    filing, error = read_file(path, max_bytes)
    if filing is None:
        return None, error, None
    try:
        return filing, None, _build(filing, store_path)
    except Exception:  # the writer builds it again and names the file and the reason
        return filing, None, None


def _build(filing: Any, store_path: str | None) -> Prebuilt:
    import pyoxigraph as ox

    from ownergraph.api.loading import _terms, _watched
    from ownergraph.graph.build import build_triples

    recording = _Recording(_VIEW.resolver(store_path))
    name, triples = build_triples(filing, resolve=recording)
    quads = _terms().quads(triples, name)
    data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS) if quads else b""
    return Prebuilt(str(name), data or b"", len(quads), _watched(triples), recording.asked)


def still_holds(resolver: Any, filing: Any, built: Prebuilt) -> bool:
    """True when ``resolver`` (on the store as it is now) answers every question of the
    worker's build as the worker's view did: the graph is then the one a build here
    would make. Counts the resolutions as that build would (once each)."""
    from ownergraph.errors import OwnergraphError

    before = resolver.resolved
    try:
        if all(
            resolver.resolve(filing, e, default) == answer
            for e, default, answer in built.resolutions
        ):
            return True
    except OwnergraphError:  # the store failed: the writer says so, as a build here would
        raise
    except Exception:  # the build here meets it again and names the file and the reason
        pass
    resolver.resolved = before
    return False


def quads_of(built: Prebuilt | Any) -> Any:
    """The Oxigraph quads of a worker's build, read back as the store takes them (any
    other iterable of quads as it is)."""
    import pyoxigraph as ox

    if not isinstance(built, Prebuilt):
        return built
    if not built.nquads:
        return iter(())
    return ox.parse(built.nquads, format=ox.RdfFormat.N_QUADS)
