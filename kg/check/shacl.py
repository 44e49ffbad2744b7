"""SHACL validation with pyshacl, reported as ``Problem`` objects that name file, line and entity.

pyshacl's own text report prints every language and raw Turtle, so the report is rebuilt here
from the result graph: sh:resultMessage in the chosen language, and the fix from the shape's
swfsh:fix. No inference is run (it writes into the data graph and multiplies the time).
"""

from __future__ import annotations

import functools
import multiprocessing
import os
from dataclasses import dataclass

from pyshacl import validate as pyshacl_validate
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import SH

from kg.namespaces import RDF, SWFSH, label_of
from kg.problems import ERROR, HINT, LANGUAGES, WARNING, Problem, sort_problems

__all__ = ["ValidationReport", "validate_graph", "load_shapes", "merge_problems"]

_SEVERITY = {SH.Violation: ERROR, SH.Warning: WARNING, SH.Info: HINT}


@dataclass
class ValidationReport:
    """What SHACL found: the problems, and the standard report graph for ``--format turtle``."""

    conforms: bool
    problems: list[Problem]
    report_graph: Graph


def load_shapes(path) -> Graph:
    """The shapes graph, parsed once per process and file version (pyshacl does not change it)."""
    info = os.stat(path)
    return _parsed_shapes(str(path), info.st_mtime_ns, info.st_size)


@functools.lru_cache(maxsize=4)
def _parsed_shapes(path: str, _mtime: int, _size: int) -> Graph:
    shapes = Graph()
    shapes.parse(path, format="turtle")
    return shapes


def _by_lang(values) -> dict[str, str]:
    out = {}
    for value in values:
        if isinstance(value, Literal):
            out.setdefault(value.language or "en", str(value))
    return {lang: out.get(lang) or out.get("en") or next(iter(out.values()), "") for lang in LANGUAGES}


def _owner(data: Graph, node, locations, depth: int = 0):
    """The nearest subject with a known file and line: the node itself, or what points to it."""
    if node in locations or depth > 3:
        return node
    for subject in sorted(data.subjects(None, node), key=str):
        found = _owner(data, subject, locations, depth + 1)
        if found in locations:
            return found
    return node


FOCUS_CHUNK = 400   # focus nodes per pyshacl run; see _by_chunks


def validate_graph(data: Graph, shapes: Graph, locations: dict, *, focus_nodes=None,
                   schema: Graph | None = None) -> ValidationReport:
    """Validate ``data`` (which must include the ontology, for sh:targetClass) against ``shapes``.

    ``focus_nodes`` limits the check to those nodes (used for incremental validation); with many of
    them, give ``schema`` (the ontology) too, and they are validated in chunks (see ``_by_chunks``).
    """
    if focus_nodes is None:
        conforms, report = _pyshacl(data, shapes, None)
    elif len(focus_nodes) <= FOCUS_CHUNK or schema is None:
        conforms, report = _pyshacl(data, shapes, list(focus_nodes))
    else:
        conforms, report = _by_chunks(data, shapes, sorted(focus_nodes), schema)
    problems = []
    for result in report.subjects(SH.resultSeverity, None):
        severity = _SEVERITY.get(report.value(result, SH.resultSeverity), ERROR)
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        value = report.value(result, SH.value)
        shape = report.value(result, SH.sourceShape)
        message = _by_lang(report.objects(result, SH.resultMessage))
        fix = _by_lang(shapes.objects(shape, SWFSH.fix)) if shape is not None else {}
        if not any(fix.values()):
            fix = {"de": "Vergleichen Sie den Eintrag mit data/README.md.",
                   "en": "Compare the entry with data/README.md."}
        if value is not None and not isinstance(value, BNode):
            shown_value = str(value) if len(str(value)) <= 80 else str(value)[:77] + "..."
            message = {lang: f"{text} ({'Wert' if lang == 'de' else 'value'}: „{shown_value}“)"
                       for lang, text in message.items()}
        owner = _owner(data, focus, locations)
        file, line = locations.get(owner, (None, None))
        label = label_of(data, focus) or label_of(data, owner)
        problems.append(Problem(
            code="shacl", severity=severity, message=message, fix=fix, file=file, line=line,
            entity=str(label) if label is not None else None, focus=str(focus),
            extra={"path": str(path) if isinstance(path, URIRef) else "", "shape": str(shape),
                   "value": str(value) if isinstance(value, URIRef) else "",
                   "component": str(report.value(result, SH.sourceConstraintComponent) or "")}))
    return ValidationReport(bool(conforms), sort_problems(problems), report)


