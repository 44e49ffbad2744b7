"""The network model a page draws: node styles by kind, positions computed in advance, and the
nodes and edges as vis-network wants them.

pyvis builds the model (nodes, edges, options); its own page templates are not used, because
pyvis 0.3.2's templates fetch vis-network and Bootstrap from a CDN even in its "local" and
"in_line" modes, write the heading and select-menu ids unescaped, and switch every tooltip to live
HTML once one contains "href". Positions come from networkx (seeded) and physics is off, so large
graphs draw at once; above AGGREGATE_ABOVE nodes the page shows communities instead of nodes.
"""

from __future__ import annotations

import math

import networkx as nx
from pyvis.network import Network as PyvisNetwork

from kg.query.analytics import Network, relation_label

__all__ = ["KIND_STYLE", "AGGREGATE_ABOVE", "layout", "aggregate", "model"]

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


def layout(graph: nx.Graph) -> dict:
    """Positions computed in advance (deterministic), scaled to vis-network's pixel space."""
    if graph.number_of_nodes() == 0:
        return {}
    iterations = 120 if graph.number_of_nodes() <= 1000 else 30
    k = 3.5 / math.sqrt(graph.number_of_nodes())
    pos = nx.spring_layout(graph, seed=7, iterations=iterations, k=k, weight=None)
    scale = 90 * math.sqrt(graph.number_of_nodes()) + 200
    return {n: (round(x * scale, 1), round(y * scale, 1)) for n, (x, y) in pos.items()}


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


def model(network: Network, lang: str, details: dict, physics: bool = False) -> tuple[list, list]:
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
        relation = ", ".join(sorted(relation_label(r, lang) for r in data.get("relations", [])))
        net.add_edge(a, b, relation=relation, width=min(6, data.get("weight", 1)))
    nodes = [{k: v for k, v in n.items() if k not in ("title",)} for n in net.nodes]
    edges = [{"from": e["from"], "to": e["to"], "relation": e.get("relation", ""), "width": e.get("width", 1)}
             for e in net.edges]
    return nodes, edges
