"""Entities (with their identity, names and places), share classes and ADS programmes."""

from rdflib import URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from ownergraph.graph.build.base import (
    BuilderBase,
    _cusip6,
    _short,
    _string,
)
from ownergraph.graph.build.terms import (
    _KIND_CLASS,
)
from ownergraph.normalize.names import fingerprint
from ownergraph.ontology import OG, SCHEMA
from ownergraph.record import (
    DepositaryProgramme,
    Entity,
    EntityKind,
    ShareClass,
)

__all__ = ["EntityBuilder"]


class EntityBuilder(BuilderBase):
    """Entity, share-class and depositary nodes."""

    def build_entities(self) -> None:
        groups: dict[tuple[URIRef, str | None], list[Entity]] = {}
        for key, e in self.f.entities.items():
            iri, group = self.entity_identity_and_group(e)
            self.entities[key] = iri
            self.names[key] = e.name
            groups.setdefault(group, []).append(e)
        for (iri, note), members in groups.items():
            self.entity_node(iri, members)
            for match in [note] if note else self.matches.get(iri, []):
                self.add(iri, OG.identityMatch, match)

    def entity_node(self, iri: URIRef, group: list[Entity]) -> None:
        first = group[0]
        classes = [OG.LegalEntity]
        for e in group:
            c = _KIND_CLASS.get(self.kind_of(e))
            if c is not None and c not in classes:
                classes.append(c)
        if self.g.objects(iri, RDFS.label):  # a second group on one node (see entity_identity)
            for c in classes:
                self.g.add((iri, RDF.type, c))
            self.g.add((iri, RDFS.label, _string(_short(first.name, 200))))
        else:
            self.node(iri, *classes, label=first.name)
        names: list[str] = []
        for e in group:
            for n in e.all_names():
                if n not in names:
                    names.append(n)
        for n in names[1:]:
            if n != first.name:
                self.add(iri, SKOS.altLabel, n)
        for e in group:  # a renamed company carries every name it was filed under
            for former, _ in e.former_names:
                if former.strip() and former not in names:
                    names.append(former)
                    self.add(iri, SKOS.altLabel, former)
        for n in names:
            self.add(iri, OG.fingerprint, fingerprint(n) or n)
        # each word of each name's fingerprint, for the indexed lookup (graph.lookup)
        every = [*names, *(s for e in group for s in e.short_names)]
        for token in sorted({t for n in every for t in (fingerprint(n) or n).split()}):
            self.add(iri, OG.nameToken, token)
        for e in group:
            kind = self.kind_of(e)
            if kind != EntityKind.UNKNOWN:
                self.add(iri, OG.kind, kind.value)
            if e.key == self.f.issuer and not e.cusip6:
                self.add(iri, OG.cusip6, _cusip6(self.f.cusip))
            if e.cik and e.cik.strip().isdigit() and int(e.cik) > 0:
                self.add(iri, OG.cik, f"{int(e.cik):010d}")
            self.add(iri, OG.irsNumber, e.irs_number)
            self.add(iri, OG.lei, e.lei)
            self.add(iri, OG.cusip6, e.cusip6)
            self.place(iri, "jurisdiction", e.jurisdiction)
            self.place(iri, "citizenship", e.citizenship)
            self.add(iri, SCHEMA.givenName, e.given_name)
            self.add(iri, SCHEMA.familyName, e.family_name)
            for s in e.short_names:
                self.add(iri, OG.shortName, s)
            for i, a in enumerate(e.addresses, 1):
                a_iri = self.local("address", e.key, i)
                self.node(a_iri, OG.Address, label=f"{a.kind} address of {e.name}: {a.text}")
                self.g.add((iri, OG.address, a_iri))
                self.add(a_iri, OG.kind, a.kind)
                self.add(a_iri, OG.addressText, a.text)
                self.add(a_iri, OG.countryCode, a.country)
                self.add(a_iri, OG.phone, a.phone)
                self.add(a_iri, OG.email, a.email)
                self.common(a_iri, a, "Address", ("address", e.key, i))
            for i, (former, when) in enumerate(e.former_names, 1):
                fn = self.local("former-name", e.key, i)
                self.node(fn, OG.FormerName, label=former)
                self.g.add((iri, OG.formerName, fn))
                self.add(fn, OG.nameChangeDate, when)
            self.add(iri, OG.sic, e.sic)
            self.add(iri, OG.fiscalYearEnd, e.fiscal_year_end)
            self.add(iri, OG.principalBusiness, e.principal_business)
            for code in e.reporting_type_codes:
                self.add(iri, OG.reportingTypeCode, code)
            self.add(iri, OG.noControllingHolder, e.no_controlling_holder)
            self.common(iri, e, "Entity", ("entity", e.key))

    # -- securities -------------------------------------------------------------------

    def build_classes(self) -> None:
        for key in self.f.share_classes:
            self.classes[key] = self.local("class", key)
        for key, sc in self.f.share_classes.items():
            self.share_class(self.classes[key], sc)
        for i, dp in enumerate(self.f.depositary, 1):
            self.depositary(dp.key or str(i), dp)

    def class_ref(self, key: str | None) -> URIRef | None:
        if key is None or not key.strip():
            return None
        iri = self.classes.get(key)
        if iri is None:
            iri = self.local("class", key)
            self.classes[key] = iri
            self.node(iri, OG.ShareClass, label=key)
            self.g.add((iri, OG.filing, self.name))
            self.add(iri, OG.warning, f"share class {key!r} referred to but not described")
        return iri

    def class_name(self, key: str | None) -> str:
        if key and key in self.f.share_classes:
            return self.f.share_classes[key].title
        return key or "securities"

    def share_class(self, iri: URIRef, sc: ShareClass) -> None:
        issuer = self.names.get(sc.issuer, sc.issuer)
        self.node(iri, OG.ShareClass, label=f"{sc.title} of {issuer}")
        self.add(iri, OG.issuer, self.ref(sc.issuer))
        self.add(iri, OG["title"], sc.title)
        self.add(iri, OG.classLabel, sc.label)
        if sc.par_value is not None:
            self.add(iri, OG.parValue, sc.par_value.amount)
            self.add(iri, OG.parValueCurrency, sc.par_value.currency)
        self.add(iri, OG.sharesOutstanding, sc.outstanding)
        self.add(iri, OG.outstandingAsOf, sc.outstanding_as_of)
        self.add(iri, OG.outstandingBasis, sc.outstanding_basis)
        self.add(iri, OG.votesPerShare, sc.votes_per_share)
        self.add(iri, OG.cusip, sc.cusip)
        self.common(iri, sc, "ShareClass", ("class", sc.key))

    def depositary(self, did: str, dp: DepositaryProgramme) -> None:
        iri = self.local("ads", did)
        issuer = self.names.get(dp.issuer, dp.issuer)
        self.node(iri, OG.DepositaryProgramme, label=f"{dp.title} of {issuer}")
        self.add(iri, OG.issuer, self.ref(dp.issuer))
        self.add(iri, OG.underlyingClass, self.class_ref(dp.underlying_class))
        self.add(iri, OG.ratio, dp.ratio)
        self.add(iri, OG["title"], dp.title)
        self.add(iri, OG.cusip, dp.cusip)
        self.add(iri, OG.exchange, dp.exchange)
        self.add(iri, OG.ticker, dp.ticker)
        self.common(iri, dp, "DepositaryProgramme", ("ads", did))

    # -- cover pages and holdings -----------------------------------------------------

    def holding_label(self, holder: str | None, issuer: str | None, cls: str | None) -> str:
        h = self.names.get(holder or "", holder or "?")
        i = self.names.get(issuer or "", issuer or "?")
        return f"Holding: {h} in {i} {self.class_name(cls)}"

    def owns(self, holder: URIRef | None, issuer: URIRef | None, *amounts: object) -> None:
        """Add the og:owns edge unless the position is stated to be nil."""
        if holder is None or issuer is None or holder == issuer:
            return
        if any(a is not None and a == 0 for a in amounts):
            return
        self.g.add((holder, OG.owns, issuer))