def _pyshacl(data: Graph, shapes: Graph, focus_nodes) -> tuple[bool, Graph]:
    kwargs = {"focus_nodes": focus_nodes} if focus_nodes is not None else {}
    conforms, report, _text = pyshacl_validate(
        data, shacl_graph=shapes, inference="none", abort_on_first=False, allow_infos=True,
        allow_warnings=True, advanced=True, **kwargs)
    return bool(conforms), report


def _by_chunks(data: Graph, shapes: Graph, focus_nodes: list, schema: Graph) -> tuple[bool, Graph]:
    """Validate many focus nodes a chunk at a time, each over a graph holding only the chunk's own
    statements, the types of what they point to, and the ontology; chunks run on every core.

    pyshacl checks every target of a shape against the focus list by list membership, for every
    property shape, so one run over n focus nodes costs n² comparisons (6,000 new people: 17 s).
    Our shapes follow only direct predicates and need of a value node nothing but its type
    (sh:class), so a node's result is the same in its chunk as in the whole graph.
    """
    global _CHUNKS
    chunks = []
    for start in range(0, len(focus_nodes), FOCUS_CHUNK):
        chunk = focus_nodes[start:start + FOCUS_CHUNK]
        part = Graph()
        part += schema
        for node in chunk:
            for p, o in data.predicate_objects(node):
                part.add((node, p, o))
                if isinstance(o, URIRef):
                    for cls in data.objects(o, RDF.type):
                        part.add((o, RDF.type, cls))
        chunks.append((part, shapes, chunk))
    workers = min(len(chunks), os.cpu_count() or 1)
    if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
        _CHUNKS = chunks  # inherited by the forked workers; only the reports travel back
        try:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                outcomes = [(conforms, Graph().parse(data=text, format="nt"))
                            for conforms, text in pool.map(_validate_chunk, range(len(chunks)))]
        finally:
            _CHUNKS = []
    else:
        outcomes = [_pyshacl(*chunk) for chunk in chunks]
    conforms, results = True, Graph()
    for chunk_conforms, report in outcomes:
        conforms = conforms and chunk_conforms
        for result in report.objects(None, SH.result):
            for triple in _closure(report, result):
                results.add(triple)
    report = Graph()
    node = BNode()
    report.add((node, RDF.type, SH.ValidationReport))
    report.add((node, SH.conforms, Literal(conforms)))
    for result in set(results.subjects(RDF.type, SH.ValidationResult)):
        report.add((node, SH.result, result))
    report += results
    return conforms, report


_CHUNKS: list = []


def _validate_chunk(index: int) -> tuple[bool, str]:
    """In a worker: one chunk's conformance and report (as N-Triples, to travel back)."""
    conforms, report = _pyshacl(*_CHUNKS[index])
    return conforms, report.serialize(format="nt")


def _closure(graph: Graph, node):
    """The statements about ``node`` and about the blank nodes it leads to (one result's report)."""
    todo, seen = [node], set()
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        for p, o in graph.predicate_objects(current):
            yield current, p, o
            if isinstance(o, BNode):
                todo.append(o)


def merge_problems(load_problems: list[Problem], shacl_problems: list[Problem],
                   dropped: set[str] = frozenset()) -> list[Problem]:
    """Loader problems plus SHACL's, leaving out SHACL's echoes of what the loader already
    reported: an unknown municipality also leaves the venue without a required municipality, and
    an entry dropped for its shape leaves references to it without a type."""
    unresolved = {(p.file, p.entity) for p in load_problems
                  if p.code.startswith("unknown-reference") or p.code in ("unknown-municipality", "placeholder")}
    unsourced = {(p.file, p.line) for p in load_problems if p.code in ("source-needed", "source-missing")}
    echoes = [p for p in shacl_problems
              if (p.extra.get("component", "").endswith("MinCountConstraintComponent") and (p.file, p.entity) in unresolved)
              or p.extra.get("value") in dropped or p.focus in dropped
              or (p.extra.get("path") == "http://www.w3.org/ns/prov#wasDerivedFrom" and (p.file, p.line) in unsourced)]
    return sort_problems(load_problems + [p for p in shacl_problems if p not in echoes])
