"""A synthetic project of any size in the real contribution format, for the build benchmarks.

It copies the real project (ontology, queries, data) and adds synthetic reports as YAML files,
shaped like the real ones: a source, a round-table edition with venue, host, attendance, topics
and participants, roles with dates, and now and then an initiative with funding claims. People
are shared between reports (declared once, in people files), so the network is connected the way
the real one is. Deterministic for a given size (seeded); about 150 triples per report.
"""

from __future__ import annotations

import csv
import random
import shutil
from pathlib import Path

__all__ = ["make_project", "refresh_project", "TRIPLES_PER_REPORT"]

ROOT = Path(__file__).resolve().parents[1]
TRIPLES_PER_REPORT = 150
TOPICS = ["social-media", "young-talent", "skilled-workers", "town-centres", "welcoming-newcomers"]
ROLES = ["project-manager", "mayor", "head-of-department", "economic-development-officer"]
ACTIVITIES = ["welcomed", "presented", "commented", "attended"]


def _municipalities() -> list[str]:
    with (ROOT / "data" / "refdata" / "municipalities.csv").open(encoding="utf-8") as f:
        return [row["name"] for row in csv.DictReader(f)]


def _report(rng: random.Random, n: int, towns: list[str], people: int) -> str:
    town = rng.choice(towns)
    year = 2013 + n % 12
    date = f"{year}-{1 + n % 12:02d}-{1 + n % 28:02d}"
    lines = [
        "language: de", f"title: Synthetischer Bericht {n}", "",
        "sources:",
        f"  - {{key: synthetic-{n}, url: 'https://example.org/synthetic/{n}', title: Bericht {n},"
        f" publisher: Beispielzeitung, published: {date}}}", "",
        "venues:",
        f"  - {{key: synthetic-venue-{n}, name: Halle {n}, municipality: {town}}}", "",
        "events:",
        f"  - key: synthetic-{n}",
        "    kind: round-table",
        f"    edition: {1000 + n}",
        f"    name: {1000 + n}. Runder Tisch (synthetisch)",
        f"    date: {date}",
        f"    venue: synthetic-venue-{n}",
        f"    municipality: {town}",
        "    organisers: [suedwestfalen-agentur]",
        f"    formats: [{rng.choice(['in-person', 'digital', 'barcamp'])}]",
        f"    topics: [{', '.join(rng.sample(TOPICS, 2))}]",
        "    attendance:",
        f"      - {{count: {20 + rng.randrange(30)}, approximate: true, counts: people, wording: rund 30 Teilnehmende}}",
        f"      - {{count: {5 + rng.randrange(20)}, counts: municipalities, wording: Kommunen}}",
        "    description:",
        f"      de: Synthetisches Treffen Nummer {n} zum Erfahrungsaustausch.",
        f"      en: Synthetic meeting number {n} for exchanging experience.",
        "    participants:",
    ]
    chosen = rng.sample(range(people), 8)
    for k, person in enumerate(chosen):
        lines.append(f"      - {{person: synthetic-person-{person}, did: [{rng.choice(ACTIVITIES)}],"
                     f" role_as_stated: Projektleitung, on_behalf_of: suedwestfalen-agentur}}")
    lines += ["", "roles:"]
    for person in chosen[:4]:
        lines.append(f"  - {{person: synthetic-person-{person}, role: {rng.choice(ROLES)}, as_stated: Projektleitung,"
                     f" organisation: suedwestfalen-agentur, stated_on: {date}}}")
    if n % 5 == 0:
        lines += ["", "initiatives:",
                  f"  - key: synthetic-program-{n}", f"    name: Programm {n}", "    kind: program",
                  "    run_by: [suedwestfalen-agentur]", f"    start: {year}",
                  "    funding:", f"      - {{amount: {1000 * (n + 1)}, instrument: EFRE}}",
                  f"      - {{amount: {1000 * (n + 2)}, instrument: EFRE}}"]
    return "\n".join(lines) + "\n"


def _name(i: int) -> str:
    """A made-up name, far from every other (random letters; no shared prefix to look alike)."""
    rng = random.Random(i * 7919)
    word = lambda: rng.choice("BDFGKLMNPRSTVWZ") + "".join(rng.choice("aeiou" if k % 2 else "bdfgklmnprstvz") for k in range(6))  # noqa: E731
    return f"{word()} {word()}"


def _people(start: int, stop: int) -> str:
    lines = ["language: de", f"title: Synthetische Personen {start}–{stop}", "",
             "sources:", f"  - {{key: synthetic-people-{start}, url: 'https://example.org/people/{start}', title: Personen}}",
             "", "people:"]
    lines += [f"  - {{key: synthetic-person-{i}, name: {_name(i)}}}" for i in range(start, stop)]
    return "\n".join(lines) + "\n"


def refresh_project(folder: Path) -> None:
    """A kept project gets today's ontology and queries (the views rely on the catalog's columns);
    its data stays as it was made."""
    for name in ("ontology", "queries"):
        shutil.rmtree(folder / name, ignore_errors=True)
        shutil.copytree(ROOT / name, folder / name)


def make_project(folder: Path, triples: int, seed: int = 7) -> Path:
    """A copy of the real project in ``folder`` with synthetic reports up to about ``triples``."""
    for name in ("ontology", "queries", "data"):
        shutil.copytree(ROOT / name, folder / name)
    rng = random.Random(seed)
    reports = max(0, triples // TRIPLES_PER_REPORT)
    people = max(40, reports * 2)
    synthetic = folder / "data" / "synthetic"
    synthetic.mkdir()
    towns = _municipalities()
    for start in range(0, people, 500):
        (synthetic / f"people-{start:06d}.yaml").write_text(_people(start, min(people, start + 500)), encoding="utf-8")
    for n in range(reports):
        (synthetic / f"report-{n:06d}.yaml").write_text(_report(rng, n, towns, people), encoding="utf-8")
    return folder
