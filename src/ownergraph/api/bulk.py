"""Builds beyond one machine: one N-Quads file per filing, and the post-pass after a bulk load.

:func:`build_files` reads filings and writes, for each, the quads a load writes (the
same build function, the same IRIs, the filing's named graph) to ``DIR/<graph>.nq``, in
``jobs`` worker processes. Any machine can build any share of a corpus; the engine's own
bulk loader then reads the files (``oxigraph load --location DB --file DIR/*.nq``,
Virtuoso's ``ld_dir`` + ``rdf_loader_run()``, QLever's index builder).

What a bulk load does not do: each file is built from its filing alone, so the
cross-filing steps of ``ownergraph load`` (re-pointing name-only entities to the CIK node
another filing gives, the inferred amendment links, the display names) are not in the
files. :func:`resolve_store` does them afterwards over any store, local or on a server
(``ownergraph resolve``); after it, the store answers as one built by ``ownergraph load``.
May import: the loaders, the graph layer, the foundation.

Examples
--------
>>> import tempfile
>>> from ownergraph.api.loading import example_path
>>> out = Path(tempfile.mkdtemp())
>>> report = build_files([example_path()], out, jobs=1)
>>> [p.suffix for p in report.written], report.failed
(['.nq'], [])
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ownergraph.errors import OwnergraphError, StoreError

__all__ = ["BuildReport", "ResolveReport", "build_files", "nquads_name", "resolve_store"]

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass
class BuildReport:
    """What :func:`build_files` wrote: one file per filing, and the files that failed."""

    written: list[Path] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    skipped: list[str] = field(default_factory=list)
    quads: int = 0


def nquads_name(graph: str) -> str:
    """The file name for a filing graph's quads (two files of one filing share it, so a
    rebuild replaces, as a reload does).

    Examples
    --------
    >>> nquads_name("https://w3id.org/ownergraph/id/filing/0001193125-21-164123")
    'filing_0001193125-21-164123.nq'
    """
    from ownergraph.graph.identity import ID

    tail = graph[len(ID) :] if graph.startswith(ID) else graph
    return _UNSAFE.sub("_", tail).strip("_")[:200] + ".nq"


def _build_one(job: tuple[str, str, int | None]) -> tuple[str, str | None, int, str | None]:
    """Build one filing and write its N-Quads: (path, written file, quads, error)."""
    import pyoxigraph as ox

    from ownergraph.graph.build import build_triples
    from ownergraph.graph.build.sink import OxTerms
    from ownergraph.loaders import load_file

    path, out_dir, max_bytes = job
    try:
        filing = load_file(Path(path), max_bytes=max_bytes)
        name, triples = build_triples(filing)
        # the load's own conversion, in the order the builders made the triples: the
        # same file for the same filing, on any machine
        quads = OxTerms().quads(triples, name)
    except OwnergraphError as e:
        return path, None, 0, str(getattr(e, "reason", e))
    except Exception as e:  # a builder bug must name the file, not end the batch
        return path, None, 0, f"could not be turned into a graph ({type(e).__name__}: {e})"
    target = Path(out_dir) / nquads_name(str(name))
    partial = target.with_suffix(".nq.part")
    ox.serialize(quads, str(partial), format=ox.RdfFormat.N_QUADS)
    partial.replace(target)  # a reader never sees half a file
    return path, str(target), len(quads), None


def build_files(
    paths: Sequence[str | Path],
    out_dir: str | Path,
    *,
    jobs: int | None = None,
    max_bytes: int | None = None,
) -> BuildReport:
    """Write one N-Quads file per filing under ``out_dir`` (created), in ``jobs`` processes.

    Directories are walked as by ``ownergraph load``. A file that fails is recorded with
    its reason and writes nothing.
    """
    from ownergraph.api.loading import expand_paths

    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise StoreError(f"cannot create the output directory {out}: {e.strerror}") from None
    files, skipped = expand_paths(paths)
    report = BuildReport(skipped=[str(s) for s in skipped])
    work = [(str(f), str(out), max_bytes) for f in files]
    if (jobs or 1) <= 1 or len(work) <= 1:
        results = list(map(_build_one, work))
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(_build_one, work, chunksize=4))
    for path, written, quads, error in results:
        if error is not None:
            report.failed.append((path, error))
        elif written is not None:
            report.written.append(Path(written))
            report.quads += quads
    return report


@dataclass
class ResolveReport:
    """What :func:`resolve_store` changed."""

    graphs: int = 0
    repointed: int = 0
    amendment_links: int = 0


def resolve_store(store: Any) -> ResolveReport:
    """The cross-filing steps of a load, over a store filled by a bulk loader.

    Each filing graph is linked as if it had just been loaded (name-only entities
    re-pointed to the CIK nodes other filings give), then the amendment links and
    display names are rebuilt. Running it again changes nothing.
    """
    from ownergraph.graph.amendments import AMENDMENT_LINKS, rebuild_amendment_links
    from ownergraph.graph.names import DISPLAY_NAMES, rebuild_display_names
    from ownergraph.graph.resolve import IdentityResolver

    report = ResolveReport()
    resolver = IdentityResolver(store)
    for name in store.graph_names():
        if name in (AMENDMENT_LINKS, DISPLAY_NAMES):
            continue
        resolver.link(store.graph(name))
        report.graphs += 1
    report.repointed = resolver.resolved + resolver.repointed
    report.amendment_links = rebuild_amendment_links(store)
    rebuild_display_names(store)
    return report
