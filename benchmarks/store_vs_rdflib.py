"""Store benchmark: the Oxigraph store against rdflib's in-memory Dataset, same run.

Loads every filing of ../shared/corpus (or the seed when it is absent) once into
records and graphs, then times, for each backend:

- writing all filing graphs (one named graph per filing, replaced atomically in Oxigraph);
- reloading them all (idempotent replace);
- the ``holdings`` and ``sources`` named queries over the union of graphs;

and prints each time with its ratio to rdflib's memory store, plus peak memory.

Run: ``python benchmarks/store_vs_rdflib.py [--repeat 3]``
"""

from __future__ import annotations

import argparse
import tracemalloc
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from timing import best_of

from ownergraph.errors import LoadError
from ownergraph.graph.build import build_graph
from ownergraph.graph.store import GraphStore
from ownergraph.loaders import load_file
from ownergraph.queries import library

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "filings"


def _graphs() -> list[tuple[URIRef, Graph]]:
    files = sorted(
        p for p in CORPUS.glob("*") if p.suffix in (".txt", ".nc", ".htm", ".html", ".xml")
    )
    files = files or [REPO / "examples" / "21vianet-schedule-13d-a-2021.md"]
    out = []
    for f in files:
        try:
            out.append(build_graph(load_file(f)))
        except LoadError:
            continue
    return out


def _rdflib_replace(ds: Dataset, graphs: list[tuple[URIRef, Graph]]) -> None:
    for name, g in graphs:
        ds.remove_graph(ds.graph(name))
        target = ds.graph(name)
        for t in g:
            target.add(t)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    graphs = _graphs()
    triples = sum(len(g) for _, g in graphs)
    print(f"{len(graphs)} filing graphs, {triples:,} triples")

    ox_store = GraphStore.open(None)
    memory = Dataset(default_union=True)
    results: dict[str, tuple[float, float]] = {}

    def ox_load() -> None:
        for name, g in graphs:
            ox_store.replace_graph(name, g)

    results["load all graphs"] = (
        best_of(ox_load, args.repeat),
        best_of(lambda: _rdflib_replace(memory, graphs), args.repeat),
    )
    for qname in ("holdings", "sources", "officers"):
        text = library()[qname].text
        ox_t = best_of(lambda t=text: list(ox_store.query(t)), args.repeat)
        mem_t = best_of(lambda t=text: list(memory.query(t)), args.repeat)
        results[f"query {qname}"] = (ox_t, mem_t)
    ox_rows = len(list(ox_store.query(library()["holdings"].text)))
    mem_rows = len(list(memory.query(library()["holdings"].text)))
    print(f"holdings rows: oxigraph {ox_rows}, rdflib memory {mem_rows}")

    tracemalloc.start()
    s2 = GraphStore.open(None)
    for name, g in graphs:
        s2.replace_graph(name, g)
    ox_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.reset_peak()
    m2 = Dataset(default_union=True)
    _rdflib_replace(m2, graphs)
    mem_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()

    print(f"{'operation':<22}{'oxigraph s':>12}{'rdflib s':>12}{'ratio':>8}")
    for op, (ox_t, mem_t) in results.items():
        print(f"{op:<22}{ox_t:>12.4f}{mem_t:>12.4f}{ox_t / mem_t:>8.2f}")
    print(
        f"python-heap peak while loading: oxigraph {ox_peak / 1e6:.1f} MB, rdflib {mem_peak / 1e6:.1f} MB"
        f" (ratio {ox_peak / max(mem_peak, 1):.2f}; Oxigraph's own Rust heap is not counted)"
    )


if __name__ == "__main__":
    main()
