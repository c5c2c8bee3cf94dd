"""Golden cover pages of real filings, read through the public loader ``load_file``.

Every cover-page value of every reporting person of these filings was checked by
reading the document: the name (as the cover page writes it), the citizenship or
place of organization as written and its code, rows 7-11 (13D) / 5-9 (13G), the
percentage of class, the type codes and the group boxes (``GOLDEN``); and the IRS
number, source of funds, legal-proceedings box, excludes-certain-shares box, the
percentage as written, the title of the class the amounts are in and the figures the
cover states about the percentage (ADS count, percent of all shares and of the voting
power, the shares outstanding it is based on and their date) (``DETAILS``). ``None``
(or no codes) is pinned where the document states no value or has no such row or box.
The files cover every format (structured XML, bare HTML, full submissions with a text,
HTML or XML primary document, ``.nc``) and every decade from the 1990s to the 2020s
(``COVERAGE``, checked against the files). Tests skip with the reason when
``../shared/corpus`` is absent.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from functools import cache
from typing import NamedTuple

import pytest

from ownergraph.loaders import load_file
from ownergraph.loaders.formats.decode import decode
from ownergraph.loaders.formats.sgml_documents import split_submission
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
    # txt/text (1990s <TABLE> tags in plain text), 1990s: row numbers printed after the
    # captions, "NUMBER OF NONE"
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


class Details(NamedTuple):
    """The rest of one reporting person's cover page, as the document states it."""

    irs_number: str | None  # row 1
    source_of_funds: list[str]  # 13D row 4 (13G: no such row)
    legal_proceedings: bool | None  # 13D row 5 (13G: no such row)
    excludes_certain_shares: bool | None  # 13D row 12 / 13G row 10
    percent_text: str  # row 13 / 11 as written
    share_class: str | None  # title of the class the amounts are in
    # what the cover (a footnote, or the percent row itself) says of the percentage;
    # None where it says nothing of it
    ads_count: int | None = None
    percent_of_total: str | None = None
    percent_of_voting: str | None = None
    basis_outstanding: int | None = None
    basis_as_of: dt.date | None = None


