"""Writes the published dataset files deterministically.

Blank nodes would get new labels on every run, so the loaders mint IRIs for every node; here
pyoxigraph writes every file from the quads in a fixed order, so two builds are byte-identical
(and fast: rdflib's serialisers took most of a build's writing time). Where the files go, and how
the folder is swapped in, is ``kg.outputs``' job.
"""

from __future__ import annotations

import json
import re
from itertools import groupby, islice
from pathlib import Path

import pyoxigraph as ox

from kg.namespaces import PREFIXES
from kg.outputs import write_atomic

__all__ = ["write_dataset_files", "write_json", "write_text", "sorted_quads", "compact_jsonld",
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


def write_dataset_files(folder: Path, store: ox.Store) -> dict[str, Path]:
    """TriG and N-Quads with the named graphs; Turtle and JSON-LD of their merge. Written by
    pyoxigraph from sorted input, so two builds give the same bytes; straight into ``folder`` (the
    build's stage, which is swapped in whole), one structure at a time: at a million triples,
    holding the quads, the merge, the texts and the JSON-LD at once peaked at 3.2 GB."""
    if next(store.quads_for_pattern(None, None, None, ox.DefaultGraph()), None) is not None:
        raise ValueError("the published files hold named graphs only; the store has default-graph triples")
    paths = {name: folder / name for name in DATASET_FILES}
    prefixes = dict(sorted(PREFIXES.items()))
    quads = sorted_quads(store)
    with paths["swf-kg.trig"].open("wb") as handle:  # through Python: a full disk says "No space left"
        ox.serialize(quads, output=handle, format=ox.RdfFormat.TRIG, prefixes=prefixes)
    # Lines are split on "\n" only: a literal may hold U+2028, NEL, VT or FF.
    lines = ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode("utf-8").split("\n")
    del quads
    lines.sort()
    lines = [line for line, _same in groupby(lines) if line]
    with paths["swf-kg.nq"].open("w", encoding="utf-8", newline="\n") as handle:
        for start in range(0, len(lines), _LINES_PER_WRITE):
            handle.write("".join(line + "\n" for line in lines[start:start + _LINES_PER_WRITE]))
    # The merge, each triple once: a line without its graph (the last term before " ."; a graph
    # name is an IRI, which holds no space). Sorted lines keep the lines of one triple together,
    # and in the order of (subject, predicate, object) as N-Triples.
    merged = "".join(triple + " .\n" for triple, _same in groupby(line.rsplit(" ", 2)[0] for line in lines))
    del lines
    ntriples = merged.encode("utf-8")
    del merged
    with paths["swf-kg.ttl"].open("wb") as handle:
        ox.serialize(ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES), output=handle, format=ox.RdfFormat.TURTLE,
                     prefixes=prefixes)
    _write_jsonld(paths["swf-kg.jsonld"], ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES), prefixes)
    return paths


_LINES_PER_WRITE = 100_000
_SUBJECTS_PER_CHUNK = 2_000


def _write_jsonld(path: Path, triples, prefixes: dict[str, str]) -> None:
    """The compacted JSON-LD (``compact_jsonld``) of ``triples`` (sorted by subject), laid out as
    ``json.dumps(..., indent=2, sort_keys=True)`` lays out the whole document (tested), but made
    and written a few thousand subjects at a time: pyoxigraph writes one node per subject, so
    the chunks' nodes are the document's."""
    context = json.dumps(prefixes, ensure_ascii=False, indent=2, sort_keys=True).replace("\n", "\n  ")
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write('{\n  "@context": ' + context + ',\n  "@graph": [')
        first = True
        subjects = groupby(triples, key=lambda triple: triple.subject)
        while chunk := [triple for _subject, group in islice(subjects, _SUBJECTS_PER_CHUNK) for triple in group]:
            expanded = json.loads(ox.serialize(chunk, format=ox.RdfFormat.JSON_LD))
            for node in compact_jsonld(expanded, prefixes)["@graph"]:
                handle.write(("\n    " if first else ",\n    ")
                             + json.dumps(node, ensure_ascii=False, indent=2, sort_keys=True).replace("\n", "\n    "))
                first = False
        handle.write("]\n}\n" if first else "\n  ]\n}\n")


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
