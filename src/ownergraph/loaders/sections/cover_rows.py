"""Finding the cover pages in filing text and cutting them into rows.

A cover page is found by its captions, not by its row numbers: "Name of reporting
person", "Sole voting power", "Percent of class represented by amount in row (11)" and
so on, in whatever layout (tab-separated table cells, free-form plain text with the
value on the caption line or below it, dotted leaders, numbers "(7)", "7", "7." or
none). Each caption must open its line (after a row number, a box, or the words of the
"Number of shares beneficially owned by each reporting person with" label) so that
prose in the items that reuses the words is not taken for a row.

Examples
--------
>>> text = "1 NAME OF REPORTING PERSON\\nAcme Corp.\\n7 SOLE VOTING POWER 10\\n"
>>> text += "8 SHARED VOTING POWER 0\\n9 SOLE DISPOSITIVE POWER 10\\n"
>>> text += "10 SHARED DISPOSITIVE POWER 0\\n14 TYPE OF REPORTING PERSON CO\\n"
>>> [(r.field, r.value.strip()) for r in find_pages(text)[0].rows][:2]
[('name', 'Acme Corp.'), ('sole_voting', '10')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ownergraph.loaders.vocab import field_patterns, first_letter_guard

__all__ = [
    "CAPTION",
    "ROW_13D",
    "ROW_13G",
    "Page",
    "Row",
    "find_item_pages",
    "find_pages",
    "mask_item_rows",
]

#: caption patterns by field, in the order the form prints them: the phrases of
#: ``loaders/vocab/cover_captions.toml`` (add a phrase there to read a new wording)
_CAPTIONS: list[tuple[str, str]] = field_patterns("cover_captions")
CAPTION = _CAPTION = re.compile(
    first_letter_guard(_CAPTIONS) + "(?:" + "|".join(f"(?P<{f}>{p})" for f, p in _CAPTIONS) + ")",
    re.IGNORECASE,
)
# what a caption may be preceded by on its line: a row number, boxes, rules, the label
_LEAD = re.compile(
    r"^(?:[\s\xa0\d().:;*#|_\[\]-]|number|of|shares|beneficially|owned|by|each|reporting|"
    r"persons?|with|row|no\.|item)*$",
    re.IGNORECASE,
)
_ROWNO = re.compile(r"(?:^|(?<=[\s\xa0]))[(\[]?(\d{1,2})[)\]]?\.?[\s\xa0]*$")
_NUMBER_AFTER = re.compile(
    r"[ \t\xa0]*\n[ \t\xa0]*(?:(?:number|of|shares|beneficially|owned|by|each|reporting|persons?|with)"
    r"[ \t\xa0]+)*[(\[]?(\d{1,2})[)\]]?\.?(?:[ \t\xa0]*(?=\n)|[ \t\xa0]{2,}(?=\S)|\t(?=\S))",
    re.IGNORECASE,
)
_TAIL = re.compile(
    r"(?:[\s\xa0]*(?:\((?:see|see\s+instructions?|please\s+see)[^)\n]{0,40}\)|[*†‡]+|:|\.(?!\d)|"
    r"\((?:entities|entity)\s+only\)|\((?:voluntary)\)))*",
    re.IGNORECASE,
)

#: row numbers of each field on the 13D and 13G cover pages
ROW_13D = {
    "name": 1,
    "irs": 1,
    "group": 2,
    "sec": 3,
    "funds": 4,
    "legal": 5,
    "citizenship": 6,
    "sole_voting": 7,
    "shared_voting": 8,
    "sole_dispositive": 9,
    "shared_dispositive": 10,
    "aggregate": 11,
    "excludes": 12,
    "percent": 13,
    "type": 14,
}
ROW_13G = {
    "name": 1,
    "irs": 1,
    "group": 2,
    "sec": 3,
    "citizenship": 4,
    "sole_voting": 5,
    "shared_voting": 6,
    "sole_dispositive": 7,
    "shared_dispositive": 8,
    "aggregate": 9,
    "excludes": 10,
    "percent": 11,
    "type": 12,
}
_AMOUNTS = ("sole_voting", "shared_voting", "sole_dispositive", "shared_dispositive", "aggregate")


@dataclass
class Row:
    """One caption of a cover page and the raw text of its value.

    ``start`` is where the row begins (its number, when written), ``caption_end``
    where the caption ends and the value begins, ``end`` where the value ends.
    """

    field: str
    number: int | None
    start: int
    caption_end: int
    end: int
    value: str
    caption: str


@dataclass
class Page:
    """One reporting person's cover page: its rows, and where it lies in the text."""

    start: int
    end: int
    rows: list[Row] = field(default_factory=list)

    def get(self, name: str) -> Row | None:
        """The first row for ``name``, if the page has one."""
        for r in self.rows:
            if r.field == name:
                return r
        return None

    @property
    def schedule(self) -> str:
        """``"13D"`` when the page has a source-of-funds or legal-proceedings row."""
        if self.get("funds") or self.get("legal"):
            return "13D"
        cit = self.get("citizenship")
        if cit is not None and cit.number == 6:
            return "13D"
        return "13G"


