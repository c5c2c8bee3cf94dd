"""Real SPARQL servers for the remote-store tests: Oxigraph and Virtuoso on 127.0.0.1.

Each server gets its own temporary directory and free ports, listens on the loopback
address only, and is stopped in the fixture's teardown. A test skips only when the
server's program is missing and we are not in CI (``$CI`` set): in CI it must run.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

__all__ = [
    "Server",
    "free_port",
    "oxigraph_binary",
    "require_program",
    "start_oxigraph",
    "start_virtuoso",
    "stop",
]


@dataclass
class Server:
    """A running server: its store URL for ``--store``, its process, its log."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path
    port: int


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def require_program(name: str, hint: str) -> str:
    """The path of program ``name``; skips (outside CI) or fails (in CI) when missing."""
    found = shutil.which(name) or _beside_python(name)
    if found:
        return found
    message = f"{name} is not installed ({hint})"
    if os.environ.get("CI"):
        pytest.fail(f"{message}; CI must install it")
    pytest.skip(message)


def oxigraph_binary() -> str:
    """The ``oxigraph`` command of the pip package ``oxigraph`` (dev extras)."""
    return require_program("oxigraph", "pip install oxigraph: it is in the dev extras")


def _beside_python(name: str) -> str | None:
    candidate = Path(sys.executable).parent / name
    return str(candidate) if candidate.is_file() else None


def _wait_for_port(port: int, process: subprocess.Popen[bytes], log: Path, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"the server exited at start: {log.read_text(errors='replace')[-2000:]}"
            )
        with socket.socket() as s:
            s.settimeout(0.5)
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    stop(process)
    raise RuntimeError(f"the server did not listen on {port} within {seconds}s: {log}")


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a server we started (SIGTERM, then SIGKILL after 20 s) and reap it."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def start_oxigraph(location: Path | None, tmp: Path, *, read_only: bool = False) -> Server:
    """``oxigraph serve`` (or ``serve-read-only``) on a free loopback port."""
    binary = oxigraph_binary()
    port = free_port()
    log = tmp / f"oxigraph-{port}.log"
    command = [binary, "serve-read-only" if read_only else "serve"]
    if location is not None:
        command += ["--location", str(location)]
    command += ["--bind", f"127.0.0.1:{port}"]
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    _wait_for_port(port, process, log, 30)
    return Server(f"http://127.0.0.1:{port}", process, log, port)


_VIRTUOSO_INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
NumberOfBuffers = 4000
MaxDirtyBuffers = 3000
ThreadsPerQuery = 1
DirsAllowed = ., {d}
CaseMode = 2
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}
ServerThreads = 4
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 10000000
MaxQueryExecutionTime = 120
"""


def start_virtuoso(tmp: Path) -> Server:
    """Virtuoso (Debian ``virtuoso-opensource``) with a fresh database in ``tmp``, its own
    ``virtuoso.ini``, ``+foreground``, on free loopback ports; ``url`` authenticates as
    the fresh database's ``dba`` (digest, the ``-auth`` endpoints)."""
    binary = require_program(
        "virtuoso-t", "apt-get install -y virtuoso-opensource (Debian's OpenLink Virtuoso)"
    )
    directory = tmp / "virtuoso"
    directory.mkdir()
    sql, http = free_port(), free_port()
    ini = directory / "virtuoso.ini"
    ini.write_text(_VIRTUOSO_INI.format(d=directory, sql=sql, http=http))
    log = directory / "stdout.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [binary, "+configfile", str(ini), "+foreground"],
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=directory,
        )
    _wait_for_port(http, process, log, 120)
    return Server(f"virtuoso+http://dba:dba@127.0.0.1:{http}", process, log, http)


def running(server: Server) -> Iterator[Server]:
    """Yield ``server`` and stop it afterwards (for fixtures)."""
    try:
        yield server
    finally:
        stop(server.process)
