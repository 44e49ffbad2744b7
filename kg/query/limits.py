"""A time limit for a query that really stops it, and Ctrl-C that does too.

pyoxigraph has no query timeout and cannot be interrupted from Python, but it releases the GIL
while it evaluates. So the query runs in a worker thread while the caller waits with a limit; when
the limit passes (or Ctrl-C arrives) the caller gets ``QueryStopped`` and the command ends its
process, which ends the query. Only a process that can end may use this: ``kg query`` does.
"""

from __future__ import annotations

import threading
from typing import Callable, TypeVar

from kg.errors import QueryStopped
from kg.problems import Problem

__all__ = ["run_limited"]

T = TypeVar("T")


def run_limited(work: Callable[[], T], seconds: float | None, *, source: str = "<query>") -> T:
    """``work()``'s result, or ``QueryStopped`` after ``seconds`` (None: no limit) or on Ctrl-C."""
    outcome: dict = {}

    def worker():
        try:
            outcome["value"] = work()
        except BaseException as exc:  # handed to the caller's thread
            outcome["error"] = exc

    thread = threading.Thread(target=worker, name="kg-query", daemon=True)
    thread.start()
    try:
        thread.join(seconds)
    except KeyboardInterrupt:
        raise QueryStopped([Problem.of("sparql-interrupted", file=source)]) from None
    if thread.is_alive():
        raise QueryStopped([Problem.of("sparql-timeout", file=source, seconds=f"{seconds:g}")])
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]
