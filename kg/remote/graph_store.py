"""``kg push``: the published dataset into a triple store, through the SPARQL 1.1 Graph Store HTTP
Protocol only (so it works with any store that speaks it).

One named graph per source file, each replaced as a whole (``PUT``); the RDF merge of all of them
(each triple once) in the store's default graph, or in the named graph ``default_graph`` for a
store whose Graph Store endpoint has none (Virtuoso). Every graph's current content is read first
and only graphs that differ are written, so a second push changes nothing and ``--dry-run`` can
say exactly what a push would do. Graphs of files deleted since the last push are found in the
merge the store holds (every source graph describes itself there with ``swf:sourceFile``) and are
removed. The merge is written last: a push that is cut off leaves the old merge, which still
names every graph the next push must clean up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pyoxigraph as ox

from kg.errors import InvalidData, UnreadableInput
from kg.iris import BASE
from kg.problems import Problem
from kg.remote.sparql import first_line

__all__ = ["PushPlan", "plan_push", "push", "read_dataset"]

_NT = "application/n-triples"
_SOURCE_FILE = ox.NamedNode(BASE + "ontology#sourceFile")


@dataclass
class PushPlan:
    """What a push does: graphs to create, to replace, to remove, and those already equal."""

    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    merge: str = "unchanged"   # "new", "changed" or "unchanged"

    @property
    def writes(self) -> int:
        return len(self.new) + len(self.changed) + len(self.removed) + (self.merge != "unchanged")


def read_dataset(nquads: Path) -> tuple[dict[str, set], set]:
    """The published N-Quads as {graph IRI: triples} and their merge."""
    if not Path(nquads).is_file():
        raise UnreadableInput([Problem.of("graph-not-built", file=Path(nquads).as_posix(), path=Path(nquads).as_posix())])
    graphs: dict[str, set] = {}
    merge: set = set()
    for quad in ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS):
        triple = quad.triple
        merge.add(triple)
        if isinstance(quad.graph_name, ox.NamedNode):
            graphs.setdefault(quad.graph_name.value, set()).add(triple)
    return graphs, merge


def _serialise(triples: set) -> bytes:
    """Sorted N-Triples: the same dataset gives the same request bodies."""
    return ox.serialize(sorted(triples, key=str), format=ox.RdfFormat.N_TRIPLES)


class _GraphStore:
    def __init__(self, url: str, auth: tuple[str, str] | None, timeout: float):
        self.url = url
        self.client = httpx.Client(timeout=httpx.Timeout(timeout, connect=10),
                                   auth=httpx.DigestAuth(*auth) if auth else None, follow_redirects=True)

    def _params(self, graph: str | None) -> dict:
        return {"default": ""} if graph is None else {"graph": graph}

    def _failed(self, method: str, graph: str | None, response) -> None:
        detail = first_line(response.text)
        code = "push-no-default-graph" if graph is None and "default graph" in detail.lower() else "push-refused"
        raise InvalidData([Problem.of(code, file=self.url, method=method, graph=graph or "default",
                                      status=response.status_code, detail=detail)])

    def _request(self, method: str, graph: str | None, **kwargs):
        try:
            return self.client.request(method, self.url, params=self._params(graph), **kwargs)
        except httpx.HTTPError as exc:
            raise UnreadableInput([Problem.of("endpoint-unreachable", file=self.url,
                                              detail=" ".join(str(exc).split())[:200] or type(exc).__name__)]) from None

    def get(self, graph: str | None) -> set | None:
        """The graph's triples, or None if the store does not have it."""
        response = self._request("GET", graph, headers={"Accept": _NT})
        if response.status_code == 404:
            return None
        if response.status_code >= 400:
            self._failed("GET", graph, response)
        media = response.headers.get("content-type", _NT).split(";")[0].strip()
        kind = ox.RdfFormat.from_media_type(media) or ox.RdfFormat.N_TRIPLES
        return {q.triple for q in ox.parse(response.content, format=kind)} if response.content.strip() else set()

    def put(self, graph: str | None, triples: set) -> None:
        response = self._request("PUT", graph, content=_serialise(triples), headers={"Content-Type": _NT})
        if response.status_code >= 400:
            self._failed("PUT", graph, response)

    def delete(self, graph: str) -> None:
        response = self._request("DELETE", graph)
        if response.status_code >= 400 and response.status_code != 404:
            self._failed("DELETE", graph, response)


def _described(merge: set | None) -> set[str]:
    """The source graphs a merge in the store names (each describes itself with swf:sourceFile)."""
    return {t.subject.value for t in merge or () if t.predicate == _SOURCE_FILE and isinstance(t.subject, ox.NamedNode)}


def plan_push(store: _GraphStore, graphs: dict[str, set], merge: set, default_graph: str | None,
              bar=None) -> PushPlan:
    plan = PushPlan()
    current_merge = store.get(default_graph)
    for name in sorted(graphs):
        current = store.get(name)
        (plan.new if current is None else plan.unchanged if current == graphs[name] else plan.changed).append(name)
        if bar:
            bar.advance()
    plan.removed = sorted(_described(current_merge) - set(graphs) - {default_graph or ""})
    plan.merge = "new" if not current_merge else "unchanged" if current_merge == merge else "changed"
    return plan


def push(nquads: Path, url: str, *, auth: tuple[str, str] | None = None, default_graph: str | None = None,
         dry_run: bool = False, timeout: float = 300) -> PushPlan:
    """Bring the store at ``url`` (a Graph Store endpoint) to the published dataset; the plan it
    followed (with ``dry_run`` only the plan)."""
    from kg.progress import step

    graphs, merge = read_dataset(nquads)
    store = _GraphStore(url, auth, timeout)
    try:
        with step("push", len(graphs)) as bar:
            plan = plan_push(store, graphs, merge, default_graph, bar)
        if dry_run:
            return plan
        with step("push", plan.writes) as bar:
            for name in plan.new + plan.changed:
                store.put(name, graphs[name])
                bar.advance()
            for name in plan.removed:
                store.delete(name)
                bar.advance()
            if plan.merge != "unchanged":
                store.put(default_graph, merge)
                bar.advance()
        return plan
    finally:
        store.client.close()
