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

from kg.load.declare import section_items
from kg.load.parse import ParsedFile
from kg.load.registry import KIND_NAMES, Registry
from kg.load.yaml_reader import YamlDocument
from kg.problems import Problem

__all__ = ["run_checks", "contact_in_text", "normalised_name", "today"]

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_PHONE = re.compile(r"(\+49|0049|\b0)[1-9][0-9 /()-]{6,}[0-9]")

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
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.88


def _before(a: str, b: str) -> bool:
    """a < b at the precision both have ("2018-10" vs "2018-10-28" are not ordered)."""
    n = min(len(a), len(b))
    return a[:n] < b[:n]


def run_checks(files: list[ParsedFile], registry: Registry, period_of: PeriodLookup) -> list[Problem]:
    problems = []
    now = today()
    for parsed in files:
        model = parsed.model
        if model is None:
            continue
        doc = parsed.doc
        for section, kind in (("people", "person"), ("organisations", "organisation")):
            for i, item in enumerate(section_items(parsed, section)):
                if not isinstance(getattr(item, "name", None), str):
                    continue
                mine = normalised_name(item.name)
                for entry in registry.entries(kind):
                    if entry.key == item.key:
                        continue
                    names = [entry.label, *sorted(entry.aliases - {entry.label})]
                    hit = next((n for n in names if not n.isdigit() and _near(mine, normalised_name(n))), None)
                    if hit:
                        loc = (section, item.raw_index, "name") if getattr(item, "dropped", False) else (section, i, "name")
                        line, column = (YamlDocument.locate(doc, loc) if getattr(item, "dropped", False)
                                        else doc.locate(loc))
                        where = entry.file or "reference data"
                        problems.append(Problem.of(
                            "near-duplicate", file=parsed.path, line=line, column=column, entity=item.name,
                            name=item.name, other=hit, key=entry.key, where=where,
                            kind=KIND_NAMES[kind]["en"], kind_de=KIND_NAMES[kind]["de"]))
                        break
        for section in ("people", "organisations", "initiatives", "events", "venues", "series"):
            for i, item in enumerate(getattr(model, section)):
                name = getattr(item, "name", None)
                if name and re.search(r"[<>]", name):
                    line, column = doc.locate((section, i, "name"))
                    problems.append(Problem.of("markup-in-text", file=parsed.path, line=line, column=column,
                                               entity=name, value=name))
        for i, source in enumerate(model.sources):
            if source.published and source.published.text > now[:len(source.published.text)]:
                line, column = doc.locate(("sources", i, "published"))
                problems.append(Problem.of("published-in-future", file=parsed.path, line=line, column=column,
                                           entity=source.title, value=source.published.text, today=now))
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



def contact_in_text(graph, locations: dict) -> list[Problem]:
    """Private contact data (e-mail address, phone number) in what is said about a person."""
    from rdflib.namespace import FOAF, RDF, RDFS

    from kg.namespaces import SCHEMA
    problems = []
    for person in sorted(set(graph.subjects(RDF.type, FOAF.Person)), key=str):
        file, line = locations.get(person, (None, None))
        label = graph.value(person, RDFS.label)
        for text in sorted(str(o) for o in graph.objects(person, SCHEMA.description)):
            for pattern, code in ((_EMAIL, "email-in-text"), (_PHONE, "phone-in-text")):
                if pattern.search(text):
                    problems.append(Problem.of(code, file=file, line=line, entity=str(label) if label else None,
                                               focus=str(person), value=text[:80]))
    return problems
