"""The 21st round table (Altena) is in the graph completely, and its facts answer SPARQL queries."""

from rdflib import Literal, URIRef

PREFIXES = """
PREFIX swf: <https://w3id.org/swf-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
"""
EVENT = URIRef("https://w3id.org/swf-kg/id/event/runder-tisch-21")


def rows(union, query, **bindings):
    return sorted(tuple(str(v) if v is not None else None for v in row)
                  for row in union.query(PREFIXES + query, initBindings=bindings))


def test_who_welcomed_at_the_21st_edition(built):
    _r, _o, union = built
    assert rows(union, """SELECT ?name WHERE { ?p swf:event ?e ; swf:activity <https://w3id.org/swf-kg/id/activity/welcomed> ;
                                   swf:agent/rdfs:label ?name . ?e swf:editionNumber 21 }""") == [("Uwe Kober",)]


def test_who_presented_what(built):
    _r, _o, union = built
    assert rows(union, """SELECT ?name ?what WHERE { ?p swf:event ?e ; swf:presented/rdfs:label ?what ;
                                   swf:agent/rdfs:label ?name }""", e=EVENT) == [
        ("Marie Ting", "Gap Year Südwestfalen"), ("Marie Ting", "Südwestfalen-Lkw-Aktion"),
        ("Marie Ting", "„Komm & Bleib“-Kampagne"),
        ("Saskia Haardt-Cerff", "Arbeitgeberschmiede Südwestfalen"), ("Saskia Haardt-Cerff", "Reverse Mentoring")]


def test_talk_title_and_speaker_organisation(built):
    _r, _o, union = built
    assert rows(union, """SELECT ?name ?title ?org WHERE { ?p swf:event ?e ; swf:talkTitle ?title ;
                                   swf:agent/rdfs:label ?name ; swf:onBehalfOf/rdfs:label ?org }""", e=EVENT) == [
        ("Sven Parnemann", "Storytelling in den sozialen Medien für Kommunen", "NORDWAND.digital")]


def test_venue_municipality_district_host_organiser_format(built):
    _r, _o, union = built
    assert rows(union, """SELECT ?venue ?town ?ags ?district ?host ?organiser WHERE {
        ?e schema:location ?v . ?v rdfs:label ?venue ; schema:containedInPlace ?m .
        ?m rdfs:label ?town ; swf:officialKey ?ags ; schema:containedInPlace/rdfs:label ?district .
        ?e swf:inMunicipality ?m ; swf:host/rdfs:label ?host ; schema:organizer/rdfs:label ?organiser }""", e=EVENT) == [
        ("Burg Holtzbrinck", "Altena", "05962004", "Märkischer Kreis", "Stadt Altena", "Südwestfalen Agentur GmbH")]
    formats = rows(union, "SELECT ?f WHERE { ?e swf:format/skos:prefLabel ?f FILTER(lang(?f) = 'en') }", e=EVENT)
    assert formats == [("Barcamp",), ("in person",)]


def test_host_is_the_body_and_the_venue_is_in_the_territory(built):
    _r, _o, union = built
    host = union.value(EVENT, URIRef("https://w3id.org/swf-kg/ontology#host"))
    town = union.value(EVENT, URIRef("https://w3id.org/swf-kg/ontology#inMunicipality"))
    assert str(host) == "https://w3id.org/swf-kg/id/municipal-body/05962004"
    assert str(town) == "https://w3id.org/swf-kg/id/municipality/05962004"
    assert (host, URIRef("https://w3id.org/swf-kg/ontology#governs"), town) in union


def test_attendance_says_what_it_counts_and_that_it_is_approximate(built):
    _r, _o, union = built
    assert rows(union, """SELECT ?n ?approx ?unit ?wording WHERE { ?e swf:attendance ?c . ?c swf:countValue ?n ;
        swf:approximate ?approx ; swf:counts/skos:prefLabel ?unit ; swf:wording ?wording FILTER(lang(?unit) = 'en') }""",
                e=EVENT) == [("30", "true", "people", "rund 30 Teilnehmenden")]


