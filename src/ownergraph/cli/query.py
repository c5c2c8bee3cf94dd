"""``ownergraph query``, ``queries`` and ``export``: answers and RDF out of the store."""

from __future__ import annotations

from pathlib import Path

import click

from ownergraph.cli.common import FORMATS, console, emit, handle_errors, store_path
from ownergraph.cli.lazy import api, escape

__all__ = ["export", "queries", "query"]


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
@click.pass_context
@handle_errors
def query(
    ctx: click.Context, query: str, params: tuple[str, ...], fmt: str, allow_update: bool
) -> None:
    """Run QUERY: a name from `ownergraph queries`, a FILE.rq, or SPARQL text."""
    with api.open_store(store_path(ctx)) as store:
        emit(api.run_query(store, query, _params(params), allow_update=allow_update), fmt)


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
    type=click.Choice(["ttl", "trig", "nq", "jsonld"]),
    default="trig",
    show_default=True,
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.pass_context
@handle_errors
def export(ctx: click.Context, fmt: str, output: Path) -> None:
    """Write the whole store to a file (ttl merges the filings' graphs)."""
    with api.open_store(store_path(ctx)) as store, output.open("wb") as fh:
        api.export(store, fmt, fh)
    console().print(f"wrote {escape(str(output))}")
