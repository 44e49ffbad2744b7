"""Interactive HTML views: the network, focus and query views, one page per edition, the map, and
an index. Every page works offline and is safe against hostile data.

pyvis builds the network model (nodes, edges, physics options); the page itself is our own
template because pyvis 0.3.2's templates fetch vis-network and Bootstrap from a CDN even in its
"local" and "in_line" modes, write the heading and select-menu ids unescaped, and switch every
tooltip to live HTML once one contains "href". Here vis-network (shipped inside the pyvis package)
is inlined, graph data travels as JSON inside a ``<script type="application/json">`` with ``<``,
``>`` and ``&`` escaped, and tooltips are built with ``textContent``. Positions are computed in
advance with networkx and physics is off, so large graphs draw at once; above AGGREGATE_ABOVE
nodes the page shows communities instead of single nodes.
"""

from __future__ import annotations

import functools
import html
import json
import math
from dataclasses import dataclass
from importlib.resources import files

import networkx as nx
from pyvis.network import Network as PyvisNetwork

from kg.analytics import Network

__all__ = ["KIND_STYLE", "AGGREGATE_ABOVE", "network_page", "map_page", "index_page", "edition_page",
           "script_json", "layout", "vis_assets"]

AGGREGATE_ABOVE = 5000
KIND_STYLE = {  # colour, vis-network shape, label de, label en
    "agency": ("#c0392b", "star", "Agentur", "agency"),
    "municipality": ("#2e86c1", "square", "Kommune", "municipality"),
    "district": ("#1b4f72", "triangleDown", "Kreis", "district"),
    "organisation": ("#7d3c98", "triangle", "Organisation", "organisation"),
    "initiative": ("#d68910", "hexagon", "Vorhaben", "initiative"),
    "event": ("#229954", "diamond", "Veranstaltung", "event"),
    "person": ("#566573", "dot", "Person", "person"),
    "topic": ("#a04000", "square", "Thema", "topic"),
    "community": ("#616a6b", "dot", "Gemeinschaft", "community"),
}
TEXT = {
    "search": {"de": "Suche nach Namen …", "en": "Search by name …"},
    "kinds": {"de": "Arten", "en": "Kinds"},
    "district": {"de": "Kreis", "en": "District"},
    "all": {"de": "alle", "en": "all"},
    "years": {"de": "Jahre (Veranstaltungen)", "en": "Years (events)"},
    "reset": {"de": "Zurücksetzen", "en": "Reset"},
    "hint": {"de": "Klicken Sie auf einen Knoten, um seine Nachbarn hervorzuheben.",
             "en": "Click a node to highlight its neighbours."},
    "nodes": {"de": "Knoten", "en": "nodes"},
    "aggregated": {"de": "Zu viele Knoten für eine Einzeldarstellung: gezeigt werden Gemeinschaften.",
                   "en": "Too many nodes to show one by one: communities are shown instead."},
    "not_found": {"de": "Nicht gefunden", "en": "Not found"},
    "hidden": {"de": "{n} Knoten ohne Verbindung sind ausgeblendet (alle Kommunen zeigt die Karte).",
               "en": "{n} nodes without links are hidden (the map shows every municipality)."},
}


def script_json(data) -> str:
    """JSON that is safe inside <script>: no "</script>", no HTML-significant characters."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for raw, escaped in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"),
                         ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


@dataclass(frozen=True)
class Assets:
    js: str
    css: str


@functools.lru_cache(maxsize=1)
def vis_assets() -> Assets:
    """vis-network as shipped inside the pyvis package, to be inlined (no CDN)."""
    lib = files("pyvis") / "lib" / "vis-9.1.2"
    return Assets((lib / "vis-network.min.js").read_text(encoding="utf-8"),
                  (lib / "vis-network.css").read_text(encoding="utf-8"))


def layout(graph: nx.Graph) -> dict:
    """Positions computed in advance (deterministic), scaled to vis-network's pixel space."""
    if graph.number_of_nodes() == 0:
        return {}
    iterations = 120 if graph.number_of_nodes() <= 1000 else 30
    k = 3.5 / math.sqrt(graph.number_of_nodes())
    pos = nx.spring_layout(graph, seed=7, iterations=iterations, k=k, weight=None)
    scale = 90 * math.sqrt(graph.number_of_nodes()) + 200
    return {n: (round(x * scale, 1), round(y * scale, 1)) for n, (x, y) in pos.items()}


