"""Golden officer/director roles from a Schedule A table (loaders/officers.py)."""

from __future__ import annotations

from ownergraph import api
from ownergraph.loaders import load_file

from .corpus import corpus_file

VIRGIN = (
    "orgron__SC13D__20191104__0001193125-19-283454__Vieco_USA_Inc__Virgin_Galactic_Holdings_Inc.txt"
)


def test_virgin_galactic_schedule_a_roles() -> None:
    """Schedule A lists, per reporting company, name, occupation, business address and
    citizenship; Vieco USA, Inc.'s table starts with these three rows (read by hand)."""
    f = load_file(corpus_file(VIRGIN))
    roles = [r for r in f.roles if (r.section or "").lower().startswith("schedule a")]
    assert len(roles) == 20
    first = [
        (f.entities[r.person].name, f.entities[r.organization].name, r.title)
        for r in roles[:3]
        if r.organization is not None
    ]
    assert first == [
        ("Evan Lovell", "Vieco USA, Inc.", "Chief Investment Officer, Virgin Group"),
        ("James Cahillane", "Vieco USA, Inc.", "U.S. General Counsel, Virgin Group"),
        ("Harold Brunink", "Vieco USA, Inc.", "U.S. Assistant General Counsel, Virgin Group"),
    ]
    lovell = f.entities[roles[0].person]
    assert lovell.citizenship is not None and lovell.citizenship.code == "US"
    assert any(
        a.text == "65 Bleecker Street, 6th Floor, New York, NY 10012" for a in lovell.addresses
    )
    for r in roles:
        assert r.source is not None and r.source.quote.strip()


def test_virgin_galactic_officers_query() -> None:
    store = api.open_store(None)
    assert not api.load_paths(store, [corpus_file(VIRGIN)]).failed
    rows = api.run_query(store, "officers", {"person": "Evan Lovell"}).rows
    orgs = {str(r["organization"]) for r in rows}
    assert "Vieco USA, Inc." in orgs and "Vieco 10 Limited" in orgs


# --- more layouts: space-aligned 1990s text, multi-line rows, prose lists -------------

import re  # noqa: E402

from ownergraph.loaders.sections.mentions import Context  # noqa: E402
from ownergraph.loaders.sections.officers import parse_officers  # noqa: E402
from ownergraph.record import EntityKind, Filing, Role  # noqa: E402

from .corpus import corpus_files, require_corpus  # noqa: E402

MITSUI = (
    "orgron__SC13D-A__19940323__0000950123-94-000564__MITSUI_CO_LTD__AIRBORNE_FREIGHT_CORP_DE.txt"
)
MOTIENT = "orgron__SC13D__20010524__0000913665-01-500031__MOTIENT_CORP__RARE_MEDIUM_GROUP_INC.txt"
NOONDAY = "orgron__SC13D-A__20080623__0001313250-08-000037__Noonday_Asset_Management_L_P__MOLDFLOW_CORP.txt"
ICAHN = (
    "orgron__SC13D__20210211__0000928464-21-000036__ICAHN_CARL_C__Bausch_Health_Companies_Inc.txt"
)
KEY_COLONY = "orgron__SC13D__20000218__0000930661-00-000395__KEY_COLONY_FUND_LP__INTERNATIONAL_AIRCRAFT_INVESTO.txt"
MONEYGRAM = (
    "orgron__SC13D-A__20120221__0000909518-12-000080__THOMAS_H_LEE_ADVISORS_LLC__"
    "MONEYGRAM_INTERNATIONAL_INC.txt"
)
_LIST_SECTION = re.compile(r"^(?:Schedule|Annex|Appendix|Exhibit) ")


def _listed(f: Filing) -> list[Role]:
    return [r for r in f.roles if _LIST_SECTION.match(r.section or "")]


def _rows(f: Filing, roles: list[Role]) -> list[tuple[str, str | None, str, str | None]]:
    out = []
    for r in roles:
        e = f.entities[r.person]
        org = f.entities[r.organization].name if r.organization else None
        out.append((e.name, org, r.title, e.citizenship.code if e.citizenship else None))
    return out


def _check_people(f: Filing, roles: list[Role]) -> None:
    for r in roles:
        e = f.entities[r.person]
        assert r.source is not None and r.source.quote
        assert not re.match(r"(?i)name|citizenship|united states|present|directors?\b", e.name)
        if e.kind == EntityKind.PERSON:
            assert e.family_name, e.name


