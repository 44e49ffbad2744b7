"""The pages: the network (also used for focus and query views), one round-table edition, the map
and the index. Each function prepares the page's context and renders its template; every page
works offline and escapes whatever came from the data.
"""

from __future__ import annotations

import json
import math

from kg.query.analytics import Network
from kg.views.network import AGGREGATE_ABOVE, KIND_STYLE, Layouts, aggregate, model
from kg.views.render import render, vis_assets

__all__ = ["network_page", "edition_page", "map_page", "index_page", "TEXT", "ATTRIBUTION"]

TEXT = {
    "search": {"de": "Suche nach Namen …", "en": "Search by name …"},
    "kinds": {"de": "Arten", "en": "Kinds"},
    "district": {"de": "Kreis", "en": "District"},
    "all": {"de": "alle", "en": "all"},
    "years": {"de": "Jahre (Veranstaltungen)", "en": "Years (events)"},
    "reset": {"de": "Zurücksetzen", "en": "Reset"},
    "hint": {"de": "Klicken Sie auf einen Knoten, um seine Nachbarn hervorzuheben; ein Doppelklick öffnet seine Seite.",
             "en": "Click a node to highlight its neighbours; a double click opens its page."},
    "open": {"de": "Seite öffnen", "en": "Open its page"},
    "filters": {"de": "Filter", "en": "Filters"},
    "hidden_match": {"de": "„{label}“ ist durch einen Filter ausgeblendet.", "en": "“{label}” is hidden by a filter."},
    "show_all": {"de": "Filter zurücksetzen und zeigen", "en": "Reset the filters and show it"},
    "choose": {"de": "Mehrere Treffer – bitte wählen:", "en": "Several matches – please choose:"},
    "png": {"de": "Als Bild (PNG) speichern", "en": "Save as image (PNG)"},
    "share": {"de": "Die Adresse dieser Seite gibt Suche, Filter und Auswahl wieder.",
              "en": "This page's address keeps the search, filters and selection."},
    "nodes": {"de": "Knoten", "en": "nodes"},
    "aggregated": {"de": "Zu viele Knoten für eine Einzeldarstellung: gezeigt werden Gemeinschaften.",
                   "en": "Too many nodes to show one by one: communities are shown instead."},
    "not_found": {"de": "Nicht gefunden", "en": "Not found"},
    "home": {"de": "Startseite", "en": "Home"},
    "item": {"de": "Alle Angaben zu dieser Ausgabe", "en": "Everything recorded about this edition"},
    "hidden": {"de": "{n} Knoten ohne Verbindung sind ausgeblendet (alle Kommunen zeigt die Karte).",
               "en": "{n} nodes without links are hidden (the map shows every municipality)."},
}
ATTRIBUTION = "© GeoBasis-DE / BKG 2013, 2021 (Daten verändert), dl-de/by-2-0; Destatis, Zensus 2022"


def _network_context(network: Network, *, title: str, lang: str, details: dict | None, intro: str,
                     physics: bool, links: dict | None = None, home: str | None = None,
                     layouts: Layouts | None = None) -> dict:
    linked = Network(network.graph.subgraph([n for n in network.graph if network.graph.degree(n) > 0
                                             or network.graph.number_of_nodes() == 1]).copy())
    hidden = network.graph.number_of_nodes() - linked.graph.number_of_nodes()
    aggregated = linked.graph.number_of_nodes() > AGGREGATE_ABOVE
    shown = aggregate(linked) if aggregated else linked
    nodes, edges = model(shown, lang, details or {}, physics, links, layouts)
    kinds = sorted({n["kind"] for n in nodes}, key=list(KIND_STYLE).index)
    text = {k: v[lang] for k, v in TEXT.items()}
    notes = ([text["aggregated"]] if aggregated else []) + ([text["hidden"].format(n=hidden)] if hidden else [])
    return {
        "lang": lang, "title": title, "intro": intro, "text": text, "notes": notes, "count": len(nodes),
        "kinds": [{"key": k, "colour": KIND_STYLE[k][0], "label": KIND_STYLE[k][2 if lang == "de" else 3]}
                  for k in kinds],
        "districts": sorted({n["district"] for n in nodes if n["district"]}),
        "years": sorted({n["year"] for n in nodes if n["year"]}),
        "data": {"nodes": nodes, "edges": edges, "lang": lang, "physics": physics, "text": text},
        "vis": vis_assets(), "home": home,
    }


def network_page(network: Network, *, title: str, lang: str, details: dict | None = None,
                 intro: str = "", physics: bool = False, links: dict | None = None, home: str | None = None,
                 switch: dict | None = None, layouts: Layouts | None = None) -> str:
    """A complete, self-contained HTML page for ``network``; ``links`` maps a node to its item page
    (relative to this page), ``home`` is the start page."""
    return render("network.html", switch=switch, **_network_context(network, title=title, lang=lang, details=details,
                                                                    intro=intro, physics=physics, links=links, home=home,
                                                                    layouts=layouts))


