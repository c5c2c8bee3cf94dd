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
from ownergraph.api.answers import export, labels_for, result_table, run_query
from ownergraph.api.demo import DemoReport, demo
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
from ownergraph.api.viewer import named_queries, write_viewer

__all__ = [
    "FILING_SUFFIXES",
    "ChainReport",
    "DemoReport",
    "EntityPage",
    "LoadReport",
    "LoadedFiling",
    "chain",
    "demo",
    "example_path",
    "expand_paths",
    "export",
    "labels_for",
    "load_paths",
    "load_report_document",
    "named_queries",
    "open_store",
    "result_table",
    "run_query",
    "show",
    "store_counts",
    "write_load_report",
    "write_viewer",
]
