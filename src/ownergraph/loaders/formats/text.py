"""Plain-text primary documents (the body of most EDGAR filings before 2001).

The text is turned into filing text by :func:`text_to_filing_text` and read by
:func:`ownergraph.loaders.formats.textual.parse_text_filing`. The line structure and the
column alignment of the document are kept; what is removed is what only the paper
layout put there:

- ``<PAGE>`` markers and form feeds (page breaks);
- page footers ("Page 2 of 10 Pages", "- 2 -") at the end of a page;
- the repeated page header ("CUSIP No. 69360J107   13G   Page 3 of 7 Pages") at the top
  of a page *when the page break falls inside a cover page*, so that the rows of one
  reporting person's cover page stay together; elsewhere the header is kept, since it
  marks where a reporting person's cover page starts;
- the column tags of old EDGAR tables (``<TABLE>``, ``<CAPTION>``, ``<S>``, ``<C>``,
  ``<FN>``), replaced by spaces so that columns stay aligned;
- dash-stuffing of privacy-enhanced messages (``- ----`` at a line start).

Check boxes are written ``[X]`` or ``[ ]`` (``[_]``, ``[x]``, ``/X/`` and ``/ /``
are read as such), padded so that columns do not move.

Examples
--------
>>> print(text_to_filing_text("1  NAME OF REPORTING PERSON\\n   ACME LLC\\n"
...     "                     Page 2 of 5 Pages\\n<PAGE>\\n"
...     "CUSIP No. 123456789        13G        Page 3 of 5 Pages\\n\\n"
...     "4  CITIZENSHIP OR PLACE OF ORGANIZATION\\n   Delaware\\n"
...     "12 TYPE OF REPORTING PERSON\\n   OO\\n<PAGE>\\nCUSIP No. 123456789\\n\\nItem 1."))
1  NAME OF REPORTING PERSON
   ACME LLC
4  CITIZENSHIP OR PLACE OF ORGANIZATION
   Delaware
12 TYPE OF REPORTING PERSON
   OO
<BLANKLINE>
CUSIP No. 123456789
<BLANKLINE>
Item 1.
>>> text_to_filing_text("(a) [_]   (b) [x]   / /  /X/")
'(a) [ ]   (b) [X]   [ ]  [X]'
>>> print(text_to_filing_text("l.   NAME OF REPORTING PERSON\\n____________2.   CHECK THE BOX"))
1.   NAME OF REPORTING PERSON
____________
2.   CHECK THE BOX
"""

from __future__ import annotations

import re

from ownergraph.loaders.formats.textual import parse_text_filing
from ownergraph.record import Filing

__all__ = ["parse", "text_to_filing_text"]

_PAGE_BREAK = re.compile(r"^[ \t]*<PAGE>[^\n]*$|\f", re.M | re.I)
_FOOTER = re.compile(
    r"^\s*(?:-\s*)?(?:Page\s+)?\d{1,4}(?:\s+of\s+\d{1,4}(?:\s+Pages?)?)?(?:\s*-)?\s*$", re.I
)
_PAGE_WORDS = re.compile(r"\bPage\s+\d{1,4}(?:\s+of\s+\d{1,4})?(?:\s+Pages?)?\b", re.I)
_HEADER = re.compile(r"^\s*(?:CUSIP\s+(?:No\.?|Number)?|SCHEDULE\s+13[DG]\b|13[DG]\b)", re.I)
_RULE = re.compile(r"^[\s\-_=*]+$")
_NAME_ROW = re.compile(r"NAMES?\s+OF\s+REPORTING\s+PERSONS?", re.I)
_TYPE_ROW = re.compile(r"TYPE\s+OF\s+REPORTING\s+PERSON", re.I)
_TABLE_TAG_LINE = re.compile(r"^[ \t]*</?(?:TABLE|CAPTION|FN|R)>[ \t]*$", re.M | re.I)
_COLUMN_TAG = re.compile(r"<(?:S|C)>", re.I)


_SLASH_X = re.compile(r"/(?<![\w/]/)[ \t]{0,3}[xX][ \t]{0,3}/(?![\w/])")
_SLASH_EMPTY = re.compile(r"/(?<![\w/]/)[ \t]{1,6}/(?![\w/])")


