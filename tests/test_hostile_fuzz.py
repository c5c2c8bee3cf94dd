"""Bounded fuzzing: mutated filings give a Filing or a LoadError, nothing else, no hang.

A fixed seed and ~200 mutations over a handful of files keep it reproducible and short;
``scripts/fuzz.py`` runs the same mutations for as long as you like.
"""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path
from types import ModuleType

import pytest

from .corpus import CORPUS, REPO, SEED

FILES = [
    SEED,
    CORPUS / "edgartools__SC13G_html__SC-13G-DOCUMENT.html",
    CORPUS / "deanshelton__SCHEDULE13G_txt-sgml__0001815572-25-000002__Askeladden__FitLife.txt",
    CORPUS / "edgartools__SCHEDULE13D_xml__BML_Investment__Aadi_Bioscience.xml",
    CORPUS / "edgartools__SC13G_nc__0001076809-24-000144__Glazer__Avid_Bioservices.nc",
]
MUTATIONS = 200
PER_INPUT_SECONDS = 10.0


def _fuzz_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ownergraph_fuzz", REPO / "scripts" / "fuzz.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_mutations_are_deterministic_and_change_the_input() -> None:
    fuzz = _fuzz_module()
    data = SEED.read_bytes()
    a = [fuzz.mutate(data, random.Random(7)) for _ in range(3)]
    b = [fuzz.mutate(data, random.Random(7)) for _ in range(3)]
    assert a == b
    assert set(fuzz.MUTATIONS) >= {"flip", "truncate", "duplicate", "delete", "insert", "encode"}
    changed = [fuzz.mutate(data, random.Random(i))[0] != data for i in range(20)]
    assert sum(changed) >= 18


@pytest.mark.timeout(300)
def test_mutated_filings_give_only_load_errors_and_never_hang() -> None:
    fuzz = _fuzz_module()
    files = [f for f in FILES if f.is_file()]
    if len(files) < 2:
        pytest.skip("../shared/corpus is absent: fuzzing only the seed proves too little")
    fuzz._preload()
    runner = fuzz.Runner(PER_INPUT_SECONDS)
    rnd = random.Random(20240601)
    sources = {f: f.read_bytes() for f in files}
    findings: list[str] = []
    kinds: dict[str, int] = {}
    for i in range(MUTATIONS):
        src = files[i % len(files)]
        data, how = fuzz.mutate(sources[src], rnd)
        kind, detail = runner.run(data, src.name)
        kinds[kind] = kinds.get(kind, 0) + 1
        if kind in ("crash", "hang"):
            findings.append(f"{kind} on {src.name} after {how}: {detail.splitlines()[0]}")
    assert not findings, "\n".join(findings)
    assert kinds.get("ok", 0) + kinds.get("loaderror", 0) + kinds.get("wrapped-crash", 0) == (
        MUTATIONS
    )


def test_runner_reports_a_hang_and_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    """The harness itself: a loader that spins is a hang (CPU time), one that sleeps
    past the wall limit is a hang, one that raises is a crash."""
    fuzz = _fuzz_module()
    from ownergraph.loaders import base

    def spin(text: str, **kw: object) -> None:
        while True:
            pass

    def asleep(text: str, **kw: object) -> None:
        import time

        time.sleep(600)

    def broken(text: str, **kw: object) -> None:
        raise KeyError("boom")

    runner = fuzz.Runner(1.0, wall=3.0)
    monkeypatch.setattr(base, "parser_for", lambda fmt: spin)
    kind, detail = fuzz.Runner(1.0, wall=120.0).run(b"SCHEDULE 13D\nplain text", "x.txt")
    assert kind == "hang" and "CPU time" in detail and "again when re-run" in detail
    monkeypatch.setattr(base, "parser_for", lambda fmt: asleep)
    kind, detail = runner.run_once(b"SCHEDULE 13D\nplain text", "x.txt")
    assert kind == "hang" and "wall time" in detail
    monkeypatch.setattr(base, "parser_for", lambda fmt: broken)
    kind, detail = runner.run(b"SCHEDULE 13D\nplain text", "x.txt")
    assert kind == "wrapped-crash" and "KeyError" in detail
    monkeypatch.setattr(base, "load_bytes", lambda data, name: 1 / 0)
    monkeypatch.setattr("ownergraph.loaders.load_bytes", lambda data, name: 1 / 0)
    assert runner.run(b"x", "x.txt")[0] == "crash"


def test_a_worker_that_waits_for_the_cpu_is_not_a_hang(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """On a loaded machine a worker may wait for a core far longer than its CPU limit:
    wall time alone is no hang. And a hang that does not happen again is only slow."""
    fuzz = _fuzz_module()
    from ownergraph.loaders import base

    def waits(text: str, **kw: object) -> None:
        import time

        time.sleep(2.5)  # 2.5 s of wall time, no CPU: a worker that gets no core

    runner = fuzz.Runner(0.5, wall=30.0)
    monkeypatch.setattr(base, "parser_for", lambda fmt: waits)
    assert runner.run_once(b"SCHEDULE 13D\nplain text", "x.txt")[0] != "hang"

    marker = tmp_path / "ran-once"

    def slow_once(text: str, **kw: object) -> None:
        if not marker.exists():
            marker.write_text("x")
            while True:
                pass

    monkeypatch.setattr(base, "parser_for", lambda fmt: slow_once)
    kind, detail = runner.run(b"SCHEDULE 13D\nplain text", "x.txt")
    assert kind == "slow" and "re-run answered" in detail


def test_a_run_can_be_replayed_from_its_seed(tmp_path: Path) -> None:
    """The inputs depend on the seed and the files alone, so a report's findings can be
    made again; the findings folder never writes a note over an input."""
    fuzz = _fuzz_module()
    files = [SEED]
    first = list(fuzz.replay(5, files, 4))
    assert [c[0] for c in first] == [1, 2, 3, 4]
    assert [(c[2], c[3]) for c in first] == [(c[2], c[3]) for c in fuzz.replay(5, files, 4)]
    a = fuzz._write_finding(tmp_path, "hang", b"input", Path("x.txt"), "note")
    b = fuzz._write_finding(tmp_path, "hang", b"input", Path("x.txt"), "note")
    assert a == b and a.read_bytes() == b"input"
    assert len(list(tmp_path.iterdir())) == 2  # the input and its note
    assert fuzz._finding_key("hang", "no answer", Path("a.txt"), "flip") != fuzz._finding_key(
        "hang", "no answer", Path("b.txt"), "flip"
    )
