"""The project's own error types: every failure a user can meet is one of these.

The command line prints ``str(error)`` (one line naming the file and the reason) and
never a traceback.

Examples
--------
>>> str(LoadError("filings/x.txt", "the file is empty"))
'filings/x.txt: the file is empty'
>>> isinstance(NotAFilingError("a.txt", "no cover page"), LoadError)
True
"""

from __future__ import annotations

__all__ = [
    "FetchError",
    "InputTooLargeError",
    "LoadError",
    "NotAFilingError",
    "OwnergraphError",
    "QueryError",
    "StoreError",
]


class OwnergraphError(Exception):
    """Base of every error ownergraph raises on purpose."""


class LoadError(OwnergraphError):
    """A file could not be read as a filing; names the file and the reason."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class NotAFilingError(LoadError):
    """The file is readable but is not a Schedule 13D/13G filing."""


class InputTooLargeError(LoadError):
    """The file is larger than the configured limit."""


class StoreError(OwnergraphError):
    """The store cannot be opened or written (locked, read-only, damaged)."""


class QueryError(OwnergraphError):
    """A query is unknown, malformed, refused, or lacks a parameter."""


class FetchError(OwnergraphError):
    """EDGAR could not be asked or did not answer (no User-Agent, 403, 404, offline)."""
