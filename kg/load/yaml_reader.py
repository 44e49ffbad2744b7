"""Reads one YAML contribution and remembers where every value stands, so problems can name the line.

One pass over PyYAML's C parser's event stream does two things. It refuses what untrusted input
can abuse before anything is built: nesting deeper than any contribution needs, aliases that would
expand the file manyfold (a few hundred bytes can become gigabytes), type tags, merge keys and
lone surrogates. And it builds the data itself (plain mappings, lists and scalars, typed by the
YAML 1.2 core schema as ruamel.yaml types them), keeping line and column of every key and item.

Anything out of the ordinary (a syntax error, a duplicate key, a number written in hex or with
underscores, a complex key) is handed to ruamel.yaml's round-trip loader instead, which builds the
same data and words the error messages; so the fast path never changes what a file means.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kg.errors import UnreadableInput
from kg.load.files import read_text
from kg.load.yaml_messages import explain
from kg.problems import Problem

__all__ = ["YamlDocument", "RemappedDocument", "Mapping", "Sequence", "read_yaml", "parse_yaml_text", "MAX_DEPTH",
           "MAX_EXPANDED_NODES"]

MAX_DEPTH = 40                 # a contribution needs about 6 levels
MAX_EXPANDED_NODES = 200_000   # entries after expanding aliases; a 2 MiB file holds fewer without them


class Mapping(dict):
    """A mapping that knows where it stands: (line, column) of itself, of each key and each value
    (0-based, as the parser counts), and whether it was written in flow style ``{…}``."""

    __slots__ = ("pos", "keys_at", "values_at", "flow")

    def __init__(self, pos=(0, 0), flow=False):
        super().__init__()
        self.pos, self.keys_at, self.values_at, self.flow = pos, {}, {}, flow


class Sequence(list):
    """A list that knows where it and each of its items stand."""

    __slots__ = ("pos", "items_at")

    def __init__(self, pos=(0, 0)):
        super().__init__()
        self.pos, self.items_at = pos, []


@dataclass
class YamlDocument:
    """A parsed contribution: its data and a way back from a path in the data to a line."""

    path: str
    data: Mapping

    def locate(self, loc) -> tuple[int | None, int | None]:
        """1-based (line, column) of the deepest part of ``loc`` (a path of keys and indexes) found."""
        node = self.data
        line, col = node.pos
        for part in loc:
            if isinstance(node, Mapping) and part in node:
                child = node[part]
                line, col = node.keys_at[part] if isinstance(child, (Mapping, Sequence)) else node.values_at[part]
                node = child
            elif isinstance(node, Sequence) and isinstance(part, int) and 0 <= part < len(node):
                line, col = node.items_at[part]
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
            if isinstance(node, dict):
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


class _Unusual(Exception):
    """Raised by the fast path where ruamel.yaml must decide (see the module docstring)."""


_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\.[0-9]+(?:[eE][-+]?[0-9]+)?")
_NULL = ("", "~", "null", "Null", "NULL")
_TRUE, _FALSE = ("true", "True", "TRUE"), ("false", "False", "FALSE")
# What ruamel.yaml's 1.2 resolver would type as a number (or a merge, value or yaml tag) in a form
# the fast path does not build itself: hex, octal, binary, underscores, leading zeros, .inf/.nan.
_UNUSUAL = re.compile(r"[-+]?(?:0[box]|[0-9_]*_[0-9_]*$|0[0-9]|\.[0-9]|[0-9]+[eE])|[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)$|"
                      r"(?:<<|=|!|&|\*)$|[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+]?[0-9]+)?$")


def _scalar(event):
    """The value of a scalar as ruamel.yaml's YAML 1.2 loader builds it (dates stay text)."""
    value = event.value
    if event.style or event.tag == "!":
        return value
    if value == "":
        raise _Unusual  # an empty value: ruamel.yaml places it where the next token starts
    if value in _NULL:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _INT.fullmatch(value):
        return int(value)
    if _FLOAT.fullmatch(value):
        return float(value)
    if _UNUSUAL.match(value):
        raise _Unusual
    return value


