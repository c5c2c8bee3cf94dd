"""The values Items state (issue 12): "not applicable", 13G Item 3's kinds of institution,
Item 5's "5 percent or less" box, the issuer's address of Item 1(b), the 13D cover's
"previously filed on Schedule 13G" box; in the record, in RDF with their source spans, and
conforming to the shapes. Crafted text for each rule; golden values from real filings,
checked by hand against the documents."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, URIRef

from ownergraph.graph.build import build_graph
from ownergraph.loaders import load_file
from ownergraph.loaders.sections.item_values import (
    box_state,
    checked_institutions,
    five_percent_box,
    institution,
    is_not_applicable,
    issuer_address_span,
    item_titles,
    previously_filed_box,
    statement,
)
from ownergraph.loaders.sections.items import find_items, parse_items
from ownergraph.loaders.sections.mentions import Context
from ownergraph.ontology import OG, shapes_graph
from ownergraph.record import Address, Filing, Item
from tests.records import one_company

from .corpus import SHARED, corpus_file

CORPUS_2026 = SHARED / "corpus-2026" / "filings"


def corpus_2026_file(name: str) -> Path:
    if not CORPUS_2026.is_dir():
        pytest.skip(f"../shared/corpus-2026 is absent (looked for {CORPUS_2026})")
    path = CORPUS_2026 / name
    if not path.is_file():
        pytest.fail(f"corpus-2026 file {name} is missing from {CORPUS_2026}")
    return path


def item(f: Filing, number: str) -> Item:
    found = [i for i in f.items if i.number == number]
    assert len(found) == 1, [i.number for i in f.items]
    return found[0]


def issuer_office(f: Filing) -> Address:
    assert f.issuer is not None
    offices = [a for a in f.entities[f.issuer].addresses if a.kind == "principal office"]
    assert offices, f.entities[f.issuer].addresses
    return offices[0]


# -- the rules, on crafted text ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Not applicable.", True),
        ("N/A", True),
        ("  NOT APPLICABLE\n\n4", True),  # a page number left behind
        ("None.", True),
        ("Inapplicable", True),
        ("See Item 2(a).", False),
        ("Not applicable to Reporting Person 2; see Exhibit A", False),
        ("", False),
    ],
)
def test_not_applicable_is_the_whole_statement(text: str, expected: bool) -> None:
    assert is_not_applicable(text) is expected


def test_statement_drops_the_heading_wrapped_onto_the_body() -> None:
    text = (
        "Identification and Classification of the Subsidiary Which\n"
        "Acquired the Security Being Reported on By the Parent Holding\nCompany     N/A"
    )
    assert statement("7", text) == "N/A"
    assert statement("9", "NOTICE OF DISSOLUTION OF THE GROUP: NOT APPLICABLE") == "NOT APPLICABLE"
    assert statement("5", "Ownership of Five Per Cent or Less of a Class: None") == "None"
    item3 = (
        "If this statement is filed pursuant to §§ 240.13d-1(b) or 240.13d-2(b) or (c),\n"
        "check whether the person filing is a:\n\nNot applicable."
    )
    assert statement("3", item3) == "Not applicable."
    # no heading words: the text is the statement
    assert statement("6", "All shares are held for clients.") == "All shares are held for clients."


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("BD", "broker-dealer"),
        ("BK", "bank"),
        ("IC", "insurance company"),
        ("IV", "investment company"),
        ("IA", "investment adviser"),
        ("EP", "employee benefit plan"),
        ("HC", "parent holding company"),
        ("SA", "savings association"),
        ("CP", "church plan"),
        ("FI", "non-U.S. institution"),
        ("ia", "investment adviser"),
        ("OO", None),
        ("Helikon UK is an investment manager, comparable to Item 3(e)", None),
    ],
)
def test_institution_codes_and_wordings(code: str, label: str | None) -> None:
    assert institution(code) == label


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # box after the letter (EquiTrust 1998 layout)
        (
            "(a) [ ] Broker or Dealer\n(e) [X] Investment Adviser\n(g) [ ] Parent Holding Company",
            ["investment adviser"],
        ),
        # box before the letter (Enable Growth 2007 layout)
        (
            "[ ] (a) Broker or dealer\n[x] (g) A parent holding company or control person",
            ["parent holding company"],
        ),
        # boxes, no letters (BlackRock layout)
        (
            "[ ] Broker or dealer registered\n[X] A parent holding company or control person",
            ["parent holding company"],
        ),
        # Wingdings boxes as converted from HTML
        ("(a) \u00a8 Broker or dealer\n(b) \u00fe Bank as defined in section 3(a)(6)", ["bank"]),
        (
            "(a) \u2610 Broker or dealer\n(j) \u2612 A non-U.S. institution in accordance",
            ["non-U.S. institution"],
        ),
        # every box empty
        ("(a) [ ] Broker or dealer\n(e) [ ] An investment adviser", []),
        # no boxes: a few lettered statements
        ("TYPE OF PERSON:  (g) PARENT HOLDING COMPANY", ["parent holding company"]),
        (
            "(e) Perry Corp. is an investment adviser registered.\n(g) Mr. Perry is a control person.",
            ["investment adviser", "parent holding company"],
        ),
        # no boxes, the whole list of options: the boxes were lost, nothing is stated
        (
            "(a) Broker or dealer\n(b) Bank\n(c) Insurance company\n(d) Investment company\n(e) An investment adviser",
            [],
        ),
        # one sentence
        (
            "This statement is being filed pursuant to Rule 13d-1. An investment adviser in accordance with §240.13d-1(b)(1)(ii)(E).",
            ["investment adviser"],
        ),
        ("Not applicable.", []),
    ],
)
def test_item_3_checked_boxes(text: str, expected: list[str]) -> None:
    assert checked_institutions(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[X]", True),
        ("[ x ]", True),
        ("/X/", True),
        ("\u2612", True),
        ("[ ]", False),
        ("[_]", False),
        ("/ /", False),
        ("|_|", False),
        ("\u2610", False),
        ("none here", None),
    ],
)
def test_box_state(text: str, expected: bool | None) -> None:
    assert box_state(text) is expected


def test_five_percent_box() -> None:
    text = "Item 5. If ... ceased to be the beneficial owner of more than 5 percent ..., check the following: [X]"
    found = five_percent_box(text, 0, len(text))
    assert found is not None and found[0] is True
    assert text[found[1] : found[2]] == "check the following: [X]"
    assert five_percent_box("Item 5. Not applicable.", 0, 23) is None


def test_previously_filed_box_reads_checked_and_unchecked() -> None:
    unchecked = (
        "If the filing person has previously filed a statement on Schedule 13G to report\n"
        "the acquisition which is the subject of this Schedule 13D, and is filing this\n"
        "schedule because of Rule 13d-1(b)(3) or (4), check the following box / /.\n"
    )
    found = previously_filed_box(unchecked, len(unchecked))
    assert found is not None and found[0] is False
    assert unchecked[found[1] : found[2]].endswith("following box / /")
    checked = unchecked.replace("/ /", "[X]")
    assert previously_filed_box(checked, len(checked))[0] is True  # type: ignore[index]
    # a filing that does not print the box says nothing
    assert previously_filed_box("SCHEDULE 13D\nItem 1. Security and Issuer", 40) is None


def test_issuer_address_after_its_caption_and_rule() -> None:
    text = (
        "Item 1(b) Address of issuer's principal executive offices:\n"
        "---------------------------------------------------------\n\n"
        "21823 30TH DRIVE SE SUITE\nBOTHELL WA 98021\n\nItem 2(a) Name of person filing:"
    )
    span = issuer_address_span(text, 0, len(text))
    assert span is not None
    assert text[span[0] : span[1]] == "21823 30TH DRIVE SE SUITE\nBOTHELL WA 98021"


def test_text_items_fill_the_record_with_sources() -> None:
    text = (
        "Item 1(a). Name of Issuer: Acme Corp\n"
        "Item 1(b). Address of Issuer's Principal Executive Offices:\n  1 Main Street\n  Springfield, IL 62701\n\n"
        "Item 2(a). Name of Person Filing: Beta Advisers LLC\n"
        "Item 3. If this statement is filed pursuant to Rule 13d-1(b), check whether the person filing is a:\n"
        "(a) [ ] Broker or dealer\n(e) [X] An investment adviser\n"
        "Item 5. Ownership of 5 Percent or Less of a Class.\nIf ... check the following [X].\n"
        "Item 6. Ownership of More than 5 Percent on Behalf of Another Person.\nClients of Beta own the shares.\n"
        "Item 8. Identification and Classification of Members of the Group.\nNot applicable.\n"
    )
    f = one_company("SC 13G", "acme", "Acme Corp")
    f.issuer = "acme"
    ctx = Context(text, f)
    parse_items(ctx)
    i3, i5, i6, i8 = (item(f, n) for n in ("3", "5", "6", "8"))
    assert i3.institution_types == ["investment adviser"]
    assert i3.not_applicable is False
    assert i5.five_percent_or_less is True
    assert i5.field_sources["five_percent_or_less"].quote == "check the following [X]"
    assert (i6.not_applicable, i8.not_applicable) == (False, True)
    assert "Not applicable." in i8.field_sources["not_applicable"].quote
    office = issuer_office(f)
    assert office.text == "1 Main Street, Springfield, IL 62701"
    assert office.source is not None and office.source.section == "Item 1(b)"
    assert text[office.source.start : office.source.end] == "1 Main Street\n  Springfield, IL 62701"  # type: ignore[misc]


def test_13d_items_are_not_read_as_13g_values() -> None:
    text = "Item 3. Source and Amount of Funds\nPersonal funds.\nItem 6. Contracts\nNone.\n"
    f = Filing(form="SC 13D", schedule="13D")
    parse_items(Context(text, f))
    assert item(f, "3").not_applicable is None and item(f, "3").institution_types == []
    assert item(f, "6").not_applicable is True


def test_titles_come_from_the_table() -> None:
    from ownergraph.loaders.formats.xml_base import ITEM_TITLES_13D, ITEM_TITLES_13G

    assert item_titles("13G") == ITEM_TITLES_13G
    assert sorted(ITEM_TITLES_13G, key=int) == [str(n) for n in range(1, 11)]
    assert sorted(ITEM_TITLES_13D, key=int) == [str(n) for n in range(1, 8)]
    assert ITEM_TITLES_13D["4"] == "Purpose of Transaction"
    assert ITEM_TITLES_13G["9"] == "Notice of Dissolution of Group"


# -- golden values: real structured XML (corpus-2026) ---------------------------------------


def test_golden_xml_jpmorgan_lamb_weston() -> None:
    """JPMorgan Chase & Co. on Lamb Weston, 2026: Item 3 HC; Items 6, 8, 9 say "Not
    Applicable" under notApplicableFlag N; Item 7 lists three subsidiaries."""
    f = load_file(
        corpus_2026_file("friedmanRE__SCHEDULE13G__2026__0000019617-26-000026.primary_doc.xml")
    )
    office = issuer_office(f)
    assert (office.street, office.city, office.region, office.postal_code, office.country) == (
        "599 S. Rivershore Lane",
        "Eagle",
        "ID",
        "83616",
        "US",
    )
    assert item(f, "3").institution_types == ["parent holding company"]
    assert item(f, "3").not_applicable is False
    assert item(f, "3").field_sources["institution_types"].quote == "HC"
    assert (item(f, "5").not_applicable, item(f, "5").five_percent_or_less) == (True, False)
    assert item(f, "6").not_applicable is True
    assert item(f, "6").field_sources["not_applicable"].quote == "Not Applicable"
    assert item(f, "7").not_applicable is False
    assert "J.P. Morgan Securities LLC" in item(f, "7").text
    assert (item(f, "8").not_applicable, item(f, "9").not_applicable) == (True, True)