#: one entry per reporting person, in the order of ``GOLDEN``. Unless a comment says
#: otherwise, no cover page below has a footnote: the cover states no ADS count, no
#: percent of all shares or of the voting power, and no basis of the percentage.
DETAILS: dict[str, list[Details]] = {
    # XML: no IRS number element, no source-of-funds or legal-proceedings element on a
    # 13G, and no excludes element at all: the document states none of them
    "edgartools__SCHEDULE13G_xml__Marex__Jushi_Holdings.xml": [
        Details(None, [], None, None, "5.1", "Subordinate Voting Shares, no par value"),
        Details(None, [], None, None, "5.1", "Subordinate Voting Shares, no par value"),
    ],
    # row 1 names Musk without a number; row 10 is printed with no box and left blank
    # (read as unchecked); the basis of 29.06% is in Item 4(b), not on the cover page
    "datamule__SC13G__Elon_Musk__Tesla_Motors__000119312511023336__dsc13g.htm": [
        Details(None, [], None, False, "29.06%", "Common Stock"),
    ],
    # David E. Shaw's row 1 gives no number
    "orgron__SC13G-A__19960611__0000902664-96-000076__SHAW_D_E_INVESTMENTS_LP__FIRST_USA_INC.txt": [
        Details(
            "13-3470777",
            [],
            None,
            False,
            "12.2%",
            "6 1/4% PRIDES, Mandatory Convertible Preferred Stock",
        ),
        Details(
            None, [], None, False, "12.2%", "6 1/4% PRIDES, Mandatory Convertible Preferred Stock"
        ),
    ],
    # row 10 has no box and is blank (unchecked); the row number "11" stands between
    # the percent caption and "5.16%"
    "orgron__SC13G__19940211__0000950150-94-000306__CAPITAL_GROUP_INC__WARNER_LAMBERT_CO.txt": [
        Details("86-0206507", [], None, False, "5.16%", "COMMON"),
        Details("95-1411037", [], None, False, "5.16%", "COMMON"),
    ],
    # no IRS number given; the document has no front matter, so no cover page names the
    # class (only Item 2(d) does, "Common Stock"): the cover states none
    "orgron__SC13G__20050214__0001207017-05-000031__LAZARD_ASSET_MANAGEMENT_LLC__ESPEED_INC.txt": [
        Details(None, [], None, False, "6.7%", None),
    ],
    # row 5 is checked "(X)" as written (Items 2(d)/(e) say "Not Applicable"); row 13
    # states its own basis: "at 5/19/03 based on 8,460,187 common shares"
    "orgron__SC13D__20030519__0001140361-03-001636__TOWLE_CO__INSTEEL_INDUSTRIES_INC.txt": [
        Details(
            "43-1238562",
            ["OO"],
            True,
            False,
            "9.66% at 5/19/03 based on 8,460,187 common shares",
            "Common Shares",
            basis_outstanding=8460187,
            basis_as_of=dt.date(2003, 5, 19),
        ),
    ],
    # row 10 has no box; each filer writes "Excludes shares beneficially owned by" the other
    "orgron__SC13G__20100216__0001085601-10-000011__LASALLE_INVESTMENT_MANAGEMENT__BioMed_Realty_Trust_Inc.txt": [
        Details("36-4160747", [], None, True, "0.7%", "Common Stock"),
        Details("36-3991973", [], None, True, "4.2%", "Common Stock"),
    ],
    # row 1 has the IRS caption but no number; only the manager checks row 12
    "orgron__SC13D__20110215__0001056569-11-000015__LOEB_ARBITRAGE_MANAGEMENT_LP__TECHNOLOGY_RESEARCH_CORP.txt": [
        Details(None, ["WC", "OO"], False, True, "0.53%", "Common Stock"),
        Details(None, ["WC", "OO"], False, False, "4.20%", "Common Stock"),
        Details(None, ["WC", "OO"], False, False, "1.86%", "Common Stock"),
    ],
    # row 1 has the IRS caption but no number
    "orgron__SC13G-A__20201223__0001019432-20-000011__AMH_Equity_LLC__CVD_EQUIPMENT_CORP.txt": [
        Details(None, [], None, False, "8.68%", "Common Stock"),
        Details(None, [], None, False, "8.68%", "Common Stock"),
        Details(None, [], None, False, "8.68%", "Common Stock"),
    ],
    # no IRS number on the cover page
    "orgron__SC13G__20221230__0001214659-22-015537__HG_Vora_Capital_Management_LLC__RYDER_SYSTEM_INC.txt": [
        Details(None, [], None, False, "10.0%", "Common Stock"),
    ],
    # no IRS numbers on the cover pages
    "edgartools__SC13G_nc__0001076809-24-000144__Glazer__Avid_Bioservices.nc": [
        Details(None, [], None, False, "5.31%", "Common Stock"),
        Details(None, [], None, False, "5.31%", "Common Stock"),
    ],
    # XML: no IRS number, no excludes element
    "orgron__SCHEDULE13G-A__20231218__0001998813-23-000002__Polatov_Eli__Clearmind_Medicine_Inc.txt": [
        Details(None, [], None, None, "0.0", "Common Shares"),
    ],
    # row 10 has no box and is blank; the front matter writes the issuer's name as the
    # title of the class ("TITLE OF CLASS OF SECURITIES:  Neozyme II Corp.")
    "orgron__SC13G-A__19950110__0000068100-95-000016__MORGAN_J_P_CO_INC__NEOZYME_CORP.txt": [
        Details("13-2625764", [], None, False, "6.31 %", "Neozyme II Corp."),
    ],
    # the cover names nobody and gives no number; row 10 is blank
    "orgron__SC13G-A__19981001__0000728974-98-000014__EQUITRUST_INVESTMENT_MANAGEMEN__MATRIX_SERVICE_CO.txt": [
        Details(None, [], None, False, "5.87%", "Common Stock"),
    ],
    # row 10 has no box and is blank
    "orgron__SC13G__20000214__0000949308-00-000209__CAPITAL_GROUP_INTERNATIONAL_IN__DIGEX_INC.txt": [
        Details("95-4154357", [], None, False, "4.8%", "Class A Common Stock"),
    ],
}


def test_details_cover_the_golden_set() -> None:
    """Every golden filing has its details, one per reporting person."""
    assert sorted(DETAILS) == sorted(GOLDEN)
    for name, rows in DETAILS.items():
        assert len(rows) == len(GOLDEN[name]), name


@pytest.mark.parametrize("name", sorted(DETAILS), ids=[n[:70] for n in sorted(DETAILS)])
def test_golden_cover_page_details(name: str) -> None:
    """IRS number, rows 4, 5 and 12, the percentage as written, the class, the basis."""
    f = _load(name)
    assert len(f.cover_pages) == len(DETAILS[name])
    for c, d in zip(f.cover_pages, DETAILS[name], strict=True):
        who = f.entities[c.person].name
        assert c.irs_number == d.irs_number, who
        assert c.source_of_funds == d.source_of_funds, who
        assert c.legal_proceedings is d.legal_proceedings, who
        assert c.excludes_certain_shares is d.excludes_certain_shares, who
        assert c.percent_text == d.percent_text, who
        title = f.share_classes[c.share_class].title if c.share_class else None
        assert title == d.share_class, who
        assert c.ads_count == d.ads_count, who
        for got, want in (
            (c.percent_of_total, d.percent_of_total),
            (c.percent_of_voting, d.percent_of_voting),
        ):
            assert got == (None if want is None else Decimal(want)), who
        assert (c.basis_outstanding, c.basis_as_of) == (d.basis_outstanding, d.basis_as_of), who
        # in prose formats every value pinned is cited to the words it was read from
        if "xml" not in COVERAGE[name][0]:
            for attr in ("irs_number", "percent_text", "basis_outstanding", "basis_as_of"):
                if getattr(c, attr) is not None:
                    assert attr in c.field_sources, (who, attr)


# ----------------------------------------------------------- formats and decades

