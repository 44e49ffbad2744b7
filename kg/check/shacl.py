"""SHACL validation with pyshacl, reported as ``Problem`` objects that name file, line and entity.

pyshacl's own text report prints every language and raw Turtle, so the report is rebuilt here
from the result graph: sh:resultMessage in the chosen language, and the fix from the shape's
swfsh:fix. No inference is run (it writes into the data graph and multiplies the time).
"""

from __future__ import annotations

import functools
import gc
import hashlib
import json
import multiprocessing
import os
from pathlib import Path

import pyoxigraph as ox
from pyshacl import validate as pyshacl_validate
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDFS, SH

from kg.namespaces import RDF, SWFSH
from kg.problems import ERROR, HINT, LANGUAGES, WARNING, Problem, sort_problems
from kg.progress import step
from kg.terms import from_ox

__all__ = ["validate_store", "load_shapes", "load_schema", "merge_problems", "ShaclCache",
           "store_label"]

_SEVERITY = {SH.Violation: ERROR, SH.Warning: WARNING, SH.Info: HINT}


def load_shapes(path) -> Graph:
    """The shapes graph, parsed once per process and file version (pyshacl does not change it)."""
    info = os.stat(path)
    return _parsed_shapes(str(path), info.st_mtime_ns, info.st_size)


@functools.lru_cache(maxsize=4)
def _parsed_shapes(path: str, _mtime: int, _size: int) -> Graph:
    shapes = Graph()
    shapes.parse(path, format="turtle")
    return shapes


def load_schema(path) -> Graph:
    """What validation needs of the ontology: its class hierarchy (sh:targetClass and sh:class
    follow rdfs:subClassOf in the data graph). Parsed once per process and file version."""
    info = os.stat(path)
    return _parsed_schema(str(path), info.st_mtime_ns, info.st_size)


@functools.lru_cache(maxsize=4)
def _parsed_schema(path: str, _mtime: int, _size: int) -> Graph:
    ontology = Graph().parse(path, format="turtle")
    schema = Graph()
    for triple in ontology.triples((None, RDFS.subClassOf, None)):
        schema.add(triple)
    return schema


def _by_lang(values) -> dict[str, str]:
    out = {}
    for value in values:
        if isinstance(value, Literal):
            out.setdefault(value.language or "en", str(value))
    return {lang: out.get(lang) or out.get("en") or next(iter(out.values()), "") for lang in LANGUAGES}


FOCUS_CHUNK = 20000   # focus nodes per pyshacl run: pyshacl costs less per node in larger runs (about 2.8 ms
# at 1,500 nodes, 1.6 ms at 12,000; measured at 100k triples); see validate_store
MIN_CHUNK = 2000   # below this many nodes per core, one run: a run on its own core then saves little wall
# time and costs CPU (pyshacl runs in parallel cost more CPU each here; the threshold itself is a judgement)


def validate_store(store: ox.Store, shapes: Graph, schema: Graph, locations: dict, *,
                   focus: set | None = None, cache: "ShaclCache | None" = None) -> list[Problem]:
    """Validate the merge of the store's graphs against ``shapes``: every subject, or those in
    ``focus``; the problems found, sorted (``kg.check.report`` makes the standard report of them). ``schema`` (the ontology) joins every run, for sh:targetClass and sh:class.

    Each focus node is validated over a small graph: its own statements, the types of what they
    point to, and the ontology. Our shapes follow only direct predicates and need of a value node
    nothing but its type, so a node's result there is its result in the whole graph; and it is
    the same for the same statements, so results are kept in ``cache`` by a hash of exactly those
    (a rebuild validates only what changed). Nodes are validated in chunks, on every core; pyshacl
    runs without a focus list (it filters targets by list membership, n² for n focus nodes) and
    the results are kept for the chunk's own nodes only.
    """
    types: dict[str, tuple[str, ...]] = {}
    subjects: set[str] = set()
    rdf_type = ox.NamedNode(str(RDF.type))
    for quad in store.quads_for_pattern(None, None, None, None):
        if isinstance(quad.subject, ox.NamedNode):
            subjects.add(quad.subject.value)
    for quad in store.quads_for_pattern(None, rdf_type, None, None):
        if isinstance(quad.subject, ox.NamedNode) and isinstance(quad.object, ox.NamedNode):
            types[quad.subject.value] = tuple(sorted({*types.get(quad.subject.value, ()), quad.object.value}))
    wanted = sorted(subjects if focus is None else subjects & {str(f) for f in focus})
    results: dict[str, list[dict]] = {}
    pending: list[tuple[str, str, list]] = []
    for subject in wanted:
        pairs = sorted({(q.predicate, q.object) for q in store.quads_for_pattern(ox.NamedNode(subject), None, None, None)},
                       key=lambda po: (po[0].value, str(po[1])))
        neighbours = sorted({(o.value, t) for _p, o in pairs if isinstance(o, ox.NamedNode) for t in types.get(o.value, ())})
        signature = _signature(cache.salt, subject, pairs, neighbours) if cache is not None else ""
        known = cache.get(signature) if cache is not None else None
        if known is not None:
            results[subject] = known
        else:
            pending.append((subject, signature, [pairs, neighbours]))
    for (subject, signature, _data), found in zip(pending, _validate_pending(pending, shapes, schema)):
        results[subject] = found
        if cache is not None:
            cache.put(signature, found)
    if cache is not None:
        cache.keep({s for _subject, s, _d in pending} | set(cache.used))
    return sort_problems(_problem(store, result, locations) for subject in wanted for result in results[subject])