def test_golden_xml_point72_kalvista() -> None:
    """Point72 on KalVista, 2026 (Rule 13d-1(c)): Item 3 not applicable, the Item 5 box
    checked (4.9%), Item 6 "See Item 2(a).", Items 7-9 not applicable."""
    f = load_file(
        corpus_2026_file("friedmanRE__SCHEDULE13G__2026__0000902664-26-000176.primary_doc.xml")
    )
    office = issuer_office(f)
    assert (office.street, office.city, office.region, office.postal_code) == (
        "200 CROSSING BOULEVARD",
        "FRAMINGHAM",
        "MA",
        "01702",
    )
    assert (item(f, "3").not_applicable, item(f, "3").institution_types) == (True, [])
    assert (item(f, "5").not_applicable, item(f, "5").five_percent_or_less) == (False, True)
    assert item(f, "5").field_sources["five_percent_or_less"].section == (
        "Item 5, classOwnership5PercentOrLess"
    )
    assert item(f, "6").not_applicable is False
    assert item(f, "6").text == "See Item 2(a)."
    assert [item(f, n).not_applicable for n in "789"] == [True, True, True]


def test_golden_xml_franklin_palisade() -> None:
    """Franklin Resources on Palisade Bio, 2026: two typeOfPersonFiling elements (IA, HC),
    Item 7 "See Attached Exhibit C", Item 5 not applicable with no box stated."""
    f = load_file(
        corpus_2026_file("friedmanRE__SCHEDULE13G__2026__0000038777-26-000014.primary_doc.xml")
    )
    office = issuer_office(f)
    assert (office.street, office.city, office.region, office.postal_code) == (
        "1902 Wright Place, Suite 200",
        "Carlsbad",
        "CA",
        "92008",
    )
    assert item(f, "3").institution_types == ["investment adviser", "parent holding company"]
    assert (item(f, "5").not_applicable, item(f, "5").five_percent_or_less) == (True, None)
    assert item(f, "7").not_applicable is False
    assert item(f, "7").text == "See Attached Exhibit C"
    assert [item(f, n).not_applicable for n in "89"] == [True, True]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("edgartools__SCHEDULE13D_xml__BML_Investment__Aadi_Bioscience.xml", True),
        ("jfriedman__SCHEDULE13D-A_xml__Gebbia_family__Siebert_Financial__Amdt28.xml", False),
    ],
)
def test_golden_xml_previously_filed_flag(name: str, expected: bool) -> None:
    f = load_file(corpus_file(name))
    assert f.previously_filed is expected
    assert f.field_sources["previously_filed"].section == "previouslyFiledFlag"


