"""Reconciling the parties of an SEC header with those the documents name.

The header spells a party as EDGAR conformed it ("ICAHN CARL C", "NOONDAY ASSET
MANAGEMENT L P", "NUTRI SYSTEM INC /DE/"); the cover pages spell it as the filer wrote
it ("Carl C. Icahn"). :func:`match_keys` gives the keys under which two spellings of
one party meet, and :func:`merge_into` folds one entity into another (one entity, every
spelling kept as an alias, identifiers kept) and rewrites every reference to it.

Examples
--------
>>> bool(match_keys("ICAHN CARL C") & match_keys("Carl C. Icahn"))
True
>>> bool(match_keys("NOONDAY ASSET MANAGEMENT L P") & match_keys("Noonday Asset Management, L.P."))
True
>>> bool(match_keys("SHAW D E INVESTMENTS LP") & match_keys("D. E. Shaw Investments, L.P."))
True
>>> bool(match_keys("TIME WARNER INC") & match_keys("Warner Communications Inc."))
False
>>> strip_edgar_suffix("NUTRI SYSTEM INC /DE/"), strip_edgar_suffix("FARALLON PARTNERS L L C/CA")
('NUTRI SYSTEM INC', 'FARALLON PARTNERS L L C')
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from ownergraph.normalize import fingerprint
from ownergraph.record import Filing

#: fingerprints remembered: matching compares every header party with every spelling
_fingerprint = lru_cache(maxsize=1 << 12)(fingerprint)

__all__ = ["find_match", "match_keys", "merge_into", "name_key", "rekey", "strip_edgar_suffix"]

_SUFFIX = re.compile(r"\s*/\s*[A-Z0-9]{1,4}\s*/?\s*$", re.I)


def strip_edgar_suffix(name: str) -> str:
    """``name`` without the ``/DE/``-style suffix EDGAR adds to tell names apart."""
    out = name
    for _ in range(2):
        out = _SUFFIX.sub("", out)
    return out.strip() or name.strip()


def _collapse_initials(name: str) -> str:
    t = re.sub(r"(?<=\b[A-Za-z])\.\s*(?=[A-Za-z]\b)", " ", name)
    t = re.sub(r"\b([A-Za-z])\.", r"\1", t)

    def join(m: re.Match[str]) -> str:
        return m.group(0).replace(" ", "")

    return re.sub(r"\b[A-Za-z](?:\s+[A-Za-z]\b)+", join, t)


_DECORATION = re.compile(
    r"\(\s*(?:the\s+|collectively,?\s+)?[“\"'][^()]*\)|\[[^\[\]]*\]|[“\"«][^”\"»]*[”\"»]|^\s*\(\w{1,3}\)\s*",
    re.I,
)
_TITLES = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Prof|Ph\.?\s?D|M\.?\s?D|Esq|Jr|Sr)\b\.?|\bet\s+al\b\.?", re.I
)
_FORMS = frozenset(["the", "and", "of"])
#: legal forms folded into families, kept in the key: "L.P." and "LLC" stay two parties
_FORM_FAMILY = {
    **dict.fromkeys(
        [
            *("inc", "incorporated", "corp", "corporation", "co", "company", "cos", "companies"),
            *("ltd", "limited", "plc", "sa", "nv", "bv", "spa", "ag", "gmbh", "sarl", "ab"),
            *("as", "asa", "oy", "kk", "pte", "pty"),
        ],
        "corp",
    ),
    "lp": "lp",
    "lllp": "lp",
    "llc": "llc",
    "llp": "llp",
}
_SPELLING = {"advisers": "advisors", "adviser": "advisor", "centre": "center"}


@lru_cache(maxsize=1 << 12)
def _tokens(name: str) -> tuple[str, ...]:
    """The words of ``name`` for matching (remembered, as :data:`_fingerprint`)."""
    t = _DECORATION.sub(" ", strip_edgar_suffix(name))
    t = _TITLES.sub(" ", t).replace("&", " and ")
    t = re.sub(r"\blimited\s+partnership\b", "LP", t, flags=re.I)
    t = _collapse_initials(t).lower()
    return tuple(w for w in re.split(r"[^\w]+", t) if w)


def name_key(name: str) -> str:
    """A key of its own: decorations, titles and legal forms dropped, initials joined,
    words sorted (so "SHAW D E INVESTMENTS LP" meets "D.E. Shaw Investments, L.P.").

    Examples
    --------
    >>> name_key("SHAW D E INVESTMENTS LP") == name_key("D.E. SHAW INVESTMENTS, L.P. (“DESI”)")
    True
    >>> name_key("Telecom Italia International N.V.") == name_key("TELECOM ITALIA S P A")
    False
    >>> name_key("Fund II (QP), LP") == name_key("Fund II (Offshore), Ltd.")
    False
    >>> name_key("Fund XII, L.P.") == name_key("FUND XII LLC"), name_key("ATARI CORP") == name_key("Atari Corporation")
    (False, True)
    """
    words = sorted(
        {_FORM_FAMILY.get(w, _SPELLING.get(w, w)) for w in _tokens(name) if w not in _FORMS}
    )
    return " ".join(words)


def match_keys(name: str) -> set[str]:
    """Order-free keys under which spellings of one party's name meet."""
    base = strip_edgar_suffix(name)
    keys = {_fingerprint(base), _fingerprint(_collapse_initials(base)), name_key(name)}
    return {k for k in keys if k and k != "unnamed"}


