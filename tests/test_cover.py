"""Golden tests of the cover-page and front-matter reader (loaders/cover.py).

The seed's two cover pages and front matter are pinned value by value; so are the
cover pages of corpus filings in plain text (1994-2011), HTML and ``.nc`` form, 13D
and 13G, each value checked by reading the document.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest

from ownergraph.loaders.formats.decode import decode
from ownergraph.loaders.formats.htmltext import html_to_text
from ownergraph.loaders.formats.markdown import markdown_to_text
from ownergraph.loaders.formats.sgml_documents import split_submission
from ownergraph.loaders.formats.text import text_to_filing_text
from ownergraph.loaders.sections.cover import parse_cover_pages, parse_front_matter
from ownergraph.record import CoverPage, EntityKind, Filing, Money

from .corpus import SEED, corpus_file


def _read(text: str) -> Filing:
    filing = Filing(form="", schedule="")
    parse_front_matter(text, filing)
    parse_cover_pages(text, filing)
    return filing


@pytest.fixture(scope="module")
def seed() -> tuple[str, Filing]:
    text = markdown_to_text(SEED.read_text(encoding="utf-8"))
    return text, _read(text)


def _primary(path: Path) -> str:
    """Filing text of the primary document of a corpus file."""
    raw = decode(path.read_bytes())
    if path.suffix.lower() in (".htm", ".html") and not raw.lstrip().startswith("<SEC-"):
        return html_to_text(raw)
    sub = split_submission(raw, name=str(path))
    docs = [d for d in sub.documents if d.kind in ("text", "html")]
    doc = next((d for d in docs if re.match(r"(?:SC|SCHEDULE)\s*13[DG]", d.type, re.I)), docs[0])
    return html_to_text(doc.body) if doc.kind == "html" else text_to_filing_text(doc.body)


# --------------------------------------------------------------------------- the seed


def test_seed_front_matter(seed: tuple[str, Filing]) -> None:
    text, f = seed
    assert f.form == "SCHEDULE 13D/A"
    assert f.schedule == "13D"
    assert f.amendment_number == 1
    issuer = f.entities[f.issuer or ""]
    assert issuer.name == "21VIANET GROUP, INC."
    assert issuer.kind == EntityKind.COMPANY
    assert issuer.cusip6 == "90138A"
    assert f.cusip == "90138A103"
    assert f.event_date == dt.date(2021, 4, 13)
    sc = f.share_classes[f.subject_class or ""]
    assert sc.title == "Class A ordinary shares"
    assert sc.label == "A"
    assert sc.issuer == f.issuer
    assert sc.par_value == Money(Decimal("0.00001"), "USD")
    assert sc.cusip is None  # the CUSIP is the ADSs'
    assert sc.source is not None
    assert sc.source.quote == "Class A ordinary shares, par value, US$0.00001 per share"
    for field in ("cusip", "event_date", "issuer", "amendment_number"):
        src = f.field_sources[field]
        assert src.section == "Front matter"
        assert src.start is not None and text[src.start : src.end] == src.quote
    assert f.field_sources["cusip"].quote == "90138A103**"
    assert f.field_sources["event_date"].quote == "April 13, 2021"


def test_seed_notice_person(seed: tuple[str, Filing]) -> None:
    _, f = seed
    person = f.entities[f.notice_person or ""]
    assert person.name == "Mike Chiang"
    assert person.kind == EntityKind.PERSON
    assert (person.given_name, person.family_name) == ("Mike", "Chiang")
    assert person.addresses[0].phone == "212.513.3415"
    assert "31 West 52nd Street" in person.addresses[0].text
    [role] = [r for r in f.roles if "notice contact" in r.kinds]
    assert role.person == person.key
    assert role.organization is not None
    assert f.entities[role.organization].name == "Holland & Knight LLP"
    assert f.entities[role.organization].kind == EntityKind.COMPANY


def test_seed_depositary(seed: tuple[str, Filing]) -> None:
    _, f = seed
    [ads] = f.depositary
    assert ads.ratio == Decimal(6)
    assert ads.cusip == "90138A103"
    assert ads.exchange == "Nasdaq Global Market"
    assert ads.ticker == "VNET"
    assert ads.issuer == f.issuer
    assert ads.underlying_class == f.subject_class
    assert (
        "each ADS representing six (6) Class A ordinary shares" in ads.field_sources["ratio"].quote
    )


_SEED_ROWS = [
    ("Tuspark Innovation Venture Ltd.", ["WC"], "British Virgin Islands", "VG", "(2)"),
    ("Tus-Holdings Co., Ltd.", ["PF"], "People's Republic of China", "CN", "(4)"),
]


@pytest.mark.parametrize("n", [1, 2])
def test_seed_cover_rows(seed: tuple[str, Filing], n: int) -> None:
    text, f = seed
    c = f.cover_pages[n - 1]
    name, funds, place, code, mark = _SEED_ROWS[n - 1]
    assert c.number == n
    person = f.entities[c.person]
    assert person.name == name
    assert person.kind == EntityKind.COMPANY
    assert person.jurisdiction is not None and person.jurisdiction.code == code
    assert person.reporting_type_codes == ["CO"]
    assert c.irs_number is None
    assert (c.group_a, c.group_b) == (False, False)
    assert c.source_of_funds == funds
    assert c.legal_proceedings is False
    assert c.citizenship is not None and (c.citizenship.text, c.citizenship.code) == (place, code)
    assert (c.sole_voting, c.shared_voting, c.sole_dispositive, c.shared_dispositive) == (
        0,
        94415771,
        0,
        94415771,
    )
    assert c.aggregate == 94415771
    assert c.excludes_certain_shares is False
    assert c.percent_of_class == Decimal("11.4")
    assert c.percent_text == f"11.4% of the Class A Ordinary Shares {mark}"
    assert c.type_codes == ["CO"]
    assert c.share_class == f.subject_class
    assert c.warnings == []
    src = c.field_sources["shared_voting"]
    assert src.section == f"Cover page, reporting person {n}, row 8"
    assert text[src.start : src.end] == src.quote
    assert "Shared Voting Power 94,415,771" in src.quote
    assert c.field_sources["percent_of_class"].section.endswith("row 13")


@pytest.mark.parametrize("n", [1, 2])
def test_seed_cover_footnotes(seed: tuple[str, Filing], n: int) -> None:
    _, f = seed
    c = f.cover_pages[n - 1]
    assert len(c.footnotes) == 2
    assert c.footnotes[0].startswith(f"({2 * n - 1}) Represented by 15,735,962 ADSs")
    assert c.ads_count == 15735962
    assert c.percent_of_total == Decimal("11.0")
    assert c.percent_of_voting == Decimal("8.0")
    assert c.basis_outstanding == 827197383
    assert c.basis_as_of == dt.date(2021, 4, 13)
    assert c.total_outstanding == 862079106
    sec = 'Securities and Exchange Commission (the "SEC")' if n == 1 else "SEC"
    assert c.basis_document == f"Form 20-F filed by the Issuer with the {sec} on April 28, 2021"
    assert (
        c.field_sources["ads_count"].section
        == f"Cover page, reporting person {n}, footnote ({2 * n - 1})"
    )


def test_seed_share_classes(seed: tuple[str, Filing]) -> None:
    _, f = seed
    by_label = {sc.label: sc for sc in f.share_classes.values()}
    assert {k: v.outstanding for k, v in by_label.items()} == {
        "A": 827197383,
        "B": 34821723,
        "C": 60000,
    }
    for sc in by_label.values():
        assert sc.outstanding_as_of == dt.date(2021, 4, 13)
        assert sc.outstanding_basis is not None and sc.outstanding_basis.startswith("Form 20-F")
        assert sc.issuer == f.issuer
    assert by_label["B"].title == "Class B ordinary shares"


# --------------------------------------------------------------------------- corpus

# name, sole voting, shared voting, sole dispositive, shared dispositive, aggregate,
# percent, citizenship code, type codes — as the documents state them
Row = tuple[
    str,
    int | None,
    int | None,
    int | None,
    int | None,
    int | None,
    str | None,
    str | None,
    list[str],
]

GOLDEN: dict[str, tuple[str, list[Row]]] = {
    # plain text, 1996, 13G/A, boxes "[x]", rows "(5)" with the label at the left
    "orgron__SC13G-A__19960611__0000902664-96-000076__SHAW_D_E_INVESTMENTS_LP__FIRST_USA_INC.txt": (
        "13G",
        [
            ("D.E. Shaw Investments, L.P.", 0, 698700, 0, 698700, 698700, "12.2", "US-DE", ["BD"]),
            ("David E. Shaw", 0, 698700, 0, 698700, 698700, "12.2", "US", ["IN"]),
        ],
    ),
    # plain text, 2011, 13G, "None" for zero, name on the caption line
    "orgron__SC13G__20110202__0001086364-11-002368__BlackRock_Inc__B_G_Foods_Inc.txt": (
        "13G",
        [("BlackRock, Inc.", 2576447, 0, 2576447, 0, 2576447, "5.41", "US-DE", ["HC"])],
    ),
    # plain text, 1996, 13D/A, five reporting persons
    "orgron__SC13D-A__19960715__0000950142-96-000297__CRAMER_J_J_CO_INC__WESTERFED_FINANCIAL_CORP.txt": (
        "13D",
        [
            ("J.J. Cramer & Co.", 387100, 0, 387100, 0, 387100, "8.5", "US-DE", ["CO"]),
            ("James J. Cramer", 0, 387100, 0, 387100, 387100, "8.5", "US", ["IN"]),
            ("Karen L. Cramer", 0, 387100, 0, 387100, 387100, "8.5", "US", ["IN"]),
            ("Cramer Partners, L.P.", 387100, 0, 387100, 0, 387100, "8.5", "US-DE", ["PN"]),
        ],
    ),
    # 1994 submission with <TABLE> tags: blank rows, amounts with long explanations
    "orgron__SC13D-A__19940323__0000950123-94-000564__MITSUI_CO_LTD__AIRBORNE_FREIGHT_CORP_DE.txt": (
        "13D",
        [
            ("Mitsui & Co., Ltd.", None, 259487, None, 259487, 259487, "1.3", "JP", ["CO"]),
            (
                "Intermodal Terminal Inc.",
                None,
                256487,
                None,
                256487,
                256487,
                "1.3",
                "US-DE",
                ["CO"],
            ),
            ("Tonami Transportation Co., Ltd.", None, None, None, None, None, "0", "JP", ["CO"]),
        ],
    ),
    # plain text, 2006, 13G/A: the row number printed on the line below its caption
    "orgron__SC13G-A__20060127__0001040153-06-000008__FARALLON_PARTNERS_L_L_C_CA__SPIRIT_FINANCE_CORP.txt": (
        "13G",
        [],  # persons 14 and 15 are checked in test_farallon
    ),
    # .nc submission with an HTML primary document, tab-separated cells
    "edgartools__SC13G_nc__0001076809-24-000144__Glazer__Avid_Bioservices.nc": (
        "13G",
        [
            ("Glazer Capital, LLC", 0, 3394114, 0, 3394114, 3394114, "5.31", "US-DE", ["IA", "OO"]),
            ("Paul J. Glazer", 0, 3394114, 0, 3394114, 3394114, "5.31", "US", ["IN"]),
        ],
    ),
    # HTML 13D, seven reporting persons, row numbers "(7)"
    "orgron__SC13D__20191104__0001193125-19-283454__Vieco_USA_Inc__Virgin_Galactic_Holdings_Inc.txt": (
        "13D",
        [
            ("Vieco USA, Inc.", 0, 114790438, 0, 114790438, 114790438, "58.7", "US-DE", ["CO"]),
            ("Vieco 10 Limited", 0, 114790438, 0, 114790438, 114790438, "58.7", None, ["CO"]),
            (
                "Virgin Investments Limited",
                0,
                114790438,
                0,
                114790438,
                114790438,
                "58.7",
                "VG",
                ["CO"],
            ),
            (
                "Virgin Group Investments LLC",
                0,
                114790438,
                0,
                114790438,
                114790438,
                "58.7",
                "US-DE",
                ["OO"],
            ),
            (
                "Corvina Holdings Limited",
                0,
                114790438,
                0,
                114790438,
                114790438,
                "58.7",
                "VG",
                ["CO"],
            ),
            (
                "Virgin Group Holdings Limited",
                0,
                114790438,
                0,
                114790438,
                114790438,
                "58.7",
                "VG",
                ["CO"],
            ),
            ("Sir Richard Branson", 0, 114790438, 0, 114790438, 114790438, "58.7", "GB", ["IN"]),
        ],
    ),
    # HTML 13D/A, eleven reporting persons, "-0-", captions with "*" and dagger marks
    "orgron__SC13D-A__20120221__0000909518-12-000080__THOMAS_H_LEE_ADVISORS_LLC__MONEYGRAM_INTERNATIONAL_INC.txt": (
        "13D",
        [
            (
                "Thomas H. Lee Advisors, LLC",
                0,
                36332270,
                0,
                36332270,
                36332270,
                "50.8",
                "US-DE",
                ["OO"],
            ),
            (
                "THL Equity Advisors VI, LLC",
                0,
                36000489,
                0,
                36000489,
                36000489,
                "50.4",
                "US-DE",
                ["OO"],
            ),
            (
                "Thomas H. Lee Equity Fund VI, L.P.",
                0,
                20009447,
                0,
                20009447,
                20009447,
                "28.0",
                "US-DE",
                ["PN"],
            ),
            (
                "Thomas H. Lee Parallel Fund VI, L.P.",
                0,
                13549334,
                0,
                13549334,
                13549334,
                "19.0",
                "US-DE",
                ["PN"],
            ),
            (
                "Thomas H. Lee Parallel (DT) Fund VI, L.P.",
                0,
                2366797,
                0,
                2366797,
                2366797,
                "3.3",
                "US-DE",
                ["PN"],
            ),
            (
                "THL Equity Fund VI Investors (MoneyGram), LLC",
                0,
                74911,
                0,
                74911,
                74911,
                "0.1",
                "US-DE",
                ["OO"],
            ),
        ],
    ),
}


def _check(c: CoverPage, f: Filing, row: Row) -> None:
    name, sv, shv, sd, shd, agg, pct, code, types = row
    assert f.entities[c.person].name == name
    assert (c.sole_voting, c.shared_voting, c.sole_dispositive, c.shared_dispositive) == (
        sv,
        shv,
        sd,
        shd,
    )
    assert c.aggregate == agg
    assert c.percent_of_class == (Decimal(pct) if pct is not None else None)
    assert c.citizenship is not None and c.citizenship.code == code
    assert c.type_codes == types


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_corpus_cover_pages(name: str) -> None:
    text = _primary(corpus_file(name))
    f = _read(text)
    schedule, rows = GOLDEN[name]
    assert f.schedule == schedule
    for c, row in zip(f.cover_pages, rows, strict=False):
        _check(c, f, row)
    assert len(f.cover_pages) >= len(rows)
    for c in f.cover_pages:
        for src in c.field_sources.values():
            assert src.start is not None and text[src.start : src.end] == src.quote


def test_corpus_person_counts() -> None:
    counts = {
        "orgron__SC13D-A__20120221__0000909518-12-000080__THOMAS_H_LEE_ADVISORS_LLC__MONEYGRAM_INTERNATIONAL_INC.txt": 11,
        "orgron__SC13D__20191104__0001193125-19-283454__Vieco_USA_Inc__Virgin_Galactic_Holdings_Inc.txt": 7,
        "orgron__SC13G-A__20060127__0001040153-06-000008__FARALLON_PARTNERS_L_L_C_CA__SPIRIT_FINANCE_CORP.txt": 18,
        "orgron__SC13D-A__19960715__0000950142-96-000297__CRAMER_J_J_CO_INC__WESTERFED_FINANCIAL_CORP.txt": 5,
    }
    for name, n in counts.items():
        f = _read(_primary(corpus_file(name)))
        assert len(f.cover_pages) == n, name
        assert [c.number for c in f.cover_pages] == list(range(1, n + 1))
        assert len({c.person for c in f.cover_pages}) == n  # distinct parties stay distinct


def test_farallon() -> None:
    name = "orgron__SC13G-A__20060127__0001040153-06-000008__FARALLON_PARTNERS_L_L_C_CA__SPIRIT_FINANCE_CORP.txt"
    f = _read(_primary(corpus_file(name)))
    moment = f.cover_pages[13]
    _check(moment, f, ("Jason E. Moment", 0, 5888900, 0, 5888900, 5888900, "8.7", "US", ["IN"]))
    assert moment.group_b is True and moment.group_a is False
    assert moment.field_sources["shared_voting"].section == "Cover page, reporting person 14, row 6"


def test_blank_and_dash_rows() -> None:
    """Barclays 2009: a blank row is None with a warning; a lone "-" is zero."""
    name = "orgron__SC13G__20090205__0000913414-09-003235__BARCLAYS_GLOBAL_INVESTORS_NA_C__CHEROKEE_INC.txt"
    f = _read(_primary(corpus_file(name)))
    assert len(f.cover_pages) == 7
    c = f.cover_pages[2]
    assert f.entities[c.person].name == "BARCLAYS GLOBAL INVESTORS, LTD"
    assert c.sole_voting is None
    assert any("row 5" in w and "blank" in w for w in c.warnings)
    assert (c.shared_voting, c.sole_dispositive, c.shared_dispositive, c.aggregate) == (0, 0, 0, 0)
    assert c.percent_of_class == Decimal("0.00")
    assert c.citizenship is not None and c.citizenship.code == "GB"
    assert c.type_codes == ["FI"]


def test_mitsui_front_matter_and_boxes() -> None:
    name = "orgron__SC13D-A__19940323__0000950123-94-000564__MITSUI_CO_LTD__AIRBORNE_FREIGHT_CORP_DE.txt"
    f = _read(_primary(corpus_file(name)))
    assert f.amendment_number == 2
    assert f.entities[f.issuer or ""].name == "Airborne Freight Corporation"
    assert f.cusip == "00926610"
    assert f.event_date == dt.date(1994, 3, 17)
    c1, c2, _ = f.cover_pages
    assert (c1.group_a, c1.group_b) == (False, True)
    assert c1.source_of_funds == ["WC"] and c2.source_of_funds == ["AF"]
    assert c1.legal_proceedings is False
    assert c2.excludes_certain_shares is True
    assert any("row 7" in w for w in c1.warnings)


# --------------------------------------------------------------------------- robustness


def test_odd_values_warn_and_never_crash() -> None:
    text = (
        "1 NAME OF REPORTING PERSON\nOdd Holder LLC\n"
        "6 CITIZENSHIP OR PLACE OF ORGANIZATION\nAtlantis\n"
        "7 SOLE VOTING POWER\nSee Item 5\n"
        "8 SHARED VOTING POWER\n-1,000\n"
        "9 SOLE DISPOSITIVE POWER\n12.5 shares\n"
        "10 SHARED DISPOSITIVE POWER\n\n"
        "11 AGGREGATE AMOUNT BENEFICIALLY OWNED BY EACH REPORTING PERSON\n1,000\n"
        "13 PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW (11)\n140%\n"
        "14 TYPE OF REPORTING PERSON\nOO\n"
    )
    f = _read(text)
    [c] = f.cover_pages
    assert c.sole_voting is None and c.shared_dispositive is None
    assert c.sole_dispositive == Decimal("12.5")  # a fraction as stated, never dropped
    assert c.shared_voting == -1000  # as the document states it, with a warning
    assert c.aggregate == 1000
    assert c.percent_of_class == Decimal(140)
    joined = " | ".join(c.warnings)
    for needle in ("row 7", "row 8", "negative", "row 10", "out of range", "Atlantis"):
        assert needle in joined
    assert f.entities[c.person].kind == EntityKind.COMPANY


def test_no_cover_page_and_huge_input() -> None:
    f = _read("Item 4. Ownership\n(a) Amount beneficially owned: 0\n" * 2000)
    assert f.cover_pages == []
    f = _read("NAME OF REPORTING PERSON " * 20000)
    assert f.cover_pages == []


def test_dash_separators_and_typos() -> None:
    """BRT 1996: "SOLE VOTING POWER - 189,185" (a dash before the value is no zero),
    "SOLE DISPOSITION POWER", "(a) x" with an empty (b), IRS numbers after a dash."""
    name = "orgron__SC13D__19960726__0000712770-96-000005__ONE_LIBERTY_PROPERTIES_INC__BRT_REALTY_TRUST.txt"
    f = _read(_primary(corpus_file(name)))
    rows: list[Row] = [
        ("Fredric H. Gould", 189185, 1921748, 189185, 1921748, 2110933, "24.05", "US", ["IN"]),
        ("Marshall Rose", 274279, 1693150, 274279, 1693150, 1967429, "22.42", "US", ["IN"]),
        ("Gould Investors L.P.", 1512241, None, 1512241, None, 1512241, "17.23", "US-DE", ["PN"]),
        ("One Liberty Properties, Inc.", 30048, 0, 30048, 0, 30048, None, "US-MD", ["CO"]),
    ]
    for c, row in zip(f.cover_pages, rows, strict=True):
        _check(c, f, row)
        assert (c.group_a, c.group_b) == (True, False)
    assert f.cover_pages[2].irs_number == "11-276-3164"
    assert f.cover_pages[3].percent_text == "Less than 1%"
    assert f.cover_pages[3].source_of_funds == ["OO"]


def test_notice_person_in_html_front_matter() -> None:
    """HTML turned into text separates the lines of the notice block by blank lines."""
    name = "orgron__SC13D__20191104__0001193125-19-283454__Vieco_USA_Inc__Virgin_Galactic_Holdings_Inc.txt"
    f = _read(_primary(corpus_file(name)))
    person = f.entities[f.notice_person or ""]
    assert person.name == "James Cahillane"
    [role] = f.roles
    assert role.organization is not None
    assert f.entities[role.organization].name == "Virgin Management USA, Inc."
    assert person.addresses[0].phone == "(212) 497-9050"
    assert f.event_date == dt.date(2019, 10, 25)
    assert f.cusip == "92766K106"


# --------------------------------------------------------------------------- regressions


def _page(
    name_block: str,
    *,
    group: str = "(a) [ ] (b) [X]",
    citizenship: str = "CITIZENSHIP OR PLACE OF ORGANIZATION   Delaware",
    sole: str = "5 SOLE VOTING POWER        1,000",
    aggregate: str = "AGGREGATE AMOUNT BENEFICIALLY OWNED BY EACH REPORTING PERSON",
    percent: str = "PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW (9)   5.1%",
    type_code: str = "CO",
) -> str:
    """One 13G cover page with the given variations."""
    return (
        "1 NAME OF REPORTING PERSON\nI.R.S. IDENTIFICATION NO. OF ABOVE PERSON\n"
        f"{name_block}\n"
        f"2 CHECK THE APPROPRIATE BOX IF A MEMBER OF A GROUP {group}\n"
        "3 SEC USE ONLY\n"
        f"4 {citizenship}\n"
        f"{sole}\n"
        "6 SHARED VOTING POWER      -0-\n"
        "7 SOLE DISPOSITIVE POWER   1,000\n"
        "8 SHARED DISPOSITIVE POWER -0-\n"
        f"9 {aggregate}   1,000\n"
        "10 CHECK IF THE AGGREGATE AMOUNT IN ROW (9) EXCLUDES CERTAIN SHARES [ ]\n"
        f"11 {percent}\n"
        f"12 TYPE OF REPORTING PERSON   {type_code}\n"
    )


@pytest.mark.parametrize(
    ("written", "name", "irs"),
    [
        ("ICS Opportunities, Ltd.", "ICS Opportunities, Ltd.", None),
        ("Altria Group, Inc.", "Altria Group, Inc.", None),
        ("Mitsui & Co., Ltd.", "Mitsui & Co., Ltd.", None),
        ("Noonday Asset Management, L.P.", "Noonday Asset Management, L.P.", None),
        ("VC Investments LLC ( )", "VC Investments LLC", None),
        ("Franklin Mutual Advisers, LLC ( )", "Franklin Mutual Advisers, LLC", None),
        (
            "Dimensional Fund Advisors Inc. (  )   94-2905121",
            "Dimensional Fund Advisors Inc.",
            "94-2905121",
        ),
        ("The Vanguard Group - 23-1945930", "The Vanguard Group", "23-1945930"),
        ("The Vanguard Group -\n23-1945930", "The Vanguard Group", "23-1945930"),
        ("(a) Jeffrey Klausner", "Jeffrey Klausner", None),
        ("Derek C. Schrier [See Item 2]", "Derek C. Schrier", None),
    ],
)
def test_names_as_written(written: str, name: str, irs: str | None) -> None:
    """Final periods stay; IRS leftovers, item letters and bracketed notes go."""
    f = _read(_page(written))
    [c] = f.cover_pages
    assert f.entities[c.person].name == name
    assert c.irs_number == irs


def test_defined_term_becomes_a_short_name() -> None:
    f = _read(_page("Sofinnova Venture Partners VI, L.P. (“SVP VI”)"))
    ent = f.entities[f.cover_pages[0].person]
    assert ent.name == "Sofinnova Venture Partners VI, L.P."
    assert ent.short_names == ["SVP VI"]


def test_two_people_on_one_cover_warn() -> None:
    f = _read(_page("Austin W. Marxe and David M. Greenhouse"))
    c = f.cover_pages[0]
    assert f.entities[c.person].name == "Austin W. Marxe and David M. Greenhouse"
    assert any("two persons" in w for w in c.warnings)
    f = _read(_page("J.J. Cramer & Co."))
    assert not any("two persons" in w for w in f.cover_pages[0].warnings)


def test_marks_alone_are_no_name() -> None:
    """A name row holding only "(a) (b)" or "/" gives no reporting person called so."""
    for junk in ("(a) (b)", "/"):
        f = _read(_page(junk))
        c = f.cover_pages[0]
        assert f.entities[c.person].name == "Unnamed reporting person 1"
        assert "row 1: no name of the reporting person" in c.warnings


def test_nameless_cover_takes_the_single_header_filer() -> None:
    f = Filing(form="", schedule="")
    from ownergraph.record import Entity

    f.add_entity(Entity(key="equitrust", name="EQUITRUST INVESTMENT MANAGEMENT SERVICES INC"))
    f.filers.append("equitrust")
    parse_cover_pages(_page(""), f)
    c = f.cover_pages[0]
    assert f.entities[c.person].name == "EQUITRUST INVESTMENT MANAGEMENT SERVICES INC"
    assert any("submission header" in w for w in c.warnings)


def test_percent_without_leading_zero_and_row_number_omitted() -> None:
    f = _read(_page("X LLC", percent="PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW (9) .08%"))
    assert f.cover_pages[0].percent_of_class == Decimal("0.08")
    # the filer left out the row number: "ROW\t9.2%" is 9.2, not row 9 and "0.2%"
    f = _read(_page("X LLC", percent="PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW\t9.2%"))
    assert f.cover_pages[0].percent_of_class == Decimal("9.2")
    f = _read(
        _page("X LLC", percent="PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW 9. . . .  48.5%")
    )
    assert f.cover_pages[0].percent_of_class == Decimal("48.5")


def test_caption_wording_variants() -> None:
    """Loeb "Aggregate Amount of Beneficially Owned", Puroil "Member of Group" with
    "(a) (b) [X]", Vanguard "CITIZENSHIP OF PLACE", 1995 "SOLE POWER TO VOTE"."""
    text = _page(
        "Loeb Arbitrage Fund",
        aggregate="Aggregate Amount of Beneficially Owned by Each Reporting Person",
        citizenship="CITIZENSHIP OF PLACE OF ORGANIZATION   Pennsylvania",
        sole="(5) SOLE POWER TO VOTE:   49,750 SHARES",
    ).replace("MEMBER OF A GROUP (a) [ ] (b) [X]", "Member of Group:\t(a) (b) [X]")
    [c] = _read(text).cover_pages
    assert c.aggregate == 1000
    assert c.sole_voting == 49750
    assert (c.group_a, c.group_b) == (False, True)
    assert c.citizenship is not None and c.citizenship.code == "US-PA"


def test_type_code_with_a_description() -> None:
    f = _read(_page("X LLC", type_code="OO (Delaware limited liability company)"))
    assert f.cover_pages[0].type_codes == ["OO"]


def test_row_numbers_never_become_values() -> None:
    """1994: row numbers printed after the captions; label words before "NONE";
    Citicorp's "1,353,4681" (a footnote mark run on) is no number, and the next
    row's number "10" must not be taken instead."""
    text = (
        "1 NAME OF REPORTING PERSON\nCAPITAL GROUP INC\n"
        "CITIZENSHIP OR PLACE OF ORGANIZATION\n4\nDELAWARE\n"
        "SOLE VOTING POWER\n5\nNUMBER OF NONE\n"
        "SHARED VOTING POWER\nBENEFICIALLY 6\nNONE\nOWNED BY\n"
        "SOLE DISPOSITIVE POWER:  1,353,4681\n    REPORTING\n"
        "   PERSON WITH   10   SHARED DISPOSITIVE       -0-\n                      POWER:\n"
        "AGGREGATE AMOUNT BENEFICIALLY OWNED BY EACH REPORTING PERSON\n9\n800\n"
        "PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW 9\n11\n0.0%\n"
        "TYPE OF REPORTING PERSON\n12\nHC\n"
    )
    [c] = _read(text).cover_pages
    assert c.citizenship is not None and c.citizenship.text == "DELAWARE"
    assert (c.sole_voting, c.shared_voting, c.sole_dispositive) == (0, 0, None)
    assert any("malformed number '1,353,4681'" in w for w in c.warnings)
    assert c.aggregate == 800
    assert c.percent_of_class == Decimal("0.0")
    assert c.type_codes == ["HC"]


