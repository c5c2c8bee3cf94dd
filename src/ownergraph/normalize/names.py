"""Entity names: fingerprints for identity, person-name parsing.

Spellings of legal forms are folded with the ``fingerprints`` library (Ltd/Limited,
Inc/Incorporated, Co./Company ...), so spellings of one company meet on one key; for
ASCII names :mod:`.fastprint` gives the library's key without importing it (half a
second of a command's start). The words that mark a name as an organization's are the
table ``loaders/vocab/legal_forms.toml``, read on first use.

Examples
--------
>>> fingerprint("Tuspark Innovation Venture Ltd.") == fingerprint("TUSPARK INNOVATION VENTURE LIMITED")
True
>>> entity_key("Tus-Holdings Co., Ltd.")
'tus-holdings-co-ltd'
>>> split_person_name("Chuilan ZENG")
('Chuilan', 'Zeng')
>>> edgar_name_parts("LEONARD BRADEN MICHAEL"), edgar_reorders("Leonard Braden Michael", "Braden M Leonard")
(('Braden Michael', 'Leonard'), True)
"""

from __future__ import annotations

import re
import unicodedata

from ownergraph.normalize import fastprint

__all__ = [
    "MAX_NAME",
    "clean_name",
    "edgar_name_parts",
    "edgar_order_evident",
    "edgar_reorders",
    "entity_key",
    "fingerprint",
    "looks_like_person",
    "split_person_name",
]


def _org_words() -> re.Pattern[str]:
    """The words of ``loaders/vocab/legal_forms.toml`` as one whole-word pattern.

    The table is data beside the loaders' other vocabulary; it is read as a file (no
    loader code is imported, so this foundation module stays below the loaders).
    """
    import tomllib
    from importlib import resources

    ref = resources.files("ownergraph").joinpath("loaders", "vocab", "legal_forms.toml")
    data = tomllib.loads(ref.read_text(encoding="utf-8"))
    words = [str(w) for key in ("legal_forms", "organization_words") for w in data[key]]
    body = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    return re.compile(rf"\b(?:{body})\b\.?", re.IGNORECASE)


_ORG_WORDS: list[re.Pattern[str]] = []


#: names longer than this are not names (a loader picked up a paragraph): identity keys
#: use only this many characters and person parsing gives up, which keeps every
#: function here fast on hostile input (nameparser is slow on long text)
MAX_NAME = 500


def clean_name(name: str) -> str:
    """``name`` with markup remnants, stray punctuation and runs of spaces removed.

    Examples
    --------
    >>> clean_name("  Tuspark Innovation Venture Ltd. ** ")
    'Tuspark Innovation Venture Ltd.'
    """
    name = unicodedata.normalize("NFKC", name)
    name = re.sub(r"<[^<>]*>", " ", name)  # [^<>]: linear on a run of "<"
    name = name.replace("\\", "")
    name = re.sub(r"[*_]{2,}", " ", name)
    name = re.sub(r"\s+", " ", name)
    return name.strip(" \t\n,;:*_")


_DEFINED_TERM = re.compile(r"\(\s*(?:the\s+)?[\"“'‘][^()]*\)|\[[^\[\]]*\]", re.IGNORECASE)


def _without_defined_terms(name: str) -> str:
    """``name`` without a defined term in brackets ('(the “Company”)', '[See Item 2]').

    Other bracketed words stay: they tell parties apart ("Parallel (DT) Fund").

    Examples
    --------
    >>> _without_defined_terms('Tuspark Innovation Venture Ltd. (“Tuspark”)')
    'Tuspark Innovation Venture Ltd.'
    """
    return _DEFINED_TERM.sub(" ", name).strip()


def _generate(text: str, *, keep_order: bool) -> str | None:
    """``fingerprints.generate(text, keep_order=..., keep_brackets=True)``: from
    :mod:`.fastprint` when it can say, else from the library (imported here, once)."""
    fast = fastprint.generate(text, keep_order)
    if fast is not fastprint.UNSURE:
        return fast  # type: ignore[return-value]
    import fingerprints

    out = fingerprints.generate(text, keep_order=keep_order, keep_brackets=True)
    return None if out is None else str(out)