def test_mitsui_appendices_space_aligned_two_line_titles() -> None:
    """1994 text: 'Name / Positions with Mitsui-Japan (Principal Occupation)' columns aligned
    by spaces, the title running onto the next line; one appendix per company; 'Each of the
    foregoing individuals is a Japanese citizen' below each list (read by hand)."""
    f = load_file(corpus_file(MITSUI))
    roles = _listed(f)
    assert len(roles) == 82
    assert {r.section for r in roles} == {"Appendix A", "Appendix B", "Appendix C"}
    assert _rows(f, roles[:3]) == [
        (
            "Koichiro Ejiri",
            "Mitsui & Co., Ltd.",
            "Chairman of the Board of Directors and Representative Director",
            "JP",
        ),
        ("Naohiko Kumagai", "Mitsui & Co., Ltd.", "President and Representative Director", "JP"),
        (
            "Akira Utsumi",
            "Mitsui & Co., Ltd.",
            "Executive Vice President and Representative Director",
            "JP",
        ),
    ]
    assert roles[1].kinds == ["president", "director", "officer"]
    ejiri = f.entities[roles[0].person]
    assert (ejiri.kind, ejiri.given_name, ejiri.family_name) == (
        EntityKind.PERSON,
        "Koichiro",
        "Ejiri",
    )
    # Appendix B: "Name and Title" with the title written under the name
    takada = [r for r in roles if f.entities[r.person].name == "Seiichi Takada"]
    assert [(f.entities[r.organization].name, r.title) for r in takada if r.organization] == [
        ("Intermodal Terminal Inc.", "President and Director")
    ]
    _check_people(f, roles)


def test_motient_schedule_i_name_and_address_column() -> None:
    """Schedule I: 'Name and Business Address' with the address under the name, two groups
    (DIRECTORS OF MOTIENT, EXECUTIVE OFFICERS OF MOTIENT); citizenship stated in Item 2."""
    f = load_file(corpus_file(MOTIENT))
    roles = _listed(f)
    assert len(roles) == 11
    assert _rows(f, roles[:3]) == [
        ("Billy J. Parrott", "Motient Corporation", "Director", "US"),
        ("Gary M. Parsons", "Motient Corporation", "Director", "US"),
        ("Walter V. Purnell", "Motient Corporation", "Director", "US"),
    ]
    assert roles[0].occupation == "President and Chief Executive Officer, Antifire, Inc."
    parrott = f.entities[roles[0].person]
    assert [a.text for a in parrott.addresses] == [
        "Antifire, Inc., 276 Fifth Avenue, Suite 301, New York, NY, 10001"
    ]
    snell = [r for r in roles if f.entities[r.person].name == "W. Bartlett Snell"]
    assert [(r.title, r.kinds) for r in snell] == [
        ("Senior Vice President and Chief Financial Officer", ["vice president", "cfo", "officer"])
    ]
    _check_people(f, roles)


def test_noonday_annex_managing_members_prose_lists() -> None:
    """Annex 1 names each entity under '(a)' and its people as 'Managing Members: A, B and
    C' or 'A, Senior Managing Member; B, ..., Managing Members.'"""
    f = load_file(corpus_file(NOONDAY))
    roles = _listed(f)
    assert len(roles) == 34
    assert _rows(f, roles[:3]) == [
        ("David I. Cohen", "Noonday G.P. (U.S.), L.L.C.", "Managing Member", "US"),
        ("Saurabh K. Mittal", "Noonday G.P. (U.S.), L.L.C.", "Managing Member", "IN"),
        ("Andrew J. M. Spokes", "Noonday G.P. (U.S.), L.L.C.", "Managing Member", "GB"),
    ]
    steyer = [
        (f.entities[r.organization].name, r.title)
        for r in roles
        if f.entities[r.person].name == "Thomas F. Steyer" and r.organization
    ]
    assert steyer == [
        ("Farallon Capital Management, L.L.C.", "Senior Managing Member"),
        ("Farallon Partners, L.L.C.", "Senior Managing Member"),
    ]
    for r in roles:
        assert r.source is not None and f.entities[r.person].name.split()[-1] in r.source.quote
    _check_people(f, roles)


def test_icahn_schedule_a_rows() -> None:
    f = load_file(corpus_file(ICAHN))
    roles = [r for r in f.roles if r.section == "Schedule A"]
    assert len(roles) == 50
    assert _rows(f, roles[:3]) == [
        ("Icahn Offshore LP", "Icahn Partners Master Fund LP", "General Partner", "US"),
        ("Carl C. Icahn", "Icahn Partners Master Fund LP", "Chief Executive Officer", "US"),
        ("Keith Cozza", "Icahn Partners Master Fund LP", "Chief Operating Officer", "US"),
    ]
    assert f.entities[roles[0].person].kind != EntityKind.PERSON  # a firm as general partner
    assert f.entities[roles[1].person].kind == EntityKind.PERSON


def test_key_colony_exhibit_a_address_column_one_row_per_company() -> None:
    """Exhibit A: NAME / PRESENT BUSINESS ADDRESS / PRESENT PRINCIPAL OCCUPATION, the
    address over three lines; the same row under 'Directors and executive officers' and
    'Control person' of one company is one role."""
    f = load_file(corpus_file(KEY_COLONY))
    roles = _listed(f)
    assert _rows(f, roles) == [
        ("Alex R. Lieblong", "Key Colony Fund, L.P.", "General Partner", "US-AR"),
        ("Alex R. Lieblong", "Lieblong Transport, Inc.", "President", "US-AR"),
    ]
    lieblong = f.entities[roles[0].person]
    assert "10825 Financial Centre Parkway, Suite 100, Little Rock, Arkansas 72221" in [
        a.text for a in lieblong.addresses
    ]


