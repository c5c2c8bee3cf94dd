"""One call for every export format: read (and narrow) the store, write the file or folder.

RDF formats (``ttl``, ``trig``, ``nq``, ``jsonld``) are the store's own serialisations
(:meth:`~ownergraph.graph.store.GraphStore.export`); ``bods``, ``ftm``, ``gexf``,
``graphml`` go to one file and ``csv`` to a folder (``nodes.csv``, ``edges.csv``). A write
that fails (a missing folder, a full disk, no permission) raises :class:`ExportError`
with one line naming the file and the reason, and removes the partial file.

May import: the other :mod:`ownergraph.exports` modules, the graph layer, the foundation.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> from ownergraph.graph.store import GraphStore
>>> store = GraphStore.open(None)
>>> out = Path(tempfile.mkdtemp()) / "none.json"
>>> export_store(store, "bods", out).count
0
>>> export_store(store, "bods", Path("/no/such/folder/x.json"))
Traceback (most recent call last):
...
ownergraph.exports.dispatch.ExportError: cannot write /no/such/folder/x.json: the folder /no/such/folder does not exist
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from ownergraph.errors import OwnergraphError
from ownergraph.exports.reader import ExportData, read_export, scope
from ownergraph.graph.store import GraphStore

__all__ = [
    "EXPORT_FORMATS",
    "RDF_FORMATS",
    "ExportError",
    "ExportResult",
    "export_store",
    "read_scoped",
]

RDF_FORMATS = ("ttl", "trig", "nq", "jsonld")
EXPORT_FORMATS = (*RDF_FORMATS, "bods", "ftm", "gexf", "graphml", "csv")


class ExportError(OwnergraphError):
    """An export could not be written, or was asked for something it cannot do."""


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote: the format, where, and how many statements/entities/nodes
    (``count``) and edges (``edges``, for the graph formats and CSV)."""

    fmt: str
    path: Path
    count: int
    edges: int | None = None


def read_scoped(
    store: GraphStore, focus: str | None = None, hops: int = 2, as_of: str | None = None
) -> ExportData:
    """The store's parties and relations, narrowed to ``focus``/``hops`` and ``as_of``."""
    data = read_export(store)
    if focus is None and as_of is None:
        return data
    return scope(store, data, focus=focus, hops=hops, as_of=as_of)


def _reason(err: OSError) -> str:
    if err.errno == errno.ENOSPC:
        return "the disk is full"
    if err.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if err.errno == errno.EISDIR:
        return "it is a folder"
    return err.strerror or str(err)


_Writer = Callable[[IO[bytes]], int | tuple[int, int]]


def _write_file(path: Path, write: _Writer) -> tuple[int, int | None]:
    if not path.parent.is_dir():
        raise ExportError(f"cannot write {path}: the folder {path.parent} does not exist")
    if path.is_dir():
        raise ExportError(f"cannot write {path}: it is a folder (give a file name)")
    try:
        with path.open("wb") as fh:
            result = write(fh)
    except OSError as err:
        if path.is_file():
            os.unlink(path)
        raise ExportError(f"cannot write {path}: {_reason(err)}") from None
    if isinstance(result, tuple):
        return int(result[0]), int(result[1])
    return int(result), None


def export_store(
    store: GraphStore,
    fmt: str,
    path: Path,
    *,
    focus: str | None = None,
    hops: int = 2,
    as_of: str | None = None,
) -> ExportResult:
    """Export ``store`` as ``fmt`` to ``path`` (a folder for ``csv``).

    ``focus`` (an entity name, alias, CIK or CUSIP) with ``hops`` keeps the parties within
    that many relations of it; ``as_of`` (``YYYY-MM-DD``) keeps what was filed by then.

    Raises
    ------
    ExportError
        for an unknown format, ``focus``/``as_of`` with an RDF format, or a failed write.
    QueryError
        when ``focus`` names no entity or several, or ``as_of`` is not a date.
    """
    fmt = fmt.lower()
    if fmt not in EXPORT_FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    path = Path(path)
    if fmt in RDF_FORMATS:
        if focus is not None or as_of is not None:
            raise ExportError(
                f"--focus and --as-of apply to bods, ftm, gexf, graphml and csv, not to {fmt}"
            )

        def rdf(fh: IO[bytes]) -> int:
            store.export(fmt, fh)
            return len(store)

        count, _ = _write_file(path, rdf)
        return ExportResult(fmt, path, count)
    # the writers (and followthemoney, networkx) load only when an export runs
    from ownergraph.exports.bods import write_bods
    from ownergraph.exports.ftm import write_ftm
    from ownergraph.exports.graphs import write_gexf, write_graphml
    from ownergraph.exports.neo4j import write_csv_dir

    data = read_scoped(store, focus, hops, as_of)
    if fmt == "csv":
        try:
            nodes, links = write_csv_dir(data, path)
        except OwnergraphError as err:
            raise ExportError(str(err)) from None
        return ExportResult(fmt, path, nodes, links)
    writers: dict[str, _Writer] = {
        "bods": lambda fh: write_bods(data, fh),
        "ftm": lambda fh: write_ftm(data, fh),
        "gexf": lambda fh: write_gexf(data, fh),
        "graphml": lambda fh: write_graphml(data, fh),
    }
    written, edges = _write_file(path, writers[fmt])
    return ExportResult(fmt, path, written, edges)
