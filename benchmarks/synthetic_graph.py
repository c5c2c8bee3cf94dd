"""Synthetic ownership graph benchmark: entity questions at 10k, 100k (and 1M) entities.

Generates an ownership graph in the project's vocabulary (entities with names, CIKs and
fingerprints; ``og:Holding`` nodes with share counts and percentages; ``og:Control``
links; ``og:owns`` / ``og:controls`` edges; a source span behind every fact; one named
graph per synthetic filing), bulk-loads it into an Oxigraph store on disk, and times

- the store: load time, size on disk, peak and current RSS;
- as library calls: ``api.chain``, ``api.show``, the ``control-chain`` and
  ``ultimate-controllers`` named queries and ``holdings -p holder=`` (an
  entity-parameter query), each on an entity deep in the graph;
- as commands: the same through ``ownergraph --store DIR ...`` (a new process each);
- the floor: networkx's BFS (``nx.ancestors``) over the same edges, in memory;

and prints each time with its ratio to the floor, measured in the same run.

The shape, per group of four companies (``top`` controls ``mid`` wholly, ``mid``
controls ``leaf`` by majority): each group files one or two joint 13Ds on issuers,
where the leaf holds the shares directly and its parents report the same shares
indirectly (the look-through pattern of joint filers); three groups in ten have their
top company held (10-40 %) by the leaf of an earlier group, in a 13G, so that chains
reach several groups up. The generator is deterministic for a given size and seed.

It writes quads straight to Oxigraph (``bulk_extend``), not through the loaders: the
benchmark is about answering questions on a large store, not about loading (see the
load benchmarks for that). Run it against an older checkout with ``PYTHONPATH`` to get
the "before" figures::

    python benchmarks/synthetic_graph.py --sizes 10000 100000 [--repeat 5] [--no-commands]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox

from ownergraph import api
from ownergraph.graph.store import GraphStore
from ownergraph.normalize.names import fingerprint

__all__ = ["Synthetic", "generate", "main"]

OG = "https://w3id.org/ownergraph/ontology#"
ID = "https://w3id.org/ownergraph/id/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
DERIVED = ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
XSD = "http://www.w3.org/2001/XMLSchema#"

_WORDS = [
    "Alder",
    "Birch",
    "Cedar",
    "Dune",
    "Elm",
    "Fjord",
    "Grove",
    "Heath",
    "Iris",
    "Juniper",
    "Kestrel",
    "Larch",
    "Maple",
    "Nimbus",
    "Oak",
    "Pine",
    "Quarry",
    "Rowan",
    "Sable",
    "Thistle",
    "Umber",
    "Vale",
    "Willow",
    "Yarrow",
    "Zephyr",
    "Aspen",
    "Brook",
    "Cliff",
    "Delta",
    "Ember",
    "Flint",
    "Granite",
    "Harbor",
    "Indigo",
    "Jasper",
    "Knoll",
    "Lumen",
    "Meadow",
    "North",
    "Onyx",
    "Prairie",
]
_KINDS = ("Holdings", "Capital", "Partners", "Investments", "Industries", "Resources")
_FORMS = ("Inc.", "LLC", "Ltd.", "L.P.", "Corp.")


def _n(local: str) -> ox.NamedNode:
    return ox.NamedNode(OG + local)


def _s(text: str) -> ox.Literal:
    return ox.Literal(text)


def _int(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "integer"))


def _dec(value: str) -> ox.Literal:
    return ox.Literal(value, datatype=ox.NamedNode(XSD + "decimal"))


def _date(value: str) -> ox.Literal:
    return ox.Literal(value, datatype=ox.NamedNode(XSD + "date"))


@dataclass
class Synthetic:
    """A generated graph: its quads' count, its edges (owner -> owned) and probes."""

    entities: int
    names: dict[int, str] = field(default_factory=dict)
    edges: list[tuple[int, int]] = field(default_factory=list)
    quads: int = 0
    deep_issuer: int = -1
    deep_holder: int = -1


def _name(i: int, rng: random.Random) -> str:
    return (
        f"{rng.choice(_WORDS)} {rng.choice(_WORDS)} {rng.choice(_KINDS)} {i} {rng.choice(_FORMS)}"
    )


def _iri(i: int) -> ox.NamedNode:
    return ox.NamedNode(f"{ID}cik/{1_000_000 + i:010d}")


