"""Golden cover pages of real filings, read through the public loader ``load_file``.

Every cover-page value of every reporting person of these filings was checked by
reading the document: the name (as the cover page writes it), the citizenship or
place of organization as written and its code, rows 7-11 (13D) / 5-9 (13G), the
percentage of class, the type codes and the group boxes. The files cover every
format (structured XML, bare HTML, full submissions with a text, HTML or XML primary
document, ``.nc``) and every decade from the 1990s to the 2020s. Tests skip with the
reason when ``../shared/corpus`` is absent.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache

import pytest

from ownergraph.loaders import load_file
from ownergraph.record import Filing

from .corpus import corpus_file

#: name, citizenship as written, its code, sole voting, shared voting, sole
#: dispositive, shared dispositive, aggregate, percent, type codes, group (a), group (b)
Person = tuple[
    str,
    str,
    str,
    int | None,
    int | None,
    int | None,
    int | None,
    int | None,
    str,
    list[str],
    bool | None,
    bool | None,
]

GOLDEN: dict[str, list[Person]] = {
    # xml, 2020s
    "edgartools__SCHEDULE13G_xml__Marex__Jushi_Holdings.xml": [
        (
            "Marex Securities Products Inc.",
            "DE",
            "US-DE",
            10000000,
            0,
            10000000,
            0,
            10000000,
            "5.1",
            ["CO"],
            True,
            False,
        ),
        (
            "Marex Group plc",
            "X0",
            "GB",
            10000000,
            0,
            10000000,
            0,
            10000000,
            "5.1",
            ["OO"],
            True,
            False,
        ),
    ],
    # html, 2010s
    "datamule__SC13G__Elon_Musk__Tesla_Motors__000119312511023336__dsc13g.htm": [
        (
            "Elon R. Musk",
            "United States",
            "US",
            28356418,
            28356418,
            28356418,
            28356418,
            28356418,
            "29.06",
            ["IN"],
            False,
            True,
        ),
    ],
    # txt/text, 1990s
    "orgron__SC13G-A__19960611__0000902664-96-000076__SHAW_D_E_INVESTMENTS_LP__FIRST_USA_INC.txt": [
        (
            "D.E. Shaw Investments, L.P.",
            "Delaware",
            "US-DE",
            0,
            698700,
            0,
            698700,
            698700,
            "12.2",
            ["BD"],
            False,
            True,
        ),
        (
            "David E. Shaw",
            "United States",
            "US",
            0,
            698700,
            0,
            698700,
            698700,
            "12.2",
            ["IN"],
            False,
            True,
        ),
    ],
    # txt/html, 1990s: row numbers printed after the captions, "NUMBER OF NONE"
    "orgron__SC13G__19940211__0000950150-94-000306__CAPITAL_GROUP_INC__WARNER_LAMBERT_CO.txt": [
        (
            "THE CAPITAL GROUP, INC.",
            "DELAWARE",
            "US-DE",
            800,
            0,
            6941000,
            0,
            6941000,
            "5.16",
            ["HC"],
            False,
            False,
        ),
        (
            "CAPITAL RESEARCH AND MANAGEMENT COMPANY",
            "DELAWARE",
            "US-DE",
            0,
            0,
            6940200,
            0,
            6940200,
            "5.16",
            ["IA"],
            False,
            False,
        ),
    ],
    # txt/html, 2000s
    "orgron__SC13G__20050214__0001207017-05-000031__LAZARD_ASSET_MANAGEMENT_LLC__ESPEED_INC.txt": [
        (
            "Lazard Asset Management LLC",
            "Delaware",
            "US-DE",
            1909915,
            0,
            2163915,
            0,
            2163915,
            "6.7",
            ["IA"],
            False,
            False,
        ),
    ],
    # txt/html, 2000s
    "orgron__SC13D__20030519__0001140361-03-001636__TOWLE_CO__INSTEEL_INDUSTRIES_INC.txt": [
        (
            "Towle & Co.",
            "Missouri",
            "US-MO",
            344600,
            0,
            344600,
            472800,
            817400,
            "9.66",
            ["IA"],
            False,
            True,
        ),
    ],
    # txt/text, 2010s
    "orgron__SC13G__20100216__0001085601-10-000011__LASALLE_INVESTMENT_MANAGEMENT__BioMed_Realty_Trust_Inc.txt": [
        (
            "LaSalle Investment Management, Inc.",
            "Maryland",
            "US-MD",
            250488,
            0,
            655587,
            0,
            655587,
            "0.7",
            ["IA"],
            False,
            False,
        ),
        (
            "LaSalle Investment Management (Securities), L.P.",
            "Maryland",
            "US-MD",
            1257650,
            0,
            4135445,
            0,
            4135445,
            "4.2",
            ["IA"],
            False,
            False,
        ),
    ],
    # txt/html, 2010s
    "orgron__SC13D__20110215__0001056569-11-000015__LOEB_ARBITRAGE_MANAGEMENT_LP__TECHNOLOGY_RESEARCH_CORP.txt": [
        (
            "Loeb Arbitrage Management LP",
            "Delaware",
            "US-DE",
            0,
            35368,
            0,
            35368,
            35368,
            "0.53",
            ["IA"],
            True,
            False,
        ),
        (
            "Loeb Arbitrage Fund",
            "New York",
            "US-NY",
            0,
            279060,
            0,
            279060,
            279060,
            "4.20",
            ["PN"],
            True,
            False,
        ),
        (
            "Loeb Arbitrage Offshore Partners, Ltd.",
            "Cayman Islands",
            "KY",
            0,
            123796,
            0,
            123796,
            123796,
            "1.86",
            ["CO"],
            True,
            False,
        ),
    ],
    # txt/text, 2020s
    "orgron__SC13G-A__20201223__0001019432-20-000011__AMH_Equity_LLC__CVD_EQUIPMENT_CORP.txt": [
        (
            "AMH Equity LLC",
            "New York, USA",
            "US",
            24900,
            None,
            24900,
            None,
            576927,
            "8.68",
            ["PN"],
            False,
            False,
        ),
        (
            "Leviticus Partners, L.P.",
            "Delaware, USA",
            "US",
            402027,
            None,
            402027,
            None,
            576927,
            "8.68",
            ["PN"],
            False,
            False,
        ),
        (
            "Adam Hutt",
            "Delaware, USA",
            "US",
            150000,
            None,
            150000,
            None,
            576927,
            "8.68",
            ["PN"],
            False,
            False,
        ),
    ],
    # txt/html, 2020s
    "orgron__SC13G__20221230__0001214659-22-015537__HG_Vora_Capital_Management_LLC__RYDER_SYSTEM_INC.txt": [
        (
            "HG Vora Capital Management, LLC",
            "Delaware",
            "US-DE",
            5050000,
            0,
            5050000,
            0,
            5050000,
            "10.0",
            ["OO"],
            False,
            False,
        ),
    ],
    # nc/html, 2020s
    "edgartools__SC13G_nc__0001076809-24-000144__Glazer__Avid_Bioservices.nc": [
        (
            "Glazer Capital, LLC",
            "State of Delaware",
            "US-DE",
            0,
            3394114,
            0,
            3394114,
            3394114,
            "5.31",
            ["IA", "OO"],
            False,
            False,
        ),
        (
            "Paul J. Glazer",
            "United States",
            "US",
            0,
            3394114,
            0,
            3394114,
            3394114,
            "5.31",
            ["IN"],
            False,
            False,
        ),
    ],
    # txt/xml, 2020s
    "orgron__SCHEDULE13G-A__20231218__0001998813-23-000002__Polatov_Eli__Clearmind_Medicine_Inc.txt": [
        ("Polatov Eli", "L3", "IL", 0, 0, 0, 0, 0, "0.0", ["IN"], None, None),
    ],
    # txt/text, 1990s
    "orgron__SC13G-A__19950110__0000068100-95-000016__MORGAN_J_P_CO_INC__NEOZYME_CORP.txt": [
        (
            "J. P. MORGAN & CO., INCORPORATED",
            "UNITED STATES",
            "US",
            49750,
            0,
            152350,
            0,
            152350,
            "6.31",
            ["HC"],
            False,
            False,
        ),
    ],
    # txt/text, 1990s: values typed above their captions; the cover page names nobody,
    # so the one filer of the submission header is taken (with a warning)
    "orgron__SC13G-A__19981001__0000728974-98-000014__EQUITRUST_INVESTMENT_MANAGEMEN__MATRIX_SERVICE_CO.txt": [
        (
            "EQUITRUST INVESTMENT MANAGEMENT SERVICES INC",
            "Delaware",
            "US-DE",
            565750,
            None,
            565750,
            None,
            565750,
            "5.87",
            ["IA"],
            False,
            False,
        ),
    ],
    # txt/text, 2000s
    "orgron__SC13G__20000214__0000949308-00-000209__CAPITAL_GROUP_INTERNATIONAL_IN__DIGEX_INC.txt": [
        (
            "Capital Group International, Inc.",
            "California",
            "US-CA",
            362000,
            0,
            555000,
            0,
            555000,
            "4.8",
            ["HC"],
            False,
            False,
        ),
    ],
}


@cache
def _load(name: str) -> Filing:
    return load_file(corpus_file(name))


@pytest.mark.parametrize("name", sorted(GOLDEN), ids=[n[:70] for n in sorted(GOLDEN)])
def test_golden_cover_pages(name: str) -> None:
    """Every reporting person, every value, in order."""
    f = _load(name)
    expected = GOLDEN[name]
    assert len(f.cover_pages) == len(expected)
    for c, row in zip(f.cover_pages, expected, strict=True):
        who, cit, code, sv, shv, sd, shd, agg, pct, types, ga, gb = row
        entity = f.entities[c.person]
        assert who in entity.all_names(), (who, entity.all_names())
        assert c.citizenship is not None
        assert (c.citizenship.text, c.citizenship.code) == (cit, code)
        got = (c.sole_voting, c.shared_voting, c.sole_dispositive, c.shared_dispositive)
        assert got == (sv, shv, sd, shd)
        assert c.aggregate == agg
        assert c.percent_of_class == Decimal(pct)
        assert c.type_codes == types
        assert (c.group_a, c.group_b) == (ga, gb)


def test_golden_names_are_the_cover_page_spelling() -> None:
    """The name pinned is the one the cover page writes (not the EDGAR header's)."""
    f = _load(
        "orgron__SC13G__19940211__0000950150-94-000306__CAPITAL_GROUP_INC__WARNER_LAMBERT_CO.txt"
    )
    quote = f.cover_pages[0].field_sources["person"].quote
    assert quote == "THE CAPITAL GROUP, INC."
