"""The ``ownergraph`` command line: parses arguments, calls :mod:`ownergraph.api`.

The group and its global options live here; each command family is a module of its
own (:mod:`.load`, :mod:`.query`, :mod:`.analytics`, :mod:`.viz`), sharing
:mod:`.common`. The CLI may import the api and anything below it; nothing imports it.

Every error the library raises on purpose is printed as one line naming what failed
and why, with a non-zero exit status; never a traceback.
"""

from __future__ import annotations

from pathlib import Path

import click

from ownergraph import __version__

__all__ = ["cli", "main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ownergraph")
@click.option(
    "--store",
    envvar="OWNERGRAPH_STORE",
    help="Store directory (default ./ownergraph.db, or $OWNERGRAPH_STORE), or a SPARQL "
    "server URL (http://HOST:PORT for Oxigraph, virtuoso+http://..., sparql+http://...).",
)
@click.pass_context
def cli(ctx: click.Context, store: str | None) -> None:
    """ownergraph: who owns and controls whom, from SEC Schedule 13D/13G filings."""
    ctx.ensure_object(dict)
    # a server URL stays text (a Path would fold its "//"); anything else is a directory
    ctx.obj["store"] = store if store is None or "://" in store else Path(store)


def main() -> None:
    """Entry point of the ``ownergraph`` script and ``python -m ownergraph``."""
    cli(prog_name="ownergraph")


# Every command lives in a module of its own and is registered here.
from ownergraph.cli.analytics import chain, show  # noqa: E402
from ownergraph.cli.build import build, resolve  # noqa: E402
from ownergraph.cli.fetch import fetch  # noqa: E402
from ownergraph.cli.load import demo, load  # noqa: E402
from ownergraph.cli.query import export, queries, query  # noqa: E402
from ownergraph.cli.serve import serve  # noqa: E402
from ownergraph.cli.viz import viz  # noqa: E402

for _command in (
    load,
    fetch,
    query,
    queries,
    export,
    demo,
    chain,
    show,
    viz,
    build,
    resolve,
    serve,
):
    cli.add_command(_command)
