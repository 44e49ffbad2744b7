"""Loads the official reference data: the region, its 5 districts and 59 municipalities.

Each municipality and district becomes two linked nodes keyed by its official key, the territory
(where events take place) and the public body (whose staff attend, which hosts). The figures cite
the data sets declared in data/refdata/sources.yaml.
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from kg.errors import UnreadableInput
from kg.load.files import read_text
from kg.load.registry import Entry, Registry, slugify
from kg.namespaces import (
    GEO,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SWF,
    XSD,
    graph_iri,
    thing,
)
from kg.problems import Problem

__all__ = ["load_refdata", "REGION", "body_label", "MUNICIPALITY_COLUMNS", "DISTRICT_COLUMNS"]

REGION = thing("region", "suedwestfalen")
MUNICIPALITY_COLUMNS = ("name", "name_destatis", "kind", "district_ags", "ags", "regionalschluessel", "latitude",
                        "longitude", "population", "population_date", "population_gv2019",
                        "population_gv2019_date", "area_km2", "postal_code_admin", "postal_codes",
                        "osm_relation_id", "nuts3")
DISTRICT_COLUMNS = ("name", "ags", "regionalschluessel", "seat_ags", "wikidata_qid", "gnd", "osm_relation_id",
                    "nuts3", "area_km2_sum_gv")

S1, S2, S3, S5, S6, S7 = (thing("source", key) for key in (
    "destatis-gv-2020q4", "zensus-2022-1000a", "bkg-vg5000-2021-kreise", "bkg-vg5000-2021-gemeinden",
    "osm-suche-postleitzahl", "wikidata-landkreise"))


def body_label(name: str, name_destatis: str, kind: str) -> str:
    """"Altena, Stadt" -> "Stadt Altena"; "Attendorn, Hansestadt" -> "Hansestadt Attendorn"; "Bestwig" -> "Gemeinde Bestwig"."""
    if "," in name_destatis:
        designation = name_destatis.split(",", 1)[1].strip()
        return f"{designation} {name}"
    return f"{kind} {name}"


def _rows(path: Path, shown: str, columns) -> list[tuple[int, dict]]:
    reader = csv.DictReader(io.StringIO(read_text(path, shown)))
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        raise UnreadableInput([Problem.of("csv-format", file=shown, line=1,
                                          detail=f"missing columns: {', '.join(missing)}")])
    rows = []
    for row in reader:
        rows.append((reader.line_num, row))
    return rows


def _decimal(value: str, shown: str, line: int, column: str) -> Literal:
    try:
        return Literal(Decimal(value), datatype=XSD.decimal)
    except InvalidOperation:
        raise UnreadableInput([Problem.of("csv-format", file=shown, line=line,
                                          detail=f"„{value}“ in column {column} is not a number")]) from None


def _key(value: str, digits: int, shown: str, line: int, column: str) -> str:
    if not re.fullmatch(rf"\d{{{digits}}}", value or ""):
        raise UnreadableInput([Problem.of("csv-format", file=shown, line=line,
                                          detail=f"„{value}“ in column {column} is not a {digits}-digit key")])
    return value


def _population(graph: Graph, owner: URIRef, value: str, date: str, source: URIRef, shown: str, line: int):
    if not value:
        return
    if not value.isdigit():
        raise UnreadableInput([Problem.of("csv-format", file=shown, line=line,
                                          detail=f"population „{value}“ is not a whole number")])
    node = URIRef(f"{owner}/population/{date}")
    graph.add((owner, SWF.population, node))
    graph.add((node, RDF.type, SWF.CountStatement))
    graph.add((node, SWF.countValue, Literal(int(value), datatype=XSD.integer)))
    graph.add((node, SWF.counts, thing("count-unit", "inhabitants")))
    graph.add((node, SWF.approximate, Literal(False)))
    graph.add((node, SWF.referenceDate, Literal(date, datatype=XSD.date)))
    graph.add((node, PROV.wasDerivedFrom, source))


def load_refdata(folder: Path, shown_folder: str, registry: Registry) -> dict[URIRef, tuple[Graph, dict]]:
    """Named graphs for districts and municipalities; registers their keys and names in ``registry``."""
    districts_csv, municipalities_csv = folder / "districts.csv", folder / "municipalities.csv"
    shown_d, shown_m = f"{shown_folder}/districts.csv", f"{shown_folder}/municipalities.csv"
    d_graph, d_lines = Graph(), {}
    m_graph, m_lines = Graph(), {}

    d_graph.add((REGION, RDF.type, SWF.Region))
    d_graph.add((REGION, RDF.type, SCHEMA.AdministrativeArea))
    d_graph.add((REGION, RDFS.label, Literal("Südwestfalen")))
    d_graph.add((REGION, SCHEMA.description, Literal(
        "Region in Nordrhein-Westfalen aus fünf Kreisen mit 59 Städten und Gemeinden.", lang="de")))
    d_graph.add((REGION, SCHEMA.description, Literal(
        "Region of North Rhine-Westphalia made of five districts with 59 towns and municipalities.", lang="en")))
    d_graph.add((REGION, PROV.wasDerivedFrom, S1))

    district_rows = _rows(districts_csv, shown_d, DISTRICT_COLUMNS)
    for line, row in district_rows:
        key = _key(row["ags"], 5, shown_d, line, "ags")
        territory, body = thing("district", key), thing("district-body", key)
        d_lines[territory] = d_lines[body] = line
        g = d_graph
        g.add((territory, RDF.type, SWF.District))
        g.add((territory, RDF.type, SCHEMA.AdministrativeArea))
        g.add((territory, RDFS.label, Literal(row["name"])))
        g.add((territory, SWF.officialKey, Literal(key)))
        g.add((territory, SWF.regionalKey, Literal(row["regionalschluessel"])))
        g.add((territory, SWF.nuts3, Literal(row["nuts3"])))
        g.add((territory, SCHEMA.containedInPlace, REGION))
        g.add((territory, SWF.seat, thing("municipality", _key(row["seat_ags"], 8, shown_d, line, "seat_ags"))))
        g.add((territory, SWF.areaKm2, _decimal(row["area_km2_sum_gv"], shown_d, line, "area_km2_sum_gv")))
        g.add((territory, SWF.governedBy, body))
        if row["wikidata_qid"]:
            g.add((territory, OWL.sameAs, URIRef(f"http://www.wikidata.org/entity/{row['wikidata_qid']}")))
        if row["osm_relation_id"]:
            g.add((territory, RDFS.seeAlso, URIRef(f"https://www.openstreetmap.org/relation/{row['osm_relation_id']}")))
        g.add((territory, PROV.wasDerivedFrom, S1))
        g.add((territory, PROV.wasDerivedFrom, S7))
        g.add((body, RDF.type, SWF.DistrictBody))
        g.add((body, RDF.type, ORG.Organization))
        # The body is called by the district's name, as the sources call it ("Landrat des Märkischen
        # Kreises"); its type and the comment tell it from the territory of the same name.
        g.add((body, RDFS.label, Literal(row["name"])))
        g.add((body, RDFS.comment, Literal(f"{row['name']}: der Kreis als Gebietskörperschaft (Kreisverwaltung, Landrat).", lang="de")))
        g.add((body, RDFS.comment, Literal(f"{row['name']}: the district as a public body (district administration, Landrat).", lang="en")))
        g.add((body, SWF.officialKey, Literal(key)))
        g.add((body, SWF.governs, territory))
        if row["gnd"]:
            g.add((body, OWL.sameAs, URIRef(f"https://d-nb.info/gnd/{row['gnd']}")))
        g.add((body, PROV.wasDerivedFrom, S7))
        registry.add(Entry("district", key, territory, row["name"], shown_d, line, {slugify(row["name"])}))
        registry.add(Entry("organisation", slugify(row["name"]), body, row["name"], shown_d, line, {key}))

    districts = {key for _, row in district_rows for key in [row["ags"]]}
    for line, row in _rows(municipalities_csv, shown_m, MUNICIPALITY_COLUMNS):
        ags = _key(row["ags"], 8, shown_m, line, "ags")
        if row["district_ags"] not in districts or not ags.startswith(row["district_ags"]):
            raise UnreadableInput([Problem.of("csv-format", file=shown_m, line=line,
                                              detail=f"district {row['district_ags']} of {ags} is not in districts.csv")])
        if row["kind"] not in ("Stadt", "Gemeinde"):
            raise UnreadableInput([Problem.of("csv-format", file=shown_m, line=line,
                                              detail=f"kind „{row['kind']}“ is neither Stadt nor Gemeinde")])
        territory, body = thing("municipality", ags), thing("municipal-body", ags)
        m_lines[territory] = m_lines[body] = line
        label = body_label(row["name"], row["name_destatis"], row["kind"])
        g = m_graph
        g.add((territory, RDF.type, SWF.Municipality))
        g.add((territory, RDF.type, SCHEMA.AdministrativeArea))
        g.add((territory, RDFS.label, Literal(row["name"])))
        g.add((territory, SWF.officialKey, Literal(ags)))
        g.add((territory, SWF.regionalKey, Literal(row["regionalschluessel"])))
        g.add((territory, SWF.municipalityKind, thing("municipality-kind", row["kind"].lower())))
        g.add((territory, SCHEMA.containedInPlace, thing("district", row["district_ags"])))
        g.add((territory, GEO.lat, _decimal(row["latitude"], shown_m, line, "latitude")))
        g.add((territory, GEO.long, _decimal(row["longitude"], shown_m, line, "longitude")))
        g.add((territory, SWF.areaKm2, _decimal(row["area_km2"], shown_m, line, "area_km2")))
        g.add((territory, SWF.nuts3, Literal(row["nuts3"])))
        g.add((territory, SWF.postalCodeOfAdministration, Literal(row["postal_code_admin"])))
        for code in filter(None, row["postal_codes"].split(";")):
            g.add((territory, SCHEMA.postalCode, Literal(code)))
        if row["osm_relation_id"]:
            g.add((territory, RDFS.seeAlso, URIRef(f"https://www.openstreetmap.org/relation/{row['osm_relation_id']}")))
        _population(g, territory, row["population"], row["population_date"], S2, shown_m, line)
        _population(g, territory, row["population_gv2019"], row["population_gv2019_date"], S1, shown_m, line)
        g.add((territory, SWF.governedBy, body))
        g.add((territory, PROV.wasDerivedFrom, S1))
        g.add((territory, PROV.wasDerivedFrom, S5))
        if row["osm_relation_id"]:
            g.add((territory, PROV.wasDerivedFrom, S6))
        g.add((body, RDF.type, SWF.MunicipalBody))
        g.add((body, RDF.type, ORG.Organization))
        g.add((body, RDFS.label, Literal(label)))
        g.add((body, SWF.officialKey, Literal(ags)))
        g.add((body, SWF.governs, territory))
        g.add((body, PROV.wasDerivedFrom, S1))
        short = re.sub(r"\s*\(.*\)$", "", row["name"])
        registry.add(Entry("municipality", ags, territory, row["name"], shown_m, line,
                           {short, slugify(row["name"]), slugify(short)}))
        registry.add(Entry("organisation", slugify(label), body, label, shown_m, line,
                           {ags, row["name"], short, f"{label.split(' ', 1)[0]} {short}", f"{row['kind']} {short}"}))

    meta = {}
    for name, graph, sources, shown in (("refdata/districts", d_graph, (S1, S3, S7), shown_d),
                                        ("refdata/municipalities", m_graph, (S1, S2, S5, S6), shown_m)):
        g_iri = graph_iri(name)
        graph.add((g_iri, RDF.type, SWF.Contribution))
        graph.add((g_iri, RDFS.label, Literal(f"Reference data: {shown}")))
        graph.add((g_iri, SWF.sourceFile, Literal(shown)))
        for src in sources:
            graph.add((g_iri, PROV.wasDerivedFrom, src))
        meta[g_iri] = (graph, d_lines if graph is d_graph else m_lines, shown)
    return meta
