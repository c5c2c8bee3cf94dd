"""Control chains stated in prose: relative clauses, lists, appositives, signature
authority chains, and defined short names; golden links read from real filings."""

from __future__ import annotations

from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path

import pytest

from ownergraph import api
from ownergraph.api import analytics as analytics_api
from ownergraph.loaders import load_file
from ownergraph.loaders.sections.control import parse_control
from ownergraph.loaders.sections.mentions import Context, legal_form_only, scan_definitions
from ownergraph.record import ControlKind, Filing

from .corpus import corpus_file, corpus_files

VIRGIN = (
    "orgron__SC13D__20191104__0001193125-19-283454__Vieco_USA_Inc__Virgin_Galactic_Holdings_Inc.txt"
)
ICAHN = (
    "orgron__SC13D__20210211__0000928464-21-000036__ICAHN_CARL_C__Bausch_Health_Companies_Inc.txt"
)
ECP = (
    "jfriedman__SCHEDULE13G_xml__ECP_ControlCo__Constellation_Energy__"
    "000149315226002269.primary_doc.xml"
)
MONEYGRAM = (
    "orgron__SC13D-A__20120221__0000909518-12-000080__THOMAS_H_LEE_ADVISORS_LLC__"
    "MONEYGRAM_INTERNATIONAL_INC.txt"
)

WO, MAJ, MIN = ControlKind.WHOLLY_OWNED, ControlKind.MAJORITY, ControlKind.MINORITY
GP, MGR = ControlKind.GENERAL_PARTNER, ControlKind.MANAGER


@cache
def _load(name: str) -> Filing:
    return load_file(corpus_file(name))


def _links(f: Filing) -> set[tuple[str, str, ControlKind]]:
    n = {k: e.name for k, e in f.entities.items()}
    return {(n[c.controller], n[c.controlled], c.kind) for c in f.controls}


def _read(text: str) -> Filing:
    ctx = Context(text, Filing(form="SC 13D", schedule="13D"))
    scan_definitions(ctx)
    parse_control(ctx, 0, len(text))
    return ctx.filing


# -- sentences ------------------------------------------------------------------------


def test_relative_clause_chain_each_clause_quoted() -> None:
    t = (
        "Zeta Capital LLC is the sole member of Yankee GP LLC, which is the general "
        "partner of Xray Fund L.P."
    )
    f = _read(t)
    assert _links(f) == {
        ("Zeta Capital LLC", "Yankee GP LLC", WO),
        ("Yankee GP LLC", "Xray Fund L.P.", GP),
    }
    quotes = [c.source.quote for c in f.controls if c.source]
    assert quotes == [
        "Zeta Capital LLC is the sole member of Yankee GP LLC",
        "Yankee GP LLC, which is the general partner of Xray Fund L.P.",
    ]
    for c in f.controls:
        assert c.source is not None and t[c.source.start : c.source.end] == c.source.quote


def test_which_is_controlled_by_and_managed_by() -> None:
    f = _read("Alpha Fund LP is managed by Beta LLC, which is controlled by Gamma Holdings Inc.")
    assert _links(f) == {
        ("Beta LLC", "Alpha Fund LP", MGR),
        ("Gamma Holdings Inc.", "Beta LLC", MAJ),
    }


def test_two_owners_both_links_percent_unknown() -> None:
    f = _read("Xray Holdings Ltd. is owned by Able Partners LLC and Baker Capital LLC.")
    assert _links(f) == {
        ("Able Partners LLC", "Xray Holdings Ltd.", MIN),
        ("Baker Capital LLC", "Xray Holdings Ltd.", MIN),
    }
    assert all(c.percent is None for c in f.controls)


def test_each_of_which_is() -> None:
    f = _read(
        "Able Fund L.P. and Baker Fund L.P., each of which is a wholly owned subsidiary of "
        "Charlie Group Inc., hold the shares."
    )
    assert _links(f) == {
        ("Charlie Group Inc.", "Able Fund L.P.", WO),
        ("Charlie Group Inc.", "Baker Fund L.P.", WO),
    }


