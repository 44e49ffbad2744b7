"""What makes a query portable: binding by VALUES rows gives what pyoxigraph's substitution gives
(for every catalog query, and for hostile values), results are written as every engine writes
them, text garbled by Virtuoso's CONCAT is repaired, and content negotiation picks what the
client prefers."""

from __future__ import annotations

import pyoxigraph as ox
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.query.catalog import bind
from kg.query.portable import (
    canonical_value,
    concat_columns,
    inline_bindings,
    portable_row,
    portable_term,
    repair_mojibake,
)
from kg.serve.negotiate import best_match

XSD = "http://www.w3.org/2001/XMLSchema#"


def test_every_catalog_query_bound_by_values_gives_the_substituted_rows(engine, catalog):
    for query in catalog.values():
        for lang in ("de", "en") if "lang" in query.params else (None,):
            bindings = bind(query, {"lang": lang} if lang else {})
            substituted = engine.select(query.text, bindings, hide=query.params).values()
            inlined = engine.select(inline_bindings(query.text, bindings), hide=query.params).values()
            assert inlined == substituted, query.name


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=0, max_size=40))
def test_any_text_bound_by_values_stays_one_value(engine, text):
    query = 'SELECT ?x ?y WHERE { BIND(CONCAT(?x, "|") AS ?y) }'
    bound = inline_bindings(query, {"x": ox.Literal(text)})
    assert engine.select(bound, hide={"x"}).values() == [(text + "|",)]


def test_values_rows_go_into_every_group_but_not_into_data_blocks_or_templates():
    text = ('CONSTRUCT { ?s ?p ?lang } WHERE { VALUES ?p { <http://example.org/p> } '
            '{ SELECT ?s WHERE { ?s ?p ?o FILTER(?o = "{ not a group }") } } OPTIONAL { ?s ?p ?o } }')
    assert inline_bindings(text, {"lang": ox.Literal("de")}) == (
        'CONSTRUCT { ?s ?p ?lang } WHERE { VALUES (?lang) { ("de") }  VALUES ?p { <http://example.org/p> } '
        '{ SELECT ?s WHERE { VALUES (?lang) { ("de") }  ?s ?p ?o FILTER(?o = "{ not a group }") } } '
        'OPTIONAL { VALUES (?lang) { ("de") }  ?s ?p ?o } }')


def test_group_concat_columns_and_their_separators():
    assert concat_columns('SELECT (GROUP_CONCAT(DISTINCT STR(?u); separator=" ") AS ?sources) '
                          '(GROUP_CONCAT(?l; SEPARATOR=", ") AS ?labels) (GROUP_CONCAT(?x) AS ?plain) WHERE {}') == {
        "sources": " ", "labels": ", ", "plain": " "}


def test_values_are_written_as_every_engine_writes_them():
    tagged = ox.Literal("Zweite Runde, Erste Runde", language="de")
    assert portable_term(tagged, ", ") == ox.Literal("Erste Runde, Zweite Runde")      # sorted, plain string
    assert portable_term(ox.Literal(""), ", ") is None                                  # "" (Jena) = unbound (Oxigraph)
    assert canonical_value("305310.0", XSD + "decimal") == "305310"
    assert canonical_value("1.50", XSD + "decimal") == "1.5"
    assert canonical_value("1", XSD + "boolean") == "true" and canonical_value("0", XSD + "boolean") == "false"
    assert canonical_value("1", XSD + "integer") == "1" and canonical_value("1.0", None) == "1.0"
    row = (ox.Literal("b, a"), ox.Literal("b, a"))
    assert portable_row(row, ["parts", "other"], {"parts": ", "}) == (ox.Literal("a, b"), ox.Literal("b, a"))
    assert portable_row(row, ["parts", "other"], {}) is row   # nothing to do: the row as it is


GERMAN = st.text(alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyzABCXYZäöüÄÖÜß -–„“≈.,:()0123456789")),
                 max_size=60)


@given(GERMAN)
def test_text_garbled_once_or_twice_is_repaired_and_clean_text_is_left_alone(text):
    once = text.encode("utf-8").decode("latin-1")
    twice = once.encode("utf-8").decode("latin-1")
    assert repair_mojibake(text) == text
    assert repair_mojibake(once) == text
    assert repair_mojibake(twice) == text
    assert repair_mojibake("≈ " + once) == "≈ " + text   # a constant next to garbled data stays as it is


def test_content_negotiation_follows_the_clients_preferences():
    results = ["application/sparql-results+json", "application/sparql-results+xml", "text/csv",
               "text/tab-separated-values"]
    assert best_match(None, results) == "application/sparql-results+json"
    assert best_match("text/csv", results) == "text/csv"
    assert best_match("text/*;q=0.5, text/csv;q=0", results) == "text/tab-separated-values"
    assert best_match("application/json", results) == "application/sparql-results+json"
    assert best_match("image/png", results) is None
    assert best_match("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", results) == \
        "application/sparql-results+xml"
    assert best_match("text/html;q=0.9, text/turtle", ["text/html", "text/turtle"]) == "text/turtle"
    assert best_match("*/*", ["text/html", "text/turtle"]) == "text/html"


_IRIS = st.text(alphabet="abcxyz019-/é", max_size=12).map(lambda tail: ox.NamedNode("https://example.org/" + tail))
_TERMS = st.one_of(
    st.none(), _IRIS,
    st.text(alphabet="abc019", min_size=1, max_size=6).map(ox.BlankNode),
    st.text().map(ox.Literal),
    st.builds(lambda text, lang: ox.Literal(text, language=lang), st.text(), st.sampled_from(["de", "en", "de-ch"])),
    st.builds(lambda text, kind: ox.Literal(text, datatype=ox.NamedNode(XSD + kind)), st.text(),
              st.sampled_from(["integer", "date", "boolean", "string"])))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=8), max_size=4, unique=True).flatmap(
    lambda columns: st.tuples(st.just(columns), st.lists(st.tuples(*[_TERMS] * len(columns)), max_size=5))))
def test_json_results_are_laid_out_as_the_json_module_lays_them_out(table):
    """`to_json` writes its lines itself (for speed); the text is the json module's, to the byte."""
    import json

    from kg.query.engine import SelectResult
    from kg.query.results import to_json

    def term(value) -> dict:  # SPARQL 1.1 Query Results JSON Format, section 3.2.2
        if isinstance(value, ox.NamedNode):
            return {"type": "uri", "value": value.value}
        if isinstance(value, ox.BlankNode):
            return {"type": "bnode", "value": value.value}
        out = {"type": "literal", "value": value.value}
        if value.language:
            out["xml:lang"] = value.language
        elif value.datatype.value != XSD + "string":
            out["datatype"] = value.datatype.value
        return out

    columns, rows = table
    expected = json.dumps({"head": {"vars": columns}, "results": {"bindings": [
        {c: term(v) for c, v in zip(columns, row) if v is not None} for row in rows]}},
        ensure_ascii=False, indent=2) + "\n"
    assert to_json(SelectResult(columns, rows)) == expected
