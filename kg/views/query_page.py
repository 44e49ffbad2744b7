"""The query page of ``kg serve`` (``/query``): an editor with the catalog as examples, parameters
as form fields, results as a table with downloads, and the query kept in the address so that a
link reproduces it. It only works behind ``kg serve`` (it asks ``/query/run``), so ``kg build``
does not publish it."""

from __future__ import annotations

from kg.views.render import render

__all__ = ["query_page"]

WORDS = {
    "de": {"home": "Startseite", "title": "SPARQL-Abfrage", "examples": "Beispiel aus dem Katalog",
           "own": "– eigene Abfrage –", "editor": "Abfrage (SPARQL)", "run": "Ausführen",
           "params": "Parameter", "link": "Link zu dieser Abfrage", "download": "Herunterladen:",
           "rows": "{n} Zeilen in {ms} ms", "graph": "Ein Graph (Turtle) in {ms} ms", "running": "Läuft …",
           "yes": "Ergebnis: ja", "no": "Ergebnis: nein", "empty": "Keine Ergebnisse.",
           "failed": "Die Abfrage ist fehlgeschlagen (HTTP {status}):",
           "intro": "Fragen Sie den Graphen mit SPARQL. Parameter werden als RDF-Werte gebunden, nie in den "
                    "Text eingefügt. Maschinen erreichen denselben Graphen unter /sparql (SPARQL 1.1 Protocol).",
           "edited": "Bearbeitet – die Parameter gelten weiter."},
    "en": {"home": "Home", "title": "SPARQL query", "examples": "Example from the catalog",
           "own": "– your own query –", "editor": "Query (SPARQL)", "run": "Run",
           "params": "Parameters", "link": "Link to this query", "download": "Download:",
           "rows": "{n} rows in {ms} ms", "graph": "A graph (Turtle) in {ms} ms", "running": "Running …",
           "yes": "Result: yes", "no": "Result: no", "empty": "No results.",
           "failed": "The query failed (HTTP {status}):",
           "intro": "Ask the graph with SPARQL. Parameters are bound as RDF values, never pasted into the text. "
                    "Machines reach the same graph at /sparql (SPARQL 1.1 Protocol).",
           "edited": "Edited – the parameters still apply."},
}


def query_page(catalog: dict, lang: str, switch: dict | None = None) -> str:
    """The page in ``lang`` with every catalog query (``kg.query.catalog``) as an example."""
    words = WORDS[lang]
    examples = [{"name": name, "summary": query.summary[lang], "text": query.text,
                 "params": [{"name": p.name, "type": p.type, "default": p.default, "optional": p.optional,
                             "description": p.description} for p in query.params.values() if p.name != "lang"]}
                for name, query in sorted(catalog.items())]
    return render("query.html", lang=lang, w=words, title=words["title"], home="/", switch=switch,
                  data={"examples": examples, "words": words, "lang": lang})