def _boxes(text: str) -> str:
    def pad(new: str, old: str) -> str:
        return new + " " * max(0, len(old) - len(new))

    text = re.sub(r"\[\s?[_ ]?\s?\]", lambda m: pad("[ ]", m.group(0)), text)
    text = re.sub(r"\[\s?[xX]\s?\]", lambda m: pad("[X]", m.group(0)), text)
    # "/" first, then the look-behind over it (no word character or "/" before it): the
    # same matches as a look-behind before the "/", and the engine scans for the "/"
    text = _SLASH_X.sub(lambda m: pad("[X]", m.group(0)), text)
    text = _SLASH_EMPTY.sub(lambda m: pad("[ ]", m.group(0)), text)
    return text


def _is_header_line(line: str) -> bool:
    if _HEADER.match(line):
        return True
    stripped = _PAGE_WORDS.sub("", line).strip()
    return bool(_PAGE_WORDS.search(line)) and len(stripped) < 40


def _trim_footer(lines: list[str]) -> list[str]:
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    # page-number footer lines, and rules right above them
    while end and (_FOOTER.match(lines[end - 1]) or _PAGE_WORDS.fullmatch(lines[end - 1].strip())):
        end -= 1
        while end and not lines[end - 1].strip():
            end -= 1
    return lines[:end]


def _trim_header(lines: list[str]) -> list[str]:
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    seen = False
    while start < len(lines) and start < 8:
        line = lines[start]
        if _is_header_line(line):
            seen = True
        elif not (seen and (_RULE.match(line) or not line.strip())):
            break
        start += 1
    return lines[start:] if seen else lines


def _inside_cover(lines: list[str], state: bool) -> bool:
    """Whether the text after ``lines`` continues a cover page (given the state before)."""
    last_type = -1
    for i, line in enumerate(lines):
        if _NAME_ROW.search(line):
            state, last_type = True, -1
        elif _TYPE_ROW.search(line):
            last_type = i
    if last_type >= 0:
        rest = [ln for ln in lines[last_type + 1 :] if ln.strip() and not _RULE.match(ln)]
        state = not rest
    return state


def text_to_filing_text(text: str) -> str:
    """Filing text from a plain-text document (see the module docstring)."""
    t = text.replace("\r\n", "\n").replace("\r", "\n")
    if re.search(r"^- -", t[:200000], re.M):
        t = re.sub(r"^- (?=-)", "", t, flags=re.M)
    t = _TABLE_TAG_LINE.sub("", t)
    t = _COLUMN_TAG.sub(lambda m: " " * len(m.group(0)), t)
    t = re.sub(r"[\x00-\x08\x0b\x0e-\x1f\x7f]", "", t)
    # a row number run onto the rule above it: "______2.   CHECK" -> new line
    t = re.sub(r"^([ \t]*[_=-]{10,})[ \t]*(\d{1,2}\.?[ \t]+[A-Z])", r"\1\n\2", t, flags=re.M)
    # typewriter "l" for the digit one as a row number: "l.   NAME OF REPORTING PERSON"
    t = re.sub(r"^([ \t]*)l(\.?[ \t]+[A-Z]{2})", r"\g<1>1\2", t, flags=re.M)
    pages = _PAGE_BREAK.split(t)
    out: list[str] = []
    in_cover = False  # whether the page before ended inside a cover page
    for i, page in enumerate(pages):
        lines = [ln.rstrip() for ln in page.split("\n")]
        if i > 0 and in_cover:
            lines = _trim_header(lines)
            while lines and not lines[0].strip():
                lines.pop(0)
        if i < len(pages) - 1:
            lines = _trim_footer(lines)
        if i > 0 and out and not in_cover:
            out.append("")
        out.extend(lines)
        in_cover = _inside_cover(lines, in_cover)
    joined = "\n".join(out)
    joined = re.sub(r"\n{4,}", "\n\n\n", joined)
    return _boxes(joined).strip("\n")


def parse(
    text: str, *, name: str, filing: Filing | None = None, document: str = "primary"
) -> Filing:
    """Read a plain-text filing (into ``filing`` when one is given)."""
    if filing is None:
        filing = Filing(form="", schedule="", format="text")
    return parse_text_filing(
        text_to_filing_text(text), name=name, fmt="text", filing=filing, document=document
    )
