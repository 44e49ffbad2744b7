"""Writes the hostile corpus in tests/hostile/cases/: contributions that a hostile or merely unlucky
contributor could write, one mistake (or one strange but valid value) each.

Each case is a valid base contribution with one field replaced, or a file written by hand below
(YAML structure, Turtle, dates, numbers, keys). Keys carry the case's number, so every accepted case
can join the graph together with the others (tests/test_hostile.py builds them all at once).

    python -m tests.hostile.generate            # write the cases (the .expected files are kept)
    python -m tests.hostile.generate --expected # also write each case's report as NAME.expected

The .expected files hold the exact exit code and report of ``kg validate FILE``; they are
regenerated only with --expected, after reading the changes they make.
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"

# Strange values for a text field: what is wrong with each is in its name.
TEXT_VALUES = {
    "zero-width-only": "\u200b\u200b",
    "email": "Kontakt: erika.beispiel@example.org",
    "phone": "Tel. 02351 123456",
    "line-separators": "erste\u2028zweite\u0085dritte\u000bvierte\u000cfünfte",
    "html": "<script>alert('x')</script>",
    "number": 42,
}
MORE_TEXT_VALUES = {
    "too-long": "Wort " * 1000,
    "rtl-override": "Treffen \u202eni nettirhcseg\u202c",
    "sparql-injection": '" } ; DROP ALL ; INSERT DATA { <a> <b> <c> } #',
    "control-char": "a\u0001b\u001fc",
    "whitespace-only": " \t  ",
    "list": ["a", "b"],
    "emoji": "Treffen 🎉 in Südwestfalen",
    "mapping": {"x": "y"},
}
# (section, index, path inside the entry, required?) of every text field of the base contribution.
TEXT_FIELDS = {
    "title": (None, None, ("title",)),
    "source-title": ("sources", 0, ("title",)),
    "source-publisher": ("sources", 0, ("publisher",)),
    "source-author": ("sources", 0, ("author",)),
    "source-photo-credit": ("sources", 0, ("photo_credit",)),
    "person-name": ("people", 0, ("name",)),
    "person-honorific": ("people", 0, ("honorific",)),
    "person-description": ("people", 0, ("description", "de")),
    "alternate-name": ("people", 0, ("alternate_names", 0, "name")),
    "organisation-name": ("organisations", 0, ("name",)),
    "organisation-place": ("organisations", 0, ("place",)),
    "organisation-description": ("organisations", 0, ("description",)),
    "venue-name": ("venues", 0, ("name",)),
    "venue-place": ("venues", 0, ("place",)),
    "initiative-name": ("initiatives", 0, ("name",)),
    "initiative-description": ("initiatives", 0, ("description", "en")),
    "initiative-date-note": ("initiatives", 0, ("date_note",)),
    "funding-instrument": ("initiatives", 0, ("funding", 0, "instrument")),
    "funding-purpose": ("initiatives", 0, ("funding", 0, "purpose")),
    "count-wording": ("initiatives", 0, ("participant_counts", 0, "wording")),
    "event-name": ("events", 0, ("name",)),
    "event-place": ("events", 0, ("place",)),
    "event-description": ("events", 0, ("description",)),
    "event-date-note": ("events", 0, ("date_note",)),
    "event-format-note": ("events", 0, ("format_note",)),
    "attendance-note": ("events", 0, ("attendance", 0, "note")),
    "participant-role": ("events", 0, ("participants", 0, "role_as_stated")),
    "participant-talk": ("events", 0, ("participants", 0, "talk_title")),
    "participant-note": ("events", 0, ("participants", 0, "note")),
    "role-as-stated": ("roles", 0, ("as_stated",)),
    "role-note": ("roles", 0, ("note",)),
    "topic-label": ("topics", 0, ("de",)),
}
MORE_TEXT_FIELDS = ("person-name", "person-description", "event-name", "role-as-stated", "source-title")

DATE_VALUES = {
    "full-width-digits": "２０２１-０５-０４", "month-13": "2021-13-01", "february-30": "2021-02-30",
    "german-format": "04.05.2021", "word": "gestern", "no-separators": "20210504", "year-0": "0000",
    "five-digit-year": "12021", "negative-year": "-2021", "float": 2021.5, "boolean": True, "list": [2021],
    "with-time": "2021-05-04T10:00:00", "year-only": 2021,
}
NUMBER_CASES = {  # (path, value)
    "count-negative": (("events", 0, "attendance", 0, "count"), -1),
    "count-huge": (("events", 0, "attendance", 0, "count"), 10 ** 30),
    "count-float": (("events", 0, "attendance", 0, "count"), 2.5),
    "count-words": (("events", 0, "attendance", 0, "count"), "über 30"),
    "count-boolean": (("events", 0, "attendance", 0, "count"), True),
    "amount-infinite": (("initiatives", 0, "funding", 0, "amount"), float("inf")),
    "amount-nan": (("initiatives", 0, "funding", 0, "amount"), float("nan")),
    "amount-negative": (("initiatives", 0, "funding", 0, "amount"), -5),
    "amount-thousands": (("initiatives", 0, "funding", 0, "amount"), "1.000.000"),
    "amount-huge": (("initiatives", 0, "funding", 0, "amount"), 1e300),
    "edition-zero": (("events", 0, "edition"), 0),
    "edition-negative": (("events", 0, "edition"), -3),
    "edition-huge": (("events", 0, "edition"), 100000),
    "edition-text": (("events", 0, "edition"), "21a"),
    "approximate-text": (("events", 0, "attendance", 0, "approximate"), "ungefähr"),
    "start-after-end": (("initiatives", 0, "end"), 2019),
    "event-end-before-start": (("events", 0, "end_date"), "2021-05-03"),
}
KEY_CASES = {  # (path, value)
    "key-capitals": (("people", 0, "key"), "Erika-Beispiel"),
    "key-umlaut": (("people", 0, "key"), "jürgen-müller"),
    "key-underscore": (("people", 0, "key"), "erika_beispiel"),
    "key-too-long": (("people", 0, "key"), "k" * 81),
    "key-hyphen-only": (("people", 0, "key"), "-"),
    "key-space": (("people", 0, "key"), "erika beispiel"),
    "url-space": (("sources", 0, "url"), "https://example.org/a b"),
    "url-javascript": (("sources", 0, "url"), "javascript:alert(1)"),
    "url-braces": (("sources", 0, "url"), "https://example.org/{x}"),
    "url-control": (("sources", 0, "url"), "https://example.org/\u0001"),
    "reference-locality": (("events", 0, "municipality"), "Meggen"),
    "reference-empty": (("events", 0, "municipality"), ""),
    "reference-injection": (("events", 0, "municipality"), "Altena> } DROP ALL {"),
    "unknown-field-email": (("people", 0, "email"), "erika@example.org"),
    "unknown-field-fax": (("organisations", 0, "fax"), "02351 123456"),
    "unknown-section": (("contacts",), [{"name": "x"}]),
    "language-unknown": (("language",), "fr"),
    "activity-unknown": (("events", 0, "participants", 0, "did"), ["danced"]),
}

# Whole files whose structure is the point.
RAW_CASES = {
    "yaml-alias-bomb.yaml": 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},"
                  f"*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n" for i in range(8)),
    "yaml-deep-list.yaml": "people: " + "[" * 5000 + "]" * 5000 + "\n",
    "yaml-deep-mapping.yaml": "".join("  " * i + f"k{i}:\n" for i in range(60)) + "  " * 60 + "v: 1\n",
    "yaml-merge-key.yaml": "base: &base {kind: company}\norganisations:\n  - <<: *base\n    key: merged\n    name: Merged\n",
    "yaml-int-tag.yaml": "people:\n  - key: tagged\n    name: !!int abc\n",
    "yaml-python-tag.yaml": "people:\n  - !!python/object/apply:os.system [echo pwned]\n",
    "yaml-custom-tag.yaml": "people:\n  - !person {key: x, name: X}\n",
    "yaml-surrogate.yaml": 'sources:\n  - {key: s, url: "https://example.org/s", title: "T \\ud800 T"}\n',
    "yaml-duplicate-key.yaml": "people:\n  - key: dup\n    name: A\n    name: B\n",
    "yaml-two-documents.yaml": "people: []\n---\npeople: []\n",
    "yaml-tab-indent.yaml": "people:\n\t- key: tab\n",
    "yaml-unclosed.yaml": "people: [{key: x, name: 'X}]\n",
    "yaml-scalar-top.yaml": "just a sentence\n",
    "yaml-null-top.yaml": "~\n",
    "yaml-list-top.yaml": "- a\n- b\n",
    "yaml-bom-crlf.yaml": "\ufeffsources:\r\n  - {key: bom-src, url: 'https://example.org/bom', title: BOM}\r\npeople:\r\n  - {key: bom-person, name: Bom Person}\r\n",
    "yaml-anchors-within-limit.yaml": "sources:\n  - &src {key: anchor-src, url: 'https://example.org/anchor', title: Anker}\n"
        "people:\n  - {key: anchor-person, name: Anker Person}\n",
    "yaml-null-section.yaml": "people:\nsources:\n",
    "Kopie von bericht (2) – ÄÖÜ.yaml": "sources:\n  - {key: kopie-src, url: 'https://example.org/kopie', title: Kopie}\n"
        "people:\n  - {key: kopie-person, name: Kopie Person}\n",
    "yaml-section-not-list.yaml": "people: {key: x, name: X}\n",
    "yaml-entry-not-mapping.yaml": "people:\n  - Erika Beispiel\n",
    "yaml-huge-line.yaml": "sources:\n  - {key: long, url: 'https://example.org/" + "a" * 1900 + "', title: Long}\n",
    "yaml-very-long-url.yaml": "sources:\n  - {key: longer, url: 'https://example.org/" + "a" * 2100 + "', title: Long}\n",
    "yaml-only-comments.yaml": "# nothing here\n# really\n",
    "yaml-comma-in-flow.yaml": "events:\n  - {key: comma, name: Komma, municipality: Altena, Attendorn}\n",
    "ttl-iri-space.ttl": "<https://w3id.org/swf-kg/id/person/a b> a <http://xmlns.com/foaf/0.1/Person> .\n",
    "ttl-iri-braces.ttl": "<https://w3id.org/swf-kg/id/person/a{b}> a <http://xmlns.com/foaf/0.1/Person> .\n",
    "ttl-iri-quote.ttl": '<https://w3id.org/swf-kg/id/person/a"b> a <http://xmlns.com/foaf/0.1/Person> .\n',
    "ttl-relative-iri.ttl": "<foo bar> a <http://xmlns.com/foaf/0.1/Person> .\n",
    "ttl-blank-node.ttl": "@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n"
        "<https://w3id.org/swf-kg/id/person/knows-blank> foaf:knows [ a foaf:Person ] .\n",
    "ttl-ontology-term.ttl": "@prefix swf: <https://w3id.org/swf-kg/ontology#> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "swf:RoundTableEdition rdfs:label \"Kaffeeklatsch\"@de .\n",
    "ttl-foreign-vocabulary.ttl": "@prefix schema: <https://schema.org/> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "schema:Person rdfs:subClassOf schema:Organization .\n",
    "ttl-org-email.ttl": "@prefix schema: <https://schema.org/> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix org: <http://www.w3.org/ns/org#> .\n@prefix prov: <http://www.w3.org/ns/prov#> .\n"
        "<https://w3id.org/swf-kg/id/organisation/ttl-mail-org> a org:Organization ; rdfs:label \"Mail GmbH\" ;\n"
        "  prov:wasDerivedFrom <https://w3id.org/swf-kg/id/source/olsberg-mittendrin-17775> ;\n"
        "  schema:email \"info@example.org\" .\n",
    "ttl-fax-number.ttl": "@prefix schema: <https://schema.org/> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n@prefix prov: <http://www.w3.org/ns/prov#> .\n"
        "<https://w3id.org/swf-kg/id/person/ttl-fax-person> a foaf:Person ; rdfs:label \"Fax Person\" ;\n"
        "  prov:wasDerivedFrom <https://w3id.org/swf-kg/id/source/olsberg-mittendrin-17775> ;\n"
        "  schema:faxNumber \"02351 123456\" .\n",
    "ttl-vcard-email.ttl": "@prefix vcard: <http://www.w3.org/2006/vcard/ns#> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n@prefix prov: <http://www.w3.org/ns/prov#> .\n"
        "<https://w3id.org/swf-kg/id/person/ttl-vcard-person> a foaf:Person ; rdfs:label \"Vcard Person\" ;\n"
        "  prov:wasDerivedFrom <https://w3id.org/swf-kg/id/source/olsberg-mittendrin-17775> ;\n"
        "  vcard:email \"vc@example.org\" .\n",
    "ttl-contact-point.ttl": "@prefix schema: <https://schema.org/> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix org: <http://www.w3.org/ns/org#> .\n@prefix prov: <http://www.w3.org/ns/prov#> .\n"
        "<https://w3id.org/swf-kg/id/organisation/ttl-cp-org> a org:Organization ; rdfs:label \"Kontakt GmbH\" ;\n"
        "  prov:wasDerivedFrom <https://w3id.org/swf-kg/id/source/olsberg-mittendrin-17775> ;\n"
        "  schema:contactPoint <https://w3id.org/swf-kg/id/organisation/ttl-cp-org> .\n",
    "ttl-mailto-object.ttl": "@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix prov: <http://www.w3.org/ns/prov#> .\n@prefix rdfs2: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "<https://w3id.org/swf-kg/id/person/ttl-seealso-person> a foaf:Person ; rdfs:label \"See Also\" ;\n"
        "  prov:wasDerivedFrom <https://w3id.org/swf-kg/id/source/olsberg-mittendrin-17775> ;\n"
        "  rdfs:seeAlso <mailto:see@example.org> .\n",
    "ttl-email-in-label.ttl": "@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix prov: <http://www.w3.org/ns/prov#> .\n"
        "<https://w3id.org/swf-kg/id/person/ttl-label-mail> a foaf:Person ; rdfs:label \"Eva eva@example.org\" ;\n"
        "  prov:wasDerivedFrom <https://w3id.org/swf-kg/id/source/olsberg-mittendrin-17775> .\n",
    "ttl-second-subject-phone.ttl": "@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix prov: <http://www.w3.org/ns/prov#> .\n@prefix schema: <https://schema.org/> .\n"
        "<https://w3id.org/swf-kg/id/person/ttl-first> a foaf:Person ; rdfs:label \"Erste Person\" ;\n"
        "  prov:wasDerivedFrom <https://w3id.org/swf-kg/id/source/olsberg-mittendrin-17775> .\n"
        "<https://w3id.org/swf-kg/id/person/ttl-second> a foaf:Person ; rdfs:label \"Zweite Person\" ;\n"
        "  prov:wasDerivedFrom <https://w3id.org/swf-kg/id/source/olsberg-mittendrin-17775> ;\n"
        "  schema:description \"Erreichbar unter +49 2351 123456\"@de .\n",
    "ttl-long-key.ttl": "@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix prov: <http://www.w3.org/ns/prov#> .\n"
        f"<https://w3id.org/swf-kg/id/person/{'x' * 250}> a foaf:Person ; rdfs:label \"Lang\" ;\n"
        "  prov:wasDerivedFrom <https://w3id.org/swf-kg/id/source/olsberg-mittendrin-17775> .\n",
    "ttl-bad-key.ttl": "@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix prov: <http://www.w3.org/ns/prov#> .\n"
        "<https://w3id.org/swf-kg/id/person/Erika_Beispiel> a foaf:Person ; rdfs:label \"Erika\" ;\n"
        "  prov:wasDerivedFrom <https://w3id.org/swf-kg/id/source/olsberg-mittendrin-17775> .\n",
    "ttl-line-separator-literal.ttl": "@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix prov: <http://www.w3.org/ns/prov#> .\n@prefix schema: <https://schema.org/> .\n"
        "<https://w3id.org/swf-kg/id/person/ttl-sep-person> a foaf:Person ; rdfs:label \"Sep\\u2028Person\" ;\n"
        "  prov:wasDerivedFrom <https://w3id.org/swf-kg/id/source/olsberg-mittendrin-17775> ;\n"
        "  schema:description \"eins\\u0085zwei\\u000Bdrei\"@de .\n",
    "ttl-http-schema.ttl": "@prefix schema: <http://schema.org/> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n@prefix prov: <http://www.w3.org/ns/prov#> .\n"
        "<https://w3id.org/swf-kg/id/person/ttl-http-person> a foaf:Person ; rdfs:label \"Http Person\" ;\n"
        "  prov:wasDerivedFrom <https://w3id.org/swf-kg/id/source/olsberg-mittendrin-17775> ;\n"
        "  schema:description \"über http\"@de .\n",
    "ttl-missing-prefix.ttl": "<https://w3id.org/swf-kg/id/person/np> a foaf:Person .\n",
    "ttl-unterminated-string.ttl": "<https://w3id.org/swf-kg/id/person/us> <http://www.w3.org/2000/01/rdf-schema#label> \"open .\n",
    "ttl-dangling.ttl": "@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix prov: <http://www.w3.org/ns/prov#> .\n"
        "<https://w3id.org/swf-kg/id/person/ttl-knows> a foaf:Person ; rdfs:label \"Knows\" ;\n"
        "  prov:wasDerivedFrom <https://w3id.org/swf-kg/id/source/olsberg-mittendrin-17775> ;\n"
        "  foaf:knows <https://w3id.org/swf-kg/id/person/nobody-knows> .\n",
}


def base(case: str) -> dict:
    """A valid contribution touching every section; every key carries the case's name."""
    k = case
    return {
        "language": "de",
        "title": f"Fall {k}",
        "sources": [{"key": f"{k}-src", "url": f"https://example.org/hostile/{k}", "title": f"Bericht {k}",
                     "publisher": "Beispielzeitung", "author": "Erika Autorin", "photo_credit": "Foto: Beispiel",
                     "published": "2021-05-05"}],
        "people": [{"key": f"{k}-person", "name": f"Person {k}", "honorific": "Dr.",
                    "description": {"de": "Eine Person aus dem Testfall.", "en": "A person of the test case."},
                    "alternate_names": [{"name": f"P. {k}", "kind": "short-form"}]}],
        "organisations": [{"key": f"{k}-org", "name": f"Firma {k}", "kind": "company", "place": "Musterstadt",
                           "description": "Eine Firma aus dem Testfall."}],
        "venues": [{"key": f"{k}-venue", "name": f"Halle {k}", "municipality": "Altena", "place": "Ortsteil"}],
        "initiatives": [{"key": f"{k}-prog", "name": f"Programm {k}", "kind": "program", "start": 2020, "end": 2021,
                         "description": {"en": "A program of the test case."}, "date_note": "Laut Bericht.",
                         "funding": [{"amount": 1000, "instrument": "EFRE", "purpose": "Beratung"}],
                         "participant_counts": [{"count": 3, "counts": "municipalities", "wording": "drei Kommunen"}]}],
        "events": [{"key": f"{k}-event", "name": f"Treffen {k}", "kind": "event", "date": "2021-05-04",
                    "venue": f"{k}-venue", "municipality": "Altena", "place": "Burgweg",
                    "description": "Ein Treffen aus dem Testfall.", "date_note": "Laut Bericht.",
                    "format_note": "vor Ort", "formats": ["in-person"], "topics": [f"{k}-topic"],
                    "attendance": [{"count": 20, "counts": "people", "approximate": True, "wording": "rund 20",
                                    "note": "laut Bericht"}],
                    "participants": [{"person": f"{k}-person", "did": ["presented"], "role_as_stated": "Leiterin",
                                      "talk_title": "Ein Vortrag", "note": "laut Bericht", "on_behalf_of": f"{k}-org"}]}],
        "roles": [{"person": f"{k}-person", "role": "project-lead", "as_stated": "Projektleiterin",
                   "organisation": f"{k}-org", "stated_on": "2021-05-04", "note": "laut Bericht"}],
        "topics": [{"key": f"{k}-topic", "de": f"Thema {k}", "en": f"Topic {k}"}],
    }


