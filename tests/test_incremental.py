"""A rebuild reuses what did not change (.kg-cache/) and gives exactly the bytes of a clean build.

Each step edits the frozen corpus project the way a contributor would, rebuilds with the cache of
the builds before, and compares dist/ with a build of a cache-less copy of the same files.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest

from kg.build import build
from kg.load.project import Project
from tests.corpus import corpus_project
from tests.test_growth import edition


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def clean_build(project: Project, tmp_path: Path) -> dict[str, str]:
    """dist/ of a copy of the project without any cache."""
    copy = tmp_path / "clean"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(project.root, copy, ignore=shutil.ignore_patterns(".kg-cache", "dist"))
    assert build(Project(copy), copy / "dist").conforms
    return snapshot(copy / "dist")


def _retitle(project: Project) -> None:
    path = project.data / "events" / "rt-21-altena.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^title: (.*)$", r"title: \1 (überarbeitet)", text, count=1, flags=re.M), encoding="utf-8")


def _rename_agency(project: Project) -> None:
    """A label many pages and other files' entries show (the agency), keys unchanged."""
    path = project.data / "organisations" / "suedwestfalen-agentur.yaml"
    text = path.read_text(encoding="utf-8")
    changed = re.sub(r"^(\s+name: )(.+)$", r"\1\2 (neu)", text, count=1, flags=re.M)
    assert changed != text
    path.write_text(changed, encoding="utf-8")


def _add_edition(project: Project) -> None:
    (project.data / "events" / "rt-22-test.yaml").write_text(edition(22), encoding="utf-8")


def _remove_edition(project: Project) -> None:
    (project.data / "events" / "rt-22-test.yaml").unlink()


@pytest.fixture
def corpus_built(tmp_path, monkeypatch) -> Project:
    monkeypatch.setenv("KG_TODAY", "2026-11-24")
    project = corpus_project(tmp_path / "project")
    assert build(project, project.root / "dist").conforms
    return project


def test_a_rebuild_after_each_kind_of_change_equals_a_clean_build(corpus_built, tmp_path):
    project = corpus_built
    for change in (_retitle, _add_edition, _rename_agency, _remove_edition):
        change(project)
        result = build(project, project.root / "dist")
        assert result.conforms, change.__name__
        assert snapshot(project.root / "dist") == clean_build(project, tmp_path), change.__name__


def test_a_rebuild_redoes_only_the_changed_file(corpus_built):
    project = corpus_built
    unchanged = build(project, project.root / "dist")
    files, checks, pages = unchanged.reused["files"], unchanged.reused["shacl"], unchanged.reused["pages"]
    assert files[0] == files[1] > 0 and checks[0] == checks[1] > 0 and pages[0] == pages[1] > 0, unchanged.reused
    _rename_agency(project)
    changed = build(project, project.root / "dist")
    assert changed.reused["files"] == (files[1] - 1, files[1])
    assert 0 < changed.reused["shacl"][0] < changed.reused["shacl"][1]
    assert changed.reused["pages"][1] == pages[1] and changed.reused["pages"][0] < pages[1]
    # the agency's new name moves it in the order the queries give nodes in; the drawings whose
    # pages changed are laid out from the structure alone, so every one is reused
    layouts = changed.reused["layouts"]
    assert layouts[0] == layouts[1] > 0, layouts


def test_the_cache_may_be_deleted_or_damaged(corpus_built, tmp_path):
    project = corpus_built
    cache = project.root / ".kg-cache" / "build"
    for path in sorted(cache.rglob("*")):
        if path.is_file():
            path.write_bytes(b"\x00damaged")
    _retitle(project)
    assert build(project, project.root / "dist").conforms
    assert snapshot(project.root / "dist") == clean_build(project, tmp_path)
    shutil.rmtree(project.root / ".kg-cache")
    assert build(project, project.root / "dist").conforms
    assert snapshot(project.root / "dist") == clean_build(project, tmp_path)


def test_a_published_page_edited_in_place_is_not_reused(corpus_built, tmp_path):
    """Pages come from the cache as hard links where the file system allows: writing into a
    published page in place changes the cached file too, which the next build must notice."""
    project = corpus_built
    page = sorted((project.root / "dist" / "editions").glob("*.html"))[0]
    with open(page, "r+b") as handle:  # in place, as some editors do: same inode
        handle.seek(0)
        handle.write(b"<!-- edited -->")
    _retitle(project)
    result = build(project, project.root / "dist")
    assert result.conforms
    assert snapshot(project.root / "dist") == clean_build(project, tmp_path)
    assert not (project.root / "dist" / page.relative_to(project.root / "dist")).read_bytes().startswith(b"<!-- edited")
