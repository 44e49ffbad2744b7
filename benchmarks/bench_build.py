"""Benchmark: `kg build` (cold, and again after one file changed) and `kg query` against the
engines' own tools doing the same work, on synthetic projects in the real contribution format
(benchmarks/synthetic_project.py) and on the real graph. Asserts nothing; prints tables.

Every figure is the median of ``--runs`` runs of a whole process, taken in turn with its baseline;
CPU is user + system time of the process and the workers it waited for (os.wait4), memory the
peak resident set of the largest of them.

- cold build: `kg build` with no .kg-cache/ and no dist/;
- baseline: the same four dataset files loaded and written by pyoxigraph (load + dump of
  dist/swf-kg.nq as N-Quads, TriG, Turtle, JSON-LD), plus SHACL over the union of the same triples
  (Jena's `shacl validate` where it runs, else pyshacl: say which in the table);
- rebuild: `kg build` after the title of one report changed (its cache warm);
- `kg query NAME --format csv` against a bare pyoxigraph script that opens the same on-disk store
  read-only and writes the same query's results (same text, same bindings) as CSV.

    .venv/bin/python -m benchmarks.bench_build [--sizes 10000 100000] [--runs 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.synthetic_project import make_project, refresh_project

ROOT = Path(__file__).resolve().parents[1]
KG = [sys.executable, "-m", "kg"]
QUERIES = ["editions-in-order", "roles-over-time", "municipality-engagement", "person-activities"]

LOAD_AND_DUMP = """
import sys, pyoxigraph as ox
store = ox.Store()
store.bulk_load(path=sys.argv[1], format=ox.RdfFormat.N_QUADS)
quads = list(store)
for name, fmt in (("nq", ox.RdfFormat.N_QUADS), ("trig", ox.RdfFormat.TRIG)):
    ox.serialize(quads, sys.argv[2] + "." + name, format=fmt)
triples = {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
for name, fmt in (("ttl", ox.RdfFormat.TURTLE), ("jsonld", ox.RdfFormat.JSON_LD)):
    ox.serialize(triples, sys.argv[2] + "." + name, format=fmt)
"""

UNION_AS_NTRIPLES = """
import sys, pyoxigraph as ox
store = ox.Store()
store.bulk_load(path=sys.argv[1], format=ox.RdfFormat.N_QUADS)
ox.serialize({ox.Triple(q.subject, q.predicate, q.object) for q in store}, sys.argv[2], format=ox.RdfFormat.N_TRIPLES)
"""

PYSHACL_UNION = """
import sys, pyshacl, rdflib
data = rdflib.Graph().parse(sys.argv[1], format="nt")
shapes = rdflib.Graph().parse(sys.argv[2], format="turtle")
pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True)
"""

BARE_QUERY = """
import json, sys, pyoxigraph as ox
store = ox.Store.read_only(sys.argv[1])
text = open(sys.argv[2], encoding="utf-8").read()
subs = {}
for name, (kind, value) in json.loads(sys.argv[3]).items():
    subs[ox.Variable(name)] = ox.NamedNode(value) if kind == "iri" else ox.Literal(value)
result = store.query(text, substitutions=subs or None)
sys.stdout.buffer.write(result.serialize(format=ox.QueryResultsFormat.CSV))
"""


def measure(cmd: list[str], cwd: Path = ROOT) -> tuple[float, float, int]:
    """(wall s, CPU s, peak RSS MiB) of one process and the children it waited for."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stderr.read().decode()[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024


def median(samples: list[tuple]) -> tuple:
    return tuple(statistics.median(column) for column in zip(*samples))


def jena_classpath() -> str | None:
    """Debian's libapache-jena-java with its dependencies, if installed and able to start."""
    if not Path("/usr/share/java/jena-shacl.jar").is_file() or not shutil.which("java"):
        return None
    jars = sorted(str(p) for p in Path("/usr/share/java").glob("*.jar") if not p.is_symlink()
                  and not re.search(r"over-slf4j|slf4j-(jcl|log4j|jdk|simple|ext|migrator)", p.name))
    classpath = ":".join(jars)
    probe = subprocess.run(["java", "-cp", classpath, "shacl.shacl_validate", "--help"], capture_output=True, text=True)
    return classpath if probe.returncode == 0 else None


def shacl_baseline(union: Path, jena: str | None) -> list[str]:
    shapes = str(ROOT / "ontology" / "shapes.ttl")
    if jena:
        return ["java", "-cp", jena, "shacl.shacl_validate", "--shapes", shapes, "--data", str(union)]
    return [sys.executable, "-c", PYSHACL_UNION, str(union), shapes]


