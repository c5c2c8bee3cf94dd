"""A store on a SPARQL server: the :class:`~ownergraph.graph.store.GraphStore` methods over HTTP.

:class:`RemoteStore` speaks the SPARQL 1.1 Protocol (queries and updates) to one server,
so the api, the named queries, the analytics, the viewer and the exports work on it
unchanged. May import: the graph layer's neighbours (:mod:`ownergraph.queries`), the
foundation, ``httpx``, ``rdflib`` and ``pyoxigraph``.

Store URLs (``--store URL`` or ``$OWNERGRAPH_STORE``)
------------------------------------------------------
``http://HOST:PORT`` (or ``oxigraph+http://``, ``https``)
    an Oxigraph server (``ownergraph serve``, ``oxigraph serve``): queries go to
    ``/query`` (over the union of all graphs), updates to ``/update``.
``virtuoso+http://[USER:PASSWORD@]HOST:PORT``
    OpenLink Virtuoso: queries and updates to ``/sparql``; with a user, to the
    authenticated ``/sparql-auth`` (HTTP digest), graph writes through the Graph Store
    Protocol at ``/sparql-graph-crud-auth``.
``sparql+http://HOST:PORT/PATH?update=/UPDATE-PATH``
    any other SPARQL 1.1 server: queries to ``PATH``, updates to ``update`` (default:
    the query path); its default graph must be the union of the named graphs.

A user and password may be given in the URL (``http://USER:PASSWORD@HOST``; HTTP basic,
digest for Virtuoso). The password is never printed.

Safety: requests go to the configured server only (no redirects followed, no proxy from
the environment), and a query using ``SERVICE`` or ``LOAD`` is refused before it is sent
(:mod:`ownergraph.queries.guard`). A filing's graph is replaced in one request that the
server applies all-or-nothing.

Examples
--------
>>> ep = parse_store_url("virtuoso+http://dba:secret@127.0.0.1:8890")
>>> ep.dialect, ep.query_url, ep.gsp_url, ep.display
('virtuoso', 'http://127.0.0.1:8890/sparql-auth', 'http://127.0.0.1:8890/sparql-graph-crud-auth', 'virtuoso+http://dba@127.0.0.1:8890')
>>> ep = parse_store_url("http://127.0.0.1:7878")
>>> ep.dialect, ep.query_url, ep.update_url
('oxigraph', 'http://127.0.0.1:7878/query', 'http://127.0.0.1:7878/update')
>>> is_store_url("ownergraph.db"), is_store_url("https://example.org/sparql")
(False, True)
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import IO, Any
from urllib.parse import parse_qs, urlsplit, urlunsplit

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.query import Result
from rdflib.term import Identifier

from ownergraph.errors import QueryError, StoreError
from ownergraph.queries.guard import check_network, refuse_network

__all__ = [
    "GRAPH_PREFIX",
    "Endpoint",
    "RemoteStore",
    "is_store_url",
    "parse_store_url",
    "values_block",
    "values_first",
]

#: every graph ownergraph writes is named under this prefix; a server's other graphs
#: (Virtuoso's system graphs, other data sets) are left alone and not read
GRAPH_PREFIX = "https://w3id.org/ownergraph/id/"

_SCHEMES = {
    "http": ("oxigraph", "http"),
    "https": ("oxigraph", "https"),
    "oxigraph+http": ("oxigraph", "http"),
    "oxigraph+https": ("oxigraph", "https"),
    "virtuoso+http": ("virtuoso", "http"),
    "virtuoso+https": ("virtuoso", "https"),
    "sparql+http": ("sparql", "http"),
    "sparql+https": ("sparql", "https"),
}

_SELECT_ACCEPT = "application/sparql-results+json"
_GRAPH_ACCEPT = "application/n-triples"
_ACCEPT = f"{_SELECT_ACCEPT}, {_GRAPH_ACCEPT};q=0.9, text/turtle;q=0.8"
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def is_store_url(store: object) -> bool:
    """True when ``store`` names a SPARQL server (``http(s)://`` or ``ENGINE+http(s)://``)."""
    if not isinstance(store, str):
        return False
    return store.split("://", 1)[0].lower() in _SCHEMES and "://" in store


@dataclass(frozen=True)
class Endpoint:
    """Where one server takes queries, updates and (Virtuoso) Graph Store writes."""

    dialect: str  # oxigraph, virtuoso or sparql
    query_url: str
    update_url: str
    gsp_url: str | None
    user: str | None
    password: str | None
    display: str  # the URL without the password, for messages


def parse_store_url(url: str) -> Endpoint:
    """The endpoints of a store URL (see the module's documentation).

    Raises
    ------
    StoreError
        when the URL is not a store URL this module understands.
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in _SCHEMES or not parts.hostname:
        raise StoreError(
            f"{url!r} is not a SPARQL server URL; use http://HOST:PORT (Oxigraph), "
            "virtuoso+http://HOST:PORT or sparql+http://HOST:PORT/PATH"
        )
    dialect, http = _SCHEMES[scheme]
    host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    try:
        netloc = host + (f":{parts.port}" if parts.port else "")
    except ValueError:
        raise StoreError(f"{url!r}: the port is not a number") from None
    user = parts.username
    password = parts.password
    display = urlunsplit(
        (scheme, (f"{user}@" if user else "") + netloc, parts.path, parts.query, "")
    )
    base = urlunsplit((http, netloc, "", "", ""))
    path = parts.path.rstrip("/")
    options = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    if dialect == "oxigraph":
        query_url = f"{base}{path}/query"
        return Endpoint(dialect, query_url, f"{base}{path}/update", None, user, password, display)
    if dialect == "virtuoso":
        auth = "-auth" if user else ""
        sparql = path if path and path not in ("/sparql", "/sparql-auth") else "/sparql"
        query_url = f"{base}{sparql}{auth}"
        gsp = f"{base}/sparql-graph-crud{auth}"
        return Endpoint(dialect, query_url, query_url, gsp, user, password, display)
    query_url = f"{base}{path or '/sparql'}"
    update = options.get("update")
    update_url = f"{base}{update}" if update and update.startswith("/") else update or query_url
    return Endpoint(dialect, query_url, update_url, None, user, password, display)


class RemoteStore:
    """The ownergraph store on a SPARQL server; the same methods as ``GraphStore``.

    Use :meth:`open` (or :func:`ownergraph.api.open_store` with a URL). ``path`` is the
    server's URL without its password (what commands print as the store's place).
    """

    def __init__(self, endpoint: Endpoint, *, read_only: bool = False, timeout: float = 60.0):
        import httpx

        self.endpoint = endpoint
        self.remote = True  # queries are evaluated by the server, not in a child process
        self.path = endpoint.display
        self.read_only = read_only
        auth: Any = None
        if endpoint.user is not None:
            password = endpoint.password or ""
            if endpoint.dialect == "virtuoso":
                auth = httpx.DigestAuth(endpoint.user, password)
            else:
                auth = httpx.BasicAuth(endpoint.user, password)
        # trust_env=False: no proxy or .netrc from the environment; no redirects: a
        # request never goes anywhere but the configured server
        self._http: Any = httpx.Client(
            auth=auth, timeout=timeout, follow_redirects=False, trust_env=False
        )
        self.dataset = _UpdateShim(self)

    @classmethod
    def open(cls, url: str, *, read_only: bool = False) -> RemoteStore:
        """Connect to the server at ``url`` and check that it answers SPARQL.

        Raises
        ------
        StoreError
            when the server is unreachable, refuses the credentials, or is no SPARQL server.
        """
        store = cls(parse_store_url(url), read_only=read_only)
        try:
            store._select("ASK { ?s ?p ?o }")
        except QueryError as e:
            store.close()
            raise StoreError(
                f"the server at {store.path} does not answer SPARQL queries ({e})"
            ) from None
        except BaseException:
            store.close()
            raise
        return store

    # -- HTTP ------------------------------------------------------------------

    def _post(self, url: str, *, update: bool, **kwargs: Any) -> Any:
        return self._send("POST", url, update=update, **kwargs)

    def _send(self, method: str, url: str, *, update: bool, **kwargs: Any) -> Any:
        import httpx

        try:
            response = self._http.request(method, url, **kwargs)
        except httpx.ConnectError as e:
            raise StoreError(
                f"cannot reach the SPARQL server at {self.path} ({_reason(e)}); is it "
                "running? (`ownergraph serve` starts one on a local store)"
            ) from None
        except httpx.TimeoutException:
            raise StoreError(f"the SPARQL server at {self.path} did not answer in time") from None
        except httpx.HTTPError as e:
            raise StoreError(f"the SPARQL server at {self.path} failed: {_reason(e)}") from None
        status = response.status_code
        if status < 300:
            return response
        detail = _first_line(response.text)
        if 300 <= status < 400:
            raise StoreError(
                f"the SPARQL server at {self.path} redirects to "
                f"{response.headers.get('location', '?')} (HTTP {status}); redirects are "
                "not followed: give the final address"
            )
        if status == 401:
            raise StoreError(
                f"the SPARQL server at {self.path} refused the credentials (HTTP 401"
                f"{': ' + detail if detail else ''}); give USER:PASSWORD@ in the store URL"
            )
        if update and _refuses_updates(status, detail):
            raise StoreError(
                f"the SPARQL server at {self.path} refuses updates (HTTP {status}"
                f"{': ' + detail if detail else ''}); it is read-only or this user may not write"
            )
        if status == 403:
            raise StoreError(f"the SPARQL server at {self.path} refused access (HTTP 403)")
        if status == 404:
            raise StoreError(
                f"the SPARQL server at {self.path} has no endpoint at {url} (HTTP 404); "
                "check the store URL's engine prefix (virtuoso+http://, sparql+http://)"
            )
        if 400 <= status < 500:
            raise QueryError(f"the server refused the request (HTTP {status}): {detail}")
        raise StoreError(f"the SPARQL server at {self.path} failed (HTTP {status}): {detail}")

    def _select(self, text: str) -> Any:
        """Run a query and return the raw response."""
        params = {"union-default-graph": ""} if self.endpoint.dialect == "oxigraph" else {}
        return self._post(
            self.endpoint.query_url,
            update=False,
            params=params,
            data={"query": text},
            headers={"Accept": _ACCEPT},
        )

    def _solutions(self, text: str) -> Iterator[Any]:
        """The solutions of a SELECT as pyoxigraph ``QuerySolution`` objects."""
        response = self._select(text)
        results: Any = ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON)
        yield from results

    def update(self, text: str) -> None:
        """Send one SPARQL Update (``SERVICE``/``LOAD`` refused); applied all-or-nothing."""
        self._writable()
        refuse_network(text, "update")
        if self.endpoint.dialect == "oxigraph":
            self._post(
                self.endpoint.update_url,
                update=True,
                content=text.encode("utf-8"),
                headers={"Content-Type": "application/sparql-update; charset=utf-8"},
            )
        else:
            field = "query" if self.endpoint.dialect == "virtuoso" else "update"
            self._post(self.endpoint.update_url, update=True, data={field: _ascii(text)})

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"the store at {self.path} is open read-only")

    # -- writing ---------------------------------------------------------------

    def replace_graph(self, name: URIRef, graph: Graph) -> int:
        """Replace the named graph ``name`` with ``graph`` in one request.

        Oxigraph and generic servers get one SPARQL Update (``DROP SILENT GRAPH`` then
        ``INSERT DATA``, one transaction); Virtuoso gets a Graph Store Protocol ``PUT`` of
        the graph's N-Triples (its ``INSERT DATA`` is limited in size). Every term is
        checked and escaped by Oxigraph first. Returns the number of triples now in it.
        """
        from ownergraph.graph.store import GraphDataError

        self._writable()
        gname = _iri(name)
        lines = []
        for s, p, o in graph:
            try:
                lines.append(f"{_term(s)} {_term(p)} {_term(o)} .")
            except (ValueError, TypeError) as e:
                raise GraphDataError(
                    f"the graph {gname} holds a term that is not valid RDF ({e}): {s!r} {p!r} {o!r}"
                ) from None
        body = "\n".join(lines)
        if self.endpoint.gsp_url is not None:
            self._put(name, body)
        else:
            self.update(
                f"DROP SILENT GRAPH {gname} ;\nINSERT DATA {{ GRAPH {gname} {{\n{body}\n}} }}"
            )
        return self.graph_size(name)

    def _put(self, name: URIRef, ntriples: str) -> None:
        assert self.endpoint.gsp_url is not None
        self._send(
            "PUT",
            self.endpoint.gsp_url,
            update=True,
            params={"graph-uri": str(name)},
            content=_ascii(ntriples).encode("ascii"),
            headers={"Content-Type": "text/turtle"},
        )

    def write_graph(
        self, name: URIRef, quads: Sequence[ox.Quad], repoints: Sequence[Any] = ()
    ) -> int:
        """Replace graph ``name`` by ``quads`` and apply ``repoints`` (the load path of
        :meth:`ownergraph.graph.store.GraphStore.write_graph`): the graph in one request,
        then each re-pointing in one request of its own (a server gives no transaction
        across requests; a re-pointing is idempotent, so a rerun completes it)."""
        from oxrdflib._converter import from_ox

        graph = Graph(identifier=name)
        for q in quads:
            graph.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))  # type: ignore[arg-type]
        count = self.replace_graph(name, graph)
        for r in repoints:
            self.repoint(r.old, r.new, r.note)
        return count

    def patch_graph(
        self,
        name: URIRef,
        delete: Iterable[tuple[URIRef, URIRef | None]],
        triples: Iterable[tuple[Any, Any, Any]],
    ) -> None:
        """In graph ``name``, remove every triple with each ``(subject, predicate)`` of
        ``delete`` (``None``: any predicate) and add ``triples``, in one update request."""
        from oxrdflib._converter import to_ox

        self._writable()
        g = _iri(name)
        parts = [
            f"DELETE WHERE {{ GRAPH {g} {{ {_iri(s)} {'?p' if p is None else _iri(p)} ?o }} }}"
            for s, p in sorted(set(delete), key=str)
        ]
        body = "\n".join(f"{to_ox(a)} {to_ox(b)} {to_ox(c)} ." for a, b, c in triples)
        if body:
            parts.append(f"INSERT DATA {{ GRAPH {g} {{\n{body}\n}} }}")
        if parts:
            self.update(" ;\n".join(parts))

    def remove_graph(self, name: URIRef) -> None:
        """Remove the named graph ``name`` (nothing happens when it is absent)."""
        self.update(f"DROP SILENT GRAPH {_iri(name)}")

    def clear(self) -> None:
        """Remove every ownergraph graph (the server's other graphs stay)."""
        names = self.graph_names()
        if names:
            self.update(" ;\n".join(f"DROP SILENT GRAPH {_iri(g)}" for g in names))

    def repoint(
        self, old: URIRef, new: URIRef, note: tuple[URIRef, Identifier] | None = None
    ) -> int:
        """Replace the node ``old`` by ``new`` in every graph, in one update request
        (see :meth:`ownergraph.graph.store.GraphStore.repoint`)."""
        self._writable()
        o, n = _iri(old), _iri(new)
        found = self._solutions(
            f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ {{ {o} ?p ?x }} UNION {{ ?x ?p {o} }} }} "
            f"{_in_ours('?g')} }}"
        )
        named = sorted(str(s["g"].value) for s in found)
        if not named:
            return 0
        parts = []
        for g in map(_iri, map(URIRef, named)):
            parts.append(
                f"DELETE {{ GRAPH {g} {{ {o} ?p ?x }} }} INSERT {{ GRAPH {g} {{ {n} ?p ?x }} }} "
                f"WHERE {{ GRAPH {g} {{ {o} ?p ?x }} }}"
            )
            parts.append(
                f"DELETE {{ GRAPH {g} {{ ?x ?p {o} }} }} INSERT {{ GRAPH {g} {{ ?x ?p {n} }} }} "
                f"WHERE {{ GRAPH {g} {{ ?x ?p {o} }} }}"
            )
        if note is not None:
            triples = "\n".join(
                f"GRAPH {_iri(URIRef(g))} {{ {n} {_term(note[0])} {_term(note[1])} }}"
                for g in named
            )
            parts.append(f"INSERT DATA {{ {triples} }}")
        self.update(" ;\n".join(parts))
        return len(named)

    # -- reading ---------------------------------------------------------------

    def query(self, text: str, bindings: Mapping[str, Identifier] | None = None) -> Result:
        """Run a SPARQL query over the union of all graphs, values bound, never spliced.

        Bound values travel as a trailing ``VALUES`` clause of checked, escaped terms for
        the projected variables (the local store also binds only those). ``SERVICE`` and
        ``LOAD`` are refused. Returns an rdflib result, like the local store.
        """
        refuse_network(text, "query")
        sent = _with_values(text, bindings or {})
        response = self._select(sent)
        kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind in ("application/sparql-results+json", "application/json"):
            return Result.parse(io.BytesIO(response.content), format="json")
        g = Graph()
        fmt = "nt" if kind in ("application/n-triples", "text/plain") else "turtle"
        g.parse(data=response.content, format=fmt)
        result = Result("CONSTRUCT")
        result.graph = g
        return result

    def select(self, text: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        """The local store's :meth:`~ownergraph.graph.store.GraphStore.select`: the
        variable names and rows of pyoxigraph terms (``None`` when unbound), read from
        the server's JSON results without rdflib."""
        check_network(text, "query")
        response = self._select(text)
        results: Any = ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON)
        if not isinstance(results, ox.QuerySolutions):
            raise StoreError("select() runs SELECT queries only")
        names = [v.value for v in results.variables]
        return names, [tuple(row) for row in results]

    def quads(
        self, s: Identifier | None, p: Identifier | None, o: Identifier | None, g: URIRef | None
    ) -> Iterator[tuple[Any, Any, Any, Any]]:
        """Quads matching a pattern (``None`` matches anything), as rdflib terms."""
        from oxrdflib._converter import from_ox

        for q in self._quads(s, p, o, g):
            yield (
                from_ox(q.subject),
                from_ox(q.predicate),
                from_ox(q.object),
                URIRef(str(q.graph_name.value)),  # type: ignore[union-attr]
            )

    def _quads(
        self,
        s: Identifier | None = None,
        p: Identifier | None = None,
        o: Identifier | None = None,
        g: URIRef | None = None,
    ) -> Iterator[ox.Quad]:
        text = _pattern_query(s, p, o, g)
        for sol in self._solutions(text):
            yield ox.Quad(
                sol["s"] if s is None else _ox(s),
                sol["p"] if p is None else _ox(p),
                sol["o"] if o is None else _ox(o),
                sol["g"] if g is None else ox.NamedNode(str(g)),
            )

    def __len__(self) -> int:
        return self._count(f"GRAPH ?g {{ ?s ?p ?o }} {_in_ours('?g')}")

    def _count(self, pattern: str) -> int:
        for sol in self._solutions(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}"):
            return int(sol["n"].value)
        return 0

    def graph_size(self, name: URIRef) -> int:
        """Number of triples in the named graph ``name``."""
        return self._count(f"GRAPH {_iri(name)} {{ ?s ?p ?o }}")

    def graph_names(self) -> list[URIRef]:
        """The names of all ownergraph graphs on the server, sorted."""
        sols = self._solutions(
            f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_in_ours('?g')} }}"
        )
        return sorted(URIRef(sol["g"].value) for sol in sols)

    def has_graph(self, name: URIRef) -> bool:
        """True when the named graph ``name`` holds any triple."""
        return self.graph_size(name) > 0

    def graph(self, name: URIRef) -> Graph:
        """An in-memory copy of one named graph."""
        from oxrdflib._converter import from_ox

        g = Graph()
        for q in self._quads(g=name):
            g.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))  # type: ignore[arg-type]
        return g

    def union_graph(self) -> Graph:
        """An in-memory copy of every triple of every ownergraph graph."""
        with self._snapshot() as local:
            return local.union_graph()

    def iter_quads(self) -> Iterator[Any]:
        """Every quad of the ownergraph graphs, as Oxigraph quads."""
        return self._quads()

    def _snapshot(self) -> Any:
        """An in-memory local store holding a copy of every ownergraph graph."""
        from ownergraph.graph.store import GraphStore

        local = GraphStore.open(None)
        local._ox.extend(self._quads())
        return local

    def export(self, fmt: str, dest: IO[bytes]) -> None:
        """Write everything as ``ttl``, ``trig``, ``nq`` or ``jsonld`` (as the local store)."""
        with self._snapshot() as local:
            local.export(fmt, dest)

    def close(self) -> None:
        """Close the connection pool (the server keeps running)."""
        self._http.close()

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _UpdateShim:
    """``store.dataset.update(text)`` as on the local store's rdflib dataset."""

    def __init__(self, store: RemoteStore) -> None:
        self._store = store

    def update(self, text: str) -> None:
        self._store.update(text)


