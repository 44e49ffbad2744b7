"""The ``kg`` command. The only module that prints, and the only one that turns errors into exit codes.

Exit codes: 0 success (warnings allowed), 1 the data is wrong (validation errors, unknown
references), 2 a file cannot be read at all or the command was used wrongly, 3 an internal error
(a bug: set KG_DEBUG=1 to see the traceback).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from kg import __version__
from kg.errors import KGError
from kg.problems import ERROR, LANGUAGES, WARNING, default_language, sort_problems

# Heavy modules (pyshacl, networkx) are imported inside the commands that need them, so that
# `kg query` starts fast.

__all__ = ["main"]

_TEXT = {
    "built": {"de": "Graph gebaut: {triples} Tripel in {graphs} benannten Graphen ({seconds:.1f} s).",
              "en": "Graph built: {triples} triples in {graphs} named graphs ({seconds:.1f} s)."},
    "classes": {"de": "Entitäten je Klasse:", "en": "Entities per class:"},
    "valid": {"de": "Validierung: konform ({warnings} Warnung(en)).",
              "en": "Validation: conforms ({warnings} warning(s))."},
    "wrote": {"de": "Geschrieben nach {out}/: {files}", "en": "Wrote {out}/: {files}"},
    "queries": {"de": ", die Ergebnisse von {n} Abfragen in queries/ (CSV, JSON)",
                "en": ", the results of {n} queries in queries/ (CSV, JSON)"},
    "editions": {"de": " und {n} Seiten zu Runden Tischen in editions/.", "en": " and {n} round-table pages in editions/."},
    "failed": {"de": "{errors} Fehler, {warnings} Warnung(en). Nichts wurde geschrieben; {out}/ ist unverändert.",
               "en": "{errors} error(s), {warnings} warning(s). Nothing was written; {out}/ is unchanged."},
}


def _lang_option(func):
    return click.option("--lang", type=click.Choice(LANGUAGES), default=None,
                        help="Language of messages (default: from KG_LANG / LANG, else de).")(func)


def _project_option(func):
    return click.option("--project", "project_dir", type=click.Path(file_okay=False, path_type=Path),
                        default=Path("."), show_default=True,
                        help="Project folder holding ontology/ and data/.")(func)


def _report_failure(exc: KGError, lang: str, out: str | None = None) -> None:
    problems = sort_problems(exc.problems)
    for problem in problems:
        click.echo(problem.render(lang), err=True)
    errors = sum(1 for p in problems if p.severity == ERROR)
    warnings = sum(1 for p in problems if p.severity == WARNING)
    if out is not None:
        click.echo(_TEXT["failed"][lang].format(errors=errors, warnings=warnings, out=out), err=True)


class _Group(click.Group):
    """Turns an unexpected exception into one line and exit code 3 instead of a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException, SystemExit):
            raise
        except BrokenPipeError:  # the reader (e.g. `| head`) went away: stop quietly
            sys.stdout = open(os.devnull, "w")
            sys.exit(0)
        except Exception as exc:  # a bug, not bad input: say so plainly
            if os.environ.get("KG_DEBUG"):
                raise
            click.echo(f"Interner Fehler / internal error: {type(exc).__name__}: {exc} "
                       "(KG_DEBUG=1 zeigt Details / shows details)", err=True)
            sys.exit(3)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="kg")
def main():
    """Knowledge graph of Südwestfalen's regional-marketing network.

    Build the graph from ontology/ and data/, validate contributions, and publish dist/.
    """


