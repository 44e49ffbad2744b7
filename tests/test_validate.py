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


def report(path: Path, nquads: Path, lang: str = "en") -> str:
    try:
        outcome = validate_files(Project(ROOT), [path], nquads=nquads)
        return f"exit {1 if outcome.errors else 0}\n{render_text(outcome, lang)}"
    except KGError as exc:
        return f"exit {exc.exit_code}\n" + "".join(p.render(lang) + "\n" for p in exc.problems)


def test_the_corpus_has_at_least_40_cases():
    assert len(CASES) >= 40
    assert all((BAD / f"{name}.expected").is_file() for name in CASES)


@pytest.mark.parametrize("name", CASES)
def test_bad_contribution_gets_its_exact_report(name, published):
    before = _snapshot(BAD, ROOT / "data")
    expected = (BAD / f"{name}.expected").read_text(encoding="utf-8")
    assert report(BAD / name, published) == expected
    assert _snapshot(BAD, ROOT / "data") == before, "validation must not change any file"


def test_huge_file_is_refused_without_reading_it(tmp_path, published):
    huge = tmp_path / "huge.yaml"
    huge.write_text("people:\n" + "  - {key: p, name: P}\n" * 150_000, encoding="utf-8")
    text = report(huge, published)
    assert text.splitlines()[:2] == [
        "exit 2", f"{huge}: error: The file is {huge.stat().st_size // 1024} KiB; at most 2048 KiB are accepted."]


def test_five_mistakes_give_five_messages_in_each_language(published):
    de = report(BAD / "54-five-mistakes.yaml", published, "de").splitlines()
    en = report(BAD / "54-five-mistakes.yaml", published, "en").splitlines()
    assert len([l for l in de if l.startswith("tests/bad/")]) == len([l for l in en if l.startswith("tests/bad/")]) == 5
    assert de[-1] == "4 Fehler, 1 Warnung(en), 0 Hinweis(e) in 1 Datei(en)."
    assert "„Altenna“ ist als Kommune nicht bekannt." in "\n".join(de)
    assert all(l.startswith("    So beheben Sie es: ") for l in de[2:-1:2])


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


def test_cli_formats_and_exit_codes(tmp_path):
    runner = CliRunner()
    args = ["validate", str(BAD / "41-near-duplicate-person.yaml"), "--project", str(ROOT), "--lang", "en"]
    text = runner.invoke(main, args, catch_exceptions=False)
    assert text.exit_code == 0
    data = json.loads(runner.invoke(main, args + ["--format", "json"], catch_exceptions=False).output)
    assert data["exit_code"] == 0 and data["summary"] == {"errors": 0, "warnings": 1, "hints": 0, "files": 1}
    assert data["problems"][0]["code"] == "near-duplicate" and data["problems"][0]["line"] == 4
    bad = runner.invoke(main, ["validate", str(BAD / "14-ttl-person-with-email.ttl"), "--project", str(ROOT),
                               "--format", "turtle"], catch_exceptions=False)
    assert bad.exit_code == 1
    assert "sh:ValidationReport" in bad.output and "sh:conforms false" in bad.output
    unreadable = runner.invoke(main, ["validate", str(BAD / "09-binary.yaml"), "--project", str(ROOT), "--format",
                                      "json"], catch_exceptions=False)
    assert unreadable.exit_code == 2 and json.loads(unreadable.output)["problems"][0]["code"] == "file-binary"


def test_kg_new_templates_validate(tmp_path):
    runner = CliRunner()
    for kind in ("event", "person", "organisation", "program"):
        out = tmp_path / f"new-{kind}.yaml"
        result = runner.invoke(main, ["new", kind, "--out", str(out), "--project", str(ROOT)], catch_exceptions=False)
        assert result.exit_code == 0 and out.is_file()
        text = out.read_text(encoding="utf-8")
        assert "marie-ting" in text or "suedwestfalen-agentur" in text
    assert "    edition: 22 " in (tmp_path / "new-event.yaml").read_text(encoding="utf-8")
    again = runner.invoke(main, ["new", "event", "--out", str(tmp_path / "new-event.yaml"), "--project", str(ROOT)])
    assert again.exit_code == 2
    assert again.output.splitlines() == [
        f"{tmp_path / 'new-event.yaml'}: Fehler: Die Datei gibt es schon; kg überschreibt sie nicht.",
        "    So beheben Sie es: Wählen Sie einen anderen Namen; es wurde nichts geschrieben."]
