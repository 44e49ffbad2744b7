"""The ``claims`` section: what one source says about one aspect of a thing where another source
says otherwise (a start year, a name, what kind of thing it is). Each claim is a node of its own in
its source's graph, so disagreeing sources stand side by side (``queries/conflicting-claims.rq``)."""

from __future__ import annotations

from rdflib import Literal, URIRef

from kg.load.emit.context import FileEmitter, digest
from kg.namespaces import PROV, RDF, SKOS, SWF

__all__ = ["emit_claim"]


def emit_claim(e: FileEmitter, i: int, c) -> None:
    loc = ("claims", i)
    kind, key = c.subject
    about = e.ref(kind, key, (*loc, kind))
    source = e.source(c.source, loc)
    if about is None:
        return
    node = URIRef(f"{about}/claim/{digest(c.field, c.value, c.wording, source)}")
    e.lines[node] = e.doc.locate(loc)[0]
    e.add(node, RDF.type, SWF.Claim)
    e.add(node, SWF.claimAbout, about)
    e.add(node, SWF.claimField, Literal(c.field))
    e.add(node, SWF.claimValue, Literal(c.value))
    if c.wording:
        e.add(node, SWF.wording, Literal(c.wording, lang=e.lang))
    e.add_texts(node, SWF.paraphrase, c.paraphrase)
    e.add_texts(node, SKOS.note, c.note)
    e.add(node, PROV.wasDerivedFrom, source)
