"""Assembles the one RDF dataset: the ontology, the reference data and every contribution,
each in its own named graph, with a map from every subject back to its file and line.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef

from kg.errors import InvalidData, UnreadableInput
from kg.load.declare import declare
from kg.load.emit import emit
from kg.load.filecache import FileCache, RecordingRegistry
from kg.load.files import contribution_files, find_contributions, read_text
from kg.load.parse import graph_name_for, parse_contribution
from kg.load.project import Project
from kg.load.refdata import load_refdata
from kg.load.registry import Registry
from kg.load.turtle import describe_graph, parse_turtle, register_turtle
from kg.namespaces import BASE, ONTOLOGY_IRI, PREFIXES, RDF, graph_iri
from kg.problems import ERROR, Problem, sort_problems
from kg.progress import step
from kg.terms import from_ox, to_ox

__all__ = ["Project", "LoadedDataset", "load_dataset", "declare_files", "read_contributions", "contribution_files",
           "ONTOLOGY_GRAPH", "input_hashes", "file_hash"]

ONTOLOGY_GRAPH = graph_iri("ontology")
REFDATA_GRAPHS = str(graph_iri("refdata/"))


@dataclass
class LoadedDataset:
    """The dataset with everything needed to report on it. The graphs live in an in-memory Oxigraph
    store, one named graph per file (no rdflib copy of the whole; ``dataset`` and ``union()`` make
    one on demand, for the Python API)."""

    store: ox.Store
    registry: Registry
    locations: dict[str, tuple[str, int | None]] = field(default_factory=dict)  # subject IRI -> (file, line)
    files: dict[URIRef, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    parsed: list = field(default_factory=list)  # the YAML contributions as read (kg.load.parse.ParsedFile)
    read: list[str] = field(default_factory=list)  # every file of data/ read as a contribution (YAML, Turtle)

    def contribution_graph_names(self) -> list[URIRef]:
        """The named graphs of contribution files (not the ontology, not the reference data)."""
        return [name for name in sorted(self.files)
                if name != ONTOLOGY_GRAPH and not str(name).startswith(REFDATA_GRAPHS)]

    def contribution_files(self) -> list[str]:
        return [self.files[name] for name in self.contribution_graph_names()]

    @property
    def dataset(self) -> Dataset:
        """The named graphs as an rdflib Dataset (built on demand)."""
        dataset = Dataset(default_union=False)
        for prefix, ns in PREFIXES.items():
            dataset.bind(prefix, ns)
        for quad in self.store.quads_for_pattern(None, None, None, None):
            dataset.graph(URIRef(quad.graph_name.value)).add(
                (from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))
        return dataset

    def union(self) -> Graph:
        """All named graphs as one rdflib graph (built on demand)."""
        union = Graph(bind_namespaces="none")
        for prefix, ns in PREFIXES.items():
            union.bind(prefix, ns)
        for quad in self.store.quads_for_pattern(None, None, None, None):
            union.add((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))
        return union


def load_dataset(project: Project, *, raise_on_error: bool = True, cache: FileCache | None = None) -> LoadedDataset:
    """Load ontology, reference data and contributions; raise if any of it is unreadable or wrong.

    ``UnreadableInput`` (exit 2) when a file cannot be read at all, ``InvalidData`` (exit 1) when the
    files read but say something wrong (bad types, unknown references, duplicate keys). With
    ``raise_on_error=False`` such problems are left in ``problems`` so that SHACL can add its own.
    With a ``cache`` (``kg build``), unchanged files are neither parsed nor emitted again.
    """
    registry = Registry()
    loaded = LoadedDataset(ox.Store(), registry)
    unreadable: list[Problem] = []

    try:
        ontology = Graph().parse(data=read_text(project.ontology, project.shown(project.ontology)),
                                 format="turtle", publicID=str(ONTOLOGY_IRI))
        _add_graph(loaded, ONTOLOGY_GRAPH, ontology, project.shown(project.ontology), {})
    except UnreadableInput as exc:
        unreadable += exc.problems
    except Exception as exc:
        unreadable.append(Problem.of("turtle-syntax", file=project.shown(project.ontology), detail=str(exc)[:200]))

    try:
        for g_iri, (graph, lines, shown) in load_refdata(project.data / "refdata", project.shown(project.data / "refdata"),
                                                         registry).items():
            _add_graph(loaded, g_iri, graph, shown, lines)
    except UnreadableInput as exc:
        unreadable += exc.problems

    paths, refused = find_contributions(project.data, project.root)
    unreadable += refused
    if not paths and not refused:
        unreadable.append(Problem.of("no-data", folder=project.shown(project.data)))

    parsed_yaml, turtle, problems = read_contributions(project, paths, cache)
    loaded.parsed = parsed_yaml
    loaded.read = sorted([parsed.path for parsed in parsed_yaml] + [ttl.path for ttl in turtle])
    unreadable += problems
    if unreadable:
        raise UnreadableInput(sort_problems(unreadable))

    problems = [p for parsed in parsed_yaml for p in parsed.problems]
    problems += _declare(parsed_yaml, turtle, registry)
    for parsed in parsed_yaml:
        if parsed.model is None:
            continue
        problems += _emit_file(loaded, parsed, registry, cache)
    for ttl in turtle:
        describe_graph(ttl.graph, ttl.graph_name, ttl.path)
        _add_graph(loaded, ttl.graph_name, ttl.graph, ttl.path, ttl.lines)
    problems += _dangling(loaded)
    loaded.problems = sort_problems(problems)
    if raise_on_error and any(p.severity == ERROR for p in loaded.problems):
        raise InvalidData(loaded.problems)
    return loaded


def _declare(parsed_yaml: list, turtle: list, registry: Registry) -> list[Problem]:
    """Register what the contributions declare, in the order a build does; the problems found."""
    problems = declare(parsed_yaml, registry)
    for ttl in turtle:
        problems += ttl.problems + register_turtle(ttl.graph, ttl.path, ttl.lines, registry)
    return problems


def declare_files(project: Project, paths: list[Path], cache: FileCache | None = None) -> Registry:
    """The registry a build of ``paths`` makes (reference data, then the contributions), without
    emitting a graph: what the validation index needs when the build's own registry is not at hand.
    Files that cannot be read declare nothing."""
    registry = Registry()
    try:
        load_refdata(project.data / "refdata", project.shown(project.data / "refdata"), registry)
    except UnreadableInput:
        pass
    parsed_yaml, turtle, _unreadable = read_contributions(project, paths, cache)
    _declare(parsed_yaml, turtle, registry)
    return registry


def file_hash(path: Path) -> str:
    """The SHA-256 of a file's bytes (what identifies a contribution's version)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def input_hashes(project: Project, shown_paths) -> dict[str, str]:
    """``{shown path: hash}`` of contribution files, as the build records them."""
    return {shown: file_hash(project.root / shown) for shown in sorted(shown_paths)}