def test_moneygram_has_no_officer_list() -> None:
    """The THL MoneyGram 13D/A restates Items 5-7 only: no schedule of officers, so no
    schedule roles and nobody made up from headers."""
    f = load_file(corpus_file(MONEYGRAM))
    assert _listed(f) == []
    names = {e.name.lower() for e in f.entities.values() if e.kind == EntityKind.PERSON}
    assert not names & {"name", "citizenship", "united states", "title"}


def test_header_and_boilerplate_lines_are_no_people() -> None:
    text = (
        "SCHEDULE A\n\nDIRECTORS AND EXECUTIVE OFFICERS OF ACME HOLDINGS INC.\n\n"
        "     Name, Business Address\n"
        "         and Citizenship           Present Principal Occupation\n"
        "     ----------------------        ----------------------------\n"
        "     Jane Q. Doe                   Director, President of\n"
        "     12 Main Street                Acme Holdings Inc.\n"
        "     Reston, VA  20191\n\n"
        "     United States                 Citizenship\n\n"
        "     Treasurer and                 Secretary\n\n"
        "     John R. Roe                   Chief Financial Officer\n\n"
        "     Each of the foregoing individuals is a citizen of the United States.\n"
    )
    f = Filing(form="SC 13D", schedule="13D")
    ctx = Context(text, f)
    parse_officers(ctx)
    people = [(f.entities[r.person].name, r.title) for r in f.roles]
    assert people == [
        ("Jane Q. Doe", "Director, President of Acme Holdings Inc."),
        ("John R. Roe", "Chief Financial Officer"),
    ]
    doe = f.entities[f.roles[0].person]
    assert f.entities[f.roles[0].organization].name == "ACME HOLDINGS INC."
    assert [a.text for a in doe.addresses] == ["12 Main Street, Reston, VA, 20191"]
    assert doe.citizenship is not None and doe.citizenship.code == "US"
    for r in f.roles:
        assert r.source is not None
        assert text[r.source.start : r.source.end] == r.source.quote


# filings whose officer list is not in the submission or is no officer list at all
NO_LIST = {
    "KEYCORP__SOCIETY_CORP": "Appendix I is listed in Item 7 but not filed with this amendment",
    "HAPPY_KIDS": "Schedules A/I of the exhibits list shareholders and management investors",
    "WESMAR_PARTNERS": "no list; officers only named in prose of Item 5 ('X, a director of Y')",
    "Sinclair_Companies": "no list; Schedule A/I are escrow and unitholder schedules of exhibits",
}


# the corpus filings with a Schedule A/I, Annex, Appendix or "executive officers and
# directors" section (the 19 of the issue, found by hand, plus Citicorp and Noonday's Annex 1)
WITH_LIST = [
    "CITICORP__ALEXANDERS",
    "MITSUI_CO_LTD__AIRBORNE",
    "TIME_WARNER_INC__ATARI",
    "FMR_CORP__BROOKSTONE",
    "Noonday_Asset_Management_L_P__MOLDFLOW",
    "Bank_Otk__QIWI",
    "ALTRIA_GROUP_INC__Cronos",
    "THORN_AMERICAS_INC__ADVANTAGE",
    "KEY_COLONY_FUND_LP__INTERNATIONAL",
    "MOTIENT_CORP__RARE_MEDIUM",
    "BARAN_GROUP_LTD__O2WIRELESS",
    "Vieco_USA_Inc__Virgin_Galactic",
    "ICAHN_CARL_C__Bausch_Health",
    "RIO_TINTO_PLC__Western_Copper",
    "FIG_Buyer_GP_LLC__ATI_Physical",
    "BANK_OF_AMERICA_CORP_DE__PIMCO",
]


def test_measure_filings_with_officer_sections_yield_roles() -> None:
    """Measurement (printed with -s): of the filings with an officer section, how many
    yield roles; the four of the issue's list that cannot are pinned with the reason."""
    require_corpus()
    names = [p.name for p in corpus_files(".txt", ".nc")]
    found = {k: [n for n in names if k in n] for k in [*WITH_LIST, *NO_LIST]}
    assert all(len(v) == 1 for v in found.values()), found
    yielding = [k for k in WITH_LIST if _listed(load_file(corpus_file(found[k][0])))]
    empty = [k for k in NO_LIST if _listed(load_file(corpus_file(found[k][0])))]
    total = len(WITH_LIST) + len(NO_LIST)
    print(f"\nofficer sections: {total} filings, yielding roles: {len(yielding)}")
    for k, why in NO_LIST.items():
        print(f"  no roles: {k}: {why}")
    assert yielding == WITH_LIST
    assert empty == []  # nobody invented where there is no list
