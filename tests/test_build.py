"""The build is deterministic, its files parse in an independent parser, and it is atomic."""

import hashlib
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset
from rdflib.compare import isomorphic

from kg.build import build
from kg.errors import InvalidData
from kg.load.dataset import Project, load_dataset
from kg.load.files import contribution_files
from kg.outputs import MARKER
from kg.publish import DATASET_FILES

ROOT = Path(__file__).resolve().parents[1]
OX_FORMATS = {"swf-kg.trig": ox.RdfFormat.TRIG, "swf-kg.nq": ox.RdfFormat.N_QUADS,
              "swf-kg.ttl": ox.RdfFormat.TURTLE, "swf-kg.jsonld": ox.RdfFormat.JSON_LD}


def _digests(folder):
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(built, project, tmp_path):
    _result, first, _union = built
    build(project, tmp_path / "again")
    assert _digests(first) == _digests(tmp_path / "again")
    names = sorted(_digests(first))
    assert [n for n in names if "/" not in n] == sorted([*DATASET_FILES, "summary.json", "index.html", "map.html",
                                                         "network.html", "ontology.html", "timeline.html", MARKER])
    assert "editions/runder-tisch-21.html" in names
    assert {"id/person/marie-ting.html", "id/event/runder-tisch-21.html", "id/municipality/05962004.html",
            "id/person/index.html", "exports/network.graphml", "exports/network.gexf",
            "exports/municipalities.geojson", "exports/items.csv", "en/index.html", "en/id/person/marie-ting.html",
            "en/queries/editions-in-order.csv"} <= set(names)
    assert "queries/editions-in-order.csv" in names and "queries/editions-in-order.json" in names


def test_turtle_reparses_isomorphic_to_the_union_of_the_dataset(built, project):
    _result, out, union = built
    loaded = load_dataset(project)
    assert isomorphic(union, loaded.union())
    assert len(union) == _result.triples


@pytest.mark.parametrize("name", DATASET_FILES)
def test_published_file_parses_in_pyoxigraph_with_every_triple(built, name):
    result, out, _union = built
    quads = list(ox.parse(path=str(out / name), format=OX_FORMATS[name]))
    assert len({(q.subject, q.predicate, q.object) for q in quads}) == result.triples


def test_trig_keeps_one_named_graph_per_file(built):
    result, out, _union = built
    dataset = Dataset()
    dataset.parse(out / "swf-kg.trig", format="trig")
    names = sorted(str(g.identifier).rsplit("/graph/", 1)[-1] for g in dataset.graphs() if len(g))
    expected = {p.relative_to(ROOT / "data").with_suffix("").as_posix() for p in contribution_files(ROOT / "data")}
    assert set(names) == expected | {"ontology", "refdata/districts", "refdata/municipalities"}
    assert result.graphs == len(names) == len(expected) + 3


def test_failed_build_leaves_previous_output_untouched(project_copy):
    project = Project(project_copy)
    out = project_copy / "dist"
    build(project, out)
    before = _digests(out)
    (project_copy / "data" / "events" / "broken.yaml").write_text(
        "sources:\n  - key: x\n    url: https://example.org/x\n    title: X\nevents:\n"
        "  - key: e\n    name: E\n    venue: nirgendwo\n", encoding="utf-8")
    with pytest.raises(InvalidData):
        build(project, out)
    assert _digests(out) == before
    assert sorted(p.name for p in project_copy.iterdir()) == [".dist.lock", ".kg-cache", "data", "dist", "ontology",
                                                              "queries"]


def test_focus_view_is_the_same_under_any_hash_seed(built, tmp_path):
    """Set iteration order changes with PYTHONHASHSEED; the page must not."""
    import os
    import subprocess
    import sys
    _result, out, _union = built
    pages = []
    for seed in ("1", "2"):
        target = tmp_path / seed
        env = dict(os.environ, PYTHONHASHSEED=seed)
        done = subprocess.run([sys.executable, "-m", "kg", "viz", "--focus", "Marie Ting", "--depth", "2",
                               "--project", str(ROOT), "--graph", str(out / "swf-kg.nq"), "--out", str(target),
                               "--lang", "en"], capture_output=True, text=True, env=env, timeout=120)
        assert done.returncode == 0, done.stderr
        pages.append((target / "focus-marie-ting.html").read_bytes())
    assert pages[0] == pages[1]


