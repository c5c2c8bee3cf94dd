"""Narrative reading of real filings from ../shared/corpus (officer tables, control)."""

from __future__ import annotations

import pytest

from ownergraph.loaders import load_file
from ownergraph.record import ControlKind, Filing

from .corpus import corpus_file

VIRGIN = (
    "orgron__SC13D__20191104__0001193125-19-283454__Vieco_USA_Inc__Virgin_Galactic_Holdings_Inc.txt"
)
ICAHN = (
    "orgron__SC13D__20210211__0000928464-21-000036__ICAHN_CARL_C__Bausch_Health_Companies_Inc.txt"
)

pytestmark = pytest.mark.corpus


def _load(name: str) -> Filing:
    return load_file(corpus_file(name))


def test_virgin_galactic_schedule_a_and_chain() -> None:
    f = _load(VIRGIN)
    assert [i.number for i in f.items] == ["1", "2", "3", "4", "5", "6", "7"]
    rows = [r for r in f.roles if r.section == "Schedule A"]
    bayliss = [r for r in rows if f.entities[r.person].name == "Joshua Bayliss"]
    assert bayliss and bayliss[0].title == "Chief Executive Officer, Virgin Group"
    assert bayliss[0].kinds == ["ceo", "officer"]
    assert f.entities[bayliss[0].person].citizenship.code == "GB"  # type: ignore[union-attr]
    wholly = [c for c in f.controls if c.kind == ControlKind.WHOLLY_OWNED]
    assert any(
        c.source and c.source.quote == "Vieco US is a wholly owned subsidiary of V10"
        for c in wholly
    )


def test_icahn_general_partners_and_sole_member() -> None:
    f = _load(ICAHN)
    quotes = {c.source.quote: c for c in f.controls if c.source}
    gp = quotes["Icahn Onshore is the general partner of Icahn Partners"]
    assert gp.kind == ControlKind.GENERAL_PARTNER
    assert f.entities[gp.controller].name.startswith("Icahn Onshore")
    member = quotes["Icahn Enterprises Holdings is the sole member of IPH"]
    assert member.kind == ControlKind.WHOLLY_OWNED
    ceo = [r for r in f.roles if f.entities[r.person].name == "Carl C. Icahn" and "ceo" in r.kinds]
    assert ceo and all(r.section == "Schedule A" for r in ceo)
    assert f.entities[ceo[0].person].citizenship.code == "US"  # type: ignore[union-attr]
