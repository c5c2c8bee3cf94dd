"""XML benchmark: the XML loader, build and store write against edgartools' parse.

For every Schedule 13D/13G XML file of ../shared/corpus and ../shared/corpus-2026, times
in the same run:

- lxml's parse alone (the floor);
- edgartools' ``Schedule13D.parse_xml`` / ``Schedule13G.parse_xml`` (which gives a
  dict of the cover values; no graph, no store);
- ownergraph's XML loader (``load_file``) alone, then loader + build (the filing's
  quads made, no store), then loader + build + write into a fresh on-disk store (one
  transaction per filing, as ``ownergraph load`` does);
- the store's own floor: the same quads (read back from a loaded store) written into a
  fresh on-disk Oxigraph store with one ``extend`` per filing and nothing else;

and prints each against edgartools' time (the target: the full load within 5x). Every
figure is the best of ``--repeat`` runs, wall time and the CPU time of that run
(``time.process_time``: this process and its threads, so the store's own threads too),
with the load average before and after: the machine is shared.

edgartools is not a dependency of ownergraph. It runs in its own virtual environment,
made on first use at ``$EDGARTOOLS_VENV`` (default ``/tmp/edgartools-venv``) with
``python -m venv`` and ``pip install edgartools``; when that cannot be installed the
benchmark says so and compares against lxml only.

Run: ``python benchmarks/xml_vs_edgartools.py [--repeat 3] [--limit N]``
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
VENV = Path(os.environ.get("EDGARTOOLS_VENV", "/tmp/edgartools-venv"))

_EDGARTOOLS = r"""
import json, sys, time
from pathlib import Path
from edgar.beneficial_ownership import Schedule13D, Schedule13G
texts = [Path(p).read_text(encoding="utf-8", errors="replace") for p in sys.argv[2:]]
best, cpu = float("inf"), 0.0
for _ in range(int(sys.argv[1])):
    t0, c0 = time.perf_counter(), time.process_time()
    ok = 0
    for t in texts:
        parser = Schedule13D if "<schedule13D" in t or "13D" in t[:2000] else Schedule13G
        try:
            parser.parse_xml(t)
            ok += 1
        except Exception:
            pass
    if time.perf_counter() - t0 < best:
        best, cpu = time.perf_counter() - t0, time.process_time() - c0
