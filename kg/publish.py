"""Writes the published dataset files deterministically.

Blank nodes would get new labels on every run, so the loaders mint IRIs for every node; here the
serialisations are made order-stable (sorted N-Quads, sorted JSON-LD) so two builds are
byte-identical. Lines are split on "\n" only: a literal may hold U+2028, NEL, VT or FF, which
``str.splitlines`` would treat as line ends. Where the files go, and how the folder is swapped in,
is ``kg.outputs``' job.
"""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import Dataset, Graph

from kg.namespaces import PREFIXES
from kg.outputs import write_atomic

__all__ = ["write_dataset_files", "write_json", "write_text", "DATASET_FILES"]

DATASET_FILES = ("swf-kg.trig", "swf-kg.nq", "swf-kg.ttl", "swf-kg.jsonld")


def write_text(path: Path, text: str) -> None:
    write_atomic(path, text)


def write_json(path: Path, data) -> None:
    write_text(path, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


def _sorted_jsonld(value):
    """JSON-LD with every unordered array sorted, so the file does not depend on set order."""
    if isinstance(value, dict):
        return {k: (_sorted_jsonld(v) if k != "@list" else [_sorted_jsonld(x) for x in v]) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sorted_jsonld(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def _trig(dataset: Dataset) -> str:
    """TriG with graphs in IRI order, each body from rdflib's (order-stable) Turtle serializer.

    rdflib's own TriG writer orders graphs and subjects differently from run to run.
    """
    prefixes = sorted(PREFIXES.items())
    parts = [f"@prefix {prefix}: <{ns}> .\n" for prefix, ns in prefixes]
    for context in sorted(dataset.graphs(), key=lambda g: str(g.identifier)):
        if not len(context) or context.identifier == dataset.default_graph.identifier:
            continue
        graph = Graph(bind_namespaces="none")
        for prefix, ns in prefixes:
            graph.bind(prefix, ns)
        for triple in context:
            graph.add(triple)
        # Not indented: a literal with a line break is written as a """…""" block, and indenting
        # its lines would change its value.
        body = [line for line in graph.serialize(format="turtle").split("\n") if not line.startswith("@prefix")]
        text = "\n".join(body).strip("\n")
        parts.append(f"\n<{context.identifier}> {{\n{text}\n}}\n")
    return "".join(parts)


def write_dataset_files(folder: Path, dataset: Dataset, union: Graph) -> dict[str, Path]:
    """TriG and N-Quads with the named graphs; Turtle and JSON-LD of the union."""
    paths = {name: folder / name for name in DATASET_FILES}
    write_text(paths["swf-kg.trig"], _trig(dataset))
    nquads = dataset.serialize(format="nquads")
    write_text(paths["swf-kg.nq"], "".join(sorted({line + "\n" for line in nquads.split("\n") if line})))
    write_text(paths["swf-kg.ttl"], union.serialize(format="turtle"))
    context = {prefix: str(ns) for prefix, ns in union.namespaces()
               if prefix in ("swf", "schema", "org", "foaf", "prov", "skos", "dcterms", "geo", "time", "rdfs", "xsd", "owl")}
    jsonld = json.loads(union.serialize(format="json-ld", context=context, auto_compact=True))
    write_json(paths["swf-kg.jsonld"], _sorted_jsonld(jsonld))
    return paths