def test_citizenship_kept_as_written() -> None:
    [c] = _read(
        _page("Joseph Neubauer", citizenship="CITIZENSHIP OR PLACE OF ORGANIZATION U. S. A.")
    ).cover_pages
    assert c.citizenship is not None
    assert (c.citizenship.text, c.citizenship.code) == ("U. S. A.", "US")


def test_values_written_above_their_captions() -> None:
    """EquiTrust 1998: every value stands on the line above its caption."""
    text = (
        "(1) Names of Reporting Persons.  S.S. or I.R.S. Identification\nNos.\nOf Above Persons\n\n"
        "[ ]   (a)      [ ]   (b)\n(2) Check the Appropriate Box if a Member of a Group*\n\n"
        "(3) SEC Use Only\n\nDelaware\n(4) Citizenship or Place of Organization\n\n"
        "Number of Shares Beneficially Owned by Each Reporting Person With\n\n"
        "565,750\n(5) Sole Voting Power\n\n\n(6) Shared Voting Power\n\n"
        "565,750\n(7) Sole Dispositive Power\n\n\n(8) Shared Dispositive Power\n\n"
        "565,750\n(9) Aggregate Amount Beneficially Owned by Each Reporting Person\n\n\n"
        "(10) Check Box if The Aggregate Amount in Row (9) Excludes\nCertain Shares*\n\n"
        "5.87%\n(11) Percent of Class Represented by Amount in Row (9)\n\n"
        "IA\n(12) Type of Reporting Person*\n"
    )
    [c] = _read(text).cover_pages
    assert c.citizenship is not None and c.citizenship.text == "Delaware"
    assert (c.sole_voting, c.shared_voting, c.sole_dispositive, c.shared_dispositive) == (
        565750,
        None,
        565750,
        None,
    )
    assert c.aggregate == 565750
    assert c.percent_of_class == Decimal("5.87")
    assert c.type_codes == ["IA"]
    assert c.field_sources["percent_of_class"].quote == "5.87%"


