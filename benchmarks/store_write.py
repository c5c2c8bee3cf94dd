"""What writing the corpus's quads costs the store, per quad and per filing, same run.

Builds every corpus filing's quads once (loaders + builder, not timed), then writes them
filing by filing into a fresh on-disk Oxigraph store in each of the ways the store can
take them, and into rdflib's memory store (the baseline), and prints the CPU time per
quad, the per-filing time at the corpus's mean quads per filing, and the most filings a
second one writer could reach if writing were all a load did:

- ``extend``: Oxigraph's atomic ``Store.extend`` (what ``ownergraph load`` does for a
  new filing);
- ``update``: one SPARQL ``INSERT DATA`` update per filing (a reload, or a filing that
  re-points nodes of earlier filings);
- ``bulk_extend``: Oxigraph's bulk loader, per filing (not atomic);
- ``rdflib``: ``Graph.addN`` into rdflib's in-memory store (no disk, no indexes on disk).

Run: ``python benchmarks/store_write.py [PATH ...] [--repeat 3]`` (default: the corpus).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "filings"
sys.path.insert(0, str(REPO / "src"))


def corpus_quads(paths: list[Path]) -> list[list[ox.Quad]]:
    """Each loadable filing's quads, as ``ownergraph load`` would write them alone."""
    from ownergraph.errors import OwnergraphError
    from ownergraph.graph.build import build_triples
    from ownergraph.graph.build.sink import OxTerms
    from ownergraph.loaders import load_file

    terms, out = OxTerms(), []
    for p in paths:
        try:
            name, triples = build_triples(load_file(p))
        except OwnergraphError:
            continue
        out.append(list(terms.quads(triples, name)))
    return out


def _oxigraph(how: str) -> Callable[[list[list[ox.Quad]]], None]:
    def run(filings: list[list[ox.Quad]]) -> None:
        with tempfile.TemporaryDirectory() as d:
            store = ox.Store(d)
            for quads in filings:
                if how == "extend":
                    store.extend(quads)
                elif how == "bulk_extend":
                    store.bulk_extend(quads)
                else:
                    body = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
                    store.update(f"INSERT DATA {{ GRAPH {quads[0].graph_name} {{\n{body}\n}} }}")
            store.flush()
            del store

    return run


def _rdflib(filings: list[list[ox.Quad]]) -> None:
    from oxrdflib._converter import from_ox

    converted = [
        [tuple(from_ox(t) for t in (q.subject, q.predicate, q.object)) for q in f] for f in filings
    ]
    ds = Dataset()
    for f, triples in zip(filings, converted, strict=True):
        g = ds.graph(from_ox(f[0].graph_name))
        g.addN((s, p, o, g) for s, p, o in triples)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    paths = args.paths or sorted(p for p in CORPUS.iterdir() if p.suffix != ".json")
    filings = [f for f in corpus_quads(paths) if f]
    total = sum(len(f) for f in filings)
    mean = total / len(filings)
    print(f"{len(filings)} filings, {total} quads, {mean:.0f} quads per filing (mean)")
    ways: dict[str, Callable[[list[list[ox.Quad]]], None]] = {
        "rdflib": _rdflib,
        "extend": _oxigraph("extend"),
        "update": _oxigraph("update"),
        "bulk_extend": _oxigraph("bulk_extend"),
    }
    cost: dict[str, float] = {}
    for name, run in ways.items():
        best = float("inf")
        for _ in range(args.repeat):
            t0 = time.process_time()
            run(filings)
            best = min(best, time.process_time() - t0)
        cost[name] = best / total
    base = cost["rdflib"]
    print(
        f"{'way':<12} {'CPU us/quad':>12} {'ms/filing':>10} {'filings/CPU-s':>14} {'x rdflib':>9}"
    )
    for name, c in cost.items():
        per_filing = c * mean
        print(
            f"{name:<12} {c * 1e6:>12.1f} {per_filing * 1e3:>10.2f} {1 / per_filing:>14.1f} "
            f"{c / base:>9.2f}"
        )
    print("filings/CPU-s: the most one writer could reach if the write were all a load did")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