print(json.dumps({"seconds": best, "cpu": cpu, "parsed": ok}))
"""


def _timed(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """The best wall time of ``repeat`` calls of ``fn`` and the CPU time of that call."""
    best, cpu = float("inf"), 0.0
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall = time.perf_counter() - t0
        if wall < best:
            best, cpu = wall, time.process_time() - c0
    return best, cpu


def _load_average() -> str:
    return "-".join(f"{x:.1f}" for x in os.getloadavg())


def _xml_files() -> list[Path]:
    files = []
    for folder in (SHARED / "corpus" / "filings", SHARED / "corpus-2026" / "filings"):
        if folder.is_dir():
            files += sorted(p for p in folder.glob("*.xml") if "metadata" not in p.name)
    return files


def _edgartools_python() -> Path | None:
    python = VENV / "bin" / "python"
    if not python.exists():
        try:
            subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
            subprocess.run(
                [str(python), "-m", "pip", "install", "-q", "edgartools"],
                check=True,
                capture_output=True,
            )
        except (subprocess.CalledProcessError, OSError) as e:
            print(f"edgartools could not be installed ({e}): comparing with lxml only")
            return None
    return python


def _loadable(files: list[Path]) -> tuple[list[Path], list[str]]:
    """The files a load takes, and one line for each that makes it raise (a load-path
    bug: ``load_paths`` reports bad input itself), found one file at a time only when
    the whole load fails."""
    from ownergraph import api

    with tempfile.TemporaryDirectory() as tmp:
        store = api.open_store(Path(tmp) / "store")
        try:
            api.load_paths(store, files)
            return files, []
        except Exception:
            pass
        finally:
            store.close()
    good, broken = [], []
    for f in files:
        with tempfile.TemporaryDirectory() as tmp:
            store = api.open_store(Path(tmp) / "store")
            try:
                api.load_paths(store, [f])
                good.append(f)
            except Exception as e:
                broken.append(f"{f.name}: {type(e).__name__}: {e}")
            finally:
                store.close()
    return good, broken


def main() -> int:
    from lxml import etree

    from ownergraph import api
    from ownergraph.errors import LoadError
    from ownergraph.graph.build import build_triples
    from ownergraph.loaders import load_file

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--limit", type=int, default=0, help="only the first N files (0: all)")
    args = ap.parse_args()
    files = _xml_files()[: args.limit or None]
    if not files:
        print(f"no XML filings under {SHARED}: nothing to measure")
        return 0
    n = len(files)
    load_before = _load_average()
    parser = etree.XMLParser(recover=True, huge_tree=True)
    t_lxml = _timed(lambda: [etree.fromstring(f.read_bytes(), parser) for f in files], args.repeat)

    def loader() -> list[object]:
        records = []
        for f in files:
            with contextlib.suppress(LoadError):
                records.append(load_file(f))
        return records

    records = loader()  # warm the readers' one-time tables (country names) before timing
    t_loader = _timed(loader, args.repeat)
    t_build = _timed(lambda: [build_triples(r) for r in loader()], args.repeat)

    def full(chosen: list[Path]) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            store = api.open_store(Path(tmp) / "store")
            api.load_paths(store, chosen)
            store.close()

    good, broken = _loadable(files)
    t_full = _timed(lambda: full(good), args.repeat)
    t_store = _timed(_store_floor(good), args.repeat)
    del records
    print(f"{n} XML files (load average {load_before} before, {_load_average()} after)")
    for line in broken:
        print(f"  load failed (left out of the full load): {line}")
    edgar = None
    python = _edgartools_python()
    if python is not None:
        out = subprocess.run(
            [str(python), "-c", _EDGARTOOLS, str(args.repeat), *map(str, files)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        r = json.loads(out.strip().splitlines()[-1])
        edgar = (r["seconds"], r.get("cpu", r["seconds"]))
    base = edgar or t_lxml
    what = "edgartools" if edgar else "lxml"
    per = max(len(good), 1)
    rows = [("lxml parse", t_lxml, n), ("edgartools parse_xml", edgar, n)]
    rows += [("ownergraph loader", t_loader, n), ("loader + build (no store)", t_build, n)]
    rows += [("loader + build + store", t_full, per), ("store floor (extend only)", t_store, per)]
    print(f"{'':28}{'wall ms/file':>13}{'CPU ms/file':>13}  wall, CPU against {what}")
    for label, t, count in rows:
        if t is None:
            continue
        wall, cpu = t[0] * n / count, t[1] * n / count  # the time for all n files
        print(
            f"{label + ':':28}{wall * 1000 / n:13.2f}{cpu * 1000 / n:13.2f}  "
            f"{wall / base[0]:6.1f}x {cpu / base[1]:6.1f}x"
        )
    print(f"load average after: {_load_average()}")
    return 0


def _store_floor(files: list[Path]) -> Callable[[], None]:
    """Writing the quads that loading ``files`` gives into a fresh on-disk store, one
    atomic ``extend`` per filing graph, and nothing else: what the store itself costs."""
    import pyoxigraph as ox

    from ownergraph import api

    with tempfile.TemporaryDirectory() as tmp:
        store = api.open_store(Path(tmp) / "store")
        api.load_paths(store, files)
        graphs: dict[object, list[object]] = {}
        for q in store.iter_quads():
            graphs.setdefault(q.graph_name, []).append(q)
        store.close()

    def write() -> None:
        with tempfile.TemporaryDirectory() as tmp:
            st = ox.Store(str(Path(tmp) / "store"))
            for quads in graphs.values():
                st.extend(quads)
            st.flush()
            del st

    return write


if __name__ == "__main__":
    raise SystemExit(main())