@main.command()
@_project_option
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder (default: dist/ in the project).")
@_lang_option
def build(project_dir: Path, out: Path | None, lang: str | None):
    """Load ontology and data, validate with SHACL, and write dist/ (TriG, N-Quads, Turtle, JSON-LD, summary).

    Exit code 1 if the graph does not conform, 2 if a file cannot be read; dist/ is then left as it was.
    """
    from kg.build import build as run_build
    from kg.load.dataset import Project

    lang = lang or default_language()
    project = Project(project_dir)
    out = out or project_dir / "dist"
    try:
        result = run_build(project, out)
    except KGError as exc:
        _report_failure(exc, lang, out=str(out))
        sys.exit(exc.exit_code)
    for problem in result.problems:
        click.echo(problem.render(lang), err=True)
    click.echo(_TEXT["built"][lang].format(triples=result.triples, graphs=result.graphs, seconds=result.seconds))
    click.echo(_TEXT["classes"][lang])
    for cls, count in result.classes.items():
        click.echo(f"  {cls:<32} {count:>5}")
    click.echo(_TEXT["valid"][lang].format(warnings=sum(1 for p in result.problems if p.severity == WARNING)))
    shown = [f for f in result.files if not f.startswith(("queries/", "editions/"))]
    queries = sum(1 for f in result.files if f.startswith("queries/")) // 2
    editions = sum(1 for f in result.files if f.startswith("editions/"))
    click.echo(_TEXT["wrote"][lang].format(out=out, files=", ".join(shown)) + _TEXT["queries"][lang].format(n=queries)
               + _TEXT["editions"][lang].format(n=editions))


def _graph_option(func):
    return click.option("--graph", "graph_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
                        help="Published N-Quads to query (default: dist/swf-kg.nq in the project).")(func)


def _format_option(func):
    return click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "tsv"]), default="table",
                        show_default=True, help="Output: a table for people, or SPARQL 1.1 CSV/JSON/TSV.")(func)


def _engine(project_dir: Path, graph_path: Path | None):
    from kg.query.engine import Engine
    return Engine.from_nquads(graph_path or project_dir / "dist" / "swf-kg.nq")


def _params(pairs) -> dict[str, str]:
    values = {}
    for pair in pairs:
        if "=" not in pair:
            raise click.BadParameter(f"„{pair}“: write --param name=value", param_hint="--param")
        key, value = pair.split("=", 1)
        values[key.strip()] = value
    return values


@main.command()
@_project_option
@_lang_option
def queries(project_dir: Path, lang: str | None):
    """List the named queries in queries/ with their summaries and parameters."""
    from kg.query.catalog import load_catalog

    lang = lang or default_language()
    try:
        catalog = load_catalog(project_dir / "queries")
    except KGError as exc:
        _report_failure(exc, lang)
        sys.exit(exc.exit_code)
    for name, query in catalog.items():
        click.echo(f"{name}")
        click.echo(f"    {query.summary[lang]}")
        for param in query.params.values():
            default = f" (default: {param.default})" if param.default is not None else " (optional)" if param.optional else ""
            click.echo(f"    --param {param.name}=<{param.type}>{default}")


@main.command()
@click.argument("name", required=False)
@click.option("--file", "query_file", type=click.Path(dir_okay=False, path_type=Path), help="Run the SPARQL in this file.")
@click.option("--sparql", "sparql_text", help="Run this SPARQL text.")
@click.option("--param", "param_pairs", multiple=True, metavar="NAME=VALUE",
              help="Bind a parameter (repeatable). In ad-hoc queries <…> binds an IRI, anything else a string.")
