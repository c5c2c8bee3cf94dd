"""Beneficial Ownership Data Standard (BODS) 0.4: entity, person and relationship statements.

Each party becomes one entity or person statement (``recordId`` its IRI); each holding,
control link, director or officer role, board nomination and pending or completed share
transfer becomes a relationship statement whose ``interests`` say what the interested
party has in the subject:

* a holding: ``shareholding`` (percent of the class) and ``votingRights`` (percent of the
  voting power, or any voting power stated), ``direct`` or ``indirect`` (a holder that
  holds through a party it controls), else ``unknown``;
* a control link: ``shareholding`` when a percentage or "wholly owned" / "majority" is
  stated, else ``otherInfluenceOrControl``; percentages ``exact`` when the filing states
  one, else a range (``majority`` is more than 50, ``minority stake`` less than 50);
* a director: ``boardMember``; an officer: ``seniorManagingOfficial``; a nomination of a
  board member: ``appointmentOfBoard``;
* a share transfer to a buyer other than the issuer: ``conditionalRightsGrantedByContract``
  while pending, ``shareholding`` once completed, with the terms in ``details``.

Every statement has a ``statementDate`` (the filing's date), a ``source`` (type
``selfDeclaration``; the filing, accession, section and quote in ``description``; the
sec.gov ``url`` where the store has ``og:secUrl``; the reporting persons in ``assertedBy``)
and, for relationships, an annotation quoting the filing text. Percentages are written as
exact JSON numbers from ``Decimal`` (``11.4``, never ``11.399999``). Statement IDs are
SHA-256 digests of the IRIs, so they are stable from one export to the next.

May import: :mod:`ownergraph.exports.reader`, :mod:`ownergraph.output`, the foundation.

Examples
--------
>>> from decimal import Decimal
>>> from ownergraph.exports.reader import sample_data
>>> data = sample_data(date="2024-01-02", percent_of_class=Decimal("60.5"), direct=True)
>>> statements = list(statements_for(data))
>>> [s["recordType"] for s in statements]
['entity', 'entity', 'relationship']
>>> statements[2]["recordDetails"]["interests"][0]["share"]
{'exact': Decimal('60.5')}
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from decimal import Decimal
from typing import IO, Any

from ownergraph.exports.reader import (
    Entity,
    ExportData,
    FilingInfo,
    Relation,
    role_categories_of,
)
from ownergraph.output import json_value

__all__ = ["BODS_VERSION", "statement_id", "statements_for", "write_bods"]

BODS_VERSION = "0.4"


def statement_id(kind: str, iri: str) -> str:
    """A stable 64-character statement ID for the statement of ``kind`` about ``iri``.

    >>> len(statement_id("entity", "urn:a")), statement_id("entity", "urn:a") == statement_id("entity", "urn:a")
    (64, True)
    """
    return hashlib.sha256(f"ownergraph:{kind}:{iri}".encode()).hexdigest()


def _publication(today: str) -> dict[str, Any]:
    return {
        "publicationDate": today,
        "bodsVersion": BODS_VERSION,
        "publisher": {"name": "ownergraph (from SEC Schedule 13D/13G filings)"},
    }


def _source(data: ExportData, filing: FilingInfo | None, rel: Relation | None) -> dict[str, Any]:
    parts: list[str] = []
    if filing is not None:
        parts.append(filing.label)
        if filing.accession:
            parts.append(f"accession {filing.accession}")
    if rel is not None and rel.section:
        parts.append(rel.section)
    if rel is not None and rel.quote:
        parts.append(f"“{_short(rel.quote, 500)}”")
    source: dict[str, Any] = {"type": ["selfDeclaration"]}
    if parts:
        source["description"] = "; ".join(parts)
    if filing is not None and filing.url:
        source["url"] = filing.url
    if filing is not None:
        asserted = [
            {"name": data.entities[p].name} for p in filing.reporting_persons if p in data.entities
        ]
        if asserted:
            source["assertedBy"] = asserted
    return source


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _identifiers(e: Entity) -> list[dict[str, str]]:
    ids = []
    if e.cik:
        ids.append({"id": e.cik, "scheme": "US-SEC", "schemeName": "SEC Central Index Key"})
    if e.lei:
        ids.append({"id": e.lei, "scheme": "XI-LEI", "schemeName": "Legal Entity Identifier"})
    ids += [{"id": c, "schemeName": "CUSIP issuer number"} for c in e.cusip6]
    return ids


def _party_details(e: Entity) -> tuple[str, dict[str, Any]]:
    if e.is_person:
        name: dict[str, Any] = {"type": "legal", "fullName": e.name}
        if e.given_name:
            name["givenName"] = e.given_name
        if e.family_name:
            name["familyName"] = e.family_name
        details: dict[str, Any] = {
            "isComponent": False,
            "personType": "knownPerson",
            "names": [name] + [{"type": "alternative", "fullName": a} for a in e.aliases],
        }
        code = e.citizenship or e.jurisdiction
        if code and len(code) == 2:
            details["nationalities"] = [{"name": e.citizenship_text or code, "code": code}]
        if e.addresses:
            details["addresses"] = [{"type": "service", "address": a} for a in e.addresses]
    else:
        entity_type = {"government": "stateBody"}.get(e.kind, "registeredEntity")
        details = {
            "isComponent": False,
            "entityType": {"type": entity_type, "details": e.kind},
            "name": e.name,
        }
        if e.aliases or e.short_names:
            details["alternateNames"] = sorted(set(e.aliases) | set(e.short_names))
        if e.jurisdiction:
            details["jurisdiction"] = {
                "name": e.jurisdiction_text or e.jurisdiction,
                "code": e.jurisdiction[:6],
            }
        if e.addresses:
            details["addresses"] = [{"type": "business", "address": a} for a in e.addresses]
        if e.cusip6:
            details["publicListing"] = {"hasPublicListing": True}
    ids = _identifiers(e)
    if ids:
        details["identifiers"] = ids
    return ("person" if e.is_person else "entity"), details


def _share(values: dict[str, Any], key: str) -> dict[str, Decimal] | None:
    pct = values.get(key)
    if isinstance(pct, Decimal | int) and 0 <= pct <= 100:
        return {"exact": Decimal(pct)}
    return None


def _direct(rel: Relation) -> str:
    direct = rel.values.get("direct")
    return "unknown" if direct is None else ("direct" if direct else "indirect")


def _kinds(rel: Relation) -> list[str]:
    raw = rel.values.get("kind") or []
    return [str(k).lower() for k in (raw if isinstance(raw, list) else [raw])]


def _interests(rel: Relation, data: ExportData) -> list[dict[str, Any]]:
    v = rel.values
    start = rel.date
    out: list[dict[str, Any]] = []
    if rel.kind == "holding":
        detail = [str(v["share_class_label"])] if v.get("share_class_label") else []
        if v.get("shares") is not None:
            detail.append(f"{v['shares']} shares")
        if v.get("nature"):
            detail.append(str(v["nature"]))
        i: dict[str, Any] = {"type": "shareholding", "directOrIndirect": _direct(rel)}
        if share := _share(v, "percent_of_class"):
            i["share"] = share
        if detail:
            i["details"] = "; ".join(detail)
        out.append(i)
        voting = (v.get("sole_voting") or 0) + (v.get("shared_voting") or 0)
        if v.get("percent_of_voting") is not None or voting:
            iv: dict[str, Any] = {"type": "votingRights", "directOrIndirect": _direct(rel)}
            if share := _share(v, "percent_of_voting"):
                iv["share"] = share
            iv["details"] = (
                f"sole voting power {v.get('sole_voting', 0)}; shared {v.get('shared_voting', 0)}"
            )
            out.append(iv)
    elif rel.kind == "control":
        kinds = _kinds(rel)
        share = _share(v, "percent")
        if share is None and "wholly owned" in kinds:
            share = {"exact": Decimal(100)}
        if share is None and "majority" in kinds:
            share = {"exclusiveMinimum": Decimal(50), "maximum": Decimal(100)}
        if share is None and "minority stake" in kinds:
            share = {"minimum": Decimal(0), "exclusiveMaximum": Decimal(50)}
        i = {
            "type": "shareholding" if share is not None else "otherInfluenceOrControl",
            "directOrIndirect": "direct",
            "details": "control: " + (", ".join(kinds) or "stated"),
        }
        if share is not None:
            i["share"] = share
        out.append(i)
    elif rel.kind == "role":
        title = str(v.get("title") or ", ".join(sorted(set(_kinds(rel)))))
        categories = role_categories_of(rel)
        if "director" in categories:
            out.append({"type": "boardMember", "directOrIndirect": "direct", "details": title})
        if "officer" in categories:
            out.append(
                {"type": "seniorManagingOfficial", "directOrIndirect": "direct", "details": title}
            )
    elif rel.kind == "nomination":
        nominee = v.get("nominee_name") or "a director"
        out.append(
            {
                "type": "appointmentOfBoard",
                "directOrIndirect": "direct",
                "details": f"nominated {nominee} to the board",
            }
        )
    elif rel.kind == "transaction":
        status = str(v.get("status") or "")
        terms = [str(rel.label or "transfer")]
        if v.get("price_per_share") is not None:
            terms.append(
                f"at {v.get('currency', '')} {v['price_per_share']} per share".replace("  ", " ")
            )
        if v.get("amount") is not None:
            terms.append(f"for {v.get('currency', '')} {v['amount']}".replace("  ", " "))
        if v.get("agreement_title"):
            terms.append(f"under the {v['agreement_title']}")
        if status:
            terms.append(status)
        i = {
            "type": "conditionalRightsGrantedByContract"
            if status != "completed"
            else "shareholding",
            "directOrIndirect": "direct",
            "details": "; ".join(terms),
        }
        out.append(i)
    for i in out:
        if start and rel.kind != "transaction":
            i["startDate"] = start
        elif rel.kind == "transaction" and v.get("closing_date"):
            i["startDate"] = str(v["closing_date"])
    return out


def _relationship_ends(rel: Relation) -> tuple[str, str] | None:
    """(subject, interested party) of the relationship statement for ``rel``."""
    if rel.kind in ("holding", "control", "role", "nomination"):
        return rel.target, rel.source
    if rel.kind == "transaction":
        issuer = rel.values.get("issuer")
        kinds = _kinds(rel)
        if not issuer or rel.target == issuer or "conversion" in kinds or rel.target == rel.source:
            return None
        return str(issuer), rel.target
    return None


def statements_for(data: ExportData, today: str | None = None) -> Iterator[dict[str, Any]]:
    """The BODS statements for ``data``: parties first, then relationships."""
    today = today or dt.date.today().isoformat()
    publication = _publication(today)
    first_filing: dict[str, FilingInfo] = {}
    for e in data.entities.values():
        dated = sorted(
            (f for f in (data.filings.get(i) for i in e.filings) if f is not None),
            key=lambda f: f.date or "9999",
        )
        if dated:
            first_filing[e.iri] = dated[-1]
    for iri in sorted(data.entities):
        e = data.entities[iri]
        record_type, details = _party_details(e)
        filing = first_filing.get(iri)
        yield {
            "statementId": statement_id(record_type, iri),
            "statementDate": (filing.date if filing else None) or today,
            "publicationDetails": publication,
            "source": _source(data, filing, None),
            "declarationSubject": iri,
            "recordId": iri,
            "recordType": record_type,
            "recordStatus": "new",
            "recordDetails": details,
        }
    for rel in data.relations:
        ends = _relationship_ends(rel)
        if ends is None:
            continue
        subject, party = ends
        if subject not in data.entities or data.entities[subject].is_person:
            continue  # BODS: the subject of a relationship must be an entity
        interests = _interests(rel, data)
        if not interests:
            continue
        filing = data.filing_of(rel)
        record_id = f"{rel.iri}#{party}"
        statement: dict[str, Any] = {
            "statementId": statement_id("relationship", record_id),
            "statementDate": (filing.date if filing else None) or rel.date or today,
            "publicationDetails": publication,
            "source": _source(data, filing, rel),
            "declarationSubject": subject,
            "recordId": record_id,
            "recordType": "relationship",
            "recordStatus": "new",
            "recordDetails": {
                "isComponent": False,
                "subject": subject,
                "interestedParty": party,
                "interests": interests,
            },
        }
        if rel.quote:
            statement["annotations"] = [
                {
                    "statementPointerTarget": "/recordDetails/interests",
                    "motivation": "commenting",
                    "description": _short(
                        f"{rel.section + ': ' if rel.section else ''}“{rel.quote}”", 2000
                    ),
                }
            ]
        yield statement


def write_bods(data: ExportData, dest: IO[bytes], today: str | None = None) -> int:
    """Write ``data`` as a BODS 0.4 JSON array to ``dest``; returns the statement count.

    Statements are written one by one (one per line inside the array), so the writer
    holds one statement at a time.
    """
    dest.write(b"[\n")
    count = 0
    for statement in statements_for(data, today):
        if count:
            dest.write(b",\n")
        dest.write(json_value(statement).encode("utf-8"))
        count += 1
    dest.write(b"\n]\n")
    return count
