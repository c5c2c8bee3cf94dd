"""Where the store is when no ``--store`` is given: ``$OWNERGRAPH_STORE``, else
``./ownergraph.db``. A module of its own (no rdflib, no pyoxigraph), so that a command
can find its store before it imports the store's module.

May import the standard library only.

Examples
--------
>>> DEFAULT_STORE
'ownergraph.db'
>>> default_store_path().name in (DEFAULT_STORE, Path(os.environ.get("OWNERGRAPH_STORE", "")).name)
True
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["DEFAULT_STORE", "default_store_path"]

DEFAULT_STORE = "ownergraph.db"


def default_store_path() -> Path:
    """``$OWNERGRAPH_STORE`` if set, else ``./ownergraph.db``."""
    return Path(os.environ.get("OWNERGRAPH_STORE") or DEFAULT_STORE)
