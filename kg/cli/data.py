"""``kg build``, ``kg validate`` and ``kg new``: from contributions to the published graph."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli.base import (
    TEXT,
    lang_option,
    main,
    open_project,
    project_option,
    report_failure,
    reported,
)
from kg.errors import KGError, UnreadableInput
from kg.problems import WARNING, Problem, default_language


@main.command()
@project_option
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="Output folder (default: dist/ in the project). It must be new, empty, or written by kg.")
@lang_option
def build(project_dir: Path, out: Path | None, lang: str | None):
    """Load ontology and data, validate with SHACL, and write dist/ (TriG, N-Quads, Turtle, JSON-LD, summary).

    Exit code 1 if the graph does not conform, 2 if a file cannot be read or the output folder may
    not be written; dist/ is then left as it was.
    """
    from kg.build import SECOND_LANGUAGE
    from kg.build import build as run_build

    lang = lang or default_language()
    out = out or project_dir / "dist"
    try:
        result = run_build(open_project(project_dir, "ontology", "data"), out)
    except KGError as exc:
        report_failure(exc, lang, out=str(out))
        sys.exit(exc.exit_code)
    for problem in result.problems:
        click.echo(problem.render(lang), err=True)
    click.echo(TEXT["built"][lang].format(triples=result.triples, graphs=result.graphs, seconds=result.seconds))
    click.echo(TEXT["classes"][lang])
    for cls, count in result.classes.items():
        click.echo(f"  {cls:<32} {count:>5}")
    click.echo(TEXT["valid"][lang].format(warnings=sum(1 for p in result.problems if p.severity == WARNING)))
    click.echo(TEXT["reused"][lang].format(**result.reused))
    shown = [f for f in result.files if not f.startswith(("queries/", "editions/", "id/", SECOND_LANGUAGE))]
    queries = sum(1 for f in result.files if f.startswith("queries/")) // 2
    editions = sum(1 for f in result.files if f.startswith("editions/"))
    lists = sum(1 for f in result.files if f.startswith("id/") and f.endswith("/index.html"))  # one per kind
    items = sum(1 for f in result.files if f.startswith("id/")) - lists
    click.echo(TEXT["wrote"][lang].format(out=out, files=", ".join(shown)) + TEXT["queries"][lang].format(n=queries)
               + TEXT["editions"][lang].format(n=editions) + TEXT["items"][lang].format(n=items, kinds=lists)
               + TEXT["second"][lang].format(folder=SECOND_LANGUAGE,
                                             n=sum(1 for f in result.files if f.startswith(SECOND_LANGUAGE))))


@main.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "turtle"]), default="text", show_default=True,
              help="text for people, json for tools and CI, turtle for the standard SHACL validation report.")
@project_option
@lang_option
def validate(files, fmt, project_dir, lang):
    """Check contributions before they join the graph; nothing is changed.

    With FILES, only those are checked, against the published graph (run kg build once first);
    without, all of data/ is checked in full. Every problem names the file, line and column, the
    entry, what is wrong and how to fix it. Exit code 0 (warnings and hints allowed), 1 with
    errors, 2 if a file cannot be read at all.
    """
    import json as _json

    from kg.check.report import shacl_report
    from kg.check.validate import render_text, validate_all, validate_files

    lang = lang or default_language()
    try:
        project = open_project(project_dir, "ontology", "data")
        outcome = validate_files(project, list(files)) if files else validate_all(project)
    except KGError as exc:
        if fmt == "json":
            click.echo(_json.dumps({"exit_code": exc.exit_code, "conforms": False,
                                    "problems": [p.as_json(lang) for p in exc.problems]}, ensure_ascii=False, indent=2))
        elif fmt == "turtle":
            click.echo(shacl_report(exc.problems).serialize(format="turtle"), nl=False)
        else:
            report_failure(exc, lang)
        sys.exit(exc.exit_code)
    code = 1 if outcome.errors else 0
    if fmt == "json":
        click.echo(_json.dumps({"exit_code": code, "conforms": code == 0, "files": outcome.files,
                                "summary": outcome.counts(), "problems": [p.as_json(lang) for p in outcome.problems]},
                               ensure_ascii=False, indent=2))
    elif fmt == "turtle":
        click.echo(shacl_report(outcome.problems).serialize(format="turtle"), nl=False)
    else:
        click.echo(render_text(outcome, lang), nl=False)
    sys.exit(code)


@main.command()
@click.argument("kind", type=click.Choice(["event", "person", "organisation", "program"]))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the template (default: print it). An existing file is never replaced.")
@project_option
@lang_option
@reported
def new(kind, out, project_dir, lang):
    """Write a commented template for a new event, person, organisation or program, with the next
    free edition number and the keys of known things listed in comments."""
    from kg.check.validate import current_keys
    from kg.load.templates import template
    from kg.outputs import write_atomic

    project = open_project(project_dir, "ontology", "data")
    if out is not None and out.exists():
        raise UnreadableInput([Problem.of("file-exists", file=out.as_posix())])
    nquads = project_dir / "dist" / "swf-kg.nq"
    if nquads.is_file():
        registry, numbers = current_keys(project, nquads)
    else:
        from kg.load.dataset import load_dataset
        from kg.namespaces import SWF
        loaded = load_dataset(project, raise_on_error=False)
        registry = loaded.registry
        import pyoxigraph as ox
        numbers = {int(q.object.value) for q in loaded.store.quads_for_pattern(None, ox.NamedNode(str(SWF.editionNumber)),
                                                                             None, None)}
    number = max(numbers, default=0) + 1
    while registry.get("event", f"runder-tisch-{number}") or registry.get("source", f"bericht-runder-tisch-{number}"):
        number += 1  # a key of that name is taken by something else
    text = template(kind, registry, number, str(out or f"data/events/new-{kind}.yaml"), lang)
    if out is None:
        click.echo(text, nl=False)
        return
    try:
        write_atomic(out, text, exclusive=True)
    except FileExistsError:
        raise UnreadableInput([Problem.of("file-exists", file=out.as_posix())]) from None
    click.echo(str(out))
