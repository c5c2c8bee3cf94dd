"""FollowTheMoney (FtM) entities as JSON lines, built and checked with ``followthemoney``.

The schemata, as Aleph / OpenAleph and the ``ftm`` tool know them:

* parties: ``Person`` (first and last name, nationality), ``Company`` (companies and
  funds; CIK as ``cikCode``, LEI, jurisdiction), ``Organization`` (government bodies),
  ``LegalEntity`` (a party of unknown kind);
* a holding or a control link with a percentage: ``Ownership`` (``owner``, ``asset``,
  ``percentage`` of the class, ``sharesCount``, ``sharesType``, ``startDate``, ``role``
  direct/indirect and the nature); a control link without one: ``UnknownLink``;
* a director or officer role: ``Directorship`` (``director``, ``organization``, ``role``);
  other roles (notice contact, counsel, signatory) and board nominations: ``UnknownLink``;
* each share class held or traded: ``Security`` (``issuer``, ``name``);
* a share transfer: ``Payment`` (``payer`` the buyer, ``beneficiary`` the seller, exact
  ``amount`` and ISO 4217 ``currency``, ``date``, ``purpose``) under the ``Contract`` it
  was agreed in.

Every entity carries ``sourceUrl`` (the sec.gov address, where the store has
``og:secUrl``), ``publisher``, ``recordId`` or ``notes`` with the filing, accession,
section, and the quoted text in ``description``. Numbers stay exact: FtM keeps values
as strings, written from ``int`` and ``Decimal``. IDs are ``og-`` plus a SHA-1 of the
IRI, stable from one export to the next.

May import: :mod:`ownergraph.exports.reader` and the foundation.

Examples
--------
>>> from decimal import Decimal
>>> from ownergraph.exports.reader import sample_data
>>> data = sample_data(percent_of_class=Decimal("60.5"))
>>> proxies = list(entities_for(data))
>>> [p.schema.name for p in proxies]
['Company', 'Company', 'Ownership']
>>> proxies[2].get("percentage")
['60.5']
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import IO, Any

from followthemoney import model
from followthemoney.proxy import EntityProxy

from ownergraph.exports.reader import (
    Entity,
    ExportData,
    FilingInfo,
    Relation,
    role_categories_of,
    role_kinds,
)

__all__ = ["entities_for", "ftm_id", "write_ftm"]

_PUBLISHER = "SEC EDGAR (Schedule 13D/13G), via ownergraph"


def ftm_id(iri: str) -> str:
    """The stable FtM ID of the node ``iri``.

    >>> ftm_id("urn:a") == ftm_id("urn:a"), ftm_id("urn:a").startswith("og-")
    (True, True)
    """
    return "og-" + hashlib.sha1(iri.encode("utf-8")).hexdigest()


def _make(schema: str, iri: str) -> EntityProxy:
    proxy = model.make_entity(schema)
    proxy.id = ftm_id(iri)
    return proxy


def _add(proxy: EntityProxy, prop: str, value: Any) -> None:
    if value is None or value == "" or value == []:
        return
    for v in value if isinstance(value, list) else [value]:
        proxy.add(prop, str(v), quiet=False)


def _country(code: str | None) -> str | None:
    return code[:2].lower() if code else None


def _party(e: Entity, data: ExportData) -> EntityProxy:
    if e.is_person:
        proxy = _make("Person", e.iri)
        _add(proxy, "firstName", e.given_name)
        _add(proxy, "lastName", e.family_name)
        _add(proxy, "nationality", _country(e.citizenship))
    else:
        schema = {"company": "Company", "fund": "Company", "government": "Organization"}.get(
            e.kind, "LegalEntity"
        )
        proxy = _make(schema, e.iri)
        if schema == "Company":
            _add(proxy, "cikCode", e.cik)
        elif e.cik:
            _add(proxy, "registrationNumber", e.cik)
        _add(proxy, "jurisdiction", _country(e.jurisdiction))
        _add(proxy, "leiCode", e.lei)
    _add(proxy, "name", e.name)
    _add(proxy, "alias", sorted(set(e.aliases) | set(e.short_names)))
    _add(proxy, "address", e.addresses)
    _add(proxy, "publisher", _PUBLISHER)
    filings = [data.filings[f] for f in e.filings if f in data.filings]
    _add(proxy, "sourceUrl", sorted({f.url for f in filings if f.url}))
    _add(proxy, "notes", sorted({_cite(f) for f in filings}))
    return proxy


def _cite(filing: FilingInfo) -> str:
    return f"{filing.label}" + (f" (accession {filing.accession})" if filing.accession else "")


def _published(proxy: EntityProxy, filing: FilingInfo | None) -> None:
    """The publisher, and the sec.gov address and citation of the filing when known."""
    _add(proxy, "publisher", _PUBLISHER)
    if filing is not None:
        _add(proxy, "sourceUrl", filing.url)
        _add(proxy, "notes", _cite(filing))


def _provenance(proxy: EntityProxy, rel: Relation, data: ExportData) -> None:
    filing = data.filing_of(rel)
    _add(proxy, "recordId", rel.iri)
    _add(proxy, "publisher", _PUBLISHER)
    summary = "; ".join(p for p in (_cite(filing) if filing else None, rel.section) if p)
    _add(proxy, "summary", summary)
    _add(proxy, "description", rel.quote)
    if filing is not None:
        _add(proxy, "sourceUrl", filing.url)


def _edge(
    schema: str, rel: Relation, data: ExportData, ends: tuple[str, str], **props: Any
) -> EntityProxy:
    """The ``schema`` proxy of ``rel`` (one per source party): the source and target in
    the properties ``ends``, the relation's date as ``startDate``, ``props``, and the
    relation's provenance."""
    proxy = _make(schema, rel.iri + "#" + rel.source)
    _add(proxy, ends[0], ftm_id(rel.source))
    _add(proxy, ends[1], ftm_id(rel.target))
    _add(proxy, "startDate", rel.date)
    for prop, value in props.items():
        _add(proxy, prop, value)
    _provenance(proxy, rel, data)
    return proxy


