"""Entity names: fingerprints for identity, person-name parsing.

Legal forms are folded with the ``fingerprints`` library (Ltd/Limited, Inc/
Incorporated, Co./Company ...), so spellings of one company meet on one key.

Examples
--------
>>> fingerprint("Tuspark Innovation Venture Ltd.") == fingerprint("TUSPARK INNOVATION VENTURE LIMITED")
True
>>> entity_key("Tus-Holdings Co., Ltd.")
'tus-holdings'
>>> split_person_name("Chuilan ZENG")
('Chuilan', 'Zeng')
"""

from __future__ import annotations

import re
import unicodedata

import fingerprints
from nameparser import HumanName

__all__ = ["clean_name", "entity_key", "fingerprint", "looks_like_person", "split_person_name"]

_ORG_WORDS = re.compile(
    r"\b(inc|incorporated|corp|corporation|co|company|ltd|limited|llc|l\.l\.c|lp|l\.p|llp|plc|"
    r"partners|partnership|fund|funds|trust|holdings?|group|capital|management|advisors?|"
    r"investments?|ventures?|bank|n\.a|s\.a|ag|gmbh|b\.v|n\.v|sarl|s\.a\.r\.l|pte|pty|foundation|"
    r"associates|securities|financial|international|technologies|technology|enterprises|"
    r"l\.p\.|ii|iii|iv|spc|ltda|lllp|kk|k\.k|oy|ab|asa|as|se|spa|s\.p\.a|srl|university|"
    r"state|government|ministry|authority|board|council|committee|estate|family|the)\b\.?",
    re.IGNORECASE,
)


# Words ``fingerprints.remove_types`` drops that tell two parties apart: a fund's
# series number ("Partners II" vs "Partners III") and a general partner ("G.P.").
_DISTINCTIVE = re.compile(r"\b(?:[IVX]{1,4}|G\.?\s?P\.?)(?=[\s,.;)]|$)", re.IGNORECASE)
_ROMAN = re.compile(r"^(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})$", re.IGNORECASE)


def _remove_types(name: str) -> str:
    """``fingerprints.remove_types`` keeping series numerals and "G.P." (see above).

    Examples
    --------
    >>> _remove_types("Farallon Capital Institutional Partners II, L.P.")
    'farallon capital institutional partners II'
    >>> _remove_types("Icahn Enterprises G.P. Inc.")
    'icahn enterprises general partner'
    """
    stripped = fingerprints.remove_types(name) or ""
    kept = []
    for m in _DISTINCTIVE.finditer(name):
        word = re.sub(r"[\s.]", "", m.group(0)).upper()
        if word == "GP":
            kept.append("general partner")
        elif _ROMAN.match(word) and word != "I":
            kept.append(word)
    have = " " + re.sub(r"\W+", " ", stripped.upper()) + " "
    missing = [w for w in kept if f" {w.upper()} " not in have]
    return " ".join([stripped.strip(), *missing]).strip() if missing else stripped


def clean_name(name: str) -> str:
    """``name`` with markup remnants, stray punctuation and runs of spaces removed.

    Examples
    --------
    >>> clean_name("  Tuspark Innovation Venture Ltd. ** ")
    'Tuspark Innovation Venture Ltd.'
    """
    name = unicodedata.normalize("NFKC", name)
    name = re.sub(r"<[^>]*>", " ", name)
    name = name.replace("\\", "")
    name = re.sub(r"[*_]{2,}", " ", name)
    name = re.sub(r"\s+", " ", name)
    return name.strip(" \t\n,;:*_")


def fingerprint(name: str) -> str:
    """An order-free, case-free key of ``name`` with legal forms removed.

    Falls back to the plain fingerprint when removing the legal form leaves nothing
    (a company called just "Holdings Ltd").

    Examples
    --------
    >>> fingerprint("21VIANET GROUP, INC.")
    '21vianet group'
    >>> fingerprint("Beacon Capital Group Inc.") == fingerprint("Beacon Capital Group Incorporated")
    True
    """
    cleaned = clean_name(name)
    stripped = _remove_types(cleaned)
    fp = fingerprints.generate(stripped) if stripped.strip() else None
    if not fp:
        fp = fingerprints.generate(cleaned)
    if not fp:
        fp = re.sub(r"\s+", " ", cleaned.lower()).strip() or "unnamed"
    return str(fp)


def entity_key(name: str) -> str:
    """A readable slug of the legal-form-free name, in the name's own word order.

    Used as the key of an entity within a filing and, with no CIK, in its IRI.

    Examples
    --------
    >>> entity_key("Tuspark Innovation Venture Limited")
    'tuspark-innovation-venture'
    >>> entity_key("Chuilan ZENG") == entity_key("ZENG Chuilan")
    False
    """
    cleaned = clean_name(name)
    stripped = _remove_types(cleaned)
    base = fingerprints.generate(stripped, keep_order=True) if stripped.strip() else None
    if not base:
        base = fingerprints.generate(cleaned, keep_order=True) or cleaned.lower()
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
    if not cleaned or any(ch.isdigit() for ch in cleaned):
        return False
    if _ORG_WORDS.search(cleaned) or "&" in cleaned:
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
    words = cleaned.split()
    caps = [w for w in words if len(w) > 1 and w.isupper() and w.isalpha()]
    if len(words) >= 2 and len(caps) == 1:
        family = caps[0]
        given = " ".join(w for w in words if w is not family) or None
        return given, family.capitalize()
    parsed = HumanName(cleaned)
    return (parsed.first or None), (parsed.last.capitalize() if parsed.last.isupper() else parsed.last) or None
