"""Trading symbols from EDGAR's ticker list, kept in a named graph of their own.

A filing seldom states its issuer's ticker, but an investigator starts from one
(``ownergraph chain VNET``). When ``fetch`` resolves a company through EDGAR's
``company_tickers.json``, the tickers it lists for that CIK are stored as ``og:ticker``
on the company's CIK node, in the graph :data:`TICKER_GRAPH`, whose ``og:secUrl`` is the
address of the list they came from. Lookup (:mod:`ownergraph.graph.lookup`) then finds
the company by ticker.

May import: the store, identity and the ontology.

Examples
--------
>>> from ownergraph.graph.store import GraphStore
>>> store = GraphStore.open(None)
>>> g = Graph(identifier=URIRef("urn:x:filing"))
>>> _ = g.add((entity_iri(cik="1508475"), OG.fingerprint, Literal("vnet group")))
>>> _ = store.replace_graph(URIRef("urn:x:filing"), g)
>>> record_tickers(store, {"1508475": ["VNET"]})
1
>>> [str(i) for i in entities_with_ticker(store, "vnet")]
['https://w3id.org/ownergraph/id/cik/0001508475']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, XSD

from ownergraph.graph.identity import ID, entity_iri
from ownergraph.graph.store import GraphStore
from ownergraph.ontology import OG

__all__ = ["TICKER_GRAPH", "TICKER_LIST_URL", "entities_with_ticker", "record_tickers"]

#: the named graph that holds the tickers (not a filing: it has no og:Filing node)
TICKER_GRAPH = URIRef(f"{ID}graph/edgar-tickers")

#: where the tickers come from (the citation, whatever mirror the fetch used)
TICKER_LIST_URL = "https://www.sec.gov/files/company_tickers.json"


def record_tickers(store: GraphStore, tickers: Mapping[str, Sequence[str]]) -> int:
    """Add ``{cik: [ticker, ...]}`` to the ticker graph; the count of tickers added."""
    if not tickers:
        return 0
    graph = Graph(identifier=TICKER_GRAPH)
    if store.has_graph(TICKER_GRAPH):
        for triple in store.graph(TICKER_GRAPH):
            graph.add(triple)
    before = len(graph)
    graph.add((TICKER_GRAPH, RDFS.label, Literal("Tickers from EDGAR's company ticker list")))
    graph.add((TICKER_GRAPH, OG.secUrl, Literal(TICKER_LIST_URL, datatype=XSD.anyURI)))
    added = 0
    for cik, symbols in tickers.items():
        iri = entity_iri(cik=cik)
        for symbol in symbols:
            triple = (iri, OG.ticker, Literal(symbol.strip().upper()))
            if symbol.strip() and triple not in graph:
                graph.add(triple)
                added += 1
    if len(graph) != before:
        store.replace_graph(TICKER_GRAPH, graph)
    return added


def entities_with_ticker(store: GraphStore, ticker: str) -> list[URIRef]:
    """The entities EDGAR's list gives ``ticker`` (case-insensitive), that the store holds."""
    # the symbol as a constant escaped by Oxigraph, read straight from Oxigraph: no
    # rdflib SPARQL engine for a lookup (a third of a second of a command's start)
    symbol = ox.Literal(ticker.strip().upper())
    text = (
        f"SELECT DISTINCT ?e WHERE {{ GRAPH <{TICKER_GRAPH}> {{ ?e <{OG}ticker> {symbol} }} "
        f"?e <{OG}fingerprint> ?fp }}"
    )
    return [URIRef(row[0].value) for row in store.select(text)[1]]
