"""Directors and executive officers: Schedule A / Schedule I / Annex A tables.

Tables come as filing text, one row a line, cells separated by a tab (HTML and markdown
tables) or by runs of two or more spaces (plain-text filings). A line without cells
that names an organization starts that organization's group of rows.

Examples
--------
>>> from ownergraph.record import Filing
>>> from ownergraph.loaders.mentions import Context
>>> t = ("SCHEDULE A\\nAcme Holdings LLC\\nName\\tTitle\\tCitizenship\\n"
...      "Jane Q. Doe\\tChief Executive Officer\\tUnited States\\n\\nSIGNATURE\\n")
>>> ctx = Context(t, Filing(form="SC 13D", schedule="13D"))
>>> parse_officers(ctx)
>>> r = ctx.filing.roles[0]
>>> e = ctx.filing.entities
>>> (e[r.person].name, e[r.organization].name, r.kinds, e[r.person].citizenship.code)
('Jane Q. Doe', 'Acme Holdings LLC', ['ceo', 'officer'], 'US')
"""

from __future__ import annotations

import re

from ownergraph.loaders.items import find_heading_lines
from ownergraph.loaders.mentions import Context, has_legal_form, split_name_title, title_kinds
from ownergraph.normalize import jurisdiction, looks_like_person
from ownergraph.record import Address, EntityKind, Role

__all__ = ["find_officer_sections", "parse_officers"]

_SECTION = re.compile(
    r"^[ \t]*(?:(SCHEDULE|Schedule|ANNEX|Annex|APPENDIX|Appendix|EXHIBIT|Exhibit)[ \t]+([A-Z]{1,3}|\d{1,2}|[IVX]{1,4})"
    r"|((?:INFORMATION\s+(?:CONCERNING|REGARDING|WITH\s+RESPECT\s+TO)\s+(?:THE\s+)?)?"
    r"(?:EXECUTIVE\s+OFFICERS\s+AND\s+DIRECTORS|DIRECTORS\s+AND\s+(?:EXECUTIVE\s+)?OFFICERS|"
    r"MANAGERS\s+AND\s+(?:EXECUTIVE\s+)?OFFICERS)[^\n]{0,80}))[ \t]*$",
    re.M,
)
_BUSINESS_ADDRESS = re.compile(
    r"business\s+address\s+(?:for|of)\s+each\s+(?:such\s+)?(?:director|officer|person|manager)[^\n]{0,60}?\s+of\s+"
    r"([^\n]{1,100}?)\s+is\s+([^\n]{5,300}?)\.(?=\s+[A-Z]|\s*$)",
    re.I | re.M,
)
_HEADER_CELL = re.compile(r"\bname\b", re.I)


def find_officer_sections(text: str) -> list[tuple[int, int, str]]:
    """Spans (start, end, label) of officer and director schedules in ``text``."""
    headings = find_heading_lines(text)
    out: list[tuple[int, int, str]] = []
    for m in _SECTION.finditer(text):
        start = m.start()
        window = text[m.end() : m.end() + 3000]
        if m.group(1) and not re.search(
            r"director|officer|manager|general partner|trustee", window[:1500], re.I
        ):
            continue
        if (
            m.group(1)
            and re.match(r"exhibit", m.group(1), re.I)
            and not re.search(r"\bname\b", window[:600], re.I)
        ):
            continue
        end = len(text)
        for hs, _he, line in headings:
            if hs > m.end() + 1 and re.match(
                r"SIGNATURE|EXHIBIT|AGREEMENT|SCHEDULE|ANNEX|APPENDIX|[A-Z ]*AGREEMENT", line
            ):
                end = hs
                break
        label = f"{m.group(1).title()} {m.group(2)}" if m.group(1) else "Schedule A"
        if out and out[-1][0] <= start < out[-1][1]:
            continue  # a sub-heading inside the schedule already found
        out.append((start, end, label))
    return out


def _cells(line: str) -> list[str]:
    if "\t" in line:
        cells = [c.strip() for c in line.split("\t")]
    else:
        cells = [c.strip() for c in re.split(r" {2,}", line.strip())]
    return [c for c in cells if c]


