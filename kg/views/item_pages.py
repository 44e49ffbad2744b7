"""The item pages: one page per named thing (like an item page of Wikidata, for people who don't
know RDF), one list per kind, and the timeline of the round-table series.

Each function turns gathered plain values into a page context (plain values too, so the page
cache can key on it) and renders a template; links between pages are relative, so the site works
from any folder and from ``file://``.
"""

from __future__ import annotations

import math

import networkx as nx

from kg.query.analytics import Network, relation_label
from kg.views.items import Item, Items, kind_index_path, kind_label
from kg.views.network import KIND_STYLE
from kg.views.reference import term_anchor
from kg.views.render import render

__all__ = ["item_context", "item_page", "kind_page", "timeline_page", "WORDS", "NEIGHBOURS_SHOWN"]

NEIGHBOURS_SHOWN = 24  # the small network on an item page; the rest are listed
WORDS = {
    "home": {"de": "Startseite", "en": "Home"},
    "facts": {"de": "Angaben", "en": "Facts"},
    "property": {"de": "Angabe", "en": "Property"},
    "value": {"de": "Wert", "en": "Value"},
    "source": {"de": "Quelle", "en": "Source"},
    "differ": {"de": "Die Quellen weichen hier voneinander ab; alle Angaben stehen nebeneinander.",
               "en": "The sources differ here; every claim is shown side by side."},
    "roles": {"de": "Funktionen im Lauf der Zeit", "en": "Roles over time"},
    "when": {"de": "Wann", "en": "When"},
    "as_stated": {"de": "Wortlaut der Quelle", "en": "In the source's words"},
    "organisation": {"de": "Organisation", "en": "Organisation"},
    "initiative": {"de": "Vorhaben", "en": "Initiative"},
    "activities": {"de": "Bei Veranstaltungen", "en": "At events"},
    "event": {"de": "Veranstaltung", "en": "Event"},
    "date": {"de": "Datum", "en": "Date"},
    "did": {"de": "Tätigkeit", "en": "Did"},
    "role": {"de": "Funktion", "en": "Role"},
    "for": {"de": "für", "en": "For"},
    "presented": {"de": "stellte vor", "en": "Presented"},
    "talk": {"de": "Vortrag", "en": "Talk"},
    "who": {"de": "Wer", "en": "Who"},
    "participants": {"de": "Mitwirkende", "en": "Participants"},
    "no_participants": {"de": "Die Quellen nennen keine Mitwirkenden dieser Veranstaltung.",
                        "en": "The sources name no participants of this event."},
    "links": {"de": "Verbindungen im Netzwerk", "en": "Links in the network"},
    "no_links": {"de": "Keine Verbindungen im Netzwerk.", "en": "No links in the network."},
    "more": {"de": "… und {n} weitere (alle in der Liste unten).", "en": "… and {n} more (all in the list below)."},
    "previous": {"de": "Vorige Ausgabe", "en": "Previous edition"},
    "next": {"de": "Nächste Ausgabe", "en": "Next edition"},
    "edition_network": {"de": "Netzwerk dieser Ausgabe (interaktiv)", "en": "Network of this edition (interactive)"},
    "timeline": {"de": "Zeitleiste der Runden Tische", "en": "Timeline of the round tables"},
    "year": {"de": "Jahr", "en": "Year"},
    "number": {"de": "Nr.", "en": "No."},
    "host": {"de": "Gastgeber", "en": "Host"},
    "format": {"de": "Format", "en": "Format"},
    "attendance": {"de": "Teilnahme", "en": "Attendance"},
    "venue": {"de": "Ort", "en": "Venue"},
    "inferred": {"de": "erschlossen", "en": "inferred"},
    "inferred_note": {"de": "„erschlossen“: nicht in der Quelle genannt, sondern aus anderen Angaben geschlossen.",
                      "en": "“inferred”: not stated by the source but inferred from other facts."},
    "unknown": {"de": "unbekannt", "en": "unknown"},
    "approx_note": {"de": "„ca.“: eine ungefähre Zahl, so wie die Quelle sie nennt.",
                    "en": "“about”: an approximate figure, as the source gives it."},
    "paraphrase_note": {"de": "„≈“: in eigenen Worten wiedergegeben, nicht der Wortlaut der Quelle.",
                        "en": "“≈”: in our own words, not the source's."},
    "count": {"de": "{n} Einträge", "en": "{n} entries"},
    "sources_used": {"de": "Quellen dieser Seite", "en": "Sources on this page"},
    "iri": {"de": "Kennung (IRI)", "en": "Identifier (IRI)"},
}


