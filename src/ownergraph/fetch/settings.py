"""Settings of a fetch: EDGAR's hosts, the declared User-Agent, the rate, the cache.

May import: :mod:`ownergraph.errors` and the foundation only.

EDGAR's fair-access rules ask every client to declare who it is (a name and an e-mail
address in the ``User-Agent``) and to send at most 10 requests a second. The hosts are
settings so that tests and mirrors can stand in for sec.gov; the addresses written into
the graph (:func:`ownergraph.fetch.edgar.archive_url`) always name ``https://www.sec.gov``.

Examples
--------
>>> s = FetchSettings.from_env({"OWNERGRAPH_USER_AGENT": "Ada Lovelace ada@example.org"})
>>> s.www, s.data, s.rate
('https://www.sec.gov', 'https://data.sec.gov', 10.0)
>>> check_user_agent("curl/8.0")
Traceback (most recent call last):
...
ownergraph.errors.FetchError: the User-Agent 'curl/8.0' lacks a name and an e-mail address: ...
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from ownergraph.errors import FetchError

__all__ = [
    "DEFAULT_DATA",
    "DEFAULT_WWW",
    "MAX_RATE",
    "FetchSettings",
    "check_user_agent",
    "default_cache_dir",
]

DEFAULT_WWW = "https://www.sec.gov"
DEFAULT_DATA = "https://data.sec.gov"
#: EDGAR's limit: never more requests a second than this
MAX_RATE = 10.0

_WHY = (
    "set OWNERGRAPH_USER_AGENT or pass --user-agent, e.g. "
    "'Jane Doe jane@example.org': SEC's fair-access policy requires every client to name "
    "its operator and an e-mail address, and sec.gov answers 403 without one"
)
_EMAIL = re.compile(r"[^\s@<>]+@[^\s@<>]+\.[A-Za-z]{2,}")


def check_user_agent(agent: str | None) -> str:
    """The User-Agent, stripped, when it names someone and an e-mail address.

    Raises :class:`~ownergraph.errors.FetchError` (before any request is made) when it
    is missing or lacks either part.

    Examples
    --------
    >>> check_user_agent("  Ada Lovelace ada@example.org ")
    'Ada Lovelace ada@example.org'
    """
    text = (agent or "").strip()
    if not text:
        raise FetchError(f"no User-Agent is declared: {_WHY}")
    rest = _EMAIL.sub(" ", text)
    if not _EMAIL.search(text) or not re.search(r"[A-Za-z]{2,}", rest):
        raise FetchError(f"the User-Agent {text!r} lacks a name and an e-mail address: {_WHY}")
    return text


def default_cache_dir() -> Path:
    """The platform's cache directory for ownergraph (``platformdirs``)."""
    from platformdirs import user_cache_path

    return user_cache_path("ownergraph", appauthor=False) / "edgar"


@dataclass(frozen=True)
class FetchSettings:
    """Where and how to fetch.

    Attributes
    ----------
    www, data : str
        Roots standing for ``https://www.sec.gov`` and ``https://data.sec.gov``.
    user_agent : str or None
        Checked by :func:`check_user_agent` before the first request.
    rate : float
        Requests a second, at most :data:`MAX_RATE` (a higher value is lowered to it).
    cache_dir : Path
        Where raw documents and JSON are kept.
    offline : bool
        Answer from the cache alone; a missing document is an error.
    timeout : float
        Seconds to wait for a connection or a read.
    attempts : int
        Tries per request on 429, 5xx, timeouts and dropped connections.
    backoff : float
        First wait between tries, in seconds (doubled each time, unless the server sends
        ``Retry-After``); ``max_wait`` caps any single wait.
    """

    www: str = DEFAULT_WWW
    data: str = DEFAULT_DATA
    user_agent: str | None = None
    rate: float = MAX_RATE
    cache_dir: Path | None = None
    offline: bool = False
    timeout: float = 30.0
    attempts: int = 5
    backoff: float = 1.0
    max_wait: float = 60.0

    def __post_init__(self) -> None:
        if not self.rate > 0:
            raise FetchError(f"the request rate must be positive, not {self.rate}")
        if self.rate > MAX_RATE:
            object.__setattr__(self, "rate", MAX_RATE)
        object.__setattr__(self, "www", self.www.rstrip("/"))
        object.__setattr__(self, "data", self.data.rstrip("/"))

    @property
    def cache(self) -> Path:
        """The cache directory (the platform default when none was given)."""
        return self.cache_dir if self.cache_dir is not None else default_cache_dir()

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: object) -> FetchSettings:
        """Settings from ``OWNERGRAPH_SEC_WWW``, ``OWNERGRAPH_SEC_DATA`` and
        ``OWNERGRAPH_USER_AGENT``; keyword arguments that are not ``None`` win."""
        env = os.environ if env is None else env
        base = cls(
            www=env.get("OWNERGRAPH_SEC_WWW") or DEFAULT_WWW,
            data=env.get("OWNERGRAPH_SEC_DATA") or DEFAULT_DATA,
            user_agent=env.get("OWNERGRAPH_USER_AGENT") or None,
        )
        given = {k: v for k, v in overrides.items() if v is not None}
        return replace(base, **given) if given else base  # type: ignore[arg-type]
