"""Checks that SHACL cannot express well, reported like SHACL's: near-duplicate names, dates
outside a program's period or in the future, and markup in names.

They look at the contributions being validated and compare them with everything already known
(the registry of keys and names, and a lookup of initiative periods), so they run the same way
for a full validation and for a single new file.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import unicodedata
from typing import Callable

import numpy
import pyoxigraph as ox
from rapidfuzz import fuzz, process
from rdflib import URIRef
from rdflib.namespace import FOAF, RDF, RDFS, SKOS, XSD

from kg.load.declare import section_items
from kg.load.parse import ParsedFile
from kg.load.registry import KIND_NAMES, Registry
from kg.load.yaml_reader import YamlDocument
from kg.namespaces import SCHEMA, SWF
from kg.problems import Problem

__all__ = ["run_checks", "private_contact", "normalised_name", "today"]

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_PHONE = re.compile(r"(\+[1-9][0-9]{0,2}|00[1-9][0-9]{0,2}|\b0)[ (]*[0-9][0-9 /()-]{5,}[0-9]")

_NEAR = 0.88          # how alike two normalised names must be to count as a possible duplicate
_MAX_NAME = 300       # longer names are errors of their own (the format's limit)
_LEGAL_FORMS = re.compile(r"\b(gmbh|e\.?\s?v\.?|eg|ag|ug|kg|mbh)\b")
PeriodLookup = Callable[[str], tuple[str | None, str | None]]


def today() -> str:
    """Today's date (KG_TODAY overrides it, for reproducible tests)."""
    return os.environ.get("KG_TODAY") or dt.date.today().isoformat()


def normalised_name(name: str) -> str:
    text = name.casefold()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(a, b)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = _LEGAL_FORMS.sub(" ", text)
    return re.sub(r"[^a-z0-9]", "", text)


def _near(a: str, b: str) -> bool:
    if not a or not b or a == b:
        return a == b and bool(a)
    return difflib.SequenceMatcher(None, a, b).ratio() >= _NEAR


def _before(a: str, b: str) -> bool:
    """a < b at the precision both have ("2018-10" vs "2018-10-28" are not ordered)."""
    n = min(len(a), len(b))
    return a[:n] < b[:n]


class _NameIndex:
    """Every known name of one kind, normalised once, for the near-duplicate check.

    Comparing each new name with every known one by difflib is quadratic in Python (6,000 people
    took over a minute; one 1 MB name 36 s). rapidfuzz's ratio (an LCS ratio, in C++) is never
    below difflib's, so it finds the candidates without losing one, and difflib confirms them with
    the same threshold as before.
    """

    def __init__(self, registry: Registry, kind: str):
        self.rows: list[tuple[str, str, object]] = []  # (normalised, as written, entry), in registry order
        for entry in registry.entries(kind):
            for name in (entry.label, *sorted(entry.aliases - {entry.label})):
                normal = normalised_name(name)
                if not name.isdigit() and normal and len(normal) <= _MAX_NAME:
                    self.rows.append((normal, name, entry))
        self.choices = [row[0] for row in self.rows]

    def first_near(self, mine: str, own_key: str):
        """(the name as written, its entry) of the first known name near ``mine``, or None."""
        return self.first_near_all([(mine, own_key)])[0]

    def first_near_all(self, wanted: list[tuple[str, str]], block: int = 500) -> list:
        """``first_near`` for many names at once: rapidfuzz compares a block of them with every
        known name in one call (C++, on every core)."""
        found: list = [None] * len(wanted)
        usable = [i for i, (mine, _key) in enumerate(wanted) if mine and len(mine) <= _MAX_NAME]
        if not self.choices:
            return found
        for start in range(0, len(usable), block):
            rows = usable[start:start + block]
            scores = process.cdist([wanted[i][0] for i in rows], self.choices, scorer=fuzz.ratio,
                                   score_cutoff=_NEAR * 100, dtype=numpy.uint8, workers=-1)
            for row, i in enumerate(rows):
                mine, own_key = wanted[i]
                for index in numpy.flatnonzero(scores[row]):
                    normal, name, entry = self.rows[index]
                    if entry.key != own_key and _near(mine, normal):
                        found[i] = (name, entry)
                        break
        return found


