"""Knowledge graph of Südwestfalen's regional-marketing network.

The library raises typed errors (``kg.errors``); the ``kg`` command reports them.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("swf-kg")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+unknown"

__all__ = ["__version__"]
