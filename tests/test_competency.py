"""The nine competency questions, each on the hand-made fixture (tests/fixtures/network.trig),
where the right answer is obvious and exact, and checked on the real graph with facts that stay
true as the graph grows (what the sources say is among the answers; sums and orders hold)."""

from pathlib import Path

import pytest

from kg.query import analytics
from kg.query.catalog import bind, load_catalog
from kg.query.engine import Engine

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ROOT / "queries"
CATALOG = load_catalog(QUERIES)


@pytest.fixture(scope="module")
def fixture():
    return Engine.from_file(ROOT / "tests" / "fixtures" / "network.trig")


def run(engine, name, **params):
    query = CATALOG[name]
    return engine.select(query.text, bind(query, params), source=str(query.path), hide=query.params).values()


# 1 -------------------------------------------------------------------------------------------
def test_cq1_editions_in_order(fixture, ask):
    assert [r[:4] for r in run(fixture, "editions-in-order", lang="en")] == [
        ("Erste Runde", "1", "2019-05-03", "day"), ("Digitale Runde", None, "2020-06", "month"),
        ("Zweite Runde", "2", "2021", "year")]
    real = ask("editions-in-order", lang="de")
    tenth = next(r for r in real if r[1] == "10")
    assert tenth[:8] == ("10. Runder Tisch „Willkommen in Südwestfalen“", "10", "2018-10", "month", "false",
                         "Ratssaal der Hansestadt Attendorn", "Attendorn", "Kreis Olpe")


# 2 -------------------------------------------------------------------------------------------
def test_cq2_municipalities_that_hosted_and_never_did(fixture, ask):
    assert [r[:4] for r in run(fixture, "municipalities-hosting")] == [
        ("Nordkreis", "Aberg", "11", "1"), ("Nordkreis", "Bestadt", "12", "0"), ("Südkreis", "Cedorf", "21", "1")]
    real = ask("municipalities-hosting")
    assert len(real) == 59  # every municipality, the ones that never hosted with 0
    assert all((r[3] == "0") == (r[4] is None) for r in real)
    assert all(int(r[3]) == len(r[4].split(" | ")) for r in real if r[4])
    werdohl = next(r for r in real if r[1] == "Werdohl")
    assert int(werdohl[3]) >= 2 and "1. Runder Tisch (Werdohl)" in werdohl[4]


# 3 -------------------------------------------------------------------------------------------
def test_cq3_who_did_what_at_an_edition(fixture, ask):
    assert run(fixture, "who-did-what-at-edition", edition="2", lang="en") == [
        ("Ben", "presented", None, "Agentur", "Schmiede", None),
        ("Cleo", "welcomed", None, "Gemeinde Cedorf", None, None)]
    assert {r[0] for r in ask("who-did-what-at-edition", edition="21", lang="en")} >= {
        "Barbara Sander-Graetz", "Marie Ting", "Saskia Haardt-Cerff", "Sven Parnemann", "Uwe Kober"}


# 4 -------------------------------------------------------------------------------------------
def test_cq4_initiatives_of_an_organisation_with_parts_and_periods(fixture, ask):
    assert run(fixture, "initiatives-of-organisation", organisation="https://w3id.org/swf-kg/id/agency", lang="en") == [
        ("Jahr", "Offer", None, None, "Schmiede", None), ("Schmiede", "Program", "2024", None, None, "Jahr")]
    real = {r[0]: r for r in ask("initiatives-of-organisation", lang="en")}
    assert real["PERSPEKTIVE Südwestfalen"][1:4] == ("Project", "2016", "2019")
    assert set(real["Arbeitgeberschmiede Südwestfalen"][5].split(", ")) >= {"Reverse Mentoring", "Gap Year Südwestfalen"}


# 5 -------------------------------------------------------------------------------------------
def test_cq5_people_at_more_than_one_edition(fixture, ask):
    # the editions in alphabetical order (kg.query.portable sorts every GROUP_CONCAT, so that the
    # list does not depend on the engine or on the order the store happens to keep)
    assert run(fixture, "people-at-several-editions") == [("Anna", "2", "Digitale Runde | Erste Runde"),
                                                          ("Ben", "2", "Erste Runde | Zweite Runde")]
    real = ask("people-at-several-editions")
    counts = [int(r[1]) for r in real]
    assert counts == sorted(counts, reverse=True) and min(counts) >= 2
    assert all(int(r[1]) == len(r[2].split(" | ")) for r in real)
    at_least = {"Saskia Haardt-Cerff": 7, "Marie Ting": 6, "Niklas Jung": 4}  # from the fact notes
    assert all(int(r[1]) >= at_least[r[0]] for r in real if r[0] in at_least)
    assert {r[0] for r in real} >= set(at_least)


