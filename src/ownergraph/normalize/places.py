"""Countries and states as ISO 3166 codes, the original text kept beside them.

Examples
--------
>>> jurisdiction("British Virgin Islands")
Jurisdiction(text='British Virgin Islands', code='VG', country='VG')
>>> jurisdiction("Delaware")
Jurisdiction(text='Delaware', code='US-DE', country='US')
>>> [jurisdiction(t).code for t in ("People's Republic of China", "DE", "Atlantis",
...                                 "Cayman Islands, British West Indies")]
['CN', 'US-DE', None, 'KY']
>>> jurisdiction("India").code, jurisdiction("Indiana").code, jurisdiction("U.S.A.").code
('IN', 'US-IN', 'US')
>>> jurisdiction("a corporation organized under the laws of the State of New York").code
'US-NY'
>>> jurisdiction("Commonwealth of Massachusetts").code
'US-MA'

"""

from __future__ import annotations

import functools
import re

from ownergraph.record import Jurisdiction

__all__ = ["jurisdiction", "subdivision_code"]

_PREFIX = re.compile(
    r"^(?:(?:a|an)\s+)?(?:(?:company|corporation|limited partnership|partnership|exempted company|"
    r"limited liability company|trust|entity)\b\s*)?(?:(?:incorporated|organized|organised|formed|"
    r"existing)\b\s*)?(?:(?:under|in)\s+)?(?:the\s+)?(?:laws\s+of\s+)?(?:the\s+)?(?:(?:state|commonwealth)\s+of\s+)?",
    re.IGNORECASE,
)
_ALIASES = {
    "usa": "US",
    "u.s.a.": "US",
    "u.s.": "US",
    "us": "US",
    "united states": "US",
    "united states of america": "US",
    "america": "US",
    "prc": "CN",
    "p.r.c.": "CN",
    "the people's republic of china": "CN",
    "hong kong sar": "HK",
    "macao": "MO",
    "england": "GB",
    "england and wales": "GB",
    "scotland": "GB",
    "uk": "GB",
    "u.k.": "GB",
    "bvi": "VG",
    "cayman": "KY",
    "republic of korea": "KR",
    "south korea": "KR",
    "the netherlands": "NL",
}


@functools.lru_cache(maxsize=1)
def _subdivisions() -> dict[str, str]:
    import pycountry  # imported when first asked (with countrynames: 40 ms)

    table: dict[str, str] = {}
    for country in ("US", "CA"):
        for sub in pycountry.subdivisions.get(country_code=country) or []:
            table[sub.name.lower()] = sub.code
            table[sub.code.split("-")[1].lower()] = (
                sub.code if country == "US" else table.get(sub.code.split("-")[1].lower(), sub.code)
            )
    table["washington, d.c."] = "US-DC"
    table["washington d.c."] = "US-DC"
    return table


def subdivision_code(text: str) -> str | None:
    """ISO 3166-2 code of a US state or Canadian province named or abbreviated.

    Examples
    --------
    >>> subdivision_code("New York")
    'US-NY'
    >>> subdivision_code("Ontario")
    'CA-ON'
    """
    return _subdivisions().get(text.strip().strip(".").lower())


@functools.lru_cache(maxsize=4096)
def jurisdiction(text: str) -> Jurisdiction:
    """Read a place of organization or citizenship; ``code`` is ``None`` if unknown."""
    from ownergraph.normalize.fastcountry import to_code

    original = re.sub(r"\s+", " ", text).strip()
    cleaned = re.sub(r"[\*\u2020\u2021]|\(\d+\)|<[^<>]*>", "", original).strip(" .,;:")
    cleaned = re.sub(
        r"\b(?:citizen(?:ship)?|national)s?\b(?:\s+of)?", "", cleaned, flags=re.I
    ).strip(" ,")
    cleaned = _PREFIX.sub("", cleaned).strip(" ,.")
    if not cleaned or len(cleaned) > 200:  # no place name is that long: a misread cell
        return Jurisdiction(original)
    low = cleaned.lower()
    if low.replace(".", "").replace(" ", "") in ("usa", "us"):
        return Jurisdiction(original, "US", "US")
    sub = subdivision_code(cleaned)
    if sub and (len(cleaned) > 2 or cleaned.isupper()):
        return Jurisdiction(original, sub, sub[:2])
    if low in _ALIASES:
        return Jurisdiction(original, _ALIASES[low], _ALIASES[low])
    code: str | None = to_code(cleaned)
    if code is None and "," in cleaned:
        first = cleaned.split(",")[0].strip()
        sub = subdivision_code(first)
        if sub:
            return Jurisdiction(original, sub, sub[:2])
        code = _ALIASES.get(first.lower()) or to_code(first)
    if code is None:
        # "United States/Canada" or "Israel and USA": take the first country named
        for part in re.split(r"\s*(?:/|\band\b|;)\s*", cleaned):
            part_code = _ALIASES.get(part.lower()) or to_code(part)
            if part_code:
                code = part_code
                break
    if code is None or len(code) != 2:
        return Jurisdiction(original)
    return Jurisdiction(original, code, code)
