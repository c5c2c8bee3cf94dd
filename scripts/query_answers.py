"""Dump the answers of every named query over a store, one hash per (query, params).

Used to check that a change to the load path leaves every named query's answers as
they were: ``tests/data/corpus_query_answers.json`` holds the dump of the corpus store
made before the load path changed, and ``tests/test_load_equivalence.py`` compares.

Usage: ``python scripts/query_answers.py STORE_OR_PATHS... -o OUT.json``
(paths are loaded into a memory store first).

May import: :mod:`ownergraph.api`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

__all__ = ["CASES", "answers", "case_key", "main"]

#: (query, parameters): every named query with no parameters (when it allows that)
#: and with the parameters the tests use
CASES: list[tuple[str, dict[str, str]]] = [
    ("agreements", {}),
    ("changes", {}),
    ("cover-pages", {}),
    ("events", {}),
    ("filings", {}),
    ("holdings-history", {}),
    ("holdings", {}),
    ("interlocks", {}),
    ("notices", {}),
    ("officers", {}),
    ("roles", {}),
    ("securities", {}),
    ("sources", {}),
    ("timeline", {"holder": "Elon Musk"}),
    ("transactions", {}),
    ("control-chain", {"entity": "21Vianet"}),
    ("control-chain", {"entity": "Xeno Therapeutics"}),
    ("controlled-by", {"entity": "Tus-Holdings"}),
    ("counterparties", {"entity": "Tuspark"}),
    ("holdings", {"holder": "Carl C. Icahn"}),
    ("holdings", {"holder": "Elon Musk"}),
    ("holdings", {"issuer": "MoneyGram International"}),
    ("holdings-history", {"holder": "Elon Musk"}),
    ("issuer-total", {"issuer": "MoneyGram International"}),
    ("officers", {"person": "Evan Lovell"}),
    ("ultimate-controllers", {"entity": "Xeno Therapeutics"}),
    ("ultimate-controllers", {"entity": "21Vianet"}),
    ("control-chain", {"entity": "Tesla"}),
    ("control-chain", {"entity": "MoneyGram International"}),
    ("controlled-by", {"entity": "Carl C. Icahn"}),
    ("counterparties", {"entity": "Carl C. Icahn"}),
    ("ultimate-controllers", {"entity": "Tesla"}),
    ("ultimate-controllers", {"entity": "MoneyGram International"}),
    ("issuer-total", {"issuer": "Tesla"}),
]


def _row_text(row: dict[str, Any], columns: list[str]) -> str:
    return "\t".join(repr(row.get(c)) for c in columns)


def case_key(name: str, params: dict[str, str]) -> str:
    """The key of one case in the dump."""
    return f"{name} {json.dumps(params, sort_keys=True)}"


def answers(store: Any, skip: Any = ()) -> dict[str, dict[str, Any]]:
    """``{"query {params}": {"rows": n, "sha256": digest of the sorted rows}}``
    (an ``error`` instead when the query refuses its parameters)."""
    from ownergraph import api
    from ownergraph.errors import OwnergraphError

    out: dict[str, dict[str, Any]] = {}
    for name, params in CASES:
        key = case_key(name, params)
        if key in skip:
            continue
        try:
            table = api.run_query(store, name, params)
        except OwnergraphError as e:
            out[key] = {"error": str(e)}
            continue
        lines = sorted(_row_text(r, table.columns) for r in table.rows)
        digest = hashlib.sha256("\n".join([*table.columns, *lines]).encode()).hexdigest()
        out[key] = {"rows": len(lines), "sha256": digest}
    return out


def main(argv: list[str] | None = None) -> int:
    from ownergraph import api

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+", type=Path)
    ap.add_argument("-o", "--output", type=Path, required=True)
    ap.add_argument("--add", action="store_true", help="only add the cases OUT lacks")
    args = ap.parse_args(argv)
    # on disk: Oxigraph's disk store orders solutions by the stored terms alone, so that
    # GROUP_CONCAT and SAMPLE answer the same whatever order the quads were written in
    tmp = tempfile.TemporaryDirectory()
    store = api.open_store(Path(tmp.name) / "store")
    report = api.load_paths(store, args.paths)
    print(f"loaded {len(report.loaded)}, failed {len(report.failed)}", file=sys.stderr)
    old = json.loads(args.output.read_text()) if args.add else {"answers": {}}
    data = {
        "loaded": len(report.loaded),
        "quads": len(store),
        "entities": report.store_entities,
        "holdings": report.store_holdings,
        "answers": {**old["answers"], **answers(store, skip=old["answers"])},
    }
    args.output.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")
    store.close()
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
