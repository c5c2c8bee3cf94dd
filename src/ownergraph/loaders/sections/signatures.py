"""Signature blocks: "ENTITY / By: /s/ Name / Name: ... / Title: ...".

Examples
--------
>>> from ownergraph.record import Filing
>>> from ownergraph.loaders.sections.mentions import Context
>>> t = "SIGNATURE\\nDated: May 14, 2021\\nAcme Capital LLC\\nBy: /s/ Jane Doe\\nName: Jane Doe\\nTitle: Managing Member\\n\\n/s/ John Roe\\nJohn Roe"
>>> ctx = Context(t, Filing(form="SC 13D", schedule="13D"))
>>> blocks = find_signature_blocks(ctx, 0, len(t))
>>> [(b.entity_name, b.signer, b.title, b.date) for b in blocks]
[('Acme Capital LLC', 'Jane Doe', 'Managing Member', datetime.date(2021, 5, 14)), (None, 'John Roe', None, datetime.date(2021, 5, 14))]
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ownergraph.loaders.sections.mentions import (
    Context,
    has_legal_form,
    legal_form_only,
    title_kinds,
)
from ownergraph.normalize import looks_like_person, parse_date
from ownergraph.record import EntityKind, Role, Signature

__all__ = ["SignatureBlock", "find_signature_blocks", "parse_signatures"]

_BY = re.compile(
    r"^[ \t]*(?:By:?[ \t]*)?/s/[ \t]*([^\n\t]{2,80}?)[ \t]*$|^[ \t]*By:[ \t]*([^\n]*?)[ \t]*$",
    re.M | re.I,
)
_FIELD = re.compile(r"^[ \t]*(Name|Title|Its|Date|Dated)[ \t]*:[ \t]*([^\n]*?)[ \t]*$", re.I)


@dataclass
class SignatureBlock:
    """One signature as read, before entities are resolved."""

    entity_name: str | None
    signer: str | None
    title: str | None
    date: dt.date | None
    start: int
    end: int


def find_signature_blocks(ctx: Context, start: int, end: int) -> list[SignatureBlock]:
    """Every "/s/" or "By:" block in ``text[start:end]``, with the date above it."""
    text = ctx.text
    out: list[SignatureBlock] = []
    for m in _BY.finditer(text, start, end):
        signer = (m.group(1) or "").strip() or None
        if signer is None and m.group(2) is not None:
            by = m.group(2).strip().strip("_ ")
            signer = by or None
        # lines above: the entity (and a date)
        segment = text[max(start, m.start() - 400) : m.start()]
        above_end = m.start() - (len(segment) - len(segment.rstrip()))  # where `above` ends
        above = segment.rstrip().split("\n")
        entity_name = None
        block_start = m.start()
        date = None
        consumed = 0
        for line in reversed(above):
            consumed += len(line) + 1
            s = line.strip()
            if not s:
                continue
            if re.match(r"(?:Dated?:?\s*)?\w+\s+\d{1,2},\s+\d{4}\s*$", s) or re.match(
                r"Dated?:", s, re.I
            ):
                date = parse_date(s)
                break
            if (
                entity_name is not None
                and legal_form_only(entity_name)
                and not _FIELD.match(s)
                and "/s/" not in s
                and len(s) < 120
            ):
                # "ACCIPITER LIFE SCIENCES FUND II (QP)," over "LP": one name on two lines
                entity_name = f"{s} {entity_name}"
                block_start = above_end - consumed + (len(line) - len(line.lstrip())) + 1
                continue
            if entity_name is None and not _FIELD.match(s) and "/s/" not in s and len(s) < 120:
                if s.endswith(":") or re.match(r"By\b", s):
                    break
                if (out and out[-1].end > above_end - consumed) or (
                    s.endswith((".", ",")) and not has_legal_form(s)
                ):
                    break
                entity_name = s.rstrip(":")
                block_start = above_end - consumed + (len(line) - len(line.lstrip())) + 1
                continue
            break
        if entity_name is not None and legal_form_only(entity_name):
            entity_name = None
        title = None
        name_field = None
        pos = m.end()
        for _ in range(6):
            nl = text.find("\n", pos + 1)
            line = text[pos + 1 : nl if nl >= 0 else end].strip()
            if nl < 0 or nl > end:
                nl = end
            if not line:
                pos = nl
                continue
            fm = _FIELD.match(line)
            if fm is None:
                if signer and name_field is None and title is None and line == signer:
                    pos = nl
                    continue
                if (
                    signer
                    and title is None
                    and name_field is None
                    and title_kinds(line)
                    and len(line) < 80
                ):
                    title = line
                    pos = nl
                break
            key, val = fm.group(1).lower(), fm.group(2).strip()
            if key == "name":
                name_field = val or None
            elif key in {"title", "its"}:
                title = val or None
            elif val and date is None:
                date = parse_date(val)
            pos = nl
        signer = name_field or signer
        if signer is not None and not re.search(r"[A-Za-z]{2}", signer):
            signer = None
        if date is None and out:
            date = out[-1].date
        if date is None:
            for line in reversed(text[max(start, m.start() - 1500) : m.start()].split("\n")):
                if re.match(r"\s*(?:Dated?:?\s*)?\w+\s+\d{1,2},\s+\d{4}\s*$", line):
                    date = parse_date(line)
                    break
        out.append(SignatureBlock(entity_name, signer, title, date, block_start, pos))
    return out


def parse_signatures(
    ctx: Context, start: int, end: int, *, section: str = "Signature"
) -> list[SignatureBlock]:
    """Add :class:`Signature` records and signatory :class:`Role` records for the blocks."""
    blocks = find_signature_blocks(ctx, start, end)
    for b in blocks:
        if b.signer is None:
            continue
        src = ctx.source(b.start, b.end, section)
        signer = ctx.person(b.signer, src)
        if b.entity_name and not (
            looks_like_person(b.entity_name)
            and not has_legal_form(b.entity_name)
            and ctx.resolve(b.entity_name) == signer
        ):
            entity = ctx.resolve(b.entity_name) or ctx.ensure(b.entity_name)
        else:
            entity = signer
        if ctx.filing.entities[signer].kind == EntityKind.UNKNOWN:
            ctx.filing.entities[signer].kind = EntityKind.PERSON
        sig = Signature(entity=entity, signer=signer, title=b.title, date=b.date, source=src)
        if all(
            (s.entity, s.signer, s.title) != (entity, signer, b.title)
            for s in ctx.filing.signatures
        ):
            ctx.filing.signatures.append(sig)
        if entity != signer:
            kinds = ["signatory", *title_kinds(b.title or "")]
            exists = any(
                r.person == signer
                and r.organization == entity
                and "signatory" in r.kinds
                and r.title == (b.title or "")
                for r in ctx.filing.roles
            )
            if not exists:
                ctx.filing.roles.append(
                    Role(
                        person=signer,
                        organization=entity,
                        title=b.title or "",
                        kinds=kinds,
                        section=section,
                        source=src,
                    )
                )
    return blocks
