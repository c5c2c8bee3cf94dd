"""The store: an Oxigraph dataset used through rdflib, on disk or in memory.

One named graph per filing. :meth:`GraphStore.replace_graph` swaps a filing's graph in
a single Oxigraph update transaction (``DROP`` then ``INSERT DATA``), so a reload is
idempotent, a failed load changes nothing, and a reader sees the old graph or the new
one, never half of either.

Examples
--------
>>> from rdflib import Graph, Literal, URIRef
>>> store = GraphStore.open(None)  # in memory
>>> g = Graph()
>>> _ = g.add((URIRef("urn:x:a"), URIRef("urn:x:p"), Literal(5)))
>>> store.replace_graph(URIRef("urn:x:g"), g)
1
>>> store.replace_graph(URIRef("urn:x:g"), g)  # again: replaced, not added
1
>>> len(store)
1
>>> store.close()
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.query import Result
from rdflib.term import Identifier, Node

from ownergraph.errors import StoreError
from ownergraph.graph import journal
from ownergraph.graph.evaluator import open_read_only
from ownergraph.graph.location import DEFAULT_STORE, default_store_path
from ownergraph.queries.guard import check_network

__all__ = ["DEFAULT_STORE", "GraphDataError", "GraphStore", "Repoint", "default_store_path"]


_EXPORT_FORMATS = {
    "ttl": "turtle",
    "turtle": "turtle",
    "trig": "trig",
    "nq": "nquads",
    "nquads": "nquads",
    "jsonld": "json-ld",
    "json-ld": "json-ld",
    "nt": "nt",
}


@dataclass(frozen=True)
class Repoint:
    """Replace the node ``old`` by ``new`` in every graph; ``note`` (a predicate and an
    object) is added about ``new`` in each graph that held ``old``."""

    old: URIRef
    new: URIRef
    note: tuple[URIRef, Identifier] | None = None


class GraphDataError(StoreError):
    """A graph handed to :meth:`GraphStore.replace_graph` holds a term that is not valid
    RDF (an IRI with spaces or ``>``, a malformed language tag): nothing was written."""


#: on-disk stores this process holds open for writing (RocksDB allows one writer)
_OPEN_WRITERS: set[str] = set()


def _writer_key(path: Path) -> str:
    return os.path.realpath(path)


def _explain_open_error(path: Path, err: Exception) -> str:
    text = str(err)
    low = text.lower()
    if "lock" in low:
        return (
            f"the store at {path} is locked by another process "
            "(another ownergraph command is using it; wait for it to finish)"
        )
    if "permission" in low or "read-only" in low or "readonly" in low:
        return f"the store at {path} cannot be written (permission denied or read-only file system)"
    if "corrupt" in low or "invalid" in low:
        return f"the store at {path} is damaged or not an ownergraph store ({text})"
    return f"the store at {path} cannot be opened ({text})"


class GraphStore:
    """A dataset of named graphs, one per filing, backed by Oxigraph.

    Use :meth:`open` rather than the constructor. ``path=None`` keeps everything in
    memory (tests, the demo's scratch work); a path persists it on disk.
    """

    def __init__(self, ox_store: ox.Store, path: Path | None, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        self._ox = ox_store
        self._writer_key: str | None = None
        #: graphs of chunked writes that a crash interrupted, removed when opened to write
        self.recovered: list[str] = []
        self._dataset: Dataset | None = None

    @property
    def dataset(self) -> Dataset:
        """The store as an rdflib ``Dataset`` (the union of every graph), made on first
        use: oxrdflib imports rdflib's SPARQL engine, which the read path's own queries
        (:meth:`select`) do without."""
        if self._dataset is None:
            from oxrdflib import OxigraphStore

            self._dataset = Dataset(store=OxigraphStore(store=self._ox), default_union=True)
        return self._dataset

    @classmethod
    def open(cls, path: str | Path | None, *, read_only: bool = False) -> GraphStore:
        """Open the store at ``path`` (creating it when missing), or a memory store.

        ``read_only`` opens an existing store for reading only: it never creates one (a
        mistyped path is refused), takes no lock, and works while a load writes to the
        same store from another process, on a read-only file system and on a store
        without write permission. Within one process, one writer per store at a time.

        Raises
        ------
        StoreError
            when there is no store at ``path`` (reading), its folder does not exist
            (writing), or the store is locked, not writable, open already, or damaged.
        """
        if path is None:
            return cls(ox.Store(), None)
        p = Path(path)
        try:
            if read_only:
                if not p.exists():
                    raise StoreError(f"no store at {p} (load filings into it first)")
                if not p.is_dir() or not (p / "CURRENT").is_file():
                    raise StoreError(f"no store at {p} ({p} is not an ownergraph store)")
                return cls(open_read_only(p), p, read_only=True)
            if p.exists() and not p.is_dir():
                raise StoreError(f"{p} is a file, not a store directory")
            if not p.exists() and not p.parent.is_dir():
                raise StoreError(
                    f"cannot create a store at {p}: the folder {p.parent} does not exist"
                )
            if p.exists() and not os.access(p, os.W_OK):
                raise StoreError(f"the store at {p} is read-only (no write permission)")
            key = _writer_key(p)
            if key in _OPEN_WRITERS:
                raise StoreError(
                    f"the store at {p} is already open for writing in this process "
                    "(close the other GraphStore first)"
                )
            store = cls(ox.Store(str(p)), p)
            _OPEN_WRITERS.add(key)
            store._writer_key = key
            try:
                store.recovered = journal.recover(store._ox)
            except (OSError, RuntimeError) as e:
                store.close()
                raise StoreError(
                    f"the store at {p} holds an interrupted load that could not be removed ({e})"
                ) from None
            return store
        except (OSError, RuntimeError) as e:
            raise StoreError(_explain_open_error(p, e)) from None

    # -- writing ---------------------------------------------------------------

    def replace_graph(self, name: URIRef, graph: Graph) -> int:
        """Replace the named graph ``name`` with the triples of ``graph``, atomically.

        The graph is written as one SPARQL update (``DROP`` then ``INSERT DATA``), which
        Oxigraph applies in a single transaction: all of it or nothing. Every term is
        converted to an Oxigraph term first and written in Oxigraph's own escaped
        N-Triples form, so text read from a filing can never change the update.

        Returns the number of triples now in that graph.

        Raises
        ------
        GraphDataError
            when ``name`` or a term of ``graph`` is not valid RDF (nothing is written).
        StoreError
            when the store is read-only or cannot be written.
        """
        self._writable()
        update = _replace_update(name, graph)
        try:
            self._ox.update(update)
        except (OSError, RuntimeError) as e:
            raise StoreError(f"could not write to the store: {e}") from None
        except (SyntaxError, ValueError) as e:  # a term our conversion let through
            raise GraphDataError(f"the graph <{name}> could not be written: {e}") from None
        return len(graph)

    def write_graph(
        self, name: URIRef, quads: Iterable[ox.Quad], repoints: Sequence[Repoint] = ()
    ) -> int:
        """Replace the named graph ``name`` by ``quads`` and apply ``repoints``, in one
        transaction: all of it or nothing.

        The fast path of a load: a graph the store does not hold yet, with nothing to
        re-point, is written with Oxigraph's atomic ``extend`` (no text is made or
        parsed); a reload, or a filing that re-points nodes of earlier filings, is one
        SPARQL update (drop, insert, re-point) built from Oxigraph's own escaped terms.
        Every quad must be in graph ``name``; ``quads`` may be a generator (it is read
        once, as the write goes: an exception it raises aborts the write, nothing is
        written). Returns the number of quads written.

        Raises
        ------
        GraphDataError
            when ``name`` is not a valid graph name (nothing is written).
        StoreError
            when the store is read-only or cannot be written.
        """
        self._writable()
        gname = _graph_name(name)
        graph = ox.NamedNode(str(name))
        count = 0

        def counted() -> Iterator[ox.Quad]:
            nonlocal count
            for q in quads:
                count += 1
                yield q

        stream = counted()
        try:
            head = list(islice(stream, journal.ATOMIC_QUADS + 1))
            if len(head) > journal.ATOMIC_QUADS:  # too large for one transaction's memory
                updates = [_repoint_update(r) for r in repoints]
                return journal.write_in_chunks(self._ox, graph, chain(head, stream), updates)
            if not repoints and not self._holds(graph):
                self._ox.extend(head)
            else:
                body = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in head)
                parts = [f"DROP SILENT GRAPH {gname}"]
                if body:
                    parts.append(f"INSERT DATA {{ GRAPH {gname} {{\n{body}\n}} }}")
                parts += [_repoint_update(r) for r in repoints]
                self._ox.update(" ;\n".join(parts))
        except (OSError, RuntimeError) as e:
            raise StoreError(f"could not write to the store: {e}") from None
        except (SyntaxError, ValueError) as e:
            raise GraphDataError(f"the graph {gname} could not be written: {e}") from None
        return count

    def write_nquads(
        self, name: URIRef, data: bytes, count: int, repoints: Sequence[Repoint] = ()
    ) -> int:
        """:meth:`write_graph` for quads given as N-Quads bytes (``count`` of them, every
        one in graph ``name``), as a load's worker made them: a new graph with nothing
        to re-point is read and written by Oxigraph in one transaction, without a
        Python object per quad; anything else goes through :meth:`write_graph`.

        Examples
        --------
        >>> store = GraphStore.open(None)
        >>> g = URIRef("urn:x:g")
        >>> store.write_nquads(g, b'<urn:x:s> <urn:x:p> "o" <urn:x:g> .\\n', 1)
        1
        >>> [str(q[2]) for q in store.quads(None, None, None, g)]
        ['o']
        """
        self._writable()
        graph = ox.NamedNode(str(name))
        if count > journal.ATOMIC_QUADS or repoints or self._holds(graph):
            quads = ox.parse(data, format=ox.RdfFormat.N_QUADS) if data else iter(())
            return self.write_graph(name, quads, repoints)
        try:
            if data:
                self._ox.load(data, format=ox.RdfFormat.N_QUADS)
        except (OSError, RuntimeError) as e:
            raise StoreError(f"could not write to the store: {e}") from None
        except (SyntaxError, ValueError) as e:
            raise GraphDataError(f"the graph <{name}> could not be written: {e}") from None
        return count

    def _holds(self, graph: ox.NamedNode) -> bool:
        return next(iter(self._ox.quads_for_pattern(None, None, None, graph)), None) is not None

    def patch_graph(
        self,
        name: URIRef,
        delete: Iterable[tuple[URIRef, URIRef | None]],
        triples: Iterable[tuple[Node, Node, Node]],
    ) -> None:
        """In graph ``name``, remove every triple with each ``(subject, predicate)`` of
        ``delete`` (a predicate ``None`` matches any) and add ``triples``, in one
        transaction.

        The incremental rebuilds of the collection graphs (amendment links, display
        names) use it to change only the entries a load touched.
        """
        from oxrdflib._converter import to_ox

        self._writable()
        gname = _graph_name(name)
        parts = [
            f"DELETE WHERE {{ GRAPH {gname} {{ {_graph_name(s)} "
            f"{'?p' if p is None else _graph_name(p)} ?o }} }}"
            for s, p in sorted(set(delete), key=str)
        ]
        try:
            body = "\n".join(f"{to_ox(a)} {to_ox(b)} {to_ox(c)} ." for a, b, c in triples)
        except (ValueError, TypeError) as e:
            raise GraphDataError(f"the graph {gname} could not be written: {e}") from None
        if body:
            parts.append(f"INSERT DATA {{ GRAPH {gname} {{\n{body}\n}} }}")
        if not parts:
            return
        try:
            self._ox.update(" ;\n".join(parts))
        except (OSError, RuntimeError) as e:
            raise StoreError(f"could not write to the store: {e}") from None

    def remove_graph(self, name: URIRef) -> None:
        """Remove the named graph ``name`` (nothing happens when it is absent)."""
        self._writable()
        try:
            self._ox.update(f"DROP SILENT GRAPH {_graph_name(name)}")
        except (OSError, RuntimeError) as e:
            raise StoreError(f"could not write to the store: {e}") from None

    def clear(self) -> None:
        """Remove everything."""
        self._writable()
        try:
            self._ox.clear()
        except (OSError, RuntimeError) as e:
            raise StoreError(f"could not write to the store: {e}") from None

    def repoint(
        self, old: URIRef, new: URIRef, note: tuple[URIRef, Identifier] | None = None
    ) -> int:
        """Replace the node ``old`` by ``new`` in every graph, in one transaction.

        Used by :mod:`ownergraph.graph.resolve` when a later filing gives the CIK of an
        entity that earlier filings named only. ``note`` (a predicate and object) is
        added about ``new`` in each graph that held ``old``. Returns the number of
        graphs changed.
        """
        self._writable()
        graphs = {
            q.graph_name
            for q in self._ox.quads_for_pattern(ox.NamedNode(str(old)), None, None, None)
        } | {
            q.graph_name
            for q in self._ox.quads_for_pattern(None, None, ox.NamedNode(str(old)), None)
        }
        named = [g for g in graphs if isinstance(g, ox.NamedNode)]
        if not named:
            return 0
        try:
            self._ox.update(_repoint_update(Repoint(old, new, note)))
        except (OSError, RuntimeError) as e:
            raise StoreError(f"could not write to the store: {e}") from None
        return len(named)

    def quads(
        self, s: Identifier | None, p: Identifier | None, o: Identifier | None, g: URIRef | None
    ) -> Iterator[tuple[Any, Any, Any, Any]]:
        """Quads matching a pattern (``None`` matches anything), as rdflib terms."""
        from oxrdflib._converter import to_ox

        ps, pp, po = (None if t is None else to_ox(t) for t in (s, p, o))
        graph = None if g is None else ox.NamedNode(str(g))
        for q in self._ox.quads_for_pattern(ps, pp, po, graph):  # type: ignore[arg-type]
            name = URIRef(q.graph_name.value) if isinstance(q.graph_name, ox.NamedNode) else None
            yield (*_from_ox_triple(q), name)

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"the store at {self.path} is open read-only")

    # -- reading ---------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._ox)

    def graph_size(self, name: URIRef) -> int:
        """Number of triples in the named graph ``name``."""
        return sum(1 for _ in self._ox.quads_for_pattern(None, None, None, ox.NamedNode(str(name))))

    def graph_names(self) -> list[URIRef]:
        """The names of all named graphs, sorted."""
        return sorted(
            URIRef(g.value) for g in self._ox.named_graphs() if isinstance(g, ox.NamedNode)
        )

    def has_graph(self, name: URIRef) -> bool:
        """True when the named graph ``name`` holds any triple."""
        return self._ox.contains_named_graph(ox.NamedNode(str(name))) and self.graph_size(name) > 0

    def query(self, text: str, bindings: Mapping[str, Identifier] | None = None) -> Result:
        """Run a SPARQL query over the union of all graphs, values bound, never spliced.

        A query using ``SERVICE`` or ``LOAD`` is refused (:mod:`ownergraph.queries.guard`
        reads the parsed query): Oxigraph would otherwise reach the network. The query
        runs in this process, unbounded: user queries go through
        :func:`ownergraph.graph.bounded.bounded_query` for time, size and memory limits.
        """
        check_network(text, "query")
        result = self.dataset.query(text, initBindings=dict(bindings or {}))
        if result.type == "SELECT":
            # read the solutions now: Oxigraph's cursor must not outlive this call (it
            # may not be released from another thread, and it pins a snapshot)
            _ = result.bindings
        return result

    def select(self, text: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Run a SELECT over the union of all graphs straight on Oxigraph: the variable
        names and the rows, each value a pyoxigraph term (``None`` when unbound).

        The read path's own queries use this: no rdflib term is made per value. Like
        :meth:`query`, it refuses ``SERVICE`` and ``LOAD`` and runs unbounded.

        Examples
        --------
        >>> store = GraphStore.open(None)
        >>> names, rows = store.select("SELECT ?x ?y WHERE { VALUES ?x { 1 } }")
        >>> names, rows[0][0].value, rows[0][1]
        (['x', 'y'], '1', None)
        """
        check_network(text, "query")
        result = self._ox.query(text, use_default_graph_as_union=True)
        if not isinstance(result, ox.QuerySolutions):
            raise StoreError("select() runs SELECT queries only")
        names = [v.value for v in result.variables]
        return names, [tuple(row) for row in result]

    def graph(self, name: URIRef) -> Graph:
        """An in-memory copy of one named graph."""
        g = Graph()
        for q in self._ox.quads_for_pattern(None, None, None, ox.NamedNode(str(name))):
            g.add(_from_ox_triple(q))
        return g

    def union_graph(self) -> Graph:
        """An in-memory copy of every triple of every graph."""
        g = Graph()
        for q in self._ox:
            g.add(_from_ox_triple(q))
        return g

    def iter_quads(self) -> Iterator[Any]:
        """The raw Oxigraph quads."""
        return iter(self._ox)

    # -- export ----------------------------------------------------------------

    def export(self, fmt: str, dest: IO[bytes]) -> None:
        """Write everything as ``ttl``, ``trig``, ``nq`` or ``jsonld`` to ``dest``.

        Turtle has no graphs, so it writes the union; the others keep each filing's graph.
        """
        try:
            rdf_format = _EXPORT_FORMATS[fmt.lower()]
        except KeyError:
            raise StoreError(
                f"unknown export format {fmt!r}; use one of ttl, trig, nq, jsonld"
            ) from None
        if rdf_format in ("turtle", "nt"):
            g = self.union_graph()
            _bind(g)
            dest.write(g.serialize(format=rdf_format).encode("utf-8"))
            return
        ds = Dataset()
        _bind(ds)
        for q in self._ox:
            s, p, o = _from_ox_triple(q)
            ds.graph(URIRef(q.graph_name.value)).add((s, p, o))
        dest.write(ds.serialize(format=rdf_format).encode("utf-8"))

    def flush_for_readers(self) -> None:
        """Write what this process wrote into the store's table files, so that a
        read-only view opened now (a query's evaluator process) reads it there rather
        than replaying the write-ahead log, which after a large load takes seconds. A
        store with nothing new to flush costs next to nothing; a memory store or one open
        read-only, nothing.

        Raises
        ------
        StoreError
            when the flush fails (a full disk).
        """
        if self.path is None or self.read_only:
            return
        try:
            self._ox.flush()
        except (OSError, RuntimeError) as e:
            raise StoreError(f"could not flush the store at {self.path}: {e}") from None

    def close(self) -> None:
        """Flush and release the store (its lock, for an on-disk store).

        Raises
        ------
        StoreError
            when the flush fails (a full disk): the store is released all the same.
        """
        if not hasattr(self, "_ox"):
            return  # closed already
        error: StoreError | None = None
        try:
            if self.path is not None and not self.read_only:
                self._ox.flush()
        except (OSError, RuntimeError) as e:
            error = StoreError(f"could not flush the store at {self.path}: {e}")
        finally:
            # RocksDB releases its lock only when the last reference to the Oxigraph
            # store is gone: drop ours and rdflib's, then collect, so that the same
            # process (or the next command) can open the store again at once
            if self._dataset is not None:
                inner = self._dataset.store
                if hasattr(inner, "_store"):
                    inner._store = None
                self._dataset = None
            del self._ox
            gc.collect()
            if self._writer_key is not None:
                _OPEN_WRITERS.discard(self._writer_key)
                self._writer_key = None
        if error is not None:
            raise error

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        try:
            self.close()
        except StoreError:
            if exc_type is None:
                raise
            # an error is on its way out already: it is the one to report, not the
            # flush failing after it for the same reason (a full disk)