def _signature(salt: bytes, subject: str, pairs, neighbours) -> str:
    digest = hashlib.blake2b(salt, digest_size=16)
    digest.update(subject.encode("utf-8", "surrogatepass"))
    for p, o in pairs:
        digest.update(f"\n{p} {o}".encode("utf-8", "surrogatepass"))
    for o, t in neighbours:
        digest.update(f"\n<{o}> a <{t}>".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


_CHUNKS: list = []


def _validate_pending(pending: list, shapes: Graph, schema: Graph) -> list[list[dict]]:
    """The results of every pending node (a list of result dicts each), chunk by chunk, forked
    onto every core when there is more than one chunk."""
    global _CHUNKS
    if not pending:
        return []
    cores = os.cpu_count() or 1
    # chunks of equal size: one per core where there is enough work for that, more where a chunk
    # would be larger than FOCUS_CHUNK
    count = max(-(-len(pending) // FOCUS_CHUNK), min(cores, len(pending) // MIN_CHUNK), 1)
    size = -(-len(pending) // count)
    chunks = [(pending[start:start + size], shapes, schema) for start in range(0, len(pending), size)]
    workers = min(len(chunks), cores)
    if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
        _CHUNKS = chunks  # inherited by the forked workers; only the results travel back
        gc.freeze()  # the inherited heap is not scanned (and so not copied) by the workers' collections
        try:
            with multiprocessing.get_context("fork").Pool(workers) as pool, step("shacl", len(pending)) as bar:
                outcomes = []
                for index, outcome in enumerate(pool.imap(_validate_chunk, range(len(chunks)))):
                    outcomes.append(outcome)
                    bar.advance(len(chunks[index][0]))
        finally:
            _CHUNKS = []
            gc.unfreeze()
    else:
        with step("shacl", len(pending)) as bar:
            outcomes = []
            for chunk in chunks:
                outcomes.append(_run_chunk(*chunk))
                bar.advance(len(chunk[0]))
    return [found for outcome in outcomes for found in outcome]


def _validate_chunk(index: int) -> list[list[dict]]:
    """In a worker: one chunk's results."""
    return _run_chunk(*_CHUNKS[index])


def _run_chunk(nodes: list, shapes: Graph, schema: Graph) -> list[list[dict]]:
    """pyshacl over the chunk's graph; the result dicts of each of the chunk's own nodes."""
    graph = Graph()
    graph += schema
    for subject, _signature, (pairs, neighbours) in nodes:
        node = URIRef(subject)
        for p, o in pairs:
            graph.add((node, from_ox(p), from_ox(o)))
        for o, t in neighbours:
            graph.add((URIRef(o), RDF.type, URIRef(t)))
    _conforms, report = _pyshacl(graph, shapes)
    found: dict[str, list[dict]] = {subject: [] for subject, _s, _d in nodes}
    for result in report.subjects(SH.resultSeverity, None):
        focus = str(report.value(result, SH.focusNode))
        if focus not in found:
            continue  # a node only present for its type
        path, value = report.value(result, SH.resultPath), report.value(result, SH.value)
        shape = report.value(result, SH.sourceShape)
        fix = _by_lang(shapes.objects(shape, SWFSH.fix)) if shape is not None else {}
        found[focus].append({
            "severity": str(report.value(result, SH.resultSeverity)),
            "focus": focus,
            "path": str(path) if isinstance(path, URIRef) else "",
            "value": str(value) if value is not None and not isinstance(value, BNode) else "",
            "value_is_iri": isinstance(value, URIRef),
            "shape": str(report.value(result, SH.sourceShape) or ""),
            "component": str(report.value(result, SH.sourceConstraintComponent) or ""),
            "message": _by_lang(report.objects(result, SH.resultMessage)),
            "fix": fix if any(fix.values()) else {"de": "Vergleichen Sie den Eintrag mit data/README.md.",
                                                  "en": "Compare the entry with data/README.md."},
        })
    return [sorted(found[subject], key=lambda r: (r["path"], r["shape"], r["value"], r["message"]["en"]))
            for subject, _s, _d in nodes]


def _problem(store: ox.Store, result: dict, locations: dict) -> Problem:
    fix = result["fix"]
    message = dict(result["message"])
    value = result["value"]
    if value:
        shown_value = value if len(value) <= 80 else value[:77] + "..."
        message = {lang: f"{text} ({'Wert' if lang == 'de' else 'value'}: „{shown_value}“)" for lang, text in message.items()}
    focus = result["focus"]
    owner = _owner(store, focus, locations)
    file, line = locations.get(owner, (None, None))
    label = store_label(store, focus) or store_label(store, owner)
    return Problem(code="shacl", severity=_SEVERITY.get(URIRef(result["severity"]), ERROR), message=message, fix=fix,
                   file=file, line=line, entity=label, focus=focus,
                   extra={"path": result["path"], "shape": result["shape"],
                          "value": value if result["value_is_iri"] else "", "component": result["component"]})


def _owner(store: ox.Store, node: str, locations, depth: int = 0) -> str:
    """The nearest subject with a known file and line: the node itself, or what points to it."""
    if node in locations or depth > 3:
        return node
    pointing = sorted({q.subject.value for q in store.quads_for_pattern(None, None, ox.NamedNode(node), None)
                       if isinstance(q.subject, ox.NamedNode)})
    for subject in pointing:
        found = _owner(store, subject, locations, depth + 1)
        if found in locations:
            return found
    return node


def store_label(store: ox.Store, node: str) -> str | None:
    """One label of ``node`` in the store, chosen as ``kg.namespaces.label_of`` chooses."""
    labels = {q.object for q in store.quads_for_pattern(ox.NamedNode(node), _LABEL, None, None)
              if isinstance(q.object, ox.Literal)}
    if not labels:
        return None
    order = {None: 0, "": 0, "de": 1, "en": 2}
    return min(labels, key=lambda o: (order.get(o.language, 3), o.value)).value


_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")


def _pyshacl(data: Graph, shapes: Graph) -> tuple[bool, Graph]:
    conforms, report, _text = pyshacl_validate(
        data, shacl_graph=shapes, inference="none", abort_on_first=False, allow_infos=True,
        allow_warnings=True, advanced=True)
    return bool(conforms), report


class ShaclCache:
    """Validation results by the hash of what they depend on (``validate_store``), kept in one
    JSON file in the build cache. Safe to delete; a damaged file is ignored. ``inputs`` are the
    files every result depends on besides a node's statements (the shapes, the ontology)."""

    def __init__(self, path: Path, inputs: list[Path]):
        import pyshacl
        self.path = path
        digest = hashlib.blake2b(digest_size=16)
        for item in inputs:
            digest.update(Path(item).read_bytes())
        digest.update(pyshacl.__version__.encode())
        self.salt = digest.digest()
        try:
            self.entries: dict[str, list] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.entries = {}
        self.used: set[str] = set()
        self.changed = False
        self.hits = self.made = 0  # results reused and computed in this run

    def get(self, signature: str):
        found = self.entries.get(signature)
        if found is not None:
            self.used.add(signature)
            self.hits += 1
        return found

    def put(self, signature: str, results: list) -> None:
        self.entries[signature] = results
        self.used.add(signature)
        self.changed = True
        self.made += 1

    def keep(self, signatures: set[str]) -> None:
        """Forget results no longer needed (the graph they were for is gone)."""
        if set(self.entries) - signatures:
            self.entries = {s: r for s, r in self.entries.items() if s in signatures}
            self.changed = True

    def save(self) -> None:
        if self.changed:
            from kg.outputs import write_atomic
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, json.dumps(self.entries, ensure_ascii=False, sort_keys=True))
            self.changed = False


def merge_problems(load_problems: list[Problem], shacl_problems: list[Problem],
                   dropped: set[str] = frozenset()) -> list[Problem]:
    """Loader problems plus SHACL's, leaving out SHACL's echoes of what the loader already
    reported: an unknown municipality also leaves the venue without a required municipality, and
    an entry dropped for its shape leaves references to it without a type."""
    unresolved = {(p.file, p.entity) for p in load_problems
                  if p.code.startswith("unknown-reference") or p.code in ("unknown-municipality", "placeholder")}
    unsourced = {(p.file, p.line) for p in load_problems if p.code in ("source-needed", "source-missing")}
    echoes = [p for p in shacl_problems
              if (p.extra.get("component", "").endswith("MinCountConstraintComponent") and (p.file, p.entity) in unresolved)
              or p.extra.get("value") in dropped or p.focus in dropped
              or (p.extra.get("path") == "http://www.w3.org/ns/prov#wasDerivedFrom" and (p.file, p.line) in unsourced)]
    return sort_problems(load_problems + [p for p in shacl_problems if p not in echoes])