def _refuses_updates(status: int, detail: str) -> bool:
    """True when an update's failure means the server (or this user) may not write."""
    low = detail.lower()
    words = ("read-only", "read only", "readonly", "permission", "not allowed", "sr186")
    return status in (403, 405) or any(w in low for w in words)


def _reason(err: Exception) -> str:
    text = str(err) or type(err).__name__
    return "connection refused" if "refused" in text.lower() else _first_line(text)


def _first_line(text: str) -> str:
    for line in text.strip().splitlines():
        line = re.sub(r"<[^>]+>", "", line).strip()
        if line:
            return line[:300]
    return ""


def _ascii(text: str) -> str:
    """``text`` with every non-ASCII character as a SPARQL/Turtle ``\\u`` escape (only
    valid inside IRIs and literals, which is the only place they occur here)."""

    def esc(m: re.Match[str]) -> str:
        c = ord(m.group())
        return f"\\u{c:04X}" if c <= 0xFFFF else f"\\U{c:08X}"

    return _NON_ASCII.sub(esc, text)


def _ox(term: Any) -> Any:
    """``term`` (rdflib) as a pyoxigraph term, as oxrdflib converts it; IRIs, blank nodes
    and literals are converted here, so that a named query's ``VALUES`` block does not
    import oxrdflib (and with it rdflib's SPARQL engine: a third of a second)."""
    if isinstance(term, URIRef) and term != DATASET_DEFAULT_GRAPH_ID:
        return ox.NamedNode(term)
    if isinstance(term, BNode):
        return ox.BlankNode(term)
    if isinstance(term, Literal):
        datatype = ox.NamedNode(term.datatype) if term.datatype else None
        return ox.Literal(term, language=term.language, datatype=datatype)
    from oxrdflib._converter import to_ox

    return to_ox(term)