def _columns(header: list[str]) -> dict[str, int]:
    cols: dict[str, int] = {}
    for i, h in enumerate(header):
        low = h.lower()
        if "name" in low and "name" not in cols:
            cols["name"] = i
            if re.search(r"position|title|office", low):
                cols["name+title"] = i
        elif re.search(r"occupation|employment", low) and "occupation" not in cols:
            cols["occupation"] = i
        elif re.search(r"position|title|office|capacity", low) and "title" not in cols:
            cols["title"] = i
        elif re.search(r"citizen|nationality", low):
            cols["citizenship"] = i
        elif "address" in low:
            cols["address"] = i
    return cols


def parse_officers(ctx: Context) -> None:
    """Add a :class:`Role` (and the person) for every row of every officer schedule."""
    text = ctx.text
    for start, end, label in find_officer_sections(text):
        ctx.add_section(start, end, label)
        addresses: dict[str, tuple[str, int, int]] = {}
        for m in _BUSINESS_ADDRESS.finditer(text, start, end):
            key = ctx.resolve(m.group(1))
            if key is not None:
                addresses[key] = (m.group(2).strip(), m.start(), m.end())
        org: str | None = None
        cols: dict[str, int] | None = None
        pos = start
        for raw in text[start:end].split("\n"):
            line_start, pos = pos, pos + len(raw) + 1
            line = raw.strip()
            if not line:
                continue
            cells = _cells(raw)
            if len(cells) <= 1:
                if (len(line) < 120 and not line.endswith((".", ":"))) or has_legal_form(line):
                    key = ctx.resolve(line)
                    if key is None and has_legal_form(line) and len(line.split()) <= 10:
                        key = ctx.ensure(line, kind=EntityKind.COMPANY)
                    if key is not None:
                        org, cols = key, None
                continue
            if _HEADER_CELL.search(cells[0]) and len(cells[0]) < 40:
                cols = _columns(cells)
                continue
            if cols is None:
                cols = {"name+title": 0, "name": 0} if len(cells) >= 2 else None
                if cols is not None and len(cells) >= 3:
                    cols.update({"occupation": 1, "citizenship": len(cells) - 1})
                if cols is None:
                    continue
            ni = cols.get("name", 0)
            if ni >= len(cells):
                continue
            title: str | None = None
            if "name+title" in cols:
                name, title = split_name_title(cells[ni])
            else:
                name = cells[ni]
                ti = cols.get("title")
                title = cells[ti] if ti is not None and ti < len(cells) else None
            if not looks_like_person(name) and not (title and title_kinds(title)):
                continue
            oi, ci = cols.get("occupation"), cols.get("citizenship")
            occupation = cells[oi] if oi is not None and oi < len(cells) else None
            citizenship = cells[ci] if ci is not None and ci < len(cells) else None
            if title is None and occupation and title_kinds(occupation):
                title = occupation
            src = ctx.source(line_start, line_start + len(raw), label)
            person = ctx.person(name, src)
            ent = ctx.filing.entities[person]
            ent.kind = EntityKind.PERSON
            if citizenship:
                j = jurisdiction(citizenship)
                if ent.citizenship is None:
                    ent.citizenship = j
                    ent.cite("citizenship", src)
            if org is not None and org in addresses:
                addr_text, a0, a1 = addresses[org]
                if all(a.text != addr_text for a in ent.addresses):
                    last = addr_text.rsplit(",", 1)[-1]
                    ent.addresses.append(
                        Address(
                            kind="business",
                            text=addr_text,
                            country=jurisdiction(last).country,
                            source=ctx.source(a0, a1, label),
                        )
                    )
            ai = cols.get("address")
            if ai is not None and ai < len(cells) and cells[ai].strip():
                ent.addresses.append(Address(kind="business", text=cells[ai], source=src))
            role = Role(
                person=person,
                organization=org,
                title=title or (occupation or ""),
                kinds=title_kinds(title or ""),
                occupation=occupation,
                section=label,
                source=src,
            )
            ctx.filing.roles.append(role)