@dataclass
class _Hit:
    field: str
    start: int  # row start (the number, when written)
    cap_start: int
    cap_end: int
    number: int | None


def _hits(text: str) -> list[_Hit]:
    hits: list[_Hit] = []
    for m in _CAPTION.finditer(text):
        name = m.lastgroup
        assert name is not None
        line_start = max(text.rfind("\n", 0, m.start()), text.rfind("\t", 0, m.start())) + 1
        prefix = text[line_start : m.start()]
        if name != "irs" and not _LEAD.match(prefix):
            continue
        start = m.start()
        number = None
        back = text[max(0, m.start() - 24) : m.start()]
        rn = _ROWNO.search(back)
        if rn is not None and name != "irs":
            n = int(rn.group(1))
            if name != "label" and n in (ROW_13D.get(name), ROW_13G.get(name)):
                number = n
                start = m.start() - (len(back) - rn.start())
                # keep a newline that opened the number with the previous value
                while start < m.start() and text[start] in " \t\xa0\n":
                    start += 1
        tail = _TAIL.match(text, m.end())
        cap_end = tail.end() if tail else m.end()
        # a row number printed after its caption, alone on the next line
        after = _NUMBER_AFTER.match(text, cap_end)
        if after is not None and name not in ("irs", "label"):
            n = int(after.group(1))
            if n in (ROW_13D.get(name), ROW_13G.get(name)):
                number = number or n
                cap_end = after.end(1) + (1 if text[after.end(1) : after.end(1) + 1] in ")]" else 0)
        hits.append(_Hit(name, start, m.start(), cap_end, number))
    return hits


def find_pages(text: str) -> list[Page]:
    """The cover pages in ``text``, in order, each cut into rows.

    A page starts at a "name of reporting person" caption and ends at the next one,
    or just after its "type of reporting person" row. A page must have at least three
    of the rows 7-11 to count. Pages whose rows are written "Item N:" (see
    :func:`find_item_pages`) are found too; caption pages inside them are theirs.
    """
    item_pages = find_item_pages(text)
    pages = _caption_pages(text)
    if not item_pages:
        return pages
    spans = [(p.start, p.end) for p in item_pages]
    kept = [p for p in pages if not any(s <= p.start < e or p.start <= s < p.end for s, e in spans)]
    return sorted(kept + item_pages, key=lambda p: p.start)