def _term(term: Any) -> str:
    """A term in Oxigraph's checked, escaped N-Triples form (``ValueError`` if invalid)."""
    return str(_ox(term))


def _iri(name: URIRef) -> str:
    from ownergraph.graph.store import GraphDataError

    try:
        return str(ox.NamedNode(str(name)))
    except ValueError as e:
        raise GraphDataError(f"{str(name)!r} is not a valid graph name ({e})") from None


def _in_ours(var: str) -> str:
    return f'FILTER(STRSTARTS(STR({var}), "{GRAPH_PREFIX}"))'


def _pattern_query(
    s: Identifier | None, p: Identifier | None, o: Identifier | None, g: URIRef | None
) -> str:
    """The SELECT that lists the quads of one pattern, with ``?s ?p ?o ?g`` for the
    unbound positions."""
    parts = [v if t is None else _term(t) for t, v in ((s, "?s"), (p, "?p"), (o, "?o"))]
    graph = "?g" if g is None else _iri(g)
    ours = _in_ours("?g") if g is None else ""
    return f"SELECT * WHERE {{ GRAPH {graph} {{ {' '.join(parts)} }} {ours} }}"


def _with_values(text: str, bindings: Mapping[str, Identifier]) -> str:
    """``text`` with a ``VALUES`` block binding the projected variables, put first in
    the query's ``WHERE`` group (so the server binds them before it evaluates the rest,
    like the local store's bindings), or after the query when it has no group.

    Examples
    --------
    >>> from rdflib import Literal
    >>> _with_values('SELECT ?x WHERE { ?x <urn:p> "{" }', {"x": URIRef("urn:a")})
    'SELECT ?x WHERE { VALUES (?x) { (<urn:a>) } ?x <urn:p> "{" }'
    >>> _with_values("SELECT ?y { ?y ?p ?o }", {"x": Literal("a")})  # ?x not projected
    'SELECT ?y { ?y ?p ?o }'
    """
    if not bindings:
        return text
    projected = _projected(text)
    names = [n for n in bindings if projected is None or n in projected]
    if not names:
        return text
    return values_first(text, names, [[bindings[n] for n in names]])


