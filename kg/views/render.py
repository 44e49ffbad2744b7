"""The template machinery every page uses: a Jinja2 environment over ``templates/`` with
autoescaping on, the page's own JS and CSS from ``static/`` inlined as trusted text, and JSON that is
safe inside ``<script>``.

Every page stays one self-contained file (no CDN, nothing fetched): vis-network comes from the
pyvis package and is inlined too. Data reaches the page only through autoescaped template
variables or ``script_json``, never by string formatting.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib.resources import files

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

__all__ = ["render", "script_json", "static", "vis_assets", "Assets", "templates_version"]


def script_json(data) -> Markup:
    """JSON that is safe inside <script>: no "</script>", no HTML-significant characters."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for raw, escaped in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"),
                         ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return Markup(text)


@functools.lru_cache(maxsize=None)
def static(name: str) -> Markup:
    """One of our own JS or CSS files, to be inlined as it is (trusted: it is part of the package)."""
    return Markup((files("kg.views") / "static" / name).read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Assets:
    js: Markup
    css: Markup


@functools.lru_cache(maxsize=1)
def vis_assets() -> Assets:
    """vis-network as shipped inside the pyvis package, to be inlined (no CDN)."""
    lib = files("pyvis") / "lib" / "vis-9.1.2"
    return Assets(Markup((lib / "vis-network.min.js").read_text(encoding="utf-8")),
                  Markup((lib / "vis-network.css").read_text(encoding="utf-8")))


@functools.lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(loader=PackageLoader("kg.views", "templates"), autoescape=select_autoescape(default=True),
                      keep_trailing_newline=True, undefined=StrictUndefined)
    env.filters["script_json"] = script_json
    env.globals["static"] = static
    return env


@functools.lru_cache(maxsize=1)
def templates_version() -> str:
    """A hash of every template, static file and the page code: a cached page made with other
    ones is not reused."""
    import hashlib
    digest = hashlib.blake2b(digest_size=8)
    root = files("kg.views")
    for folder in ("templates", "static"):
        for item in sorted((root / folder).iterdir(), key=lambda i: i.name):
            digest.update(item.name.encode() + item.read_bytes())
    for name in ("pages.py", "network.py", "render.py", "site.py", "items.py", "item_pages.py", "reference.py",
                 "exports.py"):
        digest.update((root / name).read_bytes())
    lib = files("pyvis") / "lib" / "vis-9.1.2"
    digest.update((lib / "vis-network.min.js").read_bytes())
    return digest.hexdigest()


def render(template: str, **context) -> str:
    """Render ``templates/<template>`` with ``context``; every value is escaped unless trusted."""
    return _environment().get_template(template).render(**context)
