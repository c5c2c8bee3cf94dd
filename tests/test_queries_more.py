"""The investigator queries added with the analytics, and entity lookup."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest

from ownergraph import api
from ownergraph.errors import QueryError
from ownergraph.graph.lookup import (
    AmbiguousEntityError,
    UnknownEntityError,
    find_entities,
    resolve_entity,
)
from ownergraph.graph.store import GraphStore
from ownergraph.queries import library

from .synthetic_chain import load

NEW = [
    "control-chain",
    "controlled-by",
    "ultimate-controllers",
    "interlocks",
    "counterparties",
    "timeline",
    "changes",
]


@pytest.fixture(scope="module")
def synthetic() -> Iterator[GraphStore]:
    store = load(api.open_store(None), 5)
    yield store
    store.close()


@pytest.mark.parametrize("name", NEW)
def test_every_new_query_has_a_header(name: str) -> None:
    q = library()[name]
    assert q.title and q.title != name
    assert len(q.description) > 40
    for p in q.params:
        assert p.description
        assert f"?{p.name}" in q.text


def test_counterparties_of_tuspark(seed_store: GraphStore) -> None:
    rows = api.run_query(seed_store, "counterparties", {"entity": "Tuspark"}).rows
    by_party: dict[str, set[str]] = {}
    for r in rows:
        by_party.setdefault(r["counterparty"], set()).add(r["through"])
    assert {"21Vianet Group, Inc.", "Beacon Capital Group Inc."} <= set(by_party)
    assert "Share Repurchase Agreement" in by_party["21Vianet Group, Inc."]
    assert "Class A Share Transfer" in by_party["Beacon Capital Group Inc."]
    bcg = [r for r in rows if r["counterparty"] == "Beacon Capital Group Inc."]
    assert {r["via"] for r in bcg} == {"agreement", "transaction"}
    assert all(r["counterparty_role"] == "buyer" for r in bcg)
    assert "Tuspark Innovation Venture Ltd." not in by_party


def test_control_chain_and_controlled_by_on_seed(seed_store: GraphStore) -> None:
    rows = api.run_query(seed_store, "control-chain", {"entity": "21Vianet"}).rows
    controls = [r for r in rows if r["relation"] == "controls"]
    assert [(r["upper"], r["lower"], r["kind"]) for r in controls] == [
        ("Tus-Holdings Co., Ltd.", "Tuspark Innovation Venture Ltd.", "wholly owned")
    ]
    cover = [r for r in rows if r["percent_of_voting"] is not None]
    assert {r["percent_of_voting"] for r in cover} == {Decimal("8")}
    down = api.run_query(seed_store, "controlled-by", {"entity": "Tus-Holdings"}).rows
    assert [(r["controlled"], r["percent"]) for r in down] == [
        ("Tuspark Innovation Venture Ltd.", Decimal("100"))
    ]


def test_ultimate_controllers_says_stated_uncontrolled(seed_store: GraphStore) -> None:
    rows = api.run_query(seed_store, "ultimate-controllers", {"entity": "Tuspark"}).rows
    assert [(r["controller"], r["stated_uncontrolled"]) for r in rows] == [
        ("Tus-Holdings Co., Ltd.", True)
    ]


def test_timeline_across_filings(synthetic: GraphStore) -> None:
    rows = api.run_query(
        synthetic, "timeline", {"holder": "Beta Investments", "issuer": "Xeno Therapeutics"}
    ).rows
    assert [(r["filing_date"], r["shares"], r["percent_of_class"]) for r in rows] == [
        ("2020-01-10", 300, Decimal("30")),
        ("2022-02-01", 120, Decimal("12")),
    ]


def test_changes_of_an_amendment(synthetic: GraphStore) -> None:
    rows = api.run_query(synthetic, "changes").rows
    beta = [r for r in rows if r["holder"] == "Beta Investments LLC"]
    assert len(beta) == 1
    r = beta[0]
    assert (r["shares_before"], r["shares_after"], r["shares_change"]) == (300, 120, -180)
    assert (r["percent_before"], r["percent_after"], r["percent_change"]) == (
        Decimal("30"),
        Decimal("12"),
        Decimal("-18"),
    )
    # the filing parameter narrows to one amendment, bound not spliced
    f4 = "https://w3id.org/ownergraph/id/filing/0000000001-22-000004"
    only = api.run_query(synthetic, "changes", {"filing": f4}).rows
    assert {x["holder"] for x in only} == {"Beta Investments LLC"}
    assert api.run_query(synthetic, "changes", {"filing": "urn:x:none"}).rows == []


def test_interlocks(synthetic: GraphStore, seed_store: GraphStore) -> None:
    rows = api.run_query(synthetic, "interlocks").rows
    assert [(r["person"], r["organizations"]) for r in rows] == [("Pat Q. Person", 2)]
    assert "Director of Alpha Holdings Ltd." in rows[0]["roles"]
    assert "Director of Gamma Capital Inc." in rows[0]["roles"]
    assert api.run_query(seed_store, "interlocks").rows == []


def test_entity_parameter_with_sparql_text_matches_nothing(seed_store: GraphStore) -> None:
    with pytest.raises(UnknownEntityError):
        api.run_query(seed_store, "counterparties", {"entity": '"} } DROP ALL #'})


def test_required_parameter(seed_store: GraphStore) -> None:
    with pytest.raises(QueryError, match="needs the parameter"):
        api.run_query(seed_store, "counterparties")


# -- lookup ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "label"),
    [
        ("Tuspark", "Tuspark Innovation Venture Ltd."),
        ("tuspark", "Tuspark Innovation Venture Ltd."),
        ("TUSPARK INNOVATION VENTURE LIMITED", "Tuspark Innovation Venture Ltd."),
        ("Tuspark Innovation Venture Ltd", "Tuspark Innovation Venture Ltd."),
        ("Tus-Holdings", "Tus-Holdings Co., Ltd."),
        ("tus holdings company limited", "Tus-Holdings Co., Ltd."),
        ("Tus Holdings Co Ltd", "Tus-Holdings Co., Ltd."),
        ("21Vianet Group", "21Vianet Group, Inc."),
        ("21VIANET GROUP INC", "21Vianet Group, Inc."),
        ("90138A103", "21Vianet Group, Inc."),
        ("90138a", "21Vianet Group, Inc."),
        ("BCG", "Beacon Capital Group Inc."),
        ("beacon capital", "Beacon Capital Group Inc."),
        ("ZENG Chuilan", "Chuilan ZENG"),
        ("  chuilan   zeng ", "Chuilan ZENG"),
    ],
)
def test_lookup_tolerates_case_punctuation_and_legal_forms(
    seed_store: GraphStore, query: str, label: str
) -> None:
    assert resolve_entity(seed_store, query).label == label


def test_lookup_by_cik(synthetic: GraphStore) -> None:
    assert resolve_entity(synthetic, "1002").label == "Beta Investments LLC"
    assert resolve_entity(synthetic, "CIK 0000001002").label == "Beta Investments LLC"


def test_lookup_ambiguity_lists_every_candidate(seed_store: GraphStore) -> None:
    with pytest.raises(AmbiguousEntityError) as e:
        resolve_entity(seed_store, "Lu")
    names = {c.label for c in e.value.candidates}
    assert names == {"Lin LU", "Qinhang LU"}
    assert "did you mean" in str(e.value)
    assert "Lin LU" in str(e.value) and "Qinhang LU" in str(e.value)


def test_lookup_unknown_suggests_close_names(seed_store: GraphStore) -> None:
    with pytest.raises(UnknownEntityError, match=r"did you mean: .*Tuspark"):
        resolve_entity(seed_store, "Tuspak")
    with pytest.raises(UnknownEntityError):
        resolve_entity(seed_store, "")
    assert find_entities(seed_store, "Nonexistent Widgets Corp") == []
