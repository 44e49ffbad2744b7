"""The query page of kg serve in a real headless Chromium: pick an example, run it, share the link,
see a broken query explained, and hostile values stay text."""

from __future__ import annotations

import httpx
import pytest
from playwright.sync_api import sync_playwright

from tests.stores import start_server, stop
from tests.test_views_browser import CHROMIUM_ARGS


@pytest.fixture(scope="module")
def server(built_project):
    process, base, _log = start_server(built_project, "--timeout", "10", "--workers", "2")
    yield base
    stop(process)


@pytest.fixture(scope="module")
def page():
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        tab = chromium.new_page(locale="en-GB", extra_http_headers={"Accept-Language": "en"})
        errors = []
        tab.on("pageerror", lambda e: errors.append(str(e)))
        tab.errors = errors
        yield tab
        chromium.close()


def table(page) -> list[list[str]]:
    return page.eval_on_selector_all("#results tbody tr",
                                     "rows => rows.map(r => Array.from(r.cells).map(c => c.textContent))")


def test_an_example_runs_and_its_link_reproduces_it(server, page, built_project):
    page.goto(server + "/query")
    assert page.inner_text("h1") == "SPARQL query"
    page.select_option("#example", "people-at-several-editions")
    assert page.input_value("#editor").startswith("#+ summary:")
    page.click("#run")
    page.wait_for_selector("#results table")
    rows = table(page)
    assert rows and all(int(r[1]) >= 2 for r in rows)
    assert page.inner_text("#status").startswith(f"{len(rows)} rows in ")
    link = page.get_attribute("#share", "href")
    assert link == "/query?name=people-at-several-editions&lang=en"
    assert page.url == server + link
    csv_link = page.get_attribute("#downloads a[data-format=csv]", "href")
    published = (built_project / "dist" / "queries" / "people-at-several-editions.csv").read_bytes()  # no language
    assert httpx.get(server + csv_link).content == published

    page.goto(server + link)   # a shared link runs the same query again
    page.wait_for_selector("#results table")
    assert table(page) == rows
    assert page.errors == []


def test_parameters_are_fields_and_an_edited_query_keeps_them(server, page):
    page.goto(server + "/query?name=who-did-what-at-edition&edition=21&lang=en")
    page.wait_for_selector("#results table")
    assert page.input_value("#param-edition") == "21"
    at21 = table(page)
    page.fill("#param-edition", "20")
    page.click("#run")
    page.wait_for_function("document.querySelector('#share').getAttribute('href').includes('edition=20')")
    page.wait_for_selector("#results table")
    assert table(page) != at21
    page.fill("#editor", page.input_value("#editor").replace("ORDER BY", "ORDER BY DESC(?who)", 1))
    assert page.is_visible("#edited")
    page.click("#run")
    page.wait_for_selector("#results table")
    shared = page.get_attribute("#share", "href")
    assert "name=who-did-what-at-edition" in shared and "query=" in shared and "edition=20" in shared


def test_a_broken_query_is_explained_and_hostile_values_stay_text(server, page):
    page.goto(server + "/query")
    page.select_option("#example", "")
    page.fill("#editor", "SELECT * WHERE { ?s ?p }")
    page.click("#run")
    page.wait_for_selector("#error:not([hidden])")
    assert page.inner_text("#error-title") == "The query failed (HTTP 400):"
    assert page.inner_text("#error-text").startswith("query:1:25: error: The SPARQL query is broken")
    hostile = '<img src=x onerror="window.pwned=1">'
    page.fill("#editor", f"SELECT ?x WHERE {{ BIND('{hostile}' AS ?x) }}")
    page.click("#run")
    page.wait_for_selector("#results table")
    assert table(page) == [[hostile]]
    assert page.query_selector("#results img") is None and page.evaluate("window.pwned") is None
    page.fill("#editor", "SELECT ?x WHERE { BIND(<https://w3id.org/swf-kg/id/person/marie-ting> AS ?x) }")
    page.click("#run")
    page.wait_for_selector("#results table a")
    page.click("#results table a")
    page.wait_for_load_state()
    assert page.url == server + "/id/person/marie-ting"
    assert "Marie Ting" in page.inner_text("h1")
    assert page.errors == []
