"""networkx projection and look-through analytics: the seed, and a synthetic
multi-level graph with a cross-holding cycle; SPARQL and networkx agree."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

import pytest

from ownergraph import api
from ownergraph.api import analytics as analytics_api
from ownergraph.graph.analytics import ancestors, chains, link_graph, ultimate_controllers
from ownergraph.graph.lookup import resolve_entity
from ownergraph.graph.network import project
from ownergraph.graph.store import GraphStore

from .synthetic_chain import iri, load


def _iri(store: GraphStore, name: str) -> str:
    return str(resolve_entity(store, name).iri)


@pytest.fixture
def cycle_store() -> Iterator[GraphStore]:
    """F1 and F2 only: A -> B -> C -> A with B -> X, no owner above the cycle."""
    store = load(api.open_store(None), 2)
    yield store
    store.close()


@pytest.fixture(scope="module")
def full_store() -> Iterator[GraphStore]:
    store = load(api.open_store(None), 5)
    yield store
    store.close()


# -- the seed ---------------------------------------------------------------------


def test_seed_projection_nodes_and_edges(seed_store: GraphStore) -> None:
    net = project(seed_store)
    vianet = _iri(seed_store, "21Vianet Group")
    tuspark = _iri(seed_store, "Tuspark")
    tus = _iri(seed_store, "Tus-Holdings")
    assert net.nodes[tuspark]["jurisdiction"] == "VG"
    assert "Tuspark" in net.nodes[tuspark]["short_names"]
    assert "90138A103" in net.nodes[vianet]["cusips"]
    assert net.nodes[tus]["no_controlling_holder"] is True
    controls = [d for _, _, d in net.edges(tus, data=True) if d["relation"] == "controls"]
    assert [(d["kind"], d["percent"]) for d in controls] == [("wholly owned", Decimal(100))]
    assert controls[0]["quote"] == "Tuspark is a wholly owned subsidiary of Tus-Holdings"
    cover = [d for _, b, d in net.edges(tuspark, data=True) if b == vianet and d["cover_page"]]
    assert len(cover) == 1
    assert cover[0]["shares"] == 94415771
    assert cover[0]["percent_of_class"] == Decimal("11.4")
    assert cover[0]["percent_of_total"] == Decimal("11.0")
    assert cover[0]["percent_of_voting"] == Decimal("8.0")
    assert "11.4%" in cover[0]["quote"]


def test_seed_chain_up(seed_store: GraphStore) -> None:
    vianet = _iri(seed_store, "21Vianet Group")
    paths = chains(project(seed_store), vianet)
    assert [p.labels for p in paths] == [
        ("Tus-Holdings Co., Ltd.", "Tuspark Innovation Venture Ltd.", "21Vianet Group, Inc.")
    ]
    p = paths[0]
    top, bottom = p.links
    assert top.kind == "wholly owned" and top.passes_whole_stake
    assert top.percent_of_class == Decimal(100)
    assert bottom.kind == "minority stake" and not bottom.passes_whole_stake
    assert (bottom.percent_of_class, bottom.percent_of_total, bottom.percent_of_voting) == (
        Decimal("11.4"),
        Decimal("11.0"),
        Decimal("8.0"),
    )
    assert p.effective_percent == Decimal("11.4")
    assert p.effective_percent_of_total == Decimal("11.0")
    assert p.effective_percent_of_voting == Decimal("8.0")
    assert p.ultimate_controller_label == "Tus-Holdings Co., Ltd."
    assert any("whole stake" in n for n in p.notes)


def test_seed_parent_report_of_subsidiary_shares_is_not_a_second_path(
    seed_store: GraphStore,
) -> None:
    links = link_graph(project(seed_store))
    tus, vianet = _iri(seed_store, "Tus-Holdings"), _iri(seed_store, "21Vianet")
    assert links.edges[tus, vianet]["link"].look_through is True
    assert len(chains(links, vianet)) == 1


def test_seed_chain_down_and_as_of(seed_store: GraphStore) -> None:
    tus = _iri(seed_store, "Tus-Holdings")
    down = chains(project(seed_store), tus, direction="down")
    assert [p.labels[-1] for p in down] == ["21Vianet Group, Inc."]
    assert down[0].ultimate_controller_label == "Tus-Holdings Co., Ltd."
    vianet = _iri(seed_store, "21Vianet")
    # signed 2021-05-14: nothing was on file before that
    assert chains(project(seed_store), vianet, as_of=dt.date(2021, 5, 13)) == []
    assert len(chains(project(seed_store), vianet, as_of=dt.date(2021, 5, 14))) == 1


def test_seed_ultimate_controllers(seed_store: GraphStore) -> None:
    vianet = _iri(seed_store, "21Vianet")
    assert ultimate_controllers(project(seed_store), vianet) == {_iri(seed_store, "Tus-Holdings")}


# -- the synthetic graph: multi-level, cross-holding cycle --------------------------


def test_cycle_terminates_and_says_so(cycle_store: GraphStore) -> None:
    paths = chains(project(cycle_store), iri("X"))
    assert [p.nodes for p in paths] == [(iri("C"), iri("A"), iri("B"), iri("X"))]
    p = paths[0]
    assert p.cycle == iri("B")
    assert any("cross-holding" in n for n in p.notes)
    # C 20% of A (minority) x A controls B (majority: whole stake) x B 30% of X
    assert p.effective_percent == Decimal("6.0")
    assert p.effective_percent_of_total == Decimal("5")  # 20% x 25%
    assert p.effective_percent_of_voting == Decimal("8")  # 20% x 40%
    assert p.economic_percent == Decimal("3.6")  # 20% x 60% x 30%
    assert [lk.passes_whole_stake for lk in p.links] == [False, True, False]


def test_cycle_at_the_top_is_the_ultimate_control(cycle_store: GraphStore) -> None:
    net = project(cycle_store)
    assert ultimate_controllers(net, iri("X")) == {iri("A"), iri("B"), iri("C")}
    assert ancestors(net, iri("X")) == {iri("A"), iri("B"), iri("C")}
    # every member of the cycle: the walk down from A ends too
    down = chains(net, iri("A"), direction="down")
    assert sorted(p.labels[-1] for p in down) == ["Gamma Capital Inc.", "Xeno Therapeutics, Inc."]


def test_owner_above_the_cycle_is_the_only_ultimate_controller(full_store: GraphStore) -> None:
    net = project(full_store)
    assert ultimate_controllers(net, iri("X"), as_of=dt.date(2021, 12, 31)) == {iri("D")}
    paths = chains(net, iri("X"), as_of=dt.date(2021, 12, 31))
    by_top = {p.ultimate_controller: p for p in paths}
    assert set(by_top) == {iri("C"), iri("D")}
    # D 70% of A (majority) and A majority of B pass on B's whole 30%
    assert by_top[iri("D")].effective_percent == Decimal("30")
    assert by_top[iri("D")].economic_percent == Decimal("12.6")


def test_as_of_takes_the_latest_position_filed_by_then(full_store: GraphStore) -> None:
    net = project(full_store)
    old = chains(net, iri("X"), as_of=dt.date(2020, 3, 1))
    assert [p.nodes for p in old] == [(iri("A"), iri("B"), iri("X"))]
    assert old[0].links[-1].percent_of_class == Decimal("30")
    now = chains(net, iri("X"))
    # F4 amended B's position to 12%; F5 ended C's holding in A (the cycle is gone)
    assert [p.nodes for p in now] == [(iri("D"), iri("A"), iri("B"), iri("X"))]
    assert now[0].links[-1].percent_of_class == Decimal("12")
    assert now[0].links[-1].shares == 120
    assert now[0].effective_percent == Decimal("12")


def test_chain_api_json_shape(full_store: GraphStore) -> None:
    data = analytics_api.chain(full_store, "Xeno Therapeutics").to_json_data()
    assert len(data) == 1
    p = data[0]
    assert p["path"] == [
        "Delta Group Corp.",
        "Alpha Holdings Ltd.",
        "Beta Investments LLC",
        "Xeno Therapeutics, Inc.",
    ]
    assert p["ultimate_controller"] == "Delta Group Corp."
    assert [lk["kind"] for lk in p["links"]] == ["majority", "majority", "minority stake"]
    assert {
        "from",
        "to",
        "kind",
        "percent_of_class",
        "percent_of_total",
        "percent_of_voting",
        "filing",
    } <= set(p["links"][0])
    assert p["effective_percent"] == Decimal("12.0")


# -- SPARQL and networkx agree ------------------------------------------------------


def _sparql_chain_edges(store: GraphStore, name: str) -> set[tuple[str, str]]:
    table = api.run_query(store, "control-chain", {"entity": name})
    return {(r["upper"], r["lower"]) for r in table.rows}


def _nx_chain_edges(store: GraphStore, entity: str) -> set[tuple[str, str]]:
    net = project(store)
    up = ancestors(net, entity) | {entity}
    labels = {n: d["label"] for n, d in net.nodes(data=True)}
    edges = set()
    for a, b, d in net.edges(data=True):
        nil = d.get("shares") == 0 or d.get("percent_of_class") == 0
        if a in up and b in up and not nil and b != a:
            # every link whose lower end reaches the entity
            edges.add((labels[a], labels[b]))
    return edges


@pytest.mark.parametrize("upto", [2, 3, 4])
def test_sparql_and_networkx_agree_on_synthetic(upto: int) -> None:
    store = load(api.open_store(None), upto)
    try:
        net = project(store)
        labels = {n: d["label"] for n, d in net.nodes(data=True)}
        q = api.run_query(store, "ultimate-controllers", {"entity": "Xeno Therapeutics"})
        assert {r["controller"] for r in q.rows} == {
            labels[u] for u in ultimate_controllers(net, iri("X"))
        }
        assert _sparql_chain_edges(store, "Xeno Therapeutics") == _nx_chain_edges(store, iri("X"))
    finally:
        store.close()


def test_sparql_and_networkx_agree_on_seed(seed_store: GraphStore) -> None:
    vianet = _iri(seed_store, "21Vianet Group")
    net = project(seed_store)
    labels = {n: d["label"] for n, d in net.nodes(data=True)}
    q = api.run_query(seed_store, "ultimate-controllers", {"entity": "21Vianet Group"})
    assert (
        {r["controller"] for r in q.rows}
        == {labels[u] for u in ultimate_controllers(net, vianet)}
        == {"Tus-Holdings Co., Ltd."}
    )
    assert _sparql_chain_edges(seed_store, "21Vianet Group") == _nx_chain_edges(seed_store, vianet)
