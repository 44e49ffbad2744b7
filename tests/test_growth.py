"""The graph grows: what a contributor adds before any build counts for ``kg validate FILE`` and
``kg new``; a single file's report is the full report restricted to that file; the machine-readable
reports agree with the exit code; new contributions added one at a time validate and build.

Each test works on its own copy of the frozen corpus project (tests/fixtures/corpus), built once.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.namespace import SH

from kg.check.validate import validate_all, validate_files
from kg.cli import main
from kg.errors import KGError
from kg.load.dataset import Project
from tests.corpus import ROOT, build_corpus_project

BAD = ROOT / "tests" / "bad"
HOSTILE = ROOT / "tests" / "hostile" / "cases"


@pytest.fixture(scope="module")
def built_corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("growth") / "project"
    build_corpus_project(folder)
    return folder


@pytest.fixture
def grown(built_corpus, tmp_path, monkeypatch) -> Project:
    """A fresh copy of the built corpus project, to add files to."""
    monkeypatch.setenv("KG_TODAY", "2026-11-24")
    folder = tmp_path / "project"
    shutil.copytree(built_corpus, folder, ignore=shutil.ignore_patterns(".kg-cache"))
    return Project(folder)


def kg(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


NAMES = {22: "Erika Musterfrau", 23: "Hans Beispielmann"}


def edition(number: int, *, extra: str = "", topic: str = "social-media") -> str:
    """A new round-table report as a contributor writes it (test input, example.org source)."""
    return f"""language: de
title: {number}. Runder Tisch (Testbericht)
sources:
  - {{key: testbericht-{number}, url: "https://www.example.org/testbericht-{number}", title: Testbericht {number},
     publisher: Testzeitung, published: 2025-05-16}}
people:
  - {{key: erika-test-{number}, name: {NAMES.get(number, f"Erika Test{number}")}}}
events:
  - key: runder-tisch-{number}
    kind: round-table
    edition: {number}
    name: {number}. Runder Tisch „Willkommen in Südwestfalen“
    date: 2025-05-15
    municipality: Winterberg
    organisers: [suedwestfalen-agentur]
    topics: [{topic}]
    participants:
      - {{person: erika-test-{number}, role_as_stated: Bürgermeisterin, on_behalf_of: Stadt Winterberg}}
      - {{person: marie-ting, did: [presented], presented: [gap-year-suedwestfalen]}}
{extra}"""


def lines_of(project: Project, *paths: Path, lang: str = "en") -> list[str]:
    result = kg("validate", *map(str, paths), "--project", str(project.root), "--lang", lang)
    return [f"exit {result.exit_code}", *result.output.splitlines()]


def test_a_topic_added_but_not_built_is_known_to_kg_validate_file(grown):
    new = grown.data / "events" / "rt-22.yaml"
    new.write_text(edition(22, topic="town-centres"), encoding="utf-8")
    assert lines_of(grown, new)[:2] == [
        "exit 1", "data/events/rt-22.yaml:16:14: error [22. Runder Tisch „Willkommen in Südwestfalen“]: "
                  "„town-centres“ is not a known topic."]
    vocabularies = grown.data / "vocabularies.yaml"
    text = vocabularies.read_text(encoding="utf-8")
    vocabularies.write_text(text.replace("topics:\n", "topics:\n  - {key: town-centres, de: Belebung der Innenstädte, "
                                                      "en: Reviving town centres}\n"), encoding="utf-8")
    assert lines_of(grown, new) == ["exit 0", "No problems found."]


def test_an_unbuilt_edition_takes_its_number_and_key(grown):
    (grown.data / "events" / "rt-22.yaml").write_text(edition(22), encoding="utf-8")
    proposed = kg("new", "event", "--project", str(grown.root)).output
    assert "    edition: 23 " in proposed and "runder-tisch-23" in proposed
    assert "runder-tisch-22" not in proposed.split("\nevents:")[1].split("\n#")[0]
    second = grown.data / "events" / "rt-22-again.yaml"
    second.write_text(edition(22).replace("testbericht-22", "zweiter-bericht-22")
                      .replace("erika-test-22", "erika-zweite").replace("key: runder-tisch-22", "key: noch-einer-22"),
                      encoding="utf-8")
    assert lines_of(grown, second)[1] == (
        "data/events/rt-22-again.yaml:9:5: error [22. Runder Tisch „Willkommen in Südwestfalen“]: "
        "Edition no. 22 already exists: runder-tisch-22 (data/events/rt-22.yaml:9).")


def test_a_changed_or_deleted_file_no_longer_counts(grown):
    new = grown.data / "events" / "rt-22.yaml"
    new.write_text(edition(22), encoding="utf-8")
    assert lines_of(grown, new) == ["exit 0", "No problems found."]
    # the person the new file refers to is renamed in the built file, not yet rebuilt
    built = grown.data / "events" / "rt-21-altena.yaml"
    built.write_text(built.read_text(encoding="utf-8").replace("marie-ting", "marie-ting-neu"), encoding="utf-8")
    assert lines_of(grown, new)[1].endswith("„marie-ting“ is not a known person.")
    (grown.data / "initiatives" / "arbeitgeberschmiede-plus-global-connect.yaml").unlink()
    with_deleted = grown.data / "events" / "rt-23.yaml"
    with_deleted.write_text(edition(23).replace("marie-ting", "marie-ting-neu")
                            .replace("[gap-year-suedwestfalen]", "[arbeitgeberschmiede-plus-global-connect]"),
                            encoding="utf-8")
    assert lines_of(grown, with_deleted)[1].endswith(
        "„arbeitgeberschmiede-plus-global-connect“ is not a known initiative.")


def test_three_new_reports_validate_one_at_a_time_and_then_build(grown):
    first = edition(22)
    second = edition(23, extra="roles:\n  - {person: erika-test-22, role: mayor, as_stated: Bürgermeisterin, "
                               "organisation: Stadt Winterberg, source: testbericht-23}\n")
    summit = """language: de
