"""Numbered Items, section boundaries, the amended filing, Item 2 background facts and
the values Items state (:mod:`.item_values`).

Examples
--------
>>> text = "Cover\\nItem 1. Security and Issuer\\nShares.\\nITEM 2 - Identity\\nX.\\n\\nSIGNATURE\\nDone"
>>> [(h.number, h.title) for h in find_items(text)]
[('1', 'Security and Issuer'), ('2', 'Identity')]
>>> find_items(text)[-1].end == text.index("SIGNATURE")
True
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from ownergraph.loaders.sections.item_values import (
    checked_institutions,
    five_percent_box,
    is_not_applicable,
    issuer_address_span,
    previously_filed_box,
    statement,
)
from ownergraph.loaders.sections.mentions import Context, legal_form_only, name_before
from ownergraph.loaders.vocab import guarded
from ownergraph.normalize import jurisdiction, parse_date
from ownergraph.record import Address, FilingReference, Item

__all__ = [
    "HEADING",
    "ItemSpan",
    "find_heading_lines",
    "find_items",
    "parse_amends",
    "parse_background",
    "parse_issuer_address",
    "parse_items",
    "parse_previously_filed",
    "parse_signature_date",
    "read_item_values",
]

_ITEM = re.compile(
    r"^[ \t]*(?:ITEM|Item)[ \t]+(\d{1,2})(\s*\([a-zA-Z]\))?(?:[ \t]*[.:\-–—)][ \t]*|[ \t]+|[ \t]*$)([^\n]{0,200})$",
    re.M,
)
#: a heading line: short, no lower-case letters, at least two letters
HEADING = re.compile(r"^[ \t]*([A-Z0-9][A-Z0-9 ,.&'’()\-/:;]{2,120})[ \t]*$", re.M)
_PAGE_NOISE = re.compile(r"^(?:CUSIP|PAGE|\d+$|<PAGE>|SCHEDULE 13[DG]|13[DG]$)", re.I)
_DATE = (
    r"(?:(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+\d{1,2},?\s+\d{4}|"
    r"\d{1,2}/\d{1,2}/\d{2,4})"
)


@dataclass
class ItemSpan:
    """Where one Item stands: heading start, body start and end offsets."""

    number: str
    title: str
    start: int
    body: int
    end: int


def find_heading_lines(text: str) -> list[tuple[int, int, str]]:
    """Upper-case heading lines (start, end, text), page headers left out."""
    return list(_heading_lines(text))


@lru_cache(maxsize=8)
def _heading_lines(text: str) -> tuple[tuple[int, int, str], ...]:
    """:func:`find_heading_lines`, remembered: four readers of one text ask for them."""
    out = []
    for m in HEADING.finditer(text):
        line = m.group(1).strip()
        letters = [c for c in line if c.isalpha()]
        if len(letters) < 4 or _PAGE_NOISE.match(line) or line.startswith("ITEM"):
            continue
        out.append((m.start(1), m.end(1), line))
    return tuple(out)


def find_items(text: str) -> list[ItemSpan]:
    """The Items of the schedule in order; each ends where the next begins.

    The last Item ends at the next upper-case heading (SIGNATURE, SCHEDULE A, an
    exhibit's title) or at the end of the text.
    """
    spans: list[ItemSpan] = []
    last = 0
    for m in _ITEM.finditer(text):
        number = int(m.group(1))
        title = m.group(3).strip()
        if title and not (title[0].isupper() or title[0] in '(“"'):
            continue  # "Item 4 of Schedule 13D" wrapped to a line start
        if number < last or (number == last and not m.group(2)):
            if spans:
                break
            continue
        if number == last and spans:
            continue  # sub-item 1(b): stays in item 1
        last = number
        title = re.sub(r"^\([a-zA-Z]\)\s*[.:]?\s*", "", title).rstrip(" .:")
        spans.append(ItemSpan(str(number), title, m.start(), m.end(), len(text)))
    for a, b in itertools.pairwise(spans):
        a.end = b.start
    if spans:
        tail = spans[-1]
        for start, _end, line in find_heading_lines(text):
            if start > tail.body and not re.match(r"^\(?[a-z0-9]\)", line):
                tail.end = start
                break
    return spans


def parse_items(ctx: Context) -> list[ItemSpan]:
    """Append one :class:`Item` per Item of the text and register their sections.

    Each Item's values (:func:`read_item_values`) are read with it; the 13D cover's
    "previously filed on Schedule 13G" box is read from the text before the Items.

    Examples
    --------
    >>> from ownergraph.record import Filing
    >>> text = ("Item 3. If this statement is filed pursuant to Rule 13d-1(b), check whether the person filing is a:\\n"
    ...         "(a) [ ] Broker or dealer\\n(e) [X] Investment adviser\\n"
    ...         "Item 5. Ownership of 5 Percent or Less of a Class\\nIf ... check the following [ ].\\n"
    ...         "Item 9. Notice of Dissolution of Group: N/A\\n")
    >>> ctx = Context(text, Filing(form="SC 13G", schedule="13G"))
    >>> _ = parse_items(ctx)
    >>> [(i.number, i.institution_types, i.five_percent_or_less, i.not_applicable) for i in ctx.filing.items]
    [('3', ['investment adviser'], None, False), ('5', [], False, False), ('9', [], None, True)]
    """
    spans = find_items(ctx.text)
    for s in spans:
        ctx.add_section(s.start, s.end, f"Item {s.number}")
        body = ctx.text[s.body : s.end].strip()
        item = Item(number=s.number, title=s.title, text=body)
        item.source = ctx.source(s.start, s.end, f"Item {s.number}")
        read_item_values(ctx, s, item)
        ctx.filing.items.append(item)
    if ctx.filing.schedule == "13D":
        parse_previously_filed(ctx, spans[0].start if spans else min(len(ctx.text), 20000))
    return spans


def read_item_values(ctx: Context, span: ItemSpan, item: Item) -> None:
    """The values of one Item: "not applicable", and for a 13G the Item 3 kinds of
    institution, the Item 5 box and the issuer's address of Item 1(b)."""
    text = ctx.text
    whole = text[span.start : span.end]
    stated = statement(
        span.number, f"{span.title}\n{text[span.body : span.end]}", ctx.filing.schedule
    )
    where = ctx.source(span.start, span.end, f"Item {span.number}")
    na = is_not_applicable(stated) or is_not_applicable(item.text)
    silent = not stated and not na  # only the heading and the form's instructions
    if ctx.filing.schedule != "13G":
        if na:
            item.not_applicable = True
            item.cite("not_applicable", where)
        return
    if span.number in ("3", "5", "6", "7", "8", "9") and not silent:
        item.not_applicable = na
        item.cite("not_applicable", where)
    if span.number == "1":
        parse_issuer_address(ctx, span)
    elif span.number == "3":
        item.institution_types = checked_institutions(whole)
        if item.institution_types:
            item.cite("institution_types", where)
    elif span.number == "5":
        box = five_percent_box(text, span.start, span.end)
        if box is not None:
            item.five_percent_or_less = box[0]
            item.cite("five_percent_or_less", ctx.source(box[1], box[2], f"Item {span.number}"))


def parse_issuer_address(ctx: Context, span: ItemSpan) -> None:
    """13G Item 1(b): the address of the issuer's principal executive offices, as text."""
    found = issuer_address_span(ctx.text, span.start, span.end)
    key = ctx.issuer_key()
    if found is None or key is None or key not in ctx.filing.entities:
        return
    a, b = found
    addr_text = re.sub(r"\s*\n\s*", ", ", ctx.text[a:b]).strip(" ,")
    issuer = ctx.filing.entities[key]
    if any(x.text == addr_text for x in issuer.addresses):
        return
    last = addr_text.rsplit(",", 1)[-1]
    addr = Address(kind="principal office", text=addr_text, country=jurisdiction(last).country)
    addr.source = ctx.source(a, b, "Item 1(b)")
    issuer.addresses.append(addr)


def parse_previously_filed(ctx: Context, limit: int) -> None:
    """Set ``filing.previously_filed`` from the 13D cover's box, when printed."""
    if ctx.filing.previously_filed is not None:
        return
    found = previously_filed_box(ctx.text, limit)
    if found is None:
        return
    ctx.filing.previously_filed = found[0]
    ctx.filing.cite("previously_filed", ctx.source(found[1], found[2], "Cover page"))


_AMENDS = guarded(
    r"(?:original\s+)?(?:statement\s+on\s+)?Schedule\s+13([DG])\b[^.]{0,300}?"
    r"((?:\w+ly\s+)?filed\s+(?:with\s+the\s+(?:SEC|Securities\s+and\s+Exchange\s+Commission)\s+)?"
    r"on\s+(" + _DATE + r"))",
    re.I,
)


def parse_amends(ctx: Context, limit: int) -> None:
    """Set ``filing.amends`` from "the original Schedule 13D ... filed ... on <date>"."""
    f = ctx.filing
    if f.amends is not None:
        return
    for m in _AMENDS.finditer(ctx.text, 0, limit):
        window = ctx.text[max(0, m.start() - 200) : m.start()]
        if not re.search(r"amend|original|initial|previously|prior", window + m.group(0), re.I):
            continue
        date = parse_date(m.group(3))
        f.amends = FilingReference(
            description=re.sub(r"\s+", " ", m.group(2)),
            form=f"SC 13{m.group(1).upper()}",
            date=date,
        )
        f.cite("amends", ctx.source(m.start(), m.end()))
        return


_SIGNATURE_HEAD = re.compile(r"^[ \t]*SIGNATURES?[ \t]*$", re.M)


def parse_signature_date(ctx: Context) -> None:
    """Set ``filing.signature_date`` from the first date after the SIGNATURE heading."""
    m = _SIGNATURE_HEAD.search(ctx.text)
    if m is None:
        return
    window = ctx.text[m.end() : m.end() + 1500]
    d = re.search(r"(?:Dated?:?\s*)?" + _DATE, window)
    if d is None:
        return
    value = parse_date(d.group(0))
    if value is None:
        return
    if ctx.filing.signature_date is None:
        ctx.filing.signature_date = value
        ctx.filing.cite("signature_date", ctx.source(m.end() + d.start(), m.end() + d.end()))


_INCORPORATED = re.compile(
    r",\s+(?:a|an)\s+(?:[\w\-]+\s+){0,4}?(?:incorporated|organized|organised|formed|existing|registered)"
    r"\s+(?:and\s+existing\s+)?(?:under\s+the\s+laws\s+of|in)\s+((?:the\s+)?[A-Z][^,;()“”\"\n]{1,60}?)"
    r"(?=\s*[,;(“\"]|\.\s|\.$|\s+and\s)",
)
_INCORPORATED_WORDS = ("incorporated", "organized", "organised", "formed", "existing", "registered")
_ADJ_PLACE = re.compile(
    r",\s+(?:a|an)\s+((?:[A-Z][a-z]+\s){1,3})(?:exempted\s+)?(?:limited\s+liability\s+company|limited\s+partnership|"
    r"corporation|company|partnership|trust|statutory\s+trust)\b"
)
_ADDRESS = guarded(
    r"(?:The\s+)?(?:address\s+of\s+the\s+principal\s+(?:business\s+)?office|principal\s+(?:office|business)\s+address"
    r"|principal\s+business\s+office|business\s+address|address\s+of\s+the\s+principal\s+place\s+of\s+business)"
    r"\s+of\s+([^\n]{1,120}?)\s+is\s+([^\n]{5,300}?)\.(?=\s+[A-Z]|\s*$)",
    re.I | re.M,
)
_BUSINESS = guarded(
    r"(?:The\s+)?principal\s+business\s+of\s+([^\n]{1,120}?)\s+is\s+([^\n]{3,300}?)\.(?=\s+[A-Z]|\s*$)",
    re.M,
)


def parse_background(ctx: Context, start: int, end: int) -> None:
    """Places of organization, principal offices and principal businesses in Item 2 (and exhibits)."""
    text = ctx.text
    # a pattern runs only on a region that holds one of its words (written as in the
    # pattern; _ADDRESS is case-insensitive: its words looked for in ASCII lower case)
    region = text[start:end]
    low = region.lower() if region.isascii() else None
    for m in (
        _INCORPORATED.finditer(text, start, end)
        if any(w in region for w in _INCORPORATED_WORDS)
        else ()
    ):
        name = name_before(text[max(start, m.start() - 200) : m.start()])
        place = m.group(1).strip()
        if not name or legal_form_only(name):
            continue  # "Group, Inc., a Delaware corporation" with the name cut off
        key = ctx.resolve(name) or ctx.ensure(name)
        ent = ctx.filing.entities[key]
        j = jurisdiction(place)
        if j.code is None:
            continue
        if ent.jurisdiction is None:
            ent.jurisdiction = j
            ent.cite("jurisdiction", ctx.source(m.start() - len(name) - 1, m.end()))
    for m in _ADJ_PLACE.finditer(text, start, end):
        name = name_before(text[max(start, m.start() - 200) : m.start()])
        j = jurisdiction(m.group(1).strip())
        if not name or j.code is None or legal_form_only(name):
            continue
        key = ctx.resolve(name) or ctx.ensure(name)
        ent = ctx.filing.entities[key]
        if ent.jurisdiction is None:
            ent.jurisdiction = j
            ent.cite("jurisdiction", ctx.source(m.start() - len(name), m.end()))
    for m in (
        _ADDRESS.finditer(text, start, end)
        if low is None or "address" in low or "office" in low
        else ()
    ):
        okey = ctx.resolve(m.group(1))
        if okey is None:
            continue
        if re.search(r"each|director|officer", m.group(1), re.I):
            continue
        addr_text = m.group(2).strip()
        last = addr_text.rsplit(",", 1)[-1]
        addr = Address(kind="principal office", text=addr_text, country=jurisdiction(last).country)
        addr.source = ctx.source(m.start(), m.end())
        ent = ctx.filing.entities[okey]
        if all(a.text != addr_text for a in ent.addresses):
            ent.addresses.append(addr)
    for m in _BUSINESS.finditer(text, start, end) if "business" in region else ():
        okey = ctx.resolve(m.group(1))
        if okey is None:
            continue
        ent = ctx.filing.entities[okey]
        if ent.principal_business is None:
            ent.principal_business = m.group(2).strip()
            ent.cite("principal_business", ctx.source(m.start(), m.end()))
