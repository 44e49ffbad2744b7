"""The 59 municipalities and 5 districts, as territory and body, with their official figures."""

PREFIXES = """
PREFIX swf: <https://w3id.org/swf-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""


def rows(union, query):
    return sorted(tuple(str(v) for v in row) for row in union.query(PREFIXES + query))


def test_59_municipalities_in_5_districts(built):
    _r, _o, union = built
    assert rows(union, """SELECT ?district (COUNT(?m) AS ?n) WHERE { ?m a swf:Municipality ;
        schema:containedInPlace/rdfs:label ?district } GROUP BY ?district""") == [
        ("Hochsauerlandkreis", "12"), ("Kreis Olpe", "7"), ("Kreis Siegen-Wittgenstein", "11"),
        ("Kreis Soest", "14"), ("Märkischer Kreis", "15")]


def test_40_towns_and_19_municipalities(built):
    _r, _o, union = built
    assert rows(union, """SELECT ?kind (COUNT(?m) AS ?n) WHERE { ?m swf:municipalityKind ?k .
        BIND(STRAFTER(STR(?k), "municipality-kind/") AS ?kind) } GROUP BY ?kind""") == [("gemeinde", "19"), ("stadt", "40")]


def test_territory_and_body_are_two_linked_nodes_with_the_same_key(built):
    _r, _o, union = built
    assert rows(union, """SELECT ?town ?body ?key WHERE { ?t a swf:Municipality ; rdfs:label ?town ; swf:officialKey ?key ;
        swf:governedBy ?b . ?b a swf:MunicipalBody ; rdfs:label ?body ; swf:officialKey ?key ; swf:governs ?t
        FILTER(?key IN ("05962004", "05966004", "05970040", "05958004")) }""") == [
        ("Altena", "Stadt Altena", "05962004"), ("Arnsberg", "Stadt Arnsberg", "05958004"),
        ("Attendorn", "Hansestadt Attendorn", "05966004"), ("Siegen", "Universitätsstadt Siegen", "05970040")]


def test_population_with_reference_date_and_licensed_source(built):
    _r, _o, union = built
    assert rows(union, """SELECT ?n ?date ?licence WHERE { ?t swf:officialKey "05962004" ; swf:population ?p .
        ?p swf:countValue ?n ; swf:referenceDate ?date ; prov:wasDerivedFrom/dcterms:license ?licence }""") == [
        ("16718", "2019-12-31", "https://www.govdata.de/dl-de/by-2-0"),
        ("16774", "2022-05-15", "https://www.govdata.de/dl-de/by-2-0")]


def test_districts_with_seat_and_region(built):
    _r, _o, union = built
    assert rows(union, """SELECT ?d ?seat WHERE { ?x a swf:District ; rdfs:label ?d ; swf:seat/rdfs:label ?seat ;
        schema:containedInPlace/rdfs:label "Südwestfalen" }""") == [
        ("Hochsauerlandkreis", "Meschede"), ("Kreis Olpe", "Olpe"), ("Kreis Siegen-Wittgenstein", "Siegen"),
        ("Kreis Soest", "Soest"), ("Märkischer Kreis", "Lüdenscheid")]