title: Gipfel (Testbericht)
sources:
  - {key: testbericht-gipfel, url: "https://www.example.org/testbericht-gipfel", title: Gipfel, published: 2025-09-01}
events:
  - key: testgipfel-2025
    kind: event
    name: Testgipfel 2025
    date: 2025-09-01
    municipality: Olpe
    participants:
      - {person: erika-test-23, role_paraphrase: {en: named as a guest}}
"""
    for name, text in (("rt-22.yaml", first), ("rt-23.yaml", second), ("gipfel.yaml", summit)):
        path = grown.data / "events" / name
        path.write_text(text, encoding="utf-8")
        assert lines_of(grown, path) == ["exit 0", "No problems found."], name
    before = len(list((grown.root / "dist" / "editions").glob("*.html")))
    result = kg("build", "--project", str(grown.root), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert len(list((grown.root / "dist" / "editions").glob("*.html"))) == before + 2
    assert lines_of(grown) == ["exit 0", "No problems found."]
    assert "    edition: 24 " in kg("new", "event", "--project", str(grown.root)).output


def _comparable(problems):
    return sorted((p.code, p.line, p.column, p.message["en"], p.fix["en"]) for p in problems)


def _full(project: Project, shown: str):
    try:
        problems = validate_all(project).problems
    except KGError as exc:
        problems = exc.problems
    return _comparable(p for p in problems if p.file == shown)


def _single(project: Project, path: Path):
    try:
        problems = validate_files(project, [path]).problems
    except KGError as exc:
        problems = exc.problems
    return _comparable(problems)


def _contributions(folder: Path) -> list[Path]:
    """Files kg reads as contributions (NAME.json is not one: the full validation never sees it)."""
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml", ".ttl"))


# Every tenth hostile case keeps the run short; all of them agree (checked when the property came in).
CORPUS = _contributions(BAD) + _contributions(HOSTILE)[::10]


@pytest.mark.parametrize("case", CORPUS, ids=lambda p: p.name)
def test_a_single_file_report_is_the_full_report_restricted_to_that_file(grown, case):
    target = grown.data / "events" / case.name
    shutil.copyfile(case, target)
    shown = f"data/events/{case.name}"
    assert _single(grown, target) == _full(grown, shown)


@pytest.mark.parametrize("case", ["14-ttl-person-with-email.ttl", "41-near-duplicate-person.yaml",
                                  "54-five-mistakes.yaml", "09-binary.yaml", "20-key-with-capitals.yaml"])
def test_json_and_turtle_reports_agree_with_the_exit_code(grown, case):
    target = grown.root / "tests" / "bad" / case
    common = ["validate", str(target), "--project", str(grown.root), "--lang", "en"]
    text = kg(*common)
    as_json = kg(*common, "--format", "json")
    as_turtle = kg(*common, "--format", "turtle")
    assert text.exit_code == as_json.exit_code == as_turtle.exit_code
    data = json.loads(as_json.output)
    assert data["exit_code"] == text.exit_code and data["conforms"] is (text.exit_code == 0)
    report = Graph().parse(data=as_turtle.output, format="turtle")
    [conforms] = list(report.objects(None, SH.conforms))
    assert conforms.toPython() is (text.exit_code == 0)
    results = list(report.objects(None, SH.result))
    assert len(results) == len(data["problems"]) == len([line for line in text.output.splitlines()
                                                          if line.startswith(str(target.parent.name))
                                                          or line.startswith("tests/bad/")])
    assert sorted(str(m) for r in results for m in report.objects(r, SH.resultMessage) if m.language == "en") == \
        sorted(p["message"] for p in data["problems"])


def test_a_key_declared_twice_is_said_at_both_places_and_nothing_else(grown):
    """The second declaration is not emitted, so the first gets no false "exactly one municipality"."""
    (grown.data / "events" / "zweite-burg.yaml").write_text(
        "sources:\n  - {key: zweite-burg, url: 'https://www.example.org/zweite-burg', title: Burg}\n"
        "venues:\n  - {key: burg-holtzbrinck, name: Burg Holtzbrinck, municipality: Olpe}\n", encoding="utf-8")
    problems = validate_all(grown).problems
    assert [(p.file, p.line, p.column, p.message["en"]) for p in problems] == [
        ("data/events/rt-21-altena.yaml", 13, 5,
         "The key „burg-holtzbrinck“ (venue) is already taken (data/events/zweite-burg.yaml:4)."),
        ("data/events/zweite-burg.yaml", 4, 5,
         "The key „burg-holtzbrinck“ (venue) is already taken (data/events/rt-21-altena.yaml:13)."),
    ]
