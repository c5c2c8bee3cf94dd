"""The EDGAR full-submission loader: golden header facts from real filings, the document
split, reconciliation of header parties with cover pages, and broken submissions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ownergraph.errors import LoadError, NotAFilingError
from ownergraph.loaders import load_bytes, load_file
from ownergraph.loaders.formats.sgml import parse
from ownergraph.loaders.formats.sgml_merge import merge_into
from ownergraph.loaders.formats.text import text_to_filing_text
from ownergraph.record import CoverPage, Entity, EntityKind, Filing

from .corpus import corpus_file

ATARI = "orgron__SC13D-A__19940329__0000736157-94-000002__TIME_WARNER_INC__ATARI_CORP.txt"
MOTIENT = "orgron__SC13D__20010524__0000913665-01-500031__MOTIENT_CORP__RARE_MEDIUM_GROUP_INC.txt"
MOLDFLOW = "orgron__SC13D-A__20080623__0001313250-08-000037__Noonday_Asset_Management_L_P__MOLDFLOW_CORP.txt"
GLAZER_NC = "edgartools__SC13G_nc__0001076809-24-000144__Glazer__Avid_Bioservices.nc"
BLACKROCK_XML = "orgron__SCHEDULE13G__20250204__0002012383-25-000642__BlackRock_Inc__Monte_Rosa_Therapeutics_Inc.txt"
ICAHN_TXT = (
    "edgartools__SC_TO-T-A_plus_SC13D-A_txt__0001104659-25-002604__Icahn_IEH__CVR_Energy.txt"
)
ICAHN_NC = "edgartools__SC_TO-T-A_plus_SC13D-A_nc__0001104659-25-002604__Icahn_IEH__CVR_Energy.nc"


def _load(name: str) -> Filing:
    return load_file(corpus_file(name))


def _by_cik(filing: Filing, cik: str) -> Entity:
    found = [e for e in filing.entities.values() if e.cik == cik]
    assert len(found) == 1, f"{len(found)} entities with CIK {cik}"
    return found[0]


def test_ims_header_1994_atari_time_warner() -> None:
    f = _load(ATARI)
    assert f.format == "sgml"
    assert f.accession == "0000736157-94-000002"
    assert f.form == "SC 13D/A"
    assert f.schedule == "13D"
    assert f.filed_date == dt.date(1994, 3, 29)
    issuer = f.entities[f.issuer or ""]
    assert issuer.cik == "0000802019"
    assert "ATARI CORP" in issuer.all_names()
    assert issuer.jurisdiction is not None and issuer.jurisdiction.code == "US-NV"
    assert issuer.sic == "3571"
    assert issuer.irs_number == "770034553"
    assert issuer.field_sources["cik"].quote == "CENTRAL INDEX KEY:\t\t\t0000802019"
    assert issuer.field_sources["cik"].section == "SEC header"
    tw = _by_cik(f, "0000736157")
    assert f.filers == [tw.key]
    assert "TIME WARNER INC" in tw.all_names()
    assert tw.jurisdiction is not None and tw.jurisdiction.code == "US-DE"
    assert tw.former_names == [("TIME INC /DE/", dt.date(1989, 8, 1))]
    assert tw.fiscal_year_end == "1231"
    business = [a for a in tw.addresses if a.kind == "business"]
    assert business and business[0].text.startswith("TIME & LIFE BLDG ROCKFELLER CENTER")
    assert business[0].country == "US" and business[0].phone == "2124848000"
    # GROUP MEMBERS: TIME WARNER INC (the filer itself) and WARNER COMMUNICATIONS INC.
    names = [f.entities[k].all_names() for k in f.group_members]
    assert len(f.group_members) == 2
    assert tw.key in f.group_members
    assert any("WARNER COMMUNICATIONS INC." in n for n in names)
    assert f.documents[0].type == "SC 13D/A"
    assert len(f.documents) == 4


def test_sec_header_2001_motient_former_names() -> None:
    f = _load(MOTIENT)
    assert (f.accession, f.form, f.filed_date) == (
        "0000913665-01-500031",
        "SC 13D",
        dt.date(2001, 5, 24),
    )
    issuer = f.entities[f.issuer or ""]
    assert issuer.cik == "0000756502"
    assert "RARE MEDIUM GROUP INC" in issuer.all_names()
    assert issuer.sic == "7370"
    assert issuer.jurisdiction is not None and issuer.jurisdiction.code == "US-DE"
    assert issuer.former_names == [
        ("ICC TECHNOLOGIES INC", dt.date(1992, 7, 3)),
        ("INTERNATIONAL COGENERATION CORP", dt.date(1989, 10, 5)),
    ]
    motient = _by_cik(f, "0000913665")
    assert f.filers == [motient.key]
    assert motient.former_names == [("AMERICAN MOBILE SATELLITE CORP", dt.date(1993, 10, 19))]
    assert motient.sic == "4899"
    mail = [a for a in motient.addresses if a.kind == "mail"]
    assert mail and mail[0].text == "10802 PARKRIDGE BLVD, RESTON, VA 20191-5416"
    assert len(f.documents) == 4


def test_sec_header_2008_moldflow_26_group_members() -> None:
    f = _load(MOLDFLOW)
    assert (f.accession, f.form, f.filed_date) == (
        "0001313250-08-000037",
        "SC 13D/A",
        dt.date(2008, 6, 23),
    )
    issuer = f.entities[f.issuer or ""]
    assert issuer.cik == "0001103234"
    assert "MOLDFLOW CORP" in issuer.all_names()
    assert issuer.jurisdiction is None  # the header gives no state of incorporation
    assert issuer.fiscal_year_end == "0630"
    noonday = _by_cik(f, "0001313250")
    assert f.filers == [noonday.key]
    assert "Noonday Asset Management, L.P." in noonday.all_names()
    assert noonday.jurisdiction is not None and noonday.jurisdiction.code == "US-DE"
    assert noonday.irs_number == "331106238"
    assert len(f.group_members) == 26
    assert len(set(f.group_members)) == 26
    members = {n for k in f.group_members for n in f.entities[k].all_names()}
    for name in (
        "THOMAS F. STEYER",
        "FARALLON CAPITAL INSTITUTIONAL PARTNERS II, L.P.",
        "FARALLON CAPITAL INSTITUTIONAL PARTNERS III, L.P.",
        "NOONDAY G.P. (U.S.), L.L.C.",
    ):
        assert name in members
    steyer = next(
        f.entities[k] for k in f.group_members if "THOMAS F. STEYER" in f.entities[k].all_names()
    )
    assert steyer.kind == EntityKind.PERSON


def test_nc_submission_glazer_avid() -> None:
    f = _load(GLAZER_NC)
    assert (f.accession, f.form, f.filed_date) == (
        "0001076809-24-000144",
        "SC 13G",
        dt.date(2024, 12, 13),
    )
    issuer = f.entities[f.issuer or ""]
    assert issuer.cik == "0000704562"
    assert "Avid Bioservices, Inc." in issuer.all_names()
    assert issuer.jurisdiction is not None and issuer.jurisdiction.code == "US-DE"
    assert issuer.sic == "2834"
    assert issuer.former_names == [
        ("PEREGRINE PHARMACEUTICALS INC", dt.date(2000, 11, 9)),
        ("TECHNICLONE CORP/DE/", dt.date(1997, 9, 24)),
        ("TECHNICLONE INTERNATIONAL CORP", dt.date(1992, 7, 3)),
    ]
    assert issuer.field_sources["cik"].quote == "<CIK>0000704562"
    glazer = _by_cik(f, "0001076809")
    assert f.filers == [glazer.key]
    assert "GLAZER CAPITAL, LLC" in glazer.all_names()
    assert glazer.former_names == [("GLAZER CAPITAL MANAGEMENT LP", dt.date(1999, 1, 14))]
    assert [a.text for a in glazer.addresses if a.kind == "business"] == [
        "250 WEST 55TH STREET, SUITE 30A, NEW YORK, NY 10019"
    ]
    assert [(d.type, d.filename, d.sequence) for d in f.documents] == [
        ("SC 13G", "cdmo20241209.htm", 1)
    ]


def test_2025_submission_with_embedded_primary_doc_xml() -> None:
    f = _load(BLACKROCK_XML)
    assert (f.accession, f.form, f.filed_date) == (
        "0002012383-25-000642",
        "SCHEDULE 13G",
        dt.date(2025, 2, 4),
    )
    issuer = f.entities[f.issuer or ""]
    assert issuer.cik == "0001826457"
    assert "Monte Rosa Therapeutics, Inc." in issuer.all_names()
    assert issuer.jurisdiction is not None and issuer.jurisdiction.code == "US-DE"
    blackrock = _by_cik(f, "0002012383")
    assert blackrock.key in f.filers
    assert blackrock.former_names == [("BlackRock Funding, Inc. /DE", dt.date(2024, 2, 15))]
    assert [(d.type, d.filename) for d in f.documents] == [
        ("SCHEDULE 13G", "primary_doc.xml"),
        ("EX-24", "PowerOfAttorney.txt"),
        ("EX-99", "ITEM7.txt"),
    ]
    assert {"24", "99"} <= {(x.number or "").upper() for x in f.exhibits}


@pytest.mark.parametrize("name", [ICAHN_TXT, ICAHN_NC])
def test_combined_tender_offer_read_as_13d_amendment(name: str) -> None:
    f = _load(name)
    assert f.accession == "0001104659-25-002604"
    assert f.form == "SC 13D/A"
    assert f.schedule == "13D"
    assert f.filed_date == dt.date(2025, 1, 10)
    issuer = f.entities[f.issuer or ""]
    assert issuer.cik == "0001376139"
    assert "CVR ENERGY INC" in issuer.all_names()
    # two SUBJECT COMPANY blocks name the same company: one issuer entity
    assert len([e for e in f.entities.values() if e.cik == "0001376139"]) == 1
    ieh = _by_cik(f, "0001034563")
    assert f.filers == [ieh.key]
    assert ieh.former_names == [("AMERICAN REAL ESTATE HOLDINGS L P", dt.date(1998, 3, 11))]
    assert len(f.group_members) == 6
    # the three Icahn companies stay three entities
    icahn_cos = {
        k for k in f.group_members + f.filers if "ICAHN ENTERPRISES" in f.entities[k].name.upper()
    }
    assert len(icahn_cos) == 3  # Holdings L.P. (the filer), L.P. and G.P. Inc.


def test_header_parties_merge_into_cover_persons() -> None:
    f = _load(ICAHN_TXT)
    assert f.cover_pages, "the cover-page reader found no cover pages in this filing"
    persons = {c.person for c in f.cover_pages}
    ieh = _by_cik(f, "0001034563")
    assert ieh.key in persons  # the filer is the reporting person, one entity
    assert {"ICAHN ENTERPRISES HOLDINGS L.P."} <= set(ieh.all_names())
    carl = [k for k in f.group_members if "CARL C. ICAHN" in f.entities[k].all_names()]
    assert len(carl) == 1 and carl[0] in persons


def test_reconcile_person_name_order_and_issuer() -> None:
    from ownergraph.loaders.formats.sgml import _reconcile

    f = Filing(form="SC 13D", schedule="13D")
    f.add_entity(
        Entity(key="icahn-carl-c", name="ICAHN CARL C", cik="0000921669", kind=EntityKind.PERSON)
    )
    f.add_entity(Entity(key="cvr-energy", name="CVR ENERGY INC", cik="0001376139"))
    f.add_entity(Entity(key="carl-c-icahn", name="Carl C. Icahn"))
    f.add_entity(Entity(key="cvr-energy-x", name="CVR Energy, Inc."))
    f.filers = ["icahn-carl-c"]
    f.issuer = "cvr-energy-x"
    f.cover_pages = [CoverPage(number=1, person="carl-c-icahn")]
    _reconcile(f, ["icahn-carl-c", "cvr-energy"], "cvr-energy")
    assert sorted(f.entities) == ["carl-c-icahn", "cvr-energy-x"]
    carl = f.entities["carl-c-icahn"]
    assert carl.cik == "0000921669" and carl.aliases == ["ICAHN CARL C"]
    assert f.filers == ["carl-c-icahn"]
    assert f.entities["cvr-energy-x"].cik == "0001376139"
    assert "CVR ENERGY INC" in f.entities["cvr-energy-x"].aliases


def test_merge_into_rewrites_references() -> None:
    f = Filing(form="SC 13D", schedule="13D")
    f.add_entity(Entity(key="a", name="A LP", cik="0000000001"))
    f.add_entity(Entity(key="b", name="A, L.P."))
    f.group_members = ["a", "b"]
    f.cover_pages = [CoverPage(number=1, person="a")]
    merge_into(f, "a", "b")
    assert f.group_members == ["b"] and f.cover_pages[0].person == "b"
    assert f.entities["b"].cik == "0000000001"


# --- broken submissions ---------------------------------------------------------------

_HEADER = """<SEC-DOCUMENT>0000000000-24-000001.txt : 20240101
<SEC-HEADER>0000000000-24-000001.hdr.sgml : 20240101
ACCESSION NUMBER:\t\t0000000000-24-000001
CONFORMED SUBMISSION TYPE:\tSC 13D
PUBLIC DOCUMENT COUNT:\t\t1
FILED AS OF DATE:\t\t20240101

