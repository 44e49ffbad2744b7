"""The ``people`` section: people in their public roles, with their name variants."""

from __future__ import annotations

from rdflib import Literal

from kg.load.emit.context import FileEmitter
from kg.namespaces import FOAF, PROV, SCHEMA, thing

__all__ = ["emit_person"]


def emit_person(e: FileEmitter, i: int, p) -> None:
    iri = thing("person", p.key)
    loc = ("people", i)
    e.entity("people", i, iri, p, FOAF.Person)
    if p.honorific:
        e.add(iri, SCHEMA.honorificPrefix, Literal(p.honorific))
    e.add_texts(iri, SCHEMA.description, p.description)
    e.add(iri, PROV.wasDerivedFrom, e.entity_source(p, loc))
