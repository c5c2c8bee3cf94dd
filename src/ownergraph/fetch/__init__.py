"""Fetching Schedule 13D/13G filings from EDGAR: the only code that touches the network.

May import: :mod:`ownergraph.errors` and the foundation only (never the loaders or the
graph); the api hands what it fetched to the loaders like any file on disk.

- :mod:`.settings`: hosts (``OWNERGRAPH_SEC_WWW``, ``OWNERGRAPH_SEC_DATA``), the declared
  User-Agent (``OWNERGRAPH_USER_AGENT``), the rate, the cache directory;
- :mod:`.client`: the rate limit, retries and the on-disk cache;
- :mod:`.edgar`: EDGAR's addresses and published shapes;
- :mod:`.targets`: tickers, CIKs, names and accession numbers;
- :mod:`.header`: the target's role (subject or filer) from the submission's header;
- :mod:`.run`: listings and downloads.
"""

from ownergraph.fetch.client import EdgarClient, RequestLog, TokenBucket
from ownergraph.fetch.edgar import (
    FORMS,
    SEC_WWW,
    FilingRef,
    archive_url,
    document_url,
    normalize_accession,
    normalize_cik,
    quarters,
)
from ownergraph.fetch.header import HeaderRoles, header_roles, read_header_roles
from ownergraph.fetch.run import Fetched, Fetcher, FetchOptions
from ownergraph.fetch.settings import MAX_RATE, FetchSettings, check_user_agent, default_cache_dir
from ownergraph.fetch.targets import Target, resolve_target

__all__ = [
    "FORMS",
    "MAX_RATE",
    "SEC_WWW",
    "EdgarClient",
    "FetchOptions",
    "FetchSettings",
    "Fetched",
    "Fetcher",
    "FilingRef",
    "HeaderRoles",
    "RequestLog",
    "Target",
    "TokenBucket",
    "archive_url",
    "check_user_agent",
    "default_cache_dir",
    "document_url",
    "header_roles",
    "normalize_accession",
    "normalize_cik",
    "quarters",
    "read_header_roles",
    "resolve_target",
]
