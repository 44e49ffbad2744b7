"""First pass over a YAML contribution: read it and check its shape against the format.

Entries that fail their shape check are dropped from the checked model (and remembered), so the
rest of the file can still be declared, emitted and reported in the same run.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from pydantic import ValidationError
from rdflib import URIRef

from kg.load import format as fmt
from kg.load.files import read_text
from kg.load.format import Contribution, section_fields
from kg.load.templates import PLACEHOLDERS
from kg.load.yaml_reader import Mapping, RemappedDocument, YamlDocument, parse_yaml_text
from kg.namespaces import graph_iri
from kg.problems import Problem

__all__ = ["ParsedFile", "parse_contribution", "graph_name_for", "forget_parses"]

# pydantic error types -> message codes of kg.messages
_SHAPE_CODES = {
    "missing": "field-missing", "extra_forbidden": "field-unknown", "bad_date": "bad-date",
    "literal_error": "value-not-allowed", "string_pattern_mismatch": "bad-pattern",
    "count_or_wording": "count-or-wording", "person_or_organisation": "person-or-organisation",
    "string_too_long": "text-too-long", "string_too_short": "text-empty",
    "declaration_needs": "field-missing", "invisible": "text-invisible", "bad_iri": "bad-url",
    "start_after_end": "start-after-end", "edition_without_series": "edition-without-series",
    "claim_subject": "claim-subject", "words_or_paraphrase": "words-or-paraphrase",
}
_CONTACT_FIELDS = {"email", "e-mail", "e_mail", "mail", "phone", "telefon", "telephone", "tel", "mobile", "mobil",
                   "handy", "address", "adresse", "anschrift", "fax"}
_SECTION_MODELS = {"sources": fmt.Source, "series": fmt.Series, "organisations": fmt.Organisation,
                   "venues": fmt.Venue, "people": fmt.Person, "initiatives": fmt.Initiative,
                   "events": fmt.Event, "roles": fmt.Role, "topics": fmt.Concept, "role_types": fmt.Concept,
                   "claims": fmt.Claim}
_NESTED_MODELS = {"participants": {"events": fmt.EventParticipant, "initiatives": fmt.Participant},
                  "attendance": fmt.Count, "participant_counts": fmt.Count, "member_counts": fmt.Count,
                  "funding": fmt.Funding,
                  "alternate_names": fmt.AlternateName,
                  **{name: fmt.Translations for name in ("description", "note", "date_note", "published_note",
                                                         "format_note", "definition", "purpose", "paraphrase",
                                                         "role_paraphrase")}}


@dataclass
class ParsedFile:
    """One contribution after the first pass: its text positions and its checked content."""

    path: str
    doc: YamlDocument
    model: Contribution | None
    graph_name: URIRef
    problems: list[Problem] = field(default_factory=list)
    dropped: dict[str, list[int]] = field(default_factory=dict)
    dropped_iris: set[str] = field(default_factory=set)
    duplicates: set[tuple[str, int]] = field(default_factory=set)  # declarations of a key taken elsewhere
    digest: str = ""  # the hash of the text, which identifies this version of the file


def graph_name_for(shown_path: str) -> URIRef:
    """data/events/rt-21.yaml -> …/graph/events/rt-21; characters an IRI may not hold (a space in
    "Kopie von bericht (2).yaml") are percent-encoded."""
    stem = shown_path[len("data/"):] if shown_path.startswith("data/") else shown_path
    return graph_iri(quote(stem.rsplit(".", 1)[0], safe="/"))


_MEMO: OrderedDict = OrderedDict()   # (shown path, content hash) -> a parse, for repeated validations
_MEMO_SIZE = 4096


def forget_parses() -> None:
    """Drop the parses kept for repeated validations (a build that has checked everything frees
    their memory for the pages: at a million triples the parses are most of what Python holds)."""
    _MEMO.clear()


def parse_contribution(path: Path, shown: str, cache=None) -> ParsedFile:
    """Read the YAML and check its shape. Raises ``UnreadableInput`` for unreadable files.

    A file read before with the same content is not parsed again (``kg validate FILE`` reads the
    unbuilt files of data/ on every call; ``kg build`` keeps parses in its ``cache``, a
    ``kg.load.filecache.FileCache``); each call still gets its own ``ParsedFile``."""
    text = read_text(path, shown)
    digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()
    key = (shown, digest)
    record = cache.get(cache.key(shown, digest)) if cache is not None else None
    if key not in _MEMO:
        _MEMO[key] = record["parse"] if record is not None and "parse" in record else _parse(text, shown)
        while len(_MEMO) > _MEMO_SIZE:
            _MEMO.popitem(last=False)
    if cache is not None and (record is None or "parse" not in record):
        cache.put(cache.key(shown, digest), {"parse": _MEMO[key]})  # this project's cache learns it too
    _MEMO.move_to_end(key)
    doc, model, problems, dropped = _MEMO[key]
    return ParsedFile(shown, doc, model, graph_name_for(shown), list(problems), dropped, digest=digest)


def _parse(text: str, shown: str):
    doc = parse_yaml_text(text, shown)
    parsed = ParsedFile(shown, doc, None, graph_name_for(shown))
    placeholders = list(_placeholders(doc.data, ()))
    parsed.problems = [_placeholder_problem(doc, loc, value) for loc, value in placeholders]
    try:
        parsed.model = Contribution.model_validate(dict(doc.data))
    except ValidationError as exc:
        covered = {loc for loc, _value in placeholders}  # an example value explains its own shape error
        parsed.problems += [p for loc, p in _shape_problems(doc, exc) if loc not in covered]
        parsed.model, parsed.dropped = _partial(doc, exc)
        if parsed.model is not None and parsed.dropped:
            kept = {section: [i for i in range(len(doc.data[section])) if i not in gone]
                    for section, gone in parsed.dropped.items()}
            parsed.doc = RemappedDocument(doc, kept)
    return parsed.doc, parsed.model, parsed.problems, parsed.dropped


def _partial(doc: YamlDocument, exc: ValidationError):
    """The file without the entries that failed their shape check, so the rest can still be
    checked and reported in the same run; the dropped entries' keys still register (see
    ``kg.load.declare.section_items``), so references to them do not turn into further errors."""
    data, dropped = dict(doc.data), {}
    for error in exc.errors():
        loc = error["loc"]
        if len(loc) >= 2 and isinstance(loc[1], int) and isinstance(data.get(loc[0]), list):
            dropped.setdefault(loc[0], set()).add(loc[1])
        elif loc:
            data.pop(loc[0], None)
    for section, indexes in dropped.items():
        data[section] = [item for i, item in enumerate(data[section]) if i not in indexes]
    try:
        return Contribution.model_validate(data), {k: sorted(v) for k, v in dropped.items()}
    except ValidationError:
        return None, {}


def _branch(loc) -> tuple[int, str] | None:
    """Where a union branches in ``loc`` (text or {de: …, en: …}; a key or a list of keys), and
    which branch the error is from."""
    for i, part in enumerate(loc):
        if part == "Translations":
            return i, "mapping"
        if isinstance(part, str) and part.startswith("list["):
            return i, "list"
        if isinstance(part, str) and "constrained-str" in part:
            return i, "text"
    return None


def _one_branch(doc: YamlDocument, errors: list) -> list:
    """A text field may be plain text or {de: …, en: …}, a source a key or a list of keys; pydantic
    reports why the value fails as each. Keep only the errors of the branch the contributor wrote
    (else the plain one), and say "a key or a list of keys" where a list was possible."""
    kept, groups = [], {}
    for error in errors:
        found = _branch(error["loc"])
        if found is None:
            kept.append(error)
            continue
        index, branch = found
        groups.setdefault(tuple(error["loc"][:index]), []).append((branch, error))
    for prefix, members in groups.items():
        written = doc.data
        for part in prefix:
            try:
                written = written[part]
            except (KeyError, IndexError, TypeError):
                written = None
                break
        kind = "mapping" if isinstance(written, dict) else "list" if isinstance(written, list) else "text"
        chosen = [e for b, e in members if b == kind] or [e for b, e in members if b == "text"]
        if kind != "list" and any(b == "list" for b, _e in members):
            chosen = [{**e, "type": "key_or_list"} for e in chosen if e["type"] == "string_type"] or chosen
        kept += chosen
    return kept


def _placeholders(node, loc):
    """(path, value) of every example value of the templates still in the file."""
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in items:
        if isinstance(value, str) and value.strip() in PLACEHOLDERS:
            yield (*loc, key), value.strip()
        elif isinstance(value, (dict, list)):
            yield from _placeholders(value, (*loc, key))


def _placeholder_problem(doc: YamlDocument, loc, value: str) -> Problem:
    line, column = doc.locate(loc)
    field = next((str(part) for part in reversed(loc) if isinstance(part, str)), "(top)")
    return Problem.of("placeholder", file=doc.path, line=line, column=column, entity=doc.entity_at(loc),
                      field=field, value=value)


def _shape_problems(doc: YamlDocument, exc: ValidationError) -> list[tuple[tuple, Problem]]:
    """(path in the file, problem) for every shape error."""
    problems = []
    for error in _one_branch(doc, exc.errors()):
        loc = tuple(part for part in error["loc"] if not (isinstance(part, str) and part.startswith(
            ("function-", "union[", "str", "Translations", "constrained-str", "literal[", "list["))))
        code = _SHAPE_CODES.get(error["type"], "wrong-type")
        ctx = error.get("ctx", {})
        if code == "start-after-end":
            loc = (*loc, ctx["field"])  # point at the end, not at the whole entry
        line, column = doc.locate(loc)
        where = error.get("ctx", {}).get("field") or next((str(p) for p in reversed(loc) if isinstance(p, str)), "(top)")
        params = {"field": where, "value": _short(error.get("input"))}
        if code == "field-unknown" and str(loc[-1]).casefold() in _CONTACT_FIELDS:
            code = "private-contact"
        elif code == "field-unknown" and (split := _split_by_comma(doc, loc)) is not None:
            code, params = "comma-in-value", {"field": split, "piece": str(loc[-1])}
        elif code == "field-unknown":
            suggestion, known = _field_suggestion(loc)
            code = "field-unknown" if suggestion else "field-unknown-no-suggestion"
            params["suggestion" if suggestion else "known"] = suggestion or known
        if code == "value-not-allowed":
            params["allowed"] = ", ".join(_expected(error))
        if code == "wrong-type" and where == "count" and isinstance(error.get("input"), str) \
                and re.search(r"[0-9]", error["input"]):
            code = "count-in-words"
            params["number"] = re.search(r"[0-9]+", error["input"]).group(0)
        if code == "wrong-type":
            params["expected"], params["expected_de"] = _expected_type(error["type"], ctx)
        if code == "start-after-end":
            params.update(start=ctx["start"], end=ctx["end"])
        if code == "bad-pattern":
            params["pattern"] = "url" if "http" in str(error.get("ctx", {}).get("pattern", "")) else "key"
            code = "bad-url" if params["pattern"] == "url" else "bad-key"
        problems.append((tuple(loc), Problem.of(code, file=doc.path, line=line, column=column,
                                                entity=doc.entity_at(loc), **params)))
    return problems


def _short(value) -> str:
    text = str(value).lower() if isinstance(value, bool) else str(value)  # as YAML writes it
    return text if len(text) <= 60 else text[:57] + "..."


def _expected(error) -> list[str]:
    expected = error.get("ctx", {}).get("expected", "")
    return [part.strip(" '") for part in expected.replace(" or ", ", ").split(",") if part.strip()]


_EXPECTED = {  # pydantic error type -> (English, German) name of what was expected
    "int_type": ("a whole number", "eine ganze Zahl"), "int_parsing": ("a whole number", "eine ganze Zahl"),
    "int_from_float": ("a whole number", "eine ganze Zahl"), "float_type": ("a number", "eine Zahl"),
    "float_parsing": ("a number", "eine Zahl"), "finite_number": ("a finite number", "eine endliche Zahl"),
    "bool_type": ("true or false", "true oder false"), "bool_parsing": ("true or false", "true oder false"),
    "list_type": ("a list", "eine Liste"), "model_type": ("an entry with fields", "ein Eintrag mit Feldern"),
    "dict_type": ("an entry with fields", "ein Eintrag mit Feldern"),
    "model_attributes_type": ("an entry with fields", "ein Eintrag mit Feldern"),
    "bad_text": ("text", "ein Text"), "string_type": ("text", "ein Text"),
    "key_or_list": ("a key or a list of keys", "ein Schlüssel oder eine Liste von Schlüsseln"),
    "too_short": ("a list with at least one entry", "eine Liste mit mindestens einem Eintrag"),
}


def _expected_type(error_type: str, ctx: dict) -> tuple[str, str]:
    """(English, German) description of the value a field expects."""
    if error_type in ("greater_than_equal", "less_than_equal"):
        bound = ctx.get("ge", ctx.get("le"))
        bound = int(bound) if isinstance(bound, float) and bound.is_integer() else bound
        if error_type == "greater_than_equal":
            return f"a number from {bound}", f"eine Zahl ab {bound}"
        return f"a number up to {bound}", f"eine Zahl bis {bound}"
    return _EXPECTED.get(error_type, ("another value", "ein anderer Wert"))


def _split_by_comma(doc: YamlDocument, loc) -> str | None:
    """The field whose unquoted value a comma split, when ``loc`` is the piece after the comma
    (``{municipality: Altena, Attendorn}`` reads as a field „Attendorn“ without a value)."""
    node = doc.data
    for part in loc[:-1]:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    if not isinstance(node, Mapping) or not node.flow or node.get(loc[-1], "") is not None:
        return None
    keys = list(node)
    index = keys.index(loc[-1]) if loc[-1] in keys else 0
    return str(keys[index - 1]) if index > 0 else None


def _field_suggestion(loc) -> tuple[str | None, str]:
    """(the closest field name of the model at ``loc`` or None, the list of its fields)."""
    model, section = Contribution, None
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        if model is Contribution and part in _SECTION_MODELS:
            section, model = part, _SECTION_MODELS[part]
        elif part in _NESTED_MODELS:
            entry = _NESTED_MODELS[part]
            model = entry.get(section, model) if isinstance(entry, dict) else entry
    close = difflib.get_close_matches(str(loc[-1]), section_fields(model), n=1, cutoff=0.5)
    return (close[0] if close else None), ", ".join(section_fields(model))