@_format_option
@_project_option
@_graph_option
@_lang_option
def query(name, query_file, sparql_text, param_pairs, fmt, project_dir, graph_path, lang):
    """Run a named query from queries/ (kg query NAME), a file (--file) or SPARQL text (--sparql).

    Parameters are bound as RDF terms, never pasted into the query. Exit code 1 for a broken query
    or parameter, 2 if the graph has not been built.
    """
    from kg.query.catalog import bind, bind_adhoc, load_catalog
    from kg.query.results import render_any

    lang = lang or default_language()
    chosen = [x for x in (name, query_file, sparql_text) if x]
    if len(chosen) != 1:
        raise click.UsageError("Give exactly one of NAME, --file or --sparql.")
    try:
        values = _params(param_pairs)
        if name:
            catalog = load_catalog(project_dir / "queries")
            if name not in catalog:
                import difflib
                close = difflib.get_close_matches(name, list(catalog), n=3)
                raise click.UsageError(f"No query named „{name}“." + (f" Did you mean: {', '.join(close)}?" if close else "")
                                       + " See: kg queries")
            catalog_query = catalog[name]
            if "lang" in catalog_query.params and "lang" not in values:
                values["lang"] = lang
            text, bindings, source, hide = (catalog_query.text, bind(catalog_query, values), str(catalog_query.path),
                                            set(catalog_query.params))
        else:
            text = query_file.read_text(encoding="utf-8") if query_file else sparql_text
            source = str(query_file) if query_file else "--sparql"
            bindings, hide = bind_adhoc(values, source), set(values)
        engine = _engine(project_dir, graph_path)
        click.echo(render_any(engine.run(text, bindings, source=source), fmt, hide=hide), nl=False)
    except KGError as exc:
        _report_failure(exc, lang)
        sys.exit(exc.exit_code)
    except OSError as exc:
        click.echo(f"Error: {query_file}: {exc.strerror}", err=True)
        sys.exit(2)


@main.command()
@click.argument("what", type=click.Choice(["centrality", "communities", "engagement", "path"]))
@click.option("--from", "start", help="path: the first person or organisation (name or key such as person/marie-ting).")
@click.option("--to", "end", help="path: the second person or organisation.")
@click.option("--by", type=click.Choice(["municipality", "district"]), default="municipality", show_default=True,
              help="engagement: per municipality or per district.")
@click.option("--top", type=int, default=None, help="centrality: show only the first N.")
@_format_option
@_project_option
@_graph_option
@_lang_option
def analyze(what, start, end, by, top, fmt, project_dir, graph_path, lang):
    """Network analytics: who connects the network (centrality), its communities, the engagement of
    every municipality and district (zeros included), and the shortest path between two people or
    organisations."""
    from kg.query import analytics
    from kg.query.results import render_select

    lang = lang or default_language()
    queries_dir = project_dir / "queries"
    try:
        engine = _engine(project_dir, graph_path)
        if what == "engagement":
            result = analytics.engagement(engine, queries_dir, by=by)
        else:
            network = analytics.build_network(engine, queries_dir, lang)
            if what == "centrality":
                result = analytics.centrality(network, top)
            elif what == "communities":
                result = analytics.communities(network)
            else:
                if not start or not end:
                    raise click.UsageError("kg analyze path needs --from and --to.")
                result = analytics.shortest_path(network, start, end)
        click.echo(render_select(result, fmt), nl=False)
    except KGError as exc:
        _report_failure(exc, lang)
        sys.exit(exc.exit_code)


@main.command()
@click.option("--focus", "focus", help="A person, organisation, municipality or event (name or key such as "
                                        "person/marie-ting): draw its neighbourhood.")
@click.option("--depth", type=click.IntRange(1, 4), default=1, show_default=True, help="How many links around --focus.")
@click.option("--query", "query_name", help="Draw the graph a CONSTRUCT query (or the pairs a SELECT query) returns.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the pages (default: dist/ in the project).")
@_project_option
@_graph_option
@_lang_option
def viz(focus, depth, query_name, out, project_dir, graph_path, lang):
    """Write the interactive HTML views: dist/network.html, dist/map.html, one page per round-table
    edition and dist/index.html; or one focus view (--focus) or query view (--query). Every page
    works offline; all data is escaped."""
    from kg.publish import write_atomic
    from kg.views.site import focus_view, query_view, render_site

    lang = lang or default_language()
    out = out or project_dir / "dist"
    try:
        engine = _engine(project_dir, graph_path)
        queries_dir = project_dir / "queries"
        if focus or query_name:
            name, page = (focus_view(engine, queries_dir, focus, depth, lang) if focus
                          else query_view(engine, queries_dir, query_name, lang))
            write_atomic(out / name, page)
            written = [name]
        else:
            pages = render_site(engine, queries_dir, project_dir / "data" / "refdata", lang)
            for name, page in pages.items():
                write_atomic(out / name, page)
            written = list(pages)
    except KGError as exc:
        _report_failure(exc, lang)
        sys.exit(exc.exit_code)
    for name in written:
        click.echo(str(out / name))


