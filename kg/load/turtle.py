"""Reads a Turtle contribution, for contributors who write RDF directly.

rdflib's Turtle parser fetches nothing from the network. ``http://schema.org/`` is rewritten to the
``https://schema.org/`` the rest of the graph uses. Subjects under the project's base are
registered like YAML declarations, so either kind of file can refer to the other.
"""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from kg.errors import UnreadableInput
from kg.load.registry import KIND_NAMES, Entry, Registry, where
from kg.load.yaml_reader import read_text
from kg.namespaces import BASE, PROV, RDF, RDFS, SCHEMA, SWF
from kg.problems import Problem

__all__ = ["parse_turtle", "register_turtle", "describe_graph", "normalise_schema"]

_HTTP_SCHEMA = "http://schema.org/"
_KIND_BY_SEGMENT = {"person": "person", "organisation": "organisation", "venue": "venue", "event": "event",
                    "initiative": "initiative", "event-series": "series", "source": "source", "topic": "topic",
                    "role": "role"}


def normalise_schema(graph: Graph) -> Graph:
    """Rewrite every http://schema.org/ IRI to https://schema.org/ (one of the known traps)."""
    def fix(term):
        if isinstance(term, URIRef) and str(term).startswith(_HTTP_SCHEMA):
            return URIRef("https://schema.org/" + str(term)[len(_HTTP_SCHEMA):])
        return term
    out = Graph()
    for s, p, o in graph:
        out.add((fix(s), fix(p), fix(o)))
    return out


def parse_turtle(path: Path, shown: str, graph_name: URIRef) -> tuple[Graph, dict[URIRef, int]]:
    """The file's triples and, for each subject under our base, the first line that names it."""
    text = read_text(path, shown)
    graph = Graph()
    try:
        graph.parse(data=text, format="turtle", publicID=str(graph_name))
    except Exception as exc:  # rdflib raises BadSyntax and assorted others for broken input
        message = str(exc)
        line = re.search(r"at line (\d+)", message)
        why = re.search(r"Bad syntax \((.*?)\) at", message, re.S)
        detail = (why.group(1) if why else message.splitlines()[0] if message else type(exc).__name__)
        raise UnreadableInput([Problem.of("turtle-syntax", file=shown, line=int(line.group(1)) if line else None,
                                          detail=detail.strip()[:200])]) from None
    graph = normalise_schema(graph)
    lines = {}
    text_lines = text.splitlines()
    for subject in set(graph.subjects()):
        if isinstance(subject, URIRef) and str(subject).startswith(BASE):
            local = str(subject).rsplit("/", 1)[-1]
            for number, line_text in enumerate(text_lines, start=1):
                if local and local in line_text:
                    lines[subject] = number
                    break
    return graph, lines


def register_turtle(graph: Graph, shown: str, lines: dict[URIRef, int], registry: Registry) -> list[Problem]:
    """Declare the file's things in ``registry``; a key declared twice is a problem."""
    problems = []
    for subject in sorted(set(graph.subjects(RDF.type, None))):
        text = str(subject)
        if not text.startswith(BASE + "id/"):
            continue
        parts = text[len(BASE + "id/"):].split("/")
        if len(parts) != 2 or parts[0] not in _KIND_BY_SEGMENT:
            continue
        kind, key = _KIND_BY_SEGMENT[parts[0]], parts[1]
        label = next((str(o) for o in graph.objects(subject, RDFS.label)), key)
        existing = registry.add(Entry(kind, key, subject, label, shown, lines.get(subject)))
        if existing is not None and existing.iri == subject and existing.file != shown:
            problems.append(Problem.of("key-taken", file=shown, line=lines.get(subject), entity=label, key=key,
                                       kind=KIND_NAMES[kind]["en"], kind_de=KIND_NAMES[kind]["de"],
                                       other=where(existing)))
    return problems


def describe_graph(graph: Graph, graph_name: URIRef, shown: str) -> None:
    """Add the contribution's own metadata: the file it came from and the sources it describes."""
    graph.add((graph_name, RDF.type, SWF.Contribution))
    graph.add((graph_name, SWF.sourceFile, Literal(shown)))
    if (graph_name, RDFS.label, None) not in graph:
        graph.add((graph_name, RDFS.label, Literal(shown)))
    for cls in (SCHEMA.NewsArticle, SCHEMA.WebPage, SCHEMA.Dataset):
        for source in graph.subjects(RDF.type, cls):
            graph.add((graph_name, PROV.wasDerivedFrom, source))