# -- golden values: real text and HTML (corpus) -----------------------------------------------


def test_golden_text_jp_morgan_neozyme_1995() -> None:
    """J.P. Morgan on Neozyme II, 1995 (text): "ITEM 3 TYPE OF PERSON: (g) PARENT HOLDING
    COMPANY"; Item 5 "Not Applicable" on its heading line; Items 8 and 9 not applicable."""
    f = load_file(
        corpus_file(
            "orgron__SC13G-A__19950110__0000068100-95-000016__MORGAN_J_P_CO_INC__NEOZYME_CORP.txt"
        )
    )
    assert issuer_office(f).text == "One Kendall Square, Cambridge, Massachusetts  02139"
    assert item(f, "3").institution_types == ["parent holding company"]
    assert item(f, "5").not_applicable is True
    assert item(f, "5").five_percent_or_less is None
    assert [item(f, n).not_applicable for n in "6789"] == [False, False, True, True]


def test_golden_text_equitrust_matrix_1998() -> None:
    """EquiTrust on Matrix Service, 1998 (text): box (e) Investment Adviser checked, the
    Item 5 box empty, Items 7-9 "N/A" (Item 7's heading wrapped over three lines)."""
    f = load_file(
        corpus_file(
            "orgron__SC13G-A__19981001__0000728974-98-000014__EQUITRUST_INVESTMENT_MANAGEMEN__MATRIX_SERVICE_CO.txt"
        )
    )
    assert issuer_office(f).text == "10701 East Ute Street, Tulsa, OK 74116-1517"
    assert item(f, "3").institution_types == ["investment adviser"]
    assert (item(f, "5").not_applicable, item(f, "5").five_percent_or_less) == (False, False)
    assert item(f, "5").field_sources["five_percent_or_less"].quote == "check the following [ ]"
    assert [item(f, n).not_applicable for n in "6789"] == [False, True, True, True]


