"""Benchmark: the whole `kg validate FILE` command on inputs built to be slow — a file declaring
6,000 people (the near-duplicate check and SHACL over many new entries) and a file with a 1 MB
name — against the same command on an ordinary report (data/events/rt-21-altena.yaml), run in turn
in the same process. Prints medians of wall and CPU time and the ratio to the ordinary report;
asserts nothing. Needs a built graph (`kg build`).

    .venv/bin/python -m benchmarks.bench_hostile [--runs 3]
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def people_file(path: Path, n: int = 6000) -> Path:
    rng = random.Random(7)
    first = ["Anna", "Ben", "Clara", "David", "Eva", "Felix", "Greta", "Hans", "Ida", "Jonas", "Karla", "Lukas"]
    last = ["Schmidt", "Meyer", "Schulz", "Becker", "Hoffmann", "Koch", "Richter", "Wolf", "Neumann", "Krüger"]
    lines = ["sources:", "  - {key: bulk-src, url: 'https://example.org/bulk', title: Bulk}", "people:"]
    lines += [f"  - {{key: bulk-person-{i}, name: '{rng.choice(first)} {rng.choice(last)}-{i}'}}" for i in range(n)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def long_name_file(path: Path, size: int = 1_000_000) -> Path:
    path.write_text("sources:\n  - {key: big-src, url: 'https://example.org/big', title: Big}\n"
                    f"people:\n  - key: big-name\n    name: '{'A' * size}'\n", encoding="utf-8")
    return path


def measure(path: Path, runs: int) -> tuple[float, float, int]:
    """Median wall and CPU seconds of `kg validate FILE` (whole processes), and its exit code."""
    walls, cpus, code = [], [], None
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "kg", "validate", str(path), "--project", str(ROOT)],
                              capture_output=True, text=True)
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        code = done.returncode
    return statistics.median(walls), statistics.median(cpus), code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not (ROOT / "dist" / "swf-kg.nq").is_file():
        sys.exit("Run `kg build` first.")
    with tempfile.TemporaryDirectory() as tmp:
        inputs = [("ordinary report (baseline)", ROOT / "data" / "events" / "rt-21-altena.yaml"),
                  ("6,000 people", people_file(Path(tmp) / "people.yaml")),
                  ("a 1 MB name", long_name_file(Path(tmp) / "name.yaml"))]
        measure(inputs[0][1], 1)  # warm the validation index and the file cache
        rows = [(label, *measure(path, args.runs)) for label, path in inputs]
    base_wall, base_cpu = rows[0][1], rows[0][2]
    print(f"kg validate FILE, median of {args.runs} runs (whole command)")
    print(f"{'input':<28} {'wall s':>8} {'CPU s':>8} {'× wall':>8} {'× CPU':>8} {'exit':>5}")
    for label, wall, cpu, code in rows:
        print(f"{label:<28} {wall:>8.2f} {cpu:>8.2f} {wall / base_wall:>8.1f} {cpu / base_cpu:>8.1f} {code:>5}")


if __name__ == "__main__":
    main()
