"""The ``series`` and ``events`` sections: the round-table series and its editions, other
events, and what people and organisations did there (``swf:EventParticipation``)."""

from __future__ import annotations

from rdflib import Literal, URIRef

from kg.load.declare import DEFAULT_SERIES
from kg.load.emit.context import FileEmitter, date_literal, digest
from kg.namespaces import DCTERMS, PROV, RDF, RDFS, SCHEMA, SKOS, SWF, XSD, thing

__all__ = ["emit_series", "emit_event"]


def emit_series(e: FileEmitter, i: int, s) -> None:
    iri = thing("event-series", s.key)
    loc = ("series", i)
    e.entity("series", i, iri, s, SCHEMA.EventSeries)
    for org in e.refs("organisation", s.organisers, (*loc, "organisers")):
        e.add(iri, SCHEMA.organizer, org)
    if s.start:
        e.add(iri, SCHEMA.startDate, date_literal(s.start))
    e.add_texts(iri, SWF.dateNote, s.date_note)
    e.add_texts(iri, SCHEMA.description, s.description)
    e.add(iri, PROV.wasDerivedFrom, e.entity_source(s, loc))


def emit_event(e: FileEmitter, i: int, ev) -> None:
    iri = thing("event", ev.key)
    loc = ("events", i)
    if ev.name is not None:
        e.declared("events", i, iri)
        e.add(iri, RDF.type, SCHEMA.Event)
        if ev.kind == "round-table":
            e.add(iri, RDF.type, SWF.RoundTableEdition)
        e.add(iri, RDFS.label, Literal(ev.name))
    series = ev.series or (DEFAULT_SERIES if ev.kind == "round-table" and ev.name is not None else None)
    e.add(iri, SCHEMA.superEvent, e.ref("series", series, (*loc, "series")))
    if ev.edition is not None:
        e.add(iri, SWF.editionNumber, Literal(ev.edition, datatype=XSD.integer))
        e.add(iri, SWF.editionNumberInferred, Literal(ev.edition_inferred))
    if ev.date:
        e.add(iri, SCHEMA.startDate, date_literal(ev.date))
        e.add(iri, SWF.dateInferred, Literal(ev.date_inferred))
    if ev.end_date:
        e.add(iri, SCHEMA.endDate, date_literal(ev.end_date))
    e.add_texts(iri, SWF.dateNote, ev.date_note)
    e.add(iri, SCHEMA.location, e.ref("venue", ev.venue, (*loc, "venue")))
    e.add(iri, SWF.inMunicipality, e.ref("municipality", ev.municipality, (*loc, "municipality")))
    if ev.place:
        e.add(iri, SWF.placeName, Literal(ev.place))
    for org in e.refs("organisation", ev.hosts, (*loc, "hosts")):
        e.add(iri, SWF.host, org)
    if ev.hosts and ev.host_inferred:
        e.add(iri, SWF.hostInferred, Literal(True))
    for org in e.refs("organisation", ev.organisers, (*loc, "organisers")):
        e.add(iri, SCHEMA.organizer, org)
    for fmt in ev.formats:
        e.add(iri, SWF.format, thing("format", fmt))
    e.add_texts(iri, SWF.formatNote, ev.format_note)
    e.counts(iri, SWF.attendance, ev.attendance, (*loc, "attendance"))
    for topic in e.refs("topic", ev.topics, (*loc, "topics")):
        e.add(iri, DCTERMS.subject, topic)
    e.add_texts(iri, SCHEMA.description, ev.description)
    for j, p in enumerate(ev.participants):
        _participation(e, iri, ev.key, p, (*loc, "participants", j))
    sources = e.refs("source", ev.sources, (*loc, "sources")) if ev.sources else e.file_sources
    if not sources:
        e.source(None, loc)
    for src in sources:
        e.cited.add(src)
        e.add(iri, PROV.wasDerivedFrom, src)


def _participation(e: FileEmitter, event: URIRef, event_key: str, p, loc) -> None:
    if p.person is not None:
        agent = e.ref("person", p.person, (*loc, "person"))
    else:
        agent = e.ref("organisation", p.organisation, (*loc, "organisation"))
    if agent is None:
        return
    agent_key = (p.person or p.organisation).split("/")[-1]
    node = thing("event-participation",
                 f"{event_key}-{digest(agent_key, p.did, p.presented, p.talk_title, p.source)}")
    e.lines[node] = e.doc.locate(loc)[0]
    e.add(node, RDF.type, SWF.EventParticipation)
    e.add(node, SWF.event, event)
    e.add(node, SWF.agent, agent)
    for activity in p.did:
        e.add(node, SWF.activity, thing("activity", activity))
    for initiative in e.refs("initiative", p.presented, (*loc, "presented")):
        e.add(node, SWF.presented, initiative)
    if p.talk_title:
        e.add(node, SWF.talkTitle, Literal(p.talk_title, lang=e.lang))
    if p.role_as_stated:
        e.add(node, SWF.roleAsStated, Literal(p.role_as_stated, lang=e.lang))
    e.add_texts(node, SWF.paraphrase, p.role_paraphrase)
    e.add(node, SWF.onBehalfOf, e.ref("organisation", p.on_behalf_of, (*loc, "on_behalf_of")))
    e.add_texts(node, SKOS.note, p.note)
    e.add(node, PROV.wasDerivedFrom, e.source(p.source, loc))
