"""IRIs for entities, filings and the nodes inside a filing.

Identity rules, strongest first:

1. a CIK gives ``id/cik/<10 digits>`` (so a renamed company stays one node);
2. an issuer with a CUSIP but no CIK gives ``id/cusip6/<first six characters>``;
3. otherwise the name fingerprint (legal-form spellings folded) gives ``id/org/<slug>`` or, for
   people, ``id/person/<slug>``.

Examples
--------
>>> entity_iri(cik="1234")
rdflib.term.URIRef('https://w3id.org/ownergraph/id/cik/0000001234')
>>> entity_iri(cusip="90138A103")
rdflib.term.URIRef('https://w3id.org/ownergraph/id/cusip6/90138A')
>>> entity_iri(name="Tuspark Innovation Venture Ltd.")
rdflib.term.URIRef('https://w3id.org/ownergraph/id/org/innovation-ltd-tuspark-venture')
>>> entity_iri(name="Chuilan ZENG", person=True) == entity_iri(name="ZENG Chuilan", person=True)
True
>>> filing_iri("0001193125-21-162136")
rdflib.term.URIRef('https://w3id.org/ownergraph/id/filing/0001193125-21-162136')
"""

from __future__ import annotations

import re

from rdflib import URIRef

from ownergraph.normalize.names import fingerprint

__all__ = ["ID", "entity_iri", "filing_iri", "local_iri", "slug"]

ID = "https://w3id.org/ownergraph/id/"


def slug(text: str) -> str:
    """Lower-case letters, digits and hyphens only.

    Examples
    --------
    >>> slug("Exhibit 99.2 / §6")
    'exhibit-99-2-6'
    """
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def entity_iri(
    *,
    cik: str | None = None,
    cusip: str | None = None,
    name: str | None = None,
    person: bool = False,
) -> URIRef:
    """The IRI of an entity from its strongest identifier."""
    if cik and cik.strip().isdigit() and int(cik) > 0:
        return URIRef(f"{ID}cik/{int(cik):010d}")
    if cusip and len(re.sub(r"[^0-9A-Za-z]", "", cusip)) >= 6:
        return URIRef(f"{ID}cusip6/{re.sub(r'[^0-9A-Za-z]', '', cusip)[:6].upper()}")
    if not name:
        raise ValueError("an entity needs a CIK, a CUSIP or a name")
    kind = "person" if person else "org"
    return URIRef(f"{ID}{kind}/{slug(fingerprint(name))}")


def filing_iri(accession_or_hash: str) -> URIRef:
    """The IRI of a filing, which is also the name of its graph."""
    return URIRef(f"{ID}filing/{slug(accession_or_hash)}")


def local_iri(filing: URIRef, kind: str, *parts: object) -> URIRef:
    """The IRI of a node that belongs to one filing (a holding, a role, a source).

    Examples
    --------
    >>> local_iri(filing_iri("0001"), "holding", 1)
    rdflib.term.URIRef('https://w3id.org/ownergraph/id/filing/0001/holding/1')
    """
    tail = "/".join(slug(str(p)) for p in parts)
    return URIRef(f"{filing}/{kind}/{tail}" if tail else f"{filing}/{kind}")
