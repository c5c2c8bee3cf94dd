"""Fuzz the loaders with mutated filings: only LoadError may come out, nothing may hang.

Usage::

    python scripts/fuzz.py --duration 600 --out fuzz-findings [--seed 1] [--timeout 10] [FILES...]

Without FILES it mutates the seed and the corpus in ../shared/corpus/filings. Each
input is loaded in a worker process with a time limit; an exception other than
``ownergraph.errors.LoadError`` (a *crash*) or a time-out (a *hang*) is a finding: the
input is written to the output folder with a ``.txt`` note beside it (kind, source
file, mutation, traceback). A final report prints inputs tried and findings by kind.

A LoadError that wraps an unexpected exception ("could not be read as a ... filing
(Type: ...)") is a finding too (a *wrapped-crash*).

Mutations: byte flips, truncation, duplication of chunks, deletion, insertion of
markup / entities / huge numbers, encoding changes (UTF-16, cp1252, Latin-1).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import multiprocessing as mp
import random
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

__all__ = ["MUTATIONS", "mutate"]

INSERTIONS = [
    b"<",
    b">",
    b"</TABLE>",
    b"<TABLE><TR><TD>",
    b"<DOCUMENT>",
    b"</DOCUMENT>",
    b"<TEXT>",
    b"<SEC-HEADER>",
    b"&amp;",
    b"&#x0;",
    b"&#99999999;",
    b"&nbsp;",
    b"&lol;",
    b'<!DOCTYPE x [<!ENTITY a "aaaa">]>',
    b"<![CDATA[",
    b"]]>",
    b"<!--",
    b"-->",
    b"9" * 5000,
    b"1,000,000,000,000,000,000,000",
    b"-99,999",
    b"999.99%",
    b"1e999",
    b"\x00",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\r\n" * 50,
    b"\t" * 200,
    b"(" * 500,
    b"[X]",
    b"**",
    b"| --- |",
    b"# ",
    b"NAME OF REPORTING PERSON",
    b"AGGREGATE AMOUNT BENEFICIALLY OWNED",
    b"Item 4. Purpose of Transaction",
    b"<script>alert(1)</script>",
]


def _flip(data: bytes, rnd: random.Random) -> bytes:
    b = bytearray(data)
    for _ in range(rnd.randint(1, 20)):
        if b:
            b[rnd.randrange(len(b))] = rnd.randrange(256)
    return bytes(b)


def _truncate(data: bytes, rnd: random.Random) -> bytes:
    return data[: rnd.randrange(len(data) + 1)]


def _duplicate(data: bytes, rnd: random.Random) -> bytes:
    if not data:
        return data
    i = rnd.randrange(len(data))
    j = min(len(data), i + rnd.randint(1, 4096))
    return data[:j] + data[i:j] * rnd.randint(1, 20) + data[j:]


def _delete(data: bytes, rnd: random.Random) -> bytes:
    if not data:
        return data
    i = rnd.randrange(len(data))
    return data[:i] + data[i + rnd.randint(1, 4096) :]


def _insert(data: bytes, rnd: random.Random) -> bytes:
    out = data
    for _ in range(rnd.randint(1, 5)):
        i = rnd.randrange(len(out) + 1)
        out = out[:i] + rnd.choice(INSERTIONS) * rnd.randint(1, 3) + out[i:]
    return out


def _encode(data: bytes, rnd: random.Random) -> bytes:
    text = data.decode("utf-8", errors="replace")
    enc = rnd.choice(["utf-16", "utf-16-le", "utf-8-sig", "cp1252", "latin-1", "utf-32"])
    return text.encode(enc, errors="replace")


def _swap_lines(data: bytes, rnd: random.Random) -> bytes:
    lines = data.split(b"\n")
    if len(lines) > 2:
        i, j = rnd.randrange(len(lines)), rnd.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    return b"\n".join(lines)


MUTATIONS = {
    "flip": _flip,
    "truncate": _truncate,
    "duplicate": _duplicate,
    "delete": _delete,
    "insert": _insert,
    "encode": _encode,
    "swap-lines": _swap_lines,
}


def mutate(data: bytes, rnd: random.Random) -> tuple[bytes, str]:
    """``data`` with one to three random mutations; returns the bytes and their names."""
    names = [rnd.choice(list(MUTATIONS)) for _ in range(rnd.randint(1, 3))]
    for name in names:
        data = MUTATIONS[name](data, rnd)
    return data, "+".join(names)


def _worker(conn: object, data: bytes, name: str) -> None:  # runs in a child process
    from ownergraph.errors import LoadError
    from ownergraph.loaders import load_bytes

    try:
        load_bytes(data, name=name)
        result = ("ok", "")
    except LoadError as e:
        # base.load_bytes wraps an unexpected exception of a loader into a LoadError
        # "could not be read as a <fmt> filing (Type: ...)": a loader bug all the same
        wrapped = "could not be read as a" in str(e) or "nested too deeply" in str(e)
        detail = f"{e}\n{traceback.format_exc()}" if wrapped else str(e)[:300]
        result = ("wrapped-crash" if wrapped else "loaderror", detail)
    except BaseException as e:  # the finding
        result = ("crash", f"{type(e).__name__}: {e}\n{traceback.format_exc()}")
    conn.send(result)  # type: ignore[attr-defined]


class Runner:
    """Loads inputs in one reusable worker process at a time, with a time limit."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self.ctx = mp.get_context("fork" if sys.platform != "win32" else "spawn")

    def run(self, data: bytes, name: str) -> tuple[str, str]:
        parent, child = self.ctx.Pipe(duplex=False)
        proc = self.ctx.Process(target=_worker, args=(child, data, name), daemon=True)
        proc.start()
        child.close()
        if parent.poll(self.timeout):
            try:
                kind, detail = parent.recv()
            except EOFError:
                kind, detail = "crash", f"the worker died (exit code {proc.exitcode})"
        else:
            proc.kill()
            kind, detail = "hang", f"no answer within {self.timeout} s"
        proc.join(5)
        if kind == "ok" and proc.exitcode not in (0, None):
            kind, detail = "crash", f"the worker exited with code {proc.exitcode}"
        return kind, detail


