"""The catalog of named SPARQL queries in queries/: their header, parameters and binding.

Each ``NAME.rq`` starts with ``#+`` comment lines holding YAML (summary in de and en, tags,
params), so the file stays valid SPARQL and any SPARQL tool can run it. Parameters are query
variables bound to RDF terms at run time, never pasted into the query text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import yaml

from kg.errors import InvalidData, UnreadableInput
from kg.iris import BASE, PREFIXES
from kg.problems import Problem

__all__ = ["CatalogQuery", "Param", "load_catalog", "read_query", "bind", "bind_adhoc"]

_TYPES = ("string", "iri", "integer")


@dataclass(frozen=True)
class Param:
    """One parameter: its type, default and whether it may be left out."""

    name: str
    type: str = "string"
    default: str | None = None
    optional: bool = False
    description: str = ""


@dataclass
class CatalogQuery:
    """A named query with its header."""

    name: str
    path: Path
    text: str
    summary: dict[str, str]
    tags: list[str] = field(default_factory=list)
    params: dict[str, Param] = field(default_factory=dict)

    @property
    def is_violation_check(self) -> bool:
        """``*-violation.rq`` queries must return no rows on the published graph."""
        return self.name.endswith("-violation")


def read_query(path: Path, shown: str | None = None) -> CatalogQuery:
    """Parse one ``.rq`` file's header; a broken header names the file and line."""
    shown = shown or path.as_posix()
    text = path.read_text(encoding="utf-8")
    header = []
    for line in text.splitlines():
        if line.startswith("#+"):
            header.append(line[3:] if line.startswith("#+ ") else line[2:])
        elif line.strip() and not line.startswith("#"):
            break
    try:
        meta = yaml.load("\n".join(header), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise UnreadableInput([Problem.of("query-header", file=shown, line=mark.line + 1 if mark else 1,
                                          detail=str(getattr(exc, "problem", exc)))]) from None
    summary = meta.get("summary") or {}
    if not isinstance(summary, dict) or not summary.get("de") or not summary.get("en"):
        raise UnreadableInput([Problem.of("query-header", file=shown, line=1,
                                          detail="the summary needs a German (de) and an English (en) text")])
    params = {}
    for name, spec in (meta.get("params") or {}).items():
        spec = spec or {}
        kind = spec.get("type", "string")
        if kind not in _TYPES:
            raise UnreadableInput([Problem.of("query-header", file=shown, line=1,
                                              detail=f"parameter {name} has unknown type {kind}")])
        default = spec.get("default")
        params[name] = Param(name, kind, None if default is None else str(default), bool(spec.get("optional")),
                             str(spec.get("description", "")))
    return CatalogQuery(path.stem, path, text, {"de": summary["de"], "en": summary["en"]},
                        list(meta.get("tags") or []), params)


def load_catalog(folder: Path) -> dict[str, CatalogQuery]:
    """Every query in ``folder`` by name, sorted. Read once per process while the files stay as
    they are (a page-rendering loop asks for it hundreds of times)."""
    paths = sorted(Path(folder).glob("*.rq"))
    stamp = (str(Path(folder).resolve()), tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in paths))
    if stamp not in _CATALOGS:
        _CATALOGS.clear()
        _CATALOGS[stamp] = {q.name: q for q in (read_query(p) for p in paths)}
    return dict(_CATALOGS[stamp])


_CATALOGS: dict = {}


_KINDS = {iri[len(BASE + "id/"):-1] for iri in PREFIXES.values() if iri.startswith(BASE + "id/")}  # person, event …


def _term(param: Param, value: str, source: str = "<query>"):
    if param.type == "iri":
        key = value.strip("/")
        if not value.startswith(("http://", "https://", "urn:")) and "/" not in key:
            # a key without its kind: a parameter named after a kind takes it; any other is refused
            # with a hint, never run as an IRI that names nothing (a silent empty result)
            if param.name not in _KINDS:
                raise InvalidData([Problem.of("query-param-kind", file=source, param=param.name, value=value)])
            key = f"{param.name}/{key}"
        iri = value if value.startswith(("http://", "https://", "urn:")) else f"{BASE}id/{key}"
        return ox.NamedNode(iri)  # raises ValueError for anything that is not an IRI
    if param.type == "integer":
        return ox.Literal(int(value))
    return ox.Literal(value)


def bind(query: CatalogQuery, values: dict[str, str] | None = None) -> dict[str, object]:
    """The RDF terms (pyoxigraph's) to bind, by variable name: given values, else defaults;
    optional parameters may stay unbound.

    Raises ``InvalidData`` for an unknown parameter or a value of the wrong type.
    """
    values = dict(values or {})
    unknown = sorted(set(values) - set(query.params))
    if unknown:
        raise InvalidData([Problem.of("query-param-unknown", file=query.path.as_posix(), param=unknown[0],
                                      known=", ".join(sorted(query.params)) or "-")])
    bindings = {}
    for name, param in query.params.items():
        value = values.get(name, param.default)
        if value is None:
            if not param.optional:
                raise InvalidData([Problem.of("query-param-missing", file=query.path.as_posix(), param=name)])
            continue
        try:
            bindings[name] = _term(param, value, query.path.as_posix())
        except ValueError:
            raise InvalidData([Problem.of("query-param-type", file=query.path.as_posix(), param=name,
                                          value=value, type=param.type)]) from None
    return bindings


def bind_adhoc(values: dict[str, str], source: str) -> dict[str, object]:
    """Bindings for a query outside the catalog, which declares no types: ``<…>`` binds an IRI,
    anything else a plain string. Raises ``InvalidData`` for an IRI that is not one."""
    bindings = {}
    for key, value in values.items():
        if value.startswith("<") and value.endswith(">"):
            try:
                bindings[key] = ox.NamedNode(value[1:-1])
            except ValueError:
                raise InvalidData([Problem.of("query-param-type", file=source, param=key, value=value,
                                              type="iri")]) from None
        else:
            bindings[key] = ox.Literal(value)
    return bindings
