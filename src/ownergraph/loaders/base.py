"""The loading entry points: read, decode, detect, dispatch, check.

Each format module exposes ``parse(text: str, *, name: str, filing: Filing | None = None,
document: str = "primary") -> Filing`` (filling ``filing`` when given, which is how the
SGML loader merges an embedded document into what it read from the header) and raises
:class:`~ownergraph.errors.LoadError` (or :class:`~ownergraph.errors.NotAFilingError`)
for input it cannot read. :func:`load_bytes` guarantees that nothing else escapes.

Examples
--------
>>> load_bytes(b"", name="empty.txt")
Traceback (most recent call last):
...
ownergraph.errors.LoadError: empty.txt: the file is empty
"""

from __future__ import annotations

import hashlib
import importlib
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ownergraph.errors import InputTooLargeError, LoadError, NotAFilingError
from ownergraph.loaders.formats.decode import decode, looks_binary
from ownergraph.loaders.formats.detect import detect_format
from ownergraph.loaders.formats.edgar_names import reconcile_edgar_names
from ownergraph.loaders.limits import check_persons
from ownergraph.loaders.sections.reconcile import reconcile
from ownergraph.record import Filing

__all__ = [
    "DEFAULT_MAX_BYTES",
    "PARSERS",
    "load_bytes",
    "load_errors",
    "load_file",
    "parser_for",
]

DEFAULT_MAX_BYTES = int(os.environ.get("OWNERGRAPH_MAX_BYTES", 50 * 1024 * 1024))

#: format name -> module that holds its ``parse`` function
PARSERS = {
    "markdown": "ownergraph.loaders.formats.markdown",
    "xml": "ownergraph.loaders.formats.xml13",
    "html": "ownergraph.loaders.formats.html",
    "sgml": "ownergraph.loaders.formats.sgml",
    "text": "ownergraph.loaders.formats.text",
}


def parser_for(fmt: str) -> Callable[..., Filing]:
    """The ``parse`` function of the loader for format ``fmt``."""
    module = importlib.import_module(PARSERS[fmt])
    parse: Callable[..., Filing] = module.parse
    return parse


@contextmanager
def load_errors(name: str, subject: str, as_what: str) -> Iterator[None]:
    """Let a :class:`LoadError` raised inside pass and turn any other exception into one
    naming ``name``: a loader bug must still name the file and never crash a batch.

    ``subject`` names the input in the messages for deep nesting and exhausted memory
    (``"the HTML"``), ``as_what`` what it could not be read as (``"an HTML document"``).

    Examples
    --------
    >>> with load_errors("x.htm", "the HTML", "an HTML document"):
    ...     raise KeyError("k")
    Traceback (most recent call last):
    ...
    ownergraph.errors.LoadError: x.htm: could not be read as an HTML document (KeyError: 'k')
    >>> with load_errors("x.htm", "the HTML", "an HTML document"):
    ...     raise RecursionError()
    Traceback (most recent call last):
    ...
    ownergraph.errors.LoadError: x.htm: the HTML is nested too deeply to read
    """
    try:
        yield
    except LoadError:
        raise
    except RecursionError:
        raise LoadError(name, f"{subject} is nested too deeply to read") from None
    except MemoryError:
        raise LoadError(name, f"{subject} is too large to read in memory") from None
    except Exception as e:
        raise LoadError(name, f"could not be read as {as_what} ({type(e).__name__}: {e})") from e


def load_file(path: str | Path, *, max_bytes: int | None = None) -> Filing:
    """Read the file at ``path`` into a :class:`Filing`.

    Raises
    ------
    LoadError
        naming ``path``, when it is missing, too large, binary, or not a filing.
    """
    p = Path(path)
    limit = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    try:
        size = p.stat().st_size
        if not p.is_file():
            raise LoadError(str(p), "not a regular file")
        if size > limit:
            raise InputTooLargeError(
                str(p), f"the file is {size:,} bytes, over the limit of {limit:,} bytes"
            )
        data = p.read_bytes()
    except FileNotFoundError:
        raise LoadError(str(p), "no such file") from None
    except PermissionError:
        raise LoadError(str(p), "permission denied") from None
    except IsADirectoryError:
        raise LoadError(str(p), "is a directory") from None
    except OSError as e:
        raise LoadError(str(p), f"cannot be read ({e.strerror or e})") from None
    return load_bytes(data, name=str(p), max_bytes=limit)


def load_bytes(data: bytes, *, name: str, max_bytes: int | None = None) -> Filing:
    """Read ``data`` (the contents of the file ``name``) into a :class:`Filing`."""
    limit = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    if len(data) > limit:
        raise InputTooLargeError(
            name, f"the input is {len(data):,} bytes, over the limit of {limit:,} bytes"
        )
    if not data.strip():
        raise LoadError(name, "the file is empty")
    if looks_binary(data):
        raise LoadError(name, "the file is binary, not the text of a filing")
    text = decode(data)
    fmt = detect_format(text)
    with load_errors(name, f"the {fmt} input", f"a {fmt} filing"):
        filing = parser_for(fmt)(text, name=name)
    check_persons(name, len(filing.cover_pages))
    reconcile_edgar_names(filing)
    reconcile(filing)
    if not filing.cover_pages and filing.issuer is None:
        raise NotAFilingError(name, "not a Schedule 13D/13G filing (no issuer and no cover page)")
    filing.path = name
    filing.sha256 = hashlib.sha256(data).hexdigest()
    if filing.format == "unknown":
        filing.format = fmt
    return filing
