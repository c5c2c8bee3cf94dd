"""Remote-store benchmark: a local on-disk store against the same store on an Oxigraph
server (``oxigraph serve`` on 127.0.0.1), measured in the same run.

Loads the seed and up to ``--files`` corpus filings (``load_paths``, with the cross-filing
post-passes), then runs the ``filings``, ``sources`` and ``officers`` named queries and
``chain`` on each backend, and prints each time with its ratio to the local store. The
server is started on a free port and stopped at the end.

Run: ``python benchmarks/remote_store.py [--files 10]``
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ownergraph import api

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.corpus import SEED, corpus_files  # noqa: E402
from tests.servers import running, start_oxigraph  # noqa: E402


def _timed(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _measure(store_ref: str | Path, files: list[Path]) -> dict[str, float]:
    out: dict[str, float] = {}
    with api.open_store(store_ref) as store:
        out["load"] = _timed(lambda: api.load_paths(store, files))
        out["reload"] = _timed(lambda: api.load_paths(store, files))
        for name in ("filings", "sources", "officers"):
            out[f"query {name}"] = _timed(lambda n=name: api.run_query(store, n))  # type: ignore[misc]
        out["chain"] = _timed(lambda: api.chain(store, "21Vianet"))
        out["show"] = _timed(lambda: api.show(store, "Tuspark"))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=10)
    args = parser.parse_args()
    files = [SEED, *corpus_files(".xml")[: max(args.files - 1, 0)]]
    with tempfile.TemporaryDirectory() as tmp:
        local = _measure(Path(tmp) / "local.db", files)
        for server in running(start_oxigraph(Path(tmp) / "served.db", Path(tmp))):
            remote = _measure(server.url, files)
    print(f"{len(files)} filing(s); local on-disk store vs the same on oxigraph serve")
    print(f"{'step':<18}{'local s':>10}{'server s':>10}{'ratio':>8}")
    for step, t in local.items():
        print(f"{step:<18}{t:>10.3f}{remote[step]:>10.3f}{remote[step] / t:>8.2f}")


if __name__ == "__main__":
    main()
