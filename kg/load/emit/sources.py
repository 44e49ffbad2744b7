"""The ``sources`` section: the articles, press releases, pages and data sets statements cite."""

from __future__ import annotations

from rdflib import Literal, URIRef

from kg.load.emit.context import FileEmitter, date_literal
from kg.namespaces import DCTERMS, PROV, RDF, RDFS, SCHEMA, SWF, XSD, thing

__all__ = ["emit_source", "SOURCE_CLASSES"]

SOURCE_CLASSES = {
    "news-article": SCHEMA.NewsArticle, "press-release": SCHEMA.WebPage, "web-page": SCHEMA.WebPage,
    "dataset": SCHEMA.Dataset,
}


def emit_source(e: FileEmitter, i: int, s) -> None:
    iri = thing("source", s.key)
    e.declared("sources", i, iri)
    e.add(iri, RDF.type, SOURCE_CLASSES[s.kind])
    e.add(iri, RDF.type, PROV.Entity)
    e.add(iri, RDFS.label, Literal(s.title))
    e.add(iri, SCHEMA.headline, Literal(s.title))
    e.add(iri, SCHEMA.url, Literal(s.url, datatype=XSD.anyURI))
    for published in s.published:  # two dates where the page gives two that disagree
        e.add(iri, SCHEMA.datePublished, date_literal(published))
    if s.title_truncated:
        e.add(iri, SWF.titleTruncated, Literal(True))
    e.add_texts(iri, SWF.dateNote, s.published_note)
    if s.publisher:
        e.add(iri, SWF.publisherName, Literal(s.publisher))
    e.add(iri, SCHEMA.publisher, e.ref("organisation", s.publisher_organisation,
                                       ("sources", i, "publisher_organisation")))
    if s.author:
        e.add(iri, SCHEMA.author, Literal(s.author))
    if s.photo_credit:
        e.add(iri, SWF.photoCredit, Literal(s.photo_credit))
    if s.licence:
        e.add(iri, DCTERMS.license, URIRef(s.licence))
