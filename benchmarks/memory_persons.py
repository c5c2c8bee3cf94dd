"""Peak memory of one XML filing against its number of reporting persons, same run.

Builds synthetic Schedule 13D XML filings with N reporting persons (10, 100, 1,000,
3,000 by default) by repeating the ``reportingPersonInfo`` blocks of a real corpus file
(``../shared/corpus/filings``, each copy renamed and given its own CIK), and measures, each
in a fresh process so that peak RSS is that stage's own:

- ``lxml``: a plain ``lxml.etree.fromstring`` of the same bytes (the baseline);
- ``load``: :func:`ownergraph.loaders.load_bytes` (the record);
- ``build``: load and :func:`ownergraph.graph.build.build_graph` (the rdflib graph);
- ``store``: load, build and ``GraphStore.replace_graph`` into a temporary disk store;
- ``loadpath``: :func:`ownergraph.api.load_paths` of the file into a temporary disk store
  (what ``ownergraph load`` does: build, Oxigraph terms, one atomic write, rebuilds).

It prints peak RSS per stage, its ratio to the lxml baseline, and the growth in MB per
reporting person between consecutive sizes. The person limit
(``OWNERGRAPH_MAX_PERSONS``, default 1,000) is raised in the children so that the larger
sizes can be measured.

Run: ``python benchmarks/memory_persons.py [--persons 10 100 1000 3000] [--stages lxml load build store]``
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = (
    REPO.parent
    / "shared"
    / "corpus"
    / "filings"
    / "edgartools__SCHEDULE13D_xml__ARCH_Venture__Seaport_Therapeutics.xml"
)
STAGES = ("lxml", "load", "build", "store", "loadpath")


def synthetic(persons: int, sample: Path = SAMPLE) -> bytes:
    """A Schedule 13D XML filing with ``persons`` reporting persons, built from ``sample``."""
    src = sample.read_text(encoding="utf-8")
    blocks = re.findall(r"<reportingPersonInfo>.*?</reportingPersonInfo>", src, re.S)
    if not blocks:
        raise SystemExit(f"{sample}: no reportingPersonInfo block to repeat")
    first, last = src.index(blocks[0]), src.index(blocks[-1]) + len(blocks[-1])
    out = []
    for i in range(persons):
        b = blocks[i % len(blocks)]
        b = re.sub(
            r"<reportingPersonName>(.*?)</reportingPersonName>",
            lambda m, i=i: f"<reportingPersonName>{m.group(1)} {i + 1}</reportingPersonName>",
            b,
        )
        b = re.sub(
            r"<reportingPersonCIK>\d+</reportingPersonCIK>",
            f"<reportingPersonCIK>{9_000_000 + i:010d}</reportingPersonCIK>",
            b,
        )
        out.append(b)
    return (src[:first] + "\n".join(out) + src[last:]).encode("utf-8")


def _child(stage: str, path: str) -> None:
    """Run one stage on the file at ``path`` and print its peak RSS (KB) as JSON."""
    import resource

    data = Path(path).read_bytes()
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if stage == "lxml":
        from lxml import etree

        base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        root = etree.fromstring(data)
        assert root is not None
    elif stage == "loadpath":
        from ownergraph import api

        base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        with tempfile.TemporaryDirectory() as d:
            store = api.open_store(Path(d) / "store")
            report = api.load_paths(store, [Path(path)])
            store.close()
        if report.failed:
            raise SystemExit(f"{path}: {report.failed[0][1]}")
    else:
        from ownergraph.loaders import load_bytes

        if stage in ("build", "store"):
            from ownergraph.graph.build import build_graph
        if stage == "store":
            from ownergraph.graph.store import GraphStore
        base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        filing = load_bytes(data, name=Path(path).name)
        if stage in ("build", "store"):
            name, graph = build_graph(filing)
        if stage == "store":
            with tempfile.TemporaryDirectory() as d, GraphStore.open(Path(d) / "store") as st:
                st.replace_graph(name, graph)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"peak_kb": peak, "base_kb": base}))


def measure(stage: str, path: Path) -> tuple[float, float]:
    """``(peak RSS MB, MB above the process's RSS once its imports are done)`` of a stage."""
    env = dict(os.environ, OWNERGRAPH_MAX_PERSONS="1000000")
    out = subprocess.run(
        [sys.executable, __file__, "--child", stage, str(path)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if out.returncode != 0:
        raise SystemExit(f"stage {stage} failed on {path.name}: {out.stderr.strip()[-300:]}")
    got = json.loads(out.stdout.strip().splitlines()[-1])
    return got["peak_kb"] / 1024, (got["peak_kb"] - got["base_kb"]) / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--persons", type=int, nargs="+", default=[10, 100, 1000, 3000])
    ap.add_argument("--stages", nargs="+", default=list(STAGES), choices=STAGES)
    ap.add_argument("--child", nargs=2, metavar=("STAGE", "PATH"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        _child(*args.child)
        return 0
    if not SAMPLE.is_file():
        print(f"the sample filing is absent ({SAMPLE}): nothing to measure")
        return 0
    print(f"sample: {SAMPLE.name}; RSS in MB (growth: MB above the stage's imports)")
    print(f"{'persons':>8} {'XML MB':>7}  " + "  ".join(f"{s:>22}" for s in args.stages))
    previous: dict[str, tuple[int, float]] = {}
    with tempfile.TemporaryDirectory() as d:
        for n in args.persons:
            path = Path(d) / f"synthetic-{n}.xml"
            path.write_bytes(synthetic(n))
            cells = []
            lxml_growth = None
            for stage in args.stages:
                peak, growth = measure(stage, path)
                if stage == "lxml":
                    lxml_growth = max(growth, 0.1)
                ratio = f"x{growth / lxml_growth:,.0f}" if lxml_growth else ""
                per = ""
                if stage in previous and n > previous[stage][0]:
                    pn, pg = previous[stage]
                    per = f"{(growth - pg) / (n - pn) * 1024:,.0f}KB/p"
                previous[stage] = (n, growth)
                cells.append(f"{peak:6.0f} +{growth:6.0f} {ratio:>5} {per:>8}")
            size = path.stat().st_size / 1e6
            print(f"{n:>8} {size:7.2f}  " + "  ".join(f"{c:>22}" for c in cells))
    print("ratio: a stage's growth against lxml's growth on the same file (the baseline)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