def _set(data: dict, path: tuple, value) -> None:
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value


def _text_path(spec) -> tuple:
    section, index, inner = spec
    return inner if section is None else (section, index, *inner)


def cases() -> dict[str, str]:
    """name -> file text, sorted, numbered."""
    out: dict[str, str] = {}

    def add(label: str, data: dict):
        out[f"{label}.yaml"] = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10 ** 6)

    for field, spec in TEXT_FIELDS.items():
        for what, value in TEXT_VALUES.items():
            label = f"text-{field}-{what}"
            data = base(label)
            _set(data, _text_path(spec), copy.deepcopy(value))
            add(label, data)
    for field in MORE_TEXT_FIELDS:
        for what, value in MORE_TEXT_VALUES.items():
            label = f"text-{field}-{what}"
            data = base(label)
            _set(data, _text_path(TEXT_FIELDS[field]), copy.deepcopy(value))
            add(label, data)
    for field in ("events", "initiatives", "sources"):
        path = {"events": ("events", 0, "date"), "initiatives": ("initiatives", 0, "start"),
                "sources": ("sources", 0, "published")}[field]
        for what, value in DATE_VALUES.items():
            label = f"date-{field}-{what}"
            data = base(label)
            _set(data, path, copy.deepcopy(value))
            add(label, data)
    for what, (path, value) in {**NUMBER_CASES, **KEY_CASES}.items():
        label = f"value-{what}"
        data = base(label)
        if path[0] == "events" and path[-1] == "edition":
            data["events"][0]["kind"] = "round-table"
        if what.startswith("key-"):  # the renamed key is referred to by the other sections
            old = data["people"][0]["key"]
            text = json.dumps(data, ensure_ascii=False).replace(json.dumps(old), json.dumps(value))
            data = json.loads(text)
            _set(data, path, value)
        else:
            _set(data, path, copy.deepcopy(value))
        add(label, data)
    for name, text in RAW_CASES.items():
        out[name] = text
    return {f"{n:03d}-{name}": text for n, (name, text) in enumerate(sorted(out.items()), start=1)}


def write(expected: bool) -> int:
    CASES.mkdir(exist_ok=True)
    wanted = cases()
    for stale in CASES.iterdir():
        name = stale.name.removesuffix(".expected")
        if name not in wanted:
            stale.unlink()
    for name, text in wanted.items():
        (CASES / name).write_bytes(text.encode("utf-8", "surrogatepass"))
    if expected:
        from tests.corpus import write_expected
        write_expected(("tests/hostile/cases",))
    return len(wanted)


if __name__ == "__main__":
    print(f"{write('--expected' in sys.argv)} cases in {CASES}")
