"""The network model a page draws: node styles by kind, positions computed in advance, and the
nodes and edges as vis-network wants them.

pyvis builds the model (nodes, edges, options); its own page templates are not used, because
pyvis 0.3.2's templates fetch vis-network and Bootstrap from a CDN even in its "local" and
"in_line" modes, write the heading and select-menu ids unescaped, and switch every tooltip to live
HTML once one contains "href". Positions come from networkx (seeded) and physics is off, so large
graphs draw at once; above AGGREGATE_ABOVE nodes the page shows communities instead of nodes.
"""

from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path

import networkx as nx
import numpy
from pyvis.network import Network as PyvisNetwork

from kg.outputs import write_atomic
from kg.query.analytics import Network, relation_label

__all__ = ["KIND_STYLE", "AGGREGATE_ABOVE", "Layouts", "layout", "aggregate", "model"]

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


FORCEATLAS2_FROM, FORCEATLAS2_UP_TO = 60, 1200  # ForceAtlas2 costs O(n²) per step in networkx: ~40 s at
# 3,000 nodes; below 60 nodes (an edition's network) a spring layout reads as well at a tenth of the cost
HUBS = 12  # the most connected nodes, whose labels show at the opening zoom


def layout(graph: nx.Graph) -> dict:
    """Positions computed in advance (deterministic), scaled to vis-network's pixel space.

    ForceAtlas2 with hubs dissuaded (distributed attraction) and node sizes pulls the agency's
    many links apart instead of piling everything around it; for small and for very large graphs
    a seeded spring layout keeps the build fast."""
    if graph.number_of_nodes() == 0:
        return {}
    if FORCEATLAS2_FROM <= graph.number_of_nodes() <= FORCEATLAS2_UP_TO:
        sizes = {n: 1 + min(18, graph.degree(n)) / 6 for n in graph}
        with numpy.errstate(invalid="ignore", divide="ignore"):
            pos = nx.forceatlas2_layout(graph, seed=7, max_iter=400, scaling_ratio=4.0, gravity=1.0,
                                        distributed_action=True, node_size=sizes)
        if not all(math.isfinite(float(c)) for p in pos.values() for c in p):  # a degenerate step (tiny graphs)
            pos = nx.spring_layout(graph, seed=7, iterations=120, k=3.5 / math.sqrt(graph.number_of_nodes()), weight=None)
        xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
        spread = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
        pos = {n: ((x - min(xs)) / spread - 0.5, (y - min(ys)) / spread - 0.5) for n, (x, y) in pos.items()}
    else:
        iterations = 120 if graph.number_of_nodes() < FORCEATLAS2_FROM else 30
        k = 3.5 / math.sqrt(graph.number_of_nodes())
        pos = nx.spring_layout(graph, seed=7, iterations=iterations, k=k, weight=None)
    n = graph.number_of_nodes()
    scale = 170 * math.sqrt(n) + 300 if n >= FORCEATLAS2_FROM else 60 * math.sqrt(n) + 150
    return {n: (round(float(x) * scale, 1), round(float(y) * scale, 1)) for n, (x, y) in pos.items()}


