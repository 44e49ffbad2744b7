"""kg validate: the corpus of bad contributions in tests/bad/ (one test per file, the exact report
in NAME.expected), formats, exit codes, incremental vs full validation, and nothing modified."""

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.check.validate import render_text, validate_all, validate_files
from kg.cli import main
from kg.errors import KGError
from kg.load.dataset import Project
from tests.corpus import report_for

ROOT = Path(__file__).resolve().parents[1]
BAD = ROOT / "tests" / "bad"
CASES = sorted(p.name for p in BAD.iterdir() if not p.name.endswith(".expected"))


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setenv("KG_TODAY", "2026-11-24")


@pytest.fixture(scope="module")
def published(built):
    _result, out, _union = built
    return out / "swf-kg.nq"


def _snapshot(*folders):
    return {p: hashlib.sha256(p.read_bytes()).hexdigest() for folder in folders for p in sorted(folder.rglob("*"))
            if p.is_file() and ".kg-cache" not in p.parts}


def report(path: Path, nquads: Path, lang: str = "en", project: Project = Project(ROOT)) -> str:
    try:
        outcome = validate_files(project, [path], nquads=nquads)
        return f"exit {1 if outcome.errors else 0}\n{render_text(outcome, lang)}"
    except KGError as exc:
        return f"exit {exc.exit_code}\n" + "".join(p.render(lang) + "\n" for p in exc.problems)


def test_the_corpus_has_at_least_40_cases():
    assert len(CASES) >= 40
    assert all((BAD / f"{name}.expected").is_file() for name in CASES)


@pytest.mark.parametrize("name", CASES)
def test_bad_contribution_gets_its_exact_report(name, corpus):
    project, published = corpus  # a frozen project: the reports must not change as data/ grows
    before = _snapshot(project.root / "tests" / "bad", project.data)
    expected = (BAD / f"{name}.expected").read_text(encoding="utf-8")
    assert report_for(project, f"tests/bad/{name}", published) == expected
    assert _snapshot(project.root / "tests" / "bad", project.data) == before, "validation must not change any file"


def test_huge_file_is_refused_without_reading_it(tmp_path, published):
    huge = tmp_path / "huge.yaml"
    huge.write_text("people:\n" + "  - {key: p, name: P}\n" * 150_000, encoding="utf-8")
    text = report(huge, published)
    assert text.splitlines()[:2] == [
        "exit 2", f"{huge}: error: The file is {huge.stat().st_size // 1024} KiB; at most 2048 KiB are accepted."]


def test_five_mistakes_give_five_messages_in_each_language(corpus):
    project, published = corpus
    case = project.root / "tests" / "bad" / "54-five-mistakes.yaml"
    de = report(case, published, "de", project).splitlines()
    en = report(case, published, "en", project).splitlines()
    assert len([l for l in de if l.startswith("tests/bad/")]) == len([l for l in en if l.startswith("tests/bad/")]) == 5
    assert de[-1] == "4 Fehler, 1 Warnung(en), 0 Hinweis(e) in 1 Datei(en)."
    assert "„Altenna“ ist keine der 59 Kommunen Südwestfalens." in "\n".join(de)
    assert all(l.startswith("    So beheben Sie es: ") for l in de[2:-1:2])


