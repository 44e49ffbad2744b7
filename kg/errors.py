"""The few error classes the library raises; only ``kg.cli`` turns them into messages and exit codes."""

from __future__ import annotations

__all__ = ["KGError", "UnreadableInput", "InvalidData", "OutputRefused", "QueryStopped"]


class KGError(Exception):
    """Base class: carries the problems found. ``exit_code`` is what the command line returns."""

    exit_code = 2

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("; ".join(p.message["en"] for p in self.problems[:3]))


class UnreadableInput(KGError):
    """A file cannot be read at all (missing, binary, not YAML/Turtle, too large): exit code 2."""

    exit_code = 2


class InvalidData(KGError):
    """The files read, but what they say is wrong (wrong type, unknown reference, SHACL): exit code 1."""

    exit_code = 1


class OutputRefused(KGError):
    """kg may not write where it was asked to (a folder it did not write, the project itself, a
    full disk): exit code 2. Nothing was changed."""

    exit_code = 2


class QueryStopped(KGError):
    """A query ran longer than its time limit, or was interrupted, and was stopped: exit code 1."""

    exit_code = 1
