"""``kg build``: load everything, validate it, and publish dist/ in one go.

The published graph is only written when it conforms; the previous dist/ stays until then.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from kg.check.index import write_index
from kg.check.validate import check_loaded
from kg.errors import InvalidData, OutputRefused
from kg.load.dataset import (
    ONTOLOGY_GRAPH,
    LoadedDataset,
    Project,
    input_hashes,
    load_dataset,
)
from kg.namespaces import PREFIXES, RDF
from kg.outputs import check_output_folder, replace_folder, write_atomic
from kg.problems import ERROR, WARNING, Problem
from kg.publish import write_dataset_files, write_json, write_text
from kg.query.catalog import bind, load_catalog
from kg.query.engine import Engine
from kg.query.results import to_csv, to_json
from kg.views.site import render_site

__all__ = ["BuildResult", "build", "class_counts", "compact"]


@dataclass
class BuildResult:
    """What a build made, for the summary on stdout and for tests."""

    triples: int
    graphs: int
    classes: dict[str, int]
    problems: list[Problem]
    seconds: float
    files: list[str] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        return not any(p.severity == ERROR for p in self.problems)


def compact(iri) -> str:
    """``https://schema.org/Event`` -> ``schema:Event`` for summaries."""
    text = str(iri)
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if text.startswith(ns):
            return f"{prefix}:{text[len(ns):]}"
    return text


def class_counts(loaded: LoadedDataset, union) -> dict[str, int]:
    """Instances per class, ontology terms left out (they describe the schema, not the network)."""
    ontology_subjects = set(loaded.dataset.graph(ONTOLOGY_GRAPH).subjects())
    counts = Counter(compact(cls) for s, cls in union.subject_objects(RDF.type) if s not in ontology_subjects)
    return dict(sorted(counts.items()))


def build(project: Project, out: Path) -> BuildResult:
    """Load, validate and publish. Raises ``UnreadableInput`` / ``InvalidData`` / ``OutputRefused``;
    ``out`` is then left as it was."""
    started = time.perf_counter()
    check_output_folder(out, project.root)  # before the work, not only after it
    loaded = load_dataset(project, raise_on_error=False)
    union = loaded.union()
    problems = check_loaded(project, loaded, union).problems
    if any(p.severity == ERROR for p in problems):
        raise InvalidData(problems)
    classes = class_counts(loaded, union)
    graphs = sum(1 for g in loaded.dataset.graphs() if len(g))
    try:
        with replace_folder(out, project.root) as stage:
            paths = write_dataset_files(stage, loaded.dataset, union)
            engine = Engine.from_nquads(stage / "swf-kg.nq")  # sorted input: reproducible result order
            query_files = publish_query_results(stage, project.root / "queries", engine)
            pages = render_site(engine, project.root / "queries", project.data / "refdata", lang="de")
            for name, page in pages.items():
                write_atomic(stage / name, page)
            summary = {
                "triples": len(union), "named_graphs": graphs, "entities_per_class": classes,
                "validation": {"conforms": True,
                               "warnings": sum(1 for p in problems if p.severity == WARNING),
                               "problems": [p.as_json("en") for p in problems]},
                "files": sorted(paths),
                # what each contribution file was when it was built, so `kg validate FILE` can tell
                # which files in data/ are new or changed since
                "inputs": input_hashes(project, loaded.contribution_files()),
            }
            write_json(stage / "summary.json", summary)
        write_index(project.root, out / "swf-kg.nq", loaded.registry)  # for fast `kg validate FILE`
    except OSError as exc:  # a full disk, a read-only folder: nothing was swapped in
        raise OutputRefused([Problem.of("out-write-failed", file=Path(out).as_posix(),
                                        reason=exc.strerror or type(exc).__name__)]) from None
    return BuildResult(len(union), graphs, classes, problems, time.perf_counter() - started,
                       sorted([*paths, "summary.json", *query_files, *pages]))


def publish_query_results(stage: Path, queries: Path, engine) -> list[str]:
    """Run the catalog on the graph just written: every ``*-violation`` query must return nothing
    (else ``InvalidData``), every other query's results go to queries/NAME.csv and .json (German
    labels, default parameters), so people without Python can read them."""
    catalog = load_catalog(queries)
    violations = []
    for name, query in catalog.items():
        if query.is_violation_check:
            found = engine.select(query.text, bind(query), source=str(query.path), hide=query.params)
            if found.rows:
                violations.append(Problem.of("violation", file=f"queries/{name}.rq", name=name, count=len(found.rows),
                                             example=", ".join(str(v) for v in found.rows[0] if v is not None)))
    if violations:
        raise InvalidData(violations)
    written = []
    for name, query in catalog.items():
        if query.is_violation_check:
            continue
        params = {"lang": "de"} if "lang" in query.params else {}
        result = engine.select(query.text, bind(query, params), source=str(query.path), hide=query.params)
        write_text(stage / "queries" / f"{name}.csv", to_csv(result))
        write_text(stage / "queries" / f"{name}.json", to_json(result))
        written += [f"queries/{name}.csv", f"queries/{name}.json"]
    return written
