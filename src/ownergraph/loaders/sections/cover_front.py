"""The front matter: the page of a schedule before its first cover page.

The form prints each value above a parenthesised caption — "(Name of Issuer)",
"(Title of Class of Securities)", "(CUSIP Number)", "(Name, Address and Telephone
Number of Person Authorized to Receive Notices and Communications)", "(Date of Event
which Requires Filing of this Statement)". :func:`caption_blocks` finds each caption
and the block of lines it captions.

Examples
--------
>>> t = "SCHEDULE 13D\\n\\nACME CORP.\\n-----\\n(Name of Issuer)\\n\\n00100A104\\n(CUSIP Number)\\n"
>>> [(k, t[s:e]) for k, (s, e, _) in caption_blocks(t, 0, len(t)).items()]
[('issuer', 'ACME CORP.'), ('cusip', '00100A104')]
"""

from __future__ import annotations

import re

__all__ = ["ANY_CAPTION", "CAPTIONS", "caption_blocks", "split_columns"]

CAPTIONS: dict[str, re.Pattern[str]] = {
    "issuer": re.compile(
        r"\(?[ \t]*Name[\s\xa0]+of[\s\xa0]+(?:the[\s\xa0]+)?Issuer[ \t]*\)?", re.I
    ),
    "title": re.compile(
        r"\(?[ \t]*Title[\s\xa0]+of[\s\xa0]+(?:the[\s\xa0]+)?Class[\s\xa0]+of[\s\xa0]+Securities[ \t]*\)?",
        re.I,
    ),
    "cusip": re.compile(
        r"\(?[ \t]*CUSIP[\s\xa0]+(?:Number|No\.?)(?:[\s\xa0]+of[\s\xa0]+Class[\s\xa0]+of[\s\xa0]+Securities)?[ \t]*\)?",
        re.I,
    ),
    "notice": re.compile(
        r"\(?[ \t]*Name,?[\s\xa0]+Address[\s\xa0]+and[\s\xa0]+Telephone[\s\xa0]+Number[\s\xa0]+of[\s\xa0]+"
        r"(?:the[\s\xa0]+)?Persons?[\s\xa0]+Authori[sz]ed[^)\n]*(?:\n[^)\n]*){0,2}\)?",
        re.I,
    ),
    "date": re.compile(
        r"\(?[ \t]*Date[\s\xa0]+of[\s\xa0]+(?:the[\s\xa0]+)?Event[^)\n]*(?:\n[^)\n]*){0,2}?\)",
        re.I,
    ),
}
ANY_CAPTION = _ANY_CAPTION = re.compile(
    "|".join(f"(?:{p.pattern})" for p in CAPTIONS.values()), re.I
)
_SEPARATOR = re.compile(r"^[\s\xa0]*[-_=*.]{3,}[\s\xa0-]*$|^[\s\xa0]*-[ \t]+-{3,}[\s\xa0-]*$")
_STOP = re.compile(
    r"(?i)^\s*(?:\(?\s*amendment\s+no|.*securities\s+exchange\s+act|schedule\s+13|.*information\s+"
    r"(?:to\s+be\s+included|statement)|under\s+the\s+securities|.*\brule\s+13d|\(?\s*name\s+of\s+issuer)"
)