def run_checks(files: list[ParsedFile], registry: Registry, period_of: PeriodLookup) -> list[Problem]:
    problems = []
    names: dict[str, _NameIndex] = {}
    now = today()
    for parsed in files:
        model = parsed.model
        if model is None:
            continue
        doc = parsed.doc
        for section, kind in (("people", "person"), ("organisations", "organisation")):
            items = [(i, item) for i, item in enumerate(section_items(parsed, section))
                     if isinstance(getattr(item, "name", None), str)]
            if not items:
                continue
            if kind not in names:
                names[kind] = _NameIndex(registry, kind)
            matches = names[kind].first_near_all([(normalised_name(item.name), item.key) for _i, item in items])
            for (i, item), found in zip(items, matches):
                if found is None:
                    continue
                hit, entry = found
                dropped = getattr(item, "dropped", False)
                loc = (section, item.raw_index, "name") if dropped else (section, i, "name")
                line, column = YamlDocument.locate(doc, loc) if dropped else doc.locate(loc)
                problems.append(Problem.of(
                    "near-duplicate", file=parsed.path, line=line, column=column, entity=item.name,
                    name=item.name, other=hit, key=entry.key, where=entry.file or "reference data",
                    kind=KIND_NAMES[kind]["en"], kind_de=KIND_NAMES[kind]["de"]))
        for section in ("people", "organisations", "initiatives", "events", "venues", "series"):
            for i, item in enumerate(getattr(model, section)):
                name = getattr(item, "name", None)
                if name and re.search(r"[<>]", name):
                    line, column = doc.locate((section, i, "name"))
                    problems.append(Problem.of("markup-in-text", file=parsed.path, line=line, column=column,
                                               entity=name, value=name))
        for i, source in enumerate(model.sources):
            for published in source.published:
                if published.text > now[:len(published.text)]:
                    line, column = doc.locate(("sources", i, "published"))
                    problems.append(Problem.of("published-in-future", file=parsed.path, line=line, column=column,
                                               entity=source.title, value=published.text, today=now))
        for i, event in enumerate(model.events):
            if event.date is None:
                continue
            date = event.date.text
            if date > now[:len(date)]:
                line, column = doc.locate(("events", i, "date"))
                problems.append(Problem.of("date-in-future", file=parsed.path, line=line, column=column,
                                           entity=event.name or event.key, value=date, today=now))
            for j, participant in enumerate(event.participants):
                for k, initiative in enumerate(participant.presented):
                    entry = registry.get("initiative", initiative)
                    if entry is None:
                        continue
                    start, end = period_of(str(entry.iri))
                    if (start and _before(date, start)) or (end and _before(end, date)):
                        line, column = doc.locate(("events", i, "participants", j, "presented", k))
                        problems.append(Problem.of(
                            "date-outside-program", file=parsed.path, line=line, column=column,
                            entity=event.name or event.key, date=date, program=entry.label,
                            start=start or "?", end=end or "?"))
    return problems



# Contact data in any vocabulary: foaf:mbox, schema:email, schema:faxNumber, schema:contactPoint,
# vcard:hasTelephone, vcard:street-address, …, recognised by the predicate's local name.
_CONTACT_PREDICATE = re.compile(r"mail|mbox|phone|fax|contact|address|^tel$|mobile", re.I)
# What the person shape (ontology/shapes.ttl) already reports on a person, so it is not said twice.
_PERSON_SHAPE_COVERS = {str(FOAF.mbox), str(SCHEMA.email), "http://www.w3.org/2006/vcard/ns#hasEmail",
                        str(FOAF.phone), str(SCHEMA.telephone), "http://www.w3.org/2006/vcard/ns#hasTelephone",
                        str(SCHEMA.address)}
# The contribution field each text predicate comes from, so the message names what the contributor wrote.
_FIELDS = {RDFS.label: "name", SCHEMA.headline: "title", SCHEMA.description: "description",
           SCHEMA.alternateName: "alternate_names", SWF.variantName: "alternate_names", SKOS.note: "note",
           SWF.roleAsStated: "as_stated", SWF.wording: "wording", SWF.talkTitle: "talk_title",
           SWF.dateNote: "date_note", SWF.formatNote: "format_note", SWF.fundingPurpose: "purpose",
           SWF.placeName: "place", SWF.publisherName: "publisher", SCHEMA.author: "author",
           SWF.photoCredit: "photo_credit", SKOS.definition: "definition", SKOS.prefLabel: "de/en",
           SWF.fundingInstrument: "instrument", SCHEMA.honorificPrefix: "honorific"}


