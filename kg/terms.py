"""Conversion between rdflib terms and pyoxigraph terms.

Both stages that read the published store (``kg.check`` for incremental validation, ``kg.query``
for queries) need it, so it lives in the shared ground rather than in either of them.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

__all__ = ["to_ox", "from_ox", "XSD_STRING"]

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_DATATYPES: dict[str, URIRef] = {}


def to_ox(term):
    """rdflib term -> pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def from_ox(term):
    """pyoxigraph term -> rdflib term (None stays None)."""
    if term is None:
        return None
    cls = type(term)
    if cls is ox.NamedNode:
        return URIRef(term.value)
    if cls is ox.Literal:
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == XSD_STRING:  # RDF 1.1 plain literal: keep it plain for rdflib
            return Literal(term.value)
        if datatype not in _DATATYPES:
            _DATATYPES[datatype] = URIRef(datatype)
        return Literal(term.value, datatype=_DATATYPES[datatype])
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"unexpected term {term!r}")
