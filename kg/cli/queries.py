"""``kg queries``, ``kg query`` and ``kg analyze``: asking the published graph."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from kg.cli.base import (
    DEFAULT_QUERY_TIMEOUT,
    format_option,
    graph_option,
    lang_option,
    main,
    open_engine,
    open_project,
    params,
    project_option,
    report_failure,
    reported,
)
from kg.errors import KGError, QueryStopped
from kg.problems import default_language


@main.command()
@project_option
@lang_option
@reported
def queries(project_dir: Path, lang: str):
    """List the named queries in queries/ with their summaries and parameters."""
    from kg.query.catalog import load_catalog

    catalog = load_catalog(open_project(project_dir, "queries").root / "queries")
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
@click.option("--timeout", type=click.FloatRange(min=0), default=DEFAULT_QUERY_TIMEOUT, show_default=True,
              help="Stop the query after this many seconds (0: no limit). Ctrl-C stops it too.")
@format_option
@project_option
@graph_option
@lang_option
def query(name, query_file, sparql_text, param_pairs, timeout, fmt, project_dir, graph, lang):
    """Run a named query from queries/ (kg query NAME), a file (--file) or SPARQL text (--sparql).

    Parameters are bound as RDF terms, never pasted into the query. Exit code 1 for a broken query
    or parameter, or a query stopped by its time limit or Ctrl-C; 2 if the graph has not been built.
    """
    from kg.load.files import read_text
    from kg.query.catalog import bind, bind_adhoc, load_catalog
    from kg.query.limits import run_limited
    from kg.query.portable import concat_columns
    from kg.query.results import render_any

    lang = lang or default_language()
    chosen = [x for x in (name, query_file, sparql_text) if x]
    if len(chosen) != 1:
        raise click.UsageError("Give exactly one of NAME, --file or --sparql.")
    try:
        values = params(param_pairs)
        if name:
            catalog = load_catalog(open_project(project_dir, "queries").root / "queries")
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
            source = str(query_file) if query_file else "--sparql"
            text = read_text(query_file, source) if query_file else sparql_text
            bindings, hide = bind_adhoc(values, source), set(values)
        engine = open_engine(project_dir, graph, timeout or None)
        output = run_limited(lambda: render_any(engine.run(text, bindings, source=source), fmt, hide=hide,
                                                concats=concat_columns(text)),
                             timeout or None, source=source)
        click.echo(output, nl=False)
    except QueryStopped as exc:
        # The query may still be running in its worker thread: end the process, which stops it.
        report_failure(exc, lang)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(exc.exit_code)
    except KGError as exc:
        report_failure(exc, lang)
        sys.exit(exc.exit_code)


@main.command()
@click.argument("what", type=click.Choice(["centrality", "communities", "engagement", "path"]))
@click.option("--from", "start", help="path: the first person or organisation (name or key such as person/marie-ting).")
@click.option("--to", "end", help="path: the second person or organisation.")
@click.option("--by", type=click.Choice(["municipality", "district"]), default="municipality", show_default=True,
              help="engagement: per municipality or per district.")
@click.option("--top", type=int, default=None, help="centrality: show only the first N.")
@format_option
@project_option
@graph_option
@lang_option
@reported
def analyze(what, start, end, by, top, fmt, project_dir, graph, lang):
    """Network analytics: who connects the network (centrality), its communities, the engagement of
    every municipality and district (zeros included), and the shortest path between two people or
    organisations."""
    from kg.query import analytics
    from kg.query.results import render_select

    if what == "path" and (not start or not end):
        raise click.UsageError("kg analyze path needs --from and --to.")
    queries_dir = open_project(project_dir, "queries").root / "queries"
    engine = open_engine(project_dir, graph)
    if what == "engagement":
        result = analytics.engagement(engine, queries_dir, by=by)
    else:
        network = analytics.build_network(engine, queries_dir, lang)
        if what == "centrality":
            result = analytics.centrality(network, top)
        elif what == "communities":
            result = analytics.communities(network)
        else:
            result = analytics.shortest_path(network, start, end, lang)
    click.echo(render_select(result, fmt), nl=False)
