"""The structured XML's items, exhibits, signatures and documents; the narrative of
Items 2, 4, 5 and 6 through the shared section readers.

May import: :mod:`.xml_base`, :mod:`ownergraph.loaders.sections` and what they may import.
"""

from __future__ import annotations

import re

from lxml import etree

from ownergraph.loaders.formats.xml_base import (
    _ADDRESS_PARTS,
    _NARRATIVE_ITEMS,
    ITEM_TITLES_13D,
    ITEM_TITLES_13G,
    XmlReaderBase,
    _all,
    _children,
    _first,
    _flag,
    _lname,
    _text,
)
from ownergraph.loaders.formats.xml_people import (
    authority_chain,
    control_kind,
    read_exhibits,
    role_kinds,
    role_title,
    signer_name,
)
from ownergraph.loaders.formats.xml_safe import local_name
from ownergraph.loaders.sections.item_values import institution, is_not_applicable
from ownergraph.normalize import (
    entity_key,
    looks_like_person,
    parse_date,
)
from ownergraph.record import (
    Document,
    Entity,
    EntityKind,
    Exhibit,
    Item,
    Role,
    Signature,
)

__all__ = ["ItemsReader"]

#: item elements that are flags, not statements
_ITEM_FLAGS = ("notapplicableflag", "classownership5percentorless")


