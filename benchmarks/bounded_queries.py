"""Bounded queries: what the limited evaluation in another process costs against in-process.

Loads the seed filing (and, with ``--corpus``, every filing of ../shared/corpus) into a
memory store and an on-disk store opened read-only, then times, for named and ad-hoc
queries, ``run_query`` with the default limits (under a time, row and memory limit, in a
fork for the memory store and in the reused evaluator process for the disk store) against ``--timeout 0`` (in this process, no limits), and prints each
time with the ratio bounded / in-process. Also times the structural SERVICE/LOAD check
(rdflib's parser) against the fast path for the store's own queries.

Run: ``python benchmarks/bounded_queries.py [--repeat 5] [--corpus]``
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from timing import best_of

from ownergraph import api
from ownergraph.graph.store import GraphStore
from ownergraph.queries.guard import check_network, refuse_network

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "filings"
QUERIES: list[tuple[str, dict[str, str]]] = [
    ("holdings", {}),
    ("holdings", {"holder": "Tuspark"}),
    ("sources", {}),
    ("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", {}),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--corpus", action="store_true", help="load ../shared/corpus too")
    args = parser.parse_args()
    paths: list[Path] = [api.example_path()]
    if args.corpus and CORPUS.is_dir():
        paths.append(CORPUS)
    with tempfile.TemporaryDirectory() as tmp:
        disk = Path(tmp) / "store"
        with api.open_store(disk) as s:
            api.load_paths(s, paths)
        memory = api.open_store(None)
        api.load_paths(memory, paths)
        bounded = api.QueryLimits()
        here = api.QueryLimits(timeout=0)
        print(f"{'store':8} {'query':48} {'in-process':>11} {'bounded':>9} {'ratio':>6}")
        for label, store in (("memory", memory), ("disk ro", api.open_store(disk, read_only=True))):
            for spec, params in QUERIES:

                def run(
                    limits: api.QueryLimits,
                    store: GraphStore = store,
                    spec: str = spec,
                    params: dict[str, str] = params,
                ) -> None:
                    api.run_query(store, spec, params, limits=limits)

                t_here = best_of(lambda: run(here), args.repeat)
                t_bounded = best_of(lambda: run(bounded), args.repeat)
                name = f"{spec[:40]} {params or ''}"
                print(
                    f"{label:8} {name:48} {t_here * 1000:9.1f}ms {t_bounded * 1000:7.1f}ms "
                    f"{t_bounded / t_here:6.2f}"
                )
            store.close()
    text = "SELECT ?s WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } LIMIT 5"
    t_parse = best_of(lambda: refuse_network(text, "q"), args.repeat)
    t_fast = best_of(lambda: check_network(text, "q"), args.repeat)
    print(
        f"guard: parse {t_parse * 1000:.2f}ms, fast path {t_fast * 1000:.4f}ms, "
        f"ratio {t_parse / t_fast:.0f}"
    )


if __name__ == "__main__":
    main()
