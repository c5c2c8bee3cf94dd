"""The investigator query library: one SPARQL query per ``.rq`` file in this package.

Each file starts with a header of comment lines::

    # title: Holdings
    # description: Every reported position ...
    # param: holder entity optional -- only this holder

A parameter is a SPARQL variable of the same name. Its value is converted to an RDF
term (an ``entity`` is looked up by name, alias, CIK or CUSIP) and *bound* with
``initBindings``: it is never spliced into the query text, so a value that holds SPARQL
is just a string that matches nothing.

Examples
--------
>>> q = library()["holdings"]
>>> q.title
'Holdings'
>>> [p.name for p in q.params][:2]
['holder', 'issuer']
>>> parse_header("# title: T\\n# param: x integer required -- an x\\nSELECT ?x {}").params[0]
QueryParam(name='x', type='integer', required=True, description='an x')
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.term import Identifier

from ownergraph.errors import QueryError

__all__ = [
    "NamedQuery",
    "QueryParam",
    "bind_value",
    "is_update",
    "library",
    "optionals",
    "parse_header",
    "resolve_query",
]

PARAM_TYPES = ("entity", "string", "date", "integer", "decimal", "iri")


@dataclass(frozen=True)
class QueryParam:
    """One declared parameter of a named query."""

    name: str
    type: str
    required: bool
    description: str


@dataclass(frozen=True)
class NamedQuery:
    """A query with its header: name, title, description and parameters."""

    name: str
    text: str
    title: str = ""
    description: str = ""
    params: tuple[QueryParam, ...] = field(default_factory=tuple)
    path: str | None = None
    #: the short set of columns a terminal table shows (``# columns:`` in the header)
    brief: tuple[str, ...] = ()


_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_]\w*)\s+(?P<type>\w+)\s+(?P<req>required|optional)\s*(?:--\s*(?P<desc>.*))?$"
)


def parse_header(text: str, name: str = "query", path: str | None = None) -> NamedQuery:
    """Read the ``# key: value`` header of a query text."""
    title = description = ""
    params: list[QueryParam] = []
    brief: tuple[str, ...] = ()
    for line in text.splitlines():
        s = line.strip()
        if not s:
            continue
        if not s.startswith("#"):
            break
        m = re.match(r"#\s*(title|description|param|columns)\s*:\s*(.*)$", s)
        if not m:
            continue
        key, value = m.group(1), m.group(2).strip()
        if key == "title":
            title = value
        elif key == "description":
            description = f"{description} {value}".strip()
        elif key == "columns":
            brief = tuple(value.split())
        else:
            pm = _PARAM.match(value)
            if pm is None or pm.group("type") not in PARAM_TYPES:
                raise QueryError(f"{path or name}: malformed parameter line: {value!r}")
            params.append(
                QueryParam(
                    pm.group("name"),
                    pm.group("type"),
                    pm.group("req") == "required",
                    (pm.group("desc") or "").strip(),
                )
            )
    return NamedQuery(name, text, title or name, description, tuple(params), path, brief)


@functools.lru_cache(maxsize=1)
def library() -> dict[str, NamedQuery]:
    """Every named query shipped with the package, by name (read once)."""
    out: dict[str, NamedQuery] = {}
    for entry in sorted(resources.files(__name__).iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name[:-3]
            out[name] = parse_header(
                entry.read_text(encoding="utf-8"), name, f"queries/{entry.name}"
            )
    return out


def optionals(subject: str, properties: str, indent: str = "  ") -> str:
    """One ``OPTIONAL { ?subject PROPERTY ?var }`` line per word of ``properties``.

    A word is an ``og:`` local name (its variable is the same name), ``name=var`` for
    another variable, or a prefixed name such as ``rdfs:label=label``.

    Examples
    --------
    >>> print(optionals("t", "kind pricePerShare=price_per_share rdfs:label=label"), end="")
      OPTIONAL { ?t og:kind ?kind }
      OPTIONAL { ?t og:pricePerShare ?price_per_share }
      OPTIONAL { ?t rdfs:label ?label }
    """
    lines = []
    for word in properties.split():
        prop, _, var = word.partition("=")
        name = prop if ":" in prop else "og:" + prop
        lines.append(f"{indent}OPTIONAL {{ ?{subject} {name} ?{var or prop} }}\n")
    return "".join(lines)


def is_update(text: str) -> bool:
    """True when ``text`` is SPARQL Update (INSERT, DELETE, LOAD, CLEAR, DROP ...).

    Examples
    --------
    >>> [is_update(t) for t in ("DROP ALL", "SELECT * WHERE { ?s ?p ?o }",
    ...                         "# DELETE in a comment\\nSELECT ?s WHERE { ?s ?p 'INSERT' }")]
    [True, False, False]
    """
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        parseQuery(text)
        return False
    except Exception:
        pass
    try:
        parseUpdate(text)
        return True
    except Exception:
        return False


def resolve_query(spec: str) -> NamedQuery:
    """A named query, a ``.rq`` file, or SPARQL text given inline.

    Raises
    ------
    QueryError
        for an unknown name or a file that cannot be read.
    """
    lib = library()
    if spec in lib:
        return lib[spec]
    if spec.endswith(".rq") or (len(spec) < 4096 and "\n" not in spec and Path(spec).is_file()):
        p = Path(spec)
        try:
            text = p.read_text(encoding="utf-8")
        except OSError as e:
            raise QueryError(f"{spec}: cannot read the query file ({e.strerror or e})") from None
        return parse_header(text, p.stem, str(p))
    if re.search(
        r"\b(select|construct|ask|describe|insert|delete|load|clear|drop|create|copy|move|add|with)\b",
        spec,
        re.I,
    ):
        return parse_header(spec, "inline")
    known = ", ".join(sorted(lib))
    raise QueryError(f"unknown query {spec!r}; named queries are: {known}")


def bind_value(param: QueryParam, value: str) -> Identifier:
    """Turn the text ``value`` into the RDF term for ``param`` (entities excepted).

    Examples
    --------
    >>> bind_value(QueryParam("d", "date", True, ""), "2021-04-13")
    rdflib.term.Literal('2021-04-13', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#date'))
    >>> bind_value(QueryParam("n", "integer", True, ""), "x")
    Traceback (most recent call last):
    ...
    ownergraph.errors.QueryError: parameter n: 'x' is not a whole number
    """
    if param.type == "integer":
        try:
            return Literal(int(value.replace(",", "")))
        except ValueError:
            raise QueryError(f"parameter {param.name}: {value!r} is not a whole number") from None
    if param.type == "decimal":
        try:
            return Literal(Decimal(value))
        except InvalidOperation:
            raise QueryError(f"parameter {param.name}: {value!r} is not a number") from None
    if param.type == "date":
        try:
            return Literal(dt.date.fromisoformat(value))
        except ValueError:
            raise QueryError(
                f"parameter {param.name}: {value!r} is not a date (YYYY-MM-DD)"
            ) from None
    if param.type == "iri":
        if not re.fullmatch(r"[a-zA-Z][\w+.-]*:[^\s<>\"{}|\\^`]*", value):
            raise QueryError(f"parameter {param.name}: {value!r} is not an IRI")
        return URIRef(value)
    return Literal(value)