def _two_cover_submission() -> bytes:
    """A small full submission: two group members whose names differ in legal form only,
    and an issuer named across a line break before its defined term."""
    covers = "".join(
        _page(name, type_code=code)
        for name, code in (
            ("COCONUT PALM CAPITAL INVESTORS II, LTD.", "PN"),
            ("COCONUT PALM CAPITAL INVESTORS II, INC.", "CO"),
        )
    )
    body = (
        "SCHEDULE 13G\n\nASA (BERMUDA) LIMITED\n(Name of Issuer)\n\nCommon Stock\n"
        "(Title of Class of Securities)\n\nG3156P103\n(CUSIP Number)\n\n"
        f"{covers}\nItem 1.  Security and Issuer:\n\n"
        "This statement relates to shares of common stock of ASA\n"
        '(Bermuda) Limited, a Bermuda corporation (the "Issuer").\n'
    )
    header = (
        "<SEC-DOCUMENT>0000950144-04-011596.txt : 20041129\n"
        "<SEC-HEADER>0000950144-04-011596.hdr.sgml : 20041129\n"
        "ACCESSION NUMBER:\t\t0000950144-04-011596\nCONFORMED SUBMISSION TYPE:\tSC 13G\n"
        "PUBLIC DOCUMENT COUNT:\t\t1\nFILED AS OF DATE:\t\t20041129\n"
        "GROUP MEMBERS:\t\tCOCONUT PALM CAPITAL INVESTORS II, INC.\n"
        "GROUP MEMBERS:\t\tCOCONUT PALM CAPITAL INVESTORS II, LTD.\n\n"
        "SUBJECT COMPANY:\t\n\n\tCOMPANY DATA:\t\n\t\tCOMPANY CONFORMED NAME:\t\t\tASA BERMUDA LTD\n"
        "\t\tCENTRAL INDEX KEY:\t\t\t0000865106\n\n"
        "FILED BY:\t\t\n\n\tCOMPANY DATA:\t\n\t\tCOMPANY CONFORMED NAME:\t\t\tHERMAN MICHAEL D\n"
        "\t\tCENTRAL INDEX KEY:\t\t\t0000928169\n</SEC-HEADER>\n"
    )
    doc = f"<DOCUMENT>\n<TYPE>SC 13G\n<SEQUENCE>1\n<TEXT>\n{body}</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n"
    return (header + doc).encode()


