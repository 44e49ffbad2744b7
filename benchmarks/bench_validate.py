"""Benchmark: the whole `kg validate FILE` command on one new contribution (a few hundred
triples) against published graphs of 10k, 100k and 1M triples (benchmarks/synthetic.py), and a
plain full pyshacl validation of the union for comparison, in one run. Prints wall times and the
speed-up; asserts nothing.

    .venv/bin/python -m benchmarks.bench_validate [--sizes 10000 100000 1000000] [--full-timeout 900]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.synthetic import write_graph
from kg.check.index import write_index

ROOT = Path(__file__).resolve().parents[1]


def contribution(path: Path) -> Path:
    """A new round-table report with 20 participants, their roles, attendance and topics."""
    lines = ["language: de", "sources:",
             "  - {key: bench-bericht, url: 'https://example.org/bench', title: Benchmark-Bericht, published: 2026-10-01}",
             "people:"]
    lines += [f"  - {{key: bench-person-{i}, name: Testteilnehmerin Nummer {i}}}" for i in range(20)]
    lines += ["events:", "  - key: bench-runder-tisch", "    kind: round-table", "    edition: 9999",
              "    name: 9999. Runder Tisch", "    date: 2026-09-30", "    municipality: Altena",
              "    hosts: [Stadt Altena]", "    organisers: [suedwestfalen-agentur]", "    formats: [in-person]",
              "    attendance: [{count: 40, approximate: true, counts: people, wording: rund 40}]",
              "    topics: [social-media, young-talent]", "    participants:"]
    lines += [f"      - {{person: bench-person-{i}, did: [attended], on_behalf_of: Stadt Altena, role_as_stated: Wirtschaftsförderung}}"
              for i in range(20)]
    lines += ["roles:"]
    lines += [f"  - {{person: bench-person-{i}, role: economic-development-officer, as_stated: Wirtschaftsförderung, "
              f"organisation: Stadt Altena, stated_on: 2026-09-30}}" for i in range(20)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def full_pyshacl(graph: Path, timeout: float) -> tuple[object, object]:
    """(seconds to parse the union into rdflib, seconds of pyshacl.validate on it), in a child
    process so that a run past ``timeout`` can be stopped."""
    code = f"""
import time, rdflib, pyshacl
t = time.perf_counter()
ds = rdflib.Dataset(default_union=True); ds.parse({str(graph)!r}, format="nquads")
union = rdflib.Graph()
for s, p, o, _g in ds.quads((None, None, None, None)): union.add((s, p, o))
parsed = time.perf_counter() - t
shapes = rdflib.Graph().parse({str(ROOT / 'ontology' / 'shapes.ttl')!r})
t = time.perf_counter()
pyshacl.validate(union, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True)
print(parsed, time.perf_counter() - t)
"""
    try:
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout, cwd=ROOT)
        parsed, validated = done.stdout.split()
        return float(parsed), float(validated)
    except subprocess.TimeoutExpired:
        return "?", f"> {timeout:.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--full-timeout", type=float, default=900.0)
    args = parser.parse_args()
    kg = str(Path(sys.executable).parent / "kg")
    print("| triples | index build s (once) | `kg validate FILE` s (median of 3) | rdflib parse s | full pyshacl s | speed-up |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            project = Path(tmp) / f"p{size}"
            for folder in ("ontology", "data", "queries"):
                shutil.copytree(ROOT / folder, project / folder)
            (project / "dist").mkdir()
            graph = write_graph(size, project / "dist" / "swf-kg.nq")
            started = time.perf_counter()
            write_index(project, graph, None)
            indexed = time.perf_counter() - started
            new = contribution(project / "new.yaml")
            times = []
            for _ in range(3):
                started = time.perf_counter()
                done = subprocess.run([kg, "validate", str(new), "--project", str(project), "--lang", "en"],
                                      capture_output=True, text=True)
                times.append(time.perf_counter() - started)
            assert done.returncode == 0, done.stdout + done.stderr
            validate = statistics.median(times)
            parsed, full = full_pyshacl(graph, args.full_timeout)
            speed = f"{full / validate:.0f}×" if isinstance(full, float) else f"> {args.full_timeout / validate:.0f}×"
            fmt = (lambda v: f"{v:.2f}" if isinstance(v, float) else v)
            print(f"| {size:,} | {indexed:.1f} | {validate:.2f} | {fmt(parsed)} | {fmt(full)} | {speed} |", flush=True)


if __name__ == "__main__":
    main()
