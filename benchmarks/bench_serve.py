"""Load test: concurrent clients over the query catalog against ``kg serve`` and, side by side in
the same run, against a bare Oxigraph server (``oxigraph serve-read-only``) on the same store.

Both get the same requests: every catalog query with its default parameters stated as a VALUES row
(``kg.query.portable.inline_bindings``), as SPARQL 1.1 Protocol POSTs (a form: the Oxigraph server refuses
request lines over 8 KB, which the longest catalog query with its values exceeds) asking for SPARQL JSON, so
they do the same work (the same merged default graph, the same text). Localhost only, bounded in
count and time; the two servers are measured in turn, twice, and the latencies of both turns are
pooled. Prints errors, p50 and p95 per server and client count, and kg serve's p95 as a ratio of
Oxigraph's; asserts nothing.

    .venv/bin/python -m benchmarks.bench_serve [--clients 4 16] [--requests 60] [--size TRIPLES]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

from kg.build import build
from kg.load.dataset import Project
from kg.query.catalog import bind, load_catalog
from kg.query.portable import inline_bindings
from kg.stores import pinned_copy, release
from tests.stores import free_port, stop, wait_until_up

ROOT = Path(__file__).resolve().parents[1]
OXIGRAPH = str(Path(sys.executable).with_name("oxigraph"))


def workload(project: Path) -> list[str]:
    texts = []
    for query in load_catalog(project / "queries").values():
        params = {"lang": "de"} if "lang" in query.params else {}
        texts.append(inline_bindings(query.text, bind(query, params)))
    return texts


def load(url: str, texts: list[str], clients: int, requests: int, deadline: float) -> tuple[list[float], int]:
    latencies, errors, lock = [], [0], threading.Lock()

    def client(offset: int) -> None:
        with httpx.Client(timeout=60) as session:
            for i in range(requests):
                if time.monotonic() > deadline:
                    return
                text = texts[(offset + i) % len(texts)]
                started = time.perf_counter()
                try:
                    ok = session.post(url, data={"query": text},
                                      headers={"Accept": "application/sparql-results+json"}).status_code == 200
                except httpx.HTTPError:
                    ok = False
                elapsed = time.perf_counter() - started
                with lock:
                    latencies.append(elapsed)
                    errors[0] += not ok

    threads = [threading.Thread(target=client, args=(c * 7,)) for c in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors[0]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, nargs="+", default=[4, 16])
    parser.add_argument("--requests", type=int, default=60, help="requests per client and turn")
    parser.add_argument("--seconds", type=float, default=120, help="time limit per turn")
    parser.add_argument("--workers", type=int, default=None, help="kg serve --workers (default: its own)")
    parser.add_argument("--size", type=int, default=0, help="a synthetic project of about this many triples "
                                                              "(default: the real data)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        project = Path(tmp) / "project"
        if args.size:
            from benchmarks.synthetic_project import make_project
            make_project(project, args.size)
        else:
            for folder in ("ontology", "data", "queries"):
                shutil.copytree(ROOT / folder, project / folder)
        print(f"Building the project ({'real data' if not args.size else f'~{args.size} triples'}) …", flush=True)
        result = build(Project(project), project / "dist")
        texts = workload(project)
        store = pinned_copy(project / "dist" / "swf-kg.nq")
        ox_port, kg_port = free_port(), free_port()
        oxigraph = subprocess.Popen([OXIGRAPH, "serve-read-only", "--location", str(store), "--bind",
                                     f"127.0.0.1:{ox_port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        served = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--project", str(project), "--port", str(kg_port),
                                   "--timeout", "60", *(["--workers", str(args.workers)] if args.workers else [])],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_until_up(f"http://127.0.0.1:{ox_port}/", oxigraph)
            wait_until_up(f"http://127.0.0.1:{kg_port}/", served, seconds=120)
            targets = {"oxigraph serve-read-only": f"http://127.0.0.1:{ox_port}/query",
                       "kg serve": f"http://127.0.0.1:{kg_port}/sparql"}
            for url in targets.values():   # warm both (store caches, worker start-up)
                load(url, texts, 2, len(texts), time.monotonic() + args.seconds)
            print(f"\n{result.triples} triples, {len(texts)} catalog queries, {args.requests} requests per client "
                  "and turn, two turns each, taken in turn\n")
            print(f"{'clients':>7}  {'server':<26} {'requests':>8} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8}")
            for clients in args.clients:
                pooled = {name: ([], 0) for name in targets}
                for _turn in range(2):
                    for name, url in targets.items():
                        latencies, errors = load(url, texts, clients, args.requests, time.monotonic() + args.seconds)
                        pooled[name] = (pooled[name][0] + latencies, pooled[name][1] + errors)
                p95 = {}
                for name, (latencies, errors) in pooled.items():
                    p95[name] = percentile(latencies, 0.95)
                    print(f"{clients:>7}  {name:<26} {len(latencies):>8} {errors:>6} "
                          f"{statistics.median(latencies) * 1000:>8.1f} {p95[name] * 1000:>8.1f}")
                print(f"{'':>7}  kg serve p95 / Oxigraph p95: {p95['kg serve'] / p95['oxigraph serve-read-only']:.2f}")
        finally:
            stop(served)
            stop(oxigraph)
            release(store)


if __name__ == "__main__":
    main()
