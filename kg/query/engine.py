"""SPARQL over the published graph with pyoxigraph.

rdflib's own engine is far too slow for OPTIONAL and aggregates (a conflict query on today's
7,000-triple graph took 48 s in rdflib), and it fails on GROUP_CONCAT over unbound values. The
engine loads the published N-Quads into an in-memory Oxigraph store (no re-parsing or
re-validating of the sources) and queries the merge of the named graphs. Parameters are passed
as SEP-0007 substitutions, so user input never becomes query text. No SERVICE or LOAD target is
ever fetched: the store has no network access.
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import InvalidData, UnreadableInput
from kg.problems import Problem
from kg.query.portable import code_only, concat_columns, portable_row
from kg.stores import merge_into_default_graph

__all__ = ["Engine", "SelectResult", "merge_into_default_graph", "python_value", "as_ox_term", "refuse_service",
           "NUMERIC_TYPES"]


@dataclass
class SelectResult:
    """Column names and rows of pyoxigraph terms (None where unbound)."""

    columns: list[str]
    rows: list[tuple]

    @classmethod
    def from_solutions(cls, solutions, hide=(), concats: dict[str, str] | None = None) -> "SelectResult":
        """pyoxigraph solutions without the columns in ``hide`` (the parameters, which pyoxigraph
        can only substitute when they are projected), each value as every engine gives it
        (``concats``: the query's GROUP_CONCAT columns, see ``kg.query.portable``)."""
        hidden = set(hide)
        names = [v.value for v in solutions.variables]
        kept = [i for i, name in enumerate(names) if name not in hidden]
        columns = [names[i] for i in kept]
        concats = concats or {}
        # by position, in C: a third of the cost of looking each value up by name
        pick = operator.itemgetter(*kept) if len(kept) > 1 else (
            (lambda solution: (solution[kept[0]],)) if kept else (lambda solution: ()))
        return cls(columns, [portable_row(pick(solution), columns, concats) for solution in solutions])

    def values(self) -> list[tuple]:
        """Rows as plain strings (an IRI's or literal's value; None stays None). Equal strings are
        one object: the rows repeat labels, files and sources many times over, and the build holds
        the item pages' rows for the whole graph (at a million triples, gigabytes otherwise)."""
        known: dict[str, str] = {}
        one = known.setdefault

        def text(term) -> str | None:
            if term is None:
                return None
            value = term.value
            return one(value, value)

        return [tuple(map(text, row)) for row in self.rows]

    def records(self) -> list[dict]:
        """Rows as dicts of plain Python values, for notebooks: whole numbers as ``int``, other
        numbers as ``float``, booleans as ``bool``, everything else (IRIs, text, dates) as ``str``,
        unbound as ``None``."""
        return [dict(zip(self.columns, (python_value(v) for v in row))) for row in self.rows]

    def to_pandas(self):
        """The rows as a pandas DataFrame (pandas is not a dependency of kg: install it to use this)."""
        try:
            import pandas
        except ImportError:
            raise ImportError("to_pandas() needs pandas, which kg does not install: pip install pandas") from None
        return pandas.DataFrame.from_records(self.records(), columns=self.columns)


_XSD = "http://www.w3.org/2001/XMLSchema#"
_WHOLE = {_XSD + n for n in ("integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
                             "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong")}
_REAL = {_XSD + n for n in ("decimal", "double", "float")}
NUMERIC_TYPES = _WHOLE | _REAL  # a literal of these types is a number, never text (nor a formula in a CSV)


def python_value(term):
    """A pyoxigraph term as a plain Python value (see ``SelectResult.records``)."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        try:
            if datatype in _WHOLE:
                return int(term.value)
            if datatype in _REAL:
                return float(term.value)
        except ValueError:
            return term.value  # an ill-typed literal stays as it was written
        if datatype == _XSD + "boolean":
            return term.value in ("true", "1")
    return term.value


class Engine:
    """A loaded, indexed store over which queries run."""

    def __init__(self, store: ox.Store, *, merged: bool = False):
        self.store = store
        self._kept: dict = {}  # results of select(keep=True), each handed out once more
        if not merged:
            merge_into_default_graph(store)

    @classmethod
    def from_nquads(cls, path: Path) -> "Engine":
        """Load a published ``swf-kg.nq`` (written by ``kg build``)."""
        return cls.from_file(path)

    @classmethod
    def from_file(cls, path: Path) -> "Engine":
        """Load N-Quads (``.nq``) or TriG (``.trig``) with its named graphs."""
        if not Path(path).is_file():
            raise UnreadableInput([Problem.of("graph-not-built", file=Path(path).as_posix(), path=Path(path).as_posix())])
        fmt = ox.RdfFormat.TRIG if str(path).endswith(".trig") else ox.RdfFormat.N_QUADS
        store = ox.Store()
        try:
            store.bulk_load(path=str(path), format=fmt)
        except (SyntaxError, ValueError, OSError) as exc:
            detail = " ".join(str(exc).split())[:200] or type(exc).__name__
            raise UnreadableInput([Problem.of("graph-unreadable", file=Path(path).as_posix(), detail=detail)]) from None
        return cls(store)

    def run(self, text: str, bindings: dict | None = None, *, source: str = "<query>"):
        """Run any query form; a syntax error names the line and column in ``source``.

        SERVICE is refused: pyoxigraph would fetch it over the network, and query text may come
        from anyone.
        """
        refuse_service(text, source)
        substitutions = {ox.Variable(str(k).lstrip("?")): as_ox_term(v) for k, v in (bindings or {}).items()}
        try:
            return self.store.query(text, substitutions=substitutions or None)
        except SyntaxError as exc:
            line, column = _position(str(exc))
            raise InvalidData([Problem.of("sparql-syntax", file=source, line=line, column=column,
                                          detail=_syntax_detail(str(exc)))]) from None
        except (OSError, ValueError, RuntimeError) as exc:
            missing = re.search(r"does not contains? variable \?(\w+) in its SELECT projection", str(exc))
            if missing:
                raise InvalidData([Problem.of("sparql-param-not-projected", file=source,
                                              param=missing.group(1))]) from None
            raise InvalidData([Problem.of("sparql-error", file=source, detail=str(exc)[:300])]) from None

    def select(self, text: str, bindings=None, *, source: str = "<query>", hide=(), keep: bool = False) -> SelectResult:
        """A SELECT query's result as rdflib terms, without the columns named in ``hide``
        (the parameters, which pyoxigraph can only substitute when they are projected).

        ``keep``: the same query will be asked once more before the store changes (the build
        publishes some results and then draws pages from them), so the result is kept and the
        second ask is answered from memory, once."""
        key = None
        if keep or self._kept:
            key = (text, frozenset((str(k).lstrip("?"), as_ox_term(v)) for k, v in (bindings or {}).items()),
                   frozenset(hide))
            if key in self._kept:
                return self._kept.pop(key)
        result = self.run(text, bindings, source=source)
        if not isinstance(result, ox.QuerySolutions):
            raise InvalidData([Problem.of("sparql-not-select", file=source)])
        selected = SelectResult.from_solutions(result, hide, concat_columns(text))
        if keep:
            self._kept[key] = SelectResult(list(selected.columns), list(selected.rows))
        return selected

    def forget_kept(self) -> None:
        """Drop the kept results nobody asked for again (their memory goes to what comes next)."""
        self._kept.clear()


def as_ox_term(term):
    """A binding as a pyoxigraph term (the catalog gives those; the Python API may pass rdflib's)."""
    if isinstance(term, (ox.NamedNode, ox.BlankNode, ox.Literal)):
        return term
    from kg.terms import to_ox
    return to_ox(term)


_SERVICE = re.compile(r"\bSERVICE\b", re.IGNORECASE)


def refuse_service(text: str, source: str) -> None:
    """``InvalidData`` naming the line of a SERVICE in ``text`` (outside strings, IRIs and comments):
    no engine of ours sends a query to the network, and query text may come from anyone."""
    service = _SERVICE.search(code_only(text))
    if service:
        raise InvalidData([Problem.of("sparql-service", file=source, line=text[: service.start()].count("\n") + 1)])


def _position(message: str) -> tuple[int | None, int | None]:
    match = re.search(r"line (\d+) column (\d+)", message) or re.search(r"(\d+):(\d+)", message)
    return (int(match.group(1)), int(match.group(2))) if match else (None, None)


def _syntax_detail(message: str) -> str:
    first = message.strip().splitlines()[0] if message.strip() else "syntax error"
    return first[:200]
