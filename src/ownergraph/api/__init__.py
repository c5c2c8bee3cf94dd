"""The library API: everything the command line does is one call here.

The calls live in topical modules and are all re-exported here: :mod:`.loading`
(loading filings), :mod:`.answers` (queries, labels, export), :mod:`.analytics`
(``chain`` and ``show``) and :mod:`.demo`. May import every layer but the CLI.

Examples
--------
>>> store = open_store(None)
>>> report = load_paths(store, [example_path()])
>>> report.failed
[]
>>> report.loaded[0].form
'SCHEDULE 13D/A'
>>> table = run_query(store, "holdings", {"holder": "Tuspark"})
>>> table.rows[0]["shares"]
94415771
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
from ownergraph.api.viewer import named_queries, write_viewer

__all__ = [
    "FILING_SUFFIXES",
    "ChainReport",
    "DemoReport",
    "EntityPage",
    "LoadReport",
    "LoadedFiling",
    "QueryInterrupted",
    "QueryLimits",
    "chain",
    "check_query",
    "demo",
    "example_path",
    "expand_paths",
    "export",
    "labels_for",
    "load_paths",
    "named_queries",
    "open_store",
    "result_table",
    "run_query",
    "show",
    "store_counts",
    "write_viewer",
]
