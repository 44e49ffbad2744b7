"""``kg validate``: check contributions before they enter the graph, without changing anything.

With no files, everything in data/ is loaded and validated in full (what ``kg build`` does,
minus writing). With files, only those are parsed; they are checked against the published graph
through the validation index (``kg.check.index``): references resolve against its registry, and SHACL
runs on the contribution's own entities (its focus nodes) over a small graph made of the
ontology, the contribution, what the published graph says about those entities, and the types of
everything they point to. That reports the same problems a full validation would report for those
entities, in a fraction of the time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef

from kg.check.index import open_index
from kg.check.notes import check_against_notes, load_notes, notes_folder
from kg.check.rules import private_contact, run_checks
from kg.check.shacl import (
    ShaclCache,
    load_schema,
    load_shapes,
    merge_problems,
    validate_store,
)
from kg.errors import UnreadableInput
from kg.load.dataset import (
    ONTOLOGY_GRAPH,
    LoadedDataset,
    Project,
    file_hash,
    load_dataset,
    read_contributions,
)
from kg.load.declare import declare
from kg.load.emit import emit
from kg.load.files import find_contributions
from kg.load.parse import graph_name_for
from kg.load.registry import Entry
from kg.load.turtle import describe_graph, register_turtle
from kg.namespaces import BASE, RDF, SCHEMA, SWF
from kg.problems import ERROR, Problem, sort_problems
from kg.terms import from_ox, to_ox

__all__ = ["Outcome", "DataState", "data_state", "current_keys", "check_loaded", "validate_all", "validate_files", "render_text"]

_SUMMARY = {"de": "{errors} Fehler, {warnings} Warnung(en), {hints} Hinweis(e) in {files} Datei(en).",
            "en": "{errors} error(s), {warnings} warning(s), {hints} hint(s) in {files} file(s)."}
_OK = {"de": "Keine Probleme gefunden.", "en": "No problems found."}


@dataclass
class Outcome:
    """Problems found, and the files checked (``kg.check.report`` turns the problems into the
    standard SHACL report for --format turtle)."""

    problems: list[Problem]
    files: list[str] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == ERROR)

    def counts(self) -> dict[str, int]:
        from kg.problems import HINT, WARNING
        return {"errors": self.errors, "warnings": sum(1 for p in self.problems if p.severity == WARNING),
                "hints": sum(1 for p in self.problems if p.severity == HINT), "files": len(self.files)}


def render_text(outcome: Outcome, lang: str) -> str:
    """The report people read: each problem with its fix, then a one-line summary."""
    lines = [p.render(lang) for p in outcome.problems]
    lines.append(_SUMMARY[lang].format(**outcome.counts()) if outcome.problems else _OK[lang])
    return "\n".join(lines) + "\n"


def check_loaded(project: Project, loaded: LoadedDataset, cache: ShaclCache | None = None) -> Outcome:
    """The full validation of a loaded dataset: the loader's problems, SHACL, and the checks beyond
    it. ``kg validate`` (no files) and ``kg build`` both run exactly this; the build passes its
    ``cache`` of SHACL results, so a rebuild validates only what changed."""
    shacl = validate_store(loaded.store, load_shapes(project.shapes), load_schema(project.ontology),
                           loaded.locations, cache=cache)
    extra = run_checks(loaded.parsed, loaded.registry, _store_periods(loaded.store))
    extra += check_against_notes(loaded.parsed, loaded.registry, load_notes(notes_folder(project.root)))
    extra += private_contact(loaded.store, loaded.contribution_graph_names(), loaded.locations)
    dropped = {iri for parsed in loaded.parsed for iri in parsed.dropped_iris}
    problems = merge_problems(loaded.problems, shacl, dropped) + extra
    return Outcome(sort_problems(problems), sorted(loaded.contribution_files()))


def validate_all(project: Project) -> Outcome:
    """Every contribution in data/, loaded and validated in full."""
    return check_loaded(project, load_dataset(project, raise_on_error=False))


def _span(starts, ends) -> tuple[str | None, str | None]:
    """An initiative's period from its stated dates: the earliest start, the latest end."""
    starts, ends = sorted(starts), sorted(ends)
    return (starts[0] if starts else None, ends[-1] if ends else None)


def _store_periods(store: ox.Store, background: Graph | None = None):
    """Initiative periods from the unbuilt files (``background``) first, else from the store."""
    start_p, end_p = ox.NamedNode(str(SCHEMA.startDate)), ox.NamedNode(str(SCHEMA.endDate))

    def period(iri: str):
        if background is not None:
            found = _span((str(o) for o in background.objects(URIRef(iri), SCHEMA.startDate)),
                          (str(o) for o in background.objects(URIRef(iri), SCHEMA.endDate)))
            if any(found):
                return found
        node = ox.NamedNode(iri)
        return _span((q.object.value for q in store.quads_for_pattern(node, start_p, None, None)),
                     (q.object.value for q in store.quads_for_pattern(node, end_p, None, None)))
    return period


