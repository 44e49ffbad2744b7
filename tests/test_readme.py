"""The README stays true: its quick start runs on a fresh copy, CI runs the same commands, and
every kg command is documented and has help text."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.build import build
from kg.cli import main
from kg.load.dataset import Project

ROOT = Path(__file__).resolve().parents[1]


def quick_start() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Quick start\n.*?```\n(.*?)```", text, re.S).group(1)
    return [line for line in block.splitlines() if line.strip()]


def test_quick_start_is_two_commands_and_ci_runs_them():
    setup, tests = quick_start()
    assert (setup, tests) == ("bash quickstart.sh", ".venv/bin/pytest -q")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert "bash quickstart.sh --lang en" in ci
    assert tests in ci
    # the Debian packages the tests need: chromium (browser tests), virtuoso-opensource (a real store)
    assert "[ -x /usr/bin/chromium ] || missing+=(chromium)" in ci
    assert "command -v virtuoso-t >/dev/null || missing+=(virtuoso-opensource)" in ci
    assert '  apt-get install -y -qq "${missing[@]}" >/dev/null' in ci


def test_quick_start_runs_on_a_fresh_copy(tmp_path):
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True,
                           text=True, check=True).stdout.splitlines()
    for name in files:
        if (ROOT / name).is_file():
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, tmp_path / name)
    done = subprocess.run(quick_start()[0].split(), cwd=tmp_path, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    summary = json.loads((tmp_path / "dist" / "summary.json").read_text(encoding="utf-8"))
    assert summary["entities_per_class"]["swf:Municipality"] == 59
    assert summary["entities_per_class"]["swf:District"] == 5
    assert summary["validation"]["conforms"] is True
    assert "Graph gebaut:" in done.stdout


def test_every_command_is_in_the_readme_and_has_help():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, command in main.commands.items():
        assert f"kg {name}" in readme, f"kg {name} is not documented in README.md"
        assert command.help and len(command.help) > 20, f"kg {name} has no help text"
        assert CliRunner().invoke(main, [name, "--help"]).exit_code == 0


FILLED_IN = {  # what a contributor writes over each example value of templates/contribution.yaml
    "Nummer. Runder Tisch „Willkommen in Südwestfalen“": "Testrunde der Vorlage",
    "schluessel-des-berichts": "testbericht-vorlage", "https://www.example.org/adresse-des-artikels":
    "https://www.example.org/testbericht-vorlage", "Überschrift des Artikels": "Testbericht zur Vorlage",
    "Name der Zeitung oder Website": "Testzeitung", "vorname-nachname": "erika-vorlage",
    "Vorname Nachname": "Erika Vorlage", "name-des-ortes": "halle-der-vorlage",
    "Name des Veranstaltungsortes": "Halle der Vorlage", "Name der Kommune": "Altena",
    "runder-tisch-nummer": "runder-tisch-der-vorlage", "Verwaltung der Kommune": "Stadt Altena",
    "Wortlaut der Quelle": "rund 30 Teilnehmende", "schluessel-des-themas": "social-media",
    "Funktion laut Quelle": "Bürgermeisterin", "schluessel-der-funktion": "mayor",
}


def test_the_untouched_template_is_refused_for_its_example_values(project_copy):
    from kg.errors import InvalidData
    shutil.copy(ROOT / "templates" / "contribution.yaml", project_copy / "data" / "events" / "new.yaml")
    with pytest.raises(InvalidData) as refused:
        build(Project(project_copy), project_copy / "dist")
    problems = refused.value.problems
    assert {p.code for p in problems} == {"placeholder"}
    assert all(p.file == "data/events/new.yaml" and p.line for p in problems)
    assert problems[0].message["en"] == "„Nummer. Runder Tisch „Willkommen in Südwestfalen““ in „title“ is an example value from the template."
    assert problems[0].fix["de"] == ("Ersetzen Sie ihn durch die Angabe aus der Quelle, oder löschen Sie die Zeile, "
                                     "wenn die Quelle dazu nichts sagt.")
    assert {p.message["en"].split("“ in „")[0].lstrip("„") for p in problems} == set(FILLED_IN)
    assert not (project_copy / "dist").exists()


def test_the_template_builds_once_filled_in(project_copy, built):
    from kg.load.templates import PLACEHOLDERS
    real, _out, _union = built
    text = (ROOT / "templates" / "contribution.yaml").read_text(encoding="utf-8")
    for example in sorted(FILLED_IN, key=len, reverse=True):
        text = text.replace(example, FILLED_IN[example])
    text = "\n".join(line for line in text.splitlines() if not line.strip().startswith("edition:"))
    assert not [value for value in PLACEHOLDERS if f" {value}" in text]
    (project_copy / "data" / "events" / "new.yaml").write_text(text, encoding="utf-8")
    result = build(Project(project_copy), project_copy / "dist")
    assert result.conforms
    assert result.classes["swf:RoundTableEdition"] == real.classes["swf:RoundTableEdition"] + 1
    assert result.classes["foaf:Person"] == real.classes["foaf:Person"] + 1


def test_the_python_api_example_runs(project_copy, monkeypatch, capsys):
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    example = re.search(r"## Python API\n.*?```python\n(.*?)```", text, re.S).group(1)
    monkeypatch.chdir(project_copy)
    scope = {}
    exec(compile(example, "README.md (Python API)", "exec"), scope)
    printed = capsys.readouterr().out.splitlines()
    assert re.fullmatch(r"\d+ 59", printed[0])
    assert printed[1].startswith("[{'name': 'Südwestfalen Agentur GmbH', 'kind': 'agency', 'degree': ")
    assert list(scope["frame"].columns)[:3] == ["district", "municipality", "ags"]


def test_the_layout_table_names_every_stage_folder():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    stages = sorted(p.name for p in (ROOT / "kg").iterdir() if (p / "__init__.py").is_file())
    assert stages, "no stage folders found"
    for stage in stages:
        assert f"| `kg/{stage}/` |" in readme, f"kg/{stage}/ is missing from the layout table"
