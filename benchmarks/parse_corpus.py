"""Reader CPU benchmark: the loaders' CPU time per filing, by format, against a floor.

Reads every file of ../shared/corpus and the non-XML files of ../shared/corpus-2026
(or the PATHs given) with ``ownergraph.loaders.load_bytes`` in this one process (no
store, no graph: the readers alone), and measures in the same run the floor: a read of the
same files and an lxml parse (``lxml.etree`` for XML, ``lxml.html`` for everything else).

With ``--compare SRC`` the same measurement also runs in a child process whose
``ownergraph`` is imported from the folder ``SRC`` (for example an export of ``main``'s
``src``: ``git archive main src | tar -x -C /tmp/base``), so that a change is measured
against its baseline on the same machine at the same time.

Run: ``python benchmarks/parse_corpus.py [--repeat N] [--compare SRC] [PATH ...]``

Figures printed, per format (the detected one) and in total: files, CPU milliseconds per
filing (``time.process_time``, the best of ``--repeat`` fresh processes), filings per CPU-second,
the ratio to the floor, and the wall time and load average of the run.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from load_corpus import _floor as read_and_parse  # the floor: read + lxml parse

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEFAULT = [SHARED / "corpus" / "filings", SHARED / "corpus-2026" / "filings"]


def _files(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths or DEFAULT:
        if p.is_dir():
            found = sorted(f for f in p.iterdir() if f.is_file() and f.suffix != ".tsv")
            # corpus-2026 is mostly XML, which other benchmarks cover: its prose files only
            if not paths and p.parent.name == "corpus-2026":
                found = [f for f in found if f.suffix.lower() != ".xml"]
            out += found
        elif p.is_file():
            out.append(p)
    return out


def _measure(paths: list[Path]) -> dict[str, Any]:
    """Per format: files and CPU seconds of one pass of the loaders over every file.

    One pass per process: the readers remember names between filings (fingerprints,
    parsed person names), so a second pass in the same process would find them all
    remembered and measure less than a fresh worker does. Imports and compiled patterns
    are warmed up first on the repository's example filing.
    """
    from ownergraph.errors import LoadError
    from ownergraph.loaders import decode, detect_format, load_bytes, load_file

    files = _files(paths)
    data = {f: f.read_bytes() for f in files}
    fmt: dict[Path, str] = {}
    for f, raw in data.items():
        try:
            fmt[f] = detect_format(decode(raw))
        except (LoadError, UnicodeError):
            fmt[f] = "unreadable"
    for example in sorted((REPO / "examples").glob("*.md"))[:1]:
        with contextlib.suppress(LoadError):
            load_file(example)
    t0 = time.perf_counter()
    cpu: dict[str, float] = defaultdict(float)
    for f, raw in data.items():
        c0 = time.process_time()
        with contextlib.suppress(LoadError):
            load_bytes(raw, name=str(f))
        cpu[fmt[f]] += time.process_time() - c0
    wall = time.perf_counter() - t0
    counts: dict[str, int] = defaultdict(int)
    for k in fmt.values():
        counts[k] += 1
    return {
        "cpu": dict(cpu),
        "files": dict(counts),
        "floor": read_and_parse(files)["cpu"],
        "wall": wall,
        "load": os.getloadavg(),
    }


def _child(src: Path, paths: list[Path]) -> dict[str, Any]:
    """One pass in a fresh process importing ``ownergraph`` from ``src``."""
    env = dict(os.environ, PYTHONPATH=str(src))
    cmd = [sys.executable, __file__, "--child", *map(str, paths)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env).stdout
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result


def _best(runs: list[dict[str, Any]]) -> dict[str, Any]:
    return min(runs, key=lambda r: sum(r["cpu"].values()))


def _report(label: str, r: dict[str, Any]) -> None:
    n = sum(r["files"].values())
    per_file_floor = r["floor"] / n
    print(
        f"{label}: {n} files; floor (lxml parse) {per_file_floor * 1000:.2f} ms CPU per file; "
        f"run {r['wall']:.1f} s wall, load average {r['load'][0]:.2f}"
    )
    rows = [*sorted(r["cpu"].items()), ("all", sum(r["cpu"].values()))]
    for k, cpu in rows:
        count = n if k == "all" else r["files"][k]
        per = cpu / count
        print(
            f"  {k:10} {count:4} files  {per * 1000:8.1f} ms CPU/filing  "
            f"{count / max(cpu, 1e-9):6.1f} per CPU-s  {per / max(per_file_floor, 1e-9):6.0f}x floor"
        )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--compare", type=Path, default=None, help="a baseline src folder")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(_measure(args.paths)))
        return 0
    # baseline and this tree take turns, so that both see the same load
    base_runs: list[dict[str, Any]] = []
    here_runs: list[dict[str, Any]] = []
    for _ in range(args.repeat):
        if args.compare:
            base_runs.append(_child(args.compare, args.paths))
        here_runs.append(_child(REPO / "src", args.paths))
    base = _best(base_runs) if base_runs else None
    here = _best(here_runs)
    if base is not None:
        _report(f"baseline ({args.compare})", base)
    _report("this tree", here)
    if base is not None:
        total_base, total_here = sum(base["cpu"].values()), sum(here["cpu"].values())
        print(f"CPU this tree / baseline: {total_here / total_base:.2f}")
        for k in sorted(here["cpu"]):
            if k in base["cpu"]:
                print(f"  {k:10} {here['cpu'][k] / base['cpu'][k]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
