"""The validation index: the published graph in a persistent Oxigraph store, plus the registry of
known keys and names, so that validating one contribution needs neither re-parsing nor
re-validating the whole graph.

It lives in ``.kg-cache/`` (not in dist/: a RocksDB store is not byte-reproducible) and is keyed by
the hash of the published ``dist/swf-kg.nq``; ``kg build`` writes it, and ``kg validate`` rebuilds
it when the published graph has changed.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.load.registry import KIND_NAMES, Entry, Registry

__all__ = ["Index", "index_dir", "write_index", "open_index", "registry_to_json", "registry_from_json",
           "registry_from_store"]

CACHE = ".kg-cache"


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()[:16]


def index_dir(project_root: Path, nquads: Path) -> Path:
    """Beside the published graph it mirrors: <folder holding dist>/.kg-cache/index-<hash>."""
    return nquads.resolve().parent.parent / CACHE / f"index-{_digest(nquads)}"


def registry_to_json(registry: Registry) -> list:
    return [[e.kind, e.key, str(e.iri), e.label, e.file, e.line, sorted(e.aliases)]
            for kind in KIND_NAMES for e in registry.entries(kind)]


def registry_from_json(rows: list) -> Registry:
    from rdflib import URIRef
    registry = Registry()
    for kind, key, iri, label, file, line, aliases in rows:
        registry.add(Entry(kind, key, URIRef(iri), label, file, line, set(aliases)))
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


@dataclass
class Index:
    store: ox.Store
    registry: Registry
    path: Path


def write_index(project_root: Path, nquads: Path, registry: Registry | None) -> Path:
    """Build the index for ``nquads`` (replacing older ones); returns its folder."""
    target = index_dir(project_root, nquads)
    cache = target.parent
    if target.exists():
        return target
    cache.mkdir(parents=True, exist_ok=True)
    for old in cache.glob("index-*"):
        shutil.rmtree(old, ignore_errors=True)
    building = cache / f".building-{target.name}"
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir(parents=True)
    store = ox.Store(str(building / "store"))
    store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    if registry is None:
        registry = registry_from_store(store)
    store.flush()
    del store
    (building / "registry.json").write_text(json.dumps(registry_to_json(registry), ensure_ascii=False), encoding="utf-8")
    building.rename(target)
    (cache / ".gitignore").write_text("*\n", encoding="utf-8")
    return target


def open_index(project_root: Path, nquads: Path) -> Index:
    """The index of the published graph, built first if it is missing or out of date."""
    folder = write_index(project_root, nquads, None)
    store = ox.Store.read_only(str(folder / "store"))
    registry = registry_from_json(json.loads((folder / "registry.json").read_text(encoding="utf-8")))
    return Index(store, registry, folder)
