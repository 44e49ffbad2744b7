"""The ``kg`` group and what its commands share: options, error reporting, the project check, and
the handler that shows the library's notes.

Exit codes: 0 success (warnings allowed), 1 the data is wrong (validation errors, unknown
references) or a query was stopped, 2 a file cannot be read at all, an output may not be written,
or the command was used wrongly, 3 an internal error (a bug: set KG_DEBUG=1 to see the traceback).
Notes from the library (a cache repaired) arrive through the ``kg`` logger and go to stderr.
"""

from __future__ import annotations

import functools
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import click

from kg.errors import KGError, UnreadableInput
from kg.problems import (
    ERROR,
    LANGUAGES,
    WARNING,
    Problem,
    default_language,
    sort_problems,
)

# Heavy modules (pyshacl, networkx) are imported inside the commands that need them, so that
# `kg query` starts fast.

__all__ = ["main", "reported", "report_failure", "open_project", "lang_option", "project_option", "graph_option",
           "format_option", "open_engine", "params", "TEXT", "GraphSource", "DEFAULT_QUERY_TIMEOUT"]

TEXT = {
    "built": {"de": "Graph gebaut: {triples} Tripel in {graphs} benannten Graphen ({seconds:.1f} s).",
              "en": "Graph built: {triples} triples in {graphs} named graphs ({seconds:.1f} s)."},
    "classes": {"de": "Entitäten je Klasse:", "en": "Entities per class:"},
    "valid": {"de": "Validierung: konform ({warnings} Warnung(en)).",
              "en": "Validation: conforms ({warnings} warning(s))."},
    "wrote": {"de": "Geschrieben nach {out}/: {files}", "en": "Wrote {out}/: {files}"},
    "queries": {"de": ", die Ergebnisse von {n} Abfragen in queries/ (CSV, JSON)",
                "en": ", the results of {n} queries in queries/ (CSV, JSON)"},
    "editions": {"de": ", {n} Seiten zu Runden Tischen in editions/", "en": ", {n} round-table pages in editions/"},
    "items": {"de": " und {n} Seiten zu Einträgen mit {kinds} Übersichten nach Art in id/.",
              "en": " and {n} item pages with {kinds} lists by kind in id/."},
    "second": {"de": " Die englische Fassung ({n} Dateien) steht in {folder}.",
               "en": " The English version ({n} files) is in {folder}."},
    "reused": {"de": "Aus dem Cache (.kg-cache/) übernommen: {files[0]} von {files[1]} Dateien, {shacl[0]} von "
                         "{shacl[1]} SHACL-Prüfungen, {pages[0]} von {pages[1]} Seiten.",
               "en": "Reused from the cache (.kg-cache/): {files[0]} of {files[1]} files, {shacl[0]} of {shacl[1]} "
                     "SHACL checks, {pages[0]} of {pages[1]} pages."},
    "failed": {"de": "{errors} Fehler, {warnings} Warnung(en). Nichts wurde geschrieben; {out}/ ist unverändert.",
               "en": "{errors} error(s), {warnings} warning(s). Nothing was written; {out}/ is unchanged."},
}
DEFAULT_QUERY_TIMEOUT = 60


def lang_option(func):
    return click.option("--lang", type=click.Choice(LANGUAGES), default=None, callback=_progress_language,
                        help="Language of messages (default: from KG_LANG / LANG, else de).")(func)


def _progress_language(_ctx, _param, value):
    """Progress bars speak the command's language, whichever command shows them."""
    from kg.progress import set_language
    set_language(value)
    return value


def project_option(func):
    return click.option("--project", "project_dir", type=click.Path(file_okay=False, path_type=Path),
                        default=Path("."), show_default=True,
                        help="Project folder holding ontology/ and data/.")(func)


@dataclass(frozen=True)
class GraphSource:
    """Where a command reads the graph: the project's build, a file (--graph) or a store (--endpoint)."""

    path: Path | None = None
    endpoint: str | None = None
    default_graph: str | None = None


def graph_option(func):
    """``--graph``, ``--endpoint`` and ``--default-graph``, given to the command as one ``graph``."""
    @functools.wraps(func)
    def packed(*args, graph_path=None, endpoint=None, default_graph=None, **kwargs):
        if graph_path is not None and endpoint is not None:
            raise click.UsageError("Give either --graph or --endpoint, not both.")
        if default_graph is not None and endpoint is None:
            raise click.UsageError("--default-graph only applies with --endpoint.")
        return func(*args, graph=GraphSource(graph_path, endpoint, default_graph), **kwargs)
    packed = click.option("--default-graph", "default_graph", metavar="IRI", default=None,
                          help="With --endpoint: the named graph holding the merge, for a store without a default "
                               "graph (Virtuoso; the same IRI as for kg push).")(packed)
    packed = click.option("--endpoint", "endpoint", metavar="URL", default=None,
                          help="Query a SPARQL 1.1 Protocol endpoint (a store filled by kg push) instead of the "
                               "local build.")(packed)
    return click.option("--graph", "graph_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
                        help="Published N-Quads to query (default: dist/swf-kg.nq in the project).")(packed)


