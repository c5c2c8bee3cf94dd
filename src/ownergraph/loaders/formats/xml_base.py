"""What the structured-XML reader's parts share: element names and lookups, small
value readers, and :class:`XmlReaderBase` (the record being filled, sources, warnings,
finding and adding entities, addresses).

Elements are found by their *local* names, lower-cased, so namespace prefixes and the
schemas' spelling variants do not matter (see :mod:`.xml13`).

May import: :mod:`.edgar_codes`, :mod:`.xml_people`, :mod:`.xml_safe`,
:mod:`ownergraph.loaders.sections.item_values`, :mod:`ownergraph.normalize`,
:mod:`ownergraph.record`.

Examples
--------
>>> _flag("Y"), _flag("no"), _flag("maybe") is None
(True, False, True)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from lxml import etree

from ownergraph.loaders.formats.edgar_codes import (
    edgar_location,
    edgar_location_name,
    is_edgar_code,
)
from ownergraph.loaders.formats.xml_safe import local_name
from ownergraph.loaders.sections.item_values import item_titles
from ownergraph.normalize import (
    entity_key,
    jurisdiction,
    looks_like_person,
    split_person_name,
)
from ownergraph.record import (
    Address,
    ControlKind,
    ControlLink,
    Entity,
    EntityKind,
    Filing,
    Jurisdiction,
    Source,
)

__all__ = ["ITEM_TITLES_13D", "ITEM_TITLES_13G", "XmlReaderBase"]

#: the official Item titles, from ``loaders/vocab/items.toml``
ITEM_TITLES_13D = item_titles("13D")
ITEM_TITLES_13G = item_titles("13G")

# Element names (lower case) of the two schemas.
_PERSON_BLOCKS = ("reportingpersoninfo", "coverpageheaderreportingpersondetails")
_P_NAME = ("reportingpersonname",)
_P_CIK = ("reportingpersoncik", "reportingcik")
_P_NO_CIK = ("reportingpersonnocik", "reportingciknotpresentinedgarflag", "nocik")
_P_GROUP = ("memberofgroup", "membergroup")
_P_FUNDS = ("fundtype",)
_P_LEGAL = ("legalproceedings",)
_P_CITIZEN = ("citizenshipororganization", "citizenshiporplaceoforganization")
_P_COUNTS = {
    "sole_voting": ("solevotingpower",),
    "shared_voting": ("sharedvotingpower",),
    "sole_dispositive": ("soledispositivepower",),
    "shared_dispositive": ("shareddispositivepower",),
    "aggregate": (
        "aggregateamountowned",
        "reportingpersonbeneficiallyownedaggregatenumberofshares",
    ),
}
_P_EXCLUDES = ("isaggregateexcludeshares", "aggregateamountexcludescertainsharesflag")
_P_PERCENT = ("percentofclass", "classpercent")
_P_TYPES = ("typeofreportingperson",)
_P_COMMENTS = ("commentcontent", "comments", "commenttext")
_ISSUER_CIK = ("issuercik",)
_ISSUER_NAME = ("issuername",)
_ISSUER_CUSIP = ("issuercusip", "issuercusipnumber")
_ISSUER_ADDRESS = ("address", "issuerprincipalexecutiveofficeaddress")
_P_RULE = ("designaterulepursuantthisschedulefiled",)
_ADDRESS_PARTS = ("street1", "street2", "city", "stateorcountry", "zipcode")
_NARRATIVE_ITEMS = ("2", "4", "5", "6")
_YES = {"y", "yes", "true", "1", "x"}
_NO = {"n", "no", "false", "0"}


#: the lower-cased local name of every tag met so far: documents of one schema repeat
#: the same few dozen tags, so each is cut and lower-cased once per process
_LOWER: dict[str, str] = {}
_LOWER_LIMIT = 10_000


def _lname(el: etree._Element) -> str:
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    found = _LOWER.get(tag)
    if found is None:
        found = local_name(el).lower()
        if len(_LOWER) >= _LOWER_LIMIT:
            _LOWER.clear()  # bounded: a hostile document's made-up tags cannot grow it
        _LOWER[tag] = found
    return found


def _text(el: etree._Element | None) -> str | None:
    """The text of ``el`` (all descendants), newlines normalised, stripped; None if empty."""
    if el is None:
        return None
    t = "".join(el.itertext()).replace("\r\n", "\n").replace("\r", "\n").strip()
    return t or None


def _elements(el: etree._Element) -> Iterator[etree._Element]:
    """The elements below ``el`` (not ``el`` itself; no comments or processing
    instructions), in document order."""
    found = el.iter(etree.Element)
    next(found, None)  # el itself comes first
    return found


def _matching(el: etree._Element, names: Iterable[str]) -> Iterator[etree._Element]:
    wanted = names if isinstance(names, frozenset | set) else frozenset(names)
    lower = _LOWER
    for node in _elements(el):
        name = lower.get(node.tag)
        if name is None:
            name = _lname(node)
        if name in wanted:
            yield node


def _all(el: etree._Element | None, names: Iterable[str]) -> list[etree._Element]:
    """The elements below ``el`` whose lower-cased local name is one of ``names``.

    Examples
    --------
    >>> root = etree.fromstring('<r xmlns="urn:x"><A>1</A><!-- c --><b><a>2</a></b></r>')
    >>> [_text(e) for e in _all(root, ("a",))], _text(_first(root, ("b",)))
    (['1', '2'], '2')
    """
    if el is None:
        return []
    return list(_matching(el, names))


def _first(el: etree._Element | None, names: Iterable[str]) -> etree._Element | None:
    """The first element below ``el`` named one of ``names`` (the search stops there)."""
    if el is None:
        return None
    return next(_matching(el, names), None)


def _either(a: etree._Element | None, b: etree._Element | None) -> etree._Element | None:
    """``a`` unless it is missing or empty, else ``b`` (elements are never truth-tested)."""
    return a if a is not None and _text(a) else b


def _children(el: etree._Element) -> list[etree._Element]:
    return [c for c in el if isinstance(c.tag, str)]


def _flag(text: str | None) -> bool | None:
    if text is None:
        return None
    t = text.strip().lower()
    if t in _YES:
        return True
    if t in _NO:
        return False
    return None


def _place(text: str) -> Jurisdiction:
    """An EDGAR location code, or a place written out."""
    if is_edgar_code(text):
        return edgar_location(text)
    return jurisdiction(text)


def _cik(text: str | None) -> str | None:
    if text is None:
        return None
    t = text.strip()
    return t if t.isdigit() and int(t) > 0 else None


def _norm(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip().lower()


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "unnamed"


def _same_cik(a: str | None, b: str | None) -> bool:
    return bool(a and b and a.isdigit() and b.isdigit() and int(a) == int(b))


class XmlReaderBase:
    """The state of reading one ``edgarSubmission`` into a :class:`Filing`, and helpers."""

    def __init__(self, root: etree._Element, filing: Filing, name: str, document: str) -> None:
        self.root = root
        self.filing = filing
        self.name = name
        self.document = document
        self.schedule = ""
        self.filer_ciks: list[tuple[str, str | None]] = []

    # -- small helpers -------------------------------------------------------------
    def src(self, section: str, quote: str) -> Source:
        return Source(section, quote, document=self.document)

    def add_control(
        self, controller: Entity, controlled: Entity, kind: ControlKind, source: Source
    ) -> None:
        """A control link from ``controller`` to ``controlled``, unless one is known."""
        controls = self.filing.controls
        if not any(
            c.controller == controller.key and c.controlled == controlled.key for c in controls
        ):
            controls.append(
                ControlLink(
                    controller=controller.key, controlled=controlled.key, kind=kind, source=source
                )
            )

    def warn(self, message: str) -> None:
        self.filing.warnings.append(f"{self.document}: {message}")

    def put(self, entity: Entity) -> Entity:
        """Add ``entity``, merged into an existing one with the same CIK or key."""
        if entity.cik:
            for existing in self.filing.entities.values():
                if _same_cik(existing.cik, entity.cik) and existing.key != entity.key:
                    entity.key = existing.key
                    break
        return self.filing.add_entity(entity)

    def find(self, name: str) -> Entity | None:
        """The entity with exactly this name or alias (case and spacing aside), else by key."""
        wanted = _norm(name)
        for e in self.filing.entities.values():
            if _norm(e.name) == wanted:
                return e
        for e in self.filing.entities.values():
            if any(_norm(n) == wanted for n in e.aliases):
                return e
        return self.filing.entities.get(entity_key(name))

    def named(self, name: str, section: str, kind: EntityKind | None = None) -> Entity:
        """The entity called ``name`` (found by name or key, else created)."""
        key = entity_key(name)
        found = self.find(name)
        if found is not None:
            if name not in found.all_names():
                found.aliases.append(name)
            return found
        if kind is None:
            kind = EntityKind.PERSON if looks_like_person(name) else EntityKind.UNKNOWN
        ent = Entity(key=key, name=name, kind=kind, source=self.src(section, name))
        if kind == EntityKind.PERSON:
            ent.given_name, ent.family_name = split_person_name(name)
        return self.put(ent)

    def address(self, el: etree._Element, kind: str, section: str) -> Address | None:
        parts = {_lname(c): _text(c) for c in _children(el)}
        if not any(parts.get(p) for p in _ADDRESS_PARTS):
            text = _text(el)
            if text is None:
                return None
            addr = Address(kind=kind, text=re.sub(r"\s*\n\s*", ", ", text))
            addr.source = self.src(section, text)
            return addr
        code = parts.get("stateorcountry")
        place = edgar_location(code) if code else None
        region = code
        if code and place is not None and place.country != "US":
            region = edgar_location_name(code) or code
        line = ", ".join(
            p for p in (parts.get("street1"), parts.get("street2"), parts.get("city")) if p
        )
        tail = " ".join(p for p in (region, parts.get("zipcode")) if p)
        text = ", ".join(p for p in (line, tail) if p)
        addr = Address(
            kind=kind,
            text=text,
            country=place.country if place else None,
            street=", ".join(p for p in (parts.get("street1"), parts.get("street2")) if p) or None,
            city=parts.get("city"),
            region=code,
            postal_code=parts.get("zipcode"),
        )
        addr.source = self.src(section, text)
        return addr

    # -- the parts of the document ---------------------------------------------------