def generate(entities: int, seed: int = 2026) -> tuple[Synthetic, Iterator[ox.Quad]]:
    """The graph of about ``entities`` entities: a summary and its quads (lazily).

    Examples
    --------
    >>> syn, quads = generate(200)
    >>> n = sum(1 for _ in quads)
    >>> syn.quads == n and n > 200 * 10 and syn.deep_issuer >= 0
    True
    """
    rng = random.Random(seed)
    groups = entities * 6 // 40  # 60 % of the entities in groups of four
    issuers = entities - groups * 4
    syn = Synthetic(entities)
    for i in range(entities):
        syn.names[i] = _name(i, rng)
    first_issuer = groups * 4
    plan: list[tuple[str, int, list[int]]] = []  # (kind, issuer, group members / holder)
    for g in range(groups):
        top, mid, leaf = 4 * g, 4 * g + 1, 4 * g + 2
        for _ in range(rng.choice((1, 2))):
            plan.append(("13D", first_issuer + rng.randrange(max(issuers, 1)), [top, mid, leaf]))
        if g > 0 and rng.random() < 0.3:
            other = rng.randrange(g)
            plan.append(("13G", top, [4 * other + 2]))
    seen: dict[int, int] = {}

    def quads() -> Iterator[ox.Quad]:
        day = 0
        for n, (kind, issuer, members) in enumerate(plan):
            acc = f"{9_000_000_000 + n:010d}-26-{n % 1_000_000:06d}"
            firi = ox.NamedNode(f"{ID}filing/{acc}")
            day = (day + 1) % 300
            date = f"2025-{1 + day // 28:02d}-{1 + day % 28:02d}"
            for q in _filing(firi, acc, date, kind, issuer, members, syn, rng):
                syn.quads += 1
                s, p, o = q
                yield ox.Quad(s, p, o, firi)
            if kind == "13D":
                top, mid, leaf = members
                syn.edges += [(leaf, issuer), (mid, leaf), (top, mid)]
            else:
                syn.edges.append((members[0], issuer))
            seen[issuer] = seen.get(issuer, 0) + 1
        # probes: an issuer held by a group whose top is held from above, and its leaf
        depth = _depths(syn.edges)
        held = [i for i in range(first_issuer, entities) if i in depth]
        syn.deep_issuer = max(held, key=lambda i: (depth[i], -i)) if held else 0
        holders = [a for a, b in syn.edges if b == syn.deep_issuer]
        syn.deep_holder = min(holders) if holders else 0

    return syn, quads()


def _depths(edges: list[tuple[int, int]]) -> dict[int, int]:
    g = nx.DiGraph(edges)
    out: dict[int, int] = {}
    for n in nx.topological_sort(g):
        out[n] = max((out[p] + 1 for p in g.predecessors(n)), default=0)
    return out


def _entity(i: int, firi: ox.NamedNode, syn: Synthetic) -> Iterator[tuple[Any, ...]]:
    e, name = _iri(i), syn.names[i]
    fp = fingerprint(name)
    yield e, RDF_TYPE, _n("LegalEntity")
    yield e, RDF_TYPE, _n("Company")
    yield e, LABEL, _s(name)
    yield e, _n("cik"), _s(f"{1_000_000 + i:010d}")
    yield e, _n("fingerprint"), _s(fp)
    for token in sorted(set(fp.split())):
        yield e, _n("nameToken"), _s(token)
    yield e, _n("kind"), _s("company")
    yield e, _n("filing"), firi


def _span(
    firi: ox.NamedNode, about: ox.NamedNode, path: str, quote: str
) -> Iterator[tuple[Any, ...]]:
    s = ox.NamedNode(f"{firi.value}/source/{path}/record")
    yield s, RDF_TYPE, _n("SourceSpan")
    yield s, LABEL, _s(f"Item 4: “{quote}”")
    yield s, DERIVED, firi
    yield s, _n("about"), about
    yield s, _n("field"), _s("record")
    yield s, _n("quote"), _s(quote)
    yield s, _n("section"), _s("Item 4")
    yield about, _n("source"), s


