"""Checks against the project's fact notes (../shared/sources/, configured in pyproject.toml as
``[tool.kg] notes``): the notes are the ground truth the data was written from, so what they
record can be compared with what a contribution says.

- A wording field (``as_stated``, ``role_as_stated``, ``wording``, ``talk_title``) of a statement
  whose source the notes cover must hold words the notes quote (or the source text at hand);
  anything else is a paraphrase and belongs in ``paraphrase``.
- Descriptions and notes are written in our own words: eight words in a row taken from the notes'
  sentences are flagged (quoted names and titles „…“ excepted).
- An edition number the notes say no source states must be flagged ``edition_inferred``.
- A source title is kept as the notes record it: one cut off there („…“) is not completed and
  carries ``title_truncated``; where the notes record no title, the title is a description in
  square brackets, as catalogues mark a supplied title.

Without a notes folder (a copy of the project without ../shared) these checks are skipped.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from kg.load.parse import ParsedFile
from kg.load.registry import Registry
from kg.problems import Problem

__all__ = ["Notes", "notes_folder", "load_notes", "check_against_notes", "RUN"]

RUN = 8  # words in a row that count as copied
WORDING_FIELDS = ("as_stated", "role_as_stated", "wording", "talk_title")
OWN_WORDS_FIELDS = ("description", "note", "date_note", "format_note", "published_note", "purpose", "paraphrase",
                    "role_paraphrase", "definition")
_PARAPHRASE_FIELD = {"as_stated": "paraphrase", "role_as_stated": "role_paraphrase", "wording": "paraphrase",
                     "talk_title": "note"}
_QUOTES = "„“”\"'‘’‚«»"
# Quotations (names, titles, the source's words): „…“, ‚…‘, «…» and '…' (not an apostrophe).
_QUOTED = re.compile(r"„[^“”]*[“”]|‚[^‘’]*[‘’]|«[^»]*»|(?<!\w)'[^'\n]+'(?!\w)")
_WORD = re.compile(r"[\w'’-]+")
_URL = re.compile(r"https?://[^\s\"'<>|\]\[)(]+")


@dataclass
class Notes:
    """What the notes say, prepared for the checks."""

    text: str                                   # every note file and source text, normalised
    runs: set[tuple[str, ...]]                  # every run of RUN words outside quotations
    urls: set[str]
    titles: dict[str, str | None]               # url -> title as recorded (None: the notes record none)
    editions: dict[int, bool] = field(default_factory=dict)  # number -> stated by a source


def notes_folder(project_root: Path) -> Path | None:
    """The notes folder configured for the project (``[tool.kg] notes`` in pyproject.toml)."""
    try:
        config = tomllib.loads((project_root / "pyproject.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return None
    folder = config.get("tool", {}).get("kg", {}).get("notes")
    if not isinstance(folder, str):
        return None
    path = (project_root / folder).resolve()
    return path if path.is_dir() else None


def load_notes(folder: Path | None) -> Notes | None:
    return None if folder is None else _load(str(folder))


@lru_cache(maxsize=4)
def _load(folder: str) -> Notes:
    files = sorted(p for p in Path(folder).rglob("*") if p.suffix in (".yaml", ".md", ".txt") and p.is_file())
    texts = {p: p.read_text(encoding="utf-8") for p in files}
    everything = "\n".join(texts.values())
    runs = set()
    for text in texts.values():
        words = _words(_QUOTED.sub(" | ", text))
        runs |= {tuple(words[i:i + RUN]) for i in range(len(words) - RUN + 1) if "|" not in words[i:i + RUN]}
    notes = Notes(_normalise(everything), runs, {_clean_url(u) for u in _URL.findall(everything)}, {})
    for path, text in texts.items():
        if path.name == "sources.md":
            notes.titles.update(_titles(text))
        elif path.name == "events.yaml":
            notes.editions.update(_editions(text))
    return notes


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(f"[{_QUOTES}]", "", text)).strip().casefold()


def _words(text: str) -> list[str]:
    return [w if w == "|" else w.casefold() for w in re.findall(r"[\w'’-]+|\|", text)]


def _clean_url(url: str) -> str:
    return url.rstrip(".,;:")


def _titles(markdown: str) -> dict[str, str | None]:
    """url -> title from the lines ``- URL | "Title" (note) | date | what``; a title the notes
    give in quotes is recorded, anything else is a description of the page (None)."""
    titles = {}
    for line in markdown.splitlines():
        match = re.match(r"- (\S+) \| (.*?) \| ", line)
        if not match:
            continue
        quoted = re.match(r"\"(.*)\"(?:\s*\(.*\))?\s*$", match.group(2).strip())
        titles[_clean_url(match.group(1))] = quoted.group(1) if quoted else None
    return titles


def _editions(text: str) -> dict[int, bool]:
    """Edition number -> whether a source states it (``edition_stated`` true or "implicitly …")."""
    found = {}
    for document in yaml.safe_load_all(text):
        if not isinstance(document, dict) or document.get("edition") is None:
            continue
        stated = document.get("edition_stated")
        is_stated = stated is True or (isinstance(stated, str) and stated.startswith("implicitly"))
        low, _, high = str(document["edition"]).partition("-")
        if low.isdigit():
            for number in range(int(low), int(high or low) + 1):
                found[number] = is_stated
    return found


def check_against_notes(files: list[ParsedFile], registry: Registry, notes: Notes | None) -> list[Problem]:
    """The checks of this module for the given contributions."""
    if notes is None:
        return []
    problems = []
    for parsed in files:
        if parsed.model is None:
            continue
        urls = {s.key: s.url for s in parsed.model.sources}
        problems += _wordings(parsed, registry, notes, urls)
        problems += _own_words(parsed, notes)
        problems += _editions_stated(parsed, notes)
        problems += _source_titles(parsed, notes)
    return problems


def _url_of(key: str, urls: dict[str, str], registry: Registry) -> str | None:
    if key in urls:
        return urls[key]
    entry = registry.get("source", key)
    return next((a for a in sorted(entry.aliases) if a.startswith("http")), None) if entry else None


def _statements(node, loc, inherited):
    """(location, mapping, the source keys it cites) of every mapping in the document."""
    if isinstance(node, dict):
        own = node.get("source")
        cited = ([own] if isinstance(own, str) else [s for s in own if isinstance(s, str)]) \
            if isinstance(own, (str, list)) else inherited
        yield loc, node, cited
        for key, value in node.items():
            yield from _statements(value, (*loc, key), cited)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _statements(value, (*loc, i), inherited)


def _wordings(parsed: ParsedFile, registry: Registry, notes: Notes, urls: dict[str, str]) -> list[Problem]:
    problems = []
    file_sources = list(urls)
    for loc, node, cited in _statements(parsed.doc.data, (), None):
        for name in WORDING_FIELDS:
            value = node.get(name)
            if not isinstance(value, str) or not value.strip():
                continue
            sources = [u for u in (_url_of(k, urls, registry) for k in (cited or file_sources)) if u]
            covered = [u for u in sources if u in notes.urls]
            if not covered or _quoted(value, notes):
                continue
            line, column = parsed.doc.locate((*loc, name))
            problems.append(Problem.of("wording-not-quoted", file=parsed.path, line=line, column=column,
                                       entity=parsed.doc.entity_at(loc), value=_short(value), field=name,
                                       paraphrase=_PARAPHRASE_FIELD[name]))
    return problems


def _quoted(value: str, notes: Notes) -> bool:
    text = _normalise(value)
    if text.endswith("…"):  # cut off in the source at hand: the part before must be quoted
        text = text.rstrip("… ").strip()
    return not text or text in notes.text


def _own_words(parsed: ParsedFile, notes: Notes) -> list[Problem]:
    problems = []
    for loc, node, _cited in _statements(parsed.doc.data, (), None):
        for name in OWN_WORDS_FIELDS:
            value = node.get(name)
            texts = [(name, value)] if isinstance(value, str) else \
                [((name, lang), text) for lang, text in value.items() if isinstance(text, str)] \
                if isinstance(value, dict) else []
            for where, text in texts:
                copied = _copied_run(text, notes)
                if copied:
                    path = (*loc, *where) if isinstance(where, tuple) else (*loc, where)
                    line, column = parsed.doc.locate(path)
                    problems.append(Problem.of("copied-from-notes", file=parsed.path, line=line, column=column,
                                               entity=parsed.doc.entity_at(loc), field=name, run=copied))
    return problems


def _copied_run(text: str, notes: Notes) -> str | None:
    words = _words(_QUOTED.sub(" | ", text))
    hits = [i for i in range(len(words) - RUN + 1) if tuple(words[i:i + RUN]) in notes.runs]
    if not hits:
        return None
    return " ".join(words[hits[0]:hits[0] + RUN])


def _editions_stated(parsed: ParsedFile, notes: Notes) -> list[Problem]:
    problems = []
    for i, event in enumerate(parsed.model.events):
        if event.edition is None or event.edition_inferred or notes.editions.get(event.edition, True):
            continue
        line, column = parsed.doc.locate(("events", i, "edition"))
        problems.append(Problem.of("edition-not-stated", file=parsed.path, line=line, column=column,
                                   entity=parsed.doc.entity_at(("events", i)), edition=event.edition))
    return problems


def _source_titles(parsed: ParsedFile, notes: Notes) -> list[Problem]:
    problems = []
    for i, source in enumerate(parsed.model.sources):
        if source.url not in notes.titles:
            continue
        recorded = notes.titles[source.url]
        line, column = parsed.doc.locate(("sources", i, "title"))
        entity = parsed.doc.entity_at(("sources", i))
        if recorded is None:
            if not (source.title.startswith("[") and source.title.endswith("]")):
                problems.append(Problem.of("title-not-recorded", file=parsed.path, line=line, column=column,
                                           entity=entity, title=_short(source.title)))
        elif _normalise(source.title) != _normalise(recorded) or ("…" in recorded and not source.title_truncated):
            code = "title-truncated" if "…" in recorded else "title-not-as-recorded"
            problems.append(Problem.of(code, file=parsed.path, line=line, column=column, entity=entity,
                                       title=_short(source.title), recorded=recorded))
    return problems


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 80 else text[:77] + "…"
