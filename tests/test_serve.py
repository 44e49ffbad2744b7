"""kg serve as its users meet it: a real server process on a built project, asked over HTTP.

The site and Linked Data at the entities' IRIs, the SPARQL 1.1 Protocol (methods, formats, the
merge as default graph), the catalog through the query page's endpoint giving the published files
byte for byte, limits (time, result size, query size) and hostile requests: every answer a clear
status and message, no traceback, and the server keeps answering."""

from __future__ import annotations

import csv
import http.client
import io
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from kg.query.catalog import load_catalog
from kg.query.engine import Engine
from tests.stores import start_server, stop

BASE_IRI = "https://w3id.org/swf-kg/"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def server(built_project):
    process, base, log = start_server(built_project, "--timeout", "3", "--workers", "2", "--lang", "en")
    yield base
    stop(process)
    assert process.returncode == 0, log.read_text()
    assert "Traceback" not in log.read_text()
    assert not list((built_project / ".kg-cache" / "serve").glob("*-*")), "the server's copy of the store is left"


@pytest.fixture(scope="module")
def small_server(built_project):
    process, base, log = start_server(built_project, "--timeout", "3", "--workers", "2", "--cors",
                                      "--max-result-mb", "0.05")
    yield base
    stop(process)
    assert "Traceback" not in log.read_text()


@pytest.fixture(scope="module")
def local(built_project):
    return Engine.from_file(built_project / "dist" / "swf-kg.nq")


def get(url, **kwargs):
    return httpx.get(url, timeout=60, **kwargs)


# -- the site and Linked Data ------------------------------------------------------------------

def test_the_site_is_served_as_built(server, built_project):
    for path, file in (("/", "index.html"), ("/network.html", "network.html"), ("/en/", "en/index.html"),
                       ("/id/person/marie-ting.html", "id/person/marie-ting.html")):
        response = get(server + path)
        assert response.status_code == 200, path
        assert response.content == (built_project / "dist" / file).read_bytes(), path


def test_an_entity_iri_answers_html_turtle_and_json_ld(server, built_project, local):
    iri = BASE_IRI + "id/person/marie-ting"
    page = get(server + "/id/person/marie-ting", headers={"Accept": "text/html"})
    assert page.status_code == 200 and page.headers["vary"] == "Accept, Accept-Language"
    assert page.content == (built_project / "dist" / "id/person/marie-ting.html").read_bytes()
    english = get(server + "/id/person/marie-ting", headers={"Accept": "text/html", "Accept-Language": "en-GB,en"})
    assert english.content == (built_project / "dist" / "en/id/person/marie-ting.html").read_bytes()

    turtle = get(server + "/id/person/marie-ting", headers={"Accept": "text/turtle"})
    assert turtle.headers["content-type"] == "text/turtle; charset=utf-8"
    triples = {q.triple for q in ox.parse(turtle.content, format=ox.RdfFormat.TURTLE)}
    statements = {q.triple for q in local.store.quads_for_pattern(ox.NamedNode(iri), None, None)
                  if not isinstance(q.graph_name, ox.DefaultGraph)}
    assert statements and statements <= triples   # every statement about her
    sources = {t.object for t in statements if t.predicate.value == "http://www.w3.org/ns/prov#wasDerivedFrom"}
    assert sources and all(any(t.subject == s and t.predicate.value == "https://schema.org/url" for t in triples)
                           for s in sources)     # with the sources they come from, and where those are

    quads = get(server + "/id/person/marie-ting", headers={"Accept": "application/n-quads"})
    graphs = {q.graph_name.value for q in ox.parse(quads.content, format=ox.RdfFormat.N_QUADS)}
    assert graphs and all(g.startswith(BASE_IRI + "graph/") for g in graphs)   # each statement in its file's graph

    jsonld = get(server + "/id/person/marie-ting", headers={"Accept": "application/ld+json"})
    assert jsonld.headers["content-type"] == "application/ld+json; charset=utf-8"
    assert {q.triple for q in ox.parse(jsonld.content, format=ox.RdfFormat.JSON_LD)} >= statements