def test_golden_html_musk_tesla_2011() -> None:
    """Elon Musk on Tesla Motors, 2011 (HTML): every Item 3 box empty (Wingdings), the
    Item 5 box empty, Items 6-9 "Not applicable."."""
    f = load_file(
        corpus_file("datamule__SC13G__Elon_Musk__Tesla_Motors__000119312511023336__dsc13g.htm")
    )
    assert issuer_office(f).text == "3500 Deer Creek Road, Palo Alto, CA 94304"
    assert item(f, "3").institution_types == []
    assert item(f, "5").five_percent_or_less is False
    assert [item(f, n).not_applicable for n in "6789"] == [True, True, True, True]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "orgron__SC13D-A__20151228__0000902664-15-004619__LionEye_Capital_Management_LLC__FAMOUS_DAVES_OF_AMERICA_INC.txt",
            True,
        ),
        (
            "orgron__SC13D-A__19940210__0000950144-94-000357__WACHOVIA_CORP_NC__HANNA_M_A_CO_DE.txt",
            False,
        ),
    ],
)
def test_golden_text_previously_filed_box(name: str, expected: bool) -> None:
    f = load_file(corpus_file(name))
    assert f.previously_filed is expected
    quote = f.field_sources["previously_filed"].quote
    assert "previously filed a statement on Schedule 13G" in " ".join(quote.split())


