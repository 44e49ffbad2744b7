"""Every curated data file loads and conforms; one test per file, the problems as the message."""

from pathlib import Path

import pytest
from rdflib import Literal

from kg.load.files import contribution_files
from kg.namespaces import SWF

ROOT = Path(__file__).resolve().parents[1]

DATA_FILES = [p.relative_to(ROOT).as_posix() for p in contribution_files(ROOT / "data")] + [
    "data/refdata/municipalities.csv", "data/refdata/districts.csv"]


@pytest.mark.parametrize("path", DATA_FILES)
def test_data_file_loads_and_conforms(built, path):
    result, _out, union = built
    problems = [p.render("en") for p in result.problems if p.file == path]
    assert problems == [], "\n".join(problems)
    assert (None, SWF.sourceFile, Literal(path)) in union, f"{path} did not become a named graph"