SUBJECT COMPANY:

\tCOMPANY DATA:
\t\tCOMPANY CONFORMED NAME:\t\t\tACME CORP
\t\tCENTRAL INDEX KEY:\t\t\t0000000123
</SEC-HEADER>
"""


def test_truncated_mid_document_names_the_file() -> None:
    data = _HEADER + "<DOCUMENT>\n<TYPE>SC 13D\n<SEQUENCE>1\n<TEXT>\nSCHEDULE 13D\nItem 1. Sec"
    with pytest.raises(LoadError) as e:
        load_bytes(data.encode(), name="cut.txt")
    assert str(e.value).startswith("cut.txt: ")
    assert "truncated" in e.value.reason and "SC 13D" in e.value.reason


def test_truncated_real_filing(tmp_path: Path) -> None:
    data = corpus_file(ATARI).read_bytes()
    cut = tmp_path / "atari-cut.txt"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(LoadError) as e:
        load_file(cut)
    assert str(cut) in str(e.value) and "truncated" in str(e.value)


def test_header_only_file() -> None:
    # issue 12: a complete header without a document is read alone, with a warning
    f = load_bytes((_HEADER + "</SEC-DOCUMENT>\n").encode(), name="header-only.txt")
    assert f.form == "SC 13D" and f.issuer is not None and f.cover_pages == []
    assert any("no <DOCUMENT>" in w for w in f.warnings)
    # a header cut short is still refused
    with pytest.raises(LoadError) as e:
        load_bytes(_HEADER.split("CENTRAL")[0].encode(), name="header-cut.txt")
    assert e.value.path == "header-cut.txt"
    assert "no <DOCUMENT>" in e.value.reason


def test_sgml_without_documents_or_header() -> None:
    with pytest.raises(LoadError) as e:
        load_bytes(b"<SEC-DOCUMENT>x.txt : 20240101\n</SEC-DOCUMENT>\n", name="empty-sgml.txt")
    assert e.value.path == "empty-sgml.txt"


def test_document_that_is_not_a_schedule() -> None:
    data = (
        "<SEC-DOCUMENT>x\n<SEC-HEADER>x\nCONFORMED SUBMISSION TYPE:\t8-K\n</SEC-HEADER>\n"
        "<DOCUMENT>\n<TYPE>8-K\n<SEQUENCE>1\n<TEXT>\nCurrent report\n</TEXT>\n</DOCUMENT>\n"
    )
    with pytest.raises(NotAFilingError) as e:
        load_bytes(data.encode(), name="8k.txt")
    assert e.value.path == "8k.txt"


def test_crlf_privacy_wrapper_and_binary_documents() -> None:
    doc = (
        "-----BEGIN PRIVACY-ENHANCED MESSAGE-----\nProc-Type: 2001,MIC-CLEAR\n\n"
        + _HEADER
        + "<DOCUMENT>\n<TYPE>SC 13D\n<SEQUENCE>1\n<TEXT>\nSCHEDULE 13D\n</TEXT>\n</DOCUMENT>\n"
        + "<DOCUMENT>\n<TYPE>GRAPHIC\n<SEQUENCE>2\n<FILENAME>logo.gif\n<TEXT>\n"
        + "begin 644 logo.gif\nM1TE&.#EA\n`\nend\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n"
        + "-----END PRIVACY-ENHANCED MESSAGE-----\n"
    ).replace("\n", "\r\n")
    f = parse(doc, name="wrapped.txt")
    assert f.accession == "0000000000-24-000001"
    assert [(d.type, d.filename) for d in f.documents] == [
        ("SC 13D", None),
        ("GRAPHIC", "logo.gif"),
    ]
    assert f.entities[f.issuer or ""].cik == "0000000123"
    assert (
        f.entities[f.issuer or ""].field_sources["cik"].quote
        == "CENTRAL INDEX KEY:\t\t\t0000000123"
    )


def test_text_normalisation_keeps_cover_rows_together() -> None:
    page = (
        "6  CITIZENSHIP OR PLACE OF ORGANIZATION\n   Delaware\n\n"
        "                                Page 2 of 7 Pages\n"
        "<PAGE>\n"
        "CUSIP No. 69360J107            Schedule 13G                 Page 3 of 7 Pages\n"
        "          -----------        --------------\n\n"
        "7  SOLE VOTING POWER\n   1,000\n"
    )
    text = text_to_filing_text("1  NAME OF REPORTING PERSON\n   ACME LLC\n" + page)
    assert "CUSIP" not in text and "Page" not in text and "<PAGE>" not in text
    assert "   Delaware\n7  SOLE VOTING POWER" in text
