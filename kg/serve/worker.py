"""One query worker: a process that opens the persistent store read-only and answers requests from
its pipe, until the pipe closes or the pool ends it (a query past its time limit).

A request is a dict: ``text`` (SPARQL), ``bindings`` (name → pyoxigraph term, pickled as it is),
``results`` and ``graph`` (the media types the client accepts for a table and for a graph, or
None), ``limit`` (the most bytes an answer may have). The reply is ``(status, media type, body)``
or ``(status, "problem", Problem)`` for a message the front renders in the client's language.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg.errors import KGError
from kg.iris import PREFIXES
from kg.problems import Problem
from kg.query.engine import Engine, SelectResult
from kg.query.portable import concat_columns
from kg.query.results import render_graph, render_select

__all__ = ["serve_forever", "answer", "describe", "RESULT_FORMATS", "GRAPH_FORMATS"]

RESULT_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
_SHORT = {"application/sparql-results+json": "json", "application/sparql-results+xml": "xml", "text/csv": "csv",
          "text/tab-separated-values": "tsv"}
GRAPH_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/trig": ox.RdfFormat.TRIG,
    "application/n-quads": ox.RdfFormat.N_QUADS,
}


class _TooLarge(Exception):
    pass


class _Capped:
    """A file for pyoxigraph's serialisers that refuses to grow past ``limit`` bytes."""

    def __init__(self, limit: int):
        self.limit, self.size, self.parts = limit, 0, []

    def write(self, data) -> int:
        self.size += len(data)
        if self.size > self.limit:
            raise _TooLarge()
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass


_DERIVED = ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")


def _named(quads) -> list:
    return [q for q in quads if not isinstance(q.graph_name, ox.DefaultGraph)]


def describe(store: ox.Store, iri: str) -> list:
    """An entity's statements in the graphs of the files that make them, the sources those files
    and statements cite, and the descriptions of those sources (quads; empty if nothing is known)."""
    node = ox.NamedNode(iri)
    quads = _named(store.quads_for_pattern(node, None, None))
    if not quads:
        return []
    sources = {q.object for q in quads if q.predicate == _DERIVED}
    for graph in {q.graph_name for q in quads}:
        for quad in store.quads_for_pattern(graph, None, None, graph):
            quads.append(quad)
            if quad.predicate == _DERIVED:
                sources.add(quad.object)
    for source in sources:
        if isinstance(source, ox.NamedNode):
            quads += _named(store.quads_for_pattern(source, None, None))
    return quads


def _write_graph(quads: list, media: str, capped) -> None:
    """Quads in ``media``, sorted; Turtle as kg query writes it (``render_graph``)."""
    fmt = GRAPH_FORMATS[media]
    if fmt == ox.RdfFormat.TURTLE:
        capped.write(render_graph(q.triple for q in quads).encode("utf-8"))
    elif fmt.supports_datasets:
        ox.serialize(sorted(set(quads), key=str), capped, format=fmt,
                     **({"prefixes": PREFIXES} if fmt == ox.RdfFormat.TRIG else {}))
    else:
        ox.serialize(sorted({q.triple for q in quads}, key=str), capped, format=fmt)


def answer(engine: Engine, request: dict):
    """The reply to one request (see the module's docstring)."""
    if "describe" in request or "dump" in request:
        quads = describe(engine.store, request["describe"]) if "describe" in request \
            else list(engine.store.quads_for_pattern(None, None, None, ox.NamedNode(request["dump"])))
        if not quads:
            return 404, "problem", None
        capped = _Capped(request["limit"])
        try:
            _write_graph(quads, request["graph"], capped)
        except _TooLarge:
            return 507, "problem", Problem.of("serve-too-large", limit=f"{request['limit'] / 1e6:g}")
        return 200, request["graph"], b"".join(capped.parts)
    try:
        result = engine.run(request["text"], request.get("bindings"), source=request.get("source", "query"))
    except KGError as exc:
        return 400, "problem", exc.problems[0]
    capped = _Capped(request["limit"])
    try:
        if isinstance(result, ox.QuerySolutions) and request.get("hide") is not None and request.get("results"):
            # a catalog query: without its parameter columns, each value as every engine gives it
            # (kg.query.portable), written as kg query and the published files write it
            media = request["results"]
            table = SelectResult.from_solutions(result, request["hide"], concat_columns(request["text"]))
            capped.write(render_select(table, _SHORT[media]).encode("utf-8"))
            return 200, media, b"".join(capped.parts)
        if isinstance(result, (ox.QuerySolutions, ox.QueryBoolean)):
            media = request.get("results")
            if media is None:
                return 406, "problem", Problem.of("serve-not-acceptable", kind="table")
            result.serialize(capped, format=RESULT_FORMATS[media])
        else:
            media = request.get("graph")
            if media is None:
                return 406, "problem", Problem.of("serve-not-acceptable", kind="graph")
            if GRAPH_FORMATS[media] in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG):   # a graph: TriG is Turtle
                capped.write(render_graph(result).encode("utf-8"))
                media = "text/turtle"
            else:
                result.serialize(capped, format=GRAPH_FORMATS[media])
    except _TooLarge:
        return 507, "problem", Problem.of("serve-too-large", limit=f"{request['limit'] / 1e6:g}")
    except (OSError, ValueError, RuntimeError) as exc:  # evaluation errors surface while iterating
        return 400, "problem", Problem.of("sparql-error", file=request.get("source", "query"),
                                          detail=" ".join(str(exc).split())[:300])
    return 200, media, b"".join(capped.parts)


def serve_forever(store_path: str, connection) -> None:
    """The worker's life: open the store, answer until the pipe closes."""
    engine = Engine(ox.Store.read_only(str(Path(store_path))), merged=True)
    connection.send(("ready",))
    while True:
        try:
            request = connection.recv()
        except (EOFError, OSError):
            return
        try:
            reply = answer(engine, request)
        except Exception as exc:  # noqa: BLE001 – a bug must not end the worker silently
            reply = (500, "problem", Problem.of("serve-internal", detail=f"{type(exc).__name__}: {exc}"[:300]))
        connection.send(reply)
