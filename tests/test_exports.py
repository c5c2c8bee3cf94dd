"""The seed's ownership chain, officers and the Beacon Capital Group sale in every export
format, each checked through the library that consumes it (libcovebods, followthemoney,
networkx, csv); scoping (--focus/--hops, --as-of), stable IDs, sec.gov addresses, the
command line and failed writes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef

from ownergraph import api
from ownergraph.cli import cli
from ownergraph.exports import ExportError, read_export
from ownergraph.exports.graphs import to_networkx
from ownergraph.graph.store import GraphStore

from .corpus import SEED
from .exports_check import bods_errors, check_csv, check_ftm, load_bods, read_graph

OG = "https://w3id.org/ownergraph/ontology#"
TUS_HOLDINGS = "Tus-Holdings Co., Ltd."
TUSPARK = "Tuspark Innovation Venture Ltd."
VIANET = "21Vianet Group, Inc."
BEACON = "Beacon Capital Group Inc."
ZENG = "Chuilan ZENG"


@pytest.fixture(scope="module")
def exported(seed_store: GraphStore, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("seed-exports")
    out = {}
    for fmt, name in [
        ("bods", "seed.json"),
        ("ftm", "seed.ftm.json"),
        ("gexf", "seed.gexf"),
        ("graphml", "seed.graphml"),
        ("csv", "csv"),
    ]:
        api.export_graph(seed_store, fmt, folder / name)
        out[fmt] = folder / name
    return out


# -- BODS ------------------------------------------------------------------------------


def _bods_index(statements: list[dict[str, Any]]) -> tuple[dict[str, str], list[dict[str, Any]]]:
    names = {}
    for s in statements:
        d = s["recordDetails"]
        if s["recordType"] == "entity":
            names[s["recordId"]] = d["name"]
        elif s["recordType"] == "person":
            names[s["recordId"]] = d["names"][0]["fullName"]
    rels = [s for s in statements if s["recordType"] == "relationship"]
    return names, rels


def _interests(
    rels: list[dict[str, Any]], names: dict[str, str], party: str, subject: str
) -> list[dict[str, Any]]:
    return [
        i
        for s in rels
        if names.get(s["recordDetails"]["interestedParty"]) == party
        and names.get(s["recordDetails"]["subject"]) == subject
        for i in s["recordDetails"]["interests"]
    ]


def test_bods_valid_against_the_0_4_schema(exported: dict[str, Path]) -> None:
    assert bods_errors(exported["bods"]) == []


def test_bods_validator_does_catch_errors(exported: dict[str, Path], tmp_path: Path) -> None:
    statements = load_bods(exported["bods"])
    statements[0].pop("recordId")
    statements[-1]["recordDetails"]["interests"][0]["type"] = "ownsALot"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(statements, default=str))
    assert len(bods_errors(bad)) >= 2


def test_bods_seed_chain_officers_and_sale(exported: dict[str, Path]) -> None:
    statements = load_bods(exported["bods"])
    names, rels = _bods_index(statements)
    assert {TUS_HOLDINGS, TUSPARK, VIANET, BEACON, ZENG} <= set(names.values())
    top = _interests(rels, names, TUS_HOLDINGS, TUSPARK)
    assert {"exact": Decimal("100")} in [i.get("share") for i in top]
    stake = _interests(rels, names, TUSPARK, VIANET)
    shareholding = [i for i in stake if i["type"] == "shareholding" and "share" in i]
    assert shareholding[0]["share"] == {"exact": Decimal("11.4")}
    # the cover page does not say whether Tuspark holds directly; the filing does say that
    # Tus-Holdings holds through Tuspark, which it wholly owns
    assert shareholding[0]["directOrIndirect"] != "indirect"
    assert any(
        i["type"] == "votingRights" and i.get("share") == {"exact": Decimal("8")} for i in stake
    )
    indirect = _interests(rels, names, TUS_HOLDINGS, VIANET)
    assert any(
        i["directOrIndirect"] == "indirect" and i.get("share") == {"exact": Decimal("11.4")}
        for i in indirect
    )
    zeng = _interests(rels, names, ZENG, TUSPARK)
    assert {"boardMember", "seniorManagingOfficial"} <= {i["type"] for i in zeng}
    nominations = _interests(rels, names, TUSPARK, VIANET)
    assert any(i["type"] == "appointmentOfBoard" for i in nominations)
    sale = _interests(rels, names, BEACON, VIANET)
    assert sale and sale[0]["type"] == "conditionalRightsGrantedByContract"
    assert "65,469,510" in sale[0]["details"] and "350000000.46" in sale[0]["details"]


def test_bods_statements_carry_their_source(exported: dict[str, Path]) -> None:
    statements = load_bods(exported["bods"])
    for s in statements:
        assert s["statementDate"] == "2021-05-14"
        assert s["source"]["type"] == ["selfDeclaration"]
        assert "SCHEDULE 13D/A" in s["source"]["description"]
        assert {a["name"] for a in s["source"]["assertedBy"]} == {TUSPARK, TUS_HOLDINGS}
    rels = [s for s in statements if s["recordType"] == "relationship"]
    quoted = [s for s in rels if "annotations" in s]
    assert len(quoted) == len(rels)
    assert any(
        "Tuspark is a wholly owned subsidiary of Tus-Holdings" in s["annotations"][0]["description"]
        for s in rels
    )


# -- FollowTheMoney --------------------------------------------------------------------


def _ftm(exported: dict[str, Path]) -> tuple[dict[str, Any], list[Any]]:
    proxies = check_ftm(exported["ftm"])
    return {p.id: p for p in proxies}, proxies


def _name(by_id: dict[str, Any], ref: str) -> str:
    return str(by_id[ref].first("name"))


def test_ftm_seed_chain_officers_and_sale(exported: dict[str, Path]) -> None:
    by_id, proxies = _ftm(exported)
    schemata = {p.schema.name for p in proxies}
    assert {
        "Company",
        "Person",
        "Ownership",
        "Directorship",
        "Security",
        "Payment",
        "Contract",
    } <= schemata
    owns = {
        (
            _name(by_id, p.first("owner")),
            _name(by_id, p.first("asset")),
            p.first("percentage"),
            p.first("sharesCount"),
        )
        for p in proxies
        if p.schema.name == "Ownership"
    }
    assert (TUS_HOLDINGS, TUSPARK, "100", None) in owns
    assert (TUSPARK, VIANET, "11.4", "94415771") in owns
    directors = {
        (_name(by_id, p.first("director")), _name(by_id, p.first("organization")), p.first("role"))
        for p in proxies
        if p.schema.name == "Directorship"
    }
    assert (ZENG, TUSPARK, "Director and Manager") in directors
    payments = [
        p
        for p in proxies
        if p.schema.name == "Payment" and _name(by_id, p.first("payer")) == BEACON
    ]
    assert len(payments) == 1
    pay = payments[0]
    assert _name(by_id, pay.first("beneficiary")) == TUSPARK
    assert pay.first("amount") == "350000000.46" and pay.first("currency") == "USD"
    assert by_id[pay.first("contract")].first("title") == "Class A Share Transfer"
    person = next(p for p in proxies if p.schema.name == "Person" and p.first("name") == ZENG)
    assert person.first("lastName") == "ZENG" or person.first("firstName") == "Chuilan"


def test_ftm_links_keep_provenance(exported: dict[str, Path]) -> None:
    _, proxies = _ftm(exported)
    links = [
        p
        for p in proxies
        if p.schema.name in ("Ownership", "Directorship", "Payment", "UnknownLink")
    ]
    assert links
    for p in links:
        assert "SCHEDULE 13D/A" in p.first("summary")
        assert p.first("description")


def test_ids_are_stable_across_exports(
    seed_store: GraphStore, tmp_path: Path, exported: dict[str, Path]
) -> None:
    again = tmp_path / "again.ftm.json"
    api.export_graph(seed_store, "ftm", again)
    first = [json.loads(line)["id"] for line in exported["ftm"].read_text().splitlines()]
    second = [json.loads(line)["id"] for line in again.read_text().splitlines()]
    assert first == second
    api.export_graph(seed_store, "bods", tmp_path / "again.json")
    ids = [s["statementId"] for s in load_bods(exported["bods"])]
    assert ids == [s["statementId"] for s in load_bods(tmp_path / "again.json")]
    assert len(set(ids)) == len(ids)


# -- GEXF / GraphML --------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_graph_formats_read_back(
    seed_store: GraphStore, exported: dict[str, Path], fmt: str
) -> None:
    expected = to_networkx(read_export(seed_store))
    g = read_graph(exported[fmt])
    assert g.number_of_nodes() == expected.number_of_nodes() > 10
    assert g.number_of_edges() == expected.number_of_edges() > 10
    label = {n: d["label"] for n, d in g.nodes(data=True)}
    edges = [(label[u], label[v], d) for u, v, d in g.edges(data=True)]
    chain = [
        d
        for u, v, d in edges
        if (u, v) == (TUSPARK, VIANET) and d["relation"] == "holding" and "percent_of_class" in d
    ]
    assert chain[0]["percent_of_class"] == "11.4" and int(chain[0]["shares"]) == 94415771
    assert chain[0]["date"] == "2021-04-13" and chain[0]["section"].startswith("Cover page")
    assert any(d.get("percent") == "100" for u, v, d in edges if (u, v) == (TUS_HOLDINGS, TUSPARK))
    assert any("director" in d["kind"] for u, v, d in edges if (u, v) == (ZENG, TUSPARK))
    sale = [d for u, v, d in edges if (u, v) == (TUSPARK, BEACON)]
    assert sale[0]["amount"] == "350000000.46" and sale[0]["status"] == "pending"
    kinds = {d["node_type"] for _, d in g.nodes(data=True)}
    assert kinds == {"person", "entity"}


# -- CSV -------------------------------------------------------------------------------


def test_csv_in_neo4j_import_form(exported: dict[str, Path]) -> None:
    nodes, edges = check_csv(exported["csv"])
    name = {row["id:ID"]: row["name"] for row in nodes}
    labels = {row["name"]: row[":LABEL"] for row in nodes}
    assert labels[ZENG] == "Person;LegalEntity" and labels[TUSPARK] == "Company;LegalEntity"
    rows = [(name[r[":START_ID"]], name[r[":END_ID"]], r) for r in edges]
    stake = [r for s, t, r in rows if (s, t) == (TUSPARK, VIANET) and r["percent_of_class:string"]]
    assert stake[0][":TYPE"] == "OWNS" and stake[0]["percent_of_class:string"] == "11.4"
    assert stake[0]["shares:long"] == "94415771"
    assert any(
        r["percent:string"] == "100" and r[":TYPE"] == "CONTROLS"
        for s, t, r in rows
        if (s, t) == (TUS_HOLDINGS, TUSPARK)
    )
    assert any(
        r[":TYPE"] == "ROLE_IN" and "director" in r["kind"]
        for s, t, r in rows
        if (s, t) == (ZENG, TUSPARK)
    )
    sale = [r for s, t, r in rows if (s, t) == (TUSPARK, BEACON)]
    assert sale[0][":TYPE"] == "SOLD_TO" and sale[0]["amount:string"] == "350000000.46"
    assert all(r["filing_label"].startswith("SCHEDULE 13D/A") and r["quote"] for r in edges)


# -- sec.gov addresses, scoping --------------------------------------------------------


@pytest.fixture
def store_with_url() -> Iterator[GraphStore]:
    """The seed plus the ``og:secUrl`` the fetch step would add to its filing."""
    store = api.open_store(None)
    api.load_paths(store, [SEED])
    filing = next(iter(read_export(store).filings))
    extra = Graph()
    url = "https://www.sec.gov/Archives/edgar/data/1/000000000021000001.txt"
    extra.add(
        (
            URIRef(filing),
            URIRef(OG + "secUrl"),
            Literal(url, datatype=URIRef("http://www.w3.org/2001/XMLSchema#anyURI")),
        )
    )
    store.replace_graph(URIRef("urn:test:sec-url"), extra)
    yield store
    store.close()


def test_sec_url_where_known(store_with_url: GraphStore, tmp_path: Path) -> None:
    url = "https://www.sec.gov/Archives/edgar/data/1/000000000021000001.txt"
    api.export_graph(store_with_url, "bods", tmp_path / "b.json")
    assert {s["source"].get("url") for s in load_bods(tmp_path / "b.json")} == {url}
    assert bods_errors(tmp_path / "b.json") == []
    api.export_graph(store_with_url, "ftm", tmp_path / "f.json")
    proxies = check_ftm(tmp_path / "f.json")
    assert all(
        p.first("sourceUrl") == url
        for p in proxies
        if p.schema.name in ("Ownership", "Payment", "Company")
    )
    api.export_graph(store_with_url, "csv", tmp_path / "csv")
    _, edges = check_csv(tmp_path / "csv")
    assert {r["sec_url"] for r in edges} == {url}


def test_focus_and_hops(seed_store: GraphStore, tmp_path: Path) -> None:
    api.export_graph(seed_store, "csv", tmp_path / "one", focus="Tuspark", hops=1)
    nodes, _edges = check_csv(tmp_path / "one")
    names = {r["name"] for r in nodes}
    assert {TUSPARK, TUS_HOLDINGS, VIANET, BEACON, ZENG} <= names
    assert "Jiwu WANG" not in names  # a director of Tus-Holdings: two hops away
    api.export_graph(seed_store, "csv", tmp_path / "two", focus="Tuspark", hops=2)
    assert "Jiwu WANG" in {r["name"] for r in check_csv(tmp_path / "two")[0]}
    api.export_graph(seed_store, "csv", tmp_path / "zero", focus="Tuspark", hops=0)
    assert [r["name"] for r in check_csv(tmp_path / "zero")[0]] == [TUSPARK]


def test_as_of(seed_store: GraphStore, tmp_path: Path) -> None:
    api.export_graph(seed_store, "csv", tmp_path / "before", as_of="2021-01-01")
    assert check_csv(tmp_path / "before") == ([], [])
    api.export_graph(seed_store, "csv", tmp_path / "after", as_of="2021-06-30")
    _nodes, edges = check_csv(tmp_path / "after")
    assert len(edges) == len(read_export(seed_store).relations)


def test_scope_errors(seed_store: GraphStore, tmp_path: Path) -> None:
    with pytest.raises(Exception, match="no entity matches"):
        api.export_graph(seed_store, "bods", tmp_path / "x.json", focus="Nobody Holdings")
    with pytest.raises(Exception, match="not a date"):
        api.export_graph(seed_store, "bods", tmp_path / "x.json", as_of="14 May 2021")
    with pytest.raises(ExportError, match="not to trig"):
        api.export_graph(seed_store, "trig", tmp_path / "x.trig", as_of="2021-06-30")


# -- the command line and failed writes ------------------------------------------------


@pytest.fixture(scope="module")
def cli_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "store"
    result = CliRunner().invoke(cli, ["--store", str(path), "load", str(SEED)])
    assert result.exit_code == 0, result.output
    return path


@pytest.mark.parametrize("fmt", ["bods", "ftm", "gexf", "graphml", "csv", "ttl", "nq"])
def test_cli_export_every_format(cli_store: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"out.{fmt}"
    result = CliRunner().invoke(
        cli, ["--store", str(cli_store), "export", "--format", fmt, "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert f"wrote {out}" in result.output
    assert (out / "edges.csv").is_file() if fmt == "csv" else out.stat().st_size > 1000


def test_cli_export_focus(cli_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "focus.gexf"
    args = [
        "--store",
        str(cli_store),
        "export",
        "--format",
        "gexf",
        "-o",
        str(out),
        "--focus",
        "Beacon Capital",
        "--hops",
        "1",
    ]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    labels = {d["label"] for _, d in read_graph(out).nodes(data=True)}
    assert labels == {BEACON, TUSPARK}


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("{tmp}/missing/out.json", "does not exist"),
        ("/dev/full", "the disk is full"),
        ("{tmp}", "it is a folder"),
    ],
)
def test_cli_failed_write_is_one_line(
    cli_store: Path, tmp_path: Path, target: str, message: str
) -> None:
    if target == "/dev/full" and not Path("/dev/full").exists():
        pytest.skip("this system has no /dev/full to simulate a full disk")
    out = target.format(tmp=tmp_path)
    result = CliRunner().invoke(
        cli, ["--store", str(cli_store), "export", "--format", "bods", "-o", out]
    )
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: cannot write") and message in lines[0], (
        result.output
    )
    assert "Traceback" not in result.output


def test_cli_csv_into_missing_parent(cli_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "no" / "such" / "dir"
    result = CliRunner().invoke(
        cli, ["--store", str(cli_store), "export", "--format", "csv", "-o", str(out)]
    )
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"error: cannot write {out}: the folder {out.parent} does not exist"
    ]