def _preload() -> None:
    """Import every loader and warm its caches (name and country tables) once here,
    so that forked workers start at once."""
    from ownergraph.errors import LoadError
    from ownergraph.loaders import base

    for fmt in base.PARSERS:
        base.parser_for(fmt)
    seed = Path(__file__).resolve().parents[1] / "examples" / "21vianet-schedule-13d-a-2021.md"
    if seed.is_file():
        with contextlib.suppress(LoadError):
            base.load_bytes(seed.read_bytes(), name=seed.name)


def default_inputs() -> list[Path]:
    """The seed and the corpus files (the loaders' own formats only)."""
    repo = Path(__file__).resolve().parents[1]
    files = [repo / "examples" / "21vianet-schedule-13d-a-2021.md"]
    corpus = repo.parent / "shared" / "corpus" / "filings"
    if corpus.is_dir():
        files += sorted(
            p
            for p in corpus.iterdir()
            if p.suffix in (".txt", ".nc", ".htm", ".html", ".xml") and p.stat().st_size < 400_000
        )
    return files


def main(argv: list[str] | None = None) -> int:
    """Run the fuzzer; returns 1 when it found anything."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--duration", type=float, default=60, help="seconds to run (default 60)")
    ap.add_argument("--out", type=Path, default=Path("fuzz-findings"), help="findings folder")
    ap.add_argument("--seed", type=int, default=None, help="random seed (default: time)")
    ap.add_argument("--timeout", type=float, default=10, help="seconds per input (default 10)")
    args = ap.parse_args(argv)
    seed = args.seed if args.seed is not None else int(time.time())
    rnd = random.Random(seed)
    files = args.files or default_inputs()
    sources = {f: f.read_bytes() for f in files}
    _preload()
    runner = Runner(args.timeout)
    tried = 0
    kinds: Counter[str] = Counter()
    findings: Counter[str] = Counter()
    seen: set[str] = set()
    start = time.monotonic()
    print(f"fuzzing {len(files)} file(s) for {args.duration:.0f} s, seed {seed}", flush=True)
    while time.monotonic() - start < args.duration:
        src = rnd.choice(files)
        data, how = mutate(sources[src], rnd)
        kind, detail = runner.run(data, src.name)
        tried += 1
        kinds[kind] += 1
        if kind in ("crash", "hang", "wrapped-crash"):
            first = detail.splitlines()[0] if detail else kind
            key = f"{kind}: {first[:160]}"
            findings[key] += 1
            if key not in seen:
                seen.add(key)
                args.out.mkdir(parents=True, exist_ok=True)
                digest = hashlib.sha256(data).hexdigest()[:16]
                (args.out / f"{kind}-{digest}{src.suffix}").write_bytes(data)
                (args.out / f"{kind}-{digest}.txt").write_text(
                    f"kind: {kind}\nsource: {src}\nmutations: {how}\nseed: {seed}\n\n{detail}\n"
                )
                print(f"FINDING {key} ({src.name}, {how})", flush=True)
    elapsed = time.monotonic() - start
    print("\n== fuzz report")
    print(f"duration: {elapsed:.0f} s, seed {seed}, source files: {len(files)}")
    print(f"inputs tried: {tried}")
    for kind, n in sorted(kinds.items()):
        print(f"  {kind}: {n}")
    print(f"findings: {sum(findings.values())} ({len(findings)} distinct)")
    for key, n in findings.most_common():
        print(f"  {n:5d}  {key}")
    if findings:
        print(f"inputs written to {args.out}/")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
