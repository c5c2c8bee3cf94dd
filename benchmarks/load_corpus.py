"""Corpus load benchmark: filings/s (wall and per CPU-second) and peak RSS.

Loads every filing of ../shared/corpus into a fresh on-disk store with ``--jobs 1`` and
``--jobs 2`` (each run in a fresh child process, so peak RSS is its own), and compares
with the floor measured in the same run: a plain read of the same files and an lxml
parse of each (XML with ``lxml.etree``, everything else with ``lxml.html``).

Run: ``python benchmarks/load_corpus.py [--jobs 1 2] [PATH ...]``

Figures printed: files, wall seconds, filings/s wall, filings per CPU-second (self and
children), peak RSS in MB (``resource.getrusage`` of self and of children), each load's
ratio to the floor, and how many worker builds the writer had to make again.

The store's own floor is measured in the first load's child: the quads that load wrote,
read back graph by graph and written into a fresh on-disk store with one ``extend`` (one
transaction) per filing, as the load's writer does. That CPU time is what one writer
pays for the store alone, so ``filings / time`` is the most a load can reach whatever
reading and building cost and however many cores do them.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "filings"


def _files(paths: list[Path]) -> list[Path]:
    from ownergraph.api import expand_paths

    files, _ = expand_paths(paths or [CORPUS])
    return files


def _cpu() -> float:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _peak_mb() -> tuple[float, float]:
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return me, kids


def _load_average() -> str:
    return "-".join(f"{x:.1f}" for x in os.getloadavg())


def _floor(files: list[Path]) -> dict[str, Any]:
    from lxml import etree, html

    t0, c0 = time.perf_counter(), _cpu()
    for f in files:
        data = f.read_bytes()
        try:
            if f.suffix.lower() == ".xml":
                etree.fromstring(data, etree.XMLParser(recover=True, huge_tree=True))
            else:
                html.document_fromstring(data)
        except (etree.ParserError, ValueError):
            pass
    return {"wall": time.perf_counter() - t0, "cpu": _cpu() - c0}


def _store_floor(store: Any) -> dict[str, Any]:
    """CPU seconds to write ``store``'s filing graphs again, one transaction each."""
    import pyoxigraph as ox

    graphs: dict[str, list[Any]] = {}
    for q in store._ox.quads_for_pattern(None, None, None, None):
        if isinstance(q.graph_name, ox.NamedNode) and "/filing/" in q.graph_name.value:
            graphs.setdefault(q.graph_name.value, []).append(q)
    with tempfile.TemporaryDirectory() as tmp:
        target = ox.Store(str(Path(tmp) / "floor"))
        c0 = time.process_time()
        for quads in graphs.values():
            target.extend(quads)
        target.flush()
        cpu = time.process_time() - c0
        del target
    return {"graphs": len(graphs), "quads": sum(map(len, graphs.values())), "cpu": cpu}


def _load(files: list[Path], jobs: int, floor: bool = False) -> dict[str, Any]:
    """One load into a fresh on-disk store (run in a child process)."""
    from ownergraph import api

    with tempfile.TemporaryDirectory() as tmp:
        store = api.open_store(Path(tmp) / "store")
        kwargs: dict[str, Any] = {}
        if "jobs" in inspect.signature(api.load_paths).parameters:
            kwargs["jobs"] = jobs
        t0, c0 = time.perf_counter(), _cpu()
        report = api.load_paths(store, files, **kwargs)
        wall, cpu = time.perf_counter() - t0, _cpu() - c0
        quads = len(store)
        me, kids = _peak_mb()  # the load's peak, before the floor reads every quad
        store_floor = _store_floor(store) if floor else None
        store.close()
    return {
        "wall": wall,
        "cpu": cpu,
        "loaded": len(report.loaded),
        "failed": len(report.failed),
        "quads": quads,
        "rss_self": me,
        "rss_children": kids,
        "jobs_supported": bool(kwargs),
        "rebuilt": getattr(report, "rebuilt", None),
        "store_floor": store_floor,
    }


def _child(jobs: int, paths: list[Path], floor: bool) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--child", str(jobs), *map(str, paths)]
    cmd += ["--store-floor"] if floor else []
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", type=Path)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)
    ap.add_argument("--store-floor", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child is not None:
        print(json.dumps(_load(_files(args.paths), args.child, args.store_floor)))
        return 0
    files = _files(args.paths)
    n = len(files)
    floor = _floor(files)
    print(f"{n} files, {os.cpu_count()} cores")
    print(
        f"floor (read + lxml parse): {floor['wall']:.2f} s wall, "
        f"{n / floor['wall']:.0f} files/s, {n / max(floor['cpu'], 1e-9):.0f} per CPU-s"
    )
    for i, jobs in enumerate(args.jobs):
        before = _load_average()
        r = _child(jobs, args.paths, floor=i == 0)
        label = f"--jobs {jobs}" if r["jobs_supported"] else "load (no --jobs)"
        print(
            f"{label}: {r['loaded']} loaded, {r['failed']} failed, {r['quads']} quads; "
            f"{r['wall']:.2f} s wall, {r['loaded'] / r['wall']:.1f} filings/s wall, "
            f"{r['loaded'] / max(r['cpu'], 1e-9):.1f} per CPU-s; "
            f"peak RSS {r['rss_self']:.0f} MB (workers {r['rss_children']:.0f} MB); "
            f"{r['wall'] / floor['wall']:.0f}x the floor's wall time "
            f"(load average {before} before, {_load_average()} after)"
            + (f"; worker builds made again by the writer: {r['rebuilt']}" if jobs > 1 else "")
        )
        sf = r["store_floor"]
        if sf:
            print(
                f"store floor: the same {sf['quads']} quads of {sf['graphs']} filings written "
                f"one transaction per filing into a fresh store: {sf['cpu']:.2f} CPU-s, "
                f"{sf['cpu'] / max(sf['quads'], 1) * 1e6:.1f} us a quad, "
                f"{sf['quads'] / max(sf['graphs'], 1):.0f} quads a filing: at most "
                f"{sf['graphs'] / max(sf['cpu'], 1e-9):.1f} filings/s for the one writer, "
                "with reading and building free"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
