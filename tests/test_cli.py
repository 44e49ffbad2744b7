"""The kg command, run in-process: exit codes and the exact lines a contributor sees."""

import hashlib
import re
from pathlib import Path

from click.testing import CliRunner

from kg import __version__
from kg.cli import main


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _snapshot(folder: Path):
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_version_and_help():
    assert run("--version").output == f"kg, version {__version__}\n"
    result = run("-h")
    assert result.exit_code == 0
    assert "Knowledge graph of Südwestfalen's regional-marketing network." in result.output
    assert re.search(r"^  build\s+Load ontology and data", result.output, re.M)


def test_build_prints_summary_and_writes_dist(project_copy):
    result = run("build", "--project", str(project_copy), "--lang", "en")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert re.fullmatch(r"Graph built: \d+ triples in \d+ named graphs \(\d+\.\d s\)\.", lines[0])
    assert "  swf:Municipality                    59" in lines
    assert "  swf:District                         5" in lines
    editions = int(next(line for line in lines if line.startswith("  swf:RoundTableEdition ")).split()[-1])
    assert editions >= 1
    assert "Validation: conforms (0 warning(s))." in lines
    wrote = re.fullmatch(rf"Wrote {project_copy}/dist/: exports/items.csv, exports/municipalities.geojson, "
                         r"exports/network.gexf, exports/network.graphml, index.html, map.html, network.html, "
                         r"ontology.html, summary.json, swf-kg.jsonld, swf-kg.nq, swf-kg.trig, swf-kg.ttl, timeline.html, "
                         r"the results of (\d+) queries in queries/ \(CSV, JSON\), (\d+) round-table pages in editions/ "
                         r"and (\d+) item pages with (\d+) lists by kind in id/\. "
                         r"The English version \((\d+) files\) is in en/\.", lines[-1])
    assert wrote, lines[-1]
    # one page per edition, one CSV and one JSON per catalog query: the summary counts what is there
    assert int(wrote[2]) == editions == len(list((project_copy / "dist" / "editions").glob("*.html")))
    published = project_copy / "dist" / "queries"
    assert int(wrote[1]) == len(list(published.glob("*.csv"))) == len(list(published.glob("*.json"))) >= 1
    items = project_copy / "dist" / "id"
    assert int(wrote[3]) == len([p for p in items.glob("*/*.html") if p.name != "index.html"]) > editions
    assert int(wrote[4]) == len(list(items.glob("*/index.html"))) == len([p for p in items.iterdir() if p.is_dir()])
    english = project_copy / "dist" / "en"
    assert int(wrote[5]) == sum(1 for p in english.rglob("*") if p.is_file())
    assert {p.relative_to(english) for p in english.rglob("*.html")} == {
        p.relative_to(project_copy / "dist") for p in (project_copy / "dist").rglob("*.html") if english not in p.parents}


def test_malformed_yaml_names_file_line_and_exits_2(project_copy):
    (project_copy / "data" / "bad.yaml").write_text(
        "sources:\n  - key: x\n    url: https://example.org/a\n   title: broken indent\n", encoding="utf-8")
    before = _snapshot(project_copy / "data")
    result = run("build", "--project", str(project_copy), "--lang", "en")
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        "data/bad.yaml:4:4: error: The YAML syntax is broken: the indentation does not fit: a new block of fields starts "
        "where none is expected.",
        "    How to fix: Check indentation (spaces, no tabs), colons and quotes on this line and the one before.",
        f"1 error(s), 0 warning(s). Nothing was written; {project_copy}/dist/ is unchanged.",
    ]
    assert "Traceback" not in result.output
    assert _snapshot(project_copy / "data") == before
    assert not (project_copy / "dist").exists()


def test_malformed_turtle_names_file_line_and_exits_2(project_copy):
    (project_copy / "data" / "bad.ttl").write_text(
        "@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n<https://w3id.org/swf-kg/id/person/a> a foaf:Person ;\n"
        "   foaf:name \"A\"\n<https://w3id.org/swf-kg/id/person/b> a foaf:Person .\n", encoding="utf-8")
    result = run("build", "--project", str(project_copy), "--lang", "de")
    assert result.exit_code == 2
    assert result.output.splitlines()[:2] == [
        "data/bad.ttl:4: Fehler: Die Turtle-Syntax ist fehlerhaft: expected '.' or '}' or ']' at end of statement.",
        "    So beheben Sie es: Prüfen Sie Präfixe, Punkte und Semikolons am Ende der Aussagen in dieser Zeile.",
    ]