def test_indirect_subsidiary_is_an_indirect_holding_not_a_control_link() -> None:
    f = _read("Delta Sub LLC is an indirect wholly-owned subsidiary of Echo Parent Inc.")
    assert f.controls == []
    (h,) = f.holdings
    assert (f.entities[h.holder].name, f.entities[h.issuer].name) == (
        "Echo Parent Inc.",
        "Delta Sub LLC",
    )
    assert h.direct is False and h.percent_of_class == Decimal(100)


def test_inline_percentage() -> None:
    f = _read("Foxtrot Holdings Inc. owns approximately 60% of Golf Operating LLC.")
    (c,) = f.controls
    assert (c.kind, c.percent) == (MAJ, Decimal(60))
    (h,) = f.holdings
    assert h.percent_of_class == Decimal(60)
    assert h.field_sources["percent_of_class"].quote == (
        "Foxtrot Holdings Inc. owns approximately 60% of Golf Operating LLC"
    )


def test_appositive_subsidiary_keeps_the_subject_of_the_sentence() -> None:
    f = _read(
        "Hotel Capital LLC, a wholly owned subsidiary of India Group plc, is the investment "
        "manager of Juliet Fund Ltd."
    )
    assert _links(f) == {
        ("India Group plc", "Hotel Capital LLC", WO),
        ("Hotel Capital LLC", "Juliet Fund Ltd.", MGR),
    }


def test_defined_term_after_a_name_with_digits() -> None:
    f = _read("Vieco 10 Limited (“V10”); Foundation Sub 1, Inc. (“Merger Sub A”).")
    names = {e.name: e.short_names for e in f.entities.values()}
    assert names == {"Vieco 10 Limited": ["V10"], "Foundation Sub 1, Inc.": ["Merger Sub A"]}


# -- real filings -----------------------------------------------------------------------


@pytest.mark.corpus
def test_virgin_galactic_chain_links() -> None:
    f = _load(VIRGIN)
    assert _links(f) == {
        ("Vieco 10 Limited", "Vieco USA, Inc.", WO),
        ("Virgin Investments Limited", "Vieco 10 Limited", MAJ),
        ("Virgin Group Investments LLC", "Virgin Investments Limited", WO),
        ("Corvina Holdings Limited", "Virgin Group Investments LLC", MGR),
        ("Virgin Group Holdings Limited", "Corvina Holdings Limited", WO),
        ("Sir Richard Branson", "Virgin Group Holdings Limited", MAJ),
    }
    quotes = {c.source.quote for c in f.controls if c.source}
    assert "V10, whose majority owner is VIL" in quotes
    assert "VGIL, whose sole managing member is Corvina" in quotes
    assert not any(e.name == "Limited" for e in f.entities.values())


@pytest.mark.corpus
def test_virgin_galactic_chain_end_to_end() -> None:
    store = api.open_store(None)
    try:
        assert api.load_paths(store, [corpus_file(VIRGIN)]).ok
        report = analytics_api.chain(store, "Virgin Galactic")
        assert len(report.paths) == 1
        (path,) = report.paths
        labels = [link.upper_label for link in path.links]
        assert labels == [
            "Sir Richard Branson",
            "Virgin Group Holdings Limited",
            "Corvina Holdings Limited",
            "Virgin Group Investments LLC",
            "Virgin Investments Limited",
            "Vieco 10 Limited",
            "Vieco USA, Inc.",
        ]
        assert [link.kind for link in path.links][:-1] == [
            "majority",
            "wholly owned",
            "investment manager",
            "wholly owned",
            "majority",
            "wholly owned",
        ]
    finally:
        store.close()


