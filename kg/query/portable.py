"""What makes a query give the same rows on every SPARQL engine.

Two concerns, both needed once queries leave the in-process store (``kg query --endpoint``, the
server's query page):

- **Binding without substitution.** pyoxigraph binds a parameter by substituting it in the
  algebra; a remote engine only receives query text. ``inline_bindings`` adds a one-row ``VALUES``
  block at the start of every group graph pattern, so the variable holds its value in every scope
  where substitution would have put it. The values are RDF terms serialised by pyoxigraph
  (N-Triples escaping), never the user's text: a quote or brace in a value cannot leave its literal.
- **Differences between engines in the rows.** The order of the parts of a ``GROUP_CONCAT``
  differs between engines (and between two Oxigraph stores of the same data); Oxigraph keeps a
  language tag on a ``GROUP_CONCAT`` of tagged strings where Jena and Virtuoso give a plain
  string; a decimal prints as ``305310`` in one engine and ``305310.0`` in another.
  ``portable_row`` sorts the parts of every ``GROUP_CONCAT`` column, drops the tag and writes
  decimals in one canonical form; the local engine applies it too, so published results do not
  depend on where a query ran.
"""

from __future__ import annotations

import re

import pyoxigraph as ox

__all__ = ["inline_bindings", "concat_columns", "portable_row", "portable_term", "canonical_value", "code_only",
           "repair_mojibake"]

_XSD_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"
_XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
_XSD_STRING = ox.NamedNode("http://www.w3.org/2001/XMLSchema#string")

_LITERALS_AND_COMMENTS = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>\s"{}|^`\\]*>|#[^\n]*')


def code_only(text: str) -> str:
    """The query with string literals, IRIs and comments blanked (same length, same lines), so
    that keywords and braces are only found where they are syntax."""
    return _LITERALS_AND_COMMENTS.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


_TOKEN = re.compile(r"[{}]|\b(?:VALUES|CONSTRUCT|SELECT|WHERE)\b", re.IGNORECASE)


def inline_bindings(text: str, bindings: dict) -> str:
    """``text`` with every binding (variable name → pyoxigraph term) stated as a ``VALUES`` row
    at the start of each group graph pattern. Braces of ``VALUES`` data blocks and of a
    ``CONSTRUCT`` template are left alone, and so is the brace that opens a sub-select (its own
    ``WHERE`` group gets the row)."""
    if not bindings:
        return text
    names = " ".join(f"?{str(k).lstrip('?$')}" for k in bindings)
    values = " ".join(str(term) for term in bindings.values())
    row = f" VALUES ({names}) {{ ({values}) }} "
    code = code_only(text)
    out, last = [], 0
    skip_next_brace = False   # the next "{" opens a VALUES data block or a CONSTRUCT template
    depth_skipped = []        # depths at which a skipped block was opened
    depth = 0
    tokens = list(_TOKEN.finditer(code))
    for i, token in enumerate(tokens):
        word = token.group(0).upper()
        if word == "VALUES":
            skip_next_brace = True
        elif word == "CONSTRUCT":
            following = tokens[i + 1].group(0).upper() if i + 1 < len(tokens) else ""
            skip_next_brace = following == "{"
        elif word == "{":
            depth += 1
            if skip_next_brace:
                skip_next_brace = False
                depth_skipped.append(depth)
                continue
            if depth_skipped:
                continue  # inside a data block or template
            following = tokens[i + 1].group(0).upper() if i + 1 < len(tokens) else ""
            if following == "SELECT":
                continue  # a sub-select: its WHERE group gets the row
            out.append(text[last:token.end()])
            out.append(row)
            last = token.end()
        elif word == "}":
            if depth_skipped and depth_skipped[-1] == depth:
                depth_skipped.pop()
            depth -= 1
    out.append(text[last:])
    return "".join(out)


_CONCAT = re.compile(
    r"\(\s*GROUP_CONCAT\s*\((?:[^;()]|\([^()]*\))*;\s*SEPARATOR\s*=\s*(\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*')\s*\)"
    r"\s+AS\s+\?(\w+)\s*\)", re.IGNORECASE)
_DEFAULT_SEPARATOR = re.compile(r"\(\s*GROUP_CONCAT\s*\((?:[^;()]|\([^()]*\))*\)\s+AS\s+\?(\w+)\s*\)", re.IGNORECASE)


def concat_columns(text: str) -> dict[str, str]:
    """The columns a query fills with ``GROUP_CONCAT``, with their separators."""
    columns = {}
    for match in _CONCAT.finditer(text):
        quoted = match.group(1)
        columns[match.group(2)] = bytes(quoted[1:-1], "utf-8").decode("unicode_escape") if "\\" in quoted \
            else quoted[1:-1]
    for match in _DEFAULT_SEPARATOR.finditer(text):
        columns.setdefault(match.group(1), " ")
    return columns


def _canonical_decimal(value: str) -> str:
    # imported only where a decimal is met: kg query starts faster
    from decimal import Decimal, InvalidOperation

    try:
        number = Decimal(value)
    except InvalidOperation:
        return value
    if number == number.to_integral_value():
        return str(number.quantize(Decimal(1)))
    return format(number.normalize(), "f")


def portable_term(term, separator: str | None):
    """A ``GROUP_CONCAT`` value as every engine would give it: its parts sorted, a plain string,
    unbound when empty (see the module's docstring)."""
    if not isinstance(term, ox.Literal):
        return term
    if not term.value:
        return None   # GROUP_CONCAT over nothing: unbound in Oxigraph, "" in Jena and Virtuoso
    value = separator.join(sorted(term.value.split(separator))) if separator else term.value
    return ox.Literal(value, datatype=_XSD_STRING)


def canonical_value(value: str, datatype: str | None) -> str:
    """A literal's lexical form as Oxigraph writes it, for results from other engines: decimals
    without a trailing ``.0``, booleans as true/false (Virtuoso writes 1 and 0)."""
    if datatype == _XSD_DECIMAL:
        return _canonical_decimal(value)
    if datatype == _XSD_BOOLEAN and value in ("1", "0"):
        return "true" if value == "1" else "false"
    return value


def portable_row(row: tuple, columns: list[str], concats: dict[str, str]) -> tuple:
    """``row`` with its ``GROUP_CONCAT`` columns made portable (the others are left as they are:
    the local engine already writes them canonically, remote results are made canonical when
    they are read)."""
    if not concats:
        return row
    return tuple(portable_term(v, concats[c]) if c in concats else v for v, c in zip(row, columns))


_MOJIBAKE = re.compile("[\u00c2-\u00f4][\u0080-\u00bf]{1,3}")


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 bytes read as Latin-1 ("SÃ¼dwestfalen" → "Südwestfalen"), run by run. Virtuoso 7.2's
    CONCAT does this to text from the data when a constant in the query has characters beyond ASCII
    (measured: CONCAT("≈ ", ?label)); German text never holds such runs itself."""
    def fix(match):
        try:
            return match.group(0).encode("latin-1").decode("utf-8")
        except UnicodeError:
            return match.group(0)
    for _ in range(3):   # text that went through CONCAT twice was garbled twice
        repaired = _MOJIBAKE.sub(fix, text)
        if repaired == text:
            break
        text = repaired
    return text
