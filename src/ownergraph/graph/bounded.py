"""Queries with bounds: a time limit, a row limit, a memory limit, and Ctrl-C that works.

Oxigraph evaluates a query in Rust without looking at Python's signals, and aborts the
whole process when an allocation fails. So a user's query runs in another process: for a
store on disk, a fresh interpreter (:mod:`ownergraph.graph.evaluator`) that opens the
store's files read-only, never a fork of this process and its RocksDB threads; for a
memory store, a fork that shares it copy-on-write. The evaluator caps its own address
space with ``resource.setrlimit(RLIMIT_AS)``, streams the rows back through a pipe in
batches and stops past the row limit; the parent waits with a deadline and kills it on
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

import atexit
import os
import signal
import sys
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ownergraph.errors import QueryError

if TYPE_CHECKING:  # rdflib is imported where a result is made: prestart() runs before it
    from multiprocessing.connection import Connection

    from rdflib.query import Result
    from rdflib.term import Identifier

    from ownergraph.graph.store import GraphStore

__all__ = ["QueryInterrupted", "QueryLimits", "bounded_query", "prestart"]

_ENV = {
    "timeout": "OWNERGRAPH_QUERY_TIMEOUT",
    "max_rows": "OWNERGRAPH_QUERY_MAX_ROWS",
    "max_memory_mb": "OWNERGRAPH_QUERY_MAX_MEMORY",
}


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
    store.flush_for_readers()  # the evaluator's view of the store then opens at once
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
    request = {
        "path": None if store.path is None else str(store.path),
        "text": text,
        "prefixes": _prefixes(),
        "bindings": {str(k): _term_tuple(v) for k, v in bindings.items()},
        "max_rows": limits.max_rows,
        "max_memory_mb": limits.max_memory_mb,
    }
    child = _Evaluator(store, request)
    deadline = time.monotonic() + limits.timeout
    previous = _on_sigterm(where)
    parts: dict[str, Any] = {"kind": None, "vars": [], "rows": [], "ask": None, "answered": False}
    try:
        try:
            child.start()
        except OSError as e:
            raise QueryError(f"{where}: could not start the query's evaluator: {e}") from None
        receive = child.receive
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
                raise QueryError(_died(child.wait(), child.complaint(), limits, where)) from None
            tag = message[0]
            if tag == "head":
                parts["kind"], parts["vars"] = message[1], message[2]
            elif tag == "rows":
                parts["rows"].extend(message[1])
            elif tag == "ask":
                parts["kind"], parts["ask"] = "ASK", message[1]
            elif tag == "too_many":
                parts["answered"] = True
                raise QueryError(_too_many(limits, where))
            elif tag == "memory":
                raise QueryError(_memory(limits, where))
            elif tag == "error":
                parts["answered"] = True
                raise QueryError(f"{where}: the query failed: {message[1]}")
            elif tag == "done":
                parts["answered"] = True
                break
    except KeyboardInterrupt:
        raise QueryInterrupted(f"{where}: interrupted (Ctrl-C); the query was stopped") from None
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        child.stop(answered=parts["answered"])
    return _result(parts)


class _Evaluator:
    """The process that evaluates one query.

    For a store on disk, an interpreter running :mod:`ownergraph.graph.evaluator`, which
    opens a read-only view of the store for each query: never a fork of this process,
    whose RocksDB threads may hold a lock at the instant of a fork that the child then
    waits on for ever. Such an evaluator that answered in full is kept for the next
    query (see :func:`_take`). A memory store has no such threads and exists only in
    this process's memory, so its evaluator is a fork, sharing the store copy-on-write.
    """

    def __init__(self, store: GraphStore, request: dict[str, Any]) -> None:
        self.store = store
        self.request = request
        self.receive: Connection
        self._server: _Server | None = None
        self._fork: Any = None

    def start(self) -> None:
        if self.request["path"] is None:
            import multiprocessing

            ctx = multiprocessing.get_context("fork")
            receive, send = ctx.Pipe(duplex=False)
            self._fork = ctx.Process(
                target=_fork_main, args=(self.store, self.request, send), daemon=True
            )
            self._fork.start()
            send.close()
            self.receive = receive
            return
        self._server = _take()
        self.receive = self._server.receive
        self._server.ask(self.request)

    def wait(self) -> int | None:
        """The evaluator's exit status, once it has ended (negative: killed by a signal)."""
        if self._fork is not None:
            self._fork.join()
            return int(self._fork.exitcode)
        assert self._server is not None
        return self._server.wait()

    def complaint(self) -> str:
        """The last line the evaluator wrote before it could answer (a failed start)."""
        return "" if self._server is None else self._server.complaint()

    def stop(self, *, answered: bool) -> None:
        """After the query: an evaluator that ``answered`` in full is kept (a server) or
        left to end (a fork, reaped by the next query or at exit); any other is killed."""
        if self._fork is not None:
            if self._fork.is_alive():
                self._fork.kill()
            self._fork.join(0 if answered else None)
            self.receive.close()
        elif self._server is not None:
            if answered:
                _give_back(self._server)
            else:
                self._server.close()


