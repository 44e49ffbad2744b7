"""Assembles the HTML views from the published graph: the network, one page per round-table
edition, the map, focus and query views, and the index that links them with the query results.

Pages are returned as ``{file name: text}``; writing them is the caller's job."""

from __future__ import annotations

import hashlib
import json
import posixpath
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from kg.errors import InvalidData
from kg.outputs import write_atomic
from kg.problems import Problem
from kg.progress import step
from kg.query import analytics
from kg.query.catalog import bind, load_catalog
from kg.query.engine import Engine
from kg.views import exports
from kg.views.item_pages import item_context, item_page, kind_page, timeline_page
from kg.views.items import gather, grouped, kind_index_path, kind_label
from kg.views.network import Layouts
from kg.views.pages import ATTRIBUTION, edition_page, index_page, map_page, network_page
from kg.views.reference import ontology_page
from kg.views.render import templates_version

ATTENDANCE = "https://w3id.org/swf-kg/ontology#attendance"

__all__ = ["render_site", "focus_view", "query_view", "node_details", "PageCache", "StoredPage", "TITLES"]

TITLES = {
    "network": {"de": "Netzwerk Regionalmarketing Südwestfalen", "en": "Südwestfalen regional-marketing network"},
    "map": {"de": "Engagement der Kommunen in Südwestfalen", "en": "Engagement of Südwestfalen's municipalities"},
    "index": {"de": "Wissensgraph Regionalmarketing Südwestfalen", "en": "Südwestfalen regional-marketing knowledge graph"},
}


def _select(engine: Engine, queries: Path, name: str, **params):
    query = load_catalog(queries)[name]
    return engine.select(query.text, bind(query, params), source=str(query.path), hide=query.params).values()


def node_details(engine: Engine, queries: Path, lang: str) -> dict[str, list[str]]:
    details: dict[str, list[str]] = {}
    for node, _order, line in _select(engine, queries, "node-details", lang=lang):
        lines = details.setdefault(node, [])
        if line not in lines:
            lines.append(line)
    return details


