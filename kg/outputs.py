"""Where kg may write, and how, so that nothing is lost and nothing is half-written.

- A folder kg writes carries a marker file (``.kg-output``). kg replaces or writes into a folder
  only when it does not exist, is empty, or carries the marker; never the project root, never a
  folder that holds the project, never inside data/, ontology/ or queries/.
- A published folder is built beside the old one and swapped in with one atomic step
  (``renameat2(RENAME_EXCHANGE)`` on Linux; elsewhere two renames, and the next run restores the old
  folder if a kill fell between them). Leftovers of killed runs are removed by the next run.
- One writer at a time per output folder (a lock file beside it); concurrent runs wait in turn.
- Files and folders get the permissions the umask allows, so a web server running as another user
  can read them (temporary files are created private first).

This module is part of the ground every stage shares: the build, the views and the validation
cache all write through it.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from kg.errors import OutputRefused
from kg.problems import Problem

__all__ = ["MARKER", "temporary_prefix", "check_output_folder", "replace_folder", "written_folder", "write_atomic",
           "write_staged", "link_staged", "folder_lock", "make_private_dir_public", "apply_umask"]

MARKER = ".kg-output"
MARKER_TEXT = "Written by kg. kg may replace this folder; keep your own files elsewhere.\n"
LOCK_TIMEOUT = 15 * 60
_INPUT_FOLDERS = ("data", "ontology", "queries")
_LEGACY_OUTPUT = ("summary.json", "swf-kg.nq", "swf-kg.trig")
_UMASK: int | None = None


def _umask() -> int:
    global _UMASK
    if _UMASK is None:
        current = os.umask(0o022)
        os.umask(current)
        _UMASK = current
    return _UMASK


def apply_umask(path: Path, *, folder: bool = False) -> None:
    """Give ``path`` the permissions a normally created file or folder would have."""
    os.chmod(path, (0o777 if folder else 0o666) & ~_umask())


def make_private_dir_public(path: Path) -> None:
    """``tempfile.mkdtemp`` creates 0700; published folders follow the umask instead."""
    apply_umask(path, folder=True)


def _real(path: Path) -> str:
    return os.path.realpath(path)


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def check_output_folder(out: Path, project_root: Path | None = None) -> None:
    """Raise ``OutputRefused`` unless kg may write ``out`` (see the module docstring)."""
    out = Path(out)
    shown = out.as_posix()
    if out.is_symlink():
        raise OutputRefused([Problem.of("out-is-link", file=shown)])
    real = _real(out)
    if project_root is not None:
        root = _real(project_root)
        if _inside(root, real):
            raise OutputRefused([Problem.of("out-holds-project", file=shown)])
        for name in _INPUT_FOLDERS:
            if _inside(real, os.path.join(root, name)):
                raise OutputRefused([Problem.of("out-inside-inputs", file=shown, folder=f"{name}/")])
    if out.exists():
        if not out.is_dir():
            raise OutputRefused([Problem.of("out-not-folder", file=shown)])
        if any(out.iterdir()) and not _written_by_kg(out):
            raise OutputRefused([Problem.of("out-not-ours", file=shown)])


def _written_by_kg(folder: Path) -> bool:
    """The folder carries the marker, or holds what builds before the marker wrote (so an existing
    dist/ is not refused after an upgrade)."""
    return (folder / MARKER).is_file() or all((folder / name).is_file() for name in _LEGACY_OUTPUT)


@contextmanager
def folder_lock(folder: Path):
    """One writer at a time for ``folder`` (the lock file sits beside it, so it survives swaps)."""
    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(folder.parent / f".{folder.name}.lock"), timeout=LOCK_TIMEOUT)
    try:
        with lock:
            yield
    except Timeout:
        raise OutputRefused([Problem.of("out-busy", file=folder.as_posix(), minutes=LOCK_TIMEOUT // 60)]) from None


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one atomic step; False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _leftovers(target: Path) -> list[Path]:
    """Stage and old folders of earlier runs: they carry the marker, or hold nothing but the
    marker's temporary file (a run killed while writing it) or nothing at all."""
    return sorted(p for p in target.parent.glob(f".{target.name}-*-*") if p.is_dir() and (
        (p / MARKER).is_file() or all(child.name.startswith(temporary_prefix(MARKER)) for child in p.iterdir())))


