"""What every command module of the CLI shares: the console, output, error handling.

Examples
--------
>>> from ownergraph.output import Table
>>> emit(Table(["a"], [{"a": 1}]), "csv")
a
1
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ownergraph.errors import OwnergraphError
from ownergraph.interrupt import LoadInterrupted

if TYPE_CHECKING:  # rich and the output module (rdflib) load when a command prints
    from rich.console import Console

    from ownergraph.output import Table

__all__ = ["FORMATS", "console", "emit", "fail", "handle_errors", "print_rendered", "store_path"]

F = TypeVar("F", bound=Callable[..., Any])

FORMATS = click.Choice(["table", "csv", "json"])


def console(err: bool = False) -> Console:
    """A rich console on standard output (or standard error)."""
    from rich.console import Console

    # no emoji codes: a filing's ":x:" must print as written
    c = Console(stderr=err, soft_wrap=True, highlight=False, emoji=False)
    if not c.is_terminal:
        # piped or captured: do not squeeze wide tables into 80 columns
        c = Console(
            stderr=err, soft_wrap=True, highlight=False, emoji=False, width=max(c.width, 240)
        )
    return c


def fail(message: str, code: int = 1) -> None:
    """Print ``error: message`` to standard error and exit with ``code``."""
    from rich.markup import escape

    console(err=True).print(f"[bold red]error:[/] {escape(message)}")
    sys.exit(code)


def handle_errors(fn: F) -> F:
    """Turn the project's errors into one clear line and exit status 1."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except OwnergraphError as e:
            fail(str(e), getattr(e, "exit_code", 1))
        except LoadInterrupted as e:
            fail(str(e), 143 if e.signame == "SIGTERM" else 130)
        except KeyboardInterrupt:
            fail("interrupted; the store keeps every filing loaded before the interruption", 130)

    return wrapper  # type: ignore[return-value]


def print_rendered(rendered: object) -> None:
    """Print what a ``render`` gave: text as it is (one final newline), anything else
    (a rich table) through the console."""
    if isinstance(rendered, str):
        click.echo(rendered, nl=not rendered.endswith("\n"))
    else:
        console().print(rendered)


def emit(table: Table, fmt: str, columns: str | None = None) -> None:
    """Print ``table`` in ``fmt`` to standard output: ``columns`` (comma-separated, or
    ``all``) when given, else the table's brief columns on a terminal and every column
    in a file or a pipe."""
    from ownergraph.output import render

    chosen = [c.strip() for c in columns.split(",") if c.strip()] if columns else None
    terminal = fmt == "table" and console().is_terminal
    print_rendered(render(table.select(chosen, terminal=terminal), fmt))


def store_path(ctx: click.Context) -> Any:
    """The ``--store`` given to the group, or ``"default"``."""
    return ctx.obj["store"] if ctx.obj and ctx.obj.get("store") else "default"
