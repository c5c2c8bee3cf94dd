"""Queries with bounds: a time limit, a row limit, a memory limit, and Ctrl-C that works.

Oxigraph evaluates a query in Rust without looking at Python's signals, and aborts the
whole process when an allocation fails. So a user's query runs in a forked child
process that shares the parent's open store (a copy-on-write view of a memory store, or
the same on-disk store files, read-only): the child caps its own address space with
``resource.setrlimit(RLIMIT_AS)``, streams the rows back through a pipe in batches and
stops past the row limit; the parent waits with a deadline and kills the child on
timeout, on Ctrl-C and when it dies of memory. The parent's store and process are never
at risk, and every stop is one :class:`~ownergraph.errors.QueryError` line.

Limits come from :class:`QueryLimits` (``--timeout``, ``--max-rows``, ``--max-memory``,
or ``$OWNERGRAPH_QUERY_TIMEOUT``, ``$OWNERGRAPH_QUERY_MAX_ROWS``,
``$OWNERGRAPH_QUERY_MAX_MEMORY``). A timeout of 0 turns the bounds off and runs the
query in this process (as on systems without ``fork``, and for a remote store, which
evaluates on its server).

May import: :mod:`ownergraph.errors` and the store.

Examples
--------
>>> from rdflib import Graph, Literal, URIRef
>>> from ownergraph.graph.store import GraphStore
>>> store = GraphStore.open(None)
>>> g = Graph()
>>> _ = g.add((URIRef("urn:x:a"), URIRef("urn:x:p"), Literal(5)))
>>> _ = store.replace_graph(URIRef("urn:x:g"), g)
>>> r = bounded_query(store, "SELECT ?o WHERE { ?s ?p ?o }", limits=QueryLimits(timeout=30))
>>> [int(row[0]) for row in r]
[5]
>>> bounded_query(store, "SELECT * WHERE { ?s ?p ?o }", limits=QueryLimits(max_rows=0))
Traceback (most recent call last):
...
ownergraph.errors.QueryError: query: stopped: the answer has more than 0 rows (--max-rows 0); narrow the query or raise the limit
>>> store.close()
"""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rdflib import Graph
from rdflib.query import Result
from rdflib.term import Identifier

from ownergraph.errors import QueryError

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from ownergraph.graph.store import GraphStore

__all__ = ["QueryInterrupted", "QueryLimits", "bounded_query"]

_BATCH = 500
_ENV = {
    "timeout": "OWNERGRAPH_QUERY_TIMEOUT",
    "max_rows": "OWNERGRAPH_QUERY_MAX_ROWS",
    "max_memory_mb": "OWNERGRAPH_QUERY_MAX_MEMORY",
}
_MB = 1024 * 1024


class QueryInterrupted(QueryError):
    """Ctrl-C (SIGINT) or SIGTERM ended a running query; ``exit_code`` 130 or 143."""

    def __init__(self, message: str, exit_code: int = 130) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def _env_number(name: str, default: int, env: Mapping[str, str]) -> int:
    raw = env.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw)
    except ValueError:
        raise QueryError(f"${name} must be a whole number, not {raw!r}") from None
    if value < 0:
        raise QueryError(f"${name} must not be negative, not {raw!r}")
    return value


@dataclass(frozen=True)
class QueryLimits:
    """How long a query may run (seconds; 0: no limit, in this process), how many rows
    (or triples) its answer may hold, and how many megabytes of memory it may add.

    Examples
    --------
    >>> QueryLimits().timeout
    60
    >>> QueryLimits.from_env({"OWNERGRAPH_QUERY_TIMEOUT": "5"}).timeout
    5
    """

    timeout: int = 60
    max_rows: int = 1_000_000
    max_memory_mb: int = 4096

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **given: int | None) -> QueryLimits:
        """The limits: a value in ``given`` (a command-line option) first, then the
        environment, then the default."""
        source = os.environ if env is None else env
        values: dict[str, int] = {}
        for field, var in _ENV.items():
            chosen = given.get(field)
            if chosen is None:
                values[field] = _env_number(var, getattr(cls, field), source)
            elif chosen < 0:
                raise QueryError(f"the {field.replace('_', '-')} limit must not be negative")
            else:
                values[field] = chosen
        return cls(**values)


def bounded_query(
    store: GraphStore,
    text: str,
    bindings: Mapping[str, Identifier] | None = None,
    *,
    limits: QueryLimits | None = None,
    where: str = "query",
) -> Result:
    """Run ``text`` over the store within ``limits``; an rdflib ``Result`` held in memory.

    Raises
    ------
    QueryError
        on a refused or invalid query, a failed evaluation, or a limit reached (one
        line naming the limit and the option that raises it).
    QueryInterrupted
        when Ctrl-C (or SIGTERM) arrived while the query ran.
    """
    from ownergraph.graph.store import GraphStore

    limits = limits or QueryLimits()
    # a remote store (graph.remote) evaluates on its server, under the client's own
    # timeout: only the row limit applies here
    if limits.timeout == 0 or not hasattr(os, "fork") or not isinstance(store, GraphStore):
        result = store.query(text, bindings)
        return _bounded_rows(result, limits, where)
    from ownergraph.queries.guard import check_network

    check_network(text, where)  # before the child: a refusal is the parent's own error
    return _in_child(store, text, dict(bindings or {}), limits, where)


def _bounded_rows(result: Result, limits: QueryLimits, where: str) -> Result:
    size = len(result.graph) if result.type in ("CONSTRUCT", "DESCRIBE") and result.graph else 0
    if result.type == "SELECT":
        size = len(result.bindings)
    if size > limits.max_rows:
        raise QueryError(_too_many(limits, where))
    return result


