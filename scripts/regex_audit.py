"""Time every regular expression of the readers on adversarial inputs; flag super-linear ones.

It imports every module under ``ownergraph.loaders`` and ``ownergraph.normalize`` and
collects (a) every compiled pattern the module holds at import (module globals, and
patterns inside module-level lists, tuples, sets and dicts), and (b) every pattern
written as a string literal in a call to ``re.compile``/``search``/``match``/
``fullmatch``/``finditer``/``findall``/``sub``/``subn``/``split`` anywhere in the
module's source (found with :mod:`ast`, flags read when they are literal ``re.X``
names). Each pattern is then run (``finditer``, all matches consumed; ``fullmatch`` too
for patterns written for it) on adversarial inputs of 5k, 20k and 80k characters: a
long word, a long line of words, runs of spaces, digits, newlines and punctuation,
runs of every literal word of the pattern, and runs of every character it repeats.
An input that takes under half a millisecond at one size is not run at the next.
A pattern is *flagged* when a run passes the time limit, or when the time grows more
than 8x from 20k to 80k characters (linear growth is 4x) and the 80k run takes more
than 20 ms (each slow run is the best of two, so a pause of the machine does not flag). Patterns that read only a bounded slice
of text (the caller cuts the input) are still audited: the tool cannot know the caller.

Usage::

    python scripts/regex_audit.py [--max-seconds 2] [--only SUBSTRING] [-v]

Exits 1 when a pattern is flagged, 0 otherwise. Prints the worst patterns with their
module, line, input kind and times.
"""

from __future__ import annotations

import argparse
import ast
import importlib
import itertools
import pkgutil
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Pattern", "adversarial_inputs", "audit", "collect"]

PACKAGES = ("ownergraph.loaders", "ownergraph.normalize")
SIZES = (5_000, 20_000, 80_000)
#: below this many seconds at one size, a pattern is not run at the next (a quadratic
#: pattern already takes milliseconds at 5k characters; a linear one a tenth of that)
ESCALATE = 0.0005
#: patterns run only in windows found by their tails (filled by :func:`collect`)
WINDOWED: list[str] = []
CALLS = {"compile", "search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split"}
FLAG_NAMES = {
    "I": re.I,
    "IGNORECASE": re.I,
    "M": re.M,
    "MULTILINE": re.M,
    "S": re.S,
    "DOTALL": re.S,
    "X": re.X,
    "VERBOSE": re.X,
    "A": re.A,
    "ASCII": re.A,
}


@dataclass
class Pattern:
    """One pattern found in a reader module."""

    module: str
    where: str
    rx: re.Pattern[str]
    times: dict[str, list[float]] = field(default_factory=dict)

    @property
    def worst(self) -> tuple[str, list[float]]:
        """The input kind with the slowest largest run, and its times."""
        return max(self.times.items(), key=lambda kv: kv[1][-1])

    def growth(self) -> tuple[str, float, list[float]]:
        """The worst ratio of time between consecutive sizes, with its input kind."""
        best = ("", 0.0, [0.0])
        for kind, ts in self.times.items():
            if ts and ts[0] == float("inf"):
                return (kind, ts[0], ts)
            for a, b in itertools.pairwise(ts):
                if b == float("inf"):
                    return (kind, b, ts)
                if b > 0.02 and a > 0:
                    ratio = b / a
                    if ratio > best[1]:
                        best = (kind, ratio, ts)
        return best

    @property
    def flagged(self) -> bool:
        """Super-linear: over the time limit, or more than 8x for 4x the input at 80k."""
        for ts in self.times.values():
            if float("inf") in ts:
                return True
            if len(ts) == 3 and ts[2] > 0.02 and ts[2] > 8 * ts[1]:
                return True
        return False


def _flags(node: ast.expr | None) -> int:
    """Flags from a literal ``re.I | re.M`` expression (0 when not literal)."""
    if node is None:
        return 0
    if isinstance(node, ast.Attribute) and node.attr in FLAG_NAMES:
        return FLAG_NAMES[node.attr]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _flags(node.left) | _flags(node.right)
    return 0


def _literal_calls(source: str) -> Iterator[tuple[int, str, int]]:
    """``(line, pattern, flags)`` for every ``re.<call>("literal", ...)`` in ``source``."""
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr not in CALLS or not isinstance(node.func.value, ast.Name):
            continue
        if node.func.value.id not in {"re", "re2"} or not node.args:
            continue
        arg = node.args[0]
        if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
            continue
        flags = next((_flags(k.value) for k in node.keywords if k.arg == "flags"), 0)
        pos = {"compile": 1, "split": 3, "sub": 4, "subn": 4}.get(node.func.attr, 2)
        if len(node.args) > pos:
            flags |= _flags(node.args[pos])
        yield node.lineno, arg.value, flags


