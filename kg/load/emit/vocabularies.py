"""The ``topics`` and ``role_types`` sections: SKOS concepts with German and English labels."""

from __future__ import annotations

from rdflib import Literal

from kg.load.emit.context import FileEmitter
from kg.namespaces import ORG, RDF, RDFS, SKOS, thing

__all__ = ["emit_concept"]


def emit_concept(e: FileEmitter, i: int, c, *, section: str) -> None:
    segment, scheme = ("topic", "topics") if section == "topics" else ("role", "roles")
    iri = thing(segment, c.key)
    e.declared(section, i, iri)
    e.add(iri, RDF.type, SKOS.Concept)
    if segment == "role":
        e.add(iri, RDF.type, ORG.Role)
    e.add(iri, SKOS.inScheme, thing("scheme", scheme))
    for lang in ("de", "en"):
        e.add(iri, SKOS.prefLabel, Literal(getattr(c, lang), lang=lang))
        e.add(iri, RDFS.label, Literal(getattr(c, lang), lang=lang))
    e.add(iri, SKOS.broader, e.ref(segment, c.broader, (section, i, "broader")))
    e.add_texts(iri, SKOS.definition, c.definition)
