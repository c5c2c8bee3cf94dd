"""Fuzz the loaders with mutated filings: only LoadError may come out, nothing may hang.

Usage::

    python scripts/fuzz.py --duration 600 --out fuzz-findings [--seed 1] [--timeout 10] [FILES...]
    python scripts/fuzz.py --reproduce fuzz-findings/hang-*.input.*   # re-run findings
    python scripts/fuzz.py --seed 13 --replay 115 --out cases         # a run's inputs again

Without FILES it mutates the seed and the corpus in ../shared/corpus/filings. Each
input is loaded in a fresh worker process with a limit on its CPU time (so that a
loaded machine does not make a slow input look like a hang; a worker that answers
nothing within the wall limit is a hang too); an exception other than
``ownergraph.errors.LoadError`` (a *crash*) or a time-out (a *hang*, tried once more
before it counts) is a finding: the input is written to the output folder
(``KIND-DIGEST.input.EXT``) with a ``.note.txt`` beside it (kind, source file, mutation,
seed, case number, traceback). A final report prints inputs tried and findings by kind.

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
import os
import random
import sys
import time
import traceback
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

__all__ = ["MUTATIONS", "Runner", "cpu_seconds", "mutate", "replay"]

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


def cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system) that process ``pid`` has used so far, from
    ``/proc/PID/stat``; ``None`` where that cannot be read (not Linux, process gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat[stat.rindex(")") + 2 :].split()  # after "pid (comm) "
    try:
        ticks = int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    except (IndexError, ValueError):
        return None
    return ticks / os.sysconf("SC_CLK_TCK")


class Runner:
    """Loads inputs in a fresh worker process each, with a time limit.

    The limit is on the worker's *CPU time* (``timeout`` seconds), so that a loaded
    machine, where a worker gets a small share of a core, does not turn a slow input
    into a hang; a worker that uses no CPU and gives no answer within ``wall`` seconds
    of wall time (a deadlock) is a hang too. Where CPU time cannot be read, the limit is
    on wall time. A hang is tried once more in a new worker before it is reported:
    when the second run answers, the input is ``slow`` (counted, not a finding).
    """

    def __init__(self, timeout: float, wall: float | None = None) -> None:
        self.timeout = timeout
        self.wall = wall if wall is not None else max(60.0, 20 * timeout)
        self.ctx = mp.get_context("fork" if sys.platform != "win32" else "spawn")

    def run(self, data: bytes, name: str) -> tuple[str, str]:
        kind, detail = self.run_once(data, name)
        if kind != "hang":
            return kind, detail
        again, more = self.run_once(data, name)
        if again == "hang":
            return kind, f"{detail}; again when re-run: {more}"
        return "slow", f"{detail}, but the re-run answered ({again})"

    def run_once(self, data: bytes, name: str) -> tuple[str, str]:
        """One run in a new worker: ``(kind, detail)``, kind ``ok``, ``loaderror``,
        ``crash``, ``wrapped-crash`` or ``hang``."""
        parent, child = self.ctx.Pipe(duplex=False)
        proc = self.ctx.Process(target=_worker, args=(child, data, name), daemon=True)
        start = time.monotonic()
        proc.start()
        child.close()
        hang = None
        while not parent.poll(0.2):
            wall = time.monotonic() - start
            cpu = cpu_seconds(proc.pid) if proc.pid is not None else None
            if cpu is not None and cpu > self.timeout:
                hang = f"no answer within {self.timeout} s of CPU time ({wall:.0f} s wall)"
            elif cpu is None and wall > self.timeout:
                hang = f"no answer within {self.timeout} s (wall time)"
            elif wall > self.wall:
                hang = f"no answer within {self.wall:.0f} s of wall time (CPU {cpu or 0:.1f} s)"
            if hang is not None or not proc.is_alive():
                break
        if hang is not None:
            proc.kill()
            kind, detail = "hang", hang
        else:
            try:
                kind, detail = parent.recv()
            except EOFError:
                proc.join(5)
                kind, detail = "crash", f"the worker died (exit code {proc.exitcode})"
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


def replay(seed: int, files: list[Path], count: int) -> Iterator[tuple[int, Path, bytes, str]]:
    """The first ``count`` inputs that a run with ``seed`` over ``files`` tried, in order:
    ``(case number, source file, bytes, mutations)``. The random sequence depends on the
    seed and the files alone (never on the results), so a run's findings can be made
    again from its report."""
    rnd = random.Random(seed)
    sources: dict[Path, bytes] = {}
    for i in range(count):
        src = rnd.choice(files)
        if src not in sources:
            sources[src] = src.read_bytes()
        data, how = mutate(sources[src], rnd)
        yield i + 1, src, data, how


def _finding_key(kind: str, detail: str, src: Path, how: str) -> str:
    """Findings are told apart by their first line; hangs (whose message is always the
    same) by their source file and mutations too."""
    first = detail.splitlines()[0] if detail else kind
    if kind == "hang":
        return f"{kind}: {src.name} after {how}"
    return f"{kind}: {first[:160]}"


def _write_finding(out: Path, kind: str, data: bytes, src: Path, note: str) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(data).hexdigest()[:16]
    path = out / f"{kind}-{digest}.input{src.suffix}"  # never the name of the note
    path.write_bytes(data)
    (out / f"{kind}-{digest}.note.txt").write_text(
        f"{note}\nreproduce: python scripts/fuzz.py --reproduce {path}\n"
    )
    return path


def _reproduce(paths: list[Path], runner: Runner) -> int:
    """Load each file in a worker as the fuzzer does, each run twice; 1 when one hangs
    or crashes both times."""
    bad = 0
    for path in paths:
        name = path.name.split(".input")[0] + "".join(path.suffixes[-1:])
        verdicts = []
        for _ in range(2):
            t = time.monotonic()
            kind, detail = runner.run_once(path.read_bytes(), name)
            verdicts.append(kind)
            first = detail.splitlines()[0][:120] if detail else ""
            print(f"{path.name}: {kind} in {time.monotonic() - t:.1f} s wall {first}", flush=True)
        bad += all(k in ("crash", "hang", "wrapped-crash") for k in verdicts)
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    """Run the fuzzer; returns 1 when it found anything."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--duration", type=float, default=60, help="seconds to run (default 60)")
    ap.add_argument("--out", type=Path, default=Path("fuzz-findings"), help="findings folder")
    ap.add_argument("--seed", type=int, default=None, help="random seed (default: time)")
    ap.add_argument("--timeout", type=float, default=10, help="CPU seconds per input (default 10)")
    ap.add_argument(
        "--wall", type=float, default=None, help="wall seconds per input (default 20 x timeout)"
    )
    ap.add_argument(
        "--reproduce",
        nargs="+",
        type=Path,
        metavar="INPUT",
        help="load these inputs (from a findings folder) twice each, report and stop",
    )
    ap.add_argument(
        "--replay",
        type=int,
        metavar="N",
        help="with --seed: write the first N inputs of that run to --out, then stop",
    )
    args = ap.parse_args(argv)
    runner = Runner(args.timeout, args.wall)
    if args.reproduce:
        _preload()
        return _reproduce(args.reproduce, runner)
    seed = args.seed if args.seed is not None else int(time.time())
    files = args.files or default_inputs()
    if args.replay:
        args.out.mkdir(parents=True, exist_ok=True)
        for i, src, data, how in replay(seed, files, args.replay):
            (args.out / f"case-{i:05d}.input{src.suffix}").write_bytes(data)
            print(f"case-{i:05d}\t{src.name}\t{how}")
        return 0
    cases = replay(seed, files, sys.maxsize)
    _preload()
    tried = 0
    kinds: Counter[str] = Counter()
    findings: Counter[str] = Counter()
    seen: set[str] = set()
    start = time.monotonic()
    print(f"fuzzing {len(files)} file(s) for {args.duration:.0f} s, seed {seed}", flush=True)
    while time.monotonic() - start < args.duration:
        case, src, data, how = next(cases)
        kind, detail = runner.run(data, src.name)
        tried += 1
        kinds[kind] += 1
        if kind == "slow":
            print(f"slow (not a finding): case {case}, {src.name}, {how}: {detail}", flush=True)
        if kind in ("crash", "hang", "wrapped-crash"):
            key = _finding_key(kind, detail, src, how)
            findings[key] += 1
            if key not in seen:
                seen.add(key)
                note = (
                    f"kind: {kind}\nsource: {src}\nmutations: {how}\nseed: {seed}\n"
                    f"case: {case}\n\n{detail}"
                )
                path = _write_finding(args.out, kind, data, src, note)
                print(f"FINDING {key} (case {case}; {path})", flush=True)
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
