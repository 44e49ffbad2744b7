"""Files for the tools analysts use: the network as GraphML and GEXF (Gephi, networkx, yEd), the
municipalities with their engagement figures as GeoJSON (QGIS), and every named thing as CSV.

The writers are networkx's own; the graph handed to them has only plain, single-valued attributes
(networkx's GraphML and GEXF writers fail on sets and on None), and the GEXF date stamp is
dropped so two builds give the same bytes.
"""

from __future__ import annotations

import csv
import io
import json
import re

import networkx as nx

from kg.query.analytics import Network, relation_label
from kg.query.results import csv_cell
from kg.views.items import Items, kind_label

__all__ = ["exportable", "graphml", "gexf", "engagement_geojson", "items_csv", "EXPORTS"]

EXPORTS = {  # file: (German, English) description for the index
    "exports/network.graphml": ("Netzwerk als GraphML (Gephi, yEd, networkx)", "Network as GraphML (Gephi, yEd, networkx)"),
    "exports/network.gexf": ("Netzwerk als GEXF (Gephi)", "Network as GEXF (Gephi)"),
    "exports/municipalities.geojson": ("Kommunen mit Engagement-Kennzahlen als GeoJSON (QGIS)",
                                       "Municipalities with engagement figures as GeoJSON (QGIS)"),
    "exports/items.csv": ("Alle Einträge als Tabelle (CSV)", "Every item as a table (CSV)"),
}


def exportable(network: Network, lang: str, pages: dict[str, str]) -> nx.Graph:
    """The network with string attributes only, nodes and edges in a fixed order."""
    source = network.graph
    graph = nx.Graph()
    for node in sorted(source):
        data = source.nodes[node]
        graph.add_node(node, label=str(data.get("label") or node), kind=str(data.get("kind") or ""),
                       district=str(data.get("district") or ""), year=str(data.get("year") or ""),
                       page=pages.get(node, ""))
    for a, b in sorted(tuple(sorted(edge)) for edge in source.edges()):
        data = source.edges[a, b]
        graph.add_edge(a, b, weight=int(data.get("weight", 1)),
                       relations="; ".join(sorted(relation_label(r, lang) for r in data.get("relations", ()))))
    return graph


def graphml(graph: nx.Graph) -> str:
    return "\n".join(nx.generate_graphml(graph)) + "\n"


def gexf(graph: nx.Graph) -> str:
    text = "\n".join(nx.generate_gexf(graph)) + "\n"
    return re.sub(r' lastmodifieddate="[^"]*"', "", text, count=1)


def engagement_geojson(municipalities: dict, metrics: dict, pages: dict[str, str], attribution: str) -> str:
    """The municipalities' boundaries with their engagement figures as properties."""
    features = []
    for feature in sorted(municipalities["features"], key=lambda f: f["properties"]["ags"]):
        ags = feature["properties"]["ags"]
        figures = metrics.get(ags, {})
        properties = {"ags": ags, "name": feature["properties"]["name"], "district": feature["properties"]["district"],
                      "hosted": figures.get("hosted", 0), "people": figures.get("people", 0),
                      "initiatives": figures.get("initiatives", 0), "score": figures.get("score", 0),
                      "page": pages.get(ags, "")}
        features.append({"type": "Feature", "properties": properties, "geometry": feature["geometry"]})
    collection = {"type": "FeatureCollection", "name": "swf-kg-municipalities", "attribution": attribution,
                  "features": features}
    return json.dumps(collection, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def items_csv(items: Items, lang: str) -> str:
    """Every named thing: kind, name, description, IRI and its page (cells that look like a
    formula are kept as text, as in the query results)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow({"de": ["Art", "Name", "Beschreibung", "IRI", "Seite"],
                     "en": ["kind", "name", "description", "iri", "page"]}[lang])
    for kind, members in items.by_kind().items():
        for item in members:
            writer.writerow([csv_cell(v) for v in (kind_label(kind, lang, plural=False), item.label,
                                                   item.description or "", item.iri, item.path)])
    return buffer.getvalue()