def test_the_german_network_names_its_links_in_german(built):
    """Edge tooltips on the German pages: the relation codes of network-edges.rq translated."""
    import html
    import json
    import re

    from kg.query.analytics import RELATIONS
    _result, out, _union = built
    page = (out / "network.html").read_text(encoding="utf-8")
    data = json.loads(html.unescape(re.search(r'id="graph-data">(.*?)</script>', page, re.S).group(1)))
    shown = {part for edge in data["edges"] for part in edge["relation"].split(", ") if part}
    german = {labels["de"] for labels in RELATIONS.values()}
    assert shown and shown <= german, shown - german


_TEXTS = ["", "plain", "two words", 'a "quote"', "line\nbreak", "tab\tand\\backslash", "sep\u2028line", "nel\u0085",
          "<not an iri>", "ends with space ", "Südwestfalen ß", "emoji \U0001F600", "x @de", "x^^y"]


def _one_shot(store: ox.Store) -> dict[str, bytes]:
    """The four files as one serialisation of everything each (what write_dataset_files did before it
    wrote a structure at a time)."""
    import json

    from kg.namespaces import PREFIXES
    from kg.publish import compact_jsonld
    prefixes = dict(sorted(PREFIXES.items()))
    quads = sorted(store.quads_for_pattern(None, None, None, None),
                   key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))
    triples = sorted({ox.Triple(q.subject, q.predicate, q.object) for q in quads},
                     key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    nquads = ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode("utf-8")
    jsonld = compact_jsonld(json.loads(ox.serialize(triples, format=ox.RdfFormat.JSON_LD)), prefixes)
    return {"swf-kg.trig": ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=prefixes),
            "swf-kg.nq": "".join(sorted({line + "\n" for line in nquads.split("\n") if line})).encode("utf-8"),
            "swf-kg.ttl": ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes),
            "swf-kg.jsonld": (json.dumps(jsonld, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")}


def _written(store: ox.Store, folder: Path) -> dict[str, bytes]:
    from kg.publish import write_dataset_files
    folder.mkdir()
    write_dataset_files(folder, store)
    return {name: (folder / name).read_bytes() for name in DATASET_FILES}


def test_dataset_files_are_the_bytes_of_one_serialisation_each(tmp_path):
    """The files are written a structure at a time (memory); their bytes are those of serialising
    each whole at once: with hostile literals, a triple stated in two graphs (merged once), and more
    subjects than one JSON-LD chunk holds; and for an empty store."""
    swf = "https://w3id.org/swf-kg/"
    store = ox.Store()
    for i in range(4500):
        subject = ox.NamedNode(f"{swf}id/person/p-{i:05d}")
        graph = ox.NamedNode(f"{swf}graph/file-{i % 3}")
        text = _TEXTS[i % len(_TEXTS)]
        store.add(ox.Quad(subject, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                          ox.Literal(text, language="de") if i % 2 else ox.Literal(text), graph))
        store.add(ox.Quad(subject, ox.NamedNode("https://schema.org/knows"), ox.NamedNode(f"{swf}id/person/p-{(i * 7) % 4500:05d}"),
                          ox.NamedNode(f"{swf}graph/file-{i % 2}")))
        store.add(ox.Quad(subject, ox.NamedNode("https://schema.org/knows"), ox.NamedNode(f"{swf}id/person/p-{(i * 7) % 4500:05d}"),
                          ox.NamedNode(f"{swf}graph/file-{i % 5}")))
        store.add(ox.Quad(subject, ox.NamedNode(f"{swf}ontology#editionNumber"),
                          ox.Literal(str(i), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")), graph))
    assert _written(store, tmp_path / "full") == _one_shot(store)
    assert _written(ox.Store(), tmp_path / "empty") == _one_shot(ox.Store())


def test_dataset_files_refuse_default_graph_triples(tmp_path):
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("https://example.org/a"), ox.NamedNode("https://example.org/b"), ox.Literal("c")))
    with pytest.raises(ValueError, match="^the published files hold named graphs only; the store has default-graph"):
        _written(store, tmp_path / "out")