def _aggregate(network: Network) -> Network:
    """Communities as single nodes, for graphs too large to draw node by node."""
    g = network.graph
    groups = nx.algorithms.community.louvain_communities(g, seed=7) if g.number_of_edges() else [set(g)]
    member_of = {n: i for i, group in enumerate(groups) for n in group}
    agg = nx.Graph()
    for i, group in enumerate(groups):
        hub = max(sorted(group), key=g.degree)
        agg.add_node(f"community-{i}", label=f"{network.label(hub)} (+{len(group) - 1})", kind="community",
                     district=None, year=None, size=len(group))
    for a, b, data in g.edges(data=True):
        ca, cb = member_of[a], member_of[b]
        if ca != cb:
            key = (f"community-{ca}", f"community-{cb}")
            if agg.has_edge(*key):
                agg.edges[key]["weight"] += data.get("weight", 1)
            else:
                agg.add_edge(*key, weight=data.get("weight", 1), relations={"links"})
    return Network(agg)


def _model(network: Network, lang: str, details: dict, physics: bool = False) -> tuple[list, list]:
    """Nodes and edges through pyvis, with positions fixed and physics off (``physics=True`` only
    for the benchmark's baseline: no positions, vis-network's own simulation)."""
    positions = {} if physics else layout(network.graph)
    main = max(nx.connected_components(network.graph), key=len) if network.graph.number_of_nodes() else set()
    net = PyvisNetwork(directed=False)
    for node in sorted(network.graph):
        data = network.graph.nodes[node]
        kind = data.get("kind", "organisation")
        colour, shape, de, en = KIND_STYLE.get(kind, KIND_STYLE["organisation"])
        x, y = positions.get(node, (None, None))
        size = 7 + min(18, network.graph.degree(node)) if kind != "community" else 10 + min(60, data.get("size", 1))
        net.add_node(node, label=str(data.get("label", node)), color=colour, shape=shape, x=x, y=y, size=size,
                     physics=physics, kind=kind, kindLabel=de if lang == "de" else en,
                     district=data.get("district") or "", year=data.get("year") or "",
                     details=details.get(node, []), main=node in main)
    for a, b in sorted(network.graph.edges(), key=lambda e: (str(e[0]), str(e[1]))):
        data = network.graph.edges[a, b]
        net.add_edge(a, b, relation=", ".join(sorted(data.get("relations", []))), width=min(6, data.get("weight", 1)))
    nodes = [{k: v for k, v in n.items() if k not in ("title",)} for n in net.nodes]
    edges = [{"from": e["from"], "to": e["to"], "relation": e.get("relation", ""), "width": e.get("width", 1)}
             for e in net.edges]
    return nodes, edges