def edition_page(network: Network, *, title: str, lang: str, facts: list[tuple[str, str]],
                 who: list[tuple[str, ...]], who_columns: list[str], details: dict, item: str | None = None,
                 links: dict | None = None, switch: dict | None = None, layouts: Layouts | None = None) -> str:
    """One round-table edition: who came from where and what was presented; ``item`` links to the
    edition's item page (everything recorded about it)."""
    intro = {"de": "Wer kam woher, und was wurde vorgestellt.",
             "en": "Who came from where, and what was presented."}[lang]
    pagelinks = [(item, TEXT["item"][lang])] if item else []
    return render("edition.html", facts=facts, who=who, who_columns=who_columns, pagelinks=pagelinks, switch=switch,
                  **_network_context(network, title=title, lang=lang, details=details, intro=intro, physics=False,
                                     links=links, home="../index.html", layouts=layouts))


def index_page(*, title: str, lang: str, views: list[tuple[str, str]], editions: list[tuple[str, str]],
               queries: list[tuple[str, str]], summary: str, kinds: list[tuple[str, str]], search: list[dict],
               exports: list[tuple[str, str]], switch: dict | None = None) -> str:
    """Links to every view, every kind of thing, edition page and query result, and a search over
    every named thing."""
    head = {"de": ("Ansichten", "Runde Tische", "Abfrageergebnisse (CSV, JSON)", "Alles nach Art", "Suche", "Dateien für andere Programme"),
            "en": ("Views", "Round tables", "Query results (CSV, JSON)", "Everything by kind", "Search", "Files for other tools")}[lang]
    words = {"de": {"placeholder": "Name, Ort, Veranstaltung … (z. B. Altena, Marie Ting, 21. Runder Tisch)",
                    "none": "Nichts gefunden.", "found": "{n} Treffer", "home": "Startseite"},
             "en": {"placeholder": "Name, place, event … (e.g. Altena, Marie Ting, 21st round table)",
                    "none": "Nothing found.", "found": "{n} matches", "home": "Home"}}[lang]
    return render("index.html", title=title, lang=lang, views=views, editions=editions, queries=queries,
                  summary=summary, head=head, kinds=kinds, exports=exports, home="index.html", w=words, switch=switch,
                  data={"entries": search, "words": words})


def map_page(*, title: str, lang: str, municipalities: dict, districts: dict, metrics: dict,
             switch: dict | None = None) -> str:
    """The 59 municipalities and 5 districts as SVG from the GeoJSON boundaries (no tile server),
    shaded by engagement, with tooltips and the same search."""
    project = _projection(municipalities)

    def path(geometry):
        parts = []
        for polygon in _polygons(geometry):
            for ring in polygon:
                parts.append("M" + "L".join(f"{x},{y}" for x, y in (project(lon, lat) for lon, lat in ring)) + "Z")
        return "".join(parts)

    shapes = [{"ags": f["properties"]["ags"], "d": path(f["geometry"]), "name": f["properties"]["name"],
               "at": _label_point(f["geometry"], project),
               "tip": f'{f["properties"]["name"]} ({f["properties"]["district"]})'}
              for f in sorted(municipalities["features"], key=lambda f: f["properties"]["ags"])]
    borders = [path(f["geometry"])
               for f in sorted(districts["features"], key=lambda f: json.dumps(f["properties"], sort_keys=True))]
    labels = {"de": ("Runde Tische ausgerichtet", "Personen anwesend", "Vorhaben", "Engagement gesamt", "Kennzahl"),
              "en": ("round tables hosted", "people present", "initiatives", "total engagement", "Measure")}[lang]
    measures = list(zip(("score", "hosted", "people", "initiatives"), (labels[3], labels[0], labels[1], labels[2])))
    return render("map.html", lang=lang, title=title, width=project.width, height=project.height, shapes=shapes,
                  borders=borders, measures=measures, measure=labels[4], search=TEXT["search"][lang],
                  data={"metrics": metrics, "labels": labels, "notFound": TEXT["not_found"][lang]},
                  attribution=ATTRIBUTION, home=TEXT["home"][lang], switch=switch)


def _label_point(geometry, project) -> tuple[float, float]:
    """Where a place's name goes: the centroid of its largest ring, projected (shoelace formula)."""
    best = (0.0, (0.0, 0.0))
    for polygon in _polygons(geometry):
        ring = [project(lon, lat) for lon, lat in polygon[0]]
        area = cx = cy = 0.0
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
            cross = x0 * y1 - x1 * y0
            area += cross
            cx += (x0 + x1) * cross
            cy += (y0 + y1) * cross
        if area and abs(area) > best[0]:
            best = (abs(area), (round(cx / (3 * area), 1), round(cy / (3 * area), 1)))
    return best[1]


def _polygons(geometry):
    return geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]


def _projection(collection: dict):
    """An equirectangular projection of ``collection`` onto a 900-pixel-wide SVG."""
    coords = [pt for f in collection["features"] for polygon in _polygons(f["geometry"]) for ring in polygon
              for pt in ring]
    lon0 = sum(p[0] for p in coords) / len(coords)
    lat0 = sum(p[1] for p in coords) / len(coords)
    kx = math.cos(math.radians(lat0))
    xs = [(p[0] - lon0) * kx for p in coords]
    ys = [-(p[1] - lat0) for p in coords]
    minx, maxx, miny, maxy = min(xs), max(xs), min(ys), max(ys)
    width = 900
    height = round(width * (maxy - miny) / (maxx - minx))

    def project(lon, lat):
        return (round(((lon - lon0) * kx - minx) / (maxx - minx) * width, 1),
                round((-(lat - lat0) - miny) / (maxy - miny) * height, 1))
    project.width, project.height = width, height
    return project
