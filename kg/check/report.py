"""The standard SHACL validation report (``kg validate --format turtle``) built from every problem
found, not only SHACL's: the loader's and the other checks' problems become ``sh:ValidationResult``s
too, so a tool reading the report sees what a person reading the text sees.

``sh:conforms`` agrees with the exit code: true when there is no error (warnings and hints are
allowed, as pyshacl's ``allow_warnings`` has it). Results name their file, line and column and the
fix (``swfsh:file``, ``swfsh:line``, ``swfsh:column``, ``swfsh:fix``, ``swfsh:code``, declared in
ontology/shapes.ttl); problems that are not SHACL's own cite ``swfsh:<code>`` as their constraint.
"""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import SH, XSD

from kg.load.parse import graph_name_for
from kg.namespaces import RDF, SWFSH
from kg.problems import ERROR, HINT, LANGUAGES, WARNING, Problem

__all__ = ["shacl_report"]

_SEVERITY = {ERROR: SH.Violation, WARNING: SH.Warning, HINT: SH.Info}


def shacl_report(problems: list[Problem]) -> Graph:
    """A ``sh:ValidationReport`` holding one result per problem, in the order given."""
    graph = Graph(bind_namespaces="none")
    graph.bind("sh", SH)
    graph.bind("swfsh", SWFSH)
    graph.bind("xsd", XSD)
    report = BNode("report")
    graph.add((report, RDF.type, SH.ValidationReport))
    graph.add((report, SH.conforms, Literal(not any(p.severity == ERROR for p in problems))))
    for number, problem in enumerate(problems, start=1):
        result = BNode(f"result{number}")
        graph.add((report, SH.result, result))
        graph.add((result, RDF.type, SH.ValidationResult))
        graph.add((result, SH.resultSeverity, _SEVERITY[problem.severity]))
        graph.add((result, SH.focusNode, _focus(problem)))
        own = SWFSH[problem.code]
        graph.add((result, SH.sourceConstraintComponent, URIRef(problem.extra.get("component") or own)))
        graph.add((result, SH.sourceShape, URIRef(problem.extra.get("shape") or own)))
        if problem.extra.get("path"):
            graph.add((result, SH.resultPath, URIRef(problem.extra["path"])))
        if problem.extra.get("value"):
            graph.add((result, SH.value, URIRef(problem.extra["value"])))
        for lang in LANGUAGES:
            graph.add((result, SH.resultMessage, Literal(problem.message[lang], lang=lang)))
            graph.add((result, SWFSH.fix, Literal(problem.fix[lang], lang=lang)))
        graph.add((result, SWFSH.code, Literal(problem.code)))
        if problem.file:
            graph.add((result, SWFSH.file, Literal(problem.file)))
        if problem.line is not None:
            graph.add((result, SWFSH.line, Literal(problem.line, datatype=XSD.integer)))
        if problem.column is not None:
            graph.add((result, SWFSH.column, Literal(problem.column, datatype=XSD.integer)))
    return graph


def _focus(problem: Problem) -> URIRef:
    """The node a problem is about: its focus node, else the named graph of its file."""
    if problem.focus:
        return URIRef(problem.focus)
    return graph_name_for(problem.file) if problem.file else URIRef("https://w3id.org/swf-kg/graph/")
