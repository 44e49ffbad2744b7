"""kg queries / kg query / kg analyze, in-process, on the fixture graph: exact output per format,
parameters bound (never pasted), errors with exit codes."""

import json
from pathlib import Path

from click.testing import CliRunner

from kg.cli import main

ROOT = Path(__file__).resolve().parents[1]
GRAPH = str(ROOT / "tests" / "fixtures" / "network.trig")


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def q(*args):
    return run("query", *args, "--project", str(ROOT), "--graph", GRAPH)


def test_queries_lists_the_catalog_in_the_chosen_language():
    out = run("queries", "--project", str(ROOT), "--lang", "en").output.splitlines()
    assert out[:3] == ["body-territory-mismatch-violation",
                       "    Quality check – a public body and territory with different official keys or without the link back. "
                       "Must be empty.", "conflicting-claims"]
    assert "    --param edition=<integer> (default: 21)" in out
    de = run("queries", "--project", str(ROOT), "--lang", "de").output
    assert "Wer bei einer Ausgabe des Runden Tisches was tat" in de


def test_table_csv_tsv_json():
    args = ("who-did-what-at-edition", "--param", "edition=2", "--lang", "en")
    assert q(*args).output == (
        "who   did        role  organisation     presented  talk\n"
        "----  ---------  ----  ---------------  ---------  ----\n"
        "Ben   presented        Agentur          Schmiede\n"
        "Cleo  welcomed         Gemeinde Cedorf\n")
    assert q(*args, "--format", "csv").stdout_bytes.decode() == (
        "who,did,role,organisation,presented,talk\r\nBen,presented,,Agentur,Schmiede,\r\nCleo,welcomed,,Gemeinde Cedorf,,\r\n")
    # a GROUP_CONCAT ("did") is a plain string, as Jena and Virtuoso give it (kg.query.portable)
    assert q(*args, "--format", "tsv").output == (
        '?who\t?did\t?role\t?organisation\t?presented\t?talk\n"Ben"\t"presented"\t\t"Agentur"\t"Schmiede"\t\n'
        '"Cleo"\t"welcomed"\t\t"Gemeinde Cedorf"\t\t\n')
    data = json.loads(q(*args, "--format", "json").output)
    assert data["head"]["vars"] == ["who", "did", "role", "organisation", "presented", "talk"]
    assert data["results"]["bindings"][1] == {"who": {"type": "literal", "value": "Cleo"},
                                              "did": {"type": "literal", "value": "welcomed"},
                                              "organisation": {"type": "literal", "value": "Gemeinde Cedorf"}}


def test_labels_follow_the_language():
    de = q("who-did-what-at-edition", "--param", "edition=2", "--lang", "de", "--format", "csv").output
    assert "Cleo,begrüßte,,Gemeinde Cedorf,," in de


def test_parameters_are_bound_not_pasted():
    hostile = 'Anna" ) } ; DELETE WHERE { ?s ?p ?o } #'
    text = "SELECT ?name ?who WHERE { ?p <http://www.w3.org/2000/01/rdf-schema#label> ?who FILTER(?who = ?name) }"
    result = q("--sparql", text, "--param", f"name={hostile}", "--format", "csv")
    assert result.exit_code == 0 and result.stdout_bytes == b"who\r\n"
    assert q("--sparql", text, "--param", "name=Anna", "--format", "csv").stdout_bytes == b"who\r\nAnna\r\n"
    bad_iri = q("roles-over-time", "--param", "person=x> } DROP ALL { <y", "--lang", "en")
    assert bad_iri.exit_code == 1
    assert bad_iri.output.splitlines()[0].endswith(
        "error: „x> } DROP ALL { <y“ does not fit the parameter „person“ (type iri).")


def test_parameter_must_be_projected():
    result = q("--sparql", "SELECT ?p WHERE { ?p ?x ?name }", "--param", "name=Anna", "--lang", "en")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "--sparql: error: The parameter ?name does not appear in the SELECT clause.",
        "    How to fix: Add ?name to the SELECT clause (and GROUP BY, if any); parameters are bound there and left out of "
        "the output."]


def test_syntax_error_points_to_line_and_column():
    result = q("--sparql", "SELECT ?x\nWHERE { ?x ?p }", "--lang", "en")
    assert result.exit_code == 1
    assert result.output.splitlines()[0].startswith("--sparql:2:16: error: The SPARQL query is broken: error at 2:16")


