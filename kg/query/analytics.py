"""Network analytics with networkx over the projection defined in queries/network-*.rq.

Nodes are people, organisations (municipal and district bodies included), events and initiatives;
edges are roles, participations, hosting, organising, running, partnering and part-of links
(README: "How the graph becomes a network"). Edges are undirected and weighted by how many
statements link the two nodes.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from kg.errors import InvalidData
from kg.iris import BASE
from kg.problems import Problem
from kg.query.catalog import bind, load_catalog
from kg.query.engine import Engine, SelectResult

__all__ = ["Network", "build_network", "centrality", "communities", "engagement", "shortest_path"]

CONNECTORS = ("person", "agency", "organisation", "municipality", "district")


@dataclass
class Network:
    graph: nx.Graph

    def label(self, node) -> str:
        return self.graph.nodes[node].get("label", str(node))

    def find(self, ref: str) -> str:
        """A node by key (``person/marie-ting``), full IRI or exact label (case-insensitive)."""
        candidates = [ref, f"{BASE}id/{ref.strip('/')}"]
        for candidate in candidates:
            if candidate in self.graph:
                return candidate
        by_label = {self.label(n).casefold(): n for n in self.graph}
        if ref.casefold() in by_label:
            return by_label[ref.casefold()]
        close = difflib.get_close_matches(ref.casefold(), list(by_label), n=3, cutoff=0.6)
        raise InvalidData([Problem.of("network-node-unknown", value=ref,
                                      suggestions=", ".join(self.label(by_label[c]) for c in close) or "-")])


RELATIONS = {  # the relation codes of queries/network-edges.rq, as people read them
    "role": {"de": "Funktion", "en": "role"},
    "took part": {"de": "nahm teil", "en": "took part"},
    "takes part": {"de": "beteiligt", "en": "takes part"},
    "appeared for": {"de": "trat auf für", "en": "appeared for"},
    "presented": {"de": "stellte vor", "en": "presented"},
    "hosted": {"de": "Gastgeber", "en": "hosted"},
    "organised": {"de": "organisierte", "en": "organised"},
    "runs": {"de": "trägt", "en": "runs"},
    "partner": {"de": "Partner", "en": "partner"},
    "part of": {"de": "Teil von", "en": "part of"},
    "links": {"de": "Verbindungen", "en": "links"},
}


def relation_label(code: str, lang: str) -> str:
    """A relation code in the reader's language (a query's own relation names stay as they are)."""
    return RELATIONS.get(code, {}).get(lang, code)


def build_network(engine: Engine, queries: Path, lang: str = "de") -> Network:
    catalog = load_catalog(queries)
    nodes_q, edges_q = catalog["network-nodes"], catalog["network-edges"]
    graph = nx.Graph()
    for node, label, kind, district, year in engine.select(nodes_q.text, bind(nodes_q, {"lang": lang}),
                                                           hide=nodes_q.params).values():
        if node not in graph:
            graph.add_node(node, label=label, kind=kind, district=district, year=year)
    for source, target, relation in engine.select(edges_q.text, bind(edges_q), hide=edges_q.params).values():
        if source in graph and target in graph:
            if graph.has_edge(source, target):
                graph[source][target]["weight"] += 1
                graph[source][target]["relations"].add(relation)
            else:
                graph.add_edge(source, target, weight=1, relations={relation})
    return Network(graph)


def _result(columns, rows) -> SelectResult:
    return SelectResult(columns, [tuple(None if v is None else _literal(v) for v in row) for row in rows])


_DOUBLE = ox.NamedNode("http://www.w3.org/2001/XMLSchema#double")


def _literal(value) -> ox.Literal:
    """A Python value as a literal; a float keeps Python's spelling (0.0, 1e-05)."""
    return ox.Literal(str(value), datatype=_DOUBLE) if isinstance(value, float) else ox.Literal(value)


def centrality(network: Network, top: int | None = None) -> SelectResult:
    """People and organisations ranked by betweenness (who connects the network), with degree."""
    g = network.graph
    betweenness = nx.betweenness_centrality(g, normalized=True)
    rows = [(network.label(n), g.nodes[n]["kind"], g.degree(n), round(betweenness[n], 4))
            for n in g if g.nodes[n]["kind"] in CONNECTORS and g.degree(n) > 0]
    rows.sort(key=lambda r: (-r[3], -r[2], r[0]))
    return _result(["name", "kind", "degree", "betweenness"], rows[:top] if top else rows)


def communities(network: Network) -> SelectResult:
    """Communities by greedy modularity (deterministic), largest first, with their best-connected members."""
    g = network.graph.subgraph([n for n in network.graph if network.graph.degree(n) > 0])
    found = nx.algorithms.community.greedy_modularity_communities(g, weight="weight")
    ordered = sorted(found, key=lambda c: (-len(c), min(network.label(n) for n in c)))
    rows = []
    for index, members in enumerate(ordered, start=1):
        ranked = sorted(members, key=lambda n: (-g.degree(n), network.label(n)))
        kinds = sorted({g.nodes[n]["kind"] for n in members})
        rows.append((index, len(members), ", ".join(kinds), "; ".join(network.label(n) for n in ranked[:8])))
    return _result(["community", "size", "kinds", "members"], rows)


def engagement(engine: Engine, queries: Path, by: str = "municipality") -> SelectResult:
    """Every municipality's (or district's) engagement, zeros included."""
    query = load_catalog(queries)["municipality-engagement"]
    result = engine.select(query.text, bind(query), hide=query.params)
    if by == "municipality":
        return result
    totals: dict[str, list[int]] = {}
    for district, _m, _ags, hosted, people, joined, _score in result.values():
        t = totals.setdefault(district, [0, 0, 0, 0, 0])
        t[0] += 1
        t[1] += int(hosted)
        t[2] += int(people)
        t[3] += int(joined)
        t[4] += 1 if int(hosted) else 0
    rows = [(d, t[0], t[4], t[1], t[2], t[3]) for d, t in sorted(totals.items())]
    return _result(["district", "municipalities", "municipalitiesThatHosted", "editionsHosted", "peoplePresent",
                    "initiativesJoined"], rows)


def shortest_path(network: Network, start: str, end: str, lang: str = "en") -> SelectResult:
    """The shortest chain of links between two people or organisations (or any two nodes)."""
    a, b = network.find(start), network.find(end)
    try:
        path = nx.shortest_path(network.graph, a, b)
    except nx.NetworkXNoPath:
        raise InvalidData([Problem.of("network-no-path", start=network.label(a), end=network.label(b))]) from None
    rows = []
    for step, node in enumerate(path):
        relation = ""
        if step + 1 < len(path):
            relation = ", ".join(sorted(relation_label(r, lang) for r in network.graph[node][path[step + 1]]["relations"]))
        rows.append((step, network.label(node), network.graph.nodes[node]["kind"], relation))
    return _result(["step", "name", "kind", "link to next"], rows)
