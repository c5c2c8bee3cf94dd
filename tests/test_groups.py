"""Groups and joint filers: linked as one og:Group, their shares never added up."""

from __future__ import annotations

import datetime as dt

from ownergraph import api
from ownergraph.api import analytics as analytics_api
from ownergraph.graph.build import build_graph
from ownergraph.graph.store import GraphStore
from ownergraph.ontology import OG
from ownergraph.record import CoverPage, Entity, EntityKind, Filing

from .corpus import corpus_file
from .test_identity import load


def joint(acc: str, day: int, filers: dict[str, int], *, members: bool = False) -> Filing:
    f = Filing(
        form="SC 13D",
        schedule="13D",
        accession=acc,
        issuer="acme",
        filed_date=dt.date(2024, 1, day),
    )
    f.add_entity(Entity(key="acme", name="Acme Corp.", kind=EntityKind.COMPANY, cik="7"))
    for i, (name, shares) in enumerate(filers.items(), 1):
        f.add_entity(Entity(key=name, name=name, kind=EntityKind.FUND))
        f.cover_pages.append(CoverPage(number=i, person=name, aggregate=shares, group_a=members))
    if members:
        f.group_members = list(filers)
    return f


FUNDS = {"Alpha Fund LP": 500, "Alpha GP LLC": 500, "Alpha Management LLC": 500}


def test_joint_filers_and_group_members_are_one_group() -> None:
    for members in (False, True):
        name, g = build_graph(joint("1-24-1", 1, FUNDS, members=members))
        groups = list(g.objects(name, OG.group))
        assert len(groups) == 1
        assert len(set(g.objects(groups[0], OG.member))) == 3
        assert str(g.value(groups[0], OG.kind)) == ("group" if members else "joint filers")


def test_issuer_total_counts_a_groups_shares_once() -> None:
    store = GraphStore.open(None)
    load(
        store,
        [
            joint("1-24-1", 1, FUNDS, members=True),
            joint("1-24-2", 2, {"Beta Capital LLC": 300}),
            joint("1-24-3", 3, {"Gamma Holdings Ltd": 40, "Gamma Partners LP": 25}),
        ],
    )
    rows = api.run_query(store, "issuer-total", {"issuer": "Acme Corp."}).rows
    assert len(rows) == 1
    # 500 (the Alpha group, once) + 300 + 40 (Gamma's joint filers, the larger one)
    assert rows[0]["total_shares"] == 840
    assert rows[0]["positions"] == 3
    assert rows[0]["holders"] == 6


def test_issuer_total_uses_each_holders_latest_filing() -> None:
    store = GraphStore.open(None)
    load(
        store,
        [
            joint("1-24-1", 1, {"Beta Capital LLC": 300}),
            joint("1-24-2", 5, {"Beta Capital LLC": 200}),
        ],
    )
    rows = api.run_query(store, "issuer-total", {"issuer": "Acme Corp."}).rows
    assert rows[0]["total_shares"] == 200


def test_moneygram_group_counted_once_and_not_summed_by_show() -> None:
    path = corpus_file(
        "orgron__SC13D-A__20120221__0000909518-12-000080__THOMAS_H_LEE_ADVISORS_LLC__MONEYGRAM_INTERNATIONAL_INC.txt"
    )
    store = api.open_store(None)
    assert not api.load_paths(store, [path]).failed
    total = api.run_query(store, "issuer-total", {"issuer": "MoneyGram International"}).rows[0]
    # the largest aggregate on the cover pages: Thomas H. Lee Advisors, LLC, 36,332,270
    assert total["total_shares"] == 36_332_270
    holdings = api.run_query(store, "holdings", {"issuer": "MoneyGram International"}).rows
    assert sum(int(r["shares"]) for r in holdings) > total["total_shares"]
    page = analytics_api.show(store, "MoneyGram International")
    data = page.to_json_data()
    text = page.to_json()
    assert str(sum(int(r["shares"]) for r in holdings)) not in text  # show lists, never sums
    assert data
    report = analytics_api.chain(store, "MoneyGram International")
    for p in report.paths:
        for m in ("effective_percent", "effective_percent_of_total"):
            v = getattr(p, m, None)
            assert v is None or v <= 100


def test_a_fund_named_after_the_issuer_makes_the_short_name_ambiguous() -> None:
    # "THL Equity Fund VI Investors (MoneyGram), LLC" keeps its bracketed word, so a bare
    # "MoneyGram" names two entities: a did-you-mean list, never a silent pick
    import pytest

    from ownergraph.graph.lookup import AmbiguousEntityError, resolve_entity

    path = corpus_file(
        "orgron__SC13D-A__20120221__0000909518-12-000080__THOMAS_H_LEE_ADVISORS_LLC__MONEYGRAM_INTERNATIONAL_INC.txt"
    )
    store = GraphStore.open(None)
    assert not api.load_paths(store, [path]).failed
    with pytest.raises(AmbiguousEntityError, match="did you mean"):
        resolve_entity(store, "MoneyGram")
    assert resolve_entity(store, "MoneyGram International").label.upper().startswith("MONEYGRAM")
