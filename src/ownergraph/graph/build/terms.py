"""The vocabulary tables of the builder: role words, entity classes, the property
that states each record field, cover-page fields carried to holdings."""

import re

from rdflib import URIRef
from rdflib.namespace import RDFS, SKOS

from ownergraph.ontology import OG, SCHEMA
from ownergraph.record import (
    EntityKind,
)

__all__ = ["DIRECTOR_KINDS", "FIELD_PROPERTIES", "OFFICER_KINDS"]


#: role words (``Role.kinds``) that mean a board seat
DIRECTOR_KINDS = frozenset(
    {
        "director",
        "independent director",
        "non-executive director",
        "chair",
        "chairman",
        "chairwoman",
        "chairperson",
        "vice chair",
        "vice chairman",
        "board member",
        "trustee",
    }
)

#: role words that mean an executive or managing role
OFFICER_KINDS = frozenset(
    {
        "officer",
        "executive officer",
        "executive",
        "ceo",
        "cfo",
        "coo",
        "cto",
        "cio",
        "president",
        "vice president",
        "chief executive officer",
        "chief financial officer",
        "chief operating officer",
        "manager",
        "managing director",
        "managing member",
        "managing partner",
        "general partner",
        "secretary",
        "treasurer",
        "general counsel",
        "controller",
    }
)

_DIRECTOR_TITLE = re.compile(r"\b(director|chair(?:man|woman|person)?|trustee)\b", re.I)
_OFFICER_TITLE = re.compile(
    r"\b(officer|ceo|cfo|coo|president|manager|managing|secretary|treasurer|"
    r"general partner|chief|executive)\b",
    re.I,
)

_KIND_CLASS = {
    EntityKind.COMPANY: OG.Company,
    EntityKind.PERSON: OG.Person,
    EntityKind.FUND: OG.Fund,
    EntityKind.GOVERNMENT: OG.Government,
}

