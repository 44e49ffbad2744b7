"""ruamel.yaml's syntax errors, said in German and in plain English with what to do about them.

The parser's own words ("expected <block end>, but found '<block mapping start>'") are kept only
for messages this table does not know; those still name the file, line and column.
"""

from __future__ import annotations

import re

__all__ = ["explain"]

# (pattern of ruamel's problem text, German, English); groups may be used as {0}, {1}.
_MESSAGES = (
    (r"expected <block end>, but found '<block mapping start>'",
     "die Einrückung passt nicht: hier beginnt ein neuer Block mit Feldern, wo keiner erwartet wird",
     "the indentation does not fit: a new block of fields starts where none is expected"),
    (r"expected <block end>, but found '<block sequence start>'",
     "die Einrückung passt nicht: hier beginnt eine Liste, wo keine erwartet wird",
     "the indentation does not fit: a list starts where none is expected"),
    (r"expected <block end>, but found '(?:<scalar>|\w+)'",
     "die Einrückung passt nicht: hier steht ein Wert, wo ein neues Feld oder Listenelement erwartet wird",
     "the indentation does not fit: a value stands where a new field or list item is expected"),
    (r"expected <block end>, but found '-'",
     "die Einrückung passt nicht: ein Listenelement „-“ steht auf der falschen Ebene",
     "the indentation does not fit: a list item „-“ is on the wrong level"),
    (r"mapping values are not allowed (?:here|in this context)",
     "hier steht ein Doppelpunkt, wo kein neues Feld beginnen kann (ein Text mit Doppelpunkt gehört in Anführungszeichen)",
     "a colon stands where no new field can begin (a text containing a colon belongs in quotes)"),
    (r"found character '\\t' that cannot start any token|found a tab character.*",
     "Tabulatorzeichen sind nicht erlaubt",
     "tab characters are not allowed"),
    (r"found unexpected end of stream",
     "die Datei endet mitten in einem Wert (es fehlt ein schließendes Anführungszeichen oder eine Klammer)",
     "the file ends in the middle of a value (a closing quote or bracket is missing)"),
    (r'found duplicate key "(.*?)" with value "(.*?)" \(original value: "(.*?)"\)',
     "das Feld „{0}“ steht zweimal im selben Eintrag (mit „{2}“ und „{1}“)",
     "the field „{0}“ appears twice in the same entry (with „{2}“ and „{1}“)"),
    (r"but found another document",
     "die Datei enthält mehr als ein Dokument (eine Zeile „---“ mitten in der Datei)",
     "the file holds more than one document (a line „---“ in the middle of the file)"),
    (r"could not find expected ':'",
     "nach einem Feldnamen fehlt der Doppelpunkt",
     "the colon after a field name is missing"),
    (r"expected ',' or '\]', but got '?(.*?)'?$",
     "in einer Liste in eckigen Klammern fehlt ein Komma oder die schließende Klammer „]“",
     "a list in square brackets lacks a comma or its closing bracket „]“"),
    (r"expected ',' or '\}', but got '?(.*?)'?$",
     "in einem Eintrag in geschweiften Klammern fehlt ein Komma oder die schließende Klammer „}“",
     "an entry in curly brackets lacks a comma or its closing bracket „}“"),
    (r"found unknown escape character '(.*?)'",
     "in Anführungszeichen steht die unbekannte Escape-Folge „\\{0}“ (einen Rückstrich schreiben Sie als „\\\\“)",
     "the quoted text holds the unknown escape „\\{0}“ (write a backslash as „\\\\“)"),
    (r"found undefined alias '?(.*?)'?$",
     "der Verweis „*{0}“ zeigt auf keinen Anker „&{0}“",
     "the alias „*{0}“ points to no anchor „&{0}“"),
    (r"did not find expected key",
     "hier wird ein neues Feld erwartet (prüfen Sie Einrückung und Anführungszeichen)",
     "a new field is expected here (check indentation and quotes)"),
    (r"did not find expected '-' indicator",
     "hier wird ein neues Listenelement „- “ erwartet",
     "a new list item „- “ is expected here"),
    (r"expected a comment or a line break, but found '(.*?)'",
     "nach einem Wert in Anführungszeichen steht noch „{0}“ (gehört es in die Anführungszeichen?)",
     "„{0}“ follows a quoted value (does it belong inside the quotes?)"),
    (r"while parsing a flow (?:mapping|sequence).*",
     "eine Klammer ist nicht geschlossen",
     "a bracket is not closed"),
    (r"found unacceptable character #x([0-9a-fA-F]+).*",
     "die Datei enthält das unzulässige Zeichen U+{0}",
     "the file contains the character U+{0}, which is not allowed"),
)


def explain(problem: str) -> tuple[str, str]:
    """(German, English) for one of ruamel's problem texts."""
    text = " ".join(problem.split())
    for pattern, de, en in _MESSAGES:
        match = re.search(pattern, text)
        if match:
            groups = [g[:60] for g in match.groups()]
            return de.format(*groups), en.format(*groups)
    return f"YAML: {text}", f"YAML: {text}"
