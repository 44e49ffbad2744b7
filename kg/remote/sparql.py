"""A SPARQL 1.1 Protocol endpoint that answers like the local engine.

``RemoteEngine`` has the local ``Engine``'s ``run`` and ``select``, so the catalog, the analytics
and the views run unchanged against any store (Oxigraph server, Virtuoso, Fuseki, GraphDB, QLever).
Parameters are stated as ``VALUES`` rows (``kg.query.portable``), never pasted; ``SERVICE`` is
refused before anything is sent.

The dataset: a query must see the RDF merge of the named graphs as its default graph. ``kg push``
puts it into the store's default graph; a store whose Graph Store endpoint has no default graph
(Virtuoso) keeps it in a named graph instead, given here as ``default_graph``: every request then
names it as ``default-graph-uri`` and the project's source graphs as ``named-graph-uri``, so that
``GRAPH ?g`` sees the sources and not the merge.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlencode

import httpx
import pyoxigraph as ox

from kg.errors import InvalidData, QueryStopped, UnreadableInput
from kg.iris import BASE
from kg.problems import Problem
from kg.query.engine import SelectResult, as_ox_term, refuse_service
from kg.query.portable import (
    canonical_value,
    code_only,
    concat_columns,
    inline_bindings,
    repair_mojibake,
)

__all__ = ["RemoteEngine", "SOURCE_GRAPHS", "first_line"]

SOURCE_GRAPHS = BASE + "graph/"   # the named graphs of the published dataset start with this
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
_RESULTS = "application/sparql-results+json"
_GRAPH = "application/n-triples"
_FORM_TYPE = "application/x-www-form-urlencoded; charset=utf-8"


class RemoteEngine:
    """Queries a SPARQL 1.1 Protocol endpoint (its query URL)."""

    def __init__(self, url: str, *, timeout: float | None = 60, default_graph: str | None = None):
        self.url = url
        self.timeout = timeout
        self.default_graph = default_graph
        self._client = httpx.Client(timeout=httpx.Timeout(timeout, connect=10) if timeout else None,
                                    follow_redirects=True)
        self._named: list[str] | None = None

    def _dataset(self) -> list[tuple[str, str]]:
        if not self.default_graph:
            return []
        if self._named is None:
            found = self._post(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), \"{SOURCE_GRAPHS}\")) }}",
                               [], _RESULTS, "<dataset>")
            self._named = sorted(g for (g,) in SelectResult.from_solutions(found).values() if g != self.default_graph)
        return [("default-graph-uri", self.default_graph)] + [("named-graph-uri", g) for g in self._named]

    def _post(self, text: str, dataset: list, accept: str, source: str):
        try:
            response = self._client.post(self.url, content=urlencode([("query", text), *dataset]),
                                         headers={"Accept": accept, "Content-Type": _FORM_TYPE})
        except httpx.TimeoutException:
            raise QueryStopped([Problem.of("sparql-timeout", file=source, seconds=f"{self.timeout:g}")]) from None
        except httpx.HTTPError as exc:
            raise UnreadableInput([Problem.of("endpoint-unreachable", file=self.url,
                                              detail=" ".join(str(exc).split())[:200] or type(exc).__name__)]) from None
        if response.status_code >= 400:
            raise InvalidData([Problem.of("endpoint-refused", file=source, url=self.url, status=response.status_code,
                                          detail=first_line(response.text))])
        if "x-sparql-maxrows" in response.headers:
            raise InvalidData([Problem.of("endpoint-truncated", file=source, url=self.url,
                                          rows=response.headers["x-sparql-maxrows"])])
        media = response.headers.get("content-type", "").split(";")[0].strip().lower()
        try:
            if media in ("application/sparql-results+json", "application/json"):
                return ox.parse_query_results(_repaired(response.content), format=ox.QueryResultsFormat.JSON)
            if media == "application/sparql-results+xml":   # a store that answers XML whatever we accept
                return ox.parse_query_results(response.content, format=ox.QueryResultsFormat.XML)
            kind = ox.RdfFormat.from_media_type(media) or ox.RdfFormat.N_TRIPLES
            return list(ox.parse(response.content, format=kind))
        except (SyntaxError, ValueError, AttributeError) as exc:
            raise InvalidData([Problem.of("endpoint-refused", file=source, url=self.url, status=response.status_code,
                                          detail=first_line(str(exc)))]) from None

    def run(self, text: str, bindings: dict | None = None, *, source: str = "<query>"):
        """Any query form, answered as the local engine answers: solutions, a boolean or triples."""
        refuse_service(text, source)
        terms = {str(k).lstrip("?$"): as_ox_term(v) for k, v in (bindings or {}).items()}
        form = _FORM.search(code_only(text))
        accept = _GRAPH if form and form.group(1).upper() in ("CONSTRUCT", "DESCRIBE") else _RESULTS
        return self._post(inline_bindings(text, terms), self._dataset(), accept, source)

    def select(self, text: str, bindings=None, *, source: str = "<query>", hide=()) -> SelectResult:
        result = self.run(text, bindings, source=source)
        if not isinstance(result, ox.QuerySolutions):
            raise InvalidData([Problem.of("sparql-not-select", file=source)])
        return SelectResult.from_solutions(result, hide, concat_columns(text))


def _repaired(content: bytes) -> bytes:
    """SPARQL JSON results as the local engine would give them: text a store garbled repaired
    (``repair_mojibake``), decimals and booleans in Oxigraph's lexical form (``canonical_value``)."""
    data = json.loads(content)
    for row in (data.get("results") or {}).get("bindings") or []:
        for term in row.values():
            if term.get("type") in ("literal", "typed-literal") and isinstance(term.get("value"), str):
                term["value"] = canonical_value(repair_mojibake(term["value"]), term.get("datatype"))
    return json.dumps(data).encode("utf-8")


def first_line(text: str) -> str:
    lines = [line.strip() for line in re.sub(r"<[^>]+>", " ", text or "").splitlines() if line.strip()]
    return " ".join(lines)[:300] or "-"
