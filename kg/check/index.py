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

from kg.iris import BASE, PREFIXES
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


_LABEL = PREFIXES["rdfs"] + "label"
_ALIASES = (PREFIXES["schema"] + "alternateName", PREFIXES["swf"] + "officialKey")
_SOURCE_FILE = PREFIXES["swf"] + "sourceFile"
_TYPE = PREFIXES["rdf"] + "type"


def registry_from_store(store: ox.Store, graphs: list[str] | None = None) -> Registry:
    """Keys and labels of the things typed in the named ``graphs`` (all, when None) of a published
    graph, for things no declaration at hand names (see ``_registry_of_build``). Their labels and
    aliases are read from every named graph."""
    from rdflib import URIRef
    prefix = BASE + "id/"

    def named(subject, predicate: str, graph=None):
        for quad in store.quads_for_pattern(subject, ox.NamedNode(predicate), None, graph):
            if isinstance(quad.graph_name, ox.NamedNode) and isinstance(quad.subject, ox.NamedNode):
                yield quad

    typed_in: dict[str, set[str]] = {}  # thing -> the graphs that type it
    for graph in [None] if graphs is None else [ox.NamedNode(g) for g in graphs]:
        for quad in named(None, _TYPE, graph):
            if quad.subject.value.startswith(prefix):
                typed_in.setdefault(quad.subject.value, set()).add(quad.graph_name.value)
    if graphs is not None:  # the things of those graphs are typed in other graphs too
        for iri in list(typed_in):
            typed_in[iri] |= {quad.graph_name.value for quad in named(ox.NamedNode(iri), _TYPE)}
    labels: dict[str, set[str]] = {}
    aliases: dict[str, set[str]] = {}
    for iri in typed_in:
        node = ox.NamedNode(iri)
        labels[iri] = {quad.object.value for quad in named(node, _LABEL)
                       if getattr(quad.object, "language", None) in (None, "de")}
        aliases[iri] = {quad.object.value for predicate in _ALIASES for quad in named(node, predicate)}
    source_files = {}
    for graph in sorted({g for found in typed_in.values() for g in found}):
        for quad in named(ox.NamedNode(graph), _SOURCE_FILE, ox.NamedNode(graph)):
            source_files[graph] = quad.object.value
    registry = Registry()
    for iri in sorted(typed_in):
        parts = iri[len(prefix):].split("/")
        if len(parts) != 2 or parts[0] not in _SEGMENT_KIND:
            continue
        label = min(labels[iri], default=parts[1])
        files = sorted(source_files[g] for g in typed_in[iri] if g in source_files)
        short = re.sub(r"\s*\(.*\)$", "", label)
        found = aliases.get(iri, set()) | {short}
        if parts[0] == "municipal-body":  # "Stadt Altena" is also "Altena", like the reference-data loader says
            found |= {short.split(" ", 1)[-1]}
        registry.add(Entry(_SEGMENT_KIND[parts[0]], parts[1], URIRef(iri), label, files[0] if files else None,
                           None, found))
    return registry


def _registry_of_build(store: ox.Store, project_root: Path, nquads: Path) -> Registry:
    """The registry the build of ``nquads`` had, when it is not at hand (the index was removed, or
    a query made the store): the declarations of the reference data and of the files of data/ that
    are still as the build saw them (the input hashes in summary.json) – with their keys, lines and
    aliases, which the published graph does not hold –, read through the build's cache of parsed
    files where it has them; then, from the published graph, the things of files changed since."""
    from kg.load.dataset import Project, declare_files, file_hash
    from kg.load.filecache import FileCache
    from kg.load.parse import graph_name_for
    from kg.stores import build_cache
    try:
        built = json.loads((nquads.parent / "summary.json").read_text(encoding="utf-8")).get("inputs")
    except (OSError, ValueError, AttributeError):
        built = None
    built = built if isinstance(built, dict) else {}
    project = Project(project_root)
    unchanged = [shown for shown, digest in sorted(built.items())
                 if (project.root / shown).is_file() and file_hash(project.root / shown) == digest]
    registry = declare_files(project, [project.root / shown for shown in unchanged],
                             FileCache(build_cache(project.root)))
    declared = registry.by_iri()
    changed = [str(graph_name_for(shown)) for shown in sorted(set(built) - set(unchanged))]
    published = registry_from_store(store, changed if built else None)
    for kind in KIND_NAMES:
        for entry in published.entries(kind):
            if entry.iri not in declared:
                registry.add(entry)
    return registry


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
        found = registry if registry is not None else _registry_of_build(store, project_root, nquads)
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
            return Index(index.store, index.registry.copy(), folder, index.derived)
        try:
            store = ox.Store.read_only(str(folder / "store"))
            rows = json.loads((folder / "registry.json").read_text(encoding="utf-8"))
            _OPEN.clear()
            _OPEN[str(folder)] = Index(store, registry_from_json(rows), folder)
            return Index(store, _OPEN[str(folder)].registry.copy(), folder, _OPEN[str(folder)].derived)
        except (OSError, ValueError, TypeError, KeyError) as exc:
            if attempt == 2:
                raise
            _log.info("note", extra={"code": "cache-repaired", "params": {
                "folder": f"{folder.parent.name}/{folder.name}", "reason": type(exc).__name__}})
            with FileLock(str(folder.parent / ".lock")):
                discard(folder)
    raise AssertionError("unreachable")