class Layouts:
    """Positions already computed, by the graph's structure alone: its nodes and links, sorted, so
    that neither labels nor the order the queries gave them in count (``layout`` uses no weights).
    The German and the English page of a network share one layout, and a rebuild after a renamed
    node lays nothing out again. With a ``folder`` (the build cache) they are kept as files
    between builds; safe to delete."""

    def __init__(self, folder: Path | None = None):
        self.folder = Path(folder) / "layouts" if folder is not None else None
        self.known: dict[str, dict] = {}
        self.used: set[str] = set()  # kept by prune(): asked for in this run, or drawn on a page kept
        self.asked: list[str] = []  # every key asked for, in turn (the page cache notes a page's)
        self.hits = self.made = 0  # layouts reused (kept or computed earlier in this run) and computed

    @staticmethod
    def canonical(graph: nx.Graph) -> nx.Graph:
        """The same nodes and links, in sorted order: what ``layout`` sees, and the key."""
        ordered = nx.Graph()
        ordered.add_nodes_from(sorted(graph))
        ordered.add_edges_from(sorted(tuple(sorted(edge)) for edge in graph.edges()))
        return ordered

    @staticmethod
    def key(graph: nx.Graph) -> str:
        structure = repr([nx.__version__, LAYOUT_VERSION, list(graph), list(graph.edges())])
        return hashlib.blake2b(structure.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()

    def positions(self, graph: nx.Graph) -> dict:
        graph = self.canonical(graph)
        key = self.key(graph)
        self.used.add(key)
        self.asked.append(key)
        found = self.known[key] if key in self.known else self._read(key, graph)
        if found is None:
            self.made += 1
            found = layout(graph)
            self._write(key, found)
        else:
            self.hits += 1
        self.known[key] = found
        return found

    def _read(self, key: str, graph: nx.Graph) -> dict | None:
        if self.folder is None:
            return None
        try:
            rows = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
            found = {node: (x, y) for node, x, y in rows}
        except (OSError, ValueError, TypeError):
            return None  # missing or damaged: laid out again
        return found if list(found) == list(graph) else None

    def _write(self, key: str, positions: dict) -> None:
        if self.folder is None:
            return
        try:
            write_atomic(self.folder / f"{key}.json", json.dumps([[n, x, y] for n, (x, y) in positions.items()],
                                                                 ensure_ascii=False))
        except OSError:
            pass  # only a shortcut

    def prune(self) -> None:
        if self.folder is None or not self.folder.is_dir():
            return
        for path in self.folder.glob("*.json"):
            if path.stem not in self.used:
                path.unlink(missing_ok=True)


LAYOUT_VERSION = 2  # raise when layout() changes, so kept positions are not reused


def aggregate(network: Network) -> Network:
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


def model(network: Network, lang: str, details: dict, physics: bool = False,
          links: dict | None = None, layouts: Layouts | None = None) -> tuple[list, list]:
    """Nodes and edges through pyvis, with positions fixed and physics off (``physics=True`` only
    for the benchmark's baseline: no positions, vis-network's own simulation); ``links`` gives a
    node's item page as the page links to it; ``layouts`` keeps positions for the next page with
    the same structure."""
    positions = {} if physics else (layouts or Layouts()).positions(network.graph)
    main = max(nx.connected_components(network.graph), key=len) if network.graph.number_of_nodes() else set()
    hubs = set(sorted(network.graph, key=lambda n: (-network.graph.degree(n), str(n)))[:HUBS])
    # networkx gives each link once; for an undirected network pyvis compares every new edge with
    # every edge so far (quadratic: ~6 s of a build at 100k triples). Only the nodes and edges are
    # taken from it, without arrows, so the page is the same.
    net = PyvisNetwork(directed=True)
    for node in sorted(network.graph):
        data = network.graph.nodes[node]
        kind = data.get("kind", "organisation")
        colour, shape, de, en = KIND_STYLE.get(kind, KIND_STYLE["organisation"])
        x, y = positions.get(node, (None, None))
        size = 7 + min(18, network.graph.degree(node)) if kind != "community" else 10 + min(60, data.get("size", 1))
        net.add_node(node, label=str(data.get("label", node)), color=colour, shape=shape, x=x, y=y, size=size,
                     physics=physics, kind=kind, kindLabel=de if lang == "de" else en,
                     district=data.get("district") or "", year=data.get("year") or "",
                     details=details.get(node, []), main=node in main, hub=node in hubs,
                     href=(links or {}).get(node, ""))
    for a, b in sorted(network.graph.edges(), key=lambda e: (str(e[0]), str(e[1]))):
        data = network.graph.edges[a, b]
        relation = ", ".join(sorted(relation_label(r, lang) for r in data.get("relations", [])))
        net.add_edge(a, b, relation=relation, width=min(6, data.get("weight", 1)))
    nodes = [{k: v for k, v in n.items() if k not in ("title",)} for n in net.nodes]
    edges = [{"from": e["from"], "to": e["to"], "relation": e.get("relation", ""), "width": e.get("width", 1)}
             for e in net.edges]
    return nodes, edges