def test_the_messages_contributors_met_say_what_is_wrong_in_german(corpus):
    """The diagnoses of issue 11, in the default language (the English ones are in the corpora)."""
    project, published = corpus
    expected = {
        "tests/bad/55-edition-without-series.yaml": (
            "5:5: Fehler [Sommerfest der Agentur]: Eine Ausgabennummer („edition“) gehört zu einer "
            "Veranstaltungsreihe, aber diese Veranstaltung ist keiner zugeordnet.",
            "Schreiben Sie „kind: round-table“, wenn es ein Runder Tisch ist, nennen Sie sonst die Reihe mit "
            "„series:“, oder lassen Sie „edition“ weg."),
        "tests/hostile/cases/335-yaml-comma-in-flow.yaml": (
            "2:62: Fehler [Komma]: Im Eintrag in geschweiften Klammern steht ein Komma im Wert von „municipality“; "
            "darum wird „Attendorn“ als eigenes Feld gelesen.",
            "Setzen Sie den Wert in Anführungszeichen („municipality: 'Wert, mit Komma'“) oder schreiben Sie eine "
            "Liste in eckigen Klammern („[Erster, Zweiter]“), wenn mehrere gemeint sind."),
        "tests/hostile/cases/323-value-reference-locality.yaml": (
            "55:17: Fehler [Treffen value-reference-locality]: „Meggen“ ist keine der 59 Kommunen Südwestfalens.",
            "Ist es ein Ortsteil, nennen Sie hier die Kommune, zu der er gehört, und den Ortsteil unter „place:“. "
            "Ähnliche Namen: Siegen, Menden (Sauerland)."),
        "tests/hostile/cases/308-value-count-words.yaml": (
            "65:12: Fehler [Treffen value-count-words]: „count“ ist „über 30“; hier steht nur die Zahl.",
            "Schreiben Sie „count: 30“, dazu „approximate: true“, wenn die Quelle „rund“, „über“ oder „knapp“ "
            "sagt, und den Wortlaut „über 30“ unter „wording:“."),
        "tests/hostile/cases/312-value-edition-zero.yaml": (
            "78:12: Fehler [Treffen value-edition-zero]: „edition“ hat den Wert „0“; erwartet wird eine Zahl ab 1.",
            "Schreiben Sie in „edition“ eine Zahl ab 1."),
        "tests/bad/04-yaml-duplicate-key.yaml": (
            "6:5: Fehler: Die YAML-Syntax ist fehlerhaft: das Feld „name“ steht zweimal im selben Eintrag "
            "(mit „Erika“ und „Erika Beispiel“).",
            "Löschen Sie eine der beiden Zeilen; sollen beide Angaben bleiben, gehört jede in einen eigenen Eintrag."),
    }
    for shown, (message, fix) in expected.items():
        lines = report(project.root / shown, published, "de", project).splitlines()
        assert lines[1:3] == [f"{shown}:{message}", f"    So beheben Sie es: {fix}"], shown


def test_incremental_validation_reports_what_a_full_validation_reports(project_copy, published):
    for name in ("54-five-mistakes.yaml", "41-near-duplicate-person.yaml", "44-phone-in-description.yaml",
                 "39-key-already-taken.yaml"):
        target = project_copy / "data" / "events" / name
        target.write_bytes((BAD / name).read_bytes())
        full = [(p.code, p.line, p.message["en"]) for p in validate_all(Project(project_copy)).problems
                if p.file == f"data/events/{name}"]
        incremental = [(p.code, p.line, p.message["en"]) for p in
                       validate_files(Project(project_copy), [target], nquads=published).problems]
        assert sorted(incremental) == sorted(full), name
        target.unlink()


def test_validating_a_file_already_in_data_finds_no_duplicate_of_itself(published):
    outcome = validate_files(Project(ROOT), [ROOT / "data" / "events" / "rt-21-altena.yaml"], nquads=published)
    assert outcome.problems == []


def test_validate_all_of_data_is_clean():
    outcome = validate_all(Project(ROOT))
    assert [p.render("en") for p in outcome.problems] == []
    assert len(outcome.files) > 50