def test_unknown_reference_suggests_the_known_key_and_exits_1(project_copy):
    event = project_copy / "data" / "events" / "rt-21-altena.yaml"
    event.write_text(event.read_text(encoding="utf-8").replace(
        "organisers: [suedwestfalen-agentur]", "organisers: [suedwestfalenagentur]"), encoding="utf-8")
    result = run("build", "--project", str(project_copy), "--lang", "de")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "data/events/rt-21-altena.yaml:93:18: Fehler [21. Runder Tisch „Willkommen in Südwestfalen“]: "
        "„suedwestfalenagentur“ ist als Organisation nicht bekannt.",
        "    So beheben Sie es: Meinten Sie: suedwestfalen-agentur (Südwestfalen Agentur GmbH), "
        "fh-suedwestfalen (Fachhochschule Südwestfalen)? Sonst legen Sie den Eintrag an (siehe data/README.md).",
        f"1 Fehler, 0 Warnung(en). Nichts wurde geschrieben; {project_copy}/dist/ ist unverändert.",
    ]


def test_unknown_municipality_is_resolved_by_name_with_suggestion(project_copy):
    event = project_copy / "data" / "events" / "rt-21-altena.yaml"
    event.write_text(event.read_text(encoding="utf-8").replace("    municipality: Altena\n    hosts",
                                                               "    municipality: Altenna\n    hosts"), encoding="utf-8")
    result = run("build", "--project", str(project_copy), "--lang", "en")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    where = next(i for i, line in enumerate(lines) if "„Altenna“" in line)
    assert lines[where].startswith("data/events/rt-21-altena.yaml:")
    assert lines[where].endswith(": error [21. Runder Tisch „Willkommen in Südwestfalen“]: "
                                 "„Altenna“ is not one of Südwestfalen's 59 municipalities.")
    assert lines[where + 1].startswith(
        "    How to fix: If it is a locality, name the municipality it belongs to here and the locality under „place:“. "
        "Similar names: Altena")


def test_private_contact_data_is_rejected_by_shacl(project_copy):
    (project_copy / "data" / "person.ttl").write_text(
        "@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix schema: <http://schema.org/> .\n@prefix prov: <http://www.w3.org/ns/prov#> .\n"
        "<https://w3id.org/swf-kg/id/person/max-muster> a foaf:Person ;\n  rdfs:label \"Max Muster\" ;\n"
        "  prov:wasDerivedFrom <https://w3id.org/swf-kg/id/source/olsberg-mittendrin-17775> ;\n"
        "  schema:email \"max@example.org\" .\n", encoding="utf-8")
    result = run("build", "--project", str(project_copy), "--lang", "en")
    assert result.exit_code == 1
    assert result.output.splitlines()[:2] == [
        "data/person.ttl:5: error [Max Muster]: Private contact data of a person (e-mail, phone, address) is not recorded.",
        "    How to fix: Remove the contact data. People appear only in their public roles.",
    ]


def test_binary_and_empty_files_exit_2_without_traceback(project_copy):
    (project_copy / "data" / "photo.yaml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (project_copy / "data" / "empty.yaml").write_text("   \n", encoding="utf-8")
    result = run("build", "--project", str(project_copy), "--lang", "en")
    assert result.exit_code == 2
    assert result.output.splitlines()[:4] == [
        "data/empty.yaml: error: The file is empty.",
        "    How to fix: Copy templates/contribution.yaml and fill it in.",
        "data/photo.yaml: error: The file is not a text file (it contains NUL bytes).",
        "    How to fix: Save the contribution as text (YAML or Turtle, UTF-8).",
    ]


def test_viz_single_views_go_beside_dist_and_explain_what_cannot_be_drawn(project_copy):
    """kg build replaces dist/ as a whole, so a focus or query view goes to dist-views/; a query that
    pairs nothing, an unknown query and a key without its kind get a message, never a blank page or
    an empty result."""
    assert run("build", "--project", str(project_copy)).exit_code == 0
    done = run("viz", "--project", str(project_copy), "--focus", "Marie Ting", "--lang", "en")
    assert done.exit_code == 0, done.output
    assert (project_copy / "dist-views" / "focus-marie-ting.html").is_file()
    assert run("build", "--project", str(project_copy)).exit_code == 0
    assert (project_copy / "dist-views" / "focus-marie-ting.html").is_file()
    nothing = run("viz", "--project", str(project_copy), "--query", "people-at-several-editions", "--lang", "en")
    assert nothing.exit_code == 1
    assert ("error: The query people-at-several-editions gives no row that links two things; it cannot be drawn "
            "as a network.") in nothing.output
    assert not (project_copy / "dist-views" / "query-people-at-several-editions.html").exists()
    unknown = run("viz", "--project", str(project_copy), "--query", "conflicting-claim", "--lang", "en")
    assert unknown.exit_code == 1
    assert "There is no query „conflicting-claim“ in the catalog." in unknown.output
    assert "Did you mean: conflicting-claims" in unknown.output
    bare = run("query", "describe-entity", "--project", str(project_copy), "--param", "entity=marie-ting", "--lang", "en")
    assert bare.exit_code == 1
    assert "„marie-ting“ gives the parameter „entity“ only a key, not the kind of thing." in bare.output
    assert "--param entity=person/marie-ting" in bare.output
    kinded = run("query", "roles-over-time", "--project", str(project_copy), "--param", "person=marie-ting",
                 "--format", "csv")
    assert kinded.exit_code == 0 and "Marie Ting" in kinded.output
