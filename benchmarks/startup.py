"""Start-up benchmark: ``ownergraph --help``, ``--version`` and the read commands
against the floor.

Runs each command many times as a new process (like hyperfine) and prints the median
and minimum wall time and the median CPU time (the children's ``getrusage``) beside
floors measured in the same run: a bare ``python -c pass``, ``python -c "import
click"`` (the CLI's one unavoidable import) and, for the commands on a store, ``python
-c "import click, rdflib, pyoxigraph"`` (what opening a store imports: the store module
is written on rdflib; ``chain`` adds networkx, in its own floor row). Also lists which
heavy libraries importing the CLI loads (none, when the imports are lazy) and, with
``--store``, which each read command loads.

With ``--store DIR`` (a store on disk, e.g. one made by ``synthetic_graph.py``;
``--entity`` and ``--holder`` name its probes, read from ``DIR.json`` when it exists)
it also times ``chain``, ``show``, ``query control-chain -p entity=`` and ``query
holdings -p holder=`` with ``--format json``. The load average is printed with the
figures: wall times on a shared machine are only comparable as ratios within one run.

Run: ``python benchmarks/startup.py [--runs 15] [--store DIR [--entity NAME --holder NAME]]``
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

__all__ = ["HEAVY", "main", "timed"]

HEAVY = ("rdflib", "pyoxigraph", "networkx", "pyshacl", "pyvis", "rich")
#: heavy modules a read command should not need (see tests/test_command_imports.py)
UNNEEDED = (
    "rdflib.plugins.sparql",
    "oxrdflib",
    "fingerprints",
    "normality",
    "networkx",
    "pyshacl",
    "pyvis",
    "httpx",
    "ownergraph.loaders",
)

_MODULES = """
import atexit, json, runpy, sys
OUT = sys.argv[1]
def _report():
    with open(OUT, "w") as f:
        json.dump(sorted(sys.modules), f)
atexit.register(_report)
sys.argv = ["ownergraph", *sys.argv[2:]]
runpy.run_module("ownergraph", run_name="__main__", alter_sys=True)
"""


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def timed(args: list[str], runs: int) -> tuple[float, float, float]:
    """Median and minimum wall time and median CPU time of ``python args`` over
    ``runs`` runs."""
    times, cpus = [], []
    for _ in range(runs):
        t0, c0 = time.perf_counter(), _children_cpu()
        subprocess.run([sys.executable, *args], capture_output=True, check=True)
        times.append(time.perf_counter() - t0)
        cpus.append(_children_cpu() - c0)
    return statistics.median(times), min(times), statistics.median(cpus)


def _loaded(args: list[str], tmp: Path) -> list[str]:
    """The modules of :data:`UNNEEDED` that ``ownergraph args`` ends with."""
    out = tmp / "modules.json"
    subprocess.run(
        [sys.executable, "-c", _MODULES, str(out), *args], capture_output=True, check=True
    )
    modules = json.loads(out.read_text())
    return sorted({n for n in UNNEEDED for m in modules if m == n or m.startswith(n + ".")})


def _store_cases(store: Path, entity: str, holder: str) -> list[tuple[str, list[str]]]:
    s = ["-m", "ownergraph", "--store", str(store)]
    j = ["--format", "json"]
    return [
        ("chain", [*s, "chain", entity, *j]),
        ("show", [*s, "show", entity, *j]),
        ("query control-chain", [*s, "query", "control-chain", "-p", f"entity={entity}", *j]),
        ("query holdings -p holder=", [*s, "query", "holdings", "-p", f"holder={holder}", *j]),
    ]


def main(argv: list[str] | None = None) -> None:
    """Time every case and print the table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--store", type=Path, help="also time the read commands on this store")
    ap.add_argument("--entity", help="the entity of chain, show and control-chain")
    ap.add_argument("--holder", help="the holder of the holdings query")
    args = ap.parse_args(argv)
    probe = (
        "import sys; from ownergraph.cli import cli; "
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & {set(HEAVY)!r}))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.strip()
    print(f"heavy libraries loaded by importing the CLI: {loaded}")
    print(f"load average at the start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    floor, _, _ = timed(["-c", "pass"], args.runs)
    cases = [
        ("python -c pass", ["-c", "pass"]),
        ("python -c 'import click'", ["-c", "import click"]),
        ("ownergraph --version", ["-m", "ownergraph", "--version"]),
        ("ownergraph --help", ["-m", "ownergraph", "--help"]),
    ]
    store_floor = ["-c", "import click, rdflib, pyoxigraph"]
    if args.store:
        probes = Path(f"{args.store}.json")
        known = json.loads(probes.read_text()) if probes.is_file() else {}
        entity = args.entity or known.get("issuer")
        holder = args.holder or known.get("holder")
        if not entity or not holder:
            raise SystemExit("--store needs --entity and --holder (or DIR.json with them)")
        cases += [
            ("floor: click+rdflib+pyoxigraph", store_floor),
            ("floor: ... + networkx", ["-c", "import click, rdflib, pyoxigraph, networkx"]),
            *_store_cases(args.store, entity, holder),
        ]
    print(f"{'command':34} {'median':>9} {'min':>9} {'CPU':>9} {'× bare python':>14}")
    for label, cmd in cases:
        med, low, cpu = timed(cmd, args.runs)
        print(
            f"{label:34} {med * 1000:7.0f}ms {low * 1000:7.0f}ms {cpu * 1000:7.0f}ms "
            f"{med / floor:14.1f}"
        )
    if args.store:
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            for label, cmd in _store_cases(args.store, entity, holder):
                print(f"{label:34} loads: {_loaded(cmd[2:], Path(tmp)) or 'none of them'}")
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
