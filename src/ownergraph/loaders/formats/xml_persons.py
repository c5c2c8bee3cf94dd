"""The structured XML's reporting persons: one cover page each, their entities and
control links, the persons to receive notices, and the filers.

May import: :mod:`.xml_base` and what it may import.
"""

from __future__ import annotations

import re

from lxml import etree

from ownergraph.loaders.formats.xml_base import (
    _P_CIK,
    _P_CITIZEN,
    _P_COMMENTS,
    _P_COUNTS,
    _P_EXCLUDES,
    _P_FUNDS,
    _P_GROUP,
    _P_LEGAL,
    _P_NAME,
    _P_NO_CIK,
    _P_PERCENT,
    _P_TYPES,
    _PERSON_BLOCKS,
    XmlReaderBase,
    _all,
    _cik,
    _first,
    _flag,
    _norm,
    _place,
    _same_cik,
    _slug,
    _text,
)
from ownergraph.loaders.formats.xml_people import (
    entity_kind,
    percent_basis,
    read_percent,
    read_shares,
)
from ownergraph.loaders.formats.xml_safe import local_name
from ownergraph.normalize import (
    entity_key,
    split_person_name,
)
from ownergraph.record import (
    CoverPage,
    Entity,
    EntityKind,
    Role,
    placeholder_name,
)

__all__ = ["PersonsReader"]