def test_cli_formats_and_exit_codes(corpus):
    project, _published = corpus
    runner = CliRunner()
    bad_copy = project.root / "tests" / "bad"
    args = ["validate", str(bad_copy / "41-near-duplicate-person.yaml"), "--project", str(project.root), "--lang", "en"]
    text = runner.invoke(main, args, catch_exceptions=False)
    assert text.exit_code == 0
    data = json.loads(runner.invoke(main, args + ["--format", "json"], catch_exceptions=False).output)
    assert data["exit_code"] == 0 and data["summary"] == {"errors": 0, "warnings": 1, "hints": 0, "files": 1}
    assert data["problems"][0]["code"] == "near-duplicate" and data["problems"][0]["line"] == 4
    bad = runner.invoke(main, ["validate", str(bad_copy / "14-ttl-person-with-email.ttl"), "--project",
                               str(project.root), "--format", "turtle"], catch_exceptions=False)
    assert bad.exit_code == 1
    assert "sh:ValidationReport" in bad.output and "sh:conforms false" in bad.output
    unreadable = runner.invoke(main, ["validate", str(bad_copy / "09-binary.yaml"), "--project", str(project.root),
                                      "--format", "json"], catch_exceptions=False)
    assert unreadable.exit_code == 2 and json.loads(unreadable.output)["problems"][0]["code"] == "file-binary"


def test_kg_new_writes_templates_with_the_next_free_edition_and_never_overwrites(tmp_path, corpus):
    project, _published = corpus  # frozen: its highest edition is 21
    runner = CliRunner()
    for kind in ("event", "person", "organisation", "program"):
        out = tmp_path / f"new-{kind}.yaml"
        result = runner.invoke(main, ["new", kind, "--out", str(out), "--project", str(project.root)],
                               catch_exceptions=False)
        assert result.exit_code == 0 and out.is_file()
        text = out.read_text(encoding="utf-8")
        assert "marie-ting" in text or "suedwestfalen-agentur" in text
    assert "    edition: 22 " in (tmp_path / "new-event.yaml").read_text(encoding="utf-8")
    again = runner.invoke(main, ["new", "event", "--out", str(tmp_path / "new-event.yaml"), "--project",
                                 str(project.root)])
    assert again.exit_code == 2
    assert again.output.splitlines() == [
        f"{tmp_path / 'new-event.yaml'}: Fehler: Die Datei gibt es schon; kg überschreibt sie nicht.",
        "    So beheben Sie es: Wählen Sie einen anderen Namen; es wurde nichts geschrieben."]


def test_validation_in_chunks_on_several_cores_finds_what_one_run_finds(monkeypatch):
    """The build validates large datasets in chunks, forked onto the cores: the same problems as
    one pyshacl run over everything, found for nodes spread over every chunk."""
    import pyoxigraph as ox

    from kg.check import shacl
    from kg.load.dataset import load_dataset

    project = Project(ROOT)
    loaded = load_dataset(project, raise_on_error=False)
    graph = ox.NamedNode("https://w3id.org/swf-kg/graph/test-broken")
    person = ox.NamedNode("http://xmlns.com/foaf/0.1/Person")
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    for key in ("aaa", "mmm", "zzz"):  # no name, no source: two errors each, at both ends and the middle
        loaded.store.add(ox.Quad(ox.NamedNode(f"https://w3id.org/swf-kg/id/person/broken-{key}"), rdf_type, person, graph))
    shapes, schema = shacl.load_shapes(project.shapes), shacl.load_schema(project.ontology)
    whole = shacl.validate_store(loaded.store, shapes, schema, loaded.locations)
    monkeypatch.setattr(shacl, "FOCUS_CHUNK", 200)
    monkeypatch.setattr(shacl, "MIN_CHUNK", 100)
    monkeypatch.setattr(shacl.os, "cpu_count", lambda: 2)
    chunked = shacl.validate_store(loaded.store, shapes, schema, loaded.locations)
    broken = sorted(p.focus for p in whole if "broken-" in (p.focus or ""))
    assert broken == [f"https://w3id.org/swf-kg/id/person/broken-{k}" for k in ("aaa", "aaa", "mmm", "mmm", "zzz", "zzz")]
    assert [p.as_json("en") for p in chunked] == [p.as_json("en") for p in whole]