def test_parties_differing_in_legal_form_stay_apart() -> None:
    """Coconut Palm 2004: "II, Ltd." and "II, Inc." are two reporting persons, each
    keeping its own name (the SGML header lists both as group members)."""
    from ownergraph.loaders import load_bytes

    f = load_bytes(_two_cover_submission(), name="coconut.txt")
    names = [f.entities[c.person].name for c in f.cover_pages]
    assert names == [
        "COCONUT PALM CAPITAL INVESTORS II, LTD.",
        "COCONUT PALM CAPITAL INVESTORS II, INC.",
    ]
    assert len({c.person for c in f.cover_pages}) == 2
    assert [c.type_codes for c in f.cover_pages] == [["PN"], ["CO"]]
    # HBK 2005: the issuer named across a line break keeps its whole name
    issuer = f.entities[f.issuer or ""]
    assert issuer.name in ("ASA (BERMUDA) LIMITED", "ASA (Bermuda) Limited")
    assert all(not n.startswith("(") and "corporation" not in n for n in issuer.all_names())


def test_notice_contacts_side_by_side_and_joint() -> None:
    """Marxe 2006: two contacts in tab-separated columns; Coliseum 2021: "A/B"."""
    front = (
        "SCHEDULE 13D\n(Amendment No. 2)\nRemedent, Inc.\n(Name of Issuer)\nCommon Stock\n"
        "(Title of Class of Securities)\n75954T104\n(CUSIP Number)\n"
        "\t\twith a copy to:\n"
        "Austin W. Marxe\t\tAllen B. Levithan, Esq.\n"
        "527 Madison Avenue, Suite 2600\t\tLowenstein Sandler PC\n"
        "New York, New York 10022\t\t65 Livingston Avenue\n"
        "\t\t\tRoseland, N.J. 07068\n"
        "(Name, Address and Telephone Number of Person\n"
        "Authorized to Receive Notices and Communications)\n"
        "July 31, 2006\n(Date of Event which Requires Filing of this Statement)\n"
    )
    f = Filing(form="", schedule="")
    parse_front_matter(front, f)
    names = [f.entities[r.person].name for r in f.roles]
    assert names == ["Austin W. Marxe", "Allen B. Levithan"]
    lawyer = f.roles[1]
    assert lawyer.organization is not None
    assert f.entities[lawyer.organization].name == "Lowenstein Sandler PC"
    joint = front.replace(
        "\t\twith a copy to:\nAustin W. Marxe\t\tAllen B. Levithan, Esq.\n"
        "527 Madison Avenue, Suite 2600\t\tLowenstein Sandler PC\n"
        "New York, New York 10022\t\t65 Livingston Avenue\n\t\t\tRoseland, N.J. 07068\n",
        "Christopher Shackelton/Adam Gray\n105 Rowayton Avenue\nRowayton, CT 06853\n",
    )
    f = Filing(form="", schedule="")
    parse_front_matter(joint, f)
    assert [f.entities[r.person].name for r in f.roles] == ["Christopher Shackelton", "Adam Gray"]
    assert f.entities[f.notice_person or ""].name == "Christopher Shackelton"


