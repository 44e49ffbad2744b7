"""A synthetic, ontology-shaped graph of any size, for the query and validation benchmarks.

It starts from the real published graph (dist/swf-kg.nq) and adds synthetic reports, one named
graph each, shaped like the real contributions: a source, a round-table edition with venue, host,
attendance and topics, participations of people, roles with dates, and now and then an initiative
with funding claims. Deterministic for a given size (seeded).
"""

from __future__ import annotations

import random
from pathlib import Path

BASE = "https://w3id.org/swf-kg/"
SWF = BASE + "ontology#"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
PROV = "<http://www.w3.org/ns/prov#wasDerivedFrom>"
XSD = "http://www.w3.org/2001/XMLSchema#"

__all__ = ["generate", "write_graph", "REAL_GRAPH"]

REAL_GRAPH = Path(__file__).resolve().parents[1] / "dist" / "swf-kg.nq"


def _iri(kind: str, key: str) -> str:
    return f"<{BASE}id/{kind}/{key}>"


def _lit(text: str, datatype: str | None = None, lang: str | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    if lang:
        return f'"{escaped}"@{lang}'
    if datatype:
        return f'"{escaped}"^^<{XSD}{datatype}>'
    return f'"{escaped}"'


def _swf(term: str) -> str:
    return f"<{SWF}{term}>"


def _report(rng: random.Random, n: int, municipalities: list[str], people: int) -> list[str]:
    """About 150 triples: one synthetic report on one synthetic edition."""
    g = f"<{BASE}graph/synthetic/report-{n}>"
    src = _iri("source", f"synthetic-{n}")
    event = _iri("event", f"synthetic-{n}")
    ags = rng.choice(municipalities)
    body, town = _iri("municipal-body", ags), _iri("municipality", ags)
    year = 2013 + n % 12
    date = f"{year}-{1 + n % 12:02d}-{1 + n % 28:02d}"
    quads = [
        (g, RDF_TYPE, _swf("Contribution")), (g, _swf("sourceFile"), _lit(f"synthetic/report-{n}.yaml")), (g, PROV, src),
        (src, RDF_TYPE, "<https://schema.org/NewsArticle>"), (src, LABEL, _lit(f"Bericht {n}")),
        (src, "<https://schema.org/url>", _lit(f"https://example.org/report/{n}", "anyURI")),
        (src, "<https://schema.org/datePublished>", _lit(date, "date")),
        (event, RDF_TYPE, "<https://schema.org/Event>"), (event, RDF_TYPE, _swf("RoundTableEdition")),
        (event, LABEL, _lit(f"{n + 100}. Runder Tisch")), (event, _swf("editionNumber"), _lit(str(n + 100), "integer")),
        (event, "<https://schema.org/superEvent>", _iri("event-series", "runder-tisch")),
        (event, "<https://schema.org/startDate>", _lit(date, "date")), (event, _swf("dateInferred"), _lit("false", "boolean")),
        (event, _swf("inMunicipality"), town), (event, _swf("host"), body),
        (event, "<https://schema.org/organizer>", _iri("organisation", "suedwestfalen-agentur")), (event, PROV, src),
        (event, _swf("format"), _iri("format", rng.choice(["in-person", "digital", "barcamp"]))),
    ]
    for topic in rng.sample(["social-media", "young-talent", "skilled-workers", "town-centres", "welcoming-newcomers"], 2):
        quads.append((event, "<http://purl.org/dc/terms/subject>", _iri("topic", topic)))
    for c in range(2):
        count = f"<{BASE}id/event/synthetic-{n}/count/{c}>"
        quads += [(event, _swf("attendance"), count), (count, RDF_TYPE, _swf("CountStatement")),
                  (count, _swf("countValue"), _lit(str(20 + rng.randrange(30)), "integer")),
                  (count, _swf("counts"), _iri("count-unit", "people")), (count, _swf("approximate"), _lit("true", "boolean")),
                  (count, _swf("wording"), _lit(f"rund {30 + c} Teilnehmende", lang="de")), (count, PROV, src)]
    for k in range(8):
        person_key = f"synthetic-person-{rng.randrange(people)}"
        person = _iri("person", person_key)
        part = _iri("event-participation", f"synthetic-{n}-{k}")
        quads += [(person, RDF_TYPE, "<http://xmlns.com/foaf/0.1/Person>"), (person, LABEL, _lit(f"Person {person_key[17:]}")),
                  (person, PROV, src),
                  (part, RDF_TYPE, _swf("EventParticipation")), (part, _swf("event"), event), (part, _swf("agent"), person),
                  (part, _swf("activity"), _iri("activity", rng.choice(["welcomed", "presented", "commented", "attended"]))),
                  (part, _swf("onBehalfOf"), body), (part, _swf("roleAsStated"), _lit("Wirtschaftsförderung", lang="de")),
                  (part, PROV, src)]
        if k < 3:
            membership = _iri("membership", f"synthetic-{n}-{k}")
            quads += [(membership, RDF_TYPE, "<http://www.w3.org/ns/org#Membership>"),
                      (membership, "<http://www.w3.org/ns/org#member>", person),
                      (membership, "<http://www.w3.org/ns/org#organization>", body),
                      (membership, "<http://www.w3.org/ns/org#role>", _iri("role", "economic-development-officer")),
                      (membership, _swf("roleAsStated"), _lit("Wirtschaftsförderer", lang="de")),
                      (membership, _swf("statedOn"), _lit(date, "date")), (membership, PROV, src)]
    if n % 10 == 0:
        initiative = _iri("initiative", f"synthetic-{n}")
        quads += [(initiative, RDF_TYPE, _swf("Initiative")), (initiative, RDF_TYPE, _swf("Project")),
                  (initiative, LABEL, _lit(f"Projekt {n}")), (initiative, _swf("runBy"), body),
                  (initiative, "<https://schema.org/startDate>", _lit(str(year), "gYear")), (initiative, PROV, src)]
        for f in range(2):
            claim = f"<{BASE}id/initiative/synthetic-{n}/funding/{f}>"
            quads += [(initiative, _swf("funding"), claim), (claim, RDF_TYPE, _swf("FundingClaim")),
                      (claim, _swf("amount"), _lit(str(100000 + 5000 * f), "decimal")),
                      (claim, _swf("currency"), _lit("EUR")), (claim, PROV, src)]
    return [f"{s} {p} {o} {g} .\n" for s, p, o in quads]


def generate(triples: int, base: Path = REAL_GRAPH, seed: int = 7) -> list[str]:
    """N-Quads lines: the real graph plus synthetic reports, about ``triples`` quads in all."""
    lines = base.read_text(encoding="utf-8").splitlines(keepends=True)
    municipalities = sorted({line.split("/id/municipality/")[1][:8] for line in lines
                             if "/id/municipality/" in line and line.split("/id/municipality/")[1][:8].isdigit()})
    rng = random.Random(seed)
    people = max(50, int((triples / 150) ** 0.75))
    n = 0
    while len(lines) < triples:
        lines += _report(rng, n, municipalities, people)
        n += 1
    return lines[:max(triples, len(lines))]


def write_graph(triples: int, path: Path, base: Path = REAL_GRAPH) -> Path:
    path.write_text("".join(generate(triples, base)), encoding="utf-8")
    return path