def read_contributions(project: Project, paths: list[Path], cache: FileCache | None = None):
    """First pass over contribution files: (parsed YAML files, Turtle files, problems of files that
    cannot be read at all)."""
    parsed_yaml, turtle, unreadable = [], [], []
    with step("read", len(paths)) as bar:
        for path in paths:
            bar.advance()
            _read_one(project, path, cache, parsed_yaml, turtle, unreadable)
    return parsed_yaml, turtle, unreadable


def _read_one(project: Project, path: Path, cache, parsed_yaml: list, turtle: list, unreadable: list) -> None:
    shown = project.shown(path)
    try:
        if path.suffix in (".yaml", ".yml"):
            parsed_yaml.append(parse_contribution(path, shown, cache))
        elif path.suffix == ".ttl":
            turtle.append(parse_turtle(path, shown, graph_name_for(shown)))
        else:
            read_text(path, shown)
            unreadable.append(Problem.of("file-kind-unknown", file=shown, suffix=path.suffix or "(none)"))
    except UnreadableInput as exc:
        unreadable += exc.problems


def _emit_file(loaded: LoadedDataset, parsed, registry: Registry, cache: FileCache | None) -> list[Problem]:
    """Emit one file's graph into the store (or reuse what an earlier build emitted, when every
    reference still resolves the same way); its problems."""
    key = cache.key(parsed.path, parsed.digest) if cache is not None else None
    record = cache.get(key) if cache is not None else None
    if cache is not None:
        cache.files += 1
    emitted = record.get("emit") if record else None
    duplicates = sorted(parsed.duplicates)
    if (emitted is not None and emitted["duplicates"] == duplicates
            and RecordingRegistry.still_holds(emitted["calls"], registry)):
        loaded.store.load(emitted["nquads"], format=ox.RdfFormat.N_QUADS)
        loaded.files[parsed.graph_name] = parsed.path
        for subject, line in emitted["lines"]:
            loaded.locations.setdefault(subject, (parsed.path, line))
        parsed.dropped_iris |= set(emitted["dropped_iris"])
        cache.hits += 1
        return list(emitted["problems"])
    recording = RecordingRegistry(registry)
    graph, problems, lines = emit(parsed, recording)
    quads = _add_graph(loaded, parsed.graph_name, graph, parsed.path, lines)
    if cache is not None and record is not None:
        record["emit"] = {"duplicates": duplicates, "calls": recording.calls, "problems": problems,
                          "nquads": ox.serialize(quads, format=ox.RdfFormat.N_QUADS),
                          "lines": sorted((str(s), line) for s, line in lines.items()),
                          "dropped_iris": sorted(parsed.dropped_iris)}
        cache.put(key, record)
    return problems


def _add_graph(loaded: LoadedDataset, name: URIRef, graph: Graph, shown: str, lines: dict[URIRef, int]) -> list:
    target = ox.NamedNode(str(name))
    quads = [ox.Quad(to_ox(s), to_ox(p), to_ox(o), target) for s, p, o in graph]
    loaded.store.bulk_extend(quads)
    loaded.files[name] = shown
    for subject, line in lines.items():
        loaded.locations.setdefault(str(subject), (shown, line))
    return quads


def _dangling(loaded: LoadedDataset) -> list[Problem]:
    """IRIs under …/id/ that are used but described nowhere (mostly from Turtle contributions)."""
    store = loaded.store
    typed = {q.subject.value for q in store.quads_for_pattern(None, _RDF_TYPE, None, None)
             if isinstance(q.subject, ox.NamedNode)}
    # An entry dropped for a shape error is reported itself; references to it are only echoes.
    dropped = {iri for parsed in loaded.parsed for iri in parsed.dropped_iris}
    prefix = BASE + "id/"
    problems = []
    for quad in store.quads_for_pattern(None, None, None, None):
        o = quad.object
        if (isinstance(o, ox.NamedNode) and o.value.startswith(prefix) and o.value not in typed
                and quad.predicate != _RDF_TYPE and o.value not in dropped):
            shown = loaded.files.get(URIRef(quad.graph_name.value))
            file, line = loaded.locations.get(quad.subject.value, (shown, None))
            problems.append(Problem.of("dangling-iri", file=file, line=line, iri=o.value, focus=quad.subject.value))
    return problems


_RDF_TYPE = ox.NamedNode(str(RDF.type))