@dataclass
class DataState:
    """How data/ differs from the published graph: files new or changed since the build (to be read
    as context), and the shown paths whose published graphs no longer hold (changed or deleted)."""

    changed: list[Path]
    stale: set[str]


def data_state(project: Project, nquads: Path) -> DataState:
    """Compare data/ with the input hashes the build recorded in summary.json beside ``nquads``."""
    try:
        built = json.loads((nquads.parent / "summary.json").read_text(encoding="utf-8")).get("inputs")
    except (OSError, ValueError):
        built = None
    paths, _refused = find_contributions(project.data, project.root)  # a refused file is the build's business
    if not isinstance(built, dict):  # an older build without hashes: every file may have changed
        return DataState(paths, {project.shown(p) for p in paths})
    shown = {p: project.shown(p) for p in paths}
    changed = [p for p in paths if built.get(shown[p]) != file_hash(p)]
    return DataState(changed, {shown[p] for p in changed} | (set(built) - set(shown.values())))


def current_keys(project: Project, nquads: Path):
    """(registry, edition numbers taken) of the published graph plus the current state of data/:
    what ``kg new`` may not propose."""
    index = open_index(project.root, nquads)
    state = data_state(project, nquads)
    registry = index.registry
    registry.forget_files(state.stale)
    context, context_ttl, _unreadable = read_contributions(project, state.changed)
    excluded = {str(graph_name_for(name)) for name in state.stale}
    taken = _known_editions(index.store, registry, excluded)
    declare(context, registry, taken)
    for ttl in context_ttl:
        register_turtle(ttl.graph, ttl.path, ttl.lines, registry)
    numbers = {number for _series, number in taken}
    numbers |= {event.edition for f in context if f.model is not None for event in f.model.events
                if event.edition is not None}
    return registry, numbers


def validate_files(project: Project, paths: list[Path], *, nquads: Path | None = None) -> Outcome:
    """The given contributions, checked against the published graph plus the current state of
    data/ (files new or changed since the build are read as context; see the module docstring).

    Raises ``UnreadableInput`` when a file cannot be read at all.
    """
    nquads = nquads or project.root / "dist" / "swf-kg.nq"
    if not nquads.is_file():
        raise UnreadableInput([Problem.of("graph-not-built", file=nquads.as_posix(), path=nquads.as_posix())])
    index = open_index(project.root, nquads)
    shown = [project.shown(p) for p in paths]
    state = data_state(project, nquads)
    registry = index.registry
    registry.forget_files(set(shown) | state.stale)  # earlier versions are being replaced

    parsed, turtle, unreadable = read_contributions(project, paths)
    if unreadable:
        raise UnreadableInput(sort_problems(unreadable))
    context, context_ttl, _unreadable = read_contributions(
        project, [p for p in state.changed if project.shown(p) not in shown])
    excluded = {str(graph_name_for(name)) for name in set(shown) | state.stale}

    problems = [p for f in parsed for p in f.problems]
    problems += declare(context + parsed, registry, _known_editions(index.store, registry, excluded))
    for ttl in context_ttl + turtle:
        problems += ttl.problems + register_turtle(ttl.graph, ttl.path, ttl.lines, registry)
    background = Graph()  # what the unbuilt files say: only context, their own problems are not reported here
    for f in context:
        if f.model is not None:
            background += emit(f, registry)[0]
    for ttl in context_ttl:
        describe_graph(ttl.graph, ttl.graph_name, ttl.path)
        background += ttl.graph
    contribution, locations = Graph(), {}
    own = ox.Store()  # the contributions, each in its named graph, for the checks that read graphs
    for f in parsed:
        if f.model is None:
            continue
        graph, file_problems, lines = emit(f, registry)
        problems += file_problems
        contribution += graph
        _add(own, graph, f.graph_name)
        for subject, line in lines.items():
            locations.setdefault(str(subject), (f.path, line))
    for ttl in turtle:
        describe_graph(ttl.graph, ttl.graph_name, ttl.path)
        contribution += ttl.graph
        _add(own, ttl.graph, ttl.graph_name)
        for subject, line in ttl.lines.items():
            locations.setdefault(str(subject), (ttl.path, line))

    data, ontology = _neighbourhood(index.store, contribution, excluded, index.ontology(_ontology), background)
    dropped = set().union(*(f.dropped_iris for f in parsed)) if parsed else set()
    problems += _dangling(data, contribution, locations, shown, dropped)
    focus = {str(s) for s in contribution.subjects() if isinstance(s, URIRef)}
    neighbourhood = ox.Store()
    _add(neighbourhood, data, None)
    shacl = validate_store(neighbourhood, load_shapes(project.shapes), load_schema(project.ontology), locations,
                           focus=focus)
    problems = merge_problems(problems, shacl, dropped)
    problems += run_checks(parsed, registry, _store_periods(index.store, background))
    problems += check_against_notes(parsed, registry, load_notes(notes_folder(project.root)))
    problems += private_contact(own, [f.graph_name for f in parsed if f.model is not None]
                                + [ttl.graph_name for ttl in turtle], locations)
    context_files = {f.path for f in context} | {ttl.path for ttl in context_ttl}
    return Outcome(sort_problems(p for p in problems if p.file not in context_files), shown)