def _words(lang: str) -> dict[str, str]:
    return {k: v[lang] for k, v in WORDS.items()}


def _relative(page: str, target: str) -> str:
    """A link from one page of the output folder to another (both plain relative paths such as
    ``id/person/x.html``): what ``posixpath.relpath`` gives, without its ``abspath`` calls, which
    cost 14 s of a 100k-triple build (600,000 links)."""
    base = page.split("/")[:-1]
    parts = target.split("/")
    shared = 0
    while shared < len(base) and shared < len(parts) - 1 and base[shared] == parts[shared]:
        shared += 1
    return "/".join([".."] * (len(base) - shared) + parts[shared:])


def _source_links(page: str, urls: str | None, items: Items) -> list[dict]:
    links = []
    for url in (urls or "").split():
        iri, title, publisher, date = items.sources.get(url, (None, url, None, None))
        own = items.items.get(iri) if iri else None
        text = ", ".join(x for x in (publisher, (date or "")[:10]) if x) or url
        links.append({"url": url, "title": title, "text": text,
                      "page": _relative(page, own.path) if own else None})
    return links


def _neighbourhood(item: Item, network: Network, items: Items, lang: str) -> dict:
    """The links around ``item`` in the network: a list of all, and a small drawing (SVG, no
    script: it prints and works without JavaScript) of the most connected ones."""
    graph = network.graph
    if item.iri not in graph:
        return {"rows": [], "svg": None, "more": 0}
    others = sorted(graph[item.iri], key=lambda n: (-graph.degree(n), network.label(n).casefold(), n))
    rows = []
    for other in sorted(others, key=lambda n: (network.label(n).casefold(), n)):
        relations = ", ".join(sorted(relation_label(r, lang) for r in graph.edges[item.iri, other].get("relations", ())))
        target = items.items.get(other)
        rows.append({"relation": relations, "label": network.label(other),
                     "href": _relative(item.path, target.path) if target else None})
    shown = others[:NEIGHBOURS_SHOWN]
    width, size, radius = 820, 460, 170
    nodes = [{"x": width / 2, "y": size / 2, "label": item.label, "colour": _colour(graph, item.iri), "href": None,
              "centre": True, "anchor": "middle", "title": item.label}]
    for i, other in enumerate(shown):
        angle = 2 * math.pi * i / max(1, len(shown)) - math.pi / 2
        x, y = width / 2 + radius * 1.25 * math.cos(angle), size / 2 + radius * math.sin(angle)
        target = items.items.get(other)
        label = network.label(other)
        nodes.append({"x": round(x, 1), "y": round(y, 1), "colour": _colour(graph, other),
                      "label": label if len(label) <= 30 else label[:29] + "…", "title": label,
                      "href": _relative(item.path, target.path) if target else None, "centre": False,
                      "anchor": "start" if math.cos(angle) > 0.2 else "end" if math.cos(angle) < -0.2 else "middle"})
    return {"rows": rows, "svg": {"width": width, "size": size, "nodes": nodes}, "more": max(0, len(others) - len(shown))}


def _colour(graph: nx.Graph, node: str) -> str:
    return KIND_STYLE.get(graph.nodes[node].get("kind", "organisation"), KIND_STYLE["organisation"])[0]


ROLE, EVENT = "http://www.w3.org/ns/org#role", "https://w3id.org/swf-kg/ontology#event"
INFERRED = {"https://w3id.org/swf-kg/ontology#" + name for name in ("dateInferred", "editionNumberInferred",
                                                                   "startInferred")}
YES = {"de": "ja", "en": "yes"}
APPROXIMATE = {"de": "ca. ", "en": "about "}  # how describe-entity starts an approximate count
PARAPHRASE = "≈ "  # how the queries mark a text in our own words


def _facts(item: Item, items: Items, lang: str, documented: set[str]) -> list[dict]:
    """The item's statements grouped by property; the same value from several files is one row
    with all its files and sources. A person's roles and events have tables of their own. A
    property the ontology page explains links there."""
    skip = {ROLE, EVENT} if item.kind == "person" else set()
    grouped: dict[str, dict[tuple, dict]] = {}
    for prop, value, file, urls, target, predicate in items.facts.get(item.iri, []):
        if predicate in skip:
            continue
        own = items.items.get(target) if target else None
        href = _relative(item.path, own.path) if own else None
        entry = grouped.setdefault(prop, {}).setdefault((value, href), {
            "value": value, "href": href, "files": [], "sources": [], "predicate": predicate})
        if file not in entry["files"]:
            entry["files"].append(file)
        for link in _source_links(item.path, urls, items):
            if link not in entry["sources"]:
                entry["sources"].append(link)
    facts = []
    for prop in sorted(grouped, key=str.casefold):
        rows = list(grouped[prop].values())
        # several values from different sources for something that names no other thing: a
        # disagreement, shown side by side
        origins = {tuple(sorted(s["url"] for s in r["sources"])) or tuple(r["files"]) for r in rows}
        differ = len(rows) > 1 and len(origins) > 1 and all(r["href"] is None for r in rows)
        predicate = rows[0]["predicate"]
        term = (_relative(item.path, "ontology.html") + "#" + term_anchor(predicate)) if predicate in documented else None
        facts.append({"property": prop, "rows": rows, "differ": differ, "term": term})
    return facts