def _windowed(source: str) -> set[str]:
    """Names of patterns the module runs only through ``finditer_keyed`` (their tails are
    audited instead: the whole pattern is tried only in a bounded window)."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "finditer_keyed"
            and node.args
            and isinstance(node.args[0], ast.Name)
        ):
            out.add(node.args[0].id)
    return out


def _held(value: object, depth: int = 0) -> Iterator[re.Pattern[str]]:
    """Compiled patterns held in ``value`` (nested containers, two levels deep)."""
    if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
        yield value
    elif depth < 3 and isinstance(value, (list, tuple, set, frozenset)):
        for v in value:
            yield from _held(v, depth + 1)
    elif depth < 3 and isinstance(value, dict):
        for v in value.values():
            yield from _held(v, depth + 1)


def collect(packages: tuple[str, ...] = PACKAGES) -> list[Pattern]:
    """Every distinct pattern of the modules under ``packages``."""
    seen: set[tuple[str, int]] = set()
    out: list[Pattern] = []

    def add(module: str, where: str, rx: re.Pattern[str]) -> None:
        key = (rx.pattern, rx.flags)
        if key not in seen:
            seen.add(key)
            out.append(Pattern(module, where, rx))

    for pkg_name in packages:
        pkg = importlib.import_module(pkg_name)
        names = [pkg_name] + [
            m.name for m in pkgutil.walk_packages(pkg.__path__, prefix=pkg_name + ".")
        ]
        for name in names:
            mod = importlib.import_module(name)
            path = getattr(mod, "__file__", None)
            source = Path(path).read_text(encoding="utf-8") if path and path.endswith(".py") else ""
            windowed = _windowed(source) if source else set()
            for attr, value in vars(mod).items():
                if attr in windowed:
                    WINDOWED.append(f"{name}:{attr}")
                    seen.update((rx.pattern, rx.flags) for rx in _held(value))
                    continue
                for rx in _held(value):
                    add(name, attr, rx)
            if source:
                for line, pat, flags in _literal_calls(source):
                    try:
                        add(name, f"line {line}", re.compile(pat, flags))
                    except re.error:
                        continue
    return out


def _words(pattern: str) -> list[str]:
    """The literal words and repeated characters of ``pattern``."""
    words = {w.lower() for w in re.findall(r"[A-Za-z]{3,}", pattern)}
    chars = {c for c in pattern if not c.isalnum() and c not in "\\()[]{}?*+|^$"}
    chars |= {"a", "1", " ", "\n", ".", ",", "-", "(", ")", ":", "%", "$", "<", ">"}
    return sorted(words) + sorted(c * 2 for c in chars)


def adversarial_inputs(pattern: str, size: int) -> Iterator[tuple[str, str]]:
    """``(kind, text)`` of about ``size`` characters each, built for ``pattern``."""
    yield "long word", "a" * size
    yield "long capitalised word", "A" * size
    yield "capitalised words", ("Alpha Beta, " * (size // 12 + 1))[:size]
    yield "long line", ("lorem ipsum " * (size // 12 + 1))[:size]
    yield "spaces", "x" + " " * size + "x"
    yield "digits", "1" * size
    yield "digits+commas", ("123," * (size // 4 + 1))[:size]
    yield "newlines", "\n" * size
    yield "caption words", ("Name of Reporting Person Item " * (size // 30 + 1))[:size]
    for w in _words(pattern):
        unit = w if len(w) <= 2 else w + " "
        yield f"run of {w!r}", (unit * (size // len(unit) + 1))[:size]
        if len(w) > 2:
            yield f"run of {w!r} glued", (w * (size // len(w) + 1))[:size]


def _time(rx: re.Pattern[str], text: str) -> float:
    """CPU seconds to consume every match (the best of two runs when the first is slow)."""
    best = float("inf")
    for _ in range(2):
        t = time.process_time()
        for _ in rx.finditer(text):
            pass
        best = min(best, time.process_time() - t)
        if best < 0.005:
            break
    return best


def audit(patterns: list[Pattern], *, max_seconds: float, verbose: bool = False) -> None:
    """Fill each pattern's times; a size is skipped once a run passes ``max_seconds``."""
    for n, p in enumerate(patterns):
        if verbose:
            print(f"[{n + 1}/{len(patterns)}] {p.module} {p.where}", file=sys.stderr)
        kinds = {k for k, _ in adversarial_inputs(p.rx.pattern, 10)}
        for kind in kinds:
            p.times[kind] = []
        for size in SIZES:
            for kind, text in adversarial_inputs(p.rx.pattern, size):
                ts = p.times[kind]
                if ts and ts[-1] == float("inf"):
                    continue  # too slow at a smaller size: already flagged
                if size > SIZES[0] and ts[0] < ESCALATE:
                    ts.append(ts[-1] * 4)  # fast so far: the larger run is skipped
                    continue
                t = _time(p.rx, text)
                ts.append(t if t <= max_seconds else float("inf"))
        if verbose and p.flagged:
            kind, _ratio, ts = p.growth()
            print(f"  FLAG {p.module}:{p.where} [{kind}] {ts}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--max-seconds", type=float, default=2.0, help="stop a size above this")
    ap.add_argument("--only", default="", help="audit modules whose name contains this")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    patterns = [p for p in collect() if args.only in p.module]
    audit(patterns, max_seconds=args.max_seconds, verbose=args.verbose)
    flagged = [p for p in patterns if p.flagged]
    print(f"{len(patterns)} patterns audited, {len(flagged)} flagged (sizes {SIZES})")
    if WINDOWED:
        print("run only in windows after their literal tail (tail audited): " + ", ".join(WINDOWED))
    ranked = sorted(patterns, key=lambda p: p.worst[1][-1], reverse=True)
    for p in ranked[: max(10, len(flagged))]:
        kind, _ratio, ts = p.growth()
        wkind, wts = p.worst
        shown = kind or wkind
        times = " / ".join(f"{t * 1000:.0f} ms" for t in (ts if kind else wts))
        mark = "FLAG" if p.flagged else "ok  "
        print(f"{mark} {p.module.removeprefix('ownergraph.')}:{p.where}  [{shown}] {times}")
        print(f"       {p.rx.pattern[:150]!r}")
    return 1 if flagged else 0


if __name__ == "__main__":
    sys.exit(main())
