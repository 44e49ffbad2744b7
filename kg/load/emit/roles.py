"""The ``roles`` section: a person's role in an organisation as one source states it, as an
``org:Membership`` with the date or period it was stated for."""

from __future__ import annotations

from rdflib import Literal, URIRef

from kg.load.emit.context import FileEmitter, date_literal, digest
from kg.namespaces import ORG, PROV, RDF, SKOS, SWF, TIME, thing

__all__ = ["emit_role"]

_IN_XSD = {"day": TIME.inXSDDate, "month": TIME.inXSDgYearMonth, "year": TIME.inXSDgYear}


def emit_role(e: FileEmitter, i: int, r) -> None:
    loc = ("roles", i)
    person = e.ref("person", r.person, (*loc, "person"))
    organisation = e.ref("organisation", r.organisation, (*loc, "organisation"))  # None: the source names none
    role = e.ref("role", r.role, (*loc, "role"))
    initiative = e.ref("initiative", r.initiative, (*loc, "initiative"))
    source = e.source(r.source, loc)
    if person is None or role is None or (r.organisation is not None and organisation is None):
        return  # the unresolved reference is reported; a half statement would only echo it
    key = digest(r.organisation, r.role, r.as_stated, r.stated_on, r.start, r.end, source)
    iri = thing("membership", f"{person.rsplit('/', 1)[1]}-{key}")
    e.lines[iri] = e.doc.locate(loc)[0]
    e.add(iri, RDF.type, ORG.Membership)
    e.add(iri, ORG.member, person)
    e.add(iri, ORG.organization, organisation)
    e.add(iri, ORG.role, role)
    if r.as_stated:
        e.add(iri, SWF.roleAsStated, Literal(r.as_stated, lang=e.lang))
    e.add_texts(iri, SWF.paraphrase, r.paraphrase)
    e.add(iri, SWF.forInitiative, initiative)
    if r.stated_on:
        e.add(iri, SWF.statedOn, date_literal(r.stated_on))
    if r.start or r.end:
        period = URIRef(f"{iri}/period")
        e.lines[period] = e.lines[iri]
        e.add(iri, ORG.memberDuring, period)
        e.add(period, RDF.type, TIME.Interval)
        for prop, value, suffix in ((TIME.hasBeginning, r.start, "start"), (TIME.hasEnd, r.end, "end")):
            if value:
                instant = URIRef(f"{period}/{suffix}")
                e.lines[instant] = e.lines[iri]
                e.add(period, prop, instant)
                e.add(instant, RDF.type, TIME.Instant)
                e.add(instant, _IN_XSD[value.precision], date_literal(value))
    e.add_texts(iri, SKOS.note, r.note)
    e.add(iri, PROV.wasDerivedFrom, source)
