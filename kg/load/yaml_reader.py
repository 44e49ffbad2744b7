"""Reads one YAML contribution and remembers where every value stands, so problems can name the line.

Before anything is built, the event stream is scanned (PyYAML's C parser: fast) for what untrusted
input can abuse: nesting deeper than any contribution needs, aliases that would expand the file
manyfold (a few hundred bytes can become gigabytes), type tags, merge keys and lone surrogates.
Then ruamel.yaml's round-trip loader builds the data, keeping line and column of every key and
item; it builds only plain mappings, lists and scalars (no arbitrary objects).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from kg.errors import UnreadableInput
from kg.load.files import read_text
from kg.load.yaml_messages import explain
from kg.problems import Problem

__all__ = ["YamlDocument", "RemappedDocument", "read_yaml", "parse_yaml_text", "MAX_DEPTH", "MAX_EXPANDED_NODES"]

MAX_DEPTH = 40                 # a contribution needs about 6 levels
MAX_EXPANDED_NODES = 200_000   # entries after expanding aliases; a 2 MiB file holds fewer without them


@dataclass
class YamlDocument:
    """A parsed contribution: its data and a way back from a path in the data to a line."""

    path: str
    data: CommentedMap

    def locate(self, loc) -> tuple[int | None, int | None]:
        """1-based (line, column) of the deepest part of ``loc`` (a path of keys and indexes) found."""
        node, line, col = self.data, self.data.lc.line, self.data.lc.col
        for part in loc:
            if isinstance(node, CommentedMap) and part in node:
                line, col = node.lc.value(part) if not isinstance(node[part], (CommentedMap, CommentedSeq)) \
                    else node.lc.key(part)
                node = node[part]
            elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
                line, col = node.lc.item(part)
                node = node[part]
            else:
                break
        return line + 1, col + 1

    def entity_at(self, loc) -> str | None:
        """The name (or key) of the innermost entry around ``loc``, to tell the reader which entry is meant."""
        node, found = self.data, None
        for part in loc:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                break
            if isinstance(node, CommentedMap):
                for field in ("name", "key", "person", "organisation"):
                    if isinstance(node.get(field), str) and any(ch.isalnum() for ch in node[field]):
                        found = node[field]
                        break
        return found


class RemappedDocument(YamlDocument):
    """The same document, for a version of its data with some list entries removed: positions
    are mapped back to the entries' original places, so lines stay right."""

    def __init__(self, doc: YamlDocument, kept: dict[str, list[int]]):
        super().__init__(doc.path, doc.data)
        self.kept = kept

    def _original(self, loc):
        if len(loc) >= 2 and loc[0] in self.kept and isinstance(loc[1], int) and loc[1] < len(self.kept[loc[0]]):
            return (loc[0], self.kept[loc[0]][loc[1]], *loc[2:])
        return tuple(loc)

    def locate(self, loc):
        return super().locate(self._original(loc))

    def entity_at(self, loc):
        return super().entity_at(self._original(loc))


def _refuse(code: str, shown: str, event, **params):
    mark = event.start_mark
    raise UnreadableInput([Problem.of(code, file=shown, line=mark.line + 1, column=mark.column + 1, **params)])


