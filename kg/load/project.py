"""Where a project's inputs are, in a module of its own: commands that only query the published
graph (``kg query``) need it without importing the loaders."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Project"]


@dataclass(frozen=True)
class Project:
    """Where the inputs are: the project folder with ontology/ and data/."""

    root: Path

    @property
    def ontology(self) -> Path:
        return self.root / "ontology" / "swf-kg.ttl"

    @property
    def shapes(self) -> Path:
        return self.root / "ontology" / "shapes.ttl"

    @property
    def data(self) -> Path:
        return self.root / "data"

    def shown(self, path: Path) -> str:
        """A path as people see it in messages: relative to the project where possible (a link
        keeps its own name; it is not resolved to its target)."""
        absolute, root = os.path.abspath(path), os.path.abspath(self.root)
        if absolute.startswith(root.rstrip(os.sep) + os.sep):
            return Path(os.path.relpath(absolute, root)).as_posix()
        return Path(path).as_posix()
