"""The ``kg`` command. The only package that prints, and the only one that turns errors into exit codes.

Exit codes: 0 success (warnings allowed), 1 the data is wrong (validation errors, unknown
references) or a query was stopped, 2 a file cannot be read at all, an output may not be written,
or the command was used wrongly, 3 an internal error (a bug: set KG_DEBUG=1 to see the traceback).
Each family of commands has its module; ``base`` holds the group and what they share.
"""

from kg.cli import (  # noqa: F401  (each module adds its commands to the group)
    data,
    queries,
    remote,
    serve,
    views,
)
from kg.cli.base import main

__all__ = ["main"]
