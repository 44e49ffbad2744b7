"""The ontology parses, documents every own term in German and English, and matches kg.namespaces."""

from rdflib import Graph
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.namespaces import SWF

SWF_NS = str(SWF._NS)


def _ontology(project) -> Graph:
    return Graph().parse(project.ontology, format="turtle")


def _own_terms(graph):
    return sorted({s for s in graph.subjects() if str(s).startswith(SWF_NS)})


def test_every_own_term_has_german_and_english_label_and_comment(project):
    graph = _ontology(project)
    missing = []
    for term in _own_terms(graph):
        labels = {l.language for l in graph.objects(term, RDFS.label)}
        comments = {c.language for c in graph.objects(term, RDFS.comment)}
        if not {"de", "en"} <= labels or not {"de", "en"} <= comments:
            missing.append(f"{term}: labels {sorted(labels)}, comments {sorted(comments)}")
    assert missing == []
    assert _own_terms(graph), "the ontology declares no terms"


def test_every_own_term_is_a_class_or_property(project):
    graph = _ontology(project)
    kinds = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}
    untyped = [t for t in _own_terms(graph) if not set(graph.objects(t, RDF.type)) & kinds]
    assert untyped == []


def test_closed_namespace_lists_exactly_the_ontology_terms(project):
    declared = {str(t)[len(SWF_NS):] for t in _own_terms(_ontology(project))}
    in_code = {name for name in SWF.__annotations__}
    assert declared == in_code


def test_every_concept_has_german_and_english_label(project):
    graph = _ontology(project)
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    assert concepts and all(graph.value(c, SKOS.inScheme) is not None for c in concepts)
    for concept in concepts:
        assert {l.language for l in graph.objects(concept, SKOS.prefLabel)} == {"de", "en"}, concept


def test_shapes_parse_and_every_property_shape_has_both_languages(project):
    from rdflib.namespace import SH

    from kg.namespaces import SWFSH
    shapes = Graph().parse(project.shapes, format="turtle")
    with_message = set(shapes.subjects(SH.message, None))
    assert len(with_message) > 60
    for shape in with_message:
        assert {m.language for m in shapes.objects(shape, SH.message)} == {"de", "en"}, shape
        assert {m.language for m in shapes.objects(shape, SWFSH.fix)} == {"de", "en"}, shape
