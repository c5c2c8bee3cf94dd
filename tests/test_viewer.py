"""The viewer page without a browser: what it holds, what it may fetch, how it escapes."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from html import unescape
from pathlib import Path

import pytest
from click.testing import CliRunner

from ownergraph import api
from ownergraph.cli import cli
from ownergraph.errors import QueryError
from ownergraph.graph.build import build_graph
from ownergraph.graph.store import GraphStore
from ownergraph.record import (
    ControlKind,
    ControlLink,
    CoverPage,
    Entity,
    EntityKind,
    Filing,
    Source,
)
from ownergraph.viewer.data import read_view
from ownergraph.viewer.page import CSP, ViewerError, json_for_script, render_viewer, write_viewer

HOSTILE_NAME = 'Evil <img src=x onerror="window.__pwned=1"> Holdings Ltd.'
HOSTILE_PARENT = "</script><script>window.__pwned=2</script> Parent Co"


def hostile_filing() -> Filing:
    """A filing whose names and quotes carry markup, script and line separators."""
    f = Filing(form="SC 13D", schedule="13D", accession="0000000000-24-000666", issuer="issuer")
    f.add_entity(Entity(key="issuer", name="Target <b>Corp</b>", kind=EntityKind.COMPANY))
    f.add_entity(Entity(key="evil", name=HOSTILE_NAME, kind=EntityKind.COMPANY))
    f.add_entity(Entity(key="parent", name=HOSTILE_PARENT, kind=EntityKind.COMPANY))
    quote = '<img src=x onerror="window.__pwned=3"> owns 5.2% <script>window.__pwned=4</script>'
    f.cover_pages.append(
        CoverPage(
            number=1,
            person="evil",
            aggregate=1000,
            percent_of_class=Decimal("5.2"),
            source=Source("Cover page, reporting person 1 <i>x</i>", quote),
        )
    )
    f.controls.append(
        ControlLink(
            controller="parent",
            controlled="evil",
            kind=ControlKind.WHOLLY_OWNED,
            source=Source("Item 2", "</script><svg onload=window.__pwned=5>\u2028\u2029"),
        )
    )
    return f


def hostile_store() -> GraphStore:
    store = api.open_store(None)
    name, graph = build_graph(hostile_filing())
    store.replace_graph(name, graph)
    return store


def _json_blocks(html: str) -> dict[str, object]:
    blocks = re.findall(r'<script type="application/json" id="([^"]+)">(.*?)</script>', html, re.S)
    return {k: json.loads(v) for k, v in blocks}


def test_json_for_script_escapes_everything_that_could_end_the_block() -> None:
    text = json_for_script({"a": "</script><!-- & \u2028\u2029 >"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == {"a": "</script><!-- & \u2028\u2029 >"}


def test_seed_page_holds_the_graph_and_fetches_nothing(seed_store: GraphStore) -> None:
    html, stats = render_viewer(seed_store)
    view = read_view(seed_store)
    blocks = _json_blocks(html)
    graph = blocks["og-graph"]
    assert isinstance(graph, dict)
    assert len(graph["nodes"]) == stats.nodes
    assert len(graph["edges"]) == stats.edges == len(view.edges)
    assert stats.left_out == 0
    # the page asks for nothing: no src=/href= to anything, no CDN, the policy forbids fetches
    meta = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html)
    assert meta is not None and unescape(meta.group(1)) == CSP
    assert "default-src 'none'" in CSP
    assert not re.search(r'\s(?:src|href)\s*=\s*["\']?(?:https?:)?//', html)
    assert "cdnjs." not in html and "jsdelivr" not in html and "bootstrap" not in html
    assert "<link" not in html
    labels = {n["label"] for n in graph["nodes"]}
    assert {"Tuspark Innovation Venture Ltd.", "Tus-Holdings Co., Ltd."} <= labels


def test_seed_edges_carry_kinds_stakes_and_sources(seed_store: GraphStore) -> None:
    view = read_view(seed_store)
    by_name = {n.label: iri for iri, n in view.nodes.items()}
    tuspark = by_name["Tuspark Innovation Venture Ltd."]
    tus = by_name["Tus-Holdings Co., Ltd."]
    issuer = next(iri for iri, n in view.nodes.items() if n.label.lower().startswith("21vianet"))
    own = {(e.source, e.target): e for e in view.edges if e.kind == "ownership"}
    # the joint filers' 11.4% is one stake, drawn once from their group
    group = next(iri for iri, n in view.nodes.items() if n.kind == "group")
    assert view.nodes[group].label == "Joint filers (2)"
    direct = own[(group, issuer)]
    assert direct.label == "11.4%" and not direct.indirect
    assert (tus, issuer) not in own
    members = {e.source for e in view.edges if e.kind == "member" and e.target == group}
    assert members == {tus, tuspark}
    # Tuspark's own Class B position (the repurchase agreement's recital) keeps its edge
    assert own[(tuspark, issuer)].label == "owns"
    control = next(e for e in view.edges if e.kind == "control")
    assert (control.source, control.target) == (tus, tuspark)
    assert control.label == "wholly owned"
    # every ownership fact points at quoted filing text
    for fact in direct.facts:
        assert fact["sources"], fact
        for i in fact["sources"]:
            src = view.sources[i]
            assert src["quote"] and src["section"]
            assert view.filings[src["filing"]]["form"].startswith("SCHEDULE 13D")


def test_focus_shows_the_ego_network_and_counts_the_rest(seed_store: GraphStore) -> None:
    everything = render_viewer(seed_store)[1]
    html, stats = render_viewer(seed_store, focus="Tuspark", hops=1)
    assert 0 < stats.nodes < everything.nodes
    assert stats.left_out == everything.nodes - stats.nodes
    assert f"and {stats.left_out} more not shown" in html.replace("<b>", "").replace("</b>", "")
    data = _json_blocks(html)["og-data"]
    assert isinstance(data, dict)
    assert data["details"][data["focus"]]["name"] == "Tuspark Innovation Venture Ltd."


def test_bad_requests_are_clear_errors(seed_store: GraphStore, tmp_path: Path) -> None:
    with pytest.raises(ViewerError, match="--hops needs --focus"):
        write_viewer(seed_store, tmp_path / "x.html", hops=2)
    with pytest.raises(ViewerError, match="unknown layout"):
        write_viewer(seed_store, tmp_path / "x.html", layout="circular")
    with pytest.raises(QueryError, match="no entity matches"):
        write_viewer(seed_store, tmp_path / "x.html", focus="No Such Holder Ltd")
    with pytest.raises(ViewerError, match="cannot write"):
        write_viewer(seed_store, tmp_path / "missing" / "dir" / "x.html")


def test_hostile_text_only_reaches_the_page_as_escaped_json() -> None:
    store = hostile_store()
    html, stats = render_viewer(store)
    assert stats.nodes == 3 and stats.edges == 2
    # filing text is only inside the JSON blocks, and there without a single "<" or "&"
    blocks_text = re.findall(
        r'<script type="application/json" id="[^"]+">(.*?)</script>', html, re.S
    )
    assert len(blocks_text) == 2
    assert all("<" not in b and "&" not in b for b in blocks_text)
    rest = html
    for b in blocks_text:
        rest = rest.replace(b, "")
    assert "__pwned" not in rest and "Holdings Ltd." not in rest
    blocks = _json_blocks(html)
    names = {d.get("name") for d in blocks["og-data"]["details"].values()}  # type: ignore[index, union-attr]
    assert HOSTILE_NAME in names and HOSTILE_PARENT in names
    assert "\u2028" not in html


def test_cli_viz_writes_the_page(tmp_path: Path) -> None:
    store = tmp_path / "store"
    runner = CliRunner()
    seed = api.example_path()
    assert runner.invoke(cli, ["--store", str(store), "load", str(seed)]).exit_code == 0
    out = tmp_path / "page.html"
    result = runner.invoke(cli, ["--store", str(store), "viz", "--layout", "force", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "nodes" in result.output and out.is_file()
    result = runner.invoke(cli, ["--store", str(store), "viz", "--hops", "1", "-o", str(out)])
    assert result.exit_code == 1 and "--hops needs --focus" in result.output


def test_a_joint_filing_is_one_stake_from_its_group() -> None:
    from .test_groups import joint

    store = GraphStore.open(None)
    seven = {f"Fund {c} LP": 5_870_000 for c in "ABCDEFG"}
    name, g = build_graph(joint("1-24-9", 1, seven, members=True))
    store.replace_graph(name, g)
    view = read_view(store)
    stakes = [e for e in view.edges if e.kind == "ownership"]
    assert len(stakes) == 1  # never one arrow per member
    group = view.nodes[stakes[0].source]
    assert group.kind == "group" and group.label == "Group (7)"
    assert len([e for e in view.edges if e.kind == "member"]) == 7
    # a member's different position is its own: it keeps its own arrow
    odd = dict(seven, **{"Fund G LP": 100})
    store2 = GraphStore.open(None)
    name2, g2 = build_graph(joint("1-24-10", 1, odd, members=True))
    store2.replace_graph(name2, g2)
    view2 = read_view(store2)
    sources = {view2.nodes[e.source].label for e in view2.edges if e.kind == "ownership"}
    assert sources == {"Group (7)", "Fund G LP"}
