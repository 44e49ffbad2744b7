"""Turns YAML contributions into RDF: one named graph per file, every reference resolved.

Loading runs in three passes over all files, because a file may refer to what another declares:
parse and check the shape of each file, declare every key in one registry, then emit triples.
Problems are collected, never raised half-way, so a contributor sees all of them at once.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from pydantic import ValidationError
from rdflib import Graph, Literal, URIRef

from kg.contribution_format import KEY_PATTERN, Contribution, FlexDate, Translations, section_fields
from kg.namespaces import (DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SCHEMA, SKOS, SWF, TIME, XSD, graph_iri,
                           thing)
from kg.problems import Problem
from kg.registry import KIND_NAMES, Entry, Registry, where
from kg.yaml_reader import RemappedDocument, YamlDocument, read_yaml

__all__ = ["ParsedFile", "parse_contribution", "declare", "emit", "date_literal", "SECTION_KINDS",
           "ORGANISATION_CLASSES", "INITIATIVE_CLASSES"]

# Which kind of thing each section of a contribution declares, and the IRI path segment it gets.
SECTION_KINDS = {
    "sources": ("source", "source"),
    "series": ("series", "event-series"),
    "organisations": ("organisation", "organisation"),
    "venues": ("venue", "venue"),
    "people": ("person", "person"),
    "initiatives": ("initiative", "initiative"),
    "events": ("event", "event"),
    "topics": ("topic", "topic"),
    "role_types": ("role", "role"),
}
ORGANISATION_CLASSES = {
    "agency": SWF.Agency, "company": SWF.Company, "association": SWF.Association,
    "public-body": SWF.GovernmentBody, "research-institute": SWF.ResearchInstitute,
    "university": SWF.University, "media": SWF.MediaOutlet, "department": SWF.Department,
}
INITIATIVE_CLASSES = {
    "program": SWF.Program, "project": SWF.Project, "campaign": SWF.Campaign, "offer": SWF.Offer,
    "project-idea": SWF.ProjectIdea,
}
SOURCE_CLASSES = {
    "news-article": SCHEMA.NewsArticle, "press-release": SCHEMA.WebPage, "web-page": SCHEMA.WebPage,
    "dataset": SCHEMA.Dataset,
}
DEFAULT_SERIES = "runder-tisch"

# pydantic error types -> message codes of kg.messages
_SHAPE_CODES = {
    "missing": "field-missing", "extra_forbidden": "field-unknown", "bad_date": "bad-date",
    "literal_error": "value-not-allowed", "string_pattern_mismatch": "bad-pattern",
    "count_or_wording": "count-or-wording", "person_or_organisation": "person-or-organisation",
    "string_too_long": "text-too-long", "string_too_short": "text-empty",
    "declaration_needs": "field-missing",
}
_CONTACT_FIELDS = {"email", "e-mail", "e_mail", "mail", "phone", "telefon", "telephone", "tel", "mobile", "mobil",
                   "handy", "address", "adresse", "anschrift", "fax"}
ADDABLE = ("series", "organisations", "venues", "people", "initiatives", "events")


@dataclass
class ParsedFile:
    """One contribution after the first pass: its text positions and its checked content."""

    path: str
    doc: YamlDocument
    model: Contribution | None
    graph_name: URIRef
    problems: list[Problem] = field(default_factory=list)
    dropped: dict[str, list[int]] = field(default_factory=dict)
    dropped_iris: set[str] = field(default_factory=set)


def date_literal(value: FlexDate) -> Literal:
    """xsd:date, xsd:gYearMonth or xsd:gYear, as precise as the source."""
    datatype = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}[value.precision]
    return Literal(value.text, datatype=datatype)


def graph_name_for(shown_path: str) -> URIRef:
    """data/events/rt-21.yaml -> …/graph/events/rt-21."""
    stem = shown_path[len("data/"):] if shown_path.startswith("data/") else shown_path
    return graph_iri(stem.rsplit(".", 1)[0])


def parse_contribution(path: Path, shown: str) -> ParsedFile:
    """First pass: read the YAML and check its shape. Raises ``UnreadableInput`` for unreadable files."""
    doc = read_yaml(path, shown)
    parsed = ParsedFile(shown, doc, None, graph_name_for(shown))
    try:
        parsed.model = Contribution.model_validate(dict(doc.data))
    except ValidationError as exc:
        parsed.problems = _shape_problems(doc, exc)
        parsed.model, parsed.dropped = _partial(doc, exc)
        if parsed.model is not None and parsed.dropped:
            kept = {section: [i for i in range(len(doc.data[section])) if i not in gone]
                    for section, gone in parsed.dropped.items()}
            parsed.doc = RemappedDocument(doc, kept)
    return parsed


def _partial(doc: YamlDocument, exc: ValidationError):
    """The file without the entries that failed their shape check, so the rest can still be
    checked and reported in the same run; the dropped entries' keys still register (see
    ``_section_items``), so references to them do not turn into further errors."""
    data, dropped = dict(doc.data), {}
    for error in exc.errors():
        loc = error["loc"]
        if len(loc) >= 2 and isinstance(loc[1], int) and isinstance(data.get(loc[0]), list):
            dropped.setdefault(loc[0], set()).add(loc[1])
        elif loc:
            data.pop(loc[0], None)
    for section, indexes in dropped.items():
        data[section] = [item for i, item in enumerate(data[section]) if i not in indexes]
    try:
        return Contribution.model_validate(data), {k: sorted(v) for k, v in dropped.items()}
    except ValidationError:
        return None, {}


def _shape_problems(doc: YamlDocument, exc: ValidationError) -> list[Problem]:
    problems = []
    for error in exc.errors():
        loc = tuple(part for part in error["loc"] if not (isinstance(part, str) and part.startswith(
            ("function-", "union[", "str", "Translations", "constrained-str", "literal["))))
        code = _SHAPE_CODES.get(error["type"], "wrong-type")
        line, column = doc.locate(loc)
        where = error.get("ctx", {}).get("field") or next((str(p) for p in reversed(loc) if isinstance(p, str)), "(top)")
        params = {"field": where, "value": _short(error.get("input"))}
        if code == "field-unknown" and str(loc[-1]).casefold() in _CONTACT_FIELDS:
            code = "private-contact"
        elif code == "field-unknown":
            params["suggestion"] = _field_suggestion(loc)
        if code == "value-not-allowed":
            params["allowed"] = ", ".join(_expected(error))
        if code == "wrong-type":
            params["expected"] = _expected_type(error["type"])
        if code == "bad-pattern":
            params["pattern"] = "url" if "http" in str(error.get("ctx", {}).get("pattern", "")) else "key"
            code = "bad-url" if params["pattern"] == "url" else "bad-key"
        problems.append(Problem.of(code, file=doc.path, line=line, column=column, entity=doc.entity_at(loc),
                                   **params))
    return problems


def _short(value) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _expected(error) -> list[str]:
    expected = error.get("ctx", {}).get("expected", "")
    return [part.strip(" '") for part in expected.replace(" or ", ", ").split(",") if part.strip()]


def _expected_type(error_type: str) -> str:
    return {"int_type": "number", "int_parsing": "number", "int_from_float": "number",
            "float_type": "number", "float_parsing": "number", "bool_type": "true/false",
            "bool_parsing": "true/false", "list_type": "list", "model_type": "mapping",
            "dict_type": "mapping", "model_attributes_type": "mapping", "bad_text": "text",
            "string_type": "text", "greater_than_equal": "number >= 0",
            "less_than_equal": "smaller number"}.get(error_type, "other value")


def _field_suggestion(loc) -> str:
    import difflib

    from kg import contribution_format as fmt
    section_models = {"sources": fmt.Source, "series": fmt.Series, "organisations": fmt.Organisation,
                      "venues": fmt.Venue, "people": fmt.Person, "initiatives": fmt.Initiative,
                      "events": fmt.Event, "roles": fmt.Role, "topics": fmt.Concept, "role_types": fmt.Concept}
    nested = {"participants": {"events": fmt.EventParticipant, "initiatives": fmt.Participant},
              "attendance": fmt.Count, "participant_counts": fmt.Count, "funding": fmt.Funding,
              "alternate_names": fmt.AlternateName}
    nested.update({name: fmt.Translations for name in ("description", "note", "date_note", "published_note",
                                                      "format_note", "definition", "purpose")})
    model = Contribution
    section = None
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        if model is Contribution and part in section_models:
            section, model = part, section_models[part]
        elif part in nested:
            entry = nested[part]
            model = entry.get(section, model) if isinstance(entry, dict) else entry
    close = difflib.get_close_matches(str(loc[-1]), section_fields(model), n=1, cutoff=0.5)
    return close[0] if close else ", ".join(section_fields(model))


def declare(files: list[ParsedFile], registry: Registry,
            known_editions: dict[tuple[str, int], Entry] | None = None) -> list[Problem]:
    """Second pass: register every key a file declares; a key declared twice is a problem.

    ``known_editions`` are the (series key, number) pairs already taken outside ``files``.
    """
    problems = []
    editions: dict[tuple[str, int], Entry] = dict(known_editions or {})
    checked = {f.path for f in files}
    additions = []
    for parsed in files:
        for section, (kind, segment) in SECTION_KINDS.items():
            for index, item in enumerate(_section_items(parsed, section)):
                line, column = (YamlDocument.locate(parsed.doc, (section, item.raw_index)) if getattr(item, "dropped", False)
                                else parsed.doc.locate((section, index)))
                if getattr(item, "dropped", False):
                    parsed.dropped_iris.add(str(thing(segment, item.key)))
                if section in ADDABLE and getattr(item, "name", None) is None:
                    additions.append((parsed, kind, item.key, line, column))
                    continue
                label = getattr(item, "name", None) or getattr(item, "title", None) or getattr(item, "de", None) or item.key
                aliases = {alt.name for alt in getattr(item, "alternate_names", [])}
                if kind == "source":
                    aliases.add(item.url)
                entry = Entry(kind, item.key, thing(segment, item.key), label, parsed.path, line, aliases)
                existing = registry.add(entry)
                if existing is not None:
                    problems.append(Problem.of(
                        "key-taken", file=parsed.path, line=line, column=column, entity=label, key=item.key,
                        kind=KIND_NAMES[kind]["en"], kind_de=KIND_NAMES[kind]["de"],
                        other=where(existing)))
                    if existing.file in checked:  # both are being loaded: say it at both places
                        problems.append(Problem.of(
                            "key-taken", file=existing.file, line=existing.line, entity=existing.label, key=item.key,
                            kind=KIND_NAMES[kind]["en"], kind_de=KIND_NAMES[kind]["de"], other=where(entry)))
                if kind == "event" and item.edition is not None:
                    series = item.series or DEFAULT_SERIES
                    taken = editions.get((series, item.edition))
                    if taken is not None and taken.key != item.key:
                        problems.append(Problem.of(
                            "edition-taken", file=parsed.path, line=line, column=column, entity=label,
                            edition=item.edition, other=f"{taken.key} ({where(taken)})"))
                        if taken.file in checked:  # both are being loaded: say it at both places
                            problems.append(Problem.of(
                                "edition-taken", file=taken.file, line=taken.line, entity=taken.label,
                                edition=item.edition, other=f"{item.key} ({where(entry)})"))
                    else:
                        editions[(series, item.edition)] = entry
    for parsed, kind, key, line, column in additions:
        if registry.get(kind, key) is None:
            suggestions = registry.suggest(kind, key)
            problems.append(Problem.of(
                "addition-unknown", file=parsed.path, line=line, column=column, entity=key, key=key,
                kind=KIND_NAMES[kind]["en"], kind_de=KIND_NAMES[kind]["de"],
                suggestions=", ".join(suggestions) or "-"))
    return problems


def _section_items(parsed: ParsedFile, section: str):
    """The checked items of a section, plus, for entries that failed their shape check, whatever
    carries a usable key, so that one mistake does not turn every reference to it into another."""
    from types import SimpleNamespace
    items = parsed.doc.data.get(section)
    if parsed.model is not None:
        checked = list(getattr(parsed.model, section))
        raw = [items[i] for i in parsed.dropped.get(section, [])] if isinstance(items, list) else []
        # the model's entries are at their original places again through RemappedDocument
    else:
        checked, raw = [], items if isinstance(items, list) else []
    out = checked
    raw_indexes = parsed.dropped.get(section, []) if parsed.model is not None else list(range(len(raw)))
    for raw_index, item in zip(raw_indexes, raw):
        if isinstance(item, dict) and isinstance(item.get("key"), str) and re.match(KEY_PATTERN, item["key"]):
            names = item.get("alternate_names") if isinstance(item.get("alternate_names"), list) else []
            out.append(SimpleNamespace(
                key=item["key"], name=item.get("name") if isinstance(item.get("name"), str) else None,
                title=item.get("title") if isinstance(item.get("title"), str) else None,
                de=item.get("de") if isinstance(item.get("de"), str) else None,
                url=str(item.get("url", "")), edition=item.get("edition") if isinstance(item.get("edition"), int) else None,
                series=item.get("series") if isinstance(item.get("series"), str) else None,
                alternate_names=[SimpleNamespace(name=n if isinstance(n, str) else str(n.get("name", "")))
                                 for n in names if isinstance(n, (str, dict))], dropped=True, raw_index=raw_index))
    return out


def emit(parsed: ParsedFile, registry: Registry) -> tuple[Graph, list[Problem], dict[URIRef, int]]:
    """Third pass: the file's named graph, its problems, and the line of every subject it declares."""
    emitter = _Emitter(parsed, registry)
    emitter.run()
    return emitter.graph, emitter.problems, emitter.lines


