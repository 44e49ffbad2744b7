"""The HTML views in a real headless Chromium (Debian's /usr/bin/chromium, driven by playwright):
offline, no console errors, the expected nodes, search, tooltips, and injected labels stay text."""

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from kg.build import build
from kg.load.dataset import Project
from kg.query import analytics
from kg.query.engine import Engine

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
HOSTILE_PERSON = '<img src=x onerror="window.__pwned=1">'
HOSTILE_EVENT = '</script><script>window.__pwned=2</script>'
INJECTION = f"""# A contribution with hostile strings, to prove the views escape everything.
sources:
  - key: injection-test
    url: https://example.org/injection
    title: "Injection test <b>bold</b>"
people:
  - key: hostile-person
    name: '{HOSTILE_PERSON}'
events:
  - key: hostile-event
    kind: round-table
    name: '{HOSTILE_EVENT}'
    municipality: Altena
    organisers: [suedwestfalen-agentur]
    participants:
      - person: hostile-person
        did: welcomed
        role_as_stated: 'href="javascript:alert(3)"'
        on_behalf_of: Stadt Altena
"""
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The real data plus the hostile contribution, built with views."""
    import shutil
    root = tmp_path_factory.mktemp("site")
    for folder in ("ontology", "data", "queries"):
        shutil.copytree(ROOT / folder, root / folder)
    (root / "data" / "events" / "injection.yaml").write_text(INJECTION, encoding="utf-8")
    build(Project(root), root / "dist")
    return root / "dist"


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Visit:
    """Opens a page and records every request, console error and dialog."""

    def __init__(self, browser, path: Path, drawn: bool | None = None, state: str = ""):
        self.page = browser.new_page(viewport={"width": 1366, "height": 768})
        self.requests, self.errors, self.dialogs = [], [], []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.url = path.as_uri()
        self.page.goto(self.url + state)
        if drawn if drawn is not None else bool(self.page.query_selector("#graph")):
            self.page.wait_for_selector("body[data-ready=true]", timeout=20000)  # a network, once drawn

    def shot(self, name: str):
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / name))


def test_network_offline_no_errors_expected_nodes_and_search(site, browser):
    visit = Visit(browser, site / "network.html")
    assert visit.requests == [visit.url], "the page may load nothing but itself"
    assert visit.errors == []
    engine = Engine.from_nquads(site / "swf-kg.nq")
    network = analytics.build_network(engine, ROOT / "queries", "de")
    linked = sum(1 for n in network.graph if network.graph.degree(n) > 0)
    assert visit.page.evaluate("window.kgNetwork.body.data.nodes.length") == linked
    assert visit.page.inner_text("#count") == f"{linked} Knoten"
    visit.page.fill("#search", "Altena")
    visit.page.press("#search", "Enter")
    assert visit.page.inner_text("#search-result") == "Stadt Altena – Kommune"
    assert visit.page.inner_text("#info h3") == "Stadt Altena"
    assert "Uwe Kober" in visit.page.inner_text("#info")
    visit.shot("network.png")


def test_tooltip_on_hover(site, browser):
    visit = Visit(browser, site / "network.html")
    node = "https://w3id.org/swf-kg/id/person/marie-ting"
    visit.page.evaluate(f"window.kgNetwork.focus('{node}', {{scale: 1.5, animation: false}})")
    x, y = visit.page.evaluate(f"""(() => {{ const p = window.kgNetwork.getPosition('{node}');
        const d = window.kgNetwork.canvasToDOM(p); const r = document.getElementById('graph').getBoundingClientRect();
        return [d.x + r.left, d.y + r.top]; }})()""")
    visit.page.mouse.move(x, y)
    tooltip = visit.page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5000)
    text = tooltip.inner_text()
    assert text.startswith("Marie Ting\nPerson")
    assert "Geschäftsführung der Südwestfalen Agentur GmbH – Südwestfalen Agentur GmbH (2021)" in text


def test_injected_labels_stay_text(site, browser):
    visit = Visit(browser, site / "network.html")
    assert visit.errors == [] and visit.dialogs == []
    assert visit.page.evaluate("window.__pwned") is None
    assert visit.page.evaluate("document.querySelectorAll('img').length") == 0
    visit.page.fill("#search", HOSTILE_PERSON)
    visit.page.press("#search", "Enter")
    assert visit.page.inner_text("#info h3") == HOSTILE_PERSON
    assert HOSTILE_EVENT in visit.page.inner_text("#info")
    assert visit.page.evaluate("window.__pwned") is None
    page = visit.page.content()
    assert HOSTILE_PERSON not in page and "</script><script>window.__pwned" not in page
    edition = Visit(browser, site / "editions" / "hostile-event.html")
    assert edition.page.evaluate("window.__pwned") is None and edition.dialogs == [] and edition.errors == []
    assert HOSTILE_PERSON in edition.page.inner_text(".extra")
    assert edition.page.inner_text("header h1") == HOSTILE_EVENT


def test_focus_view(site, browser, tmp_path):
    from kg.views.site import focus_view
    name, page = focus_view(Engine.from_nquads(site / "swf-kg.nq"), ROOT / "queries", "Uwe Kober", 2, "en")
    (site / name).write_text(page, encoding="utf-8")
    visit = Visit(browser, site / name)
    assert visit.requests == [visit.url] and visit.errors == []
    labels = visit.page.evaluate("window.kgNetwork.body.data.nodes.get().map(n => n.label)")
    assert {"Uwe Kober", "Stadt Altena", "21. Runder Tisch „Willkommen in Südwestfalen“"} <= set(labels)
    assert visit.page.inner_text("header h1") == "Neighbourhood of Uwe Kober (depth 2)"
    visit.shot("focus-uwe-kober.png")


def test_map_offline_search_and_tooltip(site, browser):
    visit = Visit(browser, site / "map.html")
    assert visit.requests == [visit.url] and visit.errors == []
    assert visit.page.evaluate("document.querySelectorAll('path.m').length") == 59
    assert visit.page.evaluate("document.querySelectorAll('path.d').length") == 5
    visit.page.fill("#search", "Altena")
    visit.page.press("#search", "Enter")
    assert visit.page.inner_text("#search-result") == "Altena"
    assert visit.page.get_attribute("path.m.hit", "data-ags") == "05962004"
    visit.page.fill("#search", "Ludenscheid")  # umlauts folded, as on the other pages
    visit.page.press("#search", "Enter")
    assert visit.page.inner_text("#search-result") == "Lüdenscheid"
    visit.page.fill("#search", "Altena")
    visit.page.press("#search", "Enter")
    assert "Altena (Märkischer Kreis)" in visit.page.inner_text("#info")
    # place names on the map where they are readable (here, at 1366 px), every place once
    names = visit.page.evaluate("[...document.querySelectorAll('.names text')].map(t => t.textContent)")
    assert "Altena" in names
    assert len(names) == len(set(names)) == visit.page.evaluate("document.querySelectorAll('path.m').length")
    assert visit.page.is_visible(".names text") and visit.page.get_attribute("#mapbox svg", "class") in (None, "")
    visit.page.hover("path.m[data-ags='05962060']")
    assert visit.page.inner_text("#tip").startswith("Werdohl (Märkischer Kreis)\nRunde Tische ausgerichtet: 2")
    visit.shot("map.png")


def test_index_links_every_view_and_query_result(site, browser):
    visit_page = browser.new_page()
    visit_page.goto((site / "index.html").as_uri())
    hrefs = visit_page.evaluate("[...document.querySelectorAll('a')].map(a => a.getAttribute('href'))")
    assert {"network.html", "map.html", "editions/runder-tisch-21.html", "queries/editions-in-order.csv"} <= set(hrefs)
    for href in hrefs:
        assert href.startswith("#") or (site / href).is_file(), href


def test_map_legend_has_one_class_per_range_for_every_measure(site, browser):
    """Each legend row is a distinct range, and each municipality is shaded in the row whose range
    holds its value (the legend once read "0, ≤1, ≤1, ≤2" and gave one round table the "≤2" colour)."""
    visit = Visit(browser, site / "map.html")
    measures = visit.page.evaluate("[...document.querySelectorAll('#measure option')].map(o => o.value)")
    assert len(measures) >= 2
    for measure in measures:
        visit.page.select_option("#measure", measure)
        labels = visit.page.evaluate("[...document.querySelectorAll('#legend div')].map(d => d.textContent.trim())")
        assert labels[0] == "0" and len(labels) == len(set(labels)), (measure, labels)
        ranges = [(0, 0)]
        for label in labels[1:]:
            low, _, high = label.partition("–")
            ranges.append((int(low), int(high or low)))
        assert all(ranges[i][1] < ranges[i + 1][0] for i in range(len(ranges) - 1)), (measure, labels)
        shaded = visit.page.evaluate(
            "(key) => { const d = JSON.parse(document.getElementById('map-data').textContent);"
            " return [...document.querySelectorAll('path.m')].map(p => [(d.metrics[p.dataset.ags] || {})[key] || 0,"
            " Number(p.dataset.cls)]); }", measure)
        for value, cls in shaded:
            assert ranges[cls][0] <= value <= ranges[cls][1], (measure, value, cls, labels)
        assert max(v for v, _ in shaded) == ranges[-1][1]
    assert visit.errors == []


# Item pages, search, shareable state, phone, exports ---------------------------------------------

def _editions_in_order(site):
    from kg.query.catalog import bind, load_catalog
    engine = Engine.from_nquads(site / "swf-kg.nq")
    query = load_catalog(ROOT / "queries")["editions-in-order"]
    return [row[0] for row in engine.select(query.text, bind(query, {"lang": "de"}), hide=query.params).values()]


def _index_search(visit, text):
    visit.page.fill("#find", text)
    return visit.page.evaluate("[...document.querySelectorAll('#hits li')].map(li => [li.querySelector('a').textContent,"
                               " li.querySelector('a').getAttribute('href')])")


def test_index_search_finds_what_people_mean(site, browser):
    """Exact names first, then starts, words and close spellings, umlauts folded both ways."""
    visit = Visit(browser, site / "index.html")
    assert visit.requests == [visit.url] and visit.errors == []
    assert _index_search(visit, "Winterberg")[0] == ["Winterberg", "id/municipality/05958048.html"]
    assert ["Hubertus Winterberg", "id/person/hubertus-winterberg.html"] in _index_search(visit, "Winterberg")
    assert _index_search(visit, "Olpe")[0][0] == "Olpe"
    assert _index_search(visit, "Ludenscheid")[0][0] == "Lüdenscheid"
    assert _index_search(visit, "luedenscheid")[0][0] == "Lüdenscheid"
    assert _index_search(visit, "Marie Tng")[0] == ["Marie Ting", "id/person/marie-ting.html"]
    assert _index_search(visit, "qqqxxyz") == []
    assert visit.page.inner_text("#find-status") == "Nichts gefunden."
    visit.page.fill("#find", "Marie Ting")
    visit.page.press("#find", "Enter")
    visit.page.wait_for_url("**/id/person/marie-ting.html")
    assert visit.page.inner_text("h1") == "Marie Ting"
    visit.shot("index-search.png")


def test_person_page_facts_roles_activities_with_sources(site, browser):
    visit = Visit(browser, site / "id" / "person" / "marie-ting.html")
    assert visit.requests == [visit.url] and visit.errors == []
    text = visit.page.inner_text("main")
    assert "Funktionen im Lauf der Zeit" in text and "Bei Veranstaltungen" in text
    assert "Leiterin des Regionalmarketings – Südwestfalen Agentur GmbH" not in text  # roles are in their own table
    # every role row names at least one source, as a link to its address
    links_per_role = visit.page.evaluate(
        "[...[...document.querySelectorAll('section')].find(s => s.querySelector('h2').textContent"
        " === 'Funktionen im Lauf der Zeit').querySelectorAll('tbody tr')]"
        ".map(tr => [...tr.querySelectorAll('td:last-child a.src')].filter(a => /^https?:/.test(a.href)).length)")
    assert len(links_per_role) >= 2 and min(links_per_role) >= 1
    # the 21st round table is among her events, linked to its page
    assert visit.page.get_attribute("a:text('21. Runder Tisch „Willkommen in Südwestfalen“')", "href") == "../event/runder-tisch-21.html"
    # breadcrumb back to the list of people and to the start page
    assert visit.page.evaluate("[...document.querySelectorAll('nav.crumbs a:not(.switch)')].map(a => a.getAttribute('href'))") == [
        "../../index.html", "index.html"]
    visit.shot("item-marie-ting.png")


def test_edition_item_page_everything_recorded_and_series_neighbours(site, browser):
    order = _editions_in_order(site)
    label = "21. Runder Tisch „Willkommen in Südwestfalen“"
    visit = Visit(browser, site / "id" / "event" / "runder-tisch-21.html")
    assert visit.errors == []
    # (property, value) of every row; a property's heading spans all its rows, so a later source
    # adding a second value does not change these
    facts = {tuple(pair) for pair in visit.page.evaluate(
        "(() => { let prop = null; return [...document.querySelectorAll('table.facts tbody tr')].map(tr => {"
        " const th = tr.querySelector('th'); if (th) prop = th.childNodes[0].textContent.trim();"
        " return [prop, tr.querySelector('td').textContent.trim()]; }); })()")}
    assert ("Teilnahme", "ca. 30 Personen („rund 30 Teilnehmenden“)") in facts
    assert ("Gastgeber", "Stadt Altena") in facts and ("Ausgabe Nr.", "21") in facts
    at = order.index(label)
    if at > 0:
        assert visit.page.inner_text("a[rel=prev]") == f"← Vorige Ausgabe: {order[at - 1]}"
    if at + 1 < len(order):
        assert visit.page.inner_text("a[rel=next]") == f"Nächste Ausgabe: {order[at + 1]} →"
    else:
        assert visit.page.query_selector("a[rel=next]") is None
    participants = visit.page.evaluate(
        "[...[...document.querySelectorAll('section')].find(s => s.querySelector('h2').textContent === 'Mitwirkende')"
        ".querySelectorAll('tbody tr td:first-child')].map(td => td.textContent)")
    assert {"Marie Ting", "Uwe Kober"} <= set(participants)
    assert visit.page.get_attribute("a:text('Netzwerk dieser Ausgabe (interaktiv)')", "href") == "../../editions/runder-tisch-21.html"
    visit.page.emulate_media(media="print")
    assert visit.page.evaluate("getComputedStyle(document.querySelector('nav.crumbs')).display") == "none"
    visit.shot("item-runder-tisch-21.png")


def test_timeline_lists_the_series_in_order(site, browser):
    visit = Visit(browser, site / "timeline.html")
    assert visit.errors == []
    labels = visit.page.evaluate("[...document.querySelectorAll('table.timeline tbody tr td:nth-child(3)')].map(td => td.textContent)")
    assert labels == _editions_in_order(site)


def test_every_link_of_the_site_resolves(site):
    """Every relative link of every page, in both languages, points to a file the build wrote
    (index, kinds, items, editions, views, exports, the other language), and every link to a
    term of the ontology page to a term it explains."""
    import re
    from urllib.parse import unquote
    pages = sorted(site.rglob("*.html"))
    assert (site / "id" / "person" / "index.html") in pages and (site / "en" / "id" / "person" / "index.html") in pages
    anchors = {}
    for page in pages:
        for link in re.findall(r'href="([^"]+)"', page.read_text(encoding="utf-8")):
            href, _, fragment = link.partition("#")
            if not href or href.startswith(("http://", "https://", "data:")):
                continue
            target = (page.parent / unquote(href)).resolve()
            assert target.is_file(), (page.relative_to(site), href)
            if fragment and target.name == "ontology.html":
                if target not in anchors:
                    anchors[target] = set(re.findall(r' id="([^"]+)"', target.read_text(encoding="utf-8")))
                assert fragment in anchors[target], (page.relative_to(site), link)
    assert len(anchors) == 2  # item pages of both languages link their properties to the ontology page


def test_the_two_languages_link_to_each_other(site, browser):
    visit = Visit(browser, site / "id" / "person" / "marie-ting.html")
    assert visit.page.get_attribute("a.switch", "hreflang") == "en"
    visit.page.click("a.switch")
    visit.page.wait_for_url("**/en/id/person/marie-ting.html")
    assert visit.page.evaluate("document.documentElement.lang") == "en"
    assert visit.page.inner_text("nav.crumbs").startswith("Home › People › Marie Ting")
    headings = visit.page.evaluate("[...document.querySelectorAll('h2')].map(h => h.textContent)")
    assert headings[:3] == ["Facts", "Roles over time", "At events"]
    visit.page.click("a.switch")
    visit.page.wait_for_url("**/dist/id/person/marie-ting.html")
    assert visit.page.inner_text("h2") == "Angaben"
    network = Visit(browser, site / "en" / "network.html")
    assert network.errors == [] and network.page.get_attribute("a.switch", "href") == "../network.html"
    assert network.page.inner_text("#count").endswith(" nodes")


def test_a_property_leads_to_the_ontology_page(site, browser):
    visit = Visit(browser, site / "id" / "event" / "runder-tisch-21.html")
    visit.page.click("a.term:text-is('Teilnahme')")
    visit.page.wait_for_url("**/ontology.html#attendance")
    row = visit.page.inner_text("tr:target")
    assert row.startswith("Teilnahme\nhttps://w3id.org/swf-kg/ontology#attendance")
    sections = visit.page.evaluate("[...document.querySelectorAll('section h2')].map(h => h.textContent)")
    assert sections[0] == "Klassen" and sections[-1] == "Mitbenutzte Begriffe anderer Vokabulare"
    assert visit.errors == []


def test_hostile_item_page_stays_text(site, browser):
    visit = Visit(browser, site / "id" / "person" / "hostile-person.html")
    assert visit.errors == [] and visit.dialogs == [] and visit.page.evaluate("window.__pwned") is None
    assert visit.page.inner_text("h1") == HOSTILE_PERSON
    assert visit.page.evaluate("document.querySelectorAll('img').length") == 0


def test_network_search_choices_filters_and_shareable_state(site, browser):
    visit = Visit(browser, site / "network.html")
    page = visit.page
    # a name many things share at the same rank: a list to choose from, and a choice selects
    page.fill("#search", "Runder Tisch")
    page.press("#search", "Enter")
    assert page.inner_text("#search-result") == "Mehrere Treffer – bitte wählen:"
    choices = page.query_selector_all("#choices button")
    assert len(choices) >= 2
    first = choices[0].inner_text().rsplit(" – ", 1)[0]
    choices[0].click()
    assert page.inner_text("#info h3") == first and visit.errors == []
    # a person hidden by the kind filter: said so, and one click shows it
    page.uncheck("input[data-kind=person]")
    page.fill("#search", "Marie Ting")
    page.press("#search", "Enter")
    assert page.inner_text("#search-result") == "„Marie Ting“ ist durch einen Filter ausgeblendet."
    assert "hide=person" in page.evaluate("location.hash")
    page.click("#choices button")
    assert page.inner_text("#info h3") == "Marie Ting"
    assert page.is_checked("input[data-kind=person]")
    state = page.evaluate("location.hash")
    assert "q=Marie%20Ting" in state and "sel=" in state
    # the link reopens the view as it was
    again = Visit(browser, site / "network.html", state=state)
    assert again.page.inner_text("#info h3") == "Marie Ting"
    assert again.page.input_value("#search") == "Marie Ting"
    hidden = Visit(browser, site / "network.html", state="#hide=event,topic&d=M%C3%A4rkischer%20Kreis")
    assert not hidden.page.is_checked("input[data-kind=event]")
    assert hidden.page.input_value("#district") == "Märkischer Kreis"
    assert visit.errors == [] and again.errors == [] and hidden.errors == []
    # the info panel links to the item page
    assert page.get_attribute("#info a", "href") == "id/person/marie-ting.html"


def test_network_png_export(site, browser):
    visit = Visit(browser, site / "network.html")
    with visit.page.expect_download() as download:
        visit.page.click("#png")
    data = Path(download.value.path()).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10000
    assert download.value.suggested_filename == "Netzwerk-Regionalmarketing-Südwestfalen.png"


def test_phone_layout(site, browser):
    """At 390 px the panel folds away, the graph gets the full width, and no page scrolls sideways."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((site / "network.html").as_uri())
    page.wait_for_selector("body[data-ready=true]", timeout=20000)
    assert page.evaluate("document.getElementById('graph').clientWidth") == 390
    assert page.evaluate("document.getElementById('graph').clientHeight") >= 400
    assert page.evaluate("document.getElementById('filters').open") is False
    page.screenshot(path=str(ARTIFACTS / "network-phone.png"))
    for name in ("index.html", "id/person/marie-ting.html", "id/event/runder-tisch-21.html", "timeline.html",
                 "map.html"):
        page.goto((site / name).as_uri())
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, name
    assert page.get_attribute("#mapbox svg", "class") == "small"  # names too small to read: left to the hover
    page.screenshot(path=str(ARTIFACTS / "map-phone.png"))
    assert errors == []


