"""XML benchmark: the XML loader, build and store write against edgartools' parse.

For every Schedule 13D/13G XML file of ../shared/corpus and ../shared/corpus-2026, times
in the same run:

- lxml's parse alone (the floor);
- edgartools' ``Schedule13D.parse_xml`` / ``Schedule13G.parse_xml`` (which gives a
  dict of the cover values; no graph, no store);
- ownergraph's XML loader (``load_file``) alone, then loader + build + write into a
  fresh on-disk store (one transaction per filing, as ``ownergraph load`` does);

and prints each against edgartools' time (the target: the full load within 5x).

edgartools is not a dependency of ownergraph. It runs in its own virtual environment,
made on first use at ``$EDGARTOOLS_VENV`` (default ``/tmp/edgartools-venv``) with
``python -m venv`` and ``pip install edgartools``; when that cannot be installed the
benchmark says so and compares against lxml only.

Run: ``python benchmarks/xml_vs_edgartools.py [--repeat 3]``
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from timing import best_of

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
VENV = Path(os.environ.get("EDGARTOOLS_VENV", "/tmp/edgartools-venv"))

_EDGARTOOLS = r"""
import json, sys, time
from pathlib import Path
from edgar.beneficial_ownership import Schedule13D, Schedule13G
texts = [Path(p).read_text(encoding="utf-8", errors="replace") for p in sys.argv[2:]]
best = float("inf")
for _ in range(int(sys.argv[1])):
    t0 = time.perf_counter()
    ok = 0
    for t in texts:
        parser = Schedule13D if "<schedule13D" in t or "13D" in t[:2000] else Schedule13G
        try:
            parser.parse_xml(t)
            ok += 1
        except Exception:
            pass
    best = min(best, time.perf_counter() - t0)
print(json.dumps({"seconds": best, "parsed": ok}))
"""


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
    from ownergraph.loaders import load_file

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    files = _xml_files()
    if not files:
        print(f"no XML filings under {SHARED}: nothing to measure")
        return 0
    n = len(files)
    parser = etree.XMLParser(recover=True, huge_tree=True)
    t_lxml = best_of(lambda: [etree.fromstring(f.read_bytes(), parser) for f in files], args.repeat)

    def loader() -> None:
        for f in files:
            with contextlib.suppress(LoadError):
                load_file(f)

    loader()  # warm the readers' one-time tables (country names) before timing
    t_loader = best_of(loader, args.repeat)

    def full(chosen: list[Path]) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            store = api.open_store(Path(tmp) / "store")
            api.load_paths(store, chosen)
            store.close()

    good, broken = _loadable(files)
    t_full = best_of(lambda: full(good), args.repeat)
    print(f"{n} XML files")
    for line in broken:
        print(f"  load failed (left out of the full load): {line}")
    print(f"lxml parse:                 {t_lxml * 1000 / n:8.2f} ms per file")
    edgar_time = None
    python = _edgartools_python()
    if python is not None:
        out = subprocess.run(
            [str(python), "-c", _EDGARTOOLS, str(args.repeat), *map(str, files)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        r = json.loads(out.strip().splitlines()[-1])
        edgar_time = r["seconds"]
        print(
            f"edgartools parse_xml:       {edgar_time * 1000 / n:8.2f} ms per file "
            f"({r['parsed']} parsed)"
        )
    base = edgar_time or t_lxml
    per_full = t_full * n / max(len(good), 1)  # the full load's time for n files
    what = "edgartools" if edgar_time else "lxml"
    print(
        f"ownergraph loader:          {t_loader * 1000 / n:8.2f} ms per file, "
        f"{t_loader / base:.1f}x {what}, {t_loader / t_lxml:.0f}x lxml"
    )
    print(
        f"loader + build + store:     {t_full * 1000 / max(len(good), 1):8.2f} ms per file, "
        f"{per_full / base:.1f}x {what}, {per_full / t_lxml:.0f}x lxml"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
