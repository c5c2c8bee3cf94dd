"""The records every export writer works on: parties, filings and the relations between
them, each relation with its exact values and its provenance.

May import: the standard library only.

Examples
--------
>>> data = sample_data(shares=100)
>>> [e.name for e in data.entities.values()], data.relations[0].kind
(['A Ltd', 'B Inc'], 'holding')
>>> data.filing_of(data.relations[0]) is None
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Entity", "ExportData", "FilingInfo", "Relation", "sample_data"]


@dataclass
class Entity:
    """A party: a company, fund, government body or natural person."""

    iri: str
    name: str
    kind: str = "unknown"
    is_person: bool = False
    aliases: list[str] = field(default_factory=list)
    short_names: list[str] = field(default_factory=list)
    cik: str | None = None
    lei: str | None = None
    cusip6: list[str] = field(default_factory=list)
    jurisdiction: str | None = None
    jurisdiction_text: str | None = None
    citizenship: str | None = None
    citizenship_text: str | None = None
    given_name: str | None = None
    family_name: str | None = None
    addresses: list[str] = field(default_factory=list)
    filings: list[str] = field(default_factory=list)


@dataclass
class FilingInfo:
    """A filing: its form, accession number, date and sec.gov address where known."""

    iri: str
    label: str
    form: str | None = None
    accession: str | None = None
    date: str | None = None
    url: str | None = None
    source_path: str | None = None
    reporting_persons: list[str] = field(default_factory=list)


@dataclass
class Relation:
    """An edge from ``source`` to ``target`` with its exact values and its provenance."""

    iri: str
    kind: str
    source: str
    target: str
    filing: str | None = None
    date: str | None = None
    label: str | None = None
    section: str | None = None
    quote: str | None = None
    values: dict[str, Any] = field(default_factory=dict)


@dataclass
class ExportData:
    """What an export writes: parties by IRI, filings by IRI, and the relations."""

    entities: dict[str, Entity]
    filings: dict[str, FilingInfo]
    relations: list[Relation]

    def filing_of(self, rel: Relation) -> FilingInfo | None:
        """The filing a relation was read from, when it is known."""
        return self.filings.get(rel.filing) if rel.filing else None


def sample_data(*, date: str | None = None, **values: Any) -> ExportData:
    """Two companies, ``urn:a`` (A Ltd) holding ``urn:b`` (B Inc), with ``values`` on the
    holding ``urn:h`` (dated ``date``): the smallest export, for the writers' examples.

    >>> sample_data(shares=100).relations[0].values
    {'shares': 100}
    """
    a, b = Entity("urn:a", "A Ltd", "company"), Entity("urn:b", "B Inc", "company")
    return ExportData(
        {a.iri: a, b.iri: b},
        {},
        [Relation("urn:h", "holding", a.iri, b.iri, date=date, values=values)],
    )
