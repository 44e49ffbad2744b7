"""Shared fixtures: the real project, one real build of it, and throw-away copies for bad input."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph

from kg.build import build
from kg.load.dataset import Project

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def project() -> Project:
    return Project(ROOT)


@pytest.fixture(scope="session")
def built(tmp_path_factory, project):
    """One build of the real data, shared by the tests that read the published graph."""
    out = tmp_path_factory.mktemp("dist") / "dist"
    result = build(project, out)
    union = Graph().parse(out / "swf-kg.ttl", format="turtle")
    return result, out, union


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    """The frozen project the message corpora are validated against, built once: (project, N-Quads)."""
    from tests.corpus import build_corpus_project
    return build_corpus_project(tmp_path_factory.mktemp("corpus"))


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A copy of ontology/ and data/ to break on purpose; the real files are never touched."""
    for folder in ("ontology", "data", "queries"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return tmp_path


@pytest.fixture(scope="session")
def engine(built):
    """The real published graph loaded into the query engine."""
    from kg.query.engine import Engine
    _result, out, _union = built
    return Engine.from_nquads(out / "swf-kg.nq")


@pytest.fixture(scope="session")
def catalog():
    from kg.query.catalog import load_catalog
    return load_catalog(ROOT / "queries")


@pytest.fixture(scope="session")
def ask(engine, catalog):
    """Run a catalog query by name with parameters; rows as strings."""
    from kg.query.catalog import bind

    def run(name, **params):
        query = catalog[name]
        return engine.select(query.text, bind(query, params), source=str(query.path), hide=query.params).values()
    return run


@pytest.fixture(scope="session")
def built_project(tmp_path_factory) -> Path:
    """A copy of the project with ``kg build`` done in it (dist/ and the persistent store in
    .kg-cache/), for the commands that work on a project: kg serve, kg push, --endpoint."""
    root = tmp_path_factory.mktemp("served")
    for folder in ("ontology", "data", "queries"):
        shutil.copytree(ROOT / folder, root / folder)
    build(Project(root), root / "dist")
    return root