def retitle(project: Path, turn: int) -> None:
    report = sorted((project / "data" / "synthetic").glob("report-*.yaml"))[turn]
    text = report.read_text(encoding="utf-8")
    report.write_text(re.sub(r"^title: (.*)$", rf"title: \1 (Änderung {turn})", text, count=1, flags=re.M),
                      encoding="utf-8")


def query_pair(project: Path, name: str) -> tuple[list[str], list[str]]:
    """The `kg query` command and the bare script doing the same query on the same store."""
    from kg.query.catalog import bind, load_catalog
    from kg.stores import store_dir
    query = load_catalog(project / "queries")[name]
    bindings = {k: ("iri" if type(v).__name__ == "NamedNode" else "literal", v.value)
                for k, v in bind(query, {"lang": "de"} if "lang" in query.params else {}).items()}
    store = store_dir(project / "dist" / "swf-kg.nq") / "store"
    return ([*KG, "query", name, "--format", "csv", "--lang", "de", "--project", str(project)],
            [sys.executable, "-c", BARE_QUERY, str(store), str(query.path), json.dumps(bindings)])


def query_table(label: str, project: Path, runs: int) -> None:
    for name in QUERIES:
        ours_cmd, bare_cmd = query_pair(project, name)
        subprocess.run(ours_cmd, cwd=ROOT, stdout=subprocess.DEVNULL, check=True)  # the store exists
        ours, bare = [], []
        for _ in range(runs):
            ours.append(measure(ours_cmd))
            bare.append(measure(bare_cmd))
        o, b = median(ours), median(bare)
        print(f"| {label} | {name} | {o[0]:.3f} | {b[0]:.3f} | {o[0] / b[0]:.2f} | {o[1]:.3f} | {b[1]:.3f} | "
              f"{o[1] / b[1]:.2f} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, default=None, help="make (or reuse) the synthetic projects here")
    args = parser.parse_args()
    jena = jena_classpath()
    shacl_name = "Jena SHACL" if jena else "pyshacl (Jena not usable here)"
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-build-"))
    projects = {}
    print(f"## Build (medians of {args.runs}; SHACL baseline: {shacl_name})\n")
    print("| triples | cold build wall s | CPU s | peak MiB | load+dump CPU s | SHACL CPU s | baseline CPU s | "
          "cold/baseline CPU | cold/load+dump CPU | rebuild (1 file) wall s | CPU s | rebuild/cold CPU |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for size in args.sizes:
        project = work / f"p{size}"
        if not (project / "data").is_dir():
            make_project(project, size)
        else:
            refresh_project(project)
        projects[size] = project
        cold, dump, shacl, rebuild = [], [], [], []
        for turn in range(args.runs):
            shutil.rmtree(project / ".kg-cache", ignore_errors=True)
            shutil.rmtree(project / "dist", ignore_errors=True)
            cold.append(measure([*KG, "build", "--project", str(project)]))
            out = work / f"dump-{size}"
            dump.append(measure([sys.executable, "-c", LOAD_AND_DUMP, str(project / "dist" / "swf-kg.nq"), str(out)]))
            # the SHACL tool's input, made untimed: neither side is charged for it
            subprocess.run([sys.executable, "-c", UNION_AS_NTRIPLES, str(project / "dist" / "swf-kg.nq"), f"{out}.nt"],
                           check=True)
            shacl.append(measure(shacl_baseline(Path(f"{out}.nt"), jena)))
            retitle(project, turn)
            rebuild.append(measure([*KG, "build", "--project", str(project)]))
        c, d, s, r = median(cold), median(dump), median(shacl), median(rebuild)
        triples = json.loads((project / "dist" / "summary.json").read_text(encoding="utf-8"))["triples"]
        print(f"| {triples:,} | {c[0]:.1f} | {c[1]:.1f} | {c[2]} | {d[1]:.2f} | {s[1]:.2f} | {d[1] + s[1]:.2f} | "
              f"{c[1] / (d[1] + s[1]):.2f} | {c[1] / d[1]:.1f} | {r[0]:.1f} | {r[1]:.1f} | {r[1] / c[1]:.2f} |",
              flush=True)
    print(f"\n## `kg query` against a bare pyoxigraph script on the same on-disk store (medians of {max(args.runs, 5)})\n")
    print("| graph | query | kg query wall s | bare wall s | wall ratio | kg query CPU s | bare CPU s | CPU ratio |")
    print("|---|---|---|---|---|---|---|---|")
    if not (ROOT / "dist" / "swf-kg.nq").is_file():
        subprocess.run([*KG, "build"], cwd=ROOT, stdout=subprocess.DEVNULL, check=True)
    query_table("real", ROOT, max(args.runs, 5))
    for size, project in projects.items():
        query_table(f"{size:,}", project, max(args.runs, 5))
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