def test_item_numbered_cover_layout() -> None:
    """Dimensional 1998/2001: rows labelled "Item 5:", "PERCENT ... BY LINE 9 --"."""
    text = (
        "Item  1:    REPORTING PERSONS\n"
        "            Dimensional Fund Advisors Inc. (Tax ID: 22-2370029)\n\n"
        "Item  4:    CITIZENSHIP\n            Delaware Corporation\n\n"
        "Item  5:    SOLE VOTING POWER\n            2,542,287         ** see Note 1 **\n\n"
        "Item  6:    SHARED VOTING POWER --\n            None\n\n"
        "Item  7:    SOLE DISPOSITIVE POWER --\n            2,542,287         ** see Note 1 **\n\n"
        "Item  8:    SHARED DISPOSITIVE POWER --\n            0\n\n"
        "Item  9:    AGGREGATE AMOUNT BENEFICIALLY OWNED --\n            2,542,287\n\n"
        "Item 11:    PERCENT OF CLASS REPRESENTED BY LINE 9 --\n             5.30\n\n"
        "Item 12:    TYPE OF REPORTING PERSON --\n            IA\n"
    )
    f = _read(text)
    [c] = f.cover_pages
    assert f.entities[c.person].name == "Dimensional Fund Advisors Inc."
    assert c.citizenship is not None and c.citizenship.code == "US-DE"
    got = (c.sole_voting, c.shared_voting, c.sole_dispositive, c.shared_dispositive, c.aggregate)
    assert got == (2542287, 0, 2542287, 0, 2542287)
    assert c.percent_of_class == Decimal("5.30")
    assert c.type_codes == ["IA"]