@pytest.mark.corpus
def test_icahn_chain_links() -> None:
    links = _links(_load(ICAHN))
    expected = {
        ("Carl C. Icahn", "Beckton Corp.", WO),
        ("Beckton Corp.", "Icahn Enterprises G.P. Inc.", WO),
        ("Icahn Enterprises G.P. Inc.", "Icahn Enterprises Holdings L.P.", GP),
        ("Icahn Enterprises G.P. Inc.", "Icahn Enterprises L.P.", GP),
        ("Icahn Enterprises Holdings L.P.", "IPH GP LLC", WO),
        ("IPH GP LLC", "Icahn Capital LP", GP),
        ("Icahn Capital LP", "Icahn Offshore LP", GP),
        ("Icahn Capital LP", "Icahn Onshore LP", GP),
        ("Icahn Offshore LP", "Icahn Partners Master Fund LP", GP),
        ("Icahn Onshore LP", "Icahn Partners LP", GP),
        # "Icahn Capital LP, a wholly owned subsidiary of Icahn Enterprises" (Item 2)
        ("Icahn Enterprises L.P.", "Icahn Capital LP", WO),
    }
    assert links == expected


@pytest.mark.corpus
def test_icahn_indirect_holder_and_sole_limited_partner() -> None:
    f = _load(ICAHN)
    n = {k: e.name for k, e in f.entities.items()}
    held = {(n[h.holder], n[h.issuer], h.direct, h.percent_of_class, h.nature) for h in f.holdings}
    assert (
        "Carl C. Icahn",
        "Icahn Enterprises L.P.",
        False,
        Decimal("92.2"),
        "indirect holder",
    ) in held
    assert (
        "Icahn Enterprises L.P.",
        "Icahn Enterprises Holdings L.P.",
        True,
        None,
        "sole limited partner",
    ) in held


@pytest.mark.corpus
def test_constellation_ecp_links() -> None:
    f = _load(ECP)
    links = _links(f)
    for link in [
        ("ECP ControlCo, LLC", "Energy Capital Partners III, LLC", MGR),
        ("ECP ControlCo, LLC", "Energy Capital Partners IV, LLC", MGR),
        ("ECP ControlCo, LLC", "ECP Calpine GP, LLC", MGR),
        ("ECP Calpine GP, LLC", "ECP Calpine Fund GP, LP", GP),
        ("ECP Calpine Fund GP, LP", "ECP Calpine Continuation Fund, LP", GP),
        ("ECP Calpine Fund GP, LP", "ECP Calpine Rollover Fund, LP", GP),
    ]:
        assert link in links
    n = {k: e.name for k, e in f.entities.items()}
    indirect = {
        (n[h.holder], n[h.issuer])
        for h in f.holdings
        if not h.direct and h.nature == "indirect control"
    }
    assert ("Energy Capital Partners III, LLC", "ECP Checkerspot Holdings, LP") in indirect
    assert ("Energy Capital Partners IV, LLC", "ECP IV-D Volt Holdings, LP") in indirect
    assert len(indirect) == 12


@pytest.mark.corpus
def test_moneygram_signature_authority_chain() -> None:
    links = _links(_load(MONEYGRAM))
    for link in [
        ("THOMAS H. LEE PARTNERS, L.P.", "THL Equity Advisors VI, LLC", WO),
        ("Thomas H. Lee Advisors, LLC", "THOMAS H. LEE PARTNERS, L.P.", GP),
        ("THL Equity Advisors VI, LLC", "Thomas H. Lee Equity Fund VI, L.P.", GP),
        ("THL Equity Advisors VI, LLC", "Thomas H. Lee Parallel Fund VI, L.P.", GP),
        (
            "Putnam Investments Holdings, LLC",
            "Putnam Investments Employees’ Securities Company III LLC",
            MGR,
        ),
    ]:
        assert link in links
    assert not any(kind == ControlKind.OFFICER for _, _, kind in links)  # attorney-in-fact


# -- every corpus filing ------------------------------------------------------------------


@lru_cache(maxsize=1)
def _all_entity_names() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for path in corpus_files():
        try:
            f = load_file(path)
        except Exception:  # load failures are other tests' business
            continue
        out[Path(path).name] = [e.name for e in f.entities.values()]
    return out


@pytest.mark.corpus
def test_no_entity_is_named_by_a_legal_form_alone() -> None:
    names = _all_entity_names()
    if not names:
        pytest.skip("../shared/corpus is absent: the corpus-wide check needs it")
    assert len(names) > 150
    bad = {k: [n for n in v if legal_form_only(n)] for k, v in names.items()}
    assert {k: v for k, v in bad.items() if v} == {}