def _notes(facts: list[dict], texts: list[str], w: dict, lang: str) -> list[str]:
    """The marks a page uses, explained at its foot."""
    values = [r["value"] for group in facts for r in group["rows"]]
    notes = []
    if any(v.startswith(APPROXIMATE[lang]) for v in values):
        notes.append(w["approx_note"])
    if any(PARAPHRASE in (text or "") for text in values + texts):
        notes.append(w["paraphrase_note"])
    if any(r["predicate"] in INFERRED and r["value"] == YES[lang] for group in facts for r in group["rows"]):
        notes.append(w["inferred_note"])
    return notes


def item_context(item: Item, items: Items, network: Network, lang: str, *, series: dict | None = None,
                 edition_page: str | None = None, switch: dict | None = None) -> dict:
    """Everything one item page shows, as plain values."""
    w = _words(lang)
    page = item.path

    def link(iri: str | None) -> str | None:
        own = items.items.get(iri) if iri else None
        return _relative(page, own.path) if own else None

    facts = _facts(item, items, lang, items.documented)
    person = item.kind == "person"
    roles = [{"when": when, "role": role, "as_stated": stated, "organisation": organisation, "initiative": initiative,
              "sources": _source_links(page, source, items)}
             for _name, when, role, stated, organisation, initiative, _from, _until, source, _title
             in items.roles.get(item.iri, [])] if person else []
    activities = [{"event": event, "href": link(event_iri), "date": date, "did": did, "role": role, "for": for_whom,
                   "presented": presented, "talk": talk, "sources": _source_links(page, source, items)}
                  for _name, event, _number, date, did, role, for_whom, presented, talk, source, event_iri
                  in items.activities.get(item.iri, [])] if person else []
    participants = None
    if item.kind == "event":
        participants = [{"who": who, "href": link(agent), "cells": [did, role, for_whom, presented, talk]}
                        for who, did, role, for_whom, presented, talk, agent in items.participants.get(item.iri, [])]
    sources = {}
    for row in [r for group in facts for r in group["rows"]] + roles + activities:
        for source in row["sources"]:
            sources.setdefault(source["url"], source)
    texts = [r["as_stated"] for r in roles] + [r["role"] for r in activities]
    return {
        "lang": lang, "w": w, "title": item.label, "iri": item.iri, "kind": kind_label(item.kind, lang, plural=False),
        "kind_href": _relative(page, kind_index_path(item.kind)), "kind_plural": kind_label(item.kind, lang),
        "home": _relative(page, "index.html"), "description": item.description, "facts": facts, "roles": roles,
        "activities": activities, "participants": participants,
        "who_columns": [w["who"], w["did"], w["role"], w["for"], w["presented"], w["talk"]],
        "series": {k: ({"label": v.label, "href": _relative(page, v.path)} if v else None)
                   for k, v in (series or {}).items()},
        "edition_network": _relative(page, edition_page) if edition_page else None,
        "links": _neighbourhood(item, network, items, lang),
        "sources": sorted(sources.values(), key=lambda s: (s["title"], s["url"])),
        "notes": _notes(facts, texts, w, lang), "switch": switch,
    }


def item_page(context: dict) -> str:
    return render("item.html", **context)


def kind_page(kind: str, members: list[Item], lang: str, switch: dict | None = None) -> str:
    """The list of every thing of one kind."""
    page = kind_index_path(kind)
    w = _words(lang)
    return render("kind.html", lang=lang, w=w, title=kind_label(kind, lang), home=_relative(page, "index.html"), switch=switch,
                  count=w["count"].format(n=len(members)),
                  members=[{"label": m.label, "href": _relative(page, m.path), "description": m.description}
                           for m in members])


def timeline_page(rows: list[dict], lang: str, switch: dict | None = None) -> str:
    """The round-table series in order: year, number, date, place, host, format, attendance."""
    w = _words(lang)
    return render("timeline.html", lang=lang, w=w, title=w["timeline"], home="index.html", rows=rows, switch=switch)
