"""kg push and --endpoint against real triple stores started by the tests: an Oxigraph server and
Virtuoso Open Source 7. For each: push, push again (nothing changes), the catalog's rows equal to
the local engine's, the analytics equal, a view drawn; and what a changed or deleted file does."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from kg.build import build
from kg.load.dataset import Project
from kg.query.catalog import bind, load_catalog
from kg.query.engine import Engine
from kg.remote.sparql import RemoteEngine
from tests.stores import (
    VIRTUOSO,
    VIRTUOSO_PASSWORD,
    VIRTUOSO_USER,
    oxigraph_server,
    virtuoso,
)

MERGE = "https://w3id.org/swf-kg/merged"   # where Virtuoso, which has no default graph, keeps the merge


def kg(*args, project: Path):
    return subprocess.run([sys.executable, "-m", "kg", *args, "--project", str(project)], capture_output=True,
                          text=True, timeout=600)


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as base:
        yield {"store": base + "/store", "query": base + "/query", "push": [], "endpoint": []}


@pytest.fixture(scope="module")
def virtuoso_store(tmp_path_factory):
    if VIRTUOSO is None:
        pytest.fail("virtuoso-t is not installed: .ci/run installs Debian's virtuoso-opensource")
    with virtuoso(tmp_path_factory.mktemp("virtuoso")) as base:
        yield {"store": base + "/sparql-graph-crud-auth", "query": base + "/sparql",
               "push": ["--user", VIRTUOSO_USER, "--password", VIRTUOSO_PASSWORD, "--default-graph", MERGE],
               "endpoint": ["--default-graph", MERGE]}


@pytest.fixture(params=["oxigraph", "virtuoso"])
def store(request):
    return request.param, request.getfixturevalue("oxigraph" if request.param == "oxigraph" else "virtuoso_store")


def graphs_in(nquads: Path) -> set[str]:
    return {q.graph_name.value for q in Engine.from_file(nquads).store.quads_for_pattern(None, None, None)
            if hasattr(q.graph_name, "value") and q.graph_name.value.startswith("https://w3id.org/swf-kg/graph/")}


def pushed(store_info, project, *extra):
    result = kg("push", "--graph-store", store_info["store"], *store_info["push"], *extra, "--lang", "en",
                project=project)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_push_twice_changes_nothing_and_the_catalog_agrees(store, built_project):
    name, info = store
    graphs = len(graphs_in(built_project / "dist" / "swf-kg.nq"))
    assert pushed(info, built_project) == (f"Pushed: {graphs} new, 0 changed, 0 removed, 0 unchanged; "
                                           "merge in the default graph: new.")   # the first test on this store
    assert pushed(info, built_project) == (f"Pushed: 0 new, 0 changed, 0 removed, {graphs} unchanged; "
                                           "merge in the default graph: unchanged.")
    assert pushed(info, built_project, "--dry-run") == (f"Would push (--dry-run): 0 new, 0 changed, 0 removed, "
                                                        f"{graphs} unchanged; merge in the default graph: unchanged.")

    local = Engine.from_file(built_project / "dist" / "swf-kg.nq")
    remote = RemoteEngine(info["query"], default_graph=MERGE if name == "virtuoso" else None)
    catalog = load_catalog(built_project / "queries")
    compared = 0
    for query in catalog.values():
        for lang in ("de", "en") if "lang" in query.params else ("de",):
            bindings = bind(query, {"lang": lang} if "lang" in query.params else {})
            mine = local.select(query.text, bindings, hide=query.params)
            theirs = remote.select(query.text, bindings, hide=query.params)
            assert theirs.columns == mine.columns, query.name
            if name == "oxigraph":   # the same engine: the same rows in the same order
                assert theirs.values() == mine.values(), f"{query.name} ({lang})"
            else:                    # Virtuoso orders text by its own collation; the rows are the same
                assert Counter(theirs.values()) == Counter(mine.values()), f"{query.name} ({lang})"
            compared += 1
    assert compared >= len(catalog)


def test_analytics_and_a_view_from_the_store_equal_the_local_ones(store, built_project, tmp_path):
    name, info = store
    pushed(info, built_project)
    endpoint = ["--endpoint", info["query"], *info["endpoint"]]
    for what in (["centrality", "--top", "10"], ["communities"], ["engagement", "--by", "district"],
                 ["path", "--from", "person/marie-ting", "--to", "person/saskia-haardt-cerff"]):
        local = kg("analyze", *what, "--format", "csv", project=built_project)
        remote = kg("analyze", *what, "--format", "csv", *endpoint, project=built_project)
        assert local.returncode == remote.returncode == 0, remote.stderr
        assert remote.stdout == local.stdout, what
    drawn = kg("viz", "--focus", "person/marie-ting", "--out", str(tmp_path / "views"), *endpoint, "--lang", "en",
               project=built_project)
    assert drawn.returncode == 0, drawn.stderr
    local = kg("viz", "--focus", "person/marie-ting", "--out", str(tmp_path / "local"), "--lang", "en",
               project=built_project)
    page = (tmp_path / "views" / "focus-marie-ting.html").read_text(encoding="utf-8")
    assert "Marie Ting" in page
    if name == "oxigraph":
        assert page == (tmp_path / "local" / "focus-marie-ting.html").read_text(encoding="utf-8")
    query = kg("query", "people-at-several-editions", "--format", "csv", *endpoint, project=built_project)
    assert query.stdout == kg("query", "people-at-several-editions", "--format", "csv", project=built_project).stdout


def test_a_changed_and_a_deleted_file_are_pushed_as_such(oxigraph, tmp_path):
    """A store of its own (a fresh Oxigraph server), a project that changes between two pushes."""
    root = tmp_path / "project"
    for folder in ("ontology", "data", "queries"):
        shutil.copytree(Path(__file__).resolve().parents[1] / folder, root / folder)
    build(Project(root), root / "dist")
    with oxigraph_server(tmp_path) as base:
        info = {"store": base + "/store", "push": []}
        graphs = len(graphs_in(root / "dist" / "swf-kg.nq"))
        assert pushed(info, root) == f"Pushed: {graphs} new, 0 changed, 0 removed, 0 unchanged; " \
                                     "merge in the default graph: new."
        event = root / "data" / "events" / "rt-21-altena.yaml"
        event.write_text(event.read_text(encoding="utf-8").replace("title: ", "title: Geändert – ", 1), encoding="utf-8")
        (root / "data" / "events" / "smart-cities-konferenz-2021.yaml").unlink()
        build(Project(root), root / "dist")
        plan = kg("push", "--graph-store", info["store"], "--dry-run", "--lang", "en", project=root)
        assert plan.returncode == 0, plan.stderr
        assert plan.stdout.splitlines() == [
            "   changed  https://w3id.org/swf-kg/graph/events/rt-21-altena",
            "   removed  https://w3id.org/swf-kg/graph/events/smart-cities-konferenz-2021",
            f"Would push (--dry-run): 0 new, 1 changed, 1 removed, {graphs - 2} unchanged; "
            "merge in the default graph: changed."]
        assert pushed(info, root) == (f"Pushed: 0 new, 1 changed, 1 removed, {graphs - 2} unchanged; "
                                      "merge in the default graph: changed.")
        remote = RemoteEngine(base + "/query")
        left = remote.select("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g").values()
        assert {g for (g,) in left} == graphs_in(root / "dist" / "swf-kg.nq")
        assert pushed(info, root).startswith("Pushed: 0 new, 0 changed, 0 removed, ")


def test_virtuoso_without_credentials_or_default_graph_is_refused_clearly(virtuoso_store, built_project):
    result = kg("push", "--graph-store", virtuoso_store["store"], "--lang", "en", project=built_project)
    assert result.returncode == 1
    assert result.stderr.startswith(f"{virtuoso_store['store']}: error: The graph store refused GET for the graph default "
                                  "(HTTP 401)")
    assert "give --user and --password" in result.stderr
    result = kg("push", "--graph-store", virtuoso_store["store"], "--user", VIRTUOSO_USER, "--password",
                VIRTUOSO_PASSWORD, "--lang", "en", project=built_project)
    assert result.returncode == 1
    assert result.stderr.startswith(f"{virtuoso_store['store']}: error: The graph store has no default graph (HTTP 500).")
    assert "Put the merge into a named graph with --default-graph" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unreachable_store_is_named_with_a_fix(built_project):
    from tests.stores import free_port
    url = f"http://127.0.0.1:{free_port()}/query"
    result = kg("query", "sources", "--endpoint", url, "--lang", "en", project=built_project)
    assert result.returncode == 2
    assert result.stderr.startswith(f"{url}: error: The SPARQL endpoint cannot be reached: ")
    assert "How to fix: Check the address and that the triple store is running" in result.stderr
    push = kg("push", "--graph-store", url, "--lang", "en", project=built_project)
    assert push.returncode == 2 and "cannot be reached" in push.stderr and "Traceback" not in push.stderr