def test_controls_have_labels(site, browser):
    for name in ("network.html", "index.html", "map.html"):
        visit = Visit(browser, site / name)
        unlabelled = visit.page.evaluate(
            "[...document.querySelectorAll('input, select, button')].filter(e => !(e.labels && e.labels.length)"
            " && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby') && !e.textContent.trim())"
            ".map(e => e.id || e.outerHTML.slice(0, 60))")
        assert unlabelled == [], (name, unlabelled)


def test_exports_read_back(site):
    import json

    import networkx as nx
    engine = Engine.from_nquads(site / "swf-kg.nq")
    network = analytics.build_network(engine, ROOT / "queries", "de")
    for graph in (nx.read_graphml(site / "exports" / "network.graphml"), nx.read_gexf(site / "exports" / "network.gexf")):
        assert set(graph.nodes) == set(network.graph.nodes)
        assert graph.number_of_edges() == network.graph.number_of_edges()
    graphml = nx.read_graphml(site / "exports" / "network.graphml")
    marie = graphml.nodes["https://w3id.org/swf-kg/id/person/marie-ting"]
    assert (marie["label"], marie["kind"], marie["page"]) == ("Marie Ting", "person", "id/person/marie-ting.html")
    geo = json.loads((site / "exports" / "municipalities.geojson").read_text(encoding="utf-8"))
    reference = json.loads((ROOT / "data" / "refdata" / "municipalities.geojson").read_text(encoding="utf-8"))
    assert len(geo["features"]) == len(reference["features"])
    assert geo["attribution"].startswith("© GeoBasis-DE / BKG")
    altena = next(f for f in geo["features"] if f["properties"]["ags"] == "05962004")
    assert altena["properties"]["name"] == "Altena" and altena["properties"]["hosted"] >= 1
    assert altena["properties"]["page"] == "id/municipality/05962004.html"
    import csv
    rows = list(csv.reader((site / "exports" / "items.csv").read_text(encoding="utf-8").splitlines()))
    assert rows[0] == ["Art", "Name", "Beschreibung", "IRI", "Seite"]
    marie = next(r for r in rows if r[3] == "https://w3id.org/swf-kg/id/person/marie-ting")
    assert (marie[0], marie[1], marie[4]) == ("Person", "Marie Ting", "id/person/marie-ting.html")  # any description
    assert len({r[3] for r in rows[1:]}) == len(rows) - 1  # one row per thing