def prescan(text: str, shown: str) -> None:
    """Refuse, with file and line, what the loader must never build (see the module docstring).

    Syntax errors are left to the round-trip parser, which reports them in its own words.
    """
    import yaml

    loader = yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader
    stack: list[list] = []           # per open collection: [is_mapping, children so far, size, anchor]
    sizes: dict[str, int] = {}       # anchor -> number of entries it stands for
    root_size = 0
    try:
        for event in yaml.parse(text, Loader=loader):
            kind = type(event).__name__
            if kind in ("ScalarEvent", "AliasEvent", "MappingStartEvent", "SequenceStartEvent"):
                parent = stack[-1] if stack else None
                is_key = parent is not None and parent[0] and parent[1] % 2 == 0
                if parent is not None:
                    parent[1] += 1
                tag = getattr(event, "tag", None)
                if tag not in (None, "!"):
                    _refuse("yaml-tag", shown, event, tag=str(tag)[:60])
            if kind == "ScalarEvent":
                if is_key and event.value == "<<" and not event.style:
                    _refuse("yaml-merge-key", shown, event)
                surrogate = next((ch for ch in event.value if "\ud800" <= ch <= "\udfff"), None)
                if surrogate is not None:
                    _refuse("text-surrogate", shown, event, value=f"U+{ord(surrogate):04X}")
                size = 1
            elif kind == "AliasEvent":
                size = sizes.get(event.anchor, 1)
            elif kind in ("MappingStartEvent", "SequenceStartEvent"):
                stack.append([kind == "MappingStartEvent", 0, 1, event.anchor])
                if len(stack) > MAX_DEPTH:
                    _refuse("yaml-too-deep", shown, event, limit=MAX_DEPTH)
                continue
            elif kind in ("MappingEndEvent", "SequenceEndEvent"):
                _is_mapping, _children, size, anchor = stack.pop()
                if anchor:
                    sizes[anchor] = size
            else:
                continue
            if kind == "ScalarEvent" and event.anchor:
                sizes[event.anchor] = 1
            if stack:
                stack[-1][2] += size
                total = stack[0][2]
            else:
                root_size += size
                total = root_size
            if total > MAX_EXPANDED_NODES:
                _refuse("yaml-aliases", shown, event, limit=MAX_EXPANDED_NODES)
    except yaml.YAMLError:
        return


def read_yaml(path: Path, shown: str) -> YamlDocument:
    """Read and parse a YAML contribution; syntax errors name the line and column."""
    return parse_yaml_text(read_text(path, shown), shown)


def parse_yaml_text(text: str, shown: str) -> YamlDocument:
    """Parse the text of a YAML contribution named ``shown``."""
    prescan(text, shown)
    yaml = YAML(typ="rt")
    # Dates stay text: the format checks them itself and names the line, while ruamel's own
    # timestamp constructor raises a bare ValueError for a date like 2019-13-01.
    yaml.constructor.add_constructor("tag:yaml.org,2002:timestamp",
                                     lambda constructor, node: constructor.construct_scalar(node))
    try:
        data = yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or exc.context or "").strip()
        de, en = explain(problem)
        code = "yaml-duplicate-field" if problem.startswith("found duplicate key") else "yaml-syntax"
        raise UnreadableInput([Problem.of(
            code, file=shown, line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None, detail=en, detail_de=de)]) from None
    except YAMLError as exc:
        de, en = explain(str(exc).splitlines()[0])
        raise UnreadableInput([Problem.of("yaml-syntax", file=shown, detail=en, detail_de=de)]) from None
    except (ValueError, TypeError, RecursionError) as exc:  # a value ruamel cannot construct
        de, en = explain(str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__)
        raise UnreadableInput([Problem.of("yaml-syntax", file=shown, detail=en, detail_de=de)]) from None
    if data is None:
        raise UnreadableInput([Problem.of("file-empty", file=shown)])
    if not isinstance(data, CommentedMap):
        raise UnreadableInput([Problem.of("yaml-not-mapping", file=shown, line=1, column=1)])
    doc = YamlDocument(shown, data)
    found = _surrogate(data, ())
    if found is not None:  # an escape such as "\ud800" that libyaml refused and ruamel built
        loc, char = found
        line, column = doc.locate(loc)
        raise UnreadableInput([Problem.of("text-surrogate", file=shown, line=line, column=column,
                                          value=f"U+{ord(char):04X}")])
    return doc


def _surrogate(node, loc):
    """(path, character) of the first lone surrogate in a key or value, or None."""
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in items:
        for text in (key, value):
            if isinstance(text, str):
                char = next((ch for ch in text if "\ud800" <= ch <= "\udfff"), None)
                if char is not None:
                    return (*loc, key), char
        if isinstance(value, (dict, list)):
            found = _surrogate(value, (*loc, key))
            if found is not None:
                return found
    return None