def private_contact(store: ox.Store, graph_names, locations: dict) -> list[Problem]:
    """Private contact data wherever it appears in contributions (the named graphs
    ``graph_names`` of ``store``): a predicate that carries contact data (any vocabulary, any
    subject), a mailto:/tel: address, or an e-mail address or phone number inside any text.
    Reference data and the ontology are not contributions."""
    problems = []
    for name in graph_names:
        quads = sorted(store.quads_for_pattern(None, None, None, ox.NamedNode(str(name))),
                       key=lambda q: (str(q.subject), str(q.predicate), str(q.object)))
        view = _GraphView(quads)
        for quad in quads:
            s, p, o = quad.subject, quad.predicate.value, quad.object
            if not isinstance(s, ox.NamedNode):
                continue
            file, line = locations.get(s.value, (None, None))
            label = view.label(s.value) or view.label(view.owner(s.value))
            where = {"file": file, "line": line, "entity": label, "focus": s.value}
            if s.value in view.people and p in _PERSON_SHAPE_COVERS:
                continue  # reported by the person shape
            local = re.split(r"[/#]", p)[-1]
            if _CONTACT_PREDICATE.search(local):
                problems.append(Problem.of("contact-predicate", predicate=p, **where))
            elif isinstance(o, ox.NamedNode) and o.value.lower().startswith(("mailto:", "tel:", "fax:")):
                problems.append(Problem.of("contact-predicate", predicate=f"{p} <{o.value}>", **where))
            elif isinstance(o, ox.Literal) and (o.language or o.datatype.value == _XSD_STRING):
                field = view.field(s.value, p)
                for pattern, code in ((_EMAIL, "email-in-text"), (_PHONE, "phone-in-text")):
                    if pattern.search(o.value):
                        problems.append(Problem.of(code, field=field, value=_short(o.value), **where))
    return problems


_XSD_STRING = str(XSD.string)


class _GraphView:
    """What ``private_contact`` needs to know of one graph: labels, people, titles, and who points
    to whom (the entry a nested node belongs to)."""

    def __init__(self, quads):
        self.labels: dict[str, list] = {}
        self.people: set[str] = set()
        self.titled: set[str] = set()
        self.pointing: dict[str, list[str]] = {}
        for quad in quads:
            s, p, o = quad.subject, quad.predicate.value, quad.object
            if not isinstance(s, ox.NamedNode):
                continue
            if p == _LABEL and isinstance(o, ox.Literal):
                self.labels.setdefault(s.value, []).append(o)
            elif p == _TYPE and isinstance(o, ox.NamedNode):
                if o.value == _PERSON:
                    self.people.add(s.value)
                elif o.value == _CONTRIBUTION:
                    self.titled.add(s.value)
            elif p == _HEADLINE:
                self.titled.add(s.value)
            if isinstance(o, ox.NamedNode):
                self.pointing.setdefault(o.value, []).append(s.value)

    def label(self, node: str) -> str | None:
        labels = self.labels.get(node)
        if not labels:
            return None
        order = {None: 0, "": 0, "de": 1, "en": 2}
        return min(labels, key=lambda o: (order.get(o.language, 3), o.value)).value

    def owner(self, node: str) -> str:
        """The entry a nested node (a count, a funding claim, a participation) belongs to."""
        return min(self.pointing.get(node, [node]))

    def field(self, subject: str, predicate: str) -> str:
        """The contribution field a statement came from, as the contributor wrote it."""
        if predicate == _LABEL and subject in self.titled:
            return "title"  # a source's title, or the file's own title
        return _FIELDS.get(URIRef(predicate), predicate)


_LABEL, _TYPE, _HEADLINE = str(RDFS.label), str(RDF.type), str(SCHEMA.headline)
_PERSON, _CONTRIBUTION = str(FOAF.Person), str(SWF.Contribution)


def _short(text: str) -> str:
    return text if len(text) <= 80 else text[:77] + "..."
