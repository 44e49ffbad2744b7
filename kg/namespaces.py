"""IRIs of the graph: the ontology's closed namespace, the base for things, and the reused vocabularies.

A closed namespace (``_fail = True``) turns a mistyped term into an error instead of a silent new
IRI; ``tests/test_ontology.py`` checks that it lists exactly the terms the ontology declares.
"""

from rdflib import Namespace, URIRef
from rdflib.namespace import (
    DCTERMS,
    FOAF,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SKOS,
    TIME,
    XSD,
    DefinedNamespace,
)

from kg.iris import BASE, PREFIXES

__all__ = [
    "BASE", "SWF", "SWFSH", "SCHEMA", "GEO", "ORG", "FOAF", "PROV", "SKOS", "DCTERMS", "OWL", "RDF",
    "RDFS", "TIME", "XSD", "ONTOLOGY_IRI", "thing", "graph_iri", "PREFIXES", "label_of",
]

ONTOLOGY_IRI = URIRef(BASE + "ontology")
SCHEMA = Namespace("https://schema.org/")
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
SWFSH = Namespace(BASE + "shapes#")


class SWF(DefinedNamespace):
    """Terms of ontology/swf-kg.ttl."""

    _NS = Namespace(BASE + "ontology#")
    _fail = True

    Agency: URIRef
    Association: URIRef
    Campaign: URIRef
    Claim: URIRef
    Company: URIRef
    Contribution: URIRef
    CountStatement: URIRef
    Department: URIRef
    District: URIRef
    DistrictBody: URIRef
    EventParticipation: URIRef
    FundingClaim: URIRef
    GovernmentBody: URIRef
    Initiative: URIRef
    InitiativeParticipation: URIRef
    MediaOutlet: URIRef
    MunicipalBody: URIRef
    Municipality: URIRef
    NameVariant: URIRef
    Network: URIRef
    Offer: URIRef
    Program: URIRef
    Project: URIRef
    ProjectIdea: URIRef
    PublicBody: URIRef
    Region: URIRef
    ResearchInstitute: URIRef
    RoundTableEdition: URIRef
    University: URIRef
    Venue: URIRef
    activity: URIRef
    agent: URIRef
    amount: URIRef
    approximate: URIRef
    areaKm2: URIRef
    attendance: URIRef
    basedIn: URIRef
    capacity: URIRef
    claimAbout: URIRef
    claimField: URIRef
    claimValue: URIRef
    countValue: URIRef
    counts: URIRef
    currency: URIRef
    dateInferred: URIRef
    dateNote: URIRef
    editionNumber: URIRef
    editionNumberInferred: URIRef
    endExpected: URIRef
    endInferred: URIRef
    event: URIRef
    forInitiative: URIRef
    format: URIRef
    formatNote: URIRef
    funding: URIRef
    fundingInstrument: URIRef
    fundingPurpose: URIRef
    governedBy: URIRef
    governs: URIRef
    host: URIRef
    hostInferred: URIRef
    inMunicipality: URIRef
    memberCount: URIRef
    municipalityKind: URIRef
    nameVariant: URIRef
    nuts3: URIRef
    officialKey: URIRef
    onBehalfOf: URIRef
    operatedBy: URIRef
    paraphrase: URIRef
    participantCount: URIRef
    participatingOrganisation: URIRef
    participation: URIRef
    partner: URIRef
    photoCredit: URIRef
    placeName: URIRef
    population: URIRef
    postalCodeOfAdministration: URIRef
    presented: URIRef
    publisherName: URIRef
    referenceDate: URIRef
    regionalKey: URIRef
    roleAsStated: URIRef
    runBy: URIRef
    seat: URIRef
    sourceFile: URIRef
    startExpected: URIRef
    startInferred: URIRef
    statedOn: URIRef
    talkTitle: URIRef
    titleTruncated: URIRef
    variantKind: URIRef
    variantName: URIRef
    wording: URIRef


def label_of(graph, node) -> str | None:
    """One label of ``node``, chosen the same way every time: a plain one first, then German, then
    English (``Graph.value`` returns any one of several)."""
    labels = [o for o in graph.objects(node, RDFS.label)]
    if not labels:
        return None
    order = {None: 0, "": 0, "de": 1, "en": 2}
    return str(min(labels, key=lambda o: (order.get(getattr(o, "language", None), 3), str(o))))


def thing(kind: str, key: str) -> URIRef:
    """The IRI of a thing: ``…/id/<kind>/<key>`` (see ontology/README.md)."""
    return URIRef(f"{BASE}id/{kind}/{key}")


def graph_iri(name: str) -> URIRef:
    """The IRI of the named graph that holds one contribution or reference file."""
    return URIRef(f"{BASE}graph/{name}")
