"""``kg viz``: the HTML views, written into a folder kg owns."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.base import (
    graph_option,
    lang_option,
    main,
    open_engine,
    open_project,
    project_option,
    reported,
)


@main.command()
@click.option("--focus", "focus", help="A person, organisation, municipality or event (name or key such as "
                                        "person/marie-ting): draw its neighbourhood.")
@click.option("--depth", type=click.IntRange(1, 4), default=1, show_default=True, help="How many links around --focus.")
@click.option("--query", "query_name", help="Draw the graph a CONSTRUCT query (or the pairs a SELECT query) returns.")
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="Folder for the pages (default: dist/ in the project; dist-views/ for --focus and --query, which "
                   "kg build leaves alone). It must be new, empty, or written by kg.")
@project_option
@graph_option
@lang_option
@reported
def viz(focus, depth, query_name, out, project_dir, graph, lang):
    """Write the interactive HTML views: dist/network.html, dist/map.html, one page per round-table
    edition and dist/index.html; or one focus view (--focus) or query view (--query). Every page
    works offline; all data is escaped."""
    from kg.outputs import check_output_folder, write_atomic, written_folder
    from kg.views.site import focus_view, query_view, render_site

    project = open_project(project_dir, "queries")
    # a single view goes beside dist/, where kg build (which replaces dist/ as a whole) leaves it
    out = out or project_dir / ("dist-views" if focus or query_name else "dist")
    check_output_folder(out, project.root)  # before the work, not only after it
    engine = open_engine(project_dir, graph)
    queries_dir = project.root / "queries"
    if focus or query_name:
        name, page = (focus_view(engine, queries_dir, focus, depth, lang) if focus
                      else query_view(engine, queries_dir, query_name, lang))
        pages = {name: page}
    else:
        pages = render_site(engine, queries_dir, project.data / "refdata", lang)
    with written_folder(out, project.root):
        for name, page in pages.items():
            write_atomic(out / name, page)
    for name in pages:
        click.echo(str(out / name))