def _lines_above(text: str, pos: int, floor: int) -> tuple[int, int] | None:
    """The block of non-blank lines that ends above ``pos`` (skipping rules and blanks)."""
    line_start = text.rfind("\n", floor, pos) + 1 if pos > floor else floor
    line_start = max(line_start, floor)
    same = text[line_start:pos].strip(" \t\xa0")
    if same and not _SEPARATOR.match(same) and not _ANY_CAPTION.search(same):
        s = line_start + (len(text[line_start:pos]) - len(text[line_start:pos].lstrip(" \t\xa0")))
        return s, line_start + len(text[line_start:pos].rstrip(" \t\xa0"))
    end: int | None = None
    start: int | None = None
    cursor = line_start  # start of the current line
    while cursor > floor:
        prev_end = cursor - 1  # the newline that ends the previous line
        prev_start = text.rfind("\n", floor, prev_end) + 1
        prev_start = max(prev_start, floor)
        line = text[prev_start:prev_end]
        blank = not line.strip(" \t\xa0\r")
        rule = bool(_SEPARATOR.match(line))
        caption = bool(_ANY_CAPTION.search(line)) or bool(_STOP.match(line))
        if end is None:
            if caption:
                return None
            if not (blank or rule):
                end = prev_start + len(line.rstrip(" \t\xa0\r"))
                start = prev_start + len(line) - len(line.lstrip(" \t\xa0"))
        else:
            if blank or rule or caption:
                break
            start = prev_start + len(line) - len(line.lstrip(" \t\xa0"))
        cursor = prev_start
        if prev_start == floor:
            break
    if end is None or start is None:
        return None
    return start, end


def caption_blocks(text: str, start: int, end: int) -> dict[str, tuple[int, int, int]]:
    """For each front-matter caption in ``text[start:end]``: (value start, value end, caption start).

    A caption counts when it stands alone on its line (after its value, on the same
    line, at most).
    """
    found: dict[str, tuple[int, int, int]] = {}
    for key, pattern in CAPTIONS.items():
        for m in pattern.finditer(text, start, end):
            line_end = text.find("\n", m.end())
            line_end = end if line_end < 0 else min(line_end, end)
            rest = text[m.end() : line_end]
            if not m.group(0).lstrip().startswith("("):
                ls = text.rfind("\n", start, m.start()) + 1
                if text[ls : m.start()].strip(" \t\xa0-_"):
                    continue  # an unparenthesised caption must open its line
                if rest.lstrip(" \t\xa0").startswith(":") and rest.strip(" \t\xa0:*"):
                    s = m.end() + len(rest) - len(rest.lstrip(" \t\xa0:"))
                    found[key] = (s, m.end() + len(rest.rstrip()), m.start())
                    break
            block = _lines_above(text, m.start(), start)
            if block is not None:
                found[key] = (block[0], block[1], m.start())
                break
    return dict(sorted(found.items(), key=lambda kv: kv[1][2]))


def split_columns(lines: list[str]) -> list[list[str]]:
    """Lines of a block printed as side-by-side columns, one list per column.

    Examples
    --------
    >>> split_columns(["Mr. A B", "President        C D, Esq.", "Acme Inc.        Law LLP"])
    [['Mr. A B', 'President', 'Acme Inc.'], ['C D, Esq.', 'Law LLP']]
    >>> split_columns(["Austin W. Marxe\\t\\tAllen B. Levithan, Esq.", "\\t\\tRoseland, NJ"])
    [['Austin W. Marxe'], ['Allen B. Levithan, Esq.', 'Roseland, NJ']]
    """
    if any(re.search(r"\S[ \xa0]*\t+[ \xa0]*\S", ln) for ln in lines):
        # table cells (HTML turned into text): the tab separates the columns
        left_cells: list[str] = []
        right_cells: list[str] = []
        for ln in lines:
            cells = [c.strip() for c in re.split(r"\t+", ln)]
            if ln[:1] in "\t" and ln[:1]:
                right_cells.extend(c for c in cells if c)
                continue
            if cells and cells[0]:
                left_cells.append(cells[0])
            right_cells.extend(c for c in cells[1:] if c)
        return [c for c in (left_cells, right_cells) if c]
    cut: int | None = None
    for line in lines:
        for m in re.finditer(r"\S(?:[ \xa0]{4,}|\t)(?=\S)", line):
            pos = m.end()
            if pos >= 12:
                cut = pos if cut is None else min(cut, pos)
    if cut is None:
        return [[ln.strip() for ln in lines if ln.strip()]]
    left = [ln[:cut].strip() for ln in lines if ln[:cut].strip()]
    right = [ln[cut:].strip() for ln in lines if ln[cut:].strip()]
    return [c for c in (left, right) if c]