def _filing(
    firi: ox.NamedNode,
    acc: str,
    date: str,
    kind: str,
    issuer: int,
    members: list[int],
    syn: Synthetic,
    rng: random.Random,
) -> Iterator[tuple[Any, ...]]:
    iss = _iri(issuer)
    yield firi, RDF_TYPE, _n("Filing")
    yield firi, RDF_TYPE, _n("Schedule13DFiling" if kind == "13D" else "Schedule13GFiling")
    yield firi, LABEL, _s(f"SC {kind} for {syn.names[issuer]}, {acc}")
    yield firi, _n("accession"), _s(acc)
    yield firi, _n("form"), _s(f"SC {kind}")
    yield firi, _n("schedule"), _s(kind)
    yield firi, _n("filedDate"), _date(date)
    yield firi, _n("issuer"), iss
    yield from _entity(issuer, firi, syn)
    for m in members:
        yield from _entity(m, firi, syn)
        yield firi, _n("reportingPerson"), _iri(m)
    shares = rng.randrange(100_000, 50_000_000)
    pct = f"{rng.randrange(50, 400) / 10:.1f}" if kind == "13D" else f"{rng.randrange(10, 40)}.0"
    leaf = members[-1]
    for n, holder in enumerate(members, 1):
        h = ox.NamedNode(f"{firi.value}/holding/cover/{n}")
        yield h, RDF_TYPE, _n("Holding")
        yield h, LABEL, _s(f"Holding: {syn.names[holder]} in {syn.names[issuer]} securities")
        yield h, _n("holder"), _iri(holder)
        yield h, _n("issuer"), iss
        yield h, _n("filing"), firi
        yield h, _n("shares"), _int(shares)
        yield h, _n("percentOfClass"), _dec(pct)
        yield (
            h,
            _n("direct"),
            ox.Literal(
                "true" if holder == leaf else "false", datatype=ox.NamedNode(XSD + "boolean")
            ),
        )
        yield h, _n("asOf"), _date(date)
        yield _iri(holder), _n("owns"), iss
        yield from _span(firi, h, f"holding/cover/{n}", f"{shares:,} shares, {pct}%")
    if kind == "13D":
        for n, (upper, lower, how, p) in enumerate(
            ((members[0], members[1], "wholly owned", "100"), (members[1], leaf, "majority", "60")),
            1,
        ):
            c = ox.NamedNode(f"{firi.value}/control/{n}")
            yield c, RDF_TYPE, _n("Control")
            yield c, LABEL, _s(f"Control: {syn.names[upper]} controls {syn.names[lower]} ({how})")
            yield c, _n("controller"), _iri(upper)
            yield c, _n("controlled"), _iri(lower)
            yield c, _n("filing"), firi
            yield c, _n("kind"), _s(how)
            yield c, _n("percent"), _dec(p)
            yield _iri(upper), _n("controls"), _iri(lower)
            yield from _span(firi, c, f"control/{n}", f"{syn.names[upper]} owns {p}%")


def _rss_mb() -> tuple[float, float]:
    """Current and peak resident memory of this process, in MB."""
    with open("/proc/self/statm") as f:
        current = int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    return current, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _du(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def _best(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """The best wall time and the best CPU time of this process over ``repeat`` runs
    (the CPU time tells the work apart from waiting on a shared machine)."""
    times, cpus = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        times.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    return min(times), min(cpus)


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _command(args: list[str], repeat: int) -> tuple[float, float]:
    """Median wall time and median CPU time of the command, as a new process."""
    exe = [sys.executable, "-m", "ownergraph", *args]
    times, cpus = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), _children_cpu()
        done = subprocess.run(exe, capture_output=True, text=True, check=False)
        times.append(time.perf_counter() - t0)
        cpus.append(_children_cpu() - c0)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(args)} failed: {done.stderr.strip()[-300:]}")
    return statistics.median(times), statistics.median(cpus)


def run(
    size: int,
    repeat: int,
    commands: bool,
    budget: float,
    only: list[str] | None = None,
    keep: Path | None = None,
) -> dict[str, float]:
    """Build the graph of ``size`` entities, time everything, print and return it.

    With ``keep``, the store is made in ``keep/store`` and left there, its probes in
    ``keep/store.json``, for later runs with ``--existing keep/store``."""
    tmp = keep or Path(tempfile.mkdtemp(prefix="og-synthetic-"))
    tmp.mkdir(parents=True, exist_ok=True)
    try:
        syn, quads = generate(size)
        t0 = time.perf_counter()
        ox_store = ox.Store(str(tmp / "store"))
        ox_store.bulk_extend(quads)
        ox_store.flush()
        ox_store.optimize()
        load = time.perf_counter() - t0
        del ox_store
        out: dict[str, float] = {"load_s": load, "quads": syn.quads}
        rss, peak = _rss_mb()
        out |= {"disk_mb": _du(tmp / "store"), "rss_mb": rss, "peak_rss_mb": peak}
        print(
            f"\n== {size:,} entities: {syn.quads:,} quads, loaded in {load:.1f} s, "
            f"{out['disk_mb']:.0f} MB on disk, RSS {rss:.0f} MB (peak {peak:.0f} MB)"
        )
        g = nx.DiGraph(syn.edges)
        target, holder = syn.deep_issuer, syn.deep_holder
        if keep is not None:
            probes = {"issuer": syn.names[target], "holder": syn.names[holder], "quads": syn.quads}
            (tmp / "store.json").write_text(json.dumps(probes))
        floor = _best(lambda: nx.ancestors(g, target), max(repeat, 20))[0]
        print(f"   networkx BFS floor (ancestors of the probe): {floor * 1e6:.1f} µs")
        out |= _time_cases(
            tmp / "store",
            syn.names[target],
            syn.names[holder],
            repeat,
            commands,
            budget,
            only,
            floor,
        )
        return out
    finally:
        if keep is None:
            shutil.rmtree(tmp, ignore_errors=True)


