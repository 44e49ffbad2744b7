"""The ``initiatives`` section: programs, projects, campaigns and offers, with their parts,
funding claims, participating organisations and participant counts."""

from __future__ import annotations

from decimal import Decimal

from rdflib import Literal, URIRef

from kg.load.emit.context import FileEmitter, date_literal, digest
from kg.namespaces import DCTERMS, FOAF, PROV, RDF, SCHEMA, SKOS, SWF, XSD, thing

__all__ = ["emit_initiative", "INITIATIVE_CLASSES"]

INITIATIVE_CLASSES = {
    "program": SWF.Program, "project": SWF.Project, "campaign": SWF.Campaign, "offer": SWF.Offer,
    "project-idea": SWF.ProjectIdea,
}


def emit_initiative(e: FileEmitter, i: int, it) -> None:
    iri = thing("initiative", it.key)
    loc = ("initiatives", i)
    e.entity("initiatives", i, iri, it, SWF.Initiative, INITIATIVE_CLASSES.get(it.kind))
    for parent in e.refs("initiative", it.part_of, (*loc, "part_of")):
        e.add(iri, DCTERMS.isPartOf, parent)
    for org in e.refs("organisation", it.run_by, (*loc, "run_by")):
        e.add(iri, SWF.runBy, org)
    for org in e.refs("organisation", it.partners, (*loc, "partners")):
        e.add(iri, SWF.partner, org)
    for date, prop, inferred, expected, flags in (
            (it.start, SCHEMA.startDate, it.start_inferred, it.start_expected, (SWF.startInferred, SWF.startExpected)),
            (it.end, SCHEMA.endDate, it.end_inferred, it.end_expected, (SWF.endInferred, SWF.endExpected))):
        if date:
            e.add(iri, prop, date_literal(date))
            if inferred:
                e.add(iri, flags[0], Literal(True))
            if expected:
                e.add(iri, flags[1], Literal(True))
    e.add_texts(iri, SWF.dateNote, it.date_note)
    if it.website:
        e.add(iri, FOAF.homepage, URIRef(it.website))
    e.add_texts(iri, SCHEMA.description, it.description)
    for j, f in enumerate(it.funding):
        _funding(e, iri, f, (*loc, "funding", j))
    for j, p in enumerate(it.participants):
        _participation(e, iri, p, (*loc, "participants", j))
    e.counts(iri, SWF.participantCount, it.participant_counts, (*loc, "participant_counts"))
    e.add(iri, PROV.wasDerivedFrom, e.entity_source(it, loc))


def _funding(e: FileEmitter, iri: URIRef, f, loc) -> None:
    node = URIRef(f"{iri}/funding/{digest(f.amount, f.instrument, f.purpose, f.source)}")
    e.lines.setdefault(node, e.doc.locate(loc)[0])
    e.add(iri, SWF.funding, node)
    e.add(node, RDF.type, SWF.FundingClaim)
    if f.amount is not None:
        # plain notation: "1E+3" is no xsd:decimal
        e.add(node, SWF.amount, Literal(format(Decimal(str(f.amount)), "f"), datatype=XSD.decimal))
    e.add(node, SWF.currency, Literal(f.currency))
    if f.instrument:
        e.add(node, SWF.fundingInstrument, Literal(f.instrument))
    e.add_texts(node, SWF.fundingPurpose, f.purpose)
    e.add(node, SCHEMA.funder, e.ref("organisation", f.funder, (*loc, "funder")))
    e.add_texts(node, SKOS.note, f.note)
    e.add(node, PROV.wasDerivedFrom, e.source(f.source, loc))


def _participation(e: FileEmitter, iri: URIRef, p, loc) -> None:
    org = e.ref("organisation", p.organisation, (*loc, "organisation"))
    if org is None:
        return
    node = URIRef(f"{iri}/participation/{digest(p.organisation, p.capacity, p.stated_on, p.source)}")
    e.lines.setdefault(node, e.doc.locate(loc)[0])
    e.add(iri, SWF.participation, node)
    e.add(node, RDF.type, SWF.InitiativeParticipation)
    e.add(node, SWF.participatingOrganisation, org)
    e.add(node, SWF.capacity, thing("capacity", p.capacity))
    if p.stated_on:
        e.add(node, SWF.statedOn, date_literal(p.stated_on))
    e.add_texts(node, SKOS.note, p.note)
    e.add(node, PROV.wasDerivedFrom, e.source(p.source, loc))
