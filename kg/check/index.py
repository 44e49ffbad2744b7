"""The validation index: the published graph in a persistent Oxigraph store, plus the registry of
known keys and names, so that validating one contribution needs neither re-parsing nor
re-validating the whole graph.

It lives in ``.kg-cache/`` (not in dist/: a RocksDB store is not byte-reproducible) and is keyed by
the hash of the published ``dist/swf-kg.nq``; ``kg build`` writes it, and ``kg validate`` rebuilds
it when the published graph has changed.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from filelock import FileLock

from kg.load.registry import KIND_NAMES, Entry, Registry
from kg.outputs import write_atomic
from kg.stores import discard, usable, write_store

__all__ = ["Index", "write_index", "open_index", "registry_to_json", "registry_from_json",
           "registry_from_store"]

_log = logging.getLogger("kg")


def registry_to_json(registry: Registry) -> list:
    return [[e.kind, e.key, str(e.iri), e.label, e.file, e.line, sorted(e.aliases), e.column]
            for kind in KIND_NAMES for e in registry.entries(kind)]


def registry_from_json(rows: list) -> Registry:
    from rdflib import URIRef
    registry = Registry()
    for kind, key, iri, label, file, line, aliases, column in rows:
        registry.add(Entry(kind, key, URIRef(iri), label, file, line, set(aliases), column))
    return registry


_SEGMENT_KIND = {"person": "person", "organisation": "organisation", "venue": "venue", "event": "event",
                 "initiative": "initiative", "event-series": "series", "source": "source", "topic": "topic",
                 "role": "role", "municipal-body": "organisation", "district-body": "organisation",
                 "municipality": "municipality", "district": "district"}


def registry_from_store(store: ox.Store) -> Registry:
    """Keys and labels of every typed thing in a published graph (used when no registry was saved)."""
    from rdflib import URIRef

    from kg.namespaces import BASE
    registry = Registry()
    query = """SELECT ?s (SAMPLE(?l) AS ?label) (SAMPLE(?f) AS ?file)
        (GROUP_CONCAT(DISTINCT ?alias; separator="\u001f") AS ?aliases) WHERE {
      GRAPH ?g { ?s a ?t }
      OPTIONAL { GRAPH ?g1 { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } FILTER(LANG(?l) IN ("", "de")) }
      OPTIONAL { GRAPH ?g2 { ?s <https://schema.org/alternateName>|<https://w3id.org/swf-kg/ontology#officialKey> ?a } BIND(STR(?a) AS ?alias) }
      OPTIONAL { GRAPH ?g { ?g <https://w3id.org/swf-kg/ontology#sourceFile> ?f } } } GROUP BY ?s"""
    for solution in store.query(query):
        iri = solution["s"].value
        if not iri.startswith(BASE + "id/"):
            continue
        parts = iri[len(BASE + "id/"):].split("/")
        if len(parts) != 2 or parts[0] not in _SEGMENT_KIND:
            continue
        label = solution["label"].value if solution["label"] is not None else parts[1]
        file = solution["file"].value if solution["file"] is not None else None
        aliases = set(solution["aliases"].value.split("\u001f")) - {""} if solution["aliases"] is not None else set()
        short = re.sub(r"\s*\(.*\)$", "", label)
        aliases |= {short}
        if parts[0] == "municipal-body":  # "Stadt Altena" is also "Altena", like the reference-data loader says
            aliases |= {short.split(" ", 1)[-1]}
        registry.add(Entry(_SEGMENT_KIND[parts[0]], parts[1], URIRef(iri), label, file, None, aliases))
    return registry


def _add_locations(registry: Registry, project_root: Path, nquads: Path) -> None:
    """Lines and columns of declarations, which the published graph does not hold: read from the
    files of data/ that are still as the build saw them (the input hashes in summary.json)."""
    from kg.load.dataset import Project, file_hash, read_contributions
    from kg.load.declare import declare
    from kg.load.turtle import register_turtle
    try:
        built = json.loads((nquads.parent / "summary.json").read_text(encoding="utf-8")).get("inputs") or {}
    except (OSError, ValueError):
        return
    project = Project(project_root)
    unchanged = [project.root / shown for shown, digest in sorted(built.items())
                 if (project.root / shown).is_file() and file_hash(project.root / shown) == digest]
    located = Registry()
    parsed, turtle, _unreadable = read_contributions(project, unchanged)
    declare(parsed, located)
    for ttl in turtle:
        register_turtle(ttl.graph, ttl.path, ttl.lines, located)
    for kind in KIND_NAMES:
        for entry in registry.entries(kind):
            found = located.get(kind, entry.key)
            if found is not None and found.file == entry.file:
                entry.line, entry.column = found.line, found.column


@dataclass
class Index:
    """An open index: the published graph's store, its registry, and what is derived from them
    once (an index folder never changes once complete, so an open one can be reused)."""

    store: ox.Store
    registry: Registry
    path: Path
    derived: dict = field(default_factory=dict)

    def ontology(self, read):
        if "ontology" not in self.derived:
            self.derived["ontology"] = read(self.store)
        return self.derived["ontology"]


_OPEN: dict[str, Index] = {}


def write_index(project_root: Path, nquads: Path, registry: Registry | None, source: ox.Store | None = None) -> Path:
    """Build the index for ``nquads`` unless it exists (the published graph's store, see
    ``kg.stores``, plus the registry of keys); returns its folder. ``kg build`` gives its
    ``registry`` and the ``source`` store it has in memory; without them they are read back from
    the published graph."""

    def add_registry(folder: Path, store: ox.Store) -> None:
        found = registry if registry is not None else registry_from_store(store)
        if registry is None:
            _add_locations(found, project_root, nquads)
        write_atomic(folder / "registry.json", json.dumps(registry_to_json(found), ensure_ascii=False))

    folder = write_store(nquads, source, add_registry)
    if not (folder / "registry.json").is_file():  # a store made for queries (kg.stores.open_store) has none yet
        with FileLock(str(folder.parent / ".lock")):
            if not (folder / "registry.json").is_file():
                add_registry(folder, ox.Store.read_only(str(folder / "store")))
    return folder


def open_index(project_root: Path, nquads: Path) -> Index:
    """The index of the published graph, built first if it is missing or out of date, and built
    again (with a note on the ``kg`` logger) if it is damaged."""
    for attempt in (1, 2):
        folder = write_index(project_root, nquads, None)
        if str(folder) in _OPEN and usable(folder):
            index = _OPEN[str(folder)]
            return Index(index.store, registry_from_json(registry_to_json(index.registry)), folder, index.derived)
        try:
            store = ox.Store.read_only(str(folder / "store"))
            rows = json.loads((folder / "registry.json").read_text(encoding="utf-8"))
            _OPEN.clear()
            _OPEN[str(folder)] = Index(store, registry_from_json(rows), folder)
            return Index(store, registry_from_json(rows), folder, _OPEN[str(folder)].derived)
        except (OSError, ValueError, TypeError, KeyError) as exc:
            if attempt == 2:
                raise
            _log.info("note", extra={"code": "cache-repaired", "params": {
                "folder": f"{folder.parent.name}/{folder.name}", "reason": type(exc).__name__}})
            with FileLock(str(folder.parent / ".lock")):
                discard(folder)
    raise AssertionError("unreachable")