def _digest(*parts) -> str:
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:8]


class _Emitter:
    """Writes one contribution's triples; collects problems instead of stopping at the first."""

    def __init__(self, parsed: ParsedFile, registry: Registry):
        self.parsed, self.doc, self.model, self.registry = parsed, parsed.doc, parsed.model, registry
        self.graph = Graph()
        self.problems: list[Problem] = []
        self.lines: dict[URIRef, int] = {}
        self.lang = self.model.language
        self.file_sources = [thing("source", s.key) for s in self.model.sources]
        self.cited: set[URIRef] = set(self.file_sources)

    # -- helpers --------------------------------------------------------------------------------
    def add(self, s, p, o):
        if o is not None:
            self.graph.add((s, p, o))

    def ref(self, kind: str, value: str | None, loc) -> URIRef | None:
        if value is None:
            return None
        entry = self.registry.get(kind, value)
        if entry is not None:
            return entry.iri
        line, column = self.doc.locate(loc)
        suggestions = self.registry.suggest(kind, value)
        self.problems.append(Problem.of(
            "unknown-reference" if suggestions else "unknown-reference-no-suggestion",
            file=self.parsed.path, line=line, column=column, entity=self.doc.entity_at(loc), value=value,
            kind=KIND_NAMES[kind]["en"], kind_de=KIND_NAMES[kind]["de"], suggestions=", ".join(suggestions)))
        return None

    def refs(self, kind: str, values, loc) -> list[URIRef]:
        return [iri for i, v in enumerate(values) if (iri := self.ref(kind, v, (*loc, i))) is not None]

    def source(self, value: str | None, loc) -> URIRef | None:
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
        self.lines[iri] = self.doc.locate((section, index))[0]

    def name_variants(self, subject: URIRef, key: str, variants, loc):
        for i, alt in enumerate(variants):
            self.add(subject, SCHEMA.alternateName, Literal(alt.name))
            node = URIRef(f"{subject}/name-variant/{_digest(alt.name, alt.kind)}")
            self.add(subject, SWF.nameVariant, node)
            self.add(node, RDF.type, SWF.NameVariant)
            self.add(node, SWF.variantName, Literal(alt.name))
            self.add(node, SWF.variantKind, thing("name-variant-kind", alt.kind))
            self.add_texts(node, SKOS.note, alt.note)
            self.add(node, PROV.wasDerivedFrom, self.source(alt.source, (*loc, i)))

    def count(self, owner: URIRef, prop, counts, loc, date_prop=SWF.statedOn):
        for i, c in enumerate(counts):
            node = URIRef(f"{owner}/count/{_digest(c.count, c.counts, c.wording, c.stated_on, c.source)}")
            self.add(owner, prop, node)
            self.add(node, RDF.type, SWF.CountStatement)
            if c.count is not None:
                self.add(node, SWF.countValue, Literal(c.count, datatype=XSD.integer))
            self.add(node, SWF.counts, thing("count-unit", c.counts))
            self.add(node, SWF.approximate, Literal(c.approximate))
            if c.wording:
                self.add(node, SWF.wording, Literal(c.wording, lang=self.lang))
            if c.stated_on:
                self.add(node, date_prop, date_literal(c.stated_on))
            self.add_texts(node, SKOS.note, c.note)
            self.add(node, PROV.wasDerivedFrom, self.source(c.source, (*loc, i)))

    # -- sections -------------------------------------------------------------------------------
    def run(self):
        m = self.model
        for i, s in enumerate(m.sources):
            self.emit_source(i, s)
        for i, s in enumerate(m.series):
            self.emit_series(i, s)
        for i, o in enumerate(m.organisations):
            self.emit_organisation(i, o)
        for i, v in enumerate(m.venues):
            self.emit_venue(i, v)
        for i, p in enumerate(m.people):
            self.emit_person(i, p)
        for i, it in enumerate(m.initiatives):
            self.emit_initiative(i, it)
        for i, e in enumerate(m.events):
            self.emit_event(i, e)
        for i, r in enumerate(m.roles):
            self.emit_role(i, r)
        for i, c in enumerate(m.topics):
            self.emit_concept("topics", i, c, "topic", "topics")
        for i, c in enumerate(m.role_types):
            self.emit_concept("role_types", i, c, "role", "roles")
        g = self.parsed.graph_name
        self.add(g, RDF.type, SWF.Contribution)
        self.add(g, RDFS.label, Literal(m.title or self.parsed.path))
        self.add(g, SWF.sourceFile, Literal(self.parsed.path))
        for src in sorted(self.cited):
            self.add(g, PROV.wasDerivedFrom, src)

    def emit_source(self, i, s):
        iri = thing("source", s.key)
        self.declared("sources", i, iri)
        self.add(iri, RDF.type, SOURCE_CLASSES[s.kind])
        self.add(iri, RDF.type, PROV.Entity)
        self.add(iri, RDFS.label, Literal(s.title))
        self.add(iri, SCHEMA.headline, Literal(s.title))
        self.add(iri, SCHEMA.url, Literal(s.url, datatype=XSD.anyURI))
        if s.published:
            self.add(iri, SCHEMA.datePublished, date_literal(s.published))
        self.add_texts(iri, SWF.dateNote, s.published_note)
        if s.publisher:
            self.add(iri, SWF.publisherName, Literal(s.publisher))
        self.add(iri, SCHEMA.publisher, self.ref("organisation", s.publisher_organisation,
                                                 ("sources", i, "publisher_organisation")))
        if s.author:
            self.add(iri, SCHEMA.author, Literal(s.author))
        if s.photo_credit:
            self.add(iri, SWF.photoCredit, Literal(s.photo_credit))
        if s.licence:
            self.add(iri, DCTERMS.license, URIRef(s.licence))

    def emit_series(self, i, s):
        iri = thing("event-series", s.key)
        loc = ("series", i)
        if s.name is not None:
            self.declared("series", i, iri)
            self.add(iri, RDF.type, SCHEMA.EventSeries)
            self.add(iri, RDFS.label, Literal(s.name))
        self.name_variants(iri, s.key, s.alternate_names, (*loc, "alternate_names"))
        for org in self.refs("organisation", s.organisers, (*loc, "organisers")):
            self.add(iri, SCHEMA.organizer, org)
        if s.start:
            self.add(iri, SCHEMA.startDate, date_literal(s.start))
        self.add_texts(iri, SWF.dateNote, s.date_note)
        self.add_texts(iri, SCHEMA.description, s.description)
        self.add(iri, PROV.wasDerivedFrom, self.entity_source(s, loc))

    def emit_organisation(self, i, o):
        entry = self.registry.get("organisation", o.key)
        if entry is None:  # an addition to an unknown key: already reported by declare()
            return
        iri = entry.iri
        loc = ("organisations", i)
        if o.name is not None:
            self.declared("organisations", i, iri)
            self.add(iri, RDF.type, ORG.Organization)
            self.add(iri, RDF.type, ORGANISATION_CLASSES[o.kind])
            self.add(iri, RDFS.label, Literal(o.name))
        self.name_variants(iri, o.key, o.alternate_names, (*loc, "alternate_names"))
        self.add(iri, ORG.subOrganizationOf, self.ref("organisation", o.part_of, (*loc, "part_of")))
        self.add(iri, SWF.basedIn, self.ref("municipality", o.based_in, (*loc, "based_in")))
        if o.place:
            self.add(iri, SWF.placeName, Literal(o.place))
        if o.website:
            self.add(iri, FOAF.homepage, URIRef(o.website))
        if o.founded:
            self.add(iri, SCHEMA.foundingDate, date_literal(o.founded))
        self.add_texts(iri, SCHEMA.description, o.description)
        self.add(iri, PROV.wasDerivedFrom, self.entity_source(o, loc))

    def emit_venue(self, i, v):
        iri = thing("venue", v.key)
        loc = ("venues", i)
        if v.name is not None:
            self.declared("venues", i, iri)
            self.add(iri, RDF.type, SWF.Venue)
            self.add(iri, RDF.type, SCHEMA.Place)
            self.add(iri, RDFS.label, Literal(v.name))
        self.name_variants(iri, v.key, v.alternate_names, (*loc, "alternate_names"))
        self.add(iri, SCHEMA.containedInPlace, self.ref("municipality", v.municipality, (*loc, "municipality")))
        if v.place:
            self.add(iri, SWF.placeName, Literal(v.place))
        self.add(iri, SWF.operatedBy, self.ref("organisation", v.operated_by, (*loc, "operated_by")))
        self.add_texts(iri, SCHEMA.description, v.description)
        self.add(iri, PROV.wasDerivedFrom, self.entity_source(v, loc))

    def emit_person(self, i, p):
        iri = thing("person", p.key)
        loc = ("people", i)
        if p.name is not None:
            self.declared("people", i, iri)
            self.add(iri, RDF.type, FOAF.Person)
            self.add(iri, RDFS.label, Literal(p.name))
        if p.honorific:
            self.add(iri, SCHEMA.honorificPrefix, Literal(p.honorific))
        self.name_variants(iri, p.key, p.alternate_names, (*loc, "alternate_names"))
        self.add_texts(iri, SCHEMA.description, p.description)
        self.add(iri, PROV.wasDerivedFrom, self.entity_source(p, loc))

    def emit_role(self, i, r):
        loc = ("roles", i)
        person = self.ref("person", r.person, (*loc, "person"))
        organisation = self.ref("organisation", r.organisation, (*loc, "organisation"))
        role = self.ref("role", r.role, (*loc, "role"))
        initiative = self.ref("initiative", r.initiative, (*loc, "initiative"))
        source = self.source(r.source, loc)
        if person is None or organisation is None or role is None:
            return  # the unresolved reference is reported; a half statement would only echo it
        iri = thing("membership", f"{person.rsplit('/', 1)[1]}-{_digest(r.organisation, r.role, r.as_stated, r.stated_on, r.start, r.end, source)}")
        self.lines[iri] = self.doc.locate(loc)[0]
        self.add(iri, RDF.type, ORG.Membership)
        self.add(iri, ORG.member, person)
        self.add(iri, ORG.organization, organisation)
        self.add(iri, ORG.role, role)
        self.add(iri, SWF.roleAsStated, Literal(r.as_stated, lang=self.lang))
        self.add(iri, SWF.forInitiative, initiative)
        if r.stated_on:
            self.add(iri, SWF.statedOn, date_literal(r.stated_on))
        if r.start or r.end:
            period = URIRef(f"{iri}/period")
            self.add(iri, ORG.memberDuring, period)
            self.add(period, RDF.type, TIME.Interval)
            for prop, value, suffix in ((TIME.hasBeginning, r.start, "start"), (TIME.hasEnd, r.end, "end")):
                if value:
                    instant = URIRef(f"{period}/{suffix}")
                    self.add(period, prop, instant)
                    self.add(instant, RDF.type, TIME.Instant)
                    in_xsd = {"day": TIME.inXSDDate, "month": TIME.inXSDgYearMonth, "year": TIME.inXSDgYear}
                    self.add(instant, in_xsd[value.precision], date_literal(value))
        self.add_texts(iri, SKOS.note, r.note)
        self.add(iri, PROV.wasDerivedFrom, source)

    def emit_initiative(self, i, it):
        iri = thing("initiative", it.key)
        loc = ("initiatives", i)
        if it.name is not None:
            self.declared("initiatives", i, iri)
            self.add(iri, RDF.type, SWF.Initiative)
            self.add(iri, RDF.type, INITIATIVE_CLASSES[it.kind])
            self.add(iri, RDFS.label, Literal(it.name))
        self.name_variants(iri, it.key, it.alternate_names, (*loc, "alternate_names"))
        for parent in self.refs("initiative", it.part_of, (*loc, "part_of")):
            self.add(iri, DCTERMS.isPartOf, parent)
        for org in self.refs("organisation", it.run_by, (*loc, "run_by")):
            self.add(iri, SWF.runBy, org)
        for org in self.refs("organisation", it.partners, (*loc, "partners")):
            self.add(iri, SWF.partner, org)
        if it.start:
            self.add(iri, SCHEMA.startDate, date_literal(it.start))
        if it.end:
            self.add(iri, SCHEMA.endDate, date_literal(it.end))
        self.add_texts(iri, SWF.dateNote, it.date_note)
        if it.website:
            self.add(iri, FOAF.homepage, URIRef(it.website))
        self.add_texts(iri, SCHEMA.description, it.description)
        for j, f in enumerate(it.funding):
            floc = (*loc, "funding", j)
            node = URIRef(f"{iri}/funding/{_digest(f.amount, f.instrument, f.purpose, f.source)}")
            self.add(iri, SWF.funding, node)
            self.add(node, RDF.type, SWF.FundingClaim)
            if f.amount is not None:
                self.add(node, SWF.amount, Literal(Decimal(str(f.amount)), datatype=XSD.decimal))
            self.add(node, SWF.currency, Literal(f.currency))
            if f.instrument:
                self.add(node, SWF.fundingInstrument, Literal(f.instrument))
            self.add_texts(node, SWF.fundingPurpose, f.purpose)
            self.add(node, SCHEMA.funder, self.ref("organisation", f.funder, (*floc, "funder")))
            self.add_texts(node, SKOS.note, f.note)
            self.add(node, PROV.wasDerivedFrom, self.source(f.source, floc))
        for j, p in enumerate(it.participants):
            ploc = (*loc, "participants", j)
            org = self.ref("organisation", p.organisation, (*ploc, "organisation"))
            if org is None:
                continue
            node = URIRef(f"{iri}/participation/{_digest(p.organisation, p.capacity, p.stated_on, p.source)}")
            self.add(iri, SWF.participation, node)
            self.add(node, RDF.type, SWF.InitiativeParticipation)
            self.add(node, SWF.participatingOrganisation, org)
            self.add(node, SWF.capacity, thing("capacity", p.capacity))
            if p.stated_on:
                self.add(node, SWF.statedOn, date_literal(p.stated_on))
            self.add_texts(node, SKOS.note, p.note)
            self.add(node, PROV.wasDerivedFrom, self.source(p.source, ploc))
        self.count(iri, SWF.participantCount, it.participant_counts, (*loc, "participant_counts"))
        self.add(iri, PROV.wasDerivedFrom, self.entity_source(it, loc))

    def emit_event(self, i, e):
        iri = thing("event", e.key)
        loc = ("events", i)
        if e.name is not None:
            self.declared("events", i, iri)
            self.add(iri, RDF.type, SCHEMA.Event)
            if e.kind == "round-table":
                self.add(iri, RDF.type, SWF.RoundTableEdition)
            self.add(iri, RDFS.label, Literal(e.name))
        series = e.series or (DEFAULT_SERIES if e.kind == "round-table" and e.name is not None else None)
        self.add(iri, SCHEMA.superEvent, self.ref("series", series, (*loc, "series")))
        if e.edition is not None:
            self.add(iri, SWF.editionNumber, Literal(e.edition, datatype=XSD.integer))
            self.add(iri, SWF.editionNumberInferred, Literal(e.edition_inferred))
        if e.date:
            self.add(iri, SCHEMA.startDate, date_literal(e.date))
            self.add(iri, SWF.dateInferred, Literal(e.date_inferred))
        if e.end_date:
            self.add(iri, SCHEMA.endDate, date_literal(e.end_date))
        self.add_texts(iri, SWF.dateNote, e.date_note)
        self.add(iri, SCHEMA.location, self.ref("venue", e.venue, (*loc, "venue")))
        self.add(iri, SWF.inMunicipality, self.ref("municipality", e.municipality, (*loc, "municipality")))
        if e.place:
            self.add(iri, SWF.placeName, Literal(e.place))
        for org in self.refs("organisation", e.hosts, (*loc, "hosts")):
            self.add(iri, SWF.host, org)
        for org in self.refs("organisation", e.organisers, (*loc, "organisers")):
            self.add(iri, SCHEMA.organizer, org)
        for fmt in e.formats:
            self.add(iri, SWF.format, thing("format", fmt))
        self.add_texts(iri, SWF.formatNote, e.format_note)
        self.count(iri, SWF.attendance, e.attendance, (*loc, "attendance"))
        for topic in self.refs("topic", e.topics, (*loc, "topics")):
            self.add(iri, DCTERMS.subject, topic)
        self.add_texts(iri, SCHEMA.description, e.description)
        for j, p in enumerate(e.participants):
            self.emit_event_participation(iri, e.key, p, (*loc, "participants", j))
        sources = self.refs("source", e.sources, (*loc, "sources")) if e.sources else self.file_sources
        if not sources:
            self.source(None, loc)
        for src in sources:
            self.cited.add(src)
            self.add(iri, PROV.wasDerivedFrom, src)

    def emit_event_participation(self, event: URIRef, event_key: str, p, loc):
        if p.person is not None:
            agent = self.ref("person", p.person, (*loc, "person"))
        else:
            agent = self.ref("organisation", p.organisation, (*loc, "organisation"))
        if agent is None:
            return
        agent_key = (p.person or p.organisation).split("/")[-1]
        node = thing("event-participation",
                     f"{event_key}-{_digest(agent_key, p.did, p.presented, p.talk_title, p.source)}")
        self.lines[node] = self.doc.locate(loc)[0]
        self.add(node, RDF.type, SWF.EventParticipation)
        self.add(node, SWF.event, event)
        self.add(node, SWF.agent, agent)
        for activity in p.did:
            self.add(node, SWF.activity, thing("activity", activity))
        for initiative in self.refs("initiative", p.presented, (*loc, "presented")):
            self.add(node, SWF.presented, initiative)
        if p.talk_title:
            self.add(node, SWF.talkTitle, Literal(p.talk_title, lang=self.lang))
        if p.role_as_stated:
            self.add(node, SWF.roleAsStated, Literal(p.role_as_stated, lang=self.lang))
        self.add(node, SWF.onBehalfOf, self.ref("organisation", p.on_behalf_of, (*loc, "on_behalf_of")))
        self.add_texts(node, SKOS.note, p.note)
        self.add(node, PROV.wasDerivedFrom, self.source(p.source, loc))

    def emit_concept(self, section, i, c, segment, scheme):
        iri = thing(segment, c.key)
        self.declared(section, i, iri)
        self.add(iri, RDF.type, SKOS.Concept)
        if segment == "role":
            self.add(iri, RDF.type, ORG.Role)
        self.add(iri, SKOS.inScheme, thing("scheme", scheme))
        for lang in ("de", "en"):
            self.add(iri, SKOS.prefLabel, Literal(getattr(c, lang), lang=lang))
            self.add(iri, RDFS.label, Literal(getattr(c, lang), lang=lang))
        kind = "topic" if segment == "topic" else "role"
        self.add(iri, SKOS.broader, self.ref(kind, c.broader, (section, i, "broader")))
        self.add_texts(iri, SKOS.definition, c.definition)