def _person_words(name: str) -> frozenset[str]:
    return frozenset(
        w for w in _tokens(name) if len(w) > 1 and w not in _FORMS and w not in _FORM_FAMILY
    )


def find_match(name: str, candidates: dict[str, list[str]], *, person: bool = False) -> str | None:
    """The key among ``candidates`` (key -> spellings) that names the same party.

    Tried in order, each only when it gives exactly one candidate: the plain
    fingerprint, :func:`name_key`, and for people the words of one name contained in
    the other ("Jack M. Benun" in "Jack Mark Benun"), at least two words long.

    Examples
    --------
    >>> c = {"a": ["Jack Mark Benun"], "b": ["Isaac Maurice Levy"], "c": ["Mark Jack Benun"]}
    >>> find_match("ISAAC LEVY", c, person=True), find_match("BENUN JACK M", c, person=True)
    ('b', None)
    >>> find_match("ICAHN CARL C", {"x": ["Carl C. Icahn"]}, person=True)
    'x'
    >>> find_match("VANGUARD GROUP INC", {"v": ["The Vanguard Group -"]})
    'v'
    >>> find_match("FUND XII LLC", {"f": ["Fund XII, L.P."]}) is None
    True
    """
    base = strip_edgar_suffix(name)
    tiers: list[Callable[[str], object]] = [lambda n: _fingerprint(strip_edgar_suffix(n)), name_key]
    for tier in tiers:
        want = tier(base)
        if not want or want == "unnamed":
            continue
        hits = [k for k, names in candidates.items() if any(tier(n) == want for n in names)]
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            return None
    # a name written without its legal form ("VANGUARD GROUP" / "The Vanguard Group, Inc.")
    mine_bare = _person_words(base)
    mine_has_form = any(w in _FORM_FAMILY for w in _tokens(base))
    if mine_bare:
        hits = []
        for k, names in candidates.items():
            for n in names:
                toks = _tokens(n)
                if (not mine_has_form or not any(w in _FORM_FAMILY for w in toks)) and (
                    _person_words(n) == mine_bare
                ):
                    hits.append(k)
                    break
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            return None
    if person:
        mine = _person_words(base)
        if len(mine) >= 2:
            hits = []
            for k, names in candidates.items():
                for n in names:
                    theirs = _person_words(n)
                    if len(theirs) >= 2 and (mine <= theirs or theirs <= mine):
                        hits.append(k)
                        break
            if len(hits) == 1:
                return hits[0]
    return None


_REF_FIELDS = {
    "issuer",
    "holder",
    "person",
    "controller",
    "controlled",
    "organization",
    "on_behalf_of",
    "nominated_by",
    "entity",
    "party",
    "attention",
    "seller",
    "buyer",
    "signer",
    "notice_person",
}
_REF_LISTS = {"filers", "group_members", "subjects"}


def _rekey_obj(obj: Any, old: str, new: str) -> None:
    if not dataclasses.is_dataclass(obj) or isinstance(obj, type):
        return
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if f.name in _REF_FIELDS and value == old:
            setattr(obj, f.name, new)
        elif f.name in _REF_LISTS and isinstance(value, list):
            renamed = [new if v == old else v for v in value]
            deduped: list[Any] = []
            for v in renamed:
                if v not in deduped:
                    deduped.append(v)
            setattr(obj, f.name, deduped)
        elif isinstance(value, list):
            for item in value:
                _rekey_obj(item, old, new)
        elif isinstance(value, dict) and f.name in ("share_classes", "agreements"):
            for item in value.values():
                _rekey_obj(item, old, new)


def rekey(filing: Filing, old: str, new: str) -> None:
    """Make every reference to entity key ``old`` in ``filing`` refer to ``new``."""
    _rekey_obj(filing, old, new)


def merge_into(filing: Filing, old: str, new: str) -> None:
    """Fold entity ``old`` into entity ``new``: one entity, both spellings, all ids.

    Examples
    --------
    >>> from ownergraph.record import Entity
    >>> f = Filing(form="SC 13D", schedule="13D")
    >>> _ = f.add_entity(Entity(key="icahn-carl-c", name="ICAHN CARL C", cik="0000921669"))
    >>> _ = f.add_entity(Entity(key="carl-c-icahn", name="Carl C. Icahn"))
    >>> f.filers = ["icahn-carl-c"]
    >>> merge_into(f, "icahn-carl-c", "carl-c-icahn")
    >>> sorted(f.entities), f.filers, f.entities["carl-c-icahn"].aliases, f.entities["carl-c-icahn"].cik
    (['carl-c-icahn'], ['carl-c-icahn'], ['ICAHN CARL C'], '0000921669')
    """
    if old == new or old not in filing.entities or new not in filing.entities:
        return
    entity = filing.entities.pop(old)
    filing.add_entity(dataclasses.replace(entity, key=new))
    rekey(filing, old, new)
