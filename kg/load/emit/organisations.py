"""The ``organisations`` and ``venues`` sections: who acts, and where things happen."""

from __future__ import annotations

from rdflib import Literal, URIRef

from kg.load.emit.context import FileEmitter, date_literal
from kg.namespaces import FOAF, ORG, PROV, SCHEMA, SWF, thing

__all__ = ["emit_organisation", "emit_venue", "ORGANISATION_CLASSES"]

ORGANISATION_CLASSES = {
    "agency": SWF.Agency, "company": SWF.Company, "association": SWF.Association,
    "public-body": SWF.GovernmentBody, "research-institute": SWF.ResearchInstitute,
    "university": SWF.University, "media": SWF.MediaOutlet, "department": SWF.Department, "network": SWF.Network,
}


def emit_organisation(e: FileEmitter, i: int, o) -> None:
    entry = e.registry.get("organisation", o.key)
    if entry is None:  # an addition to an unknown key: already reported by declare()
        return
    iri = entry.iri
    loc = ("organisations", i)
    e.entity("organisations", i, iri, o, ORG.Organization, ORGANISATION_CLASSES.get(o.kind))
    e.add(iri, ORG.subOrganizationOf, e.ref("organisation", o.part_of, (*loc, "part_of")))
    e.add(iri, SWF.basedIn, e.ref("municipality", o.based_in, (*loc, "based_in")))
    if o.place:
        e.add(iri, SWF.placeName, Literal(o.place))
    if o.website:
        e.add(iri, FOAF.homepage, URIRef(o.website))
    if o.founded:
        e.add(iri, SCHEMA.foundingDate, date_literal(o.founded))
    e.add_texts(iri, SCHEMA.description, o.description)
    e.counts(iri, SWF.memberCount, o.member_counts, (*loc, "member_counts"))
    e.add(iri, PROV.wasDerivedFrom, e.entity_source(o, loc))


def emit_venue(e: FileEmitter, i: int, v) -> None:
    iri = thing("venue", v.key)
    loc = ("venues", i)
    e.entity("venues", i, iri, v, SWF.Venue, SCHEMA.Place)
    e.add(iri, SCHEMA.containedInPlace, e.ref("municipality", v.municipality, (*loc, "municipality")))
    if v.place:
        e.add(iri, SWF.placeName, Literal(v.place))
    e.add(iri, SWF.operatedBy, e.ref("organisation", v.operated_by, (*loc, "operated_by")))
    e.add_texts(iri, SCHEMA.description, v.description)
    e.add(iri, PROV.wasDerivedFrom, e.entity_source(v, loc))