def _key(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def _edition_network(rows: list[tuple], network: analytics.Network, event: str) -> analytics.Network:
    """Only what happened at this event: its participants, whom they appeared for, what they
    presented there, its host and organiser."""
    graph = nx.Graph()
    for source, target, relation in rows:
        for node in (source, target):
            graph.add_node(node, **(network.graph.nodes[node] if node in network.graph
                                    else {"label": _key(node), "kind": "organisation"}))
        if graph.has_edge(source, target):
            graph.edges[source, target]["relations"].add(relation)
        else:
            graph.add_edge(source, target, weight=1, relations={relation})
    if event not in graph and event in network.graph:
        graph.add_node(event, **network.graph.nodes[event])
    return analytics.Network(graph)


@dataclass(frozen=True)
class StoredPage:
    """A page the cache holds as a file: the build links (or copies) that file into the output
    instead of reading and writing it again (edition pages carry vis-network, ~0.7 MB each)."""

    path: Path


class PageCache:
    """Pages already rendered, by a hash of everything that goes into them (the page's data and the
    templates), so a rebuild lays out and renders only pages whose data changed. Kept as files in
    the build cache, with an index of each file's size and modification time as it was written (a
    file changed since, or a damaged index, counts as missing) and of the layouts the page drew
    (kept as long as a kept page was drawn with them); safe to delete."""

    def __init__(self, folder: Path | None):
        self.folder = Path(folder) / "pages" if folder is not None else None
        self.layouts = Layouts(folder)  # the pages' node positions, shared by both languages
        self.used: set[str] = set()
        self.hits = self.made = 0  # pages reused and rendered in this run
        self.index: dict[str, list] = {}  # key -> [size, modification time, layout keys]
        if self.folder is not None:
            try:
                index = json.loads((self.folder / "index.json").read_text(encoding="utf-8"))
                if isinstance(index, dict):
                    self.index = {k: v for k, v in index.items() if isinstance(v, list) and len(v) == 3
                                  and isinstance(v[2], list)}
            except (OSError, ValueError, UnicodeDecodeError):
                pass  # no cache yet, or damaged: every page is made again

    def page(self, inputs, make) -> str | StoredPage:
        """The page for ``inputs`` (plain values: strings, numbers, lists, tuples; their ``repr`` is
        the key, several times faster than JSON for the big network inputs), made by ``make()``
        unless known: its text, or a ``StoredPage`` naming the cache's file of it."""
        if self.folder is None:
            return make()
        key = hashlib.blake2b(repr([templates_version(), inputs]).encode("utf-8", "surrogatepass"),
                              digest_size=16).hexdigest()
        self.used.add(key)
        path = self.folder / f"{key}.html"
        try:
            info = path.stat()
            entry = self.index.get(key)
            if entry is not None and entry[:2] == [info.st_size, info.st_mtime_ns]:
                self.hits += 1
                self.layouts.used.update(entry[2])
                return StoredPage(path)
        except OSError:
            pass  # missing: made again
        self.made += 1
        start = len(self.layouts.asked)
        text = make()
        drawn = sorted(set(self.layouts.asked[start:]))
        try:
            write_atomic(path, text)
            info = path.stat()
        except OSError:
            return text  # only a shortcut
        self.index[key] = [info.st_size, info.st_mtime_ns, drawn]
        return StoredPage(path)

    def prune(self) -> None:
        """Forget the pages this run did not use, and keep the index of those it did."""
        self.layouts.prune()
        if self.folder is None or not self.folder.is_dir():
            return
        for path in self.folder.glob("*.html"):
            if path.stem not in self.used:
                path.unlink(missing_ok=True)
        kept = {key: self.index[key] for key in sorted(self.used) if key in self.index}
        try:
            write_atomic(self.folder / "index.json", json.dumps(kept, separators=(",", ":")))
        except OSError:
            pass


def _network_inputs(network: analytics.Network, details: dict) -> list:
    graph = network.graph
    return [sorted((str(n), sorted((k, str(v)) for k, v in graph.nodes[n].items()), details.get(n, [])) for n in graph),
            sorted((str(a), str(b), sorted(str(r) for r in data.get("relations", ())), data.get("weight", 1))
                   for a, b, data in graph.edges(data=True))]


def render_site(engine: Engine, queries: Path, refdata: Path, lang: str = "de",
                cache: PageCache | None = None, counterpart: str | None = None,
                shared: str = "") -> dict[str, str | StoredPage]:
    """All views as ``{file name relative to the output folder: page}``, in writing order. With a
    ``cache`` (``kg build``), pages whose data did not change are not rendered again, and cached
    pages are given as the cache's file (``StoredPage``).

    ``counterpart`` is the other language's site, relative to this one ("en/" from the German
    site, "../" from the English one): every page links to its twin there. ``shared`` is where
    the files both sites use (the query results that have no language) are, relative to this site."""
    cache = cache or PageCache(None)
    network = analytics.build_network(engine, queries, lang)
    details = node_details(engine, queries, lang)
    pages: dict[str, str] = {}

    def put(name: str, text: str | StoredPage):
        pages[name] = text

    def switch(name: str) -> dict | None:
        """The link from page ``name`` to the same page in the other language."""
        if counterpart is None:
            return None
        other = "en" if lang == "de" else "de"
        return {"href": posixpath.relpath(counterpart + name, posixpath.dirname(name) or "."), "lang": other,
                "text": {"de": "Deutsch", "en": "English"}[other]}

    intro = {"de": "Personen, Organisationen, Kommunen, Vorhaben und Veranstaltungen.",
             "en": "People, organisations, municipalities, initiatives and events."}[lang]

    items = gather(engine, queries, lang)
    links = {iri: item.path for iri, item in items.items.items()}
    put("network.html", cache.page(["network", lang, _network_inputs(network, details), sorted(links.items()),
                                    switch("network.html")],
                                   lambda: network_page(network, title=TITLES["network"][lang], lang=lang,
                                                        details=details, intro=intro, links=links,
                                                        home="index.html", switch=switch("network.html"),
                                                        layouts=cache.layouts)))
    fact_names = {"de": ("Nummer", "Datum", "Ort", "Kommune", "Kreis", "Gastgeber", "Format"),
                  "en": ("Number", "Date", "Venue", "Municipality", "District", "Host", "Format")}[lang]
    who_columns = {"de": ["Wer", "Tätigkeit", "Funktion", "für", "stellte vor", "Vortrag"],
                   "en": ["Who", "Did", "Role", "For", "Presented", "Talk"]}[lang]
    rows = _select(engine, queries, "editions-in-order", lang=lang)
    networks = grouped(engine, queries, "edition-network", "event")
    editions, timeline = [], []
    with step("pages", len(rows)) as bar:
        for label, number, date, _precision, inferred, venue, municipality, district, host, fmt, iri in rows:
            sub = _edition_network(networks.get(iri, []), network, iri)
            who = [row[:len(who_columns)] for row in items.participants.get(iri, [])]  # without the agent's IRI
            name = f"editions/{_key(iri)}.html"
            facts = list(zip(fact_names, (number, date, venue, municipality, district, host, fmt)))
            item = items.items.get(iri)
            back = f"../{item.path}" if item else None
            sub_links = {n: f"../{links[n]}" for n in sub.graph if n in links}
            inputs = ["edition", lang, label, facts, who, _network_inputs(sub, {n: details.get(n, []) for n in sub.graph}),
                      back, sorted(sub_links.items()), switch(name)]
            put(name, cache.page(inputs, lambda sub=sub, label=label, facts=facts, who=who, back=back,
                                 sub_links=sub_links, name=name: edition_page(
                sub, title=label, lang=lang, details=details, facts=facts, who=who, who_columns=who_columns,
                item=back, links=sub_links, switch=switch(name), layouts=cache.layouts)))
            editions.append((iri, name, label))
            attendance = "; ".join(sorted({value for _prop, value, _file, _sources, _target, predicate
                                           in items.facts.get(iri, []) if predicate == ATTENDANCE}))
            timeline.append({"year": (date or "")[:4], "number": number, "label": label,
                             "href": item.path if item else name, "date": date, "inferred": inferred == "true",
                             "place": ", ".join(x for x in (venue, municipality) if x), "host": host, "format": fmt,
                             "attendance": attendance})
            bar.advance()
    put("ontology.html", cache.page(["ontology", lang, items.terms, switch("ontology.html")],
                                    lambda: ontology_page(items.terms, lang, switch("ontology.html"))))
    put("timeline.html", cache.page(["timeline", lang, timeline, switch("timeline.html")],
                                    lambda: timeline_page(timeline, lang, switch("timeline.html"))))
    position = {iri: at for at, (iri, _name, _label) in enumerate(editions)}
    with step("pages", len(items.items)) as bar:
        for iri, item in sorted(items.items.items(), key=lambda kv: kv[1].path):
            at = position.get(iri)
            series = None if at is None else {
                "previous": items.items.get(editions[at - 1][0]) if at > 0 else None,
                "next": items.items.get(editions[at + 1][0]) if at + 1 < len(editions) else None}
            context = item_context(item, items, network, lang, series=series,
                                   edition_page=None if at is None else editions[at][1], switch=switch(item.path))
            put(item.path, cache.page(["item", context], lambda context=context: item_page(context)))
            bar.advance()
    kinds = []
    for kind, members in items.by_kind().items():
        path = kind_index_path(kind)
        put(path, cache.page(["kind", lang, kind, [(m.label, m.path, m.description) for m in members], switch(path)],
                             lambda kind=kind, members=members, path=path: kind_page(kind, members, lang,
                                                                                   switch(path))))
        kinds.append((path, f"{kind_label(kind, lang)} ({len(members)})"))
    metrics = {ags: {"name": m, "district": d, "hosted": int(h), "people": int(p), "initiatives": int(i), "score": int(s)}
               for d, m, ags, h, p, i, s in analytics.engagement(engine, queries).values()}
    geo = json.loads((refdata / "municipalities.geojson").read_text(encoding="utf-8"))
    districts = json.loads((refdata / "districts.geojson").read_text(encoding="utf-8"))
    put("map.html", map_page(title=TITLES["map"][lang], lang=lang, municipalities=geo, districts=districts,
                             metrics=metrics, switch=switch("map.html")))
    graph = exports.exportable(network, lang, links)
    put("exports/network.graphml", exports.graphml(graph))
    put("exports/network.gexf", exports.gexf(graph))
    by_ags = {iri.rsplit("/", 1)[-1]: path for iri, path in links.items() if "/id/municipality/" in iri}
    put("exports/municipalities.geojson", exports.engagement_geojson(geo, metrics, by_ags, ATTRIBUTION))
    put("exports/items.csv", exports.items_csv(items, lang))
    catalog = load_catalog(queries)
    query_links = [(f"{'' if 'lang' in q.params else shared}queries/{n}.csv", f"{n} (CSV) – {q.summary[lang]}")
                   for n, q in catalog.items() if not q.is_violation_check]
    export_links = [(name, text[0 if lang == "de" else 1]) for name, text in exports.EXPORTS.items()]
    views = [("network.html", TITLES["network"][lang]), ("map.html", TITLES["map"][lang]),
             ("timeline.html", {"de": "Zeitleiste der Runden Tische", "en": "Timeline of the round tables"}[lang]),
             ("ontology.html", {"de": "Ontologie: die Begriffe des Graphen", "en": "Ontology: the graph's terms"}[lang])]
    search = sorted(({"l": i.label, "k": kind_label(i.kind, lang, plural=False), "h": i.path}
                     for i in items.items.values()), key=lambda s: (s["l"].casefold(), s["h"]))
    summary = {"de": f"{network.graph.number_of_nodes()} Knoten und {network.graph.number_of_edges()} Verbindungen; "
                     f"{len(editions)} Runde Tische.",
               "en": f"{network.graph.number_of_nodes()} nodes and {network.graph.number_of_edges()} links; "
                     f"{len(editions)} round tables."}[lang]
    put("index.html", index_page(title=TITLES["index"][lang], lang=lang, views=views,
                                 editions=[(name, label) for _iri, name, label in editions],
                                 queries=query_links, summary=summary, kinds=kinds, search=search,
                                 exports=export_links, switch=switch("index.html")))
    return pages


def focus_view(engine: Engine, queries: Path, entity: str, depth: int, lang: str) -> tuple[str, str]:
    """The neighbourhood of one node up to ``depth`` links; returns (file name, page)."""
    network = analytics.build_network(engine, queries, lang)
    node = network.find(entity)
    # Not nx.ego_graph(...).copy(): a small subgraph view iterates a set, so node order (and with
    # it edge orientation and the seeded layout) would change from run to run.
    reach = nx.single_source_shortest_path_length(network.graph, node, cutoff=depth)
    sub_graph = nx.Graph()
    sub_graph.add_nodes_from((n, data) for n, data in network.graph.nodes(data=True) if n in reach)
    sub_graph.add_edges_from((a, b, data) for a, b, data in network.graph.edges(data=True) if a in reach and b in reach)
    sub = analytics.Network(sub_graph)
    title = {"de": f"Umfeld von {network.label(node)} (Tiefe {depth})",
             "en": f"Neighbourhood of {network.label(node)} (depth {depth})"}[lang]
    return f"focus-{_key(node)}.html", network_page(sub, title=title, lang=lang,
                                                     details=node_details(engine, queries, lang))


def query_view(engine: Engine, queries: Path, name: str, lang: str) -> tuple[str, str]:
    """The graph a CONSTRUCT query returns, or the pairs in the first two columns of a SELECT."""
    import pyoxigraph as ox
    catalog = load_catalog(queries)
    if name not in catalog:
        import difflib
        close = difflib.get_close_matches(name, list(catalog), n=3) or sorted(catalog)[:3]
        raise InvalidData([Problem.of("viz-query-unknown", value=name, suggestions=", ".join(close))])
    query = catalog[name]
    params = {"lang": lang} if "lang" in query.params else {}
    raw = engine.run(query.text, bind(query, params), source=str(query.path))
    network = analytics.build_network(engine, queries, lang)
    pairs = []
    if isinstance(raw, ox.QuerySolutions):
        columns = [v for v in raw.variables if v.value not in query.params]
        for solution in raw:
            a, b = solution[columns[0]], solution[columns[1]] if len(columns) > 1 else None
            if isinstance(a, ox.NamedNode) and isinstance(b, ox.NamedNode):
                pairs.append((a.value, b.value))
    else:
        pairs = [(t.subject.value, t.object.value) for t in raw
                 if isinstance(t.subject, ox.NamedNode) and isinstance(t.object, ox.NamedNode)]
    if not pairs:
        raise InvalidData([Problem.of("viz-no-pairs" if isinstance(raw, ox.QuerySolutions) else "viz-no-triples",
                                      name=name)])
    graph = nx.Graph()
    for a, b in pairs:
        for n in (a, b):
            attrs = network.graph.nodes[n] if n in network.graph else {"label": _key(n), "kind": "organisation"}
            graph.add_node(n, **attrs)
        graph.add_edge(a, b, weight=1, relations={name})
    title = {"de": f"Abfrage {name}", "en": f"Query {name}"}[lang]
    return f"query-{name}.html", network_page(analytics.Network(graph), title=title, lang=lang,
                                               intro=query.summary[lang], details=node_details(engine, queries, lang))

