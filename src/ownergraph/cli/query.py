"""``ownergraph query``, ``queries`` and ``export``: answers and RDF out of the store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ownergraph.cli.common import (
    FORMATS,
    console,
    count_option,
    emit,
    handle_errors,
    prestart_evaluator,
    read_store,
    short_lived,
    store_path,
)
from ownergraph.cli.lazy import api, escape

__all__ = ["EXPORT_FORMATS", "export", "queries", "query"]

#: ``api.EXPORT_FORMATS``, spelled out so that the command line starts without the api
#: (``tests/test_queryperf.py`` checks that the two agree)
EXPORT_FORMATS = ("ttl", "trig", "nq", "jsonld", "bods", "ftm", "gexf", "graphml", "csv")


def _params(values: tuple[str, ...]) -> dict[str, str]:
    params: dict[str, str] = {}
    for v in values:
        if "=" not in v:
            raise click.BadParameter(f"{v!r} is not name=value", param_hint="-p")
        name, value = v.split("=", 1)
        params[name.strip()] = value
    return params


@click.command()
@click.argument("query")
@click.option(
    "-p", "--param", "params", multiple=True, metavar="NAME=VALUE", help="A parameter value."
)
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@click.option("--allow-update", is_flag=True, help="Allow a SPARQL Update to change the store.")
@count_option(
    "--timeout",
    metavar="SECONDS",
    help="Stop the query after this long (default 60, or $OWNERGRAPH_QUERY_TIMEOUT; 0: none).",
)
@count_option("--max-rows", help="Stop when the answer passes this many rows (default 1,000,000).")
@count_option(
    "--max-memory",
    minimum=1,
    metavar="MB",
    help="Stop the query when it needs more memory than this (default 4096).",
)
@click.option(
    "--columns",
    default=None,
    metavar="A,B,...",
    help="The columns to print (or 'all'); a terminal table shows a short set by default.",
)
@click.pass_context
@handle_errors
def query(
    ctx: click.Context,
    query: str,
    params: tuple[str, ...],
    fmt: str,
    allow_update: bool,
    timeout: int | None,
    max_rows: int | None,
    max_memory: int | None,
    columns: str | None,
) -> None:
    """Run QUERY: a name from `ownergraph queries`, a FILE.rq, or SPARQL text.

    The store is opened read-only (a load may run meanwhile) unless --allow-update."""
    limits = api.QueryLimits.from_env(timeout=timeout, max_rows=max_rows, max_memory_mb=max_memory)
    if not allow_update:
        short_lived()
        prestart_evaluator(ctx, limits.timeout)  # its start overlaps the imports below
    update = api.check_query(query, allow_update=allow_update)  # refusals need no store
    opened: Any = api.open_store(store_path(ctx), read_only=False) if update else read_store(ctx)
    with opened as store:
        table = api.run_query(
            store, query, _params(params), allow_update=allow_update, limits=limits
        )
        emit(table, fmt, columns)


@click.command()
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@handle_errors
def queries(fmt: str) -> None:
    """List the named queries with their descriptions and parameters."""
    rows = [
        {
            "name": q.name,
            "title": q.title,
            "description": q.description,
            "parameters": "; ".join(
                f"{p.name} ({p.type}, {'required' if p.required else 'optional'}): {p.description}"
                for p in q.params
            ),
        }
        for q in api.named_queries().values()
    ]
    from ownergraph.output import Table

    emit(Table(["name", "title", "description", "parameters"], rows, "Named queries"), fmt)


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(EXPORT_FORMATS)),
    default="trig",
    show_default=True,
    help="RDF (ttl, trig, nq, jsonld), BODS 0.4 JSON, FollowTheMoney JSON lines, "
    "GEXF, GraphML, or Neo4j import CSV (a folder).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="The file to write (a folder for --format csv).",
)
@click.option(
    "--focus", metavar="ENTITY", help="Only this entity's neighbourhood (name, CIK, CUSIP)."
)
@click.option(
    "--hops",
    type=click.IntRange(min=0),
    default=2,
    show_default=True,
    help="With --focus: how many relations away.",
)
@click.option(
    "--as-of", "as_of", metavar="YYYY-MM-DD", help="Only what was filed on or before this date."
)
@click.pass_context
@handle_errors
def export(
    ctx: click.Context,
    fmt: str,
    output: Path,
    focus: str | None,
    hops: int,
    as_of: str | None,
) -> None:
    """Write the store (or one entity's neighbourhood) to a file, or a folder for csv."""
    with api.open_store(store_path(ctx), read_only=True) as store:
        result = api.export_graph(store, fmt, output, focus=focus, hops=hops, as_of=as_of)
    what = (
        f"{result.count} items"
        if result.edges is None
        else f"{result.count} nodes, {result.edges} edges"
    )
    console().print(f"wrote {escape(str(output))} ({fmt}: {what})")