def _known_editions(store: ox.Store, registry, excluded: set[str]) -> dict:
    """Edition numbers already taken in the published graph, outside the files being replaced."""
    taken = {}
    number, series = ox.NamedNode(str(SWF.editionNumber)), ox.NamedNode(str(SCHEMA.superEvent))
    for q in store.quads_for_pattern(None, number, None, None):
        if not _in(q, excluded):
            continue
        super_event = next(store.quads_for_pattern(q.subject, series, None, None), None)
        key = super_event.object.value.rsplit("/", 1)[-1] if super_event else "runder-tisch"
        entry = registry.get("event", q.subject.value.rsplit("/", 1)[-1])
        taken[(key, int(q.object.value))] = entry or Entry("event", q.subject.value.rsplit("/", 1)[-1],
                                                           URIRef(q.subject.value), q.subject.value, None, None)
    return taken


def _ontology(store: ox.Store) -> Graph:
    """The ontology graph of a published store."""
    ontology = Graph()
    for q in store.quads_for_pattern(None, None, None, ox.NamedNode(str(ONTOLOGY_GRAPH))):
        ontology.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
    return ontology


def _neighbourhood(store: ox.Store, contribution: Graph, excluded: set[str],
                   ontology: Graph | None = None, background: Graph | None = None) -> tuple[Graph, Graph]:
    """(data, ontology): data is the ontology + the contribution + what the published graph (outside
    the files being replaced) and the unbuilt files (``background``) say about the contribution's
    subjects + the types of everything they point to."""
    background = background if background is not None else Graph()
    ontology = ontology if ontology is not None else _ontology(store)
    data = Graph()
    data += ontology
    data += contribution
    rdf_type = ox.NamedNode(str(RDF.type))
    subjects = {s for s in contribution.subjects() if isinstance(s, URIRef)}
    for subject in subjects:
        for q in store.quads_for_pattern(ox.NamedNode(str(subject)), None, None, None):
            if _in(q, excluded):
                data.add((subject, from_ox(q.predicate), from_ox(q.object)))
        for p, o in background.predicate_objects(subject):
            data.add((subject, p, o))
    for obj in {o for o in data.objects() if isinstance(o, URIRef) and str(o).startswith(BASE)}:
        for q in store.quads_for_pattern(ox.NamedNode(str(obj)), rdf_type, None, None):
            if _in(q, excluded):
                data.add((obj, RDF.type, from_ox(q.object)))
        for cls in background.objects(obj, RDF.type):
            data.add((obj, RDF.type, cls))
    return data, ontology


def _add(store: ox.Store, graph: Graph, name) -> None:
    """Put an rdflib graph into ``store``, as the named graph ``name`` (None: the default graph)."""
    target = ox.NamedNode(str(name)) if name is not None else ox.DefaultGraph()
    store.bulk_extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), target) for s, p, o in graph)


def _in(quad, excluded: set[str]) -> bool:
    """A quad of a named graph that still holds (the default graph repeats the named ones)."""
    graph = quad.graph_name
    return isinstance(graph, ox.NamedNode) and graph.value not in excluded


def _dangling(data: Graph, contribution: Graph, locations: dict, shown: list[str], dropped: set[str]) -> list[Problem]:
    typed = set(data.subjects(RDF.type, None))
    problems = []
    for s, p, o in contribution:
        if (isinstance(o, URIRef) and str(o).startswith(BASE + "id/") and o not in typed and p != RDF.type
                and str(o) not in dropped):
            file, line = locations.get(str(s), (shown[0] if shown else None, None))
            problems.append(Problem.of("dangling-iri", file=file, line=line, iri=str(o), focus=str(s)))
    return problems

