"""The README stays true: its quick start runs on a fresh copy, CI runs the same commands, and
every kg command is documented and has help text."""

import json
import re
import shutil
import subprocess
from pathlib import Path

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
    assert "  apt-get install -y -qq chromium >/dev/null" in ci


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


def test_the_template_builds_when_copied_into_data(project_copy, built):
    real, _out, _union = built
    shutil.copy(ROOT / "templates" / "contribution.yaml", project_copy / "data" / "events" / "new.yaml")
    result = build(Project(project_copy), project_copy / "dist")
    assert result.conforms
    assert result.classes["swf:RoundTableEdition"] == real.classes["swf:RoundTableEdition"] + 1
    assert result.classes["foaf:Person"] == real.classes["foaf:Person"] + 1


def test_the_python_api_example_runs(project_copy, monkeypatch, capsys):
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    example = re.search(r"## Python API\n.*?```python\n(.*?)```", text, re.S).group(1)
    monkeypatch.chdir(project_copy)
    exec(compile(example, "README.md (Python API)", "exec"), {})
    printed = capsys.readouterr().out.splitlines()
    assert re.fullmatch(r"\d+ 59", printed[0])
    assert printed[1].startswith("[('Südwestfalen Agentur GmbH', 'agency', '")


def test_the_layout_table_names_every_stage_folder():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    stages = sorted(p.name for p in (ROOT / "kg").iterdir() if (p / "__init__.py").is_file())
    assert stages, "no stage folders found"
    for stage in stages:
        assert f"| `kg/{stage}/` |" in readme, f"kg/{stage}/ is missing from the layout table"