def _bind(g: Graph) -> None:
    from ownergraph import ontology

    for prefix, ns in getattr(ontology, "PREFIXES", {}).items():
        g.bind(prefix, ns)


def _graph_name(name: URIRef) -> str:
    """``<name>`` checked and escaped by Oxigraph; :class:`GraphDataError` when invalid."""
    try:
        return str(ox.NamedNode(str(name)))
    except ValueError as e:
        raise GraphDataError(f"{str(name)!r} is not a valid graph name ({e})") from None


def _repoint_update(r: Repoint) -> str:
    """The SPARQL update that re-points ``r.old`` to ``r.new`` in every named graph."""
    from oxrdflib._converter import to_ox

    o, n = _graph_name(r.old), _graph_name(r.new)
    parts = []
    if r.note is not None:  # first, while the graphs that hold the old node can be found
        parts.append(
            f"INSERT {{ GRAPH ?g {{ {n} {to_ox(r.note[0])} {to_ox(r.note[1])} }} }} WHERE "
            f"{{ SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ {{ {o} ?p ?x }} UNION {{ ?x ?p {o} }} }} }} }}"
        )
    parts += [
        f"DELETE {{ GRAPH ?g {{ {o} ?p ?x }} }} INSERT {{ GRAPH ?g {{ {n} ?p ?x }} }} "
        f"WHERE {{ GRAPH ?g {{ {o} ?p ?x }} }}",
        f"DELETE {{ GRAPH ?g {{ ?x ?p {o} }} }} INSERT {{ GRAPH ?g {{ ?x ?p {n} }} }} "
        f"WHERE {{ GRAPH ?g {{ ?x ?p {o} }} }}",
    ]
    return " ;\n".join(parts)


def _replace_update(name: URIRef, graph: Graph) -> str:
    """The SPARQL update that swaps graph ``name`` for ``graph``, built from Oxigraph terms."""
    from oxrdflib._converter import to_ox

    gname = _graph_name(name)
    lines = []
    for s, p, o in graph:
        try:
            lines.append(f"{to_ox(s)} {to_ox(p)} {to_ox(o)} .")
        except (ValueError, TypeError) as e:
            raise GraphDataError(
                f"the graph {gname} holds a term that is not valid RDF ({e}): {s!r} {p!r} {o!r}"
            ) from None
    body = "\n".join(lines)
    return f"DROP SILENT GRAPH {gname} ;\nINSERT DATA {{ GRAPH {gname} {{\n{body}\n}} }}"


def _from_ox_triple(q: Any) -> tuple[Any, Any, Any]:
    from oxrdflib._converter import from_ox

    return from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)