def test_the_ontology_answers_at_its_iri(server, built_project):
    assert get(server + "/ontology").content == (built_project / "dist" / "ontology.html").read_bytes()
    turtle = get(server + "/ontology", headers={"Accept": "text/turtle"})
    classes = {t.subject.value for t in ox.parse(turtle.content, format=ox.RdfFormat.TURTLE)
               if t.object.value == "http://www.w3.org/2002/07/owl#Class"}
    assert BASE_IRI + "ontology#Person" in classes or BASE_IRI + "ontology#RoundTableEdition" in classes


@pytest.mark.parametrize("path, accept", [("/id/person/nobody-at-all", "text/turtle"),
                                          ("/id/person/nobody-at-all", "text/html"),
                                          ("/nothing/here.html", "text/html")])
def test_what_does_not_exist_is_a_404_with_a_message(server, path, accept):
    response = get(server + path, headers={"Accept": accept, "Accept-Language": "en"})
    assert response.status_code == 404
    assert response.text == (f"<graph>: error: There is nothing at {path}.\n"
                             "    How to fix: The home page / leads to every page; ask queries at /query.\n")


# -- the SPARQL 1.1 Protocol -------------------------------------------------------------------

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def test_the_protocol_in_every_form_and_format(server, local):
    merged = local.select(COUNT).values()[0][0]   # the default graph is the merge: each triple once
    for response in (get(server + "/sparql", params={"query": COUNT}),
                     httpx.post(server + "/sparql", data={"query": COUNT}),
                     httpx.post(server + "/sparql", content=COUNT.encode(),
                                headers={"Content-Type": "application/sparql-query"})):
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/sparql-results+json; charset=utf-8"
        assert response.json()["results"]["bindings"][0]["n"]["value"] == merged
    query = "SELECT ?s ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } ORDER BY ?s ?l LIMIT 50"
    expected = local.select(query).values()
    for accept, fmt in (("application/sparql-results+json", ox.QueryResultsFormat.JSON),
                        ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
                        ("text/csv", ox.QueryResultsFormat.CSV),
                        ("text/tab-separated-values", ox.QueryResultsFormat.TSV)):
        response = get(server + "/sparql", params={"query": query}, headers={"Accept": accept})
        assert response.headers["content-type"].startswith(accept)
        if fmt == ox.QueryResultsFormat.CSV:   # lossy by design: values only
            rows = [tuple(row) for row in csv.reader(io.StringIO(response.text))][1:]
        else:
            rows = [tuple(None if s[v] is None else s[v].value for v in ("s", "l"))
                    for s in ox.parse_query_results(response.content, format=fmt)]
        assert rows == expected, accept
    construct = "CONSTRUCT { ?s a ?c } WHERE { ?s a ?c } "
    for accept, fmt in (("text/turtle", ox.RdfFormat.TURTLE), ("application/n-triples", ox.RdfFormat.N_TRIPLES)):
        response = get(server + "/sparql", params={"query": construct}, headers={"Accept": accept})
        assert {q.triple for q in ox.parse(response.content, format=fmt)} == set(local.run(construct)), accept
    ask = get(server + "/sparql", params={"query": "ASK { ?s ?p ?o }", "format": "xml"})
    assert b"<boolean>true</boolean>" in ask.content


def test_every_catalog_query_gives_the_published_files(server, built_project):
    """The query page's endpoint binds parameters as the catalog declares them and writes results as
    kg build does: each catalog query's CSV and JSON equal the published ones byte for byte."""
    catalog = load_catalog(built_project / "queries")
    checked = 0
    for folder, lang in (("", "de"), ("en/", "en")):
        for name, query in catalog.items():
            published = built_project / "dist" / folder / "queries" / f"{name}.csv"
            if not published.exists():
                continue
            for fmt in ("csv", "json"):
                response = get(server + "/query/run", params={"name": name, "format": fmt, "lang": lang})
                assert response.status_code == 200, (name, response.text)
                assert response.content == published.with_suffix(f".{fmt}").read_bytes(), (name, lang, fmt)
            checked += 1
    assert checked > len(catalog)