def _caption_pages(text: str) -> list[Page]:
    hits = _hits(text)
    groups: list[list[_Hit]] = []
    current: list[_Hit] | None = None
    for h in hits:
        if h.field == "name":
            current = [h]
            groups.append(current)
        elif current is not None:
            if any(x.field == "type" for x in current):
                continue  # past the end of the page: narrative reusing the words
            if h.field == "irs" and any(x.field not in ("name", "irs") for x in current):
                continue
            current.append(h)
    pages: list[Page] = []
    for gi, group in enumerate(groups):
        if sum(1 for h in group if h.field in _AMOUNTS) < 3:
            continue
        next_start = len(text)
        if gi + 1 < len(groups):
            next_start = groups[gi + 1][0].start
        page_end = next_start
        page = Page(start=group[0].start, end=page_end)
        for i, h in enumerate(group):
            end = group[i + 1].start if i + 1 < len(group) else page_end
            if end < h.cap_end:
                end = h.cap_end
            page.rows.append(
                Row(
                    field=h.field,
                    number=h.number,
                    start=h.start,
                    caption_end=h.cap_end,
                    end=end,
                    value=text[h.cap_end : end],
                    caption=text[h.cap_start : h.cap_end],
                )
            )
        if _values_before_captions(page):
            _shift_values(text, page)
        pages.append(page)
    return pages


def _first_block(value: str) -> str:
    for block in re.split(r"\n[ \t\xa0]*\n", value):
        if block.strip(" \t\xa0\n_-=*"):
            return block
    return ""


def _values_before_captions(page: Page) -> bool:
    """Whether each value stands above its caption, not after it.

    Some filers typed the form upside down: "5.87%" on the line before "(11) Percent
    of class ...", the type code before "(12) Type of reporting person". Then the
    percent sign stands in the value of the row *before* the percent row.
    """
    pct, excl = page.get("percent"), page.get("excludes")
    if pct is None or excl is None or page.rows.index(excl) + 1 != page.rows.index(pct):
        return False
    return "%" in _first_block(excl.value) and "%" not in _first_block(pct.value)


def _shift_values(text: str, page: Page) -> None:
    """Give each row the text above its caption (see :func:`_values_before_captions`)."""
    rows = page.rows
    shifted: list[Row] = []
    for i, row in enumerate(rows):
        if i == 0:
            start = row.start  # the name row: nothing of this page stands above it
            shifted.append(
                Row(row.field, row.number, start, row.caption_end, row.caption_end, "", row.caption)
            )
            continue
        prev = rows[i - 1]
        shifted.append(
            Row(
                row.field,
                row.number,
                prev.caption_end,
                prev.caption_end,
                row.start,
                text[prev.caption_end : row.start],
                row.caption,
            )
        )
    page.rows = shifted


# ------------------------------------------------------------ rows written "Item N:"

#: a cover row written "Item N:" at the start of its line; the body's items are
#: "Item 1(a)." or "Item 4." (a letter or a full stop after the number), never this
_ITEM_ROW = re.compile(r"^[ \t\xa0]*Item[ \t\xa0]+(\d{1,2})[ \t\xa0]*:[ \t\xa0]*", re.M | re.I)
#: what the first row says before the name: "Reporting Person - FMR LLC"
_PERSON_LEAD = re.compile(
    r"(?:names?[ \t\xa0]+of[ \t\xa0]+)?reporting[ \t\xa0]+persons?(?:[ \t\xa0]*[-\u2013\u2014:][ \t\xa0]*|[ \t\xa0]*\n)",
    re.I,
)
_DIGITS = re.compile(r"\d")


