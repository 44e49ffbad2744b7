"""Reads a Turtle contribution, for contributors who write RDF directly.

rdflib's Turtle parser fetches nothing from the network. ``http://schema.org/`` is rewritten to the
``https://schema.org/`` the rest of the graph uses. Subjects under the project's base are
registered like YAML declarations, so either kind of file can refer to the other.

rdflib accepts more than RDF allows (an IRI with a space or braces) and more than a contribution
may say, so a strict pass follows: every IRI must be valid (pyoxigraph's check), blank nodes are
refused (their labels would change from build to build), and subjects must be things under
``…/id/`` (a contribution does not redefine ontology terms or other vocabularies).
"""

from __future__ import annotations

import logging
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef

from kg.errors import UnreadableInput
from kg.load.files import read_text
from kg.load.format import KEY_PATTERN, MAX_KEY_LENGTH
from kg.load.registry import KIND_NAMES, Entry, Registry, where
from kg.namespaces import BASE, PROV, RDF, RDFS, SCHEMA, SWF, label_of
from kg.problems import Problem

__all__ = ["TurtleFile", "parse_turtle", "register_turtle", "describe_graph", "normalise_schema"]

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


@dataclass
class TurtleFile:
    """One Turtle contribution as read: its triples, the first line naming each of its subjects,
    and what the strict pass found wrong in what it says."""

    path: str
    graph_name: URIRef
    graph: Graph
    lines: dict[URIRef, int]
    problems: list[Problem] = field(default_factory=list)


def parse_turtle(path: Path, shown: str, graph_name: URIRef) -> TurtleFile:
    """Read and check one Turtle file. Raises ``UnreadableInput`` for broken syntax or invalid IRIs."""
    text = read_text(path, shown)
    graph = Graph()
    try:
        with _quiet("rdflib.term"):  # its "does not look like a valid URI" warning; our own check says it
            graph.parse(data=text, format="turtle", publicID=str(graph_name))
    except Exception as exc:  # rdflib raises BadSyntax and assorted others for broken input
        message = str(exc)
        line = re.search(r"at line (\d+)", message)
        why = re.search(r"Bad syntax \((.*?)\) at", message, re.S)
        detail = (why.group(1) if why else message.splitlines()[0] if message else type(exc).__name__)
        raise UnreadableInput([Problem.of("turtle-syntax", file=shown, line=int(line.group(1)) if line else None,
                                          detail=detail.strip()[:200])]) from None
    graph = normalise_schema(graph)
    text_lines = text.splitlines()

    def line_of(fragment: str) -> int | None:
        return next((n for n, line in enumerate(text_lines, start=1) if fragment and fragment in line), None)

    lines = {subject: line_of(str(subject).rsplit("/", 1)[-1]) for subject in set(graph.subjects())
             if isinstance(subject, URIRef) and str(subject).startswith(BASE)}
    lines = {subject: line for subject, line in lines.items() if line is not None}
    bad_iris = sorted({term for triple in graph for term in triple if isinstance(term, URIRef) and not _valid(term)})
    if bad_iris:
        raise UnreadableInput([Problem.of("turtle-bad-iri", file=shown, line=line_of(_tail(iri)), iri=_short(iri))
                               for iri in bad_iris])
    problems = _strict(graph, graph_name, shown, line_of)
    for triple in [t for t in graph if any(isinstance(term, BNode) for term in t)]:
        graph.remove(triple)  # refused above; kept out so that no check reports on them again
    return TurtleFile(shown, graph_name, graph, lines, problems)


@contextmanager
def _quiet(name: str):
    logger = logging.getLogger(name)
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _valid(iri: URIRef) -> bool:
    try:
        ox.NamedNode(str(iri))
    except ValueError:
        return False
    return True


def _tail(iri: URIRef) -> str:
    """The part of an IRI most likely written as it is in the file (after the last / or #)."""
    return re.split(r"[/#]", str(iri).rstrip("/#"))[-1]


def _short(text) -> str:
    text = str(text)
    return text if len(text) <= 80 else text[:77] + "..."


def _strict(graph: Graph, graph_name: URIRef, shown: str, line_of) -> list[Problem]:
    """Blank nodes and subjects outside …/id/ (ontology terms, other vocabularies)."""
    problems = []
    if any(isinstance(term, BNode) for triple in graph for term in triple):
        problems.append(Problem.of("turtle-blank-node", file=shown, line=line_of("[") or line_of("_:")))
    foreign = sorted({s for s in graph.subjects() if isinstance(s, URIRef) and s != graph_name
                      and not str(s).startswith(BASE + "id/")})
    for subject in foreign:
        problems.append(Problem.of("turtle-foreign-subject", file=shown, line=line_of(_tail(subject)),
                                   iri=_short(subject)))
    return problems


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
        label = label_of(graph, subject) or key
        if not re.fullmatch(KEY_PATTERN, key) or len(key) > MAX_KEY_LENGTH:
            problems.append(Problem.of("bad-key", file=shown, line=lines.get(subject), entity=label, field="IRI",
                                       value=_short(key)))
            continue
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