def test_a_bound_parameter_is_a_value_never_query_text(server):
    hostile = '" } } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o '
    response = get(server + "/query/run", params={"name": "initiatives-of-organisation", "organisation": hostile,
                                                 "lang": "en"})
    assert response.status_code == 400
    assert response.text.startswith(f"queries/initiatives-of-organisation.rq: error: „{hostile}“ does not fit the "
                                    "parameter „organisation“ (type iri).")
    adhoc = get(server + "/query/run", params={"query": "SELECT ?x ?y WHERE { BIND(CONCAT(?x, \"!\") AS ?y) }",
                                               "x": hostile, "format": "csv"})
    assert adhoc.status_code == 200, adhoc.text
    assert list(csv.reader(io.StringIO(adhoc.text))) == [["y"], [hostile + "!"]]


@pytest.mark.parametrize("request_args, status, start", [
    ({"params": {"update": "DROP ALL"}}, 403, "<graph>: error: This endpoint is read-only; SPARQL Update is not run."),
    ({"method": "POST", "content": b"DROP ALL", "headers": {"Content-Type": "application/sparql-update"}}, 403,
     "<graph>: error: This endpoint is read-only; SPARQL Update is not run."),
    ({"params": {"query": "DROP ALL"}}, 400, "query:1:9: error: The SPARQL query is broken: "),
    ({"params": {"query": "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"}}, 400,
     "query:1: error: The query calls a network service with SERVICE; that is not run."),
    ({"params": {"query": "SELECT * WHERE { ?s ?p }"}}, 400, "query:1:25: error: The SPARQL query is broken: "),
    ({"params": {"query": COUNT}, "headers": {"Accept": "image/png"}}, 406,
     "<graph>: error: There is no format the client accepts for this result (table/graph)."),
    ({"params": {"query": COUNT, "default-graph-uri": "http://example.org/g"}}, 400,
     "<graph>: error: This endpoint does not take default-graph-uri or named-graph-uri."),
    ({"params": {}}, 400, "<graph>: error: The request holds no query."),
    ({"method": "POST", "data": {"query": "SELECT * WHERE { ?s ?p ?o } #" + "x" * 200_000}}, 413,
     "<graph>: error: The query is longer than 100000 characters."),
    ({"method": "POST", "content": b"query=" + b"x" * 2_000_000,
      "headers": {"Content-Type": "application/x-www-form-urlencoded"}}, 413,
     "<graph>: error: The query is longer than 1000000 characters."),
    ({"method": "PUT", "content": b"x"}, 405, "<graph>: error: The request was refused (HTTP 405)"),
])
def test_bad_requests_get_a_status_and_a_message(server, request_args, status, start):
    args = dict(request_args)
    method = args.pop("method", "GET")
    response = httpx.request(method, server + "/sparql", timeout=60, headers={"Accept-Language": "en",
                                                                               **args.pop("headers", {})}, **args)
    assert response.status_code == status, response.text
    assert response.text.startswith(start), response.text
    assert "Traceback" not in response.text
    assert get(server + "/sparql", params={"query": "ASK {}"}).status_code == 200   # still serving


