"""Assembles the one RDF dataset: the ontology, the reference data and every contribution,
each in its own named graph, with a map from every subject back to its file and line.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph, URIRef

from kg.errors import InvalidData, UnreadableInput
from kg.load.declare import declare
from kg.load.emit import emit
from kg.load.files import contribution_files, find_contributions, read_text
from kg.load.parse import graph_name_for, parse_contribution
from kg.load.refdata import load_refdata
from kg.load.registry import Registry
from kg.load.turtle import describe_graph, parse_turtle, register_turtle
from kg.namespaces import BASE, ONTOLOGY_IRI, PREFIXES, RDF, graph_iri
from kg.problems import ERROR, Problem, sort_problems

__all__ = ["Project", "LoadedDataset", "load_dataset", "read_contributions", "contribution_files", "ONTOLOGY_GRAPH",
           "input_hashes", "file_hash"]

ONTOLOGY_GRAPH = graph_iri("ontology")
REFDATA_GRAPHS = str(graph_iri("refdata/"))


@dataclass(frozen=True)
class Project:
    """Where the inputs are: the project folder with ontology/ and data/."""

    root: Path

    @property
    def ontology(self) -> Path:
        return self.root / "ontology" / "swf-kg.ttl"

    @property
    def shapes(self) -> Path:
        return self.root / "ontology" / "shapes.ttl"

    @property
    def data(self) -> Path:
        return self.root / "data"

    def shown(self, path: Path) -> str:
        """A path as people see it in messages: relative to the project where possible (a link
        keeps its own name; it is not resolved to its target)."""
        absolute, root = os.path.abspath(path), os.path.abspath(self.root)
        if absolute.startswith(root.rstrip(os.sep) + os.sep):
            return Path(os.path.relpath(absolute, root)).as_posix()
        return Path(path).as_posix()


@dataclass
class LoadedDataset:
    """The dataset with everything needed to report on it."""

    dataset: Dataset
    registry: Registry
    locations: dict[URIRef, tuple[str, int | None]] = field(default_factory=dict)
    files: dict[URIRef, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    parsed: list = field(default_factory=list)  # the YAML contributions as read (kg.load.parse.ParsedFile)

    def contribution_graphs(self) -> list[Graph]:
        """The named graphs of contribution files (not the ontology, not the reference data)."""
        return [self.dataset.graph(name) for name, shown in sorted(self.files.items())
                if name != ONTOLOGY_GRAPH and not str(name).startswith(REFDATA_GRAPHS)]

    def contribution_files(self) -> list[str]:
        return [shown for name, shown in sorted(self.files.items())
                if name != ONTOLOGY_GRAPH and not str(name).startswith(REFDATA_GRAPHS)]

    def union(self) -> Graph:
        """All named graphs as one graph (what SHACL and the single-file exports see)."""
        union = Graph(bind_namespaces="none")
        for prefix, ns in PREFIXES.items():
            union.bind(prefix, ns)
        for context in self.dataset.graphs():
            if context.identifier != self.dataset.default_graph.identifier or len(context):
                for triple in context:
                    union.add(triple)
        return union


def load_dataset(project: Project, *, raise_on_error: bool = True) -> LoadedDataset:
    """Load ontology, reference data and contributions; raise if any of it is unreadable or wrong.

    ``UnreadableInput`` (exit 2) when a file cannot be read at all, ``InvalidData`` (exit 1) when the
    files read but say something wrong (bad types, unknown references, duplicate keys). With
    ``raise_on_error=False`` such problems are left in ``problems`` so that SHACL can add its own.
    """
    registry = Registry()
    loaded = LoadedDataset(Dataset(default_union=False), registry)
    for prefix, ns in PREFIXES.items():
        loaded.dataset.bind(prefix, ns)
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

    parsed_yaml, turtle, problems = read_contributions(project, paths)
    loaded.parsed = parsed_yaml
    unreadable += problems
    if unreadable:
        raise UnreadableInput(sort_problems(unreadable))

    problems = [p for parsed in parsed_yaml for p in parsed.problems]
    problems += declare(parsed_yaml, registry)
    for ttl in turtle:
        problems += ttl.problems + register_turtle(ttl.graph, ttl.path, ttl.lines, registry)
    for parsed in parsed_yaml:
        if parsed.model is None:
            continue
        graph, file_problems, lines = emit(parsed, registry)
        problems += file_problems
        _add_graph(loaded, parsed.graph_name, graph, parsed.path, lines)
    for ttl in turtle:
        describe_graph(ttl.graph, ttl.graph_name, ttl.path)
        _add_graph(loaded, ttl.graph_name, ttl.graph, ttl.path, ttl.lines)
    problems += _dangling(loaded)
    loaded.problems = sort_problems(problems)
    if raise_on_error and any(p.severity == ERROR for p in loaded.problems):
        raise InvalidData(loaded.problems)
    return loaded


def file_hash(path: Path) -> str:
    """The SHA-256 of a file's bytes (what identifies a contribution's version)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def input_hashes(project: Project, shown_paths) -> dict[str, str]:
    """``{shown path: hash}`` of contribution files, as the build records them."""
    return {shown: file_hash(project.root / shown) for shown in sorted(shown_paths)}


def read_contributions(project: Project, paths: list[Path]):
    """First pass over contribution files: (parsed YAML files, Turtle files, problems of files that
    cannot be read at all)."""
    parsed_yaml, turtle, unreadable = [], [], []
    for path in paths:
        shown = project.shown(path)
        try:
            if path.suffix in (".yaml", ".yml"):
                parsed_yaml.append(parse_contribution(path, shown))
            elif path.suffix == ".ttl":
                g_name = graph_name_for(shown)
                turtle.append(parse_turtle(path, shown, g_name))
            else:
                read_text(path, shown)
                unreadable.append(Problem.of("file-kind-unknown", file=shown, suffix=path.suffix or "(none)"))
        except UnreadableInput as exc:
            unreadable += exc.problems
    return parsed_yaml, turtle, unreadable


def _add_graph(loaded: LoadedDataset, name: URIRef, graph: Graph, shown: str, lines: dict[URIRef, int]):
    target = loaded.dataset.graph(name)
    for triple in graph:
        target.add(triple)
    loaded.files[name] = shown
    for subject, line in lines.items():
        loaded.locations.setdefault(subject, (shown, line))


def _dangling(loaded: LoadedDataset) -> list[Problem]:
    """IRIs under …/id/ that are used but described nowhere (mostly from Turtle contributions)."""
    typed = {s for s, _, _, _ in loaded.dataset.quads((None, RDF.type, None, None))}
    # An entry dropped for a shape error is reported itself; references to it are only echoes.
    dropped = {iri for parsed in loaded.parsed for iri in parsed.dropped_iris}
    problems = []
    for s, p, o, g in loaded.dataset.quads((None, None, None, None)):
        if (isinstance(o, URIRef) and str(o).startswith(BASE + "id/") and o not in typed and p != RDF.type
                and str(o) not in dropped):
            shown = loaded.files.get(g.identifier if hasattr(g, "identifier") else g, None)
            file, line = loaded.locations.get(s, (shown, None))
            problems.append(Problem.of("dangling-iri", file=file, line=line, iri=str(o), focus=str(s)))
    return problems
