"""The load path reads a filing's identity and issuer triples once (``api.loading._watched``)
for both the re-pointing plan and the batch's change record: what those two get from that
subset must be what they would get from every triple of the filing.

The filings are crafted: a name-only fund loaded first, then a filing that gives the
same fund a CIK (so the plan re-points the first filing's node), with an issuer each.
"""

from __future__ import annotations

from ownergraph.api.loading import _watched
from ownergraph.graph.build import build_triples
from ownergraph.graph.build.sink import OxTerms
from ownergraph.graph.changes import Changes
from ownergraph.graph.resolve import IdentityResolver
from ownergraph.graph.store import GraphStore
from ownergraph.ontology import OG

from .records import fund_filing


def test_the_watched_triples_are_the_identity_and_issuer_triples_only() -> None:
    _, triples = build_triples(fund_filing("0000000001-24-000001", "42"))
    watched = _watched(triples)
    wanted = {OG.cik, OG.fingerprint, OG.cusip6, OG.kind, OG.issuer}
    assert watched == [t for t in triples if t[1] in wanted]
    assert {p for _, p, _ in watched} == wanted - {OG.cusip6}
    assert len(watched) < len(triples) / 5


def test_the_plan_and_the_changes_are_the_same_from_the_watched_triples(
    memory_store: GraphStore,
) -> None:
    resolver = IdentityResolver(memory_store)
    first = fund_filing("0000000001-24-000001", None)
    name, triples = build_triples(first, resolve=resolver)
    memory_store.write_graph(name, OxTerms().quads(triples, name), [])

    name, triples = build_triples(fund_filing("0000000001-24-000002", "42"), resolve=resolver)
    full_plan = resolver.plan(name, triples)
    watched_plan = resolver.plan(name, _watched(triples))
    assert full_plan == watched_plan
    assert len(full_plan) == 1  # the first filing's name-only fund goes to the CIK node

    full, watched = Changes(), Changes()
    before = full.before(memory_store, name)
    full.add(name, triples, full_plan, before)
    watched.add(name, _watched(triples), watched_plan, before)
    assert full == watched
    assert full.issuers and full.entities
