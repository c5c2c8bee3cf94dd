"""Query speed without changing answers: the indexed lookup, chains fetched outwards,
a lazy command line; and chains that claim no more than the filings say."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal

import networkx as nx
import pytest
from rdflib import URIRef

from ownergraph import api
from ownergraph.api.analytics import TOP_AS_FILED, TOP_STATED
from ownergraph.graph import lookup
from ownergraph.graph.analytics import ChainPath, chains, link_graph, ultimate_controllers
from ownergraph.graph.build import build_graph
from ownergraph.graph.neighbourhood import around
from ownergraph.graph.network import project
from ownergraph.graph.store import GraphStore
from ownergraph.ontology import OG

from .corpus import corpus_file, require_corpus
from .synthetic_chain import iri, load, synthetic_filings


@pytest.fixture(scope="module")
def synthetic() -> Iterator[GraphStore]:
    store = load(api.open_store(None), 5)
    yield store
    store.close()


def _no_catalogue(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(store: GraphStore) -> None:
        raise AssertionError("the lookup read every entity")

    monkeypatch.setattr(lookup, "_catalogue", refuse)


@pytest.mark.parametrize(
    ("query", "label"),
    [
        ("Tuspark", "Tuspark Innovation Venture Ltd."),
        ("tus holdings co ltd", "Tus-Holdings Co., Ltd."),
        ("21VIANET GROUP INC", "21Vianet Group, Inc."),
        ("chuilan zeng", "Chuilan ZENG"),
    ],
)
def test_lookup_answers_from_the_index_alone(
    seed_store: GraphStore, monkeypatch: pytest.MonkeyPatch, query: str, label: str
) -> None:
    _no_catalogue(monkeypatch)
    assert lookup.resolve_entity(seed_store, query).label == label


def test_misses_and_ambiguities_keep_their_lists_without_a_scan(
    seed_store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_catalogue(monkeypatch)
    with pytest.raises(lookup.UnknownEntityError, match=r"did you mean: .*Tuspark"):
        lookup.resolve_entity(seed_store, "Tuspak")
    with pytest.raises(lookup.AmbiguousEntityError) as e:
        lookup.resolve_entity(seed_store, "Lu")
    assert {c.label for c in e.value.candidates} == {"Lin LU", "Qinhang LU"}


def test_lookup_by_cik_from_the_index(
    synthetic: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_catalogue(monkeypatch)
    assert lookup.resolve_entity(synthetic, "CIK 1002").label == "Beta Investments LLC"


def test_every_name_and_short_name_word_is_a_name_token(seed_store: GraphStore) -> None:
    rows = seed_store.query(
        'SELECT ?t WHERE { ?e <https://w3id.org/ownergraph/ontology#shortName> "Tuspark" ; '
        "<https://w3id.org/ownergraph/ontology#nameToken> ?t }"
    )
    tokens = {str(r[0]) for r in rows}  # type: ignore[index]
    assert {"tuspark", "innovation", "venture"} <= tokens
    _, g = build_graph(synthetic_filings()[0])
    beta = URIRef(iri("B"))
    assert {str(o) for o in g.objects(beta, OG.nameToken)} == {"beta", "investments", "llc"}


def _summary(paths: list[ChainPath]) -> list[tuple[object, ...]]:
    return [(p.nodes, p.effective_percent, p.effective_percent_of_voting, p.cycle) for p in paths]


@pytest.mark.parametrize("letter", ["X", "A", "B", "C"])
def test_the_outward_walk_gives_the_chains_of_the_whole_projection(
    synthetic: GraphStore, letter: str
) -> None:
    whole = project(synthetic)
    for direction in ("up", "down"):
        near = around(synthetic, iri(letter), direction=direction)
        assert set(near.nodes) <= set(whole.nodes)
        assert _summary(chains(near, iri(letter), direction=direction)) == _summary(
            chains(whole, iri(letter), direction=direction)
        )
    near = around(synthetic, iri(letter))
    assert ultimate_controllers(near, iri(letter)) == ultimate_controllers(whole, iri(letter))


def test_the_walk_leaves_unrelated_entities_out(synthetic: GraphStore) -> None:
    # nothing holds D: its up-walk is D alone, while the store holds the whole graph
    assert set(around(synthetic, iri("D")).nodes) == {iri("D")}
    assert len(project(synthetic)) > 5


def test_a_top_stated_uncontrolled_is_an_ultimate_controller(seed_store: GraphStore) -> None:
    data = api.chain(seed_store, "21Vianet").to_json_data()
    assert [p["top_status"] for p in data] == [TOP_STATED]
    text = str(api.chain(seed_store, "21Vianet").table().rows[0]["top_status"])
    assert text == TOP_STATED


def test_a_top_without_such_a_statement_is_the_top_as_filed(synthetic: GraphStore) -> None:
    report = api.chain(synthetic, "Xeno Therapeutics")
    data = report.to_json_data()
    assert data and {p["top_status"] for p in data} == {TOP_AS_FILED}
    from rich.console import Console

    console = Console(width=200, record=True)
    console.print(report.render("table"))
    out = console.export_text()
    assert "top of the chain as filed" in out and "ultimate controller" not in out


def _twins() -> nx.MultiDiGraph:
    """T controls G (general partner) controls H; T also wholly owns L, which holds H
    (no percentage stated); H holds 67.2 % of X: the Icahn shape."""
    net = nx.MultiDiGraph()
    for n in "TGLHX":
        net.add_node(n, label=n)
    ctl = {"relation": "controls", "percent": None}
    net.add_edge("T", "G", key="c1", kind="general partner", **ctl)
    net.add_edge("G", "H", key="c2", kind="general partner", **ctl)
    own = {"relation": "owns", "kind": None, "percent_of_class": None}
    net.add_edge("T", "L", key="c0", kind="wholly owned", **ctl)
    net.add_edge("L", "H", key="h2", **own)
    net.add_edge(
        "H",
        "X",
        key="h3",
        relation="owns",
        kind="majority",
        percent_of_class=Decimal("67.2"),
        shares=10,
    )
    return net


def test_twin_paths_give_the_same_look_through() -> None:
    paths = chains(link_graph(_twins()), "X")
    assert sorted(p.labels for p in paths) == [("T", "G", "H", "X"), ("T", "L", "H", "X")]
    assert {p.effective_percent for p in paths} == {Decimal("67.2")}
    via_l = next(p for p in paths if "L" in p.nodes)
    assert any("through another path" in n for n in via_l.notes)
    # without the control path, the holding of unknown size gives no figure
    net = _twins()
    net.remove_edge("G", "H", key="c2")
    (alone,) = chains(link_graph(net), "X")[-1:]
    assert alone.labels == ("T", "L", "H", "X") and alone.effective_percent is None


def test_cvr_energy_chain_claims_no_more_than_the_filings() -> None:
    require_corpus()
    store = GraphStore.open(None)
    files = [
        corpus_file(
            "edgartools__SC_TO-T-A_plus_SC13D-A_txt__0001104659-25-002604__Icahn_IEH__CVR_Energy.txt"
        ),
        corpus_file(
            "orgron__SC13D__20210211__0000928464-21-000036__ICAHN_CARL_C__Bausch_Health_Companies_Inc.txt"
        ),
    ]
    assert not api.load_paths(store, files).failed
    data = api.chain(store, "CVR Energy").to_json_data()
    assert data and all(p["top_status"] == TOP_AS_FILED for p in data)
    icahn = [p for p in data if p["ultimate_controller"] == "Carl C. Icahn"]
    assert len(icahn) >= 2
    assert len({p["effective_percent"] for p in icahn}) == 1
    assert icahn[0]["effective_percent"] is not None


def test_the_command_line_starts_without_the_heavy_libraries() -> None:
    probe = (
        "import sys, json; from ownergraph.cli import cli; "
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('rdflib', 'pyoxigraph', 'networkx', 'pyshacl', 'pyvis', 'rich'))))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []
    version = subprocess.run(
        [sys.executable, "-m", "ownergraph", "--version"], capture_output=True, text=True
    )
    assert version.returncode == 0 and "ownergraph" in version.stdout


def test_the_cli_export_formats_are_the_api_ones() -> None:
    from ownergraph.cli.query import EXPORT_FORMATS

    assert tuple(api.EXPORT_FORMATS) == EXPORT_FORMATS