def _remove_marked(folder: Path) -> None:
    """Remove a folder kg wrote with its marker last, so a run killed halfway through leaves a
    folder the next run still recognises as a leftover (a large site takes a while to delete)."""
    try:
        children = list(folder.iterdir())
    except OSError:
        return
    for child in children:
        if child.name == MARKER:
            continue
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)
    (folder / MARKER).unlink(missing_ok=True)
    shutil.rmtree(folder, ignore_errors=True)


def _recover_and_clean(target: Path) -> None:
    """Restore the old folder if a kill fell between two renames, then remove leftovers."""
    leftovers = _leftovers(target)
    if not target.exists():
        old = [p for p in leftovers if p.name.startswith(f".{target.name}-old-") and (p / MARKER).is_file()]
        if old:
            os.rename(old[-1], target)
            leftovers.remove(old[-1])
    for path in leftovers:
        _remove_marked(path)


@contextmanager
def replace_folder(target: Path, project_root: Path | None = None):
    """Yield a fresh folder; when the block succeeds it replaces ``target`` in one step, on any
    error (or a kill) ``target`` stays as it was. Raises ``OutputRefused`` when kg may not write
    ``target``."""
    target = Path(target)
    check_output_folder(target, project_root)
    with folder_lock(target):
        check_output_folder(target, project_root)  # again, now that no one else is writing
        _recover_and_clean(target)
        stage = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=target.parent))
        try:
            make_private_dir_public(stage)
            write_atomic(stage / MARKER, MARKER_TEXT)
            yield stage
            if not target.exists():
                os.rename(stage, target)
            elif _exchange(stage, target):
                _remove_marked(stage)  # it now holds the old folder
            else:
                old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
                os.rmdir(old)
                os.rename(target, old)
                os.rename(stage, target)
                _remove_marked(old)
        except BaseException:
            _remove_marked(stage)
            raise


@contextmanager
def written_folder(folder: Path, project_root: Path | None = None):
    """For writing single files into a folder kg owns (``kg viz``): the folder is checked, created
    with the marker if new, and locked while the block writes."""
    folder = Path(folder)
    check_output_folder(folder, project_root)
    with folder_lock(folder):
        check_output_folder(folder, project_root)
        if not folder.exists():
            folder.mkdir(parents=True)
        if not (folder / MARKER).is_file():
            write_atomic(folder / MARKER, MARKER_TEXT)
        yield folder


def temporary_prefix(name: str) -> str:
    """How the temporary file of ``write_atomic`` for a file called ``name`` begins."""
    return f".{name}."


def write_staged(path: Path, text: str) -> None:
    """A file in a stage folder (``replace_folder``), which only this process writes and which is
    swapped in whole or removed: written in place, without the temporary file ``write_atomic``
    needs (a third of the time for the build's thousands of pages)."""
    try:
        handle = open(path, "w", encoding="utf-8", newline="\n")
    except FileNotFoundError:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        handle = open(path, "w", encoding="utf-8", newline="\n")
    with handle:
        handle.write(text)


def link_staged(source: Path, path: Path) -> None:
    """A file in a stage folder (see ``write_staged``) with the content of ``source``, a file kg
    never changes in place (it is only ever replaced): a hard link, else a copy."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, path)
    except OSError:  # another file system, or links not allowed
        shutil.copyfile(source, path)


def write_atomic(path: Path, text: str | bytes, *, exclusive: bool = False) -> None:
    """Write to a temporary file beside ``path``, then move it into place in one step. With
    ``exclusive``, an existing file is never replaced (``FileExistsError``). Text is written as
    UTF-8 with "\\n" line ends; bytes as they are."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=temporary_prefix(path.name), dir=path.parent)
    try:
        if isinstance(text, bytes):
            with os.fdopen(fd, "wb") as handle:
                handle.write(text)
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        apply_umask(Path(tmp))
        if exclusive:
            os.link(tmp, path)  # fails if ``path`` exists, even if it appeared a moment ago
            os.unlink(tmp)
        else:
            os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