def values_first(text: str, names: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """``text`` with ``VALUES (?names...) { rows }`` put first in the query's ``WHERE``
    group (after the query when it has none); every term checked and escaped by
    Oxigraph, never spliced as given.

    Examples
    --------
    >>> values_first("SELECT * { ?x ?p ?o }", ["x"], [[URIRef("urn:a")], [URIRef("urn:b")]])
    'SELECT * { VALUES (?x) { (<urn:a>) (<urn:b>) } ?x ?p ?o }'
    >>> values_first("SELECT * { ?x ?p ?o }", ["x"], [[URIRef("urn:a> } DROP ALL #")]])
    Traceback (most recent call last):
    ...
    ValueError: ...
    """
    values = values_block(names, rows)
    at = _where_brace(text)
    if at is None:
        return f"{text}\n{values}"
    return f"{text[: at + 1]} {values}{text[at + 1 :]}"


def values_block(names: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """``VALUES (?names...) { rows }``, every term checked and escaped by Oxigraph.

    Examples
    --------
    >>> values_block(["x", "y"], [[URIRef("urn:a"), URIRef("urn:b")]])
    'VALUES (?x ?y) { (<urn:a> <urn:b>) }'
    """
    for n in names:
        if not re.fullmatch(r"\w+", n):
            raise ValueError(f"{n!r} is not a variable name")
    head = " ".join(f"?{n}" for n in names)
    body = " ".join("(" + " ".join(_term(t) for t in row) + ")" for row in rows)
    return f"VALUES ({head}) {{ {body} }}"


# strings, IRIs and comments (skipped), the WHERE keyword, an opening brace
_SCAN = re.compile(
    r"'''.*?'''|\"\"\".*?\"\"\"|'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"|<[^<>\s{}]*>|#[^\n]*"
    r"|(?P<where>\bWHERE\b)|(?P<brace>\{)",
    re.IGNORECASE | re.DOTALL,
)


def _where_brace(text: str) -> int | None:
    """Offset of the ``{`` opening the query's ``WHERE`` group (strings, IRIs and
    comments skipped); for ``SELECT``/``ASK`` without the keyword, the first ``{``."""
    seen_where = False
    template_first = re.search(r"\b(CONSTRUCT|DESCRIBE)\b", text, re.IGNORECASE) is not None
    for m in _SCAN.finditer(text):
        if m.group("where"):
            seen_where = True
        elif m.group("brace") and (seen_where or not template_first):
            return m.start()
    return None


def _projected(text: str) -> set[str] | None:
    """The projected variables of a query (``None`` when rdflib cannot tell)."""
    try:
        from rdflib.plugins.sparql import prepareQuery

        algebra = prepareQuery(text).algebra
    except Exception:  # let the server report the query's own error
        return None
    pv = algebra.get("PV")
    if pv is None:
        return None
    return {str(v) for v in pv}
