"""Runs catalog queries on plain rdflib or on pyoxigraph directly, in its own process, so the
benchmark can stop a query that runs too long. Prints one JSON line per query: name, median
seconds of ``runs`` runs (or the error's name)."""

import json
import statistics
import sys
import time
from pathlib import Path

from kg.query.catalog import bind, load_catalog


def _rdflib(graph):
    from rdflib import Dataset, Variable

    from kg.terms import from_ox
    dataset = Dataset(default_union=True)  # rdflib's union of named graphs is a set, like the engine's merge
    dataset.parse(graph, format="nquads")
    return lambda query, bindings: len(list(dataset.query(
        query.text, initBindings={Variable(k): from_ox(v) for k, v in bindings.items()})))


def _pyoxigraph(graph):
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(path=graph, format=ox.RdfFormat.N_QUADS)
    # The same semantics as the engine: the default graph holds the merge (a set) of the named
    # graphs. pyoxigraph's use_default_graph_as_union would be a bag (a triple stated in two files
    # counted twice), which is different work with different results.
    store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")

    def run(query, bindings):  # read every value, as any use of the result does
        subs = {ox.Variable(k): v for k, v in bindings.items()} or None
        result = store.query(query.text, substitutions=subs)
        names = result.variables
        return len([[solution[v] for v in names] for solution in result])
    return run


def main(engine: str, runs: int, graph: str, queries: str, names: list[str]) -> None:
    started = time.perf_counter()
    run = {"rdflib": _rdflib, "pyoxigraph": _pyoxigraph}[engine](graph)
    print(json.dumps({"name": "__load__", "seconds": time.perf_counter() - started}), flush=True)
    catalog = load_catalog(Path(queries))
    for name in names:
        query, times = catalog[name], []
        try:
            for _ in range(runs):
                started = time.perf_counter()
                run(query, bind(query))
                times.append(time.perf_counter() - started)
            print(json.dumps({"name": name, "seconds": statistics.median(times)}), flush=True)
        except Exception as exc:  # rdflib fails on some valid queries; the benchmark reports it
            print(json.dumps({"name": name, "seconds": None, "error": type(exc).__name__}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5:])
