"""The ASGI application behind ``kg serve`` (Starlette): the site, ``/sparql``, Linked Data at the
entities' IRIs, the query page.

Everything a client sends is untrusted: queries go to the worker pool as text (bound parameters as
RDF terms), paths to Starlette's static files (which refuse ``..``), IRIs are checked by
pyoxigraph before they are looked up. Errors are a status and a message a person can act on, in
German or English by ``Accept-Language``, never a traceback.
"""

from __future__ import annotations

import contextlib
import dataclasses
from pathlib import Path
from urllib.parse import parse_qsl

import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import (
    FileResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from kg.errors import KGError
from kg.iris import BASE
from kg.problems import Problem
from kg.query.catalog import bind, bind_adhoc
from kg.serve.negotiate import SHORT_NAMES, best_match
from kg.serve.pool import QueryPool
from kg.serve.worker import GRAPH_FORMATS, RESULT_FORMATS
from kg.views.items import kind_index_path, page_path

__all__ = ["create_app", "Limits"]

RESULTS = list(RESULT_FORMATS)
GRAPHS = list(GRAPH_FORMATS)
_SECOND_LANGUAGE = "en"   # the English site is dist/en/ (kg.build.SECOND_LANGUAGE)
_RESERVED = {"name", "query", "format", "lang"}


@dataclasses.dataclass(frozen=True)
class Limits:
    """What one request may ask for."""

    query_chars: int = 100_000
    body_bytes: int = 1_000_000
    result_bytes: int = 50_000_000


def language(request: Request) -> str:
    """``?lang=`` or the first of de/en in Accept-Language (German by default, like the site)."""
    asked = request.query_params.get("lang")
    if asked in ("de", "en"):
        return asked
    for part in request.headers.get("accept-language", "").split(","):
        tag = part.split(";")[0].strip().lower()[:2]
        if tag in ("de", "en"):
            return tag
    return "de"


def problem_response(request: Request, status: int, problem: Problem, headers: dict | None = None) -> Response:
    return PlainTextResponse(problem.render(language(request)) + "\n", status_code=status,
                             headers={"X-Content-Type-Options": "nosniff", **(headers or {})})


class _BodyTooLarge(Exception):
    pass


async def _body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise _BodyTooLarge()
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _BodyTooLarge()
        chunks.append(chunk)
    return b"".join(chunks)


def create_app(site: Path, pool: QueryPool, catalog: dict, query_pages: dict[str, str], *,
               cors: bool = False, limits: Limits | None = None) -> Starlette:
    """The application over the built site ``site`` (dist/), asking ``pool``."""
    limits = limits or Limits()
    site = Path(site)

    def formats(request: Request) -> tuple[str | None, str | None]:
        short = request.query_params.get("format")
        if short:
            media = SHORT_NAMES.get(short.lower(), short.lower())
            return (media if media in RESULTS else None), (media if media in GRAPHS else None)
        accept = request.headers.get("accept")
        return best_match(accept, RESULTS), best_match(accept, GRAPHS)

    async def run(request: Request, ask: dict) -> Response:
        results, graph = formats(request)
        if results is None and graph is None:
            return problem_response(request, 406, Problem.of("serve-not-acceptable", kind="table/graph"))
        status, media, body = await pool.ask({**ask, "results": results, "graph": graph,
                                              "limit": limits.result_bytes})
        if media == "problem":
            return problem_response(request, status, body)
        return Response(body, status_code=status, media_type=_with_charset(media), headers={"Vary": "Accept"})

    async def sparql(request: Request) -> Response:
        params = list(request.query_params.multi_items())
        text = None
        if request.method == "POST":
            kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
            try:
                body = await _body(request, limits.body_bytes)
            except _BodyTooLarge:
                return problem_response(request, 413, Problem.of("serve-query-too-long", limit=limits.body_bytes))
            if kind == "application/sparql-update":
                return problem_response(request, 403, Problem.of("serve-read-only"))
            if kind == "application/sparql-query":
                text = body.decode("utf-8", errors="replace")
            elif kind == "application/x-www-form-urlencoded":
                params += parse_qsl(body.decode("utf-8", errors="replace"), keep_blank_values=True)
            else:
                return problem_response(request, 415, Problem.of("serve-no-query"))
        names = [name for name, _ in params]
        if "update" in names:
            return problem_response(request, 403, Problem.of("serve-read-only"))
        queries = [value for name, value in params if name == "query"]
        if text is None:
            if len(queries) != 1:
                if not queries and request.method == "GET" and best_match(request.headers.get("accept"),
                                                                          ["application/sparql-results+json",
                                                                           "text/html"]) == "text/html":
                    return RedirectResponse("/query", status_code=303)
                return problem_response(request, 400, Problem.of("serve-no-query"))
            text = queries[0]
        if "default-graph-uri" in names or "named-graph-uri" in names:
            return problem_response(request, 400, Problem.of("serve-dataset"))
        if len(text) > limits.query_chars:
            return problem_response(request, 413, Problem.of("serve-query-too-long", limit=limits.query_chars))
        return await run(request, {"text": text, "source": "query"})

    async def query_run(request: Request) -> Response:
        """A query of the page: a catalog query by ``name`` (its text, or an edited one in ``query``)
        with its parameters typed as the catalog declares them, or any ``query`` whose other
        parameters bind ``<…>`` as an IRI and anything else as a string. Always bound, never pasted."""
        name = request.query_params.get("name") or ""
        text = request.query_params.get("query")
        source = f"queries/{name}.rq" if name else "query"   # never the server's folders
        given = {k: v for k, v in request.query_params.items() if k not in _RESERVED and v != ""}
        try:
            if name:
                if name not in catalog:
                    return problem_response(request, 404, Problem.of("viz-query-unknown", value=name[:100],
                                                                     suggestions=", ".join(sorted(catalog)[:3])))
                query = catalog[name]
                values = {k: v for k, v in given.items() if k in query.params}
                if "lang" in query.params and "lang" not in values:
                    values["lang"] = language(request)
                terms, hide = bind(query, values), sorted(query.params)
                text = text if text is not None else query.text
            elif text is not None:
                terms = bind_adhoc(given, source)
                hide = sorted(terms)
            else:
                return problem_response(request, 400, Problem.of("serve-no-query"))
        except KGError as exc:   # bind() names the catalog file by its full path: name it as the project does
            return problem_response(request, 400, dataclasses.replace(exc.problems[0], file=source))
        if len(text) > limits.query_chars:
            return problem_response(request, 413, Problem.of("serve-query-too-long", limit=limits.query_chars))
        return await run(request, {"text": text, "bindings": terms, "source": source, "hide": hide})

    def html_file(request: Request, relative: str) -> Response | None:
        base = site / _SECOND_LANGUAGE if language(request) == _SECOND_LANGUAGE else site
        for folder in (base, site):
            path = folder / relative
            if path.is_file():
                return FileResponse(path, media_type="text/html; charset=utf-8",
                                    headers={"Vary": "Accept, Accept-Language"})
        return None

    async def linked(request: Request, iri: str, html: str | None, ask: dict) -> Response:
        offers = (["text/html"] if html else []) + GRAPHS
        short = request.query_params.get("format")
        media = SHORT_NAMES.get(short.lower(), "") if short else best_match(request.headers.get("accept"), offers)
        if media not in offers:
            return problem_response(request, 406, Problem.of("serve-not-acceptable", kind="Linked Data"))
        if media == "text/html":
            page = html_file(request, html)
            if page is None:
                raise HTTPException(404)
            return page
        status, media_type, body = await pool.ask({**ask, "graph": media, "limit": limits.result_bytes})
        if status == 404:
            raise HTTPException(404)
        if media_type == "problem":
            return problem_response(request, status, body)
        return Response(body, media_type=_with_charset(media_type), headers={"Vary": "Accept, Accept-Language"})

    async def entity(request: Request) -> Response:
        rest = request.path_params["rest"].rstrip("/")
        if rest.endswith(".html"):
            page = html_file(request, f"id/{rest}")
            if page is None:
                raise HTTPException(404)
            return page
        try:
            iri = ox.NamedNode(f"{BASE}id/{rest}").value
        except ValueError:
            raise HTTPException(404) from None
        kind, _, key = rest.partition("/")
        return await linked(request, iri, page_path(kind, key) if key else kind_index_path(kind), {"describe": iri})

    async def ontology(request: Request) -> Response:
        return await linked(request, BASE + "ontology", "ontology.html", {"dump": BASE + "graph/ontology"})

    async def named_graph(request: Request) -> Response:
        try:
            iri = ox.NamedNode(f"{BASE}graph/{request.path_params['rest']}").value
        except ValueError:
            raise HTTPException(404) from None
        return await linked(request, iri, None, {"dump": iri})

    async def query_page(request: Request) -> Response:
        return Response(query_pages[language(request)], media_type="text/html; charset=utf-8",
                        headers={"Vary": "Accept-Language"})

    async def not_found(request: Request, exc: HTTPException) -> Response:
        code = exc.status_code
        problem = Problem.of("serve-not-found", path=request.url.path[:200]) if code == 404 else \
            Problem.of("serve-http", status=code, detail=str(exc.detail)[:200])
        return problem_response(request, code, problem)

    @contextlib.asynccontextmanager
    async def lifespan(_app):
        await pool.start()
        try:
            yield
        finally:
            await pool.close()

    routes = [
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/query", query_page, methods=["GET"]),
        Route("/query/run", query_run, methods=["GET"]),
        Route("/ontology", ontology, methods=["GET"]),
        Route("/id/{rest:path}", entity, methods=["GET"]),
        Route("/graph/{rest:path}", named_graph, methods=["GET"]),
        Mount("/", StaticFiles(directory=site, html=True)),
    ]
    middleware = [Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST"],
                             allow_headers=["Content-Type", "Accept"])] if cors else []
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan,
                     exception_handlers={HTTPException: not_found})


def _with_charset(media: str) -> str:
    textual = media.startswith("text/") or media in ("application/sparql-results+json", "application/ld+json",
                                                     "application/n-triples", "application/trig",
                                                     "application/n-quads", "application/sparql-results+xml",
                                                     "application/rdf+xml")
    return f"{media}; charset=utf-8" if textual else media
