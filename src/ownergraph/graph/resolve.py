"""One identity across filings: resolving name-only entities against the store.

Each filing is built on its own (:func:`ownergraph.graph.build.build_graph`), and an
entity's IRI comes from its strongest identifier *in that filing*
(:mod:`ownergraph.graph.identity`): a CIK, else (issuers) the CUSIP's first six
characters, else the name fingerprint. A party that one filing names with its CIK and
another only by name would get two nodes. This module joins them.

Design (re-pointing, not ``owl:sameAs``)
----------------------------------------
*While a filing is built*, :class:`IdentityResolver` gives every entity without a CIK
the IRI of the one entity with a CIK that it matches -- in the store or in the same
filing: for an issuer by CUSIP6 first, then for any entity by an exact name
fingerprint (legal-form spellings folded). A match must be unique and of a compatible
kind (a person never takes a company's CIK); otherwise the name IRI stays. The node then
carries ``og:identityMatch`` (``"fingerprint: <fp>"`` or ``"cusip6: <code>"``) in the
filing's graph, so the reader sees why two spellings are one node.

*After a filing is written*, :meth:`IdentityResolver.link` looks the other way: each
entity of the new filing that has a CIK takes over the name-only (or CUSIP6) nodes of
filings loaded before it that would now resolve to it. Those nodes are *re-pointed*: in
every graph that holds them, the old IRI is replaced by the CIK IRI and the same
``og:identityMatch`` note is added -- exactly the triples that building that filing
again now would give.

Why re-point: queries, lookup and analytics need no ``owl:sameAs`` reasoning; every
filing's graph stays self-contained (each still holds all its own facts, only the
entity IRI changed); and loads stay idempotent and order-free -- loading A then B, B
then A, or either again, ends in the same store. A re-pointed graph is not changed back
when the filing that brought the CIK is removed later (reload the other filing to
rebuild it from its own evidence alone).

Examples
--------
>>> from ownergraph.graph.store import GraphStore, Repoint
>>> from ownergraph.graph.build import build_graph
>>> from ownergraph.record import CoverPage, Entity, EntityKind, Filing
>>> def filing(acc, cik):
...     f = Filing(form="SC 13G", schedule="13G", accession=acc, issuer="acme")
...     _ = f.add_entity(Entity(key="acme", name="Acme Corp.", kind=EntityKind.COMPANY))
...     _ = f.add_entity(Entity(key="fund", name="Blue Fund, L.P.", cik=cik,
...                             kind=EntityKind.FUND))
...     f.cover_pages.append(CoverPage(number=1, person="fund", aggregate=10))
...     return f
>>> store = GraphStore.open(None)
>>> r = IdentityResolver(store)
>>> for f in (filing("0000000001-24-000001", None), filing("0000000001-24-000002", "42")):
...     name, g = build_graph(f, resolve=r)
...     _ = store.replace_graph(name, g)
...     _ = r.link(g)
>>> r.repointed  # the fund of the first filing is now the CIK node of the second
1
>>> len(list(store.quads(None, OG.holder, entity_iri(cik="42"), None)))
2
>>> str(next(store.quads(entity_iri(cik="42"), OG.identityMatch, None, None))[2])
'fingerprint: blue fund lp'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from ownergraph.graph.identity import ID, entity_iri
from ownergraph.graph.store import GraphStore, Repoint
from ownergraph.normalize.names import fingerprint
from ownergraph.ontology import OG
from ownergraph.record import Entity, EntityKind, Filing

__all__ = ["CIK_PREFIX", "IDENTITY_PROPERTIES", "IdentityResolver", "Resolution", "issuer_cusip6"]

#: IRIs of entities identified by their CIK start with this
CIK_PREFIX = f"{ID}cik/"

_PERSON = "person"
_ORG_KINDS = frozenset({"company", "fund", "government"})


def issuer_cusip6(cusip: str | None) -> str | None:
    """The issuer part (first six characters) of a CUSIP, upper-case, or ``None``.

    Examples
    --------
    >>> issuer_cusip6("90138a 10 3"), issuer_cusip6("12"), issuer_cusip6(None)
    ('90138A', None, None)
    """
    if not cusip:
        return None
    compact = "".join(ch for ch in cusip if ch.isalnum()).upper()
    return compact[:6] if len(compact) >= 6 else None


@dataclass(frozen=True)
class Resolution:
    """The IRI chosen for an entity and why (``None`` when its own identifier was used)."""

    iri: URIRef
    match: str | None = None
    #: the match is another entity of the same filing (not one of the store)
    in_filing: bool = False


def _string(text: str) -> Literal:
    return Literal(text, datatype=XSD.string)


def _compatible(kind: str | None, other_kinds: set[str]) -> bool:
    """A person never joins an organisation and the other way round."""
    if kind is None or not other_kinds:
        return True
    if kind == _PERSON:
        return not (other_kinds & _ORG_KINDS) or _PERSON in other_kinds
    if kind in _ORG_KINDS:
        return _PERSON not in other_kinds or bool(other_kinds & _ORG_KINDS)
    return True


@dataclass
class IdentityResolver:
    """Resolves entities of a filing being built against the entities in ``store``.

    Pass it to ``build_graph(filing, resolve=resolver)``; after the filing's graph is
    written, call :meth:`link` with that graph. ``repointed`` counts the nodes that
    :meth:`link` joined to a CIK node so far.
    """

    store: GraphStore
    repointed: int = 0
    resolved: int = 0
    _seen: dict[str, set[URIRef]] = field(default_factory=dict, repr=False)
    _overlay: tuple[URIRef, dict[URIRef, dict[URIRef, set[str]]]] | None = field(
        default=None, repr=False
    )

    # -- while building ---------------------------------------------------------------

    def resolve(self, filing: Filing, entity: Entity, default: URIRef) -> Resolution:
        """The IRI for ``entity`` of ``filing``: ``default`` unless a unique CIK match.

        The store is read as it will be once the filing is written: without the graph
        that an earlier load of the same filing left (:meth:`_kept` reads that one, for
        its identity notes alone), so a reload resolves as the first load did.
        """
        if str(default).startswith(CIK_PREFIX):
            return Resolution(default)
        from ownergraph.graph.build.base import filing_graph_name

        outer = self._overlay
        self._overlay = (filing_graph_name(filing), {})
        try:
            return self._resolve(filing, entity, default)
        finally:
            self._overlay = outer

    def _resolve(self, filing: Filing, entity: Entity, default: URIRef) -> Resolution:
        kind = entity.kind.value if entity.kind != EntityKind.UNKNOWN else None
        cusip6 = entity.cusip6 or (
            issuer_cusip6(filing.cusip) if entity.key == filing.issuer else None
        )
        kept = self._kept(filing, entity, cusip6)
        if kept is not None:
            self.resolved += 1
            return kept
        if cusip6:
            own = _own_ciks(filing, entity, cusip6=cusip6)
            hits = own | self._ciks_with(OG.cusip6, cusip6)
            hits = {h for h in hits if _compatible(kind, self._kinds(h))}
            if len(hits) == 1:
                self.resolved += 1
                hit = hits.pop()
                return Resolution(hit, f"cusip6: {cusip6}", hit in own)
        for fp in sorted({fingerprint(n) for n in entity.all_names()}):
            own = _own_ciks(filing, entity, fp=fp)
            hits = own | self._ciks_with(OG.fingerprint, fp)
            hits = {h for h in hits if _compatible(kind, self._kinds(h))}
            if len(hits) == 1:
                self.resolved += 1
                hit = hits.pop()
                return Resolution(hit, f"fingerprint: {fp}", hit in own)
        return Resolution(default)

    def _kept(self, filing: Filing, entity: Entity, cusip6: str | None) -> Resolution | None:
        """A reload keeps the CIK node that the stored version of the same filing's
        graph gives this entity (with its ``og:identityMatch`` note): what a re-pointing
        or an earlier build decided, so that loading a filing again changes nothing,
        even where a later filing made the match ambiguous. Whether the match is within
        the filing is decided as :meth:`resolve` decides it (the same note gives the
        same node group, so the same labels)."""
        from ownergraph.graph.build.base import filing_graph_name

        name = filing_graph_name(filing)
        wanted: list[tuple[str, dict[str, str]]] = (
            [(f"cusip6: {cusip6}", {"cusip6": cusip6})] if cusip6 else []
        )
        wanted += [
            (f"fingerprint: {fp}", {"fp": fp})
            for fp in sorted({fingerprint(n) for n in entity.all_names()})
        ]
        for note, key in wanted:
            nodes = {
                q[0]
                for q in self.store.quads(None, OG.identityMatch, _string(note), name)
                if _is_cik(q[0])
            }
            if len(nodes) == 1:
                node = URIRef(str(nodes.pop()))
                return Resolution(node, note, node in _own_ciks(filing, entity, **key))
        return None

    def _ciks_with(self, prop: URIRef, value: str) -> set[URIRef]:
        return {s for s in self._subjects(prop, value) if str(s).startswith(CIK_PREFIX)}

    def _kinds(self, iri: URIRef) -> set[str]:
        return self._values(iri, OG.kind)

    # -- when writing ------------------------------------------------------------------

    def plan(self, name: URIRef, triples: Iterable[tuple[Any, Any, Any]]) -> list[Repoint]:
        """The re-pointing that writing ``triples`` as graph ``name`` brings about.

        Name-only (or CUSIP6) nodes of the filings in the store that would now resolve
        to a CIK node of the new graph, as :meth:`link` finds them after the write; here
        computed before it, against the store as it will be (graph ``name`` replaced), so
        that :meth:`GraphStore.write_graph` applies the graph and the re-pointing in one
        transaction. ``repointed`` counts them.
        """
        facts: dict[URIRef, dict[URIRef, set[str]]] = {}
        for s, p, o in triples:
            if p in IDENTITY_PROPERTIES and isinstance(s, URIRef):
                facts.setdefault(s, {}).setdefault(p, set()).add(str(o))
        self._overlay = (name, facts)
        try:
            out: list[Repoint] = []
            for cik_node in sorted(n for n, f in facts.items() if OG.cik in f and _is_cik(n)):
                fps = facts[cik_node].get(OG.fingerprint, set())
                cusips = facts[cik_node].get(OG.cusip6, set())
                for old in sorted(self._name_nodes(fps, cusips)):
                    target = self._target(old)
                    if target is None or target[0] != cik_node:
                        continue
                    out.append(Repoint(old, cik_node, (OG.identityMatch, _string(target[1]))))
        finally:
            self._overlay = None
        self.repointed += len(out)
        return out

    def link(self, graph: Graph) -> int:
        """Re-point name-only nodes of earlier filings to the CIK nodes of ``graph``
        (already written), each in its own transaction. Returns the number re-pointed.

        The load path uses :meth:`plan` and :meth:`GraphStore.write_graph` instead.
        """
        name = URIRef(str(graph.identifier))
        repoints = self.plan(name, graph)
        for r in repoints:
            self.store.repoint(r.old, r.new, r.note)
        return len(repoints)

    # -- lookups: the store, with the graph being written in place of its old version ---

    def _subjects(self, prop: URIRef, value: str) -> set[URIRef]:
        found: set[URIRef] = set()
        skip = self._overlay[0] if self._overlay is not None else None
        for q in self.store.quads(None, prop, _string(value), None):
            if isinstance(q[0], URIRef) and (skip is None or q[3] != skip):
                found.add(q[0])
        if self._overlay is not None:
            found |= {s for s, f in self._overlay[1].items() if value in f.get(prop, ())}
        return found

    def _values(self, iri: URIRef, prop: URIRef) -> set[str]:
        skip = self._overlay[0] if self._overlay is not None else None
        found = {str(q[2]) for q in self.store.quads(iri, prop, None, None) if q[3] != skip}
        if self._overlay is not None:
            found |= self._overlay[1].get(iri, {}).get(prop, set())
        return found

    def _name_nodes(self, fps: Iterable[str], cusips: Iterable[str]) -> set[URIRef]:
        nodes: set[URIRef] = set()
        for fp in fps:
            for s in self._subjects(OG.fingerprint, fp):
                if str(s).startswith(ID) and not _is_cik(s):
                    nodes.add(s)
        for c in cusips:
            try:
                iri = entity_iri(cusip=c)
            except ValueError:
                # a private-placement CUSIP ("00279#AA8") keeps its "#" in og:cusip6
                # but no CUSIP node is ever named by it: nothing to re-point
                continue
            if self._values(iri, OG.fingerprint):
                nodes.add(iri)
        return nodes

    def _target(self, old: URIRef) -> tuple[URIRef, str] | None:
        """The one CIK node that ``old`` resolves to now, with the match note."""
        kinds = self._kinds(old)
        kind = next(iter(kinds)) if len(kinds) == 1 else None
        if str(old).startswith(f"{ID}cusip6/"):
            code = str(old).rsplit("/", 1)[-1]
            hits = {
                h for h in self._ciks_with(OG.cusip6, code) if _compatible(kind, self._kinds(h))
            }
            if len(hits) == 1:
                return hits.pop(), f"cusip6: {code}"
        for fp in sorted(self._values(old, OG.fingerprint)):
            hits = {
                h for h in self._ciks_with(OG.fingerprint, fp) if _compatible(kind, self._kinds(h))
            }
            if len(hits) == 1:
                return hits.pop(), f"fingerprint: {fp}"
        return None


#: the properties the resolver reads from a graph being written (:meth:`IdentityResolver.plan`
#: needs only the triples with these predicates)
IDENTITY_PROPERTIES = frozenset({OG.cik, OG.fingerprint, OG.cusip6, OG.kind})


def _own_ciks(
    filing: Filing, entity: Entity, *, fp: str | None = None, cusip6: str | None = None
) -> set[URIRef]:
    """The CIK nodes of the other entities of ``filing`` that carry the fingerprint
    ``fp`` or the CUSIP6 ``cusip6``, as their nodes in the filing's graph carry them: a
    fingerprint of any name, alias or former name."""
    out: set[URIRef] = set()
    for e in filing.entities.values():
        if e is entity or not e.cik or not _valid_cik(e.cik):
            continue
        if cusip6 is not None and issuer_cusip6(e.cusip6) == cusip6:
            out.add(entity_iri(cik=e.cik))
        if fp is not None and fp in _fingerprints(e):
            out.add(entity_iri(cik=e.cik))
    return out


def _fingerprints(e: Entity) -> set[str]:
    """The fingerprints the builder writes for ``e``'s node (its names, former names)."""
    names = [*e.all_names(), *(f for f, _ in e.former_names if f.strip())]
    return {fingerprint(n) or n for n in names}


def _valid_cik(cik: str) -> bool:
    return cik.strip().isdigit() and int(cik) > 0


def _is_cik(node: object) -> bool:
    return isinstance(node, URIRef) and str(node).startswith(CIK_PREFIX)
