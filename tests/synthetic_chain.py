"""A synthetic multi-level ownership graph with a cross-holding cycle, built from
Filing records through graph.build (shared by the analytics and query tests).

    D --70% majority--> A --controls (majority, 60%)--> B --30% of class--> X
                        ^                               |
                        +------- 20% ------ C <--15%----+

Filings (each its own graph):
- F1 2020-01-10: X's 13D: B holds 300 shares, 30% of the class, 25% of all shares,
  40% of voting power; A controls B (majority, 60%); A holds 60% of B.
- F2 2020-06-01: B holds 15% of C; C holds 20% of A (the cycle A -> B -> C -> A);
  person P is a director of A and of C.
- F3 2021-03-01: D holds 70% of A (majority), without a cycle back.
- F4 2022-02-01: amendment of F1: B now holds 120 shares, 12% of the class.
- F5 2023-01-01: C reports that it holds nothing in A any more.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ownergraph.graph.build import build_graph
from ownergraph.graph.identity import entity_iri
from ownergraph.graph.store import GraphStore
from ownergraph.record import (
    ControlKind,
    ControlLink,
    CoverPage,
    Entity,
    EntityKind,
    Filing,
    FilingReference,
    Holding,
    Role,
    Source,
)

__all__ = ["CIKS", "iri", "load", "synthetic_filings"]

CIKS = {"A": "1001", "B": "1002", "C": "1003", "D": "1004", "X": "1005"}
NAMES = {
    "A": "Alpha Holdings Ltd.",
    "B": "Beta Investments LLC",
    "C": "Gamma Capital Inc.",
    "D": "Delta Group Corp.",
    "X": "Xeno Therapeutics, Inc.",
}


def iri(letter: str) -> str:
    """The IRI of one of the synthetic companies."""
    return str(entity_iri(cik=CIKS[letter]))


def _filing(acc: str, date: dt.date, issuer: str, *letters: str, form: str = "SC 13D") -> Filing:
    f = Filing(form=form, schedule="13D", accession=acc, filed_date=date, issuer=issuer)
    for x in {issuer, *letters}:
        f.add_entity(Entity(key=x, name=NAMES[x], kind=EntityKind.COMPANY, cik=CIKS[x]))
    return f


def _src(quote: str) -> Source:
    return Source("Item 2", quote)


def synthetic_filings() -> list[Filing]:
    """F1 to F5, as described in the module docstring."""
    f1 = _filing("0000000001-20-000001", dt.date(2020, 1, 10), "X", "A", "B")
    f1.event_date = dt.date(2020, 1, 5)
    f1.cover_pages.append(
        CoverPage(
            number=1,
            person="B",
            aggregate=300,
            percent_of_class=Decimal("30"),
            percent_of_total=Decimal("25"),
            percent_of_voting=Decimal("40"),
            source=_src("B: 300 shares, 30%"),
        )
    )
    f1.controls.append(
        ControlLink(
            controller="A",
            controlled="B",
            kind=ControlKind.MAJORITY,
            percent=Decimal("60"),
            source=_src("A holds a majority (60%) of B"),
        )
    )
    f1.holdings.append(
        Holding(holder="A", issuer="B", percent_of_class=Decimal("60"), source=_src("60% of B"))
    )

    f2 = _filing("0000000001-20-000002", dt.date(2020, 6, 1), "C", "A", "B")
    f2.holdings.append(
        Holding(holder="B", issuer="C", percent_of_class=Decimal("15"), source=_src("B 15% of C"))
    )
    f2.holdings.append(
        Holding(holder="C", issuer="A", percent_of_class=Decimal("20"), source=_src("C 20% of A"))
    )
    f2.add_entity(Entity(key="p", name="Pat Q. Person", kind=EntityKind.PERSON))
    f2.roles.append(Role(person="p", organization="A", title="Director", kinds=["director"]))
    f2.roles.append(Role(person="p", organization="C", title="Director", kinds=["director"]))

    f3 = _filing("0000000001-21-000003", dt.date(2021, 3, 1), "A", "D")
    f3.holdings.append(
        Holding(holder="D", issuer="A", percent_of_class=Decimal("70"), source=_src("D 70% of A"))
    )

    f4 = _filing("0000000001-22-000004", dt.date(2022, 2, 1), "X", "B", form="SC 13D/A")
    f4.amendment_number = 1
    f4.amends = FilingReference("the Schedule 13D", accession="0000000001-20-000001")
    f4.cover_pages.append(
        CoverPage(number=1, person="B", aggregate=120, percent_of_class=Decimal("12"))
    )

    f5 = _filing("0000000001-23-000005", dt.date(2023, 1, 1), "A", "C", form="SC 13D/A")
    f5.cover_pages.append(
        CoverPage(number=1, person="C", aggregate=0, percent_of_class=Decimal("0"))
    )
    return [f1, f2, f3, f4, f5]


def load(store: GraphStore, upto: int = 5) -> GraphStore:
    """Write the first ``upto`` synthetic filings into ``store``."""
    for f in synthetic_filings()[:upto]:
        name, g = build_graph(f)
        store.replace_graph(name, g)
    return store
