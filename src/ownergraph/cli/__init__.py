"""The ``ownergraph`` command line: parses arguments, calls :mod:`ownergraph.api`.

The group and its global options live here; each command family is a module of its
own (:mod:`.load`, :mod:`.query`, :mod:`.analytics`, :mod:`.viz`), sharing
:mod:`.common`. The CLI may import the api and anything below it; nothing imports it.

Every error the library raises on purpose is printed as one line naming what failed
and why, with a non-zero exit status; never a traceback.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import click

from ownergraph import __version__

__all__ = ["PROCESS", "cli", "main"]


class _Commands(click.Group):
    """The group whose commands are imported when first asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(_COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = _COMMANDS.get(cmd_name)
        if module is None:
            return None
        command: click.Command = getattr(
            importlib.import_module(f"ownergraph.cli.{module}"), cmd_name
        )
        return command


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
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


#: ``standalone``: this process is the command itself (``ownergraph ...``, set by
#: :func:`main`), not a caller's (a test's ``CliRunner``, a notebook); see
#: :func:`ownergraph.cli.common.short_lived`
PROCESS = {"standalone": False}


def main() -> None:
    """Entry point of the ``ownergraph`` script and ``python -m ownergraph``."""
    PROCESS["standalone"] = True
    cli(prog_name="ownergraph")


#: every command -> the module of this package that defines it, imported when the
#: command runs or ``--help`` lists it (``--version`` imports none of them)
_COMMANDS = {
    "build": "build",
    "chain": "analytics",
    "demo": "load",
    "export": "query",
    "fetch": "fetch",
    "load": "load",
    "queries": "query",
    "query": "query",
    "resolve": "build",
    "serve": "serve",
    "show": "analytics",
    "viz": "viz",
}
