"""The structured XML Schedule 13D/13G loader: golden corpus facts and hostile input.

Golden values were read from the XML documents by hand (``../shared/corpus``).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest

from ownergraph.errors import LoadError, NotAFilingError
from ownergraph.loaders import load_file
from ownergraph.loaders.formats.edgar_codes import edgar_location
from ownergraph.loaders.formats.xml13 import parse
from ownergraph.record import ControlKind, EntityKind, Filing

from .corpus import corpus_file, corpus_files

BML = "edgartools__SCHEDULE13D_xml__BML_Investment__Aadi_Bioscience.xml"
SIEBERT = "jfriedman__SCHEDULE13D-A_xml__Gebbia_family__Siebert_Financial__Amdt28.xml"
CONSTELLATION = (
    "jfriedman__SCHEDULE13G_xml__ECP_ControlCo__Constellation_Energy__000149315226002269"
    ".primary_doc.xml"
)
PENTWATER = "edgartools__SCHEDULE13G-A_xml__Pentwater__Avis_Budget.xml"
MILL_ROAD = (
    "orgron__SCHEDULE13D__20241226__0000950170-24-140615__Mill_Road_Capital_III_L_P__"
    "Landsea_Homes_Corp.txt"
)

# name, cik, no_cik, group (a/b/None), funds, legal, citizenship code as written -> ISO,
# sole voting, shared voting, sole dispositive, shared dispositive, aggregate,
# excludes, percent as written, type codes, number of comments
Row = tuple[
    str,
    str | None,
    bool | None,
    str | None,
    list[str],
    bool | None,
    tuple[str, str | None],
    int,
    int,
    int,
    int,
    int,
    bool | None,
    str,
    list[str],
    int,
]


def _load(name: str, document: str = "primary") -> Filing:
    path = corpus_file(name)
    return parse(path.read_text(encoding="utf-8"), name=str(path), document=document)


def _check_rows(filing: Filing, rows: list[Row]) -> None:
    assert len(filing.cover_pages) == len(rows)
    for n, (cover, row) in enumerate(zip(filing.cover_pages, rows, strict=True), 1):
        (
            name,
            cik,
            no_cik,
            group,
            funds,
            legal,
            (cit_text, cit_code),
            sv,
            shv,
            sd,
            shd,
            agg,
            excl,
            pct,
            types,
            comments,
        ) = row
        entity = filing.entities[cover.person]
        assert cover.number == n
        assert entity.name == name
        assert cover.cik == cik
        if cik is not None:
            assert entity.cik == cik
        assert cover.no_cik is no_cik
        assert cover.group_a is (None if group is None else group == "a")
        assert cover.group_b is (None if group is None else group == "b")
        assert cover.source_of_funds == funds
        assert cover.legal_proceedings is legal
        assert cover.citizenship is not None
        assert (cover.citizenship.text, cover.citizenship.code) == (cit_text, cit_code)
        assert (cover.sole_voting, cover.shared_voting) == (sv, shv)
        assert (cover.sole_dispositive, cover.shared_dispositive) == (sd, shd)
        assert cover.aggregate == agg
        assert cover.excludes_certain_shares is excl
        assert cover.percent_of_class == Decimal(pct) and str(cover.percent_of_class) == pct
        assert cover.percent_text == pct
        assert cover.type_codes == types
        assert len(cover.footnotes) == comments
        assert cover.share_class == filing.subject_class
        src = cover.field_sources["aggregate"]
        assert src.section.startswith(f"Cover page, reporting person {n}, ")
        assert read_shares_text(src.quote) == agg
        assert cover.field_sources["person"].quote == name
        if "IN" in types and entity.kind is EntityKind.PERSON:
            assert entity.citizenship == cover.citizenship
            assert entity.family_name
        else:
            assert entity.jurisdiction == cover.citizenship


def read_shares_text(quote: str) -> int:
    return int(Decimal(quote))


def test_bml_13d_golden() -> None:
    f = _load(BML)
    assert (f.form, f.schedule, f.amendment_number, f.format) == (
        "SCHEDULE 13D",
        "13D",
        None,
        "xml",
    )
    assert f.event_date == dt.date(2024, 12, 31)
    assert f.cusip == "00032Q104"
    issuer = f.entities[f.issuer or ""]
    assert (issuer.name, issuer.cik, issuer.cusip6) == (
        "Aadi Bioscience, Inc.",
        "0001422142",
        "00032Q",
    )
    assert (
        issuer.addresses[0].text == "17383 SUNSET AVENUE, SUITE A250, PACIFIC PALISADES, X1 90272"
    )
    assert (
        f.share_classes[f.subject_class or ""].title == "Common stock, par value $0.0001 per share"
    )
    _check_rows(
        f,
        [
            (
                "BML Investment Partners, L.P.",
                "0001373604",
                None,
                None,
                ["WC"],
                None,
                ("DE", "US-DE"),
                0,
                2100000,
                0,
                2100000,
                2100000,
                False,
                "8.5",
                ["PN"],
                0,
            ),
            (
                "Leonard Braden Michael",
                "0001373603",
                None,
                None,
                ["PF"],
                None,
                ("X1", "US"),
                335000,
                2100000,
                335000,
                2100000,
                2435000,
                False,
                "9.9",
                ["IN"],
                1,
            ),
        ],
    )
    person = f.entities[f.cover_pages[1].person]
    assert person.kind is EntityKind.PERSON
    assert (person.given_name, person.family_name) == ("Leonard", "Michael")
    assert "Braden M Leonard" in person.aliases  # signs for himself under another spelling
    assert f.entities[f.cover_pages[0].person].kind is EntityKind.FUND
    assert f.filers == [f.cover_pages[0].person]
    # the notice person's address is in Indiana: EDGAR "IN" is a state, not India
    notice = f.entities[f.notice_person or ""]
    assert notice.name == "Braden M Leonard"
    assert notice.addresses[0].country == "US" and notice.addresses[0].phone == "317-344-2447"
    assert [(i.number, i.title) for i in f.items][:2] == [
        ("1", "Security and Issuer"),
        ("2", "Identity and Background"),
    ]
    assert [(e.number, e.title) for e in f.exhibits] == [("1", "BML Letter to the Board")]
    assert [(s.entity, s.date) for s in f.signatures] == [
        (f.cover_pages[0].person, dt.date(2024, 12, 31)),
        (f.cover_pages[1].person, dt.date(2024, 12, 31)),
    ]
    sig = f.signatures[0]
    assert sig.title == "Managing Member of BML Capital Management, LLC"
    assert f.entities[sig.signer or ""].name == "Braden M Leonard"
    assert f.signature_date == dt.date(2024, 12, 31)


def test_siebert_13d_a_family_group_golden() -> None:
    f = _load(SIEBERT)
    assert (f.form, f.schedule, f.amendment_number) == ("SCHEDULE 13D/A", "13D", 28)
    assert f.is_amendment
    assert f.event_date == dt.date(2025, 6, 10)
    assert f.cusip == "826176109"
    issuer = f.entities[f.issuer or ""]
    assert (issuer.name, issuer.cik) == ("Siebert Financial Corp.", "0000065596")
    assert issuer.addresses[0].text == "653 Collins Avenue, Miami Beach, FL 33139"
    trust = 'John J & Gloria E Gebbia TTEESS UAD 12/8/94 "Gebbia Living Trust"'
    shared = 16941323
    rows: list[Row] = [
        (
            "Gloria E. Gebbia",
            "0001692471",
            False,
            "a",
            ["PF"],
            False,
            ("X1", "US"),
            0,
            shared,
            0,
            shared,
            shared,
            False,
            "42",
            ["IN"],
            1,
        ),
        (
            "John M. Gebbia",
            None,
            True,
            "a",
            ["PF"],
            False,
            ("X1", "US"),
            1924891,
            shared,
            1924891,
            shared,
            shared,
            False,
            "42",
            ["IN"],
            1,
        ),
        (
            "Richard Gebbia",
            None,
            True,
            "a",
            ["PF"],
            False,
            ("X1", "US"),
            3078127,
            shared,
            3078127,
            shared,
            shared,
            False,
            "42",
            ["IN"],
            1,
        ),
        (
            "David Gebbia",
            None,
            True,
            "a",
            ["PF"],
            False,
            ("X1", "US"),
            1415318,
            shared,
            1415318,
            shared,
            shared,
            False,
            "42",
            ["IN"],
            1,
        ),
        (
            trust,
            None,
            True,
            "a",
            ["PF"],
            False,
            ("CA", "US-CA"),
            9697714,
            shared,
            9697714,
            shared,
            shared,
            False,
            "42",
            ["IN"],
            1,
        ),
        (
            "John J. Gebbia",
            None,
            True,
            "a",
            ["PF"],
            False,
            ("X1", "US"),
            0,
            shared,
            0,
            shared,
            shared,
            False,
            "42",
            ["IN"],
            1,
        ),
    ]
    _check_rows(f, rows)
    cover = f.cover_pages[0]
    assert cover.basis_outstanding == 40419936
    assert cover.basis_as_of == dt.date(2025, 6, 12)
    assert cover.field_sources["sole_voting"].quote == "0.00"
    assert cover.field_sources["shared_voting"].section == (
        "Cover page, reporting person 1, sharedVotingPower"
    )
    # the family trust is typed IN but is no person
    trust_entity = f.entities[f.cover_pages[4].person]
    assert trust_entity.kind is EntityKind.FUND
    assert any("typed IN" in w for w in f.warnings)
    assert [f.entities[k].name for k in f.group_members] == [r[0] for r in rows]
    assert [i.number for i in f.items] == ["1", "5", "6", "7"]
    assert f.items[0].text.startswith("Common Stock, par value $0.01 per share")
    assert [(e.number, e.title) for e in f.exhibits] == [
        (
            "99.1",
            "Amended and Restated Joint Filing and Group Agreement, Amended on January 10, 2022",
        )
    ]
    assert len(f.signatures) == 6
    trust_sig = f.signatures[4]
    assert trust_sig.entity == trust_entity.key and trust_sig.title == "Co-Trustee"
    assert f.entities[trust_sig.signer or ""].name == "Gloria E. Gebbia"
    assert any(
        r.person == f.cover_pages[0].person
        and r.organization == trust_entity.key
        and "trustee" in r.kinds
        for r in f.roles
    )
    assert f.filers == [f.cover_pages[0].person]


def test_constellation_13g_seventeen_persons_golden() -> None:
    f = _load(CONSTELLATION)
    assert (f.form, f.schedule, f.amendment_number) == ("SCHEDULE 13G", "13G", None)
    assert f.event_date == dt.date(2026, 1, 7)
    assert f.cusip == "21037T109"
    issuer = f.entities[f.issuer or ""]
    assert (issuer.name, issuer.cik, issuer.cusip6) == (
        "Constellation Energy Corp",
        "0001868275",
        "21037T",
    )
    llc = [
        ("ECP ControlCo, LLC", 22043724, "6.1"),
        ("Energy Capital Partners III, LLC", 11183651, "3.1"),
        ("Energy Capital Partners IV, LLC", 2266957, "0.6"),
        ("ECP Calpine GP, LLC", 8593116, "2.4"),
        ("ECP III Volt Holdings, LLC", 106918, "0.03"),
        ("ECP III-A Volt Holdings, LLC", 3599243, "1.0"),
        ("ECP III-B Volt Holdings, LLC", 434667, "0.1"),
    ]
    lp = [
        ("ECP III-C Volt Holdings, LP", 1487983, "0.4"),
        ("ECP III-D Volt Holdings, LP", 1836426, "0.5"),
        ("ECP Checkerspot Holdings, LP", 3718414, "1.0"),
        ("ECP IV-A Volt Holdings, LP", 543086, "0.1"),
        ("ECP IV-B Volt Holdings, LP", 91013, "0.03"),
        ("ECP IV-C Volt Holdings, LP", 450142, "0.1"),
        ("ECP IV-D Volt Holdings, LP", 1182716, "0.3"),
        ("ECP Calpine Fund GP, LP", 8593116, "2.4"),
        ("ECP Calpine Continuation Fund, LP", 7270971, "2.0"),
        ("ECP Calpine Rollover Fund, LP", 618188, "0.2"),
    ]

    def row(name: str, n: int, pct: str, code: str, comments: int) -> Row:
        return (
            name,
            None,
            None,
            None,
            [],
            None,
            ("DE", "US-DE"),
            0,
            n,
            0,
            n,
            n,
            False,
            pct,
            [code],
            comments,
        )

    rows = [row(name, n, pct, "OO", 1) for name, n, pct in llc]
    rows += [row(name, n, pct, "PN", 0) for name, n, pct in lp]
    _check_rows(f, rows)
    assert f.cover_pages[0].footnotes == ["Limited Liability Company"]
    keys = [c.person for c in f.cover_pages]
    assert len(set(keys)) == 17  # seventeen parties, never merged
    assert [i.number for i in f.items] == [str(n) for n in range(1, 11)]
    assert f.items[2].text == "Not applicable."
    assert [(e.number, e.title) for e in f.exhibits] == [("99", "Joint Filing Agreement.")]
    assert len(f.signatures) == 17
    gray = {f.entities[s.signer or ""].name for s in f.signatures}
    assert gray == {"Jennifer Gray"}
    # "By: ECP Calpine GP, LLC, its general partner, By: ..." -> a general-partner link
    by_name = {e.name: k for k, e in f.entities.items()}
    assert any(
        c.controller == by_name["ECP Calpine GP, LLC"]
        and c.controlled == by_name["ECP Calpine Fund GP, LP"]
        and c.kind is ControlKind.GENERAL_PARTNER
        for c in f.controls
    )
    # the filer is named in the EDGAR comment beside its CIK
    assert f.filers == [keys[0]]
    assert f.entities[keys[0]].cik == "0001707921"


def test_pentwater_13g_a_golden() -> None:
    f = _load(PENTWATER)
    assert (f.form, f.schedule, f.amendment_number) == ("SCHEDULE 13G/A", "13G", 3)
    assert f.event_date == dt.date(2026, 3, 31)
    assert f.cusip == "053774105"  # nested issuerCusips/issuerCusipNumber
    assert f.amends is not None and f.amends.accession == "0000902664-25-002420"
    assert f.entities[f.issuer or ""].name == "AVIS BUDGET GROUP, INC."
    n = 7824100
    _check_rows(
        f,
        [
            (
                "Pentwater Capital Management LP",
                None,
                None,
                None,
                [],
                None,
                ("DE", "US-DE"),
                0,
                n,
                0,
                n,
                n,
                False,
                "22.2",
                ["IA", "PN"],
                1,
            ),
            (
                "Matthew Halbower",
                None,
                None,
                None,
                [],
                None,
                ("X1", "US"),
                0,
                n,
                0,
                n,
                n,
                False,
                "22.2",
                ["HC", "IN"],
                1,
            ),
        ],
    )
    assert f.entities[f.cover_pages[1].person].kind is EntityKind.PERSON
    assert f.entities[f.cover_pages[0].person].kind is EntityKind.FUND
    assert f.signature_date == dt.date(2026, 4, 7)


def test_embedded_primary_doc_fills_existing_filing() -> None:
    """The SGML loader hands over ``primary_doc.xml`` with the filing it already read."""
    text = corpus_file(MILL_ROAD).read_text(encoding="utf-8", errors="replace")
    m = re.search(r"<XML>(.*?)</XML>", text, re.S)
    assert m is not None
    existing = Filing(
        form="SCHEDULE 13D", schedule="13D", format="sgml", accession="0000950170-24-140615"
    )
    f = parse(m.group(1), name=MILL_ROAD, filing=existing, document="primary_doc.xml")
    assert f is existing and f.format == "sgml" and f.accession == "0000950170-24-140615"
    assert f.cusip == "51509P103" and f.event_date == dt.date(2024, 12, 18)
    n = 1818281
    _check_rows(
        f,
        [
            (
                "Mill Road Capital III, L.P.",
                "0001767199",
                False,
                None,
                ["WC"],
                False,
                ("E9", "KY"),
                n,
                0,
                n,
                0,
                n,
                False,
                "5",
                ["PN"],
                0,
            ),
            (
                "Mill Road Capital III GP LLC",
                "0001767178",
                False,
                None,
                ["AF"],
                False,
                ("E9", "KY"),
                n,
                0,
                n,
                0,
                n,
                False,
                "5",
                ["HC", "OO"],
                0,
            ),
            (
                "Thomas E. Lynch",
                "0001244666",
                False,
                None,
                ["AF"],
                False,
                ("X1", "US"),
                0,
                n,
                0,
                n,
                n,
                False,
                "5",
                ["HC", "IN"],
                0,
            ),
        ],
    )
    assert all(c.field_sources["aggregate"].document == "primary_doc.xml" for c in f.cover_pages)
    assert [e.number for e in f.exhibits] == ["1", "2"]


def test_load_file_dispatches_xml() -> None:
    f = load_file(corpus_file(BML))
    assert f.format == "xml" and len(f.cover_pages) == 2 and f.sha256


XML_FILES = corpus_files(".xml")


@pytest.mark.parametrize("path", XML_FILES, ids=[p.name[:60] for p in XML_FILES])
def test_every_corpus_xml_reads(path: Path) -> None:
    f = parse(path.read_text(encoding="utf-8"), name=str(path))
    assert f.schedule in ("13D", "13G") and f.issuer and f.cover_pages
    text = path.read_text(encoding="utf-8")
    for cover in f.cover_pages:
        assert cover.person in f.entities
        for field_name, source in cover.field_sources.items():
            assert source.section.startswith(f"Cover page, reporting person {cover.number}")
            if field_name not in ("source_of_funds", "type_codes"):
                # the quote is the element's text (entities such as &amp; decoded)
                assert source.quote.replace("&", "&amp;").split("\n")[0] in text


def test_edgar_location_codes() -> None:
    assert edgar_location("D8").code == "VG"
    assert edgar_location("K3").code == "HK"
    assert edgar_location("X0").code == "GB"
    assert edgar_location("2M").code == "DE"  # Germany; "DE" alone is Delaware
    assert edgar_location("DE").code == "US-DE"
    assert edgar_location("Z4").code == "CA"
    assert edgar_location("A1").code == "CA-BC"
    assert edgar_location("Q9").code is None


# --- hostile and broken input -------------------------------------------------------

BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<edgarSubmission xmlns="http://www.sec.gov/edgar/schedule13D"><headerData>
<submissionType>SCHEDULE 13D</submissionType></headerData>
<formData><reportingPersons><reportingPersonInfo><reportingPersonName>&lol9;</reportingPersonName>
</reportingPersonInfo></reportingPersons></formData></edgarSubmission>"""

EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE edgarSubmission [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<edgarSubmission><headerData><submissionType>SCHEDULE 13G</submissionType></headerData>
<formData><coverPageHeader><issuerInfo><issuerName>&xxe;</issuerName></issuerInfo>
</coverPageHeader></formData></edgarSubmission>"""

PARAMETER = """<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;]>
<edgarSubmission/>"""

TRUNCATED = """<?xml version="1.0" encoding="UTF-8"?><edgarSubmission xmlns="http://www.sec.gov/edgar/schedule13g">
<headerData><submissionType>SCHEDULE 13G</submissionType></headerData>
<formData><coverPageHeaderReportingPersonDetails><reportingPersonName>Acme Fund LP</reportingPersonName>
<classPercent>5.1</class"""


@pytest.mark.parametrize("doc", [BOMB, EXTERNAL, PARAMETER], ids=["bomb", "external", "parameter"])
def test_entity_declarations_are_refused(doc: str) -> None:
    with pytest.raises(LoadError) as info:
        parse(doc, name="hostile.xml")
    assert str(info.value) == (
        "hostile.xml: XML declares entities (<!ENTITY>): refused, entity expansion and "
        "external entities are never processed"
    )


def test_bomb_through_load_file(tmp_path: Path) -> None:
    p = tmp_path / "bomb.xml"
    p.write_text(BOMB, encoding="utf-8")
    with pytest.raises(LoadError, match="declares entities"):
        load_file(p)


def test_truncated_xml_names_file_and_line() -> None:
    with pytest.raises(LoadError) as info:
        parse(TRUNCATED, name="cut.xml")
    message = str(info.value)
    assert message.startswith("cut.xml: malformed XML: ")
    assert "(line 4, column" in message


def test_undeclared_entity_is_malformed() -> None:
    doc = "<edgarSubmission><headerData><submissionType>&x;</submissionType></headerData></edgarSubmission>"
    with pytest.raises(LoadError, match=r"malformed XML: Entity 'x' not defined \(line 1"):
        parse(doc, name="x.xml")


def test_other_xml_is_not_a_filing() -> None:
    with pytest.raises(NotAFilingError, match="not an EDGAR <edgarSubmission>"):
        parse("<ownershipDocument><issuer/></ownershipDocument>", name="form4.xml")


def test_minimal_document_with_missing_elements() -> None:
    doc = """<ns:edgarSubmission xmlns:ns="http://www.sec.gov/edgar/schedule13g">
    <ns:headerData><ns:submissionType>SCHEDULE 13G/A</ns:submissionType></ns:headerData>
    <ns:formData><ns:coverPageHeader><ns:amendmentNo>2</ns:amendmentNo></ns:coverPageHeader>
    <ns:coverPageHeaderReportingPersonDetails>
      <ns:reportingPersonName>Jane Roe</ns:reportingPersonName>
      <ns:reportingPersonBeneficiallyOwnedAggregateNumberOfShares>12.5</ns:reportingPersonBeneficiallyOwnedAggregateNumberOfShares>
      <ns:classPercent>0</ns:classPercent>
    </ns:coverPageHeaderReportingPersonDetails></ns:formData></ns:edgarSubmission>"""
    f = parse(doc, name="min.xml")
    assert (f.form, f.schedule, f.amendment_number, f.issuer) == ("SCHEDULE 13G/A", "13G", 2, None)
    cover = f.cover_pages[0]
    assert cover.aggregate == Decimal("12.5")  # a fraction as stated: kept exact
    assert cover.percent_of_class == Decimal("0") and cover.citizenship is None
    assert any("names no issuer" in w for w in f.warnings)
