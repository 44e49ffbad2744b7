"""``kg push``: the published graph into a triple store."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.base import lang_option, main, open_project, project_option, reported

TEXT = {
    "plan": {"de": "{verb}: {new} neu, {changed} geändert, {removed} entfernt, {unchanged} unverändert; "
                   "Vereinigung im Standardgraphen: {merge}.",
             "en": "{verb}: {new} new, {changed} changed, {removed} removed, {unchanged} unchanged; "
                   "merge in the default graph: {merge}."},
    "verb": {"de": ("Übertragen", "Würde übertragen (--dry-run)"), "en": ("Pushed", "Would push (--dry-run)")},
    "merge": {"de": {"new": "neu", "changed": "geändert", "unchanged": "unverändert"},
              "en": {"new": "new", "changed": "changed", "unchanged": "unchanged"}},
    "graph": {"de": {"new": "neu", "changed": "geändert", "removed": "entfernt"},
              "en": {"new": "new", "changed": "changed", "removed": "removed"}},
}


@main.command()
@click.option("--graph-store", "url", required=True, metavar="URL",
              help="The store's SPARQL 1.1 Graph Store endpoint, e.g. http://localhost:7878/store (Oxigraph) or "
                   "http://localhost:8890/sparql-graph-crud-auth (Virtuoso).")
@click.option("--user", default=None, help="User name for a store that asks for one with HTTP Digest (as Virtuoso does).")
@click.option("--password", default=None, envvar="KG_PUSH_PASSWORD",
              help="Password (or set KG_PUSH_PASSWORD, which keeps it out of the shell history).")
@click.option("--default-graph", "default_graph", metavar="IRI", default=None,
              help="Put the merge into this named graph instead of the default graph (Virtuoso, whose Graph Store "
                   "endpoint has none); query with the same --default-graph.")
@click.option("--dry-run", is_flag=True, help="Only show what would change.")
@project_option
@lang_option
@reported
def push(url, user, password, default_graph, dry_run, project_dir, lang):
    """Load dist/swf-kg.nq into a triple store: one named graph per source file, replaced as a whole
    (a second push changes nothing), graphs of deleted files removed, the merge in the default graph."""
    from kg.remote.graph_store import push as push_dataset

    if (user is None) != (password is None):
        raise click.UsageError("Give --user and --password together.")
    project = open_project(project_dir, "dist")
    plan = push_dataset(Path(project.root) / "dist" / "swf-kg.nq", url,
                        auth=(user, password) if user else None, default_graph=default_graph, dry_run=dry_run)
    names = TEXT["graph"][lang]
    for kind, graphs in (("new", plan.new), ("changed", plan.changed), ("removed", plan.removed)):
        for graph in graphs:
            click.echo(f"{names[kind]:>10}  {graph}")
    click.echo(TEXT["plan"][lang].format(verb=TEXT["verb"][lang][dry_run], new=len(plan.new), changed=len(plan.changed),
                                         removed=len(plan.removed), unchanged=len(plan.unchanged),
                                         merge=TEXT["merge"][lang][plan.merge]))