# 6 -------------------------------------------------------------------------------------------
def test_cq6_roles_over_time_with_sources(fixture, ask):
    assert run(fixture, "roles-over-time", person="person/ben", lang="en") == [
        ("Ben", "2019-05", "Project manager", "Projektmanager", "Agentur", None, None, None, "https://example.org/a", "Bericht A"),
        ("Ben", "2023", "Project manager", "Projektleiter", "Agentur", None, None, None, "https://example.org/b", "Bericht B")]
    ting = ask("roles-over-time", person="person/marie-ting", lang="de")
    assert ("2013-06-27", "Programmleitung", "leitet die Regionalmarketing-Kampagne „Alles Echt“") in [r[1:4] for r in ting]
    dated = [r[1] for r in ting if r[1]]
    assert dated == sorted(dated)


# 7 -------------------------------------------------------------------------------------------
def test_cq7_topics_by_frequency(fixture, ask):
    assert run(fixture, "topics-by-frequency", lang="en") == [("Jobs", "2", "2019", "2021"), ("Media", "1", "2019", "2019")]
    real = ask("topics-by-frequency", lang="en")
    counts = [int(r[1]) for r in real]
    assert counts == sorted(counts, reverse=True)
    assert int(next(r[1] for r in real if r[0] == "Welcoming newcomers")) >= 8


# 8 -------------------------------------------------------------------------------------------
def test_cq8_shortest_connection(fixture, engine):
    network = analytics.build_network(fixture, QUERIES, "en")
    path = analytics.shortest_path(network, "Anna", "Cleo").values()
    assert [r[1] for r in path] == ["Anna", "Erste Runde", "Ben", "Zweite Runde", "Cleo"]
    real = analytics.build_network(engine, QUERIES, "en")
    hops = analytics.shortest_path(real, "person/uwe-kober", "Lilian Beck").values()
    assert (hops[0][1], hops[-1][1]) == ("Uwe Kober", "Lilian Beck") and 2 <= len(hops) <= 5


# 9 -------------------------------------------------------------------------------------------
def test_cq9_everything_about_an_entity_with_sources(fixture, ask):
    rows = run(fixture, "describe-entity", entity="person/anna", lang="en")
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [
        ("event", "Digitale Runde", "report-b.yaml", "https://example.org/b"),
        ("event", "Erste Runde", "report-a.yaml", "https://example.org/a"),
        ("label", "Anna", "report-a.yaml", "https://example.org/a"),
        ("type", "http://xmlns.com/foaf/0.1/Person", "report-a.yaml", "https://example.org/a")]
    real = ask("describe-entity", entity="person/uwe-kober", lang="en")
    assert ("role", "Bürgermeister – Stadt Altena", "data/events/rt-21-altena.yaml",
            "http://www.olsberg-mittendrin.de/index.php/beitraege/regionales/"
            "17775-suedwestfaelische-kommunen-tauschen-sich-zu-zukunftsthemen-aus",
            "https://w3id.org/swf-kg/id/municipal-body/05962004", "http://www.w3.org/ns/org#role") in real
    # the reused vocabularies speak the reader's language; yes/no in words
    german = ask("describe-entity", entity="event/runder-tisch-21", lang="de")
    assert {("Ort", "Burg Holtzbrinck"), ("Veranstalter", "Südwestfalen Agentur GmbH"), ("Art", "Veranstaltung"),
            ("Nummer erschlossen", "nein")} <= {(r[0], r[1]) for r in german}
    assert not any(r[0] in ("location", "organizer", "type") for r in german)


def test_a_fact_cites_only_sources_its_file_cites(engine, catalog):
    """Every source shown for a fact is one its file cites; a file citing none (the vocabularies)
    gives facts without sources. (A fact without a source once joined every source's address.)"""
    from kg.query.catalog import bind
    query = catalog["describe-entity"]
    bindings = bind(query, {"lang": "en"})
    del bindings["entity"]   # every entity at once
    rows = engine.select(query.text, bindings, hide=query.params).values()
    cited = {}
    for file, url in engine.select("""
            PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX schema: <https://schema.org/>
            PREFIX swf: <https://w3id.org/swf-kg/ontology#>
            SELECT DISTINCT ?file ?url WHERE { ?g swf:sourceFile ?file .
              GRAPH ?g { ?x prov:wasDerivedFrom ?s } ?s schema:url ?url }""").values():
        cited.setdefault(file, set()).add(url)
    assert rows
    for _property, _value, file, sources, _target, _predicate in rows:
        assert set((sources or "").split()) <= cited.get(file, set()), (file, _value)
    vocabulary = [r for r in rows if r[2] == "data/vocabularies.yaml"]
    assert vocabulary and all(r[3] is None for r in vocabulary)