def fingerprint(name: str) -> str:
    """An order-free, case-free key of ``name`` with legal-form spellings folded.

    Folding maps each spelling of a legal form to one token (Limited and Ltd. to
    ``ltd``, Incorporated and Inc. to ``inc``, Company and Co. to ``co``) but keeps it,
    so "Fund XII, L.P." and "Fund XII, LLC" stay two entities.

    Examples
    --------
    >>> fingerprint("21VIANET GROUP, INC.")
    '21vianet group inc'
    >>> fingerprint("Beacon Capital Group Inc.") == fingerprint("Beacon Capital Group Incorporated")
    True
    >>> fingerprint("ARCH Venture Partners XII, L.P.") == fingerprint("ARCH Venture Partners XII, LLC")
    False
    >>> fingerprint("Thomas H. Lee Parallel (DT) Fund VI, L.P.") == fingerprint("Thomas H. Lee Parallel Fund VI, L.P.")
    False
    >>> fingerprint("ASA (Bermuda) Limited") == fingerprint("ASA BERMUDA LTD")
    True
    """
    cleaned = _without_defined_terms(clean_name(name)[:MAX_NAME])
    fp = _generate(cleaned, keep_order=False)
    if not fp:
        fp = re.sub(r"\s+", " ", cleaned.lower()).strip() or "unnamed"
    return str(fp)


def entity_key(name: str) -> str:
    """A readable slug of the name with legal forms folded, in the name's own word order.

    Used as the key of an entity within a filing.

    Examples
    --------
    >>> entity_key("Tuspark Innovation Venture Limited")
    'tuspark-innovation-venture-ltd'
    >>> entity_key("Tuspark Innovation Venture Ltd.")
    'tuspark-innovation-venture-ltd'
    """
    cleaned = _without_defined_terms(clean_name(name)[:MAX_NAME])
    base = _generate(cleaned, keep_order=True) or cleaned.lower()
    slug = re.sub(r"[^a-z0-9]+", "-", str(base).lower()).strip("-")
    return slug or "unnamed"


def looks_like_person(name: str) -> bool:
    """A guess from the name alone: no legal-form or institutional word, 2-5 words.

    Loaders prefer stronger evidence (cover-page type code ``IN``, a title such as
    "Director"); this is the fallback.

    Examples
    --------
    >>> looks_like_person("Chuilan ZENG")
    True
    >>> looks_like_person("Tus-Holdings Co., Ltd.")
    False
    >>> looks_like_person("Vanguard Group")
    False
    """
    cleaned = clean_name(name)
    if not cleaned or len(cleaned) > MAX_NAME or any(ch.isdigit() for ch in cleaned):
        return False
    if not _ORG_WORDS:
        _ORG_WORDS.append(_org_words())
    if _ORG_WORDS[0].search(cleaned) or "&" in cleaned:
        return False
    words = [w for w in re.split(r"[\s,]+", cleaned) if w]
    return 2 <= len(words) <= 5


def split_person_name(name: str) -> tuple[str | None, str | None]:
    """Given and family name of a person, family names in upper case normalised.

    A surname written in capitals ("Chuilan ZENG", "ZENG Chuilan") is taken as the
    family name wherever it stands; otherwise ``nameparser`` decides.

    Examples
    --------
    >>> split_person_name("ZENG Chuilan")
    ('Chuilan', 'Zeng')
    >>> split_person_name("Will H. Cai, Esq.")
    ('Will', 'Cai')
    """
    cleaned = clean_name(re.sub(r"^(mr|mrs|ms|dr|miss)\.?\s+", "", clean_name(name), flags=re.I))
    if len(cleaned) > MAX_NAME:
        return None, None
    words = cleaned.split()
    caps = [w for w in words if len(w) > 1 and w.isupper() and w.isalpha()]
    if len(words) >= 2 and len(caps) == 1:
        family = caps[0]
        given = " ".join(w for w in words if w is not family) or None
        return given, family.capitalize()
    from nameparser import HumanName  # a quarter second of import: only when asked

    parsed = HumanName(cleaned)
    return (parsed.first or None), (
        parsed.last.capitalize() if parsed.last.isupper() else parsed.last
    ) or None


