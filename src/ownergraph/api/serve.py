"""``ownergraph serve``: Oxigraph's own SPARQL server on a local store.

The server is the ``oxigraph`` command of the PyPI package ``oxigraph`` (``oxigraph serve
--location DIR --bind HOST:PORT``, or ``serve-read-only``), started with the union of the
filing graphs as its default graph, so that any SPARQL client (and ``ownergraph --store
http://HOST:PORT``) can query it. May import: the graph layer and the foundation.

The server and an ownergraph command cannot both hold a local store's write lock: while
the server runs, work on the store through it (``--store http://127.0.0.1:PORT``).

Examples
--------
>>> cmd = serve_command("ownergraph.db", port=7878, oxigraph="oxigraph")
>>> cmd[1:]
['serve', '--location', 'ownergraph.db', '--bind', '127.0.0.1:7878', '--union-default-graph']
>>> serve_command("db", port=80, bind="0.0.0.0", read_only=True, oxigraph="oxigraph")[1]
'serve-read-only'
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from ownergraph.errors import StoreError
from ownergraph.graph.store import GraphStore

__all__ = ["DEFAULT_PORT", "oxigraph_program", "serve", "serve_command"]

#: Oxigraph's usual port
DEFAULT_PORT = 7878


def oxigraph_program() -> str:
    """The ``oxigraph`` command: beside this Python (a virtual environment) or on PATH.

    Raises
    ------
    StoreError
        when it is not installed.
    """
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return str(beside)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise StoreError(
        "the oxigraph server is not installed (pip install oxigraph: it provides the "
        "`oxigraph` command that `ownergraph serve` runs)"
    )


def serve_command(
    location: str | Path,
    *,
    port: int = DEFAULT_PORT,
    bind: str = "127.0.0.1",
    read_only: bool = False,
    oxigraph: str | None = None,
) -> list[str]:
    """The command line that serves the store at ``location`` on ``bind:port``."""
    program = oxigraph or oxigraph_program()
    host = f"[{bind}]" if ":" in bind else bind
    return [
        program,
        "serve-read-only" if read_only else "serve",
        "--location",
        str(location),
        "--bind",
        f"{host}:{port}",
        "--union-default-graph",
    ]


def serve(
    location: str | Path,
    *,
    port: int = DEFAULT_PORT,
    bind: str = "127.0.0.1",
    read_only: bool = False,
) -> None:
    """Replace this process by the Oxigraph server on the local store at ``location``.

    The store is checked first (it exists, and no other process holds its lock), so a
    problem is one clear line rather than the server's own message. Does not return.

    Raises
    ------
    StoreError
        when the store is missing, locked (by an ownergraph command or another server)
        or not a store, or the ``oxigraph`` command is missing.
    """
    path = Path(location)
    if not path.is_dir():
        raise StoreError(f"there is no store at {path} (load filings into it first)")
    if not 0 < port < 65536:
        raise StoreError(f"{port} is not a TCP port (1-65535)")
    command = serve_command(path, port=port, bind=bind, read_only=read_only)
    if not read_only:
        try:
            GraphStore.open(path).close()  # the write lock is free (and it is a store)
        except StoreError as e:
            raise StoreError(
                f"{e}; the server needs the store's write lock, which only one process "
                "can hold: stop the other process, or serve it --read-only"
            ) from None
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(command[0], command)
