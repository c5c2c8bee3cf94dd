"""The query evaluator process: one bounded query over an on-disk store, in a fresh interpreter.

:func:`ownergraph.graph.bounded.bounded_query` starts this module as
``python -P -m ownergraph.graph.evaluator FD`` for a store on disk. The process is new,
not forked: a fork of a process that holds an open RocksDB copies the locks its flush and
compaction threads held at that instant, and a read in the child could wait on one of
them for ever. Here nothing is inherited but the files.

Requests come pickled on standard input, one after the other (plain strings and tuples
only, so that this process imports neither rdflib nor the rest of ownergraph); each
answer goes back on the pipe ``FD`` as the messages :mod:`ownergraph.graph.bounded` reads: ``("head", kind,
names)``, ``("rows", batch)``, ``("ask", bool)``, ``("too_many",)``, ``("memory",)``,
``("error", text)`` and ``("done",)``. A term travels as a tuple: ``("u", iri)``,
``("b", id)``, ``("l", text, language, datatype)`` or ``("t", s, p, o)``.

It also holds :func:`open_read_only`, the store's read-only open that rides out a
writer's flush, which :mod:`ownergraph.graph.store` uses too.

May import: the standard library and pyoxigraph only.

Examples
--------
>>> import pyoxigraph as ox
>>> term_tuple(ox.Literal("5", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
('l', '5', None, 'http://www.w3.org/2001/XMLSchema#integer')
>>> ox_term(("u", "urn:x:a"))
<NamedNode value=urn:x:a>
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import time
from pathlib import Path
from typing import Any

import pyoxigraph as ox

__all__ = [
    "die_with_parent",
    "evaluate",
    "limit_memory",
    "main",
    "open_read_only",
    "ox_term",
    "send_result",
    "store_files",
    "term_tuple",
]

_BATCH = 500
_MB = 1024 * 1024


def open_read_only(path: str | Path, tries: int = 8) -> ox.Store:
    """Oxigraph's read-only view of the store at ``path``.

    A writer flushing or compacting at that moment can remove a file the view is about
    to read ("No such file or directory", reported as corruption), and a store being
    created has its column families a moment later: such an open is tried again, a
    little later each time, for about two seconds.
    """
    for attempt in range(tries):
        try:
            return ox.Store.read_only(str(path))
        except (OSError, RuntimeError) as e:
            text = str(e)
            moving = "No such file" in text or "Column family not found" in text
            if not moving or attempt == tries - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def store_files(path: str | Path) -> tuple[Any, ...]:
    """The name, size and modification time of every file of the store at ``path``
    (empty when it cannot be read): any write to the store changes it, since a write
    goes to the write-ahead log first, and a flush or a compaction makes new files.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     before = store_files(d)
    ...     _ = (Path(d) / "000001.log").write_bytes(b"x")
    ...     before, len(store_files(d))
    ((), 1)
    """
    try:
        with os.scandir(path) as entries:
            out = []
            for e in entries:
                st = e.stat()
                out.append((e.name, st.st_size, st.st_mtime_ns))
    except OSError:
        return ()
    return tuple(sorted(out))


def term_tuple(term: Any) -> Any:
    """A pyoxigraph term as plain tuples (``None`` stays ``None``)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return ("u", term.value)
    if isinstance(term, ox.BlankNode):
        return ("b", term.value)
    if isinstance(term, ox.Literal):
        return ("l", term.value, term.language, None if term.language else term.datatype.value)
    if isinstance(term, ox.Triple):
        return ("t", term_tuple(term.subject), term_tuple(term.predicate), term_tuple(term.object))
    raise ValueError(f"unexpected term {term!r}")


def ox_term(value: Any) -> Any:
    """The pyoxigraph term of a :func:`term_tuple`."""
    kind = value[0]
    if kind == "u":
        return ox.NamedNode(value[1])
    if kind == "b":
        return ox.BlankNode(value[1])
    if kind == "l":
        if value[2]:
            return ox.Literal(value[1], language=value[2])
        return ox.Literal(value[1], datatype=ox.NamedNode(value[3]) if value[3] else None)
    if kind == "t":
        return ox.Triple(ox_term(value[1]), ox_term(value[2]), ox_term(value[3]))
    raise ValueError(f"unexpected term tuple {value!r}")


