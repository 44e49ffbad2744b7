"""Writes query results: a readable table, or the standard SPARQL 1.1 result formats.

CSV and TSV follow "SPARQL 1.1 Query Results CSV and TSV Formats", JSON follows "SPARQL 1.1
Query Results JSON Format"; graphs (CONSTRUCT, DESCRIBE) are written as Turtle.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata

import pyoxigraph as ox

from kg.iris import PREFIXES
from kg.query.engine import NUMERIC_TYPES, SelectResult

XSD = "http://www.w3.org/2001/XMLSchema#"

__all__ = ["csv_cell", "FORMATS", "render_any", "render_select", "render_graph", "render_boolean", "to_json", "to_csv", "to_tsv", "to_xml",
           "to_table"]

FORMATS = ("table", "csv", "json", "tsv")


def to_json(result: SelectResult) -> str:
    """The SPARQL JSON results, laid out exactly as ``json.dumps(..., ensure_ascii=False, indent=2)``
    lays them out (tested), but written line by line: with ``indent`` the json module falls back
    to its pure-Python encoder, which took ~2 s of a build at 100k triples. Only the strings are
    encoded by the json module (its C string encoder)."""
    enc = json.encoder.encode_basestring
    columns = [enc(c) for c in result.columns]
    pad = "\n          "

    def term_json(term) -> str:
        if isinstance(term, ox.NamedNode):
            return f'{pad}"type": "uri",{pad}"value": {enc(term.value)}'
        if isinstance(term, ox.BlankNode):
            return f'{pad}"type": "bnode",{pad}"value": {enc(term.value)}'
        text = f'{pad}"type": "literal",{pad}"value": {enc(term.value)}'
        if term.language:
            return f'{text},{pad}"xml:lang": {enc(term.language)}'
        datatype = term.datatype.value
        return text if datatype == XSD + "string" else f'{text},{pad}"datatype": {enc(datatype)}'

    def binding(row) -> str:
        values = [f"        {c}: {{{term_json(term)}\n        }}" for c, term in zip(columns, row) if term is not None]
        return "      {\n" + ",\n".join(values) + "\n      }" if values else "      {}"

    def block(lines: list[str]) -> str:
        return "[\n" + ",\n".join(lines) + "\n    ]" if lines else "[]"

    return ('{\n  "head": {\n    "vars": ' + block([f"      {c}" for c in columns])
            + '\n  },\n  "results": {\n    "bindings": ' + block([binding(row) for row in result.rows])
            + "\n  }\n}\n")


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value) -> str:
    """A cell a spreadsheet shows as text: a value starting like a formula (=, +, -, @, tab, CR)
    gets a leading apostrophe, as OWASP recommends against CSV injection. Typed numbers stay as
    they are (a number is never a formula)."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else value.value
    numeric = isinstance(value, ox.Literal) and value.datatype.value in NUMERIC_TYPES
    return "'" + text if text.startswith(_FORMULA_START) and not numeric else text


def to_csv(result: SelectResult) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([csv_cell(c) for c in result.columns])
    for row in result.rows:
        writer.writerow([csv_cell(v) for v in row])
    return buffer.getvalue()


def _tsv_term(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.Literal) and term.datatype.value in (
            "http://www.w3.org/2001/XMLSchema#integer", "http://www.w3.org/2001/XMLSchema#decimal",
            "http://www.w3.org/2001/XMLSchema#double", "http://www.w3.org/2001/XMLSchema#boolean"):
        return term.value
    return str(term).replace("\t", "\\t").replace("\n", "\\n")


def to_tsv(result: SelectResult) -> str:
    lines = ["\t".join(f"?{c}" for c in result.columns)]
    lines += ["\t".join(_tsv_term(v) for v in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def to_table(result: SelectResult, max_width: int = 60) -> str:
    """Aligned columns for a terminal; long values are cut with "…"."""
    def cell(value) -> str:
        text = "" if value is None else " ".join(value.value.split())
        return text if len(text) <= max_width else text[: max_width - 1] + "…"
    rows = [[cell(v) for v in row] for row in result.rows]
    widths = [max([_width(c)] + [_width(r[i]) for r in rows]) for i, c in enumerate(result.columns)]
    def line(cells):
        return "  ".join(c + " " * (w - _width(c)) for c, w in zip(cells, widths)).rstrip()
    out = [line(result.columns), line(["-" * w for w in widths])] + [line(r) for r in rows]
    return "\n".join(out) + "\n"


def to_xml(result: SelectResult) -> str:
    """SPARQL Query Results XML Format (escaped by the XML writer)."""
    from xml.etree import ElementTree as ET
    ns = "http://www.w3.org/2005/sparql-results#"
    root = ET.Element("sparql", {"xmlns": ns})
    head = ET.SubElement(root, "head")
    for column in result.columns:
        ET.SubElement(head, "variable", {"name": column})
    results = ET.SubElement(root, "results")
    for row in result.rows:
        solution = ET.SubElement(results, "result")
        for column, term in zip(result.columns, row):
            if term is None:
                continue
            binding = ET.SubElement(solution, "binding", {"name": column})
            if isinstance(term, ox.NamedNode):
                ET.SubElement(binding, "uri").text = term.value
            elif isinstance(term, ox.BlankNode):
                ET.SubElement(binding, "bnode").text = term.value
            else:
                attributes = {"xml:lang": term.language} if term.language else \
                    {} if term.datatype.value == XSD + "string" else {"datatype": term.datatype.value}
                ET.SubElement(binding, "literal", attributes).text = term.value
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def render_select(result: SelectResult, fmt: str) -> str:
    return {"table": to_table, "csv": to_csv, "json": to_json, "tsv": to_tsv, "xml": to_xml}[fmt](result)


def render_graph(triples) -> str:
    """CONSTRUCT / DESCRIBE results as Turtle: each statement once, sorted, with the project's prefixes."""
    unique = sorted(set(triples), key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    return ox.serialize(unique, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES).decode("utf-8")


def render_boolean(value: bool, fmt: str) -> str:
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": bool(value)}) + "\n"
    return ("true" if value else "false") + "\n"


def render_any(raw, fmt: str, hide=(), concats: dict[str, str] | None = None) -> str:
    """Any query form's result from pyoxigraph: a table format for SELECT, true/false for ASK,
    Turtle for CONSTRUCT and DESCRIBE. Columns in ``hide`` (the parameters) are left out;
    ``concats`` are the GROUP_CONCAT columns (see ``kg.query.portable``)."""
    if isinstance(raw, ox.QuerySolutions):
        return render_select(SelectResult.from_solutions(raw, hide, concats), fmt)
    if isinstance(raw, ox.QueryBoolean):
        return render_boolean(bool(raw), fmt)
    return render_graph(raw)