def find_item_pages(text: str) -> list[Page]:
    """Cover pages whose rows are written "Item N:" (FMR's compact 13G layout).

    Each row is a line "Item N: value" numbered as the standard cover page numbers its
    rows (1-12 on a 13G, 1-14 on a 13D: the row numbers give the meanings, a caption
    after the colon is optional and skipped). A page opens at an "Item 1:" row naming
    the reporting person ("Item 1: Reporting Person - FMR LLC"), takes the rows that
    follow with rising numbers, and must state at least three of the amounts to count.

    Examples
    --------
    >>> t = "Item 1: Reporting Person - FMR LLC\\nItem 2: (a) [ ] (b) [ ]\\nItem 4: Delaware\\n"
    >>> t += "Item 5: 10\\nItem 6: 0\\nItem 7: 12\\nItem 8: 0\\nItem 9: 12\\nItem 11: 5.1%\\nItem 12: HC\\n"
    >>> t += "\\nItem 1(a). Name of Issuer: Acme Corp.\\nItem 4. Ownership: 12\\n"
    >>> page = find_item_pages(t)[0]
    >>> [(r.field, r.value.strip()) for r in page.rows][::3]
    [('name', 'FMR LLC'), ('sole_voting', '10'), ('shared_dispositive', '0'), ('type', 'HC')]
    >>> t[page.end:].lstrip().startswith("Item 1(a)")
    True
    """
    marks = list(_ITEM_ROW.finditer(text))
    pages: list[Page] = []
    i = 0
    while i < len(marks):
        m = marks[i]
        if int(m.group(1)) != 1 or not _PERSON_LEAD.match(text, m.end()):
            i += 1
            continue
        run = [m]
        j = i + 1
        while j < len(marks) and int(marks[j].group(1)) > int(run[-1].group(1)):
            run.append(marks[j])
            j += 1
        page = _item_page(text, run, marks[j].start() if j < len(marks) else len(text))
        if page is not None:
            pages.append(page)
        i = j
    return pages


def _item_page(text: str, run: list[re.Match[str]], limit: int) -> Page | None:
    numbers = [int(m.group(1)) for m in run]
    layout = ROW_13D if max(numbers) >= 13 else ROW_13G
    by_number = {n: f for f, n in layout.items() if f != "irs"}
    rows: list[Row] = []
    for k, m in enumerate(run):
        number = numbers[k]
        fld = by_number.get(number)
        end = run[k + 1].start() if k + 1 < len(run) else limit
        if fld is None:
            continue
        value_start = m.end()
        lead = _PERSON_LEAD.match(text, value_start) if fld == "name" else None
        if lead is None:
            # a caption after the colon, or one that takes in the label ("Item 4: CITIZENSHIP")
            cap = _CAPTION.match(text, value_start)
            if cap is None or cap.lastgroup != fld:
                cap = _CAPTION.match(text, m.start() + len(m.group(0)) - len(m.group(0).lstrip()))
            if cap is not None and cap.lastgroup == fld:
                tail = _TAIL.match(text, cap.end())
                value_start = tail.end() if tail else cap.end()
        else:
            value_start = lead.end()
        if k + 1 == len(run):  # the last row: its value is its first block
            block = _first_block(text[value_start:end])
            end = (
                value_start + text[value_start:end].find(block) + len(block)
                if block
                else value_start
            )
        rows.append(
            Row(
                field=fld,
                number=number,
                start=m.start() + len(m.group(0)) - len(m.group(0).lstrip()),
                caption_end=value_start,
                end=end,
                value=text[value_start:end],
                caption=text[m.start() : value_start].strip(),
            )
        )
    amounts = [r for r in rows if r.field in _AMOUNTS and _DIGITS.search(r.value)]
    if len(amounts) < 3 or rows[0].field != "name":
        return None
    return Page(start=rows[0].start, end=rows[-1].end, rows=rows)


def mask_item_rows(text: str) -> str:
    """``text`` with the "Item N:" labels of :func:`find_item_pages` pages blanked.

    The labels become spaces of the same length, so offsets stay; the readers of the
    schedule's own Items ("Item 1(a). Name of Issuer", "Item 4. Ownership") then never
    take a cover row for an Item.

    Examples
    --------
    >>> t = "Item 1: Reporting Person - X LLC\\nItem 5: 1\\nItem 6: 0\\nItem 7: 1\\nItem 9: 1\\nItem 4. Ownership"
    >>> masked = mask_item_rows(t)
    >>> len(masked) == len(t), masked.count("Item")
    (True, 1)
    """
    pages = find_item_pages(text)
    if not pages:
        return text
    out = list(text)
    for page in pages:
        for m in _ITEM_ROW.finditer(text, page.start, page.end):
            for k in range(m.start(), m.end()):
                if out[k] not in "\n":
                    out[k] = " "
    return "".join(out)