def test_service_is_refused():
    result = q("--sparql", "SELECT * WHERE {\n SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "--lang", "en")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == "--sparql:2: error: The query calls a network service with SERVICE; that is not run."


def test_unknown_parameter_and_unknown_query():
    result = q("who-did-what-at-edition", "--param", "editon=2", "--lang", "en")
    assert result.exit_code == 1
    assert "error: The query has no parameter „editon“." in result.output
    assert "Known parameters: edition, lang." in result.output
    unknown = q("who-did-what-at-editon")
    assert unknown.exit_code == 2
    assert "No query named „who-did-what-at-editon“. Did you mean: who-did-what-at-edition? See: kg queries" in unknown.output


def test_ask_and_construct():
    assert q("--sparql", "ASK { ?s a <http://xmlns.com/foaf/0.1/Person> }").output == "true\n"
    turtle = q("--sparql", "CONSTRUCT { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } WHERE { "
                           "?s a <http://xmlns.com/foaf/0.1/Person> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l }").output
    assert 'person:anna rdfs:label "Anna" .' in turtle


def test_query_file_and_missing_graph(tmp_path):
    query_file = tmp_path / "mine.rq"
    query_file.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?s a <http://xmlns.com/foaf/0.1/Person> }", encoding="utf-8")
    assert q("--file", str(query_file), "--format", "csv").stdout_bytes == b"n\r\n3\r\n"
    missing = run("query", "--sparql", "ASK {}", "--project", str(tmp_path), "--lang", "en")
    assert missing.exit_code == 2
    assert missing.output.splitlines()[0] == (
        f"{tmp_path}/dist/swf-kg.nq: error: The graph has not been built yet ({tmp_path}/dist/swf-kg.nq is missing).")


def test_analyze_commands():
    base = ("--project", str(ROOT), "--graph", GRAPH, "--lang", "en", "--format", "csv")
    assert run("analyze", "path", "--from", "Anna", "--to", "Cleo", *base).stdout_bytes.decode() == (
        "step,name,kind,link to next\r\n0,Anna,person,took part\r\n1,Erste Runde,event,took part\r\n"
        "2,Ben,person,took part\r\n3,Zweite Runde,event,took part\r\n4,Cleo,person,\r\n")
    assert run("analyze", "engagement", "--by", "district", *base).stdout_bytes.decode() == (
        "district,municipalities,municipalitiesThatHosted,editionsHosted,peoplePresent,initiativesJoined\r\n"
        "Nordkreis,2,1,1,1,1\r\nSüdkreis,1,1,1,1,0\r\n")
    german = ("--project", str(ROOT), "--graph", GRAPH, "--lang", "de", "--format", "csv")
    assert run("analyze", "path", "--from", "Anna", "--to", "Ben", *german).stdout_bytes.decode() == (
        "step,name,kind,link to next\r\n0,Anna,person,nahm teil\r\n1,Erste Runde,event,nahm teil\r\n2,Ben,person,\r\n")
    unknown = run("analyze", "path", "--from", "Ana", "--to", "Cleo", *base)
    assert unknown.exit_code == 1
    assert "error: „Ana“ is not in the network." in unknown.output and "Did you mean: Anna?" in unknown.output


def test_build_fails_on_a_quality_check(project_copy):
    venue = project_copy / "data" / "events" / "mismatch.yaml"
    venue.write_text("sources:\n  - {key: m, url: 'https://example.org/m', title: M}\n"
                     "events:\n  - {key: m-event, name: M, venue: burg-holtzbrinck, municipality: Werdohl}\n",
                     encoding="utf-8")
    result = run("build", "--project", str(project_copy), "--lang", "en")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "queries/venue-municipality-mismatch-violation.rq: error: The quality check venue-municipality-mismatch-violation "
        "finds 1 row(s), e.g.: https://w3id.org/swf-kg/id/event/m-event, https://w3id.org/swf-kg/id/venue/burg-holtzbrinck, "
        "https://w3id.org/swf-kg/id/municipality/05962004, https://w3id.org/swf-kg/id/municipality/05962060.")
    assert not (project_copy / "dist").exists()


def test_csv_cells_that_look_like_formulas_are_neutralised():
    text = ('SELECT ?cell ?n WHERE { VALUES (?cell ?n) { ("=HYPERLINK(\\"x\\")" -5) ("+1" 2) ("@SUM(A1)" 3) '
            '("-2" 4) ("ok" 5) } }')
    result = q("--sparql", text, "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout_bytes.decode() == (
        "cell,n\r\n\"'=HYPERLINK(\"\"x\"\")\",-5\r\n'+1,2\r\n'@SUM(A1),3\r\n'-2,4\r\nok,5\r\n")