# -- RDF and shapes ------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _shapes() -> Graph:
    return shapes_graph()


def test_rdf_of_item_values_with_sources_conforms() -> None:
    f = load_file(
        corpus_2026_file("friedmanRE__SCHEDULE13G__2026__0000038777-26-000014.primary_doc.xml")
    )
    _name, g = build_graph(f)
    items = {str(g.value(s, OG.itemNumber)): s for s in g.subjects(OG.itemNumber, None)}
    i3, i5 = items["3"], items["5"]
    assert {str(o) for o in g.objects(i3, OG.institutionType)} == {
        "investment adviser",
        "parent holding company",
    }
    assert g.value(i5, OG.notApplicable).toPython() is True  # type: ignore[union-attr]
    facts = {g.value(s, OG.fact) for s in g.objects(i3, OG.source)}
    assert OG.institutionType in facts and OG.notApplicable in facts
    addresses = list(g.subjects(OG.postalCode, None))
    assert any(str(g.value(a, OG.city)) == "Carlsbad" for a in addresses)
    conforms, _, text = validate(g, shacl_graph=_shapes(), allow_warnings=True)
    assert conforms, text


def test_rdf_previously_filed_conforms() -> None:
    f = load_file(corpus_file("edgartools__SCHEDULE13D_xml__BML_Investment__Aadi_Bioscience.xml"))
    name, g = build_graph(f)
    assert g.value(URIRef(name), OG.previouslyFiled13G).toPython() is True  # type: ignore[union-attr]
    spans = [
        s
        for s in g.objects(URIRef(name), OG.source)
        if g.value(s, OG.fact) == OG.previouslyFiled13G
    ]
    assert spans and str(g.value(spans[0], OG.quote)) == "true"
    conforms, _, text = validate(g, shacl_graph=_shapes(), allow_warnings=True)
    assert conforms, text


