"""Benchmark: generated network views of 500, 2,000 and 5,000 nodes opened in headless Chromium
(Debian's, driven by playwright). Prints the time until the page is drawn and until a search has
answered (interactive), against a baseline run in the same process: the same page with
vis-network's own physics simulation (what a plain pyvis page does) instead of positions
computed in advance. Asserts nothing.

    .venv/bin/python -m benchmarks.bench_views [--sizes 500 2000 5000] [--baseline-timeout 60]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

import networkx as nx
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

from kg.query.analytics import Network
from kg.views.pages import network_page

KINDS = ["person"] * 6 + ["organisation", "municipality", "event", "initiative"]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def synthetic(n: int) -> Network:
    rng = random.Random(n)
    g = nx.barabasi_albert_graph(n, 2, seed=n)
    graph = nx.Graph()
    for node in g:
        graph.add_node(f"n{node}", label=f"Knoten {node}", kind=rng.choice(KINDS), district=None, year=None)
    for a, b in g.edges():
        graph.add_edge(f"n{a}", f"n{b}", weight=1, relations={"role"})
    return Network(graph)


def open_page(browser, path: Path, timeout_s: float) -> tuple[object, object]:
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    started = time.perf_counter()
    page.goto(path.as_uri())
    try:
        page.wait_for_selector("body[data-ready=true]", timeout=timeout_s * 1000)
    except PlaywrightTimeout:
        page.close()
        return f"> {timeout_s:.0f} s", "-"
    drawn = time.perf_counter() - started
    page.evaluate("window.kgSearch('Knoten 1')")
    page.wait_for_function("document.querySelector('#info h3') !== null")
    interactive = time.perf_counter() - started
    page.close()
    return drawn, interactive


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 5000])
    parser.add_argument("--baseline-timeout", type=float, default=60.0)
    args = parser.parse_args()
    print("| nodes | drawn s | interactive s | baseline (live physics) drawn s | baseline/ours |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for n in args.sizes:
            network = synthetic(n)
            ours = Path(tmp) / f"ours-{n}.html"
            ours.write_text(network_page(network, title=f"{n} nodes", lang="en"), encoding="utf-8")
            base = Path(tmp) / f"baseline-{n}.html"
            base.write_text(network_page(network, title=f"{n} nodes", lang="en", physics=True), encoding="utf-8")
            drawn, interactive = open_page(browser, ours, 60)
            base_drawn, _ = open_page(browser, base, args.baseline_timeout)
            ratio = f"{base_drawn / drawn:.1f}" if isinstance(base_drawn, float) else f"> {args.baseline_timeout / drawn:.0f}"
            fmt = (lambda v: f"{v:.2f}" if isinstance(v, float) else v)
            print(f"| {n:,} | {fmt(drawn)} | {fmt(interactive)} | {fmt(base_drawn)} | {ratio} |", flush=True)
        browser.close()


if __name__ == "__main__":
    main()