def test_a_graph_that_is_not_n_quads_is_refused_clearly(tmp_path):
    wrong = tmp_path / "notes.nq"
    wrong.write_text("this is not RDF\n", encoding="utf-8")
    result = run("query", "--sparql", "ASK {}", "--graph", str(wrong), "--lang", "en")
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"{wrong}: error: The published graph cannot be read: Parser error at line 1 between columns 1 and 5: "
        "The subject of a triple must be an IRI or a blank node (notes.nq, line 1).",
        "    How to fix: Give an N-Quads (.nq) or TriG (.trig) file with --graph, such as dist/swf-kg.nq after „kg build“."]


def test_kg_query_imports_only_what_it_needs_and_opens_the_built_store(built, tmp_path):
    """A query opens the store kept in .kg-cache/ (no parse of the N-Quads) and does not import
    rdflib, ruamel.yaml, pydantic or importlib.metadata, which cost most of its start-up."""
    import shutil
    import subprocess
    import sys
    project = tmp_path / "p"
    shutil.copytree(ROOT / "queries", project / "queries")
    shutil.copytree(built[1], project / "dist")
    script = ("import sys\nfrom kg.cli import main\n"
              "try:\n    main(['query', 'editions-in-order', '--format', 'csv', '--project', sys.argv[1]])\n"
              "except SystemExit as stop:\n    code = stop.code\n"
              "heavy = sorted(m for m in ('rdflib', 'ruamel.yaml', 'pydantic', 'importlib.metadata', 'pyshacl',"
              " 'networkx') if m in sys.modules)\nprint('heavy:', heavy, code, file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", script, str(project)], capture_output=True, text=True, timeout=120)
    assert done.stderr.splitlines()[-1] == "heavy: [] 0"
    stores = sorted(p.name for p in (project / ".kg-cache").glob("index-*") if (p / "complete").is_file())
    assert len(stores) == 1
    from kg.query.engine import Engine
    expected = Engine.from_nquads(project / "dist" / "swf-kg.nq")
    rows = expected.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").values()
    opened = run("query", "--sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format", "csv",
                 "--project", str(project))
    assert opened.stdout_bytes.decode() == f"n\r\n{rows[0][0]}\r\n"


def test_the_plain_iris_agree_with_the_rdflib_namespaces():
    from kg import namespaces as ns
    from kg.iris import BASE, PREFIXES
    expected = {"swf": ns.SWF._NS, "swfsh": ns.SWFSH, "schema": ns.SCHEMA, "org": ns.ORG, "foaf": ns.FOAF,
                "prov": ns.PROV, "skos": ns.SKOS, "dcterms": ns.DCTERMS, "geo": ns.GEO, "time": ns.TIME, "owl": ns.OWL,
                "rdf": ns.RDF, "rdfs": ns.RDFS, "xsd": ns.XSD}
    assert {k: PREFIXES[k] for k in expected} == {k: str(v) for k, v in expected.items()}
    assert all(v.startswith(BASE) for k, v in PREFIXES.items() if k not in expected or k.startswith("swf"))


def test_a_kept_result_answers_the_same_query_once_more():
    """select(keep=True) (the build's published results, which its pages ask for again): the next
    identical ask is answered from memory – here it still shows the store as it was – and the one
    after it is evaluated again; other bindings are never answered from it."""
    import pyoxigraph as ox

    from kg.query.engine import Engine
    store = ox.Store()
    a, name = ox.NamedNode("https://example.org/a"), ox.NamedNode("https://example.org/name")
    store.add(ox.Quad(a, name, ox.Literal("eins"), ox.NamedNode("https://example.org/g")))
    engine = Engine(store)
    query = "SELECT ?p ?s ?o WHERE { ?s ?p ?o }"
    assert engine.select(query, {"p": name}, hide=["p"], keep=True).values() == [("https://example.org/a", "eins")]
    store.add(ox.Quad(a, name, ox.Literal("zwei"), ox.DefaultGraph()))
    assert engine.select(query, {"p": ox.NamedNode("https://example.org/other")}, hide=["p"]).values() == []
    assert engine.select(query, {"p": name}, hide=["p"]).values() == [("https://example.org/a", "eins")]
    assert sorted(engine.select(query, {"p": name}, hide=["p"]).values()) == [
        ("https://example.org/a", "eins"), ("https://example.org/a", "zwei")]
    engine.select(query, {"p": name}, hide=["p"], keep=True)
    store.add(ox.Quad(a, name, ox.Literal("drei"), ox.DefaultGraph()))
    engine.forget_kept()
    assert len(engine.select(query, {"?p": name}, hide=["p"]).values()) == 3