# -- EDGAR's order: family name first ----------------------------------------------

#: words that are no part of the given or family name in EDGAR's spelling
_EDGAR_EXTRA = frozenset({"jr", "sr", "ii", "iii", "iv", "mr", "mrs", "ms", "dr", "esq"})


def _name_tokens(name: str) -> list[str]:
    """The words of a person's name, EDGAR's ``/NY/`` suffix, titles and "Jr." left out."""
    name = re.sub(r"(?:\s*/[A-Z]{2,3}/?)+\s*$", "", name)
    name = re.sub(
        r"(?:,?\s*\b(?:M\.?\s?D|Ph\.?\s?D|J\.?\s?D|CPA|CFA)\b\.?)+\s*$", "", name, flags=re.I
    )
    words = re.findall(r"[^\W\d_][\w'’-]*", name)
    return [w for w in words if w.lower() not in _EDGAR_EXTRA]


def _word_case(word: str) -> str:
    return word.capitalize() if word.isupper() and len(word) > 1 else word


def edgar_name_parts(name: str) -> tuple[str | None, str | None]:
    """Given and family name of a person whose name is written in EDGAR's order.

    EDGAR's conformed names (SGML headers, the filer names the structured XML repeats)
    put the family name first: ``LEONARD BRADEN MICHAEL``, ``Cocke Travis W.``.

    Examples
    --------
    >>> edgar_name_parts("Cocke Travis W."), edgar_name_parts("ROCKER DAVID A /NY/")
    (('Travis W', 'Cocke'), ('David A', 'Rocker'))
    >>> edgar_name_parts("Madonna")
    (None, None)
    """
    words = _name_tokens(name)
    if len(words) < 2 or len(name) > MAX_NAME:
        return None, None
    return " ".join(_word_case(w) for w in words[1:]), _word_case(words[0])


def _same_word(a: str, b: str) -> bool:
    """Two spellings of one name word: equal, or one the other's initial."""
    a, b = a.lower(), b.lower()
    if a == b:
        return True
    return (len(a) == 1 or len(b) == 1) and a[0] == b[0]


def edgar_reorders(edgar: str, written: str) -> bool:
    """Whether ``written`` is the person ``edgar`` names, in natural order.

    The family name that ``edgar`` writes first is ``written``'s last word, and the
    given names agree word by word (an initial matches its name: ``M`` and ``Michael``).

    Examples
    --------
    >>> edgar_reorders("Gorzynski Michael", "Michael Gorzynski")
    True
    >>> edgar_reorders("LYTTON LAURENCE W", "Laurence W. Lytton")
    True
    >>> edgar_reorders("Steven A. Cohen", "Steven A. Cohen"), edgar_reorders("Leonard Braden", "Brad Leonard")
    (False, False)
    """
    e, n = _name_tokens(edgar), _name_tokens(written)
    if len(e) < 2 or len(n) < 2 or e[0].lower() != n[-1].lower() or e[0].lower() == e[1].lower():
        return False
    given_e, given_n = e[1:], n[:-1]
    if len(given_e[0]) == 1 or len(given_n[0]) == 1:  # a first name, not an initial
        return False
    return all(_same_word(a, b) for a, b in zip(given_e, given_n, strict=False))


def edgar_order_evident(name: str) -> bool:
    """Whether the name shows EDGAR's order by itself: it ends in a middle initial.

    Names in natural order end in the family name, never in an initial.

    Examples
    --------
    >>> edgar_order_evident("LYTTON LAURENCE W"), edgar_order_evident("Cocke Travis W.")
    (True, True)
    >>> edgar_order_evident("Laurence W. Lytton"), edgar_order_evident("Robert S. Pitts, Jr.")
    (False, False)
    >>> edgar_order_evident("Senai Asefaw, M.D.")
    False
    """
    words = _name_tokens(name)
    return len(words) >= 3 and len(words[-1]) == 1 and all(len(w) > 1 for w in words[:2])
