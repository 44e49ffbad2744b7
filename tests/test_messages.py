"""The message catalogue: both languages for every code, and placeholders that Problem.of can fill."""

import string

from kg.messages import CATALOG

RESERVED = {"file", "line", "column", "entity", "focus", "severity"}


def _fields(template):
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_message_has_both_languages_and_the_same_placeholders():
    for code, entry in CATALOG.items():
        assert entry["severity"] in ("error", "warning", "hint"), code
        de, en = entry["de"], entry["en"]
        assert len(de) == len(en) == 2, code
        german = {f.removesuffix("_de") for f in _fields(de[0]) | _fields(de[1])}
        assert german == _fields(en[0]) | _fields(en[1]), code


def test_no_placeholder_collides_with_a_location_argument():
    for code, entry in CATALOG.items():
        used = set().union(*(_fields(t) for lang in ("de", "en") for t in entry[lang]))
        assert not used & RESERVED, f"{code} uses {used & RESERVED}"
