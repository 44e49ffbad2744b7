"""Reading input files without trusting them: only regular files (no pipes, devices or folders),
a size limit checked before and while reading, text in UTF-8, and for what is found in data/, no
link that leads out of the project. Every refusal is a problem that names the file.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from kg.errors import UnreadableInput
from kg.problems import Problem

__all__ = ["read_text", "find_contributions", "contribution_files", "MAX_FILE_BYTES", "CONTRIBUTION_SUFFIXES"]

MAX_FILE_BYTES = 2 * 1024 * 1024
CONTRIBUTION_SUFFIXES = (".yaml", ".yml", ".ttl")


def _read_bounded(path: Path, shown: str, limit: int) -> bytes:
    """At most ``limit`` bytes of a regular file; opening never blocks (a pipe is refused first)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise UnreadableInput([Problem.of("file-missing", file=shown)]) from None
    except IsADirectoryError:
        raise UnreadableInput([Problem.of("file-not-regular", file=shown)]) from None
    except OSError as exc:
        raise UnreadableInput([Problem.of("file-unreadable", file=shown, reason=exc.strerror or str(exc))]) from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableInput([Problem.of("file-not-regular", file=shown)])
        if info.st_size > limit:
            raise UnreadableInput([Problem.of("file-too-large", file=shown, size=info.st_size // 1024,
                                              limit=limit // 1024)])
        try:
            raw = handle.read(limit + 1)
        except OSError as exc:
            raise UnreadableInput([Problem.of("file-unreadable", file=shown,
                                              reason=exc.strerror or str(exc))]) from None
    if len(raw) > limit:  # it grew while we read it
        raise UnreadableInput([Problem.of("file-too-large", file=shown, size=len(raw) // 1024, limit=limit // 1024)])
    return raw


def read_text(path: Path, shown: str, *, limit: int = MAX_FILE_BYTES) -> str:
    """The file's text, or an ``UnreadableInput`` that says why it is not a text file we accept."""
    raw = _read_bounded(Path(path), shown, limit)
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


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def find_contributions(folder: Path, root: Path) -> tuple[list[Path], list[Problem]]:
    """Every contribution file under ``folder`` (sorted, so loading is deterministic), and the
    problems of entries that are refused: links leading out of ``root``, links to folders (not
    followed), and contribution names that are not regular files (pipes, devices, folders)."""
    real_root = os.path.realpath(root)
    found, problems = [], []
    for current, dirs, files in os.walk(folder, followlinks=False):
        dirs.sort()
        for name in list(dirs):
            entry = Path(current) / name
            if entry.is_symlink():
                dirs.remove(name)
                problems.append(Problem.of("link-not-followed", file=_shown(entry, root)))
        for name in sorted(files):
            entry = Path(current) / name
            if entry.suffix not in CONTRIBUTION_SUFFIXES:
                continue
            shown = _shown(entry, root)
            if entry.is_symlink() and not _inside(os.path.realpath(entry), real_root):
                problems.append(Problem.of("link-outside-project", file=shown))
                continue
            try:
                mode = entry.stat().st_mode
            except OSError as exc:
                problems.append(Problem.of("file-unreadable", file=shown, reason=exc.strerror or str(exc)))
                continue
            if not stat.S_ISREG(mode):
                problems.append(Problem.of("file-not-regular", file=shown))
                continue
            found.append(entry)
    return sorted(found, key=lambda p: _shown(p, root)), problems


def contribution_files(folder: Path) -> list[Path]:
    """The contribution files under ``folder`` that would be read (refused entries left out)."""
    return find_contributions(folder, folder)[0]


def _shown(path: Path, root: Path) -> str:
    """A path relative to ``root`` without resolving links (a link keeps its own name)."""
    absolute, base = os.path.abspath(path), os.path.abspath(root)
    return Path(os.path.relpath(absolute, base)).as_posix() if _inside(absolute, base) else Path(path).as_posix()
