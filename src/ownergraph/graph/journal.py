"""Writing a filing too large for one transaction: in chunks, behind a journal entry.

Oxigraph holds a whole transaction in memory, about 1.5 KB per quad, so one atomic
write of a filing with thousands of reporting persons would need gigabytes. A filing of
more than :data:`ATOMIC_QUADS` quads is therefore written like this:

1. one small transaction records the graph in the journal graph (:data:`JOURNAL`):
   ``<filing-graph> og:loadInProgress "started at ..."``;
2. an earlier copy of the graph is removed, and the new quads are written, in chunks of
   :data:`CHUNK` quads, the store's memory tables flushed to disk every few chunks, so
   memory stays flat whatever the filing's size;
3. one last transaction applies the re-pointing of earlier filings' nodes and removes
   the journal entry.

Until step 3 the filing is not loaded. When a write fails, the partial graph is removed
at once; when the process dies (``kill -9``, power), the next writer to open the store
finds the journal entry and removes the partial graph (:func:`recover`), so the store
again holds what a clean load of the other filings gives. Readers that run *during* the
write of such a filing can see part of it; smaller filings are one transaction as before.

May import: pyoxigraph, :mod:`ownergraph.errors`.

Examples
--------
>>> import pyoxigraph as ox
>>> store = ox.Store()
>>> g = ox.NamedNode("urn:x:filing")
>>> quads = [ox.Quad(ox.NamedNode(f"urn:x:s{i}"), ox.NamedNode("urn:x:p"), ox.Literal(str(i)), g)
...          for i in range(25)]
>>> write_in_chunks(store, g, quads, chunk=10)
25
>>> len(store), pending(store)
(25, [])
>>> _ = store.extend([journal_entry(g)])  # as a crashed write leaves it
>>> recover(store)
['urn:x:filing']
>>> len(store)
0
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence
from itertools import islice

import pyoxigraph as ox

from ownergraph.errors import StoreError

__all__ = [
    "ATOMIC_QUADS",
    "CHUNK",
    "JOURNAL",
    "LOAD_IN_PROGRESS",
    "journal_entry",
    "pending",
    "recover",
    "remove_graph_in_chunks",
    "write_in_chunks",
]

#: a filing with more quads than this is written in chunks (about 70 reporting persons
#: of a structured-XML 13D; no filing of the corpora comes near it)
ATOMIC_QUADS = 20_000
#: quads per transaction of a chunked write
CHUNK = 5_000
#: chunks between two flushes of the store's memory tables
FLUSH_EVERY = 10

#: the named graph that holds one entry per chunked write in progress
JOURNAL = ox.NamedNode("https://w3id.org/ownergraph/id/journal")
#: the journal entry's predicate: the graph being written, and when the write started
LOAD_IN_PROGRESS = ox.NamedNode("https://w3id.org/ownergraph/ontology#loadInProgress")


def journal_entry(graph: ox.NamedNode) -> ox.Quad:
    """The journal quad that marks ``graph`` as being written (stamped now, UTC)."""
    now = _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat()
    return ox.Quad(graph, LOAD_IN_PROGRESS, ox.Literal(f"started at {now}"), JOURNAL)


def pending(store: ox.Store) -> list[str]:
    """The graphs whose chunked write began and did not end, as IRIs (sorted)."""
    found = store.quads_for_pattern(None, LOAD_IN_PROGRESS, None, JOURNAL)
    return sorted({q.subject.value for q in found if isinstance(q.subject, ox.NamedNode)})


def remove_graph_in_chunks(store: ox.Store, graph: ox.NamedNode, chunk: int | None = None) -> int:
    """Remove every quad of ``graph``, ``chunk`` quads (default :data:`CHUNK`) per
    transaction; returns how many."""
    chunk = chunk or CHUNK
    removed = 0
    while True:
        batch = list(islice(store.quads_for_pattern(None, None, None, graph), chunk))
        if not batch:
            break
        body = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in batch)
        store.update(f"DELETE DATA {{ GRAPH {graph} {{\n{body}\n}} }}")
        removed += len(batch)
        if removed % (chunk * FLUSH_EVERY) == 0:
            store.flush()
    store.update(f"DROP SILENT GRAPH {graph}")  # the graph's name too, now it is empty
    return removed


def _end_update(updates: Sequence[str]) -> str:
    """``updates`` and the end of the journal (one writer: its entries are all done)."""
    return " ;\n".join([*updates, f"DROP SILENT GRAPH {JOURNAL}"])


def write_in_chunks(
    store: ox.Store,
    graph: ox.NamedNode,
    quads: Iterable[ox.Quad],
    updates: Sequence[str] = (),
    *,
    chunk: int | None = None,
) -> int:
    """Replace ``graph`` by ``quads`` in chunks, then run ``updates`` (SPARQL updates, the
    re-pointing) with the removal of the journal entry in one last transaction.

    ``quads`` may be a generator, read once as the chunks are written. When the store
    holds an earlier copy of ``graph``, every quad is made first, so that an error of
    the generator (a term that is not valid RDF) leaves that copy as it was; otherwise
    such an error removes the partial graph and is raised again. Returns the number of
    quads written.

    Raises
    ------
    StoreError
        when the store cannot be written; the partial graph is removed first (or, if
        that fails too, left to :func:`recover` on the next open for writing).
    """
    chunk = chunk or CHUNK
    had_copy = next(iter(store.quads_for_pattern(None, None, None, graph)), None) is not None
    if had_copy:
        quads = list(quads)
    try:
        store.extend([journal_entry(graph)])
    except (OSError, RuntimeError) as e:
        raise StoreError(f"could not write to the store: {e}") from None
    written = 0
    try:
        remove_graph_in_chunks(store, graph, chunk)
        stream = iter(quads)
        while batch := list(islice(stream, chunk)):
            store.extend(batch)
            written += len(batch)
            if (written // chunk) % FLUSH_EVERY == 0:
                store.flush()
        store.update(_end_update(updates))
    except (OSError, RuntimeError) as e:
        gone = " (its earlier copy is removed too: load the file again)" if had_copy else ""
        undone = _undo(store, graph)
        raise StoreError(f"could not write to the store: {e}{gone}{undone}") from None
    except BaseException:
        _undo(store, graph)
        raise
    return written


def _undo(store: ox.Store, graph: ox.NamedNode) -> str:
    """Remove the partial graph and its journal entry; what the error should add."""
    try:
        remove_graph_in_chunks(store, graph)
        store.update(_end_update(()))
    except (OSError, RuntimeError):
        return "; the partial graph is removed when the store is next opened for loading"
    return ""


def recover(store: ox.Store) -> list[str]:
    """Remove the partial graphs of chunked writes that did not end; returns their IRIs.

    Run when a store is opened for writing, before anything else is written.
    """
    graphs = pending(store)
    for iri in graphs:
        remove_graph_in_chunks(store, ox.NamedNode(iri))
    if graphs:
        store.update(_end_update(()))
    return graphs