def test_service_is_refused_with_its_line(server):
    response = get(server + "/sparql", params={"query": "SELECT * WHERE {\n  SERVICE <http://example.org/> { ?s ?p ?o }\n}"},
                   headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert response.text.startswith("query:2: error: The query calls a network service with SERVICE; that is not run.")


def raw_get(base: str, path: str) -> tuple[int, bytes]:
    """A request line sent as it is (httpx would normalise ``..`` away)."""
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    connection.putrequest("GET", path, skip_accept_encoding=True)
    connection.endheaders()
    response = connection.getresponse()
    return response.status, response.read()


@pytest.mark.parametrize("path", ["/../pyproject.toml", "/id/../../ontology/swf-kg.ttl", "/%2e%2e/%2e%2e/etc/passwd",
                                  "/en/../../data/events/rt-21-altena.yaml", "/id/person/" + "a" * 20_000])
def test_paths_outside_the_site_are_not_served(server, path):
    status, body = raw_get(server, path)
    assert status in (400, 404, 414, 431), (path, status)
    assert body.startswith(b"<graph>: Fehler: Unter ") or status != 404
    assert b"Traceback" not in body and b"[project]" not in body and b"sources:" not in body
    assert get(server + "/").status_code == 200


# -- limits ----------------------------------------------------------------------------------

def server_processes(base: str) -> list[int]:
    """The server and its query workers (by their command lines)."""
    port = base.rsplit(":", 1)[1]
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
            except OSError:
                continue
            if b"kg serve" in command and port.encode() in command or b"multiprocessing" in command:
                found.append(int(entry.name))
    return found


def cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except OSError:
            pass
    return total / os.sysconf("SC_CLK_TCK")


def test_a_runaway_query_is_stopped_and_the_server_keeps_answering(server):
    started = time.monotonic()
    response = get(server + "/sparql", params={"query": RUNAWAY}, headers={"Accept-Language": "en"})
    assert response.status_code == 503
    assert response.text == ("<graph>: error: The query ran longer than 3 s and was stopped.\n    How to fix: Narrow "
                             "the query (LIMIT, more specific patterns); the limit is set by whoever starts the server "
                             "(kg serve --timeout).\n")
    assert 3 <= time.monotonic() - started < 10
    time.sleep(1)   # the replacement worker starts
    before = cpu_seconds(server_processes(server))
    time.sleep(2)
    assert cpu_seconds(server_processes(server)) - before < 0.5   # nothing is still computing it
    assert get(server + "/sparql", params={"query": "ASK {}"}).json() == {"head": {}, "boolean": True}


def test_many_runaway_queries_at_once_leave_the_server_serving(server):
    answers = []

    def runaway():
        answers.append(httpx.get(server + "/sparql", params={"query": RUNAWAY}, timeout=120).status_code)

    threads = [threading.Thread(target=runaway) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [503] * 6
    time.sleep(2)
    response = get(server + "/query/run", params={"name": "sources", "format": "csv"})
    assert response.status_code == 200 and response.text.startswith("source,url,title,publisher,published,files")


def test_a_result_too_large_is_refused_and_cors_is_an_option(small_server, server):
    response = get(small_server + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"},
                   headers={"Accept-Language": "en"})
    assert response.status_code == 507
    assert response.text.startswith("<graph>: error: The result is larger than 0.05 MB and is not sent.")
    origin = {"Origin": "https://example.org"}
    assert get(small_server + "/sparql", params={"query": "ASK {}"}, headers=origin) \
        .headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-origin" not in get(server + "/sparql", params={"query": "ASK {}"}, headers=origin).headers


def test_concurrent_clients_all_get_their_answers(server, local):
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s a ?c }"
    expected = local.select(query).values()[0][0]
    results = []

    def client():
        with httpx.Client(timeout=60) as session:
            for _ in range(10):
                results.append(session.get(server + "/sparql", params={"query": query}).json()
                               ["results"]["bindings"][0]["n"]["value"])

    threads = [threading.Thread(target=client) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [expected] * 80


def test_serve_refuses_clearly_without_a_build_or_with_a_busy_port(project_copy, server, built_project):
    result = subprocess.run([sys.executable, "-m", "kg", "serve", "--project", str(project_copy), "--lang", "en"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.startswith("<graph>: error: There is no site to serve yet (")
    port = server.rsplit(":", 1)[1]
    result = subprocess.run([sys.executable, "-m", "kg", "serve", "--project", str(built_project), "--port", port,
                             "--lang", "en"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr == (f"<graph>: error: The address 127.0.0.1:{port} is already in use.\n    How to fix: "
                             "Choose another port with --port or stop the program using it.\n")


def test_the_query_page_is_served_in_both_languages(server):
    german = get(server + "/query")
    assert german.status_code == 200 and "<h1>SPARQL-Abfrage</h1>" in german.text
    english = get(server + "/query", headers={"Accept-Language": "en"})
    assert "<h1>SPARQL query</h1>" in english.text
    data = json.loads(german.text.split('<script type="application/json" id="query-data">')[1].split("</script>")[0])
    assert "people-at-several-editions" in {e["name"] for e in data["examples"]}
    assert get(server + "/sparql", headers={"Accept": "text/html"}, follow_redirects=False).headers["location"] == "/query"