def network_page(network: Network, *, title: str, lang: str, details: dict | None = None,
                 intro: str = "", extra_html: str = "", physics: bool = False) -> str:
    """A complete, self-contained HTML page for ``network``."""
    linked = Network(network.graph.subgraph([n for n in network.graph if network.graph.degree(n) > 0
                                             or network.graph.number_of_nodes() == 1]).copy())
    hidden = network.graph.number_of_nodes() - linked.graph.number_of_nodes()
    aggregated = linked.graph.number_of_nodes() > AGGREGATE_ABOVE
    shown = _aggregate(linked) if aggregated else linked
    nodes, edges = _model(shown, lang, details or {}, physics)
    kinds = sorted({n["kind"] for n in nodes}, key=list(KIND_STYLE).index)
    districts = sorted({n["district"] for n in nodes if n["district"]})
    years = sorted({n["year"] for n in nodes if n["year"]})
    labels = {k: KIND_STYLE[k][2 if lang == "de" else 3] for k in kinds}
    data = {"nodes": nodes, "edges": edges, "lang": lang, "physics": physics,
            "text": {k: v[lang] for k, v in TEXT.items()}}
    assets = vis_assets()
    legend = "".join(
        f'<label class="kind"><input type="checkbox" data-kind="{html.escape(k)}" checked>'
        f'<span class="swatch" style="background:{KIND_STYLE[k][0]}"></span>{html.escape(labels[k])}</label>'
        for k in kinds)
    district_options = "".join(f"<option>{html.escape(d)}</option>" for d in districts)
    year_options = "".join(f"<option>{html.escape(y)}</option>" for y in years)
    note = f'<p class="note">{html.escape(TEXT["aggregated"][lang])}</p>' if aggregated else ""
    if hidden:
        note += f'<p class="note">{html.escape(TEXT["hidden"][lang].format(n=hidden))}</p>'
    return PAGE.format(
        lang=lang, title=html.escape(title), css=assets.css, js=assets.js, data=script_json(data),
        intro=html.escape(intro), legend=legend, district_options=district_options, year_options=year_options,
        search=html.escape(TEXT["search"][lang]), kinds=html.escape(TEXT["kinds"][lang]),
        district=html.escape(TEXT["district"][lang]), all=html.escape(TEXT["all"][lang]),
        years=html.escape(TEXT["years"][lang]), reset=html.escape(TEXT["reset"][lang]),
        hint=html.escape(TEXT["hint"][lang]), note=note, count=len(nodes), nodes_text=html.escape(TEXT["nodes"][lang]),
        extra=extra_html, script=SCRIPT)


PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:">
<title>{title}</title>
<style>{css}</style>
<style>
  html, body {{ margin: 0; height: 100%; font: 14px/1.4 system-ui, sans-serif; color: #1c2833; }}
  body {{ display: flex; flex-direction: column; }}
  header {{ padding: 8px 14px; background: #1b4f72; color: white; }}
  header h1 {{ margin: 0; font-size: 18px; }}
  header p {{ margin: 2px 0 0; font-size: 13px; opacity: .9; }}
  main {{ flex: 1; display: flex; min-height: 0; }}
  aside {{ width: 270px; padding: 10px; overflow-y: auto; border-right: 1px solid #d5d8dc; background: #f8f9f9; }}
  aside h2 {{ font-size: 13px; margin: 12px 0 4px; text-transform: uppercase; color: #566573; }}
  #graph {{ flex: 1; min-width: 0; }}
  input[type=search], select {{ width: 100%; box-sizing: border-box; padding: 5px; }}
  .kind {{ display: block; margin: 2px 0; }}
  .swatch {{ display: inline-block; width: 11px; height: 11px; margin: 0 6px 0 4px; border-radius: 2px; }}
  #info {{ margin-top: 10px; padding: 8px; background: white; border: 1px solid #d5d8dc; min-height: 40px; }}
  #info h3 {{ margin: 0 0 4px; font-size: 14px; }}
  #info ul {{ margin: 0; padding-left: 16px; }}
  .note {{ color: #a04000; }}
  .tip {{ max-width: 320px; font: 12px/1.35 system-ui, sans-serif; }}
  .tip b {{ display: block; }}
  button {{ margin-top: 8px; }}
  .extra {{ padding: 8px 14px; border-top: 1px solid #d5d8dc; max-height: 35vh; overflow: auto; }}
  table {{ border-collapse: collapse; }} td, th {{ border: 1px solid #d5d8dc; padding: 3px 6px; text-align: left; vertical-align: top; }}
</style>
</head>
<body>
<header><h1>{title}</h1><p>{intro}</p></header>
<main>
<aside>
  <input type="search" id="search" list="labels" placeholder="{search}" aria-label="{search}">
  <datalist id="labels"></datalist>
  <p id="search-result" role="status"></p>
  <h2>{kinds}</h2>{legend}
  <h2>{district}</h2><select id="district"><option value="">{all}</option>{district_options}</select>
  <h2>{years}</h2>
  <select id="year-from"><option value="">–</option>{year_options}</select>
  <select id="year-to"><option value="">–</option>{year_options}</select>
  <button id="reset" type="button">{reset}</button>
  <p>{hint}</p>{note}
  <p id="count">{count} {nodes_text}</p>
  <div id="info"></div>
</aside>
<div id="graph"></div>
</main>
{extra}
<script type="application/json" id="graph-data">{data}</script>
<script>{js}</script>
<script>{script}</script>
</body>
</html>
"""

SCRIPT = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var text = data.text;
  function el(tag, content, cls) { var e = document.createElement(tag); if (content) e.textContent = content; if (cls) e.className = cls; return e; }
  function tooltip(n) {
    var box = el("div", null, "tip");
    box.appendChild(el("b", n.label));
    box.appendChild(el("span", n.kindLabel + (n.district ? " · " + n.district : "") + (n.year ? " · " + n.year : "")));
    (n.details || []).slice(0, 8).forEach(function (line) { box.appendChild(el("div", line)); });
    return box;
  }
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var node = { id: n.id, label: n.label, shape: n.shape, size: n.size, color: n.color,
             physics: data.physics, title: tooltip(n), kind: n.kind, district: n.district, year: n.year, base: n.color };
    if (n.x !== null && n.x !== undefined) { node.x = n.x; node.y = n.y; }
    return node;
  }));
  var edges = new vis.DataSet(data.edges.map(function (e, i) {
    var tip = el("div", e.relation, "tip");
    return { id: i, from: e.from, to: e.to, title: tip, width: e.width, color: { color: "#aab7b8" } };
  }));
  var active = {};
  document.querySelectorAll("input[data-kind]").forEach(function (box) { active[box.dataset.kind] = true; });
  function visible(n) {
    var d = document.getElementById("district").value;
    var from = document.getElementById("year-from").value, to = document.getElementById("year-to").value;
    if (!active[n.kind]) return false;
    if (d && n.district && n.district !== d) return false;
    if (d && !n.district && n.kind !== "person" && n.kind !== "agency") return false;
    if (n.year && ((from && n.year < from) || (to && n.year > to))) return false;
    return true;
  }
  var view = new vis.DataView(nodes, { filter: visible });
  var container = document.getElementById("graph");
  var network = new vis.Network(container, { nodes: view, edges: edges }, {
    physics: data.physics ? { stabilization: { iterations: 1000 } } : false, interaction: { hover: true, tooltipDelay: 120, navigationButtons: false },
    nodes: { font: { size: 14, strokeWidth: 3, strokeColor: "#ffffff" }, scaling: { label: { drawThreshold: 3 } } },
    edges: { smooth: false }
  });
  window.kgNetwork = network;
  window.kgReady = false;
  var mainNodes = data.nodes.filter(function (n) { return n.main; }).map(function (n) { return n.id; });
  if (mainNodes.length) network.fit({ nodes: mainNodes, animation: false });
  network.once("afterDrawing", function () { window.kgReady = true; document.body.dataset.ready = "true"; });
  function refresh() { view.refresh(); document.getElementById("count").textContent = view.length + " " + text.nodes; }
  document.querySelectorAll("input[data-kind]").forEach(function (box) {
    box.addEventListener("change", function () { active[box.dataset.kind] = box.checked; refresh(); });
  });
  ["district", "year-from", "year-to"].forEach(function (id) { document.getElementById(id).addEventListener("change", refresh); });
  function highlight(id) {
    var keep = {}; keep[id] = true;
    network.getConnectedNodes(id).forEach(function (n) { keep[n] = true; });
    nodes.update(nodes.get().map(function (n) { return { id: n.id, color: keep[n.id] ? n.base : "#e5e8e8" }; }));
    var n = nodes.get(id), info = document.getElementById("info");
    info.textContent = "";
    info.appendChild(el("h3", n.label));
    var src = data.nodes.filter(function (d) { return d.id === id; })[0];
    info.appendChild(el("p", src.kindLabel + (src.district ? " · " + src.district : "")));
    var list = el("ul");
    (src.details || []).forEach(function (line) { list.appendChild(el("li", line)); });
    network.getConnectedNodes(id).forEach(function (other) { var o = nodes.get(other); if (o) list.appendChild(el("li", "↔ " + o.label)); });
    info.appendChild(list);
  }
  function clear() {
    nodes.update(nodes.get().map(function (n) { return { id: n.id, color: n.base }; }));
    document.getElementById("info").textContent = "";
  }
  network.on("click", function (params) { if (params.nodes.length) highlight(params.nodes[0]); else clear(); });
  var byLabel = {};
  var list = document.getElementById("labels");
  data.nodes.forEach(function (n) {
    byLabel[n.label.toLowerCase()] = n.id;
    var option = document.createElement("option"); option.value = n.label; list.appendChild(option);
  });
  function search(value) {
    var wanted = value.trim().toLowerCase(), status = document.getElementById("search-result");
    if (!wanted) { status.textContent = ""; return; }
    var id = byLabel[wanted];
    if (id === undefined) {
      var keys = Object.keys(byLabel).filter(function (k) { return k.indexOf(wanted) !== -1; }).sort();
      id = keys.length ? byLabel[keys[0]] : undefined;
    }
    if (id === undefined) { status.textContent = text.not_found; return; }
    status.textContent = nodes.get(id).label;
    network.selectNodes([id]);
    network.focus(id, { scale: 1.3, animation: false });
    highlight(id);
  }
  document.getElementById("search").addEventListener("change", function (e) { search(e.target.value); });
  document.getElementById("search").addEventListener("keydown", function (e) { if (e.key === "Enter") search(e.target.value); });
  document.getElementById("reset").addEventListener("click", function () {
    document.querySelectorAll("input[data-kind]").forEach(function (box) { box.checked = true; active[box.dataset.kind] = true; });
    ["district", "year-from", "year-to", "search"].forEach(function (id) { document.getElementById(id).value = ""; });
    clear(); refresh(); network.fit();
  });
  window.kgSearch = search;
})();
"""


def index_page(*, title: str, lang: str, views: list[tuple[str, str]], editions: list[tuple[str, str]],
               queries: list[tuple[str, str]], summary: str) -> str:
    """Links to every view, edition page and query result."""
    def links(items):
        return "".join(f'<li><a href="{html.escape(href)}">{html.escape(text)}</a></li>' for href, text in items)
    head = {"de": ("Ansichten", "Runde Tische", "Abfrageergebnisse (CSV, JSON)"),
            "en": ("Views", "Round tables", "Query results (CSV, JSON)")}[lang]
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{html.escape(title)}</title>
<style>body {{ font: 15px/1.5 system-ui, sans-serif; max-width: 980px; margin: 20px auto; padding: 0 16px; color: #1c2833; }}
h1 {{ color: #1b4f72; }} .cols {{ display: flex; gap: 32px; flex-wrap: wrap; }} .cols section {{ flex: 1; min-width: 260px; }}</style>
</head><body><h1>{html.escape(title)}</h1><p>{html.escape(summary)}</p>
<div class="cols"><section><h2>{head[0]}</h2><ul>{links(views)}</ul><h2>{head[1]}</h2><ul>{links(editions)}</ul></section>
<section><h2>{head[2]}</h2><ul>{links(queries)}</ul></section></div></body></html>
"""


def edition_page(network: Network, *, title: str, lang: str, facts: list[tuple[str, str]],
                 who: list[tuple[str, ...]], who_columns: list[str], details: dict) -> str:
    """One round-table edition: who came from where and what was presented."""
    facts_html = "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>" for k, v in facts if v)
    header = "".join(f"<th>{html.escape(c)}</th>" for c in who_columns)
    rows = "".join("<tr>" + "".join(f"<td>{html.escape(v or '')}</td>" for v in row) + "</tr>" for row in who)
    extra = f'<div class="extra"><table>{facts_html}</table><p></p><table><tr>{header}</tr>{rows}</table></div>'
    return network_page(network, title=title, lang=lang, details=details, extra_html=extra,
                        intro={"de": "Wer kam woher, und was wurde vorgestellt.",
                               "en": "Who came from where, and what was presented."}[lang])


def map_page(*, title: str, lang: str, municipalities: dict, districts: dict, metrics: dict) -> str:
    """The 59 municipalities and 5 districts as SVG from the GeoJSON boundaries (no tile server),
    shaded by engagement, with tooltips and the same search."""
    all_coords = [pt for feature in municipalities["features"] for pt in _points(feature["geometry"])]
    lon0 = sum(p[0] for p in all_coords) / len(all_coords)
    lat0 = sum(p[1] for p in all_coords) / len(all_coords)
    kx = math.cos(math.radians(lat0))
    xs = [(p[0] - lon0) * kx for p in all_coords]
    ys = [-(p[1] - lat0) for p in all_coords]
    minx, maxx, miny, maxy = min(xs), max(xs), min(ys), max(ys)
    width, height = 900, round(900 * (maxy - miny) / (maxx - minx))

    def project(lon, lat):
        return (round(((lon - lon0) * kx - minx) / (maxx - minx) * width, 1),
                round((-(lat - lat0) - miny) / (maxy - miny) * height, 1))

    def path(geometry):
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        parts = []
        for polygon in polygons:
            for ring in polygon:
                pts = [project(lon, lat) for lon, lat in ring]
                parts.append("M" + "L".join(f"{x},{y}" for x, y in pts) + "Z")
        return "".join(parts)

    shapes = []
    for feature in sorted(municipalities["features"], key=lambda f: f["properties"]["ags"]):
        ags = feature["properties"]["ags"]
        tip = f'{feature["properties"]["name"]} ({feature["properties"]["district"]})'
        shapes.append(f'<path class="m" data-ags="{html.escape(ags)}" d="{path(feature["geometry"])}">'
                      f'<title>{html.escape(tip)}</title></path>')
    borders = "".join(f'<path class="d" d="{path(f["geometry"])}"/>'
                      for f in sorted(districts["features"], key=lambda f: json.dumps(f["properties"], sort_keys=True)))
    labels = {"de": ("Runde Tische ausgerichtet", "Personen anwesend", "Vorhaben", "Engagement gesamt", "Kennzahl"),
              "en": ("round tables hosted", "people present", "initiatives", "total engagement", "Measure")}[lang]
    data = {"metrics": metrics, "labels": labels, "notFound": TEXT["not_found"][lang]}
    options = "".join(f'<option value="{key}">{html.escape(text)}</option>'
                      for key, text in zip(("score", "hosted", "people", "initiatives"), (labels[3], labels[0], labels[1], labels[2])))
    return MAP_PAGE.format(lang=lang, title=html.escape(title), width=width, height=height, shapes="".join(shapes),
                           borders=borders, data=script_json(data), options=options, measure=html.escape(labels[4]),
                           search=html.escape(TEXT["search"][lang]), script=MAP_SCRIPT,
                           attribution=html.escape("© GeoBasis-DE / BKG 2013, 2021 (Daten verändert), "
                                                   "dl-de/by-2-0; Destatis, Zensus 2022"))


def _points(geometry):
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    for polygon in polygons:
        for ring in polygon:
            yield from ring


MAP_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'">
<title>{title}</title>
<style>
  html, body {{ margin: 0; height: 100%; font: 14px/1.4 system-ui, sans-serif; color: #1c2833; }}
  body {{ display: flex; flex-direction: column; }}
  header {{ padding: 8px 14px; background: #1b4f72; color: white; }} header h1 {{ margin: 0; font-size: 18px; }}
  main {{ flex: 1; display: flex; min-height: 0; }}
  aside {{ width: 270px; padding: 10px; border-right: 1px solid #d5d8dc; background: #f8f9f9; overflow-y: auto; }}
  #mapbox {{ flex: 1; min-width: 0; display: flex; align-items: center; justify-content: center; }}
  svg {{ max-width: 100%; max-height: 100%; }}
  path.m {{ stroke: white; stroke-width: .6; cursor: pointer; }} path.m:hover, path.m.hit {{ stroke: #c0392b; stroke-width: 2.5; }}
  path.d {{ fill: none; stroke: #1b4f72; stroke-width: 1.8; pointer-events: none; }}
  input, select {{ width: 100%; box-sizing: border-box; padding: 5px; margin-bottom: 8px; }}
  #tip {{ position: fixed; pointer-events: none; background: white; border: 1px solid #aab7b8; padding: 6px 8px; font-size: 12px; display: none; max-width: 280px; }}
  #legend span {{ display: inline-block; width: 26px; height: 12px; }}
  footer {{ font-size: 11px; color: #566573; padding: 4px 14px; }}
</style>
</head>
<body>
<header><h1>{title}</h1></header>
<main>
<aside>
  <input type="search" id="search" placeholder="{search}" aria-label="{search}">
  <p id="search-result" role="status"></p>
  <label>{measure}<select id="measure">{options}</select></label>
  <div id="legend"></div>
  <div id="info"></div>
</aside>
<div id="mapbox"><svg viewBox="0 0 {width} {height}" role="img" aria-label="{title}">{shapes}{borders}</svg></div>
</main>
<footer>{attribution}</footer>
<div id="tip"></div>
<script type="application/json" id="map-data">{data}</script>
<script>{script}</script>
</body>
</html>
"""

MAP_SCRIPT = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("map-data").textContent);
  var palette = ["#f2f3f4", "#d6eaf8", "#aed6f1", "#5dade2", "#2874a6", "#1b4f72"];
  var tip = document.getElementById("tip");
  function el(tag, content) { var e = document.createElement(tag); if (content !== undefined) e.textContent = content; return e; }
  function shade() {
    var key = document.getElementById("measure").value;
    var max = 0;
    Object.keys(data.metrics).forEach(function (a) { max = Math.max(max, data.metrics[a][key] || 0); });
    document.querySelectorAll("path.m").forEach(function (p) {
      var v = (data.metrics[p.dataset.ags] || {})[key] || 0;
      var i = v === 0 ? 0 : 1 + Math.min(4, Math.floor(4 * v / Math.max(1, max)));
      p.style.fill = palette[i];
    });
    var legend = document.getElementById("legend"); legend.textContent = "";
    [0, 1, 2, 3, 4, 5].forEach(function (i) {
      var row = el("div"); var sw = el("span"); sw.style.background = palette[i]; row.appendChild(sw);
      row.appendChild(document.createTextNode(i === 0 ? " 0" : " ≤ " + Math.ceil(max * i / 5))); legend.appendChild(row);
    });
  }
  function describe(ags) {
    var m = data.metrics[ags] || {}, box = el("div");
    box.appendChild(el("b", m.name + " (" + m.district + ")"));
    [["hosted", 0], ["people", 1], ["initiatives", 2]].forEach(function (pair) {
      box.appendChild(el("div", data.labels[pair[1]] + ": " + (m[pair[0]] || 0)));
    });
    return box;
  }
  document.querySelectorAll("path.m").forEach(function (p) {
    p.addEventListener("mousemove", function (e) {
      tip.textContent = ""; tip.appendChild(describe(p.dataset.ags));
      tip.style.display = "block"; tip.style.left = (e.clientX + 14) + "px"; tip.style.top = (e.clientY + 10) + "px";
    });
    p.addEventListener("mouseleave", function () { tip.style.display = "none"; });
    p.addEventListener("click", function () { select(p.dataset.ags); });
  });
  function select(ags) {
    document.querySelectorAll("path.m").forEach(function (p) { p.classList.toggle("hit", p.dataset.ags === ags); });
    var info = document.getElementById("info"); info.textContent = ""; info.appendChild(describe(ags));
  }
  function search(value) {
    var wanted = value.trim().toLowerCase(), status = document.getElementById("search-result");
    if (!wanted) { status.textContent = ""; return; }
    var hits = Object.keys(data.metrics).filter(function (a) { return data.metrics[a].name.toLowerCase().indexOf(wanted) === 0; }).sort();
    if (!hits.length) hits = Object.keys(data.metrics).filter(function (a) { return data.metrics[a].name.toLowerCase().indexOf(wanted) !== -1; }).sort();
    if (!hits.length) { status.textContent = data.notFound; return; }
    status.textContent = data.metrics[hits[0]].name; select(hits[0]);
  }
  document.getElementById("search").addEventListener("change", function (e) { search(e.target.value); });
  document.getElementById("search").addEventListener("keydown", function (e) { if (e.key === "Enter") search(e.target.value); });
  document.getElementById("measure").addEventListener("change", shade);
  shade();
  window.kgSearch = search;
  document.body.dataset.ready = "true";
})();
"""
