"""What every section's emitter shares while writing one file's triples: the graph, the problems
found so far, reference resolution against the registry, sources, texts, name variants and counts.

Problems are collected, never raised half-way, so a contributor sees all of them at once.
"""

from __future__ import annotations

import hashlib

from rdflib import Graph, Literal, URIRef

from kg.load.format import FlexDate, Translations
from kg.load.parse import ParsedFile
from kg.load.registry import KIND_NAMES, Registry
from kg.load.templates import PLACEHOLDERS
from kg.namespaces import PROV, RDF, RDFS, SCHEMA, SKOS, SWF, XSD, thing
from kg.problems import Problem

__all__ = ["FileEmitter", "date_literal", "digest"]


def date_literal(value: FlexDate) -> Literal:
    """xsd:date, xsd:gYearMonth or xsd:gYear, as precise as the source."""
    datatype = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}[value.precision]
    return Literal(value.text, datatype=datatype)


def digest(*parts) -> str:
    """A short stable hash of a statement's content, for the IRI of a qualified node."""
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:8]


class FileEmitter:
    """The state of emitting one contribution: its graph, problems and the lines of its subjects."""

    def __init__(self, parsed: ParsedFile, registry: Registry):
        self.parsed, self.doc, self.model, self.registry = parsed, parsed.doc, parsed.model, registry
        self.graph = Graph()
        self.problems: list[Problem] = []
        self.lines: dict[URIRef, int] = {}
        self.lang = self.model.language
        self.file_sources = [thing("source", s.key) for s in self.model.sources]
        self.cited: set[URIRef] = set(self.file_sources)

    def add(self, s, p, o):
        """Add a triple unless its object is missing (an unresolved or absent value); a list of
        objects (the sources of a statement reported jointly) adds one triple each."""
        for each in (o if isinstance(o, list) else [o]):
            if each is not None:
                self.graph.add((s, p, each))

    def ref(self, kind: str, value: str | None, loc) -> URIRef | None:
        """The IRI a reference means, or None with an "unknown … did you mean" problem."""
        if value is None or value in PLACEHOLDERS:  # an example value is reported as such
            return None
        entry = self.registry.get(kind, value)
        if entry is not None:
            return entry.iri
        line, column = self.doc.locate(loc)
        suggestions = self.registry.suggest(kind, value)
        if kind == "municipality":  # municipalities come from the reference data and cannot be declared
            names = self.registry.suggest(kind, value, names_only=True)
            self.problems.append(Problem.of(
                "unknown-municipality", file=self.parsed.path, line=line, column=column,
                entity=self.doc.entity_at(loc), value=value, suggestions=", ".join(names) or "-"))
            return None
        self.problems.append(Problem.of(
            "unknown-reference" if suggestions else "unknown-reference-no-suggestion",
            file=self.parsed.path, line=line, column=column, entity=self.doc.entity_at(loc), value=value,
            kind=KIND_NAMES[kind]["en"], kind_de=KIND_NAMES[kind]["de"], suggestions=", ".join(suggestions)))
        return None

    def refs(self, kind: str, values, loc) -> list[URIRef]:
        return [iri for i, v in enumerate(values) if (iri := self.ref(kind, v, (*loc, i))) is not None]

    def source(self, value: str | list[str] | None, loc) -> URIRef | list[URIRef] | None:
        """The source a statement cites: the one named (or the several named, when they report it
        jointly), else the file's only source."""
        if isinstance(value, list):
            iris = [self.ref("source", v, (*loc, "source", i)) for i, v in enumerate(value)]
            self.cited.update(iri for iri in iris if iri is not None)
            return [iri for iri in iris if iri is not None] or None
        if value is not None:
            iri = self.ref("source", value, (*loc, "source"))
        elif len(self.file_sources) == 1:
            iri = self.file_sources[0]
        else:
            line, column = self.doc.locate(loc)
            self.problems.append(Problem.of(
                "source-needed" if self.file_sources else "source-missing", file=self.parsed.path, line=line,
                column=column, entity=self.doc.entity_at(loc),
                keys=", ".join(s.key for s in self.model.sources)))
            return None
        if iri is not None:
            self.cited.add(iri)
        return iri

    def entity_source(self, item, loc) -> URIRef | None:
        """The source of a declaration; an addition (no name) cites one only when it says which."""
        if item.name is None and item.source is None:
            return None
        return self.source(item.source, loc)

    def texts(self, value) -> list[Literal]:
        if value is None:
            return []
        if isinstance(value, Translations):
            return [Literal(text, lang=lang) for lang, text in (("de", value.de), ("en", value.en)) if text]
        return [Literal(value, lang=self.lang)]

    def add_texts(self, s, p, value):
        for literal in self.texts(value):
            self.graph.add((s, p, literal))

    def declared(self, section: str, index: int, iri: URIRef):
        """Remember the line that declares ``iri``, for messages about it."""
        self.lines[iri] = self.doc.locate((section, index))[0]

    def entity(self, section: str, index: int, iri: URIRef, item, *types: URIRef) -> None:
        """An entry's head: where it is declared, its types and its name, and its name variants.
        An entry without a name adds to one declared elsewhere, so it gets no types or label (and
        its kind, which only a declaration gives, is None)."""
        if item.name is not None:
            self.declared(section, index, iri)
            for cls in types:
                self.add(iri, RDF.type, cls)
            self.add(iri, RDFS.label, Literal(item.name))
        self.name_variants(iri, item.alternate_names, (section, index, "alternate_names"), item.source)

    def name_variants(self, subject: URIRef, variants, loc, entry_source: str | None = None):
        """Name variants; one seen in the same report as its entry cites the entry's source."""
        for i, alt in enumerate(variants):
            self.add(subject, SCHEMA.alternateName, Literal(alt.name))
            node = URIRef(f"{subject}/name-variant/{digest(alt.name, alt.kind)}")
            self.lines.setdefault(node, self.doc.locate((*loc, i))[0])
            self.add(subject, SWF.nameVariant, node)
            self.add(node, RDF.type, SWF.NameVariant)
            self.add(node, SWF.variantName, Literal(alt.name))
            self.add(node, SWF.variantKind, thing("name-variant-kind", alt.kind))
            self.add_texts(node, SKOS.note, alt.note)
            self.add(node, PROV.wasDerivedFrom, self.source(alt.source or entry_source, (*loc, i)))

    def counts(self, owner: URIRef, prop, counts, loc):
        """Count statements (attendance, participant numbers), each with its unit and source."""
        for i, c in enumerate(counts):
            node = URIRef(f"{owner}/count/{digest(c.count, c.counts, c.wording, c.stated_on, c.source)}")
            self.lines.setdefault(node, self.doc.locate((*loc, i))[0])
            self.add(owner, prop, node)
            self.add(node, RDF.type, SWF.CountStatement)
            if c.count is not None:
                self.add(node, SWF.countValue, Literal(c.count, datatype=XSD.integer))
            self.add(node, SWF.counts, thing("count-unit", c.counts))
            self.add(node, SWF.approximate, Literal(c.approximate))
            if c.wording:
                self.add(node, SWF.wording, Literal(c.wording, lang=self.lang))
            self.add_texts(node, SWF.paraphrase, c.paraphrase)
            if c.stated_on:
                self.add(node, SWF.statedOn, date_literal(c.stated_on))
            self.add_texts(node, SKOS.note, c.note)
            self.add(node, PROV.wasDerivedFrom, self.source(c.source, (*loc, i)))