class _Server:
    """One evaluator process (:mod:`ownergraph.graph.evaluator`) and its pipes."""

    def __init__(self) -> None:
        import subprocess
        from multiprocessing.connection import Connection

        r, w = os.pipe()
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-P", "-m", "ownergraph.graph.evaluator", str(w)],
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                pass_fds=(w,),
            )
        except OSError:
            os.close(r)
            raise
        finally:
            os.close(w)
        self.receive = Connection(r, writable=False)
        self.pid = os.getpid()

    def alive(self) -> bool:
        return self.pid == os.getpid() and self.proc.poll() is None

    def ask(self, request: dict[str, Any]) -> None:
        import pickle

        assert self.proc.stdin is not None
        try:
            self.proc.stdin.write(pickle.dumps(request))
            self.proc.stdin.flush()
        except (BrokenPipeError, ValueError):
            pass  # it has ended: the answer pipe's end of file says so

    def wait(self) -> int:
        return int(self.proc.wait())

    def complaint(self) -> str:
        if self.proc.stderr is None:
            return ""
        lines = self.proc.stderr.read().decode("utf-8", "replace").strip().splitlines()
        return lines[-1] if lines else ""

    def close(self) -> None:
        """Kill the process, wait for it, and close its pipes."""
        if self.pid != os.getpid():
            return  # a fork of the process that started it: not ours to stop
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stderr):
            if stream is not None:
                stream.close()
        self.receive.close()


_IDLE: list[_Server] = []  # evaluators that answered in full, ready for another query
_KEEP = 2
_POOL_LOCK = threading.Lock()


def _take() -> _Server:
    """An idle evaluator of this process, or a new one."""
    with _POOL_LOCK:
        while _IDLE:
            server = _IDLE.pop()
            if server.alive():
                return server
            server.close()
    return _Server()


def _give_back(server: _Server) -> None:
    """Keep ``server`` for another query, if it was started by the main thread (Linux
    kills it when the thread that started it ends) and the pool has room."""
    keep = threading.current_thread() is threading.main_thread() and server.alive()
    with _POOL_LOCK:
        if keep and len(_IDLE) < _KEEP:
            _IDLE.append(server)
            return
    server.close()


def prestart() -> bool:
    """Start an evaluator for the next query on a store on disk, and return whether it
    did: a command that is about to run one calls this first, so that the evaluator's
    start (an interpreter and pyoxigraph, 50-100 ms) overlaps the command's own imports
    on another core. Only from the main thread (an evaluator dies with the thread that
    started it) and while the pool has room; it is closed at exit if no query used it.

    Examples
    --------
    >>> started = prestart()
    >>> started == (len(_IDLE) > 0)
    True
    >>> _close_idle()
    """
    if threading.current_thread() is not threading.main_thread():
        return False
    with _POOL_LOCK:
        if len(_IDLE) >= _KEEP:
            return False
    try:
        server = _Server()
    except OSError:
        return False  # the query will say why when it tries again
    with _POOL_LOCK:
        _IDLE.insert(0, server)
    return True


