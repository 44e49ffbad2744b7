"""Knowledge graph of Südwestfalen's regional-marketing network.

The library raises typed errors (``kg.errors``); the ``kg`` command reports them.
"""

__all__ = ["__version__"]


def __getattr__(name: str):
    """``kg.__version__``, looked up only when asked for (importlib.metadata is slow to import,
    and ``kg query`` should not pay for it)."""
    if name != "__version__":
        raise AttributeError(name)
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version("swf-kg")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "0.0.0+unknown"
