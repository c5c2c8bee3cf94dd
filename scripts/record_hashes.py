"""Hash every corpus filing's record, to show that a change to the readers changes no output.

Loads each file of ../shared/corpus and ../shared/corpus-2026 (or the folders given) with
:func:`ownergraph.loaders.load_file` and writes ``{path: sha256 of repr(record)}`` as JSON
(a file that does not load is hashed by its one-line error). With ``--compare OLD.json``
it prints how many records differ from an earlier dump, and exits 1 when any does.

Usage: ``python scripts/record_hashes.py OUT.json [--compare OLD.json] [FOLDER ...]``;
run it before a change (``git stash``, or ``PYTHONPATH`` at an export of ``main``'s
``src``) and after, and compare.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEFAULT = [SHARED / "corpus" / "filings", SHARED / "corpus-2026" / "filings"]


def record_hashes(folders: list[Path]) -> dict[str, str]:
    """``{path: sha256 of repr(record) or of the load error}`` for every file in ``folders``."""
    from ownergraph.errors import LoadError
    from ownergraph.loaders import load_file

    out: dict[str, str] = {}
    for folder in folders:
        for path in sorted(p for p in folder.iterdir() if p.is_file() and p.suffix != ".tsv"):
            try:
                shown = repr(load_file(path))
            except LoadError as e:
                shown = f"ERR {e}"
            out[str(path)] = hashlib.sha256(shown.encode()).hexdigest()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("folders", nargs="*", type=Path)
    ap.add_argument("--compare", type=Path, default=None)
    args = ap.parse_args()
    hashes = record_hashes(args.folders or [f for f in DEFAULT if f.is_dir()])
    args.out.write_text(json.dumps(hashes, indent=0, sort_keys=True))
    print(f"{len(hashes)} records hashed into {args.out}")
    if args.compare is None:
        return 0
    old = json.loads(args.compare.read_text())
    differ = sorted(k for k in hashes if old.get(k) != hashes[k])
    print(f"{len(hashes)} compared with {args.compare}: {len(differ)} differ")
    for name in differ:
        print(f"  {name}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
