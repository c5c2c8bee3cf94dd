"""The library API: everything the command line does is one call here.

The calls live in topical modules and are all re-exported here: :mod:`.loading`
(loading filings), :mod:`.answers` (queries, labels, export), :mod:`.analytics`
(``chain`` and ``show``) and :mod:`.demo`. May import every layer but the CLI.

Examples
--------
>>> store = open_store(None)
>>> _ = load_paths(store, [example_path()])
>>> run_query(store, "holdings", {"holder": "Tuspark"}).rows[0]["shares"]
94415771
>>> chain(store, "21Vianet").paths[0].ultimate_controller_label
'Tus-Holdings Co., Ltd.'
"""

from ownergraph.api.analytics import ChainReport, EntityPage, chain, show
from ownergraph.api.answers import (
    QueryInterrupted,
    QueryLimits,
    check_query,
    export,
    labels_for,
    result_table,
    run_query,
)
from ownergraph.api.bulk import BuildReport, ResolveReport, build_files, resolve_store
from ownergraph.api.demo import DemoReport, demo
from ownergraph.api.exports import EXPORT_FORMATS, ExportResult, export_graph
from ownergraph.api.fetch import Fetched, FetchReport, fetch
from ownergraph.api.loading import (
    FILING_SUFFIXES,
    LoadedFiling,
    LoadReport,
    example_path,
    expand_paths,
    load_paths,
    open_store,
    store_counts,
)
from ownergraph.api.report import load_report_document, write_load_report
from ownergraph.api.serve import serve
from ownergraph.api.viewer import named_queries, write_viewer
from ownergraph.graph.store import default_store_path

__all__ = [
    "EXPORT_FORMATS",
    "FILING_SUFFIXES",
    "BuildReport",
    "ChainReport",
    "DemoReport",
    "EntityPage",
    "ExportResult",
    "FetchReport",
    "Fetched",
    "LoadReport",
    "LoadedFiling",
    "QueryInterrupted",
    "QueryLimits",
    "ResolveReport",
    "build_files",
    "chain",
    "check_query",
    "default_store_path",
    "demo",
    "example_path",
    "expand_paths",
    "export",
    "export_graph",
    "fetch",
    "labels_for",
    "load_paths",
    "load_report_document",
    "named_queries",
    "open_store",
    "resolve_store",
    "result_table",
    "run_query",
    "serve",
    "show",
    "store_counts",
    "write_load_report",
    "write_viewer",
]
