"""What the item pages show: every named thing of the graph with its facts and their sources, a
person's roles over time and activities at events, an event's participants and its neighbours in
the series, and the links of the network around it.

Everything is gathered with a handful of catalog queries run once for the whole graph (their
entity parameter left unbound) and grouped here, so the cost does not grow with the number of
pages. Values stay plain strings; the pages module turns them into HTML.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from kg.query.catalog import bind, load_catalog
from kg.query.engine import Engine
from kg.views.reference import term_anchor

__all__ = ["KINDS", "Item", "Items", "gather", "grouped", "kind_label", "kind_index_path", "page_path"]

# kind in the IRI: plural and singular, German and English; the order of the index
KINDS = {
    "person": ("Personen", "People", "Person", "person"),
    "organisation": ("Organisationen", "Organisations", "Organisation", "organisation"),
    "initiative": ("Vorhaben", "Initiatives", "Vorhaben", "initiative"),
    "event": ("Veranstaltungen", "Events", "Veranstaltung", "event"),
    "event-series": ("Veranstaltungsreihen", "Event series", "Veranstaltungsreihe", "event series"),
    "municipality": ("Kommunen (Gebiete)", "Municipalities (territories)", "Kommune", "municipality"),
    "municipal-body": ("Städte und Gemeinden (Verwaltungen)", "Towns and municipalities (bodies)",
                       "Stadt oder Gemeinde (Verwaltung)", "municipal body"),
    "district": ("Kreise (Gebiete)", "Districts (territories)", "Kreis", "district"),
    "district-body": ("Kreise (Verwaltungen)", "Districts (bodies)", "Kreis (Verwaltung)", "district body"),
    "region": ("Region", "Region", "Region", "region"),
    "venue": ("Veranstaltungsorte", "Venues", "Veranstaltungsort", "venue"),
    "topic": ("Themen", "Topics", "Thema", "topic"),
    "role": ("Funktionen", "Roles", "Funktion", "role"),
    "source": ("Quellen", "Sources", "Quelle", "source"),
    "scheme": ("Vokabulare", "Vocabularies", "Vokabular", "vocabulary"),
}
_SAFE_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,120}")


def kind_label(kind: str, lang: str, plural: bool = True) -> str:
    """A kind as people say it; a kind this list does not know keeps its IRI name."""
    names = KINDS.get(kind)
    if names is None:
        return kind
    return names[(0 if plural else 2) + (0 if lang == "de" else 1)]


def _file_name(part: str, reserved: tuple[str, ...] = ()) -> str:
    """``part`` where it is a plain file name, else a readable hash of it (keys never need one in
    data kg wrote, but Turtle contributions may say anything; a key named like a reserved page
    would overwrite it)."""
    if _SAFE_KEY.fullmatch(part) and not part.endswith(".") and part not in reserved:
        return part
    digest = hashlib.blake2b(part.encode("utf-8", "surrogatepass"), digest_size=6).hexdigest()
    stem = re.sub(r"[^A-Za-z0-9-]+", "-", part).strip("-")[:40]
    return f"{stem}-{digest}" if stem else digest


def kind_index_path(kind: str) -> str:
    """The list of every thing of one kind, relative to the output folder."""
    return f"id/{_file_name(kind)}/index.html"


def page_path(kind: str, key: str) -> str:
    """The item page of ``…/id/<kind>/<key>``, relative to the output folder: the IRI's own path,
    so a web server can answer the IRI with it."""
    return f"id/{_file_name(kind)}/{_file_name(key, reserved=('index',))}.html"


@dataclass
class Item:
    iri: str
    kind: str
    label: str
    description: str | None
    path: str


@dataclass
class Items:
    """Everything the item pages need, keyed by the entity's IRI."""

    items: dict[str, Item]
    facts: dict[str, list[tuple]] = field(default_factory=dict)  # property, value, file, sources, target, predicate
    roles: dict[str, list[tuple]] = field(default_factory=dict)  # the rows of roles-over-time
    activities: dict[str, list[tuple]] = field(default_factory=dict)  # of person-activities
    participants: dict[str, list[tuple]] = field(default_factory=dict)  # of edition-participants
    sources: dict[str, tuple[str, str, str | None, str | None]] = field(default_factory=dict)  # url: iri, title, publisher, date
    terms: list[tuple] = field(default_factory=list)  # the rows of ontology-terms: the reference page's terms

    @functools.cached_property
    def documented(self) -> set[str]:
        """The terms the ontology page explains (those it can give an anchor)."""
        return {row[1] for row in self.terms if term_anchor(row[1])}

    def by_kind(self) -> dict[str, list[Item]]:
        grouped: dict[str, list[Item]] = defaultdict(list)
        for item in self.items.values():
            grouped[item.kind].append(item)
        order = list(KINDS)
        return {kind: sorted(grouped[kind], key=lambda i: (i.label.casefold(), i.iri))
                for kind in sorted(grouped, key=lambda k: (order.index(k) if k in order else len(order), k))}


def grouped(engine: Engine, queries: Path, name: str, key: str, **params) -> dict[str, list[tuple]]:
    """A catalog query about one thing run once for all of them (its ``key`` parameter left
    unbound), its rows grouped by that thing."""
    query = load_catalog(queries)[name]
    bindings = {k: v for k, v in bind(query, params).items() if k != key}
    result = engine.select(query.text, bindings, source=str(query.path),
                           hide=[p for p in query.params if p != key])
    index = result.columns.index(key)
    grouped: dict[str, list[tuple]] = {}
    for row in result.values():
        grouped.setdefault(row[index], []).append(row[:index] + row[index + 1:])
    return grouped


def gather(engine: Engine, queries: Path, lang: str) -> Items:
    """The whole graph's item data, in one pass of the catalog."""
    catalog = load_catalog(queries)
    entities = catalog["entities"]
    items = {}
    for kind, iri, label, description in engine.select(entities.text, bind(entities, {"lang": lang}),
                                                       source=str(entities.path), hide=entities.params).values():
        key = iri.rsplit("/", 1)[-1]
        items[iri] = Item(iri, kind, label, description, page_path(kind, key))
    sources, terms = catalog["sources"], catalog["ontology-terms"]
    by_url = {}
    for iri, url, title, publisher, published, _files in engine.select(sources.text, source=str(sources.path)).values():
        by_url.setdefault(url, (iri, title, publisher, published))
    return Items(
        items=items,
        facts=grouped(engine, queries, "describe-entity", "entity", lang=lang),
        roles=grouped(engine, queries, "roles-over-time", "person", lang=lang),
        activities=grouped(engine, queries, "person-activities", "person", lang=lang),
        participants=grouped(engine, queries, "edition-participants", "event", lang=lang),
        sources=by_url,
        terms=engine.select(terms.text, bind(terms, {"lang": lang}), source=str(terms.path), hide=terms.params).values(),
    )
