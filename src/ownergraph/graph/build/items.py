"""The values the Items state and the parts of addresses, beside the nodes that
:mod:`.narrative` (items) and :mod:`.entities` (addresses) build.

``og:notApplicable``, ``og:institutionType`` and ``og:fivePercentOrLess`` on each
``og:Item``; ``og:previouslyFiled13G`` on the filing; ``og:street``, ``og:city``,
``og:region`` and ``og:postalCode`` on an ``og:Address`` whose format gave its parts.
Their source spans come with the nodes' own (the records' field sources, mapped in
:data:`.terms.FIELD_PROPERTIES`).

May import: :mod:`.narrative` and what it may import.

Examples
--------
>>> from rdflib import XSD, Literal
>>> from ownergraph.record import Filing, Item, Source
>>> from ownergraph.graph.build import build_graph
>>> from ownergraph.ontology import OG
>>> f = Filing(form="SC 13G", schedule="13G", accession="0000000000-25-000001")
>>> it = Item(number="3", title="Type of Person Filing", text="HC", not_applicable=False,
...           institution_types=["parent holding company"])
>>> it.cite("institution_types", Source("Item 3, typeOfPersonFiling", "HC"))
>>> f.items.append(it)
>>> name, g = build_graph(f)
>>> item = g.value(predicate=OG.itemNumber, object=Literal("3", datatype=XSD.string))
>>> str(g.value(item, OG.institutionType)), g.value(item, OG.notApplicable).toPython()
('parent holding company', False)
>>> span = next(s for s in g.objects(item, OG.source) if g.value(s, OG.fact) == OG.institutionType)
>>> str(g.value(span, OG.quote))
'HC'
"""

from ownergraph.graph.build.narrative import NarrativeBuilder
from ownergraph.ontology import OG

__all__ = ["ItemValueBuilder"]


class ItemValueBuilder(NarrativeBuilder):
    """The Items' values, the previously-filed box and the address parts."""

    def build_item_values(self) -> None:
        self.add(self.name, OG.previouslyFiled13G, self.f.previously_filed)
        for i, it in enumerate(self.f.items, 1):
            iri = self.local("item", i)
            self.add(iri, OG.notApplicable, it.not_applicable)
            for label in it.institution_types:
                self.add(iri, OG.institutionType, label)
            self.add(iri, OG.fivePercentOrLess, it.five_percent_or_less)
        for e in self.f.entities.values():
            for i, a in enumerate(e.addresses, 1):
                a_iri = self.local("address", e.key, i)
                self.add(a_iri, OG.street, a.street)
                self.add(a_iri, OG.city, a.city)
                self.add(a_iri, OG.region, a.region)
                self.add(a_iri, OG.postalCode, a.postal_code)