def format_option(func):
    return click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "tsv"]), default="table",
                        show_default=True, help="Output: a table for people, or SPARQL 1.1 CSV/JSON/TSV.")(func)


def report_failure(exc: KGError, lang: str, out: str | None = None) -> None:
    problems = sort_problems(exc.problems)
    for problem in problems:
        click.echo(problem.render(lang), err=True)
    errors = sum(1 for p in problems if p.severity == ERROR)
    warnings = sum(1 for p in problems if p.severity == WARNING)
    if out is not None:
        click.echo(TEXT["failed"][lang].format(errors=errors, warnings=warnings, out=out), err=True)


def reported(func):
    """Run a command with ``lang`` resolved; a typed error becomes its problems on stderr and its
    exit code."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        kwargs["lang"] = kwargs.get("lang") or default_language()
        try:
            return func(*args, **kwargs)
        except KGError as exc:
            report_failure(exc, kwargs["lang"])
            sys.exit(exc.exit_code)
    return wrapper


def open_project(project_dir: Path, *needs: str):
    """The project, or an error naming what is missing (``kg queries`` run in the wrong folder)."""
    from kg.load.project import Project

    missing = [name for name in needs if not (project_dir / name).exists()]
    if missing:
        raise UnreadableInput([Problem.of("no-project", file=project_dir.as_posix(), missing=", ".join(missing))])
    return Project(project_dir)


class _NoteHandler(logging.Handler):
    """The library's notes (``kg`` logger, a message code and its parameters), one line each on
    stderr in the language of the command."""

    lang: str | None = None

    def emit(self, record):
        code = getattr(record, "code", None)
        if code is None:
            click.echo(record.getMessage(), err=True)
            return
        problem = Problem.of(code, **getattr(record, "params", {}))
        click.echo(problem.message[self.lang or default_language()], err=True)


_NOTES = _NoteHandler()


class _Group(click.Group):
    """Turns an unexpected exception into one line and exit code 3 instead of a traceback."""

    def invoke(self, ctx):
        logger = logging.getLogger("kg")
        args = list(ctx.args)
        lang = next((a.split("=", 1)[1] for a in args if a.startswith("--lang=")), None)
        if "--lang" in args[:-1]:
            lang = args[args.index("--lang") + 1]
        _NOTES.lang = lang if lang in LANGUAGES else None
        if _NOTES not in logger.handlers:
            logger.addHandler(_NOTES)
            logger.setLevel(logging.INFO)
            logger.propagate = False
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
@click.version_option(None, "--version", package_name="swf-kg", prog_name="kg")
def main():
    """Knowledge graph of Südwestfalen's regional-marketing network.

    Build the graph from ontology/ and data/, validate contributions, and publish dist/.
    """


def open_engine(project_dir: Path, graph: GraphSource, timeout: float | None = DEFAULT_QUERY_TIMEOUT):
    """The engine over the published graph: the persistent store ``kg build`` left in the project's
    cache (opened, not parsed; built once from the N-Quads if missing), for ``--graph`` the
    given file loaded into memory (no cache is written beside files kg did not write), for
    ``--endpoint`` a remote store that answers like the local engine."""
    if graph.endpoint is not None:
        from kg.remote.sparql import RemoteEngine
        return RemoteEngine(graph.endpoint, timeout=timeout, default_graph=graph.default_graph)
    from kg.query.engine import Engine
    graph_path = graph.path
    if graph_path is not None:
        return Engine.from_file(graph_path)
    nquads = project_dir / "dist" / "swf-kg.nq"
    if not nquads.is_file():
        return Engine.from_file(nquads)  # says that the graph has not been built
    from kg.stores import open_store
    try:
        return Engine(open_store(nquads), merged=True)
    except (OSError, ValueError, SyntaxError):  # a cache that cannot be written, or a damaged file
        return Engine.from_file(nquads)


def params(pairs) -> dict[str, str]:
    values = {}
    for pair in pairs:
        if "=" not in pair:
            raise click.BadParameter(f"„{pair}“: write --param name=value", param_hint="--param")
        key, value = pair.split("=", 1)
        values[key.strip()] = value
    return values
