"""People named in EDGAR's order (family name first), reconciled with how they sign.

The structured XML repeats a filer's EDGAR conformed name as ``reportingPersonName``
(``Gorzynski Michael``, ``LYTTON LAURENCE W``), and the same person signs in natural
order (``Michael Gorzynski``, ``Laurence W. Lytton``). This pass, run on every loaded
filing, makes the two one person:

- the given and family names come from the EDGAR order (family = first word), never from
  a guess, when the filing shows that order: a spelling of the same person in natural
  order with the first word last, or a name ending in a middle initial;
- the display name is the natural-order spelling the filing uses (the signature's), or
  the EDGAR name turned round when the filing has none; the EDGAR spelling stays an alias;
- a second entity the reader made for the natural-order spelling is folded in, unless it
  is a reporting person of its own cover page (two people, as a father and a son).

Only spellings from an EDGAR-ordered field are read this way: a cover name from the XML
(``reportingPersonName``) or from an SGML header (``COMPANY CONFORMED NAME``).

May import: ``formats.sgml_merge`` (merging entities), the foundation.

Examples
--------
>>> from ownergraph.record import Entity, EntityKind, Filing, Signature, Source
>>> f = Filing(form="SCHEDULE 13G", schedule="13G")
>>> src = Source("Cover page, reporting person 1, reportingPersonName", "LYTTON LAURENCE W")
>>> _ = f.add_entity(Entity(key="l", name="LYTTON LAURENCE W", kind=EntityKind.PERSON, source=src))
>>> _ = f.add_entity(Entity(key="s", name="Laurence W. Lytton", kind=EntityKind.PERSON))
>>> f.signatures.append(Signature(entity="l", signer="s"))
>>> reconcile_edgar_names(f)
>>> e = f.entities["l"]
>>> (sorted(f.entities), e.name, e.given_name, e.family_name, e.aliases, f.signatures[0].signer)
(['l'], 'Laurence W. Lytton', 'Laurence W', 'Lytton', ['LYTTON LAURENCE W'], 'l')
"""

from __future__ import annotations

from ownergraph.loaders.formats.sgml_merge import merge_into
from ownergraph.normalize.names import (
    edgar_name_parts,
    edgar_order_evident,
    edgar_reorders,
)
from ownergraph.record import Entity, EntityKind, Filing

__all__ = ["edgar_spelling", "reconcile_edgar_names"]

#: the source sections whose names EDGAR writes family name first
_EDGAR_FIELDS = ("reportingPersonName", "COMPANY CONFORMED NAME")


def edgar_spelling(entity: Entity) -> str | None:
    """The entity's name as an EDGAR-ordered field gave it, when one did."""
    src = entity.source
    if src is None or entity.kind != EntityKind.PERSON:
        return None
    if any(f in src.section or f in src.quote for f in _EDGAR_FIELDS):
        quote = src.quote.split(":", 1)[-1].strip() if ":" in src.quote else src.quote.strip()
        if quote in entity.all_names():
            return quote
    return None


def _natural(edgar: str) -> str:
    given, family = edgar_name_parts(edgar)
    given = " ".join(w + "." if len(w) == 1 else w for w in (given or "").split())
    return f"{given} {family}".strip()


def reconcile_edgar_names(filing: Filing) -> None:
    """Name each EDGAR-ordered person as described in the module docstring."""
    for key in list(filing.entities):
        entity = filing.entities.get(key)
        if entity is None:
            continue
        edgar = edgar_spelling(entity)
        if edgar is None:
            continue
        written = [n for n in entity.all_names() if n != edgar and edgar_reorders(edgar, n)]
        # a reporting person of its own cover page is another person ("John Smith Jr.")
        covered = {c.person for c in filing.cover_pages}
        for other in list(filing.entities.values()):
            if (
                other.key != key
                and other.key not in covered
                and other.kind == EntityKind.PERSON
                and other.cik in (None, entity.cik)
                and edgar_reorders(edgar, other.name)
            ):
                written.append(other.name)
                merge_into(filing, other.key, key)
        entity = filing.entities[key]
        if not written and not edgar_order_evident(edgar):
            continue
        entity.given_name, entity.family_name = edgar_name_parts(edgar)
        display = written[0] if written else _natural(edgar)
        if entity.name != display:
            if entity.name not in entity.aliases:
                entity.aliases.insert(0, entity.name)
            entity.name = display
        entity.aliases = [a for a in entity.aliases if a != display]
        if edgar not in entity.all_names():
            entity.aliases.append(edgar)
