"""Benchmark: the whole `kg validate FILE` command on one new contribution (a few hundred
triples) against published graphs of 10k, 100k and 1M triples (benchmarks/synthetic.py), and, as
the like-for-like baseline, pyshacl validating the same focus nodes (the contribution's subjects)
on the union plus the contribution, in a process of its own. A cold run (no validation index yet)
is shown beside the warm ones. Prints medians of whole processes and ratios; asserts nothing.

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


def contribution_graph(project: Path, path: Path, nquads: Path) -> Path:
    """The contribution's triples as kg emits them (N-Triples beside it), made once, untimed."""
    from kg.check.index import open_index
    from kg.load.dataset import Project, read_contributions
    from kg.load.declare import declare
    from kg.load.emit import emit
    registry = open_index(project, nquads).registry
    parsed, _turtle, _unreadable = read_contributions(Project(project), [path])
    declare(parsed, registry)
    out = path.with_suffix(".nt")
    emit(parsed[0], registry)[0].serialize(out, format="nt", encoding="utf-8")
    return out


def focus_pyshacl(graph: Path, contribution: Path, timeout: float) -> tuple[object, object]:
    """(seconds to read the union and the contribution into rdflib, seconds of pyshacl.validate
    with the contribution's subjects as focus nodes), in a child process."""
    code = f"""
import time, rdflib, pyshacl
t = time.perf_counter()
ds = rdflib.Dataset(default_union=True); ds.parse({str(graph)!r}, format="nquads")
union = rdflib.Graph()
for s, p, o, _g in ds.quads((None, None, None, None)): union.add((s, p, o))
new = rdflib.Graph().parse({str(contribution)!r}, format="nt")
union += new
focus = sorted({{s for s in new.subjects() if isinstance(s, rdflib.URIRef)}})
parsed = time.perf_counter() - t
shapes = rdflib.Graph().parse({str(ROOT / 'ontology' / 'shapes.ttl')!r})
t = time.perf_counter()
pyshacl.validate(union, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True, focus_nodes=focus)
print(parsed, time.perf_counter() - t)
"""
    try:
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout, cwd=ROOT)
        whole = time.perf_counter() - started
        parsed, validated = done.stdout.split()
        return float(parsed), float(validated), whole
    except subprocess.TimeoutExpired:
        return "?", f"> {timeout:.0f}", None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--full-timeout", type=float, default=900.0)
    args = parser.parse_args()
    kg = str(Path(sys.executable).parent / "kg")
    print("| triples | cold `kg validate FILE` s (no index) | warm `kg validate FILE` s (median of 3) | "
          "rdflib read s | pyshacl, same focus nodes s | baseline whole process s (median of 3) | warm/baseline |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            project = Path(tmp) / f"p{size}"
            for folder in ("ontology", "data", "queries"):
                shutil.copytree(ROOT / folder, project / folder)
            (project / "dist").mkdir()
            graph = write_graph(size, project / "dist" / "swf-kg.nq")
            new = contribution(project / "new.yaml")
            started = time.perf_counter()
            cold = subprocess.run([kg, "validate", str(new), "--project", str(project), "--lang", "en"],
                                  capture_output=True, text=True)
            indexed = time.perf_counter() - started
            assert cold.returncode == 0, cold.stdout + cold.stderr
            triples = contribution_graph(project, new, graph)
            times, baseline = [], []
            for _ in range(3):  # ours and the baseline in turn
                started = time.perf_counter()
                done = subprocess.run([kg, "validate", str(new), "--project", str(project), "--lang", "en"],
                                      capture_output=True, text=True)
                times.append(time.perf_counter() - started)
                assert done.returncode == 0, done.stdout + done.stderr
                baseline.append(focus_pyshacl(graph, triples, args.full_timeout))
            validate = statistics.median(times)
            fmt = (lambda v: f"{v:.2f}" if isinstance(v, float) else v)
            if all(isinstance(b[2], float) for b in baseline):
                parsed, focused, total = (statistics.median(column) for column in zip(*baseline))
                ratio = f"{validate / total:.3f}"
            else:
                (parsed, focused, total), ratio = baseline[0], "-"
            print(f"| {size:,} | {indexed:.1f} | {validate:.2f} | {fmt(parsed)} | {fmt(focused)} | {fmt(total)} | {ratio} |",
                  flush=True)


if __name__ == "__main__":
    main()