class PersonsReader(XmlReaderBase):
    """Reads the reporting persons, the notice persons and the filers."""

    def read_notice_persons(self, cover: etree._Element | None) -> None:
        for info in _all(cover, ("notificationinfo",)):
            name_el = _first(info, ("personname",))
            name = _text(name_el)
            if not name:
                continue
            section = "Cover page, person authorized to receive notices"
            person = self.named(name, f"{section}, personName")
            phone = _text(_first(info, ("personphonenum",)))
            addr_el = _first(info, ("personaddress",))
            addr = (
                self.address(addr_el, "notice", f"{section}, personAddress")
                if addr_el is not None
                else None
            )
            if addr is not None:
                addr.phone = phone
                if all(a.text != addr.text for a in person.addresses):
                    person.addresses.append(addr)
            role = Role(
                person=person.key,
                organization=None,
                title="Person authorized to receive notices and communications",
                kinds=["notice contact"],
                section="Cover page",
                source=self.src(f"{section}, personName", name),
            )
            self.filing.roles.append(role)
            if self.filing.notice_person is None:
                self.filing.notice_person = person.key
                self.filing.cite("notice_person", self.src(f"{section}, personName", name))

    def read_reporting_persons(self) -> None:
        f = self.filing
        blocks = _all(self.root, _PERSON_BLOCKS)
        offset = len(f.cover_pages)
        for n, block in enumerate(blocks, 1):
            number = offset + n
            name_el = _first(block, _P_NAME)
            name = _text(name_el)
            section = f"Cover page, reporting person {number}"
            if not name or name_el is None:
                self.warn(f"{section} has no reportingPersonName: skipped")
                continue

            def sec(el: etree._Element, base: str = section) -> str:
                return f"{base}, {local_name(el)}"

            type_els = [e for e in _all(block, _P_TYPES) if _text(e)]
            codes: list[str] = []
            for e in type_els:
                codes.extend(c.upper() for c in re.split(r"[\s,;/]+", _text(e) or "") if c)
            kind = entity_kind(codes, name)
            if "IN" in codes and kind != EntityKind.PERSON:
                self.warn(f"{section}: {name!r} is typed IN but is named as a trust or firm")
            cik_el = _first(block, _P_CIK)
            cik = _cik(_text(cik_el))
            entity = Entity(
                key=entity_key(name),
                name=name,
                kind=kind,
                cik=cik,
                reporting_type_codes=list(dict.fromkeys(codes)),
                source=self.src(sec(name_el), name),
            )
            if cik and cik_el is not None:
                entity.cite("cik", self.src(sec(cik_el), _text(cik_el) or ""))
            if kind == EntityKind.PERSON:
                entity.given_name, entity.family_name = split_person_name(name)
            cover = CoverPage(
                number=number, person=entity.key, cik=cik, share_class=f.subject_class
            )
            cover.source = self.src(section, name)
            cover.cite("person", self.src(sec(name_el), name))
            if cik and cik_el is not None:
                cover.cite("cik", self.src(sec(cik_el), _text(cik_el) or ""))
            no_cik_el = _first(block, _P_NO_CIK)
            if no_cik_el is not None and _text(no_cik_el):
                cover.no_cik = _flag(_text(no_cik_el))
                cover.cite("no_cik", self.src(sec(no_cik_el), _text(no_cik_el) or ""))
            group_el = _first(block, _P_GROUP)
            group = (_text(group_el) or "").strip().lower()
            if group_el is not None and group in ("a", "b"):
                cover.group_a = group == "a"
                cover.group_b = group == "b"
                cover.cite("group_a", self.src(sec(group_el), _text(group_el) or ""))
                cover.cite("group_b", self.src(sec(group_el), _text(group_el) or ""))
            elif group:
                self.warn(f"{section}: member of group {group!r} is neither (a) nor (b)")
            fund_els = [e for e in _all(block, _P_FUNDS) if _text(e)]
            for e in fund_els:
                for c in re.split(r"[\s,;/]+", _text(e) or ""):
                    if c and c.upper() not in cover.source_of_funds:
                        cover.source_of_funds.append(c.upper())
            if fund_els:
                quote = " ".join(_text(e) or "" for e in fund_els)
                cover.cite("source_of_funds", self.src(sec(fund_els[0]), quote))
            legal_el = _first(block, _P_LEGAL)
            if legal_el is not None and _text(legal_el):
                cover.legal_proceedings = _flag(_text(legal_el))
                cover.cite("legal_proceedings", self.src(sec(legal_el), _text(legal_el) or ""))
            cit_el = _first(block, _P_CITIZEN)
            cit_text = _text(cit_el)
            if cit_el is not None and cit_text:
                place = _place(cit_text)
                if place.code is None:
                    self.warn(f"{section}: place {cit_text!r} is not a known EDGAR or ISO code")
                cover.citizenship = place
                src = self.src(sec(cit_el), cit_text)
                cover.cite("citizenship", src)
                if kind == EntityKind.PERSON:
                    entity.citizenship = place
                    entity.cite("citizenship", src)
                else:
                    entity.jurisdiction = place
                    entity.cite("jurisdiction", src)
            for field_name, names in _P_COUNTS.items():
                el = _first(block, names)
                raw = _text(el)
                if el is None or raw is None:
                    continue
                value = read_shares(raw)
                if value is None:
                    self.warn(f"{section}: {local_name(el)} {raw!r} is not a number of shares")
                    continue
                setattr(cover, field_name, value)
                cover.cite(field_name, self.src(sec(el), raw))
            excl_el = _first(block, _P_EXCLUDES)
            if excl_el is not None and _text(excl_el):
                cover.excludes_certain_shares = _flag(_text(excl_el))
                cover.cite("excludes_certain_shares", self.src(sec(excl_el), _text(excl_el) or ""))
            pct_el = _first(block, _P_PERCENT)
            pct = _text(pct_el)
            if pct_el is not None and pct:
                cover.percent_text = pct
                cover.percent_of_class = read_percent(pct)
                if cover.percent_of_class is None:
                    self.warn(f"{section}: percent of class {pct!r} could not be read")
                else:
                    cover.cite("percent_of_class", self.src(sec(pct_el), pct))
            cover.type_codes = list(dict.fromkeys(codes))
            if type_els:
                quote = " ".join(_text(e) or "" for e in type_els)
                cover.cite("type_codes", self.src(sec(type_els[0]), quote))
            for el in _all(block, _P_COMMENTS):
                note = _text(el)
                if not note:
                    continue
                cover.footnotes.append(note)
                cover.cite("footnotes", self.src(sec(el), note))
                basis, as_of = percent_basis(note)
                if basis is not None and cover.basis_outstanding is None:
                    cover.basis_outstanding = basis
                    cover.cite("basis_outstanding", self.src(sec(el), note))
                    if as_of is not None:
                        cover.basis_as_of = as_of
                        cover.cite("basis_as_of", self.src(sec(el), note))
            entity = self.put(self.distinct(entity))
            cover.person = entity.key
            f.cover_pages.append(cover)
            if cover.group_a and entity.key not in f.group_members:
                f.group_members.append(entity.key)
        self.link_filers()

    def distinct(self, entity: Entity) -> Entity:
        """``entity`` with a key of its own when another party already holds its key.

        Name keys fold legal forms, so "ARCH Venture Partners XII, L.P." and "ARCH
        Venture Partners XII, LLC" meet on one key; two reporting persons (EDGAR forbids
        duplicate names) or two different CIKs are two parties, never one.
        """
        existing = self.filing.entities.get(entity.key)
        if existing is None or _norm(existing.name) == _norm(entity.name):
            return entity
        if entity.cik and _same_cik(existing.cik, entity.cik):
            return entity
        is_reporting = any(c.person == existing.key for c in self.filing.cover_pages)
        differs = bool(entity.cik and existing.cik and not _same_cik(entity.cik, existing.cik))
        if is_reporting or differs:
            key = _slug(entity.name)
            n = 2
            while key in self.filing.entities:
                key = f"{_slug(entity.name)}-{n}"
                n += 1
            entity.key = key
        return entity

    def link_filers(self) -> None:
        f = self.filing
        for cik, hint in self.filer_ciks:
            match = next((e for e in f.entities.values() if _same_cik(e.cik, cik)), None)
            if match is None and hint:
                key = entity_key(hint)
                match = f.entities.get(key)
                if match is not None and match.cik is None:
                    match.cik = cik
                    match.cite("cik", self.src("filerCredentials, cik", cik))
            if match is None:
                name = hint or placeholder_name(cik)
                match = self.put(
                    Entity(
                        key=entity_key(hint) if hint else f"cik-{int(cik)}",
                        name=name,
                        cik=cik,
                        source=self.src("filerCredentials, cik", cik),
                    )
                )
            if match.key not in f.filers:
                f.filers.append(match.key)
                f.cite("filers", self.src("filerCredentials, cik", cik))
