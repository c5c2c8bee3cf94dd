"""What every command module of the CLI shares: the console, output, error handling,
and the option shapes several commands use.

May import: click, rich (when a command prints), :mod:`ownergraph.output`,
:mod:`ownergraph.errors`, :mod:`ownergraph.interrupt`.

Examples
--------
>>> from ownergraph.output import Table
>>> emit(Table(["a"], [{"a": 1}]), "csv")
a
1
"""

from __future__ import annotations

import contextlib
import functools
import gc
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ownergraph.errors import OwnergraphError
from ownergraph.interrupt import LoadInterrupted

if TYPE_CHECKING:  # rich and the output module (rdflib) load when a command prints
    from rich.console import Console

    from ownergraph.output import Table

__all__ = [
    "FORMATS",
    "choice_option",
    "console",
    "count_option",
    "date_option",
    "emit",
    "fail",
    "handle_errors",
    "path_option",
    "prestart_evaluator",
    "print_rendered",
    "read_store",
    "short_lived",
    "store_path",
]

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


def _standalone() -> bool:
    """Whether this process is the command's own (:data:`ownergraph.cli.PROCESS`)."""
    from ownergraph.cli import PROCESS

    return PROCESS["standalone"]


def short_lived() -> None:
    """In a command's own process, let the garbage collector wait: a read command makes
    few reference cycles and exits within a second, while the collector's passes over
    the objects its imports make (rdflib, networkx) took a tenth of a second of
    ``show``. Elsewhere (a caller's process) nothing changes.

    >>> before = gc.get_threshold()
    >>> short_lived()  # not a command's own process: nothing changes
    >>> gc.get_threshold() == before
    True
    """
    if _standalone():
        gc.set_threshold(100_000, 50, 100)


@contextlib.contextmanager
def read_store(ctx: click.Context) -> Iterator[Any]:
    """The store of a read command (``chain``, ``show``, ``query``), opened read-only.

    In a command's own process (see :func:`short_lived`), what the command made is
    frozen (``gc.freeze``) before the store closes: the store's closing collection
    then scans nothing, where it scanned every object the command made (40-90 ms);
    the process exits next, which frees them all.
    """
    from ownergraph.cli.lazy import api

    short_lived()
    with api.open_store(store_path(ctx), read_only=True) as store:
        try:
            yield store
        finally:
            if _standalone():
                gc.freeze()


def prestart_evaluator(ctx: click.Context, timeout: int) -> bool:
    """In a command's own process, start the query evaluator of its store now
    (:func:`ownergraph.api.prestart_evaluator`: a local store on disk, with a time
    limit), while the command imports the rest. Returns whether one was started."""
    from ownergraph.cli.lazy import api

    return _standalone() and bool(api.prestart_evaluator(store_path(ctx), timeout))


def store_path(ctx: click.Context) -> Any:
    """The ``--store`` given to the group, or ``"default"``."""
    return ctx.obj["store"] if ctx.obj and ctx.obj.get("store") else "default"


def count_option(
    *names: str, minimum: int = 0, default: int | None = None, help: str, **extra: Any
) -> Callable[[F], F]:
    """An option taking a whole number of at least ``minimum``.

    >>> @click.command()
    ... @count_option("--hops", help="How far.")
    ... def c(hops: int | None) -> None:
    ...     click.echo(repr(hops))
    >>> from click.testing import CliRunner
    >>> CliRunner().invoke(c, ["--hops", "3"]).output, CliRunner().invoke(c, ["--hops", "-1"]).exit_code
    ('3\\n', 2)
    """
    return click.option(
        *names,
        type=click.IntRange(min=minimum),
        default=default,
        show_default=default is not None,
        help=help,
        **extra,
    )


def choice_option(*names: str, choices: list[str], default: str, help: str) -> Callable[[F], F]:
    """An option taking one of ``choices``, ``default`` when absent (shown in ``--help``).

    >>> @click.command()
    ... @choice_option("--way", choices=["up", "down"], default="up", help="Which way.")
    ... def c(way: str) -> None:
    ...     click.echo(way)
    >>> from click.testing import CliRunner
    >>> CliRunner().invoke(c, []).output, CliRunner().invoke(c, ["--way", "sideways"]).exit_code
    ('up\\n', 2)
    """
    return click.option(
        *names, type=click.Choice(choices), default=default, show_default=True, help=help
    )


def date_option(*names: str, help: str) -> Callable[[F], F]:
    """An option taking a date written ``YYYY-MM-DD`` (a ``datetime``, or None when absent).

    >>> @click.command()
    ... @date_option("--since", help="From.")
    ... def c(since: object) -> None:
    ...     click.echo(repr(since))
    >>> from click.testing import CliRunner
    >>> CliRunner().invoke(c, ["--since", "2021-04-13"]).output
    'datetime.datetime(2021, 4, 13, 0, 0)\\n'
    """
    return click.option(*names, type=click.DateTime(formats=["%Y-%m-%d"]), default=None, help=help)


def path_option(
    *names: str,
    help: str,
    folder: bool | None = False,
    default: Path | None = None,
    required: bool = False,
) -> Callable[[F], F]:
    """An option naming a file (``folder=False``), a folder (``True``) or either (``None``),
    given as a :class:`~pathlib.Path`; its ``default`` is shown in ``--help``.

    >>> @click.command()
    ... @path_option("-o", "--output", help="Where.", default=Path("out.html"))
    ... def c(output: Path) -> None:
    ...     click.echo(repr(output))
    >>> from click.testing import CliRunner
    >>> CliRunner().invoke(c, []).output
    "PosixPath('out.html')\\n"
    """
    kinds: dict[str, bool] = {}
    if folder is not None:
        kinds = {"file_okay": False} if folder else {"dir_okay": False}
    return click.option(
        *names,
        type=click.Path(path_type=Path, **kinds),
        default=default,
        required=required,
        show_default=default is not None,
        help=help,
    )