@main.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "turtle"]), default="text", show_default=True,
              help="text for people, json for tools and CI, turtle for the standard SHACL validation report.")
@_project_option
@_lang_option
def validate(files, fmt, project_dir, lang):
    """Check contributions before they join the graph; nothing is changed.

    With FILES, only those are checked, against the published graph (run kg build once first);
    without, all of data/ is checked in full. Every problem names the file, line and column, the
    entry, what is wrong and how to fix it. Exit code 0 (warnings and hints allowed), 1 with
    errors, 2 if a file cannot be read at all.
    """
    import json as _json

    from kg.check.validate import render_text, validate_all, validate_files
    from kg.load.dataset import Project

    lang = lang or default_language()
    project = Project(project_dir)
    try:
        outcome = validate_files(project, list(files)) if files else validate_all(project)
    except KGError as exc:
        if fmt == "json":
            click.echo(_json.dumps({"exit_code": exc.exit_code, "problems": [p.as_json(lang) for p in exc.problems]},
                                   ensure_ascii=False, indent=2))
        else:
            _report_failure(exc, lang)
        sys.exit(exc.exit_code)
    code = 1 if outcome.errors else 0
    if fmt == "json":
        click.echo(_json.dumps({"exit_code": code, "files": outcome.files, "summary": outcome.counts(),
                                "problems": [p.as_json(lang) for p in outcome.problems]}, ensure_ascii=False, indent=2))
    elif fmt == "turtle":
        click.echo(outcome.report.serialize(format="turtle"), nl=False)
    else:
        click.echo(render_text(outcome, lang), nl=False)
    sys.exit(code)


@main.command()
@click.argument("kind", type=click.Choice(["event", "person", "organisation", "program"]))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the template (default: print it).")
@_project_option
@_lang_option
def new(kind, out, project_dir, lang):
    """Write a commented template for a new event, person, organisation or program, with the next
    free edition number and the keys of known things listed in comments."""
    from kg.check.index import open_index
    from kg.load.dataset import Project
    from kg.load.templates import template

    lang = lang or default_language()
    project = Project(project_dir)
    nquads = project_dir / "dist" / "swf-kg.nq"
    try:
        if nquads.is_file():
            index = open_index(project_dir, nquads)
            registry, store = index.registry, index.store
            import pyoxigraph as ox
            numbers = [int(q.object.value) for q in store.quads_for_pattern(
                None, ox.NamedNode("https://w3id.org/swf-kg/ontology#editionNumber"), None, None)]
        else:
            from kg.load.dataset import load_dataset
            from kg.namespaces import SWF
            loaded = load_dataset(project, raise_on_error=False)
            registry = loaded.registry
            numbers = [int(o) for _, _, o, _ in loaded.dataset.quads((None, SWF.editionNumber, None, None))]
    except KGError as exc:
        _report_failure(exc, lang)
        sys.exit(exc.exit_code)
    if out is not None and out.exists():
        click.echo(f"Error: {out} exists already; choose another name (nothing was written).", err=True)
        sys.exit(2)
    text = template(kind, registry, max(numbers, default=0) + 1, str(out or f"data/events/new-{kind}.yaml"), lang)
    if out is None:
        click.echo(text, nl=False)
    else:
        from kg.publish import write_atomic
        write_atomic(out, text)
        click.echo(str(out))