class ItemsReader(XmlReaderBase):
    """Reads the items, exhibits, signatures and the documents list."""

    def item_text(self, item: etree._Element, number: str, record: Item) -> list[str]:
        parts: list[str] = []
        for child in _children(item):
            lname = _lname(child)
            section = f"Item {number}, {local_name(child)}"
            if _children(child):
                if any(_lname(c) in _ADDRESS_PARTS for c in _children(child)):
                    addr = self.address(child, "principal office", section)
                    if addr is not None:
                        parts.append(addr.text)
                        record.cite(local_name(child), addr.source)
                else:
                    parts.extend(self.item_text(child, number, record))
                continue
            text = _text(child)
            if not text:
                continue
            record.cite(local_name(child), self.src(section, text))
            if lname == "notapplicableflag":
                if _flag(text):
                    parts.append("Not applicable.")
                continue
            if _flag(text) is not None or (len(text) <= 3 and text.isupper()):
                words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", local_name(child)).lower()
                parts.append(f"{words}: {text}")
                continue
            parts.append(text)
        return parts

    def read_items(self) -> None:
        f = self.filing
        container = _first(self.root, ("items1to7", "items"))
        titles = ITEM_TITLES_13D if self.schedule == "13D" else ITEM_TITLES_13G
        mine: list[Item] = []
        for item in _children(container) if container is not None else []:
            m = re.fullmatch(r"item(\d+)", _lname(item))
            if m is None:
                continue
            number = str(int(m.group(1)))
            record = Item(number=number, title=titles.get(number, f"Item {number}"), text="")
            parts = self.item_text(item, number, record)
            if not parts:
                continue
            self.item_values(item, number, record)
            record.text = "\n\n".join(parts)
            record.source = self.src(f"Item {number}", record.text)
            mine.append(record)
        f.items.extend(mine)
        narrative = [
            i for i in mine if i.number in _NARRATIVE_ITEMS and i.text != "Not applicable."
        ]
        if narrative:
            self.run_narrative(narrative, {i.number for i in mine})

    def item_values(self, item: etree._Element, number: str, record: Item) -> None:
        """The values an item's elements state: ``notApplicableFlag`` (or a text that
        only says "Not applicable"), Item 3's ``typeOfPersonFiling`` and Item 5's
        ``classOwnership5PercentOrLess``."""
        flag_el = _first(item, ("notapplicableflag",))
        flag = _flag(_text(flag_el))
        texts = [
            (el, t)
            for el in item.iter()
            if isinstance(el.tag, str)
            and el is not item
            and not _children(el)
            and _lname(el) not in _ITEM_FLAGS
            and (t := _text(el))
        ]
        if flag or (texts and all(is_not_applicable(t) for _el, t in texts)):
            record.not_applicable = True
            el, t = (flag_el, _text(flag_el) or "") if flag else texts[0]
            record.cite("not_applicable", self.src(f"Item {number}, {local_name(el)}", t))
        elif flag is False and flag_el is not None:
            record.not_applicable = False
            quote = _text(flag_el) or ""
            record.cite("not_applicable", self.src(f"Item {number}, {local_name(flag_el)}", quote))
        for el in _all(item, ("typeofpersonfiling", "othertypeofpersonfiling")):
            raw = _text(el) or ""
            label = institution(raw)
            if label is None:
                continue
            if label not in record.institution_types:
                record.institution_types.append(label)
                record.cite("institution_types", self.src(f"Item {number}, {local_name(el)}", raw))
        five_el = _first(item, ("classownership5percentorless",))
        five = _flag(_text(five_el))
        if five is not None and five_el is not None:
            record.five_percent_or_less = five
            record.cite(
                "five_percent_or_less",
                self.src(f"Item {number}, {local_name(five_el)}", _text(five_el) or ""),
            )

    def run_narrative(self, items: list[Item], numbers: set[str]) -> None:
        f = self.filing
        text = "\n\n".join(f"Item {i.number}. {i.title}\n\n{i.text}" for i in items)
        before = len(f.items)
        try:
            from ownergraph.loaders.sections.narrative import parse_narrative

            parse_narrative(text, f, document=self.document)
        except Exception as e:  # another module's bug must not lose the cover pages
            self.warn(f"the narrative reader failed on the XML items ({type(e).__name__}: {e})")
            return
        added = f.items[before:]
        kept = [i for i in added if i.number not in numbers]
        del f.items[before:]
        f.items.extend(kept)

    def read_exhibits(self) -> None:
        f = self.filing
        for el in _all(self.root, ("filedexhibits", "exhibitinfo")):
            text = _text(el)
            if not text:
                continue
            for line in read_exhibits(text):
                if any(x.number == line.number and x.title == line.title for x in f.exhibits):
                    continue
                ex = Exhibit(number=line.number, title=line.title, date=line.date)
                ex.source = self.src(f"Exhibits, {local_name(el)}", line.quote)
                f.exhibits.append(ex)

    def read_signatures(self) -> None:
        f = self.filing
        blocks = _all(self.root, ("signatureperson", "signatureinformation"))
        dates = []
        for block in blocks:
            who_el = _first(block, ("signaturereportingperson", "reportingpersonname"))
            who = _text(who_el)
            if not who:
                continue
            base = f"Signature, {who}"
            party = self.named(who, base)
            acting_for = party
            for details in _all(block, ("signaturedetails",)):
                sig_el = _first(details, ("signature",))
                title_el = _first(details, ("title",))
                date_el = _first(details, ("date",))
                sig_text = _text(sig_el) or ""
                title_text = _text(title_el) or ""
                date_text = _text(date_el)
                signer_text = signer_name(sig_text) if sig_text else ""
                if not signer_text and title_text:
                    signer_text = signer_name(title_text.split(",")[0])
                capacity = role_title(title_text, signer_text) if title_text else None
                signature = Signature(entity=acting_for.key, title=capacity)
                signature.source = self.src(base, sig_text or title_text)
                if title_el is not None and title_text:
                    signature.cite("title", self.src(f"{base}, title", title_text))
                if date_text:
                    signature.date = parse_date(date_text)
                    signature.cite("date", self.src(f"{base}, date", date_text))
                    if signature.date:
                        dates.append(signature.date)
                if signer_text:
                    signer = self.read_signer(signature, acting_for, signer_text, capacity, base)
                    if signer is not None and signer.kind != EntityKind.PERSON:
                        acting_for = signer
                for chain_text in (sig_text, title_text):
                    self.read_chain(chain_text, party, base)
                f.signatures.append(signature)
        if dates and f.signature_date is None:
            f.signature_date = max(dates)

    def read_signer(
        self, signature: Signature, party: Entity, signer: str, capacity: str | None, base: str
    ) -> Entity | None:
        """Record who signed for ``party`` and in what capacity; return the signer."""
        f = self.filing
        if capacity is None and party.kind == EntityKind.PERSON:
            # A person signing for themselves, perhaps spelled otherwise ("Braden M Leonard").
            if signer not in party.all_names():
                party.aliases.append(signer)
            signature.signer = party.key
            signature.cite("signer", self.src(f"{base}, signature", signer))
            return party
        kind = EntityKind.PERSON if looks_like_person(signer) else None
        person = self.named(signer, f"{base}, signature", kind)
        signature.signer = person.key
        signature.cite("signer", self.src(f"{base}, signature", signer))
        if person.key == party.key:
            return person
        on_behalf = None
        m = re.search(
            r"attorney[- ]in[- ]fact\s+(?:for|of|on behalf of)\s+([^,;]+)", capacity or "", re.I
        )
        if m:
            target = f.entities.get(entity_key(m.group(1)))
            on_behalf = target.key if target is not None else None
        role = Role(
            person=person.key,
            organization=party.key,
            title=capacity or "Signatory",
            kinds=role_kinds(capacity),
            on_behalf_of=on_behalf,
            section="Signature",
            source=self.src(base, f"{signer}, {capacity}" if capacity else signer),
        )
        if not any(
            r.person == role.person
            and r.organization == role.organization
            and r.title == role.title
            for r in f.roles
        ):
            f.roles.append(role)
        control = control_kind(capacity) if person.kind != EntityKind.PERSON else None
        if control is not None:
            self.add_control(person, party, control, self.src(base, f"{signer}, {capacity}"))
        return person

    def read_chain(self, text: str, party: Entity, base: str) -> None:
        f = self.filing
        previous = party
        for name, capacity, control in authority_chain(text):
            actor = self.named(name, f"{base}, signature", EntityKind.UNKNOWN)
            if actor.key == previous.key:
                continue
            if not any(
                r.person == actor.key and r.organization == previous.key and r.title == capacity
                for r in f.roles
            ):
                f.roles.append(
                    Role(
                        person=actor.key,
                        organization=previous.key,
                        title=capacity,
                        kinds=[k for k in role_kinds(capacity)],
                        section="Signature",
                        source=self.src(base, text),
                    )
                )
            if control is not None:
                self.add_control(actor, previous, control, self.src(base, text))
            previous = actor

    def read_documents(self) -> None:
        f = self.filing
        for doc in _all(self.root, ("document",)):
            if _first(doc, ("conformedname", "conformeddocumenttype")) is None:
                continue
            f.documents.append(
                Document(
                    type=_text(_first(doc, ("conformeddocumenttype",))) or "document",
                    filename=_text(_first(doc, ("conformedname",))),
                    description=_text(_first(doc, ("description",))),
                )
            )
