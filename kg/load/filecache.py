"""What ``kg build`` keeps of each contribution between runs, so a rebuild re-does only what changed.

A record is keyed by the file's shown path and the hash of its text (and of kg's own loader code):
the parse (document with positions, checked model, shape problems) and the emitted named graph
(as N-Quads, with the file's problems and the lines of its subjects). The graph depends on more
than the file: on how its references resolve and on which of its declarations another file took
first. So the record also keeps every question emit asked the registry and the answer it got, and
the declarations dropped as duplicates; the graph is reused only if every answer is the same today.

Records live in ``.kg-cache/build/files/`` as pickles written by kg itself (written atomically,
ignored when damaged or from another version, pruned to the files of the last build). Deleting
the folder is always safe.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from kg.outputs import write_atomic

__all__ = ["FileCache", "RecordingRegistry", "code_version"]


def code_version() -> str:
    """A hash of the loader's own source: a record made by other code is not reused."""
    if not _VERSION:
        digest = hashlib.blake2b(digest_size=8)
        here = Path(__file__).resolve().parent
        for path in sorted(here.rglob("*.py")):
            digest.update(path.read_bytes())
        _VERSION.append(digest.hexdigest())
    return _VERSION[0]


_VERSION: list[str] = []


class FileCache:
    """The records of one project's contributions."""

    def __init__(self, folder: Path):
        self.folder = Path(folder) / "files"
        self.used: set[str] = set()
        self.hits = self.files = 0  # files whose graph was reused, files emitted in all
        self._records: dict[str, dict] = {}
        self._dirty: set[str] = set()

    def key(self, shown: str, text_digest: str) -> str:
        return hashlib.blake2b(f"{code_version()}\x1f{shown}\x1f{text_digest}".encode("utf-8", "surrogatepass"),
                               digest_size=16).hexdigest()

    def get(self, key: str) -> dict | None:
        self.used.add(key)
        if key in self._records:
            return self._records[key]
        try:
            with (self.folder / f"{key}.pickle").open("rb") as handle:
                record = pickle.load(handle)
        except Exception:  # missing, damaged, or from another Python: made again
            return None
        if not isinstance(record, dict):
            return None
        self._records[key] = record
        return record

    def put(self, key: str, record: dict) -> None:
        """Keep ``record`` (written out by ``flush``)."""
        self.used.add(key)
        self._records[key] = record
        self._dirty.add(key)

    def flush(self) -> None:
        """Write the records made or changed in this run."""
        for key in sorted(self._dirty):
            try:
                write_atomic(self.folder / f"{key}.pickle",
                             pickle.dumps(self._records[key], protocol=pickle.HIGHEST_PROTOCOL))
            except (OSError, pickle.PicklingError, TypeError, AttributeError):
                pass  # only a shortcut
        self._dirty.clear()

    def release(self) -> None:
        """Forget the records held in memory (written by ``flush`` already); the counts stay."""
        self._records.clear()
        self._dirty.clear()

    def prune(self) -> None:
        """Forget the records of files this build did not read."""
        try:
            entries = list(os.scandir(self.folder))
        except OSError:
            return
        for entry in entries:
            if entry.name.endswith(".pickle") and entry.name[:-7] not in self.used:
                try:
                    os.unlink(entry.path)
                except OSError:
                    pass


class RecordingRegistry:
    """The registry as emit sees it, noting each question and its answer (the IRI found, or the
    suggestions offered) so a later build can tell whether the answers still hold."""

    def __init__(self, registry):
        self._registry = registry
        self.calls: list[tuple] = []

    def get(self, kind: str, ref: str):
        entry = self._registry.get(kind, ref)
        self.calls.append(("get", kind, ref, str(entry.iri) if entry is not None else None))
        return entry

    def suggest(self, kind: str, ref: str, **options):
        found = self._registry.suggest(kind, ref, **options)
        self.calls.append(("suggest", kind, ref, tuple(sorted(options.items())), tuple(found)))
        return found

    @staticmethod
    def still_holds(calls: list[tuple], registry) -> bool:
        """Whether every recorded question gets the same answer from ``registry`` now."""
        for call in calls:
            if call[0] == "get":
                entry = registry.get(call[1], call[2])
                if (str(entry.iri) if entry is not None else None) != call[3]:
                    return False
            elif tuple(registry.suggest(call[1], call[2], **dict(call[3]))) != call[4]:
                return False
        return True