#: record field name -> the property its value is stated with, per record type.
#: A source cited for a field becomes an og:SourceSpan whose og:fact is that property.
FIELD_PROPERTIES: dict[str, dict[str, URIRef]] = {
    "Filing": {
        "form": OG.form,
        "schedule": OG.schedule,
        "amendment_number": OG.amendmentNumber,
        "accession": OG.accession,
        "filed_date": OG.filedDate,
        "event_date": OG.eventDate,
        "signature_date": OG.signatureDate,
        "period": OG.periodDate,
        "amends": OG.amends,
        "issuer": OG.issuer,
        "subject_class": OG.subjectClass,
        "cusip": OG.cusip,
        "rules": OG.ruleDesignation,
        "previously_filed": OG.previouslyFiled13G,
        "filers": OG.filedBy,
        "group_members": OG.group,
        "notice_person": OG.noticePerson,
    },
    "Entity": {
        "name": RDFS.label,
        "kind": OG.kind,
        "aliases": SKOS.altLabel,
        "short_names": OG.shortName,
        "cik": OG.cik,
        "irs_number": OG.irsNumber,
        "lei": OG.lei,
        "cusip6": OG.cusip6,
        "jurisdiction": OG.jurisdictionCode,
        "citizenship": OG.citizenshipCode,
        "given_name": SCHEMA.givenName,
        "family_name": SCHEMA.familyName,
        "addresses": OG.address,
        "former_names": OG.formerName,
        "sic": OG.sic,
        "fiscal_year_end": OG.fiscalYearEnd,
        "principal_business": OG.principalBusiness,
        "reporting_type_codes": OG.reportingTypeCode,
        "no_controlling_holder": OG.noControllingHolder,
    },
    "Address": {
        "kind": OG.kind,
        "text": OG.addressText,
        "country": OG.countryCode,
        "phone": OG.phone,
        "email": OG.email,
        "street": OG.street,
        "city": OG.city,
        "region": OG.region,
        "postal_code": OG.postalCode,
    },
    "ShareClass": {
        "issuer": OG.issuer,
        "title": OG["title"],
        "label": OG.classLabel,
        "par_value": OG.parValue,
        "outstanding": OG.sharesOutstanding,
        "outstanding_as_of": OG.outstandingAsOf,
        "outstanding_basis": OG.outstandingBasis,
        "votes_per_share": OG.votesPerShare,
        "cusip": OG.cusip,
    },
    "DepositaryProgramme": {
        "issuer": OG.issuer,
        "underlying_class": OG.underlyingClass,
        "ratio": OG.ratio,
        "title": OG["title"],
        "cusip": OG.cusip,
        "exchange": OG.exchange,
        "ticker": OG.ticker,
    },
    "CoverPage": {
        "number": OG.number,
        "person": OG.reportingPerson,
        "cik": OG.cik,
        "no_cik": OG.noCik,
        "irs_number": OG.irsNumber,
        "group_a": OG.groupA,
        "group_b": OG.groupB,
        "source_of_funds": OG.sourceOfFunds,
        "legal_proceedings": OG.legalProceedings,
        "citizenship": OG.citizenshipCode,
        "sole_voting": OG.soleVoting,
        "shared_voting": OG.sharedVoting,
        "sole_dispositive": OG.soleDispositive,
        "shared_dispositive": OG.sharedDispositive,
        "aggregate": OG.aggregate,
        "excludes_certain_shares": OG.excludesCertainShares,
        "percent_of_class": OG.percentOfClass,
        "percent_text": OG.percentText,
        "type_codes": OG.reportingTypeCode,
        "share_class": OG.shareClass,
        "ads_count": OG.adsCount,
        "percent_of_total": OG.percentOfTotal,
        "percent_of_voting": OG.percentOfVoting,
        "basis_outstanding": OG.basisOutstanding,
        "basis_as_of": OG.basisAsOf,
        "basis_document": OG.basisDocument,
        "total_outstanding": OG.totalOutstanding,
        "footnotes": OG.footnote,
    },
    "Holding": {
        "holder": OG.holder,
        "issuer": OG.issuer,
        "share_class": OG.shareClass,
        "shares": OG.shares,
        "percent_of_class": OG.percentOfClass,
        "percent_of_total": OG.percentOfTotal,
        "percent_of_voting": OG.percentOfVoting,
        "as_of": OG.asOf,
        "direct": OG.direct,
        "nature": OG.nature,
    },
    "ControlLink": {
        "controller": OG.controller,
        "controlled": OG.controlled,
        "kind": OG.kind,
        "percent": OG.percent,
    },
    "Role": {
        "person": OG.person,
        "organization": OG.organization,
        "title": OG["title"],
        "kinds": OG.kind,
        "occupation": OG.occupation,
        "on_behalf_of": OG.onBehalfOf,
        "nominated_by": OG.nominatedBy,
        "start": OG.startDate,
        "end": OG.endDate,
        "section": OG.section,
    },
    "AgreementParty": {
        "entity": OG.entity,
        "role": OG.partyRole,
        "defined_as": OG.definedAs,
    },
    "NoticeContact": {
        "party": OG.notifiedParty,
        "attention": OG.attention,
        "organization": OG.organization,
        "address": OG.addressText,
        "email": OG.email,
        "copy_only": OG.copyOnly,
    },
    "Agreement": {
        "kind": OG.kind,
        "title": OG["title"],
        "date": OG.date,
        "parties": OG.party,
        "governing_law": OG.governingLawCode,
        "dispute_forum": OG.disputeForum,
        "dispute_rules": OG.disputeRules,
        "arbitration_seat": OG.arbitrationSeatCode,
        "arbitration_language": OG.arbitrationLanguage,
        "notice_contacts": OG.noticeContact,
        "exhibit": OG.exhibitNumber,
        "related": OG.relatedAgreement,
    },
    "Transaction": {
        "kind": OG.kind,
        "seller": OG.seller,
        "buyer": OG.buyer,
        "share_class": OG.shareClass,
        "to_class": OG.toClass,
        "shares": OG.shares,
        "price_per_share": OG.pricePerShare,
        "currency": OG.currency,
        "aggregate_amount": OG.aggregateAmount,
        "pricing_basis": OG.pricingBasis,
        "date": OG.date,
        "closing_date": OG.closingDate,
        "closing_deadline": OG.closingDeadline,
        "status": OG.status,
        "agreement": OG.agreement,
    },
    "Event": {
        "kind": OG.kind,
        "date": OG.date,
        "subjects": OG.subject,
        "description": OG.description,
        "agreement": OG.agreement,
    },
    "Signature": {
        "entity": OG.signingParty,
        "signer": OG.signer,
        "title": OG["title"],
        "date": OG.date,
    },
    "Exhibit": {
        "number": OG.exhibitNumber,
        "title": OG["title"],
        "date": OG.date,
        "agreement": OG.agreement,
    },
    "Item": {
        "number": OG.itemNumber,
        "title": OG["title"],
        "text": OG.text,
        "not_applicable": OG.notApplicable,
        "institution_types": OG.institutionType,
        "five_percent_or_less": OG.fivePercentOrLess,
    },
}

#: cover-page fields that also support the holding derived from the cover page
_COVER_TO_HOLDING = {
    "person": OG.holder,
    "aggregate": OG.shares,
    "share_class": OG.shareClass,
    "percent_of_class": OG.percentOfClass,
    "percent_of_total": OG.percentOfTotal,
    "percent_of_voting": OG.percentOfVoting,
    "sole_voting": OG.soleVoting,
    "shared_voting": OG.sharedVoting,
    "sole_dispositive": OG.soleDispositive,
    "shared_dispositive": OG.sharedDispositive,
}
