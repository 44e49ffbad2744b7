"""Third pass: one contribution's named graph, with every reference resolved against the registry.

Each section of the format has its own module; ``FileEmitter`` (``context``) holds what they share.
"""

from __future__ import annotations

from functools import partial

from rdflib import Graph, Literal, URIRef

from kg.load.emit.claims import emit_claim
from kg.load.emit.context import FileEmitter, date_literal
from kg.load.emit.events import emit_event, emit_series
from kg.load.emit.initiatives import INITIATIVE_CLASSES, emit_initiative
from kg.load.emit.organisations import (
    ORGANISATION_CLASSES,
    emit_organisation,
    emit_venue,
)
from kg.load.emit.people import emit_person
from kg.load.emit.roles import emit_role
from kg.load.emit.sources import SOURCE_CLASSES, emit_source
from kg.load.emit.vocabularies import emit_concept
from kg.load.parse import ParsedFile
from kg.load.registry import Registry
from kg.namespaces import PROV, RDF, RDFS, SWF
from kg.problems import Problem

__all__ = ["emit", "date_literal", "ORGANISATION_CLASSES", "INITIATIVE_CLASSES", "SOURCE_CLASSES"]


# The sections in the order they are emitted (declarations before what refers to them).
_SECTIONS = (
    ("sources", emit_source), ("series", emit_series), ("organisations", emit_organisation),
    ("venues", emit_venue), ("people", emit_person), ("initiatives", emit_initiative), ("events", emit_event),
    ("roles", emit_role), ("topics", partial(emit_concept, section="topics")),
    ("role_types", partial(emit_concept, section="role_types")), ("claims", emit_claim),
)


def emit(parsed: ParsedFile, registry: Registry) -> tuple[Graph, list[Problem], dict[URIRef, int]]:
    """The file's named graph, its problems, and the line of every subject it declares."""
    e = FileEmitter(parsed, registry)
    for section, emit_entry in _SECTIONS:
        for i, item in enumerate(getattr(parsed.model, section)):
            if (section, i) not in parsed.duplicates:
                emit_entry(e, i, item)
    g = parsed.graph_name
    e.add(g, RDF.type, SWF.Contribution)
    e.add(g, RDFS.label, Literal(parsed.model.title or parsed.path))
    e.add(g, SWF.sourceFile, Literal(parsed.path))
    e.lines.setdefault(g, parsed.doc.locate(("title",))[0] if "title" in parsed.doc.data else 1)
    for src in sorted(e.cited):
        e.add(g, PROV.wasDerivedFrom, src)
    return e.graph, e.problems, e.lines