def _too_many(limits: QueryLimits, where: str) -> str:
    return (
        f"{where}: stopped: the answer has more than {limits.max_rows} rows "
        f"(--max-rows {limits.max_rows}); narrow the query or raise the limit"
    )


def _in_child(
    store: GraphStore, text: str, bindings: dict[str, Identifier], limits: QueryLimits, where: str
) -> Result:
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child_main, args=(store, text, bindings, limits, send), daemon=True)
    child.start()
    send.close()
    deadline = time.monotonic() + limits.timeout
    previous = _on_sigterm(where)
    parts: dict[str, Any] = {"kind": None, "vars": [], "rows": [], "ask": None, "done": False}
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not receive.poll(remaining):
                raise QueryError(
                    f"{where}: stopped: the query ran longer than {limits.timeout} s "
                    f"(--timeout {limits.timeout}); narrow it or raise the limit"
                )
            try:
                message = receive.recv()
            except EOFError:
                child.join()
                raise QueryError(_died(child.exitcode, limits, where)) from None
            tag = message[0]
            if tag == "head":
                parts["kind"], parts["vars"] = message[1], message[2]
            elif tag == "rows":
                parts["rows"].extend(message[1])
            elif tag == "ask":
                parts["kind"], parts["ask"] = "ASK", message[1]
            elif tag == "too_many":
                raise QueryError(_too_many(limits, where))
            elif tag == "memory":
                raise QueryError(_memory(limits, where))
            elif tag == "error":
                raise QueryError(f"{where}: the query failed: {message[1]}")
            elif tag == "done":
                parts["done"] = True
                break
    except KeyboardInterrupt:
        raise QueryInterrupted(f"{where}: interrupted (Ctrl-C); the query was stopped") from None
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        if child.is_alive():
            child.kill()
        # an answer in hand: do not wait while the child's memory is torn down (it is
        # reaped by the next query or at exit); a stopped child is waited for
        child.join(0 if parts["done"] else None)
        receive.close()
    return _result(parts)


def _on_sigterm(where: str) -> Any:
    """While the parent waits, SIGTERM stops the query like Ctrl-C (exit status 143);
    the previous handler, or None when signals cannot be handled here."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        return None

    def stop(signum: int, frame: Any) -> None:
        raise QueryInterrupted(f"{where}: terminated (SIGTERM); the query was stopped", 143)

    return signal.signal(signal.SIGTERM, stop)


def _died(code: int | None, limits: QueryLimits, where: str) -> str:
    if code is not None and code < 0 and -code in (signal.SIGABRT, signal.SIGSEGV, signal.SIGBUS):
        return _memory(limits, where)
    if code == -signal.SIGKILL:
        return f"{where}: stopped: the query was killed (out of memory?)"
    return f"{where}: the query ended without an answer (exit status {code})"


def _memory(limits: QueryLimits, where: str) -> str:
    return (
        f"{where}: stopped: the query needed more than {limits.max_memory_mb} MB of memory "
        f"(--max-memory {limits.max_memory_mb}); narrow it or raise the limit"
    )


def _result(parts: dict[str, Any]) -> Result:
    from rdflib import Variable

    kind = parts["kind"]
    out = Result(kind)
    if kind == "ASK":
        out.askAnswer = bool(parts["ask"])
    elif kind == "SELECT":
        out.vars = [Variable(v) for v in parts["vars"]]
        out.bindings = [
            {out.vars[i]: term for i, term in enumerate(row) if term is not None}
            for row in parts["rows"]
        ]
    else:
        g = Graph()
        for triple in parts["rows"]:
            g.add(triple)
        out.graph = g
    return out


# -- the child ---------------------------------------------------------------------


def _die_with_parent() -> None:
    """Ask Linux to kill this child when its parent dies (``PR_SET_PDEATHSIG``), so a
    killed ``ownergraph query`` leaves no query running behind it."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # the parent still kills the child on timeout, Ctrl-C and SIGTERM


def _limit_memory(extra_mb: int) -> None:
    """Cap the address space at what the child maps now plus ``extra_mb``."""
    import resource

    current = 0
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmSize:"):
                    current = int(line.split()[1]) * 1024
    except OSError:
        return  # no /proc: only the time limit applies
    cap = current + extra_mb * _MB
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def _child_main(
    store: GraphStore,
    text: str,
    bindings: dict[str, Identifier],
    limits: QueryLimits,
    send: Connection,
) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides; it kills us
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent()
    import faulthandler

    faulthandler.disable()  # an abort is reported by the parent, as one line
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)  # an allocation failure's Rust message is not the user's line
    try:
        _limit_memory(limits.max_memory_mb)
        _send_result(store.dataset.query(text, initBindings=bindings), limits.max_rows, send)
    except MemoryError:
        send.send(("memory",))
    except Exception as e:  # the evaluation's own error, as the parent's one line
        send.send(("error", " ".join(str(e).split()) or type(e).__name__))
    finally:
        send.close()
        sys.stdout.flush()
        os._exit(0)  # no finalizers: the store belongs to the parent


def _send_result(result: Result, max_rows: int, send: Connection) -> None:
    """Stream ``result`` to the parent in batches; stop at ``max_rows``."""
    if result.type == "ASK":
        send.send(("ask", bool(result.askAnswer)))
        send.send(("done",))
        return
    if result.type == "SELECT":
        names = [str(v) for v in result.vars or []]
        send.send(("head", "SELECT", names))
        # oxrdflib's lazy solutions (``bindings`` would read them all before counting)
        solutions = getattr(result, "_genbindings", None) or result.bindings
        variables = list(result.vars or [])
        rows: Any = (tuple(solution.get(v) for v in variables) for solution in solutions)
    else:
        send.send(("head", result.type, []))
        rows = iter(result.graph or [])
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
