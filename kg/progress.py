"""Progress of long work on a terminal: one bar per stage (rich), and nothing at all when stderr
is not a terminal (CI logs, pipes, tests) or ``KG_PROGRESS=0``.

Stages call ``step(name, total)`` and ``advance()`` on what it returns; the lower stages need not
know whether anyone watches.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager

from kg.problems import default_language

__all__ = ["step", "set_language", "LABELS"]

_language: str | None = None


def set_language(lang: str | None) -> None:
    """The language of the labels (the command's --lang); else the environment's."""
    global _language
    _language = lang


LABELS = {
    "read": {"de": "Dateien lesen", "en": "Reading files"},
    "shacl": {"de": "SHACL-Prüfung", "en": "SHACL validation"},
    "write": {"de": "Dateien schreiben", "en": "Writing files"},
    "queries": {"de": "Abfragen", "en": "Queries"},
    "pages": {"de": "Seiten", "en": "Pages"},
    "push": {"de": "Graphen übertragen", "en": "Pushing graphs"},
}


def _wanted() -> bool:
    if os.environ.get("KG_PROGRESS", "").strip() in ("0", "no", "false"):
        return False
    return os.environ.get("KG_PROGRESS", "").strip() in ("1", "yes", "true") or sys.stderr.isatty()


class _Quiet:
    def advance(self, amount: int = 1) -> None:
        pass


class _Bar:
    def __init__(self, progress, task):
        self._progress, self._task = progress, task

    def advance(self, amount: int = 1) -> None:
        self._progress.advance(self._task, amount)


@contextmanager
def step(name: str, total: int | None):
    """A bar for ``total`` units of the stage ``name`` (a key of ``LABELS``), removed when done."""
    if not _wanted() or not total:
        yield _Quiet()
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    label = LABELS.get(name, {}).get(_language or default_language(), name)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=Console(stderr=True), transient=True) as progress:
        yield _Bar(progress, progress.add_task(label, total=total))
