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
from kg.build import build as run_build
from kg.dataset import Project
from kg.errors import KGError
from kg.problems import ERROR, LANGUAGES, WARNING, default_language, sort_problems

__all__ = ["main"]

_TEXT = {
    "built": {"de": "Graph gebaut: {triples} Tripel in {graphs} benannten Graphen ({seconds:.1f} s).",
              "en": "Graph built: {triples} triples in {graphs} named graphs ({seconds:.1f} s)."},
    "classes": {"de": "Entitäten je Klasse:", "en": "Entities per class:"},
    "valid": {"de": "Validierung: konform ({warnings} Warnung(en)).",
              "en": "Validation: conforms ({warnings} warning(s))."},
    "wrote": {"de": "Geschrieben nach {out}/: {files}", "en": "Wrote {out}/: {files}"},
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
    click.echo(_TEXT["wrote"][lang].format(out=out, files=", ".join(result.files)))
