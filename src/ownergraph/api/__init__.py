"""The library API: everything the command line does is one call here.

The calls live in topical modules and are all re-exported here: :mod:`.loading`
(loading filings), :mod:`.answers` (queries, labels, export), :mod:`.analytics`
(``chain`` and ``show``) and :mod:`.demo`. May import every layer but the CLI.

Each name is imported from its module when first read (PEP 562's module
``__getattr__``), so that a command imports only what it uses: ``query`` never
imports the readers, the fetcher or the viewer. ``from ownergraph.api import chain``
and ``api.chain`` work as before.

Examples
--------
>>> import ownergraph.api as api
>>> store = api.open_store(None)
>>> _ = api.load_paths(store, [api.example_path()])
>>> api.run_query(store, "holdings", {"holder": "Tuspark"}).rows[0]["shares"]
94415771
>>> api.chain(store, "21Vianet").paths[0].ultimate_controller_label
'Tus-Holdings Co., Ltd.'
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ownergraph.api.analytics import ChainReport, EntityPage, chain, show
    from ownergraph.api.answers import (
        QueryInterrupted,
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
    from ownergraph.api.limits import QueryLimits, prestart_evaluator
    from ownergraph.api.loading import (
        FILING_SUFFIXES,
        LoadedFiling,
        LoadReport,
        example_path,
        expand_paths,
        load_paths,
        store_counts,
    )
    from ownergraph.api.report import load_report_document, write_load_report
    from ownergraph.api.serve import serve
    from ownergraph.api.stores import open_store
    from ownergraph.api.viewer import named_queries, write_viewer
    from ownergraph.graph.location import default_store_path

#: each module of the api -> the public names it gives
_NAMES = {
    "analytics": "ChainReport EntityPage chain show",
    "answers": "QueryInterrupted check_query export labels_for result_table run_query",
    "limits": "QueryLimits prestart_evaluator",
    "bulk": "BuildReport ResolveReport build_files resolve_store",
    "demo": "DemoReport demo",
    "exports": "EXPORT_FORMATS ExportResult export_graph",
    "fetch": "Fetched FetchReport fetch",
    "loading": "FILING_SUFFIXES LoadedFiling LoadReport example_path expand_paths load_paths"
    " store_counts",
    "report": "load_report_document write_load_report",
    "serve": "serve",
    "stores": "open_store",
    "viewer": "named_queries write_viewer",
}

#: each public name -> the module it lives in
_HOME: dict[str, str] = {
    name: f"ownergraph.api.{module}" for module, names in _NAMES.items() for name in names.split()
}
_HOME["default_store_path"] = "ownergraph.graph.location"

#: the topical modules, readable as attributes (``api.analytics.chain``)
_MODULES = (
    "analytics",
    "answers",
    "bulk",
    "demo",
    "exports",
    "fetch",
    "limits",
    "loading",
    "reading",
    "report",
    "serve",
    "stores",
    "viewer",
)


def __getattr__(name: str) -> Any:
    """The public name ``name``, imported from its module on first use.

    Examples
    --------
    >>> import ownergraph.api as api
    >>> api.percent_of_nothing
    Traceback (most recent call last):
    ...
    AttributeError: module 'ownergraph.api' has no attribute 'percent_of_nothing'
    """
    home = _HOME.get(name)
    if home is not None:
        value = getattr(importlib.import_module(home), name)
        globals()[name] = value  # read once; later reads skip this function
        return value
    if name in _MODULES:
        return importlib.import_module(f"ownergraph.api.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOME])


class _Api(types.ModuleType):
    """This package's module type: importing the submodule ``fetch``, ``demo`` or
    ``serve`` does not hide the function of the same name (the import system sets each
    submodule as an attribute of its package)."""

    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, types.ModuleType) and name in _HOME:
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Api


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
    "prestart_evaluator",
    "resolve_store",
    "result_table",
    "run_query",
    "serve",
    "show",
    "store_counts",
    "write_load_report",
    "write_viewer",
]
