"""Start-up benchmark: ``ownergraph --help`` and ``--version`` against the floor.

Runs each command many times as a new process (like hyperfine) and prints the median
and minimum wall time beside two floors measured in the same run: a bare
``python -c pass`` and ``python -c "import click"`` (the CLI's one unavoidable
import). Also lists which heavy libraries (rdflib, pyoxigraph, networkx, pyshacl,
pyvis, rich) importing the CLI loads: none, when the imports are lazy.

Run: ``python benchmarks/startup.py [--runs 15]``
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

__all__ = ["HEAVY", "main", "timed"]

HEAVY = ("rdflib", "pyoxigraph", "networkx", "pyshacl", "pyvis", "rich")


def timed(args: list[str], runs: int) -> tuple[float, float]:
    """Median and minimum wall time of ``python args`` over ``runs`` runs."""
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, *args], capture_output=True, check=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times), min(times)


def main(argv: list[str] | None = None) -> None:
    """Time every case and print the table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args(argv)
    probe = (
        "import sys; from ownergraph.cli import cli; "
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & {set(HEAVY)!r}))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.strip()
    print(f"heavy libraries loaded by importing the CLI: {loaded}")
    floor, _ = timed(["-c", "pass"], args.runs)
    cases = [
        ("python -c pass", ["-c", "pass"]),
        ("python -c 'import click'", ["-c", "import click"]),
        ("ownergraph --version", ["-m", "ownergraph", "--version"]),
        ("ownergraph --help", ["-m", "ownergraph", "--help"]),
    ]
    print(f"{'command':28} {'median':>9} {'min':>9} {'× bare python':>14}")
    for label, cmd in cases:
        med, low = timed(cmd, args.runs)
        print(f"{label:28} {med * 1000:7.0f}ms {low * 1000:7.0f}ms {med / floor:14.1f}")


if __name__ == "__main__":
    main()
