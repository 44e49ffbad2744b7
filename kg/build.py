"""``kg build``: load everything, validate it, and publish dist/ in one go.

The published graph is only written when it conforms; the previous dist/ stays until then.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.check.index import write_index
from kg.check.shacl import ShaclCache
from kg.check.validate import check_loaded
from kg.errors import InvalidData, OutputRefused
from kg.load.dataset import (
    ONTOLOGY_GRAPH,
    LoadedDataset,
    Project,
    input_hashes,
    load_dataset,
)
from kg.load.filecache import FileCache
from kg.load.parse import forget_parses
from kg.namespaces import PREFIXES, RDF
from kg.outputs import (
    check_output_folder,
    folder_lock,
    link_staged,
    replace_folder,
    write_staged,
)
from kg.problems import ERROR, WARNING, Problem
from kg.progress import step
from kg.publish import write_dataset_files, write_json
from kg.query.catalog import bind, load_catalog
from kg.query.engine import Engine
from kg.query.results import to_csv, to_json
from kg.stores import build_cache, digest, merge_into_default_graph
from kg.views.site import PageCache, StoredPage, render_site

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
    reused: dict[str, tuple[int, int]] = field(default_factory=dict)  # stage -> (from the cache, all)

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


def class_counts(loaded: LoadedDataset) -> dict[str, int]:
    """Instances per class, ontology terms left out (they describe the schema, not the network)."""
    store = loaded.store
    ontology = ox.NamedNode(str(ONTOLOGY_GRAPH))
    schema_terms = {q.subject for q in store.quads_for_pattern(None, None, None, ontology)}
    typed = {(q.subject, q.object) for q in store.quads_for_pattern(None, _RDF_TYPE, None, None)
             if q.subject not in schema_terms}
    counts = Counter(compact(cls.value) for _s, cls in typed)
    return dict(sorted(counts.items()))


_RDF_TYPE = ox.NamedNode(str(RDF.type))


SECOND_LANGUAGE = "en/"  # the English site, beside the German one at the root


def build(project: Project, out: Path) -> BuildResult:
    """Load, validate and publish. Raises ``UnreadableInput`` / ``InvalidData`` / ``OutputRefused``;
    ``out`` is then left as it was."""
    started = time.perf_counter()
    check_output_folder(out, project.root)  # before the work, not only after it
    files = FileCache(build_cache(project.root))
    loaded = load_dataset(project, raise_on_error=False, cache=files)
    files.flush()
    files.prune()
    cache = ShaclCache(build_cache(project.root) / "shacl.json", [project.shapes, project.ontology])
    problems = check_loaded(project, loaded, cache).problems
    cache.save()
    if any(p.severity == ERROR for p in problems):
        raise InvalidData(problems)
    # what was read is checked: the documents and the files' records are not needed any more, and
    # their memory (most of what Python holds at this point) goes to the pages
    files.release()
    loaded.parsed = []
    forget_parses()
    classes = class_counts(loaded)
    graphs = len(loaded.files)
    try:
        with replace_folder(out, project.root) as stage:
            paths = write_dataset_files(stage, loaded.store)
            # Queries run on the published file as anyone reloading it sees it: loaded in its
            # (sorted) order, so results come out the same whatever order the graph was built in.
            loaded.store = ox.Store()
            loaded.store.bulk_load(path=str(stage / "swf-kg.nq"), format=ox.RdfFormat.N_QUADS)
            triples = merge_into_default_graph(loaded.store)
            engine = Engine(loaded.store, merged=True)
            catalog = load_catalog(project.root / "queries")
            check_violations(catalog, engine)
            # one build at a time uses the page cache: another's pruning must not remove a page this
            # one has yet to link into its output
            with folder_lock(build_cache(project.root) / "pages"):
                page_cache = PageCache(build_cache(project.root))
                # the site in German at the root and in English under en/, each page linking to its
                # twin; query results without a language are shared. One language at a time: its
                # pages ask again for results it published, and the rest are dropped before the next
                query_files, pages = [], {}
                for lang, folder, counterpart, shared in (("de", "", SECOND_LANGUAGE, ""),
                                                          ("en", SECOND_LANGUAGE, "../", "../")):
                    query_files += publish_query_results(stage, catalog, engine, lang, folder=folder)
                    site = render_site(engine, project.root / "queries", project.data / "refdata", lang=lang,
                                       cache=page_cache, counterpart=counterpart, shared=shared)
                    pages.update({folder + name: page for name, page in site.items()})
                    engine.forget_kept()
                page_cache.prune()
                with step("write", len(pages)) as bar:
                    for name, page in pages.items():
                        if isinstance(page, StoredPage):
                            link_staged(page.path, stage / name)
                        else:
                            write_staged(stage / name, page)
                        bar.advance()
            summary = {
                "triples": triples, "named_graphs": graphs, "entities_per_class": classes,
                "validation": {"conforms": True,
                               "warnings": sum(1 for p in problems if p.severity == WARNING),
                               "problems": [p.as_json("en") for p in problems]},
                "files": sorted(paths),
                # what each contribution file was when it was built, so `kg validate FILE` can tell
                # which files in data/ are new or changed since
                "inputs": input_hashes(project, loaded.read),
            }
            write_json(stage / "summary.json", summary)
        digest(out / "swf-kg.nq")  # hashed once now, remembered for every later command
        write_index(project.root, out / "swf-kg.nq", loaded.registry, loaded.store)  # for queries and `kg validate FILE`
    except OSError as exc:  # a full disk, a read-only folder: nothing was swapped in
        raise OutputRefused([Problem.of("out-write-failed", file=Path(out).as_posix(),
                                        reason=exc.strerror or type(exc).__name__)]) from None
    reused = {"files": (files.hits, files.files),
              "shacl": (cache.hits, cache.hits + cache.made),
              "pages": (page_cache.hits, page_cache.hits + page_cache.made),
              "layouts": (page_cache.layouts.hits, page_cache.layouts.hits + page_cache.layouts.made)}
    return BuildResult(triples, graphs, classes, problems, time.perf_counter() - started,
                       sorted([*paths, "summary.json", *query_files, *pages]), reused)


def check_violations(catalog: dict, engine) -> None:
    """Every ``*-violation`` query of the catalog must return nothing, else ``InvalidData``."""
    violations = []
    for name, query in catalog.items():
        if query.is_violation_check:
            found = engine.select(query.text, bind(query), source=str(query.path), hide=query.params)
            if found.rows:
                violations.append(Problem.of("violation", file=f"queries/{name}.rq", name=name, count=len(found.rows),
                                             example=", ".join(v for v in found.values()[0] if v is not None)))
    if violations:
        raise InvalidData(violations)


def publish_query_results(stage: Path, catalog: dict, engine, lang: str, folder: str = "") -> list[str]:
    """Every query's results (default parameters, labels in ``lang``) as ``folder``queries/NAME.csv
    and .json, so people without Python can read them. In a ``folder`` for a second language only
    the queries that have a language are written again."""
    chosen = {name: query for name, query in catalog.items()
              if not query.is_violation_check and (not folder or "lang" in query.params)}
    written = []
    with step("queries", len(chosen)) as bar:
        for name, query in chosen.items():
            params = {"lang": lang} if "lang" in query.params else {}
            result = engine.select(query.text, bind(query, params), source=str(query.path), hide=query.params,
                                   keep=True)  # the pages ask several of them again
            write_staged(stage / folder / "queries" / f"{name}.csv", to_csv(result))
            write_staged(stage / folder / "queries" / f"{name}.json", to_json(result))
            written += [f"{folder}queries/{name}.csv", f"{folder}queries/{name}.json"]
            bar.advance()
    return written
