"""The ``demo``: load the bundled seed, trace its chain, answer, write a viewer page.

May import: every other module of :mod:`ownergraph.api`, and the viewer.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ownergraph.api.analytics import ChainReport, chain
from ownergraph.api.answers import run_query
from ownergraph.api.loading import LoadReport, example_path, load_paths
from ownergraph.errors import OwnergraphError
from ownergraph.graph.store import GraphStore
from ownergraph.output import Table

__all__ = ["DemoReport", "demo"]


@dataclass
class DemoReport:
    """What :func:`demo` did: the load, the chain, a few answers and the viewer page."""

    load: LoadReport
    chain: ChainReport
    answers: list[Table]
    viewer_path: Path
    viewer_nodes: int
    viewer_edges: int


def demo(store: GraphStore, viewer_path: str | Path = "ownergraph-demo.html") -> DemoReport:
    """Load the bundled seed, trace 21Vianet's control chain, answer a few questions
    and write a first viewer page.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "demo.html"
    >>> from ownergraph.api.loading import open_store
    >>> report = demo(open_store(None), out)
    >>> report.chain.paths[0].ultimate_controller_label
    'Tus-Holdings Co., Ltd.'
    >>> out.is_file()
    True
    """
    from ownergraph.viewer.page import write_viewer

    load = load_paths(store, [example_path()])
    if load.failed:
        path, reason = load.failed[0]
        raise OwnergraphError(f"{path}: {reason}")
    issuer = load.loaded[0].issuer or "21Vianet Group"
    report_chain = chain(store, issuer)
    answers = [
        run_query(store, "holdings"),
        run_query(store, "transactions"),
        run_query(store, "agreements"),
        run_query(store, "counterparties", {"entity": "Tuspark"}),
    ]
    stats = write_viewer(store, viewer_path)
    return DemoReport(load, report_chain, answers, Path(viewer_path), stats.nodes, stats.edges)
