"""Reads one YAML contribution and remembers where every value stands, so problems can name the line.

ruamel.yaml's round-trip loader keeps line and column of every key and item; it builds only plain
mappings, lists and scalars (no arbitrary objects), which is what untrusted input needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from kg.errors import UnreadableInput
from kg.problems import Problem

__all__ = ["YamlDocument", "RemappedDocument", "read_yaml", "read_text", "MAX_FILE_BYTES"]

MAX_FILE_BYTES = 2 * 1024 * 1024


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
                    if isinstance(node.get(field), str):
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


def read_text(path: Path, shown: str) -> str:
    """The file's text, or an ``UnreadableInput`` that says why it is not a text file we accept."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UnreadableInput([Problem.of("file-missing", file=shown)]) from None
    except OSError as exc:
        raise UnreadableInput([Problem.of("file-unreadable", file=shown, reason=exc.strerror or str(exc))]) from None
    if len(raw) > MAX_FILE_BYTES:
        raise UnreadableInput([Problem.of("file-too-large", file=shown, size=len(raw) // 1024,
                                          limit=MAX_FILE_BYTES // 1024)])
    if b"\x00" in raw:
        raise UnreadableInput([Problem.of("file-binary", file=shown)])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise UnreadableInput([Problem.of("file-not-utf8", file=shown, line=line)]) from None
    if not text.strip():
        raise UnreadableInput([Problem.of("file-empty", file=shown)])
    return text


def read_yaml(path: Path, shown: str) -> YamlDocument:
    """Parse a YAML contribution; syntax errors name the line and column."""
    text = read_text(path, shown)
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
        raise UnreadableInput([Problem.of(
            "yaml-syntax", file=shown, line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None, detail=problem)]) from None
    except YAMLError as exc:
        raise UnreadableInput([Problem.of("yaml-syntax", file=shown, detail=str(exc).splitlines()[0])]) from None
    except (ValueError, TypeError, RecursionError) as exc:  # a value ruamel cannot construct
        raise UnreadableInput([Problem.of("yaml-syntax", file=shown, detail=str(exc).splitlines()[0][:200])]) from None
    if data is None:
        raise UnreadableInput([Problem.of("file-empty", file=shown)])
    if not isinstance(data, CommentedMap):
        raise UnreadableInput([Problem.of("yaml-not-mapping", file=shown, line=1, column=1)])
    return YamlDocument(shown, data)
