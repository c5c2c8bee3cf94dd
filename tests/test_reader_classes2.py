"""Regression tests for the layout and name classes of issue 12 (second part).

- a caption tail or a conjunction from the line above is never a name: a line that
  starts with a bare legal-form word ("Corporation and Atari Corporation") is the tail of
  a name broken over two lines, and the name check rejects it;
- the placeholder name of an EDGAR filer is never shown while a filing names it;
- FMR's compact 13G layout (cover rows written "Item N:");
- an issuer named only in Item 1(a);
- a submission whose header has no document.

Each class is tested on crafted text (the rule of the format) and, where a corpus file
shows it, on that real file (skipped with the reason when ``../shared/corpus`` is absent).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from ownergraph import api
from ownergraph.errors import NotAFilingError
from ownergraph.graph.build import build_graph
from ownergraph.loaders import load_bytes, load_file
from ownergraph.loaders.sections.control import parse_authority
from ownergraph.loaders.sections.cover_rows import find_item_pages
from ownergraph.loaders.sections.mentions import Context
from ownergraph.loaders.sections.name_check import name_problem
from ownergraph.normalize import jurisdiction
from ownergraph.ontology import OG
from ownergraph.record import EntityKind, Filing, is_placeholder_name, placeholder_name

from .corpus import SHARED, corpus_file

ATARI = "orgron__SC13D-A__19940329__0000736157-94-000002__TIME_WARNER_INC__ATARI_CORP.txt"

# ------------------------------------------------ names that start with a legal form


@pytest.mark.parametrize(
    "name",
    ["Corporation and Atari Corporation", "Inc., Beta LLC and Gamma LP", "L.P. and Delta Fund"],
)
def test_a_name_starting_with_a_bare_legal_form_fails_the_name_check(name: str) -> None:
    assert name_problem(name) == "starts with a legal form word"


@pytest.mark.parametrize(
    "name", ["Limited Brands, Inc.", "Company of the Mountains LLC", "Corporate Partners L.P."]
)
def test_names_that_only_begin_with_a_form_like_word_pass(name: str) -> None:
    assert name_problem(name) is None


def test_the_tail_of_a_broken_exhibit_line_after_a_signature_is_no_party() -> None:
    text = (
        "ALPHA HOLDINGS INC.\n\nBy /s/ Jane Doe\nName: Jane Doe\n\n"
        "Exhibit 4.     Letter Agreement among Alpha Holdings Inc., Beta Games\n"
        "               Corporation and Gamma Corporation.\n"
    )
    ctx = Context(text, Filing(form="SC 13D", schedule="13D"))
    parse_authority(ctx, 0, len(text))
    names = [e.name for e in ctx.filing.entities.values()]
    assert "Corporation and Gamma Corporation" not in names
    assert all(name_problem(n) is None for n in names), names


def test_the_1994_atari_issuer_keeps_its_own_name() -> None:
    f = load_file(corpus_file(ATARI))
    assert f.issuer is not None
    issuer = f.entities[f.issuer]
    assert issuer.name == "Atari Corporation"
    assert issuer.cik == "0000802019"
    assert not any(e.name.startswith("Corporation and") for e in f.entities.values())


# ------------------------------------------------ FMR's compact "Item N:" cover rows


def _fmr_person(name: str, place: str, sole_voting: str, code: str) -> str:
    return (
        "CUSIP: 00444T100\n\n"
        f"Item 1: Reporting Person - {name}\n\n"
        "Item 2: (a) [ ]\n\n        (b) [ ]\n\n"
        f"Item 4: {place}\n\n"
        f"Item 5: {sole_voting}\n\n"
        "Item 6: 0\n\n"
        "Item 7: 2,345,678\n\n"
        "Item 8: 0\n\n"
        "Item 9: 2,345,678\n\n"
        "Item 11: 13.122%\n\n"
        f"Item 12: {code}\n\n"
    )


FMR_FRONT = """\
                                  SCHEDULE 13G

                   Under the Securities Exchange Act of 1934

                               Amendment No: 2

                      Name of Issuer: Acme Widget Holdings, Inc.

                   Title of Class of Securities: Common Stock

                            CUSIP Number: 00444T100

      Date of Event Which Requires Filing of this Statement: December 31, 2023

