"""HTML documents to filing text (loaders/htmltext.py) and the HTML loader (loaders/html.py).

Unit tests read small inline HTML; golden tests read real filings from ../shared/corpus
and pin the cover rows (and, where the cover reader reads them, the CoverPage values)
checked by reading each document.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from ownergraph.errors import LoadError
from ownergraph.loaders.formats import html as html_loader
from ownergraph.loaders.formats.decode import decode
from ownergraph.loaders.formats.htmltext import html_to_text, normalize_checkboxes
from ownergraph.record import Filing

from .corpus import corpus_file

# --------------------------------------------------------------------------- tables


def test_table_rows_are_lines_and_cells_are_tabs() -> None:
    html = (
        "<table>"
        "<tr><td>7</td><td>&nbsp;</td><td>Sole Voting Power</td><td>0</td></tr>"
        "<tr><td>8</td><td>&nbsp;</td><td>Shared Voting Power</td><td>94,415,771</td></tr>"
        "</table>"
    )
    assert html_to_text(html) == "7\tSole Voting Power\t0\n8\tShared Voting Power\t94,415,771"


def test_empty_cells_of_used_columns_are_kept_so_columns_align() -> None:
    html = (
        "<table><tr><th>Name</th><th>Position</th><th>Citizenship</th></tr>"
        "<tr><td>Jane Roe</td><td></td><td>United States</td></tr></table>"
    )
    assert html_to_text(html) == "Name\tPosition\tCitizenship\nJane Roe\t\tUnited States"


def test_line_breaks_inside_a_cell_become_spaces() -> None:
    html = (
        "<table><tr><td>1.</td><td><p>Names of Reporting Persons.</p><p>&nbsp;</p>"
        "<p>Elon R. Musk</p></td></tr></table>"
    )
    assert html_to_text(html) == "1.\tNames of Reporting Persons. Elon R. Musk"


def test_row_spanning_caption_starts_its_row_only() -> None:
    html = (
        "<table>"
        "<tr><td rowspan='2'>Number of Shares Beneficially Owned</td><td>5.</td>"
        "<td>Sole Voting Power 10</td></tr>"
        "<tr><td>6.</td><td>Shared Voting Power 20</td></tr>"
        "</table>"
    )
    assert html_to_text(html) == (
        "Number of Shares Beneficially Owned\t5.\tSole Voting Power 10\n6.\tShared Voting Power 20"
    )


def test_nested_table_rows_are_not_glued_into_one_line() -> None:
    html = (
        "<table><tr><td>NUMBER OF SHARES</td><td>"
        "<table><tr><td>7</td><td>SOLE VOTING POWER</td><td>0</td></tr>"
        "<tr><td>8</td><td>SHARED VOTING POWER</td><td>5</td></tr></table>"
        "</td></tr></table>"
    )
    assert html_to_text(html) == (
        "NUMBER OF SHARES\t7\tSOLE VOTING POWER\t0\n8\tSHARED VOTING POWER\t5"
    )


def test_single_row_nested_table_stays_inline() -> None:
    html = (
        "<table><tr><td>2</td><td>CHECK THE BOX</td><td>"
        "<table><tr><td>(a) &#9744;</td><td>(b) &#9746;</td></tr></table>"
        "</td></tr></table>"
    )
    assert html_to_text(html) == "2\tCHECK THE BOX\t(a) [ ] (b) [X]"


def test_layout_table_around_a_page_keeps_its_paragraphs() -> None:
    paras = "".join(f"<p>Paragraph {i} " + "word " * 40 + "</p>" for i in range(6))
    text = html_to_text(f"<table><tr><td>{paras}</td></tr></table>")
    assert text.count("\n\n") == 5
    assert text.startswith("Paragraph 0 word")


def test_wrapped_cover_row_continues_in_rows_of_its_own() -> None:
    # Word-style covers: the caption wraps, the value and the boxes stand in rows below
    html = (
        "<table>"
        "<tr><td>1.</td><td colspan='3'>NAME OF REPORTING PERSONS</td></tr>"
        "<tr><td></td><td colspan='3'>Eric S. Sprott</td></tr>"
        "<tr><td>2.</td><td colspan='3'>CHECK THE APPROPRIATE BOX IF A MEMBER OF A GROUP</td></tr>"
        "<tr><td></td><td></td><td>(a)</td><td>&#9744;</td></tr>"
        "<tr><td></td><td></td><td>(b)</td><td>&#9746;</td></tr>"
        "<tr><td>8.</td><td colspan='3'>SHARED VOTING POWER</td></tr>"
        "<tr><td></td><td colspan='3'>0</td></tr>"
        "</table>"
    )
    assert html_to_text(html).split("\n") == [
        "1.\tNAME OF REPORTING PERSONS Eric S. Sprott",
        "2.\tCHECK THE APPROPRIATE BOX IF A MEMBER OF A GROUP (a) [ ] (b) [X]",
        "8.\tSHARED VOTING POWER 0",
    ]


def test_rows_below_an_unnumbered_row_are_not_merged() -> None:
    html = (
        "<table><tr><td>By:</td><td>/s/ Jane Roe</td></tr>"
        "<tr><td></td><td>Name: Jane Roe</td></tr>"
        "<tr><td></td><td>Title: Director</td></tr></table>"
    )
    assert html_to_text(html) == "By:\t/s/ Jane Roe\n\tName: Jane Roe\n\tTitle: Director"


def test_officer_table_is_one_line_per_person() -> None:
    html = (
        "<p>SCHEDULE A</p><table>"
        "<tr><td><b>Name</b></td><td></td><td><b>Position</b></td><td></td>"
        "<td><b>Principal Occupation</b></td><td></td><td><b>Citizenship</b></td><td></td>"
        "<td><b>Business Address</b></td></tr>"
        "<tr><td>Jakob Stausholm</td><td></td><td>Director</td><td></td>"
        "<td>Chief Executive,<br>Rio Tinto</td><td></td><td>Denmark</td><td></td>"
        "<td>6 St James&#8217;s Square<br>London SW1Y 4AD</td></tr>"
        "</table>"
    )
    assert html_to_text(html).split("\n") == [
        "SCHEDULE A",
        "",
        "Name\tPosition\tPrincipal Occupation\tCitizenship\tBusiness Address",
        "Jakob Stausholm\tDirector\tChief Executive, Rio Tinto\tDenmark\t"
        "6 St James\u2019s Square London SW1Y 4AD",
    ]


# --------------------------------------------------------------------------- blocks


def test_blocks_make_lines_inline_elements_do_not() -> None:
    html = "<div>Tesla <b>Motors</b>,<i> Inc.</i></div><div>(Name of Issuer)</div><h2>Item 1</h2>x<br>y"
    assert html_to_text(html) == "Tesla Motors, Inc.\n(Name of Issuer)\n\nItem 1\n\nx\ny"


def test_spaces_are_collapsed_and_entities_decoded() -> None:
    html = "<p>A&nbsp;&nbsp;&amp;&#160; B&#8195;C \n\t D &mdash; &#146;s &quot;q&quot;</p>"
    assert html_to_text(html) == 'A & B C D \u2014 \u2019s "q"'


def test_sup_footnote_marks_become_parenthesised() -> None:
    html = (
        "<p>94,415,771<sup>1</sup> shares<sup>(2)</sup>, the 1<sup>st</sup> time"
        '<span style="vertical-align: super">3</span></p>'
    )
    assert html_to_text(html) == "94,415,771 (1) shares (2), the 1st time (3)"


def test_preformatted_text_keeps_its_lines() -> None:
    assert html_to_text("<pre>1  NAME\n   Foo LP\n</pre>") == "1 NAME\nFoo LP"


def test_plain_text_with_sgml_tags_keeps_its_lines() -> None:
    text = "<PAGE>\nSCHEDULE 13D\n\n<TABLE>\n<S>   <C>\n7  SOLE VOTING POWER   0\n</TABLE>\n"
    assert html_to_text(text) == "SCHEDULE 13D\n\n7 SOLE VOTING POWER 0"


# --------------------------------------------------------------------------- checkboxes


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("(a) &#9744; (b) &#9746;", "(a) [ ] (b) [X]"),
        ("(a) \u2610 (b) \u2611", "(a) [ ] (b) [X]"),
        ("\u25a1 Rule 13d-1(b) \u25a0 Rule 13d-1(c)", "[ ] Rule 13d-1(b) [X] Rule 13d-1(c)"),
        (
            '(a) <font face="Wingdings">&#168;</font> (b) <font face="Wingdings">&#120;</font>',
            "(a) [ ] (b) [X]",
        ),
        ('<span style="font-family: Wingdings">o</span> Rule 13d-1(b)', "[ ] Rule 13d-1(b)"),
        ('<font style="FONT-FAMILY:WINGDINGS">&#254;</font> Rule 13d-1(d)', "[X] Rule 13d-1(d)"),
        (
            '<font face="Wingdings 2">&#163;</font> no <font face="Wingdings 2">S</font> yes',
            "[ ] no [X] yes",
        ),
        ("(a) \u00a8 (b) \u00fd", "(a) [ ] (b) [X]"),
        ("(a) o (b) x", "(a) [ ] (b) [X]"),
        ("x Rule 13d-1(b)", "[X] Rule 13d-1(b)"),
        (
            "[ x ] Rule 13d-1(b) [&nbsp;&nbsp;] Rule 13d-1(c) [_] Rule 13d-1(d)",
            "[X] Rule 13d-1(b) [ ] Rule 13d-1(c) [ ] Rule 13d-1(d)",
        ),
        ("/X/ Rule 13d-1(c) / / Rule 13d-1(d)", "[X] Rule 13d-1(c) [ ] Rule 13d-1(d)"),
        ('<input type="checkbox" checked> yes <input type=checkbox> no', "[X] yes [ ] no"),
        ("check the following box o", "check the following box [ ]"),
    ],
)
def test_checkbox_glyphs(html: str, expected: str) -> None:
    assert html_to_text(f"<p>{html}</p>") == expected


def test_lone_box_letter_in_its_own_cell() -> None:
    html = (
        "<table><tr><td>12</td><td>CHECK IF THE AGGREGATE AMOUNT EXCLUDES CERTAIN SHARES</td>"
        "<td>o</td></tr><tr><td>5</td><td>CHECK IF DISCLOSURE IS REQUIRED</td><td>x</td></tr></table>"
    )
    assert html_to_text(html) == (
        "12\tCHECK IF THE AGGREGATE AMOUNT EXCLUDES CERTAIN SHARES\t[ ]\n"
        "5\tCHECK IF DISCLOSURE IS REQUIRED\t[X]"
    )


@pytest.mark.parametrize(
    "prose",
    [
        "a 2 x 3 grid of o rings",
        "(x) any action similar to any of those enumerated above",
        "Mr. Roe owns 5% of Class B",
        "Jos\u00e9 and S\u00f8ren signed",
    ],
)
def test_letters_in_prose_are_not_boxes(prose: str) -> None:
    assert normalize_checkboxes(prose) == prose
    assert html_to_text(f"<p>{prose}</p>") == prose


# --------------------------------------------------------------------------- safety


def test_script_style_head_comments_and_hidden_text_are_dropped() -> None:
    html = (
        "<html><head><title>T</title><style>p {color: red}</style>"
        "<script>alert('x')</script></head><body><!-- secret -->"
        "<p>Visible</p><div style='display: none'>hidden</div>"
        "<p hidden>also hidden</p><span style='VISIBILITY:hidden'>gone</span>"
        "<script type='text/javascript'>document.write('<p>x</p>')</script>"
        "<noscript>enable js</noscript></body></html>"
    )
    assert html_to_text(html) == "Visible"


def test_markup_never_reaches_the_text() -> None:
    html = (
        '<p>Hi<img src=x onerror="alert(1)"><a href="javascript:alert(2)" onclick="x()">link</a>'
        "&lt;script&gt;alert(3)&lt;/script&gt; &lt;img src=x onerror=alert(4)&gt;</p>"
        "<svg><script>alert(5)</script></svg><iframe src='http://example.com'></iframe>"
    )
    text = html_to_text(html)
    assert "<script" not in text.lower()
    assert "<img" not in text.lower()
    assert 'onerror="' not in text
    assert "alert(1)" not in text and "alert(5)" not in text and "javascript" not in text
    assert "<" not in text
    assert text.startswith("Hilink")


def test_no_external_entities_or_network() -> None:
    html = (
        '<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        "<html><body><p>A &xxe; B</p><link rel=stylesheet href='http://127.0.0.1:1/x.css'>"
        "</body></html>"
    )
    text = html_to_text(html)
    assert "root:" not in text
    assert "A" in text and "B" in text


def test_truncated_and_broken_html_is_read() -> None:
    assert html_to_text("<table><tr><td>1</td><td>NAME OF REPORTING PERSON Foo") == (
        "1\tNAME OF REPORTING PERSON Foo"
    )
    assert html_to_text("<p>a</b></i></td><p>b<<<>>> c") == "a\n\nb<<<>>> c"
    assert html_to_text("") == ""
    assert html_to_text("   \n ") == ""
    assert html_to_text("<html><body></body></html>") == ""


def test_deep_nesting_and_bad_spans_do_not_fail() -> None:
    deep = "<div><table><tr><td>" * 150 + "deep" + "</td></tr></table></div>" * 150
    assert html_to_text(deep) == "deep"
    deeper = "<div>" * 5000 + "<p>y</p><script>alert(1)</script>" + "</div>" * 5000
    assert html_to_text(deeper) == "y"
    spans = "<table><tr><td colspan='99999999' rowspan='-3'>a</td><td rowspan=x>b</td></tr></table>"
    assert html_to_text(spans) == "a\tb"


def test_large_document_is_read(tmp_path: Path) -> None:
    row = "<tr><td>1</td><td>&nbsp;</td><td>Name <b>X</b></td><td>12,345</td></tr>"
    text = html_to_text("<table>" + row * 20000 + "</table>" + "<p>para</p>" * 20000)
    assert text.count("\n") >= 40000


# --------------------------------------------------------------------------- parse


def test_parse_records_the_format_and_fills_a_given_filing() -> None:
    filing = html_loader.parse("<html><body><p>SCHEDULE 13G</p></body></html>", name="x.htm")
    assert filing.format == "html"
    given = Filing(form="SC 13G", schedule="13G", format="sgml")
    assert html_loader.parse("<p>SCHEDULE 13G</p>", name="x.htm", filing=given) is given


def test_parse_wraps_every_failure_in_load_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> Filing:
        raise ValueError("reader bug")

    monkeypatch.setattr(html_loader, "parse_text_filing", boom)
    with pytest.raises(LoadError, match=r"^bad\.htm: .*ValueError: reader bug"):
        html_loader.parse("<p>x</p>", name="bad.htm")

    def deep(*args: object, **kwargs: object) -> Filing:
        raise RecursionError

    monkeypatch.setattr(html_loader, "parse_text_filing", deep)
    with pytest.raises(LoadError, match="nested too deeply"):
        html_loader.parse("<p>x</p>", name="bad.htm")


# --------------------------------------------------------------------------- corpus

TESLA_13G = "datamule__SC13G__Elon_Musk__Tesla_Motors__000119312511023336__dsc13g.htm"
TESLA_13GA = "datamule__SC13G-A__Elon_Musk__Tesla_Motors__000119312512060227__d301928dsc13ga.htm"
YELP_13G = "datamule__SC13G__Max_Levchin__Yelp__000119312513059589__d487108dsc13g.htm"
LIVENT_13G = "edgartools__SC13G_html__SC-13G-DOCUMENT.html"
TRINITY_13GA = "edgartools__SC13G-A_html__SG-13G-DOCUMENT-WITH-TEXT.html"
AVID_NC = "edgartools__SC13G_nc__0001076809-24-000144__Glazer__Avid_Bioservices.nc"
GMS_TXT = (
    "orgron__SC13D-A__20210305__0001193125-21-071653__Coliseum_Capital_Management_LL__GMS_Inc.txt"
)
SPROTT_TXT = (
    "orgron__SC13D-A__20110819__0000919574-11-005003__Sprott_Eric__Sprott_Physical_Gold_Trust.txt"
)
VIRGIN_TXT = (
    "orgron__SC13D__20191104__0001193125-19-283454__Vieco_USA_Inc__Virgin_Galactic_Holdings_Inc.txt"
)


def _read(name: str) -> str:
    return decode(corpus_file(name).read_bytes())


def _first_document(name: str) -> str:
    """The <TEXT> of the first <DOCUMENT> of a full submission (the primary document)."""
    m = re.search(r"<DOCUMENT>.*?<TEXT>(.*?)</TEXT>", _read(name), re.S | re.I)
    assert m, f"{name} has no <DOCUMENT><TEXT>"
    return m.group(1)


def _lines(html: str) -> list[str]:
    return html_to_text(html).split("\n")


def _covers(html: str, name: str) -> Filing | None:
    """The filing read by the HTML loader, or None while the cover reader finds nothing."""
    filing = html_loader.parse(html, name=name)
    return filing if filing.cover_pages else None


def _person(filing: Filing, number: int) -> str:
    cp = filing.cover_pages[number - 1]
    return filing.entities[cp.person].name if cp.person in filing.entities else cp.person


@pytest.mark.corpus
def test_tesla_13g_cover_rows() -> None:
    lines = _lines(_read(TESLA_13G))
    block = lines[lines.index("CUSIP No. 88160R 101") + 1 :][:12]
    assert block == [
        "1.\tNames of Reporting Persons. Elon R. Musk",
        "2.\tCheck the Appropriate Box if a Member of a Group (See Instructions) (a) [ ] (b) [X]",
        "3.\tSEC Use Only",
        "4.\tCitizenship or Place of Organization United States",
        "Number of Shares Beneficially Owned by Each Reporting Person With:\t5.\t"
        "Sole Voting Power 28,356,418 (See Item 4(a) below)",
        "6.\tShared Voting Power 28,356,418 (See Item 4(a) below)",
        "7.\tSole Dispositive Power 28,356,418 (See Item 4(a) below)",
        "8.\tShared Dispositive Power 28,356,418 (See Item 4(a) below)",
        "9.\tAggregate Amount Beneficially Owned by Each Reporting Person 28,356,418 "
        "(See Item 4(a) below)",
        "10.\tCheck if the Aggregate Amount in Row (9) Excludes Certain Shares (See Instructions)",
        "11.\tPercent of Class Represented by Amount in Row (9) 29.06%",
        "12.\tType of Reporting Person (See Instructions) IN",
    ]
    # the rule boxes on the front page (Wingdings &#168; and &#120;)
    assert "[ ] Rule 13d-1(b)" in lines and "[X] Rule 13d-1(d)" in lines


@pytest.mark.corpus
def test_tesla_13g_cover_page_values() -> None:
    filing = _covers(_read(TESLA_13G), TESLA_13G)
    assert filing is not None, "the cover reader finds no cover page"
    assert len(filing.cover_pages) == 1
    cp = filing.cover_pages[0]
    assert _person(filing, 1) == "Elon R. Musk"
    assert (cp.group_a, cp.group_b) == (False, True)
    assert cp.citizenship is not None and cp.citizenship.text == "United States"
    assert (cp.sole_voting, cp.shared_voting) == (28356418, 28356418)
    assert (cp.sole_dispositive, cp.shared_dispositive) == (28356418, 28356418)
    assert cp.aggregate == 28356418
    assert cp.percent_of_class == Decimal("29.06")
    assert cp.type_codes == ["IN"]


@pytest.mark.corpus
def test_tesla_13ga_cover_rows_and_values() -> None:
    html = _read(TESLA_13GA)
    lines = _lines(html)
    assert "1.\tNames of Reporting Persons. Elon R. Musk" in lines
    assert (
        "2.\tCheck the Appropriate Box if a Member of a Group (See Instructions) (a) [ ] (b) [X]"
        in lines
    )
    # the document writes "5&nbsp;." for the row number
    assert (
        "Number of Shares Beneficially Owned by Each Reporting Person With:\t5 .\t"
        "Sole Voting Power 31,466,379 (See Item 4(a) below)" in lines
    )
    assert "8.\tShared Dispositive Power 31,466,379 (See Item 4(a) below)" in lines
    assert "11.\tPercent of Class Represented by Amount in Row (9) 28.90%" in lines
    assert "12.\tType of Reporting Person (See Instructions) IN" in lines
    filing = _covers(html, TESLA_13GA)
    assert filing is not None, "the cover reader finds no cover page"
    cp = filing.cover_pages[0]
    assert _person(filing, 1) == "Elon R. Musk"
    assert (cp.sole_voting, cp.shared_voting, cp.sole_dispositive, cp.shared_dispositive) == (
        31466379,
        31466379,
        31466379,
        31466379,
    )
    assert cp.aggregate == 31466379
    assert cp.percent_of_class == Decimal("28.90")
    assert cp.type_codes == ["IN"]
    assert (cp.group_a, cp.group_b) == (False, True)


@pytest.mark.corpus
def test_yelp_levchin_13g_cover_rows_footnotes_and_values() -> None:
    html = _read(YELP_13G)
    lines = _lines(html)
    assert "1.\tNames of Reporting Persons Max Levchin" in lines
    assert (
        "2.\tCheck the Appropriate Box if a Member of a Group (see instructions) (a) [ ] (b) [ ]"
        in lines
    )
    assert (
        "Number of Shares Beneficially Owned by Each Reporting Person With:\t5.\t"
        "Sole Voting Power 6,527,090 shares (1)" in lines
    )
    assert "6.\tShared Voting Power Not applicable." in lines
    assert "7.\tSole Dispositive Power 6,527,090 shares (1)" in lines
    assert "8.\tShared Dispositive Power Not applicable." in lines
    assert (
        "10.\tCheck if the Aggregate Amount in Row (9) Excludes Certain Shares (see instructions) [ ]"
        in lines
    )
    assert "11.\tPercent of Class Represented by Amount in Row 9 24.2% (2)" in lines
    assert any(
        line.startswith("(1)\tConsists 2,615,153 shares of Class B Common Stock") for line in lines
    )
    assert any(
        line.startswith("(2)\tBased on 20,395,789 shares of Class A Common Stock outstanding")
        for line in lines
    )
    filing = _covers(html, YELP_13G)
    assert filing is not None, "the cover reader finds no cover page"
    cp = filing.cover_pages[0]
    assert _person(filing, 1) == "Max Levchin"
    assert (cp.sole_voting, cp.sole_dispositive, cp.aggregate) == (6527090, 6527090, 6527090)
    assert cp.shared_voting is None and cp.shared_dispositive is None  # "Not applicable."
    assert cp.percent_of_class == Decimal("24.2")
    assert cp.type_codes == ["IN"]
    assert (cp.group_a, cp.group_b) == (False, False)


@pytest.mark.corpus
def test_livent_millennium_13g_four_cover_pages() -> None:
    html = _read(LIVENT_13G)
    lines = _lines(html)
    names = [line for line in lines if line.startswith("1\tNAMES OF REPORTING PERSONS ")]
    assert names == [
        "1\tNAMES OF REPORTING PERSONS ICS Opportunities, Ltd.",
        "1\tNAMES OF REPORTING PERSONS Millennium Management LLC",
        "1\tNAMES OF REPORTING PERSONS Millennium Group Management LLC",
        "1\tNAMES OF REPORTING PERSONS Israel A. Englander",
    ]
    assert lines.count("2\tCHECK THE APPROPRIATE BOX IF A MEMBER OF A GROUP (a) [ ] (b) [ ]") == 4
    assert (
        "NUMBER OF SHARES BENEFICIALLY OWNED BY EACH REPORTING PERSON WITH\t5\tSOLE VOTING POWER -0-"
        in lines
    )
    assert lines.count("6\tSHARED VOTING POWER -0- (See Item 4(a))") == 4
    assert lines.count("11\tPERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW (9) 0.0%") == 4
    assert [line for line in lines if line.startswith("12\tTYPE OF REPORTING PERSON")] == [
        "12\tTYPE OF REPORTING PERSON CO",
        "12\tTYPE OF REPORTING PERSON OO",
        "12\tTYPE OF REPORTING PERSON OO",
        "12\tTYPE OF REPORTING PERSON IN",
    ]
    filing = _covers(html, LIVENT_13G)
    assert filing is not None, "the cover reader finds no cover page"
    # the document writes "ICS Opportunities, Ltd."; the cover reader drops the final
    # period of a name (reported to the lead), so compare without it
    assert [_person(filing, i).rstrip(".") for i in range(1, 5)] == [
        "ICS Opportunities, Ltd",
        "Millennium Management LLC",
        "Millennium Group Management LLC",
        "Israel A. Englander",
    ]
    for cp in filing.cover_pages:
        assert (cp.sole_voting, cp.shared_voting, cp.aggregate) == (0, 0, 0)
        assert cp.percent_of_class == Decimal("0.0")
    assert [cp.citizenship.text if cp.citizenship else None for cp in filing.cover_pages] == [
        "Cayman Islands",
        "Delaware",
        "Delaware",
        "United States",
    ]
    assert [cp.type_codes for cp in filing.cover_pages] == [["CO"], ["OO"], ["OO"], ["IN"]]


@pytest.mark.corpus
def test_trinity_blackrock_plain_text_in_html_file_keeps_its_lines() -> None:
    lines = _lines(_read(TRINITY_13GA))
    assert "(1)Names of reporting persons. BlackRock, Inc." in lines
    i = lines.index("(2) Check the appropriate box if a member of a group")
    assert lines[i + 1 : i + 3] == ["(a) [ ]", "(b) [X]"]
    i = lines.index("(5) Sole voting power")
    assert lines[i + 2] == "13767282"
    i = lines.index("(11) Percent of class represented by amount in Row 9")
    assert lines[i + 2] == "17.1%"
    assert "[X] Rule 13d-1(b)" in lines


@pytest.mark.corpus
def test_avid_glazer_html_inside_nc_submission() -> None:
    html = _first_document(AVID_NC)
    lines = _lines(html)
    i = lines.index("1\tNAME OF REPORTING PERSON Glazer Capital, LLC")
    assert lines[i : i + 12] == [
        "1\tNAME OF REPORTING PERSON Glazer Capital, LLC",
        "2\tCHECK THE APPROPRIATE BOX IF A MEMBER OF A GROUP\t(a) [ ] (b) [ ]",
        "3\tSEC USE ONLY",
        "4\tCITIZENSHIP OR PLACE OF ORGANIZATION State of Delaware",
        "NUMBER OF SHARES BENEFICIALLY OWNED BY EACH REPORTING PERSON WITH:\t5\tSOLE VOTING POWER 0",
        "6\tSHARED VOTING POWER 3,394,114",
        "7\tSOLE DISPOSITIVE POWER 0",
        "8\tSHARED DISPOSITIVE POWER 3,394,114",
        "9\tAGGREGATE AMOUNT BENEFICIALLY OWNED BY EACH REPORTING PERSON 3,394,114",
        "10\tCHECK BOX IF THE AGGREGATE AMOUNT IN ROW (9) EXCLUDES CERTAIN SHARES\t[ ]",
        "11\tPERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW (9) 5.31%",
        "12\tTYPE OF REPORTING PERSON IA, OO",
    ]
    assert "1\tNAME OF REPORTING PERSON Paul J. Glazer" in lines
    filing = _covers(html, AVID_NC)
    assert filing is not None, "the cover reader finds no cover page"
    assert [_person(filing, i) for i in (1, 2)] == ["Glazer Capital, LLC", "Paul J. Glazer"]
    for cp in filing.cover_pages:
        assert (cp.sole_voting, cp.shared_voting) == (0, 3394114)
        assert (cp.sole_dispositive, cp.shared_dispositive, cp.aggregate) == (0, 3394114, 3394114)
        assert cp.percent_of_class == Decimal("5.31")
    assert [cp.type_codes for cp in filing.cover_pages] == [["IA", "OO"], ["IN"]]


@pytest.mark.corpus
def test_gms_coliseum_13da_inside_txt_submission() -> None:
    html = _first_document(GMS_TXT)
    lines = _lines(html)
    assert "1.\tNames of reporting persons. Coliseum Capital Management, LLC" in lines
    assert (
        "2.\tCheck the appropriate box if a member of a group (see instructions) (a) [ ] (b) [X]"
        in lines
    )
    assert "4.\tSource of funds (see instructions) AF" in lines
    assert (
        "Number of shares beneficially owned by each reporting person with\t7.\tSole voting power 0"
        in lines
    )
    assert "8.\tShared voting power 4,433,993" in lines
    assert "13.\tPercent of class represented by amount in Row (11) 10.3%" in lines
    assert "14.\tType of reporting person (see instructions) IA" in lines
    filing = _covers(html, GMS_TXT)
    assert filing is not None, "the cover reader finds no cover page"
    cp = filing.cover_pages[0]
    assert _person(filing, 1) == "Coliseum Capital Management, LLC"
    assert (cp.sole_voting, cp.shared_voting, cp.aggregate) == (0, 4433993, 4433993)
    assert cp.percent_of_class == Decimal("10.3")
    assert cp.source_of_funds == ["AF"]
    assert len(filing.cover_pages) == 6


@pytest.mark.corpus
def test_sprott_rows_split_over_table_rows_are_joined() -> None:
    lines = _lines(_first_document(SPROTT_TXT))
    for row in [
        "1.\tNAME OF REPORTING PERSONS I.R.S. IDENTIFICATION NOS. OF ABOVE PERSONS (ENTITIES ONLY)"
        " Eric S. Sprott",
        "2.\tCHECK THE APPROPRIATE BOX IF A MEMBER OF A GROUP* (a) [ ] (b) [ ]",
        "4.\tSOURCE OF FUNDS* PF",
        "6.\tCITIZENSHIP OR PLACE OF ORGANIZATION Canada",
        "7.\tSOLE VOTING POWER 9,190,139",
        "8.\tSHARED VOTING POWER 0",
        "9.\tSOLE DISPOSITIVE POWER 9,190,139",
        "10.\tSHARED DISPOSITIVE POWER 0",
        "14.\tTYPE OF REPORTING PERSON* IN",
    ]:
        assert row in lines


@pytest.mark.corpus
def test_virgin_schedule_a_one_line_per_person() -> None:
    lines = _lines(_first_document(VIRGIN_TXT))
    i = lines.index("SCHEDULE A")
    rows = lines[i:]
    header = "Name\tPresent Principal Occupation or Employment\tBusiness Address\tCitizenship"
    assert header in rows
    assert (
        "Evan Lovell\tChief Investment Officer, Virgin Group\t65 Bleecker Street, 6th Floor, "
        "New York, NY 10012\tUnited States" in rows
    )
    assert (
        "Gaston Urda\tSr. Advisor to CEO, Aerospace, Renewables and Information Communication "
        "and Technology\tAl Mamoura A Building, 7th Floor, Abu Dhabi 45005, UAE\tArgentina" in rows
    )