def die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (``PR_SET_PDEATHSIG``), so a
    killed ``ownergraph query`` leaves no query running behind it."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # the parent still kills it on timeout, Ctrl-C and SIGTERM


def limit_memory(extra_mb: int) -> None:
    """Cap this process's address space (the soft limit) at what it maps now plus
    ``extra_mb``; each query of a reused evaluator sets its own."""
    import resource

    current = 0
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmSize:"):
                    current = int(line.split()[1]) * 1024
    except OSError:
        return  # no /proc: only the time limit applies
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = current + extra_mb * _MB
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def send_result(result: Any, max_rows: int, send: Any) -> None:
    """Stream a pyoxigraph query result to ``send`` in batches; stop past ``max_rows``."""
    if isinstance(result, ox.QueryBoolean):
        send.send(("ask", bool(result)))
        send.send(("done",))
        return
    rows: Any
    if isinstance(result, ox.QuerySolutions):
        send.send(("head", "SELECT", [v.value for v in result.variables]))
        rows = (tuple(term_tuple(t) for t in solution) for solution in result)
    else:
        send.send(("head", "CONSTRUCT", []))
        rows = (
            (term_tuple(t.subject), term_tuple(t.predicate), term_tuple(t.object)) for t in result
        )
    batch: list[Any] = []
    for count, row in enumerate(rows, start=1):
        if count > max_rows:
            send.send(("too_many",))
            return
        batch.append(row)
        if len(batch) >= _BATCH:
            send.send(("rows", batch))
            batch = []
    if batch:
        send.send(("rows", batch))
    send.send(("done",))


def evaluate(store: ox.Store, request: dict[str, Any], send: Any) -> bool:
    """Run the request's query on ``store`` within its limits; every outcome a message.
    False when memory ran out (the process should not answer again)."""
    try:
        limit_memory(request["max_memory_mb"])
        result = store.query(
            request["text"],
            use_default_graph_as_union=True,
            prefixes=request["prefixes"],
            substitutions={ox.Variable(k): ox_term(v) for k, v in request["bindings"].items()},
        )
        send_result(result, request["max_rows"], send)
    except MemoryError:
        send.send(("memory",))
        return False
    except Exception as e:  # the evaluation's own error, as the parent's one line
        send.send(("error", " ".join(str(e).split()) or type(e).__name__))
    return True


def main(argv: list[str]) -> int:
    """Answer requests read from standard input, one after the other, on the pipe named
    in ``argv[1]``, until standard input ends.

    Each request reads a read-only view of its store opened after everything written
    before the request: the last request's view when not one of the store's files has
    changed since it was opened (:func:`store_files`: no write, flush or compaction
    since; 25-35 ms saved), else a new one.
    The process stays for the next request: its parent reuses it while it answers in
    time, and kills it otherwise.
    """
    from multiprocessing.connection import Connection

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides; it kills us
    die_with_parent()
    send = Connection(int(argv[1]), readable=False)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)  # an allocation failure's Rust message is not the user's line
    healthy = True
    kept: tuple[str, tuple[Any, ...], ox.Store] | None = None  # the last view, its files
    while healthy:
        try:
            request = pickle.load(sys.stdin.buffer)
        except (EOFError, OSError, pickle.UnpicklingError):
            break
        path = request["path"]
        files = store_files(path)
        if kept is not None and kept[0] == path and kept[1] == files and files:
            store = kept[2]
        else:
            kept = None
            try:
                store = open_read_only(path)
            except (OSError, RuntimeError) as e:
                send.send(("error", f"cannot open the store: {' '.join(str(e).split())}"))
                continue
            kept = (path, files, store)
        healthy = evaluate(store, request, send)
        del store
    send.close()
    os._exit(0)  # quick: nothing here needs tearing down


if __name__ == "__main__":
    sys.exit(main(sys.argv))
