"""The ``viz`` command: write the interactive network viewer to one HTML file.

Examples
--------
>>> from click.testing import CliRunner
>>> from ownergraph.cli import cli
>>> "--focus" in CliRunner().invoke(cli, ["viz", "--help"]).output
True
"""

from __future__ import annotations

import webbrowser
from pathlib import Path

import click

from ownergraph.cli.common import (
    choice_option,
    console,
    count_option,
    handle_errors,
    path_option,
    store_path,
)
from ownergraph.cli.lazy import api, escape

__all__ = ["viz"]


@click.command()
@click.option("--focus", metavar="ENTITY", help="Show only the network around this entity.")
@count_option("--hops", help="How many links away from --focus to go (default 2).")
@choice_option(
    "--layout",
    choices=["hierarchical", "force"],
    default="hierarchical",
    help="Owners above what they own, or a force-directed picture.",
)
@path_option("-o", "--output", help="The HTML file to write.", default=Path("ownergraph.html"))
@click.option("--open", "open_page", is_flag=True, help="Open the page in a web browser.")
@click.pass_context
@handle_errors
def viz(
    ctx: click.Context,
    focus: str | None,
    hops: int | None,
    layout: str,
    output: Path,
    open_page: bool,
) -> None:
    """Write the ownership and control network as one HTML page that works offline."""
    with api.open_store(store_path(ctx), read_only=True) as store:
        stats = api.write_viewer(store, output, focus=focus, hops=hops, layout=layout)
    more = f", {stats.left_out} more left out" if stats.left_out else ""
    laid = " (positions computed in Python)" if stats.python_layout else ""
    console().print(
        f"wrote {escape(str(output))}: {stats.nodes} nodes, {stats.edges} edges{more}{laid}"
    )
    if open_page:
        webbrowser.open(output.resolve().as_uri())
