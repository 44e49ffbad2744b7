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

    def __init__(self, browser, path: Path):
        self.page = browser.new_page(viewport={"width": 1366, "height": 768})
        self.requests, self.errors, self.dialogs = [], [], []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.url = path.as_uri()
        self.page.goto(self.url)
        self.page.wait_for_selector("body[data-ready=true]", timeout=20000)

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
    assert visit.page.inner_text("#search-result") == "Stadt Altena"
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
    assert "Altena (Märkischer Kreis)" in visit.page.inner_text("#info")
    visit.page.hover("path.m[data-ags='05962060']")
    assert visit.page.inner_text("#tip").startswith("Werdohl (Märkischer Kreis)\nRunde Tische ausgerichtet: 2")
    visit.shot("map.png")


def test_index_links_every_view_and_query_result(site, browser):
    visit_page = browser.new_page()
    visit_page.goto((site / "index.html").as_uri())
    hrefs = visit_page.evaluate("[...document.querySelectorAll('a')].map(a => a.getAttribute('href'))")
    assert {"network.html", "map.html", "editions/runder-tisch-21.html", "queries/editions-in-order.csv"} <= set(hrefs)
    for href in hrefs:
        assert (site / href).is_file(), href


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
