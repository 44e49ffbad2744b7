"""The ontology as an HTML reference page for people who don't read Turtle: every class and
property of the ontology with its name, explanation, domain, range and parent, and the terms
reused from other vocabularies with their names. Item pages link their properties here."""

from __future__ import annotations

from kg.iris import BASE, PREFIXES
from kg.views.render import render

__all__ = ["term_anchor", "ontology_page", "SECTIONS"]

OWL = PREFIXES["owl"]
SECTIONS = {  # the query's "type": heading, German and English
    OWL + "Class": ("Klassen", "Classes"),
    OWL + "ObjectProperty": ("Beziehungen (Objekteigenschaften)", "Relations (object properties)"),
    OWL + "DatatypeProperty": ("Angaben (Dateneigenschaften)", "Values (datatype properties)"),
    OWL + "AnnotationProperty": ("Anmerkungen", "Annotations"),
    "reused": ("Mitbenutzte Begriffe anderer Vokabulare", "Terms reused from other vocabularies"),
}
_NAMESPACES = sorted(((iri, prefix) for prefix, iri in PREFIXES.items() if not iri.startswith(BASE)),
                     key=lambda pair: -len(pair[0]))  # reused vocabularies, the longest namespace first


def term_anchor(iri: str) -> str | None:
    """The term's anchor on the reference page: its local name for the ontology's own terms,
    prefix-name for a reused one (``schema-location``); None for an IRI of no known vocabulary."""
    if iri.startswith(PREFIXES["swf"]):
        return iri[len(PREFIXES["swf"]):]
    for namespace, prefix in _NAMESPACES:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}-{iri[len(namespace):]}"
    return None


def ontology_page(rows: list[tuple], lang: str, switch: dict | None = None) -> str:
    """``rows`` of the catalog query ontology-terms, grouped into sections."""
    sections = []
    for key, (de, en) in SECTIONS.items():
        terms = [{"anchor": term_anchor(term), "iri": term, "label": label or term_anchor(term) or term,
                  "comment": comment, "domain": domain, "range": range_, "parent": parent}
                 for kind, term, label, comment, domain, range_, parent in rows if kind == key]
        if terms:
            sections.append({"title": de if lang == "de" else en, "terms": terms, "own": key != "reused"})
    words = {"de": {"home": "Startseite", "title": "Ontologie des Regionalmarketing-Netzwerks Südwestfalen",
                    "intro": "Die Begriffe, mit denen der Graph beschrieben ist. Die Angaben auf den Seiten der "
                             "Einträge verweisen hierher.",
                    "name": "Begriff", "comment": "Erläuterung", "domain": "gilt für", "range": "Wert",
                    "parent": "Oberbegriff", "download": "Die Ontologie als Turtle-Datei steht im Projekt unter ontology/."},
             "en": {"home": "Home", "title": "Ontology of the Südwestfalen regional-marketing network",
                    "intro": "The terms the graph is described with. The facts on the item pages link here.",
                    "name": "Term", "comment": "Explanation", "domain": "Applies to", "range": "Value",
                    "parent": "Parent", "download": "The ontology as a Turtle file is in the project under ontology/."}}[lang]
    return render("ontology.html", lang=lang, w=words, title=words["title"], home="index.html", sections=sections,
                  switch=switch)