def _compose(text: str, shown: str, build: bool = True):
    """The data of the document (or None for an empty one), built from the event stream while the
    checks of the module docstring run. Raises ``UnreadableInput`` for what is refused and
    ``_Unusual`` where ruamel.yaml must build the data. With ``build=False`` only the checks run,
    to the end of the stream (before ruamel.yaml gets to see the text)."""
    import yaml

    loader = yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader
    stack: list[list] = []           # per open collection: [node, is_mapping, children so far, size, anchor, key]
    sizes: dict[str, int] = {}       # anchor -> number of entries it stands for
    anchors: dict[str, object] = {}  # anchor -> node
    root, root_size, documents = None, 0, 0
    try:
        for event in yaml.parse(text, Loader=loader):
            kind = type(event).__name__
            if kind == "DocumentStartEvent":
                documents += 1
                if documents > 1 and build:
                    raise _Unusual  # ruamel.yaml words this error
                continue
            if kind in ("MappingEndEvent", "SequenceEndEvent"):
                node, _is_mapping, _children, size, anchor, _key = stack.pop()
                if anchor:
                    sizes[anchor] = size
            elif kind in ("ScalarEvent", "AliasEvent", "MappingStartEvent", "SequenceStartEvent"):
                parent = stack[-1] if stack else None
                is_key = parent is not None and parent[1] and parent[2] % 2 == 0
                if parent is not None:
                    parent[2] += 1
                tag = getattr(event, "tag", None)
                if tag not in (None, "!"):
                    _refuse("yaml-tag", shown, event, tag=str(tag)[:60])
                mark = (event.start_mark.line, event.start_mark.column)
                if kind in ("MappingStartEvent", "SequenceStartEvent"):
                    node = None
                    if build:
                        if is_key:
                            raise _Unusual  # a complex key
                        node = Mapping(mark, bool(event.flow_style)) if kind == "MappingStartEvent" else Sequence(mark)
                        if parent is None:
                            root = node
                        else:
                            _attach(parent, node, mark)
                    if event.anchor:
                        anchors[event.anchor] = node
                    stack.append([node, kind == "MappingStartEvent", 0, 1, event.anchor, None])
                    if len(stack) > MAX_DEPTH:
                        _refuse("yaml-too-deep", shown, event, limit=MAX_DEPTH)
                    continue
                if kind == "ScalarEvent":
                    if is_key and event.value == "<<" and not event.style:
                        _refuse("yaml-merge-key", shown, event)
                    surrogate = next((ch for ch in event.value if "\ud800" <= ch <= "\udfff"), None)
                    if surrogate is not None:
                        _refuse("text-surrogate", shown, event, value=f"U+{ord(surrogate):04X}")
                    value, size = (_scalar(event) if build else None), 1
                    if event.anchor:
                        sizes[event.anchor] = 1
                        anchors[event.anchor] = value
                else:  # an alias
                    if build and event.anchor not in anchors:
                        raise _Unusual
                    value, size = anchors.get(event.anchor), sizes.get(event.anchor, 1)
                if build:
                    if parent is None:
                        root = value
                    elif is_key:
                        if isinstance(value, (dict, list)) or value in parent[0]:
                            raise _Unusual  # a complex or duplicate key
                        parent[0].keys_at[value] = mark
                        parent[5] = value
                    else:
                        _attach(parent, value, mark)
            else:
                continue
            if stack:
                stack[-1][3] += size
                total = stack[0][3]
            else:
                root_size += size
                total = root_size
            if total > MAX_EXPANDED_NODES:
                _refuse("yaml-aliases", shown, event, limit=MAX_EXPANDED_NODES)
    except yaml.YAMLError:
        if build:
            raise _Unusual from None
    return root


def _attach(parent: list, value, mark) -> None:
    node = parent[0]
    if parent[1]:
        key = parent[5]
        node[key] = value
        node.values_at[key] = mark
    else:
        node.append(value)
        node.items_at.append(mark)


def read_yaml(path: Path, shown: str) -> YamlDocument:
    """Read and parse a YAML contribution; syntax errors name the line and column."""
    return parse_yaml_text(read_text(path, shown), shown)


def parse_yaml_text(text: str, shown: str) -> YamlDocument:
    """Parse the text of a YAML contribution named ``shown``."""
    try:
        data = _compose(text, shown)
    except _Unusual:
        _compose(text, shown, build=False)  # every check, to the end, before ruamel.yaml builds anything
        data = _ruamel_load(text, shown)
    if data is None:
        raise UnreadableInput([Problem.of("file-empty", file=shown)])
    if not isinstance(data, Mapping):
        raise UnreadableInput([Problem.of("yaml-not-mapping", file=shown, line=1, column=1)])
    doc = YamlDocument(shown, data)
    found = _surrogate(data, ())
    if found is not None:  # an escape such as "\ud800" that libyaml refused and ruamel built
        loc, char = found
        line, column = doc.locate(loc)
        raise UnreadableInput([Problem.of("text-surrogate", file=shown, line=line, column=column,
                                          value=f"U+{ord(char):04X}")])
    return doc


def _ruamel_load(text: str, shown: str):
    """The data as ruamel.yaml's round-trip loader builds it, with its positions copied into
    ``Mapping``/``Sequence``; its syntax errors become problems with line and column."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

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
    return _positioned(data, {})


def _positioned(node, seen: dict):
    """ruamel.yaml's commented data as ``Mapping``/``Sequence`` with the same positions (shared
    nodes stay shared)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if id(node) in seen:
        return seen[id(node)]
    if isinstance(node, CommentedMap):
        out = Mapping((node.lc.line, node.lc.col), bool(node.fa.flow_style()))
        seen[id(node)] = out
        for key, value in node.items():
            out[key] = _positioned(value, seen)
            out.keys_at[key] = node.lc.key(key)
            out.values_at[key] = node.lc.value(key)
        return out
    if isinstance(node, CommentedSeq):
        out = Sequence((node.lc.line, node.lc.col))
        seen[id(node)] = out
        for i, value in enumerate(node):
            out.append(_positioned(value, seen))
            out.items_at.append(node.lc.item(i))
        return out
    return node


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
