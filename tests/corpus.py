"""The frozen project the message corpora (tests/bad, tests/hostile/cases) are validated against.

Their reports name what is around a file (a taken edition, a near-duplicate, similar keys), so
they are checked against tests/fixtures/corpus/data, which does not grow, instead of data/,
which does. See tests/fixtures/corpus/README.md.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from kg.build import build
from kg.check.validate import render_text, validate_files
from kg.errors import KGError
from kg.load.dataset import Project

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_DATA = ROOT / "tests" / "fixtures" / "corpus" / "data"
CORPORA = ("tests/bad", "tests/hostile/cases")
TODAY = "2026-11-24"  # the corpora's dates in the future and past are relative to this day


def corpus_project(folder: Path) -> Project:
    """A throw-away project in ``folder``: the live ontology and queries, the frozen data, the
    reference data, and copies of the corpora (so that reports name them as tests/…)."""
    for name in ("ontology", "queries"):
        shutil.copytree(ROOT / name, folder / name)
    shutil.copytree(FIXTURE_DATA, folder / "data")
    shutil.copytree(ROOT / "data" / "refdata", folder / "data" / "refdata")
    for corpus in CORPORA:
        shutil.copytree(ROOT / corpus, folder / corpus, ignore=shutil.ignore_patterns("*.expected"))
    return Project(folder)


def build_corpus_project(folder: Path) -> tuple[Project, Path]:
    """The corpus project, built: (project, its published N-Quads)."""
    project = corpus_project(folder)
    result = build(project, folder / "dist")
    assert result.conforms, "the frozen corpus data must build"
    return project, folder / "dist" / "swf-kg.nq"


def report_for(project: Project, shown: str, nquads: Path) -> str:
    """The exit code and report of ``kg validate FILE`` for one case (``shown`` as tests/…), as the
    .expected files hold it."""
    previous = os.environ.get("KG_TODAY")
    os.environ["KG_TODAY"] = TODAY
    try:
        outcome = validate_files(project, [project.root / shown], nquads=nquads)
        return f"exit {1 if outcome.errors else 0}\n{render_text(outcome, 'en')}"
    except KGError as exc:
        return f"exit {exc.exit_code}\n" + "".join(p.render("en") + "\n" for p in exc.problems)
    finally:
        if previous is None:
            os.environ.pop("KG_TODAY", None)
        else:
            os.environ["KG_TODAY"] = previous


def write_expected(corpora=CORPORA) -> int:
    """Rewrite every case's NAME.expected from a fresh build of the corpus project (read the diff
    before committing it)."""
    import tempfile
    written = 0
    with tempfile.TemporaryDirectory() as folder:
        project, nquads = build_corpus_project(Path(folder))
        for corpus in corpora:
            for case in sorted((ROOT / corpus).iterdir()):
                if case.name.endswith(".expected") or not case.is_file():
                    continue
                report = report_for(project, f"{corpus}/{case.name}", nquads)
                (ROOT / corpus / f"{case.name}.expected").write_text(report, encoding="utf-8")
                written += 1
    return written


if __name__ == "__main__":  # python -m tests.corpus: regenerate the .expected files of both corpora
    print(f"{write_expected()} reports written")
