"""``ownergraph load`` and ``ownergraph demo``: filings into the store."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ownergraph.cli.common import (
    console,
    count_option,
    handle_errors,
    path_option,
    store_path,
)
from ownergraph.cli.lazy import api, escape
from ownergraph.cli.progress import print_file_result, print_load_summary, progress_bar

__all__ = ["demo", "load"]


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--max-bytes", type=int, default=None, help="Refuse files larger than this.")
@click.option("-q", "--quiet", is_flag=True, help="Print only the summary and failures.")
@count_option(
    "-j",
    "--jobs",
    minimum=1,
    help="Worker processes that read the files and build their graphs (default: the number of cores).",
)
@click.option(
    "-v",
    "--verbose",
    is_flag=True,
    help="One line per file at any count, with every warning; name the files skipped.",
)
@path_option(
    "--report",
    "report_path",
    help="Write every file's result, warnings and reason to this JSON file.",
)
@click.pass_context
@handle_errors
def load(
    ctx: click.Context,
    paths: tuple[Path, ...],
    max_bytes: int | None,
    quiet: bool,
    jobs: int | None,
    verbose: bool,
    report_path: Path | None,
) -> None:
    """Load filings (files or directories, recursively) into the store."""
    import os

    out, err = console(), console(err=True)
    files, skipped = api.expand_paths(paths)
    with api.open_store(store_path(ctx)) as store:
        progress = progress_bar(err, disable=len(files) < 5 or not err.is_terminal)
        show = verbose or (not quiet and len(files) <= 20)
        with progress:
            task = progress.add_task("loading", total=len(files))

            def on_file(path: Path, loaded: api.LoadedFiling | None, error: str | None) -> None:
                progress.advance(task)
                print_file_result(
                    progress.console,
                    path,
                    loaded,
                    error,
                    show=show,
                    every_warning=verbose,
                    hint=True,
                )

            report = api.load_paths(
                store, files, max_bytes=max_bytes, on_file=on_file, jobs=jobs or os.cpu_count() or 1
            )
        where = store.path if store.path is not None else "memory"
        print_load_summary(out, report, where, skipped=len(skipped))
        if verbose:
            for path in skipped:
                out.print(f"  skipped {escape(str(path))}: {api.report.SKIP_REASON}")
        elif skipped:
            out.print(
                "  (--verbose names the files skipped; --report FILE.json records every file)"
            )
        if report_path is not None:
            document = api.load_report_document(report, skipped, store=str(where))
            api.write_load_report(report_path, document)
            out.print(f"report written to {escape(str(report_path))}")
    if report.failed:
        sys.exit(1)


@click.command()
@path_option(
    "-o", "--output", help="Where to write the viewer page.", default=Path("ownergraph-demo.html")
)
@click.pass_context
@handle_errors
def demo(ctx: click.Context, output: Path) -> None:
    """Load the bundled 21Vianet Schedule 13D/A, print its control chain and a few
    answers, and write a first viewer page."""
    out = console()
    with api.open_store(store_path(ctx)) as store:
        report = api.demo(store, output)
        loaded = report.load.loaded[0]
        where = store.path if store.path is not None else "memory"
        out.rule("ownergraph demo")
        out.print(
            f"Loaded {escape(loaded.form)} on {escape(loaded.issuer or '?')} into {escape(str(where))}: "
            f"{loaded.reporting_persons} reporting persons, {loaded.entities} entities, {loaded.facts} facts."
        )
        out.print()
        out.print("[bold]Who controls 21Vianet?[/]")
        out.print(report.chain.render("table"))
        for table in report.answers:
            out.print()
            from ownergraph.output import render

            out.print(render(table.select(terminal=out.is_terminal), "table"))
        out.print()
        out.print(
            f"Viewer: {escape(str(report.viewer_path))} ({report.viewer_nodes} nodes, "
            f"{report.viewer_edges} edges; open it in a browser, it works offline)."
        )
        out.print(
            "Next: [bold]ownergraph queries[/] lists the questions; "
            "[bold]ownergraph query sources[/] cites every fact."
        )
