"""Golden facts of the seed's narrative: Items, Schedule A, signatures, agreements, deals.

Every value below was checked by reading examples/21vianet-schedule-13d-a-2021.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

import pytest

from ownergraph.loaders import load_file
from ownergraph.loaders.formats.markdown import markdown_to_text
from ownergraph.loaders.sections.cover import share_class_key
from ownergraph.loaders.sections.narrative import parse_narrative
from ownergraph.normalize import entity_key
from ownergraph.record import ControlKind, EntityKind, Filing, Source, Sourced

from .corpus import SEED

D = dt.date
# keys follow normalize.entity_key and cover.share_class_key, whatever their scheme
TUS = entity_key("Tuspark Innovation Venture Ltd.")
HOLD = entity_key("Tus-Holdings Co., Ltd.")
ISS = entity_key("21VIANET GROUP, INC.")
BCG = entity_key("Beacon Capital Group Inc.")
COOLEY = entity_key("Cooley LLP")
A = share_class_key(ISS, "Class A ordinary shares", "A")
B = share_class_key(ISS, "Class B ordinary shares", "B")


@pytest.fixture(scope="module")
def text() -> str:
    return markdown_to_text(SEED.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def f() -> Filing:
    return load_file(SEED)


def _sources(obj: Sourced) -> Iterator[tuple[str, Source]]:
    if obj.source is not None:
        yield "source", obj.source
    yield from obj.field_sources.items()


def _check_sources(obj: Sourced, text: str) -> None:
    for name, src in _sources(obj):
        assert src.quote, name
        if src.start is not None:
            assert text[src.start : src.end] == src.quote, (name, src)
        else:
            assert src.quote in text, (name, src)


def _role(f: Filing, person: str, *, section: str | None = None, kind: str | None = None):
    found = [
        r
        for r in f.roles
        if r.person == person
        and (section is None or r.section == section)
        and (kind is None or kind in r.kinds)
    ]
    assert len(found) == 1, (person, section, kind, found)
    return found[0]


def test_filing_level(f: Filing, text: str) -> None:
    assert f.signature_date == D(2021, 5, 14)
    assert f.amends is not None
    assert f.amends.description == "jointly filed with the SEC on July 13, 2016"
    assert f.amends.date == D(2016, 7, 13)
    assert f.amends.form == "SC 13D"
    assert "July 13, 2016" in f.field_sources["amends"].quote
    assert f.field_sources["signature_date"].quote in text


def test_items(f: Filing, text: str) -> None:
    assert [(i.number, i.title) for i in f.items] == [
        ("2", "Identity and Background"),
        ("4", "Purpose of Transaction"),
        ("5", "Interest in Securities of the Issuer"),
        ("7", "Material to be Filed as Exhibits"),
    ]
    item4 = f.items[1]
    assert item4.text.startswith("On April 13, 2021, Tuspark completed the sale")
    assert item4.text.endswith("subparagraphs (a) through (j) of Item 4 of Schedule 13D.")
    assert f.items[3].text.endswith("Share Repurchase Agreement, dated as of March 23, 2021.")
    for i in f.items:
        _check_sources(i, text)


def test_exhibits(f: Filing, text: str) -> None:
    ex = [(e.number, e.date, e.agreement) for e in f.exhibits]
    assert ex == [
        ("99.1", D(2021, 5, 14), "agreement-joint-filing-agreement-2021-05-14"),
        ("99.2", D(2021, 3, 23), "agreement-share-repurchase-agreement-2021-03-23"),
    ]
    assert (
        f.exhibits[0].title
        == "Joint Filing Agreement by and among the Reporting Persons, dated May 14, 2021"
    )
    for e in f.exhibits:
        _check_sources(e, text)


def test_item2_background(f: Filing, text: str) -> None:
    tus = f.entities[TUS]
    hold = f.entities[HOLD]
    assert "Tuspark" in tus.short_names and "Tus-Holdings" in hold.short_names
    assert tus.jurisdiction is not None and tus.jurisdiction.code == "VG"
    assert hold.jurisdiction is not None and hold.jurisdiction.code == "CN"
    assert tus.principal_business == "investment holding"
    assert hold.principal_business == (
        "developing, constructing, operating and managing Tsinghua University Science Park (TusPark)"
    )
    office = [a for a in tus.addresses if a.kind == "principal office"]
    assert [a.text for a in office] == [
        "16/F, Block A, Innovation Park, Tsinghua Science Park, Haidian District, Beijing, the People's Republic of China"
    ]
    assert office[0].country == "CN"
    assert [a.text for a in hold.addresses if a.kind == "principal office"] == [
        "14-17/F, Block A, Tsinghua University Science Park Innovation Plaza, Beijing, 100084, the People's Republic of China"
    ]
    for a in tus.addresses + hold.addresses:
        _check_sources(a, text)
    for key in ("principal_business", "short_name:Tuspark"):
        assert tus.field_sources[key].quote in text


def test_control_chain(f: Filing, text: str) -> None:
    [link] = f.controls
    assert (link.controller, link.controlled, link.kind, link.percent) == (
        HOLD,
        TUS,
        ControlKind.WHOLLY_OWNED,
        Decimal(100),
    )
    assert link.source is not None
    assert link.source.quote == "Tuspark is a wholly owned subsidiary of Tus-Holdings"
    sub = [h for h in f.holdings if h.issuer == TUS]
    assert [(h.holder, h.percent_of_class, h.nature) for h in sub] == [
        (HOLD, Decimal(100), "wholly owned subsidiary")
    ]
    hold = f.entities[HOLD]
    assert hold.no_controlling_holder is True
    assert hold.field_sources["no_controlling_holder"].quote == (
        "Tus-Holdings is not controlled by any of its shareholders"
    )
    _check_sources(link, text)
    _check_sources(hold, text)


def test_holdings(f: Filing, text: str) -> None:
    b = B
    by = {(h.holder, h.nature): h for h in f.holdings}
    # Item 5 restates the cover pages' positions: folded into them as second sources,
    # never a second holding that would count the shares twice
    covers = {c.person: c for c in f.cover_pages}
    assert not any(
        h.issuer == ISS and h.share_class == A and h.shares == 94415771 for h in f.holdings
    )
    direct = covers[TUS].field_sources["aggregate:Item 5"]
    assert direct.quote.startswith(
        "Tuspark is the beneficial owner of 94,415,771 Class A Ordinary Shares"
    )
    indirect = covers[HOLD].field_sources["aggregate:Item 5"]
    assert indirect.quote.startswith(
        "Tus-Holdings, through its ownership of Tuspark, may be deemed to share voting and dispositive power"
    )
    record = by[(TUS, "record holder")]
    assert (record.shares, record.share_class, record.as_of) == (111053390, b, D(2021, 3, 23))
    assert (
        record.source is not None
        and "record shareholder of 111,053,390 Class B" in record.source.quote
    )
    for h in f.holdings:
        _check_sources(h, text)
    for c in covers.values():
        for src in c.field_sources.values():
            assert text[src.start : src.end] == src.quote


SCHEDULE_A = [
    (
        "chuilan-zeng",
        TUS,
        "Director and Manager",
        ["director", "manager"],
        "Manager of Tuspark Innovation Venture Ltd.",
        "CN",
    ),
    ("jiwu-wang", HOLD, "Director", ["director"], "Chairman", "CN"),
    ("zhiqiang-li", HOLD, "Director", ["director"], "Vice Chairman", "CN"),
    ("xu-wu", HOLD, "Director", ["director"], "Vice Chairman", "CN"),
    ("qingyu-peng", HOLD, "Director", ["director"], "Vice Chairman", "CN"),
    ("zhigang-ma", HOLD, "Director", ["director"], "Vice Chairman", "MO"),
    ("qinhang-lu", HOLD, "Director", ["director"], "Vice Chairman", "CN"),
    ("yanhua-zhou", HOLD, "Director", ["director"], "Director", "CN"),
    ("gongping-xie", HOLD, "Director", ["director"], "Director", "CN"),
    ("lin-lu", HOLD, "Director", ["director"], "Independent Director", "CN"),
    (
        "xiaowei-cai",
        HOLD,
        "CEO",
        ["ceo", "officer"],
        "CEO of Tus-Holdings Co., Ltd.",
        "CN",
    ),
]


def test_schedule_a(f: Filing, text: str) -> None:
    rows = [r for r in f.roles if r.section == "Schedule A"]
    got = [
        (
            r.person,
            r.organization,
            r.title,
            r.kinds,
            r.occupation,
            f.entities[r.person].citizenship.code,
        )  # type: ignore[union-attr]
        for r in rows
    ]
    assert got == SCHEDULE_A
    zeng = f.entities["chuilan-zeng"]
    assert (zeng.kind, zeng.name, zeng.given_name, zeng.family_name) == (
        EntityKind.PERSON,
        "Chuilan ZENG",
        "Chuilan",
        "Zeng",
    )
    assert zeng.citizenship is not None and zeng.citizenship.text == "People's Republic of China"
    assert f.entities["zhigang-ma"].citizenship.text == "Macau"  # type: ignore[union-attr]
    assert [a.text for a in zeng.addresses if a.kind == "business"] == [
        "16/F, Block A, Innovation Park, Tsinghua Science Park, Haidian District, Beijing, 100084, the People's Republic of China"
    ]
    assert [a.kind for a in f.entities["xiaowei-cai"].addresses] == ["business"]
    assert (
        f.entities["xiaowei-cai"]
        .addresses[0]
        .text.startswith("14-17/F, Block A, Tsinghua University")
    )
    for r in rows:
        _check_sources(r, text)
        assert r.source is not None and r.source.quote.startswith(f.entities[r.person].name)


def test_signatures(f: Filing, text: str) -> None:
    got = [(s.entity, s.signer, s.title, s.date) for s in f.signatures]
    assert got == [
        (TUS, "chuilan-zeng", "Director and Manager", D(2021, 5, 14)),
        (HOLD, "xiaowei-cai", "President", D(2021, 5, 14)),
    ]
    zeng = _role(f, "chuilan-zeng", section="Signature")
    assert (zeng.organization, zeng.title, zeng.kinds) == (
        TUS,
        "Director and Manager",
        ["signatory", "director", "manager"],
    )
    cai = _role(f, "xiaowei-cai", section="Signature")
    assert (cai.organization, cai.kinds) == (HOLD, ["signatory", "president", "officer"])
    for s in f.signatures:
        _check_sources(s, text)
        assert s.source is not None and "/s/" in s.source.quote


def test_people_named_elsewhere(f: Filing, text: str) -> None:
    liu = _role(f, "sharon-liu")
    assert (liu.organization, liu.title, liu.kinds) == (
        ISS,
        "Chief Financial Officer",
        ["cfo", "officer", "notice contact"],
    )
    assert liu.section == "Exhibit 99.2 §6.2"
    chen = _role(f, "wenbin-chen")
    assert (chen.organization, chen.kinds, chen.nominated_by, chen.end) == (
        ISS,
        ["director"],
        TUS,
        D(2021, 4, 13),
    )
    cai = _role(f, "will-h-cai")
    assert (cai.organization, cai.kinds, cai.on_behalf_of) == (
        COOLEY,
        ["counsel"],
        ISS,
    )
    assert f.entities["will-h-cai"].name == "Will H. Cai"
    assert f.entities[COOLEY].name == "Cooley LLP"
    for r in (liu, chen, cai):
        _check_sources(r, text)
    [res] = [e for e in f.events if e.kind == "resignation"]
    assert (res.date, res.subjects) == (D(2021, 4, 13), ["wenbin-chen", ISS])
    _check_sources(res, text)


def test_share_repurchase_agreement(f: Filing, text: str) -> None:
    sra = f.agreements["agreement-share-repurchase-agreement-2021-03-23"]
    assert (sra.kind, sra.date, sra.exhibit) == (
        "share repurchase agreement",
        D(2021, 3, 23),
        "99.2",
    )
    assert [(p.entity, p.role, p.defined_as) for p in sra.parties] == [
        (ISS, "buyer", "the Company"),
        (TUS, "seller", "Tuspark"),
    ]
    assert "Tuspark Innovation Venture Limited" in f.entities[TUS].aliases
    assert sra.governing_law is not None and sra.governing_law.code == "HK"
    assert sra.dispute_forum == (
        "arbitration in Hong Kong administered by the Hong Kong International Arbitration Centre"
    )
    assert sra.dispute_rules == "UNCITRAL Arbitration Rules"
    assert sra.arbitration_seat is not None and sra.arbitration_seat.code == "HK"
    assert sra.arbitration_language == "Chinese"
    assert sra.related == ["agreement-share-subscription-agreement-2016-05-23"]
    notices = [
        (n.party, n.attention, n.organization, n.email, n.copy_only) for n in sra.notice_contacts
    ]
    assert notices == [
        (ISS, "sharon-liu", None, "liu.xiao@21vianet.com", False),
        (ISS, "will-h-cai", COOLEY, "wcai@cooley.com", True),
        (TUS, "chuilan-zeng", None, "zengcl@tusholdings.com", False),
    ]
    assert sra.notice_contacts[0].address == (
        "Guanjie Building, Southeast 1st Floor, 10# Jiuxianqiao East Road, Chaoyang District, Beijing 100016"
    )
    assert (
        sra.notice_contacts[2].address
        == "F15 Tower A Innovation Plaza, Haidian District 100084 Beijing"
    )
    _check_sources(sra, text)
    for x in [*sra.parties, *sra.notice_contacts]:
        _check_sources(x, text)
    assert sra.field_sources["governing_law"].section == "Exhibit 99.2 §6.1"


def test_other_agreements(f: Filing, text: str) -> None:
    existing = f.agreements["agreement-share-subscription-agreement-2016-05-23"]
    assert (existing.kind, existing.date) == ("share subscription agreement", D(2016, 5, 23))
    assert [p.entity for p in existing.parties] == [ISS, TUS]
    jfa = f.agreements["agreement-joint-filing-agreement-2021-05-14"]
    assert (jfa.kind, jfa.date, jfa.exhibit) == ("joint filing agreement", D(2021, 5, 14), "99.1")
    assert [(p.entity, p.role) for p in jfa.parties] == [
        (TUS, "filer"),
        (HOLD, "filer"),
    ]
    assert jfa.field_sources["rule"].quote == "Rule 13d-1(k)(1)"
    bcg = f.agreements["agreement-class-a-share-transfer"]
    assert (bcg.title, bcg.date) == ("Class A Share Transfer", D(2021, 3, 23))
    assert [(p.entity, p.role) for p in bcg.parties] == [
        (TUS, "seller"),
        (BCG, "buyer"),
    ]
    assert any("2021-04-12" in w for w in bcg.warnings)
    assert f.entities[BCG].short_names == ["BCG"]
    for a in (existing, jfa, bcg):
        _check_sources(a, text)


def test_transactions(f: Filing, text: str) -> None:
    a, b = A, B
    by = {t.kind: t for t in f.transactions}
    rep = by["repurchase"]
    assert (rep.seller, rep.buyer, rep.share_class, rep.shares) == (
        TUS,
        ISS,
        b,
        48634493,
    )
    assert (rep.price_per_share, rep.currency, rep.aggregate_amount) == (
        Decimal("5.346"),
        "USD",
        Decimal("260000000"),
    )
    assert rep.pricing_basis == "US$32.076 per ADS = 30-Day VWAP × 88%"
    assert (rep.date, rep.closing_date, rep.status) == (D(2021, 3, 23), D(2021, 4, 13), "completed")
    assert rep.agreement == "agreement-share-repurchase-agreement-2021-03-23"
    assert rep.field_sources["aggregate_amount"].section == "Item 4"
    assert "US$259,999,999.58" in rep.field_sources["aggregate_amount:Exhibit 99.2 §1"].quote
    assert any("259999999.58" in w for w in rep.warnings)
    conv = by["conversion"]
    assert (conv.seller, conv.share_class, conv.to_class, conv.shares, conv.status) == (
        TUS,
        b,
        a,
        62418897,
        "completed",
    )
    assert conv.closing_date == D(2021, 4, 13)
    assert conv.field_sources["shares"].section == "Exhibit 99.2 §5.1"
    assert (
        "94,415,771 Class B Ordinary Shares, which were converted"
        in conv.field_sources["shares:Item 4"].quote
    )
    assert any("94,415,771" in w for w in conv.warnings)
    sale = by["sale"]
    assert (sale.seller, sale.buyer, sale.share_class, sale.shares) == (
        TUS,
        BCG,
        a,
        65469510,
    )
    assert (sale.price_per_share, sale.currency, sale.aggregate_amount) == (
        Decimal("5.346"),
        "USD",
        Decimal("350000000.46"),
    )
    assert (sale.closing_deadline, sale.status, sale.agreement) == (
        D(2021, 6, 15),
        "pending",
        "agreement-class-a-share-transfer",
    )
    assert sale.pricing_basis is not None and sale.pricing_basis.endswith("subject to adjustment")
    for t in f.transactions:
        _check_sources(t, text)


def test_rights_end(f: Filing, text: str) -> None:
    [ev] = [e for e in f.events if e.kind == "termination of board nomination rights"]
    assert (ev.date, ev.subjects, ev.agreement) == (
        D(2021, 4, 13),
        [TUS, ISS],
        "agreement-share-repurchase-agreement-2021-03-23",
    )
    assert ev.source is not None and ev.source.section == "Exhibit 99.2 §5.2"
    _check_sources(ev, text)


def test_narrative_alone_without_cover(text: str) -> None:
    """parse_narrative works on a bare record: entities found by name and short name."""
    f = Filing(form="SC 13D/A", schedule="13D")
    parse_narrative(text, f)
    assert f.issuer == ISS
    assert f.controls[0].controller == HOLD
    assert {t.kind for t in f.transactions} == {"repurchase", "sale", "conversion"}
    assert len([r for r in f.roles if r.section == "Schedule A"]) == 11


def test_signature_quotes_start_at_the_signing_party(f: Filing, text: str) -> None:
    # regression: the quote began mid-word ("s-Holdings Co., Ltd.") when blank lines
    # stood between the party's name and "By:"
    quotes = [s.source.quote for s in f.signatures if s.source is not None]
    assert quotes
    for q in quotes:
        assert q.startswith(("Tuspark Innovation Venture Ltd.", "Tus-Holdings Co., Ltd.")), q
