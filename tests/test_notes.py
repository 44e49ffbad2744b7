"""Every fact true to its source: the checks against the fact notes (kg/check/notes.py) on a small
notes fixture with exact messages, and the real data against the real notes in ../shared/sources
(every URL used or explained, the non-numeric conflicts kept as claims, inferred numbers flagged)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from kg.check.notes import load_notes, notes_folder
from kg.check.validate import validate_all, validate_files
from kg.load.dataset import Project

ROOT = Path(__file__).resolve().parents[1]
NOTES = ROOT.parent / "shared" / "sources"

SOURCES_MD = """# Sources
- https://example.org/bericht-7 | "7. Runder Tisch in Beispielstadt" | 2017-09-01 | the 7th
- https://example.org/kurz | "Kommunen treffen sich…" | n.d. | cut off
- https://example.org/profil | Profile of Erika Muster | n.d. | no title recorded
"""
EVENTS_YAML = """---
id: RT-07
edition: 7
edition_stated: true
people:
  - name: Erika Muster
    role_as_stated: Leiterin des Regionalmarketings
    did: "explained at length why the towns want to collect every welcome measure they run"
---
id: RT-08
edition: 8
edition_stated: false
"""
CONTRIBUTION = """language: de
title: Testbeitrag
sources:
  - {key: bericht-7, url: "https://example.org/bericht-7", title: 7. Runder Tisch in Beispielstadt}
  - {key: kurz, url: "https://example.org/kurz", title: "Kommunen treffen sich digital und tauschen sich aus"}
  - {key: profil, url: "https://example.org/profil", title: Porträt von Erika Muster}
series:
  - {key: runder-tisch, name: Runder Tisch, source: bericht-7}
people:
  - {key: erika-muster, name: Erika Muster, source: bericht-7}
events:
  - key: runder-tisch-07
    kind: round-table
    edition: 7
    name: 7. Runder Tisch
    sources: [bericht-7]
    participants:
      - person: erika-muster
        role_as_stated: Leiterin des Regionalmarketings
        source: bericht-7
        note: {en: "She explained at length why the towns want to collect every welcome measure they run."}
  - key: runder-tisch-08
    kind: round-table
    edition: 8
    name: 8. Runder Tisch
    sources: [bericht-7]
roles:
  - {person: erika-muster, role: head-of-department, as_stated: Leiterin für Willkommenskultur, source: bericht-7}
  - {person: erika-muster, role: head-of-department, paraphrase: {en: "heads the regional marketing"}, source: kurz}
