"""The hostile corpus (tests/hostile/cases, written by tests/hostile/generate.py): every case gets
its exact exit code and report from ``kg validate FILE`` (NAME.expected), never an internal error or
a traceback, and every case that validation accepts is published by ``kg build`` (all of them at
once, in one project)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.build import build
from kg.load.dataset import Project
from kg.load.parse import graph_name_for
from tests.corpus import report_for

ROOT = Path(__file__).resolve().parents[1]
CASES_DIR = ROOT / "tests" / "hostile" / "cases"
CASES = sorted(p.name for p in CASES_DIR.iterdir() if not p.name.endswith(".expected"))


def test_the_corpus_has_at_least_150_cases_each_with_its_report():
    assert len(CASES) >= 150
    missing = [name for name in CASES if not (CASES_DIR / f"{name}.expected").is_file()]
    assert missing == []


@pytest.mark.parametrize("name", CASES)
def test_hostile_case_gets_its_exact_report(name, corpus):
    project, published = corpus
    copied = project.root / "tests" / "hostile" / "cases" / name
    before = copied.read_bytes()
    expected = (CASES_DIR / f"{name}.expected").read_text(encoding="utf-8")
    got = report_for(project, f"tests/hostile/cases/{name}", published)
    assert "internal error" not in got.lower() and "Traceback" not in got
    assert got == expected
    assert copied.read_bytes() == before == (CASES_DIR / name).read_bytes(), "validation must not change the file"


def test_every_accepted_case_is_published_by_one_build(tmp_path):
    accepted = [name for name in CASES
                if (CASES_DIR / f"{name}.expected").read_text(encoding="utf-8").startswith("exit 0\n")]
    assert len(accepted) >= 20, "the corpus should hold strange but valid values too"
    for folder in ("ontology", "data", "queries"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    for name in accepted:
        shutil.copy(CASES_DIR / name, tmp_path / "data" / name)
    result = build(Project(tmp_path), tmp_path / "dist")
    assert result.conforms
    published = (tmp_path / "dist" / "swf-kg.nq").read_text(encoding="utf-8")
    for name in accepted:
        assert f"<{graph_name_for(f'data/{name}')}>" in published, name