def _link(rel: Relation, data: ExportData, role: str) -> EntityProxy:
    return _edge("UnknownLink", rel, data, ("subject", "object"), role=role)


def _relation(rel: Relation, data: ExportData, seen: set[str]) -> Iterator[EntityProxy]:
    v = rel.values
    if rel.kind == "holding" or (rel.kind == "control" and v.get("percent") is not None):
        direct = v.get("direct")
        role = [] if direct is None else ["direct" if direct else "indirect"]
        role += [str(x) for x in (v.get("nature"), *role_kinds(rel)) if x]
        yield _edge(
            "Ownership",
            rel,
            data,
            ("owner", "asset"),
            percentage=v.get("percent_of_class", v.get("percent")),
            sharesCount=v.get("shares"),
            sharesType=v.get("share_class_label"),
            role=role,
        )
    elif rel.kind == "control":
        yield _link(rel, data, "controls: " + (", ".join(role_kinds(rel)) or "stated"))
    elif rel.kind == "role":
        kinds = role_kinds(rel)
        title = str(v.get("title") or ", ".join(kinds))
        if role_categories_of(rel) and not data.entities[rel.target].is_person:
            yield _edge("Directorship", rel, data, ("director", "organization"), role=title)
        else:
            yield _link(rel, data, title)
    elif rel.kind == "nomination":
        yield _link(rel, data, f"nominated {v.get('nominee_name') or 'a director'} to the board")
    elif rel.kind == "transaction":
        yield from _payment(rel, data, seen)


def _payment(rel: Relation, data: ExportData, seen: set[str]) -> Iterator[EntityProxy]:
    v = rel.values
    contract_id = ftm_id(str(v["agreement"])) if v.get("agreement") else None
    if v.get("agreement") and str(v["agreement"]) not in seen:
        seen.add(str(v["agreement"]))
        contract = _make("Contract", str(v["agreement"]))
        _add(contract, "name", v.get("agreement_title"))
        _add(contract, "title", v.get("agreement_title"))
        _add(contract, "contractDate", v.get("agreement_date"))
        _published(contract, data.filing_of(rel))
        yield contract
    proxy = _make("Payment", rel.iri)
    _add(proxy, "payer", ftm_id(rel.target))
    _add(proxy, "beneficiary", ftm_id(rel.source))
    _add(proxy, "amount", v.get("amount"))
    _add(proxy, "currency", v.get("currency"))
    _add(proxy, "date", v.get("date") or rel.date)
    _add(proxy, "endDate", v.get("closing_date"))
    _add(proxy, "contract", contract_id)
    terms = [str(rel.label or "share transfer")]
    if v.get("price_per_share") is not None:
        terms.append(f"price per share {v['price_per_share']} {v.get('currency', '')}".strip())
    if v.get("status"):
        terms.append(str(v["status"]))
    _add(proxy, "purpose", "; ".join(terms))
    _add(proxy, "programme", v.get("share_class_label"))
    _provenance(proxy, rel, data)
    yield proxy


def _securities(data: ExportData) -> Iterator[EntityProxy]:
    seen: set[str] = set()
    for rel in data.relations:
        cls = rel.values.get("share_class")
        if not cls or cls in seen:
            continue
        issuer = rel.target if rel.kind == "holding" else rel.values.get("issuer")
        if issuer not in data.entities:
            continue
        seen.add(str(cls))
        proxy = _make("Security", str(cls))
        _add(proxy, "name", rel.values.get("share_class_label") or "shares")
        _add(proxy, "issuer", ftm_id(str(issuer)))
        _published(proxy, data.filing_of(rel))
        yield proxy


def entities_for(data: ExportData) -> Iterator[EntityProxy]:
    """The FtM entities for ``data``: parties, then securities, then the links."""
    for iri in sorted(data.entities):
        yield _party(data.entities[iri], data)
    yield from _securities(data)
    contracts: set[str] = set()
    for rel in data.relations:
        yield from _relation(rel, data, contracts)


def write_ftm(data: ExportData, dest: IO[bytes]) -> int:
    """Write ``data`` as FtM JSON lines (one entity per line); returns the entity count."""
    count = 0
    for proxy in entities_for(data):
        line = json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True)
        dest.write(line.encode("utf-8") + b"\n")
        count += 1
    return count
