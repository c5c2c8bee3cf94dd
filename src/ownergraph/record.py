"""The format-neutral Filing record that every loader produces.

Loaders turn bytes into a :class:`Filing`; :mod:`ownergraph.graph.build` turns a
:class:`Filing` into RDF. Nothing here knows about RDF or about any input format.

Every record object derives from :class:`Sourced`: ``source`` says where the object as
a whole is stated, and ``field_sources`` maps a field name to the :class:`Source` of
that one value (for example ``"shared_voting"`` to the cover-page row 8 text).
Entities, share classes, agreements and transactions are referred to by their
``key`` (a string unique within the filing), never by object identity, so that a record
can be built in any order and compared with ``==``.

Numbers are exact: share counts are ``int`` when whole and ``Decimal`` when the filing
states a fraction (:data:`Shares`: "7207424.40" units are never dropped or truncated),
percentages and money ``Decimal``.

Examples
--------
>>> from decimal import Decimal
>>> f = Filing(form="SC 13D/A", schedule="13D")
>>> tus = f.add_entity(Entity(key="tuspark", name="Tuspark Innovation Venture Ltd.",
...                           kind=EntityKind.COMPANY))
>>> f.add_entity(Entity(key="tuspark", name="Tuspark Innovation Venture Limited",
...                     kind=EntityKind.COMPANY)).aliases
['Tuspark Innovation Venture Limited']
>>> f.entities["tuspark"].name
'Tuspark Innovation Venture Ltd.'
>>> f.add_entity(Entity(key="v", name="21VIANET GROUP, INC."))
Entity(...)
>>> f.add_entity(Entity(key="v", name="21Vianet Group, Inc.")).all_names()
['21Vianet Group, Inc.', '21VIANET GROUP, INC.']
>>> Money(Decimal("5.346"), "USD")
Money(amount=Decimal('5.346'), currency='USD')
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field, fields
from decimal import Decimal
from enum import Enum
from typing import Any

#: an exact share count: ``int`` when whole, ``Decimal`` when the filing states a fraction
Shares = int | Decimal

__all__ = [
    "Address",
    "Agreement",
    "AgreementParty",
    "ControlKind",
    "ControlLink",
    "CoverPage",
    "DepositaryProgramme",
    "Document",
    "Entity",
    "EntityKind",
    "Event",
    "Exhibit",
    "Filing",
    "FilingReference",
    "Holding",
    "Item",
    "Jurisdiction",
    "Money",
    "NoticeContact",
    "Role",
    "ShareClass",
    "Shares",
    "Signature",
    "Source",
    "Sourced",
    "Transaction",
    "is_placeholder_name",
    "placeholder_name",
]


@dataclass(frozen=True)
class Source:
    """Where a fact was read: the section of the filing and the exact text.

    Parameters
    ----------
    section : str
        Human-readable place in the filing, e.g. ``"Cover page, reporting person 1,
        row 8"``, ``"Item 4"``, ``"Schedule A"``, ``"Exhibit 99.2 §6.1"``.
    quote : str
        The exact text the fact was read from, as it stands in the document (markup
        removed, whitespace kept as in the text the loader read).
    start, end : int, optional
        Character offsets of ``quote`` in the document text the loader read.
    document : str, optional
        The document of the submission, e.g. ``"primary"`` or ``"EX-99.2"``.

    Examples
    --------
    >>> Source("Item 4", "Tuspark completed the sale").section
    'Item 4'
    """

    section: str
    quote: str
    start: int | None = None
    end: int | None = None
    document: str | None = None


@dataclass(kw_only=True)
class Sourced:
    """Base of every record object: its own source, per-field sources and warnings."""

    source: Source | None = None
    field_sources: dict[str, Source] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def cite(self, field_name: str, source: Source | None) -> None:
        """Record ``source`` as the origin of the value in ``field_name``.

        Examples
        --------
        >>> h = Holding(holder="a", issuer="b", shares=5)
        >>> h.cite("shares", Source("Item 5", "5 shares"))
        >>> h.field_sources["shares"].quote
        '5 shares'
        """
        if source is not None:
            self.field_sources[field_name] = source


class EntityKind(str, Enum):
    """What kind of party an entity is."""

    COMPANY = "company"
    PERSON = "person"
    FUND = "fund"  # funds, limited partnerships, trusts and other pooled vehicles
    GOVERNMENT = "government"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Jurisdiction:
    """A place as written, with its ISO 3166 code where it could be read.

    ``code`` is an ISO 3166-1 alpha-2 code (``"VG"``) or an ISO 3166-2 subdivision
    (``"US-DE"``); ``country`` is always the alpha-2 country part.

    Examples
    --------
    >>> Jurisdiction("Delaware", "US-DE", "US").country
    'US'
    """

    text: str
    code: str | None = None
    country: str | None = None


@dataclass(frozen=True)
class Money:
    """An exact amount of money in an ISO 4217 currency."""

    amount: Decimal
    currency: str | None = None


@dataclass(kw_only=True)
class Address(Sourced):
    """A postal or electronic address of an entity."""

    kind: str  # "business", "mail", "principal office", "notice"
    text: str
    country: str | None = None  # ISO 3166-1 alpha-2
    phone: str | None = None
    email: str | None = None
    # the parts, where the format gives them (the structured XML's address elements)
    street: str | None = None  # street lines joined with ", "
    city: str | None = None
    region: str | None = None  # state, province or EDGAR location code as written
    postal_code: str | None = None


@dataclass(kw_only=True)
class Entity(Sourced):
    """A company, fund, person or other party named in the filing.

    ``key`` is unique within the filing; loaders derive it from the name
    fingerprint (see :func:`ownergraph.normalize.names.entity_key`) so that two
    spellings of one name land on one entity.
    """

    key: str
    name: str
    kind: EntityKind = EntityKind.UNKNOWN
    aliases: list[str] = field(default_factory=list)
    short_names: list[str] = field(default_factory=list)  # defined terms: "Tuspark"
    cik: str | None = None
    irs_number: str | None = None
    lei: str | None = None
    cusip6: str | None = None  # issuer part of a CUSIP, for issuers
    jurisdiction: Jurisdiction | None = None  # place of organization (companies, funds)
    citizenship: Jurisdiction | None = None  # people
    given_name: str | None = None
    family_name: str | None = None
    addresses: list[Address] = field(default_factory=list)
    former_names: list[tuple[str, _dt.date | None]] = field(default_factory=list)
    sic: str | None = None
    fiscal_year_end: str | None = None
    principal_business: str | None = None
    reporting_type_codes: list[str] = field(default_factory=list)
    no_controlling_holder: bool | None = None  # "is not controlled by any shareholder"

    def all_names(self) -> list[str]:
        """The name and every alias, in order, without repeats.

        Examples
        --------
        >>> Entity(key="k", name="A Ltd.", aliases=["A Limited", "A Ltd."]).all_names()
        ['A Ltd.', 'A Limited']
        """
        seen: list[str] = []
        for n in [self.name, *self.aliases]:
            if n not in seen:
                seen.append(n)
        return seen


@dataclass(kw_only=True)
class ShareClass(Sourced):
    """A class of equity securities of an issuer."""

    key: str
    issuer: str  # entity key
    title: str  # "Class A ordinary shares"
    label: str | None = None  # "A"
    par_value: Money | None = None
    outstanding: int | None = None
    outstanding_as_of: _dt.date | None = None
    outstanding_basis: str | None = None  # "Form 20-F filed ... on April 28, 2021"
    votes_per_share: Decimal | None = None
    cusip: str | None = None


@dataclass(kw_only=True)
class DepositaryProgramme(Sourced):
    """American depositary shares that each represent ``ratio`` underlying shares."""

    key: str
    issuer: str  # entity key
    underlying_class: str  # share-class key
    ratio: Decimal  # underlying shares per ADS
    title: str = "American Depositary Shares"
    cusip: str | None = None
    exchange: str | None = None
    ticker: str | None = None


@dataclass(kw_only=True)
class CoverPage(Sourced):
    """One reporting person's cover page, rows 1-14 (13D) or 1-12 (13G).

    The 13G numbering is mapped onto the 13D fields (13G row 5 is ``sole_voting``
    and so on). ``percent_of_total`` and ``percent_of_voting`` and the basis fields
    come from the footnotes where they are stated.
    """

    number: int  # 1-based position among the cover pages
    person: str  # entity key (row 1)
    irs_number: str | None = None
    cik: str | None = None  # the reporting person's CIK where the cover page gives it
    no_cik: bool | None = None  # the filer stated that the person has no CIK
    group_a: bool | None = None  # row 2 (a) checked
    group_b: bool | None = None  # row 2 (b) checked
    source_of_funds: list[str] = field(default_factory=list)  # row 4 codes
    legal_proceedings: bool | None = None  # row 5 checked
    citizenship: Jurisdiction | None = None  # row 6
    sole_voting: Shares | None = None  # row 7
    shared_voting: Shares | None = None  # row 8
    sole_dispositive: Shares | None = None  # row 9
    shared_dispositive: Shares | None = None  # row 10
    aggregate: Shares | None = None  # row 11
    excludes_certain_shares: bool | None = None  # row 12
    percent_of_class: Decimal | None = None  # row 13
    percent_text: str | None = None  # row 13 as written
    type_codes: list[str] = field(default_factory=list)  # row 14
    share_class: str | None = None  # share-class key the amounts are in
    ads_count: int | None = None
    percent_of_total: Decimal | None = None
    percent_of_voting: Decimal | None = None
    basis_outstanding: int | None = None  # shares of the class the % is based on
    basis_as_of: _dt.date | None = None
    basis_document: str | None = None
    total_outstanding: int | None = None  # all ordinary shares, for percent_of_total
    footnotes: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class Holding(Sourced):
    """A stated ownership position that is not itself a cover page.

    Examples: "Tuspark is a wholly owned subsidiary of Tus-Holdings" (percent 100),
    or "Tuspark held 94,415,771 Class B Ordinary Shares".
    """

    holder: str  # entity key
    issuer: str  # entity key
    share_class: str | None = None
    shares: Shares | None = None
    percent_of_class: Decimal | None = None
    percent_of_total: Decimal | None = None
    percent_of_voting: Decimal | None = None
    as_of: _dt.date | None = None
    direct: bool = True
    nature: str | None = None  # "wholly owned subsidiary", "record holder"


class ControlKind(str, Enum):
    """How one entity controls another."""

    WHOLLY_OWNED = "wholly owned"
    MAJORITY = "majority"
    MINORITY = "minority stake"
    GROUP_MEMBER = "group member"
    CONTRACT = "control by contract"
    GENERAL_PARTNER = "general partner"
    MANAGER = "investment manager"
    OFFICER = "control person"


@dataclass(kw_only=True)
class ControlLink(Sourced):
    """``controller`` controls ``controlled`` (directly), of the given kind."""

    controller: str
    controlled: str
    kind: ControlKind
    percent: Decimal | None = None


@dataclass(kw_only=True)
class Role(Sourced):
    """A person (or firm) in a role at or for an organization.

    ``kinds`` are normalised words: ``director``, ``officer``, ``chair``, ``ceo``,
    ``cfo``, ``president``, ``manager``, ``signatory``, ``notice contact``,
    ``counsel``, ``independent director``, ``general partner``, ``member``...
    ``title`` keeps the wording of the filing.
    """

    person: str  # entity key
    organization: str | None  # entity key
    title: str
    kinds: list[str] = field(default_factory=list)
    occupation: str | None = None
    on_behalf_of: str | None = None  # entity key: whom a lawyer or agent acts for
    nominated_by: str | None = None  # entity key
    start: _dt.date | None = None
    end: _dt.date | None = None
    section: str | None = None  # "Schedule A", "Signature", "Exhibit 99.2 §6.2"


@dataclass(kw_only=True)
class AgreementParty(Sourced):
    """A party to an agreement, with its role in it."""

    entity: str
    role: str | None = None  # "seller", "buyer", "company", "filer"
    defined_as: str | None = None  # "the Company", "Tuspark", "BCG"


@dataclass(kw_only=True)
class NoticeContact(Sourced):
    """Where notices under an agreement go for one party."""

    party: str  # entity key of the party notified
    attention: str | None = None  # entity key of the person
    organization: str | None = None  # entity key: firm at the address (e.g. counsel)
    address: str | None = None
    email: str | None = None
    copy_only: bool = False  # "with a copy (which shall not constitute notice) to"


@dataclass(kw_only=True)
class Agreement(Sourced):
    """A contract or arrangement: share purchase, joint filing, voting agreement..."""

    key: str
    kind: str  # "share repurchase agreement", "joint filing agreement", ...
    title: str
    date: _dt.date | None = None
    parties: list[AgreementParty] = field(default_factory=list)
    governing_law: Jurisdiction | None = None
    dispute_forum: str | None = None
    dispute_rules: str | None = None
    arbitration_seat: Jurisdiction | None = None
    arbitration_language: str | None = None
    notice_contacts: list[NoticeContact] = field(default_factory=list)
    exhibit: str | None = None  # exhibit number when attached, e.g. "99.2"
    related: list[str] = field(default_factory=list)  # keys of agreements it refers to


@dataclass(kw_only=True)
class Transaction(Sourced):
    """A transfer or change of securities: sale, repurchase, conversion, purchase."""

    key: str
    kind: str  # "repurchase", "sale", "purchase", "conversion", "grant"
    seller: str | None = None
    buyer: str | None = None
    share_class: str | None = None
    to_class: str | None = None  # for conversions
    shares: int | Decimal | None = None  # Decimal when the filing states a fraction
    price_per_share: Decimal | None = None
    currency: str | None = None
    aggregate_amount: Decimal | None = None
    pricing_basis: str | None = None
    date: _dt.date | None = None  # date agreed or traded
    closing_date: _dt.date | None = None
    closing_deadline: _dt.date | None = None
    status: str | None = None  # "completed", "pending"
    agreement: str | None = None  # agreement key


@dataclass(kw_only=True)
class Event(Sourced):
    """Something that happened to a party: a resignation, rights ending, a filing."""

    kind: str  # "resignation", "termination of board nomination rights"
    date: _dt.date | None = None
    subjects: list[str] = field(default_factory=list)  # entity keys
    description: str = ""
    agreement: str | None = None


@dataclass(kw_only=True)
class Signature(Sourced):
    """A signature block: who signed for whom, with what title, when."""

    entity: str  # entity key of the signing party
    signer: str | None = None  # entity key of the person
    title: str | None = None
    date: _dt.date | None = None


@dataclass(kw_only=True)
class Exhibit(Sourced):
    """An exhibit listed in Item 7 (13D) or attached to the filing."""

    number: str | None  # "99.1", "1", "A"
    title: str
    date: _dt.date | None = None
    agreement: str | None = None  # agreement key, when the exhibit is one


@dataclass(kw_only=True)
class Item(Sourced):
    """One numbered item of the schedule with its text."""

    number: str  # "4", "5"
    title: str
    text: str
    #: the item states that it does not apply ("Not applicable", XML ``notApplicableFlag``)
    not_applicable: bool | None = None
    #: 13G Item 3: the kinds of institution checked (a-k), as their labels
    #: ("investment adviser", "parent holding company")
    institution_types: list[str] = field(default_factory=list)
    #: 13G Item 5: the box "ownership of 5 percent or less of a class" checked (True),
    #: stated unchecked (False) or not stated (None)
    five_percent_or_less: bool | None = None


@dataclass(frozen=True)
class FilingReference:
    """A filing referred to by another (the original that an amendment amends)."""

    description: str
    form: str | None = None
    date: _dt.date | None = None
    accession: str | None = None
    amendment_number: int | None = None


@dataclass(frozen=True)
class Document:
    """One document of a submission: the primary document or an exhibit."""

    type: str  # "SC 13D/A", "EX-99.1", "primary"
    filename: str | None = None
    description: str | None = None
    sequence: int | None = None


def placeholder_name(cik: str) -> str:
    """The name given to a filer known only by its CIK (no name in the document).

    Examples
    --------
    >>> placeholder_name("102909"), is_placeholder_name("EDGAR filer CIK 102909")
    ('EDGAR filer CIK 102909', True)
    """
    return f"EDGAR filer CIK {cik}"


def is_placeholder_name(name: str) -> bool:
    """True for a name made by :func:`placeholder_name`, never a real name."""
    return name.startswith("EDGAR filer CIK ") and name[16:].strip().isdigit()


def _shouting(name: str) -> bool:
    """True when every letter of ``name`` is a capital.

    Examples
    --------
    >>> _shouting("21VIANET GROUP, INC."), _shouting("21Vianet Group, Inc.")
    (True, False)
    """
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


@dataclass(kw_only=True)
class Filing(Sourced):
    """Everything one loader read from one filing."""

    form: str  # as filed: "SC 13D/A", "SCHEDULE 13G"
    schedule: str  # "13D" or "13G"
    amendment_number: int | None = None
    accession: str | None = None
    filed_date: _dt.date | None = None
    event_date: _dt.date | None = None
    signature_date: _dt.date | None = None
    period: _dt.date | None = None
    amends: FilingReference | None = None
    issuer: str | None = None  # entity key
    subject_class: str | None = None  # share-class key of the cover pages' class
    cusip: str | None = None
    #: the 13G rule designations checked ("13d-1(b)", "13d-1(c)", "13d-1(d)")
    rules: list[str] = field(default_factory=list)
    #: the 13D cover's box "previously filed a statement on Schedule 13G" (XML
    #: ``previouslyFiledFlag``): checked (True), stated unchecked (False), not stated (None)
    previously_filed: bool | None = None
    format: str = "unknown"  # "markdown", "xml", "html", "sgml", "text"
    path: str | None = None
    sha256: str | None = None
    filers: list[str] = field(default_factory=list)  # entity keys of FILED BY parties
    group_members: list[str] = field(default_factory=list)  # entity keys
    notice_person: str | None = None  # person authorized to receive notices
    entities: dict[str, Entity] = field(default_factory=dict)
    share_classes: dict[str, ShareClass] = field(default_factory=dict)
    depositary: list[DepositaryProgramme] = field(default_factory=list)
    cover_pages: list[CoverPage] = field(default_factory=list)
    holdings: list[Holding] = field(default_factory=list)
    controls: list[ControlLink] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    agreements: dict[str, Agreement] = field(default_factory=dict)
    transactions: list[Transaction] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    signatures: list[Signature] = field(default_factory=list)
    exhibits: list[Exhibit] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)

    @property
    def is_amendment(self) -> bool:
        """True for a 13D/A or 13G/A.

        Examples
        --------
        >>> Filing(form="SC 13D/A", schedule="13D").is_amendment
        True
        """
        return self.form.rstrip().upper().endswith("/A") or bool(self.amendment_number)

    def add_entity(self, entity: Entity) -> Entity:
        """Add ``entity``, or merge it into the entity already under its key.

        Merging keeps the first name and records every other spelling as an alias;
        identifiers and fields already set are kept, empty ones are filled.
        """
        existing = self.entities.get(entity.key)
        if existing is None:
            self.entities[entity.key] = entity
            return entity
        for n in entity.all_names():
            if n not in existing.all_names():
                existing.aliases.append(n)
        if (
            _shouting(existing.name)
            and not _shouting(entity.name)
            and existing.name.casefold() == entity.name.casefold()
        ):
            # EDGAR headers and cover pages often write names in capitals: show the
            # name as the parties write it, keep the capitals as an alias
            existing.aliases = [a for a in existing.aliases if a != entity.name]
            existing.aliases.insert(0, existing.name)
            existing.name = entity.name
        for s in entity.short_names:
            if s not in existing.short_names:
                existing.short_names.append(s)
        for f in fields(Entity):
            if f.name in ("key", "name", "aliases", "short_names"):
                continue
            mine: Any = getattr(existing, f.name)
            theirs: Any = getattr(entity, f.name)
            if isinstance(mine, list):
                for x in theirs:
                    if x not in mine:
                        mine.append(x)
            elif isinstance(mine, dict):
                for k, v in theirs.items():
                    mine.setdefault(k, v)
            elif f.name == "kind":
                if mine == EntityKind.UNKNOWN:
                    existing.kind = theirs
            elif mine is None and theirs is not None:
                setattr(existing, f.name, theirs)
        return existing

    def reporting_persons(self) -> list[Entity]:
        """The entities of the cover pages, in order."""
        return [self.entities[c.person] for c in self.cover_pages if c.person in self.entities]