def test_row_number_after_the_percent_caption_is_no_part_of_the_value() -> None:
    """Capital Group 1994: "... IN ROW 9" then the row number "11" on its own line;
    the percentage as written is "5.16%", not "11 5.16%"."""
    text = _page(
        "X LLC", percent="PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW 9\n  11\n       5.16%\n"
    ).replace("11 PERCENT", "PERCENT")
    [c] = _read(text).cover_pages
    assert c.percent_text == "5.16%"
    assert c.percent_of_class == Decimal("5.16")
    # with the parenthesis closed after blanks, the caption still ends there
    text = _page("X LLC", percent="PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW ( 9 )  7.5%")
    assert _read(text).cover_pages[0].percent_text == "7.5%"


def test_excludes_caption_with_represented_by_amount() -> None:
    """Towle 2003: "Check if the Aggregate Amount Represented by Amount in Row (11)
    Excludes Certain Shares (See Instructions) [ ]" is row 12, an unchecked box."""
    text = _page("X LLC").replace(
        "10 CHECK IF THE AGGREGATE AMOUNT IN ROW (9) EXCLUDES CERTAIN SHARES [ ]",
        "10 Check if the Aggregate Amount Represented by Amount in Row (11) Excludes "
        "Certain Shares (See Instructions) [ ]",
    )
    [c] = _read(text).cover_pages
    assert c.excludes_certain_shares is False
    assert "excludes_certain_shares" in c.field_sources
    assert c.aggregate == 1000  # the aggregate row ends where row 12 begins


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Excludes shares beneficially owned by LaSalle\n Investment Management, Inc.", True),
        ("X", True),
        ("", False),
        ("N/A", False),
        ("[X]", True),
        ("[ ]", False),
    ],
)
def test_excludes_row_without_a_box_answered_in_words(value: str, expected: bool) -> None:
    """LaSalle 2010: row 10 has no box, the filer writes "Excludes shares ..."."""
    text = _page("X LLC").replace(
        "EXCLUDES CERTAIN SHARES [ ]\n", f"EXCLUDES CERTAIN SHARES*\n\n{value}\n"
    )
    [c] = _read(text).cover_pages
    assert c.excludes_certain_shares is expected


def test_basis_stated_in_the_percent_row() -> None:
    """Towle 2003: "9.66% at 5/19/03 based on 8,460,187 common shares"."""
    text = _page(
        "X LLC",
        percent="PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW (9) "
        "9.66% at 5/19/03 based on 8,460,187 common shares",
    )
    [c] = _read(text).cover_pages
    assert c.percent_of_class == Decimal("9.66")
    assert c.percent_text == "9.66% at 5/19/03 based on 8,460,187 common shares"
    assert (c.basis_outstanding, c.basis_as_of) == (8460187, dt.date(2003, 5, 19))
    assert c.field_sources["basis_outstanding"].quote.endswith("common shares")
    [c] = _read(_page("X LLC")).cover_pages
    assert (c.basis_outstanding, c.basis_as_of) == (None, None)
