"""Roles, agreements and counterparties, transactions, events, signatures, exhibits,
items and documents."""

from rdflib import URIRef
from rdflib.namespace import SKOS

from ownergraph.graph.build.base import (
    role_categories,
)
from ownergraph.graph.build.holdings import HoldingBuilder
from ownergraph.graph.build.secaddress import document_address, sec_literal
from ownergraph.graph.identity import ID, slug
from ownergraph.ontology import OG, ORG
from ownergraph.record import (
    Agreement,
    Event,
    Exhibit,
    Item,
    Role,
    Signature,
    Transaction,
)

__all__ = ["NarrativeBuilder"]


class NarrativeBuilder(HoldingBuilder):
    """The nodes read from a filing's narrative and exhibits."""

    def build_roles(self) -> None:
        for i, r in enumerate(self.f.roles, 1):
            self.role(i, r)

    def role(self, i: int, r: Role) -> None:
        iri = self.local("role", i)
        person, org = self.ref(r.person), self.ref(r.organization)
        cats = role_categories(r)
        classes = [OG.Role]
        if "director" in cats:
            classes.append(OG.DirectorRole)
        if "officer" in cats:
            classes.append(OG.OfficerRole)
        pname = self.names.get(r.person, r.person)
        where = f" of {self.names.get(r.organization, r.organization)}" if r.organization else ""
        what = r.title.strip() or ", ".join(k for k in r.kinds if k.strip()) or "role"
        self.node(iri, *classes, label=f"Role: {pname}, {what}{where}")
        self.add(iri, OG.person, person)
        self.add(iri, OG.organization, org)
        self.add(iri, OG["title"], r.title)
        for k in r.kinds:
            self.add(iri, OG.kind, k)
            if k.strip():
                concept = URIRef(f"{ID}role/{slug(k)}")
                self.node(concept, ORG.Role, SKOS.Concept, label=k.strip().lower())
                self.g.add((iri, ORG.role, concept))
        self.add(iri, OG.occupation, r.occupation)
        client = self.ref(r.on_behalf_of)
        self.add(iri, OG.onBehalfOf, client)
        self.add(iri, OG.nominatedBy, self.ref(r.nominated_by))
        self.add(iri, OG.startDate, r.start)
        self.add(iri, OG.endDate, r.end)
        self.add(iri, OG.section, r.section)
        self.common(iri, r, "Role", ("role", i))
        if person is not None and org is not None and person != org:
            self.g.add((person, OG.roleIn, org))
            if "director" in cats:
                self.g.add((person, OG.directorOf, org))
            if "officer" in cats:
                self.g.add((person, OG.officerOf, org))
        if person is not None and client is not None and person != client:
            self.g.add((person, OG.actsFor, client))

    # -- agreements, transactions, events ---------------------------------------------

    def build_agreements(self) -> None:
        for key in self.f.agreements:
            self.agreements[key] = self.local("agreement", key)
        for key, a in self.f.agreements.items():
            self.agreement(self.agreements[key], a)

    def agreement_ref(self, key: str | None) -> URIRef | None:
        if key is None or not key.strip():
            return None
        iri = self.agreements.get(key)
        if iri is None:
            iri = self.local("agreement", key)
            self.agreements[key] = iri
            self.node(iri, OG.Agreement, label=key)
            self.g.add((iri, OG.filing, self.name))
            self.add(iri, OG.warning, f"agreement {key!r} referred to but not described")
        return iri

    def agreement(self, iri: URIRef, a: Agreement) -> None:
        self.node(iri, OG.Agreement, label=a.title or a.kind)
        self.add(iri, OG.kind, a.kind)
        self.add(iri, OG["title"], a.title)
        self.add(iri, OG.date, a.date)
        party_iris: list[URIRef] = []
        for j, p in enumerate(a.parties, 1):
            pi = self.local("agreement", a.key, "party", j)
            ent = self.ref(p.entity)
            name = self.names.get(p.entity, p.entity)
            role = f" ({p.role})" if p.role else ""
            self.node(pi, OG.AgreementParty, label=f"{name}{role} in {a.title or a.kind}")
            self.g.add((iri, OG.party, pi))
            self.add(pi, OG.entity, ent)
            self.add(pi, OG.partyRole, p.role)
            self.add(pi, OG.definedAs, p.defined_as)
            self.add(pi, OG.partyName, name)
            self.add(pi, OG.number, j)
            self.common(pi, p, "AgreementParty", ("agreement", a.key, "party", j))
            if ent is not None:
                self.g.add((ent, OG.partyTo, iri))
                if ent not in party_iris:
                    party_iris.append(ent)
        self.counterparties(party_iris)
        self.place(iri, "governingLaw", a.governing_law)
        self.add(iri, OG.disputeForum, a.dispute_forum)
        self.add(iri, OG.disputeRules, a.dispute_rules)
        self.place(iri, "arbitrationSeat", a.arbitration_seat)
        self.add(iri, OG.arbitrationLanguage, a.arbitration_language)
        for j, n in enumerate(a.notice_contacts, 1):
            ni = self.local("agreement", a.key, "notice", j)
            party = self.names.get(n.party, n.party)
            copy = " (copy)" if n.copy_only else ""
            self.node(ni, OG.NoticeContact, label=f"Notices for {party}{copy}: {a.title or a.kind}")
            self.g.add((iri, OG.noticeContact, ni))
            self.add(ni, OG.notifiedParty, self.ref(n.party))
            self.add(ni, OG.attention, self.ref(n.attention))
            self.add(ni, OG.organization, self.ref(n.organization))
            self.add(ni, OG.addressText, n.address)
            self.add(ni, OG.email, n.email)
            self.add(ni, OG.copyOnly, n.copy_only)
            self.common(ni, n, "NoticeContact", ("agreement", a.key, "notice", j))
        self.add(iri, OG.exhibitNumber, a.exhibit)
        for other in a.related:
            self.add(iri, OG.relatedAgreement, self.agreement_ref(other))
        self.common(iri, a, "Agreement", ("agreement", a.key))

    def counterparties(self, parties: list[URIRef]) -> None:
        for x in parties:
            for y in parties:
                if x != y:
                    self.g.add((x, OG.counterparty, y))

    def build_transactions(self) -> None:
        for i, t in enumerate(self.f.transactions, 1):
            self.transaction(t.key or str(i), t)

    def transaction(self, tid: str, t: Transaction) -> None:
        iri = self.local("transaction", tid)
        seller, buyer = self.ref(t.seller), self.ref(t.buyer)
        parts = [t.kind.capitalize() + ":"]
        if t.shares is not None:
            parts.append(f"{t.shares:,}")
        parts.append(self.class_name(t.share_class))
        if t.seller:
            parts.append(f"from {self.names.get(t.seller, t.seller)}")
        if t.buyer:
            parts.append(f"to {self.names.get(t.buyer, t.buyer)}")
        self.node(iri, OG.Transaction, label=" ".join(parts))
        self.add(iri, OG.kind, t.kind)
        self.add(iri, OG.seller, seller)
        self.add(iri, OG.buyer, buyer)
        self.add(iri, OG.shareClass, self.class_ref(t.share_class))
        self.add(iri, OG.toClass, self.class_ref(t.to_class))
        self.add(iri, OG.shares, t.shares)
        self.add(iri, OG.pricePerShare, t.price_per_share)
        self.add(iri, OG.currency, t.currency)
        self.add(iri, OG.aggregateAmount, t.aggregate_amount)
        self.add(iri, OG.pricingBasis, t.pricing_basis)
        self.add(iri, OG.date, t.date)
        self.add(iri, OG.closingDate, t.closing_date)
        self.add(iri, OG.closingDeadline, t.closing_deadline)
        self.add(iri, OG.status, t.status)
        self.add(iri, OG.agreement, self.agreement_ref(t.agreement))
        self.common(iri, t, "Transaction", ("transaction", tid))
        if seller is not None and buyer is not None:
            self.counterparties([seller, buyer])

    def build_events(self) -> None:
        for i, ev in enumerate(self.f.events, 1):
            self.event(i, ev)

    def event(self, i: int, ev: Event) -> None:
        iri = self.local("event", i)
        who = ", ".join(self.names.get(s, s) for s in ev.subjects)
        label = f"{ev.kind.capitalize()}: {who}" if who else ev.kind.capitalize()
        self.node(iri, OG.Event, label=label)
        self.add(iri, OG.kind, ev.kind)
        self.add(iri, OG.date, ev.date)
        for s in ev.subjects:
            self.add(iri, OG.subject, self.ref(s))
        self.add(iri, OG.description, ev.description)
        self.add(iri, OG.agreement, self.agreement_ref(ev.agreement))
        self.common(iri, ev, "Event", ("event", i))

    # -- signatures, exhibits, items, documents ---------------------------------------

    def build_signatures(self) -> None:
        for i, s in enumerate(self.f.signatures, 1):
            self.signature(i, s)

    def signature(self, i: int, s: Signature) -> None:
        iri = self.local("signature", i)
        party = self.names.get(s.entity, s.entity)
        signer = self.names.get(s.signer, s.signer) if s.signer else None
        label = f"Signature: {signer} for {party}" if signer else f"Signature of {party}"
        self.node(iri, OG.Signature, label=label)
        self.add(iri, OG.signingParty, self.ref(s.entity))
        self.add(iri, OG.signer, self.ref(s.signer))
        self.add(iri, OG["title"], s.title)
        self.add(iri, OG.date, s.date)
        self.common(iri, s, "Signature", ("signature", i))

    def build_exhibits(self) -> None:
        for i, x in enumerate(self.f.exhibits, 1):
            self.exhibit(i, x)

    def exhibit(self, i: int, x: Exhibit) -> None:
        iri = self.local("exhibit", i)
        label = f"Exhibit {x.number}: {x.title}" if x.number else f"Exhibit: {x.title}"
        self.node(iri, OG.Exhibit, label=label)
        self.g.add((self.name, OG.exhibit, iri))
        self.add(iri, OG.exhibitNumber, x.number)
        self.add(iri, OG["title"], x.title)
        self.add(iri, OG.date, x.date)
        self.add(iri, OG.agreement, self.agreement_ref(x.agreement))
        self.common(iri, x, "Exhibit", ("exhibit", i))

    def build_items(self) -> None:
        for i, it in enumerate(self.f.items, 1):
            self.item(i, it)

    def item(self, i: int, it: Item) -> None:
        iri = self.local("item", i)
        self.node(iri, OG.Item, label=f"Item {it.number}. {it.title}")
        self.g.add((self.name, OG.item, iri))
        self.add(iri, OG.itemNumber, it.number)
        self.add(iri, OG["title"], it.title)
        self.add(iri, OG.text, it.text)
        self.common(iri, it, "Item", ("item", i))

    def build_documents(self) -> None:
        for i, d in enumerate(self.f.documents, 1):
            iri = self.local("document", i)
            self.node(iri, OG.Document, label=" ".join(x for x in (d.type, d.filename) if x))
            self.g.add((self.name, OG.submissionDocument, iri))
            self.g.add((iri, OG.filing, self.name))
            self.add(iri, OG.documentType, d.type)
            self.add(iri, OG.fileName, d.filename)
            self.add(iri, OG.description, d.description)
            self.add(iri, OG.sequence, d.sequence)
            url = sec_literal(document_address(self.f, d.filename))
            if url is not None:
                self.g.add((iri, OG.secUrl, url))

    # -- the filing -------------------------------------------------------------------