def test_instructions_and_page_furniture_are_not_statements() -> None:
    instruction_only = (
        "Identification and Classification of Members of the Group\n\n"
        "If a group has filed this schedule pursuant to Rule 13d-1(b)(ii)(J),\n"
        "so indicate under Item 3(j) and attach an exhibit stating the identity\n"
        "and Item 3 classification of each member of the group. If a group\n"
        "has filed this schedule pursuant to Rule 13d-1(c) or Rule 13d-1(d),\n"
        "attach an exhibit stating the identity of each member of the group.\n"
    )
    assert statement("8", instruction_only) == ""
    assert statement(
        "9", "Notice of Dissolution of Group.\n  NOT APPLICABLE\n\nCUSIP No. 03662X100   13G"
    ) == ("NOT APPLICABLE")
    assert is_not_applicable("This Item 9 is not applicable.")
    # Item 5's box is its statement: the instruction goes, the box stays
    five = "If this statement is being filed to report the fact that as of the date hereof ... check the following [ ]."
    assert statement("5", five) == "[ ]."


def test_text_item_stating_only_the_instructions_says_nothing() -> None:
    text = (
        "Item 8. Identification and Classification of Members of the Group\n\n"
        "If a group has filed this schedule pursuant to Rule 13d-1(c), attach an exhibit\n"
        "stating the identity of each member of the group.\n"
        "Item 9. Notice of Dissolution of Group\nThis Item 9 is not applicable.\n"
    )
    f = Filing(form="SC 13G", schedule="13G")
    parse_items(Context(text, f))
    assert item(f, "8").not_applicable is None
    assert "not_applicable" not in item(f, "8").field_sources
    assert item(f, "9").not_applicable is True


def test_golden_text_royce_2007_item_9_before_a_running_head() -> None:
    """Royce & Associates, 2007 (text): Item 9 "NOT APPLICABLE" followed by the page's
    running head "CUSIP No. 03662X100   13G"."""
    f = load_file(
        corpus_file(
            "orgron__SC13G-A__20070117__0000906304-07-000021__ROYCE_ASSOCIATES_LLC__Answers_CORP.txt"
        )
    )
    assert item(f, "9").not_applicable is True
    assert item(f, "3").institution_types == ["investment adviser"]


def test_capital_sub_item_letters_open_items() -> None:
    """ "ITEM 1(A)." with a capital letter opens Item 1 as "Item 1(a)." does."""
    text = (
        "ITEM 1(A).\tNAME OF ISSUER\n\t\tAcme Corp\n"
        "ITEM 1(B).\tADDRESS OF ISSUER'S PRINCIPAL EXECUTIVE OFFICES\n\t\t1 Main St\n"
        "ITEM 2(A).\tNAME OF PERSON(S) FILING\n\t\tAlpha LP\n"
    )
    assert [(s.number, s.title) for s in find_items(text)] == [
        ("1", "NAME OF ISSUER"),
        ("2", "NAME OF PERSON(S) FILING"),
    ]


def test_golden_text_barclays_cherokee_2009() -> None:
    """Barclays Global Investors on Cherokee, 2009 (text), Items headed "ITEM 1(B).": the
    issuer's office is "6835 Valjean Ave / Van Nuys, CA 91406-4713" (checked by hand)."""
    f = load_file(
        corpus_file(
            "orgron__SC13G__20090205__0000913414-09-003235__BARCLAYS_GLOBAL_INVESTORS_NA_C__CHEROKEE_INC.txt"
        )
    )
    assert [i.number for i in f.items][:2] == ["1", "2"]
    assert issuer_office(f).text == "6835 Valjean Ave, Van Nuys, CA 91406-4713"