"""


@pytest.fixture
def noted_project(tmp_path, monkeypatch) -> Project:
    """A project with its own notes folder (configured as in pyproject.toml) and one contribution."""
    monkeypatch.setenv("KG_TODAY", "2026-11-24")
    shutil.copytree(ROOT / "ontology", tmp_path / "ontology")
    shutil.copytree(ROOT / "queries", tmp_path / "queries")
    shutil.copytree(ROOT / "data" / "refdata", tmp_path / "data" / "refdata")
    (tmp_path / "data" / "vocabularies.yaml").write_text(
        "role_types:\n  - {key: head-of-department, de: Bereichsleitung, en: Head of department}\n", encoding="utf-8")
    (tmp_path / "notes" / "facts").mkdir(parents=True)
    (tmp_path / "notes" / "facts" / "sources.md").write_text(SOURCES_MD, encoding="utf-8")
    (tmp_path / "notes" / "facts" / "events.yaml").write_text(EVENTS_YAML, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.kg]\nnotes = "notes"\n', encoding="utf-8")
    (tmp_path / "data" / "test.yaml").write_text(CONTRIBUTION, encoding="utf-8")
    return Project(tmp_path)


def test_each_rule_of_the_notes_has_its_exact_warning(noted_project):
    problems = [(p.line, p.code, p.message["en"]) for p in validate_all(noted_project).problems]
    assert problems == [
        (5, "title-truncated", "The title „Kommunen treffen sich digital und tauschen sich aus“ is cut off in the fact "
                               "notes („Kommunen treffen sich…“)."),
        (6, "title-not-recorded", "The fact notes record no title for this page, yet „Porträt von Erika Muster“ is given."),
        (21, "copied-from-notes", "„note“ repeats the fact notes word for word („… explained at length why the towns "
                                  "want to …“)."),
        (24, "edition-not-stated", "According to the fact notes, no source states the number 8 of this edition."),
        (28, "wording-not-quoted", "„Leiterin für Willkommenskultur“ is in „as_stated“, but it is not among the words "
                                   "the fact notes quote from this source."),
    ]


def test_the_fixes_the_warnings_name_make_them_go(noted_project):
    path = noted_project.data / "test.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in (("title: \"Kommunen treffen sich digital und tauschen sich aus\"",
                      "title: Kommunen treffen sich…, title_truncated: true"),
                     ("title: Porträt von Erika Muster", "title: \"[Porträt von Erika Muster]\""),
                     ("She explained at length why the towns want to collect every welcome measure they run.",
                      "Said the round table wants to gather what the towns already do."),
                     ("    edition: 8\n", "    edition: 8\n    edition_inferred: true\n"),
                     ("as_stated: Leiterin für Willkommenskultur", "paraphrase: {en: head of welcome culture}")):
        assert old in text
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    assert validate_all(noted_project).problems == []


def test_without_notes_the_checks_are_skipped(noted_project):
    (noted_project.root / "pyproject.toml").write_text("[tool.other]\n", encoding="utf-8")
    assert notes_folder(noted_project.root) is None
    assert validate_all(noted_project).problems == []


def test_a_single_file_gets_the_same_warnings(noted_project):
    from kg.build import build
    path = noted_project.data / "test.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text("sources:\n  - {key: x, url: 'https://example.org/x', title: X}\npeople:\n"
                    "  - {key: anna-muster, name: Anna Muster}\n", encoding="utf-8")
    build(noted_project, noted_project.root / "dist")
    path.write_text(text, encoding="utf-8")
    single = [(p.line, p.code) for p in validate_files(noted_project, [path]).problems]
    assert single == [(5, "title-truncated"), (6, "title-not-recorded"), (21, "copied-from-notes"),
                      (24, "edition-not-stated"), (28, "wording-not-quoted")]


# --- the real data and the real notes ---------------------------------------------------------

def test_the_project_finds_its_notes():
    assert notes_folder(ROOT) == NOTES.resolve()
    notes = load_notes(notes_folder(ROOT))
    assert len(notes.urls) >= 80 and notes.editions[21] is True and notes.editions[9] is False


def _without_query(url: str) -> str:
    return url.split("?cmpscreen")[0].rstrip("/")


def test_every_url_of_the_notes_is_cited_or_explained():
    notes = load_notes(notes_folder(ROOT))
    used = set()
    for path in (ROOT / "data").rglob("*.yaml"):
        for url in re.findall(r"(?:url|website): \"?(https?://[^\s\"}]+)", path.read_text(encoding="utf-8")):
            used.add(_without_query(url.rstrip(",")))
    explained = set(re.findall(r"^\| (https?://\S+) \|", (ROOT / "data" / "README.md").read_text(encoding="utf-8"), re.M))
    missing = sorted(u for u in notes.urls if _without_query(u) not in used and u not in explained)
    assert missing == []
    assert not explained & used, "a URL listed as not cited is cited after all"


def test_edition_numbers_no_source_states_are_flagged_inferred(engine):
    notes = load_notes(notes_folder(ROOT))
    unstated = sorted(n for n, stated in notes.editions.items() if not stated)
    rows = dict(engine.select("""PREFIX swf: <https://w3id.org/swf-kg/ontology#>
        SELECT ?n ?inferred WHERE { ?e swf:editionNumber ?n ; swf:editionNumberInferred ?inferred }""").values())
    assert unstated and {n: rows[str(n)] for n in unstated} == {n: "true" for n in unstated}


def test_the_four_non_numeric_conflicts_are_claims(ask):
    rows = {(r[0], r[1], r[2]) for r in ask("conflicting-claims", lang="en")}
    assert {("PERSPEKTIVE Südwestfalen", "start", "2012"), ("PERSPEKTIVE Südwestfalen", "start", "2016")} <= rows
    assert ("PERSPEKTIVE Südwestfalen", "start", "nach dem sechsten Treffen des Runden Tisches") in rows
    assert {("Marie Ting", "in-regional-marketing-since", "2011"),
            ("Marie Ting", "in-regional-marketing-since", "2012")} <= rows
    assert {("„Entdecke Südwestfalen“", "kind", "Booklet"), ("„Entdecke Südwestfalen“", "kind", "Faltkarte")} <= rows

