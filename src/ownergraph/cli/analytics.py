"""``ownergraph chain`` and ``ownergraph show``: look-through chains and entity pages.

Each command parses its arguments and makes one call to :mod:`ownergraph.api.analytics`.
"""

from __future__ import annotations

import datetime as dt

import click

from ownergraph.cli.common import (
    FORMATS,
    choice_option,
    console,
    date_option,
    handle_errors,
    print_rendered,
    read_store,
)
from ownergraph.cli.lazy import api

__all__ = ["chain", "show"]


@click.command()
@click.argument("entity")
@choice_option(
    "--direction",
    choices=["up", "down"],
    default="up",
    help="up: to the ultimate controllers; down: to everything the entity holds.",
)
@date_option(
    "--as-of",
    "as_of",
    help="Per holder and issuer, use the latest position filed on or before this date.",
)
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@click.pass_context
@handle_errors
def chain(
    ctx: click.Context, entity: str, direction: str, as_of: dt.datetime | None, fmt: str
) -> None:
    """Every ownership and control path from ENTITY up to its ultimate controllers
    (or down), with each link's kind and percentages and the effective look-through
    percentage of each path (a control link passes on the whole stake)."""
    with read_store(ctx) as store:
        report = api.analytics.chain(
            store, entity, direction=direction, as_of=as_of.date() if as_of else None
        )
        print_rendered(report.render(fmt))


@click.command()
@click.argument("entity")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@click.pass_context
@handle_errors
def show(ctx: click.Context, entity: str, fmt: str) -> None:
    """One page on ENTITY: names and identifiers, holdings and holders, controllers and
    what it controls, roles, agreements, transactions and the filings behind each."""
    with read_store(ctx) as store:
        page = api.analytics.show(store, entity)
        print_rendered(page.render(fmt, terminal=fmt == "table" and console().is_terminal))
