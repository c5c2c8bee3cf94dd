"""Every fact the foundation issue lists for the seed, answered through the named
queries, each with a source quote that really stands in the seed.

These go through the whole pipeline: loader, builder, Oxigraph store, query library.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from ownergraph import api
from ownergraph.graph.store import GraphStore
from ownergraph.loaders.formats.markdown import markdown_to_text

from .corpus import SEED

TUSPARK = "Tuspark Innovation Venture Ltd."
TUS_HOLDINGS = "Tus-Holdings Co., Ltd."
VNET = "21Vianet Group, Inc."
SEED_TEXT = markdown_to_text(SEED.read_text(encoding="utf-8"))


def rows(store: GraphStore, name: str, **params: str) -> list[dict[str, Any]]:
    return api.run_query(store, name, params).rows


def one(found: list[dict[str, Any]], **match: Any) -> dict[str, Any]:
    hits = [r for r in found if all(r.get(k) == v for k, v in match.items())]
    assert len(hits) == 1, (match, found)
    return hits[0]


def quoted(quote: str | None) -> None:
    assert quote, "no source quote"
    assert quote in SEED_TEXT, quote


def test_filing(seed_store: GraphStore) -> None:
    f = one(rows(seed_store, "filings"), issuer=VNET)
    assert f["form"] == "SCHEDULE 13D/A"
    assert f["amendment_number"] == 1
    assert f["event_date"] == "2021-04-13"
    assert f["signature_date"] == "2021-05-14"
    assert f["amends_date"] == "2016-07-13"
    assert "Exhibit 99.1: Joint Filing Agreement" in f["exhibits"]
    assert "Exhibit 99.2: Share Repurchase Agreement" in f["exhibits"]
    assert f["reporting_persons"] == f"{TUSPARK}; {TUS_HOLDINGS}"
    quoted(f["quote"])


def test_issuer_jurisdiction_and_share_classes(seed_store: GraphStore) -> None:
    sources = rows(seed_store, "sources")
    law = one(sources, subject=VNET, fact="jurisdiction code")
    assert "organized under the laws of the Cayman Islands" in law["quote"]
    quoted(law["quote"])
    securities = rows(seed_store, "securities", issuer="21Vianet")
    a = one(securities, kind="share class", outstanding=827197383)
    assert a["par_value"] == Decimal("0.00001") and a["currency"] == "USD"
    assert a["as_of"] == "2021-04-13"
    assert "Form 20-F" in a["basis"] and "April 28, 2021" in a["basis"]
    quoted(a["quote"])
    assert one(securities, kind="share class", outstanding=34821723)["as_of"] == "2021-04-13"
    assert one(securities, kind="share class", outstanding=60000)["as_of"] == "2021-04-13"
    ads = one(securities, kind="depositary shares")
    assert (ads["cusip"], ads["ratio"], ads["exchange"], ads["ticker"]) == (
        "90138A103",
        6,
        "Nasdaq Global Market",
        "VNET",
    )
    quoted(ads["quote"])


@pytest.mark.parametrize(
    ("holder", "funds", "citizenship"),
    [(TUSPARK, "WC", "VG"), (TUS_HOLDINGS, "PF", "CN")],
)
def test_cover_pages(seed_store: GraphStore, holder: str, funds: str, citizenship: str) -> None:
    c = one(rows(seed_store, "cover-pages"), holder=holder)
    assert (c["group_a"], c["group_b"], c["legal_proceedings"]) == (False, False, False)
    assert c["source_of_funds"] == funds and c["citizenship"] == citizenship
    assert (c["sole_voting"], c["shared_voting"]) == (0, 94415771)
    assert (c["sole_dispositive"], c["shared_dispositive"]) == (0, 94415771)
    assert c["aggregate"] == 94415771 and c["excludes_certain_shares"] is False
    assert c["percent_of_class"] == Decimal("11.4") and c["type"] == "CO"
    assert c["ads_count"] == 15735962
    assert c["percent_of_total"] == Decimal("11.0") and c["percent_of_voting"] == Decimal("8.0")
    assert (c["basis_outstanding"], c["basis_as_of"]) == (827197383, "2021-04-13")
    assert c["total_outstanding"] == 862079106
    facts = {r["fact"]: r for r in rows(seed_store, "sources") if r["subject"] == c["holder"]}
    assert facts, "the reporting person has no sourced facts"
    for r in facts.values():
        quoted(r["quote"])


def test_holdings_carry_quotes(seed_store: GraphStore) -> None:
    holdings = rows(seed_store, "holdings", holder="Tuspark")
    top = one(holdings, shares=94415771)
    assert top["percent_of_class"] == Decimal("11.4") and top["as_of"] == "2021-04-13"
    cited = [
        r
        for r in rows(seed_store, "sources")
        if r["subject"].startswith("Holding") and "11.4%" in r["quote"]
    ]
    assert cited
    for r in cited:
        quoted(r["quote"])


def test_control_chain(seed_store: GraphStore) -> None:
    holdings = rows(seed_store, "holdings", issuer="Tuspark")
    assert one(holdings, holder=TUS_HOLDINGS)["percent_of_class"] == Decimal("100")
    sources = rows(seed_store, "sources")
    no_controller = [
        r for r in sources if r["subject"] == TUS_HOLDINGS and "not controlled" in r["quote"]
    ]
    assert no_controller and no_controller[0]["quote"].startswith("Tus-Holdings is not controlled")
    wholly = [r for r in sources if "wholly owned subsidiary of Tus-Holdings" in r["quote"]]
    assert wholly
    quoted(wholly[0]["quote"])
    report = api.run_query(seed_store, "ultimate-controllers", {"entity": "21Vianet"})
    assert [r["controller"] for r in report.rows] == [TUS_HOLDINGS]


SCHEDULE_A = {
    ("Chuilan ZENG", TUSPARK): ("Director and Manager", "CN"),
    ("Jiwu WANG", TUS_HOLDINGS): ("Director", "CN"),
    ("Zhiqiang LI", TUS_HOLDINGS): ("Director", "CN"),
    ("Xu WU", TUS_HOLDINGS): ("Director", "CN"),
    ("Qingyu PENG", TUS_HOLDINGS): ("Director", "CN"),
    ("Zhigang MA", TUS_HOLDINGS): ("Director", "MO"),
    ("Qinhang LU", TUS_HOLDINGS): ("Director", "CN"),
    ("Yanhua ZHOU", TUS_HOLDINGS): ("Director", "CN"),
    ("Gongping XIE", TUS_HOLDINGS): ("Director", "CN"),
    ("Lin LU", TUS_HOLDINGS): ("Director", "CN"),
    ("Xiaowei CAI", TUS_HOLDINGS): ("CEO", "CN"),
}


def test_schedule_a(seed_store: GraphStore) -> None:
    officers = rows(seed_store, "officers")
    for (person, org), (role, citizenship) in SCHEDULE_A.items():
        hits = [
            r
            for r in officers
            if r["person"] == person and r["organization"] == org and r["role"] == role
        ]
        assert hits, (person, org, role)
        assert hits[0]["citizenship"] == citizenship
    roles = [r for r in rows(seed_store, "roles") if r["section"] == "Schedule A"]
    assert len(roles) == len(SCHEDULE_A)
    for r in roles:
        quoted(r["quote"])


def test_people_named_elsewhere(seed_store: GraphStore) -> None:
    roles = rows(seed_store, "roles")
    signers = {
        (r["person"], r["organization"], r["role"])
        for r in roles
        if "signatory" in (r["kinds"] or "")
    }
    assert signers == {
        ("Chuilan ZENG", TUSPARK, "Director and Manager"),
        ("Xiaowei CAI", TUS_HOLDINGS, "President"),
    }
    cfo = one(roles, person="Sharon Liu")
    assert cfo["organization"] == VNET and cfo["role"] == "Chief Financial Officer"
    assert "notice contact" in cfo["kinds"]
    chen = one(roles, person="Wenbin Chen")
    assert (chen["organization"], chen["nominated_by"], chen["end_date"]) == (
        VNET,
        TUSPARK,
        "2021-04-13",
    )
    lawyer = one(roles, person="Will H. Cai")
    assert (lawyer["organization"], lawyer["on_behalf_of"]) == ("Cooley LLP", VNET)
    assert "counsel" in lawyer["kinds"]
    chiang = one(roles, person="Mike Chiang")
    assert chiang["organization"] == "Holland & Knight LLP" and "notice contact" in chiang["kinds"]
    for r in (cfo, chen, lawyer, chiang):
        quoted(r["quote"])


def test_agreements(seed_store: GraphStore) -> None:
    agreements = rows(seed_store, "agreements")
    sra = one(agreements, kind="share repurchase agreement")
    assert sra["date"] == "2021-03-23" and sra["governing_law"] == "HK"
    assert "Hong Kong International Arbitration Centre" in sra["dispute_forum"]
    assert f"{VNET} (buyer)" in sra["parties"] and f"{TUSPARK} (seller)" in sra["parties"]
    subscription = one(agreements, kind="share subscription agreement")
    assert subscription["date"] == "2016-05-23"
    joint = one(agreements, kind="joint filing agreement")
    assert joint["date"] == "2021-05-14" and TUS_HOLDINGS in joint["parties"]
    transfer = one(agreements, kind="share transfer agreement")
    assert "Beacon Capital Group Inc. (buyer)" in transfer["parties"]
    notices = rows(seed_store, "notices")
    assert {(n["party"], n["attention"], n["copy_only"]) for n in notices} == {
        (VNET, "Sharon Liu", False),
        (VNET, "Will H. Cai", True),
        (TUSPARK, "Chuilan ZENG", False),
    }
    for n in notices:
        quoted(n["quote"])
    sources = rows(seed_store, "sources")
    rules = [
        r
        for r in sources
        if r["subject"] == "Share Repurchase Agreement" and "UNCITRAL" in r["quote"]
    ]
    assert rules
    quoted(rules[0]["quote"])


def test_transactions(seed_store: GraphStore) -> None:
    tx = rows(seed_store, "transactions")
    rep = one(tx, kind="repurchase")
    assert (rep["seller"], rep["buyer"], rep["shares"]) == (TUSPARK, VNET, 48634493)
    assert rep["price_per_share"] == Decimal("5.346") and rep["currency"] == "USD"
    assert rep["aggregate_amount"] == Decimal("260000000") and rep["status"] == "completed"
    conv = one(tx, kind="conversion")
    assert conv["shares"] == 62418897 and "Class B" in conv["security_class"]
    sale = one(tx, kind="sale")
    assert (sale["seller"], sale["buyer"], sale["shares"]) == (
        TUSPARK,
        "Beacon Capital Group Inc.",
        65469510,
    )
    assert sale["price_per_share"] == Decimal("5.346")
    assert sale["aggregate_amount"] == Decimal("350000000.46") and sale["status"] == "pending"
    facts = [
        r
        for r in rows(seed_store, "sources")
        if r["subject"].startswith(("Repurchase", "Sale", "Conversion"))
    ]
    by_kind = {(r["subject"].split(":")[0], r["fact"]) for r in facts}
    for kind in ("Repurchase", "Sale"):
        for fact in (
            "shares",
            "price per share",
            "aggregate amount",
            "currency",
            "pricing basis",
            "status",
        ):
            assert (kind, fact) in by_kind, (kind, fact)
    assert ("Repurchase", "closing date") in by_kind
    assert ("Sale", "closing deadline") in by_kind
    assert ("Conversion", "converted into") in by_kind
    for r in facts:
        quoted(r["quote"])


def test_events(seed_store: GraphStore) -> None:
    events = rows(seed_store, "events")
    resignation = one(events, kind="resignation")
    assert resignation["date"] == "2021-04-13" and "Wenbin Chen" in resignation["subjects"]
    rights = one(events, kind="termination of board nomination rights")
    assert TUSPARK in rights["subjects"]
    for e in (resignation, rights):
        quoted(e["quote"])


def test_every_source_quote_stands_in_the_seed(seed_store: GraphStore) -> None:
    sources = rows(seed_store, "sources")
    assert len(sources) > 200
    for r in sources:
        quoted(r["quote"])
        assert r["section"], r


def test_notice_person_role_is_named_not_the_caption(seed_store: GraphStore) -> None:
    chiang = one(rows(seed_store, "roles"), person="Mike Chiang")
    assert chiang["role"] == "Person authorized to receive notices and communications"