def _time_cases(
    path: Path,
    name: str,
    hname: str,
    repeat: int,
    commands: bool,
    budget: float,
    only: list[str] | None,
    floor: float | None = None,
) -> dict[str, float]:
    """Time the entity questions on the store at ``path`` (probe issuer ``name``, probe
    holder ``hname``) as library calls and, with ``commands``, as new processes."""
    out: dict[str, float] = {}
    store = GraphStore.open(path, read_only=True)
    cases: list[tuple[str, Callable[[], object], list[str]]] = [
        ("chain", lambda: api.chain(store, name), ["chain", name, "--format", "json"]),
        ("show", lambda: api.show(store, name), ["show", name, "--format", "json"]),
        (
            "control-chain",
            lambda: api.run_query(store, "control-chain", {"entity": name}),
            ["query", "control-chain", "-p", f"entity={name}", "--format", "json"],
        ),
        (
            "ultimate-controllers",
            lambda: api.run_query(store, "ultimate-controllers", {"entity": name}),
            ["query", "ultimate-controllers", "-p", f"entity={name}", "--format", "json"],
        ),
        (
            "holdings -p holder=",
            lambda: api.run_query(store, "holdings", {"holder": hname}),
            ["query", "holdings", "-p", f"holder={hname}", "--format", "json"],
        ),
    ]
    if only:
        cases = [c for c in cases if c[0].split()[0] in only]
    ratio = "wall × BFS" if floor else ""
    print(f"   {'library call':24} {'wall':>10} {'CPU':>10} {ratio:>11}")
    for label, fn, _ in cases:
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        t, c = time.perf_counter() - t0, time.process_time() - c0
        if t <= budget:
            t, c = _best(fn, repeat)
        out[f"lib {label}"], out[f"lib cpu {label}"] = t, c
        times = f"{t / floor:11.0f}" if floor else ""
        print(f"   {label:24} {t * 1000:7.1f} ms {c * 1000:7.1f} ms {times}")
    store.close()
    if commands:
        print(f"   {'command':24} {'wall':>10} {'CPU':>10}")
        for label, _, args in cases:
            t, c = _command(["--store", str(path), *args], 3)
            out[f"cmd {label}"], out[f"cmd cpu {label}"] = t, c
            print(f"   {label:24} {t * 1000:7.0f} ms {c * 1000:7.0f} ms")
    return out


def main(argv: list[str] | None = None) -> None:
    """Parse the arguments and run every size."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--no-commands", action="store_true")
    ap.add_argument(
        "--budget", type=float, default=5.0, help="a call slower than this is timed once"
    )
    ap.add_argument("--json", type=Path, help="also write the figures here")
    ap.add_argument("--only", nargs="+", help="only these calls (chain, show, holdings ...)")
    ap.add_argument(
        "--keep", type=Path, help="make the store in DIR/store and keep it (one size only)"
    )
    ap.add_argument(
        "--existing",
        type=Path,
        help="time the questions on this store (made earlier; its probes in DIR.json: "
        "issuer, holder), without generating one; run it under each checkout's PYTHONPATH "
        "for before/after figures on the same store",
    )
    args = ap.parse_args(argv)
    if args.existing:
        probes = json.loads(Path(f"{args.existing}.json").read_text())
        print(f"== {args.existing}: {probes.get('quads', '?'):,} quads (existing store)")
        results = {
            str(args.existing): _time_cases(
                args.existing,
                probes["issuer"],
                probes["holder"],
                args.repeat,
                not args.no_commands,
                args.budget,
                args.only,
            )
        }
        if args.json:
            args.json.write_text(json.dumps(results, indent=2))
        return
    results = {
        str(s): run(s, args.repeat, not args.no_commands, args.budget, args.only, args.keep)
        for s in args.sizes
    }
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
