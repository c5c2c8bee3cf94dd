"""The graph layer: RDF from Filing records, the store, identity, lookup and analytics.

- :mod:`.build` turns one :class:`~ownergraph.record.Filing` into the quads of its named
  graph; :mod:`.identity` gives the IRIs;
- :mod:`.store` is the Oxigraph store (on disk or in memory) used through rdflib;
- :mod:`.resolve` (one identity across filings), :mod:`.amendments` (which filing an
  amendment amends), :mod:`.names` (one display name per entity), :mod:`.lookup`
  (find an entity by name, alias, CIK or CUSIP);
- :mod:`.network` (the networkx projection) and :mod:`.analytics` (look-through chains).

May import: :mod:`ownergraph.record`, :mod:`ownergraph.normalize`,
:mod:`ownergraph.ontology`, :mod:`ownergraph.queries`, :mod:`ownergraph.output`,
:mod:`ownergraph.errors`; never the loaders, viewer, api or cli.
"""

__all__: list[str] = []
