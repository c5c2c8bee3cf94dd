"""``ownergraph serve``: a SPARQL server (Oxigraph's own) on the local store."""

from __future__ import annotations

import click

from ownergraph.cli.common import console, handle_errors, store_path
from ownergraph.cli.lazy import api, escape

__all__ = ["serve"]


@click.command()
@click.option("--port", type=int, default=7878, show_default=True, help="TCP port to listen on.")
@click.option(
    "--bind",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on (127.0.0.1: this machine only; 0.0.0.0 opens it to the network).",
)
@click.option("--read-only", is_flag=True, help="Refuse updates (serve-read-only).")
@click.pass_context
@handle_errors
def serve(ctx: click.Context, port: int, bind: str, read_only: bool) -> None:
    """Serve the local store over SPARQL with Oxigraph's own server (until Ctrl-C).

    Queries go to http://BIND:PORT/query (the union of all filings is the default
    graph), updates to /update; other ownergraph commands can use the server with
    --store http://BIND:PORT. While it runs, the server holds the store's lock.
    """
    location = store_path(ctx)
    if location == "default":
        location = api.default_store_path()
    if isinstance(location, str) and "://" in location:
        raise click.UsageError("serve needs a local store directory, not a server URL")
    host = f"[{bind}]" if ":" in bind else bind
    console(err=True).print(
        f"serving {escape(str(location))} at http://{escape(host)}:{port} "
        f"({'read-only' if read_only else 'read-write'}; queries /query, updates /update; "
        "Ctrl-C stops)"
    )
    api.serve(location, port=port, bind=bind, read_only=read_only)
