"""Store growth benchmark: per-filing load cost as the store grows to ~1M triples.

The corpus is loaded round after round into one on-disk store; every round's copy of
each file gets distinct accession numbers (the first ten digits of every accession
number are rewritten with the round number) and one more trailing newline (so a filing
without an accession number gets a new content hash, hence a new graph). Each round is
loaded in batches of ``--batch`` files, one ``load_paths`` call per batch, so that the
work done after each call (amendment links, display names, counts) is counted too.

Printed: for each batch, the store's size before it and the wall time per filing; at
the end the mean per-filing cost of the first batches (store nearly empty) and of the
last (store at its largest), and their ratio (the target: within 1.2x).

Run: ``python benchmarks/store_growth.py [--triples 1000000] [--batch 20]``
"""

from __future__ import annotations

import argparse
import inspect
import re
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "filings"
_ACCESSION = re.compile(rb"\b\d{10}(-?\d{2}-?\d{6})\b")


def _round_copy(files: list[Path], round_no: int, dest: Path) -> list[Path]:
    out = []
    prefix = f"{9_000_000_000 + round_no:010d}".encode()
    dest.mkdir(parents=True, exist_ok=True)
    for f in files:
        data = f.read_bytes()
        if round_no:
            data = _ACCESSION.sub(lambda m: prefix + m.group(1), data) + b"\n" * round_no
        target = dest / f.name
        target.write_bytes(data)
        out.append(target)
    return out


def main() -> int:
    from ownergraph import api

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--batch", type=int, default=20)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    args = ap.parse_args()
    files, _ = api.expand_paths([args.corpus])
    kwargs: dict[str, Any] = {}
    if "jobs" in inspect.signature(api.load_paths).parameters:
        kwargs["jobs"] = args.jobs
    rows: list[tuple[int, int, float]] = []  # (batch index, store size before, s/filing)
    with tempfile.TemporaryDirectory() as tmp:
        store = api.open_store(Path(tmp) / "store")
        round_no = 0
        while len(store) < args.triples:
            batch_files = _round_copy(files, round_no, Path(tmp) / f"round{round_no}")
            for i in range(0, len(batch_files), args.batch):
                batch = batch_files[i : i + args.batch]
                before = len(store)
                t0 = time.perf_counter()
                report = api.load_paths(store, batch, **kwargs)
                per = (time.perf_counter() - t0) / max(len(report.loaded), 1)
                rows.append((i // args.batch, before, per))
                print(
                    f"round {round_no} batch {i // args.batch}: store {before:>9} triples, "
                    f"{per * 1000:7.1f} ms per filing ({len(report.loaded)} loaded)"
                )
                if len(store) >= args.triples:
                    break
            round_no += 1
        final = len(store)
        store.close()
    # the same batches of files (same sizes and formats) in the first and the last round
    per_round = -(-len(files) // args.batch)
    last_round = rows[-per_round:] if len(rows) >= 2 * per_round else rows[len(rows) // 2 :]
    indices = {b for b, _, _ in last_round}
    first = sum(p for b, _, p in rows[:per_round] if b in indices) / len(indices)
    last = sum(p for _, _, p in last_round) / len(last_round)
    print(f"store grew to {final} triples in {len(rows)} batches")
    print(
        f"per filing, same files: {first * 1000:.1f} ms into the empty store, "
        f"{last * 1000:.1f} ms at {last_round[0][1]}-{last_round[-1][1]} triples: "
        f"ratio {last / first:.2f}x"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
