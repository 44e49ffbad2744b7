"""Writes the published dataset files deterministically.

Blank nodes would get new labels on every run, so the loaders mint IRIs for every node; here
pyoxigraph writes every file from the quads in a fixed order, so two builds are byte-identical
(and fast: rdflib's serialisers took most of a build's writing time). Where the files go, and how
the folder is swapped in, is ``kg.outputs``' job.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyoxigraph as ox

from kg.namespaces import PREFIXES
from kg.outputs import write_atomic

__all__ = ["write_dataset_files", "write_json", "write_text", "sorted_quads", "merged_triples", "compact_jsonld",
           "DATASET_FILES"]

DATASET_FILES = ("swf-kg.trig", "swf-kg.nq", "swf-kg.ttl", "swf-kg.jsonld")


def write_text(path: Path, text: str) -> None:
    write_atomic(path, text)


def write_json(path: Path, data) -> None:
    write_text(path, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


def _key(term) -> str:
    return str(term)


def sorted_quads(store: ox.Store) -> list:
    """Every quad of the store's named graphs in one fixed order (graph, subject, predicate,
    object, by their N-Triples forms), so each file is the same on every build."""
    return sorted(store.quads_for_pattern(None, None, None, None),
                  key=lambda q: (_key(q.graph_name), _key(q.subject), _key(q.predicate), _key(q.object)))


def merged_triples(quads: list) -> list:
    """The RDF merge of the named graphs (each triple once), in the same fixed order."""
    triples = {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
    return sorted(triples, key=lambda t: (_key(t.subject), _key(t.predicate), _key(t.object)))


def write_dataset_files(folder: Path, store: ox.Store) -> dict[str, Path]:
    """TriG and N-Quads with the named graphs; Turtle and JSON-LD of their merge. Written by
    pyoxigraph from sorted input, so two builds give the same bytes."""
    paths = {name: folder / name for name in DATASET_FILES}
    quads = sorted_quads(store)
    triples = merged_triples(quads)
    prefixes = dict(sorted(PREFIXES.items()))
    nquads = ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode("utf-8")
    # Lines are split on "\n" only: a literal may hold U+2028, NEL, VT or FF.
    write_text(paths["swf-kg.nq"], "".join(sorted({line + "\n" for line in nquads.split("\n") if line})))
    write_atomic(paths["swf-kg.trig"], ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=prefixes))
    write_atomic(paths["swf-kg.ttl"], ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes))
    expanded = json.loads(ox.serialize(triples, format=ox.RdfFormat.JSON_LD))
    write_json(paths["swf-kg.jsonld"], compact_jsonld(expanded, prefixes))
    return paths


_SIMPLE_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")


def compact_jsonld(expanded: list, prefixes: dict[str, str]) -> dict:
    """Expanded JSON-LD made readable: IRIs in keys, ``@id`` and ``@type`` written as compact IRIs
    (``swf:RoundTableEdition``) with the prefixes in the ``@context``. Only names whose local part
    is plain letters and digits are compacted, so every one expands back to the same IRI."""
    ordered = sorted(prefixes.items(), key=lambda kv: -len(kv[1]))

    def short(iri: str) -> str:
        for prefix, ns in ordered:
            if iri.startswith(ns) and _SIMPLE_LOCAL.fullmatch(iri[len(ns):]):
                return f"{prefix}:{iri[len(ns):]}"
        return iri

    def node(value):
        if isinstance(value, list):
            return [node(v) for v in value]
        if not isinstance(value, dict):
            return value
        out = {}
        for key, item in value.items():
            if key == "@id":
                out[key] = short(item)
            elif key == "@type":
                out[key] = [short(t) for t in item] if isinstance(item, list) else short(item)
            elif key.startswith("@"):
                out[key] = node(item)
            else:
                out[short(key)] = node(item)
        return out

    return {"@context": dict(prefixes), "@graph": [node(n) for n in expanded]}
