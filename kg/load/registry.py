"""Known entities by kind, so that a reference in one file resolves to a thing declared anywhere.

A contributor may name a municipality by its AGS, its name or its body's name ("05962004",
"Altena", "Stadt Altena"); every other thing by its key. What does not resolve gets a
"did you mean" from the keys and names of that kind.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field

from rdflib import URIRef

__all__ = ["Entry", "Registry", "normalise", "slugify", "where", "KIND_NAMES"]

# What each kind is called in messages.
KIND_NAMES = {
    "organisation": {"de": "Organisation", "en": "organisation"},
    "municipality": {"de": "Kommune", "en": "municipality"},
    "district": {"de": "Kreis", "en": "district"},
    "venue": {"de": "Veranstaltungsort", "en": "venue"},
    "person": {"de": "Person", "en": "person"},
    "initiative": {"de": "Vorhaben", "en": "initiative"},
    "event": {"de": "Veranstaltung", "en": "event"},
    "series": {"de": "Veranstaltungsreihe", "en": "event series"},
    "source": {"de": "Quelle", "en": "source"},
    "topic": {"de": "Thema", "en": "topic"},
    "role": {"de": "Funktion", "en": "role"},
}


def normalise(text: str) -> str:
    """Case- and accent-insensitive form for matching names."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"\s+", " ", text).strip()


def slugify(text: str) -> str:
    """A lower-kebab key from a name: "Südwestfalen Agentur GmbH" -> "suedwestfalen-agentur-gmbh"."""
    text = text.casefold()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(a, b)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


@dataclass
class Entry:
    """One known thing: its IRI, its display name, and where it was declared."""

    kind: str
    key: str
    iri: URIRef
    label: str
    file: str | None = None
    line: int | None = None
    aliases: set[str] = field(default_factory=set)
    column: int | None = None  # where the key is written, so a clash is reported there from either side


def where(entry: Entry) -> str:
    """file:line of a declaration, as far as known, for messages."""
    if not entry.file:
        return "reference data"
    return f"{entry.file}:{entry.line}" if entry.line else entry.file


class Registry:
    """Every declared thing, looked up by kind and key or alias."""

    def __init__(self):
        self._by_kind: dict[str, dict[str, Entry]] = {kind: {} for kind in KIND_NAMES}
        self._aliases: dict[str, dict[str, Entry]] = {kind: {} for kind in KIND_NAMES}

    def add(self, entry: Entry) -> Entry | None:
        """Register ``entry``; return the entry already holding its key, if any (a duplicate)."""
        existing = self._by_kind[entry.kind].get(entry.key)
        if existing is not None:
            return existing
        self._by_kind[entry.kind][entry.key] = entry
        for alias in {entry.key, entry.label, *entry.aliases}:
            self._aliases[entry.kind].setdefault(normalise(alias), entry)
        return None

    def get(self, kind: str, ref: str) -> Entry | None:
        """The entry a reference means, by key first, then by alias (AGS, name)."""
        return self._by_kind[kind].get(ref) or self._aliases[kind].get(normalise(ref))

    def forget_files(self, files: set[str]) -> None:
        """Drop what ``files`` declared, so that a new version of them can declare it again."""
        for kind in self._by_kind:
            keep = {k: e for k, e in self._by_kind[kind].items() if e.file not in files}
            if len(keep) != len(self._by_kind[kind]):
                self._by_kind[kind] = keep
                self._aliases[kind] = {}
                for entry in keep.values():
                    for alias in {entry.key, entry.label, *entry.aliases}:
                        self._aliases[kind].setdefault(normalise(alias), entry)

    def copy(self) -> "Registry":
        """A registry to add to and forget from without changing this one (the entries are shared:
        nothing changes an entry once registered)."""
        other = Registry()
        other._by_kind = {kind: dict(entries) for kind, entries in self._by_kind.items()}
        other._aliases = {kind: dict(entries) for kind, entries in self._aliases.items()}
        return other

    def entries(self, kind: str) -> list[Entry]:
        return list(self._by_kind[kind].values())

    def by_iri(self) -> dict[URIRef, Entry]:
        return {e.iri: e for kind in self._by_kind.values() for e in kind.values()}

    def suggest(self, kind: str, ref: str, limit: int = 3, *, names_only: bool = False) -> list[str]:
        """Keys (with their names) whose key or name is close to ``ref``, best first; with
        ``names_only`` just the names (for municipalities, whose keys are official numbers)."""
        names = {}
        for entry in self._by_kind[kind].values():
            for alias in {entry.key, entry.label, *entry.aliases}:
                names.setdefault(normalise(alias), entry)
        close = difflib.get_close_matches(normalise(ref), list(names), n=limit * 3, cutoff=0.6)
        # Also offer names that contain the reference as a word ("Agentur" -> the agency).
        contained = [n for n in names if len(ref) >= 4 and normalise(ref) in n]
        seen, out = set(), []
        for name in close + sorted(contained):
            entry = names[name]
            shown = entry.label if names_only or entry.key == entry.label else f"{entry.key} ({entry.label})"
            if entry.key not in seen:
                seen.add(entry.key)
                out.append(shown)
        return out[:limit]
