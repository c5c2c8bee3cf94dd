"""``ownergraph build`` (one N-Quads file per filing, for bulk loaders) and ``ownergraph
resolve`` (the cross-filing post-pass after a bulk load)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ownergraph.cli.common import console, handle_errors, path_option, store_path
from ownergraph.cli.lazy import api, escape

__all__ = ["build", "resolve"]


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@path_option(
    "-o", "--output", help="Directory for the .nq files (created).", folder=True, required=True
)
@click.option(
    "--jobs", type=int, default=None, help="Worker processes (default: the number of cores)."
)
@click.option("--max-bytes", type=int, default=None, help="Refuse files larger than this.")
@handle_errors
def build(paths: tuple[Path, ...], output: Path, jobs: int | None, max_bytes: int | None) -> None:
    """Write one N-Quads file per filing (the quads a load writes) into OUTPUT.

    Load the directory with the engine's own bulk loader (oxigraph load --location DB
    --file OUTPUT/*.nq; Virtuoso's ld_dir), then run `ownergraph --store DB resolve`.
    """
    out = console()
    report = api.build_files(paths, output, jobs=jobs or os.cpu_count() or 1, max_bytes=max_bytes)
    for path, reason in report.failed:
        console(err=True).print(f"[red]failed[/] {escape(path)}: {escape(reason)}")
    out.print(
        f"{len(report.written)} filing(s) built into {escape(str(output))}, {report.quads} quads; "
        f"{len(report.failed)} failed"
        + (f"; {len(report.skipped)} other file(s) skipped" if report.skipped else "")
    )
    if report.failed:
        sys.exit(1)


@click.command()
@click.pass_context
@handle_errors
def resolve(ctx: click.Context) -> None:
    """Join entities across filings, link amendments and rebuild display names, after a
    bulk load (what `ownergraph load` does after each batch); running it again changes
    nothing."""
    with api.open_store(store_path(ctx)) as store:
        report = api.resolve_store(store)
    console().print(
        f"{report.graphs} filing graph(s) linked: {report.repointed} entity node(s) joined "
        f"across filings, {report.amendment_links} amendment(s) linked by inference"
    )
