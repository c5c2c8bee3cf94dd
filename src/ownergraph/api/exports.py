"""Exports as library calls: BODS, FollowTheMoney, GEXF, GraphML, Neo4j CSV and RDF.

May import: :mod:`ownergraph.exports` and the graph layer.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> from ownergraph.api.loading import example_path, load_paths, open_store
>>> store = open_store(None)
>>> _ = load_paths(store, [example_path()])
>>> folder = Path(tempfile.mkdtemp())
>>> result = export_graph(store, "gexf", folder / "seed.gexf", focus="Tuspark", hops=1)
>>> result.count > 1, result.edges > 1
(True, True)
"""

from __future__ import annotations

from pathlib import Path

from ownergraph.exports import EXPORT_FORMATS, ExportResult, export_store
from ownergraph.graph.store import GraphStore

__all__ = ["EXPORT_FORMATS", "ExportResult", "export_graph"]


def export_graph(
    store: GraphStore,
    fmt: str,
    path: str | Path,
    *,
    focus: str | None = None,
    hops: int = 2,
    as_of: str | None = None,
) -> ExportResult:
    """Export ``store`` as ``fmt`` (one of :data:`EXPORT_FORMATS`) to ``path``.

    ``csv`` writes a folder with ``nodes.csv`` and ``edges.csv``; every other format one
    file. ``focus`` (entity name, alias, CIK or CUSIP) and ``hops`` keep that entity's
    neighbourhood; ``as_of`` (``YYYY-MM-DD``) what was filed by then. See
    :func:`ownergraph.exports.export_store` for the errors.
    """
    return export_store(store, fmt, Path(path), focus=focus, hops=hops, as_of=as_of)
