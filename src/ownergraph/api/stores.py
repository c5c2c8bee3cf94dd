"""Opening a store: :func:`open_store`, the one call every command starts with.

A module of its own so that the read commands (``query``, ``chain``, ``show``,
``export``) open their store without importing the load path (:mod:`.loading`, the
readers, the builders, the worker pool).

May import: the graph layer's store modules and :mod:`ownergraph.errors`.

Examples
--------
>>> store = open_store(None)  # a fresh in-memory store
>>> len(store)
0
>>> store.close()
"""

from __future__ import annotations

import os
from pathlib import Path

from ownergraph.errors import StoreError
from ownergraph.graph.store import GraphStore, default_store_path

__all__ = ["open_store"]


def open_store(path: str | Path | None = "default", *, read_only: bool = False) -> GraphStore:
    """Open the store at ``path``; ``"default"`` means ``$OWNERGRAPH_STORE`` or
    ``./ownergraph.db``; ``None`` means a fresh in-memory store. An ``http(s)://`` (or
    ``virtuoso+http://``, ``sparql+http://``) URL opens a store on a SPARQL server
    (:mod:`ownergraph.graph.remote`), which has the same methods."""
    if path == "default":
        env = os.environ.get("OWNERGRAPH_STORE")
        path = env if env and _is_store_url(env) else default_store_path()
    if _is_store_url(path):
        from ownergraph.graph.remote import RemoteStore

        return RemoteStore.open(str(path), read_only=read_only)  # type: ignore[return-value]
    try:
        return GraphStore.open(path, read_only=read_only)
    except StoreError as e:
        if "locked" not in str(e):
            raise
        raise StoreError(
            f"{e}; if `ownergraph serve` runs on it, the server holds the lock: "
            "use --store http://127.0.0.1:PORT to work through the server"
        ) from None


def _is_store_url(path: object) -> bool:
    if not isinstance(path, str) or "://" not in path:  # a directory: no remote module
        return False
    from ownergraph.graph.remote import is_store_url

    return is_store_url(path)
