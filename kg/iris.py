"""The graph's IRIs as plain strings: the base and the prefixes, for the parts that must not pay
for importing rdflib (``kg query`` starts in a fraction of a second). ``kg.namespaces`` builds its
rdflib namespaces on these; a test checks that both agree."""

__all__ = ["BASE", "PREFIXES"]

BASE = "https://w3id.org/swf-kg/"

PREFIXES = {
    "swf": BASE + "ontology#",
    "swfsh": BASE + "shapes#",
    "schema": "https://schema.org/",
    "org": "http://www.w3.org/ns/org#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "geo": "http://www.w3.org/2003/01/geo/wgs84_pos#",
    "time": "http://www.w3.org/2006/time#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "person": BASE + "id/person/",
    "organisation": BASE + "id/organisation/",
    "municipality": BASE + "id/municipality/",
    "municipalbody": BASE + "id/municipal-body/",
    "district": BASE + "id/district/",
    "districtbody": BASE + "id/district-body/",
    "event": BASE + "id/event/",
    "initiative": BASE + "id/initiative/",
    "venue": BASE + "id/venue/",
    "source": BASE + "id/source/",
    "topic": BASE + "id/topic/",
    "role": BASE + "id/role/",
    "graph": BASE + "graph/",
}