@atexit.register
def _close_idle() -> None:
    with _POOL_LOCK:
        while _IDLE:
            _IDLE.pop().close()


_PREFIXES: dict[str, str] = {}


def _prefixes() -> dict[str, str]:
    """The prefixes a query may use undeclared: those rdflib binds in every graph, as
    ``store.query`` passes them."""
    if not _PREFIXES:
        from rdflib import Graph

        _PREFIXES.update((str(p), str(ns)) for p, ns in Graph().namespaces())
    return _PREFIXES


def _term_tuple(term: Identifier) -> tuple[Any, ...]:
    """An rdflib term as the evaluator's plain tuple."""
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, URIRef):
        return ("u", str(term))
    if isinstance(term, BNode):
        return ("b", str(term))
    if isinstance(term, Literal):
        return ("l", str(term), term.language, str(term.datatype) if term.datatype else None)
    raise QueryError(f"cannot bind {term!r} in a query")


def _rdflib_term(value: Any) -> Any:
    """The rdflib term of an evaluator's tuple (as oxrdflib converts pyoxigraph's)."""
    from rdflib import BNode, Literal, URIRef

    if value is None:
        return None
    kind = value[0]
    if kind == "u":
        return URIRef(value[1])
    if kind == "b":
        return BNode(value[1])
    if kind == "l":
        if value[2]:
            return Literal(value[1], lang=value[2])
        return Literal(value[1], datatype=URIRef(value[3]))
    return (_rdflib_term(value[1]), _rdflib_term(value[2]), _rdflib_term(value[3]))


def _on_sigterm(where: str) -> Any:
    """While the parent waits, SIGTERM stops the query like Ctrl-C (exit status 143);
    the previous handler, or None when signals cannot be handled here."""
    if threading.current_thread() is not threading.main_thread():
        return None

    def stop(signum: int, frame: Any) -> None:
        raise QueryInterrupted(f"{where}: terminated (SIGTERM); the query was stopped", 143)

    return signal.signal(signal.SIGTERM, stop)


def _died(code: int | None, complaint: str, limits: QueryLimits, where: str) -> str:
    if code is not None and code < 0 and -code in (signal.SIGABRT, signal.SIGSEGV, signal.SIGBUS):
        return _memory(limits, where)
    if code == -signal.SIGKILL:
        return f"{where}: stopped: the query was killed (out of memory?)"
    said = f": {complaint}" if complaint else ""
    return f"{where}: the query ended without an answer (exit status {code}){said}"


def _memory(limits: QueryLimits, where: str) -> str:
    return (
        f"{where}: stopped: the query needed more than {limits.max_memory_mb} MB of memory "
        f"(--max-memory {limits.max_memory_mb}); narrow it or raise the limit"
    )


def _result(parts: dict[str, Any]) -> Result:
    from rdflib import Graph, Variable
    from rdflib.query import Result

    kind = parts["kind"]
    out = Result(kind)
    if kind == "ASK":
        out.askAnswer = bool(parts["ask"])
    elif kind == "SELECT":
        out.vars = [Variable(v) for v in parts["vars"]]
        out.bindings = [
            {out.vars[i]: _rdflib_term(term) for i, term in enumerate(row) if term is not None}
            for row in parts["rows"]
        ]
    else:
        g = Graph()
        for s, p, o in parts["rows"]:
            g.add((_rdflib_term(s), _rdflib_term(p), _rdflib_term(o)))
        out.graph = g
    return out


# -- the forked evaluator of a memory store ---------------------------------------


def _fork_main(store: GraphStore, request: dict[str, Any], send: Connection) -> None:
    from ownergraph.graph import evaluator

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides; it kills us
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    evaluator.die_with_parent()
    import faulthandler

    faulthandler.disable()  # an abort is reported by the parent, as one line
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)  # an allocation failure's Rust message is not the user's line
    try:
        evaluator.evaluate(store._ox, request, send)
    finally:
        send.close()
        sys.stdout.flush()
        os._exit(0)  # no finalizers: the store belongs to the parent
