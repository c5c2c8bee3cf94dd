"""Exports for the tools investigators already use, written from the store (read-only).

* :mod:`.reader`: the common streaming reader (parties, filings, relations with their
  provenance) and :func:`~.reader.scope` (``focus``/``hops``, ``as_of``);
* :mod:`.bods`: Beneficial Ownership Data Standard 0.4 statements;
* :mod:`.ftm`: FollowTheMoney entities (JSON lines), built with ``followthemoney``;
* :mod:`.graphs`: GEXF and GraphML through networkx;
* :mod:`.neo4j`: ``nodes.csv`` / ``edges.csv`` for ``neo4j-admin database import``;
* :mod:`.dispatch`: :func:`~.dispatch.export_store`, one call for every format.

May import: :mod:`ownergraph.graph`, :mod:`ownergraph.ontology`, :mod:`ownergraph.queries`,
:mod:`ownergraph.output` and the foundation; never the api or the CLI.
"""

from ownergraph.exports.dispatch import (
    EXPORT_FORMATS,
    RDF_FORMATS,
    ExportError,
    ExportResult,
    export_store,
    read_scoped,
)
from ownergraph.exports.reader import ExportData, read_export, scope

__all__ = [
    "EXPORT_FORMATS",
    "RDF_FORMATS",
    "ExportData",
    "ExportError",
    "ExportResult",
    "export_store",
    "read_export",
    "read_scoped",
    "scope",
]