def test_topics_in_both_languages(built):
    _r, _o, union = built
    assert rows(union, "SELECT ?t WHERE { ?e dcterms:subject/skos:prefLabel ?t FILTER(lang(?t) = 'en') }", e=EVENT) == [
        ("Artificial intelligence",), ("Company networks",), ("Finding and keeping young talent",),
        ("Reviving town centres",), ("Social media",)]


def test_roles_as_stated_with_organisation_and_source(built):
    _r, _o, union = built
    assert rows(union, """SELECT ?name ?stated ?org ?url WHERE { ?m a org:Membership ; org:member/rdfs:label ?name ;
        swf:roleAsStated ?stated ; org:organization/rdfs:label ?org ; prov:wasDerivedFrom/schema:url ?url
        FILTER(?url = ?source) }""", source=Literal(SOURCE, datatype=URIRef("http://www.w3.org/2001/XMLSchema#anyURI"))) == [
        ("Marie Ting", "Leiterin des Regionalmarketings", "Südwestfalen Agentur GmbH", SOURCE),
        ("Saskia Haardt-Cerff", "Projektleiterin der „Arbeitgeberschmiede Südwestfalen“", "Südwestfalen Agentur GmbH", SOURCE),
        ("Sven Parnemann", "von NORDWAND.digital", "NORDWAND.digital", SOURCE),
        ("Uwe Kober", "Bürgermeister", "Stadt Altena", SOURCE)]


SOURCE = ("http://www.olsberg-mittendrin.de/index.php/beitraege/regionales/"
          "17775-suedwestfaelische-kommunen-tauschen-sich-zu-zukunftsthemen-aus")


def test_misprint_is_a_variant_of_one_person_not_a_second_person(built):
    _r, _o, union = built
    assert rows(union, """SELECT ?name ?variant ?kind WHERE { ?p a foaf:Person ; rdfs:label ?name ; swf:nameVariant ?v .
        ?v swf:variantName ?variant ; swf:variantKind/skos:prefLabel ?kind FILTER(lang(?kind) = 'en')
        FILTER(?kind = "misprint"@en) }""") == [
        ("Saskia Haardt-Cerff", "Hardt-Cerff", "misprint")]
    assert rows(union, "SELECT ?p WHERE { ?p rdfs:label ?l FILTER(CONTAINS(?l, 'Cerff')) }") == [
        ("https://w3id.org/swf-kg/id/person/saskia-haardt-cerff",)]


def test_photo_credit_and_photographer(built):
    _r, _o, union = built
    assert rows(union, """SELECT ?credit WHERE { ?e prov:wasDerivedFrom ?s . ?s swf:photoCredit ?credit }""",
                e=EVENT) == [("Foto: Barbara Sander-Graetz / Südwestfalen Agentur GmbH",)]
    assert rows(union, """SELECT ?name WHERE { ?p swf:event ?e ; swf:activity <https://w3id.org/swf-kg/id/activity/photographed> ;
        swf:agent/rdfs:label ?name }""", e=EVENT) == [("Barbara Sander-Graetz",)]


def test_gap_year_is_part_of_the_arbeitgeberschmiede(built):
    _r, _o, union = built
    assert rows(union, """SELECT ?part WHERE { ?i dcterms:isPartOf ?p . ?p rdfs:label "Arbeitgeberschmiede Südwestfalen" .
        ?i rdfs:label ?part }""") == [("Gap Year Südwestfalen",), ("Reverse Mentoring",)]


def test_every_statement_about_the_edition_carries_the_source(built):
    _r, _o, union = built
    unsourced = rows(union, """SELECT ?n WHERE { { ?n swf:event ?e } UNION { BIND(?e AS ?n) }
        FILTER NOT EXISTS { ?n prov:wasDerivedFrom ?s } }""", e=EVENT)
    assert unsourced == []
    assert Literal(21, datatype=URIRef("http://www.w3.org/2001/XMLSchema#integer")) in set(union.objects(EVENT, None))
