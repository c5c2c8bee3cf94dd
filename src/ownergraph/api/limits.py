"""Query limits, and the early start of a query's evaluator, for the commands.

:class:`QueryLimits` and :func:`prestart_evaluator` need neither rdflib nor the store's
module, so that ``ownergraph query`` can start the evaluator of a local store
(:func:`ownergraph.graph.bounded.prestart`) before it imports them: the evaluator's
start then overlaps the command's imports.

May import: the graph layer's bounded-query and store-location modules.

Examples
--------
>>> QueryLimits.from_env({}).timeout
60
>>> prestart_evaluator("http://127.0.0.1:7878/query", 60)  # a server: it evaluates
False
"""

from __future__ import annotations

import os
from pathlib import Path

from ownergraph.graph.bounded import QueryLimits, prestart
from ownergraph.graph.location import default_store_path

__all__ = ["QueryLimits", "prestart_evaluator"]


def prestart_evaluator(path: str | Path | None, timeout: int) -> bool:
    """Start the evaluator of the store at ``path`` (``"default"``: as
    :func:`ownergraph.api.open_store` finds it) if a query on it will use one: a store on
    disk that exists, with a time limit (``timeout`` 0 runs the query in this process;
    a server store evaluates on its server). Returns whether one was started."""
    if path == "default":
        path = os.environ.get("OWNERGRAPH_STORE") or default_store_path()
    if not timeout or path is None or "://" in str(path) or not Path(path).is_dir():
        return False
    return prestart()
