"""One rule, tested as a property with generated inputs: whatever ``kg validate`` accepts, ``kg build``
accepts and publishes. The inputs put arbitrary Unicode (line separators, control characters,
markup, quotes, zero-width characters, …) into every text field of a contribution at once, under
an arbitrary file name.

Each example is validated against a small published project and, if accepted, built; the builds
make this test slow, so CI runs a modest number of examples (KG_PROPERTY_EXAMPLES raises it).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from kg.build import build
from kg.check.validate import validate_files
from kg.errors import KGError
from kg.load.dataset import Project
from tests.hostile.generate import TEXT_FIELDS, _set, _text_path, base

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = int(os.environ.get("KG_PROPERTY_EXAMPLES", "12"))

# Any character a file can hold as UTF-8 (surrogates cannot be written), after a letter, so that
# most examples are valid and get built (an empty or invisible text is rightly refused).
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30).map(lambda s: "W" + s)
FILE_NAME = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="/\x00"),
                    min_size=1, max_size=40).filter(lambda name: name not in (".", ".."))


def _strip_white_space(text: str) -> str:
    """What the loader (pydantic's str_strip_whitespace) removes around a text: Unicode White_Space.
    Python's str.strip() also removes U+001C–U+001F, which Unicode counts as controls, not spaces."""
    separators = "\x1c\x1d\x1e\x1f"
    start, end = 0, len(text)
    while start < end and text[start].isspace() and text[start] not in separators:
        start += 1
    while end > start and text[end - 1].isspace() and text[end - 1] not in separators:
        end -= 1
    return text[start:end]


def test_white_space_is_stripped_as_the_loader_does():
    assert _strip_white_space(" \u00a0W\x1f\u2028 ") == "W\x1f"


@pytest.fixture(scope="module")
def small_project(tmp_path_factory):
    """Ontology, queries, reference data and vocabularies, built once: the graph examples join."""
    root = tmp_path_factory.mktemp("small")
    for folder in ("ontology", "queries"):
        shutil.copytree(ROOT / folder, root / folder)
    shutil.copytree(ROOT / "data" / "refdata", root / "data" / "refdata")
    shutil.copy(ROOT / "data" / "vocabularies.yaml", root / "data" / "vocabularies.yaml")
    build(Project(root), root / "dist")
    return root


@settings(max_examples=EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(values=st.fixed_dictionaries({field: TEXT for field in TEXT_FIELDS}), name=FILE_NAME)
def test_what_validate_accepts_build_publishes(small_project, tmp_path_factory, values, name):
    project = tmp_path_factory.mktemp("example")
    for folder in ("ontology", "queries", "data"):
        shutil.copytree(small_project / folder, project / folder)
    data = base("generated")
    for field, value in values.items():
        _set(data, _text_path(TEXT_FIELDS[field]), value)
    path = project / "data" / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    try:
        accepted = not validate_files(Project(project), [path], nquads=small_project / "dist" / "swf-kg.nq").errors
    except KGError:
        accepted = False
    event("accepted" if accepted else "refused")
    if not accepted:
        return
    result = build(Project(project), project / "dist")  # must not raise
    assert result.conforms
    store = ox.Store()
    store.bulk_load(path=str(project / "dist" / "swf-kg.nq"), format=ox.RdfFormat.N_QUADS)
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    person = ox.NamedNode("https://w3id.org/swf-kg/id/person/generated-person")
    assert [q.object.value for q in store.quads_for_pattern(person, label, None, None)] == \
        [_strip_white_space(values["person-name"])]
    graphs = {q.graph_name.value for q in store.quads_for_pattern(person, label, None, None)}
    assert len(graphs) == 1 and graphs.pop().startswith("https://w3id.org/swf-kg/graph/")