Check the appropriate box to designate the rule pursuant to which this
Schedule is filed:

(x) Rule 13d-1(b)

( ) Rule 13d-1(c)

( ) Rule 13d-1(d)

"""

FMR_BODY = """\
Item 1(a). Name of Issuer:

           Acme Widget Holdings, Inc.

Item 1(b). Address of Issuer's Principal Executive Offices:

           100 Main Street, Springfield, IL 62701

Item 2(a). Name of Person Filing:

           FMR LLC

Item 2(b). Address or Principal Business Office or, if None, Residence:

           245 Summer Street, Boston, Massachusetts 02210

Item 2(c). Citizenship:

           Not applicable

Item 2(d). Title of Class of Securities:

           Common Stock

Item 2(e). CUSIP Number:

           00444T100

Item 3. This statement is filed pursuant to Rule 13d-1(b) or 13d-2(b) or (c) and the
person filing, FMR LLC, is a parent holding company in accordance with
Section 240.13d-1(b)(1)(ii)(G). (Note: See Exhibit 99.)

Item 4. Ownership

   (a) Amount Beneficially Owned: 2,345,678

   (b) Percent of Class: 13.122%

   (c) Number of shares as to which such person has:

      (i) sole power to vote or to direct the vote: 1,234,567

      (ii) shared power to vote or to direct the vote: 0

      (iii) sole power to dispose or to direct the disposition of: 2,345,678

      (iv) shared power to dispose or to direct the disposition of: 0

Item 5. Ownership of Five Percent or Less of a Class.

   Not applicable.

Item 10. Certifications.

   By signing below I certify that, to the best of my knowledge and belief, the
securities referred to above were acquired and are held in the ordinary course of
business.

                                   Signature

   After reasonable inquiry and to the best of my knowledge and belief, I certify
that the information set forth in this statement is true, complete and correct.

February 9, 2024
Date

/s/ Stephanie J. Brown
Signature

Stephanie J. Brown
Duly authorized under Power of Attorney effective as of January 1, 2024, by and on
behalf of FMR LLC and its direct and indirect subsidiaries
"""

FMR_TEXT = (
    FMR_FRONT
    + _fmr_person("FMR LLC", "Delaware", "1,234,567", "HC")
    + _fmr_person("Abigail P. Johnson", "United States of America", "0", "IN")
    + FMR_BODY
)

FMR_HEADER = """\
<SEC-DOCUMENT>0000315066-24-000123.txt : 20240209
<SEC-HEADER>0000315066-24-000123.hdr.sgml : 20240209
ACCESSION NUMBER:\t\t0000315066-24-000123
CONFORMED SUBMISSION TYPE:\tSC 13G/A
PUBLIC DOCUMENT COUNT:\t\t2
FILED AS OF DATE:\t\t20240209

SUBJECT COMPANY:\t

\tCOMPANY DATA:\t
\t\tCOMPANY CONFORMED NAME:\t\t\tACME WIDGET HOLDINGS, INC.
\t\tCENTRAL INDEX KEY:\t\t\t0009999901
\t\tSTATE OF INCORPORATION:\t\t\tDE

\tFILING VALUES:
\t\tFORM TYPE:\t\tSC 13G/A

FILED BY:\t\t

\tCOMPANY DATA:\t
\t\tCOMPANY CONFORMED NAME:\t\t\tFMR LLC
\t\tCENTRAL INDEX KEY:\t\t\t0000315066
\t\tSTATE OF INCORPORATION:\t\t\tDE

