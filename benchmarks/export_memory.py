"""Peak memory of the exports on a large store, against just iterating its quads.

A synthetic on-disk store of about a million quads is generated (``--filings`` filings of
about 100 quads each: a filing node, its issuer, two holders, a control link, two
holdings, a director's role, a transaction, and the source spans of each, as
:mod:`ownergraph.graph.build` writes them). Each measurement then runs in a fresh child
process that opens the store read-only and reports its peak RSS (``ru_maxrss``):

* ``iterate``: every quad iterated and counted (the baseline);
* ``union``: the whole store copied into one in-memory rdflib graph (what an export that
  held the store in memory would cost, for comparison);
* ``bods``, ``ftm``, ``gexf``, ``graphml``, ``csv``: each export written to a temporary
  file.

Ratios are printed against the baseline measured in the same run; nothing is asserted.

Run: ``python benchmarks/export_memory.py [--filings 10000] [--tasks union,bods,csv]``
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

OG = "https://w3id.org/ownergraph/ontology#"
ID = "https://w3id.org/ownergraph/id/"
RDFS_LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
XSD = "http://www.w3.org/2001/XMLSchema#"
FORMATS = ("bods", "ftm", "gexf", "graphml", "csv")
TASKS = ("union", *FORMATS)


def _lit(value: object, dtype: str = "string") -> str:
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"^^<{XSD}{dtype}>'


def synthetic_nquads(filings: int) -> Iterator[str]:
    """N-Quads of ``filings`` synthetic filings, about 100 quads each."""
    for i in range(filings):
        f = f"{ID}filing/0000000000-24-{i:06d}"
        g = f"<{f}>"
        issuer, holder, parent = (
            f"{ID}cik/{i:010d}",
            f"{ID}org/holder-{i}",
            f"{ID}org/parent-{i % 997}",
        )
        person = f"{ID}person/director-{i % 5003}"

        def q(s: str, p: str, o: str, g: str = g) -> str:
            return f"{s} {p} {o} {g} .\n"

        yield q(g, RDF_TYPE, f"<{OG}Filing>")
        yield q(g, RDFS_LABEL, _lit(f"SC 13D for Issuer {i}"))
        yield q(g, f"<{OG}form>", _lit("SC 13D"))
        yield q(g, f"<{OG}accession>", _lit(f"0000000000-24-{i:06d}"))
        yield q(g, f"<{OG}filedDate>", _lit(f"20{10 + i % 15}-0{1 + i % 9}-1{i % 10}", "date"))
        yield q(g, f"<{OG}issuer>", f"<{issuer}>")
        yield q(g, f"<{OG}reportingPerson>", f"<{holder}>")
        yield q(g, f"<{OG}reportingPerson>", f"<{parent}>")
        for iri, name, kind in (
            (issuer, f"Issuer {i} Corp.", "company"),
            (holder, f"Holder {i} Ltd.", "company"),
            (parent, f"Parent {i % 997} Holdings", "fund"),
            (person, f"Director {i % 5003}", "person"),
        ):
            yield q(f"<{iri}>", RDF_TYPE, f"<{OG}{'Person' if kind == 'person' else 'Company'}>")
            yield q(f"<{iri}>", RDFS_LABEL, _lit(name))
            yield q(f"<{iri}>", f"<{OG}fingerprint>", _lit(name.lower()))
            yield q(f"<{iri}>", f"<{OG}kind>", _lit(kind))
            yield q(f"<{iri}>", f"<{OG}filing>", g)
            yield q(f"<{iri}>", f"<{OG}jurisdictionCode>", _lit("KY"))
        nodes = {
            "holding/1": ("Holding", "holder", holder, "issuer", issuer),
            "holding/2": ("Holding", "holder", parent, "issuer", issuer),
            "control/1": ("Control", "controller", parent, "controlled", holder),
            "role/1": ("Role", "person", person, "organization", holder),
            "transaction/1": ("Transaction", "seller", holder, "buyer", parent),
        }
        for local, (cls, p1, o1, p2, o2) in nodes.items():
            n = f"<{f}/{local}>"
            yield q(n, RDF_TYPE, f"<{OG}{cls}>")
            yield q(n, f"<{OG}{p1}>", f"<{o1}>")
            yield q(n, f"<{OG}{p2}>", f"<{o2}>")
            yield q(n, f"<{OG}filing>", g)
            yield q(n, f"<{OG}shares>", _lit(1_000_000 + i, "integer"))
            yield q(n, f"<{OG}percentOfClass>", _lit(f"{5 + i % 90}.{i % 10}", "decimal"))
            yield q(n, f"<{OG}kind>", _lit("director" if cls == "Role" else "majority"))
            span = f"<{f}/source/{local}/record>"
            yield q(n, f"<{OG}source>", span)
            yield q(span, RDF_TYPE, f"<{OG}SourceSpan>")
            yield q(span, f"<{OG}field>", _lit("record"))
            yield q(span, f"<{OG}section>", _lit("Cover page, reporting person 1"))
            yield q(span, f"<{OG}quote>", _lit(f"{cls} {i}: " + "quoted filing text " * 8))
            yield q(span, f"<{OG}startOffset>", _lit(100 * i, "integer"))


def build_store(folder: Path, filings: int) -> int:
    import pyoxigraph as ox

    store = ox.Store(str(folder))
    data = "".join(synthetic_nquads(filings)).encode("utf-8")
    store.bulk_load(data, ox.RdfFormat.N_QUADS)
    store.flush()
    count = len(store)
    del store
    return count


def child(task: str, store_dir: str) -> None:
    """Run one measurement and print ``peak-kib seconds``."""
    from ownergraph.graph.store import GraphStore

    start = time.perf_counter()
    store = GraphStore.open(store_dir, read_only=True)
    if task == "iterate":
        count = sum(1 for _ in store.iter_quads())
        assert count > 0
    elif task == "union":
        assert len(store.union_graph()) > 0
    else:
        from ownergraph.exports import export_store

        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / ("csv" if task == "csv" else f"out.{task}")
            export_store(store, task, out)
    seconds = time.perf_counter() - start
    store.close()
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, f"{seconds:.2f}")


def measure(task: str, store_dir: Path) -> tuple[int, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", task, "--store", str(store_dir)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return int(out[0]), float(out[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--filings", type=int, default=10_000)
    parser.add_argument(
        "--tasks", default=",".join(TASKS), help="union and/or formats, comma-separated"
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--store", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.store)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "store"
        t = time.perf_counter()
        quads = build_store(folder, args.filings)
        print(
            f"synthetic store: {quads:,} quads from {args.filings:,} filings "
            f"({time.perf_counter() - t:.1f} s to build)"
        )
        base_kib, base_s = measure("iterate", folder)
        print(f"{'task':<10} {'peak RSS':>12} {'ratio':>7} {'seconds':>8}")
        print(f"{'iterate':<10} {base_kib / 1024:>9.1f} MiB {1:>7.2f} {base_s:>8.2f}")
        for task in [t for t in args.tasks.split(",") if t]:
            kib, secs = measure(task, folder)
            print(f"{task:<10} {kib / 1024:>9.1f} MiB {kib / base_kib:>7.2f} {secs:>8.2f}")


if __name__ == "__main__":
    main()
