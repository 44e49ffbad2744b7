"""Second pass: every key a contribution declares goes into one registry, so that any file can
refer to what another declares. A key or edition number declared twice is a problem.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

from kg.load.format import KEY_PATTERN
from kg.load.parse import ParsedFile
from kg.load.registry import KIND_NAMES, Entry, Registry, where
from kg.load.yaml_reader import YamlDocument
from kg.namespaces import thing
from kg.problems import Problem

__all__ = ["declare", "section_items", "SECTION_KINDS", "ADDABLE", "DEFAULT_SERIES"]

# Which kind of thing each section of a contribution declares, and the IRI path segment it gets.
SECTION_KINDS = {
    "sources": ("source", "source"),
    "series": ("series", "event-series"),
    "organisations": ("organisation", "organisation"),
    "venues": ("venue", "venue"),
    "people": ("person", "person"),
    "initiatives": ("initiative", "initiative"),
    "events": ("event", "event"),
    "topics": ("topic", "topic"),
    "role_types": ("role", "role"),
}
ADDABLE = ("series", "organisations", "venues", "people", "initiatives", "events")
DEFAULT_SERIES = "runder-tisch"


def declare(files: list[ParsedFile], registry: Registry,
            known_editions: dict[tuple[str, int], Entry] | None = None) -> list[Problem]:
    """Register every key the files declare; a key declared twice is a problem.

    ``known_editions`` are the (series key, number) pairs already taken outside ``files``.
    """
    problems = []
    editions: dict[tuple[str, int], Entry] = dict(known_editions or {})
    checked = {f.path for f in files}
    additions = []
    for parsed in files:
        for section, (kind, segment) in SECTION_KINDS.items():
            for index, item in enumerate(section_items(parsed, section)):
                dropped = getattr(item, "dropped", False)
                line, column = (YamlDocument.locate(parsed.doc, (section, item.raw_index)) if dropped
                                else parsed.doc.locate((section, index)))
                if dropped:
                    parsed.dropped_iris.add(str(thing(segment, item.key)))
                if section in ADDABLE and getattr(item, "name", None) is None:
                    if dropped:  # its own error is reported; its key still resolves, so no echoes follow
                        registry.add(Entry(kind, item.key, thing(segment, item.key), item.key, parsed.path, line))
                    else:
                        additions.append((parsed, kind, item.key, line, column))
                    continue
                label = getattr(item, "name", None) or getattr(item, "title", None) or getattr(item, "de", None) or item.key
                aliases = {alt.name for alt in getattr(item, "alternate_names", [])}
                if kind == "source":
                    aliases.add(item.url)
                entry = Entry(kind, item.key, thing(segment, item.key), label, parsed.path, line, aliases, column)
                existing = registry.add(entry)
                if existing is not None:
                    if not dropped:  # not emitted: a second declaration would only echo the clash
                        parsed.duplicates.add((section, index))
                    problems += _taken("key-taken", parsed, line, column, label, entry, existing, checked,
                                       key=item.key, kind=KIND_NAMES[kind]["en"], kind_de=KIND_NAMES[kind]["de"])
                if kind == "event" and item.edition is not None:
                    series = item.series or DEFAULT_SERIES
                    taken = editions.get((series, item.edition))
                    if taken is not None and taken.key != item.key:
                        problems += _taken("edition-taken", parsed, line, column, label, entry, taken, checked,
                                           edition=item.edition)
                    else:
                        editions[(series, item.edition)] = entry
    for parsed, kind, key, line, column in additions:
        if registry.get(kind, key) is None:
            suggestions = registry.suggest(kind, key)
            problems.append(Problem.of(
                "addition-unknown", file=parsed.path, line=line, column=column, entity=key, key=key,
                kind=KIND_NAMES[kind]["en"], kind_de=KIND_NAMES[kind]["de"],
                suggestions=", ".join(suggestions) or "-"))
    return problems


def _taken(code, parsed, line, column, label, entry, existing, checked, **params) -> list[Problem]:
    """A clash with ``existing``; when both are being loaded, said at both places."""
    other = f"{existing.key} ({where(existing)})" if code == "edition-taken" else where(existing)
    found = [Problem.of(code, file=parsed.path, line=line, column=column, entity=label, other=other, **params)]
    if existing.file in checked:
        back = f"{entry.key} ({where(entry)})" if code == "edition-taken" else where(entry)
        found.append(Problem.of(code, file=existing.file, line=existing.line, column=existing.column,
                                entity=existing.label, other=back,
                                **params))
    return found


def section_items(parsed: ParsedFile, section: str):
    """The checked items of a section, plus, for entries that failed their shape check, whatever
    carries a usable key, so that one mistake does not turn every reference to it into another."""
    items = parsed.doc.data.get(section)
    if parsed.model is not None:
        checked = list(getattr(parsed.model, section))
        raw = [items[i] for i in parsed.dropped.get(section, [])] if isinstance(items, list) else []
        raw_indexes = parsed.dropped.get(section, [])
    else:
        checked, raw = [], items if isinstance(items, list) else []
        raw_indexes = list(range(len(raw)))
    for raw_index, item in zip(raw_indexes, raw):
        if isinstance(item, dict) and isinstance(item.get("key"), str) and re.match(KEY_PATTERN, item["key"]):
            names = item.get("alternate_names") if isinstance(item.get("alternate_names"), list) else []
            checked.append(SimpleNamespace(
                key=item["key"], name=_text(item, "name"), title=_text(item, "title"), de=_text(item, "de"),
                url=str(item.get("url", "")), edition=item.get("edition") if isinstance(item.get("edition"), int) else None,
                series=_text(item, "series"),
                alternate_names=[SimpleNamespace(name=n if isinstance(n, str) else str(n.get("name", "")))
                                 for n in names if isinstance(n, (str, dict))], dropped=True, raw_index=raw_index))
    return checked


def _text(item: dict, field: str) -> str | None:
    return item[field] if isinstance(item.get(field), str) else None
