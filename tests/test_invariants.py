"""The invariants report over every folder of real filings, and its rate bound.

Each filing of ``../shared/corpus/filings``, ``../shared/corpus-2026/filings`` and the
seed loads, and fewer than 1% of the filings of each folder show an anomaly of the
reader (:mod:`ownergraph.loaders.invariants`; anomalies the document itself states are
reported as filed and not counted). Folders that are absent skip with the reason.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from ownergraph.loaders.invariants import FolderResult, check_filing, check_folder
from ownergraph.loaders.sections.name_check import cut_before_problem, name_problem
from ownergraph.record import CoverPage, Entity, Filing

from .corpus import REPO, SHARED

pytestmark = pytest.mark.slow

FOLDERS = {
    "corpus": SHARED / "corpus" / "filings",
    "corpus-2026": SHARED / "corpus-2026" / "filings",
    "seed": REPO / "examples",
}
#: the bound on the share of filings with an anomaly of the reader, in every folder
BOUND = Decimal("0.01")


@cache
def _result(folder: str) -> FolderResult:
    path: Path = FOLDERS[folder]
    if not path.is_dir():
        pytest.skip(f"{path} is absent: the invariants run over the real filings there")
    return check_folder(path)


@pytest.mark.parametrize("folder", sorted(FOLDERS))
def test_every_filing_loads(folder: str) -> None:
    r = _result(folder)
    assert r.files > 0
    failed = {n: a for n, a in r.by_file.items() if any(x.kind == "load" for x in a)}
    assert not failed


@pytest.mark.parametrize("folder", sorted(FOLDERS))
def test_anomaly_rate_is_under_one_percent(folder: str) -> None:
    r = _result(folder)
    listed = {n: r.reader(n) for n in r.by_file if r.reader(n)}
    assert r.rate < BOUND, listed


def _filing(**counts: object) -> Filing:
    f = Filing(form="SC 13D", schedule="13D", cusip="90138A103")
    f.add_entity(Entity(key="a", name="Acme Fund LP"))
    f.cover_pages.append(CoverPage(number=1, person="a", **counts))  # type: ignore[arg-type]
    return f


def test_each_invariant_fires_on_crafted_records() -> None:
    assert check_filing(_filing(aggregate=100, sole_voting=100, shared_voting=0)) == []
    kinds = [a.kind for a in check_filing(_filing(aggregate=100, sole_voting=60, shared_voting=41))]
    assert kinds == ["powers"]
    pct = _filing(aggregate=100, percent_of_class=Decimal("5"), basis_outstanding=1000)
    assert [a.kind for a in check_filing(pct)] == ["percent"]
    near = _filing(aggregate=100, percent_of_class=Decimal("10.0"), basis_outstanding=1001)
    assert check_filing(near) == []
    assert [a.kind for a in check_filing(_filing())] == ["aggregate"]
    explained = _filing()
    explained.cover_pages[0].warnings.append("row 11 (aggregate): blank")
    assert check_filing(explained) == []
    bad = _filing(aggregate=1)
    bad.cusip = "90138A104"
    bad.entities["a"].name = "Abigail P. Johnson Item 4: United States"
    assert sorted(a.kind for a in check_filing(bad)) == ["cusip", "name"]


def test_name_check_examples_of_the_issue() -> None:
    for name in (
        "Associated Capital Group, Inc. I.D. No. Check the appropriate box if a member of a group (a) (b)",
        "Abigail P. Johnson Item 4: United States of America Item 5: 0 Item 12: IN",
        "and",
        "Date",
        "1. Acme Corp.",
    ):
        assert name_problem(name) is not None, name
    for name in (
        "BlackRock, Inc.",
        "3M Company",
        "21Vianet Group, Inc.",
        "Wendel-Participations SE",
    ):
        assert name_problem(name) is None, name
    assert cut_before_problem("Abigail P. Johnson Item 4: United States") == "Abigail P. Johnson"
