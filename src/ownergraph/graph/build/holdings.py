"""Cover pages, holdings, the group of joint filers and control links."""

from ownergraph.graph.build.entities import EntityBuilder
from ownergraph.graph.build.terms import (
    _COVER_TO_HOLDING,
)
from ownergraph.ontology import OG
from ownergraph.record import (
    ControlLink,
    CoverPage,
    Holding,
)

__all__ = ["HoldingBuilder"]


class HoldingBuilder(EntityBuilder):
    """Cover-page, holding, group and control nodes."""

    def build_cover_pages(self) -> None:
        for i, cp in enumerate(self.f.cover_pages, 1):
            self.cover_page(i, cp)

    def cover_page(self, i: int, cp: CoverPage) -> None:
        iri = self.local("cover", i)
        person = self.ref(cp.person)
        pname = self.names.get(cp.person, cp.person)
        self.node(iri, OG.CoverPage, label=f"Cover page {cp.number}: {pname}")
        self.g.add((self.name, OG.coverPage, iri))
        self.add(iri, OG.number, cp.number)
        self.add(iri, OG.reportingPerson, person)
        if cp.cik and cp.cik.strip().isdigit() and int(cp.cik) > 0:
            self.add(iri, OG.cik, f"{int(cp.cik):010d}")
        self.add(iri, OG.noCik, cp.no_cik)
        self.add(iri, OG.irsNumber, cp.irs_number)
        self.add(iri, OG.groupA, cp.group_a)
        self.add(iri, OG.groupB, cp.group_b)
        for code in cp.source_of_funds:
            self.add(iri, OG.sourceOfFunds, code)
        self.add(iri, OG.legalProceedings, cp.legal_proceedings)
        self.place(iri, "citizenship", cp.citizenship)
        powers = {
            OG.soleVoting: cp.sole_voting,
            OG.sharedVoting: cp.shared_voting,
            OG.soleDispositive: cp.sole_dispositive,
            OG.sharedDispositive: cp.shared_dispositive,
        }
        for p, v in powers.items():
            self.add(iri, p, v)
        self.add(iri, OG.aggregate, cp.aggregate)
        self.add(iri, OG.excludesCertainShares, cp.excludes_certain_shares)
        self.add(iri, OG.percentOfClass, cp.percent_of_class)
        self.add(iri, OG.percentText, cp.percent_text)
        for code in cp.type_codes:
            self.add(iri, OG.reportingTypeCode, code)
        cls_key = cp.share_class or self.f.subject_class
        cls = self.class_ref(cls_key)
        self.add(iri, OG.shareClass, cls)
        self.add(iri, OG.adsCount, cp.ads_count)
        self.add(iri, OG.percentOfTotal, cp.percent_of_total)
        self.add(iri, OG.percentOfVoting, cp.percent_of_voting)
        self.add(iri, OG.basisOutstanding, cp.basis_outstanding)
        self.add(iri, OG.basisAsOf, cp.basis_as_of)
        self.add(iri, OG.basisDocument, cp.basis_document)
        self.add(iri, OG.totalOutstanding, cp.total_outstanding)
        for note in cp.footnotes:
            self.add(iri, OG.footnote, note)
        self.common(iri, cp, "CoverPage", ("cover", i))

        # the position the cover page reports, as a holding node
        h = self.local("holding", "cover", i)
        issuer = self.ref(self.f.issuer)
        self.node(h, OG.Holding, label=self.holding_label(cp.person, self.f.issuer, cls_key))
        self.g.add((iri, OG.holding, h))
        self.g.add((h, OG.coverPage, iri))
        self.add(h, OG.holder, person)
        self.add(h, OG.issuer, issuer)
        self.add(h, OG.shareClass, cls)
        self.add(h, OG.shares, cp.aggregate)
        self.add(h, OG.percentOfClass, cp.percent_of_class)
        self.add(h, OG.percentOfTotal, cp.percent_of_total)
        self.add(h, OG.percentOfVoting, cp.percent_of_voting)
        for p, v in powers.items():
            self.add(h, p, v)
        self.add(h, OG.asOf, self.f.event_date)
        self.add(h, OG.adsCount, cp.ads_count)
        self.g.add((h, OG.filing, self.name))
        self.cite(h, cp, _COVER_TO_HOLDING, ("holding", "cover", i), fields=_COVER_TO_HOLDING)
        self.owns(person, issuer, cp.aggregate, cp.percent_of_class)

    def build_holdings(self) -> None:
        for i, hd in enumerate(self.f.holdings, 1):
            self.holding(i, hd)

    def holding(self, i: int, hd: Holding) -> None:
        iri = self.local("holding", i)
        holder, issuer = self.ref(hd.holder), self.ref(hd.issuer)
        self.node(iri, OG.Holding, label=self.holding_label(hd.holder, hd.issuer, hd.share_class))
        self.add(iri, OG.holder, holder)
        self.add(iri, OG.issuer, issuer)
        self.add(iri, OG.shareClass, self.class_ref(hd.share_class))
        self.add(iri, OG.shares, hd.shares)
        self.add(iri, OG.percentOfClass, hd.percent_of_class)
        self.add(iri, OG.percentOfTotal, hd.percent_of_total)
        self.add(iri, OG.percentOfVoting, hd.percent_of_voting)
        self.add(iri, OG.asOf, hd.as_of)
        self.add(iri, OG.direct, hd.direct)
        self.add(iri, OG.nature, hd.nature)
        self.common(iri, hd, "Holding", ("holding", i))
        self.owns(holder, issuer, hd.shares, hd.percent_of_class)

    def build_group(self) -> None:
        members = list(self.f.group_members)
        kind = "group"
        if not members:
            kind = "joint filers"
            for cp in self.f.cover_pages:
                if cp.person not in members:
                    members.append(cp.person)
            if len(members) < 2:
                return
        iri = self.local("group")
        names = ", ".join(self.names.get(m, m) for m in members)
        title = "Group" if kind == "group" else "Joint filers"
        self.node(iri, OG.Group, label=f"{title}: {names}")
        self.add(iri, OG.kind, kind)
        self.g.add((self.name, OG.group, iri))
        self.g.add((iri, OG.filing, self.name))
        for m in members:
            self.add(iri, OG.member, self.ref(m))

    # -- control and roles ------------------------------------------------------------

    def build_controls(self) -> None:
        for i, c in enumerate(self.f.controls, 1):
            self.control(i, c)

    def control(self, i: int, c: ControlLink) -> None:
        iri = self.local("control", i)
        a, b = self.ref(c.controller), self.ref(c.controlled)
        an = self.names.get(c.controller, c.controller)
        bn = self.names.get(c.controlled, c.controlled)
        self.node(iri, OG.Control, label=f"Control: {an} controls {bn} ({c.kind.value})")
        self.add(iri, OG.controller, a)
        self.add(iri, OG.controlled, b)
        self.add(iri, OG.kind, c.kind.value)
        self.add(iri, OG.percent, c.percent)
        self.common(iri, c, "ControlLink", ("control", i))
        if a is not None and b is not None and a != b:
            self.g.add((a, OG.controls, b))