#: the format and decade each golden filing stands for; checked against the file
COVERAGE: dict[str, tuple[str, str]] = {
    "edgartools__SCHEDULE13G_xml__Marex__Jushi_Holdings.xml": ("xml", "2020s"),
    "datamule__SC13G__Elon_Musk__Tesla_Motors__000119312511023336__dsc13g.htm": ("html", "2010s"),
    "orgron__SC13G-A__19960611__0000902664-96-000076__SHAW_D_E_INVESTMENTS_LP__FIRST_USA_INC.txt": (
        "sgml/text",
        "1990s",
    ),
    "orgron__SC13G__19940211__0000950150-94-000306__CAPITAL_GROUP_INC__WARNER_LAMBERT_CO.txt": (
        "sgml/text",
        "1990s",
    ),
    "orgron__SC13G__20050214__0001207017-05-000031__LAZARD_ASSET_MANAGEMENT_LLC__ESPEED_INC.txt": (
        "sgml/html",
        "2000s",
    ),
    "orgron__SC13D__20030519__0001140361-03-001636__TOWLE_CO__INSTEEL_INDUSTRIES_INC.txt": (
        "sgml/html",
        "2000s",
    ),
    "orgron__SC13G__20100216__0001085601-10-000011__LASALLE_INVESTMENT_MANAGEMENT__BioMed_Realty_Trust_Inc.txt": (
        "sgml/text",
        "2010s",
    ),
    "orgron__SC13D__20110215__0001056569-11-000015__LOEB_ARBITRAGE_MANAGEMENT_LP__TECHNOLOGY_RESEARCH_CORP.txt": (
        "sgml/html",
        "2010s",
    ),
    "orgron__SC13G-A__20201223__0001019432-20-000011__AMH_Equity_LLC__CVD_EQUIPMENT_CORP.txt": (
        "sgml/text",
        "2020s",
    ),
    "orgron__SC13G__20221230__0001214659-22-015537__HG_Vora_Capital_Management_LLC__RYDER_SYSTEM_INC.txt": (
        "sgml/html",
        "2020s",
    ),
    "edgartools__SC13G_nc__0001076809-24-000144__Glazer__Avid_Bioservices.nc": (".nc", "2020s"),
    "orgron__SCHEDULE13G-A__20231218__0001998813-23-000002__Polatov_Eli__Clearmind_Medicine_Inc.txt": (
        "sgml/xml",
        "2020s",
    ),
    "orgron__SC13G-A__19950110__0000068100-95-000016__MORGAN_J_P_CO_INC__NEOZYME_CORP.txt": (
        "sgml/text",
        "1990s",
    ),
    "orgron__SC13G-A__19981001__0000728974-98-000014__EQUITRUST_INVESTMENT_MANAGEMEN__MATRIX_SERVICE_CO.txt": (
        "sgml/text",
        "1990s",
    ),
    "orgron__SC13G__20000214__0000949308-00-000209__CAPITAL_GROUP_INTERNATIONAL_IN__DIGEX_INC.txt": (
        "sgml/text",
        "2000s",
    ),
}

#: what the golden set must keep covering
REQUIRED_FORMATS = ("xml", "html", "sgml/text", "sgml/html", "sgml/xml", ".nc")
REQUIRED_DECADES = ("1990s", "2000s", "2010s", "2020s")


def _format_of(name: str) -> str:
    """The format of a corpus file, read from the file: its ending, and for a full
    submission the kind of its primary (schedule) document."""
    path = corpus_file(name)
    if path.suffix == ".nc":
        return ".nc"
    raw = decode(path.read_bytes())
    if not raw.lstrip().startswith(("<SEC-DOCUMENT", "-----BEGIN", "<SEC-HEADER")):
        return {".xml": "xml", ".htm": "html", ".html": "html"}[path.suffix.lower()]
    sub = split_submission(raw, name=name)
    primary = next(d for d in sub.documents if re.match(r"(?:SC|SCHEDULE)\s*13[DG]", d.type, re.I))
    return f"sgml/{primary.kind}"


def _decade_of(f: Filing) -> str:
    when = f.filed_date or f.signature_date or f.event_date
    assert when is not None
    return f"{when.year // 10 * 10}s"


def test_coverage_table_is_the_golden_set() -> None:
    assert sorted(COVERAGE) == sorted(GOLDEN)


@pytest.mark.parametrize("required", REQUIRED_FORMATS)
def test_golden_set_covers_every_format(required: str) -> None:
    assert any(fmt == required for fmt, _ in COVERAGE.values()), required


@pytest.mark.parametrize("required", REQUIRED_DECADES)
def test_golden_set_covers_every_decade(required: str) -> None:
    assert any(dec == required for _, dec in COVERAGE.values()), required


@pytest.mark.parametrize("name", sorted(COVERAGE), ids=[n[:70] for n in sorted(COVERAGE)])
def test_coverage_labels_are_true(name: str) -> None:
    """The format and decade claimed for a filing are those of the file itself."""
    fmt, decade = COVERAGE[name]
    assert _format_of(name) == fmt
    assert _decade_of(_load(name)) == decade