def test_conflicts_on_the_fixture(fixture):
    assert run(fixture, "conflicting-claims", lang="en") == [
        ("Schmiede", "funding", "100", None, None, "https://example.org/a"),
        ("Schmiede", "funding", "150", None, None, "https://example.org/b")]


def test_engagement_counts_every_municipality_including_zero(fixture, engine):
    rows = analytics.engagement(fixture, QUERIES).values()
    assert rows == [("Nordkreis", "Aberg", "11", "1", "1", "0", "2"), ("Nordkreis", "Bestadt", "12", "0", "0", "1", "1"),
                    ("Südkreis", "Cedorf", "21", "1", "1", "0", "2")]
    municipalities = analytics.engagement(engine, QUERIES).values()
    districts = analytics.engagement(engine, QUERIES, by="district").values()
    assert len(municipalities) == sum(int(r[1]) for r in districts) == 59
    for district in districts:  # a district's figures are the sums over its municipalities
        own = [r for r in municipalities if r[0] == district[0]]
        assert int(district[1]) == len(own)
        assert int(district[2]) == sum(1 for r in own if int(r[3]))
        assert [int(x) for x in district[3:]] == [sum(int(r[i]) for r in own) for i in (3, 4, 5)]


def test_centrality_names_the_connectors(fixture, engine):
    assert analytics.centrality(analytics.build_network(fixture, QUERIES, "en")).values()[0][:2] == ("Ben", "person")
    top = analytics.centrality(analytics.build_network(engine, QUERIES, "en"), top=2).values()
    assert [r[0] for r in top] == ["Südwestfalen Agentur GmbH", "Marie Ting"]


def test_communities_cover_the_connected_network(engine):
    network = analytics.build_network(engine, QUERIES, "en")
    rows = analytics.communities(network).values()
    connected = sum(1 for n in network.graph if network.graph.degree(n) > 0)
    assert sum(int(r[1]) for r in rows) == connected
    assert rows[0][3].startswith("Südwestfalen Agentur GmbH")


def test_violation_checks_are_empty_on_the_real_graph(ask, catalog):
    checks = [name for name, q in catalog.items() if q.is_violation_check]
    assert checks == ["body-territory-mismatch-violation", "duplicate-edition-number-violation",
                      "venue-municipality-mismatch-violation"]
    for name in checks:
        assert ask(name) == [], name


def test_every_query_has_both_summaries_and_tags(catalog):
    for name, query in catalog.items():
        assert query.summary["de"] and query.summary["en"] and query.tags, name


def test_analytics_give_plain_python_values(fixture, monkeypatch):
    """A notebook gets ints, floats and strings (and a DataFrame where pandas is installed), not RDF terms."""
    engagement = analytics.engagement(fixture, QUERIES)
    assert engagement.records() == [
        {"district": "Nordkreis", "municipality": "Aberg", "ags": "11", "editionsHosted": 1, "peoplePresent": 1,
         "initiativesJoined": 0, "score": 2},
        {"district": "Nordkreis", "municipality": "Bestadt", "ags": "12", "editionsHosted": 0, "peoplePresent": 0,
         "initiativesJoined": 1, "score": 1},
        {"district": "Südkreis", "municipality": "Cedorf", "ags": "21", "editionsHosted": 1, "peoplePresent": 1,
         "initiativesJoined": 0, "score": 2}]
    network = analytics.build_network(fixture, QUERIES, "en")
    ranked = analytics.centrality(network).records()
    assert [r["name"] for r in ranked] == [row[0] for row in analytics.centrality(network).values()]
    assert all(type(r["degree"]) is int and type(r["betweenness"]) is float for r in ranked)
    frame = engagement.to_pandas()
    assert list(frame.columns) == engagement.columns and frame["score"].sum() == 5
    assert str(frame["score"].dtype) == "int64"
    monkeypatch.setitem(__import__("sys").modules, "pandas", None)  # as if pandas were not installed
    with pytest.raises(ImportError, match=r"^to_pandas\(\) needs pandas, which kg does not install: pip install pandas$"):
        engagement.to_pandas()
