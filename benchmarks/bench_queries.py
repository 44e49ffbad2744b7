"""Benchmark: the query catalog on our engine, on pyoxigraph directly and on plain rdflib, at
10k, 100k and 1M triples (benchmarks/synthetic.py), all three over the same merged default graph
(a set of triples). The whole `kg query` command is compared in benchmarks/bench_build.py.
Prints medians and ratios; asserts nothing.

    .venv/bin/python -m benchmarks.bench_queries [--sizes 10000 100000 1000000] [--timeout 30]
"""

from __future__ import annotations

import argparse
import json
import queue
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pyoxigraph as ox

from benchmarks.synthetic import write_graph
from kg.query.catalog import bind, load_catalog
from kg.query.engine import Engine

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ROOT / "queries"


def median_time(fn, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def worker_times(engine: str, graph: Path, names: list[str], timeout: float, runs: int) -> dict[str, object]:
    """Median seconds per query on ``engine`` (rdflib or pyoxigraph direct) in a worker process:
    "timeout" past ``timeout`` s, or the error's name."""
    results: dict[str, object] = {}
    remaining = list(names)
    while remaining:
        proc = subprocess.Popen([sys.executable, "-m", "benchmarks.worker", engine, str(runs), str(graph), str(QUERIES),
                                 *remaining],
                                cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        lines: queue.Queue = queue.Queue()
        threading.Thread(target=lambda: [lines.put(l) for l in proc.stdout], daemon=True).start()
        try:
            load = json.loads(lines.get(timeout=600))
            results.setdefault("__load__", load["seconds"])
            while remaining:
                item = json.loads(lines.get(timeout=timeout * runs))
                results[item["name"]] = item["seconds"] if item["seconds"] is not None else item["error"]
                remaining.remove(item["name"])
        except queue.Empty:
            results[remaining.pop(0)] = "timeout"
        finally:
            proc.kill()
            proc.wait()
    return results


def fmt(value) -> str:
    return f"{value * 1000:.1f}" if isinstance(value, float) else str(value)


def ratio(a, b) -> str:
    return f"{a / b:.2f}" if isinstance(a, float) and isinstance(b, float) and b > 0 else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per query run for rdflib and direct pyoxigraph")
    parser.add_argument("--rdflib-max", type=int, default=1_000_000, help="largest size to run rdflib on")
    args = parser.parse_args()
    catalog = load_catalog(QUERIES)
    print("| size | query | ours ms | pyoxigraph ms | ours/pyoxigraph | rdflib ms | rdflib/ours |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            graph = write_graph(size, Path(tmp) / f"synthetic-{size}.nq")
            ours_load = median_time(lambda: Engine.from_nquads(graph), 3)
            def direct_load_once():  # the same work as the engine's load: load, then merge
                store = ox.Store()
                store.bulk_load(path=str(graph), format=ox.RdfFormat.N_QUADS)
                store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
            direct_load = median_time(direct_load_once, 3)
            engine = Engine.from_nquads(graph)
            direct = worker_times("pyoxigraph", graph, list(catalog), args.timeout, 3)
            slow = worker_times("rdflib", graph, list(catalog), args.timeout, 1) if size <= args.rdflib_max else {}
            rd_load = slow.get("__load__", "not run")
            print(f"| {size:,} | (load) | {fmt(ours_load)} | {fmt(direct_load)} | {ratio(ours_load, direct_load)} | "
                  f"{fmt(rd_load)} | {ratio(rd_load, ours_load)} |")
            for name, query in catalog.items():
                bindings = bind(query)
                ours = median_time(lambda: engine.select(query.text, bindings, hide=query.params))
                mine = direct.get(name, "not run")
                rd = slow.get(name, "not run")
                print(f"| {size:,} | {name} | {fmt(ours)} | {fmt(mine)} | {ratio(ours, mine)} | {fmt(rd)} | {ratio(rd, ours)} |",
                      flush=True)


if __name__ == "__main__":
    main()
