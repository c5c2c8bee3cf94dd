"""What a fetch TARGET names: a ticker, a CIK, a company name or an accession number.

May import: :mod:`ownergraph.errors`, :mod:`.edgar` and the foundation only.

Tickers and names are matched against EDGAR's ``company_tickers.json``
(``{"0": {"cik_str": 320193, "ticker": "AAPL", "title": "Apple Inc."}, ...}``). A name
that matches more than one company gives a did-you-mean list, never a silent pick.

Examples
--------
>>> tickers = {"0": {"cik_str": 1508475, "ticker": "VNET", "title": "VNET Group, Inc."},
...            "1": {"cik_str": 1, "ticker": "VNETH", "title": "Vnet Holdings Ltd"}}
>>> resolve_target("vnet", tickers)
Target(text='vnet', cik='1508475', name='VNET Group, Inc.', accession=None)
>>> resolve_target("0001508475", tickers).cik
'1508475'
>>> resolve_target("0001104659-21-068149", tickers).accession
'0001104659-21-068149'
>>> resolve_target("Vnet Corp", tickers)
Traceback (most recent call last):
...
ownergraph.errors.FetchError: 'Vnet Corp' matches more than one company; did you mean: VNET Group, Inc. (VNET, CIK 1508475); Vnet Holdings Ltd (VNETH, CIK 1)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ownergraph.errors import FetchError
from ownergraph.fetch.edgar import normalize_accession, normalize_cik

__all__ = [
    "Target",
    "is_accession",
    "resolve_target",
    "tickers_of",
]

_LEGAL = re.compile(
    r"\b(inc|incorporated|corp|corporation|co|company|ltd|limited|plc|llc|lp|l\.p|sa|ag|nv|group|holdings?)\b\.?"
)


@dataclass(frozen=True)
class Target:
    """A resolved target: a company (CIK) or one filing (accession)."""

    text: str
    cik: str | None
    name: str | None = None
    accession: str | None = None


def is_accession(text: str) -> bool:
    """True for ``0001104659-21-068149`` or its 18 digits."""
    return bool(re.fullmatch(r"\d{10}-\d{2}-\d{6}|\d{18}", text.strip()))


def _fold(name: str) -> str:
    t = unicodedata.normalize("NFKD", name).casefold()
    t = re.sub(r"[^\w\s]", " ", t)
    return " ".join(t.split())


def _core(name: str) -> str:
    return " ".join(_LEGAL.sub(" ", _fold(name)).split())


def _rows(tickers: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    """(ticker, title, cik) for every row of ``company_tickers.json``."""
    rows = tickers.values() if isinstance(tickers, Mapping) else tickers
    out: list[tuple[str, str, str]] = []
    for r in rows:
        if isinstance(r, Mapping) and "cik_str" in r:
            out.append((str(r.get("ticker", "")), str(r.get("title", "")), str(int(r["cik_str"]))))
    return out


def _label(rows: list[tuple[str, str, str]], cik: str) -> str:
    tickers = [t for t, _, c in rows if c == cik and t]
    title = next((n for _, n, c in rows if c == cik), f"CIK {cik}")
    return f"{title} ({', '.join(tickers) + ', ' if tickers else ''}CIK {cik})"


def tickers_of(cik: str, tickers: Mapping[str, Any]) -> list[str]:
    """Every ticker EDGAR's list gives the company ``cik``.

    Examples
    --------
    >>> tickers_of("1508475", {"0": {"cik_str": 1508475, "ticker": "VNET", "title": "VNET"}})
    ['VNET']
    """
    want = str(int(cik))
    return [t for t, _, c in _rows(tickers) if c == want and t]


def resolve_target(text: str, tickers: Mapping[str, Any] | None) -> Target:
    """The company or filing ``text`` names.

    A CIK or an accession number needs no ticker list (``tickers`` may be ``None``).
    """
    raw = text.strip()
    if not raw:
        raise FetchError("an empty target: give a ticker, a CIK, a company name or an accession")
    if is_accession(raw):
        return Target(raw, None, accession=normalize_accession(raw))
    if raw.isdigit():
        return Target(raw, normalize_cik(raw))
    if tickers is None:
        raise FetchError(f"{raw!r}: the ticker list is needed to resolve a ticker or a name")
    rows = _rows(tickers)
    by_ticker = [c for t, _, c in rows if t.upper() == raw.upper()]
    if by_ticker:
        cik = by_ticker[0]
        return Target(raw, cik, next(n for _, n, c in rows if c == cik))
    folded, core = _fold(raw), _core(raw)
    exact = {c for _, n, c in rows if _fold(n) == folded}
    if len(exact) == 1:
        cik = exact.pop()
        return Target(raw, cik, next(n for _, n, c in rows if c == cik))
    candidates = exact or {c for _, n, c in rows if core and _core(n) == core}
    if not candidates:
        candidates = {c for _, n, c in rows if folded and folded in _fold(n)}
    if len(candidates) == 1:
        cik = candidates.pop()
        return Target(raw, cik, next(n for _, n, c in rows if c == cik))
    if not candidates:
        raise FetchError(
            f"{raw!r} is not a ticker, CIK or company name in EDGAR's ticker list "
            "(a company without a listed ticker can be given by its CIK)"
        )
    ordered = sorted(candidates, key=lambda c: (_label(rows, c).casefold(), c))
    shown = "; ".join(_label(rows, c) for c in ordered[:10])
    more = f"; and {len(ordered) - 10} more" if len(ordered) > 10 else ""
    raise FetchError(f"{raw!r} matches more than one company; did you mean: {shown}{more}")