\tFILING VALUES:
\t\tFORM TYPE:\t\tSC 13G/A
</SEC-HEADER>
"""


def _fmr_submission(document: str, *, html: bool) -> bytes:
    body = document
    if html:
        paras = "".join(f"<p>{line}</p>\n" for line in document.split("\n\n"))
        body = f"<html><body>\n{paras}</body></html>"
    name = "fmr.htm" if html else "fmr.txt"
    return (
        FMR_HEADER
        + "<DOCUMENT>\n<TYPE>SC 13G/A\n<SEQUENCE>1\n"
        + f"<FILENAME>{name}\n<TEXT>\n{body}\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n"
    ).encode()


def _check_fmr(f: Filing) -> None:
    assert f.issuer is not None and f.entities[f.issuer].name.lower().startswith("acme widget")
    assert f.cusip == "00444T100"
    rows = [
        (
            f.entities[c.person].name,
            c.sole_voting,
            c.shared_voting,
            c.sole_dispositive,
            c.shared_dispositive,
            c.aggregate,
            c.percent_of_class,
            f.entities[c.person].reporting_type_codes,
        )
        for c in f.cover_pages
    ]
    assert rows == [
        ("FMR LLC", 1234567, 0, 2345678, 0, 2345678, Decimal("13.122"), ["HC"]),
        ("Abigail P. Johnson", 0, 0, 2345678, 0, 2345678, Decimal("13.122"), ["IN"]),
    ]
    fmr = f.entities[f.cover_pages[0].person]
    assert fmr.jurisdiction is not None and fmr.jurisdiction.code == "US-DE"
    johnson = f.entities[f.cover_pages[1].person]
    assert johnson.kind == EntityKind.PERSON
    assert johnson.citizenship is not None and johnson.citizenship.code == "US"
    assert all(name_problem(e.name) is None for e in f.entities.values())
    # the body's Items are the schedule's, the cover rows none of them
    titles = {i.number: i.title for i in f.items}
    assert titles.get("1") == "Name of Issuer"
    assert titles.get("4") == "Ownership"
    assert not any("Reporting Person" in i.title for i in f.items)


def test_fmr_compact_layout_as_plain_text() -> None:
    f = load_bytes(FMR_TEXT.encode(), name="fmr.txt")
    _check_fmr(f)


def test_fmr_compact_layout_in_a_text_submission_with_header() -> None:
    f = load_bytes(_fmr_submission(FMR_TEXT, html=False), name="fmr-sub.txt")
    _check_fmr(f)
    assert f.accession == "0000315066-24-000123"
    assert f.entities[f.cover_pages[0].person].cik == "0000315066"


def test_fmr_compact_layout_as_html_in_a_submission() -> None:
    f = load_bytes(_fmr_submission(FMR_TEXT, html=True), name="fmr-sub-html.txt")
    _check_fmr(f)
    assert f.entities[f.cover_pages[0].person].cik == "0000315066"


def test_fmr_rows_with_their_captions_after_the_colon() -> None:
    captioned = (
        FMR_TEXT.replace("Item 5: ", "Item 5: Sole Voting Power: ")
        .replace(
            "Item 9: ", "Item 9: Aggregate Amount Beneficially Owned by Each Reporting Person: "
        )
        .replace("Item 11: ", "Item 11: Percent of Class Represented by Amount in Row (9): ")
    )
    _check_fmr(load_bytes(captioned.encode(), name="fmr-captions.txt"))


def test_body_items_written_with_a_colon_are_no_cover_rows() -> None:
    # a 13D whose Items are written "Item 4: Purpose" has no "Item 1: Reporting Person"
    text = (
        "Item 1: Security and Issuer\n\nCommon Stock.\n\nItem 4: Purpose of Transaction\n\nNone.\n"
    )
    assert find_item_pages(text) == []


def test_fmr_compact_layout_as_a_bare_html_document() -> None:
    paras = "".join(f"<p>{block}</p>\n" for block in FMR_TEXT.split("\n\n"))
    html = f"<html><body>\n{paras}</body></html>"
    _check_fmr(load_bytes(html.encode(), name="fmr.htm"))


FMR_1994 = "orgron__SC13D-A__19940803__0000315066-94-001425__FMR_CORP__BROOKSTONE_INC.txt"
FMR_2005 = "orgron__SC13G-A__20050711__0000315066-05-001987__FMR_CORP__RADISYS_CORP.txt"


def test_fmr_1994_13d_numbers_its_item_rows_as_the_13d_cover() -> None:
    # "Item 1: Reporting Person - FMR Corp. - (Tax ID: 04-2507163)" ... "Item 14: HC"
    f = load_file(corpus_file(FMR_1994))
    assert len(f.cover_pages) == 1
    c = f.cover_pages[0]
    e = f.entities[c.person]
    assert (e.name, e.irs_number) == ("FMR Corp.", "04-2507163")
    assert (c.sole_voting, c.shared_voting, c.sole_dispositive, c.shared_dispositive) == (
        161387,
        0,
        731287,
        0,
    )
    assert (c.aggregate, c.percent_of_class, e.reporting_type_codes) == (
        903691,
        Decimal("12.12"),
        ["HC"],
    )
    assert c.source_of_funds == ["PF"]
    assert [i.number for i in f.items] == ["1", "2", "3", "4", "5", "6", "7"]


def test_fmr_2005_13g_reads_three_reporting_persons() -> None:
    f = load_file(corpus_file(FMR_2005))
    assert [f.entities[c.person].name for c in f.cover_pages] == [
        "FMR Corp.",
        "Edward C. Johnson 3d",
        "Abigail P. Johnson",
    ]
    assert [(c.aggregate, c.percent_of_class) for c in f.cover_pages] == [(0, Decimal("0.000"))] * 3
    assert [f.entities[c.person].reporting_type_codes for c in f.cover_pages] == [
        ["HC"],
        ["IN"],
        ["IN"],
    ]
    assert not any(c.warnings for c in f.cover_pages)
    assert f.items[0].title == "Name of Issuer"


def test_commonwealth_of_is_a_state() -> None:
    f = load_file(corpus_file(FMR_1994))
    place = f.entities[f.cover_pages[0].person].jurisdiction
    assert place is not None and place.code == "US-MA"
    assert f.cover_pages[0].warnings == []  # was: unknown place 'Commonwealth of Massachusetts'
    assert jurisdiction("Commonwealth of Pennsylvania").code == "US-PA"


# ------------------------------------------------ an issuer named only in Item 1(a)

ITEM_1A_HTML = """\
<html><body>
<p>UNITED STATES SECURITIES AND EXCHANGE COMMISSION</p>
<p>Washington, D.C. 20549</p>
<p>SCHEDULE 13G</p>
<p>Under the Securities Exchange Act of 1934</p>
<p>(Amendment No. 1)*</p>
<p>Common Stock, par value $0.001 per share</p>
<p>(Title of Class of Securities)</p>
<p>004444109</p>
<p>(CUSIP Number)</p>
<p>December 31, 2023</p>
<p>(Date of Event Which Requires Filing of this Statement)</p>
<table>
<tr><td>1</td><td>NAMES OF REPORTING PERSONS</td></tr>
<tr><td></td><td>Blue Heron Capital Management, LP</td></tr>
<tr><td>2</td><td>CHECK THE APPROPRIATE BOX IF A MEMBER OF A GROUP (a) [ ] (b) [ ]</td></tr>
<tr><td>3</td><td>SEC USE ONLY</td></tr>
<tr><td>4</td><td>CITIZENSHIP OR PLACE OF ORGANIZATION</td><td>Delaware</td></tr>
<tr><td>5</td><td>SOLE VOTING POWER</td><td>0</td></tr>
<tr><td>6</td><td>SHARED VOTING POWER</td><td>1,500,000</td></tr>
<tr><td>7</td><td>SOLE DISPOSITIVE POWER</td><td>0</td></tr>
<tr><td>8</td><td>SHARED DISPOSITIVE POWER</td><td>1,500,000</td></tr>
<tr><td>9</td><td>AGGREGATE AMOUNT BENEFICIALLY OWNED BY EACH REPORTING PERSON</td><td>1,500,000</td></tr>
<tr><td>10</td><td>CHECK IF THE AGGREGATE AMOUNT IN ROW (9) EXCLUDES CERTAIN SHARES</td><td>[ ]</td></tr>
<tr><td>11</td><td>PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW (9)</td><td>7.5%</td></tr>
<tr><td>12</td><td>TYPE OF REPORTING PERSON</td><td>IA, PN</td></tr>
</table>
<p><b>Item 1(a). Name of Issuer:</b> ACME CORP</p>
<p><b>Item 1(b). Address of Issuer's Principal Executive Offices:</b> 1 Market Street, San Francisco, CA 94105</p>
<p><b>Item 2(a). Name of Person Filing:</b> Blue Heron Capital Management, LP</p>
<p><b>Item 2(b). Address of Principal Business Office:</b> 500 Park Avenue, New York, NY 10022</p>
<p><b>Item 2(c). Citizenship:</b> Delaware</p>
<p><b>Item 2(d). Title of Class of Securities:</b> Common Stock, par value $0.001 per share</p>
<p><b>Item 2(e). CUSIP Number:</b> 004444109</p>
<p><b>Item 3.</b> Not applicable.</p>
<p><b>Item 4. Ownership.</b> See rows 5 through 11 of the cover page.</p>
<p><b>Item 5. Ownership of Five Percent or Less of a Class.</b> Not applicable.</p>
<p>SIGNATURE</p>
<p>After reasonable inquiry and to the best of my knowledge and belief, I certify that the information set forth in this statement is true, complete and correct.</p>
<p>Date: February 14, 2024</p>
<p>Blue Heron Capital Management, LP</p>
<p>By: /s/ John Q. Smith</p>
<p>Name: John Q. Smith</p>
<p>Title: Managing Partner</p>
</body></html>
"""

SUBJECT_HEADER = FMR_HEADER.replace("FMR LLC", "BLUE HERON CAPITAL MANAGEMENT, LP").replace(
    "ACME WIDGET HOLDINGS, INC.", "ACME CORP"
)


def test_html_13g_issuer_only_in_item_1a() -> None:
    f = load_bytes(ITEM_1A_HTML.encode(), name="item1a.htm")
    assert f.issuer is not None
    assert f.entities[f.issuer].name == "ACME CORP"
    assert f.field_sources["issuer"].section == "Item 1(a)"
    assert f.field_sources["issuer"].quote == "ACME CORP"
    assert f.cusip == "004444109"
    assert [f.entities[c.person].name for c in f.cover_pages] == [
        "Blue Heron Capital Management, LP"
    ]


def test_text_13g_issuer_on_the_line_after_item_1a() -> None:
    text = FMR_TEXT.replace("Name of Issuer: Acme Widget Holdings, Inc.", "")
    f = load_bytes(text.encode(), name="item1a.txt")
    assert f.issuer is not None
    assert f.entities[f.issuer].name == "Acme Widget Holdings, Inc."
    assert f.field_sources["issuer"].section == "Item 1(a)"


def test_item_1a_joins_the_header_subject_company() -> None:
    doc = ITEM_1A_HTML.replace("ACME CORP", "Acme Corp")
    data = (
        SUBJECT_HEADER
        + "<DOCUMENT>\n<TYPE>SC 13G/A\n<SEQUENCE>1\n<FILENAME>a.htm\n<TEXT>\n"
        + doc
        + "\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n"
    ).encode()
    f = load_bytes(data, name="item1a-sub.txt")
    issuer = f.entities[f.issuer or ""]
    assert issuer.cik == "0009999901"
    assert issuer.name == "Acme Corp"  # the document's spelling over the header's capitals
    assert "ACME CORP" in issuer.all_names()
    assert len([e for e in f.entities.values() if "acme" in e.name.lower()]) == 1


def test_an_empty_item_1a_names_no_issuer() -> None:
    text = ITEM_1A_HTML.replace(" ACME CORP</p>", "</p>")
    f = load_bytes(text.encode(), name="empty1a.htm")
    assert f.issuer is None  # "Item 1(b). Address ..." on the next line is no name
    assert len(f.cover_pages) == 1


# ------------------------------------------------ a submission with a header, no document


def test_a_header_without_document_loads_what_the_header_states() -> None:
    f = load_bytes((FMR_HEADER + "</SEC-DOCUMENT>\n").encode(), name="header-only.txt")
    assert (f.form, f.schedule, f.accession) == ("SC 13G/A", "13G", "0000315066-24-000123")
    assert f.filed_date == dt.date(2024, 2, 9)
    assert f.issuer is not None
    assert (f.entities[f.issuer].name, f.entities[f.issuer].cik) == (
        "ACME WIDGET HOLDINGS, INC.",
        "0009999901",
    )
    assert [(f.entities[k].name, f.entities[k].cik) for k in f.filers] == [
        ("FMR LLC", "0000315066")
    ]
    assert any("no <DOCUMENT>" in w and "only the header" in w for w in f.warnings)
    # nothing invented: no cover page, no holding, no share count
    assert f.cover_pages == [] and f.holdings == [] and f.transactions == []
    iri, g = build_graph(f)
    assert set(g.objects(None, OG.aggregate)) == set()
    assert len(set(g.objects(iri, OG.filedBy))) == 1
    assert len(set(g.objects(iri, OG.issuer))) == 1
    assert set(g.objects(iri, OG.reportingPerson)) == set()


def test_a_header_whose_documents_are_empty_loads_with_a_warning() -> None:
    data = FMR_HEADER + "<DOCUMENT>\n<TYPE>SC 13G/A\n<SEQUENCE>1\n<TEXT>\n</TEXT>\n</DOCUMENT>\n"
    f = load_bytes((data + "</SEC-DOCUMENT>\n").encode(), name="empty-doc.txt")
    assert f.accession == "0000315066-24-000123" and f.issuer is not None
    assert any("empty" in w and "nothing to read" in w for w in f.warnings)
    assert f.cover_pages == [] and f.holdings == []


def test_a_header_only_submission_of_another_form_is_refused() -> None:
    data = FMR_HEADER.replace("SC 13G/A", "4") + "</SEC-DOCUMENT>\n"
    with pytest.raises(NotAFilingError, match=r"other\.txt: .*not a Schedule 13D/13G"):
        load_bytes(data.encode(), name="other.txt")


# ------------------------------------------------ the placeholder name of an EDGAR filer

VANGUARD_XML = "friedmanRE__SCHEDULE13G__2026__0000102909-26-000150.primary_doc.xml"
VANGUARD_TXT = "orgron__SC13G__20140211__0000932471-14-003272__VANGUARD_GROUP_INC__HeartWare_International_Inc.txt"


def _corpus_2026(name: str) -> Path:
    path = SHARED / "corpus-2026" / "filings" / name
    if not path.is_file():
        pytest.skip(f"../shared/corpus-2026 is absent (looked for {path})")
    return path


def test_the_placeholder_is_the_name_only_while_no_filing_names_the_filer() -> None:
    xml = _corpus_2026(VANGUARD_XML)
    f = load_file(xml)
    # the XML names its filer by CIK alone: the placeholder, never invented
    assert [f.entities[k].name for k in f.filers] == [placeholder_name("0000102909")]
    txt = corpus_file(VANGUARD_TXT)
    for order in ([xml], [txt]), ([txt], [xml]):
        store = api.open_store(None)
        for batch in order:  # two loads: the display names are rebuilt for each
            assert api.load_paths(store, batch).ok
        page = api.show(store, "0000102909")
        assert not is_placeholder_name(page.entity.label), order
        names = [r["value"] for t in page.sections for r in t.rows if r.get("field") == "name"]
        assert names and not any(is_placeholder_name(str(n)) for n in names), names
        store.close()


def test_the_placeholder_stays_when_nothing_names_the_filer() -> None:
    store = api.open_store(None)
    assert api.load_paths(store, [_corpus_2026(VANGUARD_XML)]).ok
    page = api.show(store, "0000102909")
    names = [r["value"] for t in page.sections for r in t.rows if r.get("field") == "name"]
    assert [str(n) for n in names] == [placeholder_name("0000102909")]
    store.close()
