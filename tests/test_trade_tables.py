"""Item 5(c) trade tables read into transactions: crafted layouts and real filings.

The real filings' figures were checked by hand against the documents in
``../shared/corpus``: the count of rows, the first and last rows, and the sum of the
quantities (added up from the raw HTML and XML, not from the reader's output).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from rdflib import Literal
from rdflib.namespace import XSD

from ownergraph.loaders import load_file
from ownergraph.loaders.sections.mentions import Context
from ownergraph.loaders.sections.trade_tables import parse_trade_tables, table_columns
from ownergraph.record import Filing, Transaction

from .corpus import corpus_file


def _read(text: str) -> tuple[Filing, list[Transaction]]:
    ctx = Context(text, Filing(form="SC 13D", schedule="13D"))
    parse_trade_tables(ctx)
    return ctx.filing, ctx.filing.transactions


def _party(f: Filing, t: Transaction) -> str | None:
    key = t.seller or t.buyer
    return f.entities[key].name if key else None


def test_columns_in_any_order_with_captions_and_signed_sales() -> None:
    text = (
        "Schedule B\n\nTransactions in the Shares\n\n"
        "Shares of Common Stock Purchased/(Sold)\tPrice Per Share($)\tDate of Purchase/Sale\n\n"
        "ALPHA FUND, L.P.\n\n"
        "1,000\t1.0800\t09/24/2015\n"
        "(13,000)\t1.1673\t9/25/2015\n\n"
        "Beta Partners LLC (through managed accounts)\n"
        "250\t$2.00\tSeptember 28, 2015\n\n"
        "The remaining paragraph is prose, and ends the table.\n"
        "5\t1.00\t09/29/2015\n"
    )
    f, txs = _read(text)
    got = [(t.kind, _party(f, t), t.date, t.shares, t.price_per_share) for t in txs]
    assert got == [
        ("purchase", "ALPHA FUND, L.P.", dt.date(2015, 9, 24), 1000, Decimal("1.0800")),
        ("sale", "ALPHA FUND, L.P.", dt.date(2015, 9, 25), 13000, Decimal("1.1673")),
        ("purchase", "Beta Partners LLC", dt.date(2015, 9, 28), 250, Decimal("2.00")),
    ]
    assert txs[1].source.quote == "(13,000)\t1.1673\t9/25/2015"
    assert txs[1].source.section == "Schedule B"
    assert text[txs[1].source.start : txs[1].source.end] == txs[1].source.quote  # type: ignore[misc]
    assert all(t.currency == "USD" and t.status == "completed" for t in txs)


def test_plain_text_columns_nature_cell_and_fractional_quantity() -> None:
    text = (
        "(c) Transactions in the past sixty days:\n\n"
        "Trade Date    Nature of Transaction    Quantity      Price per Share\n"
        "01/04/2021    Sale                     31,797.3      $10.50\n"
        "01/05/2021    Purchase                 2,000.00      $9.875 *\n"
    )
    f, txs = _read(text)
    assert [(t.kind, t.shares, t.price_per_share) for t in txs] == [
        ("sale", Decimal("31797.3"), Decimal("10.50")),
        ("purchase", 2000, Decimal("9.875")),
    ]
    assert isinstance(txs[1].shares, int)
    assert all(_party(f, t) is None for t in txs)
    assert all("does not name the party" in " ".join(t.warnings) for t in txs)


def test_direction_from_the_sentence_and_unknown_direction_warns() -> None:
    stated = "(c) All such transactions were purchases.\n\nName\tDate\tShares\tPrice\nX Fund LP\t1/5/2021\t10\t1.5\n"
    _, txs = _read(stated)
    assert [t.kind for t in txs] == ["purchase"]
    unstated = "Name\tDate\tShares\tPrice\nX Fund LP\t1/5/2021\t10\t1.5\n"
    _, txs = _read(unstated)
    assert [t.kind for t in txs] == ["trade"]
    assert txs[0].seller is None and txs[0].buyer is None
    assert "X Fund LP" in txs[0].warnings[0]


def test_option_tables_and_prose_are_not_trades() -> None:
    options = "Amount\tExercise Price ($)\tExpiry Date\n900,000\t0.96\tSeptember 12, 2026\n"
    assert _read(options)[1] == []
    prose = "The price per share was $5.00 on January 4, 2021 for 1,000 shares.\n"
    assert _read(prose)[1] == []
    assert table_columns(["Date", "No. of Shares Disposed Of", "Price Range ($)"]) == {
        "date": 0,
        "quantity": 1,
        "range": 2,
    }


ICAHN = (
    "orgron__SC13D__20210211__0000928464-21-000036__ICAHN_CARL_C__Bausch_Health_Companies_Inc.txt"
)
LIONEYE = "orgron__SC13D-A__20151228__0000902664-15-004619__LionEye_Capital_Management_LLC__FAMOUS_DAVES_OF_AMERICA_INC.txt"
LOEB = "orgron__SC13D__20110215__0001056569-11-000015__LOEB_ARBITRAGE_MANAGEMENT_LP__TECHNOLOGY_RESEARCH_CORP.txt"
MILL_ROAD = "orgron__SCHEDULE13D__20241226__0000950170-24-140615__Mill_Road_Capital_III_L_P__Landsea_Homes_Corp.txt"


def _trades(name: str) -> tuple[Filing, list[Transaction]]:
    f = load_file(corpus_file(name))
    return f, [t for t in f.transactions if t.key.startswith("txn-trade-")]


@pytest.mark.corpus
def test_icahn_bausch_item_5c_table() -> None:
    f, txs = _trades(ICAHN)
    assert len(txs) == 74
    assert {t.kind for t in txs} == {"purchase"}  # "all such transactions were purchases"
    first, last = txs[0], txs[-1]
    assert (_party(f, first), first.date, first.shares, first.price_per_share) == (
        "Icahn Partners LP",
        dt.date(2020, 12, 14),
        299693,
        Decimal("20.76"),
    )
    assert (_party(f, last), last.date, last.shares, last.price_per_share) == (
        "Icahn Partners Master Fund LP",
        dt.date(2021, 2, 11),
        768765,
        Decimal("12.66"),
    )
    assert sum(t.shares or 0 for t in txs) == 25669966
    partners = [t for t in txs if _party(f, t) == "Icahn Partners LP"]
    assert len(partners) == 37 and sum(t.shares or 0 for t in partners) == 15005842
    assert all(t.source.section == "Item 5" and t.currency == "USD" for t in txs)
    assert last.source.quote == "Icahn Partners Master Fund LP\t02/11/2021\t768,765 (1)\t12.66 (2)"


@pytest.mark.corpus
def test_lioneye_schedule_b_sales_grouped_by_caption() -> None:
    f, txs = _trades(LIONEYE)
    assert len(txs) == 23 and {t.kind for t in txs} == {"sale"}
    assert (_party(f, txs[0]), txs[0].date, txs[0].shares, txs[0].price_per_share) == (
        "LIONEYE MASTER FUND LTD",
        dt.date(2015, 12, 16),
        9022,
        Decimal("7.65"),
    )
    assert sum(t.shares or 0 for t in txs) == 153538
    assert {t.source.section for t in txs} == {"Schedule B"}
    assert {_party(f, t) for t in txs} >= {"LIONEYE MASTER FUND LTD", "LIONEYE ONSHORE FUND LP"}


@pytest.mark.corpus
def test_loeb_three_tables_under_captions() -> None:
    f, txs = _trades(LOEB)
    assert len(txs) == 57 and {t.kind for t in txs} == {"purchase"}
    assert (_party(f, txs[0]), txs[0].date, txs[0].shares, txs[0].price_per_share) == (
        "Loeb Arbitrage Management LP",
        dt.date(2011, 2, 15),
        210,
        Decimal("5.2988"),
    )
    assert [_party(f, t) for t in txs].count("Loeb Arbitrage Fund") == 19


@pytest.mark.corpus
def test_mill_road_xml_item_5c_table() -> None:
    f, txs = _trades(MILL_ROAD)
    assert [t.shares for t in txs] == [2100, 2400, 10400, 52300, 770000, 15900, 400]
    assert txs[4].price_per_share == Decimal("10.2500") and txs[4].date == dt.date(2024, 12, 6)
    assert {t.kind for t in txs} == {"purchase"}
    # "no Reporting Person, other than the Fund as set forth in the table below"
    assert {_party(f, t) for t in txs} == {"Mill Road Capital III, L.P."}


def test_fractional_quantity_is_an_exact_decimal_in_the_graph() -> None:
    from ownergraph.graph.build import build_graph

    text = "Name\tDate\tUnits Sold\tPrice\nX Fund LP\t1/5/2021\t31,797.3\t1.5\n"
    f, _ = _read(text)
    f.accession = "0000000000-21-000001"
    _, g = build_graph(f)
    assert (None, None, Literal(Decimal("31797.3"), datatype=XSD.decimal)) in g
