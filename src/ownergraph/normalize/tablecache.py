"""Tables that a library computes once per installation, checked and kept as JSON.

Some libraries the readers use spend most of a short process's time building their
own tables: ``fingerprints`` transliterates some 900 company-type spellings on its first
call, ``countrynames`` normalises every country name it knows (0.8 s). The modules that
answer from such a table (:mod:`.fastprint`, :mod:`.fastcountry`) keep it here: made by
the library, checked against the library's own answers, and written to the user's cache
directory (``$OWNERGRAPH_CACHE_DIR`` overrides it) under a key of the installed
libraries' files, so that an upgrade of any of them makes a new table. A table that
fails its check is kept as failed (so that it is not made again at each start), and its
module then asks the library.

May import the standard library and ``platformdirs``.

Examples
--------
>>> import tempfile
>>> with tempfile.TemporaryDirectory() as d:
...     os.environ["OWNERGRAPH_CACHE_DIR"] = d
...     def make(x):
...         return lambda: {"x": x}
...     made = load("demo", {"json": ("__init__.py",)}, 1, make(1), bool, dict)
...     again = load("demo", {"json": ("__init__.py",)}, 1, make(2), bool, dict)
...     del os.environ["OWNERGRAPH_CACHE_DIR"]
>>> made["x"], again["x"]  # the second start reads the first one's table
(1, 1)
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

__all__ = ["NORMALITY_FILES", "load", "path_for", "source_key"]

T = TypeVar("T")

#: the files of ``normality`` (the cleaning both tables depend on)
NORMALITY_FILES = ("__init__.py", "cleaning.py", "constants.py", "transliteration.py")


def source_key(sources: Mapping[str, tuple[str, ...]], fmt: int) -> str | None:
    """A key of the files ``sources`` names (package to files; path, size and
    modification time of each) and of the table format ``fmt``, found without
    importing the packages; ``None`` when one is missing."""
    h = hashlib.sha256(str(fmt).encode())
    for package, files in sources.items():
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            return None
        root = Path(next(iter(spec.submodule_search_locations)))
        for name in files:
            try:
                st = (root / name).stat()
            except OSError:
                return None
            h.update(f"{root / name}:{st.st_size}:{st.st_mtime_ns};".encode())
    return h.hexdigest()[:24]


def path_for(kind: str, key: str) -> Path:
    """Where the table ``kind`` of the libraries of ``key`` is kept."""
    base = os.environ.get("OWNERGRAPH_CACHE_DIR")
    if base:
        root = Path(base)
    else:
        from platformdirs import user_cache_path

        root = user_cache_path("ownergraph", appauthor=False)
    return root / kind / f"{key}.json"


def _write(path: Path, data: dict[str, Any]) -> None:
    """Write ``data`` to ``path`` atomically; a cache that cannot be written is skipped."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f)
        os.replace(tmp, path)
    except OSError:
        pass


def load(
    kind: str,
    sources: Mapping[str, tuple[str, ...]],
    fmt: int,
    make: Callable[[], dict[str, Any]],
    check: Callable[[dict[str, Any]], bool],
    use: Callable[[dict[str, Any]], T],
) -> T | None:
    """``use`` of the checked table ``kind``: read from the cache, else made by
    ``make`` (the library), checked by ``check`` and saved; a cached table that ``use``
    cannot read is made again. ``None`` when a library is missing, when making the
    table failed (the library's internals changed) or when it failed its check."""
    key = source_key(sources, fmt)
    if key is None:
        return None
    path = path_for(kind, key)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and data.get("format") == fmt:
            return use(data) if data.get("ok") else None
    except Exception:  # unreadable, not JSON, or not this table: made again
        pass
    try:
        data = make()
        data["format"] = fmt
        data["ok"] = bool(check(data))
        table = use(data) if data["ok"] else None
    except Exception:  # the library's internals changed: it answers everything itself
        return None
    _write(path, data)
    return table
